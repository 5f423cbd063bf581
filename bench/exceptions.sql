-- Exception blocks in plpolar and PL/pgSQL, same work, one session.
-- Run: pg_virtualenv -o shared_preload_libraries=plpolar psql -X -f bench/exceptions.sql
-- (times with \timing; run it twice, the first run warms caches).
CREATE EXTENSION IF NOT EXISTS plpolar;
DROP TABLE IF EXISTS bench_exc;
CREATE TABLE bench_exc(id int PRIMARY KEY, v int);
INSERT INTO bench_exc SELECT g, 0 FROM generate_series(1, 20000) g;
CREATE OR REPLACE FUNCTION pl_exc(n int, fail boolean) RETURNS int LANGUAGE plpolar AS $$
DECLARE c PLS_INTEGER := 0; x PLS_INTEGER;
BEGIN
  FOR i IN 1..n LOOP
    BEGIN
      IF fail THEN x := 1 / 0; END IF;
      c := c + 1;
    EXCEPTION WHEN ZERO_DIVIDE THEN c := c - 1;
    END;
  END LOOP;
  RETURN c;
END; $$;
CREATE OR REPLACE FUNCTION pg_exc(n int, fail boolean) RETURNS int LANGUAGE plpgsql AS $$
DECLARE c int := 0; x int;
BEGIN
  FOR i IN 1..n LOOP
    BEGIN
      IF fail THEN x := 1 / 0; END IF;
      c := c + 1;
    EXCEPTION WHEN division_by_zero THEN c := c - 1;
    END;
  END LOOP;
  RETURN c;
END; $$;
CREATE OR REPLACE FUNCTION pl_exc_sql(n int, fail boolean) RETURNS int LANGUAGE plpolar AS $$
DECLARE c PLS_INTEGER := 0;
BEGIN
  FOR i IN 1..n LOOP
    BEGIN
      UPDATE bench_exc SET v = v + 1 WHERE id = i;
      IF fail THEN INSERT INTO bench_exc VALUES (i, 0); END IF;
      c := c + 1;
    EXCEPTION WHEN DUP_VAL_ON_INDEX THEN c := c - 1;
    END;
  END LOOP;
  RETURN c;
END; $$;
CREATE OR REPLACE FUNCTION pg_exc_sql(n int, fail boolean) RETURNS int LANGUAGE plpgsql AS $$
DECLARE c int := 0;
BEGIN
  FOR i IN 1..n LOOP
    BEGIN
      UPDATE bench_exc SET v = v + 1 WHERE id = i;
      IF fail THEN INSERT INTO bench_exc VALUES (i, 0); END IF;
      c := c + 1;
    EXCEPTION WHEN unique_violation THEN c := c - 1;
    END;
  END LOOP;
  RETURN c;
END; $$;
\timing on
\echo '-- block entered 200000 times, nothing raised: plpolar, then PL/pgSQL'
SELECT pl_exc(200000, false);
SELECT pg_exc(200000, false);
\echo '-- block entered 50000 times, ZERO_DIVIDE raised and handled each time'
SELECT pl_exc(50000, true);
SELECT pg_exc(50000, true);
\echo '-- UPDATE by key in the block, 20000 times, no error'
SELECT pl_exc_sql(20000, false);
SELECT pg_exc_sql(20000, false);
\echo '-- ... and a duplicate-key INSERT handled each time (statement-level, then block rollback)'
SELECT pl_exc_sql(20000, true);
SET plpolar.exception_rollback = block;
SELECT pl_exc_sql(20000, true);
RESET plpolar.exception_rollback;
SELECT pg_exc_sql(20000, true);
