#!/usr/bin/env bash
# Logs in once over the server's Unix socket (for polar_client_ip = NULL).
# Peer authentication maps the OS user to a role of the same name, which
# this script creates over TCP first. Usage: socket_login.sh DBNAME
set -u
db=$1
user=$(id -un)
sockdir=${PLPOLAR_SOCKDIR%%,*}
psql -X -q -d "$db" -c "DO \$\$ BEGIN CREATE ROLE \"$user\" LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END \$\$" >/dev/null 2>&1
psql -X -q -At -h "$sockdir" -U "$user" -d "$db" -c "SELECT 'socket login ok'"
