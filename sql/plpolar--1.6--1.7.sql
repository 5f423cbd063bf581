-- plpolar 1.6 -> 1.7
\echo Use "ALTER EXTENSION plpolar UPDATE TO '1.7'" to load this file. \quit

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
