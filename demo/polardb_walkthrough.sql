-- PolarDB's logon/logoff audit, written the Oracle way. Fed to
-- plpolar.exec() (stock psql cannot take the Oracle form directly):
--   \set src `cat demo/polardb_walkthrough.sql`
--   SELECT * FROM plpolar.exec(:'src');
CREATE SCHEMA polar_loginout;
CREATE TABLE polar_loginout.users_log (
  id serial, user_name VARCHAR2(64), database_name VARCHAR2(64), event VARCHAR2(64),
  client_ip VARCHAR2(64), tag VARCHAR2(64), instance_num int);

CREATE FUNCTION sample_event_trigger RETURN event_trigger IS BEGIN
  INSERT INTO polar_loginout.users_log (user_name, database_name, event, client_ip, tag, instance_num)
  VALUES (polar_login_user, polar_database_name, tg_event, polar_client_ip, tg_tag, polar_instance_num);
END;

CREATE EVENT TRIGGER login_event_trigger ON after_user_logon EXECUTE PROCEDURE public.sample_event_trigger();
CREATE EVENT TRIGGER logout_event_trigger ON before_user_logoff EXECUTE PROCEDURE public.sample_event_trigger();
