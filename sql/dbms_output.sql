-- DBMS_OUTPUT: Oracle's buffer rules, and plpolar.serveroutput, which shows
-- each finished line in psql at once (SQL*Plus's SET SERVEROUTPUT ON).
SHOW plpolar.serveroutput;
-- Not enabled: output is discarded, as in Oracle.
CREATE FUNCTION o_read() RETURNS text LANGUAGE plpolar AS $$
DECLARE
  lines DBMS_OUTPUT.CHARARR;
  n INTEGER := 100;
BEGIN
  DBMS_OUTPUT.GET_LINES(lines, n);
  RETURN n || ': ' || array_to_string(lines, '|');
END;
$$;
DO LANGUAGE plpolar $$ BEGIN DBMS_OUTPUT.PUT_LINE('discarded'); END $$;
SELECT o_read();
-- ENABLE: lines wait in the buffer until GET_LINE(S) reads them, across
-- calls and transactions.
DO LANGUAGE plpolar $$
BEGIN
  DBMS_OUTPUT.ENABLE;
  DBMS_OUTPUT.PUT_LINE('first');
  DBMS_OUTPUT.PUT('sec');
  DBMS_OUTPUT.PUT('ond');
  DBMS_OUTPUT.NEW_LINE;
  DBMS_OUTPUT.PUT_LINE(42);
  DBMS_OUTPUT.PUT_LINE(NULL);
  DBMS_OUTPUT.PUT_LINE(DATE '2024-02-29');
  DBMS_OUTPUT.PUT('unfinished');
END $$;
BEGIN;
DO LANGUAGE plpolar $$ BEGIN DBMS_OUTPUT.PUT_LINE('in a rolled back transaction'); END $$;
ROLLBACK;
CREATE FUNCTION o_get_line() RETURNS text LANGUAGE plpolar AS $$
DECLARE
  line VARCHAR2(100);
  status INTEGER;
BEGIN
  DBMS_OUTPUT.GET_LINE(line, status);
  RETURN status || ' [' || line || ']';
END;
$$;
-- GET_LINE reads one line, GET_LINES the rest; an unfinished line is not
-- readable, and the next PUT_LINE continues it
SELECT o_get_line();
SELECT o_read();
SELECT o_get_line();
-- Lines not read are dropped by the next write after a read.
DO LANGUAGE plpolar $$
BEGIN
  DBMS_OUTPUT.PUT_LINE('a');
  DBMS_OUTPUT.PUT_LINE('b');
END $$;
SELECT o_get_line();
DO LANGUAGE plpolar $$ BEGIN DBMS_OUTPUT.PUT_LINE('c'); END $$;
SELECT o_read();
-- GET_LINES with fewer lines wanted than there are; named notation.
DO LANGUAGE plpolar $$
DECLARE
  lines DBMS_OUTPUT.CHARARR;
  n INTEGER := 2;
BEGIN
  FOR i IN 1..5 LOOP DBMS_OUTPUT.PUT_LINE('line ' || i); END LOOP;
  DBMS_OUTPUT.GET_LINES(numlines => n, lines => lines);
  DBMS_OUTPUT.PUT_LINE('got ' || n || ': ' || array_to_string(lines, ','));
END $$;
SELECT o_read();
-- The limit: ORU-10027 as ORA-20000, which a handler can catch.
DO LANGUAGE plpolar $$
BEGIN
  DBMS_OUTPUT.ENABLE(2000);
  FOR i IN 1..100 LOOP DBMS_OUTPUT.PUT_LINE(RPAD('x', 49, 'x')); END LOOP;
END $$;
DO LANGUAGE plpolar $$
BEGIN
  DBMS_OUTPUT.ENABLE(NULL);  -- no limit
  FOR i IN 1..100 LOOP DBMS_OUTPUT.PUT_LINE(RPAD('x', 49, 'x')); END LOOP;
  DBMS_OUTPUT.PUT(RPAD('y', 32767, 'y'));
  DBMS_OUTPUT.PUT('z');
EXCEPTION WHEN OTHERS THEN
  DBMS_OUTPUT.DISABLE;
  DBMS_OUTPUT.ENABLE;
  DBMS_OUTPUT.PUT_LINE(SQLCODE || ' ' || SQLERRM);
END $$;
SELECT o_read();
-- DISABLE discards the buffer.
DO LANGUAGE plpolar $$ BEGIN DBMS_OUTPUT.PUT_LINE('gone'); DBMS_OUTPUT.DISABLE; DBMS_OUTPUT.PUT_LINE('ignored'); END $$;
SELECT o_read();
-- Server output: each finished line goes to the client as it is written,
-- plain, in order with the statement's other messages.
SET plpolar.serveroutput = on;
CREATE FUNCTION o_report(n integer) RETURNS integer LANGUAGE plpolar AS $$
BEGIN
  DBMS_OUTPUT.PUT_LINE('Report for ' || n || ' rows');
  FOR i IN 1..n LOOP
    DBMS_OUTPUT.PUT('row ');
    DBMS_OUTPUT.PUT(i);
    DBMS_OUTPUT.NEW_LINE;
  END LOOP;
  DBMS_OUTPUT.PUT('unfinished: shown when a later NEW_LINE ends it');
  RETURN n;
END;
$$;
SELECT o_report(3);
-- An unfinished line waits for the NEW_LINE that ends it, even in a later call.
DO LANGUAGE plpolar $$ BEGIN DBMS_OUTPUT.NEW_LINE; END $$;
-- server output lines are not buffered for GET_LINE
SELECT o_read();
-- Wrong calls are compile errors.
CREATE FUNCTION o_bad1() RETURNS int LANGUAGE plpolar AS $$ BEGIN DBMS_OUTPUT.PUT_LINE('a', 'b'); RETURN 1; END; $$;
CREATE FUNCTION o_bad2() RETURNS int LANGUAGE plpolar AS $$ DECLARE s INTEGER; BEGIN DBMS_OUTPUT.GET_LINE('x', s); RETURN 1; END; $$;
CREATE FUNCTION o_bad3() RETURNS int LANGUAGE plpolar AS $$ BEGIN RETURN DBMS_OUTPUT.NEW_LINE; END; $$;
RESET plpolar.serveroutput;
DROP FUNCTION o_read, o_get_line, o_report;
-- ENABLE(NULL) has no limit: the lines live in the memory context
-- "plpolar DBMS_OUTPUT", accounted and given back once read or discarded.
CREATE FUNCTION o_context_kb() RETURNS bigint LANGUAGE sql AS $$
  SELECT total_bytes / 1024 FROM pg_backend_memory_contexts WHERE name = 'plpolar DBMS_OUTPUT' $$;
SELECT parent, o_context_kb() < 64 AS small FROM pg_backend_memory_contexts WHERE name = 'plpolar DBMS_OUTPUT';
DO LANGUAGE plpolar $$
BEGIN
  DBMS_OUTPUT.ENABLE(NULL);
  FOR i IN 1..50000 LOOP
    DBMS_OUTPUT.PUT_LINE('line ' || i || ' of a buffer that only ENABLE(NULL) allows');
  END LOOP;
END $$;
SELECT o_context_kb() > 2000 AS holds_the_lines;
CREATE FUNCTION o_drain() RETURNS text LANGUAGE plpolar AS $$
DECLARE
  lines DBMS_OUTPUT.CHARARR;
  n INTEGER := 60000;
  last_line TEXT;
BEGIN
  DBMS_OUTPUT.GET_LINES(lines, n);
  SELECT lines[n] INTO last_line;
  RETURN n || ' lines, the last: ' || last_line;
END $$;
SELECT o_drain();
SELECT o_context_kb() < 64 AS given_back_after_get_lines;
DO LANGUAGE plpolar $$
BEGIN
  FOR i IN 1..50000 LOOP
    DBMS_OUTPUT.PUT_LINE('line ' || i || ' of a buffer that only ENABLE(NULL) allows');
  END LOOP;
END $$;
SELECT o_context_kb() > 2000 AS holds_the_lines;
DO LANGUAGE plpolar $$ BEGIN DBMS_OUTPUT.DISABLE; END $$;
SELECT o_context_kb() < 64 AS given_back_after_disable;
DROP FUNCTION o_context_kb, o_drain;
-- In a parallel worker the writes go to the session's buffer, the leader's:
-- shown at once with server output, kept for GET_LINE(S) after ENABLE,
-- discarded while the buffer is disabled, as the leader's own writes.
CREATE FUNCTION o_parallel(n integer) RETURNS integer LANGUAGE plpolar PARALLEL SAFE AS $$
BEGIN
  DBMS_OUTPUT.PUT('worker ');
  DBMS_OUTPUT.PUT_LINE('line ' || n);
  RETURN n;
END $$;
CREATE FUNCTION o_all() RETURNS text LANGUAGE plpolar AS $$
DECLARE
  lines DBMS_OUTPUT.CHARARR;
  n INTEGER := 100;
BEGIN
  DBMS_OUTPUT.GET_LINES(lines, n);
  RETURN n || ': ' || array_to_string(lines, ' | ');
END $$;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET force_parallel_mode = on;
SET plpolar.serveroutput = on;
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT o_parallel(1);
SELECT o_parallel(2);
RESET plpolar.serveroutput;
SELECT o_parallel(3);
DO LANGUAGE plpolar $$ BEGIN DBMS_OUTPUT.ENABLE; DBMS_OUTPUT.PUT_LINE('leader'); END $$;
SELECT o_parallel(4);
SELECT o_all();
-- A line the leader's buffer cannot take (ORU-10027 here) reaches the
-- client as a LOG message rather than being lost.
DO LANGUAGE plpolar $$ BEGIN DBMS_OUTPUT.ENABLE(2000); DBMS_OUTPUT.PUT_LINE(rpad('x', 1995, 'x')); END $$;
SELECT o_parallel(5);
SELECT length(o_all());
RESET force_parallel_mode;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
DO LANGUAGE plpolar $$ BEGIN DBMS_OUTPUT.DISABLE; END $$;
DROP FUNCTION o_parallel, o_all;
