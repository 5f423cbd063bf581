-- Schema-level collection types (issue 17): CREATE [OR REPLACE] TYPE ... AS
-- TABLE OF / VARRAY(n) OF through plpolar.exec, as domains over arrays that
-- SQL, psql and pg_dump know; constructors from SQL; columns, parameters and
-- results of SQL and PL/polar functions; TABLE() over variables, columns and
-- function results; DROP TYPE; OR REPLACE; recompilation of their users.
CREATE DATABASE plpolar_ctypes;
\c plpolar_ctypes
CREATE EXTENSION plpolar;
SET plpolar.serveroutput = on;
\set VERBOSITY default

-- 1. The statements as Oracle scripts write them (with ; and with /).
SELECT statement, action FROM plpolar.exec($$
CREATE TYPE num_list AS TABLE OF NUMBER;
CREATE OR REPLACE TYPE name_arr IS VARRAY(3) OF VARCHAR2(10);
/
CREATE OR REPLACE EDITIONABLE TYPE id_arr FORCE AS VARYING ARRAY(5) OF INTEGER NOT NULL;
/
CREATE TYPE date_list AS TABLE OF DATE;
CREATE TABLE orders (id NUMBER(6) PRIMARY KEY, amounts num_list, tags name_arr)
  NESTED TABLE amounts STORE AS orders_amounts RETURN AS VALUE;
$$);
\dD
SELECT obj_description('num_list'::regtype, 'pg_type') AS comment;

-- 2. Constructors from SQL: the limit, NOT NULL elements and the element type hold.
SELECT num_list(1, 2.5, 3) AS n, name_arr('a', 'b') AS a, name_arr() AS empty, id_arr(1, 2) AS ids;
SELECT name_arr('a', 'b', 'c', 'd');
SELECT id_arr(1, NULL);
SELECT name_arr('a', 'much too long');
-- One string literal: plain SQL reads t('x') as a cast of the literal, so
-- it is written t(VARIADIC ARRAY['x']); plpolar.exec and PL/polar code
-- rewrite it themselves.
SELECT name_arr(VARIADIC ARRAY['x']) AS one;
SELECT action, rows FROM plpolar.exec($$INSERT INTO orders VALUES (1, num_list(10, 20), name_arr('rush'))$$);
INSERT INTO orders VALUES (2, num_list(5), name_arr('a', 'b')), (3, NULL, name_arr()), (4, num_list(), NULL);
SELECT * FROM orders ORDER BY id;

-- 3. Parameters and results of PL/polar functions, called from SQL.
CREATE FUNCTION total(xs num_list) RETURNS NUMBER LANGUAGE plpolar AS $$
DECLARE s NUMBER := 0;
BEGIN
  IF xs IS NULL THEN RETURN NULL; END IF;
  FOR i IN 1 .. xs.COUNT LOOP s := s + xs(i); END LOOP;
  RETURN s;
END;
$$;
CREATE FUNCTION series(n int) RETURNS num_list LANGUAGE plpolar AS $$
DECLARE r num_list := num_list();
BEGIN
  FOR i IN 1 .. n LOOP r.EXTEND; r(r.LAST) := i * 10; END LOOP;
  r.DELETE(1);  -- a sparse nested table: SQL sees its elements in order
  RETURN r;
END;
$$;
SELECT id, total(amounts) FROM orders ORDER BY id;
SELECT series(4) AS s4, series(0) AS s0, total(series(3)) AS t3, series(3) = num_list(20, 30) AS equal;
CREATE PROCEDURE add_tag(tags IN OUT name_arr, tag VARCHAR2, n OUT int) LANGUAGE plpolar AS $$
BEGIN
  tags.EXTEND;
  tags(tags.LAST) := tag;
  n := tags.COUNT;
END;
$$;
CALL add_tag(name_arr(VARIADIC ARRAY['a']), 'b', NULL);
CALL add_tag(name_arr('a', 'b', 'c'), 'd', NULL);

-- 4. In PL/polar code: variables of the type in embedded SQL, INTO,
-- BULK COLLECT, EXECUTE IMMEDIATE, calls, TABLE() of variables, columns and results.
DO LANGUAGE plpolar $$
DECLARE
  n num_list;
  t name_arr := name_arr('p', 'q');
  all_ids id_arr;
  c PLS_INTEGER;
  s NUMBER;
BEGIN
  SELECT amounts INTO n FROM orders WHERE id = 1;
  DBMS_OUTPUT.PUT_LINE('selected ' || n.COUNT || ': ' || n(1) || ' ' || n(2));
  n.EXTEND;
  n(3) := 30;
  INSERT INTO orders VALUES (5, n, t);
  SELECT count(*) INTO c FROM orders WHERE tags = t;
  DBMS_OUTPUT.PUT_LINE('rows with tags p,q: ' || c);
  -- NUMBER elements reach SQL as the domain's number[], comparable with
  -- what SQL's constructor makes.
  SELECT count(*) INTO c FROM orders WHERE amounts = n OR amounts = num_list(5);
  DBMS_OUTPUT.PUT_LINE('rows with these amounts: ' || c);
  SELECT total(n) INTO s FROM dual;
  DBMS_OUTPUT.PUT_LINE('total(n) in SQL ' || s || ', in PL ' || total(n) || ', of a result ' || total(series(2)));
  add_tag(t, 'r', c);
  DBMS_OUTPUT.PUT_LINE('after add_tag: ' || c || ' ' || t(3));
  EXECUTE IMMEDIATE 'INSERT INTO orders VALUES (6, :1, :2)' USING n, t;
  EXECUTE IMMEDIATE 'INSERT INTO orders VALUES (7, num_list(7), name_arr(''one''))';
  INSERT INTO orders VALUES (8, num_list(8), name_arr('solo'));
  SELECT sum(column_value) INTO s FROM TABLE(n);
  DBMS_OUTPUT.PUT_LINE('TABLE(n) sums to ' || s);
  SELECT count(*), sum(x.column_value) INTO c, s FROM orders o, TABLE(o.amounts) x;
  DBMS_OUTPUT.PUT_LINE('TABLE(o.amounts) over all orders: ' || c || ' elements, sum ' || s);
  SELECT sum(column_value) INTO s FROM TABLE(series(4));
  DBMS_OUTPUT.PUT_LINE('TABLE(series(4)) sums to ' || s);
  SELECT id BULK COLLECT INTO all_ids FROM orders WHERE id <= 5 ORDER BY id;
  DBMS_OUTPUT.PUT_LINE('bulk collected ' || all_ids.COUNT || ', limit ' || all_ids.LIMIT);
END;
$$;
SELECT * FROM orders WHERE id >= 5 ORDER BY id;

-- 5. Oracle's errors in PL: the varray's limit, NOT NULL elements, NULL collections.
DO LANGUAGE plpolar $$
DECLARE t name_arr := name_arr('a', 'b', 'c');
BEGIN
  t.EXTEND;
EXCEPTION WHEN SUBSCRIPT_OUTSIDE_LIMIT THEN DBMS_OUTPUT.PUT_LINE('limit: ' || SQLCODE);
END;
$$;
DO LANGUAGE plpolar $$
DECLARE big id_arr;
BEGIN
  SELECT id BULK COLLECT INTO big FROM orders;
EXCEPTION WHEN SUBSCRIPT_OUTSIDE_LIMIT THEN DBMS_OUTPUT.PUT_LINE('bulk beyond the limit: ' || SQLCODE);
END;
$$;
DO LANGUAGE plpolar $$
DECLARE x id_arr := id_arr(1);
BEGIN
  x.EXTEND;
  x(2) := NULL;
END;
$$;
DO LANGUAGE plpolar $$
DECLARE n num_list;
BEGIN
  SELECT amounts INTO n FROM orders WHERE id = 3;
  DBMS_OUTPUT.PUT_LINE('null column: ' || CASE WHEN n IS NULL THEN 'atomically null' END);
  n.EXTEND;
EXCEPTION WHEN COLLECTION_IS_NULL THEN DBMS_OUTPUT.PUT_LINE('COLLECTION_IS_NULL ' || SQLCODE);
END;
$$;
-- A varray value too long for the type, from SQL into PL.
CREATE FUNCTION first_tag(tags name_arr) RETURNS VARCHAR2 LANGUAGE plpolar AS $$
BEGIN RETURN tags(1); END;
$$;
SELECT first_tag(ARRAY['x', 'y', 'z', 'w']::varchar2[]);
SELECT first_tag(name_arr());

-- 6. A package with the type in its specification.
SELECT action FROM plpolar.exec($$
CREATE OR REPLACE PACKAGE order_api AS
  FUNCTION amounts_of(p_id NUMBER) RETURN num_list;
  PROCEDURE double_all(xs IN OUT num_list);
END order_api;
/
CREATE OR REPLACE PACKAGE BODY order_api AS
  FUNCTION amounts_of(p_id NUMBER) RETURN num_list IS
    r num_list;
  BEGIN
    SELECT amounts INTO r FROM orders WHERE id = p_id;
    RETURN r;
  END;
  PROCEDURE double_all(xs IN OUT num_list) IS
  BEGIN
    FOR i IN 1 .. xs.COUNT LOOP xs(i) := xs(i) * 2; END LOOP;
  END;
END order_api;
/
$$);
SELECT order_api.amounts_of(1) AS from_sql;
CALL order_api.double_all(num_list(1, 2, 3));
DO LANGUAGE plpolar $$
DECLARE n num_list := order_api.amounts_of(2);
BEGIN
  order_api.double_all(n);
  DBMS_OUTPUT.PUT_LINE('package: ' || n.COUNT || ' ' || n(1));
END;
$$;

-- 7. OR REPLACE and DROP TYPE.
-- The same element type: the constraints change in place, checked against
-- the rows; units using the type are compiled again.
CREATE FUNCTION tag_room() RETURNS int LANGUAGE plpolar AS $$
DECLARE t name_arr := name_arr();
BEGIN RETURN t.LIMIT; END;
$$;
SELECT tag_room();
SELECT action FROM plpolar.exec('CREATE OR REPLACE TYPE name_arr AS VARRAY(10) OF VARCHAR2(10)');
SELECT tag_room();
SELECT name_arr('1', '2', '3', '4') AS four_now;
SELECT action FROM plpolar.exec('CREATE OR REPLACE TYPE name_arr AS VARRAY(1) OF VARCHAR2(10)');
-- Another element type while tables use it; CREATE without OR REPLACE.
SELECT action FROM plpolar.exec('CREATE OR REPLACE TYPE name_arr AS TABLE OF NUMBER');
SELECT action FROM plpolar.exec('CREATE TYPE num_list AS TABLE OF NUMBER');
SELECT action FROM plpolar.exec('CREATE TYPE orders AS TABLE OF NUMBER');
-- An unused type may change its element type.
SELECT action FROM plpolar.exec('CREATE OR REPLACE TYPE date_list AS TABLE OF VARCHAR2(30)');
SELECT date_list('today', 'tomorrow');
SELECT action FROM plpolar.exec('DROP TYPE date_list');
SELECT action FROM plpolar.exec('DROP TYPE date_list');
SELECT action FROM plpolar.exec('DROP TYPE num_list');
-- Errors a script writer can act on.
SELECT action FROM plpolar.exec('CREATE TYPE bad AS VARRAY(0) OF NUMBER');
SELECT action FROM plpolar.exec('CREATE TYPE bad AS TABLE OF orders.id%TYPE');
SELECT action FROM plpolar.exec('CREATE TYPE bad AS TABLE OF id_arr');
SELECT action FROM plpolar.exec('CREATE TYPE bad AS TABLE OF no_such_type');

-- 8. PIPELINED table functions: PIPE ROW makes the rows of a set-returning
-- function, read as SELECT * FROM TABLE(f(x)) or as PostgreSQL's f(x).
SELECT statement, action FROM plpolar.exec($$
CREATE OR REPLACE FUNCTION evens(n NUMBER) RETURN num_list PIPELINED IS
BEGIN
  FOR i IN 1 .. n LOOP
    IF MOD(i, 2) = 0 THEN PIPE ROW (i); END IF;
  END LOOP;
END;
/
CREATE OR REPLACE PACKAGE feed AS
  TYPE emp_rec IS RECORD (id NUMBER, name VARCHAR2(20));
  TYPE emp_tab IS TABLE OF emp_rec;
  TYPE num_tab IS TABLE OF NUMBER;
  FUNCTION emps(n PLS_INTEGER) RETURN emp_tab PIPELINED;
  FUNCTION from_orders RETURN num_tab PIPELINED;
END feed;
/
CREATE OR REPLACE PACKAGE BODY feed AS
  FUNCTION emps(n PLS_INTEGER) RETURN emp_tab PIPELINED IS
    r emp_rec;
  BEGIN
    FOR i IN 1 .. n LOOP
      r.id := i;
      r.name := 'emp' || i;
      PIPE ROW (r);
    END LOOP;
    RETURN;
  END;
  FUNCTION from_orders RETURN num_tab PIPELINED IS
  BEGIN
    FOR o IN (SELECT x.column_value v FROM orders o, TABLE(o.amounts) x WHERE o.id <= 2 ORDER BY 1) LOOP
      PIPE ROW (o.v);
    END LOOP;
    PIPE ROW (NULL);
  END;
END feed;
/
CREATE OR REPLACE VIEW even_view AS SELECT column_value AS n FROM TABLE(evens(6));
CREATE OR REPLACE VIEW emp_view AS SELECT e.* FROM TABLE(feed.emps(2)) e;
$$);
SELECT * FROM evens(7);
SELECT * FROM even_view;
SELECT * FROM emp_view;
SELECT * FROM feed.emps(3) WHERE id > 1;
SELECT * FROM feed.from_orders();
\df feed.*
DO LANGUAGE plpolar $$
DECLARE s NUMBER; c PLS_INTEGER;
BEGIN
  SELECT sum(column_value), count(*) INTO s, c FROM TABLE(evens(10));
  DBMS_OUTPUT.PUT_LINE('TABLE(evens(10)): ' || c || ' rows, sum ' || s);
  FOR r IN (SELECT * FROM TABLE(feed.emps(2))) LOOP DBMS_OUTPUT.PUT_LINE(r.id || ' ' || r.name); END LOOP;
  EXECUTE IMMEDIATE 'SELECT count(*) FROM TABLE(evens(20))' INTO c;
  DBMS_OUTPUT.PUT_LINE('dynamic: ' || c);
END;
$$;
-- In PostgreSQL's own form, and its errors.
CREATE FUNCTION squares(n int) RETURNS SETOF int LANGUAGE plpolar AS $$
BEGIN
  FOR i IN 1 .. n LOOP PIPE ROW (i * i); END LOOP;
  RETURN;
END;
$$;
SELECT squares(3), * FROM squares(2) AS s(sq);
CREATE FUNCTION not_pipelined() RETURNS int LANGUAGE plpolar AS $$ BEGIN PIPE ROW (1); RETURN 1; END $$;
CREATE FUNCTION returns_value() RETURNS SETOF int LANGUAGE plpolar AS $$ BEGIN RETURN 1; END $$;
SELECT action FROM plpolar.exec($$CREATE FUNCTION bad_pipe RETURN NUMBER PIPELINED IS BEGIN NULL; END;$$);
DO LANGUAGE plpolar $$
DECLARE
  FUNCTION inner_pipe RETURN num_list PIPELINED IS BEGIN RETURN; END;
BEGIN NULL; END;
$$;
-- A pipe that runs long stays cancellable.
SET statement_timeout = '200ms';
CREATE FUNCTION forever() RETURNS SETOF int LANGUAGE plpolar AS $$ BEGIN LOOP PIPE ROW (1); END LOOP; END $$;
SELECT count(*) FROM forever();
RESET statement_timeout;

-- In dynamic SQL too: the drop-if-exists idiom of install scripts.
DO LANGUAGE plpolar $$
BEGIN
  BEGIN
    EXECUTE IMMEDIATE 'DROP TYPE dyn_list';
  EXCEPTION WHEN OTHERS THEN DBMS_OUTPUT.PUT_LINE('drop: ' || SQLERRM);
  END;
  EXECUTE IMMEDIATE 'CREATE OR REPLACE TYPE dyn_list AS VARRAY(2) OF VARCHAR2(10)';
END;
$$;
SELECT dyn_list('a', 'b') AS made_dynamically;
CREATE FUNCTION stable_ddl() RETURNS int LANGUAGE plpolar STABLE AS $$
BEGIN EXECUTE IMMEDIATE 'DROP TYPE dyn_list'; RETURN 1; END;
$$;
SELECT stable_ddl();
DO LANGUAGE plpolar $$ BEGIN EXECUTE IMMEDIATE 'DROP TYPE dyn_list'; END $$;
SELECT to_regtype('dyn_list') AS dropped;

-- Oracle's CAST(MULTISET(SELECT ...) AS t) and CAST(COLLECT(x) AS t) in SQL.
DO LANGUAGE plpolar $$
DECLARE
  n num_list;
BEGIN
  SELECT CAST(MULTISET(SELECT x.column_value FROM orders o, TABLE(o.amounts) x WHERE o.id = 1) AS num_list)
    INTO n FROM dual;
  DBMS_OUTPUT.PUT_LINE('MULTISET: ' || n.COUNT || ' ' || n(2));
  SELECT CAST(COLLECT(DISTINCT id ORDER BY id) AS num_list) INTO n FROM orders;
  DBMS_OUTPUT.PUT_LINE('COLLECT: ' || n.COUNT || ', last ' || n(n.LAST));
END;
$$;
SELECT action FROM plpolar.exec($$
CREATE OR REPLACE VIEW order_ids AS SELECT CAST(COLLECT(id) AS num_list) AS ids FROM orders WHERE id < 3;
$$);
SELECT * FROM order_ids;

-- 9. pg_dump carries the types, their constructors and the columns.
\c contrib_regression
\! pg_dump -d plpolar_ctypes > /tmp/plpolar_ctypes.dump 2>&1; echo "pg_dump: $?"
CREATE DATABASE plpolar_ctypes_restored;
\! psql -X -q -v ON_ERROR_STOP=1 -d plpolar_ctypes_restored -f /tmp/plpolar_ctypes.dump > /tmp/plpolar_ctypes.restore 2>&1; echo "restore: $?"; rm -f /tmp/plpolar_ctypes.dump /tmp/plpolar_ctypes.restore
\c plpolar_ctypes_restored
SET plpolar.serveroutput = on;
SELECT id, amounts, tags, total(amounts) FROM orders WHERE id <= 3 ORDER BY id;
SELECT name_arr('r', 's') AS restored_constructor;
SELECT * FROM even_view;
DO LANGUAGE plpolar $$
DECLARE t name_arr;
BEGIN
  SELECT tags INTO t FROM orders WHERE id = 2;
  DBMS_OUTPUT.PUT_LINE('restored: ' || t.COUNT || ' of at most ' || t.LIMIT);
END;
$$;
-- DROP TYPE ... FORCE takes what uses the type with it.
SELECT action FROM plpolar.exec('DROP TYPE name_arr FORCE');
\d orders
\c contrib_regression
DROP DATABASE plpolar_ctypes_restored;
DROP DATABASE plpolar_ctypes;
