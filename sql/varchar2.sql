-- The SQL-level VARCHAR2 type.
CREATE TABLE v2 (name VARCHAR2(5), free varchar2);
\d v2
INSERT INTO v2 VALUES ('abc', 'x');
INSERT INTO v2 VALUES ('abcde', repeat('y', 100));
-- Too long is an error, never a silent truncation (not even trailing blanks).
INSERT INTO v2 VALUES ('abcdef', 'x');
INSERT INTO v2 VALUES ('abcd  ', 'x');
SELECT 'toolong'::varchar2(3);
SELECT CAST('toolong' AS varchar2(3));
UPDATE v2 SET name = name || 'zzz';
-- Characters, not bytes.
INSERT INTO v2 VALUES ('äöüßé', 'multibyte');
SELECT name, length(name), octet_length(name) FROM v2 ORDER BY name;
-- Implicit casts to and from text and varchar; text operators and functions.
SELECT name || '!' AS concat, upper(name), name = 'abc' AS eq, name LIKE 'ab%' AS like_ab,
       pg_typeof(name || 'x') FROM v2 ORDER BY name;
SELECT 'a'::varchar2 < 'b'::varchar2 AS lt, 'abc'::varchar2(10)::text, 'abc'::text::varchar2(3),
       'abc'::varchar(3)::varchar2(3), 'ab '::char(3)::varchar2 || '|' AS from_char;
SELECT substr(name, 2, 2), replace(name, 'b', 'B'), position('c' IN name) FROM v2 WHERE name = 'abc';
-- Indexes (btree and hash through text's operator classes) and their use.
CREATE INDEX v2_name_idx ON v2 (name);
CREATE INDEX v2_free_hash ON v2 USING hash (free);
CREATE UNIQUE INDEX v2_free_uniq ON v2 (free);
INSERT INTO v2 SELECT 'g' || i, 'free' || i FROM generate_series(1, 500) i;
ANALYZE v2;
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT * FROM v2 WHERE name = 'g42';
SELECT * FROM v2 WHERE name = 'g42';
RESET enable_seqscan;
INSERT INTO v2 VALUES ('dup', 'x');
-- Binary input (COPY BINARY) checks the length too.
CREATE TABLE v2_src (s text);
INSERT INTO v2_src VALUES ('okay'), ('much too long');
COPY (SELECT s FROM v2_src WHERE s = 'okay') TO '/tmp/plpolar_v2_ok.bin' (FORMAT binary);
COPY (SELECT s FROM v2_src WHERE s <> 'okay') TO '/tmp/plpolar_v2_long.bin' (FORMAT binary);
CREATE TABLE v2_bin (name varchar2(5));
COPY v2_bin FROM '/tmp/plpolar_v2_ok.bin' (FORMAT binary);
COPY v2_bin FROM '/tmp/plpolar_v2_long.bin' (FORMAT binary);
SELECT * FROM v2_bin;
-- Typmod display and catalog facts.
SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'v2'::regclass AND attnum > 0 ORDER BY attnum;
SELECT typname, typnamespace::regnamespace, typcategory FROM pg_type WHERE typname = 'varchar2';

-- VARCHAR2(n BYTE) in PL code limits bytes (of the database encoding);
-- VARCHAR2(n CHAR) and plain VARCHAR2(n) limit characters. 'äöü' is 3
-- characters and 6 bytes in UTF-8.
\set VERBOSITY default
SET plpolar.serveroutput = on;
DO LANGUAGE plpolar $$
DECLARE
  b VARCHAR2(6 BYTE) := 'äöü';  -- exactly 6 bytes
  c VARCHAR2(3 CHAR) := 'äöü';
  p VARCHAR2(3) := 'äöü';
  a VARCHAR2(4 byte) := 'ab';
  TYPE t IS RECORD (f VARCHAR2(4 BYTE) := 'äö');
  r t;
BEGIN
  a := a || 'ä';  -- 4 bytes
  DBMS_OUTPUT.PUT_LINE(b || ' ' || c || ' ' || p || ' ' || a || ' ' || r.f || ' ' || octet_length(b));
END;
$$;
-- a default
DO LANGUAGE plpolar $$
DECLARE b VARCHAR2(5 BYTE) := 'äöü';
BEGIN NULL; END;
$$;
-- an assignment: from a character-limited variable, appended to, a number
DO LANGUAGE plpolar $$
DECLARE c VARCHAR2(3 CHAR) := 'äöü'; b VARCHAR2(5 BYTE);
BEGIN b := c; END;
$$;
DO LANGUAGE plpolar $$
DECLARE b VARCHAR2(5 BYTE) := 'ab';
BEGIN b := b || 'ä'; b := b || 'ö'; END;
$$;
DO LANGUAGE plpolar $$
DECLARE b VARCHAR2(4 BYTE);
BEGIN b := 12345; END;
$$;
-- %TYPE keeps the byte limit; CAST to VARCHAR2(n BYTE) checks it
DO LANGUAGE plpolar $$
DECLARE b VARCHAR2(3 BYTE); b2 b%TYPE;
BEGIN b2 := 'äö'; END;
$$;
DO LANGUAGE plpolar $$
DECLARE s VARCHAR2(10) := 'äö';
BEGIN DBMS_OUTPUT.PUT_LINE(CAST(s AS VARCHAR2(3 BYTE))); END;
$$;
-- SELECT INTO, FETCH INTO, OUT arguments
DO LANGUAGE plpolar $$
DECLARE b VARCHAR2(3 BYTE);
BEGIN SELECT 'äö' INTO b; END;
$$;
-- a compressed value from a table: 10000 bytes
CREATE TABLE v2_big (s text);
INSERT INTO v2_big VALUES (repeat('ä', 5000));
DO LANGUAGE plpolar $$
DECLARE b VARCHAR2(10000 BYTE); c VARCHAR2(9999 BYTE);
BEGIN
  SELECT s INTO b FROM v2_big;
  SELECT s INTO c FROM v2_big;
END;
$$;
DO LANGUAGE plpolar $$
DECLARE
  CURSOR c IS SELECT 'äö' AS s;
  b VARCHAR2(3 BYTE);
BEGIN OPEN c; FETCH c INTO b; END;
$$;
DO LANGUAGE plpolar $$
DECLARE
  PROCEDURE p(x OUT VARCHAR2) IS BEGIN x := 'äö'; END;
  b VARCHAR2(3 BYTE);
BEGIN p(b); END;
$$;
-- parameters and results of nested subprograms, cursor parameters
DO LANGUAGE plpolar $$
DECLARE
  FUNCTION f(x VARCHAR2(3 BYTE)) RETURN VARCHAR2 IS BEGIN RETURN x; END;
BEGIN DBMS_OUTPUT.PUT_LINE(f('äö')); END;
$$;
DO LANGUAGE plpolar $$
DECLARE
  FUNCTION f(x VARCHAR2) RETURN VARCHAR2(3 BYTE) IS BEGIN RETURN x; END;
BEGIN DBMS_OUTPUT.PUT_LINE(f('äö')); END;
$$;
DO LANGUAGE plpolar $$
DECLARE
  CURSOR c(x VARCHAR2(3 BYTE)) IS SELECT x AS y;
BEGIN OPEN c('äö'); END;
$$;
-- record fields: assigned, defaulted, converted from another record
DO LANGUAGE plpolar $$
DECLARE TYPE t IS RECORD (f VARCHAR2(3 BYTE)); r t;
BEGIN r.f := 'äö'; END;
$$;
DO LANGUAGE plpolar $$
DECLARE TYPE t IS RECORD (f VARCHAR2(3 BYTE) := 'äö'); r t;
BEGIN NULL; END;
$$;
DO LANGUAGE plpolar $$
DECLARE
  TYPE t IS RECORD (f VARCHAR2(3 BYTE));
  TYPE u IS RECORD (g VARCHAR2(3 CHAR));
  r t;
  q u;
BEGIN
  q.g := 'äö';
  r := q;
END;
$$;
-- the error is VALUE_ERROR (ORA-06502)
DO LANGUAGE plpolar $$
DECLARE b VARCHAR2(3 BYTE);
BEGIN
  b := 'äö';
EXCEPTION WHEN VALUE_ERROR THEN
  DBMS_OUTPUT.PUT_LINE(SQLCODE || ' ' || SQLERRM);
END;
$$;
RESET plpolar.serveroutput;
