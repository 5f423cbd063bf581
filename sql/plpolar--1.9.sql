-- plpolar 1.9: language, VARCHAR2 and NUMBER types, Oracle built-ins, packages,
-- object types, collections, session context, application contexts, the
-- client's translations.
\echo Use "CREATE EXTENSION plpolar" to load this file. \quit

-- The language -------------------------------------------------------------

CREATE FUNCTION plpolar_call_handler() RETURNS language_handler
    AS 'MODULE_PATHNAME' LANGUAGE C;
CREATE FUNCTION plpolar_inline_handler(internal) RETURNS void
    AS 'MODULE_PATHNAME' LANGUAGE C STRICT;
CREATE FUNCTION plpolar_validator(oid) RETURNS void
    AS 'MODULE_PATHNAME' LANGUAGE C STRICT;

-- Trusted like PL/pgSQL: bodies run SQL as the calling user, nothing more.
CREATE TRUSTED LANGUAGE plpolar
    HANDLER plpolar_call_handler
    INLINE plpolar_inline_handler
    VALIDATOR plpolar_validator;
COMMENT ON LANGUAGE plpolar IS 'PL/polar procedural language (Oracle PL/SQL dialect)';

-- Oracle-form DDL -----------------------------------------------------------
-- plpolar.exec(script): CREATE FUNCTION f RETURN t IS ... END; and friends,
-- SQL*Plus "/" lines, and any other SQL passed through unchanged.
CREATE SCHEMA plpolar;
GRANT USAGE ON SCHEMA plpolar TO PUBLIC;
CREATE FUNCTION plpolar.exec(script text, OUT statement integer, OUT line integer, OUT action text, OUT rows bigint)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'plpolar_exec' LANGUAGE C STRICT VOLATILE;
COMMENT ON FUNCTION plpolar.exec(text) IS 'run an Oracle-style script: one row per statement';

-- VARCHAR2 ------------------------------------------------------------------
-- Same representation as text and varchar; a length limit that is always
-- enforced (Oracle never truncates silently, not even trailing blanks).
-- It lives in pg_catalog so that VARCHAR2(n) resolves like a built-in type
-- whatever the search_path; orafce's type stays reachable as oracle.varchar2.

CREATE TYPE varchar2;

CREATE FUNCTION varchar2in(cstring, oid, integer) RETURNS varchar2
    AS 'MODULE_PATHNAME', 'plpolar_varchar2_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION varchar2out(varchar2) RETURNS cstring
    AS 'textout' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION varchar2recv(internal, oid, integer) RETURNS varchar2
    AS 'MODULE_PATHNAME', 'plpolar_varchar2_recv' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION varchar2send(varchar2) RETURNS bytea
    AS 'textsend' LANGUAGE internal STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION varchar2typmodin(cstring[]) RETURNS integer
    AS 'varchartypmodin' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION varchar2typmodout(integer) RETURNS cstring
    AS 'varchartypmodout' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE varchar2 (
    INPUT = varchar2in,
    OUTPUT = varchar2out,
    RECEIVE = varchar2recv,
    SEND = varchar2send,
    TYPMOD_IN = varchar2typmodin,
    TYPMOD_OUT = varchar2typmodout,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = int4,
    STORAGE = extended,
    CATEGORY = 'S',
    COLLATABLE = true
);
COMMENT ON TYPE varchar2 IS 'Oracle VARCHAR2(n): variable-length string, length limit always enforced';

-- Length coercion, applied on assignment to a VARCHAR2(n) column and on casts.
CREATE FUNCTION varchar2(varchar2, integer, boolean) RETURNS varchar2
    AS 'MODULE_PATHNAME', 'plpolar_varchar2_typmod' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE CAST (varchar2 AS varchar2) WITH FUNCTION varchar2(varchar2, integer, boolean) AS IMPLICIT;

-- Binary-compatible with text and varchar in both directions, as varchar is
-- with text: text operators, functions and btree/hash opclasses apply.
CREATE CAST (varchar2 AS text) WITHOUT FUNCTION AS IMPLICIT;
CREATE CAST (text AS varchar2) WITHOUT FUNCTION AS IMPLICIT;
CREATE CAST (varchar2 AS varchar) WITHOUT FUNCTION AS IMPLICIT;
CREATE CAST (varchar AS varchar2) WITHOUT FUNCTION AS IMPLICIT;
CREATE CAST (bpchar AS varchar2) WITH FUNCTION pg_catalog.text(bpchar) AS IMPLICIT;
CREATE CAST (varchar2 AS bpchar) WITHOUT FUNCTION AS ASSIGNMENT;

-- NUMBER --------------------------------------------------------------------
-- Oracle's NUMBER, NUMBER(p), NUMBER(p,s) on numeric's representation
-- (src/types/number.c): rounding to the scale, ORA-01438 on precision
-- overflow, no NaN, no trailing zeros in its text. In pg_catalog beside
-- VARCHAR2, so that plain SQL resolves it whatever the search_path.
-- Binary-compatible with numeric both ways: numeric's operators, functions,
-- aggregates and btree/hash opclasses apply. Casts from the integer types
-- are implicit (as to numeric); from and to the floating types and to the
-- integer types by assignment (as numeric's). No implicit cast to float8:
-- with one, n + 1 would resolve to float8 + float8 (float8 is the numeric
-- category's preferred type) instead of numeric + numeric.

CREATE TYPE number;

CREATE FUNCTION numberin(cstring, oid, integer) RETURNS number
    AS 'MODULE_PATHNAME', 'plpolar_number_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION numberout(number) RETURNS cstring
    AS 'MODULE_PATHNAME', 'plpolar_number_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION numberrecv(internal, oid, integer) RETURNS number
    AS 'MODULE_PATHNAME', 'plpolar_number_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION numbersend(number) RETURNS bytea
    AS 'numeric_send' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION numbertypmodin(cstring[]) RETURNS integer
    AS 'MODULE_PATHNAME', 'plpolar_number_typmodin' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION numbertypmodout(integer) RETURNS cstring
    AS 'MODULE_PATHNAME', 'plpolar_number_typmodout' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE number (
    INPUT = numberin,
    OUTPUT = numberout,
    RECEIVE = numberrecv,
    SEND = numbersend,
    TYPMOD_IN = numbertypmodin,
    TYPMOD_OUT = numbertypmodout,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = int4,
    STORAGE = main,
    CATEGORY = 'N'
);
COMMENT ON TYPE number IS 'Oracle NUMBER(p,s): decimal, rounded to its scale, ORA-01438 beyond its precision';

-- Precision and scale, applied on assignment to a NUMBER(p,s) column and on casts.
CREATE FUNCTION number(number, integer, boolean) RETURNS number
    AS 'MODULE_PATHNAME', 'plpolar_number_typmod' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE CAST (number AS number) WITH FUNCTION number(number, integer, boolean) AS IMPLICIT;

CREATE CAST (number AS numeric) WITHOUT FUNCTION AS IMPLICIT;
CREATE CAST (numeric AS number) WITHOUT FUNCTION AS IMPLICIT;
CREATE CAST (smallint AS number) WITH FUNCTION pg_catalog.numeric(smallint) AS IMPLICIT;
CREATE CAST (integer AS number) WITH FUNCTION pg_catalog.numeric(integer) AS IMPLICIT;
CREATE CAST (bigint AS number) WITH FUNCTION pg_catalog.numeric(bigint) AS IMPLICIT;
CREATE CAST (real AS number) WITH FUNCTION pg_catalog.numeric(real) AS ASSIGNMENT;
CREATE CAST (double precision AS number) WITH FUNCTION pg_catalog.numeric(double precision) AS ASSIGNMENT;
CREATE CAST (number AS smallint) WITH FUNCTION pg_catalog.int2(numeric) AS ASSIGNMENT;
CREATE CAST (number AS integer) WITH FUNCTION pg_catalog.int4(numeric) AS ASSIGNMENT;
CREATE CAST (number AS bigint) WITH FUNCTION pg_catalog.int8(numeric) AS ASSIGNMENT;
CREATE CAST (number AS real) WITH FUNCTION pg_catalog.float4(numeric) AS ASSIGNMENT;
CREATE CAST (number AS double precision) WITH FUNCTION pg_catalog.float8(numeric) AS ASSIGNMENT;

-- Oracle built-in functions --------------------------------------------------
-- In schema plpolar, beside PostgreSQL's functions of the same names (whose
-- semantics differ: SUBSTR with negative positions, LENGTH(''), MOD(n, 0),
-- GREATEST with a NULL, TRUNC of a date) and beside orafce's. Inside plpolar
-- code (PL expressions, embedded and dynamic SQL) unqualified calls resolve
-- to these, whatever the search_path; plain SQL reaches them as plpolar.nvl(...)
-- or with plpolar ahead of pg_catalog in the search_path. SQL-language only:
-- no C symbol can clash with orafce's library.
--
-- They run with the caller's search_path, often a superuser's, so nothing in
-- them may resolve a name through it (CVE-2018-1058): an operator or function
-- with an exact-type match in any schema on the caller's path would win over
-- pg_catalog's version that needs a cast. The rule for every helper:
--  - a SQL function with fixed argument types has a SQL-standard body
--    (RETURN ... / BEGIN ATOMIC ... END): it is parsed here, under the
--    script's search_path (pg_catalog, then pg_temp), and keeps the OIDs it
--    resolved; it stays inlinable;
--  - a polymorphic SQL function (which cannot have such a body) names every
--    function and operator with its schema: pg_catalog.f(...),
--    OPERATOR(pg_catalog.=);
--  - a PL/pgSQL function pins SET search_path = pg_catalog, pg_temp.
-- The regression test security_helpers checks all three from the catalog and
-- plants exact-match traps for every helper.

CREATE FUNCTION plpolar.nvl(anycompatible, anycompatible) RETURNS anycompatible
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS 'SELECT coalesce($1, $2)';

CREATE FUNCTION plpolar.nvl2(anyelement, anycompatible, anycompatible) RETURNS anycompatible
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS 'SELECT CASE WHEN $1 IS NOT NULL THEN $2 ELSE $3 END';
-- For an untyped literal first argument.
CREATE FUNCTION plpolar.nvl2(text, anycompatible, anycompatible) RETURNS anycompatible
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS 'SELECT CASE WHEN $1 IS NOT NULL THEN $2 ELSE $3 END';

-- DECODE(expr, search1, result1 [, search2, result2 ...] [, default]): NULL
-- matches NULL, as in Oracle. The results share one type family; the
-- expression and the searches are compared as text, numbers or dates (one
-- overload each, so that DECODE(num_col, 1, ...) needs no cast). One
-- overload per argument count up to 12 pairs.
DO $decode$
DECLARE
    key text;
    pairs int;
    has_default boolean;
    args text;
    body text;
BEGIN
    FOREACH key IN ARRAY ARRAY['text', 'numeric', 'timestamp'] LOOP
        FOR pairs IN 1..12 LOOP
            FOREACH has_default IN ARRAY ARRAY[false, true] LOOP
                args := 'pg_catalog.' || key;
                body := 'SELECT CASE';
                FOR i IN 1..pairs LOOP
                    args := args || ', pg_catalog.' || key || ', anycompatible';
                    body := body || format(' WHEN $1 OPERATOR(pg_catalog.=) $%s OR ($1 IS NULL AND $%s IS NULL) THEN $%s',
                                           2 * i, 2 * i, 2 * i + 1);
                END LOOP;
                IF has_default THEN
                    args := args || ', anycompatible';
                    body := body || format(' ELSE $%s', 2 * pairs + 2);
                END IF;
                EXECUTE format('CREATE FUNCTION plpolar.decode(%s) RETURNS anycompatible LANGUAGE sql IMMUTABLE '
                               'PARALLEL SAFE AS %L', args, body || ' END');
            END LOOP;
        END LOOP;
    END LOOP;
END
$decode$;

-- SUBSTR: position 0 is 1, a negative position counts from the end, a
-- length below 1 or an empty result is NULL.
CREATE FUNCTION plpolar.substr(str text, pos numeric, len numeric) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN CASE
        WHEN pg_catalog.trunc(len) < 1 THEN NULL
        WHEN pg_catalog.trunc(pos) < 0 AND pg_catalog.length(str) + pg_catalog.trunc(pos) < 0 THEN NULL
        ELSE nullif(pg_catalog.substr(str,
                                      (CASE WHEN pg_catalog.trunc(pos) > 0 THEN pg_catalog.trunc(pos)
                                            WHEN pg_catalog.trunc(pos) = 0 THEN 1
                                            ELSE pg_catalog.length(str) + pg_catalog.trunc(pos) + 1 END)::integer,
                                      least(pg_catalog.trunc(len), 2147483647)::integer), '')
    END;
CREATE FUNCTION plpolar.substr(str text, pos numeric) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE RETURN plpolar.substr($1, $2, 2147483647);
-- Integer overloads: with plpolar ahead of pg_catalog in the search_path,
-- SUBSTR(s, -3) must find these before PostgreSQL's exact match.
CREATE FUNCTION plpolar.substr(str text, pos integer, len integer) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE RETURN plpolar.substr($1, $2::numeric, $3::numeric);
CREATE FUNCTION plpolar.substr(str text, pos integer) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE RETURN plpolar.substr($1, $2::numeric, 2147483647);

-- INSTR(str, sub [, pos [, occurrence]]): a negative position searches
-- backwards from that many characters before the end.
CREATE FUNCTION plpolar.instr(str text, sub text, pos numeric DEFAULT 1, occurrence numeric DEFAULT 1)
    RETURNS integer AS 'MODULE_PATHNAME', 'plpolar_instr' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

-- LENGTH, LPAD, RPAD, MOD, TO_NUMBER(text) and TO_DATE give NULL for a NULL
-- argument without being declared STRICT: PostgreSQL inlines a STRICT SQL
-- function only when its body is strict, and nullif and CASE are not.
-- LENGTH('') is NULL: Oracle has no zero-length strings.
CREATE FUNCTION plpolar.length(text) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURN nullif(pg_catalog.length($1), 0);

-- LPAD / RPAD: numbers are padded as their text (Oracle converts them
-- implicitly), a NUMBER length is truncated, and an empty result is NULL.
CREATE FUNCTION plpolar.lpad(str text, len numeric, pad text DEFAULT ' ') RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN nullif(pg_catalog.lpad($1, pg_catalog.trunc($2)::integer, $3), '');
CREATE FUNCTION plpolar.lpad(num numeric, len numeric, pad text DEFAULT ' ') RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN nullif(pg_catalog.lpad(pg_catalog.trim_scale($1)::text, pg_catalog.trunc($2)::integer, $3), '');
CREATE FUNCTION plpolar.rpad(str text, len numeric, pad text DEFAULT ' ') RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN nullif(pg_catalog.rpad($1, pg_catalog.trunc($2)::integer, $3), '');
CREATE FUNCTION plpolar.rpad(num numeric, len numeric, pad text DEFAULT ' ') RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN nullif(pg_catalog.rpad(pg_catalog.trim_scale($1)::text, pg_catalog.trunc($2)::integer, $3), '');

-- REPLACE(str, search [, replacement]): a NULL search leaves str alone, a
-- NULL replacement removes.
CREATE FUNCTION plpolar.replace(str text, search text, replacement text DEFAULT NULL) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE WHEN str IS NULL THEN NULL
            WHEN search IS NULL OR search = '' THEN str
            ELSE nullif(pg_catalog.replace(str, search, coalesce(replacement, '')), '') END;

-- GREATEST / LEAST: NULL when any argument is NULL (PostgreSQL's skip NULLs).
CREATE FUNCTION plpolar.greatest(VARIADIC anycompatiblearray) RETURNS anycompatible
    AS 'MODULE_PATHNAME', 'plpolar_greatest' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION plpolar.least(VARIADIC anycompatiblearray) RETURNS anycompatible
    AS 'MODULE_PATHNAME', 'plpolar_least' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

-- MOD(m, 0) is m; REMAINDER rounds the quotient half to even.
CREATE FUNCTION plpolar.mod(integer, integer) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURN CASE WHEN $2 = 0 THEN $1 ELSE pg_catalog.mod($1, $2) END;
CREATE FUNCTION plpolar.mod(bigint, bigint) RETURNS bigint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURN CASE WHEN $2 = 0 THEN $1 ELSE pg_catalog.mod($1, $2) END;
CREATE FUNCTION plpolar.mod(numeric, numeric) RETURNS numeric
    LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURN CASE WHEN $2 = 0 THEN $1 ELSE pg_catalog.mod($1, $2) END;
CREATE FUNCTION plpolar.remainder(n2 numeric, n1 numeric) RETURNS numeric
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN n2 - n1 * (CASE WHEN abs(n2 / n1 - pg_catalog.trunc(n2 / n1)) = 0.5 THEN 2 * pg_catalog.round(n2 / n1 / 2)
                       ELSE pg_catalog.round(n2 / n1) END);

-- Dates. Oracle's DATE is timestamp(0) here (see the README). SYSDATE and
-- SYSTIMESTAMP read the clock when called, not at transaction start; STABLE
-- so that a statement may use an index on a comparison with them.
CREATE FUNCTION plpolar.sysdate() RETURNS timestamp(0)
    LANGUAGE sql STABLE PARALLEL SAFE RETURN date_trunc('second', clock_timestamp()::timestamp);
CREATE FUNCTION plpolar.systimestamp() RETURNS timestamptz
    LANGUAGE sql STABLE PARALLEL SAFE RETURN clock_timestamp();

-- ADD_MONTHS: from the last day of a month to the last day of the target
-- month; otherwise the same day, or the target month's last if it is shorter.
CREATE FUNCTION plpolar.add_months(d timestamp, n numeric) RETURNS timestamp
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN CASE
        WHEN date_trunc('day', d) = date_trunc('month', d) + interval '1 month - 1 day'
        THEN date_trunc('month', d) + (pg_catalog.trunc(n)::integer + 1) * interval '1 month' - interval '1 day'
             + (d - date_trunc('day', d))
        ELSE d + pg_catalog.trunc(n)::integer * interval '1 month'
    END;

CREATE FUNCTION plpolar.last_day(d timestamp) RETURNS timestamp
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN date_trunc('month', d) + interval '1 month - 1 day' + (d - date_trunc('day', d));

-- MONTHS_BETWEEN: whole months when both days of month are equal or both
-- are last days; otherwise the difference in days over 31-day months.
CREATE FUNCTION plpolar.months_between(d1 timestamp, d2 timestamp) RETURNS numeric
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN (extract(year FROM d1) - extract(year FROM d2)) * 12 + extract(month FROM d1) - extract(month FROM d2)
        + CASE
            WHEN extract(day FROM d1) = extract(day FROM d2)
                 OR (plpolar.last_day(date_trunc('day', d1)) = date_trunc('day', d1)
                     AND plpolar.last_day(date_trunc('day', d2)) = date_trunc('day', d2))
            THEN 0
            ELSE pg_catalog.round((extract(day FROM d1) - extract(day FROM d2)
                        + extract(epoch FROM (d1 - date_trunc('day', d1)) - (d2 - date_trunc('day', d2))) / 86400)
                       / 31, 15)
          END;

-- The PostgreSQL field an Oracle date format model truncates or rounds to.
CREATE FUNCTION plpolar.date_unit(fmt text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN CASE upper(fmt)
        WHEN 'SYYYY' THEN 'year' WHEN 'YYYY' THEN 'year' WHEN 'YEAR' THEN 'year' WHEN 'SYEAR' THEN 'year'
        WHEN 'YYY' THEN 'year' WHEN 'YY' THEN 'year' WHEN 'Y' THEN 'year'
        WHEN 'Q' THEN 'quarter'
        WHEN 'MONTH' THEN 'month' WHEN 'MON' THEN 'month' WHEN 'MM' THEN 'month' WHEN 'RM' THEN 'month'
        WHEN 'IW' THEN 'week' WHEN 'WW' THEN 'week'
        WHEN 'DDD' THEN 'day' WHEN 'DD' THEN 'day' WHEN 'J' THEN 'day'
        WHEN 'HH' THEN 'hour' WHEN 'HH12' THEN 'hour' WHEN 'HH24' THEN 'hour'
        WHEN 'MI' THEN 'minute'
    END;

CREATE FUNCTION plpolar.trunc(d timestamp, fmt text DEFAULT 'DD') RETURNS timestamp
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    unit text := plpolar.date_unit(fmt);
BEGIN
    IF unit IS NULL THEN
        RAISE EXCEPTION 'ORA-01899: bad precision specifier' USING ERRCODE = '22007',
            HINT = 'Use YYYY, Q, MM, IW, DD, HH24 or MI.';
    END IF;
    RETURN date_trunc(unit, d);
END
$$;

-- ROUND of a date: to the nearer unit boundary (July 1st rounds a year up,
-- the 16th a month, noon a day).
CREATE FUNCTION plpolar.round(d timestamp, fmt text DEFAULT 'DD') RETURNS timestamp
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    unit text := plpolar.date_unit(fmt);
    low timestamp;
BEGIN
    IF unit IS NULL THEN
        RAISE EXCEPTION 'ORA-01899: bad precision specifier' USING ERRCODE = '22007',
            HINT = 'Use YYYY, Q, MM, IW, DD, HH24 or MI.';
    END IF;
    low := date_trunc(unit, d);
    RETURN CASE unit
        WHEN 'year' THEN CASE WHEN extract(month FROM d) >= 7 THEN low + interval '1 year' ELSE low END
        WHEN 'quarter' THEN CASE WHEN d >= low + interval '1 month 15 days' THEN low + interval '3 months' ELSE low END
        WHEN 'month' THEN CASE WHEN extract(day FROM d) >= 16 THEN low + interval '1 month' ELSE low END
        WHEN 'week' THEN CASE WHEN d >= low + interval '3 days 12 hours' THEN low + interval '7 days' ELSE low END
        WHEN 'day' THEN CASE WHEN d >= low + interval '12 hours' THEN low + interval '1 day' ELSE low END
        WHEN 'hour' THEN CASE WHEN d >= low + interval '30 minutes' THEN low + interval '1 hour' ELSE low END
        ELSE CASE WHEN d >= low + interval '30 seconds' THEN low + interval '1 minute' ELSE low END
    END;
END
$$;

-- TRUNC / ROUND of numbers: PostgreSQL's, present here so that one name
-- serves numbers and dates.
CREATE FUNCTION plpolar.trunc(numeric) RETURNS numeric
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE RETURN pg_catalog.trunc($1);
CREATE FUNCTION plpolar.trunc(numeric, integer) RETURNS numeric
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE RETURN pg_catalog.trunc($1, $2);
CREATE FUNCTION plpolar.trunc(double precision) RETURNS double precision
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE RETURN pg_catalog.trunc($1);
CREATE FUNCTION plpolar.round(numeric) RETURNS numeric
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE RETURN pg_catalog.round($1);
CREATE FUNCTION plpolar.round(numeric, integer) RETURNS numeric
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE RETURN pg_catalog.round($1, $2);
CREATE FUNCTION plpolar.round(double precision) RETURNS double precision
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE RETURN pg_catalog.round($1);

-- Conversions. Without a format, dates use plpolar.nls_date_format (Oracle's
-- NLS_DATE_FORMAT); with one, Oracle's format models are PostgreSQL's for
-- the common elements (YYYY MM DD HH24 MI SS MON FM 9 0 . , ...).
-- Oracle's date format elements PostgreSQL spells differently: RR / RRRR
-- (two-digit years in the nearest century, which is what PostgreSQL's YY
-- does when parsing).
CREATE FUNCTION plpolar.date_format(fmt text) RETURNS text
    AS 'MODULE_PATHNAME', 'plpolar_date_format' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION plpolar.nls_date_format() RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN plpolar.date_format(coalesce(current_setting('plpolar.nls_date_format', true), 'YYYY-MM-DD HH24:MI:SS'));

-- TO_CHAR of a DATE (timestamp(0)) uses NLS_DATE_FORMAT, of a TIMESTAMP
-- (a fractional precision, or LOCALTIMESTAMP, TO_TIMESTAMP, ...)
-- NLS_TIMESTAMP_FORMAT, of a timestamptz NLS_TIMESTAMP_TZ_FORMAT: the C
-- function reads the argument's typmod from the call's expression.
CREATE FUNCTION plpolar.to_char(timestamp) RETURNS text
    AS 'MODULE_PATHNAME', 'plpolar_to_char_timestamp' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION plpolar.to_char(timestamptz) RETURNS text
    AS 'MODULE_PATHNAME', 'plpolar_to_char_timestamptz' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION plpolar.to_char(numeric) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE RETURN pg_catalog.trim_scale($1)::text;
CREATE FUNCTION plpolar.to_char(double precision) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE RETURN $1::text;
CREATE FUNCTION plpolar.to_char(text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE RETURN $1;
CREATE FUNCTION plpolar.to_char(timestamp, text) RETURNS text
    LANGUAGE sql STABLE STRICT PARALLEL SAFE RETURN pg_catalog.to_char($1, plpolar.date_format($2));
CREATE FUNCTION plpolar.to_char(timestamptz, text) RETURNS text
    LANGUAGE sql STABLE STRICT PARALLEL SAFE RETURN pg_catalog.to_char($1, plpolar.date_format($2));
CREATE FUNCTION plpolar.to_char(interval, text) RETURNS text
    LANGUAGE sql STABLE STRICT PARALLEL SAFE RETURN pg_catalog.to_char($1, $2);
CREATE FUNCTION plpolar.to_char(numeric, text) RETURNS text
    LANGUAGE sql STABLE STRICT PARALLEL SAFE RETURN pg_catalog.to_char($1, $2);
CREATE FUNCTION plpolar.to_char(double precision, text) RETURNS text
    LANGUAGE sql STABLE STRICT PARALLEL SAFE RETURN pg_catalog.to_char($1, $2);
CREATE FUNCTION plpolar.to_char(real, text) RETURNS text
    LANGUAGE sql STABLE STRICT PARALLEL SAFE RETURN pg_catalog.to_char($1, $2);
CREATE FUNCTION plpolar.to_char(integer, text) RETURNS text
    LANGUAGE sql STABLE STRICT PARALLEL SAFE RETURN pg_catalog.to_char($1, $2);
CREATE FUNCTION plpolar.to_char(bigint, text) RETURNS text
    LANGUAGE sql STABLE STRICT PARALLEL SAFE RETURN pg_catalog.to_char($1, $2);

-- TO_NUMBER: bad text is Oracle's INVALID_NUMBER (ORA-01722, SQLSTATE 22P02).
CREATE FUNCTION plpolar.to_number(text) RETURNS numeric
    LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURN nullif(pg_catalog.btrim($1), '')::numeric;
CREATE FUNCTION plpolar.to_number(numeric) RETURNS numeric
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE RETURN $1;
CREATE FUNCTION plpolar.to_number(text, text) RETURNS numeric
    LANGUAGE sql STABLE STRICT PARALLEL SAFE RETURN pg_catalog.to_number($1, $2);

CREATE FUNCTION plpolar.to_date(text) RETURNS timestamp(0)
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN pg_catalog.to_timestamp(nullif($1, ''), plpolar.nls_date_format())::timestamp(0);
CREATE FUNCTION plpolar.to_date(text, text) RETURNS timestamp(0)
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN pg_catalog.to_timestamp(nullif($1, ''), plpolar.date_format($2))::timestamp(0);

-- Oracle's TO_TIMESTAMP returns a TIMESTAMP (PostgreSQL's a timestamptz),
-- TO_TIMESTAMP_TZ a TIMESTAMP WITH TIME ZONE; without a format the session's
-- plpolar.nls_timestamp[_tz]_format; '' is NULL. PostgreSQL's
-- to_timestamp(epoch) stays callable.
CREATE FUNCTION plpolar.to_timestamp(text) RETURNS timestamp
    AS 'MODULE_PATHNAME', 'plpolar_to_timestamp' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION plpolar.to_timestamp(text, text) RETURNS timestamp
    AS 'MODULE_PATHNAME', 'plpolar_to_timestamp' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION plpolar.to_timestamp(double precision) RETURNS timestamptz
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE RETURN pg_catalog.to_timestamp($1);
CREATE FUNCTION plpolar.to_timestamp_tz(text) RETURNS timestamptz
    AS 'MODULE_PATHNAME', 'plpolar_to_timestamp_tz' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION plpolar.to_timestamp_tz(text, text) RETURNS timestamptz
    AS 'MODULE_PATHNAME', 'plpolar_to_timestamp_tz' LANGUAGE C STABLE STRICT PARALLEL SAFE;

-- Oracle's one-row table. plpolar code reads FROM DUAL as FROM plpolar.dual.
CREATE VIEW plpolar.dual AS SELECT 'X'::varchar2(1) AS dummy;
GRANT SELECT ON plpolar.dual TO PUBLIC;

-- Logon triggers ---------------------------------------------------------------
-- With plpolar.logon_failure = refuse, a session whose logon triggers fail is
-- refused unless its user is a superuser or a member of this role (Oracle's
-- ADMINISTER DATABASE TRIGGER privilege). Roles belong to the cluster, not to
-- a database: it is created once and stays when the extension is dropped.
DO $role$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname OPERATOR(pg_catalog.=) 'plpolar_administer_database_trigger') THEN
        CREATE ROLE plpolar_administer_database_trigger NOLOGIN;
        COMMENT ON ROLE plpolar_administer_database_trigger IS
            'plpolar: members log in even when a logon trigger fails and plpolar.logon_failure = refuse';
    END IF;
END
$role$;

-- DBMS_ASSERT --------------------------------------------------------------
-- Oracle's DBMS_ASSERT as plpolar.dbms_assert_<member>: plpolar code (PL
-- calls, embedded and dynamic SQL) reaches them as DBMS_ASSERT.<member>
-- (also SYS.DBMS_ASSERT.<member>). Not a schema dbms_assert: orafce creates
-- one, and both extensions may live in a database. Errors carry Oracle's
-- numbers in their text (SQLCODE -44003 etc. in a plpolar handler).

CREATE FUNCTION plpolar.dbms_assert_noop(str text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURN str;

-- Adds the enclosing quotes unless present; quotes inside must be doubled.
CREATE FUNCTION plpolar.dbms_assert_enquote_literal(str text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  inner_text text := str;
BEGIN
  IF str IS NULL THEN
    RETURN '''''';
  END IF;
  IF length(str) >= 2 AND left(str, 1) = '''' AND right(str, 1) = '''' THEN
    inner_text := substr(str, 2, length(str) - 2);
  ELSIF left(str, 1) = '''' OR right(str, 1) = '''' THEN
    inner_text := trim(BOTH '''' FROM str);
  END IF;
  IF replace(inner_text, '''''', '') LIKE '%''%' THEN
    RAISE EXCEPTION USING ERRCODE = '22026', MESSAGE = 'ORA-06502: PL/SQL: numeric or value error',
      DETAIL = 'DBMS_ASSERT.ENQUOTE_LITERAL: a single quote inside the literal is not doubled.';
  END IF;
  RETURN '''' || inner_text || '''';
END
$$;

-- Encloses in double quotes unless quoted; upper case unless quoted or
-- capitalize is false (Oracle's default identifier case).
CREATE FUNCTION plpolar.dbms_assert_enquote_name(str text, capitalize boolean DEFAULT true) RETURNS text
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  name text := coalesce(str, '');
BEGIN
  IF name ~ '^".*"$' AND length(name) >= 2 THEN
    IF replace(substr(name, 2, length(name) - 2), '""', '') LIKE '%"%' OR length(name) = 2 THEN
      RAISE EXCEPTION USING ERRCODE = '42602', MESSAGE = 'ORA-44003: invalid SQL name';
    END IF;
    RETURN name;
  END IF;
  IF name = '' OR name LIKE '%"%' THEN
    RAISE EXCEPTION USING ERRCODE = '42602', MESSAGE = 'ORA-44003: invalid SQL name';
  END IF;
  RETURN '"' || CASE WHEN capitalize THEN upper(name) ELSE name END || '"';
END
$$;

-- A simple SQL name: letter then letters, digits, _ $ #; or "quoted".
-- Blanks around it are allowed; the input is returned as given.
CREATE FUNCTION plpolar.dbms_assert_simple_sql_name(str text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF str IS NULL OR str !~ '^\s*([[:alpha:]][[:alnum:]_$#]*|"([^"]|"")+")\s*$' THEN
    RAISE EXCEPTION USING ERRCODE = '42602', MESSAGE = 'ORA-44003: invalid SQL name';
  END IF;
  RETURN str;
END
$$;

-- Simple names separated by dots, optionally @ a database link name.
CREATE FUNCTION plpolar.dbms_assert_qualified_sql_name(str text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  simple constant text := '\s*([[:alpha:]][[:alnum:]_$#]*|"([^"]|"")+")\s*';
BEGIN
  IF str IS NULL OR str !~ ('^' || simple || '(\.' || simple || ')*(@' || simple || '(\.' || simple || ')*)?$') THEN
    RAISE EXCEPTION USING ERRCODE = '42602', MESSAGE = 'ORA-44004: invalid qualified SQL name';
  END IF;
  RETURN str;
END
$$;

-- An existing schema: as written ("Quoted" or lower case), or folded to
-- lower case as PostgreSQL folds unquoted names.
CREATE FUNCTION plpolar.dbms_assert_schema_name(str text) RETURNS text
    LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF str IS NULL OR NOT EXISTS (SELECT FROM pg_catalog.pg_namespace
                                WHERE nspname OPERATOR(pg_catalog.=) str
                                   OR nspname OPERATOR(pg_catalog.=) lower(str)
                                   OR (str ~ '^".*"$' AND nspname OPERATOR(pg_catalog.=) replace(substr(str, 2, length(str) - 2), '""', '"'))) THEN
    RAISE EXCEPTION USING ERRCODE = '3F000', MESSAGE = 'ORA-44001: invalid schema';
  END IF;
  RETURN str;
END
$$;

-- A qualified name of an existing table, view, sequence, function,
-- procedure or type, resolved as PostgreSQL resolves names: through the
-- caller's search_path, unquoted names folded. A SQL-standard body (parsed
-- here, so it resolves none of its own names through that path) that
-- checks the name's form before asking the catalog.
-- Volatile: the planner would otherwise evaluate it with a constant
-- argument in a CASE branch that is never taken.
CREATE FUNCTION plpolar.dbms_assert_invalid_object_name(str text) RETURNS text
    LANGUAGE plpgsql VOLATILE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  RAISE EXCEPTION USING ERRCODE = '42602', MESSAGE = 'ORA-44002: invalid object name',
    DETAIL = format('No table, view, sequence, routine or type is named %s.', coalesce(str, 'NULL'));
END
$$;
CREATE FUNCTION plpolar.dbms_assert_sql_object_name(str text) RETURNS text
    LANGUAGE sql VOLATILE PARALLEL SAFE
RETURN CASE
  WHEN str IS NULL OR str !~ '^\s*([[:alpha:]][[:alnum:]_$#]*|"([^"]|"")+")(\s*\.\s*([[:alpha:]][[:alnum:]_$#]*|"([^"]|"")+")){0,2}\s*$'
    THEN plpolar.dbms_assert_invalid_object_name(str)
  WHEN to_regclass(str) IS NOT NULL OR to_regproc(str) IS NOT NULL OR to_regtype(str) IS NOT NULL THEN str
  ELSE plpolar.dbms_assert_invalid_object_name(str)
END;

-- Packages ------------------------------------------------------------------
-- CREATE PACKAGE through plpolar.exec: a package is a schema of its name
-- holding its public subprograms as LANGUAGE plpolar routines; their code is
-- the package's, whose specification and body are one row here. A
-- configuration table, so that pg_dump carries the sources with the schema.
-- Rows are written only by plpolar.exec (with the table owner's rights,
-- after checking that the caller owns the package's schema); anyone may read
-- them, as anyone may read pg_proc.prosrc.
CREATE SEQUENCE plpolar.package_versions;
CREATE TABLE plpolar.packages (
    name name PRIMARY KEY,       -- the package's schema
    owner name NOT NULL,         -- its creator
    definer boolean NOT NULL,    -- AUTHID DEFINER (Oracle's default)
    search_path text NOT NULL,   -- definer rights: the creator's path, pinned
    spec text NOT NULL,          -- from IS / AS to END [name];
    spec_line integer NOT NULL,  -- script line of the spec's IS / AS when created
    body text,                   -- NULL: no body yet
    body_line integer NOT NULL,
    version bigint NOT NULL,     -- new on every change
    -- An object type's row (version 1.9): the composite type, qualified; its
    -- methods are the package's subprograms, spec and body its CREATE TYPE
    -- and CREATE TYPE BODY sources (handler/exec_object_type.cpp).
    object_type text
);
SELECT pg_catalog.pg_extension_config_dump('plpolar.packages', '');
REVOKE ALL ON plpolar.packages FROM PUBLIC;
GRANT SELECT ON plpolar.packages TO PUBLIC;
REVOKE ALL ON SEQUENCE plpolar.package_versions FROM PUBLIC;

-- Oracle's ALL_SOURCE / USER_SOURCE: package and object type specifications
-- and bodies, and the standalone plpolar functions and procedures, line by line.
CREATE VIEW plpolar.all_source AS
    SELECT p.owner AS owner, p.name AS name,
           CASE WHEN p.object_type IS NULL THEN 'PACKAGE' ELSE 'TYPE' END::pg_catalog.text AS type,
           l.line::integer AS line, l.text AS text
      FROM plpolar.packages p,
           pg_catalog.regexp_split_to_table(p.spec, E'\n') WITH ORDINALITY AS l(text, line)
    UNION ALL
    SELECT p.owner, p.name, CASE WHEN p.object_type IS NULL THEN 'PACKAGE BODY' ELSE 'TYPE BODY' END,
           l.line::integer, l.text
      FROM plpolar.packages p,
           pg_catalog.regexp_split_to_table(p.body, E'\n') WITH ORDINALITY AS l(text, line)
     WHERE p.body IS NOT NULL
    UNION ALL
    SELECT r.rolname, f.proname,
           CASE WHEN f.prokind OPERATOR(pg_catalog.=) 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END,
           l.line::integer, l.text
      FROM pg_catalog.pg_proc f
      JOIN pg_catalog.pg_language g ON g.oid OPERATOR(pg_catalog.=) f.prolang
      JOIN pg_catalog.pg_roles r ON r.oid OPERATOR(pg_catalog.=) f.proowner,
           pg_catalog.regexp_split_to_table(f.prosrc, E'\n') WITH ORDINALITY AS l(text, line)
     WHERE g.lanname OPERATOR(pg_catalog.=) 'plpolar'
       AND NOT pg_catalog.starts_with(f.prosrc, '-- plpolar package member:');
CREATE VIEW plpolar.user_source AS
    SELECT name, type, line, text FROM plpolar.all_source
     WHERE owner OPERATOR(pg_catalog.=) CURRENT_USER;
GRANT SELECT ON plpolar.all_source, plpolar.user_source TO PUBLIC;

-- Collections -----------------------------------------------------------------
-- The values of PL/SQL collection variables (TABLE OF, VARRAY, INDEX BY),
-- made and read by PL/polar code only: its input function refuses text.
CREATE TYPE plpolar.collection;
CREATE FUNCTION plpolar.collection_in(cstring) RETURNS plpolar.collection
    AS 'MODULE_PATHNAME', 'plpolar_collection_in' LANGUAGE C STRICT IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION plpolar.collection_out(plpolar.collection) RETURNS cstring
    AS 'MODULE_PATHNAME', 'plpolar_collection_out' LANGUAGE C STRICT STABLE PARALLEL SAFE;
CREATE TYPE plpolar.collection (
    INPUT = plpolar.collection_in,
    OUTPUT = plpolar.collection_out,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = extended
);
COMMENT ON TYPE plpolar.collection IS 'a PL/polar collection value (nested table, varray or associative array)';

-- Oracle's session context and event attributes -----------------------------
-- SYS_CONTEXT('USERENV', parameter [, length]): the session's facts as
-- Oracle names them (ORA-02003 for a parameter Oracle does not define);
-- another namespace (an application context) without a value is NULL.
-- Usable in views and row-level security policies; plpolar code calls it
-- unqualified. Session state: never parallel safe.
CREATE FUNCTION plpolar.sys_context(namespace text, parameter text) RETURNS text
    AS 'MODULE_PATHNAME', 'plpolar_sys_context' LANGUAGE C STABLE PARALLEL RESTRICTED;
CREATE FUNCTION plpolar.sys_context(namespace text, parameter text, length integer) RETURNS text
    AS 'MODULE_PATHNAME', 'plpolar_sys_context' LANGUAGE C STABLE PARALLEL RESTRICTED;
COMMENT ON FUNCTION plpolar.sys_context(text, text) IS 'Oracle''s SYS_CONTEXT: USERENV parameters of the session, application context values';
-- Event attribute functions: the event trigger running (a logon or logoff
-- trigger in either spelling, a DDL event trigger written in plpolar).
CREATE FUNCTION plpolar.ora_sysevent() RETURNS text
    AS 'MODULE_PATHNAME', 'plpolar_ora_sysevent' LANGUAGE C STABLE PARALLEL RESTRICTED;
CREATE FUNCTION plpolar.ora_login_user() RETURNS text
    AS 'MODULE_PATHNAME', 'plpolar_ora_login_user' LANGUAGE C STABLE PARALLEL RESTRICTED;
CREATE FUNCTION plpolar.ora_client_ip_address() RETURNS text
    AS 'MODULE_PATHNAME', 'plpolar_ora_client_ip_address' LANGUAGE C STABLE PARALLEL RESTRICTED;
CREATE FUNCTION plpolar.ora_database_name() RETURNS text
    AS 'MODULE_PATHNAME', 'plpolar_ora_database_name' LANGUAGE C STABLE PARALLEL RESTRICTED;
CREATE FUNCTION plpolar.ora_instance_num() RETURNS integer
    AS 'MODULE_PATHNAME', 'plpolar_ora_instance_num' LANGUAGE C STABLE PARALLEL RESTRICTED;
CREATE FUNCTION plpolar.ora_dict_obj_name() RETURNS text
    AS 'MODULE_PATHNAME', 'plpolar_ora_dict_obj_name' LANGUAGE C STABLE PARALLEL RESTRICTED;
CREATE FUNCTION plpolar.ora_dict_obj_type() RETURNS text
    AS 'MODULE_PATHNAME', 'plpolar_ora_dict_obj_type' LANGUAGE C STABLE PARALLEL RESTRICTED;
CREATE FUNCTION plpolar.ora_dict_obj_owner() RETURNS text
    AS 'MODULE_PATHNAME', 'plpolar_ora_dict_obj_owner' LANGUAGE C STABLE PARALLEL RESTRICTED;
-- DBMS_APPLICATION_INFO and DBMS_SESSION.SET_IDENTIFIER as Oracle code
-- calls them (also CALL from SQL): the module is also application_name.
CREATE SCHEMA dbms_application_info;
COMMENT ON SCHEMA dbms_application_info IS 'Oracle''s DBMS_APPLICATION_INFO (plpolar)';
CREATE PROCEDURE dbms_application_info.set_module(module_name text, action_name text)
    AS 'MODULE_PATHNAME', 'plpolar_set_module' LANGUAGE C;
CREATE PROCEDURE dbms_application_info.set_action(action_name text)
    AS 'MODULE_PATHNAME', 'plpolar_set_action' LANGUAGE C;
CREATE PROCEDURE dbms_application_info.set_client_info(client_info text)
    AS 'MODULE_PATHNAME', 'plpolar_set_client_info' LANGUAGE C;
CREATE PROCEDURE dbms_application_info.read_module(OUT module_name text, OUT action_name text)
    AS 'MODULE_PATHNAME', 'plpolar_read_module' LANGUAGE C;
CREATE PROCEDURE dbms_application_info.read_client_info(OUT client_info text)
    AS 'MODULE_PATHNAME', 'plpolar_read_client_info' LANGUAGE C;
CREATE SCHEMA dbms_session;
COMMENT ON SCHEMA dbms_session IS 'Oracle''s DBMS_SESSION (plpolar)';
CREATE PROCEDURE dbms_session.set_identifier(client_id text)
    AS 'MODULE_PATHNAME', 'plpolar_set_identifier' LANGUAGE C;
CREATE PROCEDURE dbms_session.clear_identifier()
    AS 'MODULE_PATHNAME', 'plpolar_set_identifier' LANGUAGE C;
GRANT USAGE ON SCHEMA dbms_application_info, dbms_session TO PUBLIC;
-- Application contexts: CREATE CONTEXT ns USING [schema.]unit (through
-- plpolar.exec) names the one unit, a package or a procedure, whose code
-- may set the namespace's attributes with DBMS_SESSION.SET_CONTEXT; the
-- values are the session's, read with SYS_CONTEXT(ns, attribute).
-- Superusers create and drop them (Oracle's CREATE ANY CONTEXT); the rows
-- are dumped with the database.
CREATE TABLE plpolar.contexts (
    namespace text PRIMARY KEY,  -- upper case
    schema text NOT NULL,        -- the unit's schema (a standalone procedure's)
    unit text NOT NULL           -- the package or procedure
);
SELECT pg_catalog.pg_extension_config_dump('plpolar.contexts', '');
REVOKE ALL ON plpolar.contexts FROM PUBLIC;
GRANT SELECT ON plpolar.contexts TO PUBLIC;
CREATE FUNCTION plpolar.create_context(namespace text, schema text, unit text, replace boolean) RETURNS void
    AS 'MODULE_PATHNAME', 'plpolar_create_context' LANGUAGE C STRICT VOLATILE;
CREATE FUNCTION plpolar.drop_context(namespace text) RETURNS void
    AS 'MODULE_PATHNAME', 'plpolar_drop_context' LANGUAGE C STRICT VOLATILE;
-- Oracle's SESSION_CONTEXT view: the session's application context values.
CREATE FUNCTION plpolar.session_context_values(OUT namespace text, OUT attribute text, OUT value text)
    RETURNS SETOF record AS 'MODULE_PATHNAME', 'plpolar_session_context' LANGUAGE C VOLATILE PARALLEL RESTRICTED;
CREATE VIEW plpolar.session_context AS SELECT namespace, attribute, value FROM plpolar.session_context_values();
GRANT SELECT ON plpolar.session_context TO PUBLIC;
-- Oracle's DBMS_SESSION.SET_ROLE (and SET ROLE through plpolar.exec and
-- EXECUTE IMMEDIATE): one granted role, ALL or NONE; in a logon trigger it
-- takes effect when the triggers finish.
CREATE PROCEDURE dbms_session.set_role(role_cmd text)
    AS 'MODULE_PATHNAME', 'plpolar_set_role' LANGUAGE C;
-- ALTER SESSION SET CURRENT_SCHEMA (plpolar.exec, EXECUTE IMMEDIATE): the
-- search_path, once the logon triggers have finished if they run.
CREATE FUNCTION plpolar.set_current_schema(schema text) RETURNS void
    AS 'MODULE_PATHNAME', 'plpolar_set_current_schema' LANGUAGE C STRICT VOLATILE;

-- The plpolar client program (bindir/plpolar) runs Oracle scripts with
-- SQL*Plus habits; queries whose rows it prints, and the errors it reports,
-- go through the same translations as plpolar.exec and PL code.
CREATE FUNCTION plpolar.translate_sql(statement text) RETURNS text
    AS 'MODULE_PATHNAME', 'plpolar_translate_sql' LANGUAGE C STRICT STABLE;
COMMENT ON FUNCTION plpolar.translate_sql(text) IS 'the PostgreSQL form of an Oracle query or DML statement, as plpolar.exec runs it';
CREATE FUNCTION plpolar.oracle_message(sqlstate text, message text, schema_name text DEFAULT NULL,
                                       table_name text DEFAULT NULL, column_name text DEFAULT NULL,
                                       constraint_name text DEFAULT NULL) RETURNS text
    AS 'MODULE_PATHNAME', 'plpolar_oracle_message' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION plpolar.oracle_message(text, text, text, text, text, text) IS 'the Oracle text of an error (what SQLERRM shows in a handler): ORA-nnnnn: ..., or PG-<sqlstate>: ... without an Oracle number';

-- Oracle's disabled constraints. PostgreSQL has none, so ALTER TABLE ...
-- DISABLE CONSTRAINT c (through plpolar.exec and EXECUTE IMMEDIATE) drops the
-- constraint and keeps its definition here, and ENABLE [NOVALIDATE]
-- CONSTRAINT c adds it back (checking the rows, or NOT VALID): what install
-- scripts do around a data load. Rows are the session user's business only
-- for tables their role may alter (row-level security on the owner), so
-- nobody can plant a definition for another's table; they belong to the
-- table's OID and are not dumped (a disabled constraint is a load's state).
CREATE TABLE plpolar.disabled_constraints (
    table_oid oid NOT NULL,
    constraint_name name NOT NULL,
    contype "char" NOT NULL,
    definition text NOT NULL,  -- pg_get_constraintdef, names qualified
    PRIMARY KEY (table_oid, constraint_name)
);
ALTER TABLE plpolar.disabled_constraints ENABLE ROW LEVEL SECURITY;
CREATE POLICY table_owner ON plpolar.disabled_constraints USING (
    pg_catalog.pg_has_role(CURRENT_USER,
                           (SELECT c.relowner FROM pg_catalog.pg_class c
                             WHERE c.oid OPERATOR(pg_catalog.=) table_oid), 'USAGE'));
GRANT SELECT, INSERT, DELETE ON plpolar.disabled_constraints TO PUBLIC;

CREATE FUNCTION plpolar.disable_constraint(tab regclass, name text, cascade boolean DEFAULT false) RETURNS void
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    con record;
    dep record;
BEGIN
    -- Oracle's ORA-01031 before PostgreSQL's "must be owner".
    IF NOT pg_catalog.pg_has_role(CURRENT_USER, (SELECT c.relowner FROM pg_catalog.pg_class c
                                                  WHERE c.oid OPERATOR(pg_catalog.=) tab), 'USAGE') THEN
        RAISE EXCEPTION 'ORA-01031: insufficient privileges' USING ERRCODE = '42501',
              DETAIL = format('Only the owner of table %s disables its constraints.', tab);
    END IF;
    -- Rows of tables dropped since (only a superuser sees those of others).
    DELETE FROM plpolar.disabled_constraints d
     WHERE NOT EXISTS (SELECT FROM pg_catalog.pg_class c WHERE c.oid OPERATOR(pg_catalog.=) d.table_oid);
    -- NULL: the primary key (DISABLE PRIMARY KEY)
    SELECT c.oid, c.conname, c.contype, c.conindid, pg_catalog.pg_get_constraintdef(c.oid) AS def INTO con
      FROM pg_catalog.pg_constraint c
     WHERE c.conrelid OPERATOR(pg_catalog.=) tab
       AND (CASE WHEN name IS NULL THEN c.contype OPERATOR(pg_catalog.=) 'p'
                 ELSE c.conname OPERATOR(pg_catalog.=) name END);
    IF NOT FOUND THEN
        -- Disabled already: Oracle says nothing either.
        IF EXISTS (SELECT FROM plpolar.disabled_constraints d
                    WHERE d.table_oid OPERATOR(pg_catalog.=) tab
                      AND (CASE WHEN name IS NULL THEN d.contype OPERATOR(pg_catalog.=) 'p'
                                ELSE d.constraint_name OPERATOR(pg_catalog.=) name END)) THEN
            RETURN;
        END IF;
        RAISE EXCEPTION 'ORA-02431: cannot disable constraint (%) - no such constraint',
                        coalesce(name, 'primary key of ' || tab::text)
              USING ERRCODE = '42704',
                    HINT = 'A named NOT NULL constraint is the column''s NOT NULL here: ALTER TABLE ... MODIFY (column NULL) lifts it.';
    END IF;
    -- A key that foreign keys reference: Oracle's CASCADE disables them too.
    FOR dep IN SELECT f.conrelid::regclass AS tab, f.conname FROM pg_catalog.pg_constraint f
                WHERE f.contype OPERATOR(pg_catalog.=) 'f' AND f.confrelid OPERATOR(pg_catalog.=) tab
                  AND con.contype IN ('p', 'u') AND f.conindid OPERATOR(pg_catalog.=) con.conindid LOOP
        IF NOT cascade THEN
            RAISE EXCEPTION 'ORA-02297: cannot disable constraint (%) - dependencies exist', con.conname
                  USING ERRCODE = '2BP01', DETAIL = format('Foreign key %s of %s references it.', dep.conname, dep.tab),
                        HINT = 'DISABLE CONSTRAINT ... CASCADE disables the foreign keys too.';
        END IF;
        PERFORM plpolar.disable_constraint(dep.tab, dep.conname);
    END LOOP;
    DELETE FROM plpolar.disabled_constraints d
     WHERE d.table_oid OPERATOR(pg_catalog.=) tab AND d.constraint_name OPERATOR(pg_catalog.=) con.conname;
    INSERT INTO plpolar.disabled_constraints VALUES (tab, con.conname, con.contype, con.def);
    EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', tab, con.conname);
END
$$;
COMMENT ON FUNCTION plpolar.disable_constraint(regclass, text, boolean) IS 'Oracle''s ALTER TABLE ... DISABLE CONSTRAINT: drops the constraint, keeping its definition for enable_constraint';

CREATE FUNCTION plpolar.enable_constraint(tab regclass, name text, validate boolean DEFAULT true) RETURNS void
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    d record;
    def text;
BEGIN
    IF NOT pg_catalog.pg_has_role(CURRENT_USER, (SELECT c.relowner FROM pg_catalog.pg_class c
                                                  WHERE c.oid OPERATOR(pg_catalog.=) tab), 'USAGE') THEN
        RAISE EXCEPTION 'ORA-01031: insufficient privileges' USING ERRCODE = '42501',
              DETAIL = format('Only the owner of table %s enables its constraints.', tab);
    END IF;
    SELECT * INTO d FROM plpolar.disabled_constraints x
     WHERE x.table_oid OPERATOR(pg_catalog.=) tab
       AND (CASE WHEN name IS NULL THEN x.contype OPERATOR(pg_catalog.=) 'p'
                 ELSE x.constraint_name OPERATOR(pg_catalog.=) name END);
    IF NOT FOUND THEN
        -- Enabled already.
        IF EXISTS (SELECT FROM pg_catalog.pg_constraint c
                    WHERE c.conrelid OPERATOR(pg_catalog.=) tab
                      AND (CASE WHEN name IS NULL THEN c.contype OPERATOR(pg_catalog.=) 'p'
                                ELSE c.conname OPERATOR(pg_catalog.=) name END)) THEN
            RETURN;
        END IF;
        RAISE EXCEPTION 'ORA-02430: cannot enable constraint (%) - no such constraint',
                        coalesce(name, 'primary key of ' || tab::text) USING ERRCODE = '42704';
    END IF;
    def := pg_catalog.regexp_replace(d.definition, ' NOT VALID$', '');
    -- ENABLE NOVALIDATE: the rows there are not checked, new ones are.
    IF NOT validate AND d.contype IN ('f', 'c') THEN
        def := def OPERATOR(pg_catalog.||) ' NOT VALID';
    END IF;
    BEGIN
        EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I %s', tab, d.constraint_name, def);
    EXCEPTION
        WHEN foreign_key_violation THEN
            RAISE EXCEPTION 'ORA-02298: cannot validate (%) - parent keys not found', d.constraint_name
                  USING ERRCODE = '23503', DETAIL = SQLERRM;
        WHEN check_violation THEN
            RAISE EXCEPTION 'ORA-02293: cannot validate (%) - check constraint violated', d.constraint_name
                  USING ERRCODE = '23514', DETAIL = SQLERRM;
        WHEN unique_violation THEN
            RAISE EXCEPTION 'ORA-02437: cannot validate (%) - primary key violated', d.constraint_name
                  USING ERRCODE = '23505', DETAIL = SQLERRM;
        WHEN not_null_violation THEN
            RAISE EXCEPTION 'ORA-02296: cannot enable (%) - null values found', d.constraint_name
                  USING ERRCODE = '23502', DETAIL = SQLERRM;
    END;
    DELETE FROM plpolar.disabled_constraints x
     WHERE x.table_oid OPERATOR(pg_catalog.=) tab AND x.constraint_name OPERATOR(pg_catalog.=) d.constraint_name;
END
$$;
COMMENT ON FUNCTION plpolar.enable_constraint(regclass, text, boolean) IS 'Oracle''s ALTER TABLE ... ENABLE [NOVALIDATE] CONSTRAINT: adds a disabled constraint back';
