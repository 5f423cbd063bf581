#!/usr/bin/env bash
# Installs what building and testing plpolar needs, from Debian 12's
# packages. Safe to run again; a no-op for packages already present.
set -euo pipefail
PACKAGES=(
  make g++ pkg-config
  postgresql-15 postgresql-server-dev-15 postgresql-client-15 postgresql-common
  libpq-dev                        # the plpolar client program (src/cli)
  bsdutils                         # script(1): the client's progress-line test on a terminal
  libkrb5-dev                      # libpq-be.h pulls in gssapi.h
  antlr4 libantlr4-runtime-dev     # grammar tool 4.7.2 + C++ runtime 4.9
  libgtest-dev                     # unit tests
  clang-14 libclang-rt-14-dev      # libFuzzer + sanitizers for the parser fuzzer
  procps                           # pkill, used by the session tests
  python3                          # seeds the fuzzer's corpus
  postgresql-15-orafce             # coexistence test (orafce has its own varchar2)
)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "missing packages: ${missing[*]} (run as root, or install them first)" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# A default cluster that postgresql-15 may create does not disturb the tests:
# they run in throwaway clusters on free ports (pg_virtualenv).
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
