// Oracle table DDL in PostgreSQL's terms (parser::TranslateOracleDdl) and
// Oracle's type names (compile::MapOracleSqlTypeName), without a server.
#include <gtest/gtest.h>

#include "plpolar/compile/oracle_types.hpp"
#include "plpolar/parser/ddl.hpp"
#include "plpolar/parser/parser.hpp"

using plpolar::compile::MapOracleSqlTypeName;
using plpolar::parser::DdlCatalog;
using plpolar::parser::DdlTranslation;
using plpolar::parser::DdlUnsupported;
using plpolar::parser::SyntaxError;
using plpolar::parser::TranslateOracleDdl;

namespace {

DdlTranslation Translate(const std::string &sql) {
    auto t = TranslateOracleDdl(sql, MapOracleSqlTypeName);
    if (!t) throw std::runtime_error("not translated: " + sql);
    return *t;
}

std::string One(const std::string &sql) {
    DdlTranslation t = Translate(sql);
    EXPECT_EQ(t.statements.size(), 1u) << sql;
    return t.statements.empty() ? std::string() : t.statements[0];
}

}  // namespace

TEST(OracleTypes, SqlTypeNames) {
    EXPECT_EQ(MapOracleSqlTypeName("NUMBER"), "pg_catalog.number");
    EXPECT_EQ(MapOracleSqlTypeName("NUMBER(10,2)"), "pg_catalog.number(10,2)");
    EXPECT_EQ(MapOracleSqlTypeName("number(*,2)"), "pg_catalog.number(38,2)");
    EXPECT_EQ(MapOracleSqlTypeName("INTEGER"), "pg_catalog.number(38)");
    EXPECT_EQ(MapOracleSqlTypeName("DECIMAL(8,3)"), "pg_catalog.number(8,3)");
    EXPECT_EQ(MapOracleSqlTypeName("FLOAT(126)"), "pg_catalog.number");
    EXPECT_EQ(MapOracleSqlTypeName("DOUBLE PRECISION"), "pg_catalog.number");
    EXPECT_EQ(MapOracleSqlTypeName("VARCHAR2(20 CHAR)"), "pg_catalog.varchar2(20)");
    EXPECT_EQ(MapOracleSqlTypeName("NVARCHAR2(20)"), "pg_catalog.varchar2(20)");
    EXPECT_EQ(MapOracleSqlTypeName("CHAR(3 BYTE)"), "char(3)");
    EXPECT_EQ(MapOracleSqlTypeName("NCHAR(2)"), "char(2)");
    EXPECT_EQ(MapOracleSqlTypeName("DATE"), "timestamp(0) without time zone");
    EXPECT_EQ(MapOracleSqlTypeName("CLOB"), "text");
    EXPECT_EQ(MapOracleSqlTypeName("NCLOB"), "text");
    EXPECT_EQ(MapOracleSqlTypeName("LONG"), "text");
    EXPECT_EQ(MapOracleSqlTypeName("BLOB"), "bytea");
    EXPECT_EQ(MapOracleSqlTypeName("RAW(16)"), "bytea");
    EXPECT_EQ(MapOracleSqlTypeName("LONG RAW"), "bytea");
    EXPECT_EQ(MapOracleSqlTypeName("BINARY_FLOAT"), "real");
    EXPECT_EQ(MapOracleSqlTypeName("BINARY_DOUBLE"), "double precision");
    EXPECT_EQ(MapOracleSqlTypeName("XMLTYPE"), "xml");
    EXPECT_EQ(MapOracleSqlTypeName("TIMESTAMP(6)"), "TIMESTAMP(6)");
    EXPECT_EQ(MapOracleSqlTypeName("TIMESTAMP (3) WITH LOCAL TIME ZONE"), "timestamp(3) with time zone");
    EXPECT_EQ(MapOracleSqlTypeName("TIMESTAMP WITH LOCAL TIME ZONE"), "timestamp with time zone");
    // Oracle's TIMESTAMP is TIMESTAMP(6): the typmod tells it from a DATE.
    EXPECT_EQ(MapOracleSqlTypeName("TIMESTAMP"), "timestamp(6) without time zone");
    EXPECT_EQ(MapOracleSqlTypeName("timestamp(3)"), "timestamp(3)");
    EXPECT_EQ(MapOracleSqlTypeName("TIMESTAMP WITH TIME ZONE"), "TIMESTAMP WITH TIME ZONE");
    EXPECT_EQ(MapOracleSqlTypeName("TIMESTAMP(6) WITH TIME ZONE"), "TIMESTAMP(6) WITH TIME ZONE");
    EXPECT_EQ(MapOracleSqlTypeName("INTERVAL YEAR(2) TO MONTH"), "interval year to month");
    EXPECT_EQ(MapOracleSqlTypeName("INTERVAL DAY(3) TO SECOND(2)"), "interval day to second(2)");
    EXPECT_EQ(MapOracleSqlTypeName("INTERVAL DAY TO SECOND"), "interval day to second");
    // Not Oracle's: left for PostgreSQL to resolve.
    EXPECT_EQ(MapOracleSqlTypeName("text"), "text");
    EXPECT_EQ(MapOracleSqlTypeName("myschema.mytype"), "myschema.mytype");
}

TEST(OracleDdl, ColumnsAndConstraints) {
    EXPECT_EQ(One("CREATE TABLE t (id NUMBER(10) NOT NULL, name VARCHAR2(30), d DATE DEFAULT SYSDATE)"),
              "CREATE TABLE t (id pg_catalog.number(10) NOT NULL, name pg_catalog.varchar2(30), d timestamp(0) "
              "without time zone DEFAULT plpolar.sysdate())");
    EXPECT_EQ(One("create table t (c number constraint c_nn not null enable, "
                  "constraint t_pk primary key (c) using index tablespace users enable validate)"),
              "CREATE TABLE t (c pg_catalog.number CONSTRAINT c_nn NOT NULL, CONSTRAINT t_pk PRIMARY KEY (c))");
    EXPECT_EQ(One("CREATE TABLE t (p NUMBER REFERENCES parent (id) ON DELETE CASCADE, "
                  "CONSTRAINT fk FOREIGN KEY (p) REFERENCES parent ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED)"),
              "CREATE TABLE t (p pg_catalog.number REFERENCES parent (id) ON DELETE CASCADE, CONSTRAINT fk FOREIGN KEY "
              "(p) REFERENCES parent ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED)");
    // CHECK expressions are Oracle's SQL.
    EXPECT_EQ(One("CREATE TABLE t (a VARCHAR2(5) CHECK (NVL(a, 'x') <> 'y'))"),
              "CREATE TABLE t (a pg_catalog.varchar2(5) CHECK (plpolar.nvl(a, 'x') <> 'y'))");
    // A named disabled constraint is created, then disabled (so that ENABLE
    // finds it); an unnamed one is not created; the row says so.
    DdlTranslation d = Translate("CREATE TABLE t (a NUMBER, CONSTRAINT a_pos CHECK (a > 0) DISABLE)");
    ASSERT_EQ(d.statements.size(), 2u);
    EXPECT_EQ(d.statements[0], "CREATE TABLE t (a pg_catalog.number, CONSTRAINT a_pos CHECK (a > 0))");
    EXPECT_EQ(d.statements[1], "SELECT plpolar.disable_constraint('t'::pg_catalog.regclass, 'a_pos', false)");
    EXPECT_NE(d.action.find("created and disabled"), std::string::npos) << d.action;
    d = Translate("CREATE TABLE t (a NUMBER CHECK (a > 0) DISABLE)");
    EXPECT_EQ(d.statements, std::vector<std::string>{"CREATE TABLE t (a pg_catalog.number)"});
    EXPECT_NE(d.action.find("not created"), std::string::npos) << d.action;
    // PostgreSQL's own clauses stay.
    EXPECT_EQ(One("CREATE TABLE t (id serial PRIMARY KEY, x text COLLATE \"C\", LIKE other)"),
              "CREATE TABLE t (id serial PRIMARY KEY, x text COLLATE \"C\", LIKE other)");
    EXPECT_FALSE(TranslateOracleDdl("CREATE TABLE p1 PARTITION OF p FOR VALUES IN (1)", MapOracleSqlTypeName));
    EXPECT_FALSE(TranslateOracleDdl("INSERT INTO t VALUES (1)", MapOracleSqlTypeName));
}

TEST(OracleDdl, ByteLimits) {
    EXPECT_EQ(One("CREATE TABLE s.t (n VARCHAR2(10 BYTE), c CHAR(2 BYTE), r RAW(16), k VARCHAR2(10 CHAR))"),
              "CREATE TABLE s.t (n pg_catalog.varchar2(10), c char(2), r bytea, k pg_catalog.varchar2(10), "
              "CONSTRAINT t_n_bytes CHECK (pg_catalog.octet_length(n) OPERATOR(pg_catalog.<=) 10), "
              "CONSTRAINT t_c_bytes CHECK (pg_catalog.octet_length(c) OPERATOR(pg_catalog.<=) 2), "
              "CONSTRAINT t_r_bytes CHECK (pg_catalog.octet_length(r) OPERATOR(pg_catalog.<=) 16))");
    EXPECT_EQ(One("ALTER TABLE t MODIFY (n VARCHAR2(20 BYTE))"),
              "ALTER TABLE t ALTER COLUMN n TYPE pg_catalog.varchar2(20), DROP CONSTRAINT IF EXISTS t_n_bytes, "
              "ADD CONSTRAINT t_n_bytes CHECK (pg_catalog.octet_length(n) OPERATOR(pg_catalog.<=) 20)");
}

TEST(OracleDdl, IdentityAndVirtualColumns) {
    DdlTranslation t = Translate(
        "CREATE TABLE t (id NUMBER GENERATED BY DEFAULT ON NULL AS IDENTITY (START WITH 10 NOCACHE), "
        "a NUMBER, b NUMBER AS (a * 2) VIRTUAL, c NUMBER GENERATED ALWAYS AS (a + 1))");
    EXPECT_EQ(t.statements[0],
              "CREATE TABLE t (id bigint GENERATED BY DEFAULT AS IDENTITY ( START WITH 10 CACHE 1), a "
              "pg_catalog.number, b pg_catalog.number GENERATED ALWAYS AS (a * 2) STORED, c pg_catalog.number "
              "GENERATED ALWAYS AS (a + 1) STORED)");
    EXPECT_NE(t.action.find("an inserted NULL is an error here"), std::string::npos);
    EXPECT_NE(t.action.find("identity column id is bigint"), std::string::npos);
    EXPECT_THROW(Translate("CREATE TABLE t (a NUMBER, b AS (a * 2))"), SyntaxError);
    EXPECT_THROW(Translate("CREATE TABLE t (a NUMBER DEFAULT ON NULL 0)"), DdlUnsupported);
}

TEST(OracleDdl, StorageClauses) {
    DdlTranslation t = Translate(
        "CREATE TABLE t (a CLOB) SEGMENT CREATION IMMEDIATE PCTFREE 10 PCTUSED 40 INITRANS 1 MAXTRANS 255 "
        "NOCOMPRESS LOGGING STORAGE(INITIAL 65536 NEXT 1048576 MINEXTENTS 1 BUFFER_POOL DEFAULT) "
        "TABLESPACE \"USERS\" LOB (a) STORE AS SECUREFILE (TABLESPACE users ENABLE STORAGE IN ROW CHUNK 8192) "
        "CACHE MONITORING PARALLEL 4 ROW STORE COMPRESS ADVANCED ENABLE ROW MOVEMENT");
    EXPECT_EQ(t.statements[0], "CREATE TABLE t (a text) WITH (fillfactor = 90)");
    EXPECT_EQ(t.action,
              "CREATE TABLE t; PCTFREE 10 is fillfactor = 90; no effect here: SEGMENT CREATION IMMEDIATE, PCTUSED 40, "
              "INITRANS 1, MAXTRANS 255, NOCOMPRESS, LOGGING, STORAGE (...), TABLESPACE \"USERS\", LOB (...) STORE "
              "AS SECUREFILE (...), CACHE, MONITORING, PARALLEL 4, ROW STORE COMPRESS ADVANCED, ENABLE ROW "
              "MOVEMENT");
    EXPECT_NE(Translate("CREATE TABLE t (a NUMBER PRIMARY KEY) ORGANIZATION INDEX").action.find("heap table"),
              std::string::npos);
    EXPECT_THROW(Translate("CREATE TABLE t (a NUMBER) ORGANIZATION EXTERNAL (TYPE oracle_loader)"), DdlUnsupported);
    EXPECT_THROW(Translate("CREATE GLOBAL TEMPORARY TABLE t (a NUMBER) ON COMMIT DELETE ROWS"), DdlUnsupported);
    EXPECT_EQ(One("CREATE TABLE t2 AS SELECT NVL(a, 0) a FROM t"),
              "CREATE TABLE t2 AS SELECT plpolar.nvl(a, 0) a FROM t");
}

TEST(OracleDdl, Partitions) {
    DdlTranslation r = Translate(
        "CREATE TABLE s.sales (id NUMBER, d DATE) PARTITION BY RANGE (d) "
        "(PARTITION p1 VALUES LESS THAN (DATE '2020-01-01') TABLESPACE x, PARTITION p2 VALUES LESS THAN (MAXVALUE))");
    ASSERT_EQ(r.statements.size(), 3u);
    EXPECT_EQ(r.statements[0],
              "CREATE TABLE s.sales (id pg_catalog.number, d timestamp(0) without time zone) PARTITION BY RANGE (d)");
    EXPECT_EQ(r.statements[1],
              "CREATE TABLE s.sales_p1 PARTITION OF s.sales FOR VALUES FROM (MINVALUE) TO (DATE '2020-01-01')");
    EXPECT_EQ(r.statements[2],
              "CREATE TABLE s.sales_p2 PARTITION OF s.sales FOR VALUES FROM (DATE '2020-01-01') TO (MAXVALUE)");
    DdlTranslation l = Translate(
        "CREATE TABLE t (r VARCHAR2(2)) PARTITION BY LIST (r) (PARTITION east VALUES ('E', 'NE'), "
        "PARTITION other VALUES (DEFAULT))");
    EXPECT_EQ(l.statements[1], "CREATE TABLE t_east PARTITION OF t FOR VALUES IN ('E', 'NE')");
    EXPECT_EQ(l.statements[2], "CREATE TABLE t_other PARTITION OF t DEFAULT");
    DdlTranslation h = Translate("CREATE TABLE t (a NUMBER) PARTITION BY HASH (a) PARTITIONS 2");
    ASSERT_EQ(h.statements.size(), 3u);
    EXPECT_EQ(h.statements[2], "CREATE TABLE t_p2 PARTITION OF t FOR VALUES WITH (MODULUS 2, REMAINDER 1)");
    EXPECT_THROW(Translate("CREATE TABLE t (d DATE) PARTITION BY RANGE (d) INTERVAL (NUMTOYMINTERVAL(1,'MONTH')) "
                           "(PARTITION p0 VALUES LESS THAN (DATE '2020-01-01'))"),
                 DdlUnsupported);
    EXPECT_THROW(Translate("CREATE TABLE t (a NUMBER) PARTITION BY RANGE (a) SUBPARTITION BY HASH (a) "
                           "(PARTITION p0 VALUES LESS THAN (1))"),
                 DdlUnsupported);
}

TEST(OracleDdl, AlterTable) {
    EXPECT_EQ(One("ALTER TABLE t ADD (a NUMBER(3) DEFAULT 0 NOT NULL, b DATE)"),
              "ALTER TABLE t ADD COLUMN a pg_catalog.number(3) DEFAULT 0 NOT NULL, ADD COLUMN b timestamp(0) without "
              "time zone");
    EXPECT_EQ(One("ALTER TABLE t ADD c VARCHAR2(10)"), "ALTER TABLE t ADD COLUMN c pg_catalog.varchar2(10)");
    EXPECT_EQ(One("ALTER TABLE t MODIFY (a NUMBER(5) DEFAULT 1, b NULL)"),
              "ALTER TABLE t ALTER COLUMN a TYPE pg_catalog.number(5), ALTER COLUMN a SET DEFAULT 1, ALTER COLUMN b "
              "DROP NOT NULL");
    EXPECT_EQ(One("ALTER TABLE t MODIFY a NOT NULL"), "ALTER TABLE t ALTER COLUMN a SET NOT NULL");
    EXPECT_EQ(One("ALTER TABLE t DROP (a, b)"), "ALTER TABLE t DROP COLUMN a, DROP COLUMN b");
    EXPECT_EQ(One("ALTER TABLE t DROP COLUMN a CASCADE CONSTRAINTS"), "ALTER TABLE t DROP COLUMN a CASCADE");
    EXPECT_EQ(One("ALTER TABLE t DISABLE ALL TRIGGERS"), "ALTER TABLE t DISABLE TRIGGER USER");
    EXPECT_EQ(One("ALTER TABLE t ADD CONSTRAINT ck CHECK (a > 0) ENABLE NOVALIDATE"),
              "ALTER TABLE t ADD CONSTRAINT ck CHECK (a > 0) NOT VALID");
    EXPECT_EQ(One("ALTER TABLE t RENAME COLUMN a TO b"), "ALTER TABLE t RENAME COLUMN a TO b");
    EXPECT_EQ(One("ALTER TABLE t ALTER COLUMN a SET DEFAULT 0"), "ALTER TABLE t ALTER COLUMN a SET DEFAULT 0");
    // Oracle's ADD CONSTRAINT takes over an existing index of that name.
    DdlTranslation k = Translate("ALTER TABLE t ADD (CONSTRAINT t_pk PRIMARY KEY (id))");
    EXPECT_EQ(k.statements[0], "ALTER TABLE t ADD CONSTRAINT t_pk PRIMARY KEY (id)");
    ASSERT_EQ(k.reuse.size(), 1u);
    EXPECT_EQ(k.reuse[0].index, "t_pk");
    EXPECT_EQ(k.reuse[0].sql, "ALTER TABLE t ADD CONSTRAINT t_pk PRIMARY KEY USING INDEX t_pk");
    EXPECT_EQ(One("ALTER TABLE t ADD CONSTRAINT u UNIQUE (a) USING INDEX s.u_ix ENABLE"),
              "ALTER TABLE t ADD CONSTRAINT u UNIQUE USING INDEX u_ix");
    // Only clauses without an effect here: nothing to run.
    DdlTranslation n = Translate("ALTER TABLE t NOLOGGING");
    EXPECT_TRUE(n.statements.empty());
    EXPECT_EQ(n.action, "ALTER TABLE t; no effect here: NOLOGGING");
    EXPECT_THROW(Translate("ALTER TABLE t DROP PRIMARY KEY"), DdlUnsupported);
}

TEST(OracleDdl, IndexesSequencesViewsDrops) {
    DdlTranslation b = Translate("CREATE BITMAP INDEX ix ON t (a, UPPER(b) DESC) TABLESPACE users COMPUTE STATISTICS");
    EXPECT_EQ(b.statements[0], "CREATE INDEX ix ON t (a, UPPER(b) DESC)");
    EXPECT_EQ(b.action, "CREATE INDEX ix; BITMAP: a btree index; no effect here: TABLESPACE users, COMPUTE STATISTICS");
    EXPECT_EQ(One("CREATE UNIQUE INDEX ix ON t (a) PCTFREE 20 LOCAL"),
              "CREATE UNIQUE INDEX ix ON t (a) WITH (fillfactor = 80)");
    EXPECT_FALSE(TranslateOracleDdl("CREATE INDEX ix ON t USING gin (a)", MapOracleSqlTypeName));
    EXPECT_EQ(One("CREATE SEQUENCE s START WITH 1 INCREMENT BY 1 MINVALUE 1 MAXVALUE "
                  "9999999999999999999999999999 NOCACHE NOCYCLE NOORDER"),
              "CREATE SEQUENCE s START WITH 1 INCREMENT BY 1 MINVALUE 1 NO MAXVALUE CACHE 1 NO CYCLE");
    EXPECT_EQ(One("CREATE SEQUENCE s INCREMENT BY -1 NOMAXVALUE NOMINVALUE CACHE 20"),
              "CREATE SEQUENCE s INCREMENT BY -1 NO MAXVALUE NO MINVALUE CACHE 20");
    EXPECT_EQ(One("ALTER SEQUENCE s INCREMENT BY 5 NOCACHE"), "ALTER SEQUENCE s INCREMENT BY 5 CACHE 1");
    EXPECT_THROW(Translate("CREATE SEQUENCE s START WITH 99999999999999999999"), DdlUnsupported);
    EXPECT_THROW(Translate("CREATE SEQUENCE s SESSION"), DdlUnsupported);
    EXPECT_EQ(One("CREATE OR REPLACE FORCE EDITIONABLE VIEW v (a, b) AS SELECT a, NVL(b, 0) FROM t WITH READ ONLY"),
              "CREATE OR REPLACE VIEW v (a, b) AS SELECT a, plpolar.nvl(b, 0) FROM t");
    EXPECT_EQ(One("CREATE VIEW v AS SELECT * FROM t WITH CHECK OPTION CONSTRAINT v_ck"),
              "CREATE VIEW v AS SELECT * FROM t WITH CHECK OPTION");
    DdlTranslation d = Translate("DROP TABLE t CASCADE CONSTRAINTS PURGE");
    ASSERT_EQ(d.statements.size(), 2u);
    EXPECT_EQ(d.statements[1], "DROP TABLE t");
    EXPECT_NE(d.statements[0].find("pg_catalog.pg_constraint"), std::string::npos);
    EXPECT_FALSE(TranslateOracleDdl("DROP TABLE t CASCADE", MapOracleSqlTypeName));
}

TEST(OracleDdl, ErrorsHaveTheirPlace) {
    try {
        Translate("CREATE TABLE t (\n  a NUMBER,\n  b NUMBER ENCRYPT\n)");
        FAIL();
    } catch (const DdlUnsupported &e) {
        EXPECT_EQ(e.line(), 3);
        EXPECT_EQ(e.column(), 12);
        EXPECT_NE(std::string(e.what()).find("ENCRYPT"), std::string::npos);
    }
    EXPECT_THROW(Translate("CREATE TABLE t (a VARCHAR2(5) DEFAULT 'x"), SyntaxError);
    EXPECT_THROW(Translate("CREATE TABLE t (a NUMBER"), SyntaxError);
}

TEST(OracleDdl, AlterSession) {
    DdlTranslation s = Translate("ALTER SESSION SET NLS_DATE_FORMAT = 'DD-MON-YYYY HH24:MI:SS'");
    ASSERT_EQ(s.statements.size(), 1u);
    EXPECT_EQ(s.statements[0], "SET plpolar.nls_date_format = 'DD-MON-YYYY HH24:MI:SS'");
    EXPECT_EQ(One("alter session set time_zone = '+02:00'"), "SET TIME ZONE INTERVAL '+02:00' HOUR TO MINUTE");
    EXPECT_EQ(One("ALTER SESSION SET TIME_ZONE = 'Europe/Paris'"), "SET TIME ZONE 'Europe/Paris'");
    EXPECT_EQ(One("ALTER SESSION SET TIME_ZONE = LOCAL"), "SET TIME ZONE LOCAL");
    EXPECT_EQ(One("ALTER SESSION SET CURRENT_SCHEMA = hr"), "SELECT plpolar.set_current_schema('hr')");
    EXPECT_EQ(One("ALTER SESSION SET CURRENT_SCHEMA = \"Hr\""), "SELECT plpolar.set_current_schema('Hr')");
    EXPECT_EQ(One("ALTER SESSION SET DDL_LOCK_TIMEOUT = 30"), "SET lock_timeout = '30s'");
    DdlTranslation n = Translate("ALTER SESSION SET NLS_LANGUAGE = 'AMERICAN' NLS_TERRITORY = 'AMERICA'");
    EXPECT_TRUE(n.statements.empty());
    EXPECT_EQ(n.action, "ALTER SESSION; no effect here: NLS_LANGUAGE = 'AMERICAN', NLS_TERRITORY = 'AMERICA'");
    DdlTranslation two = Translate("ALTER SESSION SET PLSQL_WARNINGS = 'ENABLE:ALL' NLS_DATE_FORMAT = 'YYYY-MM-DD'");
    ASSERT_EQ(two.statements.size(), 1u);
    EXPECT_TRUE(Translate("ALTER SESSION ENABLE PARALLEL DML").statements.empty());
    EXPECT_THROW(Translate("ALTER SESSION SET NLS_SORT"), SyntaxError);
    // Oracle's other parameters and clauses pass; a name it lacks is ORA-02248.
    EXPECT_TRUE(Translate("ALTER SESSION SET EVENTS '10046 trace name context forever'").statements.empty());
    EXPECT_TRUE(Translate("ALTER SESSION SET ROW ARCHIVAL VISIBILITY = ACTIVE").statements.empty());
    EXPECT_TRUE(Translate("ALTER SESSION SET \"_serial_direct_read\" = TRUE").statements.empty());
    EXPECT_EQ(One("alter session set nls_timestamp_format = 'YYYY'"), "SET plpolar.nls_timestamp_format = 'YYYY'");
    EXPECT_EQ(One("ALTER SESSION SET NLS_TIMESTAMP_TZ_FORMAT = 'YYYY TZR'"),
              "SET plpolar.nls_timestamp_tz_format = 'YYYY TZR'");
    EXPECT_TRUE(Translate("ALTER SESSION SET NLS_TIME_FORMAT = 'HH24'").statements.empty());
    EXPECT_THROW(Translate("ALTER SESSION SET NLS_DATEFORMAT = 'x'"), DdlUnsupported);
    EXPECT_THROW(Translate("ALTER SESSION SET NLS_SORT = BINARY SGA_TARGET = 1"), DdlUnsupported);
    EXPECT_THROW(Translate("ALTER SESSION SET CURRENT_SCHEMA = a.b"), SyntaxError);
}

TEST(OracleDdl, SetRole) {
    EXPECT_EQ(One("SET ROLE app_reader IDENTIFIED BY pw"), "CALL dbms_session.set_role('app_reader IDENTIFIED BY pw')");
    EXPECT_EQ(One("set role none"), "CALL dbms_session.set_role('none')");
    EXPECT_EQ(One("SET ROLE 'Mixed'"), "CALL dbms_session.set_role('\"Mixed\"')");
    // Only SET ROLE: PostgreSQL's other SET statements are not DDL.
    EXPECT_FALSE(TranslateOracleDdl("SET search_path = a", MapOracleSqlTypeName));
    EXPECT_FALSE(TranslateOracleDdl("SET LOCAL ROLE a", MapOracleSqlTypeName));
    EXPECT_THROW(Translate("SET ROLE"), SyntaxError);
}

TEST(OracleDdl, HashNamesAndDisabledConstraints) {
    EXPECT_EQ(One("CREATE TABLE sc#orders (id# NUMBER)"), "CREATE TABLE \"sc#orders\" (\"id#\" pg_catalog.number)");
    // Constraint states: plpolar.disable_constraint / enable_constraint
    // after the statement's own actions.
    DdlTranslation d = Translate("ALTER TABLE sales MODIFY CONSTRAINT sales_fk DISABLE NOVALIDATE");
    EXPECT_EQ(d.statements, std::vector<std::string>{
                                "SELECT plpolar.disable_constraint('sales'::pg_catalog.regclass, 'sales_fk', false)"});
    EXPECT_NE(d.action.find("dropped, its definition kept"), std::string::npos) << d.action;
    EXPECT_EQ(
        Translate("ALTER TABLE s.\"T\" DISABLE CONSTRAINT \"Ck\" CASCADE").statements,
        std::vector<std::string>{"SELECT plpolar.disable_constraint('s.\"T\"'::pg_catalog.regclass, 'Ck', true)"});
    EXPECT_EQ(Translate("ALTER TABLE t ENABLE NOVALIDATE CONSTRAINT CK").statements,
              std::vector<std::string>{"SELECT plpolar.enable_constraint('t'::pg_catalog.regclass, 'ck', false)"});
    EXPECT_EQ(Translate("ALTER TABLE t DISABLE PRIMARY KEY KEEP INDEX").statements,
              std::vector<std::string>{"SELECT plpolar.disable_constraint('t'::pg_catalog.regclass, NULL, false)"});
    EXPECT_EQ(Translate("ALTER TABLE t ADD (b NUMBER) DISABLE CONSTRAINT ck").statements,
              (std::vector<std::string>{"ALTER TABLE t ADD COLUMN b pg_catalog.number",
                                        "SELECT plpolar.disable_constraint('t'::pg_catalog.regclass, 'ck', false)"}));
    // UNIQUE (columns) names no constraint: noted, as before.
    d = Translate("ALTER TABLE t DISABLE UNIQUE (a)");
    EXPECT_TRUE(d.statements.empty());
    EXPECT_NE(d.action.find("stays enforced"), std::string::npos) << d.action;
}

TEST(OracleDdl, Truncate) {
    DdlTranslation t = Translate("TRUNCATE TABLE s.t DROP STORAGE");
    EXPECT_EQ(t.statements[0], "TRUNCATE TABLE s.t");
    EXPECT_EQ(t.action, "TRUNCATE TABLE s.t; no effect here: DROP STORAGE");
    EXPECT_EQ(One("TRUNCATE TABLE t REUSE STORAGE CASCADE"), "TRUNCATE TABLE t CASCADE");
    EXPECT_EQ(One("truncate table t purge materialized view log drop all storage"), "TRUNCATE TABLE t");
    EXPECT_FALSE(TranslateOracleDdl("TRUNCATE TABLE t", MapOracleSqlTypeName));
    EXPECT_FALSE(TranslateOracleDdl("TRUNCATE t, u RESTART IDENTITY", MapOracleSqlTypeName));
}

TEST(OracleDdl, Synonyms) {
    DdlTranslation c = Translate("CREATE OR REPLACE SYNONYM countries FOR hr.countries");
    ASSERT_EQ(c.statements.size(), 2u);
    EXPECT_EQ(c.statements[0], "CREATE OR REPLACE VIEW countries AS SELECT * FROM hr.countries");
    EXPECT_EQ(c.statements[1], "COMMENT ON VIEW countries IS 'plpolar synonym for hr.countries'");
    EXPECT_EQ(Translate("CREATE PUBLIC SYNONYM emp FOR hr.employees").statements[0],
              "CREATE VIEW public.emp AS SELECT * FROM hr.employees");
    EXPECT_EQ(One("DROP SYNONYM countries"), "DROP VIEW countries");
    EXPECT_EQ(One("DROP PUBLIC SYNONYM emp FORCE"), "DROP VIEW public.emp");
    EXPECT_THROW(Translate("CREATE SYNONYM r FOR t@remote_db"), DdlUnsupported);
    EXPECT_THROW(Translate("CREATE SYNONYM r t"), SyntaxError);
}

TEST(Ddl, SchemaCollectionTypes) {
    using plpolar::parser::ParseTypeCommand;
    using Kind = plpolar::parser::TypeCommand::Kind;
    auto nested = ParseTypeCommand("CREATE TYPE num_list AS TABLE OF NUMBER;", MapOracleSqlTypeName);
    EXPECT_EQ(nested.kind, Kind::CreateCollection);
    EXPECT_FALSE(nested.or_replace);
    EXPECT_FALSE(nested.varray);
    EXPECT_EQ(nested.name, "num_list");
    EXPECT_EQ(nested.element, MapOracleSqlTypeName("NUMBER"));
    auto varray = ParseTypeCommand(
        "CREATE OR REPLACE NONEDITIONABLE TYPE App.\"Names\" FORCE IS VARYING ARRAY(10) OF VARCHAR2(30 CHAR) NOT NULL",
        MapOracleSqlTypeName);
    EXPECT_EQ(varray.kind, Kind::CreateCollection);
    EXPECT_TRUE(varray.or_replace);
    EXPECT_TRUE(varray.varray);
    EXPECT_EQ(varray.limit, 10);
    EXPECT_EQ(varray.schema, "app");
    EXPECT_EQ(varray.name, "Names");
    EXPECT_TRUE(varray.element_not_null);
    EXPECT_EQ(varray.element_written, "VARCHAR2(30 CHAR)");
    EXPECT_EQ(varray.no_effect.size(), 2u);
    // Oracle's sample schemas give types an OID '...' (no effect here).
    auto with_oid = ParseTypeCommand(
        "CREATE TYPE phone_list_typ OID '82A4AF6A4CD2656DE034080020E0EE3D' AS VARRAY(5) OF VARCHAR2(25)",
        MapOracleSqlTypeName);
    EXPECT_EQ(with_oid.kind, Kind::CreateCollection);
    EXPECT_EQ(with_oid.limit, 5);
    EXPECT_EQ(with_oid.no_effect, std::vector<std::string>{"OID"});
    // Objects, forward declarations and bodies are not collection types.
    EXPECT_EQ(ParseTypeCommand("CREATE TYPE point AS OBJECT (x NUMBER)", MapOracleSqlTypeName).kind, Kind::None);
    EXPECT_EQ(ParseTypeCommand("CREATE TYPE point", MapOracleSqlTypeName).kind, Kind::None);
    EXPECT_EQ(ParseTypeCommand("CREATE TYPE BODY point AS END;", MapOracleSqlTypeName).kind, Kind::None);
    EXPECT_EQ(ParseTypeCommand("CREATE TABLE t (x int)", MapOracleSqlTypeName).kind, Kind::None);
    auto drop = ParseTypeCommand("DROP TYPE s.num_list FORCE", MapOracleSqlTypeName);
    EXPECT_EQ(drop.kind, Kind::Drop);
    EXPECT_TRUE(drop.force);
    EXPECT_EQ(drop.schema, "s");
    EXPECT_THROW(ParseTypeCommand("CREATE TYPE v AS VARRAY(0) OF NUMBER", MapOracleSqlTypeName), SyntaxError);
    EXPECT_THROW(ParseTypeCommand("CREATE TYPE v AS VARRAY(n) OF NUMBER", MapOracleSqlTypeName), SyntaxError);
    EXPECT_THROW(ParseTypeCommand("CREATE TYPE v AS TABLE OF t.c%TYPE", MapOracleSqlTypeName), SyntaxError);
    EXPECT_THROW(ParseTypeCommand("CREATE TYPE v AS TABLE OF", MapOracleSqlTypeName), SyntaxError);
    EXPECT_THROW(ParseTypeCommand("DROP TYPE v CASCADE", MapOracleSqlTypeName), SyntaxError);
}

TEST(OracleDdl, KeysReferencingIdentityColumnsTakeTheirType) {
    DdlCatalog catalog;
    catalog.identity_type = [](const std::string &table, const std::string &column) -> std::string {
        if (table == "customers" && (column.empty() || column == "customer_id")) return "bigint";
        return std::string();
    };
    catalog.column_type = [](const std::string &table, const std::string &column) -> std::string {
        return table == "orders" && column == "customer_id" ? "number(10,0)" : "text";
    };
    auto d = TranslateOracleDdl(
        "CREATE TABLE orders (id NUMBER, customer_id NUMBER(10) REFERENCES customers, "
        "other NUMBER REFERENCES elsewhere, CONSTRAINT fk FOREIGN KEY (id) REFERENCES customers (customer_id))",
        MapOracleSqlTypeName, &catalog);
    ASSERT_TRUE(d.has_value());
    EXPECT_EQ(d->statements[0],
              "CREATE TABLE orders (id bigint, customer_id bigint REFERENCES customers, other pg_catalog.number "
              "REFERENCES elsewhere, CONSTRAINT fk FOREIGN KEY (id) REFERENCES customers (customer_id))");
    EXPECT_NE(d->action.find("column customer_id is bigint, the type of the identity column it references"),
              std::string::npos)
        << d->action;
    // a scale is kept: no integer key
    d = TranslateOracleDdl("CREATE TABLE o (c NUMBER(8,2) REFERENCES customers)", MapOracleSqlTypeName, &catalog);
    EXPECT_EQ(d->statements[0], "CREATE TABLE o (c pg_catalog.number(8,2) REFERENCES customers)");
    // ALTER TABLE ADD FOREIGN KEY on an existing NUMBER column
    d = TranslateOracleDdl("ALTER TABLE orders ADD CONSTRAINT o_c_fk FOREIGN KEY (customer_id) REFERENCES customers",
                           MapOracleSqlTypeName, &catalog);
    EXPECT_EQ(d->statements[0],
              "ALTER TABLE orders ALTER COLUMN customer_id TYPE bigint, ADD CONSTRAINT o_c_fk FOREIGN KEY "
              "(customer_id) REFERENCES customers");
    // without a catalog (the unit tests, the fuzzer): as written
    d = TranslateOracleDdl("CREATE TABLE o (c NUMBER REFERENCES customers)", MapOracleSqlTypeName);
    EXPECT_EQ(d->statements[0], "CREATE TABLE o (c pg_catalog.number REFERENCES customers)");
}

TEST(OracleDdl, ModifyIdentityRestartsAfterTheLoadedRows) {
    auto d = TranslateOracleDdl(
        "ALTER TABLE stores MODIFY store_id GENERATED BY DEFAULT ON NULL AS IDENTITY (START WITH LIMIT VALUE)",
        MapOracleSqlTypeName);
    ASSERT_TRUE(d.has_value());
    ASSERT_EQ(d->statements.size(), 2u);
    EXPECT_EQ(d->statements[0], "ALTER TABLE stores ALTER COLUMN store_id SET GENERATED BY DEFAULT");
    EXPECT_EQ(d->statements[1],
              "SELECT pg_catalog.setval(pg_catalog.pg_get_serial_sequence('stores', 'store_id'), coalesce((SELECT "
              "pg_catalog.max(store_id) FROM stores), 0) OPERATOR(pg_catalog.+) 1, false)");
    EXPECT_NE(d->action.find("ON NULL"), std::string::npos) << d->action;
    d = TranslateOracleDdl("ALTER TABLE t MODIFY id GENERATED ALWAYS AS IDENTITY (START WITH 100 INCREMENT BY 5)",
                           MapOracleSqlTypeName);
    EXPECT_EQ(d->statements,
              std::vector<std::string>{
                  "ALTER TABLE t ALTER COLUMN id SET GENERATED ALWAYS RESTART WITH 100 SET INCREMENT BY 5"});
    EXPECT_THROW(TranslateOracleDdl("ALTER TABLE t MODIFY id GENERATED ALWAYS", MapOracleSqlTypeName), SyntaxError);
}
