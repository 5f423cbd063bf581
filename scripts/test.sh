#!/usr/bin/env bash
# Runs every test: unit tests (no server) and the pg_regress suite against a
# throwaway cluster. Installs what it needs. Ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
bash scripts/build.sh || { echo "build failed"; echo "0 passed, 1 failed"; exit 1; }

passed=0
failed=0

# 0. The C++/PostgreSQL boundary: no PostgreSQL error handling, errcontext
# or SPI in C++ outside src/pg.
if bash scripts/check_boundary.sh > build/boundary.log 2>&1; then
  passed=$((passed + 1))
  echo "boundary: $(tail -1 build/boundary.log)"
else
  failed=$((failed + 1))
  cat build/boundary.log
  echo "boundary: FAILED"
fi

# 1. Unit tests of the parser and transformer.
if make -s -C test all >/dev/null && build/test/unit_tests --gtest_brief=1 > build/unit.log 2>&1; then
  n=$(grep -oE '[0-9]+ tests? from [0-9]+ test suites? ran' build/unit.log | grep -oE '^[0-9]+')
  passed=$((passed + ${n:-0}))
  echo "unit tests: ${n:-0} passed"
else
  cat build/unit.log 2>/dev/null
  n=$(grep -oE '[0-9]+ FAILED TESTS?' build/unit.log | grep -oE '^[0-9]+')
  failed=$((failed + ${n:-1}))
  echo "unit tests: FAILED"
fi

# 2. The parser fuzzer, for a short fixed budget (longer: make -C test fuzz-run FUZZ_SECONDS=600).
if make -s -C test fuzz-run FUZZ_SECONDS="${PLPOLAR_FUZZ_SECONDS:-30}" > build/fuzz.log 2>&1; then
  passed=$((passed + 1))
  echo "parser fuzzer: $(grep -E '^Done [0-9]+ runs' build/fuzz.log | tail -1), no findings"
else
  failed=$((failed + 1))
  tail -40 build/fuzz.log
  echo "parser fuzzer: FAILED (see above; the input is saved under build/test/)"
fi

# 3. pg_regress against a throwaway cluster (pg_virtualenv).
# A cluster left behind by an interrupted run would block pg_virtualenv.
if [ "$(id -u)" -eq 0 ] && [ -d /etc/postgresql/15/regress ] && ! pg_lsclusters 2>/dev/null | grep -q '^15 *regress .*online'; then
  rm -rf /etc/postgresql/15/regress /var/lib/postgresql/15/regress
fi
chmod -R a+rwX "$ROOT" 2>/dev/null || true
pg_virtualenv -o shared_preload_libraries=plpolar \
  make -s installcheck > build/regress.log 2>&1
rc=$?
cat build/regress.log
if [ -f regression.diffs ]; then
  cat regression.diffs
fi
ok=$(grep -cE '^(ok|test) .* ok( |$)|^ok [0-9]+ ' build/regress.log)
bad=$(grep -cE 'FAILED|failed \(ignored\)' build/regress.log)
if [ $rc -ne 0 ] && [ "$bad" -eq 0 ]; then bad=1; fi
passed=$((passed + ok))
failed=$((failed + bad))

# 4. Session-trigger tests that stop, crash or replicate the server, or
# load it with connections: each in its own cluster.
run_cluster_test() {
  local name=$1
  shift
  if out=$("$@" 2>&1 | grep -E '^(ok|FAILED):' -A12); [[ "$out" == ok:* ]]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
  fi
  echo "$name: ${out:-FAILED: no result}"
}
venv=(pg_virtualenv -o shared_preload_libraries=plpolar)
# The plpolar client program on scripts with SQL*Plus habits (test/cli).
run_cluster_test "plpolar client" "${venv[@]}" bash test/cli/run.sh
run_cluster_test "fast shutdown, 50 sessions" "${venv[@]}" bash test/session/fast_shutdown.sh 50
run_cluster_test "SIGKILL crash restart" "${venv[@]}" bash test/session/crash_restart.sh
run_cluster_test "autonomous workers never orphaned" "${venv[@]}" bash test/session/autonomous_orphans.sh
run_cluster_test "pg_dump and restore of packages and object types" "${venv[@]}" bash test/session/dump_restore.sh
run_cluster_test "hot standby" "${venv[@]}" bash test/session/hot_standby.sh
run_cluster_test "synchronous standby away" "${venv[@]}" bash test/session/sync_standby_away.sh
run_cluster_test "soak, 200 clients" "${venv[@]}" -o max_connections=260 bash test/session/soak.sh \
  "${PLPOLAR_SOAK_SECONDS:-20}" 200

# 5. Server-level fuzz: mutated bodies through CREATE FUNCTION, DO and
# plpolar.exec; no backend may be lost (longer: server_fuzz.sh 10000 <seed>).
if out=$(pg_virtualenv -o shared_preload_libraries=plpolar bash test/fuzz/server_fuzz.sh \
    "${PLPOLAR_SERVER_FUZZ:-3000}" 1 2>&1 | grep -E '^(ok|FAILED):' -A5); [[ "$out" == ok:* ]]; then
  passed=$((passed + 1))
else
  failed=$((failed + 1))
fi
echo "server fuzz: ${out:-FAILED: no result}"

echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
