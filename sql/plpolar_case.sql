-- CASE statement and CASE expression, simple and searched; CASE_NOT_FOUND.
CREATE FUNCTION grade(score int) RETURNS text LANGUAGE plpolar AS $$
DECLARE
  g VARCHAR2(20);
BEGIN
  -- searched CASE statement, with ELSE
  CASE
    WHEN score >= 90 THEN g := 'A';
    WHEN score >= 80 THEN g := 'B';
    WHEN score IS NULL THEN g := 'none';
    ELSE g := 'C';
  END CASE;
  -- simple CASE expression; NULL matches no WHEN
  RETURN g || '/' || CASE MOD(score, 2) WHEN 0 THEN 'even' WHEN 1 THEN 'odd' ELSE 'null' END
           || '/' || CASE WHEN score > 100 THEN 'over' END;
END;
$$;
SELECT s, grade(s) FROM (VALUES (95), (85), (42), (101), (NULL)) v(s);

-- simple CASE statement over text, nested, labelled, in a loop
CREATE FUNCTION kinds() RETURNS text LANGUAGE plpolar AS $$
DECLARE
  out VARCHAR2(200) := '';
BEGIN
  FOR i IN 1..4 LOOP
    <<pick>>
    CASE 'k' || i
      WHEN 'k1' THEN out := out || 'one ';
      WHEN 'k2' THEN
        CASE WHEN i * 2 = 4 THEN out := out || 'two '; END CASE;
      WHEN 'k3' THEN out := out || 'three ';
      ELSE out := out || 'many ';
    END CASE pick;
  END LOOP;
  RETURN out;
END;
$$;
SELECT kinds();

-- no WHEN matches and no ELSE: CASE_NOT_FOUND (SQLSTATE 20000, ORA-06592)
CREATE FUNCTION strict_case(x int) RETURNS text LANGUAGE plpolar AS $$
BEGIN
  CASE x
    WHEN 1 THEN RETURN 'one';
  END CASE;
  RETURN 'unreachable';
END;
$$;
SELECT strict_case(1);
SELECT strict_case(2);
\echo :LAST_ERROR_SQLSTATE
CREATE FUNCTION case_caught(x int) RETURNS text LANGUAGE plpolar AS $$
BEGIN
  CASE WHEN x > 0 THEN RETURN 'positive'; END CASE;
EXCEPTION WHEN CASE_NOT_FOUND THEN RETURN 'CASE_NOT_FOUND ' || SQLCODE || ' ' || SQLERRM;
END;
$$;
SELECT case_caught(5), case_caught(-5);

-- CASE inside embedded SQL is PostgreSQL's own
CREATE FUNCTION sql_case(x int) RETURNS text LANGUAGE plpolar AS $$
DECLARE r text;
BEGIN
  SELECT CASE WHEN x > 0 THEN 'pos' ELSE 'non-pos' END INTO r;
  RETURN r;
END;
$$;
SELECT sql_case(1), sql_case(0);

-- end label must match
CREATE FUNCTION bad_label() RETURNS int LANGUAGE plpolar AS $$
BEGIN
  <<a>>
  CASE WHEN true THEN NULL; END CASE b;
  RETURN 1;
END;
$$;
