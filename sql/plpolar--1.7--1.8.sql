-- plpolar 1.7 -> 1.8
\echo Use "ALTER EXTENSION plpolar UPDATE TO '1.8'" to load this file. \quit

-- Oracle's NLS_TIMESTAMP_FORMAT and NLS_TIMESTAMP_TZ_FORMAT (version 1.8):
-- plpolar.nls_timestamp_format / plpolar.nls_timestamp_tz_format, which
-- ALTER SESSION SET sets (src/types/datetime.c).
-- Format models in C, with Oracle's FF, FF7-FF9, X, TZR, TZD and SSSSS
-- besides RR / RRRR: every conversion with or without a format uses it.
CREATE OR REPLACE FUNCTION plpolar.date_format(fmt text) RETURNS text
    AS 'MODULE_PATHNAME', 'plpolar_date_format' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
-- TO_CHAR of a DATE (timestamp(0)) uses NLS_DATE_FORMAT, of a TIMESTAMP
-- (a fractional precision, or LOCALTIMESTAMP, TO_TIMESTAMP, ...)
-- NLS_TIMESTAMP_FORMAT: the C function reads the argument's typmod from
-- the call's expression, which a SQL function cannot.
CREATE OR REPLACE FUNCTION plpolar.to_char(timestamp) RETURNS text
    AS 'MODULE_PATHNAME', 'plpolar_to_char_timestamp' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION plpolar.to_char(timestamptz) RETURNS text
    AS 'MODULE_PATHNAME', 'plpolar_to_char_timestamptz' LANGUAGE C STABLE STRICT PARALLEL SAFE;
-- Oracle's TO_TIMESTAMP returns a TIMESTAMP (PostgreSQL's a timestamptz),
-- TO_TIMESTAMP_TZ a TIMESTAMP WITH TIME ZONE; without a format the session's
-- NLS format; '' is NULL. PostgreSQL's to_timestamp(epoch) stays callable.
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
