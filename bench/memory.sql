-- Memory over many calls of a function with a loop and embedded SQL, in one
-- session. Prints the backend's memory-context total and VmRSS before and
-- after (a regular table: a temp one would count its local buffers). Run: pg_virtualenv -o shared_preload_libraries=plpolar psql -X -f bench/memory.sql
\set calls 100000
CREATE EXTENSION IF NOT EXISTS plpolar;
DROP TABLE IF EXISTS mem_t;
CREATE TABLE mem_t (id int PRIMARY KEY, v VARCHAR2(40));
INSERT INTO mem_t SELECT i, 'row ' || i FROM generate_series(1, 100) i;
CREATE OR REPLACE FUNCTION mem_probe(n int) RETURNS text LANGUAGE plpolar AS $$
DECLARE
  s VARCHAR2(200) := '';
  v mem_t.v%TYPE;
  total NUMBER := 0;
BEGIN
  FOR i IN 1..5 LOOP
    total := total + i * 1.5;
    s := s || i;
  END LOOP;
  SELECT v INTO v FROM mem_t WHERE id = mod(n, 100) + 1;
  UPDATE mem_t SET v = 'row ' || n WHERE id = mod(n, 100) + 1;
  RETURN s || v || total;
END;
$$;
CREATE OR REPLACE FUNCTION mem_rss() RETURNS bigint LANGUAGE sql AS $$
  SELECT (regexp_match(pg_read_file('/proc/' || pg_backend_pid() || '/status'), 'VmRSS:\s+(\d+)'))[1]::bigint $$;
-- warm up: compile, plans, caches
SELECT count(mem_probe(i)) FROM generate_series(1, 1000) i;
SELECT sum(total_bytes) AS ctx_before FROM pg_backend_memory_contexts \gset
SELECT mem_rss() AS rss_before \gset
SELECT count(mem_probe(i)) FROM generate_series(1, :calls) i;
DO $$ BEGIN FOR i IN 1..1000 LOOP PERFORM mem_probe(i); END LOOP; END $$;
SELECT sum(total_bytes) AS ctx_after FROM pg_backend_memory_contexts \gset
SELECT mem_rss() AS rss_after \gset
SELECT :calls AS calls, :ctx_before AS context_bytes_before, :ctx_after AS context_bytes_after,
       :ctx_after - :ctx_before AS context_growth, :rss_before AS rss_kb_before, :rss_after AS rss_kb_after,
       :rss_after - :rss_before AS rss_growth_kb;
