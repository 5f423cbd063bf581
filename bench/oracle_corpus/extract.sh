#!/usr/bin/env bash
# extract.sh GITDIR DEST [SUBDIR...]
# Copies the Oracle-script files (by suffix) of GITDIR's HEAD, optionally only under SUBDIRs,
# into DEST, keeping their paths. Blobs missing from a partial snapshot are skipped.
set -euo pipefail
G=$1; D=$2; shift 2
EXT='\.(sql|pks|pkb|pkg|pck|pls|plb|prc|fnc|trg|tab|tbl|vw|typ|tps|tpb|seq|idx|con|ddl|spc|bdy|syn|plsql|sqlplus|ora)$'
mkdir -p "$D"
git -C "$G" ls-tree -r HEAD -- "$@" | while read -r mode type sha path; do
  [ "$type" = blob ] || continue
  echo "$path" | grep -Eiq "$EXT" || continue
  git -C "$G" cat-file -e "$sha" </dev/null 2>/dev/null || { echo "skip (absent): $path" >&2; continue; }
  mkdir -p "$D/$(dirname "$path")"
  git -C "$G" cat-file blob "$sha" </dev/null > "$D/$path"
done
echo "$(git -C "$G" rev-parse HEAD) $(find "$D" -type f | wc -l) files -> $D"
