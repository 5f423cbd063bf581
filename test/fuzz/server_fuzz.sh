#!/usr/bin/env bash
# Server-level fuzz: COUNT bodies mutated from the regression corpus go
# through CREATE FUNCTION + call, DO and plpolar.exec on one connection, as
# an ordinary user. Passes when the same backend answers at the end and the
# server log shows no backend lost to a signal.
#   pg_virtualenv -o shared_preload_libraries=plpolar bash test/fuzz/server_fuzz.sh [COUNT] [SEED]
set -uo pipefail
cd "$(dirname "$0")/../.."
count=${1:-10000}
seed=${2:-$RANDOM}
log=$(pg_lsclusters -h | awk -v port="${PGPORT:-5432}" '$3 == port {print $7; exit}')
before=$(wc -l < "$log" 2>/dev/null || echo 0)
psql -X -q -v ON_ERROR_STOP=1 -v pw="${PGPASSWORD:-fuzz}" <<'SQL' || { echo "FAILED: setup"; exit 1; }
CREATE EXTENSION IF NOT EXISTS plpolar;
DROP ROLE IF EXISTS fuzzer;
CREATE ROLE fuzzer LOGIN PASSWORD :'pw';
CREATE SCHEMA fz AUTHORIZATION fuzzer;
ALTER ROLE fuzzer SET search_path = fz, public;
GRANT CREATE ON DATABASE postgres TO fuzzer;
SQL
start=$(date +%s)
out=$(python3 test/fuzz/server_fuzz.py "$count" "$seed" sql/*.sql demo/*.sql |
  psql -X -At -U fuzzer -d "${PGDATABASE:-postgres}" 2>/dev/null | grep -E '^fuzz-(start|end|progress)')
secs=$(( $(date +%s) - start ))
first=$(echo "$out" | awk '/^fuzz-start/ {print $2}')
last=$(echo "$out" | awk '/^fuzz-end/ {print $2}')
crashes=$(tail -n +"$((before + 1))" "$log" 2>/dev/null | grep -cE 'terminated by signal|was terminated|server process .* exited with exit code [^0]')
if [ -n "$first" ] && [ "$first" = "$last" ] && [ "$crashes" -eq 0 ]; then
  echo "ok: $count mutated bodies (seed $seed) in ${secs}s, one backend ($first) throughout, no crash in the log"
else
  echo "FAILED: seed $seed, start pid '${first}', end pid '${last}', crash lines $crashes"
  echo "$out" | tail -3
  tail -n +"$((before + 1))" "$log" | grep -E 'terminated by signal|was terminated|PANIC' | head -5
  exit 1
fi
