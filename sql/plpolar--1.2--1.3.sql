-- plpolar 1.2 -> 1.3
\echo Use "ALTER EXTENSION plpolar UPDATE TO '1.3'" to load this file. \quit

-- Every object added in 1.3 is created here exactly as sql/plpolar--1.3.sql
-- creates it (the regression test upgrade compares both).

-- Packages ------------------------------------------------------------------
-- CREATE PACKAGE through plpolar.exec: a package is a schema of its name
-- holding its public subprograms as LANGUAGE plpolar routines; their code is
-- the package's, whose specification and body are one row here. A
-- configuration table, so that pg_dump carries the sources with the schema.
-- Rows are written only by plpolar.exec (with the table owner's rights,
-- after checking that the caller owns the package's schema); anyone may read
-- them, as anyone may read pg_proc.prosrc.
CREATE SEQUENCE plpolar.package_versions;
CREATE TABLE plpolar.packages (
    name name PRIMARY KEY,       -- the package's schema
    owner name NOT NULL,         -- its creator
    definer boolean NOT NULL,    -- AUTHID DEFINER (Oracle's default)
    search_path text NOT NULL,   -- definer rights: the creator's path, pinned
    spec text NOT NULL,          -- from IS / AS to END [name];
    spec_line integer NOT NULL,  -- script line of the spec's IS / AS when created
    body text,                   -- NULL: no body yet
    body_line integer NOT NULL,
    version bigint NOT NULL      -- new on every change
);
SELECT pg_catalog.pg_extension_config_dump('plpolar.packages', '');
REVOKE ALL ON plpolar.packages FROM PUBLIC;
GRANT SELECT ON plpolar.packages TO PUBLIC;
REVOKE ALL ON SEQUENCE plpolar.package_versions FROM PUBLIC;

-- Oracle's ALL_SOURCE / USER_SOURCE: package specifications and bodies, and
-- the standalone plpolar functions and procedures, line by line.
CREATE VIEW plpolar.all_source AS
    SELECT p.owner AS owner, p.name AS name, 'PACKAGE'::pg_catalog.text AS type,
           l.line::integer AS line, l.text AS text
      FROM plpolar.packages p,
           pg_catalog.regexp_split_to_table(p.spec, E'\n') WITH ORDINALITY AS l(text, line)
    UNION ALL
    SELECT p.owner, p.name, 'PACKAGE BODY', l.line::integer, l.text
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
CREATE VIEW plpolar.user_source AS
    SELECT name, type, line, text FROM plpolar.all_source
     WHERE owner OPERATOR(pg_catalog.=) CURRENT_USER;
GRANT SELECT ON plpolar.all_source, plpolar.user_source TO PUBLIC;
