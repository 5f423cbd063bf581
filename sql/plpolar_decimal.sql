SET plpolar.serveroutput = on;
-- NUMBER +, -, * and signs run on exact 128-bit decimals when the values
-- fit, and on PostgreSQL's numeric otherwise. Either way the results, their
-- scales and their text must be PostgreSQL's, which these checks compare.
CREATE TABLE dec_vals (v numeric);
INSERT INTO dec_vals VALUES
  (0), (1), (-1), (0.5), (-0.25), (1.50), (123456789.123456789), (-98765.4321),
  (0.0001), (0.00010), (10000), (100000000), (99999999999999999.99), (-0.000000001),
  (12345678901234567890123456789012), (1.2345678901234567890123456789012345),
  (1e30), (-1e-30), (NULL), ('NaN'), (3.14159265358979323846), (2147483647), (-2147483648);
VACUUM ANALYZE dec_vals;  -- the values now come back from disk, short headers included

CREATE TABLE dec_out (a numeric, b numeric, i int, r1 numeric, r2 numeric, r3 numeric, r4 numeric, r5 numeric, r6 numeric);
CREATE FUNCTION dec_ops(a numeric, b numeric, i int) RETURNS void LANGUAGE plpolar AS $$
DECLARE
  x NUMBER := a; y NUMBER := b; k PLS_INTEGER := i;
  r1 NUMBER; r2 NUMBER; r3 NUMBER; r4 NUMBER; r5 NUMBER; r6 NUMBER;
BEGIN
  r1 := x + y;
  r2 := x - y * k;
  r3 := -x * y + 0.125;
  r4 := (x + 1) * (y - 2.5) - k;
  r5 := x * 1.5 * k - 0.25;
  r6 := -(-x);
  INSERT INTO dec_out VALUES (a, b, i, r1, r2, r3, r4, r5, r6);
END;
$$;
SELECT count(dec_ops(x.v, y.v, k)) FROM dec_vals x, dec_vals y, (VALUES (0), (3), (-7), (NULL)) AS ks(k);

-- The same in SQL, PostgreSQL's numeric operators; ::text shows the scale.
SELECT count(*) AS results,
       count(*) FILTER (WHERE (r1::text, r2::text, r3::text, r4::text, r5::text, r6::text) IS NOT DISTINCT FROM
                              ((a + b)::text, (a - b * i)::text, (-a * b + 0.125)::text,
                               ((a + 1) * (b - 2.5) - i)::text, (a * 1.5 * i - 0.25)::text, (-(-a))::text)) AS same
FROM dec_out;
-- Stored as PostgreSQL builds them: no leading or trailing zero digits.
SELECT count(*) FILTER (WHERE numeric_send(r) IS DISTINCT FROM numeric_send(r::text::numeric)) AS not_canonical
FROM dec_out, LATERAL (VALUES (r1), (r2), (r3), (r4), (r5), (r6)) AS rs(r);
SELECT * FROM dec_out
WHERE (r1::text, r2::text, r3::text, r4::text, r5::text, r6::text) IS DISTINCT FROM
      ((a + b)::text, (a - b * i)::text, (-a * b + 0.125)::text,
       ((a + 1) * (b - 2.5) - i)::text, (a * 1.5 * i - 0.25)::text, (-(-a))::text)
LIMIT 5;

-- Scales follow numeric: the larger scale for + and -, the sum for *.
DO LANGUAGE plpolar $$
DECLARE a NUMBER := 1.50; b NUMBER := 2.125; c NUMBER;
BEGIN
  c := a + b;  DBMS_OUTPUT.PUT_LINE('sum ' || (c::text) || ' scale ' || (scale(c)));
  c := a * b;  DBMS_OUTPUT.PUT_LINE('product ' || (c::text) || ' scale ' || (scale(c)));
  c := a - a;  DBMS_OUTPUT.PUT_LINE('zero ' || (c::text) || ' scale ' || (scale(c)));
  c := -0.0 * a; DBMS_OUTPUT.PUT_LINE('negative zero ' || (c::text) || ' scale ' || (scale(c)));
END $$;

-- Integer subexpressions stay integers: their overflow is still an error.
DO LANGUAGE plpolar $$
DECLARE i PLS_INTEGER := 2147483647; n NUMBER := 1;
BEGIN
  n := n + i * 2;
END $$;
-- ...while NUMBER itself goes on past 128 bits through numeric.
DO LANGUAGE plpolar $$
DECLARE n NUMBER := 99999999999999999999999999999999999;
BEGIN
  FOR k IN 1..3 LOOP n := n * n + 1; END LOOP;
  DBMS_OUTPUT.PUT_LINE('digits ' || (length(n::text)));
  n := n - n * 1;
  DBMS_OUTPUT.PUT_LINE('back to ' || (n::text));
END $$;

-- NULL in, NULL out; NOT NULL variables still refuse it.
DO LANGUAGE plpolar $$
DECLARE a NUMBER; b NUMBER := 2; c NUMBER := 5; d NUMBER NOT NULL := 1;
BEGIN
  c := a * b + 1;
  DBMS_OUTPUT.PUT_LINE('c is null: ' || (c IS NULL));
  d := a + b;
END $$;

-- Constrained NUMBER(p,s) targets round and check as before.
DO LANGUAGE plpolar $$
DECLARE a NUMBER := 1.005; r NUMBER(5,2);
BEGIN
  r := a * 3;
  DBMS_OUTPUT.PUT_LINE('rounded ' || (r));
  r := a * 100000;
END $$;

DROP FUNCTION dec_ops(numeric, numeric, int);
DROP TABLE dec_vals, dec_out;
