-- NUMBER as a SQL type: Oracle's precision and scale, numeric's operators.

CREATE TABLE nt (
  amount NUMBER(10,2),
  qty    NUMBER(3),
  free   NUMBER,
  hund   NUMBER(5,-2),
  tiny   NUMBER(2,5),
  starp  NUMBER(38,4)
);
SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute
WHERE attrelid = 'nt'::regclass AND attnum > 0 ORDER BY attnum;
\d nt

-- Rounding to the scale (half away from zero), also for negative scales
-- and scales larger than the precision, as Oracle stores them.
INSERT INTO nt VALUES (1.555, 2.5, 1.50, 12350, 0.0000123, 1.23456);
INSERT INTO nt VALUES (-1.555, -2.5, 0.5, -149, -0.00001, 7);
SELECT * FROM nt ORDER BY amount;

-- Precision overflow is ORA-01438 (SQLSTATE 22003), also after rounding.
INSERT INTO nt (qty) VALUES (1000);
INSERT INTO nt (qty) VALUES (999.5);
INSERT INTO nt (amount) VALUES (123456789.99);
INSERT INTO nt (tiny) VALUES (0.001);
UPDATE nt SET hund = 10000000;
SELECT 12.345::number(4,2);
-- Oracle's limits on the modifiers.
SELECT 1::number(39);
SELECT 1::number(0);
SELECT 1::number(5,128);
SELECT 1::number(5,-85);
SELECT 1::number(1,2,3);
-- NaN and Infinity are not NUMBER values.
SELECT 'NaN'::number;
SELECT '-Infinity'::number(5);
SELECT 'abc'::number;

-- Text: no trailing fractional zeros (1.50 prints 1.5, 2.00 prints 2);
-- results of arithmetic are numeric and print as numeric does.
SELECT '1.50'::number AS a, '2.00'::number AS b, '100'::number AS c, 0.5::number AS d,
       '-0.0'::number AS e, '1e3'::number AS f, (1.50::number * 2) AS numeric_result;

-- numeric's operators, functions and aggregates, no ambiguity with integer,
-- numeric or unknown literals.
SELECT amount + 1 AS plus, amount * qty AS times, amount / 2 AS half, -amount AS neg,
       amount = 1.56 AS eq, amount > 1 AS gt, amount = '1.56' AS eq_text,
       coalesce(free, 0) AS co, greatest(amount, 2) AS gr, round(amount, 1) AS ro,
       abs(amount) AS ab, mod(qty, 2) AS mo, amount::text AS t, amount || '!' AS cat
FROM nt ORDER BY amount;
SELECT pg_typeof(amount + 1), pg_typeof(coalesce(amount, 1)), pg_typeof(CASE WHEN true THEN amount ELSE 1 END)
FROM nt LIMIT 1;
SELECT sum(amount), avg(qty), min(free), max(free), count(DISTINCT hund) FROM nt;
SELECT amount FROM nt UNION SELECT 1 UNION SELECT 2.5 ORDER BY 1;
SELECT free, count(*) FROM nt GROUP BY free ORDER BY free;
-- Casts: integers implicitly, floats and to integers by assignment.
SELECT 3::number + 2, 7::number(5) / 2, 2.5::float8::number, 1.7::number::int, 1.25::number::float8;
CREATE TABLE nt_assign (i int, f float8, n NUMBER(6,2));
INSERT INTO nt_assign VALUES (2.6::number, 1.5::number, 3.14159::float8);
INSERT INTO nt_assign (n) VALUES (42), (42::bigint), (42::smallint), ('4.2');
SELECT * FROM nt_assign;

-- btree and hash indexes through numeric's opclasses.
CREATE INDEX nt_amount ON nt (amount);
CREATE INDEX nt_free_hash ON nt USING hash (free);
CREATE UNIQUE INDEX nt_qty ON nt (qty);
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT * FROM nt WHERE amount = 5;
EXPLAIN (COSTS OFF) SELECT * FROM nt WHERE free = 1.5;
SELECT qty FROM nt WHERE amount = 1.56;
RESET enable_seqscan;
INSERT INTO nt (qty) VALUES (3);
INSERT INTO nt (qty) VALUES (3);

-- Functions in PostgreSQL form with NUMBER arguments and results.
CREATE FUNCTION nt_sql(n NUMBER) RETURNS NUMBER LANGUAGE sql RETURN n * 2;
CREATE FUNCTION nt_plpgsql(n NUMBER) RETURNS NUMBER LANGUAGE plpgsql AS $$ BEGIN RETURN n + 0.5; END $$;
CREATE FUNCTION nt_plpolar(n NUMBER, m NUMBER DEFAULT 1) RETURNS NUMBER LANGUAGE plpolar AS $$
DECLARE
  v nt.amount%TYPE := n;   -- NUMBER(10,2): rounds
  w NUMBER(4,1);
BEGIN
  w := v * m;
  RETURN w;
END;
$$;
SELECT nt_sql(2), nt_sql(2.5), nt_plpgsql(1), nt_plpolar(1.255), nt_plpolar(1.255, 3), nt_plpolar(amount) FROM nt
WHERE qty = 3 OR amount IS NOT NULL ORDER BY 1 LIMIT 2;
\df nt_*
-- A PL variable's overflow is VALUE_ERROR, ORA-06502 in a handler (Oracle's
-- rule for PL variables); a column's is ORA-01438.
SELECT nt_plpolar(1000);
SET plpolar.serveroutput = on;
DO LANGUAGE plpolar $$
DECLARE
  r nt%ROWTYPE;
  total NUMBER := 0;
BEGIN
  SELECT * INTO r FROM nt WHERE amount = 1.56;
  total := r.amount + r.qty + r.free;
  DBMS_OUTPUT.PUT_LINE('row: ' || r.amount || ' ' || r.qty || ' ' || r.tiny || ' total ' || total);
  FOR x IN (SELECT amount FROM nt WHERE amount IS NOT NULL ORDER BY amount) LOOP
    total := total + x.amount;
  END LOOP;
  DBMS_OUTPUT.PUT_LINE('sum: ' || total);
  EXECUTE IMMEDIATE 'UPDATE nt SET free = :1 WHERE amount = :2' USING total, r.amount;
  DBMS_OUTPUT.PUT_LINE('updated ' || SQL%ROWCOUNT);
  INSERT INTO nt (qty) VALUES (12345);
EXCEPTION WHEN OTHERS THEN
  DBMS_OUTPUT.PUT_LINE('SQLCODE ' || SQLCODE || ': ' || SQLERRM);
END;
$$;
RESET plpolar.serveroutput;

-- Oracle-form headers through plpolar.exec: NUMBER and Oracle's numeric
-- names are NUMBER, as \df shows.
SELECT action FROM plpolar.exec($script$
CREATE OR REPLACE FUNCTION nt_ora(p NUMBER, q INTEGER, r DECIMAL(5,2), s FLOAT, t NUMBER(*,2)) RETURN NUMBER IS
BEGIN
  RETURN p + q + r + s + t;
END;
/
$script$);
\df nt_ora
SELECT nt_ora(1.25, 2, 3.333, 0.5, 1);

-- pg_dump round trip of the column types.
SELECT string_agg(format_type(atttypid, atttypmod), ', ' ORDER BY attnum) AS dumped_as
FROM pg_attribute WHERE attrelid = 'nt'::regclass AND attnum > 0;
CREATE TABLE nt_copy (amount number(10,2), qty number(3), free number, hund number(5,-2), tiny number(2,5));
INSERT INTO nt_copy SELECT amount, qty, free, hund, tiny FROM nt;
SELECT count(*) FROM nt_copy;
-- Binary COPY keeps the values.
COPY (SELECT amount, free FROM nt WHERE amount IS NOT NULL ORDER BY amount) TO '/tmp/plpolar_number.bin' WITH (FORMAT binary);
CREATE TABLE nt_bin (amount NUMBER(10,2), free NUMBER);
COPY nt_bin FROM '/tmp/plpolar_number.bin' WITH (FORMAT binary);
SELECT * FROM nt_bin ORDER BY amount;
DROP TABLE nt, nt_assign, nt_copy, nt_bin;
DROP FUNCTION nt_sql, nt_plpgsql, nt_plpolar, nt_ora;
