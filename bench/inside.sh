#!/usr/bin/env bash
# The part of bench/run.sh that runs inside the throwaway cluster.
set -euo pipefail
rounds=$1
psql -X -q -f bench/workloads.sql >/dev/null
psql -X -q -f bench/big_functions.sql
psql -X -At -c "SELECT version()"
PGOPTIONS="-c bench.rounds=$rounds" psql -X -q -f bench/timing.sql
# 8a. First call of a 300-line function in a fresh backend (compile + run),
# three times as many samples as the other workloads: a single call is short
# and new backends vary.
for r in $(seq $((rounds * 3))); do
  for lang in pg pl; do
    ms=$(psql -X -At -c "SELECT bench_ms('SELECT ${lang}_big(1)')")
    name=$([ $lang = pg ] && echo plpgsql || echo plpolar)
    psql -X -q -c "INSERT INTO bench_results VALUES ('8a first call, 300-line function', '$name', $ms)"
  done
done
echo
psql -X -P footer=off <<'SQL'
SELECT workload,
       round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) FILTER (WHERE lang = 'plpgsql')::numeric, 2) AS "PL/pgSQL ms",
       round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) FILTER (WHERE lang = 'plpolar')::numeric, 2) AS "plpolar ms",
       round((percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) FILTER (WHERE lang = 'plpolar') /
              percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) FILTER (WHERE lang = 'plpgsql'))::numeric, 2) AS ratio,
       round(((max(ms) FILTER (WHERE lang = 'plpgsql') - min(ms) FILTER (WHERE lang = 'plpgsql')) /
              percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) FILTER (WHERE lang = 'plpgsql') * 100)::numeric) || '% / ' ||
       round(((max(ms) FILTER (WHERE lang = 'plpolar') - min(ms) FILTER (WHERE lang = 'plpolar')) /
              percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) FILTER (WHERE lang = 'plpolar') * 100)::numeric) || '%' AS spread
FROM bench_results GROUP BY workload ORDER BY workload;
SQL
# 10. Packages: state and calls against what they replace (bench/packages.sql).
echo
echo "10. packages (ratio: package / baseline; targets 10a, 10b <= 1.5, 10c and 10e about 1.0):"
PGOPTIONS="-c bench.rounds=$rounds" psql -X -q -f bench/packages.sql
# 11. Collections against what a PL/pgSQL user writes instead (bench/collections.sql).
echo
echo "11. collections (ratio: plpolar / PL/pgSQL; targets in the names):"
PGOPTIONS="-c bench.rounds=$rounds" psql -X -q -f bench/collections.sql 2>&1 | grep -v NOTICE
# 12. DML triggers against the same triggers in PL/pgSQL (bench/triggers.sql).
echo
echo "12. DML triggers (ratio: plpolar / PL/pgSQL; targets in the names):"
PGOPTIONS="-c bench.rounds=$rounds" psql -X -q -f bench/triggers.sql 2>&1 | grep -v NOTICE
# 13. Oracle's built-ins in loops against the PostgreSQL functions (bench/builtins.sql).
echo
echo "13. built-ins (ratio: plpolar / PL/pgSQL; targets in the names):"
PGOPTIONS="-c bench.rounds=$rounds" psql -X -q -f bench/builtins.sql 2>&1 | grep -v NOTICE
# 14. Autonomous transactions against PL/pgSQL with dblink (bench/autonomous.sql),
# then the first call of a session (the worker starts) against opening a
# dblink connection and running one statement.
echo
echo "14. autonomous transactions (ratio: plpolar / PL/pgSQL with dblink_exec on an open connection):"
PGOPTIONS="-c bench.rounds=$rounds" psql -X -q -f bench/autonomous.sql 2>&1 | grep -v 'NOTICE\|dblink_\(dis\)\?connect\|^ OK\|^-*$\|^(1 row)'
: > /tmp/abench_pl; : > /tmp/abench_pg
for r in $(seq "$rounds"); do
  psql -X -At -c "SELECT bench_ms('CALL abench_log_pl_p(''first'')')" >> /tmp/abench_pl
  psql -X -At -c "SELECT bench_ms(\$q\$SELECT dblink_connect('x', 'dbname=' || current_database() || ' port=' || current_setting('port') || ' host=' || split_part(current_setting('unix_socket_directories'), ',', 1)); SELECT dblink_exec('x', 'INSERT INTO abench_log_pg(msg) VALUES (1)')\$q\$)" >> /tmp/abench_pg
done
median() { sort -n "$1" | awk '{ v[NR] = $1 } END { printf "%.2f", v[int((NR + 1) / 2)] }'; }
echo " 14e first call of a session (its worker starts): $(median /tmp/abench_pl) ms; dblink connect + exec: $(median /tmp/abench_pg) ms (medians of $rounds)"
# 8c. Memory: VmRSS of one backend before and after 1 000 000 calls, after a
# first million has touched every page the loop itself needs. The series
# is a target-list SRF: in FROM, PostgreSQL materializes it into a tuple
# store that itself grows the backend by about a megabyte for either
# language (both figures are printed: the FROM form is what 8c showed
# before).
for lang in pg pl; do
  psql -X -At <<SQL
SELECT count(${lang}_small(g)) FROM (SELECT generate_series(1, 1000000) AS g) s;
SELECT bench_rss() AS before \gset
SELECT count(${lang}_small(g)) FROM (SELECT generate_series(1, 1000000) AS g) s;
SELECT bench_rss() AS after \gset
SELECT count(${lang}_small(i)) FROM generate_series(1, 1000000) i;
SELECT '8c RSS growth over 1M calls, ' || CASE '${lang}' WHEN 'pg' THEN 'PL/pgSQL' ELSE 'plpolar ' END || ': ' ||
       (:after - :before) || ' kB (' || (bench_rss() - :after) || ' kB more with the series in FROM)';
SQL
done | grep 'RSS growth'
# 15. Object types: methods against nested functions and PL/pgSQL on
# composite types (bench/object_types.sql).
echo
echo "15. object types (ratio: object / baseline; target 15a about 1.0):"
PGOPTIONS="-c bench.rounds=$rounds" psql -X -q -f bench/object_types.sql 2>&1 | grep -v NOTICE
