-- Collections (issue 17, first part): local TABLE OF / INDEX BY / VARRAY
-- types, constructors, elements, methods, Oracle's exceptions and value
-- semantics; elements in embedded SQL; BULK COLLECT INTO; FORALL with
-- SQL%BULK_ROWCOUNT and SAVE EXCEPTIONS; nested tables as multisets.
-- Schema-level types and pipelined functions: collection_types.sql.
SET plpolar.serveroutput = on;
\set VERBOSITY default

-- 1. The three kinds, constructors and every method.
DO LANGUAGE plpolar $$
DECLARE
  TYPE num_tab IS TABLE OF NUMBER;
  TYPE name_arr IS VARRAY(3) OF VARCHAR2(10);
  TYPE by_name IS TABLE OF NUMBER INDEX BY VARCHAR2(20);
  TYPE by_int IS TABLE OF VARCHAR2(30) INDEX BY BINARY_INTEGER;
  n num_tab := num_tab(10, 20, 30);
  a name_arr := name_arr('x', 'y');
  h by_name;
  b by_int;
  k VARCHAR2(20);
  i PLS_INTEGER;
BEGIN
  DBMS_OUTPUT.PUT_LINE('count ' || n.COUNT || ' first ' || n.FIRST || ' last ' || n.LAST || ' n(2) ' || n(2)
                       || ' limit ' || COALESCE(TO_CHAR(n.LIMIT), 'null'));
  n.EXTEND;
  n(4) := 40;
  n.EXTEND(2, 1);
  DBMS_OUTPUT.PUT_LINE('extended ' || n.COUNT || ': ' || n(4) || ' ' || n(5) || ' ' || n(6));
  n.DELETE(2);
  DBMS_OUTPUT.PUT_LINE('delete(2): count ' || n.COUNT || ' exists(2) '
                       || CASE WHEN n.EXISTS(2) THEN 'y' ELSE 'n' END || ' next(1) ' || n.NEXT(1)
                       || ' prior(3) ' || n.PRIOR(3));
  n.TRIM(2);  -- the last two slots (5, 6); the deleted one still counts for the size
  DBMS_OUTPUT.PUT_LINE('trim(2): count ' || n.COUNT || ' last ' || n.LAST);
  n.EXTEND;   -- after the deleted slot 2 and the trimmed end: slot 5
  DBMS_OUTPUT.PUT_LINE('extend after delete: last ' || n.LAST || ' n(5) null ' || CASE WHEN n(5) IS NULL THEN 'y' END);
  n(2) := 22;  -- a deleted slot of a nested table can be assigned again
  DBMS_OUTPUT.PUT_LINE('revived n(2) ' || n(2) || ' count ' || n.COUNT);
  n.DELETE(1, 3);
  DBMS_OUTPUT.PUT_LINE('delete(1, 3): count ' || n.COUNT || ' first ' || n.FIRST);
  n.DELETE;
  DBMS_OUTPUT.PUT_LINE('delete: count ' || n.COUNT || ' first null ' || CASE WHEN n.FIRST IS NULL THEN 'y' END);
  DBMS_OUTPUT.PUT_LINE('varray limit ' || a.LIMIT || ' count ' || a.COUNT || ' a(2) ' || a(2));
  a.EXTEND;
  a(3) := 'z';
  a.TRIM;
  DBMS_OUTPUT.PUT_LINE('varray after trim ' || a.COUNT);
  -- associative arrays iterate in key order
  h('b') := 2; h('a') := 1; h('c') := 3; h('b') := 20;
  k := h.FIRST;
  WHILE k IS NOT NULL LOOP
    DBMS_OUTPUT.PUT_LINE(k || '=' || h(k));
    k := h.NEXT(k);
  END LOOP;
  DBMS_OUTPUT.PUT_LINE('last ' || h.LAST || ' prior(b) ' || h.PRIOR('b') || ' next(zz) null '
                       || CASE WHEN h.NEXT('zz') IS NULL THEN 'y' END);
  h.DELETE('a', 'b');
  DBMS_OUTPUT.PUT_LINE('after delete(a, b) ' || h.COUNT || ' ' || h.FIRST);
  b(-5) := 'minus five'; b(100) := 'hundred'; b(7) := 'seven'; b(2000000000) := 'far';
  i := b.LAST;
  WHILE i IS NOT NULL LOOP
    DBMS_OUTPUT.PUT_LINE(i || ' ' || b(i));
    i := b.PRIOR(i);
  END LOOP;
  b.DELETE(7);
  DBMS_OUTPUT.PUT_LINE('count ' || b.COUNT || ' next(-5) ' || b.NEXT(-5));
END $$;

-- 2. Oracle's exceptions with their SQLCODEs.
DO LANGUAGE plpolar $$
DECLARE
  TYPE num_tab IS TABLE OF NUMBER;
  TYPE arr IS VARRAY(2) OF PLS_INTEGER;
  TYPE by_int IS TABLE OF VARCHAR2(30) INDEX BY PLS_INTEGER;
  TYPE by_short IS TABLE OF NUMBER INDEX BY VARCHAR2(3);
  n num_tab := num_tab(1, 2);
  a arr := arr(1);
  b by_int;
  s by_short;
  z num_tab;
BEGIN
  BEGIN DBMS_OUTPUT.PUT_LINE(b(8));
  EXCEPTION WHEN NO_DATA_FOUND THEN DBMS_OUTPUT.PUT_LINE('missing element: ' || SQLCODE || ' ' || SQLERRM); END;
  n.DELETE(1);
  BEGIN DBMS_OUTPUT.PUT_LINE(n(1));
  EXCEPTION WHEN NO_DATA_FOUND THEN DBMS_OUTPUT.PUT_LINE('deleted element: ' || SQLCODE); END;
  BEGIN DBMS_OUTPUT.PUT_LINE(n(3));
  EXCEPTION WHEN SUBSCRIPT_BEYOND_COUNT THEN DBMS_OUTPUT.PUT_LINE('beyond: ' || SQLCODE || ' ' || SQLERRM); END;
  BEGIN n(0) := 1;
  EXCEPTION WHEN SUBSCRIPT_OUTSIDE_LIMIT THEN DBMS_OUTPUT.PUT_LINE('n(0): ' || SQLCODE || ' ' || SQLERRM); END;
  BEGIN a.EXTEND(2);
  EXCEPTION WHEN SUBSCRIPT_OUTSIDE_LIMIT THEN DBMS_OUTPUT.PUT_LINE('past the varray limit: ' || SQLCODE); END;
  BEGIN a(2) := 5;
  EXCEPTION WHEN SUBSCRIPT_BEYOND_COUNT THEN DBMS_OUTPUT.PUT_LINE('not extended: ' || SQLCODE); END;
  BEGIN n.TRIM(5);
  EXCEPTION WHEN SUBSCRIPT_BEYOND_COUNT THEN DBMS_OUTPUT.PUT_LINE('trim too many: ' || SQLCODE); END;
  BEGIN DBMS_OUTPUT.PUT_LINE(b(NULL));
  EXCEPTION WHEN VALUE_ERROR THEN DBMS_OUTPUT.PUT_LINE('null subscript: ' || SQLCODE || ' ' || SQLERRM); END;
  BEGIN DBMS_OUTPUT.PUT_LINE(b('x1'));
  EXCEPTION WHEN VALUE_ERROR THEN DBMS_OUTPUT.PUT_LINE('bad subscript: ' || SQLCODE); END;
  BEGIN s('abcd') := 1;
  EXCEPTION WHEN VALUE_ERROR THEN DBMS_OUTPUT.PUT_LINE('key too long: ' || SQLCODE); END;
  DBMS_OUTPUT.PUT_LINE('null collection: ' || CASE WHEN z IS NULL THEN 'is null' END || ', exists(1) '
                       || CASE WHEN z.EXISTS(1) THEN 'true' ELSE 'false' END);
  BEGIN DBMS_OUTPUT.PUT_LINE(z.COUNT);
  EXCEPTION WHEN COLLECTION_IS_NULL THEN DBMS_OUTPUT.PUT_LINE('count: ' || SQLCODE || ' ' || SQLERRM); END;
  BEGIN z.EXTEND;
  EXCEPTION WHEN COLLECTION_IS_NULL THEN DBMS_OUTPUT.PUT_LINE('extend: ' || SQLCODE); END;
  BEGIN z(1) := 1;
  EXCEPTION WHEN COLLECTION_IS_NULL THEN DBMS_OUTPUT.PUT_LINE('assign: ' || SQLCODE); END;
  BEGIN a := arr(1, 2, 3);
  EXCEPTION WHEN SUBSCRIPT_OUTSIDE_LIMIT THEN DBMS_OUTPUT.PUT_LINE('constructor past the limit: ' || SQLCODE); END;
  -- a size the server cannot promise is Oracle's STORAGE_ERROR, before any allocation
  BEGIN n.EXTEND(100000000);
  EXCEPTION WHEN STORAGE_ERROR THEN DBMS_OUTPUT.PUT_LINE('too big: ' || SQLCODE || ' ' || SQLERRM); END;
  -- OTHERS catches them too, and an unhandled one reaches the caller
  BEGIN z.DELETE;
  EXCEPTION WHEN OTHERS THEN DBMS_OUTPUT.PUT_LINE('others: ' || SQLCODE); END;
END $$;
DO LANGUAGE plpolar $$
DECLARE
  TYPE num_tab IS TABLE OF NUMBER;
  n num_tab := num_tab(1);
BEGIN
  DBMS_OUTPUT.PUT_LINE(n(2));
END $$;

-- 3. Records, %ROWTYPE and field assignment (creating an associative
-- array's element), NULL elements, NOT NULL elements.
CREATE TABLE coll_emp (id int, name text, sal numeric);
INSERT INTO coll_emp VALUES (1, 'ann', 100), (2, 'bob', 200), (3, 'cy', 300);
DO LANGUAGE plpolar $$
DECLARE
  TYPE emp_tab IS TABLE OF coll_emp%ROWTYPE INDEX BY PLS_INTEGER;
  TYPE pair IS RECORD (a NUMBER, b VARCHAR2(10) := 'dflt');
  TYPE pair_tab IS TABLE OF pair;
  TYPE strict_tab IS TABLE OF NUMBER NOT NULL;
  TYPE id_tab IS TABLE OF coll_emp.id%TYPE;
  e emp_tab;
  p pair_tab := pair_tab();
  s strict_tab := strict_tab(1);
  ids id_tab := id_tab(NULL, 2);
  one pair;
BEGIN
  FOR r IN (SELECT * FROM coll_emp ORDER BY id) LOOP
    e(r.id) := r;
  END LOOP;
  DBMS_OUTPUT.PUT_LINE(e(2).name || ' ' || e(2).sal || ' count ' || e.COUNT);
  e(2).sal := 250;
  e(10).name := 'new';  -- creates element 10, its other fields NULL
  DBMS_OUTPUT.PUT_LINE(e(2).sal || ' ' || e(10).name || ' sal null ' || CASE WHEN e(10).sal IS NULL THEN 'y' END
                       || ' count ' || e.COUNT);
  p.EXTEND(2);
  p(1).a := 5;
  DBMS_OUTPUT.PUT_LINE('p(1) ' || p(1).a || ' ' || p(1).b);
  one.a := 7; one.b := 'seven';
  p(2) := one;
  one.a := 8;  -- p(2) has its own copy
  DBMS_OUTPUT.PUT_LINE('p(2) ' || p(2).a || ' ' || p(2).b);
  DBMS_OUTPUT.PUT_LINE('ids(1) null ' || CASE WHEN ids(1) IS NULL THEN 'y' END || ' ids(2) ' || ids(2));
  BEGIN s(1) := NULL;
  EXCEPTION WHEN VALUE_ERROR THEN DBMS_OUTPUT.PUT_LINE('not null element: ' || SQLCODE); END;
  BEGIN s := strict_tab(1, NULL);
  EXCEPTION WHEN VALUE_ERROR THEN DBMS_OUTPUT.PUT_LINE('not null in constructor: ' || SQLCODE); END;
END $$;

-- 4. Value semantics: assignment copies, IN arguments stay, IN OUT and
-- results come back; a block's collection starts again on every entry.
DO LANGUAGE plpolar $$
DECLARE
  TYPE num_tab IS TABLE OF NUMBER;
  TYPE by_int IS TABLE OF NUMBER INDEX BY PLS_INTEGER;
  x num_tab := num_tab(1, 2, 3);
  y num_tab;
  m by_int;
  PROCEDURE change(t IN OUT num_tab) IS BEGIN t(1) := 99; t.EXTEND; t(t.LAST) := 100; END;
  PROCEDURE fill(t OUT by_int) IS BEGIN t(5) := 50; END;
  FUNCTION total(t IN num_tab) RETURN NUMBER IS s NUMBER := 0; i PLS_INTEGER := t.FIRST;
  BEGIN
    WHILE i IS NOT NULL LOOP s := s + t(i); i := t.NEXT(i); END LOOP;
    RETURN s;
  END;
  FUNCTION squares(n PLS_INTEGER) RETURN num_tab IS v num_tab := num_tab();
  BEGIN
    v.EXTEND(n);
    FOR i IN 1 .. n LOOP v(i) := i * i; END LOOP;
    RETURN v;
  END;
BEGIN
  y := x;
  y(1) := 42;
  DBMS_OUTPUT.PUT_LINE('x(1) ' || x(1) || ' y(1) ' || y(1));
  change(x);
  DBMS_OUTPUT.PUT_LINE('in out: ' || x(1) || ' count ' || x.COUNT || ' last ' || x(x.LAST));
  DBMS_OUTPUT.PUT_LINE('total ' || total(x) || ', x still ' || x.COUNT);
  fill(m);
  DBMS_OUTPUT.PUT_LINE('out: ' || m(5) || ' count ' || m.COUNT);
  y := squares(4);
  DBMS_OUTPUT.PUT_LINE('result ' || y.COUNT || ' ' || y(4));
  y := NULL;
  DBMS_OUTPUT.PUT_LINE('y := NULL ' || CASE WHEN y IS NULL THEN 'is null' END);
  y := num_tab();
  DBMS_OUTPUT.PUT_LINE('empty, not null: ' || y.COUNT || CASE WHEN y IS NOT NULL THEN ' not null' END);
  FOR i IN 1 .. 2 LOOP
    DECLARE
      fresh num_tab;
      kept by_int;
    BEGIN
      DBMS_OUTPUT.PUT_LINE('entry ' || i || ': ' || CASE WHEN fresh IS NULL THEN 'null' END || ' ' || kept.COUNT);
      fresh := num_tab(i);
      kept(i) := i;
    END;
  END LOOP;
  x := x;  -- itself
  DBMS_OUTPUT.PUT_LINE('self ' || x.COUNT);
END $$;

-- 5. Multibyte VARCHAR2 keys (characters, not bytes), empty strings.
DO LANGUAGE plpolar $$
DECLARE
  TYPE by_name IS TABLE OF PLS_INTEGER INDEX BY VARCHAR2(3);
  t by_name;
  k VARCHAR2(3);
BEGIN
  t('äöü') := 1;
  t('日本') := 2;
  t('abc') := 3;
  k := t.FIRST;
  WHILE k IS NOT NULL LOOP
    DBMS_OUTPUT.PUT_LINE(k || ' ' || t(k) || ' ' || LENGTH(k));
    k := t.NEXT(k);
  END LOOP;
  BEGIN t('') := 4;  -- '' is NULL in Oracle
  EXCEPTION WHEN VALUE_ERROR THEN DBMS_OUTPUT.PUT_LINE('empty key: ' || SQLCODE); END;
END $$;
-- '' as an element is NULL too: in a constructor, and refused by NOT NULL elements
DO LANGUAGE plpolar $$
DECLARE
  TYPE names IS TABLE OF VARCHAR2(10);
  TYPE strict IS TABLE OF VARCHAR2(10) NOT NULL;
  n names := names('', 'x');
  s strict := strict('a');
BEGIN
  DBMS_OUTPUT.PUT_LINE('constructor: ' || CASE WHEN n(1) IS NULL THEN 'NULL' END || ' ' || n(2));
  BEGIN s(1) := '';
  EXCEPTION WHEN VALUE_ERROR THEN DBMS_OUTPUT.PUT_LINE('empty into NOT NULL: ' || SQLCODE); END;
  BEGIN s := strict('');
  EXCEPTION WHEN VALUE_ERROR THEN DBMS_OUTPUT.PUT_LINE('empty in a NOT NULL constructor: ' || SQLCODE); END;
END $$;

-- 6. Compile-time errors.
DO LANGUAGE plpolar $$
DECLARE TYPE t IS TABLE OF NUMBER INDEX BY PLS_INTEGER; v t;
BEGIN v.EXTEND; END $$;
DO LANGUAGE plpolar $$
DECLARE TYPE t IS VARRAY(5) OF NUMBER; v t := t();
BEGIN v.DELETE(1); END $$;
DO LANGUAGE plpolar $$
DECLARE TYPE t IS TABLE OF NUMBER INDEX BY PLS_INTEGER; v t := t();
BEGIN NULL; END $$;
DO LANGUAGE plpolar $$
DECLARE TYPE t IS TABLE OF NUMBER; v t := t();
BEGIN DBMS_OUTPUT.PUT_LINE(v.SIZE); END $$;
DO LANGUAGE plpolar $$
DECLARE TYPE t IS TABLE OF NUMBER; v t := t();
BEGIN v.COUNT; END $$;
DO LANGUAGE plpolar $$
DECLARE TYPE t IS TABLE OF NUMBER; v t := t(1);
BEGIN DBMS_OUTPUT.PUT_LINE(v.EXISTS); END $$;
DO LANGUAGE plpolar $$
DECLARE TYPE t IS TABLE OF NUMBER INDEX BY NUMBER; BEGIN NULL; END $$;
DO LANGUAGE plpolar $$
DECLARE TYPE t IS TABLE OF NUMBER; v t := t(1);
BEGIN v(1).f := 2; END $$;
DO LANGUAGE plpolar $$
DECLARE n NUMBER;
BEGIN n(1) := 2; END $$;
DO LANGUAGE plpolar $$
DECLARE TYPE t IS TABLE OF NUMBER; TYPE u IS TABLE OF VARCHAR2(5); a t := t(1); b u;
BEGIN b := a; END $$;
-- types match by name, as Oracle's: the same shape under another name is no match
DO LANGUAGE plpolar $$
DECLARE TYPE t1 IS TABLE OF NUMBER; TYPE t2 IS TABLE OF NUMBER; b t2;
BEGIN b := t1(5); END $$;

-- 7. A package's collection lives as long as the session; another unit
-- declares variables of its type.
SELECT plpolar.exec($$
CREATE OR REPLACE PACKAGE coll_pkg AS
  TYPE name_tab IS TABLE OF VARCHAR2(100) INDEX BY PLS_INTEGER;
  names name_tab;
  PROCEDURE add(p VARCHAR2);
  FUNCTION cnt RETURN PLS_INTEGER;
END coll_pkg;
/
CREATE OR REPLACE PACKAGE BODY coll_pkg AS
  PROCEDURE add(p VARCHAR2) IS BEGIN names(names.COUNT + 1) := p; END;
  FUNCTION cnt RETURN PLS_INTEGER IS BEGIN RETURN names.COUNT; END;
END coll_pkg;
/
$$);
CALL coll_pkg.add('a');
CALL coll_pkg.add('b');
SELECT coll_pkg.cnt();
DO LANGUAGE plpolar $$
DECLARE
  v coll_pkg.name_tab;
BEGIN
  coll_pkg.add('c');
  v(1) := 'local';
  DBMS_OUTPUT.PUT_LINE('package count ' || coll_pkg.cnt || ', local ' || v(1) || ' ' || v.COUNT);
END $$;

-- 8. Memory: calls that build and drop collections leave nothing behind.
CREATE FUNCTION coll_churn(n int) RETURNS int LANGUAGE plpolar AS $$
DECLARE
  TYPE t IS TABLE OF VARCHAR2(50);
  TYPE h IS TABLE OF NUMBER INDEX BY VARCHAR2(20);
  a t := t();
  b t;
  m h;
  PROCEDURE p(x IN OUT t) IS BEGIN x.EXTEND; x(x.LAST) := 'p'; END;
BEGIN
  FOR i IN 1 .. n LOOP
    a.EXTEND; a(a.LAST) := 'value ' || i;
    m('k' || i) := i;
  END LOOP;
  b := a;
  p(b);
  FOR i IN 1 .. 10 LOOP
    DECLARE c t := t('a', 'b'); BEGIN c(1) := 'z'; END;
  END LOOP;
  RETURN b.COUNT + m.COUNT;
END $$;
SELECT coll_churn(1000);
SELECT sum(coll_churn(1000)) FROM generate_series(1, 50);
SELECT sum(total_bytes) AS before FROM pg_backend_memory_contexts \gset
SELECT sum(coll_churn(1000)) FROM generate_series(1, 200);
SELECT sum(total_bytes) - :before < 100000 AS no_growth FROM pg_backend_memory_contexts;

-- 9. A million elements in an associative array, filled upwards and read back.
DO LANGUAGE plpolar $$
DECLARE
  TYPE t IS TABLE OF PLS_INTEGER INDEX BY PLS_INTEGER;
  a t;
  s NUMBER := 0;
BEGIN
  FOR i IN REVERSE 1 .. 1000000 LOOP a(i) := i; END LOOP;
  FOR i IN 1 .. a.COUNT LOOP s := s + a(i); END LOOP;
  DBMS_OUTPUT.PUT_LINE(a.COUNT || ' ' || s || ' ' || a.FIRST || ' ' || a.LAST);
END $$;

-- 10. Elements in embedded SQL: c(i), c(i).f and c.COUNT are parameters
-- of the statement, evaluated when it runs.
CREATE TABLE coll_src (id int PRIMARY KEY, name text, amount numeric);
INSERT INTO coll_src SELECT g, 'name ' || g, g * 1.5 FROM generate_series(1, 10) g;
CREATE TABLE coll_dst (id int PRIMARY KEY, name text NOT NULL, amount numeric);
DO LANGUAGE plpolar $$
DECLARE
  TYPE id_tab IS TABLE OF PLS_INTEGER;
  TYPE src_tab IS TABLE OF coll_src%ROWTYPE INDEX BY PLS_INTEGER;
  ids id_tab := id_tab(7, 3);
  rows src_tab;
  n VARCHAR2(20);
  c PLS_INTEGER;
BEGIN
  FOR i IN 1 .. ids.COUNT LOOP
    SELECT name INTO n FROM coll_src WHERE id = ids(i);
    DBMS_OUTPUT.PUT_LINE('ids(' || i || ') ' || n);
  END LOOP;
  SELECT count(*) INTO c FROM coll_src WHERE id <= ids.COUNT + ids(2);
  DBMS_OUTPUT.PUT_LINE('count ' || c);
  rows(1).id := 100; rows(1).name := 'hundred';
  INSERT INTO coll_dst (id, name) VALUES (rows(1).id, upper(rows(1).name));
  FOR r IN (SELECT name FROM coll_dst WHERE id = rows(1).id) LOOP DBMS_OUTPUT.PUT_LINE(r.name); END LOOP;
  -- 'ids(1)' in a string is text, not an element
  SELECT 'ids(1)' INTO n FROM coll_src WHERE id = 1;
  DBMS_OUTPUT.PUT_LINE(n);
  DELETE FROM coll_dst;
END $$;

-- 11. BULK COLLECT INTO: one collection per column or one of records, from
-- SELECT, FETCH ... LIMIT and RETURNING; no rows is an empty collection.
DO LANGUAGE plpolar $$
DECLARE
  TYPE id_tab IS TABLE OF coll_src.id%TYPE;
  TYPE name_tab IS TABLE OF VARCHAR2(20) INDEX BY PLS_INTEGER;
  TYPE src_tab IS TABLE OF coll_src%ROWTYPE;
  TYPE pair IS RECORD (id NUMBER, label VARCHAR2(30));
  TYPE pair_tab IS TABLE OF pair;
  TYPE small IS VARRAY(3) OF PLS_INTEGER;
  ids id_tab := id_tab(99);
  names name_tab;
  rows src_tab;
  pairs pair_tab;
  s small;
  CURSOR c IS SELECT * FROM coll_src ORDER BY id;
  batch src_tab;
BEGIN
  SELECT id, name BULK COLLECT INTO ids, names FROM coll_src WHERE id <= 3 ORDER BY id;
  DBMS_OUTPUT.PUT_LINE(ids.COUNT || ' ' || ids(3) || ' ' || names(2) || ' rowcount ' || SQL%ROWCOUNT);
  SELECT * BULK COLLECT INTO rows FROM coll_src ORDER BY id DESC;
  DBMS_OUTPUT.PUT_LINE(rows.COUNT || ' ' || rows(1).name || ' ' || rows(10).amount);
  SELECT id, 'label ' || id BULK COLLECT INTO pairs FROM coll_src WHERE id IN (2, 4) ORDER BY id;
  DBMS_OUTPUT.PUT_LINE(pairs.COUNT || ' ' || pairs(2).label);
  SELECT id BULK COLLECT INTO ids FROM coll_src WHERE id > 100;
  DBMS_OUTPUT.PUT_LINE('no rows: ' || ids.COUNT || CASE WHEN ids IS NOT NULL THEN ' (not null)' END);
  BEGIN
    SELECT id BULK COLLECT INTO s FROM coll_src;
  EXCEPTION WHEN SUBSCRIPT_OUTSIDE_LIMIT THEN DBMS_OUTPUT.PUT_LINE('varray too small: ' || SQLCODE);
  END;
  OPEN c;
  LOOP
    FETCH c BULK COLLECT INTO batch LIMIT 4;
    DBMS_OUTPUT.PUT_LINE('batch ' || batch.COUNT || ' rowcount ' || c%ROWCOUNT || ' first '
                         || CASE WHEN batch.COUNT > 0 THEN batch(1).id END);
    EXIT WHEN c%NOTFOUND;
  END LOOP;
  CLOSE c;
  EXECUTE IMMEDIATE 'SELECT id, name FROM coll_src WHERE id >= :1 ORDER BY id' BULK COLLECT INTO ids, names USING 9;
  DBMS_OUTPUT.PUT_LINE('dynamic ' || ids.COUNT || ' ' || names(2));
  EXECUTE IMMEDIATE 'SELECT * FROM coll_src WHERE id < 3 ORDER BY id DESC' BULK COLLECT INTO rows;
  DBMS_OUTPUT.PUT_LINE('dynamic rows ' || rows.COUNT || ' ' || rows(1).name);
  EXECUTE IMMEDIATE 'UPDATE coll_src SET amount = amount WHERE id > 8 RETURNING id INTO :x' RETURNING BULK COLLECT INTO ids;
  DBMS_OUTPUT.PUT_LINE('dynamic returning ' || ids.COUNT || ' rowcount ' || SQL%ROWCOUNT);
  UPDATE coll_src SET amount = amount + 1 WHERE id <= 2 RETURNING id BULK COLLECT INTO ids;
  DBMS_OUTPUT.PUT_LINE('returning ' || ids.COUNT || ' rowcount ' || SQL%ROWCOUNT);
END $$;
DO LANGUAGE plpolar $$
DECLARE TYPE t IS TABLE OF NUMBER INDEX BY VARCHAR2(10); v t;
BEGIN SELECT amount BULK COLLECT INTO v FROM coll_src; END $$;
DO LANGUAGE plpolar $$
DECLARE n NUMBER;
BEGIN SELECT amount BULK COLLECT INTO n FROM coll_src; END $$;

-- 12. FORALL over a range, INDICES OF, VALUES OF, with INSERT (run as one
-- statement over arrays), UPDATE, DELETE and EXECUTE IMMEDIATE;
-- SQL%ROWCOUNT, SQL%BULK_ROWCOUNT, SAVE EXCEPTIONS.
DO LANGUAGE plpolar $$
DECLARE
  TYPE id_tab IS TABLE OF PLS_INTEGER;
  TYPE name_tab IS TABLE OF VARCHAR2(20) INDEX BY PLS_INTEGER;
  TYPE idx_tab IS TABLE OF PLS_INTEGER INDEX BY PLS_INTEGER;
  TYPE src_tab IS TABLE OF coll_src%ROWTYPE;
  ids id_tab := id_tab(1, 2, 3, 4, 5);
  names name_tab;
  pick idx_tab;
  rows src_tab;
  empty id_tab := id_tab();
  bulk_errors EXCEPTION;
  PRAGMA EXCEPTION_INIT(bulk_errors, -24381);
BEGIN
  FOR i IN 1 .. 5 LOOP names(i) := 'n' || i; END LOOP;
  FORALL i IN 1 .. ids.COUNT
    INSERT INTO coll_dst VALUES (ids(i), names(i), i * 10);
  DBMS_OUTPUT.PUT_LINE('inserted ' || SQL%ROWCOUNT || ', bulk_rowcount(3) ' || SQL%BULK_ROWCOUNT(3));
  ids.DELETE(2);
  FORALL i IN INDICES OF ids
    UPDATE coll_dst SET name = name || '!' WHERE id >= ids(i);
  DBMS_OUTPUT.PUT_LINE('updated ' || SQL%ROWCOUNT || ', per index: ' || SQL%BULK_ROWCOUNT(1) || ' '
                       || SQL%BULK_ROWCOUNT(3) || ' ' || SQL%BULK_ROWCOUNT(5));
  FORALL i IN INDICES OF ids BETWEEN 3 AND 4
    UPDATE coll_dst SET amount = -amount WHERE id = ids(i);
  DBMS_OUTPUT.PUT_LINE('between: ' || SQL%ROWCOUNT);
  pick(10) := 5; pick(20) := 1;
  FORALL j IN VALUES OF pick
    DELETE FROM coll_dst WHERE id = j;
  DBMS_OUTPUT.PUT_LINE('deleted ' || SQL%ROWCOUNT);
  FORALL i IN INDICES OF empty
    DELETE FROM coll_dst;
  DBMS_OUTPUT.PUT_LINE('empty collection: ' || SQL%ROWCOUNT);
  names(3) := NULL;
  BEGIN
    FORALL i IN 1 .. 5 SAVE EXCEPTIONS
      INSERT INTO coll_dst VALUES (i + 10 * MOD(i, 2), names(i), NULL);
  EXCEPTION WHEN bulk_errors THEN
    DBMS_OUTPUT.PUT_LINE('saved ' || SQL%BULK_EXCEPTIONS.COUNT || ', rowcount ' || SQL%ROWCOUNT || ', ' || SQLERRM);
    FOR j IN 1 .. SQL%BULK_EXCEPTIONS.COUNT LOOP
      DBMS_OUTPUT.PUT_LINE('  iteration ' || SQL%BULK_EXCEPTIONS(j).ERROR_INDEX || ': '
                           || SQLERRM(-SQL%BULK_EXCEPTIONS(j).ERROR_CODE));
    END LOOP;
  END;
  BEGIN
    -- without SAVE EXCEPTIONS the first failure ends it; what ran before stays
    FORALL i IN 1 .. 5
      INSERT INTO coll_dst VALUES (100 + i, names(i), NULL);
  EXCEPTION WHEN OTHERS THEN
    DBMS_OUTPUT.PUT_LINE('stopped: ' || SQLCODE || ', rowcount ' || SQL%ROWCOUNT);
  END;
  SELECT * BULK COLLECT INTO rows FROM coll_src WHERE id <= 2 ORDER BY id;
  FORALL i IN 1 .. rows.COUNT
    INSERT INTO coll_dst (id, name, amount) VALUES (rows(i).id + 200, rows(i).name, rows(i).amount);
  FORALL i IN 1 .. 2
    EXECUTE IMMEDIATE 'INSERT INTO coll_dst VALUES (:1, :2, NULL)' USING 300 + i, names(i);
  DBMS_OUTPUT.PUT_LINE('dynamic ' || SQL%ROWCOUNT);
END $$;
SELECT * FROM coll_dst ORDER BY id;
-- an unhandled failure undoes the whole FORALL
DO LANGUAGE plpolar $$
DECLARE
  TYPE id_tab IS TABLE OF PLS_INTEGER;
  ids id_tab := id_tab(400, 401, 400);
BEGIN
  FORALL i IN 1 .. ids.COUNT INSERT INTO coll_dst VALUES (ids(i), 'x', NULL);
END $$;
SELECT count(*) FROM coll_dst WHERE id >= 400;
DO LANGUAGE plpolar $$
DECLARE TYPE t IS TABLE OF PLS_INTEGER; v t := t(1);
BEGIN FORALL i IN 1 .. 1 SELECT 1 FROM coll_dst; END $$;

DROP TABLE coll_src, coll_dst;
-- 13. Nested tables as multisets: MULTISET UNION / INTERSECT / EXCEPT
-- [ALL | DISTINCT], SET, CARDINALITY, IS [NOT] EMPTY, [NOT] MEMBER OF,
-- [NOT] SUBMULTISET OF, = and <> (NULL elements make = unknown).
DO LANGUAGE plpolar $$
DECLARE
  TYPE nt IS TABLE OF NUMBER;
  TYPE names IS TABLE OF VARCHAR2(10);
  TYPE arr IS VARRAY(5) OF NUMBER;
  a nt := nt(1, 2, 2, 3);
  b nt := nt(2, 3, 3, 4);
  e nt := nt();
  z nt;
  w names := names('b', 'a', 'b');
  PROCEDURE show(label VARCHAR2, t nt) IS s VARCHAR2(200);
  BEGIN
    IF t IS NULL THEN DBMS_OUTPUT.PUT_LINE(label || ': NULL'); RETURN; END IF;
    FOR i IN 1 .. t.COUNT LOOP s := s || ' ' || t(i); END LOOP;
    DBMS_OUTPUT.PUT_LINE(label || ':' || s);
  END;
BEGIN
  show('union all', a MULTISET UNION b);
  show('union', a MULTISET UNION ALL b);
  show('union distinct', a MULTISET UNION DISTINCT b);
  show('intersect', a MULTISET INTERSECT b);
  show('intersect distinct', a MULTISET INTERSECT DISTINCT b);
  show('except', a MULTISET EXCEPT b);
  show('except distinct', b MULTISET EXCEPT DISTINCT a);
  show('set', SET(a));
  show('with a NULL operand', a MULTISET UNION z);
  show('chained', a MULTISET EXCEPT b MULTISET UNION nt(9));
  DBMS_OUTPUT.PUT_LINE('cardinality ' || CARDINALITY(a) || ' ' || CARDINALITY(e) || ' '
                       || COALESCE(TO_CHAR(CARDINALITY(z)), 'null') || ' ' || CARDINALITY(SET(w)));
  DBMS_OUTPUT.PUT_LINE('empty ' || CASE WHEN e IS EMPTY THEN 'y' END || CASE WHEN a IS NOT EMPTY THEN ', a not' END
                       || CASE WHEN (z IS EMPTY) IS NULL THEN ', null unknown' END);
  DBMS_OUTPUT.PUT_LINE('member ' || CASE WHEN 3 MEMBER OF a THEN 'y' END || CASE WHEN 9 NOT MEMBER a THEN ', 9 not' END
                       || CASE WHEN 'a' MEMBER OF w THEN ', a in w' END
                       || CASE WHEN (9 MEMBER OF nt(1, NULL)) IS NULL THEN ', unknown with a NULL element' END);
  DBMS_OUTPUT.PUT_LINE('submultiset ' || CASE WHEN nt(2, 1) SUBMULTISET OF a THEN 'y' END
                       || CASE WHEN nt(2, 2, 2) NOT SUBMULTISET OF a THEN ', 2 2 2 not' END
                       || CASE WHEN e SUBMULTISET a THEN ', empty is' END);
  DBMS_OUTPUT.PUT_LINE('equal ' || CASE WHEN a = nt(3, 2, 1, 2) THEN 'y' END || CASE WHEN a <> b THEN ', a <> b' END
                       || CASE WHEN (nt(1, NULL) = nt(1, NULL)) IS NULL THEN ', NULL elements: unknown' END
                       || CASE WHEN (a = z) IS NULL THEN ', NULL table: unknown' END);
  a := a MULTISET UNION DISTINCT b;
  DBMS_OUTPUT.PUT_LINE('assigned ' || a.COUNT);
END $$;
DO LANGUAGE plpolar $$
DECLARE TYPE arr IS VARRAY(5) OF NUMBER; a arr := arr(1);
BEGIN IF a IS EMPTY THEN NULL; END IF; END $$;
DO LANGUAGE plpolar $$
DECLARE TYPE nt IS TABLE OF NUMBER; TYPE vt IS TABLE OF VARCHAR2(5); a nt := nt(1); b vt := vt('x');
BEGIN a := a MULTISET UNION b; END $$;
DO LANGUAGE plpolar $$
DECLARE TYPE nt IS TABLE OF NUMBER; a nt := nt(1);
BEGIN IF a < a THEN NULL; END IF; END $$;

-- 14. A table of a cursor's %ROWTYPE.
CREATE TABLE coll_emp2 (id int, name text, sal numeric);
INSERT INTO coll_emp2 VALUES (1, 'ann', 100), (2, 'bob', 200);
DO LANGUAGE plpolar $$
DECLARE
  CURSOR c IS SELECT id, name, sal * 2 AS twice FROM coll_emp2 ORDER BY id;
  TYPE t IS TABLE OF c%ROWTYPE;
  rows t;
BEGIN
  OPEN c;
  FETCH c BULK COLLECT INTO rows;
  CLOSE c;
  DBMS_OUTPUT.PUT_LINE(rows.COUNT || ' ' || rows(1).name || ' ' || rows(2).twice);
END $$;
DROP TABLE coll_emp2;

-- 15. Elements and their fields as INTO targets (SELECT, FETCH, EXECUTE IMMEDIATE).
CREATE TABLE coll_emp3 (id int, name text, sal numeric);
INSERT INTO coll_emp3 VALUES (1, 'ann', 100), (2, 'bob', 200);
DO LANGUAGE plpolar $$
DECLARE
  TYPE name_tab IS TABLE OF VARCHAR2(20) INDEX BY PLS_INTEGER;
  TYPE emp_tab IS TABLE OF coll_emp3%ROWTYPE INDEX BY PLS_INTEGER;
  TYPE nt IS TABLE OF NUMBER;
  names name_tab;
  e emp_tab;
  n nt := nt(0, 0);
  CURSOR c IS SELECT * FROM coll_emp3 ORDER BY id;
  i PLS_INTEGER := 0;
BEGIN
  SELECT name INTO names(5) FROM coll_emp3 WHERE id = 1;
  SELECT name, sal INTO names(6), n(2) FROM coll_emp3 WHERE id = 2;
  SELECT * INTO e(1) FROM coll_emp3 WHERE id = 1;
  SELECT sal INTO e(2).sal FROM coll_emp3 WHERE id = 2;
  OPEN c;
  LOOP
    i := i + 1;
    FETCH c INTO e(i + 10);
    EXIT WHEN c%NOTFOUND;
  END LOOP;
  CLOSE c;
  DBMS_OUTPUT.PUT_LINE(names(5) || ' ' || names(6) || ' ' || n(2) || ' ' || e(1).name || ' ' || e(2).sal
                       || ' name null ' || CASE WHEN e(2).name IS NULL THEN 'y' END || ' count ' || e.COUNT
                       || ' ' || e(12).name);
  BEGIN
    SELECT 1 INTO n(5) FROM coll_emp3 WHERE id = 1;
  EXCEPTION WHEN SUBSCRIPT_BEYOND_COUNT THEN DBMS_OUTPUT.PUT_LINE('beyond: ' || SQLCODE);
  END;
  EXECUTE IMMEDIATE 'SELECT name FROM coll_emp3 WHERE id = :1' INTO names(7) USING 1;
  EXECUTE IMMEDIATE 'SELECT * FROM coll_emp3 WHERE id = 2' INTO e(3);
  EXECUTE IMMEDIATE 'SELECT name FROM coll_emp3 WHERE id = 2' INTO e(4).name;
  EXECUTE IMMEDIATE 'UPDATE coll_emp3 SET sal = sal WHERE id = 1 RETURNING name INTO :x' RETURNING INTO names(8);
  DBMS_OUTPUT.PUT_LINE('dynamic: ' || names(7) || ' ' || e(3).name || ' ' || e(4).name || ' ' || names(8));
END $$;
DO LANGUAGE plpolar $$
DECLARE x NUMBER;
BEGIN SELECT 1 INTO x(1) FROM coll_emp3 WHERE id = 1; END $$;
DROP TABLE coll_emp3;

-- 16. TABLE(c) in embedded SQL: the elements as rows (column_value for
-- scalars, the fields for a table's %ROWTYPE), in index order.
CREATE TABLE coll_emp4 (id int, name text);
INSERT INTO coll_emp4 VALUES (1, 'ann'), (2, 'bob'), (3, 'cy');
DO LANGUAGE plpolar $$
DECLARE
  TYPE nt IS TABLE OF NUMBER;
  TYPE et IS TABLE OF coll_emp4%ROWTYPE;
  ids nt := nt(2, 1, 2);
  rows et;
  n PLS_INTEGER;
  z nt;
BEGIN
  SELECT count(*) INTO n FROM coll_emp4 WHERE id IN (SELECT column_value FROM TABLE(ids));
  DBMS_OUTPUT.PUT_LINE('in table: ' || n);
  FOR r IN (SELECT column_value AS v FROM TABLE(ids)) LOOP DBMS_OUTPUT.PUT_LINE('element ' || r.v); END LOOP;
  SELECT * BULK COLLECT INTO rows FROM coll_emp4 ORDER BY id;
  FOR r IN (SELECT t.name FROM TABLE(rows) t WHERE t.id = 2) LOOP DBMS_OUTPUT.PUT_LINE('row ' || r.name); END LOOP;
  SELECT count(*) INTO n FROM TABLE(ids MULTISET UNION DISTINCT nt(7));
  DBMS_OUTPUT.PUT_LINE('of a multiset: ' || n);
  SELECT count(*) INTO n FROM TABLE(z);
  DBMS_OUTPUT.PUT_LINE('of a NULL collection: ' || n);
  DELETE FROM coll_emp4 WHERE id NOT IN (SELECT column_value FROM TABLE(ids));
  DBMS_OUTPUT.PUT_LINE('deleted ' || SQL%ROWCOUNT);
END $$;
DROP TABLE coll_emp4;

-- 17. Another unit uses a package's collections element-wise, in place:
-- pkg.c(i) reads and writes, pkg.c.method, pkg.c(i) in embedded SQL.
SELECT plpolar.exec($$
CREATE OR REPLACE PACKAGE coll_state AS
  TYPE name_tab IS TABLE OF VARCHAR2(20) INDEX BY PLS_INTEGER;
  TYPE num_tab IS TABLE OF NUMBER;
  names name_tab;
  nums num_tab := num_tab(1, 2, 3);
  empty_nums num_tab;
END coll_state;
/
$$);
DO LANGUAGE plpolar $$
BEGIN
  coll_state.names(1) := 'one';
  coll_state.names(2) := 'two';
  coll_state.nums.EXTEND;
  coll_state.nums(coll_state.nums.LAST) := 40;
  coll_state.nums.DELETE(1);
  DBMS_OUTPUT.PUT_LINE(coll_state.names(2) || ' ' || coll_state.names.COUNT || ' ' || coll_state.nums.COUNT || ' '
                       || coll_state.nums(4) || ' ' || CASE WHEN coll_state.nums.EXISTS(1) THEN 'y' ELSE 'n' END);
  BEGIN
    coll_state.empty_nums.EXTEND;
  EXCEPTION WHEN COLLECTION_IS_NULL THEN DBMS_OUTPUT.PUT_LINE('package collection is null: ' || SQLCODE);
  END;
END $$;
DO LANGUAGE plpolar $$
DECLARE n NUMBER;
BEGIN
  DBMS_OUTPUT.PUT_LINE('next call: ' || coll_state.names.COUNT || ' ' || coll_state.names(1) || ', first '
                       || coll_state.nums.FIRST);
  SELECT count(*) INTO n FROM generate_series(1, 10) g WHERE g = coll_state.nums(2);
  DBMS_OUTPUT.PUT_LINE('in SQL ' || n);
END $$;

-- 18. Collections of collections (Oracle's multi-level collections): c(i)(j)
-- reads and assignments, methods of an element (c(i).COUNT, c(i).EXTEND),
-- constructors of constructors, elements in embedded SQL, value semantics.
DO LANGUAGE plpolar $$
DECLARE
  TYPE t1 IS VARRAY(10) OF INTEGER;
  va t1 := t1(2, 3, 5);
  TYPE nt1 IS VARRAY(10) OF t1;       -- a varray of varrays
  nva nt1 := nt1(va, t1(55, 6, 73), t1(2, 4), va);
  i INTEGER;
  va1 t1;
BEGIN
  i := nva(2)(3);
  DBMS_OUTPUT.PUT_LINE('nva(2)(3) = ' || i);
  nva.EXTEND;
  nva(5) := t1(56, 32);
  nva(4) := t1(45, 43, 67, 43345);
  nva(4)(4) := 1;
  nva(4).EXTEND;
  nva(4)(5) := 89;
  va1 := nva(4);
  va1(1) := -1;  -- a copy: nva(4) keeps its value
  DBMS_OUTPUT.PUT_LINE('nva(4): ' || nva(4).COUNT || ' elements, (1) ' || nva(4)(1) || ', (4) ' || nva(4)(4)
                       || ', last ' || nva(4)(nva(4).LAST) || '; va1(1) ' || va1(1) || '; va ' || va.COUNT);
  FOR k IN 1 .. nva.COUNT LOOP
    DBMS_OUTPUT.PUT_LINE('  nva(' || k || ') has ' || nva(k).COUNT);
  END LOOP;
  BEGIN
    nva(2).EXTEND(8);
  EXCEPTION WHEN SUBSCRIPT_OUTSIDE_LIMIT THEN DBMS_OUTPUT.PUT_LINE('inner limit: ' || SQLCODE);
  END;
END;
$$;
DO LANGUAGE plpolar $$
DECLARE
  TYPE tb1 IS TABLE OF VARCHAR2(20);
  TYPE ntb1 IS TABLE OF tb1;          -- a nested table of nested tables
  vntb1 ntb1 := ntb1(tb1('one', 'three'));
  TYPE by_name IS TABLE OF tb1 INDEX BY VARCHAR2(10);
  m by_name;
  TYPE rec IS RECORD (a INTEGER, b VARCHAR2(10));
  TYPE rt IS TABLE OF rec;
  TYPE nrt IS TABLE OF rt INDEX BY PLS_INTEGER;
  r nrt;
  x INTEGER;
  c INTEGER;
BEGIN
  vntb1.EXTEND;
  vntb1(2) := vntb1(1);
  vntb1.DELETE(1);
  vntb1(2).DELETE(1);
  DBMS_OUTPUT.PUT_LINE('vntb1(2): ' || vntb1(2).COUNT || ' ' || vntb1(2)(2) || ', first ' || vntb1(2).FIRST);
  m('x') := tb1('a', 'b');
  m('x').EXTEND;
  m('x')(3) := 'c';
  DBMS_OUTPUT.PUT_LINE('m(''x''): ' || m('x').COUNT || ' ' || m('x')(3) || ', exists(3) '
                       || CASE WHEN m('x').EXISTS(3) THEN 'y' ELSE 'n' END);
  r(1) := rt();
  r(1).EXTEND;
  r(1)(1).a := 7;
  r(1)(1).b := 'seven';
  DBMS_OUTPUT.PUT_LINE('r(1)(1): ' || r(1)(1).a || ' ' || r(1)(1).b);
  SELECT r(1)(1).a * 2, m('x').COUNT INTO x, c FROM dual;
  DBMS_OUTPUT.PUT_LINE('in SQL: ' || x || ' ' || c);
  BEGIN
    DBMS_OUTPUT.PUT_LINE(vntb1(3)(1));
  EXCEPTION WHEN SUBSCRIPT_BEYOND_COUNT THEN DBMS_OUTPUT.PUT_LINE('outer beyond count: ' || SQLCODE);
  END;
  BEGIN
    m('y')(1) := 'z';
  EXCEPTION WHEN NO_DATA_FOUND THEN DBMS_OUTPUT.PUT_LINE('missing outer element: ' || SQLCODE);
  END;
  BEGIN
    vntb1 := ntb1(NULL);
    vntb1(1).EXTEND;
  EXCEPTION WHEN COLLECTION_IS_NULL THEN DBMS_OUTPUT.PUT_LINE('null inner collection: ' || SQLCODE);
  END;
END;
$$;
-- Compile-time errors.
DO LANGUAGE plpolar $$
DECLARE TYPE t IS TABLE OF INTEGER; v t := t(1);
BEGIN DBMS_OUTPUT.PUT_LINE(v(1)(1)); END;
$$;
DO LANGUAGE plpolar $$
DECLARE TYPE t IS TABLE OF INTEGER; TYPE tt IS TABLE OF t; v tt := tt(t(1));
BEGIN DBMS_OUTPUT.PUT_LINE(v(1).EXTEND); END;
$$;
DO LANGUAGE plpolar $$
DECLARE TYPE t IS TABLE OF INTEGER; TYPE tt IS TABLE OF t; v tt := tt(t(1));
BEGIN v(1).NOPE; END;
$$;

-- 19. TABLE() of a collection of TYPE ... IS RECORD (the record's fields as
-- columns); BULK COLLECT from another package's cursor; a package's CONSTANT
-- collection is not changed element-wise from another unit either.
DO LANGUAGE plpolar $$
DECLARE
  TYPE pair IS RECORD (k PLS_INTEGER, label VARCHAR2(10));
  TYPE pairs IS TABLE OF pair;
  p pairs := pairs();
  n PLS_INTEGER;
  s VARCHAR2(30);
BEGIN
  p.EXTEND(3);
  p(1).k := 10; p(1).label := 'ten';
  p(2).k := 20; p(2).label := 'twenty';
  p(3).k := 5;
  SELECT sum(k), string_agg(label, ',' ORDER BY k) INTO n, s FROM TABLE(p);
  DBMS_OUTPUT.PUT_LINE('TABLE(p): ' || n || ' ' || s);
  FOR r IN (SELECT t.label, t.k FROM TABLE(p) t WHERE t.k > 5 ORDER BY t.k DESC) LOOP
    DBMS_OUTPUT.PUT_LINE('  ' || r.k || ' ' || r.label);
  END LOOP;
END;
$$;
SELECT action FROM plpolar.exec($$
CREATE OR REPLACE PACKAGE coll_src AS
  TYPE num_tab IS TABLE OF NUMBER;
  primes CONSTANT num_tab := num_tab(2, 3, 5, 7);
  CURSOR gen IS SELECT g FROM generate_series(1, 7) g ORDER BY g;
END coll_src;
/
$$);
DO LANGUAGE plpolar $$
DECLARE
  TYPE num_tab IS TABLE OF NUMBER;
  batch num_tab;
BEGIN
  OPEN coll_src.gen;
  LOOP
    FETCH coll_src.gen BULK COLLECT INTO batch LIMIT 3;
    DBMS_OUTPUT.PUT_LINE('batch of ' || batch.COUNT || CASE WHEN batch.COUNT > 0 THEN ', first ' || batch(1) END
                         || ', rowcount ' || coll_src.gen%ROWCOUNT);
    EXIT WHEN coll_src.gen%NOTFOUND;
  END LOOP;
  CLOSE coll_src.gen;
  DBMS_OUTPUT.PUT_LINE('primes: ' || coll_src.primes.COUNT || ', last ' || coll_src.primes(coll_src.primes.LAST));
END;
$$;
DO LANGUAGE plpolar $$ BEGIN coll_src.primes(1) := 4; END $$;
-- Another package's collections as multiset operands, and a package function
-- whose signature has its collection type (plpolar.collection for SQL).
SELECT action FROM plpolar.exec($$
CREATE OR REPLACE PACKAGE coll_authors AS
  TYPE names_t IS TABLE OF VARCHAR2(30);
  steven names_t := names_t('Robert', 'Jane', 'Joan');
  veva names_t := names_t('Jane', 'Bob');
  FUNCTION mine_and_veva RETURN names_t;
END coll_authors;
/
CREATE OR REPLACE PACKAGE BODY coll_authors AS
  FUNCTION mine_and_veva RETURN names_t IS
  BEGIN
    RETURN steven MULTISET UNION DISTINCT veva;
  END;
END coll_authors;
/
$$);
SELECT pg_get_function_result('coll_authors.mine_and_veva'::regproc) AS sql_result_type;
DO LANGUAGE plpolar $$
DECLARE
  ours coll_authors.names_t;
BEGIN
  ours := coll_authors.steven MULTISET INTERSECT coll_authors.veva;
  DBMS_OUTPUT.PUT_LINE('intersect: ' || ours.COUNT || ' ' || ours(1));
  DBMS_OUTPUT.PUT_LINE('veva submultiset of steven: '
                       || CASE WHEN coll_authors.veva SUBMULTISET OF coll_authors.steven THEN 'yes' ELSE 'no' END
                       || ', cardinality ' || CARDINALITY(coll_authors.steven));
  ours := coll_authors.mine_and_veva();
  DBMS_OUTPUT.PUT_LINE('union distinct: ' || ours.COUNT);
END;
$$;

-- 20. Oracle 21c's iteration controls: FOR i IN INDICES OF c, FOR v IN
-- VALUES OF c, FOR i, v IN PAIRS OF c (also REVERSE), over sparse nested
-- tables, string-keyed arrays, records and expressions.
DO LANGUAGE plpolar $$
DECLARE
  TYPE num_tab IS TABLE OF NUMBER;
  TYPE by_name IS TABLE OF PLS_INTEGER INDEX BY VARCHAR2(10);
  TYPE emp_tab IS TABLE OF coll_emp%ROWTYPE;
  n num_tab := num_tab(10, 20, 30, 40);
  h by_name;
  e emp_tab;
  line VARCHAR2(200);
BEGIN
  n.DELETE(2);
  line := 'indices:';
  FOR i IN INDICES OF n LOOP line := line || ' ' || i; END LOOP;
  DBMS_OUTPUT.PUT_LINE(line);
  line := 'values:';
  FOR v IN VALUES OF n LOOP line := line || ' ' || v; END LOOP;
  DBMS_OUTPUT.PUT_LINE(line);
  line := 'reverse pairs:';
  FOR i, v IN REVERSE PAIRS OF n LOOP line := line || ' ' || i || '=' || v; END LOOP;
  DBMS_OUTPUT.PUT_LINE(line);
  h('pear') := 3; h('apple') := 1; h('fig') := 2;
  line := 'string keys:';
  FOR k, v IN PAIRS OF h LOOP line := line || ' ' || k || '=' || v; END LOOP;
  DBMS_OUTPUT.PUT_LINE(line);
  -- The body may delete ahead: the loop goes on after the key it is at.
  line := 'deleting ahead:';
  FOR i IN INDICES OF n LOOP
    line := line || ' ' || i;
    IF n.EXISTS(i + 1) THEN n.DELETE(i + 1); END IF;
  END LOOP;
  DBMS_OUTPUT.PUT_LINE(line || ' (count ' || n.COUNT || ')');
  line := 'of a constructor:';
  FOR v IN VALUES OF num_tab(7, 8, 9) LOOP line := line || ' ' || v; END LOOP;
  DBMS_OUTPUT.PUT_LINE(line);
  SELECT * BULK COLLECT INTO e FROM coll_emp WHERE id <= 3 ORDER BY id;
  FOR r IN VALUES OF e LOOP DBMS_OUTPUT.PUT_LINE('  row ' || r.id || ' ' || r.name); END LOOP;
  n := NULL;
  FOR i IN INDICES OF n LOOP DBMS_OUTPUT.PUT_LINE('never'); END LOOP;
  DBMS_OUTPUT.PUT_LINE('a NULL collection: no iterations');
END;
$$;
DO LANGUAGE plpolar $$
DECLARE TYPE num_tab IS TABLE OF NUMBER; n num_tab := num_tab(1);
BEGIN FOR i IN INDICES OF n LOOP i := 5; END LOOP; END;
$$;
DO LANGUAGE plpolar $$
DECLARE x NUMBER := 1;
BEGIN FOR i IN INDICES OF x LOOP NULL; END LOOP; END;
$$;

-- 21. Qualified expressions (Oracle 18c) for associative arrays: t() and
-- t(key => value, ...), keys in any order, a variable as the key.
DO LANGUAGE plpolar $$
DECLARE
  TYPE by_int IS TABLE OF VARCHAR2(10) INDEX BY PLS_INTEGER;
  TYPE by_name IS TABLE OF NUMBER INDEX BY VARCHAR2(10);
  a by_int := by_int(3 => 'three', 1 => 'one', 2 => 'two');
  k VARCHAR2(10) := 'z';
  b by_name := by_name('x' => 1, k => 26, 'x' => 24);
  e by_int := by_int();
  line VARCHAR2(100) := 'a:';
BEGIN
  FOR i, v IN PAIRS OF a LOOP line := line || ' ' || i || '=' || v; END LOOP;
  DBMS_OUTPUT.PUT_LINE(line);
  DBMS_OUTPUT.PUT_LINE('b: ' || b.COUNT || ' x=' || b('x') || ' z=' || b('z') || '; e: ' || e.COUNT);
  a := by_int(10 => 'ten');
  DBMS_OUTPUT.PUT_LINE('replaced: ' || a.COUNT || ' ' || a.FIRST || ' ' || a(10));
END;
$$;
DO LANGUAGE plpolar $$
DECLARE TYPE by_int IS TABLE OF NUMBER INDEX BY PLS_INTEGER; a by_int := by_int(1, 2);
BEGIN NULL; END;
$$;
DO LANGUAGE plpolar $$
DECLARE TYPE nt IS TABLE OF NUMBER; a nt := nt(1 => 2);
BEGIN NULL; END;
$$;
DO LANGUAGE plpolar $$
DECLARE TYPE by_int IS TABLE OF NUMBER INDEX BY PLS_INTEGER; a by_int := by_int(NULL => 2);
BEGIN NULL; END;
$$;

-- 22. Collection fields of records: r.f(i), r.f(i) := x, r.f.COUNT,
-- r.f.EXTEND, r.f.DELETE(i), iteration and multisets over r.f; an
-- associative array field starts empty, a nested table field NULL; records
-- copy their collections.
DO LANGUAGE plpolar $$
DECLARE
  TYPE num_tab IS TABLE OF NUMBER;
  TYPE by_name IS TABLE OF VARCHAR2(10) INDEX BY VARCHAR2(10);
  TYPE holder IS RECORD (name VARCHAR2(10), ids num_tab, tags by_name);
  r holder;
  r2 holder;
  line VARCHAR2(100) := 'r.ids:';
BEGIN
  BEGIN
    r.ids.EXTEND;
  EXCEPTION WHEN COLLECTION_IS_NULL THEN DBMS_OUTPUT.PUT_LINE('a nested table field starts NULL: ' || SQLCODE);
  END;
  DBMS_OUTPUT.PUT_LINE('an associative array field starts empty: ' || r.tags.COUNT);
  r.ids := num_tab(1, 2);
  r.ids.EXTEND;
  r.ids(3) := 9;
  r.tags('b') := 'y';
  r.tags('a') := 'x';
  DBMS_OUTPUT.PUT_LINE(r.ids.COUNT || ' ' || r.ids(3) || ' ' || r.ids.LAST || '; tags ' || r.tags.COUNT || ' '
                       || r.tags.FIRST || ' ' || r.tags('b'));
  r2 := r;
  r2.ids.DELETE(1);
  DBMS_OUTPUT.PUT_LINE('the copy: ' || r2.ids.COUNT || ', the original: ' || r.ids.COUNT);
  FOR i, v IN PAIRS OF r.ids LOOP line := line || ' ' || i || '=' || v; END LOOP;
  DBMS_OUTPUT.PUT_LINE(line || '; cardinality ' || CARDINALITY(r.ids)
                       || CASE WHEN 9 MEMBER OF r.ids THEN ', 9 is a member' END);
  r.name := 'kept';
  DBMS_OUTPUT.PUT_LINE(r.name || ' ' || r.ids.COUNT);
END;
$$;

DROP FUNCTION coll_churn(int);
DROP TABLE coll_emp;
