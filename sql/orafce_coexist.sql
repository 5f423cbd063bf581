-- plpolar and orafce in one database: both libraries load (no clashing C
-- symbols), and unqualified varchar2 means pg_catalog.varchar2 (plpolar's).
CREATE EXTENSION orafce;
CREATE TABLE both_types (a varchar2(3), b oracle.varchar2(3));
SELECT attname, format_type(atttypid, atttypmod), atttypid::regtype::text AS regtype,
       (SELECT nspname FROM pg_namespace n JOIN pg_type t ON t.typnamespace = n.oid WHERE t.oid = atttypid) AS schema
FROM pg_attribute WHERE attrelid = 'both_types'::regclass AND attnum > 0 ORDER BY attnum;
INSERT INTO both_types VALUES ('abc', 'abc');
INSERT INTO both_types VALUES ('abcd', 'abc');
INSERT INTO both_types VALUES ('abc', 'abcd');
-- orafce functions and plpolar functions work side by side.
SELECT oracle.nvl(NULL::int, 5) AS orafce_nvl, oracle.add_months(DATE '2024-01-31', 1) AS orafce_add_months;
CREATE FUNCTION uses_both(p varchar2) RETURNS text LANGUAGE plpolar AS $$
DECLARE
  v VARCHAR2(10) := p;
BEGIN
  RETURN pg_typeof(v) || ' ' || oracle.nvl(v, 'none') || ' ' || length(v);
END;
$$;
SELECT uses_both('xy'), uses_both(NULL);
-- With oracle first in the search_path, pg_catalog (searched first) still wins.
SET search_path = oracle, public;
CREATE TABLE search_path_test (c varchar2(2));
SELECT format_type(atttypid, atttypmod), (SELECT typnamespace::regnamespace FROM pg_type WHERE oid = atttypid) AS schema
FROM pg_attribute WHERE attrelid = 'search_path_test'::regclass AND attname = 'c';
RESET search_path;
DROP TABLE oracle.search_path_test, both_types;
DROP FUNCTION uses_both(varchar2);
DROP EXTENSION orafce;
