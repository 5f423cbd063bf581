#!/usr/bin/env bash
# The walkthrough, run inside a throwaway cluster (scripts/demo.sh starts it
# with shared_preload_libraries = 'plpolar'): create the audit table, the
# Oracle-form trigger function and the logon/logoff triggers, connect and
# disconnect a few times, then print the audit rows.
set -euo pipefail
cd "$(dirname "$0")/.."
psql -X -q -v ON_ERROR_STOP=1 -c "CREATE EXTENSION plpolar"
echo "== running demo/polardb_walkthrough.sql through plpolar.exec"
psql -X -q -v ON_ERROR_STOP=1 <<'SQL'
\set src `cat demo/polardb_walkthrough.sql`
SELECT * FROM plpolar.exec(:'src');
-- Every user's logon must be audited, but nobody may write the table by
-- hand: the function runs with its owner's rights and a fixed search_path.
ALTER FUNCTION public.sample_event_trigger() SECURITY DEFINER SET search_path = pg_catalog, public;
REVOKE ALL ON SCHEMA polar_loginout FROM PUBLIC;
SQL
echo "== connecting and disconnecting"
for i in 1 2 3; do
  psql -X -q -At -c "SELECT 'session $i over TCP: ' || inet_client_addr()"
done
sockdir=$(psql -X -At -c "SHOW unix_socket_directories")
PLPOLAR_SOCKDIR=$sockdir bash test/session/socket_login.sh "$PGDATABASE" | sed 's/^/over the Unix socket: /'
# Logoff rows are written by backends on their way out: wait (bounded).
psql -X -q -v ON_ERROR_STOP=1 <<'SQL'
DO $$
BEGIN
  FOR i IN 1..400 LOOP
    EXIT WHEN (SELECT count(*) FILTER (WHERE event = 'before_user_logoff') FROM polar_loginout.users_log)
              >= (SELECT count(*) FILTER (WHERE event = 'after_user_logon') FROM polar_loginout.users_log) - 1;
    PERFORM pg_sleep(0.025);
  END LOOP;
END $$;
SQL
echo "== polar_loginout.users_log"
psql -X -c "SELECT * FROM polar_loginout.users_log ORDER BY id"
