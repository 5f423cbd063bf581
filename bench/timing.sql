-- Runs every workload ROUNDS times, PL/pgSQL and plpolar alternately (the
-- first of each pair alternates too), after one warm-up call of each.
\set ON_ERROR_STOP on
DO $do$
DECLARE
  rounds int := current_setting('bench.rounds')::int;
  w record;
  first_pl boolean;
BEGIN
  FOR w IN SELECT * FROM (VALUES
      (1, '1 integer loop (2M)', 'int_loop(2000000)'),
      (2, '2 NUMBER arithmetic (500k)', 'num_loop(500000)'),
      (3, '3 string || SUBSTR LENGTH (500k)', 'str_loop(500000)'),
      (4, '4 IF/ELSIF and CASE (1M)', 'branch_loop(1000000)'),
      (5, '5a recursive fib(22)', 'fib(22)'),
      (6, '5b helper call in a loop (200k)', 'call_loop(200000)'),
      (7, '6a SELECT INTO by key (50k)', 'select_loop(50000)'),
      (8, '6b INSERT in a loop (50k)', 'insert_loop(50000)'),
      (9, '6c cursor FOR loop (5 x 100k rows)', 'cursor_loop(100000) FROM generate_series(1, 5)'),
      (10, '6d UPDATE by key (20k)', 'update_loop(20000)'),
      (13, '6e NUMBER columns, cursor + call per row (100k)', 'num_cursor(100000)'),
      (11, '7a exception block, no error (500k)', 'exc_loop(500000)'),
      (12, '7b exception block, error raised (50k)', 'exc_raise_loop(50000)')) AS t(ord, name, call)
      ORDER BY ord, name
  LOOP
    PERFORM bench_ms('SELECT pg_' || w.call);
    PERFORM bench_ms('SELECT pl_' || w.call);
    FOR r IN 1..rounds LOOP
      first_pl := r % 2 = 0;
      IF first_pl THEN
        INSERT INTO bench_results VALUES (w.name, 'plpolar', bench_ms('SELECT pl_' || w.call));
      END IF;
      INSERT INTO bench_results VALUES (w.name, 'plpgsql', bench_ms('SELECT pg_' || w.call));
      IF NOT first_pl THEN
        INSERT INTO bench_results VALUES (w.name, 'plpolar', bench_ms('SELECT pl_' || w.call));
      END IF;
    END LOOP;
  END LOOP;
END
$do$;
