-- Procedures: OUT and IN OUT parameters, CALL from SQL and from PL code
-- (positional, named, defaults, values bound back), COMMIT and ROLLBACK.
CREATE TABLE p_accounts (id int PRIMARY KEY, owner varchar2(20), balance numeric NOT NULL);
INSERT INTO p_accounts VALUES (1, 'ann', 100), (2, 'bob', 50);
CREATE PROCEDURE p_split(total IN numeric, half OUT numeric, rest OUT numeric) LANGUAGE plpolar AS $$
BEGIN
  half := TRUNC(total / 2);
  rest := total - half;
END;
$$;
CREATE PROCEDURE p_tag(label IN OUT VARCHAR2, suffix IN VARCHAR2 DEFAULT '!') LANGUAGE plpolar AS $$
BEGIN
  label := label || suffix;
END;
$$;
CREATE PROCEDURE p_transfer(from_id integer, to_id integer, amount numeric, new_balance OUT numeric)
LANGUAGE plpolar AS $$
BEGIN
  UPDATE p_accounts SET balance = balance - amount WHERE id = from_id RETURNING balance INTO new_balance;
  IF new_balance < 0 THEN
    RAISE_APPLICATION_ERROR(-20001, 'insufficient funds in account ' || from_id);
  END IF;
  UPDATE p_accounts SET balance = balance + amount WHERE id = to_id;
END;
$$;
-- CALL from SQL returns the OUT and IN OUT values as a row.
CALL p_split(7, NULL, NULL);
CALL p_tag('hello');
CALL p_tag('hello', '?');
CALL p_tag(suffix => '...', label => 'named');
CALL p_transfer(1, 2, 30, NULL);
CALL p_transfer(2, 1, 500, NULL);
SELECT * FROM p_accounts ORDER BY id;
\df p_*
-- From PL code: statements that bind OUT values back into variables,
-- records' fields included, with implicit conversion to their types.
CREATE FUNCTION p_use(n integer) RETURNS text LANGUAGE plpolar AS $$
DECLARE
  a NUMBER;
  b PLS_INTEGER;
  tag VARCHAR2(30) := 'x';
  acct p_accounts%ROWTYPE;
BEGIN
  p_split(n, a, b);
  p_tag(tag);
  p_tag(tag, suffix => '#');
  p_tag(label => tag);
  CALL p_tag(tag, '~');  -- PostgreSQL's spelling works too
  acct.owner := 'rec';
  p_tag(acct.owner, '*');
  p_split(total => n * 10, half => acct.balance, rest => b);
  RETURN a || ' ' || b || ' ' || tag || ' ' || acct.owner || ' ' || acct.balance;
END;
$$;
SELECT p_use(9);
-- A procedure's error reaches the caller's handler; Oracle's statement-level
-- rollback undoes only the failed call.
CREATE FUNCTION p_try(amount numeric) RETURNS text LANGUAGE plpolar AS $$
DECLARE
  nb NUMBER;
BEGIN
  p_transfer(1, 2, amount, nb);
  RETURN 'moved, ' || nb || ' left';
EXCEPTION WHEN OTHERS THEN
  RETURN 'refused: ' || SQLERRM || ' (' || SQLCODE || ')';
END;
$$;
SELECT p_try(1000);
SELECT p_try(10);
SELECT * FROM p_accounts ORDER BY id;
-- OUT arguments must be variables; IN values may be any expression.
CREATE FUNCTION p_bad_out() RETURNS int LANGUAGE plpolar AS $$
DECLARE r NUMBER;
BEGIN
  p_split(10, 5, r);
  RETURN r;
END;
$$;
SELECT p_bad_out();
CREATE FUNCTION p_ro_out() RETURNS int LANGUAGE plpolar AS $$
DECLARE r NUMBER; c CONSTANT NUMBER := 1;
BEGIN
  p_split(10, c, r);
  RETURN r;
END;
$$;
SELECT p_ro_out();
-- RETURN with a value is a compile error in a procedure.
CREATE PROCEDURE p_bad_return() LANGUAGE plpolar AS $$ BEGIN RETURN 1; END; $$;
-- A function with OUT parameters returns them as its result.
CREATE FUNCTION p_fout(n integer, doubled OUT integer, text_form OUT varchar2) LANGUAGE plpolar AS $$
BEGIN
  doubled := n * 2;
  text_form := 'n=' || n;
END;
$$;
SELECT * FROM p_fout(21);
CREATE FUNCTION p_fout1(n integer, sq OUT integer) LANGUAGE plpolar AS $$ BEGIN sq := n * n; END; $$;
SELECT p_fout1(12);

-- COMMIT and ROLLBACK: in a procedure CALLed outside a transaction block.
CREATE TABLE p_batch (i int);
CREATE PROCEDURE p_load(n integer) LANGUAGE plpolar AS $$
BEGIN
  FOR i IN 1..n LOOP
    INSERT INTO p_batch VALUES (i);
    IF MOD(i, 2) = 0 THEN
      COMMIT;
    ELSE
      ROLLBACK;
    END IF;
  END LOOP;
END;
$$;
CALL p_load(6);
SELECT * FROM p_batch ORDER BY i;
-- Through nested CALLs, and inside a cursor FOR loop (its cursor survives).
CREATE PROCEDURE p_outer() LANGUAGE plpolar AS $$
DECLARE
  seen NUMBER := 0;
BEGIN
  p_load(2);
  FOR r IN (SELECT i FROM p_batch ORDER BY i) LOOP
    seen := seen + 1;
    INSERT INTO p_batch VALUES (100 + r.i);
    COMMIT;
  END LOOP;
  INSERT INTO p_batch VALUES (-seen);
  COMMIT;
END;
$$;
CALL p_outer();
SELECT count(*), min(i), max(i) FROM p_batch;
-- DO blocks outside a transaction block may commit too.
DO LANGUAGE plpolar $$ BEGIN DELETE FROM p_batch WHERE i > 0; COMMIT; END $$;
SELECT * FROM p_batch;
-- Where PostgreSQL forbids it: inside a transaction block, in a function,
-- in an exception handler, in a block with handlers that runs the CALL in a
-- subtransaction.
BEGIN;
CALL p_load(1);
ROLLBACK;
CREATE FUNCTION p_fcommit() RETURNS int LANGUAGE plpolar AS $$ BEGIN COMMIT; RETURN 1; END; $$;
SELECT p_fcommit();
CREATE PROCEDURE p_handler_commit() LANGUAGE plpolar AS $$
BEGIN
  NULL;
EXCEPTION WHEN OTHERS THEN
  COMMIT;
END;
$$;
CREATE PROCEDURE p_protected() LANGUAGE plpolar AS $$
BEGIN
  p_load(2);
EXCEPTION WHEN OTHERS THEN
  RAISE;
END;
$$;
CALL p_protected();
-- A handler may call a procedure that commits; the error it handles survives.
CREATE PROCEDURE p_after_error() LANGUAGE plpolar AS $$
BEGIN
  INSERT INTO p_batch VALUES (1 / 0);
EXCEPTION WHEN ZERO_DIVIDE THEN
  p_load(2);
  INSERT INTO p_batch VALUES (SQLCODE);
END;
$$;
CALL p_after_error();
SELECT * FROM p_batch ORDER BY i;
-- A function stays atomic even when a non-atomic procedure calls it: the
-- procedure it calls cannot commit.
CREATE FUNCTION p_fn_commits() RETURNS int LANGUAGE plpolar AS $$ BEGIN p_load(2); RETURN 1; END; $$;
CREATE PROCEDURE p_nonatomic_caller() LANGUAGE plpolar AS $$
DECLARE x PLS_INTEGER;
BEGIN
  x := p_fn_commits();
END;
$$;
CALL p_nonatomic_caller();
DROP FUNCTION p_fn_commits;
DROP PROCEDURE p_nonatomic_caller;
DROP PROCEDURE p_split, p_tag, p_transfer, p_load, p_outer, p_protected, p_after_error;
DROP FUNCTION p_use, p_try, p_bad_out, p_ro_out, p_fout, p_fout1, p_fcommit;
DROP TABLE p_accounts, p_batch;

-- A caller compiled while the procedure did not exist yet calls it once it
-- does (the statement becomes a CALL after the catalog changes).
CREATE FUNCTION p_early() RETURNS text LANGUAGE plpolar AS $$
DECLARE t VARCHAR2(20) := 'early';
BEGIN
  p_late(t);
  RETURN t;
END;
$$;
SELECT p_early();
CREATE PROCEDURE p_late(x IN OUT varchar2) LANGUAGE plpolar AS $$ BEGIN x := x || ' then late'; END; $$;
SELECT p_early();
DROP FUNCTION p_early;
DROP PROCEDURE p_late;
