#!/usr/bin/env bash
# A real hot standby (pg_basebackup + streaming replication on loopback).
# Logging in to the standby with a logon trigger that writes gives the
# WARNING and lets everyone in; read-only logon triggers run there.
#   pg_virtualenv -o shared_preload_libraries=plpolar bash test/session/hot_standby.sh
set -uo pipefail
primary_port=${PGPORT:-5432}
standby_port=$((primary_port + 100))
dir=$(mktemp -d /tmp/plpolar-standby.XXXXXX)
bin=/usr/lib/postgresql/15/bin
cleanup() {
  su postgres -c "$bin/pg_ctl -D $dir/data -m immediate -w stop" >/dev/null 2>&1
  rm -rf "$dir"
}
trap cleanup EXIT
hba=$(psql -X -At -c "SHOW hba_file")
sed -i "1i host replication all 127.0.0.1/32 trust" "$hba"
psql -X -q -c "SELECT pg_reload_conf()" >/dev/null
psql -X -q -v ON_ERROR_STOP=1 <<'SQL' || { echo "FAILED: setup"; exit 1; }
CREATE EXTENSION IF NOT EXISTS plpolar;
CREATE ROLE standby_user LOGIN;
CREATE TABLE standby_log (user_name text, at timestamptz DEFAULT now());
-- Runs first (name order) and only reads: fine on a standby.
CREATE FUNCTION a_reader() RETURNS event_trigger LANGUAGE plpolar AS $$
DECLARE v text;
BEGIN
  v := set_config('plpolar_test.seen', 'logon ran, in recovery: ' || pg_is_in_recovery(), false);
END;
$$;
-- Writes: fails on a standby.
CREATE FUNCTION b_writer() RETURNS event_trigger LANGUAGE plpolar AS $$
BEGIN
  INSERT INTO standby_log (user_name) VALUES (polar_login_user);
END;
$$;
CREATE EVENT TRIGGER a_reader ON after_user_logon EXECUTE FUNCTION a_reader();
CREATE EVENT TRIGGER b_writer ON after_user_logon EXECUTE FUNCTION b_writer();
SQL
chown postgres "$dir"
su postgres -c "$bin/pg_basebackup -h 127.0.0.1 -p $primary_port -U postgres -D $dir/data -R -X stream" ||
  { echo "FAILED: pg_basebackup"; exit 1; }
# Debian keeps configuration outside the data directory: give the standby its own.
cat > "$dir/data/postgresql.conf" <<CONF
port = $standby_port
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
shared_preload_libraries = 'plpolar'
hot_standby = on
CONF
printf 'local all all trust\nhost all all 127.0.0.1/32 trust\n' > "$dir/data/pg_hba.conf"
: > "$dir/data/pg_ident.conf"
chown -R postgres "$dir"
su postgres -c "$bin/pg_ctl -D $dir/data -l $dir/standby.log -w start" >/dev/null || { echo "FAILED: standby start"; cat "$dir/standby.log"; exit 1; }
standby() { psql -X -At -h 127.0.0.1 -p "$standby_port" "$@"; }
[ "$(standby -U postgres -c 'SELECT pg_is_in_recovery()')" = "t" ] || { echo "FAILED: not a standby"; exit 1; }
# 1. The writing trigger fails: WARNING, and superuser and ordinary user get in.
su_out=$(standby -U postgres -c "SELECT 'in as ' || current_user" 2>&1)
user_out=$(standby -U standby_user -d postgres -c "SELECT 'in as ' || current_user" 2>&1)
# 2. With the writer disabled on the primary (replicated), the read-only
# trigger runs on the standby.
psql -X -q -c "ALTER EVENT TRIGGER b_writer DISABLE"
lsn=$(psql -X -At -c "SELECT pg_current_wal_lsn()")
for i in $(seq 100); do
  [ "$(standby -U postgres -c "SELECT pg_last_wal_replay_lsn() >= '$lsn'")" = "t" ] && break
  sleep 0.1
done
seen=$(standby -U standby_user -d postgres -c "SELECT current_setting('plpolar_test.seen', true)" 2>&1)
rows=$(psql -X -At -c "SELECT count(*) FROM standby_log WHERE user_name = 'standby_user'")
if [[ "$su_out" == *WARNING*"in as postgres"* || "$su_out" == *"in as postgres"*WARNING* ]] &&
   [[ "$user_out" == *WARNING*"in as standby_user"* || "$user_out" == *"in as standby_user"*WARNING* ]] &&
   [ "$seen" = "logon ran, in recovery: true" ] && [ "$rows" -eq 0 ]; then
  echo "ok: standby logins with a writing logon trigger get the WARNING and get in; a read-only trigger runs there"
else
  echo "FAILED: superuser: $su_out | user: $user_out | read-only trigger: $seen | rows: $rows"
  tail -5 "$dir/standby.log"
  exit 1
fi
