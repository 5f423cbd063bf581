-- Oracle install scripts through plpolar.exec: anonymous blocks, SQL*Plus
-- command lines and the COMMIT that scripts end with.
CREATE TABLE os_load (id int, name varchar2(20));

-- Anonymous blocks: with and without a "/" line, labelled, with nested
-- subprograms, and one that ends the script; each runs as a DO block in
-- the script's transaction.
SELECT statement, line, action, rows FROM plpolar.exec($script$
REM Loading the sample data
SET SERVEROUTPUT ON SIZE 1000000
SET DEFINE OFF
SET ECHO OFF
SET FEEDBACK OFF
PROMPT Loading os_load ...
BEGIN
  INSERT INTO os_load VALUES (1, 'one');
  INSERT INTO os_load VALUES (2, 'two');
  DBMS_OUTPUT.PUT_LINE('two rows');
END;
/
DECLARE
  v_n PLS_INTEGER := 0;
  PROCEDURE add_row(p_id PLS_INTEGER, p_name VARCHAR2) IS
  BEGIN
    INSERT INTO os_load VALUES (p_id, p_name);
    v_n := v_n + 1;
  END;
BEGIN
  FOR i IN 3..5 LOOP
    add_row(i, 'row ' || i);
  END LOOP;
  IF v_n = 3 THEN
    DBMS_OUTPUT.PUT_LINE('three more');
  END IF;
END;
/
<<labelled>>
BEGIN
  UPDATE os_load SET name = upper(name) WHERE id = 1;
END labelled;
CREATE PROCEDURE os_note(p_msg VARCHAR2) IS
BEGIN
  DBMS_OUTPUT.PUT_LINE('note: ' || p_msg);
END;
/
SHOW ERRORS
exec os_note('from EXEC');
EXECUTE DBMS_OUTPUT.PUT_LINE('EXECUTE of a package call')
WHENEVER SQLERROR EXIT SQL.SQLCODE
SPOOL install.log
SET search_path = public;
COMMIT;
BEGIN DBMS_OUTPUT.PUT_LINE('the last block'); END;
$script$);
SELECT * FROM os_load ORDER BY id;
-- SET SERVEROUTPUT ON set plpolar.serveroutput for the session, as in SQL*Plus.
SHOW plpolar.serveroutput;
RESET plpolar.serveroutput;

-- PostgreSQL's BEGIN and DECLARE ... CURSOR stay PostgreSQL's (and BEGIN is a
-- transaction command plpolar.exec cannot run).
SELECT action FROM plpolar.exec('DECLARE c CURSOR FOR SELECT 1');
SELECT action FROM plpolar.exec('BEGIN;');

-- EXIT ends the script: what follows it is not run.
SELECT statement, action FROM plpolar.exec($script$
INSERT INTO os_load VALUES (10, 'before exit');
EXIT
INSERT INTO os_load VALUES (11, 'after exit');
$script$);
SELECT id FROM os_load WHERE id >= 10;

-- An error in a block names the block's line and the script's.
SELECT * FROM plpolar.exec($script$
INSERT INTO os_load VALUES (20, 'ok');
BEGIN
  INSERT INTO os_load VALUES (21, 'fine');
  INSERT INTO os_load VALUES (22, 1 / 0);
END;
/
$script$);
SELECT * FROM plpolar.exec($script$
SELECT 1;
DECLARE
  v NUMBER;
BEGIN
  v := ;
END;
$script$);

-- What cannot be honoured in the server is a clear error.
SELECT * FROM plpolar.exec('@install_tables.sql');
SELECT * FROM plpolar.exec('CONNECT scott/tiger');
SELECT * FROM plpolar.exec('PREPARE TRANSACTION ''x'';');
SELECT * FROM plpolar.exec('COMMIT FORCE ''22.57.53'';');
SELECT * FROM plpolar.exec('ROLLBACK WORK FORCE ''22.57.53'';');

-- COMMIT, ROLLBACK and savepoints: the script runs in the caller's
-- transaction; COMMIT keeps the work so far (it commits with the caller) and
-- forgets the savepoints, ROLLBACK undoes the work since the script's start
-- or its last COMMIT, ROLLBACK TO undoes the work since the savepoint (which
-- stays), all as subtransactions.
CREATE TABLE os_tx (i int);
SELECT * FROM plpolar.exec($script$
INSERT INTO os_tx VALUES (1);
SAVEPOINT a;
INSERT INTO os_tx VALUES (2);
SAVEPOINT b;
INSERT INTO os_tx VALUES (3);
ROLLBACK TO SAVEPOINT b;
INSERT INTO os_tx VALUES (4);
ROLLBACK WORK TO a;
INSERT INTO os_tx VALUES (5);
ROLLBACK TO a;
INSERT INTO os_tx VALUES (6);
COMMIT COMMENT 'first load' WRITE NOWAIT;
INSERT INTO os_tx VALUES (7);
CREATE TABLE os_tx_gone (i int);
ROLLBACK;
INSERT INTO os_tx VALUES (8);
COMMIT;
$script$);
SELECT array_agg(i ORDER BY i) AS kept, to_regclass('os_tx_gone') IS NULL AS ddl_rolled_back FROM os_tx;
-- A savepoint set again moves; quoted names keep their case.
TRUNCATE os_tx;
SELECT action FROM plpolar.exec($script$
SAVEPOINT s; INSERT INTO os_tx VALUES (1);
SAVEPOINT s; INSERT INTO os_tx VALUES (2);
SAVEPOINT "s"; INSERT INTO os_tx VALUES (3);
ROLLBACK TO "s";
ROLLBACK TO s;
$script$);
SELECT array_agg(i ORDER BY i) AS kept FROM os_tx;
-- COMMIT erases savepoints; a savepoint never set is Oracle's ORA-01086,
-- and the failed script leaves nothing behind.
TRUNCATE os_tx;
SELECT * FROM plpolar.exec($script$INSERT INTO os_tx VALUES (1); SAVEPOINT a; COMMIT; ROLLBACK TO a;$script$);
SELECT * FROM plpolar.exec('ROLLBACK TO never_set');
SELECT count(*) AS nothing_left FROM os_tx;
SET plpolar.serveroutput = on;
DO LANGUAGE plpolar $$
DECLARE
  n int;
BEGIN
  SELECT count(*) INTO n FROM plpolar.exec('SAVEPOINT x; ROLLBACK TO y;');
EXCEPTION WHEN OTHERS THEN
  DBMS_OUTPUT.PUT_LINE('SQLCODE ' || SQLCODE || ' / ' || SQLERRM);
END;
$$;
RESET plpolar.serveroutput;
-- The caller's transaction decides in the end: its ROLLBACK undoes a
-- script that said COMMIT.
BEGIN;
SELECT action FROM plpolar.exec('INSERT INTO os_tx VALUES (42); COMMIT;');
ROLLBACK;
SELECT count(*) AS caller_rolled_back FROM os_tx;
-- A COMMIT in PL code the script runs (a data-load block's COMMIT, also one
-- in EXECUTE IMMEDIATE or in a procedure the block calls) is the script's
-- COMMIT: the work commits with the caller. A ROLLBACK there cannot be
-- honoured (2D000).
CREATE PROCEDURE os_commit_inside() LANGUAGE plpolar AS $$
BEGIN
  INSERT INTO os_tx VALUES (102);
  COMMIT;
END;
$$;
SELECT statement, action FROM plpolar.exec($script$
BEGIN
  INSERT INTO os_tx VALUES (100);
  INSERT INTO os_tx VALUES (101);
  COMMIT;
END;
/
EXEC EXECUTE IMMEDIATE 'COMMIT'
EXEC os_commit_inside
$script$);
SELECT count(*) AS committed_in_blocks FROM os_tx WHERE i >= 100;
SELECT * FROM plpolar.exec('BEGIN INSERT INTO os_tx VALUES (103); ROLLBACK; END;');
-- Outside plpolar.exec a function still cannot commit.
CREATE FUNCTION os_commit_fn() RETURNS int LANGUAGE plpolar AS $$ BEGIN COMMIT; RETURN 1; END; $$;
SELECT os_commit_fn();
DROP FUNCTION os_commit_fn();
DROP PROCEDURE os_commit_inside();
DELETE FROM os_tx WHERE i >= 100;
-- A SAVEPOINT left open at the end keeps its work; an error after savepoints
-- still fails the whole script.
SELECT action FROM plpolar.exec('SAVEPOINT open_at_end; INSERT INTO os_tx VALUES (9);');
SELECT * FROM plpolar.exec('SAVEPOINT a; INSERT INTO os_tx VALUES (10); SAVEPOINT b; SELECT 1/0;');
SELECT array_agg(i) AS kept FROM os_tx;

-- Subprogram header clauses, in any order Oracle allows, and %TYPE /
-- %ROWTYPE in parameter and return types.
CREATE TABLE os_emp (id int PRIMARY KEY, name varchar2(30), salary numeric(10,2));
INSERT INTO os_emp VALUES (1, 'King', 5000), (2, 'Blake', 2850);
SELECT statement, action FROM plpolar.exec($script$
CREATE OR REPLACE EDITIONABLE FUNCTION os_bonus(p_salary os_emp.salary%TYPE)
  RETURN os_emp.salary%TYPE
  DETERMINISTIC PARALLEL_ENABLE AUTHID CURRENT_USER
IS
BEGIN
  RETURN p_salary * 0.1;
END os_bonus;
/
CREATE FUNCTION os_name_of(p_id IN os_emp.id%TYPE) RETURN VARCHAR2
  RESULT_CACHE RELIES_ON (os_emp)
  ACCESSIBLE BY (FUNCTION os_bonus)
IS
  v os_emp.name%TYPE;
BEGIN
  SELECT name INTO v FROM os_emp WHERE id = p_id;
  RETURN v;
END;
/
CREATE FUNCTION os_row(p_id PLS_INTEGER) RETURN os_emp%ROWTYPE PARALLEL_ENABLE (PARTITION p BY ANY) IS
  r os_emp%ROWTYPE;
BEGIN
  SELECT * INTO r FROM os_emp WHERE id = p_id;
  RETURN r;
END;
/
CREATE NONEDITIONABLE PROCEDURE os_raise(p_emp IN os_emp%ROWTYPE, p_pct NUMBER) AUTHID DEFINER IS
BEGIN
  UPDATE os_emp SET salary = salary * (1 + p_pct / 100) WHERE id = p_emp.id;
END;
/
$script$);
SELECT proname, provolatile, proparallel, prosecdef, pg_get_function_arguments(oid) AS arguments,
       pg_get_function_result(oid) AS result
FROM pg_proc WHERE proname LIKE 'os\_%' AND proname <> 'os_note' ORDER BY proname;
SELECT os_bonus(salary), os_name_of(id), (os_row(id)).name FROM os_emp ORDER BY id;
CALL os_raise(os_row(2), 10);
SELECT salary FROM os_emp WHERE id = 2;
SELECT * FROM plpolar.exec('CREATE FUNCTION os_bad RETURN NUMBER PIPELINED IS BEGIN RETURN 1; END;');
SELECT * FROM plpolar.exec('CREATE FUNCTION os_bad RETURN NUMBER WRONGCLAUSE IS BEGIN RETURN 1; END;');
DROP FUNCTION os_bonus, os_name_of, os_row;
DROP PROCEDURE os_raise;
DROP TABLE os_emp;

DROP TABLE os_load;

-- SQL*Plus substitution variables: DEFINE, &name, &&name, &name., UNDEFINE,
-- SET DEFINE OFF / ON / 'c', ACCEPT with a DEFAULT. Replaced in every later
-- statement (also inside strings, as SQL*Plus does); an undefined one is an
-- error naming it: the server cannot prompt.
SELECT statement, action FROM plpolar.exec($script$
DEFINE tbl = os_subst
define Owner = "app user"
DEF pfx = ^
CREATE TABLE &tbl (id int, note text);
INSERT INTO &&TBL. VALUES (1, 'for &owner.');
PROMPT created &tbl for &Owner
BEGIN
  INSERT INTO &tbl VALUES (2, 'block of &owner');
END;
/
SET DEFINE OFF
INSERT INTO os_subst VALUES (3, 'AT&T');
SET DEFINE '^'
INSERT INTO os_subst VALUES (4, 'AT&T by ^owner');
SET DEFINE ON
UNDEFINE owner
ACCEPT who CHAR DEFAULT 'scott' PROMPT 'Who? '
INSERT INTO os_subst VALUES (5, '&who');
SELECT 5 & 3, ARRAY[1] && ARRAY[1];
$script$);
SELECT * FROM os_subst ORDER BY id;
SELECT * FROM plpolar.exec($script$
SELECT 1;
GRANT SELECT ON os_subst
  TO &to_user;
$script$);
SELECT * FROM plpolar.exec('ACCEPT x PROMPT ''Value: ''');
SELECT * FROM plpolar.exec('DEFINE x = 1' || chr(10) || 'UNDEFINE x' || chr(10) || 'SELECT &x;');
DROP TABLE os_subst;

-- The plpolar client's questions (version 1.7). translate_sql: the
-- PostgreSQL text plpolar.exec runs for a query or DML statement, built-ins
-- qualified whatever the search_path (a planted public.nvl does not capture it).
CREATE FUNCTION public.nvl(a text, b text) RETURNS text LANGUAGE sql AS $$ SELECT 'planted' $$;
SELECT plpolar.translate_sql($q$select nvl(null, 'n') || q'[it's]', sysdate - sysdate from dual where rownum <= 2$q$);
SELECT plpolar.translate_sql('update t set a = nvl(a, 0)');
SELECT plpolar.translate_sql(NULL) IS NULL AS null_in_null_out;
DROP FUNCTION public.nvl(text, text);
-- oracle_message: the Oracle text of a PostgreSQL error, as SQLERRM shows it.
SELECT plpolar.oracle_message('42P01', 'relation "x" does not exist');
SELECT plpolar.oracle_message('23505', 'duplicate key value violates unique constraint "t_pkey"', 'public', 't', NULL, 't_pkey');
SELECT plpolar.oracle_message('23502', 'null value in column "a" of relation "t" violates not-null constraint', 'public', 't', 'a');
SELECT plpolar.oracle_message('23503', 'update or delete on table "p" violates foreign key constraint "c_fk" on table "c"', 'public', 'p', NULL, 'c_fk');
SELECT plpolar.oracle_message('P0002', 'query returned no rows');
SELECT plpolar.oracle_message('22012', 'division by zero');
SELECT plpolar.oracle_message('42883', 'function f() does not exist');
SELECT plpolar.oracle_message('UD042', 'ORA-20042: mine');
SELECT plpolar.oracle_message('xx', 'bad') IS NULL AS bad_state, plpolar.oracle_message(NULL, 'x') IS NULL AS no_state;
-- the same text as a handler's SQLERRM
CREATE TABLE os_msg (a int PRIMARY KEY);
INSERT INTO os_msg VALUES (1);
SET plpolar.serveroutput = on;
DO LANGUAGE plpolar $$
BEGIN
  INSERT INTO os_msg VALUES (1);
EXCEPTION WHEN OTHERS THEN
  dbms_output.put_line('handler: ' || SQLERRM);
END;
$$;
RESET plpolar.serveroutput;
SELECT plpolar.oracle_message('23505', 'duplicate key value violates unique constraint "os_msg_pkey"', 'public', 'os_msg', NULL, 'os_msg_pkey');
-- plpolar.exec ignores '/' lines after a statement's ';' (the client runs the buffer again)
SELECT * FROM plpolar.exec($s$
INSERT INTO os_msg VALUES (2);
/
/
$s$);
SELECT count(*) FROM os_msg;
DROP TABLE os_msg;
