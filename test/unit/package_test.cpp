// Oracle packages in scripts: where a specification or body ends, its
// header, the package commands, and the package source grammar.
#include <gtest/gtest.h>

#include "plpolar/ast/stmt.hpp"
#include "plpolar/parser/package.hpp"
#include "plpolar/parser/parser.hpp"
#include "plpolar/parser/script.hpp"

using namespace plpolar;
using namespace plpolar::parser;

TEST(PackageScript, SpecAndBodyWithoutSlashes) {
    auto stmts = SplitScript(
        "CREATE OR REPLACE PACKAGE pkg AS\n"
        "  g NUMBER := 1;\n"
        "  FUNCTION f(x NUMBER) RETURN NUMBER;\n"
        "  PROCEDURE p;\n"
        "END pkg;\n"
        "CREATE OR REPLACE PACKAGE BODY pkg AS\n"
        "  FUNCTION helper RETURN NUMBER;\n"
        "  FUNCTION f(x NUMBER) RETURN NUMBER IS\n"
        "    FUNCTION inner RETURN NUMBER IS BEGIN RETURN 1; END;\n"
        "  BEGIN\n"
        "    IF x > 0 THEN RETURN CASE WHEN x = 1 THEN 1 ELSE 2 END; END IF;\n"
        "    LOOP EXIT; END LOOP;\n"
        "    RETURN inner;\n"
        "  END f;\n"
        "  FUNCTION helper RETURN NUMBER IS BEGIN RETURN 0; END;\n"
        "  PROCEDURE p IS BEGIN BEGIN NULL; END; END p;\n"
        "BEGIN\n"
        "  g := 2;\n"
        "  BEGIN g := 3; END;\n"
        "EXCEPTION WHEN OTHERS THEN NULL;\n"
        "END pkg;\n"
        "SELECT 1;\n");
    ASSERT_EQ(stmts.size(), 3u);
    EXPECT_EQ(stmts[0].kind, ScriptStatementKind::OraclePackage);
    EXPECT_EQ(stmts[0].text.substr(stmts[0].text.size() - 8), "END pkg;");
    EXPECT_EQ(stmts[1].kind, ScriptStatementKind::OraclePackage);
    EXPECT_EQ(stmts[1].line, 6);
    EXPECT_EQ(stmts[1].text.substr(stmts[1].text.size() - 8), "END pkg;");
    EXPECT_EQ(stmts[2].kind, ScriptStatementKind::Sql);
    EXPECT_EQ(stmts[2].line, 22);
}

TEST(PackageScript, BodyWithoutInitializationAndSlash) {
    auto stmts = SplitScript(
        "create package body p is\n"
        "  procedure a is begin null; end;\n"
        "end;\n"
        "/\n"
        "create package q as end;\n"
        "/\n");
    ASSERT_EQ(stmts.size(), 2u);
    EXPECT_EQ(stmts[0].kind, ScriptStatementKind::OraclePackage);
    EXPECT_EQ(stmts[1].kind, ScriptStatementKind::OraclePackage);
    EXPECT_EQ(stmts[1].text, "create package q as end;");
}

TEST(PackageHeader, Clauses) {
    OraclePackage p = ParseOraclePackage(
        "CREATE OR REPLACE NONEDITIONABLE PACKAGE \"HR\".Emp_Api\n  AUTHID CURRENT_USER ACCESSIBLE BY (x) IS\n  g "
        "NUMBER;\nEND;");
    EXPECT_TRUE(p.or_replace);
    EXPECT_FALSE(p.is_body);
    EXPECT_EQ(p.schema, "HR");
    EXPECT_EQ(p.name, "emp_api");
    EXPECT_FALSE(p.definer_rights);
    EXPECT_EQ(p.source_line, 2);
    EXPECT_EQ(p.source.substr(0, 2), "IS");
    EXPECT_EQ(p.notes.size(), 2u);
    OraclePackage b = ParseOraclePackage("create package body x as end;");
    EXPECT_TRUE(b.is_body);
    EXPECT_TRUE(b.definer_rights);
    EXPECT_THROW(ParseOraclePackage("create package x wrapped a000000"), SyntaxError);
}

TEST(PackageCommands, DropAlterGrant) {
    PackageCommand d = ParsePackageCommand("DROP PACKAGE BODY hr.pkg");
    EXPECT_EQ(d.kind, PackageCommand::Kind::DropBody);
    EXPECT_EQ(d.schema, "hr");
    EXPECT_EQ(d.name, "pkg");
    EXPECT_EQ(ParsePackageCommand("drop package pkg").kind, PackageCommand::Kind::Drop);
    EXPECT_EQ(ParsePackageCommand("drop package pkg cascade").kind, PackageCommand::Kind::None);
    PackageCommand c = ParsePackageCommand("ALTER PACKAGE pkg COMPILE BODY REUSE SETTINGS");
    EXPECT_EQ(c.kind, PackageCommand::Kind::Compile);
    EXPECT_TRUE(c.body_only);
    PackageCommand g = ParsePackageCommand("GRANT EXECUTE ON pkg TO a, b WITH GRANT OPTION");
    EXPECT_EQ(g.kind, PackageCommand::Kind::Grant);
    EXPECT_EQ(g.grantees, "a, b");
    EXPECT_TRUE(g.grant_option);
    PackageCommand r = ParsePackageCommand("revoke execute on pkg from public");
    EXPECT_EQ(r.kind, PackageCommand::Kind::Revoke);
    EXPECT_EQ(r.grantees, "public");
    EXPECT_EQ(ParsePackageCommand("GRANT SELECT ON t TO a").kind, PackageCommand::Kind::None);
    EXPECT_EQ(ParsePackageCommand("SELECT 1").kind, PackageCommand::Kind::None);
}

TEST(PackageSource, SpecAndBodyParse) {
    ast::FunctionBody spec = ParsePackageSource(
        "AS\n  g NUMBER := 1;\n  CURSOR c RETURN t%ROWTYPE;\n  FUNCTION f(x NUMBER := 2) RETURN NUMBER;\nEND p;");
    ASSERT_EQ(spec.block->decls.size(), 3u);
    EXPECT_TRUE(spec.block->body.empty());
    EXPECT_EQ(spec.block->end_label, "p");
    const auto &cursor = ast::Cast<ast::CursorDecl>(*spec.block->decls[1]);
    EXPECT_TRUE(cursor.query.empty());
    const auto &f = ast::Cast<ast::SubprogramDecl>(*spec.block->decls[2]);
    EXPECT_EQ(f.header_text, "FUNCTION f(x NUMBER := 2) RETURN NUMBER");
    EXPECT_EQ(f.body, nullptr);
    ast::FunctionBody body = ParsePackageSource(
        "IS\n  FUNCTION f(x NUMBER := 2) RETURN NUMBER IS BEGIN RETURN x; END;\nBEGIN\n  NULL;\nEXCEPTION WHEN "
        "OTHERS THEN NULL;\nEND;");
    EXPECT_EQ(body.block->body.size(), 1u);
    EXPECT_EQ(body.block->handlers.size(), 1u);
    EXPECT_THROW(ParsePackageSource("AS g NUMBER END;"), SyntaxError);
    EXPECT_THROW(ParsePackageSource("AS BEGIN END;"), SyntaxError);
}

TEST(PackageSource, HeaderClausesInSpecification) {
    ast::FunctionBody spec = ParsePackageSource(
        "AS\n  FUNCTION f RETURN NUMBER DETERMINISTIC;\n  FUNCTION g(x NUMBER) RETURN VARCHAR2 RESULT_CACHE;\n"
        "  FUNCTION h RETURN NUMBER PARALLEL_ENABLE DETERMINISTIC;\nEND;");
    ASSERT_EQ(spec.block->decls.size(), 3u);
    const char *types[] = {"NUMBER", "VARCHAR2", "NUMBER"};
    for (size_t i = 0; i < 3; ++i) {
        const auto &f = ast::Cast<ast::SubprogramDecl>(*spec.block->decls[i]);
        EXPECT_EQ(f.return_type.text, types[i]);
    }
    EXPECT_EQ(ast::Cast<ast::SubprogramDecl>(*spec.block->decls[0]).header_text,
              "FUNCTION f RETURN NUMBER DETERMINISTIC");
    // PIPELINED marks the function (its rows come from PIPE ROW).
    ast::FunctionBody piped = ParsePackageSource("AS FUNCTION f RETURN t PIPELINED; FUNCTION g RETURN t; END;");
    EXPECT_TRUE(ast::Cast<ast::SubprogramDecl>(*piped.block->decls[0]).pipelined);
    EXPECT_EQ(ast::Cast<ast::SubprogramDecl>(*piped.block->decls[0]).return_type.text, "t");
    EXPECT_FALSE(ast::Cast<ast::SubprogramDecl>(*piped.block->decls[1]).pipelined);
}
