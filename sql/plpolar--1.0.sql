-- plpolar 1.0: language, VARCHAR2 type.
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
