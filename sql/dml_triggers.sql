-- DML triggers (issue 18): trigger functions in the PostgreSQL form with
-- Oracle's :NEW / :OLD, INSERTING / UPDATING / DELETING and UPDATING('c');
-- Oracle's CREATE TRIGGER through plpolar.exec; ALTER / DROP TRIGGER by
-- name; the errors Oracle gives; pg_dump round trip.
CREATE DATABASE plpolar_trg;
\c plpolar_trg
CREATE EXTENSION plpolar;
SET plpolar.serveroutput = on;

-- 1. PostgreSQL form: a BEFORE ROW trigger changes the row, no RETURN.
CREATE TABLE emp (id int PRIMARY KEY, name text, sal numeric, note text);
CREATE TABLE emp_log (op text, id int, old_sal numeric, new_sal numeric, cols text);
CREATE FUNCTION emp_biu() RETURNS trigger LANGUAGE plpolar AS $$
BEGIN
  IF INSERTING THEN
    :new.note := 'ins ' || :new.name;
  ELSIF UPDATING('SAL') THEN
    :new.note := 'sal ' || :old.sal || '->' || :new.sal;
  ELSIF UPDATING THEN
    :new.note := 'upd';
  END IF;
  IF :new.sal < 0 THEN
    RAISE_APPLICATION_ERROR(-20001, 'negative salary for ' || :new.name);
  END IF;
END;
$$;
CREATE TRIGGER emp_biu BEFORE INSERT OR UPDATE ON emp FOR EACH ROW EXECUTE FUNCTION emp_biu();
-- AFTER ROW audit: every row of a multi-row statement, every event.
CREATE FUNCTION emp_aiud() RETURNS trigger LANGUAGE plpolar AS $$
DECLARE
  c text;
BEGIN
  c := CASE WHEN UPDATING('name') THEN 'name ' END || CASE WHEN UPDATING('sal') THEN 'sal' END;
  INSERT INTO emp_log VALUES (CASE WHEN INSERTING THEN 'I' WHEN UPDATING THEN 'U' WHEN DELETING THEN 'D' END,
                              NVL(:new.id, :old.id), :old.sal, :new.sal, c);
END;
$$;
CREATE TRIGGER emp_aiud AFTER INSERT OR UPDATE OR DELETE ON emp FOR EACH ROW EXECUTE FUNCTION emp_aiud();
INSERT INTO emp(id, name, sal) VALUES (1, 'ann', 10), (2, 'bob', 20), (3, 'cid', 30);
UPDATE emp SET sal = sal + 1 WHERE id <= 2;
UPDATE emp SET name = upper(name) WHERE id = 1;
UPDATE emp SET name = name, sal = sal WHERE id = 3;
DELETE FROM emp WHERE id = 2;
SELECT * FROM emp ORDER BY id;
SELECT * FROM emp_log;
-- An error in the trigger aborts the statement with its SQLCODE, and the
-- CONTEXT names trigger, table and line.
\set VERBOSITY default
UPDATE emp SET sal = -1 WHERE id = 1;
SELECT sal FROM emp WHERE id = 1;
-- Caught by a caller's handler, with Oracle's SQLCODE / SQLERRM.
DO LANGUAGE plpolar $$
BEGIN
  UPDATE emp SET sal = -5 WHERE id = 3;
EXCEPTION WHEN OTHERS THEN
  dbms_output.put_line('caught ' || SQLCODE || ': ' || SQLERRM);
END;
$$;
-- Handled exceptions inside the body work as elsewhere.
CREATE FUNCTION emp_safe() RETURNS trigger LANGUAGE plpolar AS $$
DECLARE
  n int;
BEGIN
  BEGIN
    n := 1 / 0;
  EXCEPTION WHEN ZERO_DIVIDE THEN
    :new.note := 'handled ' || SQLCODE;
  END;
END;
$$;
CREATE TRIGGER emp_safe BEFORE INSERT ON emp FOR EACH ROW EXECUTE FUNCTION emp_safe();
INSERT INTO emp(id, name, sal) VALUES (4, 'dan', 40);
SELECT id, note FROM emp WHERE id = 4;
DROP TRIGGER emp_safe ON emp;

-- 2. One function, two tables of different shapes: :NEW is each table's row.
CREATE TABLE t_a (id int, a text, stamp text);
CREATE TABLE t_b (x numeric, stamp text, id int);
CREATE FUNCTION stamp() RETURNS trigger LANGUAGE plpolar AS $$
DECLARE
  arg text;
BEGIN
  -- TG_ARGV is a text[]: SQL's subscripts, from 1.
  SELECT TG_ARGV[1] INTO arg;
  :new.stamp := TG_TABLE_NAME || ':' || :new.id || ':' || TG_OP || ':' || TG_WHEN || ':' || TG_LEVEL || ':' ||
                TG_NAME || ':' || TG_NARGS || ':' || arg || ':' || TG_TABLE_SCHEMA;
END;
$$;
CREATE TRIGGER stamp_a BEFORE INSERT ON t_a FOR EACH ROW EXECUTE FUNCTION stamp('first');
CREATE TRIGGER stamp_b BEFORE INSERT ON t_b FOR EACH ROW EXECUTE FUNCTION stamp('second');
INSERT INTO t_a VALUES (1, 'x');
INSERT INTO t_b VALUES (2.5, NULL, 7);
INSERT INTO t_a VALUES (2, 'y');
SELECT * FROM t_a;
SELECT * FROM t_b;
-- A column added later: the function is compiled again for the new row.
ALTER TABLE t_b ADD COLUMN extra int DEFAULT 9;
INSERT INTO t_b VALUES (3.5, NULL, 8);
SELECT * FROM t_b ORDER BY id;

-- 3. Statement-level triggers, UPDATE OF, WHEN, :NEW := NULL skipping a row.
CREATE TABLE stmt_log (msg text);
CREATE FUNCTION emp_stmt() RETURNS trigger LANGUAGE plpolar AS $$
DECLARE
  msg text := TG_WHEN || ' ' || TG_OP || ' statement, updating=';
BEGIN
  -- The conditional predicates are PL/SQL's, as in Oracle: not in SQL.
  msg := msg || CASE WHEN UPDATING THEN 'y' ELSE 'n' END || ', sal=' || CASE WHEN UPDATING('sal') THEN 'y' ELSE 'n' END;
  INSERT INTO stmt_log VALUES (msg);
END;
$$;
CREATE TRIGGER emp_stmt_b BEFORE UPDATE ON emp FOR EACH STATEMENT EXECUTE FUNCTION emp_stmt();
CREATE TRIGGER emp_stmt_a AFTER INSERT OR UPDATE OR DELETE ON emp EXECUTE FUNCTION emp_stmt();
UPDATE emp SET sal = sal WHERE false;
UPDATE emp SET name = name;
DELETE FROM emp WHERE id = 99;
SELECT * FROM stmt_log;
CREATE FUNCTION emp_only_sal() RETURNS trigger LANGUAGE plpolar AS $$
BEGIN
  INSERT INTO stmt_log VALUES ('sal of ' || :old.id || ' changed to ' || :new.sal);
END;
$$;
CREATE TRIGGER emp_only_sal AFTER UPDATE OF sal ON emp FOR EACH ROW WHEN (NEW.sal > 30)
  EXECUTE FUNCTION emp_only_sal();
TRUNCATE stmt_log;
UPDATE emp SET name = name WHERE id = 1;
UPDATE emp SET sal = sal + 100 WHERE id IN (1, 3);
UPDATE emp SET sal = 0 WHERE id = 4;
SELECT * FROM stmt_log WHERE msg LIKE 'sal of%';
CREATE TABLE keep (id int, v text);
CREATE FUNCTION keep_skip() RETURNS trigger LANGUAGE plpolar AS $$
BEGIN
  IF :new.v IS NULL THEN
    :new := NULL;  -- the row is skipped, as a NULL result is in PostgreSQL
  END IF;
END;
$$;
CREATE TRIGGER keep_skip BEFORE INSERT ON keep FOR EACH ROW EXECUTE FUNCTION keep_skip();
INSERT INTO keep VALUES (1, 'a'), (2, NULL), (3, 'c');
SELECT * FROM keep;
-- PostgreSQL's habit works too: RETURN NEW, RETURN NULL, a row of the table.
CREATE TABLE pg_habit (id int, v text);
CREATE FUNCTION pg_habit() RETURNS trigger LANGUAGE plpolar AS $$
DECLARE
  r pg_habit%ROWTYPE;
BEGIN
  IF :new.id = 2 THEN
    RETURN NULL;
  ELSIF :new.id = 3 THEN
    r.id := 30;
    r.v := 'replaced';
    RETURN r;
  END IF;
  :new.v := upper(:new.v);
  RETURN NEW;
END;
$$;
CREATE TRIGGER pg_habit BEFORE INSERT ON pg_habit FOR EACH ROW EXECUTE FUNCTION pg_habit();
INSERT INTO pg_habit VALUES (1, 'a'), (2, 'b'), (3, 'c');
SELECT * FROM pg_habit;
-- DELETE with a BEFORE ROW trigger: the row goes on.
CREATE FUNCTION keep_del() RETURNS trigger LANGUAGE plpolar AS $$
BEGIN
  dbms_output.put_line('deleting ' || :old.id || ' new.id=' || NVL(TO_CHAR(:new.id), 'null'));
END;
$$;
CREATE TRIGGER keep_del BEFORE DELETE ON keep FOR EACH ROW EXECUTE FUNCTION keep_del();
DELETE FROM keep WHERE id = 1;
SELECT * FROM keep;

-- 4. INSTEAD OF on a view.
CREATE VIEW emp_v AS SELECT id, name FROM emp;
CREATE FUNCTION emp_v_io() RETURNS trigger LANGUAGE plpolar AS $$
BEGIN
  IF INSERTING THEN
    INSERT INTO emp(id, name, sal) VALUES (:new.id, :new.name, 0);
  ELSIF UPDATING THEN
    UPDATE emp SET name = :new.name WHERE id = :old.id;
  ELSE
    DELETE FROM emp WHERE id = :old.id;
  END IF;
END;
$$;
CREATE TRIGGER emp_v_io INSTEAD OF INSERT OR UPDATE OR DELETE ON emp_v FOR EACH ROW EXECUTE FUNCTION emp_v_io();
INSERT INTO emp_v VALUES (10, 'via view');
UPDATE emp_v SET name = 'renamed' WHERE id = 10;
SELECT id, name, sal FROM emp WHERE id = 10;
DELETE FROM emp_v WHERE id = 10;
SELECT count(*) FROM emp WHERE id = 10;

-- 5. What the trigger kind forbids, as Oracle says it.
CREATE FUNCTION bad_old() RETURNS trigger LANGUAGE plpolar AS $$
BEGIN
  :old.sal := 1;
END;
$$;
CREATE FUNCTION after_sets_new() RETURNS trigger LANGUAGE plpolar AS $$
BEGIN
  :new.note := 'x';
END;
$$;
CREATE TRIGGER after_sets_new AFTER INSERT ON keep FOR EACH ROW EXECUTE FUNCTION after_sets_new();
INSERT INTO keep VALUES (5, 'e');
DROP TRIGGER after_sets_new ON keep;
CREATE FUNCTION stmt_uses_new() RETURNS trigger LANGUAGE plpolar AS $$
BEGIN
  dbms_output.put_line(:new.id);
END;
$$;
CREATE TRIGGER stmt_uses_new AFTER INSERT ON keep EXECUTE FUNCTION stmt_uses_new();
INSERT INTO keep VALUES (6, 'f');
DROP TRIGGER stmt_uses_new ON keep;
CREATE FUNCTION no_such_col() RETURNS trigger LANGUAGE plpolar AS $$
BEGIN
  IF UPDATING('nothere') THEN NULL; END IF;
END;
$$;
CREATE TRIGGER no_such_col BEFORE UPDATE ON keep FOR EACH ROW EXECUTE FUNCTION no_such_col();
UPDATE keep SET v = v;
DROP TRIGGER no_such_col ON keep;
SELECT no_such_col();

-- 6. Oracle's form through plpolar.exec: the HR sample schema's triggers.
CREATE TABLE office (closed boolean);
INSERT INTO office VALUES (false);
CREATE FUNCTION plpolar_closed() RETURNS boolean LANGUAGE sql AS 'SELECT closed FROM office';
SELECT statement, action FROM plpolar.exec($s$
CREATE TABLE jobs (job_id VARCHAR2(10) PRIMARY KEY, job_title VARCHAR2(35));
CREATE TABLE employees (employee_id NUMBER(6) PRIMARY KEY, last_name VARCHAR2(25), job_id VARCHAR2(10),
                        department_id NUMBER(4), hire_date DATE, salary NUMBER(8,2));
CREATE TABLE job_history (employee_id NUMBER(6), start_date DATE, end_date DATE, job_id VARCHAR2(10),
                          department_id NUMBER(4));
CREATE OR REPLACE PROCEDURE add_job_history
  (  p_emp_id          job_history.employee_id%type
   , p_start_date      job_history.start_date%type
   , p_end_date        job_history.end_date%type
   , p_job_id          job_history.job_id%type
   , p_department_id   job_history.department_id%type
   )
IS
BEGIN
  INSERT INTO job_history (employee_id, start_date, end_date, job_id, department_id)
    VALUES(p_emp_id, p_start_date, p_end_date, p_job_id, p_department_id);
END add_job_history;
/
CREATE OR REPLACE TRIGGER update_job_history
  AFTER UPDATE OF job_id, department_id ON employees
  FOR EACH ROW
BEGIN
  add_job_history(:old.employee_id, :old.hire_date, sysdate,
                  :old.job_id, :old.department_id);
END;
/
CREATE OR REPLACE PROCEDURE secure_dml
IS
BEGIN
  IF TO_CHAR (SYSDATE, 'HH24:MI') NOT BETWEEN '00:00' AND '23:59'
        OR TO_CHAR (SYSDATE, 'DY') = 'XXX' OR plpolar_closed() THEN
	RAISE_APPLICATION_ERROR (-20205,
		'You may only make changes during normal office hours');
  END IF;
END secure_dml;
/
CREATE OR REPLACE EDITIONABLE TRIGGER secure_employees
  BEFORE INSERT OR UPDATE OR DELETE ON employees
BEGIN
  secure_dml;
END secure_employees;
/
$s$);
INSERT INTO jobs VALUES ('AD_PRES', 'President'), ('AD_VP', 'Vice President'), ('IT_PROG', 'Programmer');
INSERT INTO employees VALUES (100, 'King', 'AD_PRES', 90, DATE '2003-06-17', 24000),
                             (101, 'Kochhar', 'AD_VP', 90, DATE '2005-09-21', 17000);
UPDATE employees SET job_id = 'IT_PROG', department_id = 60 WHERE employee_id = 101;
UPDATE employees SET salary = salary + 1;  -- not a job change: no history
SELECT employee_id, start_date, end_date IS NOT NULL AS ended, job_id, department_id FROM job_history;
UPDATE office SET closed = true;
UPDATE employees SET salary = 0 WHERE employee_id = 100;
DELETE FROM employees;
UPDATE office SET closed = false;
\d employees

-- 7. REFERENCING, WHEN without colons, OR REPLACE keeps one trigger,
-- ENABLE / DISABLE, RENAME, COMPILE, DROP by name.
SELECT statement, action FROM plpolar.exec($s$
CREATE TABLE accounts (id NUMBER PRIMARY KEY, balance NUMBER, flagged VARCHAR2(3));
CREATE TRIGGER accounts_flag
  BEFORE INSERT OR UPDATE OF balance ON accounts
  REFERENCING NEW AS nw OLD AS od
  FOR EACH ROW
  WHEN (nw.balance < 0 OR nw.balance > NVL(od.balance, 0) + 1000)
DECLARE
  reason VARCHAR2(20);
BEGIN
  reason := CASE WHEN :nw.balance < 0 THEN 'neg' ELSE 'big' END;
  :nw.flagged := reason;
  dbms_output.put_line('flagged ' || :nw.id || ' (was ' || NVL(TO_CHAR(:od.balance), 'none') || ')');
END accounts_flag;
/
$s$);
INSERT INTO accounts(id, balance) VALUES (1, 10), (2, -5), (3, 5000);
UPDATE accounts SET balance = balance + 2000 WHERE id = 1;
UPDATE accounts SET flagged = 'x' WHERE id = 3;  -- not UPDATE OF balance
SELECT * FROM accounts ORDER BY id;
SELECT statement, action FROM plpolar.exec($s$
CREATE OR REPLACE TRIGGER accounts_flag
  BEFORE INSERT ON accounts FOR EACH ROW
BEGIN
  :new.flagged := 'new';
END;
/
$s$);
SELECT tgname, tgenabled FROM pg_trigger WHERE tgrelid = 'accounts'::regclass ORDER BY 1;
INSERT INTO accounts(id, balance) VALUES (4, 1);
SELECT statement, action FROM plpolar.exec($s$
CREATE TRIGGER accounts_flag BEFORE DELETE ON accounts BEGIN NULL; END;
/
$s$);
SELECT statement, action FROM plpolar.exec($s$
ALTER TRIGGER accounts_flag DISABLE;
INSERT INTO accounts(id, balance) VALUES (5, 1);
ALTER TRIGGER accounts_flag ENABLE;
INSERT INTO accounts(id, balance) VALUES (6, 1);
ALTER TABLE accounts DISABLE ALL TRIGGERS;
INSERT INTO accounts(id, balance) VALUES (7, 1);
ALTER TABLE accounts ENABLE ALL TRIGGERS;
ALTER TRIGGER accounts_flag COMPILE;
ALTER TRIGGER accounts_flag RENAME TO accounts_new;
INSERT INTO accounts(id, balance) VALUES (8, 1);
$s$);
SELECT * FROM accounts WHERE id >= 4 ORDER BY id;
\d accounts
SELECT statement, action FROM plpolar.exec($s$
CREATE TRIGGER accounts_off BEFORE INSERT ON accounts FOR EACH ROW DISABLE
BEGIN :new.flagged := 'off'; END;
/
CREATE TRIGGER accounts_z AFTER INSERT ON accounts FOR EACH ROW FOLLOWS accounts_new
BEGIN NULL; END;
/
CREATE TRIGGER accounts_a AFTER INSERT ON accounts FOR EACH ROW FOLLOWS accounts_z
BEGIN NULL; END;
/
DROP TRIGGER accounts_a;
DROP TRIGGER accounts_new;
$s$);
-- FOLLOWS / PRECEDES decide the firing order (PostgreSQL's is by name).
CREATE TABLE fire_order (id int);
SELECT statement, action FROM plpolar.exec($s$
CREATE TRIGGER t_m BEFORE INSERT ON fire_order FOR EACH ROW BEGIN dbms_output.put_line('t_m'); END;
/
CREATE TRIGGER t_a BEFORE INSERT ON fire_order FOR EACH ROW FOLLOWS t_m BEGIN dbms_output.put_line('t_a'); END;
/
CREATE TRIGGER t_z BEFORE INSERT ON fire_order FOR EACH ROW PRECEDES t_m BEGIN dbms_output.put_line('t_z'); END;
/
CREATE TRIGGER t_b BEFORE INSERT ON fire_order FOR EACH ROW FOLLOWS t_a BEGIN dbms_output.put_line('t_b'); END;
/
$s$);
INSERT INTO fire_order VALUES (1);
SELECT statement, action FROM plpolar.exec($s$
ALTER TRIGGER t_a RENAME TO t_a2;
ALTER TRIGGER t_a2 DISABLE;
$s$);
SELECT tgname, tgenabled, tgfoid::regprocedure FROM pg_trigger WHERE tgrelid = 'fire_order'::regclass ORDER BY 1;
INSERT INTO fire_order VALUES (2);
SELECT * FROM plpolar.exec('DROP TRIGGER t_a2');
SELECT * FROM plpolar.exec($s$
CREATE TRIGGER t_q BEFORE INSERT ON fire_order FOR EACH ROW FOLLOWS accounts_z BEGIN NULL; END;
/
$s$);
SELECT * FROM plpolar.exec($s$
CREATE TRIGGER t_q BEFORE INSERT ON fire_order FOR EACH ROW FOLLOWS no_such BEGIN NULL; END;
/
$s$);
SELECT tgname, tgenabled, tgfoid::regprocedure FROM pg_trigger WHERE tgrelid = 'accounts'::regclass ORDER BY 1;
SELECT count(*) AS functions_left FROM pg_proc WHERE proname IN ('accounts_new$trigger', 'accounts_a$trigger');
SELECT * FROM plpolar.exec('DROP TRIGGER nosuch');
SELECT * FROM plpolar.exec('ALTER TRIGGER nosuch ENABLE');

-- 8. Oracle's errors at CREATE TRIGGER time.
SELECT * FROM plpolar.exec($s$
CREATE TRIGGER bad1 AFTER INSERT ON accounts FOR EACH ROW BEGIN :new.flagged := 'x'; END;
/
$s$);
SELECT * FROM plpolar.exec($s$
CREATE TRIGGER bad2 AFTER INSERT ON accounts BEGIN dbms_output.put_line(:new.id); END;
/
$s$);
SELECT * FROM plpolar.exec($s$
CREATE TRIGGER bad3 BEFORE UPDATE ON accounts FOR EACH ROW BEGIN :old.balance := 1; END;
/
$s$);
SELECT * FROM plpolar.exec($s$
CREATE TRIGGER bad4 BEFORE UPDATE ON accounts FOR EACH ROW BEGIN IF UPDATING('NOPE') THEN NULL; END IF; END;
/
$s$);
SELECT * FROM plpolar.exec($s$
CREATE TRIGGER bad5 BEFORE UPDATE ON accounts WHEN (new.id > 0) BEGIN NULL; END;
/
$s$);
SELECT * FROM plpolar.exec($s$
CREATE TRIGGER bad6 BEFORE UPDATE ON no_such_table FOR EACH ROW BEGIN NULL; END;
/
$s$);
SELECT * FROM plpolar.exec($s$
CREATE TRIGGER bad7 FOR INSERT ON accounts COMPOUND TRIGGER
  AFTER STATEMENT IS BEGIN dbms_output.put_line(:new.id); END AFTER STATEMENT;
END bad7;
/
$s$);
SELECT * FROM plpolar.exec($s$
CREATE TRIGGER bad7 FOR INSERT ON accounts COMPOUND TRIGGER
  AFTER EACH ROW IS BEGIN :new.flagged := 'x'; END AFTER EACH ROW;
END bad7;
/
$s$);
SELECT * FROM plpolar.exec($s$
CREATE TRIGGER bad7 FOR INSERT ON accounts COMPOUND TRIGGER
  BEFORE STATEMENT IS BEGIN NULL; END AFTER STATEMENT;
END bad7;
/
$s$);
SELECT * FROM plpolar.exec($s$
CREATE TRIGGER bad8 BEFORE UPDATE ON accounts FOR EACH ROW BEGIN :new.balance := ; END;
/
$s$);
SELECT count(*) AS bad_triggers FROM pg_trigger WHERE tgname LIKE 'bad%';

-- 8b. Compound triggers: declarations shared by the sections for one
-- triggering statement; the mutating table read in AFTER STATEMENT.
CREATE TABLE salaries (id int PRIMARY KEY, dept int, sal numeric);
INSERT INTO salaries SELECT g, g % 3, 1000 + g FROM generate_series(1, 9) g;
SELECT statement, action FROM plpolar.exec($s$
CREATE OR REPLACE TRIGGER salaries_cap
FOR INSERT OR UPDATE OR DELETE ON salaries
COMPOUND TRIGGER
  TYPE dept_list IS TABLE OF PLS_INTEGER;
  depts dept_list := dept_list();
  n_rows PLS_INTEGER := 0;

  BEFORE STATEMENT IS
  BEGIN
    dbms_output.put_line('before statement: ' || depts.COUNT || ' depts, ' || n_rows || ' rows so far');
  END BEFORE STATEMENT;

  BEFORE EACH ROW IS
  BEGIN
    IF INSERTING OR UPDATING THEN
      :new.sal := ROUND(:new.sal);
    END IF;
  END BEFORE EACH ROW;

  AFTER EACH ROW IS
  BEGIN
    depts.EXTEND;
    depts(depts.LAST) := NVL(:new.dept, :old.dept);
    n_rows := n_rows + 1;
  END AFTER EACH ROW;

  AFTER STATEMENT IS
    total NUMBER;
  BEGIN
    FOR i IN 1 .. depts.COUNT LOOP
      SELECT sum(sal) INTO total FROM salaries WHERE dept = depts(i);
      IF total > 5000 THEN
        RAISE_APPLICATION_ERROR(-20010, 'department ' || depts(i) || ' over budget: ' || total);
      END IF;
    END LOOP;
    dbms_output.put_line('after statement: ' || n_rows || ' rows in ' || depts.COUNT || ' entries');
  END AFTER STATEMENT;
END salaries_cap;
/
$s$);
UPDATE salaries SET sal = sal + 0.4 WHERE dept = 1;
SELECT * FROM salaries WHERE dept = 1 ORDER BY id;
INSERT INTO salaries VALUES (10, 2, 100.6);
-- The AFTER STATEMENT check fails: the statement is undone; the next one
-- starts with fresh state.
UPDATE salaries SET sal = sal + 1000 WHERE dept = 0;
SELECT sum(sal) FROM salaries WHERE dept = 0;
DELETE FROM salaries WHERE id = 10;
-- Caught in a block: the state of the failed statement goes with it.
DO LANGUAGE plpolar $$
BEGIN
  UPDATE salaries SET sal = sal + 1000 WHERE dept = 0;
EXCEPTION WHEN OTHERS THEN
  dbms_output.put_line('caught: ' || SQLERRM);
  UPDATE salaries SET sal = sal WHERE id = 1;
END;
$$;
\d salaries
SELECT statement, action FROM plpolar.exec($s$
ALTER TRIGGER salaries_cap DISABLE;
UPDATE salaries SET sal = sal + 1000 WHERE dept = 0;
ALTER TRIGGER salaries_cap ENABLE;
ALTER TRIGGER salaries_cap RENAME TO salaries_budget;
$s$);
SELECT tgname, tgenabled FROM pg_trigger WHERE tgrelid = 'salaries'::regclass ORDER BY 1;
SELECT * FROM plpolar.exec('DROP TRIGGER salaries_budget');
SELECT count(*) AS left_over FROM pg_trigger WHERE tgrelid = 'salaries'::regclass;
SELECT count(*) AS functions FROM pg_proc WHERE proname LIKE 'salaries_%trigger';

-- 9. INSTEAD OF on a view in Oracle's form; DROP TABLE drops triggers.
SELECT statement, action FROM plpolar.exec($s$
CREATE VIEW acc_v AS SELECT id, balance FROM accounts;
CREATE OR REPLACE TRIGGER acc_v_ins INSTEAD OF INSERT ON acc_v
BEGIN
  INSERT INTO accounts(id, balance, flagged) VALUES (:new.id, :new.balance * 2, 'vw');
END;
/
$s$);
INSERT INTO acc_v VALUES (20, 21);
SELECT * FROM accounts WHERE id = 20;
CREATE TABLE gone (id int);
SELECT action FROM plpolar.exec($s$
CREATE TRIGGER gone_trg BEFORE INSERT ON gone FOR EACH ROW BEGIN NULL; END;
/
$s$);
SELECT action FROM plpolar.exec('DROP TABLE gone');
SELECT count(*) AS triggers, (SELECT count(*) FROM pg_proc WHERE proname = 'gone_trg$trigger') AS functions
FROM pg_trigger WHERE tgname = 'gone_trg';

-- 10. Definer's rights: an audit trigger writes where the user cannot.
CREATE ROLE plpolar_trg_user LOGIN;
CREATE TABLE audited (id int, v text);
CREATE TABLE audit_trail (who text, what text);
GRANT INSERT, UPDATE ON audited TO plpolar_trg_user;
SELECT action FROM plpolar.exec($s$
CREATE TRIGGER audited_log AFTER INSERT OR UPDATE ON audited FOR EACH ROW
BEGIN
  INSERT INTO audit_trail VALUES (CASE WHEN current_user = 'plpolar_trg_user' THEN 'caller' ELSE 'owner' END,
                                  CASE WHEN INSERTING THEN 'insert ' ELSE 'update ' END || :new.id);
END;
/
$s$);
SET ROLE plpolar_trg_user;
INSERT INTO audited VALUES (1, 'a');
SELECT * FROM audit_trail;  -- not allowed to read it
RESET ROLE;
SELECT * FROM audit_trail;

-- A compound trigger and a firing order through the dump too.
CREATE TABLE dumped (id int, note text);
SELECT action FROM plpolar.exec($s$
CREATE TRIGGER dumped_cmp FOR INSERT ON dumped COMPOUND TRIGGER
  n PLS_INTEGER := 0;
  BEFORE EACH ROW IS BEGIN n := n + 1; :new.note := 'row ' || n; END BEFORE EACH ROW;
  AFTER STATEMENT IS BEGIN dbms_output.put_line('dumped_cmp: ' || n || ' rows'); END AFTER STATEMENT;
END dumped_cmp;
/
CREATE TRIGGER dumped_z BEFORE INSERT ON dumped FOR EACH ROW PRECEDES dumped_cmp
BEGIN dbms_output.put_line('dumped_z first'); END;
/
$s$);
INSERT INTO dumped VALUES (1), (2);
SELECT * FROM dumped;

-- 10b. :NEW and :OLD are kept deformed during a call; whatever reads the
-- row whole (SQL, RETURN NEW, a record assignment, a procedure argument)
-- sees every field assigned before it.
CREATE TABLE rowbuf (id int, gone int, v int, tag text, big text);
ALTER TABLE rowbuf DROP COLUMN gone;
CREATE TABLE rowbuf_seen (what text, tag text, v int);
CREATE OR REPLACE FUNCTION rowbuf_trg() RETURNS trigger LANGUAGE plpolar AS $$
DECLARE
  r rowbuf%ROWTYPE;
BEGIN
  :new.tag := 'first';
  INSERT INTO rowbuf_seen VALUES ('sql', :new.tag, :new.v);
  :new.tag := :new.tag || '+second';
  :new.v := :new.v * 10;
  r := :new;
  INSERT INTO rowbuf_seen VALUES ('record', r.tag, r.v);
  BEGIN
    :new.tag := :new.tag || '+handled';
    RAISE no_data_found;
  EXCEPTION WHEN no_data_found THEN
    INSERT INTO rowbuf_seen SELECT 'handler', :new.tag, length(:new.big);
  END;
  IF UPDATING THEN
    :new.tag := :new.tag || ' (was ' || :old.tag || ')';
  END IF;
  :new.big := :new.big || '!';
END $$;
CREATE TRIGGER rowbuf_b BEFORE INSERT OR UPDATE ON rowbuf FOR EACH ROW EXECUTE FUNCTION rowbuf_trg();
INSERT INTO rowbuf VALUES (1, 2, NULL, repeat('x', 300000)), (2, 3, 'given', 'small');
SELECT id, v, tag, length(big) AS big, right(big, 2) AS tail FROM rowbuf ORDER BY id;
SELECT * FROM rowbuf_seen;
TRUNCATE rowbuf_seen;
-- (A changed pg_proc row compiles the function again: the first call of a
-- compilation keeps the row deformed, later ones take it whole once a
-- call read it whole. Each case below is a first call.)
ALTER FUNCTION rowbuf_trg() COST 101;
UPDATE rowbuf SET v = 5 WHERE id = 2;
SELECT id, v, tag, big FROM rowbuf WHERE id = 2;
-- RETURN NEW after field assignments, :NEW := NULL after them, and a whole
-- :NEW passed to a procedure that changes it.
CREATE OR REPLACE PROCEDURE rowbuf_touch(r INOUT rowbuf) LANGUAGE plpolar AS $$
BEGIN
  r.tag := r.tag || '+proc';
END $$;
CREATE OR REPLACE FUNCTION rowbuf_trg() RETURNS trigger LANGUAGE plpolar AS $$
BEGIN
  :new.tag := 'f' || :new.id;
  IF :new.id = 3 THEN
    :new := NULL;
  ELSIF :new.id = 4 THEN
    rowbuf_touch(:new);
    :new.v := 40;
  ELSE
    RETURN NEW;
  END IF;
END $$;
TRUNCATE rowbuf;
INSERT INTO rowbuf (id) VALUES (1);
ALTER FUNCTION rowbuf_trg() COST 102;
INSERT INTO rowbuf (id) VALUES (3);
ALTER FUNCTION rowbuf_trg() COST 103;
INSERT INTO rowbuf (id) VALUES (4);
INSERT INTO rowbuf (id) VALUES (1), (3), (4);
SELECT id, v, tag FROM rowbuf ORDER BY id;
-- A column the body names, dropped afterwards: compiled again, the error
-- names the field.
ALTER TABLE rowbuf DROP COLUMN v;
INSERT INTO rowbuf (id) VALUES (4);
DROP PROCEDURE rowbuf_touch;
DROP TABLE rowbuf, rowbuf_seen;
DROP FUNCTION rowbuf_trg();

-- SQL that reads only fields of :NEW / :OLD binds them from the rows kept
-- deformed (no row is formed), also once the statement's plan is rebuilt
-- (DISCARD PLANS, a column added to the table written); one reading the
-- row whole as well gets the row with the fields assigned before.
CREATE TABLE fldbuf (id int, gone int, v int, tag text);
ALTER TABLE fldbuf DROP COLUMN gone;
CREATE TABLE fldbuf_log (op text, id int, v int, old_v int, tag text);
CREATE OR REPLACE FUNCTION fldbuf_audit() RETURNS trigger LANGUAGE plpolar AS $$
BEGIN
  INSERT INTO fldbuf_log (op, id, v, old_v, tag)
    VALUES (CASE WHEN INSERTING THEN 'I' WHEN UPDATING THEN 'U' ELSE 'D' END,
            NVL(:new.id, :old.id), :new.v, :old.v, :new.tag);
END $$;
CREATE OR REPLACE FUNCTION fldbuf_set() RETURNS trigger LANGUAGE plpolar AS $$
BEGIN
  :new.tag := 'set' || :new.id;
  INSERT INTO fldbuf_log (op, id, tag) VALUES ('B', :new.id, :new.tag);
  :new.v := NVL(:new.v, 0) + 1;
  INSERT INTO fldbuf_log (op, id, v, tag) SELECT 'W', (:new).id, (:new).v, (:new).tag;
END $$;
CREATE TRIGGER fldbuf_a AFTER INSERT OR UPDATE OR DELETE ON fldbuf FOR EACH ROW EXECUTE FUNCTION fldbuf_audit();
CREATE TRIGGER fldbuf_b BEFORE INSERT ON fldbuf FOR EACH ROW EXECUTE FUNCTION fldbuf_set();
INSERT INTO fldbuf (id, v) VALUES (1, 10), (2, NULL);
DISCARD PLANS;
UPDATE fldbuf SET v = v * 2;
ALTER TABLE fldbuf_log ADD COLUMN extra int;
INSERT INTO fldbuf (id, v) VALUES (3, 30);
DELETE FROM fldbuf WHERE id = 1;
SELECT op, id, v, old_v, tag FROM fldbuf_log ORDER BY id, op;
DROP TABLE fldbuf, fldbuf_log;
DROP FUNCTION fldbuf_audit(), fldbuf_set();
-- 10c. A compound trigger on a partitioned table: the row sections fire
-- for the partitions (one with its columns in another order) and share the
-- statement's state.
CREATE TABLE parted (id int, region text, note text) PARTITION BY LIST (region);
CREATE TABLE parted_e PARTITION OF parted FOR VALUES IN ('east');
CREATE TABLE parted_w (note text, id int, region text);
ALTER TABLE parted ATTACH PARTITION parted_w FOR VALUES IN ('west');
SELECT action FROM plpolar.exec($s$
CREATE TRIGGER parted_cmp FOR INSERT OR UPDATE ON parted COMPOUND TRIGGER
  n PLS_INTEGER := 0;
  ids VARCHAR2(200);
  BEFORE EACH ROW IS BEGIN n := n + 1; :new.note := 'row ' || n || ' in ' || :new.region; END BEFORE EACH ROW;
  AFTER EACH ROW IS BEGIN ids := ids || ' ' || :new.id; END AFTER EACH ROW;
  AFTER STATEMENT IS BEGIN dbms_output.put_line('parted_cmp: ' || n || ' rows:' || ids); END AFTER STATEMENT;
END parted_cmp;
/
$s$);
INSERT INTO parted VALUES (1, 'east'), (2, 'west'), (3, 'east');
SELECT * FROM parted ORDER BY id;
-- RETURN OLD in an INSERT trigger (RETURN NEW in a DELETE one): the row
-- the event lacks is NULL to PostgreSQL, and the row is skipped.
CREATE TABLE r_old (id int);
CREATE FUNCTION r_old_trg() RETURNS trigger LANGUAGE plpolar AS $$
BEGIN
  IF :old.id IS NULL AND INSERTING THEN RETURN OLD; END IF;
  IF DELETING AND :new.id IS NULL THEN RETURN NEW; END IF;
END $$;
CREATE TRIGGER r_old_b BEFORE INSERT OR DELETE ON r_old FOR EACH ROW EXECUTE FUNCTION r_old_trg();
INSERT INTO r_old VALUES (1);
ALTER TABLE r_old DISABLE TRIGGER r_old_b;
INSERT INTO r_old VALUES (2);
ALTER TABLE r_old ENABLE TRIGGER r_old_b;
DELETE FROM r_old;
SELECT * FROM r_old;
-- Trigger names that are keywords are quoted; names PostgreSQL would cut
-- to 63 bytes are refused.
CREATE TABLE kw (id int);
SELECT action FROM plpolar.exec($s$
CREATE TRIGGER "select" BEFORE INSERT ON kw FOR EACH ROW BEGIN :new.id := :new.id + 1; END;
/
CREATE TRIGGER user_trg BEFORE INSERT ON kw FOR EACH ROW BEGIN :new.id := :new.id * 10; END;
/
CREATE TRIGGER "order" AFTER INSERT ON kw FOR EACH ROW FOLLOWS "select" BEGIN NULL; END;
/
$s$);
INSERT INTO kw VALUES (1);
SELECT * FROM kw;
SELECT tgname, tgfoid::regproc FROM pg_trigger WHERE tgrelid = 'kw'::regclass ORDER BY 1;
SELECT action FROM plpolar.exec($s$
CREATE TRIGGER abcdefghij_abcdefghij_abcdefghij_abcdefghij_abcdefghij_abcdefgh BEFORE INSERT ON kw FOR EACH ROW
BEGIN NULL; END;
/
$s$);
-- DROP TABLE in plpolar.exec drops the functions of that table's triggers
-- only: another user's unattached trigger function stays.
CREATE ROLE plpolar_trg_other;
CREATE FUNCTION spare$trigger() RETURNS trigger LANGUAGE plpolar SECURITY DEFINER AS $$ BEGIN NULL; END $$;
ALTER FUNCTION spare$trigger() OWNER TO plpolar_trg_other;
SELECT action FROM plpolar.exec('DROP TABLE kw');
SELECT proname FROM pg_proc WHERE proname IN ('select$trigger', 'order$trigger', 'user_trg$trigger', 'spare$trigger');
DROP FUNCTION spare$trigger();
DROP ROLE plpolar_trg_other;

-- 10d. Triggers whose bodies run no SQL are called without an SPI
-- connection of their own (as a C trigger would be); an expression that
-- reaches SQL (DATE arithmetic, a function that queries) connects then.
-- Callers' SQL goes on undisturbed: SQL%ROWCOUNT, later queries, errors
-- caught by PL/pgSQL and plpolar handlers, and triggers nested in them.
CREATE TABLE nospi (id int, d date, tag text, n numeric);
CREATE TABLE nospi_log (msg text);
CREATE FUNCTION nospi_log_trg() RETURNS trigger LANGUAGE plpolar AS $$
BEGIN
  :new.msg := :new.msg || '.';
END $$;
CREATE TRIGGER nospi_log_b BEFORE INSERT ON nospi_log FOR EACH ROW EXECUTE FUNCTION nospi_log_trg();
CREATE FUNCTION nospi_lookup(i int) RETURNS text LANGUAGE plpolar AS $$
DECLARE c int;
BEGIN
  INSERT INTO nospi_log VALUES ('lookup ' || i);
  SELECT count(*) INTO c FROM nospi_log;
  RETURN 'seen ' || c;
END $$;
CREATE FUNCTION nospi_trg() RETURNS trigger LANGUAGE plpolar AS $$
DECLARE
  k int := 2;
  bad EXCEPTION;
BEGIN
  IF :new.id < 0 THEN raise_application_error(-20001, 'negative id ' || :new.id); END IF;
  IF :new.id = 99 THEN RAISE bad; END IF;
  :new.d := DATE '2024-01-31' + :new.id;
  :new.tag := upper(:new.tag) || '/' || nospi_lookup(:new.id);
  IF :new.id BETWEEN 40 AND 49 THEN raise_application_error(-20003, 'after SQL: ' || :new.tag); END IF;
  :new.n := :new.id * k;
  CASE WHEN :new.id = 3 THEN RETURN NULL; ELSE NULL; END CASE;
END $$;
CREATE TRIGGER nospi_b BEFORE INSERT ON nospi FOR EACH ROW EXECUTE FUNCTION nospi_trg();
CREATE FUNCTION nospi_fill() RETURNS text LANGUAGE plpolar AS $$
DECLARE r text;
BEGIN
  INSERT INTO nospi_log VALUES ('a'), ('b');
  INSERT INTO nospi(id, tag) SELECT g, 'x' FROM generate_series(1, 4) g;
  r := 'inserted ' || SQL%ROWCOUNT;
  SELECT r || ', rows ' || count(*) INTO r FROM nospi;
  RETURN r;
END $$;
SELECT nospi_fill();
SELECT nospi_fill();
SELECT * FROM nospi ORDER BY id, tag;
SELECT msg, count(*) FROM nospi_log GROUP BY msg ORDER BY msg;
DO LANGUAGE plpolar $$
BEGIN
  FOR i IN 1 .. 3 LOOP
    BEGIN
      INSERT INTO nospi(id) VALUES (-i);
    EXCEPTION WHEN OTHERS THEN
      dbms_output.put_line('caught ' || SQLCODE || ': ' || SQLERRM);
      INSERT INTO nospi_log VALUES ('after ' || i);
    END;
    BEGIN
      INSERT INTO nospi(id) VALUES (40 + i);
    EXCEPTION WHEN OTHERS THEN
      dbms_output.put_line('caught ' || SQLCODE || ': ' || SQLERRM);
    END;
  END LOOP;
  INSERT INTO nospi(id) VALUES (99);
EXCEPTION WHEN OTHERS THEN
  dbms_output.put_line('user exception: ' || SQLCODE || ': ' || SQLERRM);
END $$;
DO $$
DECLARE n int;
BEGIN
  FOR i IN 10 .. 12 LOOP INSERT INTO nospi(id, tag) VALUES (i, 'p'); END LOOP;
  BEGIN
    INSERT INTO nospi(id) VALUES (-1);
  EXCEPTION WHEN others THEN
    RAISE NOTICE 'plpgsql caught %', SQLERRM;
  END;
  SELECT count(*) INTO n FROM nospi;
  RAISE NOTICE 'rows %', n;
END $$;
-- COPY and a statement that fails after some rows: the same.
COPY nospi (id, tag) FROM stdin;
20	c
21	c
\.
INSERT INTO nospi(id) VALUES (30), (-30);
SELECT id, d, tag, n FROM nospi WHERE id >= 10 ORDER BY id;
-- RETURN NEW and UPDATING('c') in an UPDATE trigger, and an AFTER
-- statement trigger, also without SPI.
CREATE FUNCTION nospi_upd() RETURNS trigger LANGUAGE plpolar AS $$
BEGIN
  IF UPDATING('tag') THEN :new.tag := :new.tag || '!'; END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER nospi_u BEFORE UPDATE ON nospi FOR EACH ROW EXECUTE FUNCTION nospi_upd();
CREATE FUNCTION nospi_stmt() RETURNS trigger LANGUAGE plpolar AS $$
BEGIN
  IF DELETING THEN raise_application_error(-20002, 'nospi keeps its rows'); END IF;
END $$;
CREATE TRIGGER nospi_s BEFORE DELETE ON nospi FOR EACH STATEMENT EXECUTE FUNCTION nospi_stmt();
DELETE FROM nospi WHERE id = 1;
UPDATE nospi SET tag = 'u' WHERE id IN (1, 2);
UPDATE nospi SET n = 0 WHERE id = 4;
SELECT id, tag, n FROM nospi WHERE id IN (1, 2, 4) ORDER BY id, tag;
DROP TABLE nospi, nospi_log;
DROP FUNCTION nospi_trg(), nospi_log_trg(), nospi_lookup(int), nospi_fill(), nospi_upd(), nospi_stmt();

-- 11. pg_dump round trip keeps both forms firing.
\! pg_dump -d plpolar_trg > /tmp/plpolar_trg.dump 2>&1; echo "pg_dump: $?"
CREATE DATABASE plpolar_trg_restored;
\! psql -X -q -v ON_ERROR_STOP=1 -d plpolar_trg_restored -f /tmp/plpolar_trg.dump > /tmp/plpolar_trg.restore 2>&1; echo "restore: $?"; rm -f /tmp/plpolar_trg.dump /tmp/plpolar_trg.restore
\c plpolar_trg_restored
SET plpolar.serveroutput = on;
INSERT INTO emp(id, name, sal) VALUES (50, 'restored', 5);
SELECT id, note FROM emp WHERE id = 50;
INSERT INTO accounts(id, balance) VALUES (51, -1);
SELECT * FROM accounts WHERE id = 51;
UPDATE employees SET job_id = 'AD_VP' WHERE employee_id = 101;
SELECT count(*) AS history_rows FROM job_history;
INSERT INTO dumped VALUES (3), (4), (5);
SELECT * FROM dumped ORDER BY id;
SELECT * FROM plpolar.exec('DROP TRIGGER dumped_cmp');
\c plpolar_trg
DROP DATABASE plpolar_trg_restored;
-- The custom format through pg_restore, the same.
\! pg_dump -Fc -d plpolar_trg -f /tmp/plpolar_trg.custom 2>&1; echo "pg_dump -Fc: $?"
CREATE DATABASE plpolar_trg_restored;
\! pg_restore --exit-on-error -d plpolar_trg_restored /tmp/plpolar_trg.custom 2>&1; echo "pg_restore: $?"; rm -f /tmp/plpolar_trg.custom
\c plpolar_trg_restored
SET plpolar.serveroutput = on;
INSERT INTO accounts(id, balance) VALUES (52, -1);
INSERT INTO dumped VALUES (6);
SELECT count(*) AS triggers FROM pg_trigger WHERE NOT tgisinternal;
\c plpolar_trg
DROP DATABASE plpolar_trg_restored;
\c contrib_regression
DROP DATABASE plpolar_trg;
DROP ROLE plpolar_trg_user;
