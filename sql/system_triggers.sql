-- Oracle's system triggers (issue 19) through plpolar.exec: AFTER LOGON /
-- BEFORE LOGOFF ON DATABASE | SCHEMA | user.SCHEMA, the same objects as the
-- PolarDB form (pg_event_trigger rows, \dy); DDL triggers on PostgreSQL's
-- event triggers; the event attribute functions; SYS_CONTEXT('USERENV');
-- DBMS_APPLICATION_INFO and DBMS_SESSION.SET_IDENTIFIER. Real connections:
-- every \c ends a session (logoff) and starts one (logon). In a database of
-- its own: its triggers fire for every connection to it.
CREATE DATABASE plpolar_sys;
CREATE ROLE plpolar_sys_alice LOGIN PASSWORD 'plpolar_sys_alice';
CREATE ROLE plpolar_sys_bob LOGIN PASSWORD 'plpolar_sys_bob';
SELECT current_user AS su \gset
\c plpolar_sys
CREATE EXTENSION plpolar;
CREATE TABLE sessions_log (id serial, who text, event text, ip_is_tcp boolean, db_ok boolean, instance int,
                           scope text);
GRANT SELECT ON sessions_log TO PUBLIC;
-- Logoff rows are written by a backend on its way out, while the next
-- session logs on (psql connects before it disconnects): wait for them,
-- and show rows in an order that does not depend on that race.
CREATE FUNCTION wait_for(p_event text, p_who text, p_count int) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  n bigint;
BEGIN
  FOR i IN 1..400 LOOP
    SELECT count(*) INTO n FROM sessions_log WHERE event = p_event AND who = p_who;
    IF n >= p_count THEN RETURN p_event || ' ' || p_who || ': ' || p_count; END IF;
    PERFORM pg_sleep(0.025);
  END LOOP;
  RETURN p_event || ' ' || p_who || ': only ' || n || ' after 10 s, expected ' || p_count;
END $$;
CREATE FUNCTION who(name) RETURNS text LANGUAGE sql AS $$
  SELECT CASE $1 WHEN 'plpolar_sys_alice' THEN 'alice' WHEN 'plpolar_sys_bob' THEN 'bob'
    ELSE CASE WHEN (SELECT rolsuper FROM pg_roles WHERE rolname = $1) THEN 'superuser' ELSE 'socket user' END END $$;

-- 1. Oracle's spelling: one trigger per event, ON DATABASE and ON a
-- user's SCHEMA; the body reads the event attribute functions without
-- parentheses, as Oracle code does.
SELECT statement, line, action FROM plpolar.exec($$
CREATE OR REPLACE TRIGGER db_logon AFTER LOGON ON DATABASE
BEGIN
  INSERT INTO sessions_log (who, event, ip_is_tcp, db_ok, instance, scope)
  VALUES (who(ora_login_user), ora_sysevent, ora_client_ip_address IS NOT NULL,
          ora_database_name = current_database(), ora_instance_num, 'database');
END;
/
CREATE TRIGGER db_logoff BEFORE LOGOFF ON DATABASE
BEGIN
  INSERT INTO sessions_log (who, event, scope) VALUES (who(ora_login_user), ora_sysevent, 'database');
END;
/
CREATE TRIGGER alice_logon AFTER LOGON ON plpolar_sys_alice.SCHEMA
BEGIN
  INSERT INTO sessions_log (who, event, scope) VALUES (who(SYS_CONTEXT('USERENV', 'SESSION_USER')), ora_sysevent, 'alice');
END;
/
$$);
SELECT evtname, evtevent, evtenabled, evttags, evtfoid::regproc AS function FROM pg_event_trigger ORDER BY 1;
-- Only the owner may call the functions directly, as with every Oracle unit.
SELECT p.proname, p.prosecdef, p.proacl IS NOT NULL AS acl_set FROM pg_proc p WHERE p.proname LIKE '%$trigger' ORDER BY 1;

\c "dbname=plpolar_sys user=plpolar_sys_alice password=plpolar_sys_alice"
\c "dbname=plpolar_sys user=plpolar_sys_bob password=plpolar_sys_bob"
\c plpolar_sys :su
-- Those came over TCP; one over the Unix socket (peer authentication as
-- the OS user, an ordinary role): no client address.
SELECT setting AS sockdir FROM pg_settings WHERE name = 'unix_socket_directories' \gset
\setenv PLPOLAR_SOCKDIR :sockdir
-- (the script's first connection, over TCP as the superuser, creates that role)
\! bash test/session/socket_login.sh plpolar_sys
SELECT wait_for('LOGOFF', 'alice', 1), wait_for('LOGOFF', 'bob', 1), wait_for('LOGOFF', 'superuser', 2),
       wait_for('LOGOFF', 'socket user', 1);
SELECT who, event, ip_is_tcp, db_ok, instance, scope FROM sessions_log ORDER BY event, who, scope;
TRUNCATE sessions_log;

-- 2. ALTER TRIGGER DISABLE: the trigger stays, and does not fire; ENABLE
-- again; RENAME renames trigger and function; COMPILE compiles the body.
SELECT action FROM plpolar.exec('ALTER TRIGGER alice_logon DISABLE');
\c "dbname=plpolar_sys user=plpolar_sys_alice password=plpolar_sys_alice"
\c plpolar_sys :su
SELECT who, event, scope FROM sessions_log WHERE event = 'LOGON' ORDER BY who, scope;
TRUNCATE sessions_log;
SELECT action FROM plpolar.exec($$
ALTER TRIGGER alice_logon ENABLE;
ALTER TRIGGER alice_logon RENAME TO alice_in;
ALTER TRIGGER alice_in COMPILE;
$$);
SELECT evtname, evtenabled, evtfoid::regproc AS function FROM pg_event_trigger WHERE evtname LIKE 'alice%';
\c "dbname=plpolar_sys user=plpolar_sys_alice password=plpolar_sys_alice"
\c plpolar_sys :su
SELECT who, event, scope FROM sessions_log WHERE event = 'LOGON' ORDER BY who, scope;
TRUNCATE sessions_log;

-- 3. OR REPLACE keeps one trigger; without it, the name is taken
-- (ORA-04081), also by a table's trigger of the schema; DROP TRIGGER takes
-- the function along.
SELECT action FROM plpolar.exec($$
CREATE OR REPLACE TRIGGER alice_in AFTER LOGON ON plpolar_sys_alice.SCHEMA DISABLE
BEGIN
  NULL;
END;
$$);
SELECT evtname, evtenabled FROM pg_event_trigger WHERE evtname LIKE 'alice%';
SELECT action FROM plpolar.exec($$CREATE TRIGGER alice_in BEFORE LOGOFF ON DATABASE BEGIN NULL; END;$$);
CREATE TABLE t (a int);
SELECT action FROM plpolar.exec($$CREATE TRIGGER t_ins BEFORE INSERT ON t FOR EACH ROW BEGIN NULL; END;$$);
SELECT action FROM plpolar.exec($$CREATE TRIGGER t_ins AFTER LOGON ON DATABASE BEGIN NULL; END;$$);
SELECT action FROM plpolar.exec('DROP TRIGGER alice_in');
SELECT count(*) AS left_over FROM pg_proc WHERE proname = 'alice_in$trigger';
SELECT action FROM plpolar.exec('DROP TRIGGER alice_in');

-- 4. What Oracle refuses, and what PostgreSQL cannot do.
SELECT action FROM plpolar.exec($$CREATE TRIGGER x BEFORE LOGON ON DATABASE BEGIN NULL; END;$$);
SELECT action FROM plpolar.exec($$CREATE TRIGGER x AFTER LOGOFF ON DATABASE BEGIN NULL; END;$$);
SELECT action FROM plpolar.exec($$CREATE TRIGGER x AFTER STARTUP ON DATABASE BEGIN NULL; END;$$);
SELECT action FROM plpolar.exec($$CREATE TRIGGER x AFTER LOGON OR CREATE ON DATABASE BEGIN NULL; END;$$);
SELECT action FROM plpolar.exec($$CREATE TRIGGER x BEFORE TRUNCATE ON SCHEMA BEGIN NULL; END;$$);
SELECT action FROM plpolar.exec($$CREATE TRIGGER x AFTER LOGON ON nobody_here.SCHEMA BEGIN NULL; END;$$);
SELECT action FROM plpolar.exec($$CREATE TRIGGER x AFTER LOGON ON DATABASE WHEN (1 = 1) BEGIN NULL; END;$$);
SELECT count(*) AS none_made FROM pg_event_trigger WHERE evtname = 'x';

-- 5. Only superusers create system triggers, on their own schema too: a
-- user's failing logon trigger would undo the audit triggers' work for
-- the session (they run in one subtransaction). The PolarDB form the same.
GRANT CREATE ON SCHEMA public TO plpolar_sys_alice;
SET ROLE plpolar_sys_alice;
SELECT action FROM plpolar.exec($$CREATE TRIGGER mine AFTER LOGON ON SCHEMA BEGIN NULL; END;$$);
SELECT action FROM plpolar.exec($$CREATE TRIGGER mine AFTER LOGON ON plpolar_sys_alice.SCHEMA BEGIN NULL; END;$$);
SELECT action FROM plpolar.exec($$CREATE TRIGGER mine AFTER CREATE ON SCHEMA BEGIN NULL; END;$$);
CREATE FUNCTION mine() RETURNS event_trigger LANGUAGE plpolar AS $$ BEGIN NULL; END $$;
CREATE EVENT TRIGGER mine ON after_user_logon WHEN TAG IN ('plpolar_sys_alice') EXECUTE FUNCTION mine();
-- Nor may she drop or disable the database's.
SELECT action FROM plpolar.exec('ALTER TRIGGER db_logon DISABLE');
SELECT action FROM plpolar.exec('DROP TRIGGER db_logon');
RESET ROLE;
DROP FUNCTION mine();
SELECT evtname, evtenabled FROM pg_event_trigger ORDER BY 1;

-- 6. The PolarDB form takes the same user filter: WHEN TAG IN ('user', ...),
-- which is how the Oracle form's ON user.SCHEMA is kept (pg_dump writes it
-- back). Roles must exist; no other filter variable.
CREATE FUNCTION bob_logon() RETURNS event_trigger LANGUAGE plpolar SECURITY DEFINER SET search_path = public AS $$
BEGIN
  INSERT INTO sessions_log (who, event, scope) VALUES (who(polar_login_user), tg_tag, 'polar form');
END $$;
CREATE EVENT TRIGGER bob_logon ON after_user_logon WHEN TAG IN ('plpolar_sys_bob', 'plpolar_sys_nobody')
  EXECUTE FUNCTION bob_logon();
CREATE EVENT TRIGGER bob_logon ON after_user_logon WHEN tag IN ('plpolar_sys_bob') EXECUTE FUNCTION bob_logon();
CREATE EVENT TRIGGER bob_logon ON after_user_logon WHEN command IN ('x') EXECUTE FUNCTION bob_logon();
\c "dbname=plpolar_sys user=plpolar_sys_bob password=plpolar_sys_bob"
\c "dbname=plpolar_sys user=plpolar_sys_alice password=plpolar_sys_alice"
\c plpolar_sys :su
SELECT who, event, scope FROM sessions_log WHERE event = 'LOGON' ORDER BY who, scope;
TRUNCATE sessions_log;
-- Oracle's DROP TRIGGER drops a PolarDB-form trigger too (not the function,
-- which is not the trigger's own).
SELECT action FROM plpolar.exec('DROP TRIGGER bob_logon');
DROP FUNCTION bob_logon();

SET plpolar.serveroutput = on;
-- 7. SYS_CONTEXT('USERENV', ...): in SQL, in plpolar code, in views and
-- row-level security policies; case-insensitive; Oracle's length argument;
-- ORA-02003 for a parameter Oracle does not have; another namespace NULL.
SELECT plpolar.sys_context('USERENV', 'SESSION_USER') = session_user AS session_user_ok,
       plpolar.sys_context('userenv', 'current_user') = current_user AS current_user_ok,
       plpolar.sys_context('USERENV', 'CURRENT_SCHEMA') = current_schema AS schema_ok,
       plpolar.sys_context('USERENV', 'DB_NAME') = current_database() AS db_ok,
       plpolar.sys_context('USERENV', 'SID') = pg_backend_pid()::text AS sid_ok,
       plpolar.sys_context('USERENV', 'SESSIONID') ~ '^[0-9]+$' AS sessionid_ok,
       plpolar.sys_context('USERENV', 'INSTANCE') AS instance,
       plpolar.sys_context('USERENV', 'ISDBA') AS isdba,
       plpolar.sys_context('USERENV', 'IP_ADDRESS') IS NOT DISTINCT FROM host(inet_client_addr()) AS ip_ok,
       plpolar.sys_context('USERENV', 'HOST') IS NOT NULL AS host_set,
       plpolar.sys_context('USERENV', 'TERMINAL') IS NOT NULL AS terminal_set,
       plpolar.sys_context('USERENV', 'SERVER_HOST') IS NOT NULL AS server_host_set,
       plpolar.sys_context('USERENV', 'INSTANCE_NAME') IS NOT NULL AS instance_name_set,
       plpolar.sys_context('USERENV', 'AUTHENTICATION_METHOD') IN ('NONE', 'PASSWORD', 'OS', 'SSL', 'KERBEROS', 'RADIUS')
         AS method_ok,
       plpolar.sys_context('USERENV', 'LANGUAGE') AS language,
       plpolar.sys_context('USERENV', 'NLS_DATE_FORMAT') = current_setting('plpolar.nls_date_format') AS nls_ok,
       plpolar.sys_context('USERENV', 'MODULE') = current_setting('application_name') AS module_ok,
       plpolar.sys_context('USERENV', 'ACTION') AS action,
       plpolar.sys_context('USERENV', 'CLIENT_INFO') AS client_info,
       plpolar.sys_context('USERENV', 'CLIENT_IDENTIFIER') AS client_identifier,
       plpolar.sys_context('USERENV', 'DB_DOMAIN') AS db_domain,
       plpolar.sys_context('USERENV', 'SESSION_USER', 3) = left(session_user, 3) AS length_ok;
SELECT plpolar.sys_context('USERENV', 'NO_SUCH_THING');
SELECT plpolar.sys_context('MY_APP_CTX', 'ANYTHING') IS NULL AS other_namespace_null,
       plpolar.sys_context(NULL, 'SESSION_USER') IS NULL AS null_namespace;
DO LANGUAGE plpolar $$
DECLARE
  v varchar2(100);
BEGIN
  v := SYS_CONTEXT('USERENV', 'CURRENT_USER');
  dbms_output.put_line('current user ok: ' || CASE WHEN v = USER THEN 'yes' ELSE 'no' END);
  v := SYS_CONTEXT('USERENV', 'NOT_A_PARAMETER');
EXCEPTION WHEN OTHERS THEN
  dbms_output.put_line('SQLCODE ' || SQLCODE || ': ' || SQLERRM);
END $$;
-- A view and a policy that show each user their own rows.
CREATE TABLE notes (owner_name text, note text);
INSERT INTO notes VALUES ('plpolar_sys_alice', 'for alice'), ('plpolar_sys_bob', 'for bob');
CREATE VIEW my_notes AS SELECT note FROM notes WHERE owner_name = plpolar.sys_context('USERENV', 'SESSION_USER');
ALTER TABLE notes ENABLE ROW LEVEL SECURITY;
CREATE POLICY own ON notes USING (owner_name = plpolar.sys_context('USERENV', 'SESSION_USER'));
GRANT SELECT ON notes, my_notes TO plpolar_sys_alice, plpolar_sys_bob;
\c "dbname=plpolar_sys user=plpolar_sys_alice password=plpolar_sys_alice"
SELECT * FROM my_notes;
SELECT note FROM notes;
\c "dbname=plpolar_sys user=plpolar_sys_bob password=plpolar_sys_bob"
SELECT note FROM notes;
\c plpolar_sys :su
TRUNCATE sessions_log;

-- 8. DBMS_APPLICATION_INFO and DBMS_SESSION.SET_IDENTIFIER: what
-- SYS_CONTEXT and pg_stat_activity (application_name) show; READ_MODULE's
-- OUT parameters; DISCARD ALL forgets them.
SET plpolar.serveroutput = on;
DO LANGUAGE plpolar $$
DECLARE
  m varchar2(64);
  a varchar2(64);
  c varchar2(64);
BEGIN
  DBMS_APPLICATION_INFO.SET_MODULE('payroll', 'startup');
  DBMS_APPLICATION_INFO.SET_ACTION(action_name => 'monthly run');
  DBMS_APPLICATION_INFO.SET_CLIENT_INFO('batch 7');
  DBMS_SESSION.SET_IDENTIFIER('user-42');
  DBMS_APPLICATION_INFO.READ_MODULE(m, a);
  DBMS_APPLICATION_INFO.READ_CLIENT_INFO(c);
  dbms_output.put_line(m || ' / ' || a || ' / ' || c);
  dbms_output.put_line(SYS_CONTEXT('USERENV', 'MODULE') || ' / ' || SYS_CONTEXT('USERENV', 'ACTION') || ' / ' ||
                       SYS_CONTEXT('USERENV', 'CLIENT_INFO') || ' / ' || SYS_CONTEXT('userenv', 'client_identifier'));
END $$;
SELECT application_name FROM pg_stat_activity WHERE pid = pg_backend_pid();
CALL dbms_application_info.set_module(repeat('m', 60), NULL);
SELECT length(plpolar.sys_context('USERENV', 'MODULE', 4000)) AS module_bytes_kept,
       plpolar.sys_context('USERENV', 'ACTION') IS NULL AS action_cleared;
CALL dbms_session.clear_identifier();
SELECT plpolar.sys_context('USERENV', 'CLIENT_IDENTIFIER') IS NULL AS identifier_cleared;
DISCARD ALL;
SELECT plpolar.sys_context('USERENV', 'CLIENT_INFO') IS NULL AS client_info_reset;

-- 9. DDL triggers: AFTER CREATE OR ALTER OR DROP ON DATABASE with the
-- object's type, owner and name; BEFORE DDL ON SCHEMA for the creator's
-- commands only; BEFORE RENAME stopping a rename.
CREATE TABLE ddl_log (id serial, event text, type text, owner text, name text, who text);
GRANT INSERT ON ddl_log TO PUBLIC;
GRANT USAGE ON SEQUENCE ddl_log_id_seq TO PUBLIC;
SELECT statement, replace(action, current_user, 'superuser') AS action FROM plpolar.exec($$
CREATE TRIGGER ddl_after AFTER CREATE OR ALTER OR DROP ON DATABASE
BEGIN
  INSERT INTO ddl_log (event, type, owner, name, who)
  VALUES (ora_sysevent, ora_dict_obj_type, ora_dict_obj_owner, ora_dict_obj_name, who(ora_login_user));
END;
/
CREATE TRIGGER ddl_mine BEFORE DDL ON SCHEMA
BEGIN
  INSERT INTO ddl_log (event, type, owner, name, who)
  VALUES ('before ' || ora_sysevent, ora_dict_obj_type, ora_dict_obj_owner, ora_dict_obj_name, who(ora_login_user));
END;
/
CREATE TRIGGER no_rename BEFORE RENAME ON DATABASE
BEGIN
  RAISE_APPLICATION_ERROR(-20042, 'renaming ' || ora_dict_obj_name || ' is not allowed');
END;
/
$$);
SELECT evtname, evtevent, evttags IS NOT NULL AS filtered FROM pg_event_trigger WHERE evtname LIKE 'ddl%' OR evtname = 'no_rename' ORDER BY 1;
CREATE TABLE ddl_t (a int);
ALTER TABLE ddl_t ADD COLUMN b int;
CREATE VIEW ddl_v AS SELECT a FROM ddl_t;
CREATE FUNCTION ddl_f() RETURNS int LANGUAGE sql AS 'SELECT 1';
ALTER TABLE ddl_t RENAME TO ddl_t2;
DROP FUNCTION ddl_f();
DROP VIEW ddl_v;
-- Alice's commands: the database's trigger fires, not the superuser's
-- schema trigger.
\c "dbname=plpolar_sys user=plpolar_sys_alice password=plpolar_sys_alice"
CREATE TABLE alice_t (a int);
DROP TABLE alice_t;
\c plpolar_sys :su
SELECT event, type, owner, name, who FROM ddl_log ORDER BY id;
SELECT action FROM plpolar.exec($$
DROP TRIGGER ddl_after;
DROP TRIGGER ddl_mine;
DROP TRIGGER no_rename;
$$);
DROP TABLE ddl_t;
SELECT count(*) AS ddl_triggers_left FROM pg_event_trigger WHERE evtname LIKE 'ddl%' OR evtname = 'no_rename';

-- 10. Application contexts: CREATE CONTEXT ns USING unit; only that unit
-- sets or clears its values (ORA-01031 elsewhere); SYS_CONTEXT(ns, attr)
-- case-insensitive. Oracle's pattern: a logon trigger calls the context's
-- package, a row-level security policy reads the value.
CREATE TABLE staff (login text, dept int);
INSERT INTO staff VALUES ('plpolar_sys_alice', 10), ('plpolar_sys_bob', 20);
CREATE TABLE orders (id int, dept int);
INSERT INTO orders VALUES (1, 10), (2, 20), (3, 10);
ALTER TABLE orders ENABLE ROW LEVEL SECURITY;
CREATE POLICY by_dept ON orders USING (dept = plpolar.sys_context('dept_ctx', 'DEPT')::int);
GRANT SELECT ON orders TO PUBLIC;
SELECT statement, action FROM plpolar.exec($$
CREATE CONTEXT dept_ctx USING dept_ctx_pkg;
CREATE OR REPLACE PACKAGE dept_ctx_pkg AS
  PROCEDURE init;
  PROCEDURE set_dept(p_dept NUMBER);
  PROCEDURE forget;
END dept_ctx_pkg;
/
CREATE OR REPLACE PACKAGE BODY dept_ctx_pkg AS
  PROCEDURE init IS
    v_dept NUMBER;
  BEGIN
    SELECT dept INTO v_dept FROM staff WHERE login = SYS_CONTEXT('USERENV', 'SESSION_USER');
    DBMS_SESSION.SET_CONTEXT('dept_ctx', 'dept', v_dept);
  EXCEPTION
    WHEN NO_DATA_FOUND THEN NULL;
  END;
  PROCEDURE set_dept(p_dept NUMBER) IS
  BEGIN
    DBMS_SESSION.SET_CONTEXT(namespace => 'DEPT_CTX', attribute => 'Dept', value => p_dept);
  END;
  PROCEDURE forget IS
  BEGIN
    DBMS_SESSION.CLEAR_ALL_CONTEXT('dept_ctx');
  END;
END dept_ctx_pkg;
/
CREATE TRIGGER dept_init AFTER LOGON ON DATABASE
BEGIN
  dept_ctx_pkg.init;
END;
/
CREATE PROCEDURE not_the_unit IS
BEGIN
  DBMS_SESSION.SET_CONTEXT('dept_ctx', 'dept', '20');
END;
/
GRANT EXECUTE ON dept_ctx_pkg TO plpolar_sys_alice;
GRANT EXECUTE ON not_the_unit TO plpolar_sys_alice;
$$);
SELECT * FROM plpolar.contexts;
\c "dbname=plpolar_sys user=plpolar_sys_alice password=plpolar_sys_alice"
SELECT plpolar.sys_context('DEPT_CTX', 'dept') AS alice_dept, plpolar.sys_context('Dept_Ctx', 'Dept') AS any_case;
SELECT id FROM orders ORDER BY id;
SELECT * FROM plpolar.session_context;
-- Nobody but the package: not an anonymous block, not another procedure.
DO LANGUAGE plpolar $$BEGIN DBMS_SESSION.SET_CONTEXT('dept_ctx', 'dept', '20'); END $$;
CALL not_the_unit();
DO LANGUAGE plpolar $$BEGIN DBMS_SESSION.CLEAR_CONTEXT('dept_ctx', NULL, 'dept'); END $$;
DO LANGUAGE plpolar $$BEGIN DBMS_SESSION.SET_CONTEXT('no_such_ctx', 'a', 'b'); END $$;
SELECT plpolar.sys_context('dept_ctx', 'dept') AS still_alice_dept;
-- Through the package's interface, as its grantees may.
CALL dept_ctx_pkg.set_dept(20);
SELECT id FROM orders ORDER BY id;
CALL dept_ctx_pkg.forget();
SELECT plpolar.sys_context('dept_ctx', 'dept') IS NULL AS cleared, count(*) AS orders_seen FROM orders;
-- Contexts are a superuser's to create and drop; the table is read-only.
SELECT plpolar.exec('CREATE CONTEXT alice_ctx USING alice_pkg');
SELECT plpolar.exec('DROP CONTEXT dept_ctx');
INSERT INTO plpolar.contexts VALUES ('ALICE_CTX', 'public', 'anything');
\c "dbname=plpolar_sys user=plpolar_sys_bob password=plpolar_sys_bob"
SELECT plpolar.sys_context('dept_ctx', 'dept') AS bob_dept, (SELECT array_agg(id) FROM orders) AS bob_orders;
DISCARD ALL;
SELECT plpolar.sys_context('dept_ctx', 'dept') IS NULL AS forgotten_by_discard;
\c plpolar_sys :su
-- A standalone procedure as the context's unit, named with its schema.
SET plpolar.serveroutput = on;
SELECT action FROM plpolar.exec($$
CREATE CONTEXT proc_ctx USING public.set_proc_ctx;
CREATE PROCEDURE set_proc_ctx(p_attr VARCHAR2, p_value VARCHAR2) IS
BEGIN
  DBMS_SESSION.SET_CONTEXT('proc_ctx', p_attr, p_value);
END;
/
$$);
CALL set_proc_ctx('colour', 'blue');
CALL set_proc_ctx('size', NULL);
SELECT * FROM plpolar.session_context ORDER BY attribute;
DO LANGUAGE plpolar $$BEGIN dbms_output.put_line('colour: ' || SYS_CONTEXT('proc_ctx', 'COLOUR')); END $$;
SELECT action FROM plpolar.exec('DROP CONTEXT proc_ctx');
CALL set_proc_ctx('colour', 'red');
-- What Oracle refuses and what is Oracle's own.
SELECT plpolar.exec('CREATE CONTEXT dept_ctx USING other_pkg');
SELECT plpolar.exec('CREATE CONTEXT userenv USING other_pkg');
SELECT plpolar.exec('CREATE CONTEXT glob_ctx USING other_pkg ACCESSED GLOBALLY');
SELECT action FROM plpolar.exec('CREATE OR REPLACE CONTEXT tmp_ctx USING other_pkg');
SELECT action FROM plpolar.exec('DROP CONTEXT tmp_ctx');
SELECT plpolar.exec('DROP CONTEXT tmp_ctx');

-- 11. pg_dump round trip: the restored database's Oracle-form triggers
-- fire, the user filter kept.
SELECT action FROM plpolar.exec($$
CREATE TRIGGER bob_in AFTER LOGON ON plpolar_sys_bob.SCHEMA
BEGIN
  INSERT INTO sessions_log (who, event, scope) VALUES (who(ora_login_user), ora_sysevent, 'bob');
END;
$$);
\! pg_dump -d plpolar_sys > /tmp/plpolar_sys.dump 2>&1; echo "pg_dump: $?"
CREATE DATABASE plpolar_sys_restored;
\! psql -X -q -v ON_ERROR_STOP=1 -d plpolar_sys_restored -f /tmp/plpolar_sys.dump > /tmp/plpolar_sys.restore 2>&1; echo "restore: $?"; rm -f /tmp/plpolar_sys.dump /tmp/plpolar_sys.restore
\c plpolar_sys_restored :su
SELECT evtname, evtevent, evttags FROM pg_event_trigger ORDER BY 1;
TRUNCATE sessions_log;
\c "dbname=plpolar_sys_restored user=plpolar_sys_bob password=plpolar_sys_bob"
\c plpolar_sys_restored :su
SELECT wait_for('LOGOFF', 'bob', 1), wait_for('LOGOFF', 'superuser', 1);
SELECT who, event, scope FROM sessions_log ORDER BY event, who, scope;
-- The context and its logon trigger came along.
SELECT * FROM plpolar.contexts;
\c "dbname=plpolar_sys_restored user=plpolar_sys_bob password=plpolar_sys_bob"
SELECT plpolar.sys_context('dept_ctx', 'dept') AS bob_dept, (SELECT array_agg(id) FROM orders) AS bob_orders;
\c plpolar_sys :su
DROP DATABASE plpolar_sys_restored;

-- 12. Session initialisation in a logon trigger that runs with its owner's
-- rights: SET_ROLE and ALTER SESSION SET CURRENT_SCHEMA / NLS_DATE_FORMAT /
-- TIME_ZONE stay in force after the triggers. The role is taken when the
-- triggers have finished (PostgreSQL refuses SET ROLE inside a definer's
-- function), all or nothing with them; never a role not granted.
CREATE ROLE plpolar_sys_reader;
GRANT plpolar_sys_reader TO plpolar_sys_alice;
CREATE SCHEMA app_s;
GRANT USAGE ON SCHEMA app_s TO PUBLIC;
CREATE TABLE app_s.greeting AS SELECT 'hello from app_s'::text AS g;
GRANT SELECT ON app_s.greeting TO plpolar_sys_reader;
CREATE TABLE init_log (who text, session_user_then text);
CREATE TABLE init_flags (fail boolean);
INSERT INTO init_flags VALUES (false);
SELECT action FROM plpolar.exec($$
CREATE TRIGGER sess_init AFTER LOGON ON DATABASE
BEGIN
  IF ora_login_user = 'plpolar_sys_alice' THEN
    DBMS_SESSION.SET_ROLE('plpolar_sys_reader IDENTIFIED BY not_looked_at');
    EXECUTE IMMEDIATE 'ALTER SESSION SET CURRENT_SCHEMA = app_s';
    EXECUTE IMMEDIATE 'ALTER SESSION SET NLS_DATE_FORMAT = ''DD.MM.YYYY'' TIME_ZONE = ''+02:00''';
    INSERT INTO init_log VALUES ('alice', SYS_CONTEXT('USERENV', 'SESSION_USER'));
  ELSIF ora_login_user = 'plpolar_sys_bob' THEN
    EXECUTE IMMEDIATE 'SET ROLE plpolar_sys_reader';
  END IF;
END;
/
CREATE TRIGGER sess_zz_check AFTER LOGON ON DATABASE
DECLARE
  v_fail BOOLEAN;
BEGIN
  SELECT fail INTO v_fail FROM init_flags;
  IF v_fail THEN
    RAISE_APPLICATION_ERROR(-20077, 'logon checks failed');
  END IF;
END;
/
CREATE PROCEDURE take_role IS
BEGIN
  DBMS_SESSION.SET_ROLE('plpolar_sys_reader');
END;
/
GRANT EXECUTE ON take_role TO plpolar_sys_alice;
$$);
\c "dbname=plpolar_sys user=plpolar_sys_alice password=plpolar_sys_alice"
SELECT session_user, current_user, current_setting('search_path') AS search_path,
       current_setting('plpolar.nls_date_format') AS nls_date_format, current_setting('TimeZone') AS time_zone;
SELECT g FROM greeting;
SET plpolar.serveroutput = on;
DO LANGUAGE plpolar $$BEGIN dbms_output.put_line(SYS_CONTEXT('USERENV', 'CURRENT_USER') || ' in ' || SYS_CONTEXT('USERENV', 'CURRENT_SCHEMA')); END $$;
-- Outside a logon trigger a definer's procedure may not, as in Oracle.
CALL public.take_role();
-- Bob was not granted the role: his trigger fails, the session goes on
-- as bob (plpolar.logon_failure = warn).
\c "dbname=plpolar_sys user=plpolar_sys_bob password=plpolar_sys_bob"
SELECT session_user, current_user;
CALL dbms_session.set_role('plpolar_sys_reader');
\c plpolar_sys :su
-- A later trigger fails: nothing of the run stays, the role included.
UPDATE init_flags SET fail = true;
\c "dbname=plpolar_sys user=plpolar_sys_alice password=plpolar_sys_alice"
SELECT session_user, current_user, current_setting('search_path') AS search_path;
\c plpolar_sys :su
SELECT * FROM init_log;
SELECT action FROM plpolar.exec('DROP TRIGGER sess_init; DROP TRIGGER sess_zz_check;');
\c contrib_regression :su
DROP DATABASE plpolar_sys;
DROP ROLE plpolar_sys_alice;
DROP ROLE plpolar_sys_bob;
DROP ROLE plpolar_sys_reader;
