-- Oracle's built-ins computed natively (issue 23): MOD, NVL, NVL2, GREATEST,
-- LEAST and DECODE of PLS_INTEGER values run inside the integer fast path
-- (compile/fast.cpp), and of other integers in the general native code
-- (exec/builtins.cpp). Both must give exactly what the SQL functions give,
-- errors included: compared here over every combination of edge values.
CREATE TABLE bn_values (v int);
INSERT INTO bn_values VALUES (-2147483648), (-2147483647), (-7), (-3), (-1), (0), (1), (2), (3), (7), (10),
                             (2147483646), (2147483647), (NULL);
SET plpolar.serveroutput = on;
DO LANGUAGE plpolar $$
DECLARE
  TYPE int_tab IS TABLE OF PLS_INTEGER INDEX BY PLS_INTEGER;
  TYPE count_tab IS TABLE OF PLS_INTEGER INDEX BY VARCHAR2(40);
  vals int_tab;
  compared count_tab;
  differing count_tab;
  a PLS_INTEGER;
  b PLS_INTEGER;
  c PLS_INTEGER;
  f PLS_INTEGER;
  q PLS_INTEGER;
  wide NUMBER(12);  -- an integer that is not PLS_INTEGER: the general native code
  k PLS_INTEGER := 0;
  name VARCHAR2(40);

  PROCEDURE check_one(p_name VARCHAR2, p_fast PLS_INTEGER, p_sql PLS_INTEGER) IS
  BEGIN
    IF NOT compared.EXISTS(p_name) THEN
      compared(p_name) := 0;
      differing(p_name) := 0;
    END IF;
    compared(p_name) := compared(p_name) + 1;
    IF NOT (p_fast = p_sql OR (p_fast IS NULL AND p_sql IS NULL)) THEN
      differing(p_name) := differing(p_name) + 1;
      DBMS_OUTPUT.PUT_LINE(p_name || ' differs for ' || NVL(TO_CHAR(a), 'NULL') || ', ' || NVL(TO_CHAR(b), 'NULL')
                           || ', ' || NVL(TO_CHAR(c), 'NULL') || ': ' || NVL(TO_CHAR(p_fast), 'NULL') || ' / '
                           || NVL(TO_CHAR(p_sql), 'NULL'));
    END IF;
  END;

  FUNCTION via_sql(p_query VARCHAR2) RETURN PLS_INTEGER IS
    r PLS_INTEGER;
  BEGIN
    EXECUTE IMMEDIATE p_query INTO r USING a, b, c;
    RETURN r;
  END;
BEGIN
  FOR r IN (SELECT v FROM bn_values) LOOP
    k := k + 1;
    vals(k) := r.v;
  END LOOP;
  FOR i IN 1 .. vals.COUNT LOOP
    FOR j IN 1 .. vals.COUNT LOOP
      a := vals(i);
      b := vals(j);
      c := vals(MOD(i * 7 + j, vals.COUNT) + 1);
      -- Each in an assignment (the integer fast path) and as a procedure's
      -- argument (the general native code).
      f := MOD(a, b);
      q := via_sql('SELECT plpolar.mod($1::int, $2::int) FROM dual WHERE $3::int IS NULL OR true');
      check_one('MOD', f, q);
      check_one('MOD, as an argument', MOD(a, b), q);
      f := NVL(a, b);
      q := via_sql('SELECT plpolar.nvl($1::int, $2::int) FROM dual WHERE $3::int IS NULL OR true');
      check_one('NVL', f, q);
      check_one('NVL, as an argument', NVL(a, b), q);
      f := NVL2(a, b, c);
      q := via_sql('SELECT plpolar.nvl2($1::int, $2::int, $3::int) FROM dual');
      check_one('NVL2', f, q);
      check_one('NVL2, as an argument', NVL2(a, b, c), q);
      f := GREATEST(a, b, c);
      q := via_sql('SELECT plpolar.greatest($1::int, $2::int, $3::int) FROM dual');
      check_one('GREATEST', f, q);
      check_one('GREATEST, as an argument', GREATEST(a, b, c), q);
      f := LEAST(c, a);
      q := via_sql('SELECT plpolar.least($3::int, $1::int) FROM dual WHERE $2::int IS NULL OR true');
      check_one('LEAST', f, q);
      check_one('LEAST, as an argument', LEAST(c, a), q);
      f := DECODE(a, b, 1, NULL, 2, c, 3);
      q := via_sql('SELECT plpolar.decode($1::int, $2::int, 1, NULL, 2, $3::int, 3) FROM dual');
      check_one('DECODE', f, q);
      check_one('DECODE, as an argument', DECODE(a, b, 1, NULL, 2, c, 3), q);
      f := DECODE(b, 0, a, 1, c, -5);
      q := via_sql('SELECT plpolar.decode($2::int, 0, $1::int, 1, $3::int, -5) FROM dual');
      check_one('DECODE default', f, q);
      check_one('DECODE default, as an argument', DECODE(b, 0, a, 1, c, -5), q);
      f := MOD(NVL(CASE WHEN a > 0 THEN NULL ELSE a END, 5), 1000) + MOD(NVL(b, 1), 3);
      q := via_sql('SELECT plpolar.mod(plpolar.nvl(CASE WHEN $1::int > 0 THEN NULL ELSE $1::int END, 5), 1000) + plpolar.mod(plpolar.nvl($2::int, 1), 3) FROM dual WHERE $3::int IS NULL OR true');
      check_one('CASE NULL', f, q);
      check_one('CASE NULL, as an argument', MOD(NVL(CASE WHEN a > 0 THEN NULL ELSE a END, 5), 1000) + MOD(NVL(b, 1), 3), q);
      -- The general native code: an integer operand that is a NUMBER.
      wide := a;
      check_one('MOD NUMBER', MOD(wide, 7), via_sql('SELECT plpolar.mod($1::numeric, 7) FROM dual WHERE $2::int IS NULL OR $3::int IS NULL OR true'));
    END LOOP;
  END LOOP;
  name := compared.FIRST;
  WHILE name IS NOT NULL LOOP
    DBMS_OUTPUT.PUT_LINE(RPAD(name, 31) || compared(name) || ' compared, ' || differing(name) || ' differing');
    name := compared.NEXT(name);
  END LOOP;
END $$;
-- Errors are the SQL functions' too: overflow in an argument is raised even
-- where the result would not need it (every argument is computed first).
DO LANGUAGE plpolar $$
DECLARE
  a PLS_INTEGER := 2147483647;
  r PLS_INTEGER;
BEGIN
  r := NVL(1, a + 1);
EXCEPTION WHEN OTHERS THEN
  DBMS_OUTPUT.PUT_LINE('NVL(1, a + 1): ' || SQLERRM);
END $$;
DO LANGUAGE plpolar $$
DECLARE
  a PLS_INTEGER := 2147483647;
  r PLS_INTEGER;
BEGIN
  r := DECODE(1, 1, 0, a + 1);
EXCEPTION WHEN OTHERS THEN
  DBMS_OUTPUT.PUT_LINE('DECODE(1, 1, 0, a + 1): ' || SQLERRM);
END $$;
-- The same NULL rules as Oracle's: GREATEST / LEAST with a NULL are NULL,
-- DECODE's NULL matches NULL, NVL2 looks at its first argument only.
DO LANGUAGE plpolar $$
DECLARE
  n PLS_INTEGER;
  one PLS_INTEGER := 1;
BEGIN
  DBMS_OUTPUT.PUT_LINE('GREATEST(1, NULL) is ' || NVL(TO_CHAR(GREATEST(one, n)), 'NULL'));
  DBMS_OUTPUT.PUT_LINE('LEAST(NULL, 1) is ' || NVL(TO_CHAR(LEAST(n, one)), 'NULL'));
  DBMS_OUTPUT.PUT_LINE('DECODE(NULL, 1, 10, NULL, 20, 30) is ' || DECODE(n, one, 10, NULL, 20, 30));
  DBMS_OUTPUT.PUT_LINE('NVL2(NULL, 1, 2) is ' || NVL2(n, one, 2) || ', NVL2(1, NULL, 2) is '
                       || NVL(TO_CHAR(NVL2(one, n, 2)), 'NULL'));
  DBMS_OUTPUT.PUT_LINE('MOD(7, 0) is ' || MOD(7 * one, 0) || ', MOD(-7, 3) is ' || MOD(-7 * one, 3));
END $$;
-- TO_CHAR of a number and TO_NUMBER of a string: native against the SQL
-- functions, errors included.
DO LANGUAGE plpolar $$
DECLARE
  TYPE str_tab IS TABLE OF VARCHAR2(40);
  TYPE num_tab IS TABLE OF NUMBER;
  strs str_tab := str_tab('  12 ', '-3.50', '1e3', ' ', 'NaN', '0.000', '12345678901234567890.123', '+7', 'abc', '1 2');
  nums num_tab := num_tab(1.50, 0, -0.25, 1e-10, 123.000, -2147483648, 12345678901234567890.5, NULL);
  native VARCHAR2(100);
  via_sql VARCHAR2(100);
  i_val PLS_INTEGER;
  differing PLS_INTEGER := 0;
  compared PLS_INTEGER := 0;
BEGIN
  FOR i IN 1 .. strs.COUNT LOOP
    BEGIN
      native := TO_CHAR(TO_NUMBER(strs(i)));
    EXCEPTION WHEN OTHERS THEN
      native := 'error ' || SQLCODE;
    END;
    BEGIN
      EXECUTE IMMEDIATE 'SELECT plpolar.to_char(plpolar.to_number($1::text)) FROM dual' INTO via_sql USING strs(i);
    EXCEPTION WHEN OTHERS THEN
      via_sql := 'error ' || SQLCODE;
    END;
    compared := compared + 1;
    IF NVL(native, '-') <> NVL(via_sql, '-') THEN
      differing := differing + 1;
      DBMS_OUTPUT.PUT_LINE('TO_NUMBER of [' || strs(i) || ']: ' || native || ' / ' || via_sql);
    END IF;
  END LOOP;
  FOR i IN 1 .. nums.COUNT LOOP
    native := TO_CHAR(nums(i));
    EXECUTE IMMEDIATE 'SELECT plpolar.to_char($1::numeric) FROM dual' INTO via_sql USING nums(i);
    compared := compared + 1;
    IF NVL(native, '-') <> NVL(via_sql, '-') THEN differing := differing + 1; END IF;
    IF nums(i) BETWEEN -2147483648 AND 2147483647 AND nums(i) = TRUNC(nums(i)) THEN
      i_val := nums(i);
      native := TO_CHAR(i_val);
      compared := compared + 1;
      IF NVL(native, '-') <> NVL(via_sql, '-') THEN differing := differing + 1; END IF;
    END IF;
  END LOOP;
  DBMS_OUTPUT.PUT_LINE('TO_CHAR / TO_NUMBER: ' || compared || ' compared, ' || differing || ' differing');
  DBMS_OUTPUT.PUT_LINE('TO_NUMBER(12) + 1 = ' || (TO_NUMBER('  12 ') + 1) || ', TO_CHAR(1.50) = ' || TO_CHAR(1.50));
END $$;
-- ROUND, TRUNC and MOD of NUMBER values on exact decimals (the decimal fast
-- path in assignments, native code as arguments) against the SQL functions:
-- the same values and the same scales.
DO LANGUAGE plpolar $$
DECLARE
  TYPE num_tab IS TABLE OF NUMBER;
  TYPE int_tab IS TABLE OF PLS_INTEGER;
  nums num_tab := num_tab(0, 1.37, -1.35, 2.5, -2.5, 1250, -129.9, 0.04, 123456789.987654321, 0.000,
                          99999999999999999999.99999, -0.5, 7, NULL);
  digits int_tab := int_tab(0, 1, 2, 5, -1, -2, -3, 30, NULL);
  y NUMBER;
  m NUMBER;
  d PLS_INTEGER;
  via_sql VARCHAR2(80);
  compared PLS_INTEGER := 0;
  differing PLS_INTEGER := 0;
  x NUMBER;

  -- The numeric's own text, its scale included (PL text of a NUMBER drops
  -- trailing zeros, as Oracle shows it).
  PROCEDURE check_one(p_what VARCHAR2, p_value NUMBER, p_sql VARCHAR2) IS
    p_native VARCHAR2(80);
  BEGIN
    EXECUTE IMMEDIATE 'SELECT $1::numeric::text FROM dual' INTO p_native USING p_value;
    compared := compared + 1;
    IF NVL(p_native, '-') <> NVL(p_sql, '-') THEN
      differing := differing + 1;
      DBMS_OUTPUT.PUT_LINE(p_what || ' of ' || NVL(TO_CHAR(y), 'NULL') || ', ' || NVL(TO_CHAR(d), 'NULL') || ': '
                           || p_native || ' / ' || p_sql);
    END IF;
  END;
BEGIN
  FOR i IN 1 .. nums.COUNT LOOP
    y := nums(i);
    FOR j IN 1 .. digits.COUNT LOOP
      d := digits(j);
      x := ROUND(y, d);
      EXECUTE IMMEDIATE 'SELECT plpolar.round($1::numeric, $2::int)::text FROM dual' INTO via_sql USING y, d;
      check_one('ROUND', x, via_sql);
      x := TRUNC(y, d);
      EXECUTE IMMEDIATE 'SELECT plpolar.trunc($1::numeric, $2::int)::text FROM dual' INTO via_sql USING y, d;
      check_one('TRUNC', x, via_sql);
      m := nums(MOD(i + j, nums.COUNT) + 1);
      x := MOD(y, m);
      EXECUTE IMMEDIATE 'SELECT plpolar.mod($1::numeric, $2::numeric)::text FROM dual' INTO via_sql USING y, m;
      check_one('MOD', x, via_sql);
      x := MOD(y, d);
      EXECUTE IMMEDIATE 'SELECT plpolar.mod($1::numeric, $2::int)::text FROM dual' INTO via_sql USING y, d;
      check_one('MOD by an integer', x, via_sql);
    END LOOP;
    x := ROUND(y) + TRUNC(y);
    EXECUTE IMMEDIATE 'SELECT (plpolar.round($1::numeric) + plpolar.trunc($1::numeric))::text FROM dual' INTO via_sql USING y;
    check_one('ROUND + TRUNC', x, via_sql);
    EXECUTE IMMEDIATE 'SELECT plpolar.round($1::numeric, 1)::text FROM dual' INTO via_sql USING y;
    check_one('ROUND, as an argument', ROUND(y, 1), via_sql);
  END LOOP;
  DBMS_OUTPUT.PUT_LINE('NUMBER ROUND / TRUNC / MOD: ' || compared || ' compared, ' || differing || ' differing');
END $$;
-- INSTR in C against the PL/pgSQL function it replaced (version 1.5's),
-- over every combination of strings, searched strings, positions and
-- occurrences below: multibyte characters, overlaps, backwards searches.
CREATE FUNCTION bn_instr_reference(str text, sub text, pos numeric, occurrence numeric) RETURNS integer
    LANGUAGE plpgsql IMMUTABLE STRICT AS $$
DECLARE
    p integer := trunc(pos);
    n integer := trunc(occurrence);
    len integer := length(str);
    sublen integer := length(sub);
    found integer := 0;
    k integer;
BEGIN
    IF sublen = 0 THEN RETURN NULL; END IF;
    IF p > 0 THEN
        LOOP
            k := strpos(substr(str, p), sub);
            IF k = 0 THEN RETURN 0; END IF;
            p := p + k - 1;
            found := found + 1;
            IF found = n THEN RETURN p; END IF;
            p := p + 1;
        END LOOP;
    ELSIF p < 0 THEN
        p := len + p + 1;
        WHILE p >= 1 LOOP
            IF substr(str, p, sublen) = sub THEN
                found := found + 1;
                IF found = n THEN RETURN p; END IF;
            END IF;
            p := p - 1;
        END LOOP;
    END IF;
    RETURN 0;
END $$;
SELECT count(*) AS compared,
       count(*) FILTER (WHERE plpolar.instr(s, t, p, o) IS DISTINCT FROM bn_instr_reference(s, t, p, o)) AS differing,
       count(*) FILTER (WHERE plpolar.instr(s, t, p, o) > 0) AS found_some
FROM unnest(ARRAY['', 'a', 'banana', 'aaaa', 'añañá', 'xyzxyz', NULL]) s,
     unnest(ARRAY['a', 'an', 'aa', 'ñá', 'ñ', 'z', 'banana', '', NULL]) t,
     unnest(ARRAY[-10, -4, -3, -1, 0, 1, 2, 3, 10, 2.7, -1.5]::numeric[]) p,
     unnest(ARRAY[1, 2, 3, 1.9]::numeric[]) o;
SELECT plpolar.instr('banana', 'an', 1, 0);
SELECT plpolar.instr('banana', 'an', 1, 0.5);
SELECT plpolar.instr('banana', 'an', 1e12);
DROP FUNCTION bn_instr_reference(text, text, numeric, numeric);
-- LENGTH, LPAD, RPAD, MOD, TO_NUMBER and TO_DATE are not STRICT, so that
-- PostgreSQL inlines them (no SQL-function call per row or per PL
-- expression); a NULL argument still gives NULL.
SELECT plpolar.length(NULL) IS NULL AS length, plpolar.lpad(NULL, 5) IS NULL AS lpad, plpolar.lpad('x', NULL) IS NULL AS lpad_len,
       plpolar.rpad(5, NULL, '*') IS NULL AS rpad, plpolar.mod(NULL::int, 0) IS NULL AS mod_null_zero,
       plpolar.mod(5, NULL::int) IS NULL AS mod_by_null, plpolar.mod(NULL::numeric, 2) IS NULL AS mod_numeric,
       plpolar.to_number(NULL::text) IS NULL AS to_number, plpolar.to_date(NULL::text) IS NULL AS to_date,
       plpolar.to_date('2026-01-01', NULL) IS NULL AS to_date_format;
EXPLAIN (VERBOSE, COSTS OFF) SELECT plpolar.mod(v, 7), plpolar.lpad(v::text, 12, '*'), plpolar.to_number(v::text) FROM bn_values;
DROP TABLE bn_values;

-- ABS and SIGN: pg_catalog's functions, computed natively in PL code (the
-- integer fast path for ABS of PLS_INTEGER, exact decimals for NUMBER, the
-- general native code otherwise), with PostgreSQL's results and types: abs
-- keeps a NUMBER's scale, SIGN of a NUMBER is numeric's -1 / 0 / 1; SIGN
-- of an integer is an integer (Oracle's SIGNTYPE; PostgreSQL's
-- sign(integer) is sign(float8), the same values). Compared with the SQL
-- functions as text, so that scales and types show.
CREATE TABLE bn_ints (v int);
INSERT INTO bn_ints VALUES (-2147483647), (-7), (-1), (0), (1), (3), (2147483647), (NULL);
CREATE TABLE bn_numbers (n number);
INSERT INTO bn_numbers VALUES (-123.4500), (-2.50), (-1), (-0.001), (0), (0.00), (0.5), (7), (99999999999999999999.99),
                              (-99999999999999999999999999999999999999.5), (NULL);
DO LANGUAGE plpolar $$
DECLARE
  checked PLS_INTEGER := 0;
  bad PLS_INTEGER := 0;
  i PLS_INTEGER;
  w NUMBER(15);  -- an integer that is not PLS_INTEGER: the general native code
  fast PLS_INTEGER;
  d NUMBER;
  t VARCHAR2(100);
  s VARCHAR2(100);

  PROCEDURE same(p_what VARCHAR2, p_native VARCHAR2, p_sql VARCHAR2) IS
  BEGIN
    checked := checked + 1;
    IF NOT (p_native = p_sql OR (p_native IS NULL AND p_sql IS NULL)) THEN
      bad := bad + 1;
      DBMS_OUTPUT.PUT_LINE(p_what || ': ' || NVL(p_native, 'NULL') || ' / ' || NVL(p_sql, 'NULL'));
    END IF;
  END;
BEGIN
  FOR r IN (SELECT v FROM bn_ints) LOOP
    i := r.v;
    w := r.v;
    w := w * 1000;
    fast := ABS(i);  -- the integer fast path
    EXECUTE IMMEDIATE 'SELECT pg_catalog.abs($1::int)::text' INTO s USING i;
    same('ABS(' || NVL(TO_CHAR(i), 'NULL') || ') fast', TO_CHAR(fast), s);
    EXECUTE IMMEDIATE 'SELECT $1::text, pg_typeof($1)::text' INTO t, s USING ABS(i);
    IF i IS NOT NULL THEN  -- a NULL is bound untyped
      same('ABS of PLS_INTEGER as an argument: type', s, 'integer');
    END IF;
    EXECUTE IMMEDIATE 'SELECT pg_catalog.abs($1::int)::text' INTO s USING i;
    same('ABS of PLS_INTEGER as an argument', t, s);
    EXECUTE IMMEDIATE 'SELECT $1::text, pg_typeof($1)::text' INTO t, s USING SIGN(i);
    IF i IS NOT NULL THEN
      same('SIGN of PLS_INTEGER: type', s, 'integer');
    END IF;
    EXECUTE IMMEDIATE 'SELECT pg_catalog.sign($1::int)::text' INTO s USING i;
    same('SIGN(' || NVL(TO_CHAR(i), 'NULL') || ')', t, s);
    fast := SIGN(i) * 3 + (ABS(i) - ABS(i));  -- the integer fast path
    EXECUTE IMMEDIATE 'SELECT (pg_catalog.sign($1::int) * 3)::int::text' INTO s USING i;
    same('SIGN(' || NVL(TO_CHAR(i), 'NULL') || ') fast', TO_CHAR(fast), s);
    EXECUTE IMMEDIATE 'SELECT $1::text' INTO t USING ABS(w);
    EXECUTE IMMEDIATE 'SELECT pg_catalog.abs($1::numeric)::text' INTO s USING w;
    same('ABS(NUMBER(15) ' || NVL(TO_CHAR(w), 'NULL') || ')', t, s);
  END LOOP;
  FOR r IN (SELECT n FROM bn_numbers) LOOP
    d := r.n;
    EXECUTE IMMEDIATE 'SELECT $1::text' INTO t USING ABS(d);          -- general native code
    EXECUTE IMMEDIATE 'SELECT pg_catalog.abs($1::numeric)::text' INTO s USING d;
    same('ABS(' || NVL(TO_CHAR(d), 'NULL') || ')', t, s);
    EXECUTE IMMEDIATE 'SELECT $1::text' INTO t USING SIGN(d);
    EXECUTE IMMEDIATE 'SELECT pg_catalog.sign($1::numeric)::text' INTO s USING d;
    same('SIGN(' || NVL(TO_CHAR(d), 'NULL') || ')', t, s);
    EXECUTE IMMEDIATE 'SELECT $1::text' INTO t USING ABS(d - 1) + SIGN(d * 2);  -- exact decimals
    EXECUTE IMMEDIATE 'SELECT (pg_catalog.abs($1::numeric - 1) + pg_catalog.sign($1::numeric * 2))::text' INTO s USING d;
    same('ABS(d - 1) + SIGN(d * 2) of ' || NVL(TO_CHAR(d), 'NULL'), t, s);
  END LOOP;
  DBMS_OUTPUT.PUT_LINE('ABS / SIGN: ' || checked || ' compared, ' || bad || ' differing');
END;
$$;
-- ABS(-2147483648) of a PLS_INTEGER: int4abs's error in both paths, as in SQL
DO LANGUAGE plpolar $$
DECLARE
  i PLS_INTEGER := -2147483647;
  j PLS_INTEGER;
  w NUMBER(12);
BEGIN
  i := i - 1;
  BEGIN
    j := ABS(i);
    DBMS_OUTPUT.PUT_LINE('fast: ' || j);
  EXCEPTION WHEN OTHERS THEN
    DBMS_OUTPUT.PUT_LINE('fast: ' || SQLERRM);
  END;
  BEGIN
    DBMS_OUTPUT.PUT_LINE('argument: ' || TO_CHAR(ABS(i)));
  EXCEPTION WHEN OTHERS THEN
    DBMS_OUTPUT.PUT_LINE('argument: ' || SQLERRM);
  END;
  BEGIN
    EXECUTE IMMEDIATE 'SELECT pg_catalog.abs($1::int)' INTO j USING i;
  EXCEPTION WHEN OTHERS THEN
    DBMS_OUTPUT.PUT_LINE('SQL: ' || SQLERRM);
  END;
END;
$$;
-- UPPER, LOWER, TRIM, LTRIM, RTRIM (pg_catalog's, called directly), LPAD,
-- RPAD, REPLACE and INSTR (plpolar's, in native code) of strings: the same text as
-- the SQL functions for every combination of the strings, lengths and pads
-- below (NULLs, '' that Oracle calls NULL, multibyte characters).
CREATE TABLE bn_strings (s varchar2(40));
INSERT INTO bn_strings VALUES ('  Item 7  '), ('abc'), ('ÅSTRÖM  '), ('  '), (''), ('x y'), ('ßtraße'), (NULL);
DO LANGUAGE plpolar $$
DECLARE
  TYPE str_tab IS TABLE OF VARCHAR2(40) INDEX BY PLS_INTEGER;
  strs str_tab;
  k PLS_INTEGER := 0;
  checked PLS_INTEGER := 0;
  bad PLS_INTEGER := 0;
  a VARCHAR2(40);
  b VARCHAR2(40);
  n PLS_INTEGER;
  native VARCHAR2(200);
  via VARCHAR2(200);

  PROCEDURE same(p_what VARCHAR2) IS
  BEGIN
    checked := checked + 1;
    IF NOT (native = via OR (native IS NULL AND via IS NULL)) THEN
      bad := bad + 1;
      DBMS_OUTPUT.PUT_LINE(p_what || ' of [' || a || '], [' || b || '], ' || n || ': [' || native || '] / [' || via || ']');
    END IF;
  END;
BEGIN
  FOR r IN (SELECT s FROM bn_strings) LOOP
    k := k + 1;
    strs(k) := r.s;
  END LOOP;
  FOR i IN 1 .. strs.COUNT LOOP
    a := strs(i);
    native := UPPER(a);
    EXECUTE IMMEDIATE 'SELECT pg_catalog.upper($1::text)' INTO via USING a;
    same('UPPER');
    native := LOWER(a);
    EXECUTE IMMEDIATE 'SELECT pg_catalog.lower($1::text)' INTO via USING a;
    same('LOWER');
    native := TRIM(a);
    EXECUTE IMMEDIATE 'SELECT pg_catalog.btrim($1::text)' INTO via USING a;
    same('TRIM');
    native := LTRIM(a) || '|' || RTRIM(a);
    EXECUTE IMMEDIATE 'SELECT pg_catalog.ltrim($1::text) || ''|'' || pg_catalog.rtrim($1::text)' INTO via USING a;
    same('LTRIM RTRIM');
    FOR j IN 1 .. strs.COUNT LOOP
      b := strs(j);
      FOR len IN -1 .. 12 LOOP
        n := len;
        native := LPAD(a, n, b);
        EXECUTE IMMEDIATE 'SELECT plpolar.lpad($1::text, $2::int, $3::text)' INTO via USING a, n, b;
        same('LPAD');
        native := RPAD(a, n, b);
        EXECUTE IMMEDIATE 'SELECT plpolar.rpad($1::text, $2::int, $3::text)' INTO via USING a, n, b;
        same('RPAD');
      END LOOP;
      native := LPAD(a, 9);
      EXECUTE IMMEDIATE 'SELECT plpolar.lpad($1::text, 9)' INTO via USING a;
      same('LPAD of two');
      native := TO_CHAR(INSTR(a, b));
      EXECUTE IMMEDIATE 'SELECT plpolar.instr($1::text, $2::text)::text' INTO via USING a, b;
      same('INSTR');
      native := REPLACE(a, b, 'Z');
      EXECUTE IMMEDIATE 'SELECT plpolar.replace($1::text, $2::text, ''Z'')' INTO via USING a, b;
      same('REPLACE');
      native := REPLACE(a, b);
      EXECUTE IMMEDIATE 'SELECT plpolar.replace($1::text, $2::text)' INTO via USING a, b;
      same('REPLACE of two');
      native := REPLACE(a, 'I', b);
      EXECUTE IMMEDIATE 'SELECT plpolar.replace($1::text, ''I'', $2::text)' INTO via USING a, b;
      same('REPLACE by b');
    END LOOP;
  END LOOP;
  DBMS_OUTPUT.PUT_LINE('strings: ' || checked || ' compared, ' || bad || ' differing');
END;
$$;
DROP TABLE bn_strings;
-- In SQL text ABS and SIGN stay PostgreSQL's, unqualified.
SELECT action FROM plpolar.exec($s$
CREATE FUNCTION bn_sql_abs(x number) RETURN number IS
  r number;
BEGIN
  SELECT abs(x) + sign(x) INTO r FROM dual;
  RETURN r;
END;
$s$);
SELECT bn_sql_abs(-2.5) AS minus_two_and_a_half, bn_sql_abs(NULL) AS null_in_null_out;
DROP FUNCTION bn_sql_abs(number);
DROP TABLE bn_numbers, bn_ints;
