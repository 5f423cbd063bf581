-- Embedded SQL: INSERT / UPDATE / DELETE, SELECT ... INTO, NO_DATA_FOUND,
-- TOO_MANY_ROWS, SQL%ROWCOUNT / %FOUND / %NOTFOUND, parameter binding.

CREATE TABLE emp (id int PRIMARY KEY, name VARCHAR2(20), salary numeric(10,2), dept int);

CREATE FUNCTION hire(p_id int, p_name varchar2, p_salary numeric) RETURNS bigint LANGUAGE plpolar AS $$
BEGIN
  INSERT INTO emp (id, name, salary, dept) VALUES (p_id, p_name, p_salary, p_id % 3);
  RETURN SQL%ROWCOUNT;
END;
$$;
SELECT hire(i, 'emp' || i, i * 1000) FROM generate_series(1, 6) i;

CREATE FUNCTION raise_dept(p_dept int, p_pct numeric) RETURNS text LANGUAGE plpolar AS $$
DECLARE
  n PLS_INTEGER;
BEGIN
  UPDATE emp SET salary = salary * (1 + p_pct / 100) WHERE dept = p_dept;
  n := SQL%ROWCOUNT;
  RETURN n || ' ' || SQL%FOUND || ' ' || SQL%NOTFOUND || ' ' || SQL%ISOPEN;
END;
$$;
SELECT raise_dept(1, 10), raise_dept(99, 10);
SELECT * FROM emp ORDER BY id;

-- Implicit cursor attributes before any SQL are NULL.
CREATE FUNCTION attrs_before() RETURNS text LANGUAGE plpolar AS $$
BEGIN
  RETURN coalesce(SQL%ROWCOUNT::text, 'null') || ' ' || coalesce(SQL%FOUND::text, 'null');
END;
$$;
SELECT attrs_before();

-- SELECT INTO: one row, several targets, conversions to the target types.
CREATE FUNCTION emp_info(p_id int) RETURNS text LANGUAGE plpolar AS $$
DECLARE
  v_name emp.name%TYPE;
  v_sal  PLS_INTEGER;
  v_cnt  NUMBER;
BEGIN
  SELECT name, salary INTO v_name, v_sal FROM emp WHERE id = p_id;
  SELECT count(*) INTO v_cnt FROM emp;
  RETURN v_name || ' earns ' || v_sal || ' of ' || v_cnt || ' rowcount=' || SQL%ROWCOUNT;
END;
$$;
SELECT emp_info(4);
-- No row: NO_DATA_FOUND (SQLSTATE P0002); several rows: TOO_MANY_ROWS (P0003).
\set VERBOSITY verbose
SELECT emp_info(42);
CREATE FUNCTION emp_by_dept(p_dept int) RETURNS text LANGUAGE plpolar AS $$
DECLARE
  v_name VARCHAR2(20);
BEGIN
  SELECT name INTO v_name FROM emp WHERE dept = p_dept;
  RETURN v_name;
END;
$$;
SELECT emp_by_dept(0);
\set VERBOSITY default
-- Column count must match the INTO list.
CREATE FUNCTION into_mismatch() RETURNS text LANGUAGE plpolar AS $$
DECLARE
  a int;
BEGIN
  SELECT 1, 2 INTO a;
  RETURN a;
END;
$$;
SELECT into_mismatch();
-- A SELECT without INTO is refused when compiled.
CREATE FUNCTION select_no_into() RETURNS int LANGUAGE plpolar AS $$
BEGIN
  SELECT 1;
  RETURN 1;
END;
$$;
-- A value too long for the INTO target.
CREATE FUNCTION into_too_long() RETURNS text LANGUAGE plpolar AS $$
DECLARE
  v VARCHAR2(2);
BEGIN
  SELECT name INTO v FROM emp WHERE id = 1;
  RETURN v;
END;
$$;
SELECT into_too_long();

-- DELETE and WITH.
CREATE FUNCTION fire_dept(p_dept int) RETURNS bigint LANGUAGE plpolar AS $$
BEGIN
  DELETE FROM emp WHERE dept = p_dept;
  RETURN SQL%ROWCOUNT;
END;
$$;
SELECT fire_dept(2);
CREATE FUNCTION with_insert() RETURNS bigint LANGUAGE plpolar AS $$
BEGIN
  WITH src AS (SELECT 100 AS id) INSERT INTO emp (id, name) SELECT id, 'cte' FROM src;
  RETURN SQL%ROWCOUNT;
END;
$$;
SELECT with_insert();
SELECT id, name FROM emp ORDER BY id;

-- Values are bound as parameters, never pasted into the SQL text: quotes,
-- semicolons and comment markers stay data.
CREATE TABLE notes (body text);
CREATE FUNCTION add_note(p text) RETURNS bigint LANGUAGE plpolar AS $$
DECLARE
  n PLS_INTEGER;
BEGIN
  INSERT INTO notes VALUES (p);
  SELECT count(*) INTO n FROM notes WHERE body = p;
  RETURN n;
END;
$$;
SELECT add_note($$x'); DROP TABLE notes; --$$);
SELECT add_note('a'' OR ''1''=''1');
SELECT * FROM notes;
-- The statement text PostgreSQL receives has $n parameters.
CREATE FUNCTION show_param(p text) RETURNS void LANGUAGE plpolar AS $$
BEGIN
  INSERT INTO notes VALUES (p::int);
END;
$$;
SELECT show_param('not an int');

-- A table column wins over a PL variable of the same name (Oracle's rule);
-- the block label or function name reaches the variable.
CREATE FUNCTION name_clash(name varchar2) RETURNS text LANGUAGE plpolar AS $$
DECLARE
  id PLS_INTEGER := 3;
  v VARCHAR2(20);
BEGIN
  SELECT e.name INTO v FROM emp e WHERE e.id = name_clash.id AND e.name = name_clash.name;
  RETURN v;
END;
$$;
SELECT name_clash('emp3');

-- Plans are kept between calls and follow schema changes.
CREATE TABLE kv (k int, v text);
CREATE FUNCTION kv_get(p int) RETURNS text LANGUAGE plpolar AS $$
DECLARE
  r text;
BEGIN
  SELECT v INTO r FROM kv WHERE k = p;
  RETURN r;
END;
$$;
INSERT INTO kv VALUES (1, 'one');
SELECT kv_get(1);
ALTER TABLE kv ALTER COLUMN v TYPE varchar(10);
SELECT kv_get(1);
-- CREATE OR REPLACE recompiles the function in a session that cached it.
CREATE OR REPLACE FUNCTION kv_get(p int) RETURNS text LANGUAGE plpolar AS $$
BEGIN
  RETURN 'replaced ' || p;
END;
$$;
SELECT kv_get(1);

-- STABLE functions run their SQL read-only, VOLATILE ones see their own writes.
CREATE FUNCTION stable_write() RETURNS int LANGUAGE plpolar STABLE AS $$
BEGIN
  INSERT INTO kv VALUES (2, 'two');
  RETURN 1;
END;
$$;
SELECT stable_write();
CREATE FUNCTION sees_own_writes() RETURNS bigint LANGUAGE plpolar AS $$
DECLARE
  n PLS_INTEGER;
BEGIN
  INSERT INTO kv VALUES (3, 'three');
  SELECT count(*) INTO n FROM kv;
  RETURN n;
END;
$$;
SELECT sees_own_writes();
