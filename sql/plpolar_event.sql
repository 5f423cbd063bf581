-- Session variables and event-trigger functions.

-- polar_login_user, polar_database_name, polar_client_ip, polar_instance_num
-- in every plpolar function, read-only.
CREATE FUNCTION session_facts() RETURNS text LANGUAGE plpolar AS $$
BEGIN
  RETURN (polar_login_user = session_user) || ' ' || (polar_database_name = current_database()) || ' '
      || coalesce(polar_client_ip = host(inet_client_addr()), polar_client_ip IS NULL AND inet_client_addr() IS NULL)
      || ' ' || polar_instance_num || ' ' || pg_typeof(polar_instance_num);
END;
$$;
SELECT session_facts();
-- In embedded SQL too.
CREATE TABLE session_log (login_user text, db text, instance int);
CREATE FUNCTION log_session() RETURNS bigint LANGUAGE plpolar AS $$
BEGIN
  INSERT INTO session_log VALUES (polar_login_user, polar_database_name, polar_instance_num);
  RETURN SQL%ROWCOUNT;
END;
$$;
SELECT log_session();
SELECT login_user = session_user AS user_ok, db = current_database() AS db_ok, instance FROM session_log;
-- They cannot be assigned, but a local declaration may shadow them.
CREATE FUNCTION assign_session() RETURNS int LANGUAGE plpolar AS $$
BEGIN
  polar_instance_num := 5;
  RETURN 1;
END;
$$;
CREATE FUNCTION shadow_session() RETURNS int LANGUAGE plpolar AS $$
DECLARE
  polar_instance_num PLS_INTEGER := 42;
BEGIN
  RETURN polar_instance_num;
END;
$$;
SELECT shadow_session();
-- The instance number comes from plpolar.instance_num (superuser-only, reload).
SHOW plpolar.instance_num;
SET plpolar.instance_num = 3;

-- Event trigger functions in plpolar, fired by PostgreSQL's own events.
CREATE TABLE ddl_log (event text, tag text, login_user_ok boolean);
CREATE FUNCTION log_ddl() RETURNS event_trigger LANGUAGE plpolar AS $$
BEGIN
  INSERT INTO ddl_log VALUES (tg_event, tg_tag, polar_login_user = session_user);
END;
$$;
CREATE EVENT TRIGGER log_ddl_start ON ddl_command_start EXECUTE FUNCTION log_ddl();
CREATE EVENT TRIGGER log_ddl_end ON ddl_command_end EXECUTE PROCEDURE log_ddl();
CREATE EVENT TRIGGER log_drop ON sql_drop EXECUTE FUNCTION log_ddl();
CREATE EVENT TRIGGER log_rewrite ON table_rewrite EXECUTE FUNCTION log_ddl();
CREATE TABLE ev_target (a int);
ALTER TABLE ev_target ALTER COLUMN a TYPE bigint;
DROP TABLE ev_target;
DROP EVENT TRIGGER log_ddl_start;
DROP EVENT TRIGGER log_ddl_end;
DROP EVENT TRIGGER log_drop;
DROP EVENT TRIGGER log_rewrite;
SELECT * FROM ddl_log;
-- tg_event and tg_tag are read-only.
CREATE FUNCTION ev_assign() RETURNS event_trigger LANGUAGE plpolar AS $$
BEGIN
  tg_tag := 'x';
END;
$$;
-- Calling an event trigger function directly is refused.
SELECT log_ddl();
-- An event trigger function returns no value.
CREATE FUNCTION ev_value() RETURNS event_trigger LANGUAGE plpolar AS $$
BEGIN
  RETURN 1;
END;
$$;
