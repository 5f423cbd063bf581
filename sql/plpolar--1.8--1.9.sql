-- plpolar 1.8 -> 1.9
\echo Use "ALTER EXTENSION plpolar UPDATE TO '1.9'" to load this file. \quit

-- Object types (version 1.9): CREATE TYPE ... AS OBJECT and CREATE TYPE BODY
-- through plpolar.exec. A type's row in plpolar.packages names its composite
-- type; its methods are the package's subprograms (handler/exec_object_type.cpp).
ALTER TABLE plpolar.packages ADD COLUMN object_type text;

-- ALL_SOURCE / USER_SOURCE say TYPE and TYPE BODY for them.
CREATE OR REPLACE VIEW plpolar.all_source AS
    SELECT p.owner AS owner, p.name AS name,
           CASE WHEN p.object_type IS NULL THEN 'PACKAGE' ELSE 'TYPE' END::pg_catalog.text AS type,
           l.line::integer AS line, l.text AS text
      FROM plpolar.packages p,
           pg_catalog.regexp_split_to_table(p.spec, E'\n') WITH ORDINALITY AS l(text, line)
    UNION ALL
    SELECT p.owner, p.name, CASE WHEN p.object_type IS NULL THEN 'PACKAGE BODY' ELSE 'TYPE BODY' END,
           l.line::integer, l.text
      FROM plpolar.packages p,
           pg_catalog.regexp_split_to_table(p.body, E'\n') WITH ORDINALITY AS l(text, line)
     WHERE p.body IS NOT NULL
    UNION ALL
    SELECT r.rolname, f.proname,
           CASE WHEN f.prokind OPERATOR(pg_catalog.=) 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END,
           l.line::integer, l.text
      FROM pg_catalog.pg_proc f
      JOIN pg_catalog.pg_language g ON g.oid OPERATOR(pg_catalog.=) f.prolang
      JOIN pg_catalog.pg_roles r ON r.oid OPERATOR(pg_catalog.=) f.proowner,
           pg_catalog.regexp_split_to_table(f.prosrc, E'\n') WITH ORDINALITY AS l(text, line)
     WHERE g.lanname OPERATOR(pg_catalog.=) 'plpolar'
       AND NOT pg_catalog.starts_with(f.prosrc, '-- plpolar package member:');
CREATE OR REPLACE VIEW plpolar.user_source AS
    SELECT name, type, line, text FROM plpolar.all_source
     WHERE owner OPERATOR(pg_catalog.=) CURRENT_USER;
GRANT SELECT ON plpolar.all_source, plpolar.user_source TO PUBLIC;
