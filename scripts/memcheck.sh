#!/usr/bin/env bash
# The regression suite once under valgrind memcheck: a throwaway server runs
# under valgrind (every backend is followed through fork), the suite runs
# against it, and the reports whose stack touches plpolar's code are
# counted. (AddressSanitizer was the first choice; Debian's postgres hangs
# at start-up with the ASan runtime preloaded.)
#   bash scripts/memcheck.sh      (run as root on Debian 12; ~15 min)
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
command -v valgrind >/dev/null || { apt-get update -qq && apt-get install -y -qq valgrind >/dev/null; } ||
  { echo "FAILED: no valgrind"; exit 1; }
work=$(mktemp -d /tmp/plpolar-memcheck.XXXXXX)
chown postgres "$work"
chmod -R a+rwX . 2>/dev/null
data="$work/data"
port=55433
bin=/usr/lib/postgresql/15/bin
su postgres -c "$bin/initdb -D $data -A trust >/dev/null" || { echo "FAILED: initdb"; exit 1; }
su postgres -c "nohup valgrind --quiet --tool=memcheck --trace-children=yes --track-origins=no \
  --read-var-info=no --num-callers=30 --log-file=$work/vg.%p \
  $bin/postgres -D $data -p $port -k $work -c shared_preload_libraries=plpolar \
  -c max_stack_depth=2MB -c statement_timeout=0 > $work/server.log 2>&1 &"
for i in $(seq 600); do
  pg_isready -q -h "$work" -p $port && break
  sleep 0.5
done
pg_isready -q -h "$work" -p $port || { echo "FAILED: server start"; tail "$work/server.log"; exit 1; }
start=$(date +%s)
PGPORT=$port PGHOST=127.0.0.1 PGUSER=postgres make -s installcheck > "$work/regress.log" 2>&1
rc=$?
su postgres -c "$bin/pg_ctl -D $data -m fast -w -t 300 stop >/dev/null"
secs=$(( $(date +%s) - start ))
tail -3 "$work/regress.log"
# A report is a block starting with "==pid== <kind>" and ending at a blank
# "==pid== " line; keep those raised in plpolar's code: one of the innermost
# frames is plpolar's (or the C++/ANTLR runtime it calls). PostgreSQL's own
# known ones (WAL buffers written with uninitialised padding) merely pass
# through a plpolar hook further up.
python3 - "$work" > "$work/plpolar_reports.txt" <<'PY'
import glob, re, sys
out = []
for path in glob.glob(sys.argv[1] + "/vg.*"):
    block = []
    for line in open(path, errors="replace"):
        body = re.sub(r"^==\d+== ?", "", line.rstrip("\n"))
        if body == "":
            frames = [l for l in block if l.lstrip().startswith(("at ", "by "))][:4]
            if frames and any(k in l for l in frames for k in ("plpolar", "antlr", "libstdc++")):
                out.append("\n".join(block))
            block = []
        else:
            block.append(body)
for b in out:
    print(b + "\n")
print("reports:", len(out))
PY
reports=$(tail -1 "$work/plpolar_reports.txt" | awk '{print $2}')
total=$(cat "$work"/vg.* | grep -cE '^==[0-9]+== (Invalid|Conditional|Use of uninit|Syscall param|Mismatched|Source and destination)')
if [ "$rc" -eq 0 ] && [ "${reports:-1}" -eq 0 ]; then
  echo "ok: regression suite under valgrind memcheck in ${secs}s: 0 reports in plpolar code ($total in PostgreSQL itself; logs in $work)"
else
  echo "FAILED: regress rc=$rc, ${reports:-?} report(s) in plpolar code (logs in $work)"
  head -80 "$work/plpolar_reports.txt"
  exit 1
fi
