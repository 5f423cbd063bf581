-- The plpolar demo: an Oracle-style function with a VARCHAR2 table.
CREATE EXTENSION IF NOT EXISTS plpolar;
CREATE TABLE IF NOT EXISTS demo_orders (id serial PRIMARY KEY, customer VARCHAR2(32), amount numeric(10,2));
TRUNCATE demo_orders;
INSERT INTO demo_orders (customer, amount) VALUES ('ACME', 120.50), ('ACME', 80), ('Globex', 42.25);

CREATE OR REPLACE FUNCTION customer_report(p_customer VARCHAR2) RETURNS text LANGUAGE plpolar AS $$
IS
  v_total   NUMBER := 0;
  v_count   PLS_INTEGER;
  v_label   VARCHAR2(64);
BEGIN
  SELECT count(*), sum(amount) INTO v_count, v_total FROM demo_orders WHERE customer = p_customer;
  IF v_count = 0 THEN
    v_label := 'no orders';
  ELSIF v_total > 100 THEN
    v_label := 'key account';
  ELSE
    v_label := 'regular';
  END IF;
  RETURN p_customer || ': ' || v_count || ' orders, total ' || v_total || ' (' || v_label || ')';
END customer_report;
$$;

SELECT customer_report(c) AS report FROM (VALUES ('ACME'), ('Globex'), ('Initech')) v(c);
