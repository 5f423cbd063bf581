-- Object types (bench/run.sh section 15): methods against what they
-- replace, in one run. Each pair is (baseline, object) of the same work:
--   15a a member function called in a loop (p.area()) against a nested
--       function taking the same composite value (the issue's target: about
--       1.0);
--   15b the same member call against PL/pgSQL calling a PL/pgSQL function
--       on a composite type (what a PostgreSQL user writes instead);
--   15c a constructor and attribute reads in a loop against PL/pgSQL's
--       ROW(...)::type and field reads;
--   15d a member procedure changing SELF (IN OUT) against PL/pgSQL's
--       v := f(v) with a function returning the changed composite;
--   15e ORDER BY through the type's MAP method over 20 000 rows against
--       ORDER BY the mapped expression written out.
\set ON_ERROR_STOP on
SELECT action FROM plpolar.exec($s$
CREATE OR REPLACE TYPE obench_rect AS OBJECT (
  w NUMBER, h NUMBER,
  MAP MEMBER FUNCTION area RETURN NUMBER,
  MEMBER PROCEDURE grow(d NUMBER)
);
/
CREATE OR REPLACE TYPE BODY obench_rect AS
  MAP MEMBER FUNCTION area RETURN NUMBER IS BEGIN RETURN w * h; END;
  MEMBER PROCEDURE grow(d NUMBER) IS BEGIN w := w + d; END;
END;
/
$s$) \g /dev/null
CREATE TYPE obench_pg_rect AS (w numeric, h numeric);
CREATE OR REPLACE FUNCTION obench_pg_area(r obench_pg_rect) RETURNS numeric LANGUAGE plpgsql AS
$$ BEGIN RETURN r.w * r.h; END $$;
CREATE OR REPLACE FUNCTION obench_pg_grow(r obench_pg_rect, d numeric) RETURNS obench_pg_rect LANGUAGE plpgsql AS
$$ BEGIN r.w := r.w + d; RETURN r; END $$;

-- 15a / 15b: member calls.
CREATE OR REPLACE FUNCTION obench_member(n int) RETURNS numeric LANGUAGE plpolar AS $$
DECLARE r obench_rect := obench_rect(2, 3); s NUMBER := 0;
BEGIN
  FOR i IN 1..n LOOP s := s + r.area(); END LOOP;
  RETURN s;
END; $$;
CREATE OR REPLACE FUNCTION obench_nested(n int) RETURNS numeric LANGUAGE plpolar AS $$
DECLARE r obench_rect := obench_rect(2, 3); s NUMBER := 0;
  FUNCTION area(x obench_rect) RETURN NUMBER IS BEGIN RETURN x.w * x.h; END;
BEGIN
  FOR i IN 1..n LOOP s := s + area(r); END LOOP;
  RETURN s;
END; $$;
CREATE OR REPLACE FUNCTION obench_pg_calls(n int) RETURNS numeric LANGUAGE plpgsql AS $$
DECLARE r obench_pg_rect := ROW(2, 3)::obench_pg_rect; s numeric := 0;
BEGIN
  FOR i IN 1..n LOOP s := s + obench_pg_area(r); END LOOP;
  RETURN s;
END; $$;
-- 15c: constructors and attributes.
CREATE OR REPLACE FUNCTION obench_construct(n int) RETURNS numeric LANGUAGE plpolar AS $$
DECLARE r obench_rect; s NUMBER := 0;
BEGIN
  FOR i IN 1..n LOOP r := obench_rect(i, 2); s := s + r.w + r.h; END LOOP;
  RETURN s;
END; $$;
CREATE OR REPLACE FUNCTION obench_pg_construct(n int) RETURNS numeric LANGUAGE plpgsql AS $$
DECLARE r obench_pg_rect; s numeric := 0;
BEGIN
  FOR i IN 1..n LOOP r := ROW(i, 2)::obench_pg_rect; s := s + r.w + r.h; END LOOP;
  RETURN s;
END; $$;
-- 15d: a member procedure changing SELF.
CREATE OR REPLACE FUNCTION obench_grow(n int) RETURNS numeric LANGUAGE plpolar AS $$
DECLARE r obench_rect := obench_rect(0, 1);
BEGIN
  FOR i IN 1..n LOOP r.grow(1); END LOOP;
  RETURN r.w;
END; $$;
CREATE OR REPLACE FUNCTION obench_pg_grow_loop(n int) RETURNS numeric LANGUAGE plpgsql AS $$
DECLARE r obench_pg_rect := ROW(0, 1)::obench_pg_rect;
BEGIN
  FOR i IN 1..n LOOP r := obench_pg_grow(r, 1); END LOOP;
  RETURN r.w;
END; $$;
-- 15e: ORDER BY the MAP method.
CREATE TABLE IF NOT EXISTS obench_rects (id int, r obench_rect, w numeric, h numeric);
TRUNCATE obench_rects;
INSERT INTO obench_rects SELECT i, obench_rect((i * 7919) % 1000, i % 13), (i * 7919) % 1000, i % 13
  FROM generate_series(1, 20000) i;
ANALYZE obench_rects;
CREATE OR REPLACE FUNCTION obench_order_map() RETURNS bigint LANGUAGE sql AS
$$ SELECT sum(x) FROM (SELECT id AS x FROM obench_rects ORDER BY r LIMIT 100) s $$;
CREATE OR REPLACE FUNCTION obench_order_expr() RETURNS bigint LANGUAGE sql AS
$$ SELECT sum(x) FROM (SELECT id AS x FROM obench_rects ORDER BY w * h LIMIT 100) s $$;

CREATE TABLE IF NOT EXISTS bench_obj_results (workload text, side text, ms float8);
TRUNCATE bench_obj_results;
DO $do$
DECLARE
  rounds int := current_setting('bench.rounds')::int;
  w record;
BEGIN
  FOR w IN SELECT * FROM (VALUES
      (1, '15a member function call (200k)', 'nested function', 'obench_nested(200000)', 'obench_member(200000)'),
      (2, '15b member function call (200k)', 'PL/pgSQL function', 'obench_pg_calls(200000)',
       'obench_member(200000)'),
      (3, '15c constructor + attributes (200k)', 'PL/pgSQL ROW()', 'obench_pg_construct(200000)',
       'obench_construct(200000)'),
      (4, '15d member procedure on SELF (100k)', 'PL/pgSQL v := f(v)', 'obench_pg_grow_loop(100000)',
       'obench_grow(100000)'),
      (5, '15e ORDER BY MAP method (20k rows)', 'ORDER BY expression', 'obench_order_expr()',
       'obench_order_map()')) AS t(ord, name, baseline, base_call, obj_call)
      ORDER BY ord
  LOOP
    PERFORM bench_ms('SELECT ' || w.base_call);
    PERFORM bench_ms('SELECT ' || w.obj_call);
    FOR r IN 1..rounds LOOP
      IF r % 2 = 0 THEN
        INSERT INTO bench_obj_results VALUES (w.name, 'object', bench_ms('SELECT ' || w.obj_call));
      END IF;
      INSERT INTO bench_obj_results VALUES (w.name, w.baseline, bench_ms('SELECT ' || w.base_call));
      IF r % 2 = 1 THEN
        INSERT INTO bench_obj_results VALUES (w.name, 'object', bench_ms('SELECT ' || w.obj_call));
      END IF;
    END LOOP;
  END LOOP;
END
$do$;
\pset footer off
SELECT workload,
       min(side) FILTER (WHERE side <> 'object') AS baseline,
       round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) FILTER (WHERE side <> 'object')::numeric, 2) AS "baseline ms",
       round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) FILTER (WHERE side = 'object')::numeric, 2) AS "object ms",
       round((percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) FILTER (WHERE side = 'object') /
              percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) FILTER (WHERE side <> 'object'))::numeric, 2) AS ratio,
       round(((max(ms) FILTER (WHERE side <> 'object') - min(ms) FILTER (WHERE side <> 'object')) /
              percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) FILTER (WHERE side <> 'object') * 100)::numeric) || '% / ' ||
       round(((max(ms) FILTER (WHERE side = 'object') - min(ms) FILTER (WHERE side = 'object')) /
              percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) FILTER (WHERE side = 'object') * 100)::numeric) || '%' AS spread
FROM bench_obj_results GROUP BY workload ORDER BY workload;
