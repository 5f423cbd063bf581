// Splitting Oracle-style scripts and translating Oracle-form subprograms.
#include <gtest/gtest.h>

#include "plpolar/parser/parser.hpp"
#include "plpolar/parser/script.hpp"

using namespace plpolar::parser;

namespace {
std::string Identity(const std::string &t) { return t == "VARCHAR2" ? "varchar2" : t == "NUMBER" ? "numeric" : t; }
}  // namespace

TEST(Script, PolarDbWalkthroughFunction) {
    auto stmts = SplitScript(
        "CREATE FUNCTION sample_event_trigger RETURN event_trigger IS BEGIN\n"
        "  INSERT INTO t VALUES (polar_login_user);\n"
        "END;\n"
        "CREATE EVENT TRIGGER e ON after_user_logon EXECUTE PROCEDURE public.sample_event_trigger();\n");
    ASSERT_EQ(stmts.size(), 2u);
    EXPECT_EQ(stmts[0].kind, ScriptStatementKind::OracleSubprogram);
    EXPECT_EQ(stmts[0].line, 1);
    EXPECT_EQ(stmts[0].text.substr(stmts[0].text.size() - 4), "END;");
    EXPECT_EQ(stmts[1].kind, ScriptStatementKind::Sql);
    EXPECT_EQ(stmts[1].line, 4);
    EXPECT_EQ(stmts[1].text.back(), ')');
}

TEST(Script, NestedBlocksCaseIfLoopAndSlash) {
    auto stmts = SplitScript(
        "create or replace procedure p(a in number, b out varchar2) is\n"
        "begin\n"
        "  if a > 1 then begin null; end; end if;\n"
        "  loop exit; end loop;\n"
        "  b := case when a = 1 then 'x' else 'y' end;\n"
        "end p;\n"
        "/\n"
        "select ';' as s, $$ ; $$ as d -- ; comment\n"
        ";\n"
        "/* ; */ insert into t values (1)\n"
        "/\n");
    ASSERT_EQ(stmts.size(), 3u);
    EXPECT_EQ(stmts[0].kind, ScriptStatementKind::OracleSubprogram);
    EXPECT_NE(stmts[0].text.find("end p;"), std::string::npos);
    EXPECT_EQ(stmts[1].line, 8);
    EXPECT_EQ(stmts[2].text, "insert into t values (1)");
}

TEST(Script, PostgreSqlFormIsNotOracle) {
    auto stmts = SplitScript(
        "CREATE FUNCTION f() RETURNS int LANGUAGE plpolar AS $$ BEGIN RETURN 1; END; $$;\n"
        "CREATE PROCEDURE p() LANGUAGE sql AS 'select 1';\n");
    ASSERT_EQ(stmts.size(), 2u);
    EXPECT_EQ(stmts[0].kind, ScriptStatementKind::Sql);
    EXPECT_EQ(stmts[1].kind, ScriptStatementKind::Sql);
}

TEST(Script, TranslateSubprogram) {
    auto sub = ParseOracleSubprogram(
        "CREATE OR REPLACE FUNCTION s.f(a IN NUMBER, b IN OUT VARCHAR2, c NUMBER DEFAULT 3, d NUMBER := 4) "
        "RETURN VARCHAR2 IS v NUMBER; BEGIN RETURN 'x'; END f;",
        Identity);
    EXPECT_TRUE(sub.or_replace);
    EXPECT_EQ(sub.name, "s.f");
    ASSERT_EQ(sub.parameters.size(), 4u);
    EXPECT_EQ(sub.parameters[0], "IN a numeric");
    EXPECT_EQ(sub.parameters[1], "INOUT b varchar2");
    EXPECT_EQ(sub.parameters[2], "c numeric DEFAULT 3");
    EXPECT_EQ(sub.parameters[3], "d numeric DEFAULT 4");
    EXPECT_EQ(sub.return_type, "varchar2");
    EXPECT_EQ(sub.body, " v NUMBER; BEGIN RETURN 'x'; END f;");
    EXPECT_TRUE(sub.definer_rights);
    EXPECT_EQ(
        ToCreateStatement(sub, "app, pg_temp"),
        "CREATE OR REPLACE FUNCTION s.f(IN a numeric, INOUT b varchar2, c numeric DEFAULT 3, d numeric DEFAULT 4) "
        "RETURNS varchar2 SECURITY DEFINER SET search_path = app, pg_temp LANGUAGE plpolar AS $plpolar$ v NUMBER; "
        "BEGIN RETURN 'x'; END f;\n$plpolar$");
}

TEST(Script, TranslateWithoutParameters) {
    auto sub = ParseOracleSubprogram("CREATE FUNCTION f RETURN event_trigger AS BEGIN NULL; END;", Identity);
    EXPECT_EQ(ToCreateStatement(sub, "pg_temp"),
              "CREATE FUNCTION f() RETURNS event_trigger SECURITY DEFINER SET search_path = pg_temp LANGUAGE plpolar "
              "AS $plpolar$ BEGIN NULL; END;\n$plpolar$");
    auto multi = ParseOracleSubprogram("CREATE FUNCTION f\nRETURN int\nIS\nBEGIN RETURN 1; END;", Identity);
    EXPECT_EQ(multi.body_line, 3);
    auto body_with_tag = ParseOracleSubprogram("CREATE PROCEDURE p IS BEGIN x := '$plpolar$'; END;", Identity);
    EXPECT_NE(ToCreateStatement(body_with_tag, "pg_temp").find("$plpolar1$"), std::string::npos);
}

TEST(Script, Authid) {
    auto invoker = ParseOracleSubprogram(
        "CREATE FUNCTION f(a NUMBER) RETURN NUMBER AUTHID CURRENT_USER IS BEGIN RETURN a; END;", Identity);
    EXPECT_FALSE(invoker.definer_rights);
    EXPECT_EQ(invoker.return_type, "numeric");
    EXPECT_EQ(
        ToCreateStatement(invoker, "x, pg_temp"),
        "CREATE FUNCTION f(a numeric) RETURNS numeric LANGUAGE plpolar AS $plpolar$ BEGIN RETURN a; END;\n$plpolar$");
    auto definer = ParseOracleSubprogram("CREATE PROCEDURE p(a NUMBER)\nauthid definer\nAS BEGIN NULL; END;", Identity);
    EXPECT_TRUE(definer.definer_rights);
    EXPECT_FALSE(definer.is_function);
    EXPECT_EQ(definer.body_line, 3);
    auto proc_invoker = ParseOracleSubprogram("CREATE PROCEDURE p AUTHID CURRENT_USER IS BEGIN NULL; END;", Identity);
    EXPECT_FALSE(proc_invoker.definer_rights);
    EXPECT_THROW(ParseOracleSubprogram("CREATE PROCEDURE p AUTHID nobody IS BEGIN NULL; END;", Identity), SyntaxError);
}

TEST(Script, ErrorsHaveLines) {
    EXPECT_THROW(ParseOracleSubprogram("CREATE FUNCTION f(a NUMBER IS BEGIN NULL; END;", Identity), SyntaxError);
}

TEST(Script, UnterminatedTextIsAnErrorWithItsLine) {
    auto line_of = [](const std::string &script) {
        try {
            SplitScript(script);
        } catch (const SyntaxError &e) {
            return std::to_string(e.line()) + ":" + std::to_string(e.column()) + " " + e.what();
        }
        return std::string("no error");
    };
    EXPECT_EQ(line_of("/* unterminated"), "1:1 unterminated /* comment starting at line 1, column 1");
    EXPECT_EQ(line_of("SELECT 1;\n  SELECT 'abc;\n"), "2:10 unterminated quoted string starting at line 2, column 10");
    EXPECT_EQ(line_of("SELECT \"x;"), "1:8 unterminated quoted identifier starting at line 1, column 8");
    EXPECT_EQ(line_of("SELECT 1;\nDO $x$ BEGIN"), "2:4 unterminated dollar-quoted string starting at line 2, column 4");
    EXPECT_EQ(line_of("SELECT q'[x\n"), "1:8 unterminated q'...' string starting at line 1, column 8");
    // Oracle's alternative quoting may hold quotes and semicolons.
    auto stmts = SplitScript("SELECT q'[it's; done]' FROM dual;\nSELECT 2;");
    ASSERT_EQ(stmts.size(), 2u);
    EXPECT_EQ(stmts[0].text, "SELECT q'[it's; done]' FROM dual");
    EXPECT_EQ(line_of("SELECT 1; -- a comment at the end"), "no error");
    EXPECT_EQ(line_of("SELECT 1; /* closed */"), "no error");
}

TEST(Script, AnonymousBlocks) {
    auto stmts = SplitScript(
        "BEGIN\n  INSERT INTO t VALUES (1);\nEND;\n/\n"
        "DECLARE\n  v NUMBER := 1;\n  PROCEDURE p IS BEGIN NULL; END;\nBEGIN\n  p;\n  IF v = 1 THEN NULL; END "
        "IF;\nEND;\n"
        "<<outer>>\nBEGIN\n  NULL;\nEND outer;\n"
        "BEGIN;\nDECLARE c CURSOR FOR SELECT 1;\nBEGIN WORK;\n"
        "BEGIN NULL; END;");
    ASSERT_EQ(stmts.size(), 7u);
    EXPECT_EQ(stmts[0].kind, ScriptStatementKind::AnonymousBlock);
    EXPECT_EQ(stmts[0].text, "BEGIN\n  INSERT INTO t VALUES (1);\nEND;");
    EXPECT_EQ(stmts[0].line, 1);
    EXPECT_EQ(stmts[1].kind, ScriptStatementKind::AnonymousBlock);
    EXPECT_EQ(stmts[1].line, 5);
    EXPECT_EQ(stmts[1].text.substr(stmts[1].text.size() - 4), "END;");
    EXPECT_EQ(stmts[2].kind, ScriptStatementKind::AnonymousBlock);
    EXPECT_EQ(stmts[2].text, "<<outer>>\nBEGIN\n  NULL;\nEND outer;");
    // PostgreSQL's BEGIN and DECLARE CURSOR stay SQL.
    EXPECT_EQ(stmts[3].kind, ScriptStatementKind::Sql);
    EXPECT_EQ(stmts[4].kind, ScriptStatementKind::Sql);
    EXPECT_EQ(stmts[5].kind, ScriptStatementKind::Sql);
    // A block that ends the script.
    EXPECT_EQ(stmts[6].kind, ScriptStatementKind::AnonymousBlock);
    EXPECT_EQ(stmts[6].text, "BEGIN NULL; END;");
    EXPECT_EQ(ToDoStatement("BEGIN NULL; END;"), "DO LANGUAGE plpolar $plpolar$BEGIN NULL; END;\n$plpolar$");
}

TEST(Script, SqlPlusLines) {
    auto stmts = SplitScript(
        "SET SERVEROUTPUT ON SIZE 1000000\nREM it's a comment; with a semicolon\nPROMPT Loading 'data';\n"
        "SET search_path = app, public;\nexec p(1, 'x');\nSET DEFINE OFF\nSHOW search_path;\nSHOW ERRORS\n"
        "EXEC q( -\n  2)\n@other.sql\nSELECT 1;");
    ASSERT_EQ(stmts.size(), 11u);
    EXPECT_EQ(stmts[0].kind, ScriptStatementKind::SqlPlus);
    EXPECT_EQ(stmts[1].kind, ScriptStatementKind::SqlPlus);
    EXPECT_EQ(stmts[1].text, "REM it's a comment; with a semicolon");
    EXPECT_EQ(stmts[2].text, "PROMPT Loading 'data'");
    EXPECT_EQ(stmts[3].kind, ScriptStatementKind::Sql);  // PostgreSQL's SET
    EXPECT_EQ(stmts[4].text, "exec p(1, 'x')");
    EXPECT_EQ(stmts[5].kind, ScriptStatementKind::SqlPlus);
    EXPECT_EQ(stmts[6].kind, ScriptStatementKind::Sql);  // PostgreSQL's SHOW
    EXPECT_EQ(stmts[7].kind, ScriptStatementKind::SqlPlus);
    EXPECT_EQ(stmts[8].text, "EXEC q( 2)");
    EXPECT_EQ(stmts[9].kind, ScriptStatementKind::SqlPlus);
    EXPECT_EQ(stmts[10].kind, ScriptStatementKind::Sql);
    EXPECT_EQ(stmts[10].line, 12);

    auto on = TranslateSqlPlus(stmts[0].text);
    EXPECT_EQ(on.effect, SqlPlusCommand::Effect::Sql);
    EXPECT_EQ(on.text, "SET plpolar.serveroutput = on");
    auto exec = TranslateSqlPlus(stmts[4].text);
    EXPECT_EQ(exec.effect, SqlPlusCommand::Effect::Block);
    EXPECT_EQ(exec.text, "BEGIN p(1, 'x'); END;");
    EXPECT_EQ(TranslateSqlPlus(stmts[2].text).text, "Loading 'data'");
    EXPECT_EQ(TranslateSqlPlus(stmts[5].text).effect, SqlPlusCommand::Effect::NoEffect);
    EXPECT_EQ(TranslateSqlPlus(stmts[9].text).effect, SqlPlusCommand::Effect::Refused);
    EXPECT_EQ(TranslateSqlPlus("EXIT").effect, SqlPlusCommand::Effect::Exit);
}

TEST(Script, TransactionCommands) {
    using K = TransactionCommand::Kind;
    EXPECT_EQ(ParseTransactionCommand("COMMIT").kind, K::Commit);
    EXPECT_EQ(ParseTransactionCommand("commit work").kind, K::Commit);
    EXPECT_EQ(ParseTransactionCommand("END").kind, K::Commit);
    EXPECT_EQ(ParseTransactionCommand("COMMIT COMMENT 'nightly' WRITE NOWAIT BATCH").kind, K::Commit);
    EXPECT_EQ(ParseTransactionCommand("COMMIT PREPARED 'x'").kind, K::None);
    EXPECT_EQ(ParseTransactionCommand("COMMIT FORCE '22.57.53'").kind, K::Refused);
    EXPECT_EQ(ParseTransactionCommand("ROLLBACK WORK FORCE '22.57.53'").kind, K::Refused);
    EXPECT_EQ(ParseTransactionCommand("ROLLBACK").kind, K::Rollback);
    EXPECT_EQ(ParseTransactionCommand("rollback work").kind, K::Rollback);
    EXPECT_EQ(ParseTransactionCommand("ROLLBACK TRANSACTION").kind, K::None);
    auto to = ParseTransactionCommand("ROLLBACK WORK TO SAVEPOINT before_load");
    EXPECT_EQ(to.kind, K::RollbackTo);
    EXPECT_EQ(to.name, "BEFORE_LOAD");
    EXPECT_EQ(ParseTransactionCommand("rollback to a").name, "A");
    EXPECT_EQ(ParseTransactionCommand("ROLLBACK TO SAVEPOINT").name, "SAVEPOINT");
    auto quoted = ParseTransactionCommand("SAVEPOINT \"Mixed\"\"Case\"");
    EXPECT_EQ(quoted.kind, K::Savepoint);
    EXPECT_EQ(quoted.name, "Mixed\"Case");
    EXPECT_EQ(ParseTransactionCommand("SAVEPOINT").kind, K::None);
    EXPECT_EQ(ParseTransactionCommand("SAVEPOINT a b").kind, K::None);
    EXPECT_EQ(ParseTransactionCommand("RELEASE SAVEPOINT a").kind, K::None);
    EXPECT_EQ(ParseTransactionCommand("BEGIN").kind, K::None);
}

TEST(Script, HeaderClauses) {
    auto sub = ParseOracleSubprogram(
        "CREATE OR REPLACE EDITIONABLE FUNCTION f(a t.c%TYPE, r emp%ROWTYPE) RETURN NUMBER DETERMINISTIC "
        "RESULT_CACHE RELIES_ON (t, u) PARALLEL_ENABLE (PARTITION a BY ANY) ACCESSIBLE BY (PACKAGE p) "
        "SHARING = METADATA AUTHID CURRENT_USER IS BEGIN RETURN 1; END;",
        Identity);
    EXPECT_TRUE(sub.or_replace);
    EXPECT_EQ(sub.name, "f");
    ASSERT_EQ(sub.parameters.size(), 2u);
    EXPECT_EQ(sub.parameters[0], "a t.c%TYPE");
    EXPECT_EQ(sub.parameters[1], "r emp");
    EXPECT_EQ(sub.return_type, "numeric");
    EXPECT_FALSE(sub.definer_rights);
    ASSERT_EQ(sub.attributes.size(), 2u);
    EXPECT_EQ(sub.attributes[0], "IMMUTABLE");
    EXPECT_EQ(sub.attributes[1], "PARALLEL SAFE");
    EXPECT_EQ(sub.notes.size(), 4u);  // EDITIONABLE, RESULT_CACHE, ACCESSIBLE BY, SHARING
    EXPECT_EQ(ToCreateStatement(sub, "pg_temp"),
              "CREATE OR REPLACE FUNCTION f(a t.c%TYPE, r emp) RETURNS numeric IMMUTABLE PARALLEL SAFE LANGUAGE "
              "plpolar AS $plpolar$ BEGIN RETURN 1; END;\n$plpolar$");
    auto stmts = SplitScript("CREATE NONEDITIONABLE PROCEDURE p DETERMINISTIC IS BEGIN NULL; END;\n/\nSELECT 1;");
    ASSERT_EQ(stmts.size(), 2u);
    EXPECT_EQ(stmts[0].kind, ScriptStatementKind::OracleSubprogram);
    // PIPELINED: RETURNS SETOF the row type its caller found for the
    // collection type; a procedure cannot be pipelined.
    OracleSubprogram piped =
        ParseOracleSubprogram("CREATE FUNCTION f RETURN num_list PIPELINED IS BEGIN PIPE ROW (1); END;", Identity);
    EXPECT_TRUE(piped.pipelined);
    EXPECT_EQ(piped.return_type_written, "num_list");
    piped.row_type = "pg_catalog.number";
    EXPECT_NE(ToCreateStatement(piped, "").find("RETURNS SETOF pg_catalog.number"), std::string::npos);
    EXPECT_THROW(ParseOracleSubprogram("CREATE PROCEDURE p PIPELINED IS BEGIN NULL; END;", Identity), SyntaxError);
}

TEST(Script, ParameterDefaultsAreOracleSql) {
    auto sub = ParseOracleSubprogram(
        "CREATE PROCEDURE p(d DATE DEFAULT SYSDATE, n NUMBER := NVL(NULL, 1), s VARCHAR2 DEFAULT q'[it's]') IS "
        "BEGIN NULL; END;",
        Identity);
    ASSERT_EQ(sub.parameters.size(), 3u);
    EXPECT_EQ(sub.parameters[0], "d DATE DEFAULT plpolar.sysdate()");
    EXPECT_EQ(sub.parameters[1], "n numeric DEFAULT plpolar.nvl(NULL, 1)");
    EXPECT_EQ(sub.parameters[2], "s varchar2 DEFAULT 'it''s'");
}

TEST(Script, SqlMacroRefused) {
    try {
        ParseOracleSubprogram("CREATE FUNCTION m RETURN VARCHAR2 SQL_MACRO IS BEGIN RETURN 'SELECT 1'; END;", Identity);
        FAIL();
    } catch (const plpolar::parser::SyntaxError &e) {
        EXPECT_NE(std::string(e.what()).find("SQL_MACRO"), std::string::npos);
        EXPECT_EQ(e.line(), 1);
    }
}
