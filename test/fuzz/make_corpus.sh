#!/usr/bin/env bash
# Seed corpus for the parser fuzzer: every $$-quoted body of the regression
# tests, one file each. Usage: make_corpus.sh OUTDIR
set -euo pipefail
out=$1
mkdir -p "$out"
cd "$(dirname "$0")/../.."
python3 - "$out" sql/*.sql demo/*.sql <<'PY' 2>/dev/null || awk -v out="$out" 'BEGIN{RS="\\$\\$"} NR%2==0 {f=out "/seed_" NR ".pls"; printf "%s", $0 > f; close(f)}' sql/*.sql
import sys, re, pathlib
out = pathlib.Path(sys.argv[1])
n = 0
for f in sys.argv[2:]:
    text = open(f, encoding="utf-8", errors="replace").read()
    for m in re.finditer(r"\$(\w*)\$(.*?)\$\1\$", text, re.S):
        n += 1
        (out / f"seed_{n:04d}.pls").write_text(m.group(2))
    n += 1
    (out / f"script_{n:04d}.sql").write_text(text)
PY
