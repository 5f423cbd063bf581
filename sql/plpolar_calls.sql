-- plpolar functions calling plpolar functions. A bare call runs the callee
-- directly (no SQL round trip); everything fmgr would do differently keeps
-- the SQL path. Either way the caller sees what PostgreSQL would show.
CREATE TABLE c_rows (v int);
-- STRICT: a NULL argument gives NULL without running the body.
CREATE FUNCTION c_strict(x integer) RETURNS integer LANGUAGE plpolar STRICT AS $$
BEGIN
  RAISE_APPLICATION_ERROR(-20001, 'must not run');
END;
$$;
CREATE FUNCTION c_calls_strict() RETURNS text LANGUAGE plpolar AS $$
DECLARE n PLS_INTEGER;
BEGIN
  RETURN NVL(TO_CHAR(c_strict(n)), 'null without a call');
END;
$$;
SELECT c_calls_strict();
-- The callee's own exceptions mean nothing to the caller: a declared
-- exception of the caller does not catch one of the callee's (same position
-- in their declarations), OTHERS does, as "User-Defined Exception".
CREATE FUNCTION c_raises(x integer) RETURNS integer LANGUAGE plpolar AS $$
DECLARE
  mine EXCEPTION;
BEGIN
  INSERT INTO c_rows VALUES (x);
  IF x > 0 THEN RAISE mine; END IF;
  IF x < 0 THEN RAISE_APPLICATION_ERROR(-20007, 'negative: ' || x); END IF;
  RETURN x;
END;
$$;
CREATE FUNCTION c_catches(x integer) RETURNS text LANGUAGE plpolar AS $$
DECLARE
  theirs EXCEPTION;
  r PLS_INTEGER;
BEGIN
  BEGIN
    r := c_raises(x);
    RETURN 'returned ' || r;
  EXCEPTION
    WHEN theirs THEN RETURN 'wrongly caught as the caller''s exception';
  END;
EXCEPTION WHEN OTHERS THEN
  RETURN SQLCODE || ' ' || SQLERRM;
END;
$$;
SELECT c_catches(0), c_catches(5), c_catches(-3);
-- The failed calls' inserts were undone with them; the successful one stays.
SELECT * FROM c_rows;
-- A STABLE callee sees the caller's earlier changes.
CREATE FUNCTION c_count() RETURNS bigint LANGUAGE plpolar STABLE AS $$
DECLARE n BIGINT;
BEGIN
  SELECT count(*) INTO n FROM c_rows;
  RETURN n;
END;
$$;
CREATE FUNCTION c_insert_then_count() RETURNS text LANGUAGE plpolar AS $$
DECLARE before BIGINT;
BEGIN
  before := c_count();
  INSERT INTO c_rows VALUES (100);
  RETURN before || ' -> ' || c_count();
END;
$$;
SELECT c_insert_then_count();
-- SECURITY DEFINER and SET clauses keep PostgreSQL's call path.
CREATE ROLE c_owner;
CREATE ROLE c_caller;
CREATE FUNCTION c_whoami() RETURNS text LANGUAGE plpolar SECURITY DEFINER AS $$ BEGIN RETURN current_user; END; $$;
ALTER FUNCTION c_whoami() OWNER TO c_owner;
CREATE FUNCTION c_setting() RETURNS text LANGUAGE plpolar SET plpolar.nls_date_format = 'DD/MM/YYYY' AS $$
BEGIN
  RETURN TO_CHAR(DATE '2024-02-29');
END;
$$;
CREATE FUNCTION c_asks() RETURNS text LANGUAGE plpolar AS $$
BEGIN
  RETURN current_user || ' calls a definer function run as ' || c_whoami() || '; setting inside: ' || c_setting() ||
         ', outside: ' || TO_CHAR(DATE '2024-02-29');
END;
$$;
GRANT EXECUTE ON FUNCTION c_asks() TO c_caller;
SET ROLE c_caller;
SELECT c_asks();
RESET ROLE;
-- An error in the callee names both functions, innermost first.
CREATE FUNCTION c_divide(a integer, b integer) RETURNS numeric LANGUAGE plpolar AS $$
BEGIN
  RETURN a / b;
END;
$$;
CREATE FUNCTION c_outer() RETURNS numeric LANGUAGE plpolar AS $$
BEGIN
  RETURN c_divide(1, 0);
END;
$$;
SELECT c_outer();
-- Arguments that need a conversion (integer to numeric) go through PostgreSQL.
CREATE FUNCTION c_half(x numeric) RETURNS numeric LANGUAGE plpolar AS $$ BEGIN RETURN x / 2; END; $$;
CREATE FUNCTION c_halves() RETURNS text LANGUAGE plpolar AS $$
DECLARE i PLS_INTEGER := 9; n NUMBER := 9;
BEGIN
  RETURN c_half(i) || ' ' || c_half(n) || ' ' || c_divide(i, 2);
END;
$$;
SELECT c_halves();
-- Functions with OUT parameters return them through PostgreSQL's path.
CREATE FUNCTION c_out(n integer, twice OUT integer) LANGUAGE plpolar AS $$ BEGIN twice := 2 * n; END; $$;
CREATE FUNCTION c_uses_out() RETURNS integer LANGUAGE plpolar AS $$ DECLARE k PLS_INTEGER := 21; BEGIN RETURN c_out(k); END; $$;
SELECT c_uses_out();
-- Nor do functions that read the session variables (the handler binds them).
CREATE FUNCTION c_who() RETURNS text LANGUAGE plpolar AS $$ BEGIN RETURN polar_login_user; END; $$;
CREATE FUNCTION c_asks_who() RETURNS boolean LANGUAGE plpolar AS $$ BEGIN RETURN c_who() = session_user; END; $$;
SELECT c_asks_who();
DROP FUNCTION c_strict, c_calls_strict, c_raises, c_catches, c_count, c_insert_then_count, c_whoami, c_setting,
  c_asks, c_divide, c_outer, c_half, c_halves, c_out, c_uses_out, c_who, c_asks_who;
DROP ROLE c_owner;
DROP ROLE c_caller;
DROP TABLE c_rows;

-- A directly called function replaced in the session: the caller's next
-- call runs the new body (the cache re-checks pg_proc after any change).
CREATE FUNCTION cache_callee(x int) RETURNS int LANGUAGE plpolar AS $$ BEGIN RETURN x + 1; END; $$;
CREATE FUNCTION cache_caller(n int) RETURNS int LANGUAGE plpolar AS $$
DECLARE s PLS_INTEGER := 0;
BEGIN
  FOR i IN 1..n LOOP s := cache_callee(s); END LOOP;
  RETURN s;
END;
$$;
SELECT cache_caller(10);
CREATE OR REPLACE FUNCTION cache_callee(x int) RETURNS int LANGUAGE plpolar AS $$ BEGIN RETURN x + 100; END; $$;
SELECT cache_caller(10);
BEGIN;
CREATE OR REPLACE FUNCTION cache_callee(x int) RETURNS int LANGUAGE plpolar AS $$ BEGIN RETURN x - 1; END; $$;
SELECT cache_caller(10);
ROLLBACK;
SELECT cache_caller(10);
DROP FUNCTION cache_caller(int);
DROP FUNCTION cache_callee(int);

-- A function of no arguments called without parentheses in embedded SQL, as
-- Oracle allows (f, schema.f, pkg.f): when no column or variable has the
-- name. An unqualified name is not taken for a pg_catalog function.
CREATE FUNCTION calls_rate() RETURNS numeric LANGUAGE plpolar AS $$ BEGIN RETURN 0.5; END $$;
CREATE SCHEMA calls_pkgish;
CREATE FUNCTION calls_pkgish.base() RETURNS int LANGUAGE plpolar AS $$ BEGIN RETURN 40; END $$;
CREATE PROCEDURE calls_show(n int) LANGUAGE plpolar AS $$ BEGIN RAISE_APPLICATION_ERROR(-20001, 'got ' || n); END $$;
SET plpolar.serveroutput = on;
DO LANGUAGE plpolar $$
DECLARE x NUMBER;
BEGIN
  SELECT calls_rate * 4 + calls_pkgish.base INTO x FROM dual;
  DBMS_OUTPUT.PUT_LINE('without parentheses: ' || x);
END $$;
DO LANGUAGE plpolar $$ BEGIN calls_show(calls_pkgish.base); END $$;
DO LANGUAGE plpolar $$ DECLARE x NUMBER; BEGIN SELECT pi INTO x FROM dual; END $$;
RESET plpolar.serveroutput;
DROP PROCEDURE calls_show(int);
DROP FUNCTION calls_rate();
DROP SCHEMA calls_pkgish CASCADE;
