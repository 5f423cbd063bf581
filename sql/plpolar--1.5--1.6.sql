-- plpolar 1.5 -> 1.6
\echo Use "ALTER EXTENSION plpolar UPDATE TO '1.6'" to load this file. \quit

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
COMMENT ON FUNCTION plpolar.sys_context(text, text) IS 'Oracle''s SYS_CONTEXT: USERENV parameters of the session, application context values';
-- Oracle's DBMS_SESSION.SET_ROLE (and SET ROLE through plpolar.exec and
-- EXECUTE IMMEDIATE): one granted role, ALL or NONE; in a logon trigger it
-- takes effect when the triggers finish.
CREATE PROCEDURE dbms_session.set_role(role_cmd text)
    AS 'MODULE_PATHNAME', 'plpolar_set_role' LANGUAGE C;
-- ALTER SESSION SET CURRENT_SCHEMA (plpolar.exec, EXECUTE IMMEDIATE): the
-- search_path, once the logon triggers have finished if they run.
CREATE FUNCTION plpolar.set_current_schema(schema text) RETURNS void
    AS 'MODULE_PATHNAME', 'plpolar_set_current_schema' LANGUAGE C STRICT VOLATILE;
