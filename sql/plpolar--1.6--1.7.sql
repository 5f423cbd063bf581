-- plpolar 1.6 -> 1.7
\echo Use "ALTER EXTENSION plpolar UPDATE TO '1.7'" to load this file. \quit

-- Built-ins that cost a query or a PL/pgSQL call each (version 1.7):
-- GREATEST / LEAST in C: the SQL functions cost a query per call.
CREATE OR REPLACE FUNCTION plpolar.greatest(VARIADIC anycompatiblearray) RETURNS anycompatible
    AS 'MODULE_PATHNAME', 'plpolar_greatest' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION plpolar.least(VARIADIC anycompatiblearray) RETURNS anycompatible
    AS 'MODULE_PATHNAME', 'plpolar_least' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
-- INSTR in C: the PL/pgSQL function cost a few microseconds a call.
CREATE OR REPLACE FUNCTION plpolar.instr(str text, sub text, pos numeric DEFAULT 1, occurrence numeric DEFAULT 1)
    RETURNS integer AS 'MODULE_PATHNAME', 'plpolar_instr' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
-- Not STRICT, so that PostgreSQL inlines them (it inlines a STRICT SQL
-- function only when its body is strict, and nullif and CASE are not):
-- each returns NULL for a NULL argument anyway.
ALTER FUNCTION plpolar.length(text) CALLED ON NULL INPUT;
ALTER FUNCTION plpolar.lpad(text, numeric, text) CALLED ON NULL INPUT;
ALTER FUNCTION plpolar.lpad(numeric, numeric, text) CALLED ON NULL INPUT;
ALTER FUNCTION plpolar.rpad(text, numeric, text) CALLED ON NULL INPUT;
ALTER FUNCTION plpolar.rpad(numeric, numeric, text) CALLED ON NULL INPUT;
ALTER FUNCTION plpolar.mod(integer, integer) CALLED ON NULL INPUT;
ALTER FUNCTION plpolar.mod(bigint, bigint) CALLED ON NULL INPUT;
ALTER FUNCTION plpolar.mod(numeric, numeric) CALLED ON NULL INPUT;
ALTER FUNCTION plpolar.to_number(text) CALLED ON NULL INPUT;
ALTER FUNCTION plpolar.to_date(text) CALLED ON NULL INPUT;
ALTER FUNCTION plpolar.to_date(text, text) CALLED ON NULL INPUT;

-- The plpolar client program (bindir/plpolar) runs Oracle scripts with
-- SQL*Plus habits; queries whose rows it prints, and the errors it reports,
-- go through the same translations as plpolar.exec and PL code.
CREATE FUNCTION plpolar.translate_sql(statement text) RETURNS text
    AS 'MODULE_PATHNAME', 'plpolar_translate_sql' LANGUAGE C STRICT STABLE;
COMMENT ON FUNCTION plpolar.translate_sql(text) IS 'the PostgreSQL form of an Oracle query or DML statement, as plpolar.exec runs it';
CREATE FUNCTION plpolar.oracle_message(sqlstate text, message text, schema_name text DEFAULT NULL,
                                       table_name text DEFAULT NULL, column_name text DEFAULT NULL,
                                       constraint_name text DEFAULT NULL) RETURNS text
    AS 'MODULE_PATHNAME', 'plpolar_oracle_message' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION plpolar.oracle_message(text, text, text, text, text, text) IS 'the Oracle text of an error (what SQLERRM shows in a handler): ORA-nnnnn: ..., or PG-<sqlstate>: ... without an Oracle number';

-- Oracle's disabled constraints. PostgreSQL has none, so ALTER TABLE ...
-- DISABLE CONSTRAINT c (through plpolar.exec and EXECUTE IMMEDIATE) drops the
-- constraint and keeps its definition here, and ENABLE [NOVALIDATE]
-- CONSTRAINT c adds it back (checking the rows, or NOT VALID): what install
-- scripts do around a data load. Rows are the session user's business only
-- for tables their role may alter (row-level security on the owner), so
-- nobody can plant a definition for another's table; they belong to the
-- table's OID and are not dumped (a disabled constraint is a load's state).
CREATE TABLE plpolar.disabled_constraints (
    table_oid oid NOT NULL,
    constraint_name name NOT NULL,
    contype "char" NOT NULL,
    definition text NOT NULL,  -- pg_get_constraintdef, names qualified
    PRIMARY KEY (table_oid, constraint_name)
);
ALTER TABLE plpolar.disabled_constraints ENABLE ROW LEVEL SECURITY;
CREATE POLICY table_owner ON plpolar.disabled_constraints USING (
    pg_catalog.pg_has_role(CURRENT_USER,
                           (SELECT c.relowner FROM pg_catalog.pg_class c
                             WHERE c.oid OPERATOR(pg_catalog.=) table_oid), 'USAGE'));
GRANT SELECT, INSERT, DELETE ON plpolar.disabled_constraints TO PUBLIC;

CREATE FUNCTION plpolar.disable_constraint(tab regclass, name text, cascade boolean DEFAULT false) RETURNS void
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    con record;
    dep record;
BEGIN
    -- Oracle's ORA-01031 before PostgreSQL's "must be owner".
    IF NOT pg_catalog.pg_has_role(CURRENT_USER, (SELECT c.relowner FROM pg_catalog.pg_class c
                                                  WHERE c.oid OPERATOR(pg_catalog.=) tab), 'USAGE') THEN
        RAISE EXCEPTION 'ORA-01031: insufficient privileges' USING ERRCODE = '42501',
              DETAIL = format('Only the owner of table %s disables its constraints.', tab);
    END IF;
    -- Rows of tables dropped since (only a superuser sees those of others).
    DELETE FROM plpolar.disabled_constraints d
     WHERE NOT EXISTS (SELECT FROM pg_catalog.pg_class c WHERE c.oid OPERATOR(pg_catalog.=) d.table_oid);
    -- NULL: the primary key (DISABLE PRIMARY KEY)
    SELECT c.oid, c.conname, c.contype, c.conindid, pg_catalog.pg_get_constraintdef(c.oid) AS def INTO con
      FROM pg_catalog.pg_constraint c
     WHERE c.conrelid OPERATOR(pg_catalog.=) tab
       AND (CASE WHEN name IS NULL THEN c.contype OPERATOR(pg_catalog.=) 'p'
                 ELSE c.conname OPERATOR(pg_catalog.=) name END);
    IF NOT FOUND THEN
        -- Disabled already: Oracle says nothing either.
        IF EXISTS (SELECT FROM plpolar.disabled_constraints d
                    WHERE d.table_oid OPERATOR(pg_catalog.=) tab
                      AND (CASE WHEN name IS NULL THEN d.contype OPERATOR(pg_catalog.=) 'p'
                                ELSE d.constraint_name OPERATOR(pg_catalog.=) name END)) THEN
            RETURN;
        END IF;
        RAISE EXCEPTION 'ORA-02431: cannot disable constraint (%) - no such constraint',
                        coalesce(name, 'primary key of ' || tab::text)
              USING ERRCODE = '42704',
                    HINT = 'A named NOT NULL constraint is the column''s NOT NULL here: ALTER TABLE ... MODIFY (column NULL) lifts it.';
    END IF;
    -- A key that foreign keys reference: Oracle's CASCADE disables them too.
    FOR dep IN SELECT f.conrelid::regclass AS tab, f.conname FROM pg_catalog.pg_constraint f
                WHERE f.contype OPERATOR(pg_catalog.=) 'f' AND f.confrelid OPERATOR(pg_catalog.=) tab
                  AND con.contype IN ('p', 'u') AND f.conindid OPERATOR(pg_catalog.=) con.conindid LOOP
        IF NOT cascade THEN
            RAISE EXCEPTION 'ORA-02297: cannot disable constraint (%) - dependencies exist', con.conname
                  USING ERRCODE = '2BP01', DETAIL = format('Foreign key %s of %s references it.', dep.conname, dep.tab),
                        HINT = 'DISABLE CONSTRAINT ... CASCADE disables the foreign keys too.';
        END IF;
        PERFORM plpolar.disable_constraint(dep.tab, dep.conname);
    END LOOP;
    DELETE FROM plpolar.disabled_constraints d
     WHERE d.table_oid OPERATOR(pg_catalog.=) tab AND d.constraint_name OPERATOR(pg_catalog.=) con.conname;
    INSERT INTO plpolar.disabled_constraints VALUES (tab, con.conname, con.contype, con.def);
    EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', tab, con.conname);
END
$$;
COMMENT ON FUNCTION plpolar.disable_constraint(regclass, text, boolean) IS 'Oracle''s ALTER TABLE ... DISABLE CONSTRAINT: drops the constraint, keeping its definition for enable_constraint';

CREATE FUNCTION plpolar.enable_constraint(tab regclass, name text, validate boolean DEFAULT true) RETURNS void
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    d record;
    def text;
BEGIN
    IF NOT pg_catalog.pg_has_role(CURRENT_USER, (SELECT c.relowner FROM pg_catalog.pg_class c
                                                  WHERE c.oid OPERATOR(pg_catalog.=) tab), 'USAGE') THEN
        RAISE EXCEPTION 'ORA-01031: insufficient privileges' USING ERRCODE = '42501',
              DETAIL = format('Only the owner of table %s enables its constraints.', tab);
    END IF;
    SELECT * INTO d FROM plpolar.disabled_constraints x
     WHERE x.table_oid OPERATOR(pg_catalog.=) tab
       AND (CASE WHEN name IS NULL THEN x.contype OPERATOR(pg_catalog.=) 'p'
                 ELSE x.constraint_name OPERATOR(pg_catalog.=) name END);
    IF NOT FOUND THEN
        -- Enabled already.
        IF EXISTS (SELECT FROM pg_catalog.pg_constraint c
                    WHERE c.conrelid OPERATOR(pg_catalog.=) tab
                      AND (CASE WHEN name IS NULL THEN c.contype OPERATOR(pg_catalog.=) 'p'
                                ELSE c.conname OPERATOR(pg_catalog.=) name END)) THEN
            RETURN;
        END IF;
        RAISE EXCEPTION 'ORA-02430: cannot enable constraint (%) - no such constraint',
                        coalesce(name, 'primary key of ' || tab::text) USING ERRCODE = '42704';
    END IF;
    def := pg_catalog.regexp_replace(d.definition, ' NOT VALID$', '');
    -- ENABLE NOVALIDATE: the rows there are not checked, new ones are.
    IF NOT validate AND d.contype IN ('f', 'c') THEN
        def := def OPERATOR(pg_catalog.||) ' NOT VALID';
    END IF;
    BEGIN
        EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I %s', tab, d.constraint_name, def);
    EXCEPTION
        WHEN foreign_key_violation THEN
            RAISE EXCEPTION 'ORA-02298: cannot validate (%) - parent keys not found', d.constraint_name
                  USING ERRCODE = '23503', DETAIL = SQLERRM;
        WHEN check_violation THEN
            RAISE EXCEPTION 'ORA-02293: cannot validate (%) - check constraint violated', d.constraint_name
                  USING ERRCODE = '23514', DETAIL = SQLERRM;
        WHEN unique_violation THEN
            RAISE EXCEPTION 'ORA-02437: cannot validate (%) - primary key violated', d.constraint_name
                  USING ERRCODE = '23505', DETAIL = SQLERRM;
        WHEN not_null_violation THEN
            RAISE EXCEPTION 'ORA-02296: cannot enable (%) - null values found', d.constraint_name
                  USING ERRCODE = '23502', DETAIL = SQLERRM;
    END;
    DELETE FROM plpolar.disabled_constraints x
     WHERE x.table_oid OPERATOR(pg_catalog.=) tab AND x.constraint_name OPERATOR(pg_catalog.=) d.constraint_name;
END
$$;
COMMENT ON FUNCTION plpolar.enable_constraint(regclass, text, boolean) IS 'Oracle''s ALTER TABLE ... ENABLE [NOVALIDATE] CONSTRAINT: adds a disabled constraint back';
