-- Packages (bench/run.sh section 10): package state and calls against what
-- they replace, in one run. Each pair is (baseline, package) of the same
-- work:
--   10a a package variable read and written in a loop, from another unit,
--       against a local variable;
--   10b the same inside the package (its own state, unqualified);
--   10c a package function (definer's rights, Oracle's default) called in a
--       loop against the same standalone Oracle-form function (definer's
--       rights too: plpolar.exec's default);
--   10e the same with invoker's rights on both sides (AUTHID CURRENT_USER
--       package, PostgreSQL-form function);
--   10f what definer's rights cost: 10c's package against 10e's function
--       (each call takes on the owner's search_path, as fmgr does for a
--       SECURITY DEFINER function with SET search_path);
--   10d what a PL/pgSQL user writes instead of package state
--       (set_config / current_setting) against the plpolar package variable.
\set ON_ERROR_STOP on
SELECT action FROM plpolar.exec($s$
CREATE OR REPLACE PACKAGE bench_pkg AS
  g PLS_INTEGER := 0;
  g_total NUMBER := 0;
  FUNCTION helper(x PLS_INTEGER) RETURN PLS_INTEGER;
  FUNCTION inside_loop(n PLS_INTEGER) RETURN PLS_INTEGER;
END bench_pkg;
/
CREATE OR REPLACE PACKAGE BODY bench_pkg AS
  FUNCTION helper(x PLS_INTEGER) RETURN PLS_INTEGER IS BEGIN RETURN x + 1; END;
  FUNCTION inside_loop(n PLS_INTEGER) RETURN PLS_INTEGER IS
  BEGIN
    g := 0;
    FOR i IN 1..n LOOP
      g := g + 1;
      IF g > 1000000000 THEN g := 0; END IF;
    END LOOP;
    RETURN g;
  END;
END bench_pkg;
/
CREATE OR REPLACE PACKAGE bench_pkg_inv AUTHID CURRENT_USER AS
  FUNCTION helper(x PLS_INTEGER) RETURN PLS_INTEGER;
END bench_pkg_inv;
/
CREATE OR REPLACE PACKAGE BODY bench_pkg_inv AS
  FUNCTION helper(x PLS_INTEGER) RETURN PLS_INTEGER IS BEGIN RETURN x + 1; END;
END bench_pkg_inv;
/
CREATE OR REPLACE FUNCTION pkgb_ora_helper(x PLS_INTEGER) RETURN PLS_INTEGER IS BEGIN RETURN x + 1; END;
/
$s$) \g /dev/null

-- 10a / 10b baseline: a local variable, the same loop.
CREATE OR REPLACE FUNCTION pkgb_local_loop(n int) RETURNS int LANGUAGE plpolar AS $$
DECLARE g PLS_INTEGER := 0;
BEGIN
  FOR i IN 1..n LOOP
    g := g + 1;
    IF g > 1000000000 THEN g := 0; END IF;
  END LOOP;
  RETURN g;
END; $$;
-- 10a: the package's variable from another unit.
CREATE OR REPLACE FUNCTION pkgb_outside_loop(n int) RETURNS int LANGUAGE plpolar AS $$
BEGIN
  bench_pkg.g := 0;
  FOR i IN 1..n LOOP
    bench_pkg.g := bench_pkg.g + 1;
    IF bench_pkg.g > 1000000000 THEN bench_pkg.g := 0; END IF;
  END LOOP;
  RETURN bench_pkg.g;
END; $$;
-- 10c: calls.
CREATE OR REPLACE FUNCTION pkgb_helper(x int) RETURNS int LANGUAGE plpolar AS $$ BEGIN RETURN x + 1; END; $$;
CREATE OR REPLACE FUNCTION pkgb_standalone_calls(n int) RETURNS int LANGUAGE plpolar AS $$
DECLARE s PLS_INTEGER := 0;
BEGIN
  FOR i IN 1..n LOOP s := pkgb_helper(s); END LOOP;
  RETURN s;
END; $$;
CREATE OR REPLACE FUNCTION pkgb_ora_standalone_calls(n int) RETURNS int LANGUAGE plpolar AS $$
DECLARE s PLS_INTEGER := 0;
BEGIN
  FOR i IN 1..n LOOP s := pkgb_ora_helper(s); END LOOP;
  RETURN s;
END; $$;
CREATE OR REPLACE FUNCTION pkgb_invoker_package_calls(n int) RETURNS int LANGUAGE plpolar AS $$
DECLARE s PLS_INTEGER := 0;
BEGIN
  FOR i IN 1..n LOOP s := bench_pkg_inv.helper(s); END LOOP;
  RETURN s;
END; $$;
CREATE OR REPLACE FUNCTION pkgb_package_calls(n int) RETURNS int LANGUAGE plpolar AS $$
DECLARE s PLS_INTEGER := 0;
BEGIN
  FOR i IN 1..n LOOP s := bench_pkg.helper(s); END LOOP;
  RETURN s;
END; $$;
-- 10d: PL/pgSQL's session state through a custom setting.
CREATE OR REPLACE FUNCTION pkgb_setting_loop(n int) RETURNS int LANGUAGE plpgsql AS $$
BEGIN
  PERFORM set_config('bench_pkg.g', '0', false);
  FOR i IN 1..n LOOP
    PERFORM set_config('bench_pkg.g', (current_setting('bench_pkg.g')::int + 1)::text, false);
    IF current_setting('bench_pkg.g')::int > 1000000000 THEN PERFORM set_config('bench_pkg.g', '0', false); END IF;
  END LOOP;
  RETURN current_setting('bench_pkg.g')::int;
END; $$;

CREATE TABLE IF NOT EXISTS bench_pkg_results (workload text, side text, ms float8);
TRUNCATE bench_pkg_results;
DO $do$
DECLARE
  rounds int := current_setting('bench.rounds')::int;
  w record;
BEGIN
  FOR w IN SELECT * FROM (VALUES
      (1, '10a package variable from another unit (2M)', 'local variable', 'pkgb_local_loop(2000000)',
       'pkgb_outside_loop(2000000)'),
      (2, '10b package variable inside the package (2M)', 'local variable', 'pkgb_local_loop(2000000)',
       'bench_pkg.inside_loop(2000000)'),
      (3, '10c package function call, definer (200k)', 'Oracle-form function',
       'pkgb_ora_standalone_calls(200000)', 'pkgb_package_calls(200000)'),
      (4, '10d session state (200k)', 'PL/pgSQL set_config', 'pkgb_setting_loop(200000)',
       'pkgb_outside_loop(200000)'),
      (5, '10e package function call, invoker (200k)', 'PG-form function', 'pkgb_standalone_calls(200000)',
       'pkgb_invoker_package_calls(200000)'),
      (6, '10f definer package vs invoker function (200k)', 'PG-form function',
       'pkgb_standalone_calls(200000)', 'pkgb_package_calls(200000)')) AS t(ord, name, baseline, base_call, pkg_call)
      ORDER BY ord
  LOOP
    PERFORM bench_ms('SELECT ' || w.base_call);
    PERFORM bench_ms('SELECT ' || w.pkg_call);
    FOR r IN 1..rounds LOOP
      IF r % 2 = 0 THEN
        INSERT INTO bench_pkg_results VALUES (w.name, 'package', bench_ms('SELECT ' || w.pkg_call));
      END IF;
      INSERT INTO bench_pkg_results VALUES (w.name, w.baseline, bench_ms('SELECT ' || w.base_call));
      IF r % 2 = 1 THEN
        INSERT INTO bench_pkg_results VALUES (w.name, 'package', bench_ms('SELECT ' || w.pkg_call));
      END IF;
    END LOOP;
  END LOOP;
END
$do$;
\pset footer off
SELECT workload,
       min(side) FILTER (WHERE side <> 'package') AS baseline,
       round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) FILTER (WHERE side <> 'package')::numeric, 2) AS "baseline ms",
       round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) FILTER (WHERE side = 'package')::numeric, 2) AS "package ms",
       round((percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) FILTER (WHERE side = 'package') /
              percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) FILTER (WHERE side <> 'package'))::numeric, 2) AS ratio,
       round(((max(ms) FILTER (WHERE side <> 'package') - min(ms) FILTER (WHERE side <> 'package')) /
              percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) FILTER (WHERE side <> 'package') * 100)::numeric) || '% / ' ||
       round(((max(ms) FILTER (WHERE side = 'package') - min(ms) FILTER (WHERE side = 'package')) /
              percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) FILTER (WHERE side = 'package') * 100)::numeric) || '%' AS spread
FROM bench_pkg_results GROUP BY workload ORDER BY workload;
