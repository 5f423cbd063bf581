#!/usr/bin/env bash
# A backend killed with SIGKILL makes the postmaster reset the cluster
# (crash recovery). Afterwards the cluster and the extension work: logons
# fire their trigger, plpolar code runs, and sessions log off normally.
#   pg_virtualenv -o shared_preload_libraries=plpolar bash test/session/crash_restart.sh
set -uo pipefail
log=$(pg_lsclusters -h | awk -v port="${PGPORT:-5432}" '$3 == port {print $7; exit}')
psql -X -q -v ON_ERROR_STOP=1 <<'SQL' || { echo "FAILED: setup"; exit 1; }
CREATE EXTENSION IF NOT EXISTS plpolar;
CREATE TABLE crash_log (event text, pid int);
CREATE FUNCTION crash_audit() RETURNS event_trigger LANGUAGE plpolar AS $$
BEGIN
  INSERT INTO crash_log VALUES (tg_event, pg_backend_pid());
END;
$$;
CREATE EVENT TRIGGER crash_logon ON after_user_logon EXECUTE FUNCTION crash_audit();
CREATE EVENT TRIGGER crash_logoff ON before_user_logoff EXECUTE FUNCTION crash_audit();
SQL
before=$(wc -l < "$log")
psql -X -q -c "SELECT pg_sleep(600)" >/dev/null 2>&1 &
victim=""
for i in $(seq 100); do
  victim=$(psql -X -At -c "SELECT pid FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(600)'")
  [ -n "$victim" ] && break
  sleep 0.05
done
[ -n "$victim" ] || { echo "FAILED: no victim session"; exit 1; }
kill -9 "$victim"
wait
# The postmaster terminates every backend and recovers.
for i in $(seq 200); do
  tail -n +"$((before + 1))" "$log" | grep -q "database system is ready to accept connections" && break
  sleep 0.1
done
for i in $(seq 100); do
  psql -X -At -c "SELECT 1" >/dev/null 2>&1 && break
  sleep 0.1
done
result=$(psql -X -q -At <<'SQL'
SELECT count(*) FROM crash_log WHERE event = 'after_user_logon' AND pid = pg_backend_pid();
DO LANGUAGE plpolar $$
DECLARE n NUMBER;
BEGIN
  n := 1 / 0;
EXCEPTION WHEN ZERO_DIVIDE THEN
  INSERT INTO crash_log VALUES ('plpolar ok ' || SQLCODE, pg_backend_pid());
END;
$$;
SELECT count(*) FROM crash_log WHERE event = 'plpolar ok -1476';
SQL
)
sleep 0.5
logoffs=$(psql -X -At -c "SELECT count(*) FROM crash_log WHERE event = 'before_user_logoff' AND pid <> $victim")
reset_seen=$(tail -n +"$((before + 1))" "$log" | grep -c "terminated by signal 9: Killed")
if [ "$result" = "$(printf '1\n1')" ] && [ "$reset_seen" -ge 1 ] && [ "$logoffs" -ge 1 ]; then
  echo "ok: backend $victim killed with SIGKILL, cluster recovered; logon trigger, plpolar handler and logoff work afterwards"
else
  echo "FAILED: result '$result', reset lines $reset_seen, logoff rows after recovery $logoffs"
  tail -n +"$((before + 1))" "$log" | tail -15
  exit 1
fi
