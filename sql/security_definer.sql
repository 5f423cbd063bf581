-- Oracle-form units (plpolar.exec) are definer's rights unless they say
-- AUTHID CURRENT_USER, with the creator's search_path pinned, and nobody but
-- their owner may run them until GRANT EXECUTE, as in Oracle and PolarDB.
-- The PostgreSQL form keeps PostgreSQL's defaults.
CREATE DATABASE plpolar_walk;
\c plpolar_walk
CREATE EXTENSION plpolar;
CREATE ROLE plpolar_clerk LOGIN PASSWORD 'plpolar_clerk';
GRANT CREATE ON DATABASE plpolar_walk TO plpolar_clerk;

-- 1. The README's walkthrough, as written, audits every user: an ordinary
-- user's login gets no WARNING and writes its rows.
\set src `cat demo/polardb_walkthrough.sql`
SELECT statement, action FROM plpolar.exec(:'src');
SELECT prosecdef, proconfig FROM pg_proc WHERE proname = 'sample_event_trigger';
\! PGPASSWORD=plpolar_clerk psql -X -q -At -U plpolar_clerk -d plpolar_walk -c "SELECT 'clerk connected as ' || current_user" 2>&1
CREATE FUNCTION wait_for(p_user text, p_event text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  FOR i IN 1..400 LOOP
    PERFORM 1 FROM polar_loginout.users_log WHERE user_name = p_user AND event = p_event;
    IF FOUND THEN RETURN p_event || ' recorded'; END IF;
    PERFORM pg_sleep(0.025);
  END LOOP;
  RETURN p_event || ' missing after 10 s';
END;
$$;
SELECT wait_for('plpolar_clerk', 'after_user_logon'), wait_for('plpolar_clerk', 'before_user_logoff');
-- The clerk has no right on the audit schema, table or function.
SELECT has_schema_privilege('plpolar_clerk', 'polar_loginout', 'USAGE') AS clerk_uses_schema,
       has_table_privilege('plpolar_clerk', 'polar_loginout.users_log', 'INSERT') AS clerk_inserts,
       has_function_privilege('plpolar_clerk', 'sample_event_trigger()', 'EXECUTE') AS clerk_executes;
DROP EVENT TRIGGER login_event_trigger;
DROP EVENT TRIGGER logout_event_trigger;

-- 2. Definer's rights, invoker's rights and EXECUTE.
SELECT statement, action FROM plpolar.exec($script$
CREATE TABLE secrets (k int, v text);
INSERT INTO secrets VALUES (1, 'one');
CREATE FUNCTION read_secret(p_k NUMBER) RETURN VARCHAR2 IS
  r VARCHAR2(100);
BEGIN
  SELECT v INTO r FROM secrets WHERE k = p_k;
  RETURN r || CASE WHEN current_user = 'plpolar_clerk' THEN ' as the caller' ELSE ' as the owner' END;
END;
/
CREATE FUNCTION whoami RETURN VARCHAR2 AUTHID CURRENT_USER IS
BEGIN
  RETURN current_user;
END;
/
CREATE PROCEDURE note_secret(p_v VARCHAR2) AUTHID DEFINER IS
BEGIN
  INSERT INTO secrets VALUES (99, p_v);
END;
/
CREATE PROCEDURE count_secrets(p_n OUT NUMBER) IS
BEGIN
  SELECT count(*) INTO p_n FROM secrets;
END;
/
$script$);
SELECT proname, prosecdef, proconfig, has_function_privilege('plpolar_clerk', oid, 'EXECUTE') AS clerk_executes
FROM pg_proc WHERE proname IN ('read_secret', 'whoami', 'note_secret', 'count_secrets') ORDER BY 1;
SET ROLE plpolar_clerk;
SELECT read_secret(1);
SELECT whoami();
CALL note_secret('x');
CALL count_secrets(NULL);
SELECT * FROM secrets;
RESET ROLE;
GRANT EXECUTE ON FUNCTION read_secret(number), whoami() TO plpolar_clerk;
GRANT EXECUTE ON PROCEDURE note_secret(varchar2) TO plpolar_clerk;
SET ROLE plpolar_clerk;
SELECT read_secret(1);
SELECT whoami();
CALL note_secret('noted by the clerk');
RESET ROLE;
GRANT EXECUTE ON PROCEDURE count_secrets TO plpolar_clerk;
SET ROLE plpolar_clerk;
CALL count_secrets(NULL);
-- Objects the caller plants first in its path, or as temporary tables, do
-- not redirect a definer-rights unit's names.
CREATE SCHEMA clerk;
CREATE TABLE clerk.secrets (k int, v text);
INSERT INTO clerk.secrets VALUES (1, 'forged in a schema');
CREATE TEMP TABLE secrets (k int, v text);
INSERT INTO secrets VALUES (1, 'forged in pg_temp');
SET search_path = clerk, public;
SELECT public.read_secret(1);
SET search_path = pg_temp, clerk, public;
SELECT public.read_secret(1);
RESET search_path;
RESET ROLE;
SELECT k, v FROM public.secrets ORDER BY k;
-- CREATE OR REPLACE keeps the privileges the unit had.
SELECT action FROM plpolar.exec($script$
CREATE OR REPLACE FUNCTION read_secret(p_k NUMBER) RETURN VARCHAR2 IS
BEGIN
  RETURN 'replaced';
END;
$script$);
SELECT has_function_privilege('plpolar_clerk', 'read_secret(number)', 'EXECUTE') AS clerk_still_executes;
-- The PostgreSQL form: PostgreSQL's defaults (invoker's rights, EXECUTE for PUBLIC).
CREATE FUNCTION pg_form() RETURNS int LANGUAGE plpolar AS $$ BEGIN RETURN 1; END; $$;
SELECT prosecdef, proconfig, has_function_privilege('plpolar_clerk', 'pg_form()', 'EXECUTE') AS clerk_executes
FROM pg_proc WHERE proname = 'pg_form';
-- An AUTHID clause that is neither is a syntax error.
SELECT * FROM plpolar.exec('CREATE FUNCTION bad RETURN int AUTHID nobody IS BEGIN RETURN 1; END;');

\c contrib_regression
DROP DATABASE plpolar_walk;
DROP ROLE plpolar_clerk;
