-- Exception handlers with Oracle semantics: predefined names, PostgreSQL
-- condition names, SQLSTATE, user-defined exceptions, RAISE, re-raise,
-- RAISE_APPLICATION_ERROR, PRAGMA EXCEPTION_INIT, SQLCODE / SQLERRM, and
-- what a handled exception undoes (statement or block).
\set VERBOSITY default
CREATE TABLE acct(id int PRIMARY KEY, bal numeric CHECK (bal >= 0), owner int REFERENCES acct(id));
CREATE TABLE trail(n serial, msg text);
INSERT INTO acct VALUES (1, 100, NULL);

-- Each predefined name catches the PostgreSQL error that means the same,
-- with Oracle's SQLCODE and SQLERRM.
CREATE FUNCTION catch(what text) RETURNS text LANGUAGE plpolar AS $$
DECLARE
  n NUMBER;
  s VARCHAR2(3);
  i PLS_INTEGER;
BEGIN
  IF what = 'zero' THEN n := 1 / 0; END IF;
  IF what = 'nodata' THEN SELECT bal INTO n FROM acct WHERE id = -1; END IF;
  IF what = 'toomany' THEN SELECT bal INTO n FROM acct, generate_series(1, 2); END IF;
  IF what = 'dup' THEN INSERT INTO acct VALUES (1, 0, NULL); END IF;
  IF what = 'value' THEN s := 'abcd'; END IF;
  IF what = 'conv' THEN n := 'abc'; END IF;
  IF what = 'invnum' THEN SELECT 'abc'::numeric INTO n; END IF;
  IF what = 'overflow' THEN i := 2147483647; i := i + 1; END IF;
  IF what = 'fk' THEN INSERT INTO acct VALUES (2, 0, 99); END IF;
  IF what = 'check' THEN UPDATE acct SET bal = -1 WHERE id = 1; END IF;
  IF what = 'notnull' THEN INSERT INTO acct VALUES (NULL, 0, NULL); END IF;
  IF what = 'table' THEN EXECUTE IMMEDIATE 'SELECT * FROM no_such_table'; END IF;
  RETURN 'no error';
EXCEPTION
  WHEN ZERO_DIVIDE THEN RETURN 'ZERO_DIVIDE ' || SQLCODE || ' ' || SQLERRM;
  WHEN NO_DATA_FOUND THEN RETURN 'NO_DATA_FOUND ' || SQLCODE || ' ' || SQLERRM;
  WHEN TOO_MANY_ROWS THEN RETURN 'TOO_MANY_ROWS ' || SQLCODE || ' ' || SQLERRM;
  WHEN DUP_VAL_ON_INDEX THEN RETURN 'DUP_VAL_ON_INDEX ' || SQLCODE || ' ' || SQLERRM;
  WHEN VALUE_ERROR THEN RETURN 'VALUE_ERROR ' || SQLCODE || ' ' || SQLERRM;
  WHEN INVALID_NUMBER THEN RETURN 'INVALID_NUMBER ' || SQLCODE || ' ' || SQLERRM;
  WHEN OTHERS THEN RETURN 'OTHERS ' || SQLCODE || ' ' || SQLERRM;
END;
$$;
SELECT w, catch(w) FROM unnest(ARRAY['none', 'zero', 'nodata', 'toomany', 'dup', 'value', 'conv', 'invnum',
                                     'overflow', 'fk', 'check', 'notnull', 'table']) AS w;

-- PostgreSQL condition names, whole classes, SQLSTATE codes and OR.
CREATE FUNCTION pg_names(what int) RETURNS text LANGUAGE plpolar AS $$
DECLARE n NUMBER;
BEGIN
  IF what = 1 THEN n := 1 / 0; END IF;
  IF what = 2 THEN INSERT INTO acct VALUES (1, 0, NULL); END IF;
  IF what = 3 THEN n := power(-1, 0.5); END IF;
  IF what = 4 THEN UPDATE acct SET bal = -5; END IF;
  RETURN 'none';
EXCEPTION
  WHEN division_by_zero THEN RETURN 'division_by_zero';
  WHEN SQLSTATE '23505' THEN RETURN 'sqlstate 23505';
  WHEN data_exception THEN RETURN 'data_exception class: ' || SQLERRM;
  WHEN check_violation OR foreign_key_violation THEN RETURN 'check or fk';
END;
$$;
SELECT pg_names(1), pg_names(2), pg_names(3), pg_names(4);

-- Unknown names and bad handlers are compile errors.
CREATE FUNCTION bad_handler() RETURNS int LANGUAGE plpolar AS $$
BEGIN RETURN 1; EXCEPTION WHEN no_such_condition THEN RETURN 0; END;
$$;
CREATE FUNCTION bad_sqlstate() RETURNS int LANGUAGE plpolar AS $$
BEGIN RETURN 1; EXCEPTION WHEN SQLSTATE 'x1' THEN RETURN 0; END;
$$;
CREATE FUNCTION bad_reraise() RETURNS int LANGUAGE plpolar AS $$
BEGIN RAISE; END;
$$;

-- User-defined exceptions: RAISE e, handled by name; SQLCODE 1.
CREATE FUNCTION user_exc(raise_it boolean) RETURNS text LANGUAGE plpolar AS $$
DECLARE
  overdrawn EXCEPTION;
BEGIN
  IF raise_it THEN RAISE overdrawn; END IF;
  RETURN 'fine';
EXCEPTION
  WHEN overdrawn THEN RETURN 'overdrawn: ' || SQLCODE || ' ' || SQLERRM;
END;
$$;
SELECT user_exc(false), user_exc(true);
-- Unhandled, it reaches the client as P0001.
CREATE FUNCTION user_unhandled() RETURNS void LANGUAGE plpolar AS $$
DECLARE e_late EXCEPTION;
BEGIN
  RAISE e_late;
END;
$$;
\set VERBOSITY default
SELECT user_unhandled();
\echo :LAST_ERROR_SQLSTATE
\set VERBOSITY default
-- Another function's exception is only OTHERS here.
CREATE FUNCTION user_other() RETURNS text LANGUAGE plpolar AS $$
DECLARE x int;
BEGIN
  SELECT 1 INTO x FROM (SELECT user_unhandled()) s;
  RETURN 'no';
EXCEPTION WHEN OTHERS THEN RETURN 'other: ' || SQLCODE || ' ' || SQLERRM;
END;
$$;
SELECT user_other();

-- Predefined exceptions raised by name; PostgreSQL conditions too.
CREATE FUNCTION raise_named(what int) RETURNS text LANGUAGE plpolar AS $$
BEGIN
  IF what = 1 THEN RAISE NO_DATA_FOUND; END IF;
  IF what = 2 THEN RAISE ZERO_DIVIDE; END IF;
  IF what = 3 THEN RAISE unique_violation; END IF;
  RETURN 'none';
EXCEPTION
  WHEN NO_DATA_FOUND THEN RETURN 'ndf ' || SQLCODE || ' ' || SQLERRM;
  WHEN ZERO_DIVIDE THEN RETURN 'zd ' || SQLCODE || ' ' || SQLERRM;
  WHEN DUP_VAL_ON_INDEX THEN RETURN 'dup ' || SQLCODE;
END;
$$;
SELECT raise_named(1), raise_named(2), raise_named(3);
DO LANGUAGE plpolar $$ BEGIN RAISE ZERO_DIVIDE; END; $$;
\echo :LAST_ERROR_SQLSTATE

-- Nested blocks, handlers that raise, bare RAISE.
CREATE FUNCTION nested(what int) RETURNS text LANGUAGE plpolar AS $$
DECLARE
  e_inner EXCEPTION;
  e_outer EXCEPTION;
  trace VARCHAR2(200) := '';
BEGIN
  BEGIN
    BEGIN
      IF what = 1 THEN RAISE e_inner; END IF;
      IF what = 2 THEN RAISE e_outer; END IF;
      IF what = 3 THEN trace := 1 / 0; END IF;
      trace := trace || 'no error;';
    EXCEPTION
      WHEN e_inner THEN
        trace := trace || 'inner handled;';
      WHEN ZERO_DIVIDE THEN
        trace := trace || 'inner saw zero, re-raising;';
        RAISE;
    END;
    trace := trace || 'middle continues;';
  EXCEPTION
    WHEN e_outer THEN
      trace := trace || 'middle handled outer;';
      RAISE e_inner;  -- a handler that raises: goes to the enclosing block
  END;
  RETURN trace;
EXCEPTION
  WHEN e_inner THEN RETURN trace || 'top caught e_inner (' || SQLERRM || ')';
  WHEN ZERO_DIVIDE THEN RETURN trace || 'top caught ' || SQLERRM;
END;
$$;
SELECT nested(0);
SELECT nested(1);
SELECT nested(2);
SELECT nested(3);

-- SQLCODE and SQLERRM outside a handler, after it, nested, and SQLERRM(n).
CREATE FUNCTION codes() RETURNS text LANGUAGE plpolar AS $$
DECLARE s VARCHAR2(400);
BEGIN
  s := SQLCODE || ' [' || SQLERRM || ']';
  BEGIN
    RAISE NO_DATA_FOUND;
  EXCEPTION WHEN OTHERS THEN
    BEGIN
      RAISE ZERO_DIVIDE;
    EXCEPTION WHEN OTHERS THEN
      s := s || ' inner ' || SQLCODE;
    END;
    s := s || ' outer again ' || SQLCODE;
  END;
  s := s || ' after ' || SQLCODE;
  RETURN s || ' | ' || SQLERRM(-1476) || ' | ' || SQLERRM(-20001) || ' | ' || SQLERRM(0) || ' | ' || SQLERRM(100);
END;
$$;
SELECT codes();

-- SQLCODE and SQLERRM can be used in embedded SQL too.
CREATE FUNCTION log_error() RETURNS void LANGUAGE plpolar AS $$
BEGIN
  RAISE TOO_MANY_ROWS;
EXCEPTION WHEN OTHERS THEN
  INSERT INTO trail(msg) VALUES (SQLCODE || ': ' || SQLERRM);
END;
$$;
SELECT log_error();
SELECT msg FROM trail;
TRUNCATE trail;

-- RAISE_APPLICATION_ERROR: -20000..-20999, SQLSTATE UDnnn, SQLERRM is the
-- message; keep_errors adds the error being handled as DETAIL.
CREATE FUNCTION withdraw(amount numeric) RETURNS numeric LANGUAGE plpolar AS $$
DECLARE
  v_bal acct.bal%TYPE;
BEGIN
  SELECT bal INTO v_bal FROM acct WHERE id = 1;
  IF amount > v_bal THEN
    RAISE_APPLICATION_ERROR(-20001, 'Insufficient funds: balance ' || v_bal || ', requested ' || amount);
  END IF;
  RETURN v_bal - amount;
END;
$$;
SELECT withdraw(10);
\set VERBOSITY default
SELECT withdraw(1000);
\echo :LAST_ERROR_SQLSTATE
\set VERBOSITY default
DO LANGUAGE plpolar $$
BEGIN
  RAISE_APPLICATION_ERROR(-20999, 'last code');
END;
$$;
\echo :LAST_ERROR_SQLSTATE
CREATE FUNCTION app_caught() RETURNS text LANGUAGE plpolar AS $$
DECLARE
  insufficient EXCEPTION;
  PRAGMA EXCEPTION_INIT(insufficient, -20001);
  v NUMBER;
BEGIN
  v := withdraw(5000);  -- raised in another function
  RETURN 'no';
EXCEPTION
  WHEN insufficient THEN RETURN 'insufficient: ' || SQLCODE || ' ' || SQLERRM;
END;
$$;
SELECT app_caught();
CREATE FUNCTION keep(keep_errors boolean) RETURNS void LANGUAGE plpolar AS $$
DECLARE n NUMBER;
BEGIN
  n := 1 / 0;
EXCEPTION WHEN ZERO_DIVIDE THEN
  RAISE_APPLICATION_ERROR(-20100, 'could not compute', keep_errors);
END;
$$;
SELECT keep(false);
SELECT keep(true);
DO LANGUAGE plpolar $$ BEGIN RAISE_APPLICATION_ERROR(-1, 'bad code'); END; $$;
DO LANGUAGE plpolar $$ BEGIN RAISE_APPLICATION_ERROR(-21000, 'bad code'); END; $$;
DO LANGUAGE plpolar $$ DECLARE x int; BEGIN x := RAISE_APPLICATION_ERROR(-20000, 'x'); END; $$;
-- A PostgreSQL client (PL/pgSQL here) sees the SQLSTATE.
CREATE FUNCTION from_plpgsql() RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  PERFORM withdraw(1000);
  RETURN 'no';
EXCEPTION WHEN SQLSTATE 'UD001' THEN
  RETURN 'PL/pgSQL caught UD001: ' || SQLERRM;
END;
$$;
SELECT from_plpgsql();

-- PRAGMA EXCEPTION_INIT binds a name to an Oracle number: errors with that
-- number are caught by the name, and RAISE of the name has that SQLCODE.
CREATE FUNCTION pragma_init(what int) RETURNS text LANGUAGE plpolar AS $$
DECLARE
  parent_missing EXCEPTION;
  PRAGMA EXCEPTION_INIT(parent_missing, -2291);
  my_dup EXCEPTION;
  PRAGMA EXCEPTION_INIT(my_dup, -1);
  odd EXCEPTION;
  PRAGMA EXCEPTION_INIT(odd, -12345);
BEGIN
  IF what = 1 THEN INSERT INTO acct VALUES (3, 0, 42); END IF;
  IF what = 2 THEN INSERT INTO acct VALUES (1, 0, NULL); END IF;
  IF what = 3 THEN RAISE odd; END IF;
  IF what = 4 THEN RAISE my_dup; END IF;
  RETURN 'none';
EXCEPTION
  WHEN parent_missing THEN RETURN 'parent_missing ' || SQLCODE || ' ' || SQLERRM;
  WHEN my_dup THEN RETURN 'my_dup ' || SQLCODE || ' ' || SQLERRM;
  WHEN odd THEN RETURN 'odd ' || SQLCODE;
END;
$$;
SELECT pragma_init(1), pragma_init(2), pragma_init(3), pragma_init(4);
CREATE FUNCTION pragma_bad() RETURNS int LANGUAGE plpolar AS $$
DECLARE
  e EXCEPTION;
  PRAGMA EXCEPTION_INIT(e, 20001);
BEGIN RETURN 1; END;
$$;
CREATE FUNCTION pragma_bad() RETURNS int LANGUAGE plpolar AS $$
DECLARE
  PRAGMA EXCEPTION_INIT(nothing, -1);
BEGIN RETURN 1; END;
$$;
CREATE FUNCTION pragma_bad() RETURNS int LANGUAGE plpolar AS $$
BEGIN
  DECLARE
    PRAGMA AUTONOMOUS_TRANSACTION;
  BEGIN RETURN 1; END;
END;
$$;

-- Exceptions raised while declaring go to the enclosing block.
CREATE FUNCTION decl_error() RETURNS text LANGUAGE plpolar AS $$
BEGIN
  DECLARE
    n NUMBER := 1 / 0;
  BEGIN
    RETURN 'no';
  EXCEPTION WHEN ZERO_DIVIDE THEN RETURN 'same block';
  END;
EXCEPTION WHEN ZERO_DIVIDE THEN RETURN 'enclosing block';
END;
$$;
SELECT decl_error();

-- A handler inside a loop: each failing iteration is undone alone.
CREATE FUNCTION batch() RETURNS text LANGUAGE plpolar AS $$
DECLARE
  ok PLS_INTEGER := 0;
  bad PLS_INTEGER := 0;
BEGIN
  FOR i IN 1..10 LOOP
    BEGIN
      INSERT INTO trail(msg) VALUES ('row ' || i);
      IF MOD(i, 3) = 0 THEN
        INSERT INTO acct VALUES (1, 0, NULL);  -- duplicate key
      END IF;
      ok := ok + 1;
    EXCEPTION WHEN DUP_VAL_ON_INDEX THEN
      bad := bad + 1;
    END;
  END LOOP;
  RETURN ok || ' ok, ' || bad || ' failed';
END;
$$;
SELECT batch();
-- Oracle keeps what earlier statements of the failing block did: rows 3, 6
-- and 9 were inserted before their block failed.
SELECT count(*) AS trail_rows FROM trail;
TRUNCATE trail;

-- Statement-level rollback (default, Oracle) against block rollback
-- (plpolar.exception_rollback = block, PL/pgSQL).
CREATE FUNCTION transfer() RETURNS text LANGUAGE plpolar AS $$
BEGIN
  INSERT INTO trail(msg) VALUES ('debit');
  UPDATE acct SET bal = bal - 10 WHERE id = 1;
  INSERT INTO acct VALUES (1, 0, NULL);   -- fails
  INSERT INTO trail(msg) VALUES ('never');
  RETURN 'done';
EXCEPTION WHEN DUP_VAL_ON_INDEX THEN
  INSERT INTO trail(msg) VALUES ('handled');
  RETURN 'handled';
END;
$$;
SHOW plpolar.exception_rollback;
SELECT bal FROM acct WHERE id = 1;
SELECT transfer();
SELECT msg FROM trail ORDER BY n;
SELECT bal FROM acct WHERE id = 1;
TRUNCATE trail;
SET plpolar.exception_rollback = block;
SELECT transfer();
SELECT msg FROM trail ORDER BY n;
SELECT bal FROM acct WHERE id = 1;
RESET plpolar.exception_rollback;
TRUNCATE trail;
SET plpolar.exception_rollback = 'savepoint';

-- The failing statement's own work is undone even when it is a call of a
-- function that changed rows before failing.
CREATE FUNCTION half_done() RETURNS void LANGUAGE plpolar AS $$
BEGIN
  INSERT INTO trail(msg) VALUES ('half');
  INSERT INTO acct VALUES (1, 0, NULL);
END;
$$;
CREATE FUNCTION call_half() RETURNS text LANGUAGE plpolar AS $$
BEGIN
  INSERT INTO trail(msg) VALUES ('before');
  half_done();
  RETURN 'no';
EXCEPTION WHEN OTHERS THEN RETURN 'handled ' || SQLCODE;
END;
$$;
SELECT call_half();
SELECT msg FROM trail ORDER BY n;
TRUNCATE trail;

-- Variables keep their values: they are not rolled back.
CREATE FUNCTION vars_kept() RETURNS int LANGUAGE plpolar AS $$
DECLARE n PLS_INTEGER := 0;
BEGIN
  n := n + 1;
  INSERT INTO acct VALUES (1, 0, NULL);
  RETURN -1;
EXCEPTION WHEN OTHERS THEN RETURN n;
END;
$$;
SELECT vars_kept();

-- WHEN OTHERS does not swallow a cancel: statement_timeout still ends a
-- loop that handles every error.
CREATE FUNCTION stubborn() RETURNS void LANGUAGE plpolar AS $$
DECLARE x int;
BEGIN
  LOOP
    BEGIN
      SELECT 1 INTO x FROM pg_sleep(0.01);
    EXCEPTION WHEN OTHERS THEN NULL;
    END;
  END LOOP;
END;
$$;
SET statement_timeout = '200ms';
SELECT stubborn();
RESET statement_timeout;
-- ... but a handler naming query_canceled may.
CREATE FUNCTION cancel_caught() RETURNS text LANGUAGE plpolar AS $$
DECLARE x int;
BEGIN
  SELECT 1 INTO x FROM pg_sleep(10);
  RETURN 'slept';
EXCEPTION WHEN query_canceled THEN RETURN 'caught ' || SQLCODE || ' ' || SQLERRM;
END;
$$;
SET statement_timeout = '100ms';
SELECT cancel_caught();
RESET statement_timeout;

-- Handled errors do not pile up in memory: many in one call.
CREATE FUNCTION many_errors(n int) RETURNS int LANGUAGE plpolar AS $$
DECLARE caught PLS_INTEGER := 0; x NUMBER;
BEGIN
  FOR i IN 1..n LOOP
    BEGIN
      x := 1 / 0;
    EXCEPTION WHEN ZERO_DIVIDE THEN caught := caught + 1;
    END;
  END LOOP;
  RETURN caught;
END;
$$;
BEGIN;
SELECT many_errors(20000);
SELECT sum(total_bytes) < 1000000 AS error_memory_small
FROM pg_backend_memory_contexts WHERE name = 'plpolar errors';
COMMIT;

-- The transaction stays usable after a handled error inside it.
BEGIN;
SELECT catch('dup');
SELECT count(*) FROM acct;
COMMIT;

-- Operator errors in an assignment come back to the block by return value,
-- not by unwinding (soft errors). They must behave as any other error: the
-- first one wins, the target keeps its value, SQLCODE / SQLERRM / CONTEXT
-- are the same, an unmatched one goes on to the enclosing block or caller.
CREATE FUNCTION soft_errors() RETURNS text LANGUAGE plpolar AS $$
DECLARE
  big PLS_INTEGER := 2147483647; x PLS_INTEGER := 7; n NUMBER := 5; d NUMBER NOT NULL := 1;
  f BINARY_DOUBLE := 1; out VARCHAR2(400);
BEGIN
  BEGIN x := 1 / 0; EXCEPTION WHEN ZERO_DIVIDE THEN out := 'a:' || SQLCODE || ':' || x; END;
  BEGIN x := (big + 1) + 1 / 0; EXCEPTION WHEN OTHERS THEN out := out || ' b:' || SQLERRM; END;
  BEGIN x := 1 / 0 + (big + 1); EXCEPTION WHEN OTHERS THEN out := out || ' c:' || SQLERRM; END;
  BEGIN n := n * 2 / 0; EXCEPTION WHEN ZERO_DIVIDE THEN out := out || ' d:' || n; END;
  BEGIN d := 1 / 0; EXCEPTION WHEN OTHERS THEN out := out || ' e:' || SQLERRM; END;
  BEGIN x := -(-big - 1); EXCEPTION WHEN OTHERS THEN out := out || ' f:' || SQLERRM; END;
  BEGIN f := f / 0; EXCEPTION WHEN ZERO_DIVIDE THEN out := out || ' g:' || f; END;
  BEGIN x := CASE WHEN x > 0 THEN big * 2 ELSE 0 END; EXCEPTION WHEN OTHERS THEN out := out || ' h:' || SQLCODE; END;
  BEGIN
    BEGIN x := x / 0; EXCEPTION WHEN NO_DATA_FOUND THEN out := out || ' wrong'; END;
  EXCEPTION WHEN ZERO_DIVIDE THEN out := out || ' i:outer';
  END;
  RETURN out || ' x=' || x;
END;
$$;
SELECT soft_errors();
-- The same through C++ exceptions (one subtransaction per block, as PL/pgSQL).
SET plpolar.exception_rollback = block;
SELECT soft_errors();
RESET plpolar.exception_rollback;
CREATE FUNCTION soft_unhandled() RETURNS int LANGUAGE plpolar AS $$
DECLARE x PLS_INTEGER;
BEGIN
  BEGIN
    x := 10 / 0;
  EXCEPTION WHEN NO_DATA_FOUND THEN RETURN -1;
  END;
  RETURN x;
END;
$$;
CREATE FUNCTION hard_unhandled() RETURNS int LANGUAGE plpolar AS $$
DECLARE x PLS_INTEGER;
BEGIN
  x := 10 / 0;
  RETURN x;
END;
$$;
SELECT soft_unhandled();
SELECT hard_unhandled();
DROP FUNCTION soft_errors();
DROP FUNCTION soft_unhandled();
DROP FUNCTION hard_unhandled();
