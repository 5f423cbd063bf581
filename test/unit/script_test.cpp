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
    EXPECT_TRUE(stmts[0].oracle_subprogram);
    EXPECT_EQ(stmts[0].line, 1);
    EXPECT_EQ(stmts[0].text.substr(stmts[0].text.size() - 4), "END;");
    EXPECT_FALSE(stmts[1].oracle_subprogram);
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
    EXPECT_TRUE(stmts[0].oracle_subprogram);
    EXPECT_NE(stmts[0].text.find("end p;"), std::string::npos);
    EXPECT_EQ(stmts[1].line, 8);
    EXPECT_EQ(stmts[2].text, "insert into t values (1)");
}

TEST(Script, PostgreSqlFormIsNotOracle) {
    auto stmts = SplitScript(
        "CREATE FUNCTION f() RETURNS int LANGUAGE plpolar AS $$ BEGIN RETURN 1; END; $$;\n"
        "CREATE PROCEDURE p() LANGUAGE sql AS 'select 1';\n");
    ASSERT_EQ(stmts.size(), 2u);
    EXPECT_FALSE(stmts[0].oracle_subprogram);
    EXPECT_FALSE(stmts[1].oracle_subprogram);
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
    EXPECT_EQ(
        ToCreateStatement(sub),
        "CREATE OR REPLACE FUNCTION s.f(IN a numeric, INOUT b varchar2, c numeric DEFAULT 3, d numeric DEFAULT 4) "
        "RETURNS varchar2 LANGUAGE plpolar AS $plpolar$ v NUMBER; BEGIN RETURN 'x'; END f;\n$plpolar$");
}

TEST(Script, TranslateWithoutParameters) {
    auto sub = ParseOracleSubprogram("CREATE FUNCTION f RETURN event_trigger AS BEGIN NULL; END;", Identity);
    EXPECT_EQ(ToCreateStatement(sub),
              "CREATE FUNCTION f() RETURNS event_trigger LANGUAGE plpolar AS $plpolar$ BEGIN NULL; END;\n$plpolar$");
    auto multi = ParseOracleSubprogram("CREATE FUNCTION f\nRETURN int\nIS\nBEGIN RETURN 1; END;", Identity);
    EXPECT_EQ(multi.body_line, 3);
    auto body_with_tag = ParseOracleSubprogram("CREATE PROCEDURE p IS BEGIN x := '$plpolar$'; END;", Identity);
    EXPECT_NE(ToCreateStatement(body_with_tag).find("$plpolar1$"), std::string::npos);
}

TEST(Script, ErrorsHaveLines) {
    EXPECT_THROW(ParseOracleSubprogram("CREATE FUNCTION f(a NUMBER IS BEGIN NULL; END;", Identity), SyntaxError);
}
