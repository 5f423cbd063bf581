-- Oracle value semantics in plpolar code, each a decision the README lists.
SET plpolar.serveroutput = on;

-- 1. A zero-length string is NULL (plpolar.empty_string_is_null, on by default).
CREATE TABLE v_strings (id int, s text);
INSERT INTO v_strings VALUES (1, ''), (2, 'x');
CREATE FUNCTION v_empty(arg varchar2) RETURNS text LANGUAGE plpolar AS $$
DECLARE
  v VARCHAR2(10) := '';
  w VARCHAR2(10);
  r VARCHAR2(200);
BEGIN
  r := 'literal:' || CASE WHEN '' IS NULL THEN 'null' ELSE 'empty' END;
  r := r || ' variable:' || CASE WHEN v IS NULL THEN 'null' ELSE 'empty' END;
  r := r || ' argument:' || CASE WHEN arg IS NULL THEN 'null' ELSE 'empty' END;
  r := r || ' length:' || NVL(TO_CHAR(LENGTH(v)), 'null');
  r := r || ' concat:' || ('a' || v || NULL || 'b');
  r := r || ' equal:' || CASE WHEN v = '' THEN 'true' WHEN NOT (v = '') THEN 'false' ELSE 'unknown' END;
  w := SUBSTR('abc', 5);  -- an empty result
  r := r || ' substr:' || CASE WHEN w IS NULL THEN 'null' ELSE 'empty' END;
  SELECT s INTO w FROM v_strings WHERE id = 1;  -- '' stored by PostgreSQL
  r := r || ' fetched:' || CASE WHEN w IS NULL THEN 'null' ELSE 'empty' END;
  INSERT INTO v_strings VALUES (3, v);  -- binds NULL
  RETURN r;
END;
$$;
SELECT v_empty('');
SELECT id, s IS NULL AS is_null, s = '' AS is_empty FROM v_strings ORDER BY id;
-- A NOT NULL variable refuses '' as it refuses NULL.
DO LANGUAGE plpolar $$ DECLARE v VARCHAR2(5) NOT NULL := 'x'; BEGIN v := ''; END $$;
-- Embedded SQL text keeps PostgreSQL's meaning of '' (a string).
DO LANGUAGE plpolar $$
DECLARE n NUMBER;
BEGIN
  SELECT count(*) INTO n FROM v_strings WHERE s = '';
  DBMS_OUTPUT.PUT_LINE('rows with an empty string in SQL: ' || n);
END $$;
-- Off: PostgreSQL's semantics in PL code too (functions are recompiled).
SET plpolar.empty_string_is_null = off;
SELECT v_empty('');
RESET plpolar.empty_string_is_null;
SELECT v_empty('');

-- 2. NUMBER arithmetic is exact; INTEGER / PLS_INTEGER round on assignment
-- and PLS_INTEGER overflow raises.
DO LANGUAGE plpolar $$
DECLARE
  n NUMBER;
  i INTEGER;
  p PLS_INTEGER;
  money NUMBER(7,2);
BEGIN
  n := 7 / 2;
  DBMS_OUTPUT.PUT_LINE('7/2 = ' || n);
  n := 0.1 + 0.2;
  DBMS_OUTPUT.PUT_LINE('0.1+0.2 = ' || n || CASE WHEN n = 0.3 THEN ' (exact)' END);
  i := 2.5;
  p := -2.5;
  DBMS_OUTPUT.PUT_LINE('2.5 -> ' || i || ', -2.5 -> ' || p);
  p := 7 / 2;
  DBMS_OUTPUT.PUT_LINE('PLS_INTEGER := 7/2 -> ' || p);
  money := 123.456;
  DBMS_OUTPUT.PUT_LINE('NUMBER(7,2) := 123.456 -> ' || money);
  n := 120.0 * 1;
  DBMS_OUTPUT.PUT_LINE('no trailing zeros: ' || n);
END $$;
DO LANGUAGE plpolar $$ DECLARE p PLS_INTEGER := 2147483647; BEGIN p := p + 1; END $$;
DO LANGUAGE plpolar $$
DECLARE p PLS_INTEGER := 2147483647;
BEGIN
  p := p + 1;
EXCEPTION WHEN VALUE_ERROR THEN
  DBMS_OUTPUT.PUT_LINE('VALUE_ERROR ' || SQLCODE);
END $$;
DO LANGUAGE plpolar $$ DECLARE small NUMBER(3); BEGIN small := 1234; END $$;

-- 3. Strings and numbers / dates convert implicitly, as Oracle converts them.
DO LANGUAGE plpolar $$
DECLARE
  n NUMBER;
  d DATE;
  s VARCHAR2(20);
BEGIN
  n := '42.5';
  DBMS_OUTPUT.PUT_LINE('n := ''42.5'' -> ' || (n + 1));
  DBMS_OUTPUT.PUT_LINE('''10'' + 5 = ' || ('10' + 5) || ', ''3'' * ''4'' = ' || ('3' * '4'));
  IF n = '42.5' AND n > '9' THEN
    DBMS_OUTPUT.PUT_LINE('number compared with strings as numbers');
  END IF;
  d := '2024-03-01 08:30:00';
  IF d > '2024-02-29' THEN
    DBMS_OUTPUT.PUT_LINE('date compared with a string as a date');
  END IF;
  s := n;
  DBMS_OUTPUT.PUT_LINE('number into VARCHAR2: ' || s);
  s := d;
  DBMS_OUTPUT.PUT_LINE('date into VARCHAR2: ' || s);
END $$;
-- Bad text: VALUE_ERROR (ORA-06502) in PL code, INVALID_NUMBER (ORA-01722) in SQL.
DO LANGUAGE plpolar $$
DECLARE n NUMBER;
BEGIN
  n := 'abc';
EXCEPTION WHEN VALUE_ERROR THEN
  DBMS_OUTPUT.PUT_LINE('PL: ' || SQLCODE || ' ' || SQLERRM);
END $$;
DO LANGUAGE plpolar $$
DECLARE n NUMBER;
BEGIN
  IF n = 'abc' OR 1 = 'abc' THEN NULL; END IF;
EXCEPTION WHEN VALUE_ERROR THEN
  DBMS_OUTPUT.PUT_LINE('comparison: ' || SQLCODE);
END $$;
DO LANGUAGE plpolar $$
DECLARE n NUMBER;
BEGIN
  SELECT TO_NUMBER('abc') INTO n FROM DUAL;
EXCEPTION WHEN INVALID_NUMBER THEN
  DBMS_OUTPUT.PUT_LINE('SQL: ' || SQLCODE || ' ' || SQLERRM);
END $$;
DO LANGUAGE plpolar $$ DECLARE d DATE; BEGIN d := 'not a date'; END $$;

-- 4. DATE has a time of day; DATE + n adds days, DATE - DATE counts them.
DO LANGUAGE plpolar $$
DECLARE
  d DATE := TO_DATE('2024-02-28 18:00:00', 'YYYY-MM-DD HH24:MI:SS');
  later DATE;
  days NUMBER;
BEGIN
  DBMS_OUTPUT.PUT_LINE('d       = ' || d);
  DBMS_OUTPUT.PUT_LINE('d + 1   = ' || (d + 1));
  DBMS_OUTPUT.PUT_LINE('1 + d   = ' || (1 + d));
  DBMS_OUTPUT.PUT_LINE('d - 30  = ' || (d - 30));
  DBMS_OUTPUT.PUT_LINE('d + 1/24 = ' || (d + 1/24));
  later := d + 1.25;
  days := later - d;
  DBMS_OUTPUT.PUT_LINE('later - d = ' || days);
  DBMS_OUTPUT.PUT_LINE('whole days to 2024-03-31: ' || TRUNC(DATE '2024-03-31' - TRUNC(d)));
  DBMS_OUTPUT.PUT_LINE('TRUNC(d)  = ' || TRUNC(d));
  DBMS_OUTPUT.PUT_LINE('SYSDATE has a time: ' || CASE WHEN SYSDATE - TRUNC(SYSDATE) >= 0 THEN 'yes' END);
END $$;

-- A DATE becomes text with plpolar.nls_date_format (Oracle's NLS_DATE_FORMAT),
-- whatever PostgreSQL's DateStyle.
SET plpolar.nls_date_format = 'DD-MON-RR';
DO LANGUAGE plpolar $$
DECLARE s VARCHAR2(20);
BEGIN
  s := DATE '2024-02-29' + 1;
  DBMS_OUTPUT.PUT_LINE('as text: ' || s || ' / ' || (DATE '2024-02-29'));
END $$;
RESET plpolar.nls_date_format;

-- 5. BOOLEAN in PL code; it becomes PostgreSQL's boolean in SQL.
CREATE TABLE v_flags (id int, flag boolean);
CREATE FUNCTION v_bool(x integer) RETURNS text LANGUAGE plpolar AS $$
DECLARE
  b BOOLEAN := x > 0;
  back BOOLEAN;
  unknown BOOLEAN;
BEGIN
  INSERT INTO v_flags VALUES (x, b);
  SELECT flag INTO back FROM v_flags WHERE id = x;
  IF back AND NOT unknown IS NOT NULL THEN
    RETURN 'stored ' || back || ', unknown is ' || CASE WHEN unknown IS NULL THEN 'NULL' END;
  END IF;
  RETURN 'stored ' || back;
END;
$$;
SELECT v_bool(1), v_bool(-1);
SELECT * FROM v_flags ORDER BY id;
CREATE FUNCTION v_returns_bool(x integer) RETURNS boolean LANGUAGE plpolar AS $$
BEGIN
  RETURN x BETWEEN 1 AND 10;
END;
$$;
SELECT v_returns_bool(5), v_returns_bool(50), v_returns_bool(NULL);
RESET plpolar.serveroutput;
DROP FUNCTION v_empty, v_bool, v_returns_bool;
DROP TABLE v_strings, v_flags;
