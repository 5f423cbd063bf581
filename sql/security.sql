-- Security: the README's audit example protects its table, and a user who
-- puts objects earlier in the search_path cannot redirect or tamper with
-- the audit insert; values reach SQL as data, never as SQL text.
CREATE SCHEMA audit;
CREATE TABLE audit.users_log (user_name text, event text, pid int, at timestamptz DEFAULT clock_timestamp());
REVOKE ALL ON SCHEMA audit FROM PUBLIC;
REVOKE ALL ON audit.users_log FROM PUBLIC;
-- Definer rights and a fixed search_path: the insert goes where the
-- definer meant, whatever the logging-in user's path says.
CREATE FUNCTION audit.log_session() RETURNS event_trigger LANGUAGE plpolar
SECURITY DEFINER SET search_path = pg_catalog, audit AS $$
BEGIN
  INSERT INTO users_log (user_name, event, pid) VALUES (polar_login_user, tg_event, pg_backend_pid());
END;
$$;
REVOKE ALL ON FUNCTION audit.log_session() FROM PUBLIC;
CREATE EVENT TRIGGER sec_logon ON after_user_logon EXECUTE FUNCTION audit.log_session();
CREATE EVENT TRIGGER sec_logoff ON before_user_logoff EXECUTE FUNCTION audit.log_session();

CREATE ROLE plpolar_mallory LOGIN PASSWORD 'plpolar_mallory';
CREATE SCHEMA mallory AUTHORIZATION plpolar_mallory;
ALTER ROLE plpolar_mallory SET search_path = mallory, public, pg_catalog;
GRANT CONNECT ON DATABASE contrib_regression TO plpolar_mallory;

SET ROLE plpolar_mallory;
-- cannot read, change or delete audit rows
SELECT count(*) FROM audit.users_log;
INSERT INTO audit.users_log VALUES ('forged', 'after_user_logon', 0);
UPDATE audit.users_log SET user_name = 'someone else';
DELETE FROM audit.users_log;
TRUNCATE audit.users_log;
-- cannot replace, alter or call the audit function, nor touch the triggers
CREATE OR REPLACE FUNCTION audit.log_session() RETURNS event_trigger LANGUAGE plpolar AS $$ BEGIN NULL; END; $$;
ALTER FUNCTION audit.log_session() SECURITY INVOKER;
ALTER EVENT TRIGGER sec_logon DISABLE;
DROP EVENT TRIGGER sec_logoff;
SET plpolar.enable_session_triggers = off;
-- lays traps in its own schema, first in its search_path
CREATE TABLE mallory.users_log (user_name text, event text, pid int, at timestamptz);
CREATE FUNCTION mallory.pg_backend_pid() RETURNS int LANGUAGE sql AS 'SELECT -1';
CREATE FUNCTION mallory.clock_timestamp() RETURNS timestamptz LANGUAGE sql AS $$SELECT '2000-01-01'::timestamptz$$;
RESET ROLE;

-- mallory logs in and out with a real connection
\! PGPASSWORD=plpolar_mallory psql -X -q -At -U plpolar_mallory -d contrib_regression -c "SHOW search_path"
CREATE FUNCTION sec_wait(p_event text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  FOR i IN 1..400 LOOP
    PERFORM 1 FROM audit.users_log WHERE user_name = 'plpolar_mallory' AND event = p_event;
    IF FOUND THEN RETURN p_event || ' recorded'; END IF;
    PERFORM pg_sleep(0.025);
  END LOOP;
  RETURN p_event || ' missing after 10 s';
END;
$$;
SELECT sec_wait('after_user_logon'), sec_wait('before_user_logoff');
-- the rows are real: the backend's pid and a current time, in audit
SELECT count(*) AS audit_rows, bool_and(pid > 0) AS real_pids, bool_and(at > now() - interval '1 hour') AS real_times
FROM audit.users_log WHERE user_name = 'plpolar_mallory';
SELECT count(*) AS trapped_rows FROM mallory.users_log;

-- Values stay data on every path: static SQL, EXECUTE IMMEDIATE, a
-- function created through plpolar.exec, and cursor parameters.
CREATE TABLE sec_notes (id serial, body text);
CREATE FUNCTION sec_add_note(p_body VARCHAR2) RETURNS int LANGUAGE plpolar AS $$
DECLARE
  n PLS_INTEGER;
  CURSOR c(p VARCHAR2) IS SELECT count(*) FROM sec_notes WHERE body = p;
BEGIN
  INSERT INTO sec_notes (body) VALUES (p_body);
  EXECUTE IMMEDIATE 'INSERT INTO sec_notes (body) VALUES (:b)' USING p_body;
  OPEN c(p_body);
  FETCH c INTO n;
  CLOSE c;
  RETURN n;
END;
$$;
SELECT * FROM plpolar.exec($script$
CREATE OR REPLACE FUNCTION sec_add_note_oracle(p_body IN VARCHAR2) RETURN NUMBER IS
  n NUMBER;
BEGIN
  INSERT INTO sec_notes (body) VALUES (p_body);
  SELECT count(*) INTO n FROM sec_notes WHERE body = p_body;
  RETURN n;
END;
/
$script$);
SELECT sec_add_note($$'); DROP TABLE sec_notes; --$$), sec_add_note($$' OR '1'='1$$),
       sec_add_note_oracle('Robert''); DELETE FROM sec_notes; --');
SELECT body, count(*) FROM sec_notes GROUP BY body ORDER BY body;

-- EXECUTE privileges are checked in every transaction, also for calls that
-- plpolar code keeps compiled (a plpolar callee runs without fmgr): a
-- membership revoked without any catalog change to the callee still takes
-- effect, as in PL/pgSQL.
CREATE ROLE plpolar_exec_group;
CREATE FUNCTION sec_guarded(x int) RETURNS int LANGUAGE plpolar AS $$ BEGIN RETURN x * 42; END $$;
CREATE FUNCTION sec_guarded_pg(x int) RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN x * 43; END $$;
REVOKE EXECUTE ON FUNCTION sec_guarded(int), sec_guarded_pg(int) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION sec_guarded(int), sec_guarded_pg(int) TO plpolar_exec_group;
CREATE FUNCTION sec_call_guarded() RETURNS text LANGUAGE plpolar AS $$
BEGIN
  RETURN sec_guarded(1) || ' ' || sec_guarded_pg(1);
END $$;
GRANT plpolar_exec_group TO plpolar_mallory;
SET ROLE plpolar_mallory;
SELECT sec_call_guarded() AS while_member;
RESET ROLE;
REVOKE plpolar_exec_group FROM plpolar_mallory;
SET ROLE plpolar_mallory;
SELECT sec_call_guarded() AS after_revoke;
DO LANGUAGE plpolar $$ DECLARE v int; BEGIN v := sec_guarded(2); END $$;
DO LANGUAGE plpolar $$ DECLARE v int; BEGIN v := sec_guarded_pg(2); END $$;
RESET ROLE;
-- Checked again when the user changes inside a transaction.
BEGIN;
SELECT sec_call_guarded() AS owner_in_transaction;
SET LOCAL ROLE plpolar_mallory;
SELECT sec_call_guarded() AS mallory_in_transaction;
ROLLBACK;
SELECT sec_call_guarded() AS owner_runs;
DROP FUNCTION sec_call_guarded(), sec_guarded(int), sec_guarded_pg(int);
DROP ROLE plpolar_exec_group;

DROP EVENT TRIGGER sec_logon;
DROP EVENT TRIGGER sec_logoff;
DROP OWNED BY plpolar_mallory;
DROP ROLE plpolar_mallory;
