#!/usr/bin/env bash
# Builds and installs plpolar, starts a throwaway PostgreSQL 15 cluster with
# shared_preload_libraries = 'plpolar', runs the PolarDB logon/logoff
# walkthrough (demo/run.sh) and prints the audit rows.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
if [ "$(id -u)" -eq 0 ] && [ -d /etc/postgresql/15/regress ] && ! pg_lsclusters 2>/dev/null | grep -q '^15 *regress .*online'; then
  rm -rf /etc/postgresql/15/regress /var/lib/postgresql/15/regress
fi
pg_virtualenv -o shared_preload_libraries=plpolar bash demo/run.sh
