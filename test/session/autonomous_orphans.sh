#!/usr/bin/env bash
# pg_virtualenv -o shared_preload_libraries=plpolar bash autonomous_orphans.sh. An
# autonomous transaction's worker never outlives its session: not after a
# normal exit, not when the session is terminated in mid-call (its
# uncommitted work then disappears), and logon / logoff triggers may call
# autonomous procedures. Prints "ok: ..." or "FAILED: ...".
set -uo pipefail
fail() { echo "FAILED: $*"; exit 1; }
workers() { psql -X -At -c "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'plpolar autonomous transaction'"; }
wait_workers() {  # wait_workers N: until N workers remain (5 s at most)
  for _ in $(seq 100); do [ "$(workers)" -eq "$1" ] && return 0; sleep 0.05; done
  return 1
}
psql -X -q -v ON_ERROR_STOP=1 <<'SQL' || fail "setup"
CREATE EXTENSION plpolar;
CREATE TABLE alog (msg text, pid int DEFAULT pg_backend_pid());
CREATE PROCEDURE note(m text) LANGUAGE plpolar AS $$
DECLARE
  PRAGMA AUTONOMOUS_TRANSACTION;
BEGIN
  INSERT INTO alog(msg) VALUES (m);
  COMMIT;
END;
$$;
CREATE PROCEDURE spins() LANGUAGE plpolar AS $$
DECLARE
  PRAGMA AUTONOMOUS_TRANSACTION;
BEGIN
  INSERT INTO alog(msg) VALUES ('uncommitted');
  LOOP NULL; END LOOP;
END;
$$;
SQL

# 1. A session that ends takes its idle worker with it.
psql -X -q -v ON_ERROR_STOP=1 -c "CALL note('one')" || fail "first call"
wait_workers 0 || fail "$(workers) worker(s) left after the session ended"

# 2. Terminated in mid-call: the worker goes, its work is rolled back.
psql -X -q -c "CALL spins()" >/dev/null 2>&1 &
for _ in $(seq 100); do [ "$(workers)" -eq 1 ] && break; sleep 0.05; done
[ "$(workers)" -eq 1 ] || fail "no worker for the spinning call"
sleep 0.2
caller=$(psql -X -At -c "SELECT pid FROM pg_stat_activity WHERE query = 'CALL spins()' AND backend_type = 'client backend'")
[ -n "$caller" ] || fail "no caller found"
psql -X -At -c "SELECT pg_terminate_backend($caller)" >/dev/null
wait
wait_workers 0 || fail "$(workers) worker(s) left after terminating the caller"
[ "$(psql -X -At -c "SELECT count(*) FROM alog WHERE msg = 'uncommitted'")" -eq 0 ] || fail "the orphan's work stayed"

# 3. Cancelled in mid-call: the caller goes on, the next call works.
out=$(psql -X -At -v ON_ERROR_STOP=0 2>&1 <<'SQL'
SET statement_timeout = '300ms';
CALL spins();
RESET statement_timeout;
CALL note('after cancel');
SELECT count(*) FROM alog WHERE msg = 'after cancel';
SQL
)
echo "$out" | grep -q "canceling statement due to statement timeout" || fail "no timeout: $out"
[ "$(echo "$out" | tail -1)" = "1" ] || fail "the call after the timeout: $out"
wait_workers 0 || fail "$(workers) worker(s) left after the cancelled session"

# 4. Logon and logoff triggers call autonomous procedures.
psql -X -q -v ON_ERROR_STOP=1 <<'SQL' || fail "trigger setup"
CREATE FUNCTION on_logon() RETURNS event_trigger LANGUAGE plpolar AS $$
BEGIN
  note('logon');
END;
$$;
CREATE FUNCTION on_logoff() RETURNS event_trigger LANGUAGE plpolar AS $$
BEGIN
  note('logoff');
END;
$$;
-- Oracle's audit trigger: an autonomous logon trigger body, which logs
-- the session's own SID although it runs in the worker.
CREATE TABLE logons (sid text, worker int, at_logon text);
SELECT action FROM plpolar.exec($x$
CREATE OR REPLACE TRIGGER logon_audit AFTER LOGON ON DATABASE
DECLARE
  PRAGMA AUTONOMOUS_TRANSACTION;
BEGIN
  INSERT INTO logons VALUES (SYS_CONTEXT('USERENV', 'SID'), pg_backend_pid(), ora_sysevent);
  COMMIT;
END;
/
$x$);
CREATE EVENT TRIGGER t_logon ON after_user_logon EXECUTE FUNCTION on_logon();
CREATE EVENT TRIGGER t_logoff ON before_user_logoff EXECUTE FUNCTION on_logoff();
SQL
sid=$(psql -X -At -c "SELECT pg_backend_pid()") || fail "a session with the triggers"
# (Counting workers would log on too: the triggers go first.)
psql -X -q -c "DROP EVENT TRIGGER t_logon; DROP EVENT TRIGGER t_logoff; DROP EVENT TRIGGER logon_audit" || fail "drop triggers"
row=$(psql -X -At -c "SELECT sid <> worker::text, at_logon FROM logons WHERE sid = '$sid'")
[ "$row" = "t|LOGON" ] || fail "the autonomous logon trigger's row for session $sid: '$row' ($(psql -X -At -c "SELECT string_agg(sid || '/' || worker, ',') FROM logons"))"
wait_workers 0 || fail "$(workers) worker(s) left after sessions with logon/logoff triggers"
rows=$(psql -X -At -c "SELECT string_agg(msg, ',' ORDER BY msg) FROM alog WHERE msg IN ('logon', 'logoff')")
[ "$rows" = "logoff,logoff,logon,logon" ] || fail "logon/logoff rows: $rows"
echo "ok: no autonomous worker outlives its session (exit, terminate, cancel, logon/logoff triggers); an autonomous logon trigger logs its session"
