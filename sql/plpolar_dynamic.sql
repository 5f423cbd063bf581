-- EXECUTE IMMEDIATE: DDL and DML strings, Oracle placeholders bound as
-- parameters (:1, :name), INTO variables or a record, RETURNING INTO
-- through USING OUT or RETURNING INTO, SQL%ROWCOUNT afterwards.
\set VERBOSITY default
CREATE FUNCTION dyn_setup() RETURNS text LANGUAGE plpolar AS $$
BEGIN
  EXECUTE IMMEDIATE 'CREATE TABLE dyn_items (id int PRIMARY KEY, name text, qty int)';
  EXECUTE IMMEDIATE 'CREATE INDEX dyn_items_name ON dyn_items (name)';
  RETURN 'created, rowcount ' || SQL%ROWCOUNT;
END;
$$;
SELECT dyn_setup();

CREATE FUNCTION dyn_dml() RETURNS text LANGUAGE plpolar AS $$
DECLARE
  s VARCHAR2(1000);
  n NUMBER;
  v_name VARCHAR2(100);
  v_id PLS_INTEGER;
  v_qty PLS_INTEGER;
  stmt VARCHAR2(200) := 'INSERT INTO dyn_items VALUES (:id, :name, :qty)';
BEGIN
  EXECUTE IMMEDIATE stmt USING 1, 'bolt', 10;
  EXECUTE IMMEDIATE stmt USING 2, 'nut', 20;
  EXECUTE IMMEDIATE 'INSERT INTO dyn_items VALUES (:1, :2, :3)' USING 3, 'washer', NULL;
  s := 'inserted ' || SQL%ROWCOUNT;
  -- positional: the same name twice takes two USING values
  EXECUTE IMMEDIATE 'UPDATE dyn_items SET qty = :q WHERE qty IS NULL OR qty < :q' USING 15, 15;
  s := s || '; updated ' || SQL%ROWCOUNT;
  EXECUTE IMMEDIATE 'SELECT count(*), sum(qty) FROM dyn_items WHERE id > :1' INTO n, v_qty USING 0;
  s := s || '; count ' || n || ' sum ' || v_qty;
  EXECUTE IMMEDIATE 'SELECT name FROM dyn_items WHERE id = :1' INTO v_name USING 2;
  s := s || '; name ' || v_name;
  -- RETURNING INTO through USING OUT
  EXECUTE IMMEDIATE 'UPDATE dyn_items SET qty = qty + 1 WHERE id = :1 RETURNING id, qty INTO :a, :b'
    USING 1, OUT v_id, OUT v_qty;
  s := s || '; returned ' || v_id || '/' || v_qty;
  -- and through the RETURNING INTO clause
  EXECUTE IMMEDIATE 'DELETE FROM dyn_items WHERE id = :1 RETURNING name INTO :n' USING 3 RETURNING INTO v_name;
  s := s || '; deleted ' || v_name || ' rowcount ' || SQL%ROWCOUNT;
  -- PostgreSQL's own $n work too
  EXECUTE IMMEDIATE 'SELECT name FROM dyn_items WHERE id = $1' INTO v_name USING 1;
  RETURN s || '; $1 ' || v_name;
END;
$$;
SELECT dyn_dml();
SELECT * FROM dyn_items ORDER BY id;

-- INTO a record; NO_DATA_FOUND / TOO_MANY_ROWS as for static SELECT INTO.
CREATE FUNCTION dyn_into(p_where text) RETURNS text LANGUAGE plpolar AS $$
DECLARE
  r dyn_items%ROWTYPE;
BEGIN
  EXECUTE IMMEDIATE 'SELECT * FROM dyn_items WHERE ' || p_where INTO r;
  RETURN r.id || ' ' || r.name || ' ' || r.qty;
EXCEPTION
  WHEN NO_DATA_FOUND THEN RETURN 'NO_DATA_FOUND ' || SQLCODE;
  WHEN TOO_MANY_ROWS THEN RETURN 'TOO_MANY_ROWS ' || SQLCODE;
END;
$$;
SELECT dyn_into('id = 2'), dyn_into('id = 99'), dyn_into('true');

-- Bound values stay data: classic injection strings are stored as text.
CREATE FUNCTION dyn_safe(p_name text) RETURNS text LANGUAGE plpolar AS $$
DECLARE n NUMBER; v VARCHAR2(200);
BEGIN
  EXECUTE IMMEDIATE 'INSERT INTO dyn_items VALUES (:1, :2, 0)' USING 100 + length(p_name), p_name;
  EXECUTE IMMEDIATE 'SELECT count(*) FROM dyn_items WHERE name = :1' INTO n USING p_name;
  EXECUTE IMMEDIATE 'SELECT name FROM dyn_items WHERE name = :1' INTO v USING p_name;
  RETURN n || ' row(s), stored ' || v;
END;
$$;
SELECT dyn_safe($$x'); DROP TABLE dyn_items; --$$);
SELECT dyn_safe($$' OR '1'='1$$);
SELECT dyn_safe('Robert''); DELETE FROM dyn_items; --');
SELECT count(*) AS items_left FROM dyn_items;
-- placeholders inside quotes, comments and casts are left alone
CREATE FUNCTION dyn_quotes() RETURNS text LANGUAGE plpolar AS $$
DECLARE v VARCHAR2(100);
BEGIN
  EXECUTE IMMEDIATE 'SELECT '':not_a_bind '' || :1::text || $q$ :neither $q$ /* :nor */' INTO v USING 42;
  RETURN v;
END;
$$;
SELECT dyn_quotes();

-- Errors: wrong bind counts, OUT in an input position, NULL string,
-- bad SQL; each with the PL line.
DO LANGUAGE plpolar $$ BEGIN EXECUTE IMMEDIATE 'SELECT :1, :2' USING 1; END; $$;
DO LANGUAGE plpolar $$ BEGIN EXECUTE IMMEDIATE 'SELECT :1' USING 1, 2; END; $$;
DO LANGUAGE plpolar $$ DECLARE v int; BEGIN EXECUTE IMMEDIATE 'SELECT :1' USING OUT v; END; $$;
DO LANGUAGE plpolar $$ DECLARE s VARCHAR2(10); BEGIN EXECUTE IMMEDIATE s; END; $$;
DO LANGUAGE plpolar $$
BEGIN
  EXECUTE IMMEDIATE 'SELEC 1';
END;
$$;
DO LANGUAGE plpolar $$ DECLARE v int; BEGIN EXECUTE IMMEDIATE 'UPDATE dyn_items SET qty = 1' INTO v; END; $$;
DO LANGUAGE plpolar $$ DECLARE v int; BEGIN EXECUTE IMMEDIATE 'SELECT 1' INTO v USING 1 RETURNING INTO v; END; $$;
DO LANGUAGE plpolar $$ DECLARE v int; BEGIN EXECUTE IMMEDIATE 'UPDATE dyn_items SET qty = 1 RETURNING qty INTO :x' USING 1; END; $$;

-- Handled dynamic errors roll back only the failing statement.
CREATE FUNCTION dyn_handled() RETURNS text LANGUAGE plpolar AS $$
BEGIN
  EXECUTE IMMEDIATE 'INSERT INTO dyn_items VALUES (500, ''kept'', 1)';
  EXECUTE IMMEDIATE 'INSERT INTO dyn_items VALUES (500, ''dup'', 1)';
  RETURN 'no';
EXCEPTION WHEN DUP_VAL_ON_INDEX THEN
  RETURN 'dup handled: ' || SQLERRM;
END;
$$;
SELECT dyn_handled();
SELECT name FROM dyn_items WHERE id = 500;

CREATE FUNCTION dyn_drop() RETURNS void LANGUAGE plpolar AS $$
BEGIN
  EXECUTE IMMEDIATE 'DROP TABLE dyn_items';
END;
$$;
SELECT dyn_drop();
SELECT to_regclass('dyn_items') IS NULL AS dropped;

-- Transaction commands as dynamic SQL. COMMIT and ROLLBACK run as the
-- COMMIT and ROLLBACK statements do (Oracle allows EXECUTE IMMEDIATE
-- 'COMMIT'); other transaction commands and COPY to or from the client
-- are errors with PostgreSQL's SQLSTATE, as in PL/pgSQL.
\set VERBOSITY default
CREATE TABLE dyn_tx (i int);
CREATE PROCEDURE dyn_load(n integer) LANGUAGE plpolar AS $$
DECLARE rows NUMBER;
BEGIN
  FOR i IN 1..n LOOP
    INSERT INTO dyn_tx VALUES (i);
    IF MOD(i, 2) = 0 THEN
      EXECUTE IMMEDIATE 'COMMIT';
    ELSE
      EXECUTE IMMEDIATE ' rollback work ';
    END IF;
  END LOOP;
  rows := SQL%ROWCOUNT;
  INSERT INTO dyn_tx VALUES (-1 - rows);
  EXECUTE IMMEDIATE '/* Oracle''s habit */ COMMIT;';
END;
$$;
CALL dyn_load(4);
SELECT * FROM dyn_tx ORDER BY i;
-- inside a cursor FOR loop (its cursor survives), and in a DO block
CREATE PROCEDURE dyn_loop() LANGUAGE plpolar AS $$
BEGIN
  FOR r IN (SELECT i FROM dyn_tx WHERE i > 0 ORDER BY i) LOOP
    INSERT INTO dyn_tx VALUES (100 + r.i);
    EXECUTE IMMEDIATE 'END';
  END LOOP;
END;
$$;
CALL dyn_loop();
-- in a block with handlers (each statement is its own subtransaction)
CREATE PROCEDURE dyn_handled_commit() LANGUAGE plpolar AS $$
BEGIN
  INSERT INTO dyn_tx VALUES (200);
  EXECUTE IMMEDIATE 'COMMIT';
  INSERT INTO dyn_tx VALUES (201);
  EXECUTE IMMEDIATE 'ROLLBACK';
EXCEPTION WHEN OTHERS THEN
  RAISE;
END;
$$;
CALL dyn_handled_commit();
DO LANGUAGE plpolar $$ BEGIN DELETE FROM dyn_tx WHERE i = -1; EXECUTE IMMEDIATE 'COMMIT'; END $$;
SELECT * FROM dyn_tx ORDER BY i;
-- Where PostgreSQL forbids COMMIT: in a transaction block, a function, a
-- block with handlers around the CALL.
BEGIN;
CALL dyn_load(1);
ROLLBACK;
CREATE FUNCTION dyn_fcommit() RETURNS int LANGUAGE plpolar AS $$
BEGIN
  EXECUTE IMMEDIATE 'COMMIT';
  RETURN 1;
EXCEPTION WHEN INVALID_TRANSACTION_TERMINATION THEN
  RETURN SQLCODE;
END;
$$;
SELECT dyn_fcommit();
CREATE FUNCTION dyn_frollback() RETURNS int LANGUAGE plpolar AS $$ BEGIN EXECUTE IMMEDIATE 'ROLLBACK'; RETURN 1; END; $$;
SELECT dyn_frollback();
CREATE PROCEDURE dyn_protected() LANGUAGE plpolar AS $$
BEGIN
  dyn_load(2);
EXCEPTION WHEN OTHERS THEN
  RAISE;
END;
$$;
CALL dyn_protected();
-- Other transaction commands: feature_not_supported (0A000).
DO LANGUAGE plpolar $$ BEGIN EXECUTE IMMEDIATE 'SAVEPOINT a'; END $$;
DO LANGUAGE plpolar $$ BEGIN EXECUTE IMMEDIATE 'ROLLBACK TO SAVEPOINT a'; END $$;
DO LANGUAGE plpolar $$ BEGIN EXECUTE IMMEDIATE 'RELEASE SAVEPOINT a'; END $$;
DO LANGUAGE plpolar $$ BEGIN EXECUTE IMMEDIATE 'BEGIN'; END $$;
DO LANGUAGE plpolar $$ BEGIN EXECUTE IMMEDIATE 'START TRANSACTION'; END $$;
DO LANGUAGE plpolar $$ BEGIN EXECUTE IMMEDIATE 'COMMIT AND CHAIN'; END $$;
DO LANGUAGE plpolar $$ BEGIN EXECUTE IMMEDIATE 'COMMIT PREPARED ''x'''; END $$;
-- COMMIT after another statement in one string: the INSERT is undone too
DO LANGUAGE plpolar $$ BEGIN EXECUTE IMMEDIATE 'INSERT INTO dyn_tx VALUES (-1); COMMIT'; END $$;
-- COMMIT with bind values is no COMMIT statement
DO LANGUAGE plpolar $$ BEGIN EXECUTE IMMEDIATE 'COMMIT' USING 1; END $$;
-- and the error is catchable by its name
SET plpolar.serveroutput = on;
DO LANGUAGE plpolar $$
BEGIN
  EXECUTE IMMEDIATE 'SAVEPOINT a';
EXCEPTION WHEN FEATURE_NOT_SUPPORTED THEN
  DBMS_OUTPUT.PUT_LINE('caught ' || SQLCODE || ': ' || SQLERRM);
END
$$;
RESET plpolar.serveroutput;
-- COPY to or from the client
DO LANGUAGE plpolar $$ BEGIN EXECUTE IMMEDIATE 'COPY dyn_tx FROM STDIN'; END $$;
DO LANGUAGE plpolar $$ BEGIN EXECUTE IMMEDIATE 'COPY dyn_tx TO STDOUT'; END $$;
DO LANGUAGE plpolar $$ BEGIN EXECUTE IMMEDIATE 'COPY (SELECT 1) TO STDOUT'; END $$;
-- as a cursor: PostgreSQL's own error
DO LANGUAGE plpolar $$ DECLARE rc SYS_REFCURSOR; BEGIN OPEN rc FOR 'COMMIT'; END $$;
DO LANGUAGE plpolar $$ DECLARE rc SYS_REFCURSOR; BEGIN OPEN rc FOR 'COPY dyn_tx TO STDOUT'; END $$;
SELECT * FROM dyn_tx ORDER BY i;
DROP PROCEDURE dyn_load, dyn_loop, dyn_handled_commit, dyn_protected;
DROP FUNCTION dyn_fcommit, dyn_frollback;
DROP TABLE dyn_tx;
