-- Oracle's ROWNUM pseudocolumn in embedded SQL, cursors, dynamic SQL and
-- scripts: the forms rewritten exactly (LIMIT, false, row_number() OVER ()),
-- and the others refused with an error that says what to write instead.
SET plpolar.serveroutput = on;
CREATE TABLE rn (id int, name text, grp int);
INSERT INTO rn SELECT i, 'n' || i, i % 3 FROM generate_series(1, 10) i;

-- WHERE ROWNUM = 1 / <= n / < n: no TOO_MANY_ROWS, n rows; the other
-- conditions still apply; ROWNUM > 0 is always true, ROWNUM > 1 never.
DO LANGUAGE plpolar $$
DECLARE
  v_name varchar2(20);
  n int;
BEGIN
  SELECT name INTO v_name FROM rn WHERE ROWNUM = 1;
  DBMS_OUTPUT.PUT_LINE('one row: ' || CASE WHEN v_name IS NOT NULL THEN 'yes' END);
  SELECT name INTO v_name FROM (SELECT name FROM rn WHERE grp = 0 ORDER BY id) s WHERE rownum = 1;
  DBMS_OUTPUT.PUT_LINE('grp 0 row: ' || v_name);
  SELECT count(*) INTO n FROM (SELECT id FROM rn WHERE ROWNUM <= 3) s;
  DBMS_OUTPUT.PUT_LINE('<= 3: ' || n);
  SELECT count(*) INTO n FROM (SELECT id FROM rn WHERE ROWNUM < 3) s;
  DBMS_OUTPUT.PUT_LINE('< 3: ' || n);
  SELECT count(*) INTO n FROM (SELECT id FROM rn WHERE 4 >= ROWNUM) s;
  DBMS_OUTPUT.PUT_LINE('4 >= : ' || n);
  SELECT count(*) INTO n FROM (SELECT id FROM rn WHERE grp = 1 AND ROWNUM <= 2 AND id > 1) s;
  DBMS_OUTPUT.PUT_LINE('grp 1, id > 1, <= 2: ' || n);
  SELECT count(*) INTO n FROM (SELECT id FROM rn WHERE ROWNUM <= 50) s;
  DBMS_OUTPUT.PUT_LINE('<= 50: ' || n);
  SELECT count(*) INTO n FROM rn WHERE ROWNUM > 0;
  DBMS_OUTPUT.PUT_LINE('> 0: ' || n);
  SELECT count(*) INTO n FROM rn WHERE ROWNUM > 1;
  DBMS_OUTPUT.PUT_LINE('> 1: ' || n);
  SELECT count(*) INTO n FROM rn WHERE ROWNUM = 2;
  DBMS_OUTPUT.PUT_LINE('= 2: ' || n);
  SELECT count(*) INTO n FROM rn WHERE ROWNUM >= 2;
  DBMS_OUTPUT.PUT_LINE('>= 2: ' || n);
  -- A subquery is its own level: EXISTS with ROWNUM = 1.
  SELECT count(*) INTO n FROM rn a WHERE EXISTS (SELECT 1 FROM rn b WHERE b.grp = a.grp AND b.id > a.id AND ROWNUM = 1);
  DBMS_OUTPUT.PUT_LINE('has a later one in its group: ' || n);
END $$;

-- The limit from a variable: NULL means no rows and a fraction is cut, as
-- in Oracle (LIMIT NULL would be all rows).
DO LANGUAGE plpolar $$
DECLARE
  k int := 4;
  f number := 2.5;
  z int;
  n int;
BEGIN
  SELECT count(*) INTO n FROM (SELECT id FROM rn WHERE ROWNUM <= k) s;
  DBMS_OUTPUT.PUT_LINE('<= k: ' || n);
  SELECT count(*) INTO n FROM (SELECT id FROM rn WHERE ROWNUM < k) s;
  DBMS_OUTPUT.PUT_LINE('< k: ' || n);
  SELECT count(*) INTO n FROM (SELECT id FROM rn WHERE ROWNUM <= f) s;
  DBMS_OUTPUT.PUT_LINE('<= 2.5: ' || n);
  SELECT count(*) INTO n FROM (SELECT id FROM rn WHERE ROWNUM <= z) s;
  DBMS_OUTPUT.PUT_LINE('<= NULL: ' || n);
  SELECT count(*) INTO n FROM (SELECT id FROM rn WHERE ROWNUM = k) s;
  DBMS_OUTPUT.PUT_LINE('= 4: ' || n);
  k := 1;
  SELECT count(*) INTO n FROM (SELECT id FROM rn WHERE ROWNUM = k) s;
  DBMS_OUTPUT.PUT_LINE('= 1: ' || n);
END $$;

-- Top-N: the ORDER BY in the subquery, ROWNUM outside; the paging idiom;
-- ROWNUM in the select list; FOR loops and declared cursors.
DO LANGUAGE plpolar $$
DECLARE
  CURSOR lowest IS SELECT id FROM (SELECT id FROM rn ORDER BY id) s WHERE ROWNUM <= 2;
  CURSOR top_of(p_grp int, p_n int) IS
    SELECT id, name FROM (SELECT id, name FROM rn WHERE grp = p_grp ORDER BY id DESC) s WHERE ROWNUM <= p_n;
  r_id int;
BEGIN
  FOR r IN (SELECT id, name FROM (SELECT id, name FROM rn ORDER BY id DESC) s WHERE ROWNUM <= 3) LOOP
    DBMS_OUTPUT.PUT_LINE('top 3: ' || r.id || ' ' || r.name);
  END LOOP;
  FOR r IN (SELECT ROWNUM AS pos, id FROM (SELECT id FROM rn ORDER BY id DESC) s WHERE ROWNUM < 4) LOOP
    DBMS_OUTPUT.PUT_LINE('numbered: ' || r.pos || ' ' || r.id);
  END LOOP;
  FOR r IN (SELECT id FROM (SELECT s.*, ROWNUM rnum FROM (SELECT id FROM rn ORDER BY id) s WHERE ROWNUM <= 6) p
            WHERE rnum > 3) LOOP
    DBMS_OUTPUT.PUT_LINE('page 2: ' || r.id);
  END LOOP;
  -- Oracle numbers before sorting; row_number() OVER () too.
  FOR r IN (SELECT ROWNUM AS pos, id FROM rn WHERE id <= 3 ORDER BY id DESC) LOOP
    DBMS_OUTPUT.PUT_LINE('numbered before sort: ' || CASE WHEN r.pos BETWEEN 1 AND 3 THEN 'ok' END || ' ' || r.id);
  END LOOP;
  OPEN lowest;
  LOOP
    FETCH lowest INTO r_id;
    EXIT WHEN lowest%NOTFOUND;
    DBMS_OUTPUT.PUT_LINE('lowest: ' || r_id);
  END LOOP;
  CLOSE lowest;
  FOR r IN top_of(1, 2) LOOP
    DBMS_OUTPUT.PUT_LINE('top of grp 1: ' || r.id || ' ' || r.name);
  END LOOP;
END $$;

-- Dynamic SQL: EXECUTE IMMEDIATE with a bind, OPEN ... FOR a string.
DO LANGUAGE plpolar $$
DECLARE
  n int;
  c SYS_REFCURSOR;
  v int;
BEGIN
  EXECUTE IMMEDIATE 'SELECT count(*) FROM (SELECT id FROM rn WHERE ROWNUM <= :1) s' INTO n USING 5;
  DBMS_OUTPUT.PUT_LINE('dynamic <= :1: ' || n);
  EXECUTE IMMEDIATE 'SELECT id FROM (SELECT id FROM rn ORDER BY id DESC) s WHERE ROWNUM = 1' INTO n;
  DBMS_OUTPUT.PUT_LINE('dynamic highest: ' || n);
  OPEN c FOR 'SELECT id FROM (SELECT id FROM rn ORDER BY id) s WHERE rownum < 3';
  LOOP
    FETCH c INTO v;
    EXIT WHEN c%NOTFOUND;
    DBMS_OUTPUT.PUT_LINE('open for: ' || v);
  END LOOP;
  CLOSE c;
END $$;

-- UPDATE and DELETE with ROWNUM: at most n rows.
CREATE TABLE rn_copy AS SELECT * FROM rn;
DO LANGUAGE plpolar $$
BEGIN
  UPDATE rn_copy SET name = 'changed' WHERE grp = 2 AND ROWNUM = 1;
  DBMS_OUTPUT.PUT_LINE('updated ' || SQL%ROWCOUNT);
  DELETE FROM rn_copy WHERE grp = 0 AND ROWNUM <= 2;
  DBMS_OUTPUT.PUT_LINE('deleted ' || SQL%ROWCOUNT);
  DELETE FROM rn_copy WHERE ROWNUM > 1;
  DBMS_OUTPUT.PUT_LINE('deleted ' || SQL%ROWCOUNT);
END $$;
SELECT count(*) FILTER (WHERE name = 'changed') AS changed, count(*) FILTER (WHERE grp = 0) AS grp0, count(*)
  FROM rn_copy;

-- In scripts, plpolar.exec.
SELECT statement, action, rows FROM plpolar.exec($script$
SELECT id FROM rn WHERE ROWNUM <= 3;
INSERT INTO rn_copy SELECT * FROM rn WHERE ROWNUM < 3;
SELECT id FROM rn WHERE ROWNUM > 1;
SELECT ROWNUM, id FROM rn;
$script$);
SELECT * FROM plpolar.exec(E'SELECT 1;\nSELECT id FROM rn, rn_copy\n WHERE ROWNUM <= 3 ORDER BY id;');

-- From one plain table, the rows are picked before sorting, grouping or
-- aggregating them, as Oracle numbers them: the "is there one" idiom.
DO LANGUAGE plpolar $$
DECLARE
  n int;
BEGIN
  SELECT count(*) INTO n FROM rn WHERE grp = 1 AND ROWNUM = 1;
  DBMS_OUTPUT.PUT_LINE('exists in grp 1: ' || n);
  SELECT count(*) INTO n FROM rn WHERE grp = 7 AND ROWNUM = 1;
  DBMS_OUTPUT.PUT_LINE('exists in grp 7: ' || n);
  SELECT count(*) INTO n FROM rn WHERE ROWNUM <= 5;
  DBMS_OUTPUT.PUT_LINE('count of 5 picked: ' || n);
  SELECT count(*) INTO n FROM (SELECT DISTINCT grp FROM rn WHERE ROWNUM <= 10) s;
  DBMS_OUTPUT.PUT_LINE('distinct groups of 10 picked: ' || n);
  FOR r IN (SELECT id FROM rn x WHERE x.grp = 0 AND ROWNUM <= 3 ORDER BY id DESC) LOOP
    DBMS_OUTPUT.PUT_LINE('3 of grp 0, sorted: ' || r.id);
  END LOOP;
END $$;
-- Refused forms: an error naming the form and what to write instead, at
-- compile time for embedded SQL.
DO LANGUAGE plpolar $$
DECLARE
  n int;
BEGIN
  SELECT rn.id INTO n FROM rn JOIN rn_copy c ON c.id = rn.id WHERE ROWNUM <= 1 ORDER BY rn.id;
END $$;
DO LANGUAGE plpolar $$
DECLARE
  n int;
BEGIN
  SELECT count(*) INTO n FROM (SELECT * FROM rn) s WHERE ROWNUM <= 5;
END $$;
DO LANGUAGE plpolar $$
BEGIN
  FOR r IN (SELECT grp, count(*) c FROM rn, rn_copy WHERE ROWNUM <= 5 GROUP BY grp) LOOP
    NULL;
  END LOOP;
END $$;
DO LANGUAGE plpolar $$
DECLARE
  n int;
BEGIN
  SELECT count(*) INTO n FROM rn WHERE ROWNUM <= 3 OR id = 5;
END $$;
DO LANGUAGE plpolar $$
DECLARE
  n int := 3;
BEGIN
  FOR r IN (SELECT id FROM rn WHERE ROWNUM > n) LOOP
    NULL;
  END LOOP;
END $$;
DO LANGUAGE plpolar $$
DECLARE
  CURSOR c IS SELECT id FROM rn ORDER BY ROWNUM;
BEGIN
  NULL;
END $$;
DO LANGUAGE plpolar $$
BEGIN
  INSERT INTO rn_copy (id) VALUES (ROWNUM);
END $$;
-- Dynamic SQL: a PostgreSQL error, which an exception handler sees.
DO LANGUAGE plpolar $$
DECLARE
  n int;
BEGIN
  EXECUTE IMMEDIATE 'SELECT id FROM rn WHERE ROWNUM <> 3' INTO n;
EXCEPTION WHEN OTHERS THEN
  DBMS_OUTPUT.PUT_LINE('caught: ' || SQLERRM);
END $$;
DO LANGUAGE plpolar $$
DECLARE
  n int;
BEGIN
  EXECUTE IMMEDIATE 'SELECT DISTINCT rn.grp FROM rn, rn_copy WHERE ROWNUM <= 3' INTO n;
END $$;
DROP TABLE rn, rn_copy;
