#!/usr/bin/env bash
# The C++/PostgreSQL boundary, checked from the sources: outside src/pg
# (and its headers, include/plpolar/pg), no C++ file (*.cpp, *.hpp) may
# catch PostgreSQL errors (PG_TRY, PG_CATCH), raise them (ereport, elog),
# add error context (errcontext) or call SPI (SPI_*). Those go through
# src/pg's functions, behind pg::Guarded. Plain C (src/session,
# src/settings, src/preload, src/types) is PostgreSQL's own side and not
# checked. Comments are ignored.
#
# Usage: scripts/check_boundary.sh [DIR_TO_EXCLUDE ...]
# Prints each offending line as file:line: text, then "ok: ..." or
# "FAILED: ..."; exits non-zero on a finding.
set -uo pipefail
cd "$(dirname "$0")/.."

# Directories that may call PostgreSQL from C++: the boundary itself.
allowed=(src/pg/ include/plpolar/pg/)
# Left empty on purpose: every other C++ file keeps to the rule. Arguments
# add to it (e.g. while another branch is still moving calls).
excluded=("$@")

pattern='\b(PG_TRY|PG_CATCH|ereport|elog|errcontext)\b|\bSPI_[A-Za-z_]+'

if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  mapfile -t files < <(git ls-files -co --exclude-standard -- '*.cpp' '*.hpp')
else
  mapfile -t files < <(find . -path ./build -prune -o \( -name '*.cpp' -o -name '*.hpp' \) -print | sed 's|^\./||')
fi

checked=0
findings=0
for f in "${files[@]}"; do
  [ -f "$f" ] || continue
  skip=false
  for d in "${allowed[@]}" "${excluded[@]}"; do
    d=${d%/}/
    [[ "$f" == "$d"* ]] && skip=true
  done
  case "$f" in build/*) skip=true ;; esac
  $skip && continue
  checked=$((checked + 1))
  # Line comments and one-line /* */ comments are not code.
  while IFS= read -r hit; do
    echo "$f:$hit"
    findings=$((findings + 1))
  done < <(sed -e 's|//.*$||' -e 's|/\*.*\*/||g' "$f" | grep -nE "$pattern")
done

if [ "$findings" -eq 0 ]; then
  echo "ok: no PostgreSQL error handling or SPI in $checked C++ files outside src/pg${excluded[*]:+ (excluded: ${excluded[*]})}"
else
  echo "FAILED: $findings line(s) call PostgreSQL from C++ outside src/pg (see above)"
  exit 1
fi
