-- Control flow: IF/ELSIF/ELSE, LOOP, WHILE, FOR (REVERSE), EXIT/CONTINUE
-- [WHEN], labels, nested blocks, NULL, RETURN.

CREATE FUNCTION classify(n int) RETURNS text LANGUAGE plpolar AS $$
BEGIN
  IF n IS NULL THEN
    RETURN 'null';
  ELSIF n < 0 THEN
    RETURN 'negative';
  ELSIF n = 0 THEN
    RETURN 'zero';
  ELSIF n BETWEEN 1 AND 9 THEN
    RETURN 'digit';
  ELSE
    RETURN 'big';
  END IF;
END;
$$;
SELECT n, classify(n) FROM (VALUES (NULL::int), (-5), (0), (7), (42)) v(n);

-- A NULL condition is not true: neither branch of the IF runs the THEN part.
CREATE FUNCTION null_cond() RETURNS text LANGUAGE plpolar AS $$
DECLARE
  b BOOLEAN;
BEGIN
  IF b THEN RETURN 'then'; ELSE RETURN 'else'; END IF;
END;
$$;
SELECT null_cond();

-- Basic LOOP with EXIT WHEN and EXIT inside IF.
CREATE FUNCTION loop_sum(n int) RETURNS int LANGUAGE plpolar AS $$
DECLARE
  i PLS_INTEGER := 0;
  s PLS_INTEGER := 0;
BEGIN
  LOOP
    i := i + 1;
    EXIT WHEN i > n;
    s := s + i;
    IF s > 1000 THEN
      EXIT;
    END IF;
  END LOOP;
  RETURN s;
END;
$$;
SELECT loop_sum(10), loop_sum(100), loop_sum(0);

-- WHILE with CONTINUE [WHEN].
CREATE FUNCTION odd_sum(n int) RETURNS int LANGUAGE plpolar AS $$
DECLARE
  i PLS_INTEGER := 0;
  s PLS_INTEGER := 0;
BEGIN
  WHILE i < n LOOP
    i := i + 1;
    CONTINUE WHEN mod(i, 2) = 0;
    s := s + i;
  END LOOP;
  RETURN s;
END;
$$;
SELECT odd_sum(10);

-- Numeric FOR, REVERSE, bounds evaluated once, empty ranges, the index is
-- local to the loop and read-only.
CREATE FUNCTION for_forms() RETURNS text LANGUAGE plpolar AS $$
DECLARE
  r VARCHAR2(200) := '';
  hi PLS_INTEGER := 3;
  i VARCHAR2(10) := 'outer i';
BEGIN
  FOR i IN 1..hi LOOP
    r := r || i || ',';
    hi := 10;
  END LOOP;
  r := r || ' ';
  FOR i IN REVERSE 1..3 LOOP
    r := r || i || ',';
  END LOOP;
  r := r || ' ';
  FOR i IN 5..1 LOOP
    r := r || 'never';
  END LOOP;
  FOR i IN 1.6..3.4 LOOP
    r := r || i || ';';
  END LOOP;
  RETURN r || ' ' || i;
END;
$$;
SELECT for_forms();
CREATE FUNCTION for_assign() RETURNS int LANGUAGE plpolar AS $$
BEGIN
  FOR i IN 1..3 LOOP
    i := 5;
  END LOOP;
  RETURN 0;
END;
$$;
CREATE FUNCTION for_null() RETURNS int LANGUAGE plpolar AS $$
DECLARE
  n PLS_INTEGER;
BEGIN
  FOR i IN 1..n LOOP
    NULL;
  END LOOP;
  RETURN 0;
END;
$$;
SELECT for_null();

-- Labels: EXIT and CONTINUE an outer loop; END LOOP label must match.
CREATE FUNCTION labels() RETURNS text LANGUAGE plpolar AS $$
DECLARE
  r VARCHAR2(200) := '';
BEGIN
  <<outer>>
  FOR i IN 1..3 LOOP
    <<inner>>
    FOR j IN 1..3 LOOP
      CONTINUE outer WHEN j = 2 AND i = 1;
      EXIT outer WHEN i = 3;
      r := r || i || j || ' ';
    END LOOP inner;
  END LOOP outer;
  RETURN r;
END;
$$;
SELECT labels();
CREATE FUNCTION bad_label() RETURNS int LANGUAGE plpolar AS $$
BEGIN
  <<a>>
  LOOP
    EXIT;
  END LOOP b;
  RETURN 0;
END;
$$;
CREATE FUNCTION unknown_label() RETURNS int LANGUAGE plpolar AS $$
BEGIN
  LOOP
    EXIT nowhere;
  END LOOP;
  RETURN 0;
END;
$$;
CREATE FUNCTION exit_outside() RETURNS int LANGUAGE plpolar AS $$
BEGIN
  EXIT;
  RETURN 0;
END;
$$;

-- Nested blocks: own declarations, shadowing, outer names by block label,
-- re-initialisation on every entry.
CREATE FUNCTION blocks() RETURNS text LANGUAGE plpolar AS $$
<<top>>
DECLARE
  x VARCHAR2(20) := 'outer';
  r VARCHAR2(200) := '';
BEGIN
  FOR i IN 1..2 LOOP
    DECLARE
      x VARCHAR2(20) := 'inner';
      counter PLS_INTEGER := 0;
    BEGIN
      counter := counter + 1;
      r := r || x || '/' || top.x || '/' || counter || ' ';
      top.x := 'changed';
    END;
  END LOOP;
  BEGIN
    NULL;
  END;
  RETURN r || x;
END;
$$;
SELECT blocks();

-- RETURN leaves loops and blocks at once; falling off the end without a
-- RETURN is an error, RETURN without value in a function is a compile error.
CREATE FUNCTION early(n int) RETURNS int LANGUAGE plpolar AS $$
BEGIN
  LOOP
    BEGIN
      FOR i IN 1..100 LOOP
        IF i = n THEN RETURN i * 10; END IF;
      END LOOP;
      RETURN -1;
    END;
  END LOOP;
END;
$$;
SELECT early(7), early(500);
CREATE FUNCTION no_return(n int) RETURNS int LANGUAGE plpolar AS $$
BEGIN
  IF n > 0 THEN
    RETURN n;
  END IF;
END;
$$;
SELECT no_return(1);
SELECT no_return(0);
CREATE FUNCTION empty_return() RETURNS int LANGUAGE plpolar AS $$
BEGIN
  RETURN;
END;
$$;
CREATE FUNCTION void_return_value() RETURNS void LANGUAGE plpolar AS $$
BEGIN
  RETURN 1;
END;
$$;

-- Statement timeout and cancel reach loops that never touch SQL.
\set VERBOSITY terse
SET statement_timeout = '200ms';
DO LANGUAGE plpolar $$ BEGIN LOOP NULL; END LOOP; END; $$;
DO LANGUAGE plpolar $$ DECLARE i PLS_INTEGER := 0; BEGIN WHILE TRUE LOOP i := i + 1; IF i > 1000000 THEN i := 0; END IF; END LOOP; END; $$;
RESET statement_timeout;
\set VERBOSITY default
