-- Oracle's common built-ins in loops (bench/run.sh section 13): plpolar's
-- calls against the PostgreSQL functions a PL/pgSQL user calls instead, the
-- same work on both sides, in one run (target <= 0.5 for PL-bound work):
--   13a PLS_INTEGER loop whose arithmetic calls MOD (2M);
--   13b ABS, SIGN, LEAST, GREATEST of integers (1M);
--   13c NVL, NVL2, DECODE of integers (1M);
--   13d NUMBER loop with ROUND, TRUNC and MOD (300k);
--   13e UPPER, LOWER, TRIM, LPAD, RPAD, REPLACE, INSTR of short strings (300k);
--   13f TO_CHAR of an integer and TO_NUMBER of its text (300k).

-- 13a
CREATE OR REPLACE FUNCTION bib_pl_mod(n int) RETURNS int LANGUAGE plpolar AS $$
DECLARE
  s PLS_INTEGER := 0;
BEGIN
  FOR i IN 1 .. n LOOP
    s := s + MOD(i, 7) - MOD(i, 3);
  END LOOP;
  RETURN s;
END $$;
CREATE OR REPLACE FUNCTION bib_pg_mod(n int) RETURNS int LANGUAGE plpgsql AS $$
DECLARE
  s int := 0;
BEGIN
  FOR i IN 1 .. n LOOP
    s := s + mod(i, 7) - mod(i, 3);
  END LOOP;
  RETURN s;
END $$;

-- 13b
CREATE OR REPLACE FUNCTION bib_pl_abs(n int) RETURNS int LANGUAGE plpolar AS $$
DECLARE
  s PLS_INTEGER := 0;
  d PLS_INTEGER;
BEGIN
  FOR i IN 1 .. n LOOP
    d := 500 - MOD(i, 1000);
    s := s + ABS(d) * SIGN(d) + LEAST(d, 10) - GREATEST(d, -10);
    IF s > 100000000 THEN s := 0; END IF;
  END LOOP;
  RETURN s;
END $$;
CREATE OR REPLACE FUNCTION bib_pg_abs(n int) RETURNS int LANGUAGE plpgsql AS $$
DECLARE
  s int := 0;
  d int;
BEGIN
  FOR i IN 1 .. n LOOP
    d := 500 - mod(i, 1000);
    s := s + abs(d) * sign(d)::int + least(d, 10) - greatest(d, -10);
    IF s > 100000000 THEN s := 0; END IF;
  END LOOP;
  RETURN s;
END $$;

-- 13c
CREATE OR REPLACE FUNCTION bib_pl_nvl(n int) RETURNS int LANGUAGE plpolar AS $$
DECLARE
  s PLS_INTEGER := 0;
  v PLS_INTEGER;
BEGIN
  FOR i IN 1 .. n LOOP
    v := CASE WHEN MOD(i, 4) = 0 THEN NULL ELSE i END;
    s := s + NVL(v, 1) - NVL2(v, 1, 0) + DECODE(MOD(i, 3), 0, 2, 1, 1, 0);
    IF s > 100000000 THEN s := 0; END IF;
  END LOOP;
  RETURN s;
END $$;
CREATE OR REPLACE FUNCTION bib_pg_nvl(n int) RETURNS int LANGUAGE plpgsql AS $$
DECLARE
  s int := 0;
  v int;
BEGIN
  FOR i IN 1 .. n LOOP
    v := CASE WHEN mod(i, 4) = 0 THEN NULL ELSE i END;
    s := s + coalesce(v, 1) - CASE WHEN v IS NOT NULL THEN 1 ELSE 0 END
         + CASE mod(i, 3) WHEN 0 THEN 2 WHEN 1 THEN 1 ELSE 0 END;
    IF s > 100000000 THEN s := 0; END IF;
  END LOOP;
  RETURN s;
END $$;

-- 13d
CREATE OR REPLACE FUNCTION bib_pl_round(n int) RETURNS numeric LANGUAGE plpolar AS $$
DECLARE
  x NUMBER := 0;
  y NUMBER;
BEGIN
  FOR i IN 1 .. n LOOP
    y := i * 1.37;
    x := x + ROUND(y, 1) - TRUNC(y) + MOD(y, 3);
  END LOOP;
  RETURN x;
END $$;
CREATE OR REPLACE FUNCTION bib_pg_round(n int) RETURNS numeric LANGUAGE plpgsql AS $$
DECLARE
  x numeric := 0;
  y numeric;
BEGIN
  FOR i IN 1 .. n LOOP
    y := i * 1.37;
    x := x + round(y, 1) - trunc(y) + mod(y, 3);
  END LOOP;
  RETURN x;
END $$;

-- 13e
CREATE OR REPLACE FUNCTION bib_pl_str(n int) RETURNS int LANGUAGE plpolar AS $$
DECLARE
  s VARCHAR2(100);
  t VARCHAR2(100);
  total PLS_INTEGER := 0;
BEGIN
  FOR i IN 1 .. n LOOP
    s := '  Item ' || MOD(i, 100) || '  ';
    t := UPPER(TRIM(s)) || LOWER(s);
    t := LPAD(REPLACE(t, 'ITEM', 'x'), 20, '*') || RPAD('y', 5, '-');
    total := total + INSTR(t, 'item') + LENGTH(t);
  END LOOP;
  RETURN total;
END $$;
CREATE OR REPLACE FUNCTION bib_pg_str(n int) RETURNS int LANGUAGE plpgsql AS $$
DECLARE
  s text;
  t text;
  total int := 0;
BEGIN
  FOR i IN 1 .. n LOOP
    s := '  Item ' || mod(i, 100) || '  ';
    t := upper(btrim(s)) || lower(s);
    t := lpad(replace(t, 'ITEM', 'x'), 20, '*') || rpad('y', 5, '-');
    total := total + strpos(t, 'item') + length(t);
  END LOOP;
  RETURN total;
END $$;

-- 13f
CREATE OR REPLACE FUNCTION bib_pl_conv(n int) RETURNS numeric LANGUAGE plpolar AS $$
DECLARE
  s VARCHAR2(40);
  x NUMBER := 0;
BEGIN
  FOR i IN 1 .. n LOOP
    s := TO_CHAR(i);
    x := x + TO_NUMBER(s);
  END LOOP;
  RETURN x;
END $$;
CREATE OR REPLACE FUNCTION bib_pg_conv(n int) RETURNS numeric LANGUAGE plpgsql AS $$
DECLARE
  s text;
  x numeric := 0;
BEGIN
  FOR i IN 1 .. n LOOP
    s := i::text;
    x := x + s::numeric;
  END LOOP;
  RETURN x;
END $$;

-- Both sides must compute the same: a benchmark of different work is none.
DO $$
BEGIN
  IF bib_pl_mod(10000) <> bib_pg_mod(10000) OR bib_pl_abs(10000) <> bib_pg_abs(10000)
     OR bib_pl_nvl(10000) <> bib_pg_nvl(10000) OR bib_pl_round(10000) <> bib_pg_round(10000)
     OR bib_pl_str(10000) <> bib_pg_str(10000) OR bib_pl_conv(10000) <> bib_pg_conv(10000) THEN
    RAISE EXCEPTION 'bench/builtins.sql: the two sides differ';
  END IF;
END $$;

CREATE TEMP TABLE bench_bi_results (workload text, side text, ms float8);
DO $do$
DECLARE
  rounds int := coalesce(current_setting('bench.rounds', true), '5')::int;
  w record;
BEGIN
  FOR w IN SELECT * FROM (VALUES
      (1, '13a PLS_INTEGER loop with MOD, 2M (<= 0.5)', 'bib_pg_mod(2000000)', 'bib_pl_mod(2000000)'),
      (2, '13b ABS SIGN LEAST GREATEST, 1M (<= 0.5)', 'bib_pg_abs(1000000)', 'bib_pl_abs(1000000)'),
      (3, '13c NVL NVL2 DECODE, 1M (<= 0.5)', 'bib_pg_nvl(1000000)', 'bib_pl_nvl(1000000)'),
      (4, '13d NUMBER ROUND TRUNC MOD, 300k (<= 0.5)', 'bib_pg_round(300000)', 'bib_pl_round(300000)'),
      (5, '13e string built-ins, 300k (<= 0.5)', 'bib_pg_str(300000)', 'bib_pl_str(300000)'),
      (6, '13f TO_CHAR / TO_NUMBER, 300k (<= 0.5)', 'bib_pg_conv(300000)', 'bib_pl_conv(300000)')
      ) AS t(ord, name, base_call, pl_call)
      ORDER BY ord
  LOOP
    PERFORM bench_ms('SELECT ' || w.base_call);
    PERFORM bench_ms('SELECT ' || w.pl_call);
    FOR r IN 1..rounds LOOP
      IF r % 2 = 0 THEN
        INSERT INTO bench_bi_results VALUES (w.name, 'plpolar', bench_ms('SELECT ' || w.pl_call));
      END IF;
      INSERT INTO bench_bi_results VALUES (w.name, 'plpgsql', bench_ms('SELECT ' || w.base_call));
      IF r % 2 = 1 THEN
        INSERT INTO bench_bi_results VALUES (w.name, 'plpolar', bench_ms('SELECT ' || w.pl_call));
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
FROM bench_bi_results GROUP BY workload ORDER BY workload;
