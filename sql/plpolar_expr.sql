-- Expressions with Oracle operator syntax.

CREATE FUNCTION ev_num() RETURNS text LANGUAGE plpolar AS $$
DECLARE
  n NUMBER := 10;
  i PLS_INTEGER := 7;
  f BINARY_DOUBLE := 0.5;
BEGIN
  RETURN (1 + 2 * 3) || ' ' || (7 / 2) || ' ' || (1 / 3) || ' ' || (n / 4) || ' ' || (i - n)
      || ' ' || (-i) || ' ' || (2 ** 10) || ' ' || (f * 3) || ' ' || (i * 1.5) || ' ' || mod(i, 4)
      || ' ' || (10 - 2 - 3);
END;
$$;
SELECT ev_num();

-- Integer overflow and division by zero raise errors.
CREATE FUNCTION ev_overflow() RETURNS int LANGUAGE plpolar AS $$
DECLARE
  i PLS_INTEGER := 2147483647;
BEGIN
  i := i + 1;
  RETURN i;
END;
$$;
SELECT ev_overflow();
CREATE FUNCTION ev_div(a numeric, b numeric) RETURNS numeric LANGUAGE plpolar AS $$
BEGIN
  RETURN a / b;
END;
$$;
SELECT ev_div(1, 8);
SELECT ev_div(1, 0);

-- Concatenation: numbers and dates convert, NULL counts as empty (Oracle).
CREATE FUNCTION ev_concat(s text) RETURNS text LANGUAGE plpolar AS $$
BEGIN
  RETURN 'a' || s || 'b' || 1 || TRUE || 2.50;
END;
$$;
SELECT ev_concat('-'), ev_concat(NULL);
CREATE FUNCTION ev_concat_nulls() RETURNS boolean LANGUAGE plpolar AS $$
DECLARE
  a VARCHAR2(5);
BEGIN
  RETURN (a || a) IS NULL;
END;
$$;
SELECT ev_concat_nulls();

-- Comparisons, three-valued AND / OR / NOT, IS [NOT] NULL.
CREATE FUNCTION ev_bool(a int, b int) RETURNS text LANGUAGE plpolar AS $$
BEGIN
  RETURN coalesce((a = b)::text, 'null') || ' ' || coalesce((a <> b)::text, 'null') || ' '
      || coalesce((a < b AND b IS NOT NULL)::text, 'null') || ' '
      || coalesce((a >= b OR a IS NULL)::text, 'null') || ' '
      || coalesce((NOT (a != b))::text, 'null') || ' ' || (a IS NULL) || ' ' || (b ~= 2);
END;
$$;
SELECT ev_bool(1, 2), ev_bool(2, 2), ev_bool(NULL, 2), ev_bool(3, NULL);
CREATE FUNCTION ev_3vl() RETURNS text LANGUAGE plpolar AS $$
DECLARE
  u BOOLEAN;
  t BOOLEAN := TRUE;
  f BOOLEAN := FALSE;
BEGIN
  RETURN coalesce((u AND f)::text, 'null') || ' ' || coalesce((u AND t)::text, 'null') || ' '
      || coalesce((u OR t)::text, 'null') || ' ' || coalesce((u OR f)::text, 'null') || ' '
      || coalesce((NOT u)::text, 'null');
END;
$$;
SELECT ev_3vl();
-- Text, numeric and mixed-type comparisons.
CREATE FUNCTION ev_cmp() RETURNS text LANGUAGE plpolar AS $$
DECLARE
  v VARCHAR2(10) := 'abc';
  n NUMBER := 2.5;
  d DATE := DATE '2024-01-02';
BEGIN
  RETURN (v = 'abc') || ' ' || (v < 'abd') || ' ' || (n > 2) || ' ' || (n = 2.50) || ' ' || (2 < 2.5)
      || ' ' || (d > DATE '2024-01-01') || ' ' || (d = TIMESTAMP '2024-01-02 00:00:00');
END;
$$;
SELECT ev_cmp();

-- LIKE (with ESCAPE), BETWEEN, IN, with NOT.
CREATE FUNCTION ev_preds(s text, n int) RETURNS text LANGUAGE plpolar AS $$
BEGIN
  RETURN (s LIKE 'ab%') || ' ' || (s NOT LIKE '%z') || ' ' || (s LIKE 'a!%%' ESCAPE '!') || ' '
      || (n BETWEEN 1 AND 5) || ' ' || (n NOT BETWEEN 1 AND 5) || ' ' || (n IN (1, 3, 5)) || ' '
      || (n NOT IN (1, 3, 5)) || ' ' || coalesce((n IN (1, NULL))::text, 'null');
END;
$$;
SELECT ev_preds('abc', 3), ev_preds('a%c', 4);

-- PostgreSQL functions, resolved by PostgreSQL: built-ins, overloads,
-- named notation, defaults, schema-qualified, user functions, and SQL
-- value keywords.
CREATE FUNCTION ev_helper(a int, b int DEFAULT 10) RETURNS int LANGUAGE sql AS 'SELECT a * b';
CREATE FUNCTION ev_calls(s text) RETURNS text LANGUAGE plpolar AS $$
BEGIN
  RETURN upper(s) || ' ' || length(s) || ' ' || substr(s, 2, 2) || ' ' || pg_catalog.lower('XY') || ' '
      || round(2.567, 2) || ' ' || ev_helper(3) || ' ' || ev_helper(b => 2, a => 4) || ' '
      || coalesce(NULL, 'c') || ' ' || greatest(1, 5, 3) || ' ' || nullif(1, 1) || ' '
      || (current_date = CURRENT_DATE) || ' ' || abs(-4) || ' ' || to_char(1234.5, 'FM9999.00');
END;
$$;
SELECT ev_calls('hello');
-- Casts.
CREATE FUNCTION ev_casts() RETURNS text LANGUAGE plpolar AS $$
BEGIN
  RETURN CAST('42' AS NUMBER) + 1 || ' ' || '2024-05-06'::date || ' ' || CAST(3.7 AS PLS_INTEGER) || ' '
      || CAST('abc' AS VARCHAR2(5)) || ' ' || pg_typeof(CAST(1 AS NUMBER(5,2)));
END;
$$;
SELECT ev_casts();
CREATE FUNCTION ev_cast_fail() RETURNS text LANGUAGE plpolar AS $$
BEGIN
  RETURN CAST('abcdef' AS VARCHAR2(3));
END;
$$;
SELECT ev_cast_fail();
-- Unknown names and functions.
CREATE FUNCTION ev_undeclared() RETURNS int LANGUAGE plpolar AS $$
BEGIN
  RETURN no_such_var + 1;
END;
$$;
CREATE FUNCTION ev_nofunc() RETURNS int LANGUAGE plpolar AS $$
BEGIN
  RETURN no_such_function(1);
END;
$$;
SELECT ev_nofunc();
-- A condition must be boolean.
CREATE FUNCTION ev_notbool() RETURNS int LANGUAGE plpolar AS $$
BEGIN
  IF 1 THEN RETURN 1; END IF;
  RETURN 0;
END;
$$;
SELECT ev_notbool();
-- A function replaced after use is seen with its new body.
CREATE FUNCTION ev_inner() RETURNS int LANGUAGE sql AS 'SELECT 1';
CREATE FUNCTION ev_outer() RETURNS int LANGUAGE plpolar AS $$ BEGIN RETURN ev_inner(); END; $$;
SELECT ev_outer();
CREATE OR REPLACE FUNCTION ev_inner() RETURNS int LANGUAGE sql AS 'SELECT 2';
SELECT ev_outer();

-- Integer and boolean expressions over PLS_INTEGER / BOOLEAN variables run
-- on plain integers; they must give what the general path gives (here on
-- the same values held in NUMBER variables), NULLs included.
CREATE FUNCTION ev_fast_agrees() RETURNS text LANGUAGE plpolar AS $$
DECLARE
  a PLS_INTEGER; b PLS_INTEGER; na NUMBER; nb NUMBER;
  p BOOLEAN; q BOOLEAN; np BOOLEAN; nq BOOLEAN;
  fast_i PLS_INTEGER; slow_i NUMBER;
  fast_b BOOLEAN; slow_b BOOLEAN;
  checked PLS_INTEGER := 0;
BEGIN
  FOR x IN -3..3 LOOP
    FOR y IN -3..3 LOOP
      a := CASE WHEN x = -3 THEN NULL ELSE x END;
      b := CASE WHEN y = 3 THEN NULL ELSE y * 1000 END;
      na := a; nb := b;
      p := a > 0; q := b < 0;
      np := na > 0; nq := nb < 0;
      fast_i := -a + b * 2 - (a - b) * a;
      slow_i := -na + nb * 2 - (na - nb) * na;
      fast_b := (p AND NOT q) OR (a = b) OR a IS NULL AND b IS NOT NULL;
      slow_b := (np AND NOT nq) OR (na = nb) OR na IS NULL AND nb IS NOT NULL;
      IF NOT (fast_i = slow_i OR (fast_i IS NULL AND slow_i IS NULL)) OR
         NOT (fast_b = slow_b OR (fast_b IS NULL AND slow_b IS NULL)) THEN
        RETURN 'differ at ' || x || ', ' || y;
      END IF;
      checked := checked + 1;
    END LOOP;
  END LOOP;
  RETURN checked || ' cases agree';
END;
$$;
SELECT ev_fast_agrees();
CREATE FUNCTION ev_fast_errors(which int) RETURNS int LANGUAGE plpolar AS $$
DECLARE
  big PLS_INTEGER := 2147483647;
  nn PLS_INTEGER NOT NULL := 1;
  missing PLS_INTEGER;
BEGIN
  IF which = 1 THEN big := big * 2; END IF;
  IF which = 2 THEN big := -(-big - 1); END IF;
  IF which = 3 THEN nn := missing + 1; END IF;
  RETURN big;
END;
$$;
SELECT ev_fast_errors(1);
SELECT ev_fast_errors(2);
SELECT ev_fast_errors(3);
SELECT ev_fast_errors(0);
DROP FUNCTION ev_fast_agrees(), ev_fast_errors(int);
-- CASE on integers: the same through both paths; a NULL operand matches no
-- WHEN and evaluates none.
CREATE FUNCTION ev_fast_case() RETURNS text LANGUAGE plpolar AS $$
DECLARE
  k PLS_INTEGER; nk NUMBER; r PLS_INTEGER; nr NUMBER; big PLS_INTEGER := 2147483647; out VARCHAR2(100);
BEGIN
  FOR i IN -1..3 LOOP
    k := CASE WHEN i < 0 THEN NULL ELSE i END;
    nk := k;
    r := CASE k WHEN 0 THEN 10 WHEN 1 THEN 20 ELSE CASE WHEN k > 2 THEN 30 END END;
    nr := CASE nk WHEN 0 THEN 10 WHEN 1 THEN 20 ELSE CASE WHEN nk > 2 THEN 30 END END;
    out := out || NVL(TO_CHAR(r), 'null') || CASE WHEN r = nr OR (r IS NULL AND nr IS NULL) THEN '=' ELSE '!' END || ' ';
  END LOOP;
  k := NULL;
  r := CASE k WHEN big * 2 THEN 1 ELSE 2 END;
  RETURN out || r;
END;
$$;
SELECT ev_fast_case();
DROP FUNCTION ev_fast_case();
-- An integer is not a condition, however it is evaluated.
DO LANGUAGE plpolar $$ DECLARE x PLS_INTEGER := 1; BEGIN IF x THEN NULL; END IF; END $$;
DO LANGUAGE plpolar $$ DECLARE x PLS_INTEGER := 1; BEGIN WHILE x + 1 LOOP EXIT; END LOOP; END $$;
-- Precedence as the parser groups it, evaluated: ** to the right and above
-- signs, NOT over a whole comparison, LIKE / BETWEEN / IN above =, = above IS.
CREATE FUNCTION ev_precedence() RETURNS text LANGUAGE plpolar AS $$
DECLARE a PLS_INTEGER := 2; b PLS_INTEGER := 3; out VARCHAR2(200);
BEGIN
  out := (2 ** 3 ** 2) || ' ' || (-2 ** 2) || ' ' || (2 ** -1 + 3) || ' ' || (- -5) || ' ' || (a * -b - 1);
  IF NOT a = b THEN out := out || ' not'; END IF;
  IF (a = b) IS NULL THEN out := out || ' null'; ELSIF a = b IS NOT NULL THEN out := out || ' notnull'; END IF;
  IF a BETWEEN 1 AND 2 AND b NOT BETWEEN a + 2 AND b * 2 THEN out := out || ' between'; END IF;
  IF 'ab' LIKE 'a' || '%' AND b IN (1, a + 1) THEN out := out || ' like-in'; END IF;
  RETURN out;
END;
$$;
SELECT ev_precedence();
DROP FUNCTION ev_precedence();
-- A right-nested chain of signs, NOT or ** too long for the parser's stack is
-- refused at CREATE time; the session carries on.
DO $$
DECLARE chain text;
BEGIN
  FOREACH chain IN ARRAY ARRAY['- ', 'NOT ', '2 ** '] LOOP
    BEGIN
      EXECUTE format('CREATE FUNCTION ev_deep() RETURNS int LANGUAGE plpolar AS %L',
                     'BEGIN RETURN ' || repeat(chain, 100000) || '1; END;');
    EXCEPTION WHEN OTHERS THEN
      RAISE NOTICE '%: % (%)', chain, SQLERRM, SQLSTATE;
    END;
  END LOOP;
END $$;
SELECT 'still connected';

-- s := s || x appends in place to a buffer with room to spare; it must give
-- exactly what concatenating does.
SET plpolar.serveroutput = on;
CREATE FUNCTION ev_append() RETURNS text LANGUAGE plpolar AS $$
DECLARE
  s VARCHAR2(20000) := 'a';
  t text := 'x';
  short VARCHAR2(5) := 'abc';
  wide VARCHAR2(4) := 'ä';
  n VARCHAR2(10);
  out VARCHAR2(400);
  PROCEDURE grow(p PLS_INTEGER) IS
    mine VARCHAR2(100) := 'm';
  BEGIN
    mine := mine || p;
    s := s || '[' || mine || ']';
    IF p > 0 THEN grow(p - 1); END IF;
    mine := mine || '!';
    s := s || mine;
  END;
BEGIN
  FOR i IN 1..12 LOOP s := s || s; END LOOP;            -- 4096 characters, across many buffers
  out := 'doubled ' || LENGTH(s) || ' ' || SUBSTR(s, 4090);
  s := 'a';
  FOR i IN 1..15000 LOOP s := s || 'é'; END LOOP;       -- multibyte, past 8 kB chunks
  out := out || ' / multibyte ' || LENGTH(s) || ' ' || octet_length(s);
  s := s || NULL;
  out := out || ' / null ' || LENGTH(s);
  s := s || 12.50;
  out := out || ' / number ' || SUBSTR(s, -5);
  n := n || 'x';
  out := out || ' / from null ' || n;
  t := t || t || 'y';
  out := out || ' / text ' || t;
  short := short || 'de';
  BEGIN
    short := short || 'f';
  EXCEPTION WHEN VALUE_ERROR THEN out := out || ' / limit kept ' || short;
  END;
  wide := wide || 'ööö';                                 -- 7 bytes, 4 characters: fits
  out := out || ' / wide ' || wide;
  s := 'ab';
  s := s || s || '-' || NULL || s;
  s := s || s || s;
  out := out || ' / parts ' || s;
  s := 'g';
  grow(2);
  out := out || ' / nested ' || s;
  RETURN out;
END;
$$;
SELECT ev_append();
DROP FUNCTION ev_append();
