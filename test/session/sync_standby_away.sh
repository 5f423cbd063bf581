#!/usr/bin/env bash
# Synchronous replication configured, standby away: every commit waits for
# it. Logon and logoff triggers that write must not hang a login, a logoff
# or a shutdown: plpolar.logon_timeout / logoff_timeout end the wait (the
# work stays committed locally, as PostgreSQL's own cancel does), and a
# fast shutdown ends the logoff commit's wait at once, as for any commit.
#   pg_virtualenv -o shared_preload_libraries=plpolar bash test/session/sync_standby_away.sh
set -uo pipefail
cluster=$(pg_lsclusters -h | awk -v port="${PGPORT:-5432}" '$3 == port && $4 == "online" {print $1 " " $2; exit}')
[ -n "$cluster" ] || { echo "FAILED: no online cluster on port ${PGPORT:-5432}"; exit 1; }
ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
# The test's own statements commit locally.
export PGOPTIONS="-c synchronous_commit=local"
psql -X -q -v ON_ERROR_STOP=1 <<'SQL' || { echo "FAILED: setup"; exit 1; }
CREATE EXTENSION IF NOT EXISTS plpolar;
CREATE ROLE sync_user LOGIN PASSWORD 'sync_user';
CREATE TABLE sync_log (pid int, user_name text, event text);
CREATE FUNCTION sync_audit() RETURNS event_trigger LANGUAGE plpolar SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  INSERT INTO sync_log VALUES (pg_backend_pid(), session_user, tg_event);
END;
$$;
CREATE EVENT TRIGGER sync_logon ON after_user_logon EXECUTE FUNCTION sync_audit();
CREATE EVENT TRIGGER sync_logoff ON before_user_logoff EXECUTE FUNCTION sync_audit();
ALTER SYSTEM SET synchronous_standby_names = 'nobody_is_there';
ALTER SYSTEM SET plpolar.logon_timeout = '1500ms';
ALTER SYSTEM SET plpolar.logoff_timeout = '1500ms';
SELECT pg_reload_conf();
SQL
sleep 0.5
# 1. A login: in after about logon_timeout, with PostgreSQL's warning.
start=$(date +%s%N)
out=$(PGPASSWORD=sync_user PGOPTIONS= timeout 20 psql -X -At -U sync_user -d postgres -c "SELECT 'in as ' || current_user || ' ' || pg_backend_pid()" 2>&1)
login_ms=$(ms "$start")
pid=$(echo "$out" | awk '/^in as sync_user/ {print $4}')
# 2. Its logoff: the backend is gone after about logoff_timeout.
start=$(date +%s%N)
for i in $(seq 400); do [ -n "$pid" ] && [ -e "/proc/$pid" ] || break; sleep 0.025; done
logoff_ms=$(ms "$start")
rows=$(psql -X -At -c "SELECT count(*) FROM sync_log WHERE pid = ${pid:-0}")
# 3. A fast shutdown with idle sessions and a long logoff bound: their
# logoff commits stop waiting at once.
psql -X -q -c "ALTER SYSTEM SET plpolar.logoff_timeout = '60s'" -c "SELECT pg_reload_conf()" >/dev/null
sleep 0.3
for i in 1 2 3; do (PGPASSWORD=sync_user PGOPTIONS= timeout 60 psql -X -q -U sync_user -d postgres -c "SELECT pg_sleep(600)" >/dev/null 2>&1 &); done
for i in $(seq 200); do
  n=$(psql -X -At -c "SELECT count(*) FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(600)'")
  [ "$n" -ge 3 ] && break
  sleep 0.05
done
start=$(date +%s%N)
pg_ctlcluster $cluster stop -m fast
stop_ms=$(ms "$start")
pg_ctlcluster $cluster start
shutdown_rows=$(psql -X -At -c "SELECT count(*) FROM sync_log WHERE event = 'before_user_logoff' AND user_name = 'sync_user'")
psql -X -q -c "ALTER SYSTEM RESET synchronous_standby_names" -c "ALTER SYSTEM RESET plpolar.logon_timeout" \
  -c "ALTER SYSTEM RESET plpolar.logoff_timeout" -c "SELECT pg_reload_conf()" >/dev/null
if echo "$out" | grep -q "^in as sync_user" && echo "$out" | grep -q "canceling wait for synchronous replication" &&
   [ "$login_ms" -lt 6000 ] && [ "$logoff_ms" -lt 6000 ] && [ "$rows" -eq 2 ] && [ "$stop_ms" -lt 10000 ] &&
   [ "$shutdown_rows" -eq 4 ]; then
  echo "ok: standby away: login in ${login_ms} ms, logoff in ${logoff_ms} ms (both rows kept), fast shutdown of 3 sessions in ${stop_ms} ms with a 60 s logoff bound, all logoff rows kept"
else
  echo "FAILED: login ${login_ms} ms: $out; logoff ${logoff_ms} ms, rows $rows (want 2); shutdown ${stop_ms} ms, logoff rows $shutdown_rows (want 4)"
  log=$(ls -t /var/log/postgresql/postgresql-*.log 2>/dev/null | head -1)
  [ -n "$log" ] && grep -E "logoff|logon|ERROR|FATAL|PANIC|WARNING" "$log" | tail -20
  exit 1
fi
