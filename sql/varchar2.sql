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
