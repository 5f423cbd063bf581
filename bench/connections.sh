#!/usr/bin/env bash
# Connection cost with pgbench -C (a new connection per transaction of
# "SELECT 1"), in one throwaway cluster, for four setups run alternately:
#   none      no plpolar at all
#   loaded    shared_preload_libraries = 'plpolar', extension created, no triggers
#   plpolar   + the PolarDB audit logon/logoff triggers written in plpolar
#   plpgsql   + the same trigger bodies written in PL/pgSQL, fired by the same hooks
# Prints connections/s (median of ROUNDS runs of SECONDS each), the server
# CPU time per connection (postmaster and its children, from /proc: fork,
# backend life and exit; far steadier than wall time on a small machine)
# and the ratios.
# Usage: bash bench/connections.sh [SECONDS] [ROUNDS]   (as root; builds and installs first)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
rounds=${2:-3}
bash scripts/build.sh
export BENCH_SECONDS=$seconds BENCH_ROUNDS=$rounds
pg_virtualenv bash -c '
set -euo pipefail
cluster=$(pg_lsclusters -h | awk -v port="$PGPORT" "\$3 == port && \$4 == \"online\" {print \$1 \" \" \$2; exit}")
hba=$(psql -X -At -c "SHOW hba_file")
# Measure the server side of a connection, not SCRAM: trust on loopback.
sed -i "1i host all all 127.0.0.1/32 trust" "$hba"
psql -X -q -c "SELECT pg_reload_conf()" >/dev/null
bin=$(pg_config --bindir)
echo "SELECT 1;" > /tmp/plpolar_bench_select1.sql
setup() {
  case $1 in
    none)
      psql -X -q -c "ALTER SYSTEM RESET shared_preload_libraries" >/dev/null
      pg_ctlcluster $cluster restart ;;
    loaded)
      psql -X -q -c "ALTER SYSTEM SET shared_preload_libraries = '"'"'plpolar'"'"'" >/dev/null
      pg_ctlcluster $cluster restart
      psql -X -q <<SQL
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS plpolar;
DROP EVENT TRIGGER IF EXISTS bench_logon; DROP EVENT TRIGGER IF EXISTS bench_logoff;
SQL
      ;;
    plpolar|plpgsql)
      psql -X -q <<SQL
SET client_min_messages = warning;
DROP EVENT TRIGGER IF EXISTS bench_logon; DROP EVENT TRIGGER IF EXISTS bench_logoff;
CREATE TABLE IF NOT EXISTS bench_log (id bigserial, user_name varchar2(64), database_name varchar2(64),
  event varchar2(64), client_ip varchar2(64), tag varchar2(64), instance_num int);
CREATE OR REPLACE FUNCTION bench_plpolar() RETURNS event_trigger LANGUAGE plpolar AS \$\$
BEGIN
  INSERT INTO bench_log (user_name, database_name, event, client_ip, tag, instance_num)
  VALUES (polar_login_user, polar_database_name, tg_event, polar_client_ip, tg_tag, polar_instance_num);
END;
\$\$;
CREATE OR REPLACE FUNCTION bench_plpgsql() RETURNS event_trigger LANGUAGE plpgsql AS \$\$
BEGIN
  INSERT INTO bench_log (user_name, database_name, event, client_ip, tag, instance_num)
  VALUES (session_user, current_database(), TG_EVENT, host(inet_client_addr()), TG_TAG,
          current_setting('"'"'plpolar.instance_num'"'"')::int);
END;
\$\$;
CREATE EVENT TRIGGER bench_logon ON after_user_logon EXECUTE FUNCTION bench_$1();
CREATE EVENT TRIGGER bench_logoff ON before_user_logoff EXECUTE FUNCTION bench_$1();
SQL
      ;;
  esac
}
server_cpu_ticks() {
  local pid=$(head -1 "$(psql -X -At -c "SHOW data_directory")/postmaster.pid")
  awk "{print \$14 + \$15 + \$16 + \$17}" /proc/$pid/stat
}
run() {
  local before=$(server_cpu_ticks) out
  out=$("$bin/pgbench" -n -C -h 127.0.0.1 -T "$BENCH_SECONDS" -f /tmp/plpolar_bench_select1.sql 2>/dev/null)
  sleep 0.5
  local after=$(server_cpu_ticks)
  local n=$(echo "$out" | awk "/actually processed/ {print \$NF; exit}")
  local tps=$(echo "$out" | awk "/^tps/ {print \$3; exit}")
  echo "$tps $(awk -v b=$before -v a=$after -v n=$n -v hz=$(getconf CLK_TCK) "BEGIN {printf \"%.0f\", (a - b) * 1000000 / hz / n}")"
}
declare -A results cpu
for r in $(seq "$BENCH_ROUNDS"); do
  for s in none loaded plpolar plpgsql; do
    setup $s
    read -r tps us < <(run)
    results[$s]+="$tps "
    cpu[$s]+="$us "
  done
done
median() { tr " " "\n" | grep -v "^$" | sort -g | awk "{a[NR]=\$1} END {print a[int((NR+1)/2)]}"; }
printf "%-8s %14s %16s   %s\n" setup "conn/s median" "server CPU us/conn" "conn/s of each run"
for s in none loaded plpolar plpgsql; do
  printf "%-8s %14s %16s   %s\n" $s "$(echo ${results[$s]} | median)" "$(echo ${cpu[$s]} | median)" "${results[$s]}"
done
none=$(echo ${results[none]} | median); loaded=$(echo ${results[loaded]} | median)
plpolar=$(echo ${results[plpolar]} | median); plpgsql=$(echo ${results[plpgsql]} | median)
cnone=$(echo ${cpu[none]} | median); cloaded=$(echo ${cpu[loaded]} | median)
cplpolar=$(echo ${cpu[plpolar]} | median); cplpgsql=$(echo ${cpu[plpgsql]} | median)
awk -v n=$cnone -v l=$cloaded -v p=$cplpolar -v g=$cplpgsql "BEGIN {
  printf \"server CPU, loaded / none:           %.3f\n\", l / n
  printf \"server CPU, plpolar / plpgsql:       %.3f\n\", p / g }"
awk -v n=$none -v l=$loaded -v p=$plpolar -v g=$plpgsql "BEGIN {
  printf \"connection time, loaded / none:      %.3f  (target <= 1.02)\n\", n / l
  printf \"connection time, plpolar / plpgsql:  %.3f  (target <= 1.15)\n\", g / p }"
'
