-- SQLCODE, SQLERRM and DBMS_UTILITY.FORMAT_ERROR_STACK as Oracle shows them.
SET plpolar.serveroutput = on;

-- 1. Inside a subprogram called from a handler they show the error being
-- handled (Oracle: the innermost handler running anywhere in the call
-- stack), until that handler exits; outside any handler 0.
CREATE PROCEDURE log_error(tag text) LANGUAGE plpolar AS $$
BEGIN
  DBMS_OUTPUT.PUT_LINE(tag || ': ' || SQLCODE || ' | ' || SQLERRM || ' | ' ||
                       RTRIM(DBMS_UTILITY.FORMAT_ERROR_STACK, CHR(10)));
END;
$$;
CREATE FUNCTION error_text() RETURNS text LANGUAGE plpolar AS $$
BEGIN
  RETURN SQLCODE || ' | ' || SQLERRM;
END;
$$;
CREATE TABLE error_log (tag text, err text);
DO LANGUAGE plpolar $$
DECLARE
  mine EXCEPTION;
  zero int := 0;
  x int;
  PROCEDURE nested_log(tag text) IS
  BEGIN
    DBMS_OUTPUT.PUT_LINE('nested ' || tag || ': ' || SQLCODE || ' | ' || SQLERRM || ' | ' ||
                         RTRIM(DBMS_UTILITY.FORMAT_ERROR_STACK, CHR(10)));
  END;
BEGIN
  BEGIN
    RAISE mine;
  EXCEPTION WHEN OTHERS THEN
    log_error('user-defined');
    nested_log('user-defined');
  END;
  BEGIN
    RAISE_APPLICATION_ERROR(-20042, 'custom failure');
  EXCEPTION WHEN OTHERS THEN
    log_error('application');
    nested_log('application');
  END;
  BEGIN
    SELECT 1 / zero INTO x FROM dual;
  EXCEPTION WHEN OTHERS THEN
    log_error('division');
    nested_log('division');
    DBMS_OUTPUT.PUT_LINE('function: ' || error_text());
    INSERT INTO error_log SELECT 'via SQL', error_text();
  END;
  -- Nested handlers: the inner handler's error inside it, the outer's
  -- again once the inner block has ended.
  BEGIN
    RAISE NO_DATA_FOUND;
  EXCEPTION WHEN OTHERS THEN
    log_error('outer');
    BEGIN
      x := 1 / zero;
    EXCEPTION WHEN ZERO_DIVIDE THEN
      log_error('inner');
      nested_log('inner');
    END;
    log_error('outer again');
    nested_log('outer again');
  END;
  log_error('outside');
  nested_log('outside');
  DBMS_OUTPUT.PUT_LINE('function outside: ' || error_text());
END $$;
SELECT * FROM error_log;
-- A called function with a handler of its own: its error inside its
-- handler, the caller's again after it.
CREATE PROCEDURE handles_own() LANGUAGE plpolar AS $$
BEGIN
  log_error('callee before');
  BEGIN
    RAISE_APPLICATION_ERROR(-20007, 'callee''s own');
  EXCEPTION WHEN OTHERS THEN
    log_error('callee handler');
  END;
  log_error('callee after');
END;
$$;
DO LANGUAGE plpolar $$
BEGIN
  RAISE TOO_MANY_ROWS;
EXCEPTION WHEN OTHERS THEN
  handles_own();
  log_error('caller after');
END $$;
CALL log_error('top level');

-- 2. Oracle's predefined exceptions raised by name: Oracle's SQLCODE and
-- SQLERRM text, with no detail.
CREATE TABLE oracle_predefined (name text, sqlcode int, sqlerrm text);
INSERT INTO oracle_predefined VALUES
  ('NO_DATA_FOUND', 100, 'ORA-01403: no data found'),
  ('TOO_MANY_ROWS', -1422, 'ORA-01422: exact fetch returns more than requested number of rows'),
  ('ZERO_DIVIDE', -1476, 'ORA-01476: divisor is equal to zero'),
  ('INVALID_NUMBER', -1722, 'ORA-01722: invalid number'),
  ('VALUE_ERROR', -6502, 'ORA-06502: PL/SQL: numeric or value error'),
  ('DUP_VAL_ON_INDEX', -1, 'ORA-00001: unique constraint (.) violated'),
  ('INVALID_CURSOR', -1001, 'ORA-01001: invalid cursor'),
  ('CURSOR_ALREADY_OPEN', -6511, 'ORA-06511: PL/SQL: cursor already open'),
  ('PROGRAM_ERROR', -6501, 'ORA-06501: PL/SQL: program error'),
  ('STORAGE_ERROR', -6500, 'ORA-06500: PL/SQL: storage error'),
  ('LOGIN_DENIED', -1017, 'ORA-01017: invalid username/password; logon denied'),
  ('TIMEOUT_ON_RESOURCE', -51, 'ORA-00051: timeout occurred while waiting for a resource'),
  ('ROWTYPE_MISMATCH', -6504, 'ORA-06504: PL/SQL: Return types of Result Set variables or query do not match'),
  ('CASE_NOT_FOUND', -6592, 'ORA-06592: CASE not found while executing CASE statement'),
  ('SUBSCRIPT_BEYOND_COUNT', -6533, 'ORA-06533: Subscript beyond count');
CREATE FUNCTION raise_by_name(name text) RETURNS text LANGUAGE plpolar AS $$
BEGIN
  CASE name
    WHEN 'NO_DATA_FOUND' THEN RAISE NO_DATA_FOUND;
    WHEN 'TOO_MANY_ROWS' THEN RAISE TOO_MANY_ROWS;
    WHEN 'ZERO_DIVIDE' THEN RAISE ZERO_DIVIDE;
    WHEN 'INVALID_NUMBER' THEN RAISE INVALID_NUMBER;
    WHEN 'VALUE_ERROR' THEN RAISE VALUE_ERROR;
    WHEN 'DUP_VAL_ON_INDEX' THEN RAISE DUP_VAL_ON_INDEX;
    WHEN 'INVALID_CURSOR' THEN RAISE INVALID_CURSOR;
    WHEN 'CURSOR_ALREADY_OPEN' THEN RAISE CURSOR_ALREADY_OPEN;
    WHEN 'PROGRAM_ERROR' THEN RAISE PROGRAM_ERROR;
    WHEN 'STORAGE_ERROR' THEN RAISE STORAGE_ERROR;
    WHEN 'LOGIN_DENIED' THEN RAISE LOGIN_DENIED;
    WHEN 'TIMEOUT_ON_RESOURCE' THEN RAISE TIMEOUT_ON_RESOURCE;
    WHEN 'ROWTYPE_MISMATCH' THEN RAISE ROWTYPE_MISMATCH;
    WHEN 'CASE_NOT_FOUND' THEN RAISE CASE_NOT_FOUND;
    WHEN 'SUBSCRIPT_BEYOND_COUNT' THEN RAISE SUBSCRIPT_BEYOND_COUNT;
  END CASE;
  RETURN 'not raised';
EXCEPTION WHEN OTHERS THEN
  RETURN SQLCODE || '|' || SQLERRM || '|' || RTRIM(DBMS_UTILITY.FORMAT_ERROR_STACK, CHR(10));
END;
$$;
-- as_oracle: SQLCODE, SQLERRM and the error stack are Oracle's.
SELECT name, raise_by_name(name) = sqlcode || '|' || sqlerrm || '|' || sqlerrm AS as_oracle,
       raise_by_name(name) AS got
  FROM oracle_predefined ORDER BY sqlcode;
-- SQLERRM(n) for the same numbers.
DO LANGUAGE plpolar $$
BEGIN
  DBMS_OUTPUT.PUT_LINE(SQLERRM(-6502));
  DBMS_OUTPUT.PUT_LINE(SQLERRM(-1));
  DBMS_OUTPUT.PUT_LINE(SQLERRM(100));
END $$;
-- An exception bound to -6502 by EXCEPTION_INIT: no detail either.
DO LANGUAGE plpolar $$
DECLARE
  bad_value EXCEPTION;
  PRAGMA EXCEPTION_INIT(bad_value, -6502);
BEGIN
  RAISE bad_value;
EXCEPTION WHEN VALUE_ERROR THEN
  DBMS_OUTPUT.PUT_LINE(SQLCODE || ' ' || SQLERRM);
END $$;
-- A real PL overflow keeps its detail.
DO LANGUAGE plpolar $$
DECLARE
  v VARCHAR2(2);
BEGIN
  v := 'abc';
EXCEPTION WHEN VALUE_ERROR THEN
  DBMS_OUTPUT.PUT_LINE(SQLCODE || ' ' || SQLERRM);
END $$;

-- 3. A column's precision or length check in embedded SQL is ORA-01438 /
-- ORA-12899, which VALUE_ERROR does not catch; a PL variable's stays
-- ORA-06502 (VALUE_ERROR).
CREATE TABLE column_limits (n numeric(5,2), v2 varchar2(3), vc varchar(3), c char(2));
INSERT INTO column_limits VALUES (1, 'a', 'b', 'c');
DO LANGUAGE plpolar $$
DECLARE
  v VARCHAR2(3);
  n NUMBER(5,2);
BEGIN
  BEGIN INSERT INTO column_limits (n) VALUES (1234.5);
  EXCEPTION WHEN OTHERS THEN DBMS_OUTPUT.PUT_LINE('insert numeric(5,2): ' || SQLCODE || ' ' || SQLERRM); END;
  BEGIN INSERT INTO column_limits (v2) VALUES ('abcd');
  EXCEPTION WHEN OTHERS THEN DBMS_OUTPUT.PUT_LINE('insert varchar2(3): ' || SQLCODE || ' ' || SQLERRM); END;
  BEGIN INSERT INTO column_limits (vc) VALUES ('abcd');
  EXCEPTION WHEN OTHERS THEN DBMS_OUTPUT.PUT_LINE('insert varchar(3): ' || SQLCODE || ' ' || SQLERRM); END;
  BEGIN INSERT INTO column_limits (c) VALUES ('abc');
  EXCEPTION WHEN OTHERS THEN DBMS_OUTPUT.PUT_LINE('insert char(2): ' || SQLCODE || ' ' || SQLERRM); END;
  BEGIN UPDATE column_limits SET n = 1000;
  EXCEPTION WHEN OTHERS THEN DBMS_OUTPUT.PUT_LINE('update numeric(5,2): ' || SQLCODE || ' ' || SQLERRM); END;
  BEGIN UPDATE column_limits SET v2 = 'abcd';
  EXCEPTION WHEN OTHERS THEN DBMS_OUTPUT.PUT_LINE('update varchar2(3): ' || SQLCODE || ' ' || SQLERRM); END;
  BEGIN UPDATE column_limits SET vc = 'abcd';
  EXCEPTION WHEN OTHERS THEN DBMS_OUTPUT.PUT_LINE('update varchar(3): ' || SQLCODE || ' ' || SQLERRM); END;
  BEGIN UPDATE column_limits SET c = 'abc';
  EXCEPTION WHEN OTHERS THEN DBMS_OUTPUT.PUT_LINE('update char(2): ' || SQLCODE || ' ' || SQLERRM); END;
  -- WHEN VALUE_ERROR passes them on.
  BEGIN
    BEGIN INSERT INTO column_limits (n) VALUES (1234.5);
    EXCEPTION WHEN VALUE_ERROR THEN DBMS_OUTPUT.PUT_LINE('caught by VALUE_ERROR'); END;
  EXCEPTION WHEN OTHERS THEN DBMS_OUTPUT.PUT_LINE('numeric column not VALUE_ERROR: ' || SQLCODE); END;
  BEGIN
    BEGIN UPDATE column_limits SET vc = 'abcd';
    EXCEPTION WHEN VALUE_ERROR THEN DBMS_OUTPUT.PUT_LINE('caught by VALUE_ERROR'); END;
  EXCEPTION WHEN OTHERS THEN DBMS_OUTPUT.PUT_LINE('varchar column not VALUE_ERROR: ' || SQLCODE); END;
  -- PostgreSQL's condition names still catch them.
  BEGIN INSERT INTO column_limits (c) VALUES ('abc');
  EXCEPTION WHEN string_data_right_truncation THEN DBMS_OUTPUT.PUT_LINE('string_data_right_truncation: ' || SQLCODE); END;
  -- PL variables: VALUE_ERROR.
  BEGIN v := 'abcd';
  EXCEPTION WHEN VALUE_ERROR THEN DBMS_OUTPUT.PUT_LINE('variable varchar2(3): ' || SQLCODE || ' ' || SQLERRM); END;
  BEGIN n := 1234.5;
  EXCEPTION WHEN VALUE_ERROR THEN DBMS_OUTPUT.PUT_LINE('variable number(5,2): ' || SQLCODE || ' ' || SQLERRM); END;
END $$;
SELECT * FROM column_limits;
