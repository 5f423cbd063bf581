-- Autonomous transactions (bench/run.sh section 14): plpolar's PRAGMA
-- AUTONOMOUS_TRANSACTION against what a PostgreSQL user writes instead,
-- PL/pgSQL calling dblink_exec on a connection opened once. Each pair is
-- (dblink, plpolar), run alternately:
--   14a 500 calls of a logging procedure, one row each, from one loop
--       (target <= 1.0);
--   14b the same with a logged (WAL) table: each call's commit flushes;
--   14c 500 calls of a function from SQL that takes the next number from
--       a counter row and returns it (UPDATE ... RETURNING);
--   14d the same 500 log rows written from a BEFORE ROW trigger of a
--       500-row INSERT.
-- Printed: medians, ratio, best/best, spread, and the cost of one call.
\set ON_ERROR_STOP on
CREATE EXTENSION IF NOT EXISTS dblink;
DROP TABLE IF EXISTS abench_log_pg, abench_log_pl, abench_wlog_pg, abench_wlog_pl, abench_counter,
                     abench_rows_pg, abench_rows_pl CASCADE;
CREATE UNLOGGED TABLE abench_log_pg (id bigserial, msg text, at timestamptz DEFAULT now());
CREATE UNLOGGED TABLE abench_log_pl (id bigserial, msg text, at timestamptz DEFAULT now());
CREATE TABLE abench_wlog_pg (id bigserial, msg text, at timestamptz DEFAULT now());
CREATE TABLE abench_wlog_pl (id bigserial, msg text, at timestamptz DEFAULT now());
CREATE UNLOGGED TABLE abench_counter (name text PRIMARY KEY, n bigint);
INSERT INTO abench_counter VALUES ('pg', 0), ('pl', 0);
CREATE UNLOGGED TABLE abench_rows_pg (id int, v text);
CREATE UNLOGGED TABLE abench_rows_pl (id int, v text);

-- What a PostgreSQL user writes: a loopback connection, opened once.
SELECT dblink_connect('abench', 'dbname=' || current_database() || ' port=' || current_setting('port') ||
                      ' host=' || split_part(current_setting('unix_socket_directories'), ',', 1));
CREATE OR REPLACE PROCEDURE abench_log_pg_p(m text) LANGUAGE plpgsql AS $$
BEGIN
  PERFORM dblink_exec('abench', format('INSERT INTO abench_log_pg(msg) VALUES (%L)', m));
END $$;
CREATE OR REPLACE PROCEDURE abench_wlog_pg_p(m text) LANGUAGE plpgsql AS $$
BEGIN
  PERFORM dblink_exec('abench', format('INSERT INTO abench_wlog_pg(msg) VALUES (%L)', m));
END $$;
CREATE OR REPLACE FUNCTION abench_next_pg() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE n bigint;
BEGIN
  SELECT v INTO n FROM dblink('abench', 'UPDATE abench_counter SET n = n + 1 WHERE name = ''pg'' RETURNING n') AS t(v bigint);
  RETURN n;
END $$;
CREATE OR REPLACE FUNCTION abench_trg_pg() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  CALL abench_log_pg_p('row ' || NEW.id);
  RETURN NEW;
END $$;
CREATE TRIGGER abench BEFORE INSERT ON abench_rows_pg FOR EACH ROW EXECUTE FUNCTION abench_trg_pg();

-- plpolar: Oracle's autonomous procedure and function.
CREATE OR REPLACE PROCEDURE abench_log_pl_p(m varchar2) LANGUAGE plpolar AS $$
DECLARE
  PRAGMA AUTONOMOUS_TRANSACTION;
BEGIN
  INSERT INTO abench_log_pl(msg) VALUES (m);
  COMMIT;
END $$;
CREATE OR REPLACE PROCEDURE abench_wlog_pl_p(m varchar2) LANGUAGE plpolar AS $$
DECLARE
  PRAGMA AUTONOMOUS_TRANSACTION;
BEGIN
  INSERT INTO abench_wlog_pl(msg) VALUES (m);
  COMMIT;
END $$;
CREATE OR REPLACE FUNCTION abench_next_pl() RETURNS number LANGUAGE plpolar AS $$
DECLARE
  PRAGMA AUTONOMOUS_TRANSACTION;
  n number;
BEGIN
  UPDATE abench_counter SET n = n + 1 WHERE name = 'pl' RETURNING n INTO n;
  COMMIT;
  RETURN n;
END $$;
CREATE OR REPLACE FUNCTION abench_trg_pl() RETURNS trigger LANGUAGE plpolar AS $$
BEGIN
  abench_log_pl_p('row ' || :NEW.id);
END $$;
CREATE TRIGGER abench BEFORE INSERT ON abench_rows_pl FOR EACH ROW EXECUTE FUNCTION abench_trg_pl();

CREATE OR REPLACE FUNCTION abench_loop_pg(n int) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  FOR i IN 1..n LOOP CALL abench_log_pg_p('call ' || i); END LOOP;
END $$;
CREATE OR REPLACE FUNCTION abench_loop_pl(n int) RETURNS void LANGUAGE plpolar AS $$
BEGIN
  FOR i IN 1 .. n LOOP abench_log_pl_p('call ' || i); END LOOP;
END $$;
CREATE OR REPLACE FUNCTION abench_wloop_pg(n int) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  FOR i IN 1..n LOOP CALL abench_wlog_pg_p('call ' || i); END LOOP;
END $$;
CREATE OR REPLACE FUNCTION abench_wloop_pl(n int) RETURNS void LANGUAGE plpolar AS $$
BEGIN
  FOR i IN 1 .. n LOOP abench_wlog_pl_p('call ' || i); END LOOP;
END $$;

CREATE TEMP TABLE abench_results (workload text, side text, ms float8);
CREATE TEMP TABLE abench_work (name text, base text, pl text, calls int);
INSERT INTO abench_work VALUES
  ('14a 500 autonomous log calls (target <= 1.0)', 'SELECT abench_loop_pg(500)', 'SELECT abench_loop_pl(500)', 500),
  ('14b 500 calls, logged table (commit flush)', 'SELECT abench_wloop_pg(500)', 'SELECT abench_wloop_pl(500)', 500),
  ('14c 500 autonomous functions from SQL', 'SELECT sum(abench_next_pg()) FROM generate_series(1, 500)',
   'SELECT sum(abench_next_pl()) FROM generate_series(1, 500)', 500),
  ('14d 500 rows, BEFORE ROW trigger logging', 'INSERT INTO abench_rows_pg SELECT g, ''v'' FROM generate_series(1, 500) g',
   'INSERT INTO abench_rows_pl SELECT g, ''v'' FROM generate_series(1, 500) g', 500);
-- Warm both (the worker starts, plans are made), then alternate.
SELECT bool_and(bench_ms(base) + bench_ms(pl) >= 0) AS warmed FROM abench_work \gset
DO $$
DECLARE
  w record;
  rounds int := coalesce(nullif(current_setting('bench.rounds', true), ''), '5')::int;
BEGIN
  FOR w IN SELECT * FROM abench_work LOOP
    FOR r IN 1..rounds LOOP
      IF r % 2 = 0 THEN
        INSERT INTO abench_results VALUES (w.name, 'plpolar', bench_ms(w.pl));
      END IF;
      INSERT INTO abench_results VALUES (w.name, 'dblink', bench_ms(w.base));
      IF r % 2 = 1 THEN
        INSERT INTO abench_results VALUES (w.name, 'plpolar', bench_ms(w.pl));
      END IF;
    END LOOP;
  END LOOP;
END $$;
\pset footer off
SELECT workload,
       round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) FILTER (WHERE side = 'dblink')::numeric, 2) AS "dblink ms",
       round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) FILTER (WHERE side = 'plpolar')::numeric, 2) AS "plpolar ms",
       round((percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) FILTER (WHERE side = 'plpolar') /
              percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) FILTER (WHERE side = 'dblink'))::numeric, 2) AS ratio,
       round((min(ms) FILTER (WHERE side = 'plpolar') / min(ms) FILTER (WHERE side = 'dblink'))::numeric, 2) AS "best/best",
       round((percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) FILTER (WHERE side = 'plpolar') * 1000 / 500)::numeric, 1)
         AS "plpolar us/call",
       round(((max(ms) FILTER (WHERE side = 'dblink') - min(ms) FILTER (WHERE side = 'dblink')) /
              percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) FILTER (WHERE side = 'dblink') * 100)::numeric) || '% / ' ||
       round(((max(ms) FILTER (WHERE side = 'plpolar') - min(ms) FILTER (WHERE side = 'plpolar')) /
              percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) FILTER (WHERE side = 'plpolar') * 100)::numeric) || '%' AS spread
FROM abench_results GROUP BY workload ORDER BY workload;
SELECT dblink_disconnect('abench');
