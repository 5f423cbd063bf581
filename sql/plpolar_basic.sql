-- Declarations, types, assignment, DO blocks.

-- Every declaration form of the issue, and what each variable holds.
CREATE FUNCTION decl_forms() RETURNS text LANGUAGE plpolar AS $$
IS
  v_count  NUMBER := 0;
  v_name   VARCHAR2(64) NOT NULL := 'x';
  c_max    CONSTANT PLS_INTEGER := 10;
  v_big    NUMBER(10,2) DEFAULT 3.14159;
  v_int    INTEGER := 7;
  v_bin    BINARY_INTEGER := -3;
  v_flag   BOOLEAN := TRUE;
  v_when   DATE := DATE '2024-02-29';
  v_ts     TIMESTAMP := TIMESTAMP '2024-02-29 12:34:56';
  v_clob   CLOB := 'long text';
  v_text   TEXT;
  v_pg     double precision := 1.5;
  v_arr    int[] := '{1,2,3}';
  v_same   v_count%TYPE := 5;
BEGIN
  RETURN v_count || '|' || v_name || '|' || c_max || '|' || v_big || '|' || v_int || '|' || v_bin
      || '|' || v_flag || '|' || v_when || '|' || v_ts || '|' || v_clob || '|' || v_text
      || '|' || v_pg || '|' || v_arr || '|' || v_same;
END;
$$;
SELECT decl_forms();

-- Types of the variables as PostgreSQL sees them.
CREATE FUNCTION decl_types() RETURNS text LANGUAGE plpolar AS $$
DECLARE
  a VARCHAR2(10) := 'a';
  b NUMBER := 1;
  c PLS_INTEGER := 1;
  d DATE := DATE '2020-01-01';
  e CLOB := 'e';
  f NUMBER(5,1) := 1;
BEGIN
  RETURN pg_typeof(a) || ', ' || pg_typeof(b) || ', ' || pg_typeof(c) || ', ' || pg_typeof(d)
      || ', ' || pg_typeof(e) || ', ' || pg_typeof(f);
END;
$$;
SELECT decl_types();

-- %TYPE of a table column.
CREATE TABLE basic_users (id int PRIMARY KEY, name VARCHAR2(8));
CREATE FUNCTION col_type() RETURNS text LANGUAGE plpolar AS $$
DECLARE
  v_other basic_users.name%TYPE;
  v_id public.basic_users.id%TYPE := 41;
BEGIN
  v_other := 'eight ch';
  v_id := v_id + 1;
  RETURN pg_typeof(v_other) || ' ' || v_other || ' ' || pg_typeof(v_id) || ' ' || v_id;
END;
$$;
SELECT col_type();
CREATE FUNCTION col_type_too_long() RETURNS text LANGUAGE plpolar AS $$
DECLARE
  v_other basic_users.name%TYPE;
BEGIN
  v_other := 'nine char';
  RETURN v_other;
END;
$$;
SELECT col_type_too_long();

-- VARCHAR2(n) variables refuse longer values (Oracle: buffer too small).
CREATE FUNCTION v2_len(s text) RETURNS varchar2 LANGUAGE plpolar AS $$
DECLARE
  v VARCHAR2(3);
BEGIN
  v := s;
  RETURN v;
END;
$$;
SELECT v2_len('abc');
SELECT v2_len('abcd');
SELECT v2_len('äöü');
SELECT v2_len(NULL) IS NULL AS is_null;
-- A VARCHAR2 parameter without length takes any length.
CREATE FUNCTION v2_param(s varchar2) RETURNS int LANGUAGE plpolar AS $$
BEGIN
  RETURN length(s);
END;
$$;
SELECT v2_param(repeat('x', 5000));

-- NOT NULL variables refuse NULL.
CREATE FUNCTION nn(s text) RETURNS text LANGUAGE plpolar AS $$
DECLARE
  v VARCHAR2(10) NOT NULL := 'init';
BEGIN
  v := s;
  RETURN v;
END;
$$;
SELECT nn('ok');
SELECT nn(NULL);
-- NOT NULL without an initial value is a compile error.
CREATE FUNCTION nn_noinit() RETURNS int LANGUAGE plpolar AS $$
DECLARE
  v NUMBER NOT NULL;
BEGIN
  RETURN 1;
END;
$$;

-- CONSTANTs refuse assignment at compile time, and need a value.
CREATE FUNCTION const_assign() RETURNS int LANGUAGE plpolar AS $$
DECLARE
  c CONSTANT PLS_INTEGER := 10;
BEGIN
  c := 11;
  RETURN c;
END;
$$;
CREATE FUNCTION const_noinit() RETURNS int LANGUAGE plpolar AS $$
DECLARE
  c CONSTANT PLS_INTEGER;
BEGIN
  RETURN c;
END;
$$;
-- SELECT INTO a constant is refused too.
CREATE FUNCTION const_into() RETURNS int LANGUAGE plpolar AS $$
DECLARE
  c CONSTANT PLS_INTEGER := 10;
BEGIN
  SELECT 1 INTO c;
  RETURN c;
END;
$$;

-- Assignment converts: NUMBER to PLS_INTEGER rounds half away from zero,
-- text to number parses, PLS_INTEGER overflows with an error.
CREATE FUNCTION conv(n numeric) RETURNS text LANGUAGE plpolar AS $$
DECLARE
  i PLS_INTEGER;
  x NUMBER;
  s VARCHAR2(20);
BEGIN
  i := n;
  x := '42.5';
  s := n;
  RETURN i || ' ' || x || ' ' || s;
END;
$$;
SELECT conv(2.5), conv(-2.5), conv(2.4);
SELECT conv(3000000000);
CREATE FUNCTION conv_bad() RETURNS numeric LANGUAGE plpolar AS $$
DECLARE
  x NUMBER;
BEGIN
  x := 'not a number';
  RETURN x;
END;
$$;
SELECT conv_bad();

-- NUMBER(p,s) rounds to its scale and refuses too many digits.
CREATE FUNCTION num_scale(n numeric) RETURNS numeric LANGUAGE plpolar AS $$
DECLARE
  x NUMBER(5,2);
BEGIN
  x := n;
  RETURN x;
END;
$$;
SELECT num_scale(3.14159);
SELECT num_scale(123456);

-- Keywords and identifiers are case-insensitive; quoted identifiers keep case.
CREATE FUNCTION CaseTest(P_In INTEGER) RETURNS INTEGER LANGUAGE plpolar AS $$
dEcLaRe
  MyVar PLS_INTEGER := p_in;
  "MyVar" PLS_INTEGER := 100;
BEGIN
  MYVAR := myvar + 1;
  ReTuRn MyVar + "MyVar";
eNd;
$$;
SELECT casetest(1);

-- The body may start with IS / AS / DECLARE or directly with BEGIN, and end
-- with the subprogram's name.
CREATE FUNCTION start_is() RETURNS int LANGUAGE plpolar AS $$ IS x int := 1; BEGIN RETURN x; END start_is; $$;
CREATE FUNCTION start_as() RETURNS int LANGUAGE plpolar AS $$ AS x int := 2; BEGIN RETURN x; END; $$;
CREATE FUNCTION start_begin() RETURNS int LANGUAGE plpolar AS $$ BEGIN RETURN 3; END $$;
SELECT start_is(), start_as(), start_begin();

-- Positional parameters and function-qualified names.
CREATE FUNCTION qual(a int, int) RETURNS int LANGUAGE plpolar AS $$
DECLARE
  a int := 1000;
BEGIN
  RETURN a + qual.a + $2;
END;
$$;
SELECT qual(10, 5);

-- Scalar return types and void.
CREATE FUNCTION ret_bool() RETURNS boolean LANGUAGE plpolar AS $$ BEGIN RETURN 1 < 2; END; $$;
CREATE FUNCTION ret_date() RETURNS date LANGUAGE plpolar AS $$ BEGIN RETURN DATE '2024-03-01'; END; $$;
CREATE FUNCTION ret_void() RETURNS void LANGUAGE plpolar AS $$ BEGIN NULL; END; $$;
CREATE FUNCTION ret_text_as_int() RETURNS int LANGUAGE plpolar AS $$ BEGIN RETURN '12'; END; $$;
SELECT ret_bool(), ret_date(), ret_void(), ret_text_as_int();

-- DO blocks.
DO LANGUAGE plpolar $$
DECLARE
  n NUMBER := 0;
BEGIN
  FOR i IN 1..10 LOOP
    n := n + i;
  END LOOP;
  INSERT INTO basic_users VALUES (n, 'from DO');
END;
$$;
SELECT * FROM basic_users;
DO LANGUAGE plpolar $$ BEGIN RETURN; END; $$;
DO LANGUAGE plpolar $$ BEGIN RETURN 1; END; $$;
