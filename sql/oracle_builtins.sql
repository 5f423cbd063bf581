-- Oracle built-in functions: SQL functions in schema plpolar, which plpolar
-- code (PL expressions, embedded SQL, dynamic SQL) reaches unqualified.

-- NVL, NVL2, DECODE (NULL matches NULL; numbers, strings and dates as keys)
SELECT plpolar.nvl(NULL::numeric, 1.5) AS nvl, plpolar.nvl('a', 'b') AS nvl_text,
       plpolar.nvl2(1, 'set', 'unset') AS nvl2_set, plpolar.nvl2(NULL::int, 'set', 'unset') AS nvl2_null,
       plpolar.nvl2('x', 1, 2) AS nvl2_literal;
SELECT plpolar.decode(2, 1, 'one', 2, 'two', 'other') AS by_number,
       plpolar.decode(3, 1, 'one', 2, 'two', 'other') AS default_value,
       plpolar.decode(3, 1, 'one', 2, 'two') AS no_default,
       plpolar.decode(NULL::int, NULL, 'null matched', 'no') AS null_key,
       plpolar.decode('B', 'A', 10, 'B', 20) AS by_text,
       plpolar.decode(2.5, 1, 10, 2.5, 20.5) AS numeric_key;
CREATE TABLE orders_b (id int, status numeric, code varchar2(1), placed timestamp(0));
INSERT INTO orders_b VALUES (1, 1, 'A', '2024-01-31 10:00'), (2, 0, 'B', '2024-02-29 23:59:59'), (3, NULL, NULL, '2024-03-15');
SELECT id, plpolar.decode(status, 1, 'active', 0, 'closed', 'unknown') AS status,
       plpolar.decode(code, 'A', 'alpha', 'B', 'beta') AS code
FROM orders_b ORDER BY id;

-- SUBSTR: 0 is 1, negative counts from the end, empty results are NULL
SELECT plpolar.substr('abcdef', 2, 3) AS a, plpolar.substr('abcdef', 0, 2) AS b, plpolar.substr('abcdef', -3) AS c,
       plpolar.substr('abcdef', -3, 2) AS d, plpolar.substr('abcdef', 2, 0) IS NULL AS e,
       plpolar.substr('abc', -5) IS NULL AS f, plpolar.substr('abcdef', 2.7, 1.9) AS g,
       pg_catalog.substr('abcdef', -3) AS postgres_substr;
-- INSTR: position, occurrence, backwards from a negative position
SELECT plpolar.instr('CORPORATE FLOOR', 'OR') AS first, plpolar.instr('CORPORATE FLOOR', 'OR', 3, 2) AS second_from_3,
       plpolar.instr('CORPORATE FLOOR', 'OR', -3, 2) AS backwards, plpolar.instr('abc', 'z') AS missing,
       plpolar.instr('abc', '') IS NULL AS empty_is_null;
SELECT plpolar.instr('abc', 'b', 1, 0);
-- LENGTH(''), REPLACE with NULLs, LPAD/RPAD/TRIM/UPPER are PostgreSQL's own
SELECT plpolar.length('abc') AS len, plpolar.length('') IS NULL AS empty_len,
       plpolar.replace('banana', 'an') AS removed, plpolar.replace('banana', NULL, 'x') AS null_search,
       plpolar.replace('banana', 'a', NULL) AS null_replacement, plpolar.replace('aa', 'aa', '') IS NULL AS emptied;
-- GREATEST / LEAST: NULL when any argument is NULL (PostgreSQL's skip it)
SELECT plpolar.greatest(1, 5, 3) AS g, plpolar.least('pear', 'apple') AS l,
       plpolar.greatest(1, NULL, 3) IS NULL AS oracle_null, greatest(1, NULL, 3) AS postgres_greatest;
-- MOD(m, 0) = m; REMAINDER rounds the quotient half to even
SELECT plpolar.mod(11, 4) AS mod, plpolar.mod(-11, 4) AS mod_neg, plpolar.mod(11, 0) AS mod_zero,
       plpolar.mod(7.5, 2) AS mod_numeric, plpolar.remainder(11, 4) AS rem, plpolar.remainder(10, 4) AS rem_half_even,
       plpolar.remainder(-11, 4) AS rem_neg;
-- TRUNC / ROUND of numbers and dates
SELECT plpolar.trunc(15.79) AS t, plpolar.trunc(15.79, 1) AS t1, plpolar.trunc(-15.79) AS t_neg,
       plpolar.round(15.5) AS r, plpolar.round(15.449, 2) AS r2, plpolar.round(-2.5) AS r_neg;
SELECT plpolar.trunc(timestamp '2024-05-17 13:45:10') AS day, plpolar.trunc(timestamp '2024-05-17 13:45', 'MM') AS month,
       plpolar.trunc(timestamp '2024-05-17 13:45', 'YYYY') AS year, plpolar.trunc(timestamp '2024-05-17 13:45', 'Q') AS quarter,
       plpolar.trunc(timestamp '2024-05-17 13:45', 'HH24') AS hour, plpolar.trunc(timestamp '2024-05-17 13:45', 'IW') AS iso_week;
SELECT plpolar.round(timestamp '2024-05-17 12:00') AS day_up, plpolar.round(timestamp '2024-05-17 11:59:59') AS day_down,
       plpolar.round(timestamp '2024-05-16', 'MM') AS month_up, plpolar.round(timestamp '2024-05-15', 'MM') AS month_down,
       plpolar.round(timestamp '2024-07-01', 'YYYY') AS year_up, plpolar.round(timestamp '2024-06-30', 'YEAR') AS year_down;
SELECT plpolar.trunc(timestamp '2024-05-17', 'XX');
-- Dates: ADD_MONTHS keeps the time and moves a month's last day to the last day
SELECT plpolar.add_months('2024-01-31', 1) AS jan31_plus1, plpolar.add_months('2024-02-29 10:30', 1) AS last_day_kept,
       plpolar.add_months('2024-01-15 08:00', -2) AS minus2, plpolar.add_months('2024-03-31', -1.9) AS fraction_truncated,
       plpolar.last_day('2024-02-10 08:00') AS last_day;
SELECT plpolar.months_between('1995-02-02', '1995-01-01') AS fraction, plpolar.months_between('2024-03-31', '2024-02-29') AS last_days,
       plpolar.months_between('2024-01-15', '2024-03-15') AS whole_negative;
SELECT pg_typeof(plpolar.sysdate()) AS sysdate_type, plpolar.sysdate() = date_trunc('second', plpolar.sysdate()) AS whole_seconds,
       pg_typeof(plpolar.systimestamp()) AS systimestamp_type, abs(extract(epoch FROM plpolar.systimestamp() - now())) < 60 AS near_now;
-- Conversions; without a format, dates use plpolar.nls_date_format
SELECT plpolar.to_char(3.50) AS num, plpolar.to_char(1234.5, 'FM9,999.00') AS fmt, plpolar.to_char(timestamp '2024-01-02 03:04:05') AS nls,
       plpolar.to_char(timestamp '2024-01-02 03:04:05', 'DD-MON-YYYY HH24:MI') AS date_fmt, plpolar.to_char(42, '000') AS int_fmt;
SELECT plpolar.to_number(' 12.5 ') AS n, plpolar.to_number('1,234.50', '9G999D99') AS fmt, plpolar.to_number('') IS NULL AS empty;
SELECT plpolar.to_number('12x');
SELECT plpolar.to_date('2024-01-15 10:20:30') AS nls, plpolar.to_date('15-JAN-2024', 'DD-MON-YYYY') AS fmt,
       pg_typeof(plpolar.to_date('2024-01-15')) AS type;
-- RR: a two-digit year in the nearest century.
SELECT plpolar.to_date('15-JAN-24', 'DD-MON-RR') AS rr_2024, plpolar.to_date('15-JAN-99', 'dd-mon-rr') AS rr_1999,
       plpolar.to_char(timestamp '2024-03-05 14:07:00', 'DD-MON-RR HH:MI:SS AM') AS rr_out,
       plpolar.to_char(timestamp '2024-03-05', 'FMMonth DD, RRRR') AS month_name;
SET plpolar.nls_date_format = 'DD.MM.YYYY';
SELECT plpolar.to_char(timestamp '2024-01-02 03:04:05') AS nls, plpolar.to_date('31.12.2023') AS parsed;
RESET plpolar.nls_date_format;
-- NLS_TIMESTAMP_FORMAT / NLS_TIMESTAMP_TZ_FORMAT: a TIMESTAMP (a fractional
-- precision: Oracle DDL's TIMESTAMP is timestamp(6)) converts with
-- plpolar.nls_timestamp_format, a DATE (timestamp(0)) with nls_date_format,
-- a timestamptz with nls_timestamp_tz_format; FF is the type's precision.
SET TimeZone = 'UTC';
SELECT plpolar.exec($$CREATE TABLE nls_t (d DATE, t TIMESTAMP, t3 TIMESTAMP(3), z TIMESTAMP WITH TIME ZONE)$$);
SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'nls_t'::regclass AND attnum > 0 ORDER BY attnum;
INSERT INTO nls_t VALUES ('2024-03-05 10:11:12', '2024-03-05 10:11:12.345678', '2024-03-05 10:11:12.345678', '2024-03-05 10:11:12.5+02');
SELECT plpolar.to_char(d) AS d, plpolar.to_char(t) AS t, plpolar.to_char(t3) AS t3, plpolar.to_char(z) AS z FROM nls_t;
SELECT plpolar.exec($$ALTER SESSION SET NLS_TIMESTAMP_FORMAT = 'DD.MM.RRRR HH24:MI:SSXFF3' NLS_TIMESTAMP_TZ_FORMAT = 'DD.MM.RR HH24:MI:SSXFF TZR' NLS_DATE_FORMAT = 'DD-MON-RR'$$);
SELECT current_setting('plpolar.nls_timestamp_format') AS ts_format, current_setting('plpolar.nls_timestamp_tz_format') AS tz_format;
-- DATE + interval stays a DATE, TIMESTAMP + interval a TIMESTAMP; a cast
-- from timestamptz and LOCALTIMESTAMP are TIMESTAMPs.
SELECT plpolar.to_char(d) AS d, plpolar.to_char(t) AS t, plpolar.to_char(z) AS z, plpolar.to_char(d + interval '1 hour') AS d_plus,
       plpolar.to_char(t + interval '1 hour') AS t_plus, plpolar.to_char(z::timestamp) AS cast_ts,
       plpolar.to_char(localtimestamp) ~ '^\d\d\.\d\d\.\d{4} \d\d:\d\d:\d\d\.\d{3}$' AS localtimestamp_form FROM nls_t;
-- TO_TIMESTAMP returns a TIMESTAMP, TO_TIMESTAMP_TZ a timestamptz; without a
-- format the NLS ones; '' is NULL; Oracle's FF, X and TZR in a format.
SELECT plpolar.to_timestamp('01.02.2023 04:05:06.789') AS nls, pg_typeof(plpolar.to_timestamp('01.02.2023 04:05:06')) AS type,
       plpolar.to_timestamp('2023-02-01 04:05:06.5', 'YYYY-MM-DD HH24:MI:SSXFF') AS fmt, plpolar.to_timestamp('') IS NULL AS empty,
       plpolar.to_timestamp_tz('01.02.23 04:05:06.5 +03:00') AS tz, plpolar.to_timestamp(0) AS epoch;
SELECT plpolar.to_char(timestamp '2024-01-02 03:04:05.678901', 'HH24:MI:SSXFF FF2 FF9 SSSSS "X FF"') AS oracle_elements,
       plpolar.to_char(timestamptz '2024-01-02 03:04:05+05', 'YYYY-MM-DD HH24:MI TZR') AS tzr;
SET plpolar.serveroutput = on;
DO LANGUAGE plpolar $$
DECLARE
  d DATE := TIMESTAMP '2024-03-05 10:11:12';
  t TIMESTAMP := TO_TIMESTAMP('01.02.2023 04:05:06.789');
  t0 TIMESTAMP := d;
  z TIMESTAMP WITH TIME ZONE := TO_TIMESTAMP_TZ('01.02.23 04:05:06.5 +03:00');
  r nls_t%ROWTYPE;
  s VARCHAR2(100);
BEGIN
  DBMS_OUTPUT.PUT_LINE('d=' || d || ' t=' || t || ' t0=' || t0 || ' z=' || z);
  DBMS_OUTPUT.PUT_LINE(TO_CHAR(d) || ' | ' || TO_CHAR(t) || ' | ' || TO_CHAR(d + 1) || ' | ' || TO_CHAR(CAST(z AS TIMESTAMP)));
  DBMS_OUTPUT.PUT_LINE(TIMESTAMP '2020-01-01 00:00:00.25' || ' | ' || DATE '2020-01-01');
  SELECT * INTO r FROM nls_t;
  DBMS_OUTPUT.PUT_LINE(r.d || ' | ' || r.t || ' | ' || r.t3 || ' | ' || r.z);
  SELECT TO_CHAR(t) INTO s FROM dual;
  DBMS_OUTPUT.PUT_LINE('in SQL: ' || s);
  EXECUTE IMMEDIATE 'ALTER SESSION SET NLS_TIMESTAMP_FORMAT = ''YYYY"y"MM"m" HH24:MI:SS.FF6''';
  s := t;
  DBMS_OUTPUT.PUT_LINE(s || ' ' || NVL(TO_CHAR(TO_TIMESTAMP('')), 'null'));
END $$;
RESET plpolar.serveroutput;
RESET plpolar.nls_timestamp_format;
RESET plpolar.nls_timestamp_tz_format;
RESET plpolar.nls_date_format;
RESET TimeZone;
DROP TABLE nls_t;
SELECT * FROM plpolar.dual;

-- In plpolar code the names are plpolar's whatever the search_path ...
SET search_path = public;
CREATE FUNCTION b_pl(s varchar2) RETURNS text LANGUAGE plpolar AS $$
DECLARE
  d DATE := DATE '2024-01-31';
  n NUMBER := 7;
BEGIN
  RETURN SUBSTR(s, -3) || '|' || NVL(NULL, 'dflt') || '|' || DECODE(n, 7, 'seven', 'other') || '|' ||
         INSTR(s, 'a', -1) || '|' || MOD(n, 0) || '|' || TO_CHAR(ADD_MONTHS(d, 1), 'YYYY-MM-DD') || '|' ||
         NVL(TO_CHAR(LENGTH('')), 'null') || '|' || TRUNC(n / 2) || '|' || GREATEST(1, n, 3) || '|' ||
         TO_CHAR(LAST_DAY(d), 'DD') || '|' || REMAINDER(n, 2);
END;
$$;
SELECT b_pl('banana');
-- In PL expressions LENGTH, SUBSTR, NVL and MOD run natively on integers and
-- strings; they must agree with the SQL functions on every edge.
CREATE FUNCTION b_native_agrees() RETURNS text LANGUAGE plpolar AS $$
DECLARE
  s VARCHAR2(60);
  pl_result VARCHAR2(60);
  sql_result VARCHAR2(60);
  checked PLS_INTEGER := 0;
  pl_n NUMBER;
  sql_n NUMBER;
BEGIN
  FOR k IN 1..5 LOOP
    s := CASE k WHEN 1 THEN 'abcdef' WHEN 2 THEN 'x' WHEN 3 THEN 'héllo wörld'
                WHEN 4 THEN 'ünïcödé strîng, ümläuts ∑∂ and 𝄞 in one line' ELSE NULL END;
    FOR p IN -13..13 LOOP
      FOR l IN -1..12 LOOP
        pl_result := SUBSTR(s, p, l);
        SELECT substr(s, p, l) INTO sql_result FROM dual;
        IF NVL(pl_result, '<null>') <> NVL(sql_result, '<null>') THEN
          RETURN 'SUBSTR(' || s || ', ' || p || ', ' || l || '): ' || pl_result || ' vs ' || sql_result;
        END IF;
        checked := checked + 1;
      END LOOP;
      pl_result := SUBSTR(s, p);
      SELECT substr(s, p) INTO sql_result FROM dual;
      IF NVL(pl_result, '<null>') <> NVL(sql_result, '<null>') THEN
        RETURN 'SUBSTR(' || s || ', ' || p || '): ' || pl_result || ' vs ' || sql_result;
      END IF;
      pl_n := MOD(p, k - 2);
      SELECT mod(p, k - 2) INTO sql_n FROM dual;
      IF pl_n <> sql_n THEN
        RETURN 'MOD(' || p || ', ' || (k - 2) || '): ' || pl_n || ' vs ' || sql_n;
      END IF;
    END LOOP;
    pl_n := LENGTH(s);
    SELECT length(s) INTO sql_n FROM dual;
    IF NVL(pl_n, -1) <> NVL(sql_n, -1) OR NVL(s, 'n') <> NVL(NVL(s, 'n'), 'x') THEN
      RETURN 'LENGTH(' || s || '): ' || pl_n || ' vs ' || sql_n;
    END IF;
  END LOOP;
  RETURN checked || ' SUBSTR calls agree; MOD, LENGTH and NVL too';
END;
$$;
SELECT b_native_agrees();

-- PostgreSQL's own string functions behave as Oracle's, in PL and in SQL.
CREATE FUNCTION b_strings() RETURNS text LANGUAGE plpolar AS $$
DECLARE
  r VARCHAR2(200);
BEGIN
  SELECT TRIM(LEADING '0' FROM '007') || '|' || RTRIM('xy--', '-') INTO r FROM DUAL;
  RETURN UPPER('abc') || '|' || LOWER('ABC') || '|' || INITCAP('hello wORLD') || '|' || LTRIM('  x') || '|' ||
         RTRIM('x  ') || '|' || TRIM('  y  ') || '|' || LTRIM('xxabc', 'x') || '|' || r || '|' ||
         CASE WHEN USER = current_user THEN 'user ok' END;
END;
$$;
SELECT b_strings();
-- ... in embedded SQL (FROM DUAL too) ...
CREATE FUNCTION b_sql(p_id int) RETURNS text LANGUAGE plpolar AS $$
DECLARE
  r VARCHAR2(100);
  d DATE;
BEGIN
  SELECT DECODE(status, 1, 'active', 'inactive') || ' ' || NVL(code, '-') || ' ' || TO_CHAR(LAST_DAY(placed), 'MM-DD') ||
         ' ' || SUBSTR(TO_CHAR(placed, 'YYYYMMDD'), -4)
    INTO r FROM orders_b WHERE id = p_id;
  SELECT TRUNC(SYSDATE) INTO d FROM DUAL;
  IF d <> TRUNC(SYSDATE) THEN r := 'clock went wrong'; END IF;
  RETURN r;
END;
$$;
SELECT id, b_sql(id) FROM orders_b ORDER BY id;
-- ... and in dynamic SQL.
CREATE FUNCTION b_dynamic(s text) RETURNS text LANGUAGE plpolar AS $$
DECLARE
  r VARCHAR2(100);
BEGIN
  EXECUTE IMMEDIATE 'SELECT substr(:1, -2) || nvl(NULL, ''!'') FROM dual' INTO r USING s;
  RETURN r;
END;
$$;
SELECT b_dynamic('hello');
-- Plain SQL keeps PostgreSQL's functions unless plpolar comes first.
SELECT substr('abcdef', -3) AS postgres, length('') AS postgres_length;
SET search_path = plpolar, pg_catalog, public;
SELECT substr('abcdef', -3) AS oracle, length('') IS NULL AS oracle_length, nvl(NULL, 1) AS nvl;
RESET search_path;

-- DBMS_UTILITY
CREATE FUNCTION b_stack() RETURNS text LANGUAGE plpolar AS $$
DECLARE
  e EXCEPTION;
  PRAGMA EXCEPTION_INIT(e, -20042);
BEGIN
  RAISE_APPLICATION_ERROR(-20042, 'something failed');
EXCEPTION WHEN e THEN
  RETURN DBMS_UTILITY.FORMAT_ERROR_STACK || DBMS_UTILITY.FORMAT_ERROR_BACKTRACE ||
         NVL(DBMS_UTILITY.FORMAT_CALL_STACK, 'no stack');
END;
$$;
SELECT b_stack();
CREATE FUNCTION b_nostack() RETURNS boolean LANGUAGE plpolar AS $$
BEGIN
  RETURN DBMS_UTILITY.FORMAT_ERROR_STACK IS NULL AND DBMS_UTILITY.FORMAT_ERROR_BACKTRACE IS NULL;
END;
$$;
SELECT b_nostack();
CREATE FUNCTION b_bad() RETURNS int LANGUAGE plpolar AS $$ BEGIN DBMS_UTILITY.FORMAT_CALL_STACK; RETURN 1; END; $$;

DROP FUNCTION b_pl, b_native_agrees, b_strings, b_sql, b_dynamic, b_stack, b_nostack;
DROP TABLE orders_b;
