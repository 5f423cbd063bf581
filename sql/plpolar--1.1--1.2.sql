-- plpolar 1.1 -> 1.2
\echo Use "ALTER EXTENSION plpolar UPDATE TO '1.2'" to load this file. \quit

-- Every object added or changed in 1.2 is created here exactly as
-- sql/plpolar--1.2.sql creates it (the regression test upgrade compares both).

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
