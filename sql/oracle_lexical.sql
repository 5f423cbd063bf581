-- Oracle's lexical forms in PL code, embedded SQL, dynamic SQL and scripts:
-- q'[...]' and N'...' literals, seq.NEXTVAL / seq.CURRVAL.
SET plpolar.serveroutput = on;
CREATE TABLE lx (id int, t text);

-- q-quotes: the delimiters are not part of the value; quotes inside stay.
DO LANGUAGE plpolar $$
DECLARE
  a varchar2(100) := q'[it's]';
  b varchar2(100) := Q'{a}b'c}';
  c varchar2(100) := nq'!x'y!';
  d varchar2(100) := N'nat''ional';
  e varchar2(100) := q'<:x; --not a comment>';
  f varchar2(100) := q'#a#' || q'(b)' || q'|c|';
BEGIN
  DBMS_OUTPUT.PUT_LINE(a || ' / ' || b || ' / ' || c || ' / ' || d || ' / ' || e || ' / ' || f);
  INSERT INTO lx VALUES (1, q'[O'Brien; :v]'), (2, N'n''x'), (3, nq'(p)');
  SELECT count(*) INTO a FROM lx WHERE t = q'{O'Brien; :v}';
  DBMS_OUTPUT.PUT_LINE('found ' || a);
  EXECUTE IMMEDIATE 'INSERT INTO lx VALUES (4, q''[dyn''amic]'')';
  EXECUTE IMMEDIATE q'[INSERT INTO lx VALUES (5, q'{dyn 'x'}')]';
  EXECUTE IMMEDIATE q'[SELECT t FROM lx WHERE id = :1 AND t <> q'!:1!']' INTO a USING 5;
  DBMS_OUTPUT.PUT_LINE('dynamic ' || a);
END $$;
SELECT * FROM lx ORDER BY id;
-- In scripts: a q-quote may hold ; and ' in plain SQL and in blocks.
SELECT statement, action FROM plpolar.exec($script$
INSERT INTO lx VALUES (6, q'[script; 'ok']');
BEGIN
  INSERT INTO lx VALUES (7, q'!block; it's!');
END;
/
$script$);
SELECT * FROM lx WHERE id >= 6 ORDER BY id;
-- An unterminated q-quote is a syntax error with its place.
DO LANGUAGE plpolar $$
BEGIN
  DBMS_OUTPUT.PUT_LINE(q'[never closed);
END $$;
SELECT * FROM plpolar.exec(E'SELECT 1;\nINSERT INTO lx VALUES (8, q''[open);');

-- seq.NEXTVAL / seq.CURRVAL in PL expressions, embedded SQL, dynamic SQL
-- and scripts; schema-qualified and quoted names; any case.
CREATE SEQUENCE lx_seq;
CREATE SCHEMA lx_schema;
CREATE SEQUENCE lx_schema."Mixed Seq" START 100;
DO LANGUAGE plpolar $$
DECLARE
  v int;
  w int;
BEGIN
  BEGIN
    v := lx_seq.CURRVAL;
  EXCEPTION WHEN OTHERS THEN
    DBMS_OUTPUT.PUT_LINE('before NEXTVAL: ' || SQLCODE || ' ' || SQLERRM);
  END;
  v := lx_seq.NEXTVAL;
  SELECT lx_seq.nextval INTO w FROM dual;
  DBMS_OUTPUT.PUT_LINE('v ' || v || ' w ' || w || ' currval ' || lx_seq.CurrVal);
  INSERT INTO lx VALUES (lx_seq.NEXTVAL, 'a'), (LX_SEQ . NEXTVAL, 'b');
  UPDATE lx SET id = lx_schema."Mixed Seq".nextval WHERE t = 'b';
  IF lx_seq.CURRVAL > 3 THEN
    DBMS_OUTPUT.PUT_LINE('currval is ' || lx_seq.currval);
  END IF;
  EXECUTE IMMEDIATE 'SELECT lx_seq.NEXTVAL FROM dual' INTO v;
  DBMS_OUTPUT.PUT_LINE('dynamic ' || v || ', mixed ' || lx_schema."Mixed Seq".CURRVAL);
  -- PostgreSQL's own calls stay as written.
  SELECT pg_catalog.nextval('lx_seq') INTO v;
  DBMS_OUTPUT.PUT_LINE('pg ' || v);
END $$;
SELECT id, t FROM lx WHERE t IN ('a', 'b') ORDER BY id;
SELECT action, rows FROM plpolar.exec($script$
INSERT INTO lx VALUES (lx_seq.NEXTVAL, NVL(NULL, 'script'));
$script$);
SELECT id, t FROM lx WHERE t = 'script';
DROP TABLE lx;
DROP SEQUENCE lx_seq;
DROP SCHEMA lx_schema CASCADE;
RESET plpolar.serveroutput;

-- SUBTYPE name IS base [(n)] [NOT NULL] [RANGE low .. high]
CREATE TABLE lx_emp (id int, name text);
SET plpolar.serveroutput = on;
DO LANGUAGE plpolar $$
DECLARE
  SUBTYPE long_line IS VARCHAR2(10);
  SUBTYPE digit IS PLS_INTEGER RANGE 0 .. 9;
  SUBTYPE small_digit IS digit RANGE 0 .. 3;   -- a subtype of a subtype
  SUBTYPE money IS NUMBER(6,2);
  SUBTYPE id_t IS PLS_INTEGER NOT NULL;
  SUBTYPE emp_row IS lx_emp%ROWTYPE;
  SUBTYPE name_t IS lx_emp.name%TYPE;
  l long_line := 'abc';
  d digit := 5;
  s small_digit := 1;
  m money := 1.234;
  i id_t := 1;
  r emp_row;
  n name_t := 'King';
  FUNCTION twice(x digit) RETURN money IS
  BEGIN
    RETURN x * 2.005;
  END;
BEGIN
  r.name := n;
  DBMS_OUTPUT.PUT_LINE(l || ' ' || d || ' ' || s || ' ' || m || ' ' || i || ' ' || r.name || ' ' || twice(4));
  BEGIN d := 10; EXCEPTION WHEN VALUE_ERROR THEN DBMS_OUTPUT.PUT_LINE('range: ' || SQLCODE || ' ' || SQLERRM); END;
  BEGIN d := d + 5; EXCEPTION WHEN VALUE_ERROR THEN DBMS_OUTPUT.PUT_LINE('expression: ' || SQLERRM); END;
  BEGIN s := 4; EXCEPTION WHEN VALUE_ERROR THEN DBMS_OUTPUT.PUT_LINE('narrower: ' || SQLERRM); END;
  BEGIN d := -1; EXCEPTION WHEN VALUE_ERROR THEN DBMS_OUTPUT.PUT_LINE('below: ' || SQLERRM); END;
  BEGIN l := 'abcdefghijk'; EXCEPTION WHEN VALUE_ERROR THEN DBMS_OUTPUT.PUT_LINE('length: ' || SQLERRM); END;
  BEGIN i := NULL; EXCEPTION WHEN VALUE_ERROR THEN DBMS_OUTPUT.PUT_LINE('not null: ' || SQLERRM); END;
  BEGIN m := 12345.6; EXCEPTION WHEN VALUE_ERROR THEN DBMS_OUTPUT.PUT_LINE('precision: ' || SQLERRM); END;
  FOR k IN 1 .. 3 LOOP
    d := k * 3;
  END LOOP;
  DBMS_OUTPUT.PUT_LINE('d ' || d || ', s still ' || s);
END $$;
-- A range violation nobody handles: the error, with the range in DETAIL.
DO LANGUAGE plpolar $$
DECLARE
  SUBTYPE digit IS PLS_INTEGER RANGE 0 .. 9;
  d digit := 12;
BEGIN
  NULL;
END $$;
-- A NOT NULL subtype needs an initial value (PLS-00218).
DO LANGUAGE plpolar $$
DECLARE
  SUBTYPE id_t IS PLS_INTEGER NOT NULL;
  i id_t;
BEGIN
  NULL;
END $$;
-- RANGE only for the PLS_INTEGER family, with integer bounds.
DO LANGUAGE plpolar $$
DECLARE
  SUBTYPE bad IS NUMBER RANGE 1 .. 2;
BEGIN
  NULL;
END $$;
DO LANGUAGE plpolar $$
DECLARE
  SUBTYPE digit IS PLS_INTEGER RANGE 0 .. 9;
  SUBTYPE wider IS digit RANGE 0 .. 20;
BEGIN
  NULL;
END $$;
-- A subtype is local to its block; an inner declaration hides it.
DO LANGUAGE plpolar $$
DECLARE
  SUBTYPE t IS PLS_INTEGER RANGE 1 .. 2;
BEGIN
  DECLARE
    SUBTYPE t IS VARCHAR2(20);
    v t := 'not a number';
  BEGIN
    DBMS_OUTPUT.PUT_LINE(v);
  END;
END $$;
DROP TABLE lx_emp;
RESET plpolar.serveroutput;

-- SYS.-qualified supplied packages, and DBMS_ASSERT in PL code, embedded
-- and dynamic SQL, with Oracle's checks and errors.
CREATE TABLE lx_emp (id int);
CREATE SCHEMA "Mixed Schema";
SET plpolar.serveroutput = on;
DO LANGUAGE plpolar $$
DECLARE
  v varchar2(200);
BEGIN
  SYS.DBMS_OUTPUT.PUT_LINE('sys qualified');
  sys.dbms_output.put('a');
  sys.dbms_output.new_line;
  BEGIN
    RAISE NO_DATA_FOUND;
  EXCEPTION WHEN OTHERS THEN
    SYS.DBMS_OUTPUT.PUT_LINE(sys.dbms_utility.format_error_stack);
  END;
  DBMS_OUTPUT.PUT_LINE(DBMS_ASSERT.ENQUOTE_LITERAL('abc') || ' ' || DBMS_ASSERT.ENQUOTE_LITERAL('''x''') || ' ' ||
                       DBMS_ASSERT.ENQUOTE_LITERAL('a''''b'));
  DBMS_OUTPUT.PUT_LINE(DBMS_ASSERT.ENQUOTE_NAME('emp') || ' ' || DBMS_ASSERT.ENQUOTE_NAME('emp', FALSE) || ' ' ||
                       DBMS_ASSERT.ENQUOTE_NAME(str => 'emp', capitalize => FALSE) || ' ' ||
                       sys.dbms_assert.enquote_name('"Mixed"'));
  DBMS_OUTPUT.PUT_LINE(DBMS_ASSERT.SIMPLE_SQL_NAME('  emp_1$ ') || '|' || DBMS_ASSERT.SIMPLE_SQL_NAME('"a b"') || '|' ||
                       DBMS_ASSERT.QUALIFIED_SQL_NAME('hr.emp@link') || '|' || DBMS_ASSERT.SCHEMA_NAME('PUBLIC') || '|' ||
                       DBMS_ASSERT.SCHEMA_NAME('"Mixed Schema"') || '|' || DBMS_ASSERT.SQL_OBJECT_NAME('LX_EMP') || '|' ||
                       DBMS_ASSERT.SQL_OBJECT_NAME('pg_catalog.now') || '|' || DBMS_ASSERT.NOOP('any thing'));
  SELECT DBMS_ASSERT.ENQUOTE_NAME('t') INTO v FROM dual;
  DBMS_OUTPUT.PUT_LINE('embedded ' || v);
  EXECUTE IMMEDIATE 'SELECT sys.dbms_assert.simple_sql_name(:1) FROM dual' INTO v USING 'ok_name';
  DBMS_OUTPUT.PUT_LINE('dynamic ' || v);
  -- The injection DBMS_ASSERT exists for: a table name from outside.
  v := 'lx_emp; DROP TABLE lx_emp';
  BEGIN
    EXECUTE IMMEDIATE 'SELECT count(*) FROM ' || DBMS_ASSERT.SQL_OBJECT_NAME(v) INTO v;
  EXCEPTION WHEN OTHERS THEN
    DBMS_OUTPUT.PUT_LINE('refused: ' || SQLCODE || ' ' || SQLERRM);
  END;
  BEGIN v := DBMS_ASSERT.SIMPLE_SQL_NAME('1abc'); EXCEPTION WHEN OTHERS THEN DBMS_OUTPUT.PUT_LINE(SQLCODE || ' ' || SQLERRM); END;
  BEGIN v := DBMS_ASSERT.SIMPLE_SQL_NAME('a.b'); EXCEPTION WHEN OTHERS THEN DBMS_OUTPUT.PUT_LINE(SQLCODE || ' ' || SQLERRM); END;
  BEGIN v := DBMS_ASSERT.QUALIFIED_SQL_NAME('a..b'); EXCEPTION WHEN OTHERS THEN DBMS_OUTPUT.PUT_LINE(SQLCODE || ' ' || SQLERRM); END;
  BEGIN v := DBMS_ASSERT.SCHEMA_NAME('no_such_schema'); EXCEPTION WHEN OTHERS THEN DBMS_OUTPUT.PUT_LINE(SQLCODE || ' ' || SQLERRM); END;
  BEGIN v := DBMS_ASSERT.SQL_OBJECT_NAME('no_such_table'); EXCEPTION WHEN OTHERS THEN DBMS_OUTPUT.PUT_LINE(SQLCODE || ' ' || SQLERRM); END;
  BEGIN v := DBMS_ASSERT.ENQUOTE_LITERAL('a''b'); EXCEPTION WHEN VALUE_ERROR THEN DBMS_OUTPUT.PUT_LINE('VALUE_ERROR ' || SQLCODE || ' ' || SQLERRM); END;
  BEGIN v := DBMS_ASSERT.ENQUOTE_NAME('a"b'); EXCEPTION WHEN OTHERS THEN DBMS_OUTPUT.PUT_LINE(SQLCODE || ' ' || SQLERRM); END;
END $$;
SELECT count(*) AS table_still_there FROM lx_emp;
-- Plain SQL reaches them by their plpolar names.
SELECT plpolar.dbms_assert_enquote_name('x'), plpolar.dbms_assert_enquote_literal('y');
SELECT plpolar.dbms_assert_simple_sql_name('bad name');
DROP TABLE lx_emp;
DROP SCHEMA "Mixed Schema";
RESET plpolar.serveroutput;

-- Inquiry directives: $$PLSQL_UNIT (NULL in an anonymous block),
-- $$PLSQL_UNIT_TYPE, $$PLSQL_UNIT_OWNER, $$PLSQL_LINE (the body's line, as
-- errors number it); an unset $$flag is NULL. In a script, $$ inside a PL
-- unit starts no dollar quote.
SET plpolar.serveroutput = on;
SELECT statement, action FROM plpolar.exec($s$
CREATE OR REPLACE PROCEDURE lx_show_unit IS
  l_scope VARCHAR2(100) := $$plsql_unit || '.show';
BEGIN
  DBMS_OUTPUT.PUT_LINE(l_scope || ' line ' || $$PLSQL_LINE || ' ' || $$plsql_unit_type || ' ' ||
                       $$plsql_unit_owner || ' [' || $$my_flag || ']');
END;
/
BEGIN
  lx_show_unit;
  DBMS_OUTPUT.PUT_LINE('anonymous: [' || $$plsql_unit || '] ' || $$plsql_unit_type || ' line ' || $$plsql_line);
END;
/
$s$);
CREATE FUNCTION lx_unit() RETURNS text LANGUAGE plpolar AS $body$
BEGIN
  RETURN $$PLSQL_UNIT || ' ' || $$PLSQL_UNIT_TYPE;
END;
$body$;
SELECT lx_unit();
DROP FUNCTION lx_unit();
DROP PROCEDURE lx_show_unit;
RESET plpolar.serveroutput;
