#!/usr/bin/env bash
# plpolar against PL/pgSQL, side by side in one throwaway cluster: the same
# work written in both languages (bench/workloads.sql) run alternately
# ROUNDS times. Prints, per workload, the PL/pgSQL and plpolar medians, the
# ratio (plpolar / PL/pgSQL: below 1 is faster) and the spread of each side
# ((max - min) / median); then memory over 1 000 000 calls and the
# connection benchmark (bench/connections.sh).
# Usage: bash bench/run.sh [ROUNDS] [CONNECTION_SECONDS]   (as root; builds and installs first)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
conn_seconds=${2:-5}
bash scripts/build.sh
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(free -g | awk '/Mem:/ {print $2}') GB RAM"
pg_virtualenv -o shared_preload_libraries=plpolar bash bench/inside.sh "$rounds" 2>&1 | grep -v '^Creating new\|^Dropping cluster'
echo
echo "9. connections (pgbench -C), ${conn_seconds}s x 9 rounds per setup:"
bash bench/connections.sh "$conn_seconds" 9 | sed -n "/^setup/,/target <= 1.15/p"
