-- The same work in PL/pgSQL (pg_*) and plpolar (pl_*), for bench/run.sh.
CREATE EXTENSION IF NOT EXISTS plpolar;
DROP TABLE IF EXISTS bench_t, bench_ins, bench_num;
CREATE TABLE bench_t (id int PRIMARY KEY, v int, name text);
INSERT INTO bench_t SELECT g, g % 100, 'name ' || g FROM generate_series(1, 100000) g;
CREATE TABLE bench_ins (id int, v int);
VACUUM ANALYZE bench_t;
-- Oracle NUMBER columns (the SQL type), read by both languages.
CREATE TABLE bench_num (id int PRIMARY KEY, amount NUMBER(10,2), rate NUMBER);
INSERT INTO bench_num SELECT g, g * 1.25, 1 + (g % 7) / 100.0 FROM generate_series(1, 100000) g;
VACUUM ANALYZE bench_num;

-- 1. integer loop
CREATE OR REPLACE FUNCTION pg_int_loop(n int) RETURNS int LANGUAGE plpgsql AS $$
DECLARE s int := 0;
BEGIN
  FOR i IN 1..n LOOP
    s := s + i;
    IF s > 1000000000 THEN s := s - 1000000000; END IF;
  END LOOP;
  RETURN s;
END; $$;
CREATE OR REPLACE FUNCTION pl_int_loop(n int) RETURNS int LANGUAGE plpolar AS $$
DECLARE s PLS_INTEGER := 0;
BEGIN
  FOR i IN 1..n LOOP
    s := s + i;
    IF s > 1000000000 THEN s := s - 1000000000; END IF;
  END LOOP;
  RETURN s;
END; $$;

-- 2. NUMBER (numeric) arithmetic
CREATE OR REPLACE FUNCTION pg_num_loop(n int) RETURNS numeric LANGUAGE plpgsql AS $$
DECLARE x numeric := 0;
BEGIN
  FOR i IN 1..n LOOP
    x := x + i * 1.5 - 0.25;
  END LOOP;
  RETURN x;
END; $$;
CREATE OR REPLACE FUNCTION pl_num_loop(n int) RETURNS numeric LANGUAGE plpolar AS $$
DECLARE x NUMBER := 0;
BEGIN
  FOR i IN 1..n LOOP
    x := x + i * 1.5 - 0.25;
  END LOOP;
  RETURN x;
END; $$;

-- 3. string building with || and SUBSTR / LENGTH
CREATE OR REPLACE FUNCTION pg_str_loop(n int) RETURNS int LANGUAGE plpgsql AS $$
DECLARE s text := ''; total int := 0;
BEGIN
  FOR i IN 1..n LOOP
    s := s || 'ab';
    IF length(s) > 200 THEN
      total := total + length(substr(s, 101));
      s := substr(s, 1, 10);
    END IF;
  END LOOP;
  RETURN total;
END; $$;
CREATE OR REPLACE FUNCTION pl_str_loop(n int) RETURNS int LANGUAGE plpolar AS $$
DECLARE s VARCHAR2(400) := ''; total PLS_INTEGER := 0;
BEGIN
  FOR i IN 1..n LOOP
    s := s || 'ab';
    IF LENGTH(s) > 200 THEN
      total := total + LENGTH(SUBSTR(s, 101));
      s := SUBSTR(s, 1, 10);
    END IF;
  END LOOP;
  RETURN total;
END; $$;

-- 4. IF/ELSIF chains and CASE on computed values
CREATE OR REPLACE FUNCTION pg_branch_loop(n int) RETURNS int LANGUAGE plpgsql AS $$
DECLARE k int := 0; a int := 0;
BEGIN
  FOR i IN 1..n LOOP
    k := k + 1;
    IF k = 5 THEN k := 0; END IF;
    IF k = 0 THEN a := a + 1;
    ELSIF k = 1 THEN a := a + 2;
    ELSIF k = 2 THEN a := a + 3;
    ELSE a := a - 1;
    END IF;
    a := a + CASE k WHEN 0 THEN 1 WHEN 1 THEN 2 ELSE 0 END;
    CASE WHEN a > 100000 THEN a := 0; ELSE NULL; END CASE;
  END LOOP;
  RETURN a;
END; $$;
CREATE OR REPLACE FUNCTION pl_branch_loop(n int) RETURNS int LANGUAGE plpolar AS $$
DECLARE k PLS_INTEGER := 0; a PLS_INTEGER := 0;
BEGIN
  FOR i IN 1..n LOOP
    k := k + 1;
    IF k = 5 THEN k := 0; END IF;
    IF k = 0 THEN a := a + 1;
    ELSIF k = 1 THEN a := a + 2;
    ELSIF k = 2 THEN a := a + 3;
    ELSE a := a - 1;
    END IF;
    a := a + CASE k WHEN 0 THEN 1 WHEN 1 THEN 2 ELSE 0 END;
    CASE WHEN a > 100000 THEN a := 0; ELSE NULL; END CASE;
  END LOOP;
  RETURN a;
END; $$;

-- 5. calls: recursive fib, and a small helper called in a loop
CREATE OR REPLACE FUNCTION pg_fib(n int) RETURNS int LANGUAGE plpgsql AS $$
BEGIN
  IF n < 2 THEN RETURN n; END IF;
  RETURN pg_fib(n - 1) + pg_fib(n - 2);
END; $$;
CREATE OR REPLACE FUNCTION pl_fib(n int) RETURNS int LANGUAGE plpolar AS $$
BEGIN
  IF n < 2 THEN RETURN n; END IF;
  RETURN pl_fib(n - 1) + pl_fib(n - 2);
END; $$;
CREATE OR REPLACE FUNCTION pg_helper(x int) RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN x + 1; END; $$;
CREATE OR REPLACE FUNCTION pl_helper(x int) RETURNS int LANGUAGE plpolar AS $$ BEGIN RETURN x + 1; END; $$;
CREATE OR REPLACE FUNCTION pg_call_loop(n int) RETURNS int LANGUAGE plpgsql AS $$
DECLARE s int := 0;
BEGIN
  FOR i IN 1..n LOOP s := pg_helper(s); END LOOP;
  RETURN s;
END; $$;
CREATE OR REPLACE FUNCTION pl_call_loop(n int) RETURNS int LANGUAGE plpolar AS $$
DECLARE s PLS_INTEGER := 0;
BEGIN
  FOR i IN 1..n LOOP s := pl_helper(s); END LOOP;
  RETURN s;
END; $$;

-- 6. SQL-bound work
CREATE OR REPLACE FUNCTION pg_select_loop(n int) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE x int; s bigint := 0;
BEGIN
  FOR i IN 1..n LOOP
    SELECT v INTO x FROM bench_t WHERE id = i;
    s := s + x;
  END LOOP;
  RETURN s;
END; $$;
CREATE OR REPLACE FUNCTION pl_select_loop(n int) RETURNS bigint LANGUAGE plpolar AS $$
DECLARE x PLS_INTEGER; s BIGINT := 0;
BEGIN
  FOR i IN 1..n LOOP
    SELECT v INTO x FROM bench_t WHERE id = i;
    s := s + x;
  END LOOP;
  RETURN s;
END; $$;
CREATE OR REPLACE FUNCTION pg_insert_loop(n int) RETURNS int LANGUAGE plpgsql AS $$
BEGIN
  FOR i IN 1..n LOOP INSERT INTO bench_ins VALUES (i, i); END LOOP;
  RETURN n;
END; $$;
CREATE OR REPLACE FUNCTION pl_insert_loop(n int) RETURNS int LANGUAGE plpolar AS $$
BEGIN
  FOR i IN 1..n LOOP INSERT INTO bench_ins VALUES (i, i); END LOOP;
  RETURN n;
END; $$;
CREATE OR REPLACE FUNCTION pg_cursor_loop(n int) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE s bigint := 0; r record;
BEGIN
  FOR r IN SELECT id, v FROM bench_t WHERE id <= n LOOP s := s + r.v; END LOOP;
  RETURN s;
END; $$;
CREATE OR REPLACE FUNCTION pl_cursor_loop(n int) RETURNS bigint LANGUAGE plpolar AS $$
DECLARE s BIGINT := 0;
BEGIN
  FOR r IN (SELECT id, v FROM bench_t WHERE id <= n) LOOP s := s + r.v; END LOOP;
  RETURN s;
END; $$;
CREATE OR REPLACE FUNCTION pg_update_loop(n int) RETURNS int LANGUAGE plpgsql AS $$
BEGIN
  FOR i IN 1..n LOOP UPDATE bench_t SET v = v + 1 WHERE id = i; END LOOP;
  RETURN n;
END; $$;
CREATE OR REPLACE FUNCTION pl_update_loop(n int) RETURNS int LANGUAGE plpolar AS $$
BEGIN
  FOR i IN 1..n LOOP UPDATE bench_t SET v = v + 1 WHERE id = i; END LOOP;
  RETURN n;
END; $$;

-- 6e. NUMBER(10,2) and NUMBER columns: a cursor loop with decimal arithmetic
-- and a NUMBER function called per row (PL/pgSQL reads them as numeric).
CREATE OR REPLACE FUNCTION pg_num_tax(a numeric, r numeric) RETURNS numeric LANGUAGE plpgsql AS $$
BEGIN RETURN round(a * r, 2); END; $$;
CREATE OR REPLACE FUNCTION pl_num_tax(a NUMBER, r NUMBER) RETURNS NUMBER LANGUAGE plpolar AS $$
BEGIN RETURN ROUND(a * r, 2); END; $$;
CREATE OR REPLACE FUNCTION pg_num_cursor(n int) RETURNS numeric LANGUAGE plpgsql AS $$
DECLARE s numeric := 0; r record;
BEGIN
  FOR r IN SELECT amount, rate FROM bench_num WHERE id <= n LOOP
    s := s + r.amount * r.rate + pg_num_tax(r.amount, r.rate);
  END LOOP;
  RETURN s;
END; $$;
CREATE OR REPLACE FUNCTION pl_num_cursor(n int) RETURNS NUMBER LANGUAGE plpolar AS $$
DECLARE s NUMBER := 0;
BEGIN
  FOR r IN (SELECT amount, rate FROM bench_num WHERE id <= n) LOOP
    s := s + r.amount * r.rate + pl_num_tax(r.amount, r.rate);
  END LOOP;
  RETURN s;
END; $$;

-- 7. an exception block entered on every iteration
CREATE OR REPLACE FUNCTION pg_exc_loop(n int) RETURNS int LANGUAGE plpgsql AS $$
DECLARE c int := 0;
BEGIN
  FOR i IN 1..n LOOP
    BEGIN c := c + 1; EXCEPTION WHEN division_by_zero THEN c := c - 1; END;
  END LOOP;
  RETURN c;
END; $$;
CREATE OR REPLACE FUNCTION pl_exc_loop(n int) RETURNS int LANGUAGE plpolar AS $$
DECLARE c PLS_INTEGER := 0;
BEGIN
  FOR i IN 1..n LOOP
    BEGIN c := c + 1; EXCEPTION WHEN ZERO_DIVIDE THEN c := c - 1; END;
  END LOOP;
  RETURN c;
END; $$;
CREATE OR REPLACE FUNCTION pg_exc_raise_loop(n int) RETURNS int LANGUAGE plpgsql AS $$
DECLARE c int := 0; x int;
BEGIN
  FOR i IN 1..n LOOP
    BEGIN x := 1 / 0; EXCEPTION WHEN division_by_zero THEN c := c + 1; END;
  END LOOP;
  RETURN c;
END; $$;
CREATE OR REPLACE FUNCTION pl_exc_raise_loop(n int) RETURNS int LANGUAGE plpolar AS $$
DECLARE c PLS_INTEGER := 0; x PLS_INTEGER;
BEGIN
  FOR i IN 1..n LOOP
    BEGIN x := 1 / 0; EXCEPTION WHEN ZERO_DIVIDE THEN c := c + 1; END;
  END LOOP;
  RETURN c;
END; $$;

-- 8. memory: a small function called many times
CREATE OR REPLACE FUNCTION pg_small(x int) RETURNS int LANGUAGE plpgsql AS $$
DECLARE s text := 'v' || x; BEGIN RETURN length(s) + x; END; $$;
CREATE OR REPLACE FUNCTION pl_small(x int) RETURNS int LANGUAGE plpolar AS $$
DECLARE s VARCHAR2(20) := 'v' || x; BEGIN RETURN LENGTH(s) + x; END; $$;
CREATE OR REPLACE FUNCTION bench_rss() RETURNS bigint LANGUAGE sql AS $$
  SELECT (regexp_match(pg_read_file('/proc/' || pg_backend_pid() || '/status'), 'VmRSS:\s+(\d+)'))[1]::bigint $$;

-- timing helper (PL/pgSQL, the same for both sides)
CREATE OR REPLACE FUNCTION bench_ms(q text) RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE t0 timestamptz;
BEGIN
  t0 := clock_timestamp();
  EXECUTE q;
  RETURN extract(epoch FROM clock_timestamp() - t0) * 1000;
END; $$;
CREATE TABLE IF NOT EXISTS bench_results (workload text, lang text, ms float8);
TRUNCATE bench_results;
