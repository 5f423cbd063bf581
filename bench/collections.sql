-- Collections (bench/run.sh section 11): plpolar's collections against what
-- a PL/pgSQL user writes instead, the same work on both sides, in one run:
--   11a FORALL INSERT of 50k rows from collections (BULK COLLECT from a
--       table) against a PL/pgSQL loop of single INSERTs over arrays
--       (array_agg); target <= 0.3;
--   11b BULK COLLECT of 200k values and a loop over them against array_agg
--       and FOREACH; target <= 1.0;
--   11c 500k writes and 500k reads of an INDEX BY PLS_INTEGER table against
--       a PL/pgSQL int[]; target <= 0.5;
--   11d BULK COLLECT of 200k rows into a table of %ROWTYPE records and a
--       field read per element against array_agg of the rows and FOREACH;
--   11e a query per element in a loop (WHERE id = ids(i), 20k) against the
--       same over an array (WHERE id = ids[i]);
--   11f a PIPELINED function's 200k rows (PIPE ROW) against RETURN NEXT;
--   11g a schema-level TABLE OF NUMBER of 100k elements as a parameter,
--       summed in a loop, against numeric[] and FOREACH;
--   11h a 300x300 table of tables (rows built, then c(i)(j) reads) against a
--       two-dimensional int[].
CREATE TABLE IF NOT EXISTS bench_coll_src (id int PRIMARY KEY, name text, amount numeric);
TRUNCATE bench_coll_src;
INSERT INTO bench_coll_src SELECT g, 'name ' || g, g * 1.5 FROM generate_series(1, 200000) g;
ANALYZE bench_coll_src;
CREATE TABLE IF NOT EXISTS bench_coll_dst (id int, name text, amount numeric);

-- 11a
CREATE OR REPLACE FUNCTION collb_forall(n int) RETURNS bigint LANGUAGE plpolar AS $$
DECLARE
  TYPE id_tab IS TABLE OF bench_coll_src.id%TYPE;
  TYPE name_tab IS TABLE OF bench_coll_src.name%TYPE;
  ids id_tab;
  names name_tab;
BEGIN
  EXECUTE IMMEDIATE 'TRUNCATE TABLE bench_coll_dst';
  SELECT id, name BULK COLLECT INTO ids, names FROM bench_coll_src WHERE id <= n ORDER BY id;
  FORALL i IN 1 .. ids.COUNT
    INSERT INTO bench_coll_dst (id, name, amount) VALUES (ids(i), names(i), ids(i) * 2);
  RETURN SQL%ROWCOUNT;
END $$;
CREATE OR REPLACE FUNCTION collb_insert_loop(n int) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  ids int[];
  names text[];
  c bigint := 0;
BEGIN
  TRUNCATE bench_coll_dst;
  SELECT array_agg(id ORDER BY id), array_agg(name ORDER BY id) INTO ids, names FROM bench_coll_src WHERE id <= n;
  FOR i IN 1 .. array_length(ids, 1) LOOP
    INSERT INTO bench_coll_dst (id, name, amount) VALUES (ids[i], names[i], ids[i] * 2);
    c := c + 1;
  END LOOP;
  RETURN c;
END $$;

-- 11b
CREATE OR REPLACE FUNCTION collb_bulk(n int) RETURNS bigint LANGUAGE plpolar AS $$
DECLARE
  TYPE name_tab IS TABLE OF bench_coll_src.name%TYPE;
  names name_tab;
  total PLS_INTEGER := 0;
BEGIN
  SELECT name BULK COLLECT INTO names FROM bench_coll_src WHERE id <= n;
  FOR i IN 1 .. names.COUNT LOOP total := total + LENGTH(names(i)); END LOOP;
  RETURN total;
END $$;
CREATE OR REPLACE FUNCTION collb_array_agg(n int) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  names text[];
  x text;
  total int := 0;
BEGIN
  SELECT array_agg(name) INTO names FROM bench_coll_src WHERE id <= n;
  FOREACH x IN ARRAY names LOOP total := total + length(x); END LOOP;
  RETURN total;
END $$;

-- 11c
CREATE OR REPLACE FUNCTION collb_assoc(n int) RETURNS bigint LANGUAGE plpolar AS $$
DECLARE
  TYPE int_tab IS TABLE OF PLS_INTEGER INDEX BY PLS_INTEGER;
  t int_tab;
  s PLS_INTEGER := 0;
BEGIN
  FOR i IN 1 .. n LOOP t(i) := i * 2; END LOOP;
  FOR i IN 1 .. n LOOP s := s + t(i) - i - i; END LOOP;
  RETURN s + t.COUNT;
END $$;
CREATE OR REPLACE FUNCTION collb_int_array(n int) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  t int[] := '{}';
  s int := 0;
BEGIN
  FOR i IN 1 .. n LOOP t[i] := i * 2; END LOOP;
  FOR i IN 1 .. n LOOP s := s + t[i] - i - i; END LOOP;
  RETURN s + array_length(t, 1);
END $$;

-- 11d
CREATE OR REPLACE FUNCTION collb_bulk_rows(n int) RETURNS numeric LANGUAGE plpolar AS $$
DECLARE
  TYPE row_tab IS TABLE OF bench_coll_src%ROWTYPE;
  r row_tab;
  total NUMBER := 0;
BEGIN
  SELECT * BULK COLLECT INTO r FROM bench_coll_src WHERE id <= n;
  FOR i IN 1 .. r.COUNT LOOP total := total + r(i).amount; END LOOP;
  RETURN total;
END $$;
CREATE OR REPLACE FUNCTION collb_array_rows(n int) RETURNS numeric LANGUAGE plpgsql AS $$
DECLARE
  r bench_coll_src[];
  x bench_coll_src;
  total numeric := 0;
BEGIN
  SELECT array_agg(s) INTO r FROM bench_coll_src s WHERE id <= n;
  FOREACH x IN ARRAY r LOOP total := total + x.amount; END LOOP;
  RETURN total;
END $$;

-- 11e
CREATE OR REPLACE FUNCTION collb_lookup(n int) RETURNS bigint LANGUAGE plpolar AS $$
DECLARE
  TYPE id_tab IS TABLE OF PLS_INTEGER;
  ids id_tab := id_tab();
  nm bench_coll_src.name%TYPE;
  total PLS_INTEGER := 0;
BEGIN
  ids.EXTEND(n);
  FOR i IN 1 .. n LOOP ids(i) := MOD(i * 7919, 200000) + 1; END LOOP;
  FOR i IN 1 .. n LOOP
    SELECT name INTO nm FROM bench_coll_src WHERE id = ids(i);
    total := total + LENGTH(nm);
  END LOOP;
  RETURN total;
END $$;
CREATE OR REPLACE FUNCTION collb_lookup_array(n int) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  ids int[] := '{}';
  nm text;
  total int := 0;
BEGIN
  FOR i IN 1 .. n LOOP ids[i] := mod(i * 7919, 200000) + 1; END LOOP;
  FOR i IN 1 .. n LOOP
    SELECT name INTO nm FROM bench_coll_src WHERE id = ids[i];
    total := total + length(nm);
  END LOOP;
  RETURN total;
END $$;

-- 11f
CREATE OR REPLACE FUNCTION collb_pipe(n int) RETURNS SETOF int LANGUAGE plpolar AS $$
BEGIN
  FOR i IN 1 .. n LOOP PIPE ROW (MOD(i * 7, 1000)); END LOOP;
  RETURN;
END $$;
CREATE OR REPLACE FUNCTION collb_next(n int) RETURNS SETOF int LANGUAGE plpgsql AS $$
BEGIN
  FOR i IN 1 .. n LOOP RETURN NEXT mod(i * 7, 1000); END LOOP;
  RETURN;
END $$;

-- 11g
SELECT count(*) FROM plpolar.exec('CREATE OR REPLACE TYPE collb_nums AS TABLE OF NUMBER');
CREATE OR REPLACE FUNCTION collb_sum_nums(xs collb_nums) RETURNS numeric LANGUAGE plpolar AS $$
DECLARE s NUMBER := 0;
BEGIN
  FOR i IN 1 .. xs.COUNT LOOP s := s + xs(i); END LOOP;
  RETURN s;
END $$;
CREATE OR REPLACE FUNCTION collb_sum_array(xs numeric[]) RETURNS numeric LANGUAGE plpgsql AS $$
DECLARE s numeric := 0; x numeric;
BEGIN
  FOREACH x IN ARRAY xs LOOP s := s + x; END LOOP;
  RETURN s;
END $$;

-- 11h
CREATE OR REPLACE FUNCTION collb_grid(n int) RETURNS bigint LANGUAGE plpolar AS $$
DECLARE
  TYPE row_t IS TABLE OF PLS_INTEGER;
  TYPE grid_t IS TABLE OF row_t;
  g grid_t := grid_t();
  r row_t;
  total PLS_INTEGER := 0;
BEGIN
  -- each row built, then stored; then every cell read through g(i)(j)
  FOR i IN 1 .. n LOOP
    r := row_t();
    r.EXTEND(n);
    FOR j IN 1 .. n LOOP r(j) := i * j; END LOOP;
    g.EXTEND;
    g(i) := r;
  END LOOP;
  FOR i IN 1 .. n LOOP
    FOR j IN 1 .. n LOOP total := total + MOD(g(i)(j), 7); END LOOP;
  END LOOP;
  RETURN total;
END $$;
CREATE OR REPLACE FUNCTION collb_grid_array(n int) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  g int[] := array_fill(0, ARRAY[n, n]);
  total int := 0;
BEGIN
  FOR i IN 1 .. n LOOP
    FOR j IN 1 .. n LOOP g[i][j] := i * j; END LOOP;
  END LOOP;
  FOR i IN 1 .. n LOOP
    FOR j IN 1 .. n LOOP total := total + mod(g[i][j], 7); END LOOP;
  END LOOP;
  RETURN total;
END $$;

CREATE TABLE IF NOT EXISTS bench_coll_results (workload text, side text, ms float8);
TRUNCATE bench_coll_results;
DO $do$
DECLARE
  rounds int := current_setting('bench.rounds')::int;
  w record;
BEGIN
  FOR w IN SELECT * FROM (VALUES
      (1, '11a FORALL INSERT 50k rows (<= 0.3)', 'collb_insert_loop(50000)', 'collb_forall(50000)'),
      (2, '11b BULK COLLECT 200k + loop (<= 1.0)', 'collb_array_agg(200000)', 'collb_bulk(200000)'),
      (3, '11c INDEX BY PLS_INTEGER 500k writes + reads (<= 0.5)', 'collb_int_array(500000)', 'collb_assoc(500000)'),
      (4, '11d BULK COLLECT 200k records + field reads', 'collb_array_rows(200000)', 'collb_bulk_rows(200000)'),
      (5, '11e query per element, 20k', 'collb_lookup_array(20000)', 'collb_lookup(20000)'),
      (6, '11f PIPELINED 200k rows vs RETURN NEXT', 'sum(v) FROM collb_next(200000) v', 'sum(v) FROM collb_pipe(200000) v'),
      (7, '11g schema TABLE OF NUMBER param, 100k', 'collb_sum_array(array_agg(i::numeric)) FROM generate_series(1, 100000) i',
          'collb_sum_nums(array_agg(i::numeric)::collb_nums) FROM generate_series(1, 100000) i'),
      (8, '11h 300x300 table of tables vs int[][]', 'collb_grid_array(300)', 'collb_grid(300)')
      ) AS t(ord, name, base_call, coll_call)
      ORDER BY ord
  LOOP
    PERFORM bench_ms('SELECT ' || w.base_call);
    PERFORM bench_ms('SELECT ' || w.coll_call);
    FOR r IN 1..rounds LOOP
      IF r % 2 = 0 THEN
        INSERT INTO bench_coll_results VALUES (w.name, 'plpolar', bench_ms('SELECT ' || w.coll_call));
      END IF;
      INSERT INTO bench_coll_results VALUES (w.name, 'plpgsql', bench_ms('SELECT ' || w.base_call));
      IF r % 2 = 1 THEN
        INSERT INTO bench_coll_results VALUES (w.name, 'plpolar', bench_ms('SELECT ' || w.coll_call));
      END IF;
    END LOOP;
  END LOOP;
END
$do$;
\pset footer off
SELECT workload,
       round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) FILTER (WHERE side = 'plpgsql')::numeric, 2) AS "PL/pgSQL ms",
       round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) FILTER (WHERE side = 'plpolar')::numeric, 2) AS "plpolar ms",
       round((percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) FILTER (WHERE side = 'plpolar') /
              percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) FILTER (WHERE side = 'plpgsql'))::numeric, 2) AS ratio,
       round(((max(ms) FILTER (WHERE side = 'plpgsql') - min(ms) FILTER (WHERE side = 'plpgsql')) /
              percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) FILTER (WHERE side = 'plpgsql') * 100)::numeric) || '% / ' ||
       round(((max(ms) FILTER (WHERE side = 'plpolar') - min(ms) FILTER (WHERE side = 'plpolar')) /
              percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) FILTER (WHERE side = 'plpolar') * 100)::numeric) || '%' AS spread
FROM bench_coll_results GROUP BY workload ORDER BY workload;
