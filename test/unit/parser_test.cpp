// Parser and transformer: source text to AST, and the errors a user sees.
#include <gtest/gtest.h>

#include "plpolar/ast/dump.hpp"
#include "plpolar/parser/parser.hpp"

using plpolar::ast::Dump;
using plpolar::parser::ParseBody;
using plpolar::parser::SyntaxError;

namespace {

std::string D(const std::string &src) { return Dump(ParseBody(src)); }

// Parses `x := <expr>;` and returns the dumped expression.
std::string E(const std::string &expr) {
    auto body = ParseBody("BEGIN x := " + expr + "; END;");
    const auto &assign = plpolar::ast::Cast<plpolar::ast::AssignStmt>(*body.block->body.at(0));
    return Dump(*assign.value);
}

SyntaxError ErrorOf(const std::string &src) {
    try {
        ParseBody(src);
    } catch (const SyntaxError &e) {
        return e;
    }
    ADD_FAILURE() << "no syntax error for: " << src;
    return SyntaxError("", 0, 0);
}

}  // namespace

TEST(Parser, MinimalBlock) { EXPECT_EQ(D("BEGIN NULL; END;"), "BLOCK\n  NULL\n"); }

TEST(Parser, DeclarationsOracleStyle) {
    EXPECT_EQ(D("IS\n v_count NUMBER := 0;\n v_name VARCHAR2(64) NOT NULL := 'x';\n"
                " c_max CONSTANT PLS_INTEGER := 10;\n v_other users.name%TYPE;\n"
                " d timestamp with time zone DEFAULT now();\nBEGIN NULL; END f;"),
              "BLOCK\n"
              "  VAR v_count NUMBER := 0\n"
              "  VAR v_name VARCHAR2(64) NOT NULL := 'x'\n"
              "  VAR c_max CONSTANT PLS_INTEGER := 10\n"
              "  VAR v_other users.name%TYPE\n"
              "  VAR d timestamp with time zone := (call now)\n"
              "  NULL\n");
}

TEST(Parser, KeywordsAndIdentifiersAreCaseInsensitive) {
    EXPECT_EQ(D("begin X := Y; eNd;"), "BLOCK\n  x := y\n");
    EXPECT_EQ(D("BEGIN \"MixedCase\" := 1; END;"), "BLOCK\n  MixedCase := 1\n");
}

TEST(Parser, FieldOfACallResult) {
    EXPECT_EQ(E("f(1).a"), "(call f 1).a");
    EXPECT_EQ(E("pkg.get(x => 2).rec.name || 'z'"), "(|| (call pkg.get x=>2).rec.name 'z')");
    // p(1).a as a statement parses: c(i).EXTEND is one, and only the
    // compiler knows whether p is a collection.
    EXPECT_NO_THROW(D("BEGIN p(1).a; END;"));
}

TEST(Parser, OperatorPrecedence) {
    EXPECT_EQ(E("1 + 2 * 3"), "(+ 1 (* 2 3))");
    EXPECT_EQ(E("a || b + c"), "(+ (|| a b) c)");
    EXPECT_EQ(E("-2 ** 2"), "(neg (** 2 2))");
    EXPECT_EQ(E("-5"), "-5");
    EXPECT_EQ(E("- -5"), "(neg -5)");
    EXPECT_EQ(E("a = 1 OR b = 2 AND NOT c"), "(OR (= a 1) (AND (= b 2) (NOT c)))");
    EXPECT_EQ(E("x BETWEEN 1 AND 2 AND y"), "(AND (BETWEEN x 1 2) y)");
    EXPECT_EQ(E("x NOT IN (1, 2)"), "(NOT IN x 1 2)");
    EXPECT_EQ(E("x IS NOT NULL"), "(IS NOT NULL x)");
    EXPECT_EQ(E("n LIKE 'a%' ESCAPE '!'"), "(LIKE n 'a%' ESCAPE '!')");
    EXPECT_EQ(E("x <> 1"), "(<> x 1)");
    EXPECT_EQ(E("x != 1"), "(<> x 1)");
    EXPECT_EQ(E("x ~= 1"), "(<> x 1)");
    // ** groups to the right and binds tighter than a sign on either side.
    EXPECT_EQ(E("2 ** 3 ** 2"), "(** 2 (** 3 2))");
    EXPECT_EQ(E("2 ** -1 + 3"), "(+ (** 2 -1) 3)");
    EXPECT_EQ(E("a * -b - c"), "(- (* a (neg b)) c)");
    EXPECT_EQ(E("-x::int"), "(neg (cast x int))");
    EXPECT_EQ(E("a - b - c"), "(- (- a b) c)");
    EXPECT_EQ(E("a / b * c"), "(* (/ a b) c)");
    // NOT takes a whole comparison; AND binds tighter than OR; LIKE, BETWEEN
    // and IN bind tighter than =, which binds tighter than IS, as in PostgreSQL.
    EXPECT_EQ(E("NOT a = b"), "(NOT (= a b))");
    EXPECT_EQ(E("NOT a AND b OR c AND NOT d"), "(OR (AND (NOT a) b) (AND c (NOT d)))");
    EXPECT_EQ(E("a = b IS NULL"), "(IS NULL (= a b))");
    EXPECT_EQ(E("x LIKE a || b"), "(LIKE x (|| a b))");
    EXPECT_EQ(E("x NOT BETWEEN a + 1 AND b * 2 OR y"), "(OR (NOT BETWEEN x (+ a 1) (* b 2)) y)");
    EXPECT_EQ(E("x IN (1, a + 1) AND y NOT LIKE 'z'"), "(AND (IN x 1 (+ a 1)) (NOT LIKE y 'z'))");
}

TEST(Parser, CallsAttributesCasts) {
    EXPECT_EQ(E("upper(s)"), "(call upper s)");
    EXPECT_EQ(E("pkg.f(a => 1, 2)"), "(call pkg.f a=>1 2)");
    EXPECT_EQ(E("SQL%ROWCOUNT"), "SQL%ROWCOUNT");
    EXPECT_EQ(E("CAST(x AS numeric(10,2))"), "(cast x numeric(10,2))");
    EXPECT_EQ(E("x::text"), "(cast x text)");
    EXPECT_EQ(E("DATE '2024-01-31'"), "date '2024-01-31'");
    EXPECT_EQ(E("'it''s'"), "'it's'");
}

TEST(Parser, ControlFlow) {
    EXPECT_EQ(D("BEGIN IF a THEN NULL; ELSIF b THEN RETURN 1; ELSE RETURN; END IF; END;"),
              "BLOCK\n  IF a\n    NULL\n  ELSIF b\n    RETURN 1\n  ELSE\n    RETURN\n");
    EXPECT_EQ(D("BEGIN <<outer>> FOR i IN REVERSE 1..10 LOOP EXIT outer WHEN i < 3; CONTINUE; END LOOP outer; END;"),
              "BLOCK\n  <<outer>> FOR i REVERSE 1..10\n    EXIT outer WHEN (< i 3)\n    CONTINUE\n");
    EXPECT_EQ(D("BEGIN WHILE n > 0 LOOP n := n - 1; END LOOP; LOOP EXIT; END LOOP; END;"),
              "BLOCK\n  WHILE (> n 0)\n    n := (- n 1)\n  LOOP\n    EXIT\n");
}

TEST(Parser, NestedBlocksAndHandlers) {
    EXPECT_EQ(D("BEGIN DECLARE x int; BEGIN x := 1; END; EXCEPTION WHEN no_data_found OR SQLSTATE '22012' "
                "THEN NULL; WHEN OTHERS THEN RAISE; END;"),
              "BLOCK\n  BLOCK\n    VAR x int\n    x := 1\n"
              "WHEN no_data_found SQLSTATE 22012\n  NULL\nWHEN OTHERS\n  RAISE \n");
}

TEST(Parser, EmbeddedSqlKeepsTextAndCutsInto) {
    EXPECT_EQ(D("BEGIN SELECT count(*), max(a) INTO n, m FROM t WHERE b = v; END;"),
              "BLOCK\n  SQL [SELECT count(*), max(a) FROM t WHERE b = v] INTO n INTO m\n");
    EXPECT_EQ(D("BEGIN INSERT INTO t(a) VALUES (v || ';'); END;"),
              "BLOCK\n  SQL [INSERT INTO t(a) VALUES (v || ';')]\n");
    EXPECT_EQ(D("BEGIN SELECT (SELECT 1 INTO y) INTO x; END;"), "BLOCK\n  SQL [SELECT (SELECT 1 INTO y)] INTO x\n");
    EXPECT_EQ(D("BEGIN WITH c AS (SELECT 1) INSERT INTO t SELECT * FROM c; END;"),
              "BLOCK\n  SQL [WITH c AS (SELECT 1) INSERT INTO t SELECT * FROM c]\n");
}

TEST(Parser, ProcedureCallStatements) {
    EXPECT_EQ(D("BEGIN dbms_output.put_line('x'); p; END;"),
              "BLOCK\n  CALL (call dbms_output.put_line 'x')\n  CALL p\n");
}

TEST(ParserErrors, ReportLineAndColumn) {
    SyntaxError e = ErrorOf("BEGIN\n  x := 1\nEND;");
    EXPECT_EQ(e.line(), 3);
    EXPECT_EQ(e.column(), 1);
    EXPECT_NE(std::string(e.what()).find("syntax error at or near \"END\""), std::string::npos) << e.what();

    e = ErrorOf("BEGIN\n  IF x THEN NULL; END;\nEND;");
    EXPECT_EQ(e.line(), 2);
    EXPECT_EQ(ErrorOf("BEGIN NULL;").what(),
              std::string("syntax error at end of input (mismatched input '<EOF>' expecting {END, EXCEPTION})"));
}

TEST(ParserErrors, LabelsMustMatch) {
    EXPECT_NE(std::string(ErrorOf("BEGIN <<a>> LOOP EXIT; END LOOP b; END;").what()).find("differs"),
              std::string::npos);
    EXPECT_NE(std::string(ErrorOf("BEGIN LOOP EXIT; END LOOP b; END;").what()).find("unlabeled"), std::string::npos);
}

TEST(ParserErrors, ConstantNeedsValue) {
    EXPECT_NE(std::string(ErrorOf("DECLARE c CONSTANT int; BEGIN NULL; END;").what()).find("must be initialized"),
              std::string::npos);
}

TEST(ParserErrors, PathologicalInputIsRefusedCleanly) {
    std::string deep = "BEGIN x := " + std::string(10000, '(') + "1" + std::string(10000, ')') + "; END;";
    EXPECT_NE(std::string(ErrorOf(deep).what()).find("nesting is too deep"), std::string::npos);

    std::string blocks;
    for (int i = 0; i < 10000; ++i) blocks += "BEGIN ";
    blocks += "NULL;";
    for (int i = 0; i < 10000; ++i) blocks += " END;";
    EXPECT_NE(std::string(ErrorOf(blocks).what()).find("nesting is too deep"), std::string::npos);

    std::string chain = "BEGIN x := 1";
    for (int i = 0; i < 5000; ++i) chain += " + 1";
    chain += "; END;";
    EXPECT_NE(std::string(ErrorOf(chain).what()).find("too deeply nested"), std::string::npos);

    // Signs, NOT and ** nest to the right: the parser recurses for each, so
    // they are refused before parsing, not by a stack overflow.
    for (const char *op : {"- ", "+ ", "NOT ", "2 ** ", "1 = NOT "}) {
        std::string prefixed = "BEGIN x := ";
        for (int i = 0; i < 100000; ++i) prefixed += op;
        prefixed += "1; END;";
        EXPECT_NE(std::string(ErrorOf(prefixed).what()).find("too deeply nested"), std::string::npos) << op;
    }
    // ...but per statement: many short ones are fine.
    std::string many = "BEGIN\n";
    for (int i = 0; i < 5000; ++i) many += "  x := - - y ** 2;\n";
    EXPECT_EQ(ParseBody(many + "END;").block->body.size(), 5000u);

    EXPECT_NE(std::string(ErrorOf(std::string("BEGIN x := 1;\0 END;", 20)).what()).find("NUL"), std::string::npos);
    EXPECT_NE(std::string(ErrorOf("BEGIN x := '\xff\xfe'; END;").what()).find("UTF-8"), std::string::npos);
}

TEST(ParserErrors, HugeFlatBodyParses) {
    std::string body = "BEGIN\n";
    for (int i = 0; i < 20000; ++i) body += "  x := x + 1;\n";
    body += "END;";
    auto parsed = ParseBody(body);
    EXPECT_EQ(parsed.block->body.size(), 20000u);
}

TEST(Parser, WarmUpSampleParses) { EXPECT_TRUE(plpolar::parser::WarmUp()); }

TEST(ParserErrors, Utf8IsCheckedAndKept) {
    for (const char *bad : {"BEGIN x := '\xc0\x80'; END;", "BEGIN x := '\xed\xa0\x80'; END;",
                            "BEGIN x := '\xf4\x90\x80\x80'; END;", "BEGIN NULL; END; -- \xe2\x82"}) {
        EXPECT_NE(std::string(ErrorOf(bad).what()).find("UTF-8"), std::string::npos) << bad;
    }
    // Characters of one to four bytes survive into the AST, and columns
    // count characters.
    EXPECT_EQ(E("'a\xc3\xa4\xe2\x82\xac\xf0\x9f\x98\x80'"), "'a\xc3\xa4\xe2\x82\xac\xf0\x9f\x98\x80'");
    SyntaxError e = ErrorOf("BEGIN x := '\xc3\xa4\xe2\x82\xac' +; END;");
    EXPECT_EQ(e.column(), 18);
}

namespace {

// An interrupt that arrives at the n-th check.
long polls_left = 0;
bool InterruptAtZero() { return --polls_left == 0; }

}  // namespace

TEST(ParserInterrupts, EveryPhaseStopsAndTheNextParseWorks) {
    std::string body = "DECLARE n NUMBER := 0; BEGIN\n";
    for (int i = 0; i < 50; ++i) body += "  IF n < 10 THEN n := f(n, 2) * 3; ELSE n := -n; END IF;\n";
    body += "END;";
    // How many checks a whole parse makes: lexing, parsing (with
    // prediction's lookahead) and the transformer.
    polls_left = -1;
    ParseBody(body, InterruptAtZero);
    long total = -1 - polls_left;
    ASSERT_GT(total, 2000);
    int interrupted = 0;
    for (long n = 1; n <= total; n += 97) {
        polls_left = n;
        try {
            ParseBody(body, InterruptAtZero);
            ADD_FAILURE() << "not interrupted at check " << n;
        } catch (const plpolar::parser::Interrupted &) {
            ++interrupted;
        }
        // Unwinding left ANTLR usable (its locks free): a parse still works.
        EXPECT_EQ(ParseBody("BEGIN x := 1; END;").block->body.size(), 1u);
    }
    EXPECT_GT(interrupted, 20);
    polls_left = total + 1;
    EXPECT_EQ(ParseBody(body, InterruptAtZero).block->body.size(), 50u);
}

TEST(ParserErrors, BodySizeIsBounded) {
    using plpolar::parser::kMaxBodyTokens;
    using plpolar::parser::TooLarge;
    // "NULL;" is two tokens; BEGIN, END and ; three more.
    std::string body = "BEGIN ";
    for (size_t i = 0; i < (kMaxBodyTokens - 3) / 2; ++i) body += "NULL;";
    EXPECT_NO_THROW(ParseBody(body + "END;"));
    body += "NULL;";
    try {
        ParseBody(body + "END;");
        ADD_FAILURE() << "no limit";
    } catch (const TooLarge &e) {
        EXPECT_NE(std::string(e.what()).find("too large"), std::string::npos);
    }
    std::string text = "BEGIN NULL; END; -- " + std::string(plpolar::parser::kMaxBodyBytes, 'x');
    EXPECT_THROW(ParseBody(text), TooLarge);
}

TEST(Parser, CollectionTypesAndElements) {
    EXPECT_EQ(D("DECLARE TYPE a IS TABLE OF NUMBER INDEX BY PLS_INTEGER; TYPE n IS TABLE OF t%ROWTYPE NOT NULL;"
                " TYPE v IS VARRAY(10) OF VARCHAR2(5); TYPE w IS VARYING ARRAY(2) OF INT;"
                " TYPE s IS TABLE OF VARCHAR2(10) INDEX BY VARCHAR2(20);"
                " BEGIN c(i) := 1; c(i).f := 2; c.DELETE(1, 2); c.EXTEND; END;"),
              "BLOCK\n"
              "  TYPE a TABLE OF NUMBER INDEX BY PLS_INTEGER\n"
              "  TYPE n TABLE OF t%ROWTYPE NOT NULL\n"
              "  TYPE v VARRAY(10) OF VARCHAR2(5)\n"
              "  TYPE w VARRAY(2) OF INT\n"
              "  TYPE s TABLE OF VARCHAR2(10) INDEX BY VARCHAR2(20)\n"
              "  c(i) := 1\n"
              "  c(i).f := 2\n"
              "  CALL (call c.delete 1 2)\n"
              "  CALL c.extend\n");
    // Names that became keywords stay names elsewhere.
    EXPECT_EQ(D("DECLARE limit NUMBER; bulk NUMBER; save NUMBER; BEGIN limit := bulk + save; END;"),
              "BLOCK\n  VAR limit NUMBER\n  VAR bulk NUMBER\n  VAR save NUMBER\n  limit := (+ bulk save)\n");
}

TEST(Parser, BulkCollectAndForall) {
    EXPECT_EQ(D("BEGIN SELECT a, b BULK COLLECT INTO x, y FROM t; FETCH c BULK COLLECT INTO r LIMIT 10; END;"),
              "BLOCK\n  SQL [SELECT a, b FROM t] BULK INTO x INTO y\n  FETCH c BULK INTO r LIMIT 10\n");
    EXPECT_EQ(D("BEGIN FORALL i IN 1 .. n SAVE EXCEPTIONS INSERT INTO t VALUES (a(i)); "
                "FORALL j IN INDICES OF a BETWEEN 2 AND 3 DELETE FROM t WHERE id = a(j); "
                "FORALL k IN VALUES OF v UPDATE t SET x = 1; END;"),
              "BLOCK\n"
              "  FORALL i IN 1..n SAVE EXCEPTIONS\n"
              "    SQL [INSERT INTO t VALUES (a(i))]\n"
              "  FORALL j IN INDICES OF a BETWEEN 2 AND 3\n"
              "    SQL [DELETE FROM t WHERE id = a(j)]\n"
              "  FORALL k IN VALUES OF v\n"
              "    SQL [UPDATE t SET x = 1]\n");
    EXPECT_EQ(E("SQL%BULK_ROWCOUNT(3) + SQL%BULK_EXCEPTIONS(1).ERROR_CODE + SQL%BULK_EXCEPTIONS.COUNT"),
              "(+ (+ (call sql%bulk_rowcount 3) (call sql%bulk_exceptions 1).error_code) sql%bulk_exceptions.count)");
    EXPECT_THROW(D("BEGIN FORALL i IN 1 .. 2 SELECT 1 INTO x FROM t; END;"), SyntaxError);
}

TEST(Parser, ElementsAsIntoTargets) {
    auto body = ParseBody("BEGIN SELECT a, b INTO t(i + 1), r(k).f FROM x; FETCH c INTO t(j), u; END;");
    const auto &sql = plpolar::ast::Cast<plpolar::ast::SqlStmt>(*body.block->body.at(0));
    ASSERT_EQ(sql.into.size(), 2u);
    EXPECT_EQ(sql.into[0].subscript, "i + 1");
    EXPECT_EQ(sql.into[1].subscript, "k");
    EXPECT_EQ(sql.into[1].fields, std::vector<std::string>{"f"});
    EXPECT_EQ(sql.text, "SELECT a, b FROM x");
    const auto &fetch = plpolar::ast::Cast<plpolar::ast::FetchStmt>(*body.block->body.at(1));
    ASSERT_EQ(fetch.into.size(), 2u);
    EXPECT_EQ(fetch.into[0].subscript, "j");
    EXPECT_TRUE(fetch.into[1].subscript.empty());
}

TEST(Parser, PipeRow) {
    EXPECT_EQ(D("BEGIN PIPE ROW (x + 1); RETURN; END;"), "BLOCK\n  PIPE ROW ((+ x 1))\n  RETURN\n");
    // PIPE and ROW stay usable as names.
    EXPECT_NO_THROW(ParseBody("DECLARE pipe NUMBER; row NUMBER; BEGIN pipe := row; END;"));
    EXPECT_THROW(ParseBody("BEGIN PIPE ROW x; END;"), SyntaxError);
}

TEST(Parser, MultiLevelCollections) {
    // c(i)(j) reads and assignments, and a method of an element.
    EXPECT_NO_THROW(
        ParseBody("BEGIN x := c(1)(2)(3); c(1)(2) := 5; c(i).EXTEND(2); c(i).DELETE; n := c(1).COUNT; END;"));
    auto body = ParseBody("BEGIN c(1)(2).f := 5; END;");
    ASSERT_EQ(body.block->body.size(), 1u);
    const auto &assign = plpolar::ast::Cast<plpolar::ast::AssignStmt>(*body.block->body[0]);
    EXPECT_EQ(assign.more_subscripts.size(), 1u);
    EXPECT_EQ(assign.element_fields.size(), 1u);
}

TEST(Parser, IterationControls) {
    EXPECT_NO_THROW(ParseBody("BEGIN FOR i IN INDICES OF c LOOP NULL; END LOOP; END;"));
    EXPECT_NO_THROW(ParseBody("BEGIN FOR v IN REVERSE VALUES OF c LOOP NULL; END LOOP; END;"));
    EXPECT_NO_THROW(ParseBody("BEGIN <<lbl>> FOR k, v IN PAIRS OF pkg.c LOOP NULL; END LOOP lbl; END;"));
    // PAIRS and INDICES stay names; PAIRS needs two iterands, the others one.
    EXPECT_NO_THROW(ParseBody("DECLARE pairs NUMBER; BEGIN pairs := 1; FOR i IN 1 .. pairs LOOP NULL; END LOOP; END;"));
    EXPECT_THROW(ParseBody("BEGIN FOR k IN PAIRS OF c LOOP NULL; END LOOP; END;"), SyntaxError);
    EXPECT_THROW(ParseBody("BEGIN FOR k, v IN INDICES OF c LOOP NULL; END LOOP; END;"), SyntaxError);
}

TEST(Parser, QualifiedExpressions) {
    // key => value in a call: an associative array's qualified expression;
    // name => value stays named notation; keys only where calls take them.
    auto body = ParseBody("BEGIN a := t(1 => 'x', 'k' || 2 => 'y', n => 3); END;");
    const auto &assign = plpolar::ast::Cast<plpolar::ast::AssignStmt>(*body.block->body[0]);
    const auto &call = plpolar::ast::Cast<plpolar::ast::CallExpr>(*assign.value);
    ASSERT_EQ(call.args.size(), 3u);
    EXPECT_TRUE(call.args[0].key != nullptr);
    EXPECT_TRUE(call.args[1].key != nullptr);
    EXPECT_TRUE(call.args[2].key == nullptr);
    EXPECT_EQ(call.args[2].name, "n");
    EXPECT_THROW(ParseBody("BEGIN OPEN c(1 => 2); END;"), SyntaxError);
    EXPECT_THROW(ParseBody("BEGIN x := c(1)(1 => 2); END;"), SyntaxError);
}

TEST(Parser, ExtractFromIsACallOfPgCatalogExtract) {
    auto body = plpolar::parser::ParseBody("BEGIN x := EXTRACT(YEAR FROM d) + extract(minute from t); END");
    std::string dump = plpolar::ast::Dump(body);
    EXPECT_NE(dump.find("pg_catalog.extract"), std::string::npos) << dump;
    EXPECT_THROW(plpolar::parser::ParseBody("BEGIN x := EXTRACT(WEEKDAY FROM d); END;"), plpolar::parser::SyntaxError);
    // A function of the name still calls it.
    EXPECT_NO_THROW(plpolar::parser::ParseBody("BEGIN x := extract(1, 2); END;"));
}
