#!/usr/bin/env bash
# pg_virtualenv -o shared_preload_libraries=plpolar bash fast_shutdown.sh [SESSIONS]. A fast
# shutdown with busy sessions writes every session's logoff row and ends
# within the logoff bound plus a margin. Prints "ok: ..." or "FAILED: ...".
set -uo pipefail
sessions=${1:-5}
# The cluster pg_virtualenv made for us: the one on our port (another may
# be online on this machine).
cluster=$(pg_lsclusters -h | awk -v port="${PGPORT:-5432}" '$3 == port && $4 == "online" {print $1 " " $2; exit}')
[ -n "$cluster" ] || { echo "FAILED: no online cluster on port ${PGPORT:-5432}"; exit 1; }
psql -X -q -v ON_ERROR_STOP=1 <<'SQL' || { echo "FAILED: setup"; exit 1; }
CREATE EXTENSION plpolar;
CREATE TABLE shutdown_log (pid int, event text);
CREATE FUNCTION log_it() RETURNS event_trigger LANGUAGE plpolar AS $$
BEGIN
  INSERT INTO shutdown_log VALUES (pg_backend_pid(), tg_event);
END;
$$;
CREATE EVENT TRIGGER shutdown_logoff ON before_user_logoff EXECUTE FUNCTION log_it();
SQL
for i in $(seq "$sessions"); do
  psql -X -q -c "SELECT pg_sleep(600)" >/dev/null 2>&1 &
done
for i in $(seq 200); do
  n=$(psql -X -At -c "SELECT count(*) FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(600)'")
  [ "$n" -ge "$sessions" ] && break
  sleep 0.05
done
pids=$(psql -X -At -c "SELECT string_agg(pid::text, ',') FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(600)'")
start=$(date +%s%N)
pg_ctlcluster $cluster stop -m fast
stop_ms=$(( ($(date +%s%N) - start) / 1000000 ))
pg_ctlcluster $cluster start
# The shutdown ended the sessions; a client still waiting would mean it
# did not, and must not hang the test.
kill $(jobs -p) 2>/dev/null
wait
rows=$(psql -X -At -c "SELECT count(*) FROM shutdown_log WHERE event = 'before_user_logoff' AND pid IN ($pids)")
if [ "$rows" -eq "$sessions" ] && [ "$stop_ms" -lt 10000 ]; then
  echo "ok: fast shutdown with $sessions busy sessions took ${stop_ms} ms and wrote $rows logoff rows"
else
  echo "FAILED: fast shutdown took ${stop_ms} ms, $rows of $sessions logoff rows"
  echo "sessions: $pids; rows from: $(psql -X -At -c "SELECT string_agg(pid::text, ',') FROM shutdown_log")"
  log=$(ls -t /var/log/postgresql/postgresql-*.log 2>/dev/null | head -1)
  [ -n "$log" ] && grep -E "logoff|ERROR|FATAL|PANIC|WARNING" "$log" | grep -v "administrator command" | tail -20
  exit 1
fi
