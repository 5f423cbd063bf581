-- plpolar 1.4 -> 1.5
\echo Use "ALTER EXTENSION plpolar UPDATE TO '1.5'" to load this file. \quit

-- Every object added in 1.5 is created here exactly as sql/plpolar--1.5.sql
-- creates it (the regression test upgrade compares both).

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
COMMENT ON FUNCTION plpolar.sys_context(text, text) IS 'Oracle''s SYS_CONTEXT: USERENV parameters of the session';
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
