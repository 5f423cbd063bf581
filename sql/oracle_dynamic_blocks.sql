-- EXECUTE IMMEDIATE of PL/SQL blocks: compiled when run, placeholders bound
-- by name (each distinct name takes the next USING argument), IN, OUT and
-- IN OUT binds, errors and atomicity as a statement's.
SET plpolar.serveroutput = on;
CREATE TABLE db_t (id int, name text);
CREATE PROCEDURE db_double(p_in IN NUMBER, p_out OUT NUMBER) LANGUAGE plpolar AS $$
BEGIN
  p_out := p_in * 2;
END;
$$;
DO LANGUAGE plpolar $$
DECLARE
  n NUMBER := 1;
  c PLS_INTEGER;
  r NUMBER;
  s VARCHAR2(60);
  TYPE pair IS RECORD (a NUMBER, b VARCHAR2(10));
  p pair;
BEGIN
  EXECUTE IMMEDIATE 'BEGIN DBMS_OUTPUT.PUT_LINE(''hello from a block''); END;';
  EXECUTE IMMEDIATE 'BEGIN INSERT INTO db_t VALUES (:id, :name); END;' USING 1, 'one';
  EXECUTE IMMEDIATE 'BEGIN INSERT INTO db_t VALUES (:1, :2); INSERT INTO db_t VALUES (:1 + 10, :2); END;'
    USING 2, 'two';
  -- :x twice is one bind, by name.
  EXECUTE IMMEDIATE 'BEGIN :x := :x + 41; END;' USING IN OUT n;
  DBMS_OUTPUT.PUT_LINE('in out: ' || n);
  EXECUTE IMMEDIATE 'BEGIN SELECT count(*) INTO :c FROM db_t; END;' USING OUT c;
  DBMS_OUTPUT.PUT_LINE('rows: ' || c);
  EXECUTE IMMEDIATE 'DECLARE v NUMBER := :a; BEGIN :b := v * 2; END;' USING 21, OUT r;
  DBMS_OUTPUT.PUT_LINE('declare block: ' || r);
  EXECUTE IMMEDIATE 'BEGIN db_double(:in_value, :out_value); END;' USING 5, OUT r;
  DBMS_OUTPUT.PUT_LINE('procedure out: ' || r);
  EXECUTE IMMEDIATE '<<blk>> BEGIN :s := ''labelled, := and :x in a string, '' ||:t; END blk;' USING OUT s, 'block';
  DBMS_OUTPUT.PUT_LINE(s);
  -- A string holding ':x' and the := operator are not placeholders.
  EXECUTE IMMEDIATE q'[BEGIN DBMS_OUTPUT.PUT_LINE(':not_a_bind -- ' || :v); END;]' USING 'bound';
  -- A record's field as the OUT bind.
  EXECUTE IMMEDIATE 'BEGIN :a := 7; :b := ''seven''; END;' USING OUT p.a, OUT p.b;
  DBMS_OUTPUT.PUT_LINE('fields: ' || p.a || ' ' || p.b);
  -- Nested: a dynamic block running a dynamic block.
  EXECUTE IMMEDIATE q'[BEGIN EXECUTE IMMEDIATE 'BEGIN :z := :z * 3; END;' USING IN OUT :outer; END;]' USING IN OUT n;
  DBMS_OUTPUT.PUT_LINE('nested: ' || n);
END $$;
SELECT * FROM db_t ORDER BY id;

-- The block's errors reach the caller's handler, with SQLCODE and SQLERRM;
-- what the block did before the error is undone (statement atomicity).
DO LANGUAGE plpolar $$
BEGIN
  EXECUTE IMMEDIATE 'BEGIN INSERT INTO db_t VALUES (99, ''undone''); RAISE_APPLICATION_ERROR(-20042, ''refused by the block''); END;';
EXCEPTION WHEN OTHERS THEN
  DBMS_OUTPUT.PUT_LINE('caught ' || SQLCODE || ': ' || SQLERRM);
END $$;
SELECT count(*) AS undone_rows FROM db_t WHERE id = 99;
DO LANGUAGE plpolar $$
DECLARE
  d NUMBER;
BEGIN
  EXECUTE IMMEDIATE 'DECLARE x NUMBER := 0; BEGIN :r := 1 / x; END;' USING OUT d;
EXCEPTION WHEN ZERO_DIVIDE THEN
  DBMS_OUTPUT.PUT_LINE('zero_divide from the block');
END $$;

-- Binds that do not match: Oracle's ORA-01008 and ORA-01006.
DO LANGUAGE plpolar $$
BEGIN
  EXECUTE IMMEDIATE 'BEGIN INSERT INTO db_t VALUES (:a, :b); END;' USING 1;
END $$;
DO LANGUAGE plpolar $$
BEGIN
  EXECUTE IMMEDIATE 'BEGIN INSERT INTO db_t VALUES (:a, :a); END;' USING 1, 2;
END $$;
-- A record cannot be a bind (PLS-00457); INTO is for queries.
DO LANGUAGE plpolar $$
DECLARE
  TYPE pair IS RECORD (a NUMBER, b VARCHAR2(10));
  p pair;
BEGIN
  EXECUTE IMMEDIATE 'BEGIN :r := :r; END;' USING IN OUT p;
END $$;
DO LANGUAGE plpolar $$
DECLARE
  n NUMBER;
BEGIN
  EXECUTE IMMEDIATE 'BEGIN NULL; END;' INTO n;
END $$;
-- A syntax error in the block names its line within the block.
DO LANGUAGE plpolar $$
BEGIN
  EXECUTE IMMEDIATE 'BEGIN
  NULL;
  IF THEN
END;';
END $$;
DROP PROCEDURE db_double;
DROP TABLE db_t;
