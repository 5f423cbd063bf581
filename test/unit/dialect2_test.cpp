// Dialect II pieces that need no server: the AST of exception sections,
// cursors, records and EXECUTE IMMEDIATE, and Oracle placeholders in
// dynamic SQL.
#include <gtest/gtest.h>

#include "plpolar/ast/dump.hpp"
#include "plpolar/parser/parser.hpp"
#include "plpolar/parser/placeholders.hpp"

using plpolar::ast::Dump;
using plpolar::parser::ConvertPlaceholders;
using plpolar::parser::ParseBody;
using plpolar::parser::SyntaxError;

namespace {

std::string D(const std::string &src) { return Dump(ParseBody(src)); }

}  // namespace

TEST(Dialect2, ExceptionSection) {
    EXPECT_EQ(D("DECLARE e EXCEPTION; PRAGMA EXCEPTION_INIT(e, -20001); PRAGMA AUTONOMOUS_TRANSACTION;\n"
                "BEGIN RAISE e; EXCEPTION WHEN e OR no_data_found THEN RAISE; WHEN SQLSTATE '22012' THEN NULL;\n"
                "WHEN OTHERS THEN RAISE_APPLICATION_ERROR(-20002, 'x'); END;"),
              "BLOCK\n"
              "  EXCEPTION e\n"
              "  PRAGMA exception_init\n"
              "  PRAGMA autonomous_transaction\n"
              "  RAISE e\n"
              "WHEN e no_data_found\n"
              "  RAISE \n"
              "WHEN SQLSTATE 22012\n"
              "  NULL\n"
              "WHEN OTHERS\n"
              "  CALL (call raise_application_error -20002 'x')\n");
}

TEST(Dialect2, CursorDeclarationsAndStatements) {
    EXPECT_EQ(D("DECLARE CURSOR c(p NUMBER, q IN VARCHAR2 DEFAULT 'a') RETURN emp%ROWTYPE IS\n"
                "  SELECT * FROM emp WHERE deptno = p AND (sal > (SELECT 1));\n"
                "BEGIN OPEN c(1); FETCH c INTO a, r.f; CLOSE c; END;"),
              "BLOCK\n"
              "  CURSOR c p:NUMBER q:VARCHAR2 [SELECT * FROM emp WHERE deptno = p AND (sal > (SELECT 1))]\n"
              "  OPEN c\n"
              "  FETCH c INTO a INTO r.f\n"
              "  CLOSE c\n");
}

TEST(Dialect2, CursorForLoops) {
    EXPECT_EQ(D("BEGIN FOR r IN c(1, 2) LOOP NULL; END LOOP; FOR s IN (SELECT a FROM (SELECT 1 a) t) LOOP NULL; "
                "END LOOP; FOR i IN 1..3 LOOP NULL; END LOOP; END;"),
              "BLOCK\n"
              "  FOR r IN c(2)\n"
              "    NULL\n"
              "  FOR s IN [SELECT a FROM (SELECT 1 a) t]\n"
              "    NULL\n"
              "  FOR i 1..3\n"
              "    NULL\n");
}

TEST(Dialect2, RefCursorsAndRecordTypes) {
    EXPECT_EQ(D("DECLARE TYPE rc_t IS REF CURSOR RETURN emp%ROWTYPE; TYPE pt IS RECORD (x NUMBER := 0, "
                "y NUMBER NOT NULL := 1); rc rc_t; p pt;\n"
                "BEGIN OPEN rc FOR SELECT 1 FROM t JOIN u USING (id); OPEN rc FOR 'SELECT :1' USING 5; END;"),
              "BLOCK\n"
              "  TYPE rc_t REF CURSOR\n"
              "  TYPE pt RECORD x:NUMBER y:NUMBER\n"
              "  VAR rc rc_t\n"
              "  VAR p pt\n"
              "  OPEN rc FOR [SELECT 1 FROM t JOIN u USING (id)]\n"
              "  OPEN rc FOR 'SELECT :1' USING 1\n");
}

TEST(Dialect2, ExecuteImmediate) {
    EXPECT_EQ(D("BEGIN EXECUTE IMMEDIATE 'SELECT :1' INTO a, b USING x, IN OUT y, OUT z; "
                "EXECUTE IMMEDIATE s USING 1 RETURNING INTO r; END;"),
              "BLOCK\n"
              "  EXECUTE IMMEDIATE 'SELECT :1' INTO a INTO b USING x USING IN OUT y USING OUT z\n"
              "  EXECUTE IMMEDIATE s USING 1 RETURNING INTO r\n");
    EXPECT_THROW(ParseBody("BEGIN EXECUTE IMMEDIATE 'x' INTO a RETURNING INTO b; END;"), SyntaxError);
}

TEST(Dialect2, RowDmlAndReturningInto) {
    EXPECT_EQ(D("BEGIN INSERT INTO t VALUES r; UPDATE s.t SET ROW = r WHERE id = r.id;\n"
                "INSERT INTO t VALUES (1) RETURNING id INTO v; INSERT INTO t SELECT 1 INTO_ok FROM x; END;"),
              "BLOCK\n"
              "  SQL [] ROW t r\n"
              "  SQL [WHERE id = r.id] ROW s.t r\n"
              "  SQL [INSERT INTO t VALUES (1) RETURNING id] INTO v\n"
              "  SQL [INSERT INTO t SELECT 1 INTO_ok FROM x]\n");
}

TEST(Placeholders, PositionalBinding) {
    auto d = ConvertPlaceholders("UPDATE t SET a = :x WHERE b = :x OR c = :1");
    EXPECT_EQ(d.text, "UPDATE t SET a = $1 WHERE b = $2 OR c = $3");
    EXPECT_EQ(d.in_args, (std::vector<int>{0, 1, 2}));
    EXPECT_TRUE(d.returning_args.empty());
    EXPECT_TRUE(d.has_placeholders);
}

TEST(Placeholders, LeavesQuotesCommentsAndCastsAlone) {
    auto d = ConvertPlaceholders("SELECT ':a', \":b\", x::int, $$ :c $$, $t$:d$t$ -- :e\n/* :f */ , arr[1:2], :g");
    EXPECT_EQ(d.text, "SELECT ':a', \":b\", x::int, $$ :c $$, $t$:d$t$ -- :e\n/* :f */ , arr[1:2], $1");
    EXPECT_EQ(d.in_args, (std::vector<int>{0}));
    auto none = ConvertPlaceholders("SELECT $1, 'it''s :x'");
    EXPECT_FALSE(none.has_placeholders);
    EXPECT_EQ(none.text, "SELECT $1, 'it''s :x'");
}

TEST(Placeholders, ReturningInto) {
    auto d = ConvertPlaceholders("UPDATE t SET q = q + :1 WHERE id = :2 RETURNING id, (q) INTO :a, :b");
    EXPECT_EQ(d.text, "UPDATE t SET q = q + $1 WHERE id = $2 RETURNING id, (q)");
    EXPECT_EQ(d.in_args, (std::vector<int>{0, 1}));
    EXPECT_EQ(d.returning_args, (std::vector<int>{2, 3}));
    // INTO inside a sub-select is not the RETURNING INTO
    auto s = ConvertPlaceholders("INSERT INTO t SELECT * FROM u WHERE v = :1");
    EXPECT_EQ(s.text, "INSERT INTO t SELECT * FROM u WHERE v = $1");
    EXPECT_TRUE(s.returning_args.empty());
}

TEST(Placeholders, UnterminatedInputIsSafe) {
    for (const char *sql : {"SELECT 'abc", "SELECT \"x", "SELECT /* open", "SELECT $q$ open", ":", "SELECT :"}) {
        auto d = ConvertPlaceholders(sql);
        EXPECT_LE(d.text.size(), std::string(sql).size() + 2) << sql;
    }
}

TEST(Identifiers, CutAt63BytesOnACharacterBoundary) {
    using plpolar::parser::FoldIdentifier;
    std::string long_name(70, 'A');
    EXPECT_EQ(FoldIdentifier(long_name), std::string(63, 'a'));
    // 31 two-byte characters = 62 bytes; the 32nd would cross byte 63.
    std::string wide;
    for (int i = 0; i < 40; ++i) wide += "\xC3\xA9";
    EXPECT_EQ(FoldIdentifier(wide).size(), 62u);
    EXPECT_EQ(FoldIdentifier("\"" + std::string(64, 'Q') + "\""), std::string(63, 'Q'));
}

TEST(Dialect3, CaseStatementAndExpression) {
    EXPECT_EQ(D("BEGIN CASE x WHEN 1 THEN NULL; WHEN 2 THEN y := CASE WHEN a THEN 1 ELSE 2 END; "
                "ELSE NULL; END CASE; CASE WHEN b THEN NULL; END CASE; END;"),
              "BLOCK\n"
              "  CASE x\n"
              "  WHEN 1\n"
              "    NULL\n"
              "  WHEN 2\n"
              "    y := (case (when a 1) (else 2))\n"
              "  ELSE\n"
              "    NULL\n"
              "  CASE\n"
              "  WHEN b\n"
              "    NULL\n");
    EXPECT_THROW(ParseBody("BEGIN CASE WHEN a THEN NULL; END; END;"), SyntaxError);
}

TEST(Dialect3, Goto) {
    EXPECT_EQ(D("BEGIN <<top>> NULL; GOTO top; END;"), "BLOCK\n  <<top>> NULL\n  GOTO top\n");
    EXPECT_EQ(D("BEGIN GOTO \"Mixed\"; <<\"Mixed\">> NULL; END;"), "BLOCK\n  GOTO Mixed\n  <<Mixed>> NULL\n");
}
