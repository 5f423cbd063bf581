-- Records: %ROWTYPE of tables, views and cursors, TYPE ... IS RECORD with
-- NOT NULL and defaults, field access, whole-record assignment, SELECT and
-- FETCH INTO a record, INSERT ... VALUES rec, UPDATE ... SET ROW = rec,
-- records as parameters and results.
\set VERBOSITY default
CREATE TABLE dept(deptno int PRIMARY KEY, dname varchar2(14), loc varchar2(13));
INSERT INTO dept VALUES (10, 'ACCOUNTING', 'NEW YORK'), (20, 'RESEARCH', 'DALLAS'), (30, 'SALES', 'CHICAGO');
CREATE VIEW dept_view AS SELECT deptno, lower(dname) AS dname FROM dept;

CREATE FUNCTION rowtypes() RETURNS text LANGUAGE plpolar AS $$
DECLARE
  d dept%ROWTYPE;
  v dept_view%ROWTYPE;
  s VARCHAR2(400) := '';
BEGIN
  -- a fresh record is not NULL; its fields are
  IF d.deptno IS NULL AND d.dname IS NULL THEN s := 'fields null; '; END IF;
  SELECT * INTO d FROM dept WHERE deptno = 20;
  s := s || d.deptno || ' ' || d.dname || ' ' || d.loc || '; ';
  SELECT * INTO v FROM dept_view WHERE deptno = 30;
  s := s || 'view: ' || v.dname || '; ';
  -- SELECT of some columns INTO the whole record, by position
  SELECT 40, 'OPERATIONS', 'BOSTON' INTO d FROM dual_dummy;
  RETURN s || d.dname;
END;
$$;
CREATE TABLE dual_dummy(x int);
INSERT INTO dual_dummy VALUES (1);
SELECT rowtypes();

-- TYPE IS RECORD: defaults, NOT NULL, nested assignment, copies.
CREATE FUNCTION user_records() RETURNS text LANGUAGE plpolar AS $$
DECLARE
  TYPE point_t IS RECORD (x NUMBER := 0, y NUMBER := 0, label VARCHAR2(10) NOT NULL := 'origin');
  TYPE emp_t IS RECORD (id PLS_INTEGER, name VARCHAR2(20));
  p point_t;
  q point_t;
  e emp_t;
  s VARCHAR2(400);
BEGIN
  s := 'p=(' || p.x || ',' || p.y || ',' || p.label || ')';
  p.x := 3;
  p.y := p.x * 2;
  p.label := 'moved';
  q := p;         -- a copy
  q.x := 100;
  s := s || ' p=(' || p.x || ',' || p.y || ',' || p.label || ') q.x=' || q.x;
  e.id := '42';   -- converted to the field's type
  e.name := 'Scott';
  RETURN s || ' e=' || e.id || ':' || e.name;
END;
$$;
SELECT user_records();
DO LANGUAGE plpolar $$
DECLARE
  TYPE t IS RECORD (a NUMBER NOT NULL := 1);
  r t;
BEGIN
  r.a := NULL;
END;
$$;
DO LANGUAGE plpolar $$
DECLARE
  TYPE t IS RECORD (s VARCHAR2(3));
  r t;
BEGIN
  r.s := 'too long';
END;
$$;
DO LANGUAGE plpolar $$
DECLARE
  TYPE t IS RECORD (a NUMBER);
  r t;
BEGIN
  r.nothing := 1;
END;
$$;
DO LANGUAGE plpolar $$
DECLARE
  TYPE t IS RECORD (a NUMBER, a NUMBER);
BEGIN
  NULL;
END;
$$;
DO LANGUAGE plpolar $$
DECLARE
  TYPE t IS RECORD (a NUMBER NOT NULL);
BEGIN
  NULL;
END;
$$;

-- Whole-record assignment between record types of the same shape
-- converts field by field; a different shape is an error.
CREATE FUNCTION record_copy() RETURNS text LANGUAGE plpolar AS $$
DECLARE
  TYPE dept_t IS RECORD (no NUMBER, name VARCHAR2(20), city VARCHAR2(20));
  TYPE pair_t IS RECORD (a NUMBER, b NUMBER);
  d dept%ROWTYPE;
  t dept_t;
  p pair_t;
BEGIN
  SELECT * INTO d FROM dept WHERE deptno = 10;
  t := d;
  t.no := t.no + 1;
  d := t;
  RETURN d.deptno || ' ' || t.name || ' ' || t.city;
END;
$$;
SELECT record_copy();
DO LANGUAGE plpolar $$
DECLARE
  TYPE pair_t IS RECORD (a NUMBER, b NUMBER);
  d dept%ROWTYPE;
  p pair_t;
BEGIN
  p := d;
END;
$$;
DO LANGUAGE plpolar $$
DECLARE d dept%ROWTYPE; n NUMBER;
BEGIN
  d := n;
END;
$$;

-- INSERT INTO t VALUES rec and UPDATE t SET ROW = rec.
CREATE FUNCTION row_dml() RETURNS text LANGUAGE plpolar AS $$
DECLARE
  d dept%ROWTYPE;
BEGIN
  d.deptno := 50;
  d.dname := 'LOGISTICS';
  d.loc := 'DENVER';
  INSERT INTO dept VALUES d;
  d.loc := 'AUSTIN';
  UPDATE dept SET ROW = d WHERE deptno = d.deptno;
  RETURN SQL%ROWCOUNT || ' updated';
END;
$$;
SELECT row_dml();
SELECT * FROM dept WHERE deptno = 50;
DO LANGUAGE plpolar $$
DECLARE n NUMBER;
BEGIN
  INSERT INTO dept VALUES nothing;
END;
$$;

-- FETCH into a record, and a cursor FOR loop record used in SQL.
CREATE FUNCTION fetch_record() RETURNS text LANGUAGE plpolar AS $$
DECLARE
  CURSOR c IS SELECT deptno, dname FROM dept ORDER BY deptno;
  r c%ROWTYPE;
  n NUMBER;
  s VARCHAR2(400) := '';
BEGIN
  OPEN c;
  FETCH c INTO r;
  s := r.deptno || ':' || r.dname;
  CLOSE c;
  FOR x IN c LOOP
    SELECT count(*) INTO n FROM dept WHERE deptno <= x.deptno;
    s := s || ' ' || x.dname || '#' || n;
  END LOOP;
  RETURN s;
END;
$$;
SELECT fetch_record();
-- a cursor's %ROWTYPE has the cursor's fields from the start
DO LANGUAGE plpolar $$
DECLARE
  CURSOR c IS SELECT 1 AS a;
  r c%ROWTYPE;
  n NUMBER;
BEGIN
  n := r.a;
  r.a := 2;
  n := r.b;
END;
$$;

-- Records as parameters and results.
CREATE FUNCTION raise_loc(d dept) RETURNS dept LANGUAGE plpolar AS $$
DECLARE r dept%ROWTYPE;
BEGIN
  r := d;
  r.loc := upper(r.loc) || '!';
  RETURN r;
END;
$$;
SELECT (raise_loc(d)).* FROM dept d WHERE deptno = 20;
CREATE FUNCTION pass_record() RETURNS text LANGUAGE plpolar AS $$
DECLARE r dept%ROWTYPE; o dept%ROWTYPE;
BEGIN
  SELECT * INTO r FROM dept WHERE deptno = 30;
  o := raise_loc(r);
  RETURN o.loc;
END;
$$;
SELECT pass_record();
-- field types follow the table; fields are checked at CREATE time
CREATE FUNCTION bad_field() RETURNS text LANGUAGE plpolar AS $$
DECLARE d dept%ROWTYPE;
BEGIN
  RETURN d.nope;
END;
$$;
CREATE FUNCTION bad_rowtype() RETURNS text LANGUAGE plpolar AS $$
DECLARE d no_such_table%ROWTYPE;
BEGIN
  RETURN 1;
END;
$$;
