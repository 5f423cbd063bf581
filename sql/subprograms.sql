-- Nested subprograms: PROCEDURE and FUNCTION in a declaration section, with
-- recursion, forward declarations, overloading, defaults and OUT parameters.
SET plpolar.serveroutput = on;
CREATE FUNCTION s_main(n integer) RETURNS text LANGUAGE plpolar AS $$
IS
  calls NUMBER := 0;  -- the enclosing function's variable, seen by the subprograms
  FUNCTION fact(k INTEGER) RETURN NUMBER IS
  BEGIN
    calls := calls + 1;
    IF k <= 1 THEN
      RETURN 1;
    END IF;
    RETURN k * fact(k - 1);
  END fact;
  PROCEDURE accumulate(x IN NUMBER, total IN OUT NUMBER, steps OUT PLS_INTEGER) IS
  BEGIN
    total := total + x;
    steps := x;
  END;
  sum_of NUMBER := 0;
  last_step PLS_INTEGER;
BEGIN
  FOR i IN 1..n LOOP
    accumulate(i, sum_of, last_step);
  END LOOP;
  RETURN 'fact=' || fact(n) || ' sum=' || sum_of || ' last=' || last_step || ' calls=' || calls;
END;
$$;
SELECT s_main(5), s_main(1);
-- Mutual recursion through a forward declaration; locals are per call.
CREATE FUNCTION s_parity(n integer) RETURNS text LANGUAGE plpolar AS $$
DECLARE
  FUNCTION is_even(k INTEGER) RETURN BOOLEAN;
  FUNCTION is_odd(k INTEGER) RETURN BOOLEAN IS
  BEGIN
    RETURN CASE WHEN k = 0 THEN FALSE ELSE is_even(k - 1) END;
  END;
  FUNCTION is_even(k INTEGER) RETURN BOOLEAN IS
  BEGIN
    IF k = 0 THEN RETURN TRUE; END IF;
    RETURN is_odd(k - 1);
  END;
  FUNCTION depth_sum(k INTEGER) RETURN INTEGER IS
    mine INTEGER := k;  -- each activation keeps its own
  BEGIN
    IF k = 0 THEN RETURN 0; END IF;
    RETURN depth_sum(k - 1) + mine;
  END;
BEGIN
  RETURN n || CASE WHEN is_even(n) THEN ' even' ELSE ' odd' END || ' ' || depth_sum(n);
END;
$$;
SELECT s_parity(10), s_parity(7), s_parity(0);
-- Overloading by argument count and type; defaults and named notation.
DO LANGUAGE plpolar $$
DECLARE
  PROCEDURE show(v NUMBER) IS BEGIN DBMS_OUTPUT.PUT_LINE('number ' || v); END;
  PROCEDURE show(v VARCHAR2) IS BEGIN DBMS_OUTPUT.PUT_LINE('string ' || v); END;
  PROCEDURE show(v DATE) IS BEGIN DBMS_OUTPUT.PUT_LINE('date ' || TO_CHAR(v, 'YYYY-MM-DD')); END;
  PROCEDURE show(a NUMBER, b NUMBER) IS BEGIN DBMS_OUTPUT.PUT_LINE('two numbers ' || (a + b)); END;
  FUNCTION greet(who VARCHAR2 DEFAULT 'world', punct VARCHAR2 DEFAULT '!') RETURN VARCHAR2 IS
  BEGIN
    RETURN 'hello ' || who || punct;
  END greet;
  d DATE := DATE '2024-02-29';
  s VARCHAR2(10) := 'text';
BEGIN
  show(42);
  show('literal');
  show(s);
  show(d);
  show(1, 2);
  show(b => 10, a => 5);
  DBMS_OUTPUT.PUT_LINE(greet || ' / ' || greet() || ' / ' || greet('you') || ' / ' || greet(punct => '?'));
END $$;
-- Nested inside nested, a subprogram in a block, and labels reaching outer variables.
CREATE FUNCTION s_nested() RETURNS text LANGUAGE plpolar AS $$
DECLARE
  result VARCHAR2(100);
  PROCEDURE outer_p(x NUMBER) IS
    local NUMBER := x * 10;
    PROCEDURE inner_p IS
    BEGIN
      result := result || ' inner:' || local;
    END inner_p;
  BEGIN
    result := result || ' outer:' || x;
    inner_p;
  END outer_p;
BEGIN
  outer_p(1);
  outer_p(2);
  DECLARE
    FUNCTION twice(v NUMBER) RETURN NUMBER IS BEGIN RETURN 2 * v; END;
  BEGIN
    result := result || ' twice:' || twice(21);
  END;
  RETURN result;
END;
$$;
SELECT s_nested();
-- An exception raised in a subprogram reaches the caller's handler; the
-- failed call's changes are undone, earlier ones kept.
CREATE TABLE s_log (msg text);
CREATE FUNCTION s_errors() RETURNS text LANGUAGE plpolar AS $$
DECLARE
  bad_input EXCEPTION;
  PROCEDURE record(m VARCHAR2) IS
  BEGIN
    INSERT INTO s_log VALUES (m);
    IF m LIKE 'bad%' THEN
      RAISE bad_input;
    END IF;
  END;
  FUNCTION no_return(k NUMBER) RETURN NUMBER IS
  BEGIN
    IF k > 0 THEN RETURN k; END IF;
  END;
BEGIN
  record('good');
  BEGIN
    record('bad one');
  EXCEPTION WHEN bad_input THEN
    record('handled');
  END;
  BEGIN
    RETURN no_return(1) + no_return(0);
  EXCEPTION WHEN OTHERS THEN
    RETURN 'no_return(1) = ' || no_return(1) || ', no_return(0): ' || SQLERRM;
  END;
END;
$$;
SELECT s_errors();
SELECT * FROM s_log;
-- Deep recursion stops at max_stack_depth, not with a crash.
CREATE FUNCTION s_deep(n integer) RETURNS integer LANGUAGE plpolar AS $$
DECLARE
  FUNCTION down(k INTEGER) RETURN INTEGER IS BEGIN RETURN CASE WHEN k = 0 THEN 0 ELSE 1 + down(k - 1) END; END;
BEGIN
  RETURN down(n);
END;
$$;
SELECT s_deep(1000);
SELECT s_deep(10000000);
SELECT s_deep(3);
-- Compile errors, as Oracle reports them.
CREATE FUNCTION s_e1() RETURNS int LANGUAGE plpolar AS $$
DECLARE
  PROCEDURE p(a NUMBER) IS BEGIN NULL; END;
BEGIN
  p(1, 2);
  RETURN 1;
END;
$$;
CREATE FUNCTION s_e2() RETURNS int LANGUAGE plpolar AS $$
DECLARE
  PROCEDURE p(a NUMBER) IS BEGIN NULL; END;
  PROCEDURE p(a INTEGER) IS BEGIN NULL; END;
BEGIN
  p(1);
  RETURN 1;
END;
$$;
CREATE FUNCTION s_e3() RETURNS int LANGUAGE plpolar AS $$
DECLARE
  FUNCTION f RETURN NUMBER;
BEGIN
  RETURN f;
END;
$$;
CREATE FUNCTION s_e4() RETURNS int LANGUAGE plpolar AS $$
DECLARE
  PROCEDURE p IS BEGIN NULL; END;
BEGIN
  RETURN p;
END;
$$;
CREATE FUNCTION s_e5() RETURNS int LANGUAGE plpolar AS $$
DECLARE
  FUNCTION f RETURN NUMBER IS BEGIN RETURN 1; END;
BEGIN
  f;
  RETURN 1;
END;
$$;
CREATE FUNCTION s_e6() RETURNS int LANGUAGE plpolar AS $$
DECLARE
  PROCEDURE p(a OUT NUMBER) IS BEGIN a := 1; END;
BEGIN
  p(5);
  RETURN 1;
END;
$$;
CREATE FUNCTION s_e7() RETURNS int LANGUAGE plpolar AS $$
DECLARE
  PROCEDURE p IS BEGIN RETURN 1; END;
BEGIN
  RETURN 1;
END;
$$;
CREATE FUNCTION s_e8() RETURNS int LANGUAGE plpolar AS $$
BEGIN
  FOR i IN 1..3 LOOP
    DECLARE
      PROCEDURE p IS BEGIN EXIT; END;
    BEGIN
      p;
    END;
  END LOOP;
  RETURN 1;
END;
$$;
CREATE FUNCTION s_e9() RETURNS int LANGUAGE plpolar AS $$
DECLARE
  PROCEDURE p IS BEGIN NULL; END p;
  PROCEDURE p IS BEGIN NULL; END q;
BEGIN
  RETURN 1;
END;
$$;
RESET plpolar.serveroutput;
DROP FUNCTION s_main, s_parity, s_nested, s_errors, s_deep;
DROP TABLE s_log;

-- A nested function that assigns an enclosing variable the caller's
-- expression is still reading: the expression sees the value it read
-- (the replaced value is freed only after the statement), as in Oracle.
SET plpolar.serveroutput = on;
DO LANGUAGE plpolar $$
DECLARE
  s VARCHAR2(100) := 'abc';
  r VARCHAR2(100);
  n NUMBER := 1.5;
  FUNCTION f RETURN VARCHAR2 IS
  BEGIN
    s := 'zzz';
    s := 'www';  -- the same size: reuses freed memory if 'abc' was freed
    n := n * 100;
    RETURN 'X';
  END;
BEGIN
  r := s || f();
  DBMS_OUTPUT.PUT_LINE('r=' || r || ' s=' || s);
  s := 'abc';
  s := s || f();
  DBMS_OUTPUT.PUT_LINE('s=' || s);
  r := n || f() || n;
  DBMS_OUTPUT.PUT_LINE('r=' || r || ' n=' || n);
END $$;
RESET plpolar.serveroutput;
