-- Logon and logoff triggers with real connections. Each \c closes this
-- backend (its logoff triggers fire) and logs in anew (logon triggers fire).

-- The PolarDB walkthrough, PostgreSQL form of the function.
CREATE SCHEMA polar_loginout;
CREATE TABLE polar_loginout.users_log (
  id serial, user_name VARCHAR2(64), database_name VARCHAR2(64), event VARCHAR2(64),
  client_ip VARCHAR2(64), tag VARCHAR2(64), instance_num int);
CREATE FUNCTION sample_event_trigger() RETURNS event_trigger LANGUAGE plpolar AS $$
BEGIN
  INSERT INTO polar_loginout.users_log (user_name, database_name, event, client_ip, tag, instance_num)
  VALUES (polar_login_user, polar_database_name, tg_event, polar_client_ip, tg_tag, polar_instance_num);
END;
$$;
-- Audit functions run for every user: definer rights and a fixed path.
ALTER FUNCTION sample_event_trigger() SECURITY DEFINER SET search_path = pg_catalog, public;
CREATE EVENT TRIGGER login_event_trigger ON after_user_logon EXECUTE PROCEDURE public.sample_event_trigger();
CREATE EVENT TRIGGER logout_event_trigger ON before_user_logoff EXECUTE PROCEDURE public.sample_event_trigger();
\dy

-- Logoff rows are written by a backend on its way out: wait for them with a
-- bound instead of sleeping a fixed time. (Loops over pg_stat_activity clear
-- its per-transaction snapshot on every turn.)
CREATE FUNCTION wait_for_rows(p_event text, p_count int, p_user text DEFAULT NULL) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  n bigint;
BEGIN
  FOR i IN 1..400 LOOP
    SELECT count(*) INTO n FROM polar_loginout.users_log
    WHERE event = p_event AND (p_user IS NULL OR user_name = p_user);
    IF n >= p_count THEN RETURN p_event || ': at least ' || p_count; END IF;
    PERFORM pg_sleep(0.025);
  END LOOP;
  RETURN p_event || ': only ' || n || ' after 10 s, expected ' || p_count;
END;
$$;
CREATE FUNCTION show_log() RETURNS TABLE (id int, user_ok boolean, database_ok boolean, event varchar2, tag varchar2,
                                           instance_num int, client text) LANGUAGE sql AS $$
  SELECT id, user_name = session_user, database_name = current_database(), event, tag, instance_num,
         CASE WHEN client_ip IS NULL THEN 'socket (NULL)'
              WHEN client_ip IN ('127.0.0.1', '::1') THEN 'tcp loopback' ELSE client_ip END
  FROM polar_loginout.users_log ORDER BY id $$;

\c
SELECT wait_for_rows('before_user_logoff', 1), wait_for_rows('after_user_logon', 1);
SELECT * FROM show_log();

-- A connection that runs nothing still logs on and off.
\! psql -X -q -d contrib_regression -c '' 
SELECT wait_for_rows('before_user_logoff', 2), wait_for_rows('after_user_logon', 2);

-- Over a Unix socket the client address is NULL.
SELECT setting AS sockdir FROM pg_settings WHERE name = 'unix_socket_directories' \gset
\setenv PLPOLAR_SOCKDIR :sockdir
\! bash test/session/socket_login.sh contrib_regression
DO $$
BEGIN
  FOR i IN 1..400 LOOP
    EXIT WHEN EXISTS (SELECT 1 FROM polar_loginout.users_log WHERE event = 'before_user_logoff' AND client_ip IS NULL);
    PERFORM pg_sleep(0.025);
  END LOOP;
END;
$$;
SELECT event, tag, client_ip IS NULL AS ip_is_null FROM polar_loginout.users_log WHERE user_name <> session_user ORDER BY id;
DELETE FROM polar_loginout.users_log;

-- The escape hatch: no logon row, and no logoff row for that session.
-- (A plain \c would reuse this connection's options: reconnect explicitly.)
\c "dbname=contrib_regression options='-c plpolar.enable_session_triggers=off'"
SHOW plpolar.enable_session_triggers;
SELECT count(*) AS rows_without_triggers FROM polar_loginout.users_log WHERE event = 'after_user_logon';
\c "dbname=contrib_regression"
SELECT wait_for_rows('after_user_logon', 1);
DELETE FROM polar_loginout.users_log;

-- A failing logon trigger: the others' work is rolled back, the client gets
-- a WARNING, the session goes on normally. Triggers run in name order.
CREATE FUNCTION failing_trigger() RETURNS event_trigger LANGUAGE plpolar AS $$
DECLARE
  n PLS_INTEGER;
BEGIN
  n := 1 / 0;
END;
$$;
CREATE EVENT TRIGGER zz_failing ON after_user_logon EXECUTE FUNCTION failing_trigger();
\c "dbname=contrib_regression"
SELECT 'still connected' AS session, count(*) AS logon_rows FROM polar_loginout.users_log WHERE event = 'after_user_logon';
-- A trigger in PL/pgSQL fired by the same hooks, and one whose table is gone.
DROP EVENT TRIGGER zz_failing;
CREATE TABLE dropped_soon (e text);
CREATE FUNCTION plpgsql_trigger() RETURNS event_trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO dropped_soon VALUES (TG_EVENT);
END;
$$;
CREATE EVENT TRIGGER plpgsql_logon ON after_user_logon EXECUTE FUNCTION plpgsql_trigger();
\c "dbname=contrib_regression"
SELECT * FROM dropped_soon;
DROP TABLE dropped_soon;
\c "dbname=contrib_regression"
SELECT 'still connected' AS session;
DROP EVENT TRIGGER plpgsql_logon;

-- DISABLE / ENABLE / ENABLE REPLICA / ENABLE ALWAYS and session_replication_role.
DELETE FROM polar_loginout.users_log;
ALTER EVENT TRIGGER login_event_trigger DISABLE;
\c "dbname=contrib_regression"
SELECT count(*) AS logons_while_disabled FROM polar_loginout.users_log WHERE event = 'after_user_logon';
ALTER EVENT TRIGGER login_event_trigger ENABLE REPLICA;
\c "dbname=contrib_regression"
SELECT count(*) AS logons_replica_only FROM polar_loginout.users_log WHERE event = 'after_user_logon';
\c "dbname=contrib_regression options='-c session_replication_role=replica'"
SELECT count(*) AS logons_as_replica FROM polar_loginout.users_log WHERE event = 'after_user_logon';
ALTER EVENT TRIGGER login_event_trigger ENABLE ALWAYS;
\c "dbname=contrib_regression options='-c session_replication_role=replica'"
SELECT count(*) AS logons_always FROM polar_loginout.users_log WHERE event = 'after_user_logon';
ALTER EVENT TRIGGER login_event_trigger ENABLE;
\c "dbname=contrib_regression"
SELECT count(*) AS logons_enabled FROM polar_loginout.users_log WHERE event = 'after_user_logon';

-- pg_terminate_backend runs the logoff triggers of the terminated backend.
CREATE ROLE plpolar_term LOGIN PASSWORD 'plpolar_term';
\! PGPASSWORD=plpolar_term psql -X -q -U plpolar_term -d contrib_regression -c "SELECT pg_sleep(60)" >/dev/null 2>&1 &
DO $$
BEGIN
  FOR i IN 1..400 LOOP
    EXIT WHEN EXISTS (SELECT 1 FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(60)');
    PERFORM pg_sleep(0.025);
    PERFORM pg_stat_clear_snapshot();
  END LOOP;
END;
$$;
SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(60)';
SELECT wait_for_rows('before_user_logoff', 1, 'plpolar_term');

-- An open transaction is aborted before the logoff triggers run: its
-- uncommitted work never shows up, the logoff row does.
CREATE TABLE uncommitted_marker (v int);
GRANT INSERT ON uncommitted_marker TO plpolar_term;
\! ((echo "BEGIN; INSERT INTO uncommitted_marker VALUES (1);"; sleep 20) | PGPASSWORD=plpolar_term psql -X -q -U plpolar_term -d contrib_regression) </dev/null >/dev/null 2>&1 &
DO $$
BEGIN
  FOR i IN 1..400 LOOP
    EXIT WHEN EXISTS (SELECT 1 FROM pg_stat_activity WHERE usename = 'plpolar_term' AND state = 'idle in transaction');
    PERFORM pg_sleep(0.025);
    PERFORM pg_stat_clear_snapshot();
  END LOOP;
END;
$$;
SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = 'plpolar_term' AND state = 'idle in transaction';
SELECT wait_for_rows('before_user_logoff', 2, 'plpolar_term');
SELECT count(*) AS uncommitted_rows FROM uncommitted_marker;

-- A lost connection (the client killed without a goodbye) still logs off.
\! ((sleep 20) | PGPASSWORD=plpolar_term psql -X -q -U plpolar_term -d contrib_regression) </dev/null >/dev/null 2>&1 &
DO $$
BEGIN
  FOR i IN 1..400 LOOP
    EXIT WHEN EXISTS (SELECT 1 FROM pg_stat_activity WHERE usename = 'plpolar_term' AND state = 'idle');
    PERFORM pg_sleep(0.025);
    PERFORM pg_stat_clear_snapshot();
  END LOOP;
END;
$$;
\! pkill -KILL -f "psql -X -q -U plpolar_term"; pkill -f "sleep 20"; sleep 0.1
SELECT wait_for_rows('before_user_logoff', 3, 'plpolar_term');

-- Replication connections fire no logon trigger.
SELECT count(*) AS logons_before FROM polar_loginout.users_log WHERE event = 'after_user_logon' \gset
\! psql -X -q "dbname=contrib_regression replication=database" -c "IDENTIFY_SYSTEM" >/dev/null 2>&1; echo "replication connection exit code $?"
SELECT count(*) - :logons_before AS logons_from_replication FROM polar_loginout.users_log WHERE event = 'after_user_logon';

-- An idle-session timeout ends a session: its logoff row is written.
\! (echo "SELECT 1;"; sleep 3) | PGPASSWORD=plpolar_term PGOPTIONS='-c idle_session_timeout=200ms' psql -X -q -U plpolar_term -d contrib_regression >/dev/null 2>&1
SELECT wait_for_rows('before_user_logoff', 4, 'plpolar_term');

-- A slow logoff trigger is cut off at plpolar.logoff_timeout (here 300 ms
-- for that one connection); the backend is gone well before the trigger's
-- 60 s sleep, and the error is logged, not sent anywhere.
CREATE FUNCTION slow_logoff() RETURNS event_trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('application_name') = 'slow_logoff' THEN
    PERFORM pg_sleep(60);
  END IF;
END;
$$;
CREATE EVENT TRIGGER slow_logoff ON before_user_logoff EXECUTE FUNCTION slow_logoff();
\! PGOPTIONS='-c plpolar.logoff_timeout=300 -c application_name=slow_logoff' psql -X -q -d contrib_regression -c 'SELECT 1' >/dev/null
DO $$
DECLARE
  started timestamptz := clock_timestamp();
BEGIN
  PERFORM pg_sleep(0.1);
  FOR i IN 1..400 LOOP
    EXIT WHEN NOT EXISTS (SELECT 1 FROM pg_stat_activity WHERE application_name = 'slow_logoff');
    PERFORM pg_sleep(0.025);
    PERFORM pg_stat_clear_snapshot();
  END LOOP;
  RAISE NOTICE 'slow logoff backend gone within 5 s: %', clock_timestamp() - started < interval '5 s';
END;
$$;
DROP EVENT TRIGGER slow_logoff;
DROP FUNCTION slow_logoff();
DROP TABLE uncommitted_marker;
DROP ROLE plpolar_term;

-- A login that fails after authentication (no CONNECT privilege) never
-- logged on, so it does not log off either.
REVOKE CONNECT ON DATABASE contrib_regression FROM PUBLIC;
CREATE ROLE plpolar_noconnect LOGIN PASSWORD 'plpolar_noconnect';
\! PGPASSWORD=plpolar_noconnect psql -X -q -U plpolar_noconnect -d contrib_regression -c 'SELECT 1' 2>&1 | sed 's/^.*FATAL/FATAL/'
GRANT CONNECT ON DATABASE contrib_regression TO PUBLIC;
SELECT pg_sleep(0.3);
SELECT count(*) AS rows_from_failed_login FROM polar_loginout.users_log WHERE user_name = 'plpolar_noconnect';
DROP ROLE plpolar_noconnect;

-- A session that began where no session trigger existed (its logon did
-- nothing) still runs a logoff trigger created while it was connected.
CREATE DATABASE plpolar_late;
\c plpolar_late
\c plpolar_late
CREATE EXTENSION plpolar;
CREATE TABLE late_log (event text, tag text);
CREATE FUNCTION late_trigger() RETURNS event_trigger LANGUAGE plpolar AS $$
BEGIN
  INSERT INTO late_log VALUES (tg_event, tg_tag);
END;
$$;
CREATE EVENT TRIGGER late_logoff ON before_user_logoff EXECUTE FUNCTION late_trigger();
\c plpolar_late
DO $$
BEGIN
  FOR i IN 1..400 LOOP
    EXIT WHEN EXISTS (SELECT 1 FROM late_log);
    PERFORM pg_sleep(0.025);
  END LOOP;
END;
$$;
SELECT * FROM late_log ORDER BY 1 LIMIT 1;
\c contrib_regression
DROP DATABASE plpolar_late;

-- Catalog integration: COMMENT, RENAME, OWNER, DROP IF EXISTS, WHEN is refused,
-- the function must return event_trigger, names are unique.
COMMENT ON EVENT TRIGGER login_event_trigger IS 'audit logons';
SELECT obj_description(oid, 'pg_event_trigger') FROM pg_event_trigger WHERE evtname = 'login_event_trigger';
ALTER EVENT TRIGGER login_event_trigger RENAME TO login_audit;
CREATE ROLE plpolar_plain;
ALTER EVENT TRIGGER login_audit OWNER TO plpolar_plain;
CREATE ROLE plpolar_super SUPERUSER;
ALTER EVENT TRIGGER login_audit OWNER TO plpolar_super;
SELECT evtname, evtevent, evtowner::regrole, evtfoid::regproc, evtenabled FROM pg_event_trigger ORDER BY evtname;
ALTER EVENT TRIGGER login_audit OWNER TO CURRENT_USER;
-- A session event's WHEN TAG names users (sql/system_triggers.sql), not
-- command tags.
CREATE EVENT TRIGGER with_when ON after_user_logon WHEN TAG IN ('CREATE TABLE') EXECUTE FUNCTION sample_event_trigger();
CREATE EVENT TRIGGER wrong_function ON after_user_logon EXECUTE FUNCTION show_log();
CREATE EVENT TRIGGER login_audit ON before_user_logoff EXECUTE FUNCTION sample_event_trigger();
CREATE EVENT TRIGGER no_function ON after_user_logon EXECUTE FUNCTION no_such_function();
DROP EVENT TRIGGER IF EXISTS no_such_trigger;

-- Only superusers create, alter, rename or drop them, or turn them off.
SET ROLE plpolar_plain;
CREATE EVENT TRIGGER sneaky ON after_user_logon EXECUTE FUNCTION sample_event_trigger();
CREATE EVENT TRIGGER sneaky ON before_user_logoff EXECUTE FUNCTION sample_event_trigger();
ALTER EVENT TRIGGER login_audit DISABLE;
ALTER EVENT TRIGGER login_audit RENAME TO hidden;
DROP EVENT TRIGGER login_audit;
SET plpolar.enable_session_triggers = off;
SET plpolar.logoff_timeout = 0;
RESET ROLE;

-- DROP FUNCTION ... CASCADE takes its triggers along.
CREATE FUNCTION short_lived() RETURNS event_trigger LANGUAGE plpolar AS $$ BEGIN NULL; END; $$;
CREATE EVENT TRIGGER short_lived_logon ON after_user_logon EXECUTE FUNCTION short_lived();
DROP FUNCTION short_lived();
DROP FUNCTION short_lived() CASCADE;
SELECT count(*) FROM pg_event_trigger WHERE evtname = 'short_lived_logon';

-- pg_dump / pg_restore round trip, then DROP EXTENSION ... CASCADE.
CREATE DATABASE plpolar_dump_src;
\c plpolar_dump_src
CREATE EXTENSION plpolar;
CREATE TABLE audit (e text, tag text);
CREATE FUNCTION audit_it() RETURNS event_trigger LANGUAGE plpolar AS $$ BEGIN INSERT INTO audit VALUES (tg_event, tg_tag); END; $$;
CREATE EVENT TRIGGER dump_logon ON after_user_logon EXECUTE FUNCTION audit_it();
CREATE EVENT TRIGGER dump_logoff ON before_user_logoff EXECUTE PROCEDURE audit_it();
ALTER EVENT TRIGGER dump_logoff DISABLE;
COMMENT ON EVENT TRIGGER dump_logon IS 'restored comment';
\! pg_dump -Fc -d plpolar_dump_src -f results/plpolar_dump.custom && createdb plpolar_dump_dst && pg_restore -d plpolar_dump_dst results/plpolar_dump.custom && echo restored
\c plpolar_dump_dst
SELECT evtname, evtevent, evtfoid::regproc, evtenabled, obj_description(oid, 'pg_event_trigger') FROM pg_event_trigger ORDER BY evtname;
SELECT e, tag FROM audit WHERE e = 'after_user_logon' LIMIT 1;
DROP EXTENSION plpolar CASCADE;
SELECT count(*) AS triggers_left FROM pg_event_trigger;
\c contrib_regression
DROP DATABASE plpolar_dump_src;
DROP DATABASE plpolar_dump_dst;

DROP EVENT TRIGGER login_audit;
DROP EVENT TRIGGER logout_event_trigger;
DROP OWNED BY plpolar_plain, plpolar_super;
DROP ROLE plpolar_plain, plpolar_super;
DROP SCHEMA polar_loginout CASCADE;
DROP FUNCTION sample_event_trigger();
