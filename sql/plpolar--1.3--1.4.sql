-- plpolar 1.3 -> 1.4
\echo Use "ALTER EXTENSION plpolar UPDATE TO '1.4'" to load this file. \quit

-- Every object added in 1.4 is created here exactly as sql/plpolar--1.4.sql
-- creates it (the regression test upgrade compares both).

-- Collections -----------------------------------------------------------------
-- The values of PL/SQL collection variables (TABLE OF, VARRAY, INDEX BY),
-- made and read by PL/polar code only: its input function refuses text.
CREATE TYPE plpolar.collection;
CREATE FUNCTION plpolar.collection_in(cstring) RETURNS plpolar.collection
    AS 'MODULE_PATHNAME', 'plpolar_collection_in' LANGUAGE C STRICT IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION plpolar.collection_out(plpolar.collection) RETURNS cstring
    AS 'MODULE_PATHNAME', 'plpolar_collection_out' LANGUAGE C STRICT STABLE PARALLEL SAFE;
CREATE TYPE plpolar.collection (
    INPUT = plpolar.collection_in,
    OUTPUT = plpolar.collection_out,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = extended
);
COMMENT ON TYPE plpolar.collection IS 'a PL/polar collection value (nested table, varray or associative array)';
