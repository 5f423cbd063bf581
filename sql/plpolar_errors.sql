-- Errors a user can act on: syntax errors with line and column at CREATE
-- time, runtime errors with a CONTEXT line, limits that never crash.

CREATE FUNCTION syn1() RETURNS int LANGUAGE plpolar AS $$
DECLARE
  x PLS_INTEGER := 1;
BEGIN
  x := x + 1
  RETURN x;
END;
$$;
CREATE FUNCTION syn2() RETURNS int LANGUAGE plpolar AS $$
BEGIN
  IF x > 1 THEN
    NULL;
  END;
END;
$$;
CREATE FUNCTION syn3() RETURNS int LANGUAGE plpolar AS $$
BEGIN
  RETURN 1;
$$;
CREATE FUNCTION syn4() RETURNS int LANGUAGE plpolar AS $$
DECLARE
  x NUMBER := 'unterminated;
BEGIN
  RETURN 1;
END;
$$;
DO LANGUAGE plpolar $$
BEGIN
  LOOP
    NULL;
  END IF;
END;
$$;
-- Unknown type in a declaration.
CREATE FUNCTION bad_type() RETURNS int LANGUAGE plpolar AS $$
DECLARE
  x no_such_type;
BEGIN
  RETURN 1;
END;
$$;
-- Duplicate declaration.
CREATE FUNCTION dup_decl() RETURNS int LANGUAGE plpolar AS $$
DECLARE
  x int;
  X int;
BEGIN
  RETURN 1;
END;
$$;
-- Assignment to something that is not a variable.
CREATE FUNCTION assign_unknown() RETURNS int LANGUAGE plpolar AS $$
BEGIN
  nothing := 1;
  RETURN 1;
END;
$$;

-- With check_function_bodies off (as pg_dump restores), the body is
-- checked at first call instead.
SET check_function_bodies = off;
CREATE FUNCTION deferred_check() RETURNS int LANGUAGE plpolar AS $$ BEGIN RETURN 1 +; END; $$;
RESET check_function_bodies;
SELECT deferred_check();

-- Runtime errors name the function and the PL line; nested calls list
-- every frame.
CREATE FUNCTION inner_fail(n int) RETURNS int LANGUAGE plpolar AS $$
DECLARE
  x PLS_INTEGER;
BEGIN
  x := 10 / n;
  RETURN x;
END;
$$;
CREATE FUNCTION outer_call(n int) RETURNS int LANGUAGE plpolar AS $$
DECLARE
  r int;
BEGIN
  r := inner_fail(n) + 1;
  RETURN r;
END;
$$;
SELECT outer_call(0);
-- The SQLSTATE of errors from PostgreSQL survives the trip through plpolar.
\set VERBOSITY verbose
SELECT outer_call(0);
\set VERBOSITY default

-- Infinite recursion stops at max_stack_depth with an error, not a crash.
CREATE FUNCTION recurse(n int) RETURNS int LANGUAGE plpolar AS $$
BEGIN
  RETURN recurse(n + 1);
END;
$$;
\set VERBOSITY terse
SELECT recurse(1);
\set VERBOSITY default
-- The session goes on normally afterwards.
SELECT outer_call(5);

-- Pathological bodies give clean errors.
DO LANGUAGE plpolar $$ BEGIN NULL; $$;
DO $$
BEGIN
  EXECUTE format('CREATE FUNCTION deep() RETURNS int LANGUAGE plpolar AS %L',
                 'BEGIN RETURN ' || repeat('(', 10000) || '1' || repeat(')', 10000) || '; END;');
EXCEPTION WHEN OTHERS THEN
  RAISE NOTICE '% (SQLSTATE %)', SQLERRM, SQLSTATE;
END;
$$;
DO $$
BEGIN
  EXECUTE 'DO LANGUAGE plpolar ' || quote_literal('BEGIN ' || repeat('BEGIN ', 10000) || 'NULL;' || repeat(' END;', 10000) || ' END;');
EXCEPTION WHEN OTHERS THEN
  RAISE NOTICE '% (SQLSTATE %)', SQLERRM, SQLSTATE;
END;
$$;
-- NUL bytes and invalid UTF-8 never reach plpolar: PostgreSQL refuses them.
CREATE FUNCTION nul_body() RETURNS int LANGUAGE plpolar AS E'BEGIN RETURN 1; \x00 END;';
CREATE FUNCTION bad_utf8() RETURNS int LANGUAGE plpolar AS E'BEGIN RETURN 1; \xff END;';
-- Identifiers over 63 bytes are cut as PostgreSQL cuts them, so PL code and
-- embedded SQL agree on the name.
DO LANGUAGE plpolar $$
DECLARE
  a_very_long_identifier_name_that_goes_well_beyond_sixty_three_bytes_in_length NUMBER := 1;
  n NUMBER;
BEGIN
  SELECT a_very_long_identifier_name_that_goes_well_beyond_sixty_three_bytes_in_length + 1 INTO n;
  a_very_long_identifier_name_that_goes_well_beyond_sixty_three_bytes_X := n;
END;
$$;
-- Wrong argument counts, from SQL and from PL code.
CREATE FUNCTION two(a int, b int) RETURNS int LANGUAGE plpolar AS $$ BEGIN RETURN a + b; END; $$;
SELECT two(1);
SELECT two(1, 2, 3);
DO LANGUAGE plpolar $$ DECLARE x int; BEGIN x := two(1); END; $$;
-- A 1 MB body parses and runs.
DO $$
BEGIN
  EXECUTE 'CREATE FUNCTION huge() RETURNS int LANGUAGE plpolar AS '
    || quote_literal('DECLARE x PLS_INTEGER := 0; BEGIN ' || repeat('x := x + 1; ', 80000) || 'RETURN x; END;');
END;
$$;
SELECT huge(), length(prosrc) > 900000 AS big FROM pg_proc WHERE proname = 'huge';
DO LANGUAGE plpolar $$ BEGIN RAISE; END; $$;

-- A plpolar function can be called from PL/pgSQL and its errors caught there.
CREATE FUNCTION catch_it() RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  PERFORM inner_fail(0);
  RETURN 'not reached';
EXCEPTION WHEN division_by_zero THEN
  RETURN 'caught: ' || SQLERRM;
END;
$$;
SELECT catch_it();
SELECT outer_call(2);
-- Memory for copies of errors is made at load time, with blocks reserved
-- for them: the next error's context and the reserve of their parent.
SELECT name, parent, total_bytes >= 8192 AS reserved
FROM pg_backend_memory_contexts
WHERE name LIKE 'plpolar error%' AND parent = 'TopMemoryContext'
ORDER BY name;
