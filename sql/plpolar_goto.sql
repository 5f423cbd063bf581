-- GOTO to a label in the same or an enclosing block; the places Oracle
-- forbids are compile errors.
CREATE FUNCTION goto_demo(n int) RETURNS text LANGUAGE plpolar AS $$
DECLARE
  i PLS_INTEGER := 0;
  s VARCHAR2(200) := '';
BEGIN
  <<again>>
  i := i + 1;
  s := s || i || ' ';
  IF i < n THEN
    GOTO again;            -- backward, out of an IF
  END IF;
  BEGIN
    FOR k IN 1..10 LOOP
      IF k = 2 THEN
        GOTO done;         -- out of a loop and a nested block, forward
      END IF;
      s := s || 'k' || k || ' ';
    END LOOP;
    s := s || 'not reached ';
  END;
  s := s || 'skipped ';
  <<done>>
  s := s || 'done';
  RETURN s;
END;
$$;
SELECT goto_demo(3);
-- out of an exception handler to the enclosing block
CREATE FUNCTION goto_from_handler() RETURNS text LANGUAGE plpolar AS $$
DECLARE s VARCHAR2(100) := '';
BEGIN
  BEGIN
    RAISE NO_DATA_FOUND;
  EXCEPTION WHEN NO_DATA_FOUND THEN
    s := 'handled; ';
    GOTO finish;
  END;
  s := s || 'skipped; ';
  <<finish>>
  RETURN s || 'finished';
END;
$$;
SELECT goto_from_handler();
-- a GOTO loop still honours statement_timeout
CREATE FUNCTION goto_forever() RETURNS void LANGUAGE plpolar AS $$
BEGIN
  <<top>>
  NULL;
  GOTO top;
END;
$$;
SET statement_timeout = '200ms';
SELECT goto_forever();
RESET statement_timeout;
-- into a nested block, a loop or an IF: compile errors
CREATE FUNCTION goto_into_block() RETURNS int LANGUAGE plpolar AS $$
BEGIN
  GOTO inside;
  BEGIN
    <<inside>>
    NULL;
  END;
  RETURN 1;
END;
$$;
CREATE FUNCTION goto_into_if() RETURNS int LANGUAGE plpolar AS $$
BEGIN
  GOTO inside;
  IF true THEN
    <<inside>>
    NULL;
  END IF;
  RETURN 1;
END;
$$;
CREATE FUNCTION goto_into_handler_block() RETURNS int LANGUAGE plpolar AS $$
BEGIN
  <<body_label>>
  NULL;
  RETURN 1;
EXCEPTION WHEN OTHERS THEN
  GOTO body_label;
END;
$$;
CREATE FUNCTION goto_nowhere() RETURNS int LANGUAGE plpolar AS $$
BEGIN
  GOTO nowhere;
  RETURN 1;
END;
$$;
