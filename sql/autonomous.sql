-- PRAGMA AUTONOMOUS_TRANSACTION: units that run in a transaction of their
-- own (a background worker of the session), as in Oracle.
SET plpolar.serveroutput = on;
CREATE TABLE audit_log(id serial PRIMARY KEY, msg text, who text DEFAULT current_user);

-- The audit procedure: its row stays whatever the caller does next.
CREATE PROCEDURE log_msg(m IN varchar2) LANGUAGE plpolar AS $$
DECLARE
  PRAGMA AUTONOMOUS_TRANSACTION;
BEGIN
  INSERT INTO audit_log(msg) VALUES (m);
  COMMIT;
END;
$$;
BEGIN;
CALL log_msg('kept');
INSERT INTO audit_log(msg) VALUES ('rolled back with the caller');
ROLLBACK;
SELECT msg FROM audit_log ORDER BY id;

-- Its own snapshot: the caller's uncommitted rows are not visible to it,
-- and the caller sees what it committed.
CREATE FUNCTION count_and_log(tag text) RETURNS text LANGUAGE plpolar AS $$
DECLARE
  PRAGMA AUTONOMOUS_TRANSACTION;
  n integer;
BEGIN
  SELECT count(*) INTO n FROM audit_log;
  INSERT INTO audit_log(msg) VALUES (tag);
  COMMIT;
  RETURN tag || ' saw ' || n;
END;
$$;
BEGIN;
INSERT INTO audit_log(msg) VALUES ('uncommitted');
SELECT count_and_log('a') AS first, count_and_log('b') AS second;
SELECT count(*) AS caller_sees FROM audit_log;
ROLLBACK;
SELECT msg FROM audit_log ORDER BY id;

-- The audit pattern: a BEFORE ROW trigger logs, the statement fails, the
-- log row stays.
CREATE TABLE accounts(id int PRIMARY KEY, balance number CHECK (balance >= 0));
INSERT INTO accounts VALUES (1, 100);
CREATE FUNCTION accounts_audit() RETURNS trigger LANGUAGE plpolar AS $$
BEGIN
  log_msg('update of ' || :OLD.id || ' to ' || :NEW.balance);
  RETURN NEW;
END;
$$;
CREATE TRIGGER accounts_audit BEFORE UPDATE ON accounts FOR EACH ROW EXECUTE FUNCTION accounts_audit();
UPDATE accounts SET balance = -5 WHERE id = 1;
SELECT balance FROM accounts;
SELECT msg FROM audit_log WHERE msg LIKE 'update%';

-- Forgetting COMMIT or ROLLBACK: ORA-06519, and the work is undone.
CREATE FUNCTION forgets() RETURNS int LANGUAGE plpolar AS $$
DECLARE
  PRAGMA AUTONOMOUS_TRANSACTION;
BEGIN
  INSERT INTO audit_log(msg) VALUES ('forgotten');
  RETURN 1;
END;
$$;
SELECT forgets();
DO LANGUAGE plpolar $$
BEGIN
  IF forgets() = 1 THEN NULL; END IF;
EXCEPTION WHEN OTHERS THEN
  DBMS_OUTPUT.PUT_LINE('SQLCODE ' || SQLCODE || ': ' || SQLERRM);
END;
$$;
SELECT count(*) AS forgotten_rows FROM audit_log WHERE msg = 'forgotten';
-- ROLLBACK ends it too; reading only needs neither.
CREATE FUNCTION undoes() RETURNS int LANGUAGE plpolar AS $$
DECLARE
  PRAGMA AUTONOMOUS_TRANSACTION;
  n integer;
BEGIN
  INSERT INTO audit_log(msg) VALUES ('undone');
  ROLLBACK;
  SELECT count(*) INTO n FROM audit_log WHERE msg = 'undone';
  RETURN n;
END;
$$;
SELECT undoes();

-- Errors come back with their SQLCODE, SQLERRM and CONTEXT, as from an
-- ordinary call; the worker's work is rolled back.
CREATE PROCEDURE fails(n IN number) LANGUAGE plpolar AS $$
DECLARE
  PRAGMA AUTONOMOUS_TRANSACTION;
  x number;
BEGIN
  INSERT INTO audit_log(msg) VALUES ('before failing ' || n);
  IF n = 1 THEN RAISE_APPLICATION_ERROR(-20042, 'custom failure'); END IF;
  IF n = 2 THEN x := 1 / 0; END IF;
  IF n = 3 THEN SELECT 1 INTO x FROM audit_log WHERE false; END IF;
  COMMIT;
END;
$$;
DO LANGUAGE plpolar $$
BEGIN
  BEGIN fails(1); EXCEPTION WHEN OTHERS THEN DBMS_OUTPUT.PUT_LINE(SQLCODE || ' ' || SQLERRM); END;
  BEGIN fails(2); EXCEPTION WHEN ZERO_DIVIDE THEN DBMS_OUTPUT.PUT_LINE('ZERO_DIVIDE ' || SQLCODE); END;
  BEGIN fails(3); EXCEPTION WHEN NO_DATA_FOUND THEN DBMS_OUTPUT.PUT_LINE('NO_DATA_FOUND ' || SQLCODE); END;
END;
$$;
CALL fails(2);
SELECT count(*) AS failed_rows FROM audit_log WHERE msg LIKE 'before failing%';

-- Arguments and results round-trip exactly: NULL, NaN, long text, IN OUT,
-- OUT, a row type, a collection.
CREATE TYPE pair AS (a int, b text);
CREATE PROCEDURE echo(n IN OUT number, t IN OUT varchar2, d IN date, p IN OUT pair, s OUT varchar2) LANGUAGE plpolar AS $$
DECLARE
  PRAGMA AUTONOMOUS_TRANSACTION;
BEGIN
  s := CASE WHEN n IS NULL THEN 'null' ELSE 'n=' || n END || ' len=' || LENGTH(t) || ' d=' || TO_CHAR(d, 'YYYY-MM-DD');
  n := n * 2;
  t := UPPER(SUBSTR(t, 1, 3)) || LENGTH(t);
  p.a := p.a + 1;
  p.b := p.b || '!';
END;
$$;
CALL echo(-0.5, repeat('x', 100000), DATE '2026-12-07', ROW(1, 'p')::pair, NULL);
CALL echo(NULL, NULL, NULL, NULL, NULL);
CALL echo(123456789012345678901234567890.123456789, 'abc', NULL, ROW(NULL, NULL)::pair, NULL);
CREATE PROCEDURE halve(f IN OUT double precision, r IN OUT real) LANGUAGE plpolar AS $$
DECLARE
  PRAGMA AUTONOMOUS_TRANSACTION;
BEGIN
  f := f / 2;
  r := r * 2;
END;
$$;
CALL halve('NaN', 'Infinity');
CALL halve('-Infinity', 'NaN');
CALL halve(1e-300, 1.5);
CALL halve(NULL, NULL);
CREATE FUNCTION same_float(x double precision) RETURNS double precision LANGUAGE plpolar AS $$
DECLARE
  PRAGMA AUTONOMOUS_TRANSACTION;
BEGIN
  RETURN x;
END;
$$;
SELECT same_float('NaN') AS nan, same_float('-0') AS minus_zero, same_float(4.9e-324) = 4.9e-324 AS tiny;
CREATE FUNCTION big_text(n int) RETURNS text LANGUAGE plpolar AS $$
DECLARE
  PRAGMA AUTONOMOUS_TRANSACTION;
BEGIN
  RETURN RPAD('y', n, 'z');
END;
$$;
SELECT length(big_text(500000)), md5(big_text(500000)) = md5(rpad('y', 500000, 'z')) AS same;
CREATE FUNCTION row_result(i int) RETURNS pair LANGUAGE plpolar AS $$
DECLARE
  PRAGMA AUTONOMOUS_TRANSACTION;
  r pair;
BEGIN
  r.a := i; r.b := 'row ' || i;
  RETURN r;
END;
$$;
SELECT (row_result(4)).*, row_result(NULL);
SELECT action FROM plpolar.exec('CREATE TYPE num_list AS TABLE OF NUMBER');
CREATE PROCEDURE sum_list(l IN num_list, total OUT number, extra OUT num_list) LANGUAGE plpolar AS $$
DECLARE
  PRAGMA AUTONOMOUS_TRANSACTION;
BEGIN
  total := 0;
  FOR i IN 1 .. l.COUNT LOOP total := total + l(i); END LOOP;
  extra := l;
  extra.EXTEND;
  extra(extra.COUNT) := total;
END;
$$;
CALL sum_list(num_list(1, 2.5, 4), NULL, NULL);
DO LANGUAGE plpolar $$
DECLARE
  t number;
  e num_list;
BEGIN
  sum_list(num_list(10, 20), t, e);
  DBMS_OUTPUT.PUT_LINE(t || ' ' || e.COUNT || ' ' || e(3));
END;
$$;

-- DBMS_OUTPUT of the autonomous unit goes to the session's buffer.
CREATE PROCEDURE says(m varchar2) LANGUAGE plpolar AS $$
DECLARE
  PRAGMA AUTONOMOUS_TRANSACTION;
BEGIN
  DBMS_OUTPUT.PUT('autonomous ');
  DBMS_OUTPUT.PUT_LINE(m);
END;
$$;
DO LANGUAGE plpolar $$
BEGIN
  DBMS_OUTPUT.PUT('caller, ');
  says('speaks');
  DBMS_OUTPUT.PUT_LINE('caller again');
END;
$$;

-- Functions are callable from SQL, plpolar calls them directly, and an
-- anonymous block can be autonomous itself.
SELECT count_and_log('from sql') IS NOT NULL AS called;
DO LANGUAGE plpolar $$
DECLARE
  PRAGMA AUTONOMOUS_TRANSACTION;
BEGIN
  INSERT INTO audit_log(msg) VALUES ('autonomous block');
  COMMIT;
  DBMS_OUTPUT.PUT_LINE('block committed');
END;
$$;
BEGIN;
DO LANGUAGE plpolar $$
DECLARE
  PRAGMA AUTONOMOUS_TRANSACTION;
BEGIN
  INSERT INTO audit_log(msg) VALUES ('block inside a transaction');
  COMMIT;
END;
$$;
ROLLBACK;
SELECT msg FROM audit_log WHERE msg LIKE '%block%' ORDER BY id;
SELECT plpolar.exec($$
DECLARE
  PRAGMA AUTONOMOUS_TRANSACTION;
BEGIN
  INSERT INTO audit_log(msg) VALUES ('script block');
  COMMIT;
END;
$$) IS NOT NULL AS ran;

-- Nested autonomous calls: each one its own transaction.
CREATE FUNCTION nest(d int) RETURNS int LANGUAGE plpolar AS $$
DECLARE
  PRAGMA AUTONOMOUS_TRANSACTION;
  r int := 0;
BEGIN
  INSERT INTO audit_log(msg) VALUES ('nest ' || d);
  COMMIT;
  IF d > 1 THEN r := nest(d - 1); END IF;
  RETURN r + 1;
END;
$$;
BEGIN;
SELECT nest(3);
ROLLBACK;
SELECT msg FROM audit_log WHERE msg LIKE 'nest%' ORDER BY id;
-- Deeper than the workers there are: a clear error, never a hang.
DO LANGUAGE plpolar $$
BEGIN
  DBMS_OUTPUT.PUT_LINE(nest(50));
EXCEPTION WHEN OTHERS THEN
  DBMS_OUTPUT.PUT_LINE(SQLERRM);
END;
$$;

-- 200 calls in one transaction that then rolls back.
BEGIN;
DO LANGUAGE plpolar $$
BEGIN
  FOR i IN 1 .. 200 LOOP log_msg('batch ' || i); END LOOP;
END;
$$;
ROLLBACK;
SELECT count(*) AS batch_rows FROM audit_log WHERE msg LIKE 'batch%';

-- A lock conflict with the caller is a deadlock PostgreSQL reports
-- (ORA-00060), promptly.
SET deadlock_timeout = '50ms';
CREATE PROCEDURE bump(i int) LANGUAGE plpolar AS $$
DECLARE
  PRAGMA AUTONOMOUS_TRANSACTION;
BEGIN
  UPDATE accounts SET balance = balance + 1 WHERE id = i;
  COMMIT;
END;
$$;
DO LANGUAGE plpolar $$
BEGIN
  UPDATE accounts SET balance = balance + 10 WHERE id = 1;
  bump(1);
EXCEPTION WHEN OTHERS THEN
  DBMS_OUTPUT.PUT_LINE('SQLCODE ' || SQLCODE || ': ' || SQLERRM);
END;
$$;
-- The caller's handler kept its own update; the autonomous one is gone.
SELECT balance FROM accounts;
-- No conflict, no wait.
CALL bump(1);
SELECT balance FROM accounts;
RESET deadlock_timeout;

-- statement_timeout and cancel reach the autonomous part: it stops, its
-- work is undone, and the next call gets a fresh worker.
CREATE PROCEDURE spins() LANGUAGE plpolar AS $$
DECLARE
  PRAGMA AUTONOMOUS_TRANSACTION;
BEGIN
  INSERT INTO audit_log(msg) VALUES ('spinning');
  LOOP NULL; END LOOP;
END;
$$;
SET statement_timeout = '200ms';
CALL spins();
RESET statement_timeout;
SELECT count(*) AS spinning_rows FROM audit_log WHERE msg = 'spinning';
CALL log_msg('after the timeout');
SELECT count(*) FROM audit_log WHERE msg = 'after the timeout';

-- It runs as the calling user, with the caller's settings and path.
CREATE ROLE auto_alice;
CREATE ROLE auto_bob;
CREATE SCHEMA auto_s;
GRANT USAGE, CREATE ON SCHEMA auto_s TO auto_alice, auto_bob;
CREATE TABLE auto_s.seen(cu text, su text, path text, mem text);
GRANT INSERT, SELECT ON auto_s.seen TO auto_alice, auto_bob;
SET ROLE auto_alice;
CREATE PROCEDURE auto_s.note() LANGUAGE plpolar AS $$
DECLARE
  PRAGMA AUTONOMOUS_TRANSACTION;
BEGIN
  INSERT INTO auto_s.seen VALUES (current_user, session_user = current_user, current_setting('search_path'),
                                  current_setting('work_mem'));
  COMMIT;
END;
$$;
CREATE FUNCTION auto_s.as_alice() RETURNS int LANGUAGE plpolar SECURITY DEFINER
  SET search_path = auto_s, pg_catalog AS $$
BEGIN
  auto_s.note;
  RETURN 1;
END;
$$;
GRANT EXECUTE ON PROCEDURE auto_s.note() TO auto_bob;
RESET ROLE;
SET ROLE auto_bob;
SET work_mem = '7MB';
SET search_path = auto_s, public;
CALL auto_s.note();
SELECT auto_s.as_alice();
-- Never more: bob cannot write where he could not write himself.
RESET ROLE;
CREATE TABLE auto_s.private(x int);
SET ROLE auto_bob;
CREATE PROCEDURE auto_s.sneaky() LANGUAGE plpolar AS $$
DECLARE
  PRAGMA AUTONOMOUS_TRANSACTION;
BEGIN
  INSERT INTO auto_s.private VALUES (1);
  COMMIT;
END;
$$;
CALL auto_s.sneaky();
RESET ROLE;
RESET work_mem;
RESET search_path;
SELECT * FROM auto_s.seen;

-- Package subprograms: called from SQL, from other units and from inside
-- the package. The worker has the package's state of its own.
SELECT action FROM plpolar.exec($$
CREATE OR REPLACE PACKAGE logger AS
  g_calls PLS_INTEGER := 0;
  PROCEDURE log(p_lvl VARCHAR2, p_msg VARCHAR2);
  PROCEDURE log_out(p_msg VARCHAR2, p_n OUT NUMBER, p_io IN OUT VARCHAR2);
  FUNCTION logged(p_msg VARCHAR2) RETURN NUMBER;
  PROCEDURE error(p_msg VARCHAR2);
END logger;
/
CREATE OR REPLACE PACKAGE BODY logger AS
  PROCEDURE log(p_lvl VARCHAR2, p_msg VARCHAR2) IS
    PRAGMA AUTONOMOUS_TRANSACTION;
  BEGIN
    g_calls := g_calls + 1;
    INSERT INTO audit_log(msg) VALUES (p_lvl || ': ' || p_msg);
    COMMIT;
  END log;
  PROCEDURE log_out(p_msg VARCHAR2, p_n OUT NUMBER, p_io IN OUT VARCHAR2) IS
    PRAGMA AUTONOMOUS_TRANSACTION;
  BEGIN
    INSERT INTO audit_log(msg) VALUES ('OUT: ' || p_msg);
    COMMIT;
    SELECT count(*) INTO p_n FROM audit_log WHERE msg LIKE '%: ' || p_msg;
    p_io := p_io || '+';
  END log_out;
  FUNCTION logged(p_msg VARCHAR2) RETURN NUMBER IS
    PRAGMA AUTONOMOUS_TRANSACTION;
    n NUMBER;
  BEGIN
    INSERT INTO audit_log(msg) VALUES ('F: ' || p_msg);
    COMMIT;
    SELECT count(*) INTO n FROM audit_log WHERE msg LIKE '%: ' || p_msg;
    RETURN n;
  END logged;
  PROCEDURE error(p_msg VARCHAR2) IS
    n NUMBER;
    s VARCHAR2(10) := 'io';
  BEGIN
    log('ERROR', p_msg);
    log_out(p_msg, n, s);
    DBMS_OUTPUT.PUT_LINE('n=' || n || ' s=' || s || ' f=' || logged(p_msg));
  END error;
END logger;
/
$$);
BEGIN;
CALL logger.log('INFO', 'pkg from sql');
SELECT logger.logged('pkg from sql') AS logged;
DO LANGUAGE plpolar $$
BEGIN
  logger.log('INFO', 'pkg from a block');
  DBMS_OUTPUT.PUT_LINE('f=' || logger.logged('pkg from a block') || ' caller''s g_calls=' || logger.g_calls);
END;
$$;
CALL logger.error('pkg inside');
ROLLBACK;
SELECT msg FROM audit_log WHERE msg LIKE '%pkg%' ORDER BY id;

-- Where Oracle refuses the pragma, and what is not supported yet.
CREATE FUNCTION misplaced() RETURNS int LANGUAGE plpolar AS $$
BEGIN
  DECLARE
    PRAGMA AUTONOMOUS_TRANSACTION;
  BEGIN
    RETURN 1;
  END;
END;
$$;
CREATE FUNCTION with_args() RETURNS int LANGUAGE plpolar AS $$
DECLARE
  PRAGMA AUTONOMOUS_TRANSACTION(1);
BEGIN
  RETURN 1;
END;
$$;
CREATE FUNCTION nested_one() RETURNS int LANGUAGE plpolar AS $$
DECLARE
  PROCEDURE inner_log IS
    PRAGMA AUTONOMOUS_TRANSACTION;
  BEGIN
    NULL;
  END;
BEGIN
  inner_log;
  RETURN 1;
END;
$$;
-- USERENV in the autonomous unit is the calling session's.
CREATE FUNCTION same_session() RETURNS text LANGUAGE plpolar AS $$
DECLARE
  PRAGMA AUTONOMOUS_TRANSACTION;
BEGIN
  RETURN SYS_CONTEXT('USERENV', 'SID') || ' ' || SYS_CONTEXT('USERENV', 'SESSIONID') || ' ' ||
         NVL(SYS_CONTEXT('USERENV', 'MODULE'), '-') || ' ' || NVL(SYS_CONTEXT('USERENV', 'CLIENT_IDENTIFIER'), '-') ||
         ' ' || (pg_backend_pid() = SYS_CONTEXT('USERENV', 'SID'));
END;
$$;
DO LANGUAGE plpolar $$
BEGIN
  DBMS_APPLICATION_INFO.SET_MODULE('audit app', 'testing');
  DBMS_SESSION.SET_IDENTIFIER('client 42');
  IF same_session() = SYS_CONTEXT('USERENV', 'SID') || ' ' || SYS_CONTEXT('USERENV', 'SESSIONID') ||
                      ' audit app client 42 false' THEN
    DBMS_OUTPUT.PUT_LINE('the caller''s session');
  ELSE
    DBMS_OUTPUT.PUT_LINE('another session: ' || same_session());
  END IF;
END;
$$;
-- A DDL event trigger's command lives in the caller only.
CREATE FUNCTION on_ddl() RETURNS event_trigger LANGUAGE plpolar AS $$
DECLARE
  PRAGMA AUTONOMOUS_TRANSACTION;
BEGIN
  INSERT INTO audit_log(msg) VALUES ('ddl');
  COMMIT;
END;
$$;
CREATE EVENT TRIGGER on_ddl ON ddl_command_end EXECUTE FUNCTION on_ddl();
CREATE TABLE ddl_probe(x int);
DROP EVENT TRIGGER on_ddl;

-- Trigger bodies: the firing's rows and event go to the worker, a BEFORE
-- ROW trigger's changes to :NEW come back; the worker does not see the
-- triggering statement's rows, and its log stays when the statement fails.
CREATE TABLE wallets(id int PRIMARY KEY, bal number CHECK (bal >= 0), note varchar2(20));
CREATE FUNCTION wallets_audit() RETURNS trigger LANGUAGE plpolar AS $$
DECLARE
  PRAGMA AUTONOMOUS_TRANSACTION;
  n integer;
  what varchar2(200);
BEGIN
  SELECT count(*) INTO n FROM wallets;
  what := CASE WHEN INSERTING THEN 'I' WHEN UPDATING THEN 'U' ELSE 'D' END || ' ' || COALESCE(:NEW.id, :OLD.id) ||
          ' ' || :OLD.bal || '->' || :NEW.bal || ' sees ' || n;
  IF UPDATING('bal') THEN what := what || ', bal in SET'; END IF;
  INSERT INTO audit_log(msg) VALUES (what);
  COMMIT;
  IF NOT DELETING THEN :NEW.note := 'audited'; END IF;
END;
$$;
CREATE TRIGGER wallets_audit BEFORE INSERT OR UPDATE OR DELETE ON wallets FOR EACH ROW EXECUTE FUNCTION wallets_audit();
INSERT INTO wallets VALUES (1, 10, NULL), (2, 20, NULL);
SELECT * FROM wallets ORDER BY id;
UPDATE wallets SET bal = -1 WHERE id = 1;
BEGIN;
DELETE FROM wallets WHERE id = 2;
UPDATE wallets SET note = 'x' WHERE id = 1;
ROLLBACK;
-- Oracle's form, AFTER ROW, and a statement-level trigger.
SELECT action FROM plpolar.exec($$
CREATE OR REPLACE TRIGGER wallets_after AFTER UPDATE ON wallets FOR EACH ROW
DECLARE
  PRAGMA AUTONOMOUS_TRANSACTION;
BEGIN
  INSERT INTO audit_log(msg) VALUES ('after update of ' || :NEW.id || ' to ' || :NEW.bal);
  COMMIT;
END;
/
CREATE OR REPLACE TRIGGER wallets_stmt AFTER DELETE ON wallets
DECLARE
  PRAGMA AUTONOMOUS_TRANSACTION;
BEGIN
  INSERT INTO audit_log(msg) VALUES ('a delete statement');
  COMMIT;
END;
/
$$);
BEGIN;
UPDATE wallets SET bal = 5 WHERE id = 2;
DELETE FROM wallets WHERE id = 1;
ROLLBACK;
SELECT * FROM wallets ORDER BY id;
SELECT msg FROM audit_log WHERE msg ~ '^(I|U|D) |^after update|statement$' ORDER BY id;
-- A trigger that forgets its COMMIT fails the statement, as in Oracle.
CREATE OR REPLACE FUNCTION wallets_audit() RETURNS trigger LANGUAGE plpolar AS $$
DECLARE
  PRAGMA AUTONOMOUS_TRANSACTION;
BEGIN
  INSERT INTO audit_log(msg) VALUES ('no commit');
END;
$$;
INSERT INTO wallets VALUES (3, 30, NULL);
SELECT count(*) AS no_commit_rows, (SELECT count(*) FROM wallets WHERE id = 3) AS inserted
  FROM audit_log WHERE msg = 'no commit';

-- The worker is reused while nothing changed it; a unit's SET does not
-- carry over into the next call (that worker retires).
CREATE FUNCTION worker_pid() RETURNS int LANGUAGE plpolar AS $$
DECLARE
  PRAGMA AUTONOMOUS_TRANSACTION;
BEGIN
  RETURN pg_backend_pid();
END;
$$;
CREATE FUNCTION sets_path() RETURNS text LANGUAGE plpolar AS $$
DECLARE
  PRAGMA AUTONOMOUS_TRANSACTION;
  before_set text := current_setting('search_path');
BEGIN
  EXECUTE IMMEDIATE 'SET search_path = pg_catalog';
  RETURN before_set;
END;
$$;
SELECT count(DISTINCT worker_pid()) AS workers_for_three_calls FROM generate_series(1, 3);
SELECT sets_path() AS first, sets_path() AS second;
-- lock_timeout is for lock waits: a long autonomous call is not one.
SET lock_timeout = '100ms';
CREATE PROCEDURE slow_log() LANGUAGE plpolar AS $$
DECLARE
  PRAGMA AUTONOMOUS_TRANSACTION;
BEGIN
  EXECUTE IMMEDIATE 'SELECT pg_sleep(0.3)';
  INSERT INTO audit_log(msg) VALUES ('slow but fine');
  COMMIT;
END;
$$;
CALL slow_log();
RESET lock_timeout;
SELECT count(*) AS slow_rows FROM audit_log WHERE msg = 'slow but fine';

-- The session's one idle worker, kept for the next call.
SELECT count(*) AS idle_workers FROM pg_stat_activity WHERE backend_type = 'plpolar autonomous transaction';

DROP SCHEMA auto_s CASCADE;
DROP ROLE auto_alice;
DROP ROLE auto_bob;
