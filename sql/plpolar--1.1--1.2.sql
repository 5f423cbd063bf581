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
