-- Session triggers under plpolar's control: nothing a user sets for their
-- own session keeps it out of the audit; logons and logoffs are bounded by
-- superuser-only settings, visible in pg_stat_activity and cancellable; a
-- trigger that ignores its cancel is ended; logon_failure = refuse.
CREATE ROLE plpolar_hd LOGIN PASSWORD 'plpolar_hd';
CREATE SCHEMA hd_audit;
CREATE TABLE hd_audit.log (id serial, app text, user_name text, event text,
                           statement_timeout text, lock_timeout text);
-- Definer's rights with a fixed path: the audit works for every user.
CREATE FUNCTION hd_audit.audit() RETURNS event_trigger LANGUAGE plpolar
SECURITY DEFINER SET search_path = pg_catalog, hd_audit AS $$
DECLARE
  app text := current_setting('application_name');
BEGIN
  INSERT INTO log (app, user_name, event, statement_timeout, lock_timeout)
  VALUES (app, session_user, tg_event, current_setting('statement_timeout'), current_setting('lock_timeout'));
  IF app = 'hd_setter' AND tg_event = 'after_user_logon' THEN
    -- a logon trigger initialising the session: this stays
    EXECUTE IMMEDIATE 'SET statement_timeout = ''42s''';
  ELSIF app IN ('hd_statement_timeout=200', 'hd_role') THEN
    -- longer than the user's statement_timeout (a 1 ms one would also
    -- cancel the user's own first query on a loaded machine)
    EXECUTE IMMEDIATE 'SELECT pg_sleep(0.4)';
  ELSIF app = 'hd_loop' AND tg_event = 'after_user_logon' THEN
    LOOP NULL; END LOOP;
  ELSIF app = 'hd_sleep' AND tg_event = 'after_user_logon' THEN
    EXECUTE IMMEDIATE 'SELECT pg_sleep(30)';
  ELSIF app = 'hd_fail' AND tg_event = 'after_user_logon' THEN
    RAISE_APPLICATION_ERROR(-20001, 'audit refused');
  ELSIF app = 'hd_catch' THEN
    -- ignores every cancel: only being ended stops it
    LOOP
      BEGIN
        EXECUTE IMMEDIATE 'SELECT pg_sleep(10)';
      EXCEPTION WHEN QUERY_CANCELED THEN NULL;
      END;
    END LOOP;
  END IF;
END;
$$;
REVOKE ALL ON FUNCTION hd_audit.audit() FROM PUBLIC;
CREATE EVENT TRIGGER hd_logon ON after_user_logon EXECUTE FUNCTION hd_audit.audit();
CREATE EVENT TRIGGER hd_logoff ON before_user_logoff EXECUTE FUNCTION hd_audit.audit();
CREATE FUNCTION hd_wait(p_app text, p_event text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  FOR i IN 1..400 LOOP
    PERFORM 1 FROM hd_audit.log WHERE app = p_app AND event = p_event;
    IF FOUND THEN RETURN 'recorded'; END IF;
    PERFORM pg_sleep(0.025);
  END LOOP;
  RETURN 'missing after 10 s';
END;
$$;

-- 1. Settings of the user's own making do not make rows vanish: from the
-- connection, from ALTER ROLE ... SET and from ALTER DATABASE ... SET. The
-- triggers run with PostgreSQL's defaults for them.
\! for s in statement_timeout=200 lock_timeout=1 idle_in_transaction_session_timeout=1 default_transaction_read_only=on default_transaction_isolation=serializable exit_on_error=on transform_null_equals=on plpolar.exception_rollback=block plpolar.empty_string_is_null=off; do PGAPPNAME=hd_$s PGOPTIONS="-c $s" PGPASSWORD=plpolar_hd psql -X -q -At -U plpolar_hd -d contrib_regression -c "SELECT 'in: $s'" 2>&1; done
ALTER ROLE plpolar_hd SET statement_timeout = 200;
ALTER ROLE plpolar_hd SET default_transaction_read_only = on;
\! PGAPPNAME=hd_role PGPASSWORD=plpolar_hd psql -X -q -At -U plpolar_hd -d contrib_regression -c "SELECT 'in with role settings'" 2>&1
ALTER ROLE plpolar_hd RESET ALL;
ALTER DATABASE contrib_regression SET lock_timeout = 1;
ALTER DATABASE contrib_regression SET default_transaction_read_only = on;
\! PGAPPNAME=hd_database PGPASSWORD=plpolar_hd psql -X -q -At -U plpolar_hd -d contrib_regression -c "SELECT 'in with database settings'" 2>&1
ALTER DATABASE contrib_regression RESET lock_timeout;
ALTER DATABASE contrib_regression RESET default_transaction_read_only;
SELECT app, hd_wait(app, 'after_user_logon') AS logon, hd_wait(app, 'before_user_logoff') AS logoff
FROM (VALUES ('hd_statement_timeout=200'), ('hd_lock_timeout=1'), ('hd_idle_in_transaction_session_timeout=1'),
             ('hd_default_transaction_read_only=on'), ('hd_default_transaction_isolation=serializable'),
             ('hd_exit_on_error=on'), ('hd_transform_null_equals=on'), ('hd_plpolar.exception_rollback=block'),
             ('hd_plpolar.empty_string_is_null=off'), ('hd_role'), ('hd_database')) AS a(app)
ORDER BY 1;
-- In the triggers the user's timeouts did not apply.
SELECT DISTINCT statement_timeout, lock_timeout FROM hd_audit.log WHERE user_name = 'plpolar_hd';
-- A waiting lock does not fail the logon (lock_timeout is the user's, not the trigger's).
\! (psql -X -q -c "BEGIN; LOCK TABLE hd_audit.log; SELECT pg_sleep(1); COMMIT" >/dev/null 2>&1 &) ; sleep 0.3; PGAPPNAME=hd_lock_queue PGOPTIONS="-c lock_timeout=1" PGPASSWORD=plpolar_hd psql -X -q -At -U plpolar_hd -d contrib_regression -c "SELECT 'in after the lock queue'" 2>&1
SELECT hd_wait('hd_lock_queue', 'after_user_logon') AS logon, hd_wait('hd_lock_queue', 'before_user_logoff') AS logoff;

-- 2. Afterwards the session has the user's own values, except what a logon
-- trigger set itself.
\! PGAPPNAME=hd_setter PGOPTIONS="-c lock_timeout=7s -c statement_timeout=9s" PGPASSWORD=plpolar_hd psql -X -q -At -U plpolar_hd -d contrib_regression -c "SELECT current_setting('lock_timeout') || ' ' || current_setting('statement_timeout')" 2>&1

-- 3. The deep end of a stack: exit_on_error turns the stack-depth ERROR of a
-- deep recursion into FATAL; the logoff triggers get a stack of their own.
CREATE FUNCTION hd_deep(n int) RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN hd_deep(n + 1); END $$;
\! PGAPPNAME=hd_deep PGOPTIONS="-c exit_on_error=on" PGPASSWORD=plpolar_hd psql -X -q -At -U plpolar_hd -d contrib_regression -c "SELECT hd_deep(1)" 2>&1 | grep -o 'FATAL:  stack depth limit exceeded'
SELECT hd_wait('hd_deep', 'before_user_logoff') AS logoff_after_fatal_at_stack_limit;

-- 4. The bounds: superuser-only settings.
SET ROLE plpolar_hd;
SET plpolar.logon_timeout = 0;
SET plpolar.logoff_timeout = 0;
SET plpolar.logon_failure = warn;
SET plpolar.enable_session_triggers = off;
RESET ROLE;
\! PGOPTIONS="-c plpolar.logon_timeout=0" PGPASSWORD=plpolar_hd psql -X -q -At -U plpolar_hd -d contrib_regression -c "SELECT 'in'" 2>&1 | sed 's/^.*FATAL/FATAL/'
ALTER SYSTEM SET plpolar.logon_timeout = '400ms';
ALTER SYSTEM SET plpolar.logoff_timeout = '400ms';
SELECT pg_reload_conf();
SELECT pg_sleep(0.3);
-- A trigger that never ends is cancelled at plpolar.logon_timeout: the
-- session gets in with the WARNING (and the log says why).
\! PGAPPNAME=hd_loop PGPASSWORD=plpolar_hd psql -X -q -At -U plpolar_hd -d contrib_regression -c "SELECT 'in after the logon bound'" 2>&1
-- One that catches the cancel is ended 1 s later: the session is terminated.
\! PGAPPNAME=hd_catch PGPASSWORD=plpolar_hd psql -X -q -At -U plpolar_hd -d contrib_regression -c "SELECT 'must not get in'" 2>&1 | sed 's/^.*FATAL/FATAL/'
-- A logoff trigger that catches the cancel: the backend still goes.
\! PGAPPNAME=hd_catch_logoff PGPASSWORD=plpolar_hd psql -X -q -At -U plpolar_hd -d contrib_regression -c "SET application_name = hd_catch" -c "SELECT pg_backend_pid()" > /tmp/plpolar_hd_pid 2>&1
CREATE FUNCTION hd_gone(p_pid int) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  FOR i IN 1..400 LOOP
    PERFORM pg_stat_clear_snapshot();  -- pg_stat_activity is read once per transaction otherwise
    PERFORM 1 FROM pg_stat_activity WHERE pid = p_pid;
    IF NOT FOUND THEN RETURN 'backend gone'; END IF;
    PERFORM pg_sleep(0.025);
  END LOOP;
  RETURN 'backend still there after 10 s';
END;
$$;
\set hd_pid `tail -1 /tmp/plpolar_hd_pid`
SELECT hd_gone(:hd_pid);

-- 5. A slow logon is visible in pg_stat_activity, named after its trigger,
-- and can be cancelled (the client has no cancel key yet).
ALTER SYSTEM SET plpolar.logon_timeout = '60s';
SELECT pg_reload_conf();
SELECT pg_sleep(0.3);
\! (PGAPPNAME=hd_sleep PGPASSWORD=plpolar_hd psql -X -q -At -U plpolar_hd -d contrib_regression -c "SELECT 'in after pg_cancel_backend'" > /tmp/plpolar_hd_cancel 2>&1 &)
CREATE FUNCTION hd_logging_in() RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  FOR i IN 1..400 LOOP
    PERFORM pg_stat_clear_snapshot();
    SELECT pid, usename, state, query INTO r FROM pg_stat_activity WHERE usename = 'plpolar_hd' AND query LIKE 'after_user_logon%';
    IF FOUND THEN
      RETURN format('%s, %s: %s; cancelled: %s', r.usename, r.state, r.query, pg_cancel_backend(r.pid));
    END IF;
    PERFORM pg_sleep(0.025);
  END LOOP;
  RETURN 'no logon in progress seen';
END;
$$;
SELECT hd_logging_in();
\! for i in $(seq 200); do grep -q 'in after' /tmp/plpolar_hd_cancel && break; sleep 0.05; done; cat /tmp/plpolar_hd_cancel

-- 6. plpolar.logon_failure = refuse: a failing logon refuses the session,
-- unless its user is a superuser or a member of
-- plpolar_administer_database_trigger (Oracle's ADMINISTER DATABASE TRIGGER).
ALTER SYSTEM SET plpolar.logon_failure = refuse;
SELECT pg_reload_conf();
SELECT pg_sleep(0.3);
\! PGAPPNAME=hd_fail PGPASSWORD=plpolar_hd psql -X -q -At -U plpolar_hd -d contrib_regression -c "SELECT 'must not get in'" 2>&1 | sed 's/^.*FATAL/FATAL/'
\! PGAPPNAME=hd_fail psql -X -q -At -c "SELECT 'superuser in: ' || current_user" -d contrib_regression 2>&1 | sed 's/^WARNING/WARNING/'
GRANT plpolar_administer_database_trigger TO plpolar_hd;
\! PGAPPNAME=hd_fail PGPASSWORD=plpolar_hd psql -X -q -At -U plpolar_hd -d contrib_regression -c "SELECT 'exempt user in'" 2>&1
REVOKE plpolar_administer_database_trigger FROM plpolar_hd;
\! PGAPPNAME=hd_fine PGPASSWORD=plpolar_hd psql -X -q -At -U plpolar_hd -d contrib_regression -c "SELECT 'fine trigger: in'" 2>&1
-- failed logons write nothing (the triggers' work is undone); the errors are in the log
SELECT count(*) AS logon_rows_of_failed_logons FROM hd_audit.log WHERE app = 'hd_fail' AND event = 'after_user_logon';

ALTER SYSTEM RESET plpolar.logon_failure;
ALTER SYSTEM RESET plpolar.logon_timeout;
ALTER SYSTEM RESET plpolar.logoff_timeout;
SELECT pg_reload_conf();
DROP EVENT TRIGGER hd_logon;
DROP EVENT TRIGGER hd_logoff;
DROP SCHEMA hd_audit CASCADE;
DROP FUNCTION hd_wait(text, text), hd_deep(int), hd_gone(int), hd_logging_in();
DROP ROLE plpolar_hd;
