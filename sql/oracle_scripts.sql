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
SELECT * FROM plpolar.exec('ROLLBACK;');

DROP PROCEDURE os_note(varchar2);
DROP TABLE os_load;
