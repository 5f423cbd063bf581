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
-- Built-ins: orafce's and plpolar's side by side. Inside plpolar code an
-- unqualified name is plpolar's whatever the search_path; plain SQL finds
-- whichever schema comes first.
SELECT oracle.substr('abcdef', -3) AS orafce_substr, plpolar.substr('abcdef', -3) AS plpolar_substr,
       oracle.nvl(NULL::int, 1) AS orafce_nvl, plpolar.nvl(NULL::int, 2) AS plpolar_nvl;
CREATE FUNCTION coexist_builtins() RETURNS text LANGUAGE plpolar AS $$
DECLARE
  v VARCHAR2(20);
BEGIN
  SELECT substr('abcdef', -2) || decode(1, 1, '+', '-') INTO v FROM dual;
  RETURN SUBSTR('abcdef', -3) || ' ' || NVL(NULL, 'n') || ' ' || v || ' ' || TO_CHAR(ADD_MONTHS(DATE '2024-01-31', 1), 'MM-DD');
END;
$$;
SELECT coexist_builtins();
-- DBMS_OUTPUT in plpolar code is plpolar's, not orafce's dbms_output
-- schema; orafce's keeps its own buffer for SQL callers.
SET plpolar.serveroutput = on;
DO LANGUAGE plpolar $$ BEGIN DBMS_OUTPUT.PUT_LINE('from plpolar'); END $$;
RESET plpolar.serveroutput;
SELECT dbms_output.enable();
SELECT dbms_output.put_line('from orafce');
DO LANGUAGE plpolar $$
DECLARE
  line VARCHAR2(100);
  status INTEGER;
BEGIN
  DBMS_OUTPUT.GET_LINE(line, status);
  IF status = 0 THEN
    RAISE_APPLICATION_ERROR(-20001, 'plpolar read orafce''s line: ' || line);
  END IF;
END $$;
SELECT * FROM dbms_output.get_line();
DROP FUNCTION coexist_builtins();
RESET search_path;
DROP TABLE oracle.search_path_test, both_types;
DROP FUNCTION uses_both(varchar2);
DROP EXTENSION orafce;
