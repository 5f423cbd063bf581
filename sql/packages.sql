-- Packages: CREATE PACKAGE and PACKAGE BODY through plpolar.exec, with
-- session state, as Oracle applications use them. A package is a schema of
-- its name holding its public subprograms; the sources are rows of
-- plpolar.packages.
CREATE DATABASE plpolar_pkg;
\c plpolar_pkg
CREATE EXTENSION plpolar;
SET plpolar.serveroutput = on;
CREATE TABLE emp (id integer PRIMARY KEY, name text, dept integer, salary numeric);
INSERT INTO emp VALUES (1, 'ann', 10, 100), (2, 'bob', 20, 200), (3, 'cid', 10, 300);

-- 1. Specification and body; every kind of spec item.
SELECT statement, line, action FROM plpolar.exec($s$
CREATE OR REPLACE EDITIONABLE PACKAGE counter AUTHID DEFINER AS
  -- variables with defaults, constants, records, REF CURSOR types
  g_count   PLS_INTEGER := 0;
  g_label   VARCHAR2(30) := 'start';
  c_step    CONSTANT PLS_INTEGER := 1;
  TYPE pair_t IS RECORD (k VARCHAR2(10), v NUMBER);
  TYPE emp_cur IS REF CURSOR;
  SUBTYPE small_t IS PLS_INTEGER RANGE 0 .. 100;
  g_pair    pair_t;
  -- exceptions, one bound to an Oracle number
  e_too_big EXCEPTION;
  e_coded   EXCEPTION;
  PRAGMA EXCEPTION_INIT(e_coded, -20042);
  -- cursors, one whose query the body gives
  CURSOR c_dept(p_dept NUMBER) IS SELECT id, name FROM emp WHERE dept = p_dept ORDER BY id;
  CURSOR c_rich RETURN emp%ROWTYPE;
  -- subprograms: overloads and defaults
  FUNCTION next_value RETURN PLS_INTEGER;
  FUNCTION add(a NUMBER, b NUMBER DEFAULT 10) RETURN NUMBER;
  FUNCTION add(a VARCHAR2, b VARCHAR2) RETURN VARCHAR2;
  PROCEDURE reset(p_to IN PLS_INTEGER DEFAULT 0);
  PROCEDURE fail(p_coded BOOLEAN DEFAULT FALSE);
  FUNCTION dept_names(p_dept NUMBER) RETURN VARCHAR2;
  FUNCTION rich_names RETURN VARCHAR2;
  FUNCTION open_emps RETURN emp_cur;
  FUNCTION make_pair(p_k VARCHAR2, p_v NUMBER) RETURN pair_t;
  FUNCTION calls RETURN PLS_INTEGER;
END counter;
/
CREATE OR REPLACE PACKAGE BODY counter AS
  g_calls PLS_INTEGER;             -- private state
  FUNCTION bump(x PLS_INTEGER) RETURN PLS_INTEGER;   -- forward declaration
  FUNCTION next_value RETURN PLS_INTEGER IS
  BEGIN
    g_calls := g_calls + 1;
    g_count := bump(g_count);
    IF g_count > 5 THEN RAISE e_too_big; END IF;
    RETURN g_count;
  END next_value;
  FUNCTION bump(x PLS_INTEGER) RETURN PLS_INTEGER IS   -- private
  BEGIN
    RETURN x + c_step;
  END;
  FUNCTION add(a NUMBER, b NUMBER DEFAULT 10) RETURN NUMBER IS BEGIN RETURN a + b; END;
  FUNCTION add(a VARCHAR2, b VARCHAR2) RETURN VARCHAR2 IS BEGIN RETURN a || b; END;
  PROCEDURE reset(p_to IN PLS_INTEGER DEFAULT 0) IS BEGIN g_count := p_to; counter.g_label := 'reset'; END;
  PROCEDURE fail(p_coded BOOLEAN DEFAULT FALSE) IS
  BEGIN
    IF p_coded THEN RAISE e_coded; END IF;
    RAISE e_too_big;
  END;
  FUNCTION dept_names(p_dept NUMBER) RETURN VARCHAR2 IS
    s VARCHAR2(200);
  BEGIN
    FOR r IN c_dept(p_dept) LOOP s := s || r.name || ' '; END LOOP;
    RETURN s;
  END;
  CURSOR c_rich RETURN emp%ROWTYPE IS SELECT * FROM emp WHERE salary > 150 ORDER BY id;
  FUNCTION rich_names RETURN VARCHAR2 IS
    s VARCHAR2(200);
  BEGIN
    FOR r IN c_rich LOOP s := s || r.name || ' '; END LOOP;
    RETURN s;
  END;
  FUNCTION open_emps RETURN emp_cur IS
    c emp_cur;
  BEGIN
    OPEN c FOR SELECT name FROM emp ORDER BY id;
    RETURN c;
  END;
  FUNCTION make_pair(p_k VARCHAR2, p_v NUMBER) RETURN pair_t IS
    p pair_t;
  BEGIN
    p.k := p_k;
    p.v := p_v;
    RETURN p;
  END;
  FUNCTION calls RETURN PLS_INTEGER IS BEGIN RETURN g_calls; END;
BEGIN
  -- the initialization section: once per session, on first use
  g_calls := 0;
  g_pair.k := 'init';
  dbms_output.put_line('counter initialised');
END counter;
/
$s$);

-- \df lists the public subprograms; the private ones are not there.
\df counter.*
SELECT name, type, line, text FROM plpolar.user_source WHERE name = 'counter' AND line <= 3 ORDER BY type, line;

-- 2. State across calls and transactions: ROLLBACK does not undo it.
SELECT counter.next_value() AS first, counter.next_value() AS second;
BEGIN;
SELECT counter.next_value() AS in_transaction;
ROLLBACK;
SELECT counter.next_value() AS after_rollback, counter.calls() AS calls;

-- 3. Overloads, defaults, named arguments, procedures.
SELECT counter.add(1) AS default_b, counter.add(1, 2) AS numbers, counter.add('a'::varchar2, 'b') AS strings,
       counter.add(b => 5, a => 1) AS named;
CALL counter.reset(0);
SELECT counter.next_value() AS after_reset;
CALL counter.reset();
SELECT (counter.make_pair('k', 7)).*;

-- 4. Private subprograms are not reachable from outside.
SELECT counter.bump(1);
DO LANGUAGE plpolar $$ BEGIN dbms_output.put_line(counter.bump(1)); END $$;
DO LANGUAGE plpolar $$ BEGIN dbms_output.put_line(counter.g_calls); END $$;

-- 5. Package items from another unit: variables, constants, records,
-- types, exceptions (caught by name), cursors inside the package.
DO LANGUAGE plpolar $$
DECLARE
  p counter.pair_t;
  l counter.g_label%TYPE;
  s counter.small_t := 3;
BEGIN
  dbms_output.put_line('step=' || counter.c_step || ' label=' || counter.g_label || ' pair.k=' || counter.g_pair.k);
  counter.g_label := 'set from outside';
  counter.g_pair.v := 99;
  p := counter.g_pair;
  l := counter.g_label;
  dbms_output.put_line('p.v=' || p.v || ' l=' || l || ' s=' || s);
  BEGIN
    counter.fail;
  EXCEPTION WHEN counter.e_too_big THEN dbms_output.put_line('caught e_too_big: ' || SQLCODE || ' ' || SQLERRM);
  END;
  BEGIN
    counter.fail(TRUE);
  EXCEPTION WHEN counter.e_coded THEN dbms_output.put_line('caught e_coded: ' || SQLCODE);
  END;
  BEGIN
    RAISE counter.e_too_big;
  EXCEPTION WHEN counter.e_too_big THEN dbms_output.put_line('raised here, caught by name');
  END;
  dbms_output.put_line('dept 10: ' || counter.dept_names(10) || '| rich: ' || counter.rich_names);
END $$;
-- The state another unit set is the package's.
DO LANGUAGE plpolar $$ BEGIN dbms_output.put_line('label is now ' || counter.g_label || ', pair.v ' || counter.g_pair.v); END $$;
-- An exception raised past SQL is still caught by name.
DO LANGUAGE plpolar $$
DECLARE n PLS_INTEGER;
BEGIN
  LOOP
    n := counter.next_value();
  END LOOP;
EXCEPTION WHEN counter.e_too_big THEN dbms_output.put_line('loop stopped by e_too_big at ' || counter.g_count);
END $$;
-- A REF CURSOR returned to SQL.
BEGIN;
SELECT counter.open_emps() AS portal \gset
FETCH ALL FROM :"portal";
COMMIT;
-- The package's cursors from another unit: cursor FOR loops (with
-- arguments), OPEN / FETCH / CLOSE and the attributes, %ROWTYPE, the cursor
-- whose query the body gives; its state is the package's, so that another
-- unit of the session fetches from the cursor this one opened.
CREATE FUNCTION fetch_rich() RETURNS text LANGUAGE plpolar AS $$
DECLARE r counter.c_rich%ROWTYPE;
BEGIN
  FETCH counter.c_rich INTO r;
  IF counter.c_rich%NOTFOUND THEN RETURN 'none left'; END IF;
  RETURN r.name || ' #' || counter.c_rich%ROWCOUNT;
END $$;
DO LANGUAGE plpolar $$
DECLARE
  r counter.c_rich%ROWTYPE;
  n PLS_INTEGER := 0;
BEGIN
  FOR d IN counter.c_dept(10) LOOP dbms_output.put_line('dept 10 from outside: ' || d.name); END LOOP;
  FOR d IN counter.c_dept(p_dept => 20) LOOP n := n + 1; END LOOP;
  dbms_output.put_line('dept 20 rows: ' || n || ', open after the loop: ' ||
                       CASE WHEN counter.c_dept%ISOPEN THEN 'yes' ELSE 'no' END);
  OPEN counter.c_rich;
  dbms_output.put_line('open: ' || CASE WHEN counter.c_rich%ISOPEN THEN 'yes' ELSE 'no' END ||
                       ', found before a fetch: ' || COALESCE(CASE WHEN counter.c_rich%FOUND THEN 'yes' END, 'null'));
  FETCH counter.c_rich INTO r;
  dbms_output.put_line('first: ' || r.name || ' ' || r.salary);
  dbms_output.put_line('another unit: ' || fetch_rich() || ', then ' || fetch_rich() || ', then ' || fetch_rich());
  CLOSE counter.c_rich;
  BEGIN
    OPEN counter.c_dept(10);
    OPEN counter.c_dept(20);
  EXCEPTION WHEN CURSOR_ALREADY_OPEN THEN dbms_output.put_line('already open: ' || SQLCODE);
  END;
  CLOSE counter.c_dept;
  BEGIN
    FETCH counter.c_dept INTO r;
  EXCEPTION WHEN INVALID_CURSOR THEN dbms_output.put_line('closed: ' || SQLCODE);
  END;
END $$;
DO LANGUAGE plpolar $$ DECLARE x VARCHAR2(10); BEGIN x := counter.c_dept; END $$;
DROP FUNCTION fetch_rich();
-- Package variables in another unit's embedded SQL, as written: read when
-- the statement runs (so a loop sees each new value), pkg.rec.field and
-- schema.pkg.v too; a table column of the same name wins.
CREATE TABLE pkg_log (k NUMBER, note VARCHAR2(40));
CREATE TABLE counter_t (g_count NUMBER);
INSERT INTO counter_t VALUES (-1);
DO LANGUAGE plpolar $$
DECLARE n NUMBER;
BEGIN
  counter.g_label := 'from SQL';
  counter.g_pair.k := 'key';
  FOR i IN 1..3 LOOP
    counter.reset(i);
    INSERT INTO pkg_log VALUES (counter.g_count, counter.g_label || ' ' || counter.g_pair.k);
  END LOOP;
  SELECT count(*) INTO n FROM emp WHERE dept = public.counter.c_step * 10;
  dbms_output.put_line('emps in dept 10: ' || n);
  UPDATE pkg_log SET note = note || '!' WHERE k = counter.g_count;
  FOR r IN (SELECT k FROM pkg_log WHERE k < counter.g_count ORDER BY k) LOOP
    dbms_output.put_line('below: ' || r.k);
  END LOOP;
  SELECT counter.g_count INTO n FROM counter_t counter;
  dbms_output.put_line('the table''s column: ' || n);
END $$;
SELECT * FROM pkg_log ORDER BY k;
DROP TABLE pkg_log, counter_t;
-- Constants and assignments that Oracle refuses.
DO LANGUAGE plpolar $$ BEGIN counter.c_step := 2; END $$;
DO LANGUAGE plpolar $$ BEGIN dbms_output.put_line(counter.nope); END $$;
DO LANGUAGE plpolar $$ DECLARE s counter.small_t := 101; BEGIN NULL; END $$;

-- 6. A second session has its own, fresh state.
CREATE EXTENSION dblink;
SELECT dblink_connect('other', 'dbname=plpolar_pkg port=' || current_setting('port') || ' host=' ||
                      split_part(current_setting('unix_socket_directories'), ',', 1));
SELECT * FROM dblink('other', 'SELECT counter.next_value(), counter.calls()') AS t(value integer, calls integer);
SELECT counter.calls() AS this_session_calls;

-- 7. Replacement: this session's state starts afresh (no error); another
-- session that held state gets ORA-04068 once, then starts afresh.
SELECT statement, action FROM plpolar.exec($s$
CREATE OR REPLACE PACKAGE BODY counter AS
  g_calls PLS_INTEGER := 100;
  FUNCTION bump(x PLS_INTEGER) RETURN PLS_INTEGER IS BEGIN RETURN x + 10 * c_step; END;
  FUNCTION next_value RETURN PLS_INTEGER IS
  BEGIN g_calls := g_calls + 1; g_count := bump(g_count); RETURN g_count; END;
  FUNCTION add(a NUMBER, b NUMBER DEFAULT 10) RETURN NUMBER IS BEGIN RETURN a + b + 1000; END;
  FUNCTION add(a VARCHAR2, b VARCHAR2) RETURN VARCHAR2 IS BEGIN RETURN b || a; END;
  PROCEDURE reset(p_to IN PLS_INTEGER DEFAULT 0) IS BEGIN g_count := p_to; END;
  PROCEDURE fail(p_coded BOOLEAN DEFAULT FALSE) IS BEGIN RAISE e_too_big; END;
  FUNCTION dept_names(p_dept NUMBER) RETURN VARCHAR2 IS BEGIN RETURN NULL; END;
  CURSOR c_rich RETURN emp%ROWTYPE IS SELECT * FROM emp;
  FUNCTION rich_names RETURN VARCHAR2 IS BEGIN RETURN NULL; END;
  FUNCTION open_emps RETURN emp_cur IS c emp_cur; BEGIN OPEN c FOR SELECT 1; RETURN c; END;
  FUNCTION make_pair(p_k VARCHAR2, p_v NUMBER) RETURN pair_t IS p pair_t; BEGIN RETURN p; END;
  FUNCTION calls RETURN PLS_INTEGER IS BEGIN RETURN g_calls; END;
END;
/
$s$);
SELECT counter.next_value() AS fresh_value, counter.calls() AS calls, counter.add(1, 2) AS new_code;
SELECT * FROM dblink('other', 'SELECT counter.next_value()') AS t(value integer);
SELECT * FROM dblink('other', 'SELECT counter.next_value(), counter.calls()') AS t(value integer, calls integer);

-- 8. DBMS_SESSION.RESET_PACKAGE and MODIFY_PACKAGE_STATE start afresh.
SELECT counter.next_value() AS before_reset;
DO LANGUAGE plpolar $$ BEGIN dbms_session.reset_package; END $$;
SELECT counter.next_value() AS after_reset_package;
DO LANGUAGE plpolar $$ BEGIN dbms_session.modify_package_state(2); END $$;
SELECT counter.calls() AS after_modify_package_state;
-- DISCARD ALL resets the session to its initial state (what a connection
-- pool runs between clients): package state too.
SELECT counter.next_value() AS before_discard, counter.next_value() AS again;
DISCARD ALL;
SET plpolar.serveroutput = on;
SELECT counter.next_value() AS after_discard_all;

-- PRAGMA SERIALLY_REUSABLE: the state lasts one transaction (Oracle: one
-- server call), not the session; within a transaction it carries on.
SELECT plpolar.exec($$
CREATE OR REPLACE PACKAGE sr_pkg IS
  PRAGMA SERIALLY_REUSABLE;
  n NUMBER := 0;
  PROCEDURE bump;
END;
/
CREATE OR REPLACE PACKAGE BODY sr_pkg IS
  PRAGMA SERIALLY_REUSABLE;
  PROCEDURE bump IS BEGIN n := n + 1; dbms_output.put_line('sr n=' || n); END;
END;
/
$$);
CALL sr_pkg.bump();
CALL sr_pkg.bump();
BEGIN;
CALL sr_pkg.bump();
CALL sr_pkg.bump();
ROLLBACK;
DO LANGUAGE plpolar $$ BEGIN sr_pkg.bump; sr_pkg.n := sr_pkg.n + 10; sr_pkg.bump; END $$;
DO LANGUAGE plpolar $$ BEGIN dbms_output.put_line('next transaction: ' || sr_pkg.n); END $$;
-- Ordinary packages keep theirs meanwhile.
SELECT counter.calls() AS counter_kept;
-- The pragma belongs to packages only.
SELECT plpolar.exec($$
CREATE OR REPLACE PROCEDURE sr_proc IS PRAGMA SERIALLY_REUSABLE; BEGIN NULL; END;
/
$$);
SELECT action FROM plpolar.exec('DROP PACKAGE sr_pkg');

-- 9. A unit compiled against a specification is recompiled when it changes.
CREATE FUNCTION read_label() RETURNS text LANGUAGE plpolar AS $$ BEGIN RETURN counter.g_label; END; $$;
SELECT read_label();
SELECT action FROM plpolar.exec($s$
CREATE OR REPLACE PACKAGE counter AS
  g_label VARCHAR2(30) := 'second spec';
  FUNCTION next_value RETURN PLS_INTEGER;
END counter;
$s$);
SELECT read_label();
\df counter.*
-- The body no longer matches the specification: calls say so.
SELECT counter.next_value();
SELECT action FROM plpolar.exec($s$
CREATE OR REPLACE PACKAGE counter AS
  g_other NUMBER;
  FUNCTION next_value RETURN PLS_INTEGER;
END counter;
/
CREATE OR REPLACE PACKAGE BODY counter AS
  FUNCTION next_value RETURN PLS_INTEGER IS BEGIN RETURN 7; END;
END counter;
$s$);
SELECT counter.next_value();
SELECT read_label();

-- 10. Errors as Oracle gives them.
-- A body that does not match its specification names the subprogram and line.
SELECT action FROM plpolar.exec($s$
CREATE OR REPLACE PACKAGE BODY counter AS
  FUNCTION next_value(x NUMBER) RETURN PLS_INTEGER IS BEGIN RETURN x; END;
END counter;
$s$);
-- No body: ORA-04067 on a call; its variables work without one.
SELECT action FROM plpolar.exec($s$
CREATE PACKAGE nobody AS
  g NUMBER := 5;
  FUNCTION f RETURN NUMBER;
END;
$s$);
SELECT nobody.f();
DO LANGUAGE plpolar $$ BEGIN dbms_output.put_line('nobody.g = ' || nobody.g); END $$;
-- A body without a specification, a second CREATE without OR REPLACE, a schema that is not a package.
SELECT action FROM plpolar.exec('CREATE PACKAGE BODY ghost AS END;');
SELECT action FROM plpolar.exec('CREATE PACKAGE nobody AS g NUMBER; END;');
CREATE SCHEMA plain;
SELECT action FROM plpolar.exec('CREATE PACKAGE plain AS g NUMBER; END;');
-- Syntax errors carry the script line.
SELECT action FROM plpolar.exec($s$
CREATE PACKAGE broken AS
  g NUMBER := ;
END;
$s$);
-- A spec error is the spec's.
SELECT action FROM plpolar.exec($s$
CREATE PACKAGE broken AS
  g no_such_type;
END;
$s$);
\dn broken

-- 11. DROP PACKAGE BODY, ALTER PACKAGE ... COMPILE, DROP PACKAGE.
SELECT action FROM plpolar.exec($s$
CREATE OR REPLACE PACKAGE BODY nobody AS
  FUNCTION f RETURN NUMBER IS BEGIN g := g + 1; RETURN g; END;
END;
$s$);
SELECT nobody.f(), nobody.f();
SELECT action FROM plpolar.exec('ALTER PACKAGE nobody COMPILE');
SELECT nobody.f() AS after_compile;
SELECT action FROM plpolar.exec('ALTER PACKAGE nobody COMPILE BODY');
SELECT action FROM plpolar.exec('DROP PACKAGE BODY nobody');
SELECT nobody.f();
SELECT action FROM plpolar.exec('DROP PACKAGE nobody');
\dn nobody
SELECT action FROM plpolar.exec('DROP PACKAGE nobody');
SELECT count(*) FROM plpolar.packages WHERE name = 'nobody';

-- 12. The initialization section with its own handler, run once.
SELECT action FROM plpolar.exec($s$
CREATE PACKAGE boot AS
  g_status VARCHAR2(40);
  FUNCTION status RETURN VARCHAR2;
END;
/
CREATE PACKAGE BODY boot AS
  g_tries PLS_INTEGER := 0;
  FUNCTION status RETURN VARCHAR2 IS BEGIN RETURN g_status || ' after ' || g_tries; END;
BEGIN
  g_tries := g_tries + 1;
  g_status := 'loading';
  g_status := TO_CHAR(1 / 0);
EXCEPTION
  WHEN ZERO_DIVIDE THEN g_status := 'fell back';
END boot;
/
$s$);
SELECT boot.status(), boot.status();

-- 13. Oracle code as written: a package with a cursor FOR loop, a type in a
-- signature, calls between public and private subprograms, qualified own names.
SELECT action FROM plpolar.exec($s$
CREATE OR REPLACE PACKAGE hr.emp_api AS
  TYPE emp_rec IS RECORD (id NUMBER, name VARCHAR2(30), salary NUMBER);
  FUNCTION get(p_id NUMBER) RETURN emp_rec;
  PROCEDURE raise_salary(p_id NUMBER, p_pct NUMBER := 10);
  FUNCTION total RETURN NUMBER;
END emp_api;
/
CREATE OR REPLACE PACKAGE BODY hr.emp_api AS
  FUNCTION get(p_id NUMBER) RETURN emp_rec IS
    r emp_rec;
  BEGIN
    SELECT id, name, salary INTO r FROM emp WHERE id = p_id;
    RETURN r;
  EXCEPTION WHEN NO_DATA_FOUND THEN
    RAISE_APPLICATION_ERROR(-20001, 'no employee ' || p_id);
  END get;
  PROCEDURE raise_salary(p_id NUMBER, p_pct NUMBER := 10) IS
    r emp_rec := emp_api.get(p_id);
  BEGIN
    UPDATE emp SET salary = r.salary * (1 + p_pct / 100) WHERE id = p_id;
  END raise_salary;
  FUNCTION total RETURN NUMBER IS
    t NUMBER := 0;
  BEGIN
    FOR r IN (SELECT salary FROM emp) LOOP t := t + r.salary; END LOOP;
    RETURN t;
  END total;
END emp_api;
/
$s$);
SELECT (emp_api.get(2)).*;
CALL emp_api.raise_salary(2);
CALL emp_api.raise_salary(p_id => 3, p_pct => 50);
SELECT emp_api.total();
SELECT emp_api.get(9);

-- Header clauses in a specification; a default that is a constant of it.
SELECT action FROM plpolar.exec($s$
CREATE OR REPLACE PACKAGE geo AS
  c_radius CONSTANT NUMBER := 6371;
  c_unit CONSTANT VARCHAR2(2) := 'km';
  FUNCTION circumference(p_radius NUMBER := c_radius) RETURN NUMBER DETERMINISTIC;
  FUNCTION label(p_unit VARCHAR2 DEFAULT geo.c_unit) RETURN VARCHAR2 RESULT_CACHE;
  FUNCTION richest RETURN emp%ROWTYPE
    RESULT_CACHE;
  FUNCTION name_of(p_id emp.id%TYPE) RETURN emp.name%TYPE DETERMINISTIC;
END geo;
/
CREATE OR REPLACE PACKAGE BODY geo AS
  FUNCTION richest RETURN emp%ROWTYPE RESULT_CACHE IS
    r emp%ROWTYPE;
  BEGIN
    SELECT * INTO r FROM emp ORDER BY salary DESC LIMIT 1;
    RETURN r;
  END;
  FUNCTION name_of(p_id emp.id%TYPE) RETURN emp.name%TYPE DETERMINISTIC IS
    n emp.name%TYPE;
  BEGIN
    SELECT name INTO n FROM emp WHERE id = p_id;
    RETURN n;
  END;
  FUNCTION circumference(p_radius NUMBER := c_radius) RETURN NUMBER DETERMINISTIC IS
  BEGIN RETURN ROUND(2 * 3.14159 * p_radius); END;
  FUNCTION label(p_unit VARCHAR2 DEFAULT geo.c_unit) RETURN VARCHAR2 RESULT_CACHE IS
  BEGIN RETURN 'in ' || p_unit; END;
END geo;
/
$s$);
SELECT geo.circumference() AS earth, geo.circumference(1) AS one, geo.label() AS label;
SELECT (geo.richest()).name AS richest, geo.name_of(1) AS name_of_1;
-- A field of a function's record result, in PL: f(x).field.
DO LANGUAGE plpolar $$
DECLARE
  TYPE pair_t IS RECORD (k VARCHAR2(10), v NUMBER);
  FUNCTION mk(p NUMBER) RETURN pair_t IS r pair_t;
  BEGIN
    IF p IS NULL THEN RETURN NULL; END IF;
    r.k := 'k' || p; r.v := p * 2; RETURN r;
  END;
BEGIN
  dbms_output.put_line('package: ' || geo.richest().name || ' earns ' || geo.richest().salary);
  dbms_output.put_line('local: ' || mk(3).k || ' ' || mk(3).v || ', of a NULL record: [' || mk(NULL).k || ']');
  IF geo.richest().salary > 250 THEN dbms_output.put_line('in a condition'); END IF;
END $$;
DO LANGUAGE plpolar $$ BEGIN dbms_output.put_line(geo.richest().nope); END $$;
DO LANGUAGE plpolar $$ BEGIN dbms_output.put_line(sqlerrm(1).x); END $$;
SELECT provolatile, pg_get_function_arguments(oid) FROM pg_proc WHERE pronamespace = 'geo'::regnamespace ORDER BY proname;

-- 14. Privileges. Definer's rights (Oracle's default) and invoker's rights;
-- nobody reaches a package without GRANT EXECUTE ON it; state is per user.
CREATE ROLE plpolar_pkg_alice LOGIN;
CREATE ROLE plpolar_pkg_bob LOGIN;
GRANT CREATE ON DATABASE plpolar_pkg TO plpolar_pkg_alice, plpolar_pkg_bob;
GRANT CREATE ON SCHEMA public TO plpolar_pkg_alice;
SET ROLE plpolar_pkg_alice;
CREATE TABLE secrets (s text);
INSERT INTO secrets VALUES ('the secret');
CREATE TABLE boot_log (who text, as_user text);
SELECT action FROM plpolar.exec($s$
CREATE PACKAGE vault AS
  g_counter PLS_INTEGER := 0;
  FUNCTION peek RETURN VARCHAR2;
  FUNCTION bump RETURN PLS_INTEGER;
  FUNCTION shout(p VARCHAR2) RETURN VARCHAR2;
END vault;
/
CREATE PACKAGE BODY vault AS
  FUNCTION peek RETURN VARCHAR2 IS v VARCHAR2(100); BEGIN SELECT s INTO v FROM secrets; RETURN v; END;
  FUNCTION bump RETURN PLS_INTEGER IS BEGIN g_counter := g_counter + 1; RETURN g_counter; END;
  FUNCTION shout(p VARCHAR2) RETURN VARCHAR2 IS BEGIN RETURN upper(p); END;
BEGIN
  INSERT INTO boot_log VALUES (current_user, current_user);
END vault;
/
CREATE PACKAGE vault_inv AUTHID CURRENT_USER AS
  FUNCTION peek RETURN VARCHAR2;
END;
/
CREATE PACKAGE BODY vault_inv AS
  FUNCTION peek RETURN VARCHAR2 IS v VARCHAR2(100); BEGIN SELECT s INTO v FROM secrets; RETURN v; END;
END;
/
$s$);
SELECT vault.bump() AS alice_first, vault.bump() AS alice_second;
SET ROLE plpolar_pkg_bob;
SELECT vault.peek();
DO LANGUAGE plpolar $$ BEGIN dbms_output.put_line(vault.g_counter); END $$;
SELECT action FROM plpolar.exec('GRANT EXECUTE ON vault TO plpolar_pkg_bob');
SELECT action FROM plpolar.exec('CREATE OR REPLACE PACKAGE vault AS g NUMBER; END;');
INSERT INTO plpolar.packages VALUES ('vault', 'plpolar_pkg_bob', false, '', 'AS END;', 1, NULL, 1, 1);
UPDATE plpolar.packages SET body = 'AS END;';
SET ROLE plpolar_pkg_alice;
SELECT action FROM plpolar.exec($s$
GRANT EXECUTE ON vault TO plpolar_pkg_bob;
GRANT EXECUTE ON vault_inv TO plpolar_pkg_bob;
$s$);
SET ROLE plpolar_pkg_bob;
-- A planted upper() early in bob's path does not reach alice's code.
CREATE SCHEMA bobs;
CREATE FUNCTION bobs.upper(text) RETURNS text LANGUAGE sql AS $$ SELECT 'planted' $$;
SET search_path = bobs, public;
SELECT vault.peek() AS definer_reads, vault.shout('quiet') AS shout;
SELECT vault_inv.peek() AS invoker_reads;
-- The same calls from plpolar code (which runs a package function without
-- fmgr) take on the definer's rights and path in the same way.
DO LANGUAGE plpolar $$
DECLARE
  a VARCHAR2(100);
  b VARCHAR2(100);
BEGIN
  a := vault.peek();
  b := vault.shout('quiet');
  dbms_output.put_line('from plpolar: ' || a || ' / ' || b || ' as ' || current_user);
END $$;
DO LANGUAGE plpolar $$ DECLARE a VARCHAR2(100); BEGIN a := vault_inv.peek(); END $$;
-- bob's own state, and the initialization ran as alice although bob's
-- variable read started it.
DO LANGUAGE plpolar $$ BEGIN dbms_output.put_line('bob sees g_counter = ' || vault.g_counter); END $$;
SELECT vault.bump() AS bob_first;
RESET search_path;
RESET ROLE;
SELECT as_user, count(*) AS inits FROM boot_log GROUP BY 1;
SET ROLE plpolar_pkg_alice;
SELECT vault.bump() AS alice_third;
SELECT action FROM plpolar.exec('REVOKE EXECUTE ON vault FROM plpolar_pkg_bob');
SET ROLE plpolar_pkg_bob;
SELECT vault.bump();
DO LANGUAGE plpolar $$ DECLARE n PLS_INTEGER; BEGIN n := vault.bump(); END $$;
RESET ROLE;
SELECT action FROM plpolar.exec('DROP PACKAGE vault; DROP PACKAGE vault_inv;');
DROP SCHEMA bobs CASCADE;
DROP TABLE secrets, boot_log;
REVOKE CREATE ON DATABASE plpolar_pkg FROM plpolar_pkg_alice, plpolar_pkg_bob;
REVOKE CREATE ON SCHEMA public FROM plpolar_pkg_alice;
ALTER DEFAULT PRIVILEGES FOR ROLE plpolar_pkg_alice REVOKE ALL ON FUNCTIONS FROM plpolar_pkg_bob;
DROP OWNED BY plpolar_pkg_alice, plpolar_pkg_bob;
DROP ROLE plpolar_pkg_alice;
DROP ROLE plpolar_pkg_bob;

-- 15. pg_dump carries packages: restored into another database, they work.
SELECT dblink_disconnect('other');
\! pg_dump -d plpolar_pkg > /tmp/plpolar_pkg.dump 2>&1; echo "pg_dump: $?"
CREATE DATABASE plpolar_pkg_restored;
\! psql -X -q -v ON_ERROR_STOP=1 -d plpolar_pkg_restored -f /tmp/plpolar_pkg.dump > /tmp/plpolar_pkg.restore 2>&1; echo "restore: $?"; rm -f /tmp/plpolar_pkg.dump /tmp/plpolar_pkg.restore
\c plpolar_pkg_restored
SET plpolar.serveroutput = on;
SELECT counter.next_value() AS restored_call, emp_api.total() AS restored_total;
SELECT name, body IS NOT NULL AS has_body FROM plpolar.packages ORDER BY name;
DO LANGUAGE plpolar $$ BEGIN dbms_output.put_line('restored boot: ' || boot.status()); END $$;
\df emp_api.*
\c plpolar_pkg
DROP DATABASE plpolar_pkg_restored;
-- The custom format through pg_restore, the same.
\! pg_dump -Fc -d plpolar_pkg -f /tmp/plpolar_pkg.custom 2>&1; echo "pg_dump -Fc: $?"
CREATE DATABASE plpolar_pkg_restored;
\! pg_restore --exit-on-error -d plpolar_pkg_restored /tmp/plpolar_pkg.custom 2>&1; echo "pg_restore: $?"; rm -f /tmp/plpolar_pkg.custom
\c plpolar_pkg_restored
SELECT counter.next_value() AS restored_call, emp_api.total() AS restored_total;
SELECT count(*) AS packages FROM plpolar.packages;
\c plpolar_pkg
DROP DATABASE plpolar_pkg_restored;
\c contrib_regression
DROP DATABASE plpolar_pkg;
