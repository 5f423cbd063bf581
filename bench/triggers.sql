-- DML triggers (bench/run.sh section 12): the same trigger in PL/pgSQL and
-- in plpolar, fired by the same statement, alternately. Each pair is
-- (PL/pgSQL, plpolar):
--   12a BEFORE ROW sets one column, 100k-row INSERT ... SELECT (target <= 0.8);
--   12b AFTER ROW audit row into a log table, 100k rows (target <= 1.0);
--   12c BEFORE UPDATE ROW with UPDATING('c') and :OLD/:NEW comparisons, 100k rows;
--   12d 12a's trigger in Oracle's form (plpolar.exec: definer's rights, the
--       owner's path pinned) against the same PL/pgSQL trigger, SECURITY
--       DEFINER with its path pinned too;
--   12e a statement-level AFTER trigger counting into a table, 2 000
--       single-row INSERTs in one call (the per-statement cost).
-- The tables are UNLOGGED: WAL and checkpoints would add the same large
-- noise to both sides of every workload.
\set ON_ERROR_STOP on
-- generate_series in FROM is materialized: with the default work_mem its
-- 100k rows spill to a temporary file, whose writes were most of the
-- swing between rounds.
SET work_mem = '64MB';
DROP TABLE IF EXISTS trgb_pg, trgb_pl, trgb_b_pg, trgb_b_pl, trgb_log_pg, trgb_log_pl, trgb_ora, trgb_pgdef, trgb_count CASCADE;
CREATE UNLOGGED TABLE trgb_pg (id int, v int, tag text, changed text);
CREATE UNLOGGED TABLE trgb_pl (id int, v int, tag text, changed text);
CREATE UNLOGGED TABLE trgb_b_pg (id int, v int, tag text, changed text);
CREATE UNLOGGED TABLE trgb_b_pl (id int, v int, tag text, changed text);
CREATE UNLOGGED TABLE trgb_pgdef (id int, v int, tag text, changed text);
CREATE UNLOGGED TABLE trgb_ora (id int, v int, tag text, changed text);
CREATE UNLOGGED TABLE trgb_log_pg (op text, id int, at timestamptz);
CREATE UNLOGGED TABLE trgb_log_pl (op text, id int, at timestamptz);
CREATE UNLOGGED TABLE trgb_count (n int);

-- 12a
CREATE OR REPLACE FUNCTION trgb_set_pg() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.tag := 'x' || NEW.v;
  RETURN NEW;
END $$;
CREATE OR REPLACE FUNCTION trgb_set_pl() RETURNS trigger LANGUAGE plpolar AS $$
BEGIN
  :new.tag := 'x' || :new.v;
END $$;
CREATE TRIGGER a_set BEFORE INSERT ON trgb_pg FOR EACH ROW EXECUTE FUNCTION trgb_set_pg();
CREATE TRIGGER a_set BEFORE INSERT ON trgb_pl FOR EACH ROW EXECUTE FUNCTION trgb_set_pl();
-- 12b
CREATE OR REPLACE FUNCTION trgb_audit_pg() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO trgb_log_pg VALUES (TG_OP, NEW.id, now());
  RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION trgb_audit_pl() RETURNS trigger LANGUAGE plpolar AS $$
BEGIN
  INSERT INTO trgb_log_pl VALUES (CASE WHEN INSERTING THEN 'INSERT' ELSE 'UPDATE' END, :new.id, now());
END $$;
CREATE TRIGGER b_audit AFTER INSERT OR UPDATE ON trgb_b_pg FOR EACH ROW EXECUTE FUNCTION trgb_audit_pg();
CREATE TRIGGER b_audit AFTER INSERT OR UPDATE ON trgb_b_pl FOR EACH ROW EXECUTE FUNCTION trgb_audit_pl();
-- 12c
CREATE OR REPLACE FUNCTION trgb_upd_pg() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.v IS DISTINCT FROM OLD.v THEN
    NEW.changed := 'v ' || OLD.v || '->' || NEW.v;
  END IF;
  RETURN NEW;
END $$;
CREATE OR REPLACE FUNCTION trgb_upd_pl() RETURNS trigger LANGUAGE plpolar AS $$
BEGIN
  IF UPDATING('v') AND (:new.v <> :old.v OR :new.v IS NULL) THEN
    :new.changed := 'v ' || :old.v || '->' || :new.v;
  END IF;
END $$;
CREATE TRIGGER c_upd BEFORE UPDATE ON trgb_pg FOR EACH ROW EXECUTE FUNCTION trgb_upd_pg();
CREATE TRIGGER c_upd BEFORE UPDATE ON trgb_pl FOR EACH ROW EXECUTE FUNCTION trgb_upd_pl();
-- 12d
CREATE OR REPLACE FUNCTION trgb_set_pgdef() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp AS $$
BEGIN
  NEW.tag := 'x' || NEW.v;
  RETURN NEW;
END $$;
CREATE TRIGGER a_set BEFORE INSERT ON trgb_pgdef FOR EACH ROW EXECUTE FUNCTION trgb_set_pgdef();
SELECT count(*) FROM plpolar.exec($s$
CREATE OR REPLACE TRIGGER trgb_ora_set BEFORE INSERT ON trgb_ora FOR EACH ROW
BEGIN
  :new.tag := 'x' || :new.v;
END;
/
$s$) \g /dev/null
-- 12e
CREATE OR REPLACE FUNCTION trgb_stmt_pg() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE trgb_count SET n = n + 1;
  RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION trgb_stmt_pl() RETURNS trigger LANGUAGE plpolar AS $$
BEGIN
  UPDATE trgb_count SET n = n + 1;
END $$;
CREATE OR REPLACE FUNCTION trgb_singles(tab text, n int) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  FOR i IN 1 .. n LOOP
    EXECUTE format('INSERT INTO %I(id, v) VALUES ($1, $1)', tab) USING i;
  END LOOP;
END $$;

CREATE TABLE IF NOT EXISTS bench_trg_results (workload text, side text, ms float8);
TRUNCATE bench_trg_results;
-- A procedure, each measurement committed: in one transaction every
-- TRUNCATE keeps its old files and dirty pages pile up in shared buffers,
-- which made the figures of both sides swing by half.
CREATE OR REPLACE PROCEDURE bench_trg_run() LANGUAGE plpgsql AS $do$
DECLARE
  rounds int := current_setting('bench.rounds')::int;
  w record;
  t float8;
BEGIN
  FOR w IN SELECT * FROM (VALUES
      (1, '12a BEFORE ROW sets a column, 100k INSERT (<= 0.8)',
          'TRUNCATE trgb_pg', 'INSERT INTO trgb_pg(id, v) SELECT g, g FROM generate_series(1, 100000) g',
          'TRUNCATE trgb_pl', 'INSERT INTO trgb_pl(id, v) SELECT g, g FROM generate_series(1, 100000) g'),
      (2, '12b AFTER ROW audit insert, 100k INSERT (<= 1.0)',
          'TRUNCATE trgb_b_pg, trgb_log_pg', 'INSERT INTO trgb_b_pg(id, v) SELECT g, g FROM generate_series(1, 100000) g',
          'TRUNCATE trgb_b_pl, trgb_log_pl', 'INSERT INTO trgb_b_pl(id, v) SELECT g, g FROM generate_series(1, 100000) g'),
      (3, '12c BEFORE UPDATE ROW, UPDATING(c) and :OLD/:NEW, 100k UPDATE',
          'SELECT 1', 'UPDATE trgb_pg SET v = v + 1',
          'SELECT 1', 'UPDATE trgb_pl SET v = v + 1'),
      (4, '12d 12a in Oracle form (definer rights) vs SECURITY DEFINER PL/pgSQL',
          'TRUNCATE trgb_pgdef', 'INSERT INTO trgb_pgdef(id, v) SELECT g, g FROM generate_series(1, 100000) g',
          'TRUNCATE trgb_ora', 'INSERT INTO trgb_ora(id, v) SELECT g, g FROM generate_series(1, 100000) g'),
      (5, '12e statement trigger, 2000 single-row INSERTs',
          'TRUNCATE trgb_pgdef', 'SELECT trgb_singles(''trgb_pgdef'', 2000)',
          'TRUNCATE trgb_ora', 'SELECT trgb_singles(''trgb_ora'', 2000)')
      ) AS t(ord, name, base_reset, base_stmt, pl_reset, pl_stmt)
      ORDER BY ord
  LOOP
    IF w.ord = 5 THEN
      -- Only the statement triggers: 12a/12d's row triggers off.
      DROP TRIGGER a_set ON trgb_pgdef;
      ALTER TABLE trgb_ora DISABLE TRIGGER USER;
      INSERT INTO trgb_count VALUES (0);
      CREATE TRIGGER e_stmt AFTER INSERT ON trgb_pgdef EXECUTE FUNCTION trgb_stmt_pg();
      CREATE TRIGGER e_stmt AFTER INSERT ON trgb_ora EXECUTE FUNCTION trgb_stmt_pl();
    END IF;
    EXECUTE w.base_reset;
    PERFORM bench_ms(w.base_stmt);
    EXECUTE w.pl_reset;
    PERFORM bench_ms(w.pl_stmt);
    FOR r IN 1..rounds LOOP
      IF r % 2 = 0 THEN
        EXECUTE w.pl_reset;
        INSERT INTO bench_trg_results VALUES (w.name, 'plpolar', bench_ms(w.pl_stmt));
        COMMIT;
      END IF;
      EXECUTE w.base_reset;
      INSERT INTO bench_trg_results VALUES (w.name, 'plpgsql', bench_ms(w.base_stmt));
      COMMIT;
      IF r % 2 = 1 THEN
        EXECUTE w.pl_reset;
        INSERT INTO bench_trg_results VALUES (w.name, 'plpolar', bench_ms(w.pl_stmt));
        COMMIT;
      END IF;
    END LOOP;
  END LOOP;
END
$do$;
CALL bench_trg_run();
\pset footer off
SELECT workload,
       round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) FILTER (WHERE side = 'plpgsql')::numeric, 2) AS "PL/pgSQL ms",
       round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) FILTER (WHERE side = 'plpolar')::numeric, 2) AS "plpolar ms",
       round((percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) FILTER (WHERE side = 'plpolar') /
              percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) FILTER (WHERE side = 'plpgsql'))::numeric, 2) AS ratio,
       -- Noise only ever adds time: on a busy machine the best rounds
       -- compare the work itself.
       round((min(ms) FILTER (WHERE side = 'plpolar') / min(ms) FILTER (WHERE side = 'plpgsql'))::numeric, 2) AS "best/best",
       round(((max(ms) FILTER (WHERE side = 'plpgsql') - min(ms) FILTER (WHERE side = 'plpgsql')) /
              percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) FILTER (WHERE side = 'plpgsql') * 100)::numeric) || '% / ' ||
       round(((max(ms) FILTER (WHERE side = 'plpolar') - min(ms) FILTER (WHERE side = 'plpolar')) /
              percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) FILTER (WHERE side = 'plpolar') * 100)::numeric) || '%' AS spread
FROM bench_trg_results GROUP BY workload ORDER BY workload;
