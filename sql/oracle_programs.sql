-- Two Oracle-style programs run as written through plpolar.exec: a
-- package-free order-processing application and a report that prints with
-- DBMS_OUTPUT. They use procedures with OUT parameters, nested subprograms,
-- NVL/DECODE/SUBSTR/TO_CHAR/SYSDATE, cursors, exceptions and '' as NULL.
CREATE TABLE app_customers (id numeric(10) PRIMARY KEY, name varchar2(50) NOT NULL, credit_limit numeric(10,2),
                            country varchar2(2));
CREATE TABLE app_products (id numeric(10) PRIMARY KEY, name varchar2(50), price numeric(10,2), stock numeric(10));
CREATE TABLE app_orders (id numeric(10) PRIMARY KEY, customer_id numeric(10) REFERENCES app_customers,
                         status varchar2(10), placed timestamp(0), total numeric(12,2));
CREATE TABLE app_order_lines (order_id numeric(10) REFERENCES app_orders, product_id numeric(10) REFERENCES app_products,
                              qty numeric(5), amount numeric(12,2));
CREATE SEQUENCE app_order_seq;
INSERT INTO app_customers VALUES (1, 'Acme Corp', 1000, 'US'), (2, 'Globex', 200, 'DE'), (3, 'Initech', NULL, '');
INSERT INTO app_products VALUES (10, 'Widget', 25.50, 100), (11, 'Gadget', 120, 5), (12, 'Gizmo', 9.99, 0);

SELECT statement, action FROM plpolar.exec($script$
CREATE OR REPLACE PROCEDURE place_order(
    p_customer  IN  NUMBER,
    p_product   IN  NUMBER,
    p_qty       IN  NUMBER,
    p_order_id  OUT NUMBER,
    p_message   OUT VARCHAR2)
IS
  v_price    app_products.price%TYPE;
  v_stock    app_products.stock%TYPE;
  v_limit    app_customers.credit_limit%TYPE;
  v_open     NUMBER;
  e_no_stock EXCEPTION;
  e_credit   EXCEPTION;
  PRAGMA EXCEPTION_INIT(e_credit, -20010);

  FUNCTION open_amount(p_cust NUMBER) RETURN NUMBER IS
    v_sum NUMBER;
  BEGIN
    SELECT NVL(SUM(total), 0) INTO v_sum FROM app_orders
     WHERE customer_id = p_cust AND status = 'OPEN';
    RETURN v_sum;
  END open_amount;

  PROCEDURE check_credit(p_cust NUMBER, p_amount NUMBER) IS
  BEGIN
    SELECT credit_limit INTO v_limit FROM app_customers WHERE id = p_cust;
    IF v_limit IS NOT NULL AND open_amount(p_cust) + p_amount > v_limit THEN
      RAISE_APPLICATION_ERROR(-20010, 'credit limit of ' || TO_CHAR(v_limit, 'FM99990.00') || ' exceeded');
    END IF;
  END check_credit;
BEGIN
  SELECT price, stock INTO v_price, v_stock FROM app_products WHERE id = p_product FOR UPDATE;
  IF v_stock < p_qty THEN
    RAISE e_no_stock;
  END IF;
  check_credit(p_customer, v_price * p_qty);
  SELECT nextval('app_order_seq') INTO p_order_id FROM DUAL;
  INSERT INTO app_orders VALUES (p_order_id, p_customer, 'OPEN', SYSDATE, v_price * p_qty);
  INSERT INTO app_order_lines VALUES (p_order_id, p_product, p_qty, v_price * p_qty);
  UPDATE app_products SET stock = stock - p_qty WHERE id = p_product;
  p_message := 'order ' || p_order_id || ' placed';
EXCEPTION
  WHEN NO_DATA_FOUND THEN
    p_order_id := NULL;
    p_message := 'unknown customer or product';
  WHEN e_no_stock THEN
    p_order_id := NULL;
    p_message := 'only ' || v_stock || ' in stock';
  WHEN e_credit THEN
    p_order_id := NULL;
    p_message := 'refused: ' || SQLERRM;
END place_order;
/
CREATE OR REPLACE FUNCTION order_summary(p_order NUMBER) RETURN VARCHAR2 IS
  CURSOR c_lines(p_id NUMBER) IS
    SELECT p.name, l.qty, l.amount FROM app_order_lines l JOIN app_products p ON p.id = l.product_id
     WHERE l.order_id = p_id ORDER BY p.name;
  v_text VARCHAR2(400);
BEGIN
  FOR r IN c_lines(p_order) LOOP
    v_text := v_text || CASE WHEN v_text IS NOT NULL THEN ', ' END || r.qty || ' x ' || r.name;
  END LOOP;
  RETURN NVL(v_text, '(empty)');
END;
/
CREATE OR REPLACE PROCEDURE ship_orders(p_shipped OUT NUMBER) IS
BEGIN
  UPDATE app_orders SET status = 'SHIPPED' WHERE status = 'OPEN' AND total <= 500;
  p_shipped := SQL%ROWCOUNT;
END;
/
$script$);

-- The application at work, from an anonymous block.
SET plpolar.serveroutput = on;
DO LANGUAGE plpolar $$
DECLARE
  v_id   NUMBER;
  v_msg  VARCHAR2(200);
  v_ship NUMBER;
  PROCEDURE try(c NUMBER, p NUMBER, q NUMBER) IS
  BEGIN
    place_order(c, p, q, v_id, v_msg);
    DBMS_OUTPUT.PUT_LINE(RPAD('customer ' || c || ', product ' || p || ' x' || q, 30) || ': ' || v_msg ||
                         CASE WHEN v_id IS NOT NULL THEN ' (' || order_summary(v_id) || ')' END);
  END try;
BEGIN
  try(1, 10, 4);
  try(1, 11, 10);
  try(2, 11, 2);
  try(2, 10, 3);
  try(3, 12, 1);
  try(9, 10, 1);
  try(3, 11, 5);
  ship_orders(v_ship);
  DBMS_OUTPUT.PUT_LINE(v_ship || ' order(s) shipped');
END $$;
SELECT id, customer_id, status, total FROM app_orders ORDER BY id;
SELECT id, stock FROM app_products ORDER BY id;

-- A report, written the way SQL*Plus scripts print them.
SELECT statement, action FROM plpolar.exec($script$
CREATE OR REPLACE PROCEDURE customer_report(p_min_total NUMBER DEFAULT 0) IS
  CURSOR c_customers IS
    SELECT c.id, c.name, c.country, c.credit_limit,
           COUNT(o.id) AS orders, NVL(SUM(o.total), 0) AS total,
           SUM(DECODE(o.status, 'SHIPPED', 1, 0)) AS shipped
      FROM app_customers c LEFT JOIN app_orders o ON o.customer_id = c.id
     GROUP BY c.id, c.name, c.country, c.credit_limit
     ORDER BY c.id;
  v_grand NUMBER := 0;
  v_lines PLS_INTEGER := 0;

  FUNCTION country_name(p_code VARCHAR2) RETURN VARCHAR2 IS
  BEGIN
    RETURN CASE p_code WHEN 'US' THEN 'United States' WHEN 'DE' THEN 'Germany' ELSE 'n/a' END;
  END;

  PROCEDURE line(p_text VARCHAR2 DEFAULT NULL) IS
  BEGIN
    DBMS_OUTPUT.PUT_LINE(p_text);
    v_lines := v_lines + 1;
  END;
BEGIN
  line('CUSTOMER ORDERS');
  line(RPAD('=', 60, '='));
  line(RPAD('Customer', 14) || RPAD('Country', 16) || LPAD('Orders', 7) || LPAD('Shipped', 8) || LPAD('Total', 12));
  FOR r IN c_customers LOOP
    CONTINUE WHEN r.total < p_min_total;
    line(RPAD(SUBSTR(r.name, 1, 12), 14) || RPAD(country_name(r.country), 16) || LPAD(r.orders, 7) ||
         LPAD(NVL(r.shipped, 0), 8) || LPAD(TO_CHAR(r.total, 'FM999990.00'), 12) ||
         CASE WHEN r.credit_limit IS NULL THEN '  (no limit)' END);
    v_grand := v_grand + r.total;
  END LOOP;
  line(RPAD('-', 60, '-'));
  line(RPAD('Grand total', 45) || LPAD(TO_CHAR(v_grand, 'FM999990.00'), 12));
  line;
  line('(' || v_lines || ' lines before this one)');
END customer_report;
/
$script$);
CALL customer_report();
CALL customer_report(p_min_total => 100);
-- The same report read back through GET_LINES instead of server output.
RESET plpolar.serveroutput;
CREATE FUNCTION app_report_lines() RETURNS text[] LANGUAGE plpolar AS $$
DECLARE
  lines DBMS_OUTPUT.CHARARR;
  n INTEGER := 1000;
BEGIN
  DBMS_OUTPUT.ENABLE(NULL);
  customer_report(500);
  DBMS_OUTPUT.GET_LINES(lines, n);
  RETURN lines;
END;
$$;
SELECT array_length(app_report_lines(), 1) AS lines, (app_report_lines())[4] AS first_row;
DROP FUNCTION app_report_lines, order_summary;
DROP PROCEDURE place_order, ship_orders, customer_report;
DROP TABLE app_order_lines, app_orders, app_products, app_customers;
DROP SEQUENCE app_order_seq;
