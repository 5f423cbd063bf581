#!/usr/bin/env bash
# Soak: CLIENTS concurrent clients connect, run a query and disconnect for
# SECONDS (pgbench -C) with the PolarDB audit logon+logoff triggers written
# in plpolar. Passes when logon rows == successful connections, logoff rows
# == logon rows once all have left, and the server log has no ERROR/FATAL
# from the triggers.
#   pg_virtualenv -o shared_preload_libraries=plpolar -o max_connections=260 bash test/session/soak.sh [SECONDS] [CLIENTS]
set -uo pipefail
seconds=${1:-60}
clients=${2:-200}
log=$(pg_lsclusters -h | awk -v port="${PGPORT:-5432}" '$3 == port {print $7; exit}')
hba=$(psql -X -At -c "SHOW hba_file")
# Measure the triggers, not SCRAM: trust on loopback.
sed -i "1i host all all 127.0.0.1/32 trust" "$hba"
psql -X -q -c "SELECT pg_reload_conf()" >/dev/null
psql -X -q -v ON_ERROR_STOP=1 <<'SQL' || { echo "FAILED: setup"; exit 1; }
CREATE EXTENSION IF NOT EXISTS plpolar;
CREATE ROLE app LOGIN;
CREATE TABLE users_log (user_name text, event text, pid int, at timestamptz DEFAULT clock_timestamp());
REVOKE ALL ON users_log FROM PUBLIC;
CREATE FUNCTION audit_session() RETURNS event_trigger LANGUAGE plpolar
SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  INSERT INTO public.users_log (user_name, event, pid) VALUES (polar_login_user, tg_event, pg_backend_pid());
END;
$$;
CREATE EVENT TRIGGER soak_logon ON after_user_logon EXECUTE FUNCTION audit_session();
CREATE EVENT TRIGGER soak_logoff ON before_user_logoff EXECUTE FUNCTION audit_session();
SQL
before=$(wc -l < "$log")
echo "SELECT 1;" > /tmp/soak_query.sql
out=$(pgbench -n -C -c "$clients" -j 2 -T "$seconds" -U app -h 127.0.0.1 -f /tmp/soak_query.sql "${PGDATABASE:-postgres}" 2>&1)
done_tx=$(echo "$out" | awk -F': ' '/number of transactions actually processed/ {split($2, a, "/"); print a[1]}')
failed_tx=$(echo "$out" | awk -F': ' '/number of failed transactions/ {print $2+0}')
# Wait for every app session to be gone, then for the counts to settle.
for i in $(seq 300); do
  n=$(psql -X -At -c "SELECT count(*) FROM pg_stat_activity WHERE usename = 'app'")
  [ "$n" -eq 0 ] && break
  sleep 0.1
done
sleep 1
logon=$(psql -X -At -c "SELECT count(*) FROM users_log WHERE user_name = 'app' AND event = 'after_user_logon'")
logoff=$(psql -X -At -c "SELECT count(*) FROM users_log WHERE user_name = 'app' AND event = 'before_user_logoff'")
errors=$(tail -n +"$((before + 1))" "$log" | grep -E 'ERROR|FATAL|PANIC|WARNING|terminated by signal' | grep -vc 'canceling statement due to user request')
# pgbench -C connects once per transaction, plus once at start for itself.
connections=$(( ${done_tx:-0} + 1 ))
if [ -n "$done_tx" ] && [ "$done_tx" -gt 0 ] && [ "${failed_tx:-0}" -eq 0 ] && [ "$logon" -eq "$connections" ] &&
   [ "$logoff" -eq "$logon" ] && [ "$errors" -eq 0 ]; then
  echo "ok: $clients clients for ${seconds}s: $connections connections, $logon logon rows, $logoff logoff rows, no error in the log"
else
  echo "FAILED: $done_tx connections (${failed_tx:-0} failed), $logon logon rows, $logoff logoff rows, $errors log lines"
  echo "$out" | tail -12
  tail -n +"$((before + 1))" "$log" | grep -E 'ERROR|FATAL|PANIC|WARNING|terminated' | head -10
  exit 1
fi
