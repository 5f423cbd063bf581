-- CVE-2018-1058 class: plpolar's SQL helpers (the Oracle built-ins in schema
-- plpolar) run with the caller's search_path. A user who can create a schema
-- that comes first in a superuser's path ("$user", or any explicit one)
-- plants operators and functions with exact-type matches; none of them may
-- ever run when a superuser calls a helper, directly or from plpolar code.

-- 1. The rule, checked from the catalog for every function of the extension:
-- C or internal code; a SQL-standard body (parsed at CREATE EXTENSION);
-- a pinned search_path; or a polymorphic SQL body that qualifies every
-- function and operator.
CREATE FUNCTION pg_temp.unqualified_names(body text) RETURNS text[] LANGUAGE sql AS $$
  SELECT array_agg(DISTINCT m[1]) FROM regexp_matches(
           -- literals, parameters and qualified operators say nothing
           regexp_replace(regexp_replace(regexp_replace(body, '''[^'']*''', '', 'g'),
                                         'OPERATOR\(pg_catalog\.[^)]+\)', '', 'g'), '\$[0-9]+', '', 'g'),
           '(?:^|[^.a-z_])((?:[a-z_][a-z_0-9]*)\s*\(|[-+*/<>=~!@#%^&|`?]+)', 'g') AS m
  WHERE m[1] !~* '^(coalesce|nullif|select|case|when|then|else|end|and|or|not|is|null|from)\s*\($'
$$;
SELECT p.oid::regprocedure AS breaks_the_rule, l.lanname, pg_temp.unqualified_names(p.prosrc) AS unqualified
FROM pg_depend d JOIN pg_proc p ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid
JOIN pg_language l ON l.oid = p.prolang
WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
  AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'plpolar')
  AND l.lanname NOT IN ('c', 'internal')
  AND p.prosqlbody IS NULL
  AND NOT coalesce(p.proconfig @> ARRAY['search_path=pg_catalog, pg_temp'], false)
  AND (l.lanname <> 'sql' OR pg_temp.unqualified_names(p.prosrc) IS NOT NULL)
ORDER BY 1::text;
-- What the SQL-standard bodies resolved to: only plpolar's own objects besides
-- pg_catalog's (which are pinned and record no dependency).
SELECT DISTINCT n.nspname AS resolved_in
FROM pg_depend e JOIN pg_proc p ON e.classid = 'pg_proc'::regclass AND e.objid = p.oid
JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'n'
LEFT JOIN pg_proc rp ON d.refclassid = 'pg_proc'::regclass AND rp.oid = d.refobjid
LEFT JOIN pg_operator ro ON d.refclassid = 'pg_operator'::regclass AND ro.oid = d.refobjid
LEFT JOIN pg_type rt ON d.refclassid = 'pg_type'::regclass AND rt.oid = d.refobjid
JOIN pg_namespace n ON n.oid = coalesce(rp.pronamespace, ro.oprnamespace, rt.typnamespace)
WHERE e.refclassid = 'pg_extension'::regclass AND e.deptype = 'e'
  AND e.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'plpolar')
  AND p.prosqlbody IS NOT NULL
ORDER BY 1;
SELECT count(*) > 40 AS most_helpers_have_sql_standard_bodies
FROM pg_proc WHERE pronamespace = 'plpolar'::regnamespace AND prosqlbody IS NOT NULL;

-- 2. The attack. A database owner (not a superuser) lays traps in a schema
-- that a superuser's search_path reaches first.
CREATE ROLE plpolar_trapper;
GRANT CREATE ON DATABASE contrib_regression TO plpolar_trapper;
SET ROLE plpolar_trapper;
CREATE SCHEMA trap;
GRANT USAGE ON SCHEMA trap TO PUBLIC;
CREATE TABLE trap.sprung (who text, what text);
GRANT INSERT ON trap.sprung TO PUBLIC;
-- Every trap records who ran it, then tries to make its owner a superuser.
CREATE FUNCTION trap.spring(what text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO trap.sprung VALUES (current_user, what);
  IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    ALTER ROLE plpolar_trapper SUPERUSER;
  END IF;
END $$;
DO $plant$
DECLARE
  types text[] := ARRAY['integer', 'bigint', 'numeric', 'text', 'varchar2', 'double precision',
                        'timestamp', 'timestamptz', 'interval', 'boolean'];
  arrays text[] := ARRAY['integer[]', 'bigint[]', 'numeric[]', 'text[]', 'varchar2[]', 'timestamp[]'];
  ops text[] := ARRAY['=', '<>', '<', '>', '<=', '>=', '+', '-', '*', '/', '%', '||', '~~', '^'];
  funcs text[] := ARRAY['trunc', 'round', 'length', 'substr', 'lpad', 'rpad', 'replace', 'mod', 'abs', 'trim_scale',
                        'upper', 'lower', 'btrim', 'strpos', 'date_trunc', 'date_part', 'extract', 'regexp_replace',
                        'to_char', 'to_number', 'to_timestamp', 'current_setting', 'clock_timestamp', 'nullif',
                        'array_position', 'unnest', 'textlen', 'int4', 'numeric', 'text', 'varchar2', 'timestamp',
                        'date_format', 'date_unit', 'nls_date_format', 'last_day'];
  l text; r text; f text; n int := 0;
BEGIN
  FOREACH l IN ARRAY types LOOP
    FOREACH r IN ARRAY types LOOP
      EXECUTE format('CREATE FUNCTION trap.opfn(a %s, b %s) RETURNS %s LANGUAGE plpgsql AS '
                     '$b$BEGIN PERFORM trap.spring(%L); RETURN a; END$b$', l, r, l, 'operator ' || l || ', ' || r);
      FOREACH f IN ARRAY ops LOOP
        EXECUTE format('CREATE OPERATOR trap.%s (LEFTARG = %s, RIGHTARG = %s, FUNCTION = trap.opfn)', f, l, r);
        n := n + 1;
      END LOOP;
      FOREACH f IN ARRAY funcs LOOP
        EXECUTE format('CREATE FUNCTION trap.%I(%s, %s) RETURNS %s LANGUAGE plpgsql AS '
                       '$b$BEGIN PERFORM trap.spring(%L); RETURN $1; END$b$', f, l, r, l, f);
        n := n + 1;
      END LOOP;
    END LOOP;
    FOREACH f IN ARRAY funcs LOOP
      EXECUTE format('CREATE FUNCTION trap.%I(%s) RETURNS %s LANGUAGE plpgsql AS '
                     '$b$BEGIN PERFORM trap.spring(%L); RETURN $1; END$b$', f, l, l, f);
      FOREACH r IN ARRAY ARRAY['integer', 'numeric', 'text'] LOOP
        EXECUTE format('CREATE FUNCTION trap.%I(%s, integer, %s) RETURNS %s LANGUAGE plpgsql AS '
                       '$b$BEGIN PERFORM trap.spring(%L); RETURN $1; END$b$', f, l, r, l, f);
        EXECUTE format('CREATE FUNCTION trap.%I(%s, numeric, %s) RETURNS %s LANGUAGE plpgsql AS '
                       '$b$BEGIN PERFORM trap.spring(%L); RETURN $1; END$b$', f, l, r, l, f);
        EXECUTE format('CREATE FUNCTION trap.%I(%s, text, %s) RETURNS %s LANGUAGE plpgsql AS '
                       '$b$BEGIN PERFORM trap.spring(%L); RETURN $1; END$b$', f, l, r, l, f);
      END LOOP;
    END LOOP;
    EXECUTE format('CREATE FUNCTION trap.neg(a %s) RETURNS %s LANGUAGE plpgsql AS '
                   '$b$BEGIN PERFORM trap.spring(%L); RETURN a; END$b$', l, l, 'prefix - ' || l);
    EXECUTE format('CREATE OPERATOR trap.- (RIGHTARG = %s, FUNCTION = trap.neg)', l);
    EXECUTE format('CREATE FUNCTION trap.aggfn(s %s, v %s) RETURNS %s LANGUAGE plpgsql AS '
                   '$b$BEGIN PERFORM trap.spring(%L); RETURN v; END$b$', l, l, l, 'aggregate ' || l);
    EXECUTE format('CREATE AGGREGATE trap.max(%s) (SFUNC = trap.aggfn, STYPE = %s)', l, l);
    EXECUTE format('CREATE AGGREGATE trap.min(%s) (SFUNC = trap.aggfn, STYPE = %s)', l, l);
  END LOOP;
  FOREACH l IN ARRAY arrays LOOP
    EXECUTE format('CREATE FUNCTION trap.unnest(%s) RETURNS SETOF %s LANGUAGE plpgsql AS '
                   '$b$BEGIN PERFORM trap.spring(%L); END$b$', l, rtrim(l, '[]'), 'unnest ' || l);
    EXECUTE format('CREATE FUNCTION trap.array_position(%s, %s) RETURNS integer LANGUAGE plpgsql AS '
                   '$b$BEGIN PERFORM trap.spring(%L); RETURN 1; END$b$', l, rtrim(l, '[]'), 'array_position ' || l);
  END LOOP;
  RAISE NOTICE 'planted more than 2000 traps: %', n > 2000;
END
$plant$;
RESET ROLE;

-- 3. A superuser whose search_path reaches the traps first calls every
-- helper: from SQL, from plpolar code (PL expressions and embedded SQL),
-- with integers, numbers, text, VARCHAR2 and dates.
SET search_path = trap, public;
SET plpolar.serveroutput = on;
SELECT plpolar.substr('hello', -3, 2) AS s1, plpolar.substr('hello'::varchar2, 2) AS s2, plpolar.substr('hello', 2.7, 1.5) AS s3,
       plpolar.instr('abcabc', 'c', -1) AS i1, plpolar.instr('abcabc'::varchar2, 'b', 1, 2) AS i2,
       plpolar.length('abc'::varchar2) AS len, plpolar.lpad(5, 3, '0') AS lp, plpolar.rpad('ab'::varchar2, 4.9, '*') AS rp,
       plpolar.replace('banana'::varchar2, 'an') AS rep, plpolar.nvl(NULL::varchar2, 'x') AS nvl,
       plpolar.nvl2(1, 'a'::varchar2, 'b') AS nvl2, plpolar.nvl2('t', 2, 3) AS nvl2t;
SELECT plpolar.greatest(1, 2, 3) AS g_int, plpolar.least(4::bigint, 2, 3) AS l_big, plpolar.greatest(1.5, 2) AS g_num,
       plpolar.greatest('a'::varchar2, 'c', 'b') AS g_v2, plpolar.least('b'::text, 'a') AS l_text,
       plpolar.greatest('2024-01-01'::timestamp, '2025-01-01') AS g_ts, plpolar.least(1, NULL, 3) AS l_null;
SELECT plpolar.decode(2, 1, 'one', 2, 'two') AS d_num, plpolar.decode('b'::varchar2, 'a', 1, 'b', 2, 0) AS d_v2,
       plpolar.decode(NULL::text, NULL, 'null matches') AS d_null,
       plpolar.decode('2024-01-01'::timestamp, '2024-01-01', 'same day') AS d_ts;
SELECT plpolar.mod(7, 0) AS m0, plpolar.mod(-7::bigint, 3) AS m_big, plpolar.mod(7.5, 2) AS m_num,
       plpolar.remainder(15, 6) AS rem, plpolar.trunc(2.789, 2) AS tr, plpolar.round(2.5) AS ro,
       plpolar.trunc(2.7::double precision) AS tr_f, plpolar.round(2.789, 1) AS ro1;
SELECT plpolar.trunc('2024-05-17 13:45'::timestamp, 'MM') AS t_mm, plpolar.round('2024-05-17 13:45'::timestamp) AS r_dd,
       plpolar.round('2024-07-01'::timestamp, 'YYYY') AS r_yy, plpolar.add_months('2024-01-31'::timestamp, 1) AS am,
       plpolar.last_day('2024-02-10'::timestamp) AS ld, plpolar.months_between('2024-03-31', '2024-02-29') AS mb1,
       plpolar.months_between('2024-03-15 12:00', '2024-02-01') AS mb2;
SELECT plpolar.to_char(1234.50) AS c_num, plpolar.to_char('2024-05-17'::timestamp) AS c_ts,
       plpolar.to_char('2024-05-17'::timestamp, 'DD.MM.RRRR') AS c_fmt, plpolar.to_char(42, '000') AS c_int,
       plpolar.to_number(' 12.5 ') AS n1, plpolar.to_number('1,234', '9,999') AS n2,
       plpolar.to_date('17.05.24', 'DD.MM.RR') AS dt, plpolar.sysdate() > '2000-01-01' AS sd,
       plpolar.systimestamp() > '2000-01-01' AS st;
-- (Only the helpers' own insides are under test here: the block's own
-- operators, like PL/pgSQL's, are the caller's code and use the caller's path,
-- so each value is printed on its own.)
DO LANGUAGE plpolar $$
DECLARE
  v VARCHAR2(20) := 'hello world';
  n NUMBER := 7.5;
  i PLS_INTEGER := 7;
  d DATE := TO_DATE('2024-01-31', 'YYYY-MM-DD');
  a VARCHAR2(200); b VARCHAR2(200); c VARCHAR2(200); e VARCHAR2(200); f VARCHAR2(200);
BEGIN
  DBMS_OUTPUT.PUT_LINE(SUBSTR(v, -5)); DBMS_OUTPUT.PUT_LINE(INSTR(v, 'o', -1));
  DBMS_OUTPUT.PUT_LINE(LENGTH(v)); DBMS_OUTPUT.PUT_LINE(LPAD(i, 3, '0'));
  DBMS_OUTPUT.PUT_LINE(RPAD(v, 3)); DBMS_OUTPUT.PUT_LINE(REPLACE(v, 'l'));
  DBMS_OUTPUT.PUT_LINE(NVL(NULL, v)); DBMS_OUTPUT.PUT_LINE(NVL2(v, 'y', 'n'));
  DBMS_OUTPUT.PUT_LINE(GREATEST(1, i, 3)); DBMS_OUTPUT.PUT_LINE(LEAST(v, 'abc'));
  DBMS_OUTPUT.PUT_LINE(DECODE(i, 7, 'seven', 'other')); DBMS_OUTPUT.PUT_LINE(MOD(i, 0));
  DBMS_OUTPUT.PUT_LINE(MOD(n, 2)); DBMS_OUTPUT.PUT_LINE(REMAINDER(15, 6));
  DBMS_OUTPUT.PUT_LINE(TRUNC(n)); DBMS_OUTPUT.PUT_LINE(ROUND(n));
  DBMS_OUTPUT.PUT_LINE(TO_CHAR(TRUNC(d, 'MM'), 'YYYY-MM-DD')); DBMS_OUTPUT.PUT_LINE(TO_CHAR(ADD_MONTHS(d, 1), 'YYYY-MM-DD'));
  DBMS_OUTPUT.PUT_LINE(TO_CHAR(LAST_DAY(d), 'YYYY-MM-DD')); DBMS_OUTPUT.PUT_LINE(MONTHS_BETWEEN(ADD_MONTHS(d, 2), d));
  DBMS_OUTPUT.PUT_LINE(TO_CHAR(ROUND(d, 'YYYY'), 'YYYY')); DBMS_OUTPUT.PUT_LINE(TO_NUMBER('42'));
  SELECT SUBSTR(v, 1, 5), GREATEST(1, 2), DECODE(i, 7, 'x'), MOD(i, 2), TO_CHAR(d, 'DD') INTO a, b, c, e, f FROM dual;
  DBMS_OUTPUT.PUT_LINE(a); DBMS_OUTPUT.PUT_LINE(b); DBMS_OUTPUT.PUT_LINE(c); DBMS_OUTPUT.PUT_LINE(e); DBMS_OUTPUT.PUT_LINE(f);
  EXECUTE IMMEDIATE 'SELECT LEAST(:a, 5), SUBSTR(:b, -2), NVL(NULL, ''z'') FROM dual' INTO a, b, c USING i, v;
  DBMS_OUTPUT.PUT_LINE(a); DBMS_OUTPUT.PUT_LINE(b); DBMS_OUTPUT.PUT_LINE(c);
END;
$$;
RESET plpolar.serveroutput;
RESET search_path;

-- No trap ran, for anyone; the trapper is still an ordinary user.
SELECT count(*) AS traps_sprung FROM trap.sprung;
SELECT rolsuper AS trapper_is_superuser FROM pg_roles WHERE rolname = 'plpolar_trapper';
-- The traps are real: the same call through the superuser's path with an
-- unqualified operator does spring one (what plpolar's helpers avoid).
SET search_path = trap, public;
SELECT 2.5 < 3 AS springs_a_trap;
RESET search_path;
SELECT what FROM trap.sprung;
SELECT rolsuper AS trapper_is_superuser FROM pg_roles WHERE rolname = 'plpolar_trapper';

SET client_min_messages = warning;
DROP SCHEMA trap CASCADE;
RESET client_min_messages;
REVOKE CREATE ON DATABASE contrib_regression FROM plpolar_trapper;
DROP ROLE plpolar_trapper;
