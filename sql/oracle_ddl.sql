-- Oracle-form DDL through plpolar.exec(script).

-- The PolarDB walkthrough, from a file, as the README shows it.
\set src `cat demo/polardb_walkthrough.sql`
SELECT * FROM plpolar.exec(:'src');
\sf sample_event_trigger
\df sample_event_trigger
\dy
-- The triggers fire for a new connection.
\c
SELECT event, tag, instance_num FROM polar_loginout.users_log WHERE event = 'after_user_logon';
DROP EVENT TRIGGER login_event_trigger;
DROP EVENT TRIGGER logout_event_trigger;

-- Functions and procedures with parameters (IN, defaults), types mapped,
-- SQL*Plus "/" lines, OR REPLACE, any other SQL passed through.
SELECT * FROM plpolar.exec($script$
CREATE OR REPLACE FUNCTION add_tax(p_amount IN NUMBER, p_rate NUMBER DEFAULT 0.2)
RETURN NUMBER
AS
  v_total NUMBER;
BEGIN
  v_total := p_amount * (1 + p_rate);
  RETURN v_total;
END add_tax;
/
CREATE TABLE ora_orders (id int, customer VARCHAR2(20), amount numeric(10,2));
INSERT INTO ora_orders VALUES (1, 'ACME', 100), (2, 'Globex', 50);
CREATE PROCEDURE bump_order(p_id IN PLS_INTEGER, p_by NUMBER) IS
BEGIN
  UPDATE ora_orders SET amount = amount + p_by WHERE id = p_id;
  IF SQL%ROWCOUNT = 0 THEN
    INSERT INTO ora_orders VALUES (p_id, 'new', p_by);
  END IF;
END;
/
CALL bump_order(1, 10);
CALL bump_order(3, 7);
$script$);
SELECT add_tax(100), add_tax(100, 0.1);
SELECT * FROM ora_orders ORDER BY id;
\df add_tax
\df bump_order

-- Errors name the statement and its line in the script.
SELECT * FROM plpolar.exec($script$
SELECT 1;

CREATE FUNCTION broken RETURN int IS
BEGIN
  RETURN 1
END;
$script$);
SELECT * FROM plpolar.exec($script$SELECT 1; SELECT 1/0;$script$);
SELECT * FROM plpolar.exec('CREATE FUNCTION no_return_kw IS BEGIN NULL; END;');
-- A failing statement rolls back the whole script (one transaction).
SELECT * FROM plpolar.exec($script$CREATE TABLE ora_rolled_back (a int); SELECT 1/0;$script$);
SELECT to_regclass('ora_rolled_back') IS NULL AS rolled_back;
-- Values in the script are data of the statements, as in any SQL script.
SELECT * FROM plpolar.exec($script$CREATE TABLE ora_notes (t text); INSERT INTO ora_notes VALUES ('a; b'), ($$c ' d$$);$script$);
SELECT * FROM ora_notes;
-- An empty script does nothing.
SELECT * FROM plpolar.exec('');
SELECT * FROM plpolar.exec(NULL);

-- Text that never ends is a syntax error with its line, not an empty
-- script; statements plpolar.exec cannot run get PostgreSQL's errors.
SELECT * FROM plpolar.exec('/* unterminated');
SELECT * FROM plpolar.exec(E'SELECT 1;\n  SELECT ''abc');
SELECT * FROM plpolar.exec(E'SELECT 1;\nDO $x$ BEGIN');
SELECT * FROM plpolar.exec('RELEASE SAVEPOINT s');
SELECT * FROM plpolar.exec('COPY (SELECT 1) TO STDOUT');
CREATE TEMP TABLE ddl_copy_target (i int);
SELECT * FROM plpolar.exec('COPY ddl_copy_target FROM STDIN');
