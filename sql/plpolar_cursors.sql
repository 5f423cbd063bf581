-- Explicit cursors, cursor FOR loops, cursor variables (SYS_REFCURSOR,
-- REF CURSOR types) and the implicit cursor's attributes.
\set VERBOSITY default
CREATE TABLE emp(empno int PRIMARY KEY, ename varchar2(20), sal numeric(8,2), deptno int);
INSERT INTO emp VALUES (7369, 'SMITH', 800, 20), (7499, 'ALLEN', 1600, 30), (7521, 'WARD', 1250, 30),
                       (7566, 'JONES', 2975, 20), (7698, 'BLAKE', 2850, 30), (7839, 'KING', 5000, 10);

-- OPEN / FETCH / CLOSE with parameters, every attribute at every stage.
CREATE FUNCTION explicit_cursor(p_dept int) RETURNS text LANGUAGE plpolar AS $$
DECLARE
  CURSOR c_emp(p_deptno NUMBER, p_min NUMBER DEFAULT 0) IS
    SELECT empno, ename, sal FROM emp WHERE deptno = p_deptno AND sal >= p_min ORDER BY empno;
  v_no   emp.empno%TYPE;
  v_name emp.ename%TYPE;
  v_sal  emp.sal%TYPE;
  s VARCHAR2(1000) := '';
BEGIN
  IF NOT c_emp%ISOPEN THEN s := s || 'closed at start; '; END IF;
  OPEN c_emp(p_dept);
  IF c_emp%ISOPEN THEN s := s || 'open; '; END IF;
  IF c_emp%FOUND IS NULL AND c_emp%NOTFOUND IS NULL THEN s := s || 'found unknown before fetch; '; END IF;
  s := s || 'rowcount ' || c_emp%ROWCOUNT || '; ';
  LOOP
    FETCH c_emp INTO v_no, v_name, v_sal;
    EXIT WHEN c_emp%NOTFOUND;
    s := s || v_no || ' ' || v_name || ' ' || v_sal || ' (row ' || c_emp%ROWCOUNT || '); ';
  END LOOP;
  IF NOT c_emp%FOUND THEN s := s || 'not found after last; '; END IF;
  -- Oracle leaves the targets alone after the last row.
  s := s || 'last name still ' || v_name || '; ';
  CLOSE c_emp;
  IF NOT c_emp%ISOPEN THEN s := s || 'closed; '; END IF;
  -- named notation and the default
  OPEN c_emp(p_min => 2000, p_deptno => 30);
  FETCH c_emp INTO v_no, v_name, v_sal;
  s := s || 'named: ' || v_name;
  CLOSE c_emp;
  RETURN s;
END;
$$;
SELECT explicit_cursor(20);
SELECT explicit_cursor(40);

-- FETCH into a record of the cursor's %ROWTYPE; RETURN clause.
CREATE FUNCTION cursor_rowtype() RETURNS text LANGUAGE plpolar AS $$
DECLARE
  CURSOR c RETURN emp%ROWTYPE IS SELECT * FROM emp WHERE sal > 2000 ORDER BY sal DESC;
  r c%ROWTYPE;
  s VARCHAR2(400) := '';
BEGIN
  IF r.ename IS NULL THEN s := 'fields null before fetch; '; END IF;
  OPEN c;
  LOOP
    FETCH c INTO r;
    EXIT WHEN c%NOTFOUND;
    s := s || r.ename || '=' || r.sal || ' ';
  END LOOP;
  s := s || 'count ' || c%ROWCOUNT;
  CLOSE c;
  RETURN s;
END;
$$;
SELECT cursor_rowtype();

-- Cursor FOR loops: declared cursor with arguments, inline query, EXIT,
-- nested loops; the loop record is declared by the loop.
CREATE FUNCTION cursor_for() RETURNS text LANGUAGE plpolar AS $$
DECLARE
  CURSOR c_dept(p_dept NUMBER) IS SELECT ename, sal FROM emp WHERE deptno = p_dept ORDER BY ename;
  s VARCHAR2(1000) := '';
  total NUMBER := 0;
BEGIN
  FOR r IN c_dept(30) LOOP
    s := s || r.ename || '(' || c_dept%ROWCOUNT || ') ';
    total := total + r.sal;
  END LOOP;
  IF NOT c_dept%ISOPEN THEN s := s || 'closed after loop; '; END IF;
  s := s || 'total ' || total || '; ';
  FOR d IN (SELECT DISTINCT deptno FROM emp ORDER BY deptno) LOOP
    s := s || 'dept ' || d.deptno || ':';
    FOR e IN (SELECT ename FROM emp WHERE deptno = d.deptno ORDER BY ename) LOOP
      s := s || ' ' || e.ename;
      EXIT WHEN e.ename = 'BLAKE';
    END LOOP;
    s := s || '; ';
  END LOOP;
  <<outer>>
  FOR r IN c_dept(20) LOOP
    FOR q IN (SELECT 1 AS one FROM generate_series(1, 3)) LOOP
      EXIT outer WHEN r.ename = 'SMITH';
    END LOOP;
    s := s || 'saw ' || r.ename || '; ';
  END LOOP outer;
  RETURN s;
END;
$$;
SELECT cursor_for();
-- A loop over many rows (fetched in batches of 50) sees every row once.
CREATE FUNCTION big_loop() RETURNS bigint LANGUAGE plpolar AS $$
DECLARE n NUMBER := 0;
BEGIN
  FOR r IN (SELECT g, repeat('x', 100) AS pad FROM generate_series(1, 100000) g) LOOP
    n := n + r.g;
  END LOOP;
  RETURN n;
END;
$$;
SELECT big_loop();
-- The loop record is gone after the loop; fields are checked when known.
CREATE FUNCTION loop_scope() RETURNS int LANGUAGE plpolar AS $$
BEGIN
  FOR r IN (SELECT 1 AS a) LOOP NULL; END LOOP;
  RETURN r.a;
END;
$$;
CREATE FUNCTION no_field() RETURNS int LANGUAGE plpolar AS $$
BEGIN
  FOR r IN (SELECT 1 AS a) LOOP RETURN r.b; END LOOP;
END;
$$;
SELECT no_field();

-- Oracle's cursor errors: INVALID_CURSOR and CURSOR_ALREADY_OPEN.
CREATE FUNCTION cursor_errors(what int) RETURNS text LANGUAGE plpolar AS $$
DECLARE
  CURSOR c IS SELECT ename FROM emp;
  v VARCHAR2(20);
BEGIN
  IF what = 1 THEN FETCH c INTO v; END IF;
  IF what = 2 THEN OPEN c; OPEN c; END IF;
  IF what = 3 THEN CLOSE c; END IF;
  IF what = 4 THEN v := c%ROWCOUNT; END IF;
  IF what = 5 THEN OPEN c; CLOSE c; FETCH c INTO v; END IF;
  IF what = 6 THEN FOR r IN c LOOP OPEN c; END LOOP; END IF;
  RETURN 'none';
EXCEPTION
  WHEN INVALID_CURSOR THEN RETURN 'INVALID_CURSOR ' || SQLCODE || ' ' || SQLERRM;
  WHEN CURSOR_ALREADY_OPEN THEN RETURN 'CURSOR_ALREADY_OPEN ' || SQLCODE || ' ' || SQLERRM;
END;
$$;
SELECT w, cursor_errors(w) FROM generate_series(1, 6) w;
DO LANGUAGE plpolar $$ DECLARE CURSOR c IS SELECT 1; v int; BEGIN FETCH c INTO v; END; $$;
\echo :LAST_ERROR_SQLSTATE
DO LANGUAGE plpolar $$ DECLARE CURSOR c IS SELECT 1; BEGIN OPEN c; OPEN c; END; $$;
\echo :LAST_ERROR_SQLSTATE
DO LANGUAGE plpolar $$ DECLARE v int; BEGIN OPEN nothing; END; $$;
DO LANGUAGE plpolar $$ DECLARE v int; BEGIN FETCH v INTO v; END; $$;
DO LANGUAGE plpolar $$ DECLARE CURSOR c(p int) IS SELECT p; BEGIN OPEN c; END; $$;
DO LANGUAGE plpolar $$ DECLARE CURSOR c(p int) IS SELECT p; BEGIN OPEN c(1, 2); END; $$;
DO LANGUAGE plpolar $$ DECLARE CURSOR c IS SELECT 1, 2; v int; BEGIN OPEN c; FETCH c INTO v; END; $$;

-- A cursor left open by an exception is closed with its block; nothing
-- leaks into the session.
CREATE FUNCTION leaky() RETURNS text LANGUAGE plpolar AS $$
DECLARE v VARCHAR2(20);
BEGIN
  DECLARE
    CURSOR c IS SELECT ename FROM emp ORDER BY empno;
  BEGIN
    OPEN c;
    FETCH c INTO v;
    RAISE NO_DATA_FOUND;
  END;
  RETURN 'no';
EXCEPTION WHEN NO_DATA_FOUND THEN RETURN 'handled after ' || v;
END;
$$;
BEGIN;
SELECT leaky();
SELECT count(*) AS open_portals FROM pg_cursors;
-- also when the block ends normally without CLOSE, and when the
-- exception propagates to the caller
DO LANGUAGE plpolar $$ DECLARE CURSOR c IS SELECT 1; BEGIN OPEN c; END; $$;
SELECT count(*) AS open_portals FROM pg_cursors;
COMMIT;
CREATE FUNCTION leaky_unhandled() RETURNS void LANGUAGE plpolar AS $$
DECLARE CURSOR c IS SELECT 1;
BEGIN
  OPEN c;
  RAISE ZERO_DIVIDE;
END;
$$;
CREATE FUNCTION call_leaky() RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  PERFORM leaky_unhandled();
  RETURN 'no';
EXCEPTION WHEN division_by_zero THEN
  RETURN 'open portals: ' || (SELECT count(*) FROM pg_cursors);
END;
$$;
SELECT call_leaky();
-- the same in a loop: no portal is left over
CREATE FUNCTION leak_loop() RETURNS int LANGUAGE plpolar AS $$
DECLARE n PLS_INTEGER := 0;
BEGIN
  FOR i IN 1..100 LOOP
    DECLARE CURSOR c IS SELECT ename FROM emp;
    BEGIN
      OPEN c;
      IF MOD(i, 2) = 0 THEN RAISE NO_DATA_FOUND; END IF;
    EXCEPTION WHEN NO_DATA_FOUND THEN n := n + 1;
    END;
  END LOOP;
  RETURN n;
END;
$$;
BEGIN;
SELECT leak_loop();
SELECT count(*) AS open_portals FROM pg_cursors;
COMMIT;

-- Cursor variables: OPEN FOR a static query, a dynamic one with USING,
-- REF CURSOR types, passing them in and out, and to the client.
CREATE FUNCTION open_dept(p_dept int) RETURNS refcursor LANGUAGE plpolar AS $$
DECLARE
  rc SYS_REFCURSOR;
BEGIN
  OPEN rc FOR SELECT ename, sal FROM emp WHERE deptno = p_dept ORDER BY ename;
  RETURN rc;
END;
$$;
BEGIN;
SELECT open_dept(30) AS portal \gset
FETCH ALL FROM :"portal";
COMMIT;
-- a name chosen beforehand names the portal
CREATE FUNCTION named_cursor() RETURNS refcursor LANGUAGE plpolar AS $$
DECLARE rc SYS_REFCURSOR := 'emp_list';
BEGIN
  OPEN rc FOR SELECT ename FROM emp WHERE deptno = 10;
  RETURN rc;
END;
$$;
BEGIN;
SELECT named_cursor();
FETCH ALL FROM emp_list;
COMMIT;
CREATE FUNCTION read_cursor(rc refcursor) RETURNS text LANGUAGE plpolar AS $$
DECLARE
  v_name VARCHAR2(20);
  v_sal NUMBER;
  s VARCHAR2(400) := '';
BEGIN
  LOOP
    FETCH rc INTO v_name, v_sal;
    EXIT WHEN rc%NOTFOUND;
    s := s || v_name || ' ';
  END LOOP;
  s := s || '(' || rc%ROWCOUNT || ' rows)';
  CLOSE rc;
  RETURN s;
END;
$$;
CREATE FUNCTION ref_cursors() RETURNS text LANGUAGE plpolar AS $$
DECLARE
  TYPE emp_cur_t IS REF CURSOR;
  TYPE emp_strong_t IS REF CURSOR RETURN emp%ROWTYPE;
  c1 emp_cur_t;
  c2 emp_strong_t;
  r emp%ROWTYPE;
  v VARCHAR2(20);
  s VARCHAR2(400) := '';
BEGIN
  s := read_cursor(open_dept(20)) || '; ';
  OPEN c1 FOR 'SELECT ename FROM emp WHERE deptno = :d AND sal > :m ORDER BY ename' USING 30, 1500;
  LOOP FETCH c1 INTO v; EXIT WHEN c1%NOTFOUND; s := s || v || ' '; END LOOP;
  -- reopening a cursor variable closes what it had open
  OPEN c1 FOR SELECT 'again' FROM dual_like;
  FETCH c1 INTO v;
  RETURN s || v || ' rowcount ' || c1%ROWCOUNT;
END;
$$;
CREATE TABLE dual_like(x int);
INSERT INTO dual_like VALUES (1);
SELECT ref_cursors();
CREATE FUNCTION strong_ref_cursor() RETURNS text LANGUAGE plpolar AS $$
DECLARE
  TYPE emp_strong_t IS REF CURSOR RETURN emp%ROWTYPE;
  c2 emp_strong_t;
  r emp%ROWTYPE;
  s VARCHAR2(400) := '';
BEGIN
  OPEN c2 FOR SELECT * FROM emp WHERE deptno = 10;
  FETCH c2 INTO r;
  s := r.ename || ' ' || r.sal;
  IF c2%ISOPEN THEN s := s || ' open'; END IF;
  OPEN c2 FOR SELECT * FROM emp WHERE deptno = 20 ORDER BY empno;
  FETCH c2 INTO r;
  s := s || ', reopened: ' || r.ename || ' rowcount ' || c2%ROWCOUNT;
  CLOSE c2;
  RETURN s;
END;
$$;
SELECT strong_ref_cursor();
-- dynamic OPEN binds values, it does not paste them
CREATE FUNCTION find_by_name(p_name text) RETURNS int LANGUAGE plpolar AS $$
DECLARE rc SYS_REFCURSOR; n PLS_INTEGER := 0; v VARCHAR2(20);
BEGIN
  OPEN rc FOR 'SELECT ename FROM emp WHERE ename = :n' USING p_name;
  LOOP FETCH rc INTO v; EXIT WHEN rc%NOTFOUND; n := n + 1; END LOOP;
  RETURN n;
END;
$$;
SELECT find_by_name('KING'), find_by_name($$' OR '1'='1$$);
DO LANGUAGE plpolar $$ DECLARE rc SYS_REFCURSOR; BEGIN OPEN rc FOR 'SELECT :a, :b' USING 1; END; $$;
DO LANGUAGE plpolar $$ DECLARE rc SYS_REFCURSOR; BEGIN OPEN rc; END; $$;
DO LANGUAGE plpolar $$ DECLARE CURSOR c IS SELECT 1; BEGIN OPEN c FOR SELECT 2; END; $$;

-- The implicit cursor: SQL%ROWCOUNT / FOUND / NOTFOUND / ISOPEN after
-- DML and SELECT INTO.
CREATE FUNCTION implicit_cursor() RETURNS text LANGUAGE plpolar AS $$
DECLARE s VARCHAR2(1000) := ''; n NUMBER;
BEGIN
  IF SQL%ROWCOUNT IS NULL AND SQL%FOUND IS NULL THEN s := 'nothing yet; '; END IF;
  UPDATE emp SET sal = sal WHERE deptno = 30;
  s := s || 'update ' || SQL%ROWCOUNT;
  IF SQL%FOUND THEN s := s || ' found'; END IF;
  IF NOT SQL%ISOPEN THEN s := s || ' closed; '; END IF;
  DELETE FROM emp WHERE deptno = 99;
  s := s || 'delete ' || SQL%ROWCOUNT;
  IF SQL%NOTFOUND THEN s := s || ' notfound; '; END IF;
  SELECT sal INTO n FROM emp WHERE empno = 7839;
  s := s || 'select into ' || SQL%ROWCOUNT || '; ';
  INSERT INTO dual_like SELECT g FROM generate_series(1, 4) g;
  s := s || 'insert ' || SQL%ROWCOUNT || '; ';
  BEGIN
    SELECT sal INTO n FROM emp WHERE deptno = 30;
  EXCEPTION WHEN TOO_MANY_ROWS THEN s := s || 'too many: rowcount ' || SQL%ROWCOUNT || '; ';
  END;
  BEGIN
    SELECT sal INTO n FROM emp WHERE deptno = 99;
  EXCEPTION WHEN NO_DATA_FOUND THEN s := s || 'no data: rowcount ' || SQL%ROWCOUNT;
  END;
  RETURN s;
END;
$$;
SELECT implicit_cursor();

-- Static DML with RETURNING ... INTO.
CREATE FUNCTION returning_into() RETURNS text LANGUAGE plpolar AS $$
DECLARE v_no NUMBER; v_name VARCHAR2(20); v_sal NUMBER;
BEGIN
  INSERT INTO emp VALUES (8000, 'NEWBIE', 900, 10) RETURNING empno, ename INTO v_no, v_name;
  UPDATE emp SET sal = sal * 2 WHERE empno = 8000 RETURNING sal INTO v_sal;
  DELETE FROM emp WHERE empno = 8000 RETURNING ename INTO v_name;
  RETURN v_no || ' ' || v_name || ' ' || v_sal || ' rowcount ' || SQL%ROWCOUNT;
END;
$$;
SELECT returning_into();

-- A FOR loop's record is the fetched row itself, not a copy: what leaves
-- the loop (RETURN from a nested function, an assignment, a row with
-- toasted values, a field changed in the loop) must stay valid after the
-- batch behind it is gone.
CREATE TABLE loop_rows (id int, note text);
INSERT INTO loop_rows SELECT g, 'note ' || g FROM generate_series(1, 120) g;
-- Random hex does not compress: these values are stored out of line (TOAST).
INSERT INTO loop_rows SELECT 1000 + g, (SELECT string_agg(md5(g::text || i::text), '') FROM generate_series(1, 400) i)
FROM generate_series(1, 3) g;
SELECT pg_relation_size(reltoastrelid) > 0 AS out_of_line FROM pg_class WHERE relname = 'loop_rows';
CREATE FUNCTION loop_rows_escape() RETURNS text LANGUAGE plpolar AS $$
DECLARE
  kept loop_rows%ROWTYPE;
  out VARCHAR2(4000) := '';
  FUNCTION first_note_after(p PLS_INTEGER) RETURN VARCHAR2 IS
  BEGIN
    FOR r IN (SELECT id, note FROM loop_rows WHERE id > p ORDER BY id) LOOP
      RETURN r.note;
    END LOOP;
    RETURN NULL;
  END;
  FUNCTION depth_sum(p PLS_INTEGER) RETURN PLS_INTEGER IS
    total PLS_INTEGER := 0;
  BEGIN
    IF p = 0 THEN RETURN 0; END IF;
    FOR r IN (SELECT id FROM loop_rows WHERE id <= 3 ORDER BY id) LOOP
      total := total + r.id + depth_sum(p - 1);
    END LOOP;
    RETURN total;
  END;
BEGIN
  out := first_note_after(60) || ' / ' || first_note_after(110) || ' / ' || length(first_note_after(1001));
  FOR r IN (SELECT id, note FROM loop_rows ORDER BY id) LOOP
    IF r.id = 77 THEN kept := r; END IF;
    IF r.id = 1002 THEN out := out || ' / toasted ' || length(r.note); END IF;
    r.note := 'changed';
    IF r.note <> 'changed' THEN out := out || ' field assignment lost'; END IF;
  END LOOP;
  out := out || ' / kept ' || kept.id || ' ' || kept.note || ' / recursion ' || depth_sum(3);
  RETURN out;
END;
$$;
SELECT loop_rows_escape();
DROP FUNCTION loop_rows_escape();
DROP TABLE loop_rows;
