#!/usr/bin/env bash
# Runs the Oracle-corpus acceptance harness over the corpora extracted under CORPUS (default
# /tmp/corpus, see README.md) against the server in PGHOST/PGPORT/PGUSER (plpolar installed,
# shared_preload_libraries=plpolar). Output: OUT/summary.txt and OUT/results.jsonl.
# Usage: bench/oracle_corpus/run.sh [OUT]     (extra harness options in HARNESS_OPTS)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
C=${CORPUS:-/tmp/corpus}
OUT=${1:-$HERE/out}
# NAME=DIR:SET_DEPTH  (file set = first SET_DEPTH directories of a file's path; 0 = the whole
# corpus is one database, -1 = one database per directory)
SPECS=(
  "Logger=$C/Logger:0"
  "alexandria-plsql-utils=$C/alexandria-plsql-utils:0"
  "utPLSQL=$C/utPLSQL/source:0"
  "db-sample-schemas=$C/db-sample-schemas:1"
  "jk64-sample-apex-xapi=$C/jk64-sample-apex-xapi:0"
  "plsqlstarter/Starter_12c=$C/plsqlstarter/Starter_12c:0"
  "plsqlstarter/Simple=$C/plsqlstarter/Simple:1"
  "practicalplsql=$C/practicalplsql:-1"
  "OraclePLSQLProgramming_12C=$C/OraclePLSQLProgramming_12C:-1"
  "oracle-db-examples/plsql=$C/oracle-db-examples/plsql:-1"
  "oracle-db-examples/sql=$C/oracle-db-examples/sql:-1"
  "oracle-db-examples/apex=$C/oracle-db-examples/apex:-1"
)
ARGS=()
for s in "${SPECS[@]}"; do
  d=${s#*=}; d=${d%:*}
  if [ -d "$d" ]; then ARGS+=("$s"); else echo "skipping (not extracted): $s" >&2; fi
done
exec python3 "$HERE/harness.py" --out "$OUT" ${HARNESS_OPTS:-} "${ARGS[@]}"
