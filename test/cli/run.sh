#!/usr/bin/env bash
# Tests of the plpolar client program (bindir/plpolar) against a throwaway
# cluster: run inside pg_virtualenv (scripts/test.sh does), which sets
# PGHOST/PGPORT/PGUSER/PGPASSWORD for a superuser. Each case runs a script
# and compares what the client printed (and its exit status) with
# expected/<case>.out; `run.sh --accept` rewrites the expected files.
# Prints "ok: ..." or "FAILED: ..." last.
set -uo pipefail
cd "$(dirname "$0")"
HERE=$(pwd)
PLPOLAR="$(pg_config --bindir)/plpolar"
ACCEPT=${1:-}
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
failures=()
count=0

psql -X -q -v ON_ERROR_STOP=1 -d postgres <<'SQL' >/dev/null || { echo "FAILED: setup"; exit 1; }
DROP DATABASE IF EXISTS clitest;
CREATE DATABASE clitest;
DROP ROLE IF EXISTS scott;
CREATE ROLE scott LOGIN PASSWORD 'tiger';
SQL
psql -X -q -v ON_ERROR_STOP=1 -d clitest <<'SQL' >/dev/null || { echo "FAILED: setup"; exit 1; }
CREATE EXTENSION plpolar;
GRANT CREATE ON SCHEMA public TO scott;
CREATE TABLE we_log (what text);
GRANT ALL ON we_log TO PUBLIC;
SQL

# check NAME EXPECTED_STATUS COMMAND...: runs COMMAND in scripts/, its output
# (stdout and stderr, the port written PORT) against expected/NAME.out.
check() {
  local name=$1 want=$2
  shift 2
  count=$((count + 1))
  local got
  (cd "$HERE/scripts" && "$@") > "$OUT/$name.out" 2>&1
  got=$?
  sed -i "s/$PGPORT/PORT/g" "$OUT/$name.out"
  echo "exit status $got" >> "$OUT/$name.out"
  if [ "$ACCEPT" = "--accept" ]; then
    cp "$OUT/$name.out" "expected/$name.out"
  elif ! diff -u "expected/$name.out" "$OUT/$name.out" > "$OUT/$name.diff"; then
    failures+=("$name")
    cat "$OUT/$name.diff" >> "$OUT/all.diff"
  fi
  [ "$got" = "$want" ] || { failures+=("$name (exit status $got, not $want)"); }
}

# what the we_log table holds, one line per row, then empties it
log_rows() { psql -X -q -At -d clitest -c "SELECT coalesce(string_agg(what, ' | ' ORDER BY what), '(none)') FROM we_log; TRUNCATE we_log;"; }
run_logged() { "$@"; local rc=$?; echo "we_log: $(log_rows)"; return $rc; }

check basic 0 "$PLPOLAR" -S -d clitest @basic.sql
check units 0 "$PLPOLAR" -S -d clitest @units
check substitution 0 "$PLPOLAR" -S -d clitest @substitution.sql alpha beta
check install 0 "$PLPOLAR" -S -d clitest @install/main.sql app
check format 0 "$PLPOLAR" -S -d clitest @format.sql
check stdin 3 sh -c "'$PLPOLAR' -S -d clitest < stdin.sql"
check stdin_pipe_accept 0 sh -c "printf 'prompt piped\nselect 2 as two from dual;\n' | '$PLPOLAR' -S -d clitest"
check spool 0 sh -c "'$PLPOLAR' -S -d clitest @spool.sql '$OUT/spooled' && echo '--- spool file:' && cat '$OUT/spooled.lst'"
# The logon forms: Oracle's EZConnect (//host:port/db and host:port/db),
# user/password@database with libpq's host, a conninfo, a URI, a wrong
# password (ORA-01017, exit 1), /NOLOG, and CONNECT inside a script.
check logon_ezconnect 0 sh -c "echo 'show user' | PGPASSWORD= '$PLPOLAR' -S scott/tiger@//127.0.0.1:$PGPORT/clitest"
check logon_hostport 0 sh -c "echo 'select current_database() as db from dual;' | PGPASSWORD= '$PLPOLAR' -S SCOTT/tiger@127.0.0.1:$PGPORT/clitest"
check logon_database 0 sh -c "echo 'show user' | PGHOST=127.0.0.1 PGPASSWORD= '$PLPOLAR' -S scott/tiger@clitest"
check logon_conninfo 0 sh -c "echo 'show user' | '$PLPOLAR' -S 'host=127.0.0.1 port=$PGPORT dbname=clitest user=scott password=tiger'"
check logon_uri 0 sh -c "echo 'show user' | '$PLPOLAR' -S 'postgresql://scott:tiger@127.0.0.1:$PGPORT/clitest'"
check logon_wrong_password 1 sh -c "echo 'show user' | PGPASSWORD= '$PLPOLAR' -S scott/wrong@//127.0.0.1:$PGPORT/clitest"
check logon_nolog 0 sh -c "printf 'select 1 from dual;\nconnect scott/tiger@//127.0.0.1:$PGPORT/clitest\nshow user\n' | PGPASSWORD= '$PLPOLAR' -S /nolog"
check connect 0 "$PLPOLAR" -S -d clitest @connect.sql "$PGPORT"
# WHENEVER in every mode; we_log shows what was committed.
check whenever_failure 1 run_logged "$PLPOLAR" -S -d clitest @whenever/failure.sql
check whenever_sqlcode 174 run_logged "$PLPOLAR" -S -d clitest @whenever/sqlcode_rollback.sql
check whenever_number 7 "$PLPOLAR" -S -d clitest @whenever/number.sql
check whenever_warning 2 "$PLPOLAR" -S -d clitest @whenever/warning.sql
check whenever_success 0 "$PLPOLAR" -S -d clitest @whenever/success.sql
check whenever_variable 5 "$PLPOLAR" -S -d clitest @whenever/variable.sql
check whenever_continue 0 run_logged "$PLPOLAR" -S -d clitest @whenever/continue.sql
check whenever_oserror 9 "$PLPOLAR" -S -d clitest @whenever/oserror.sql
check whenever_compile 0 "$PLPOLAR" -S -d clitest @whenever/compile.sql
check exit_rollback 0 run_logged "$PLPOLAR" -S -d clitest @whenever/exit_rollback.sql
check exitcommit_off 0 run_logged "$PLPOLAR" -S -d clitest @whenever/exitcommit.sql
check missing_script 1 "$PLPOLAR" -S -d clitest @no_such_script
check settings 0 sh -c "'$PLPOLAR' -S -d clitest @settings.sql | sed -E 's/^Elapsed: [0-9:.]+$/Elapsed: (time)/'; echo \"we_log: \$(psql -X -q -At -d clitest -c \"SELECT string_agg(what, ' | ') FROM we_log; TRUNCATE we_log\")\""
# The Unix socket, as the operating-system user PostgreSQL's peer
# authentication knows: the "/" logon (root only, to become postgres).
if [ "$(id -u)" -eq 0 ]; then
  socket=$(psql -X -At -d postgres -c "SHOW unix_socket_directories" | cut -d, -f1)
  check logon_socket 0 sh -c "echo 'show user' | runuser -u postgres -- env PGHOST='$socket' PGPASSWORD= PGUSER= PGDATABASE=clitest '$PLPOLAR' -S /"
fi
check review 0 "$PLPOLAR" -S -d clitest @review.sql
check broken_quote 0 "$PLPOLAR" -S -d clitest @broken.sql
check broken_quote_exit 220 sh -c "printf 'whenever sqlerror exit sql.sqlcode\n@broken.sql\n' | '$PLPOLAR' -S -d clitest"
check exitcommit_exit 0 run_logged sh -c "printf \"set exitcommit off\ninsert into we_log values ('EXIT with EXITCOMMIT OFF: undone');\nexit\n\" | '$PLPOLAR' -S -d clitest"
check logon_conninfo_and_d 0 sh -c "echo 'select current_database() as db from dual;' | '$PLPOLAR' -S -d postgres 'host=127.0.0.1 port=$PGPORT dbname=clitest user=scott password=tiger'"
# The progress line: on a terminal (script(1) makes one) after a second,
# erased before output; never in a pipe (every other case).
check progress_terminal 0 sh -c "script -qec \"'$PLPOLAR' -S -d clitest @progress.sql\" /dev/null | tr '\\r' '\\n' | grep -q 'progress.sql: statement [0-9] of 6' && echo 'progress line shown on a terminal'"
check progress_pipe 0 sh -c "'$PLPOLAR' -S -d clitest @progress.sql 2>&1 | grep -c 'statement [0-9] of' || true"
check help 0 sh -c "'$PLPOLAR' --help | head -12"
check bad_option 1 "$PLPOLAR" --frobnicate

if [ ${#failures[@]} -eq 0 ]; then
  echo "ok: $count client cases"
else
  echo "FAILED: ${failures[*]}"
  cat "$OUT/all.diff" 2>/dev/null
  exit 1
fi
