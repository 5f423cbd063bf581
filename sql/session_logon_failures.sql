-- Logon triggers that fail never lock anybody out: a trigger that raises,
-- one whose table was dropped, one that runs into plpolar.logon_timeout (the
-- user's statement_timeout does not apply to it) and one denied by privileges. Superuser and ordinary user both log in and get
-- the WARNING; the error is in the server log.
CREATE ROLE plpolar_lf LOGIN PASSWORD 'plpolar_lf';
CREATE TABLE lf_private (who text);
REVOKE ALL ON lf_private FROM PUBLIC;
CREATE TABLE lf_doomed (who text);
GRANT INSERT ON lf_doomed TO PUBLIC;
-- SECURITY INVOKER on purpose: runs with the rights of whoever logs in.
CREATE FUNCTION lf_trigger() RETURNS event_trigger LANGUAGE plpolar AS $$
DECLARE
  mode text := current_setting('plpolar_test.logon_failure', true);
BEGIN
  IF mode = 'raise' THEN
    RAISE_APPLICATION_ERROR(-20001, 'logon refused by policy');
  ELSIF mode = 'dropped' THEN
    INSERT INTO lf_doomed VALUES (current_user);
  ELSIF mode = 'timeout' THEN
    LOOP NULL; END LOOP;
  ELSIF mode = 'denied' THEN
    INSERT INTO lf_private VALUES (current_user);
  END IF;
END;
$$;
CREATE EVENT TRIGGER lf_logon ON after_user_logon EXECUTE FUNCTION lf_trigger();
ALTER SYSTEM SET plpolar.logon_timeout = '300ms';
SELECT pg_reload_conf();
SELECT pg_sleep(0.3);
DROP TABLE lf_doomed;
-- Each login: superuser, then ordinary user.
\! for mode in raise dropped timeout denied; do for u in postgres plpolar_lf; do pw=$PGPASSWORD; [ $u = plpolar_lf ] && pw=plpolar_lf; PGPASSWORD=$pw PGOPTIONS="-c plpolar_test.logon_failure=$mode -c statement_timeout=300" psql -X -q -At -U $u -d contrib_regression -c "SELECT '$mode: in as ' || current_user" 2>&1 | sed 's/^.*WARNING/WARNING/'; done; done
-- With the trigger working, nothing is printed.
\! PGPASSWORD=plpolar_lf psql -X -q -At -U plpolar_lf -d contrib_regression -c "SELECT 'fine: in as ' || current_user" 2>&1
ALTER SYSTEM RESET plpolar.logon_timeout;
SELECT pg_reload_conf();
DROP EVENT TRIGGER lf_logon;
DROP FUNCTION lf_trigger();
DROP TABLE lf_private;
DROP ROLE plpolar_lf;
