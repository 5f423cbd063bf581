// Dialect III pieces that need no server: nested subprograms and COMMIT in
// the AST, how built-in names are qualified in SQL text, DBMS_OUTPUT's
// buffer rules, and scripts whose subprograms nest others.
#include <gtest/gtest.h>

#include <cstdlib>

#include "plpolar/ast/dump.hpp"
#include "plpolar/parser/builtins.hpp"
#include "plpolar/parser/parser.hpp"
#include "plpolar/parser/script.hpp"
#include "plpolar/session/output_buffer.hpp"

using plpolar::ast::Dump;
using plpolar::parser::ParseBody;
using plpolar::parser::QualifyBuiltins;
using plpolar::parser::SplitScript;
using plpolar::parser::SyntaxError;
using plpolar::session::OutputBuffer;
using plpolar::session::OutputError;

namespace {

std::string D(const std::string &src) { return Dump(ParseBody(src)); }

}  // namespace

TEST(Dialect3, NestedSubprograms) {
    EXPECT_EQ(D("DECLARE\n"
                "  FUNCTION f(a IN NUMBER, b OUT VARCHAR2, c IN OUT DATE, d NUMBER DEFAULT 1) RETURN NUMBER;\n"
                "  PROCEDURE p IS x NUMBER; BEGIN NULL; END p;\n"
                "  FUNCTION f(a IN NUMBER, b OUT VARCHAR2, c IN OUT DATE, d NUMBER DEFAULT 1) RETURN NUMBER IS\n"
                "  BEGIN RETURN a; END;\n"
                "BEGIN p; COMMIT; ROLLBACK WORK; END;"),
              "BLOCK\n"
              "  FUNCTION f a:NUMBER b OUT:VARCHAR2 c IN OUT:DATE d:NUMBER RETURN NUMBER (forward)\n"
              "  PROCEDURE p\n"
              "    BLOCK\n"
              "      VAR x NUMBER\n"
              "      NULL\n"
              "  FUNCTION f a:NUMBER b OUT:VARCHAR2 c IN OUT:DATE d:NUMBER RETURN NUMBER\n"
              "    BLOCK\n"
              "      RETURN a\n"
              "  CALL p\n"
              "  COMMIT\n"
              "  ROLLBACK\n");
}

TEST(Dialect3, SubprogramEndNameMustMatch) {
    EXPECT_THROW(ParseBody("DECLARE PROCEDURE p IS BEGIN NULL; END q; BEGIN NULL; END;"), SyntaxError);
    // COMMIT and friends stay usable as names elsewhere.
    EXPECT_NO_THROW(ParseBody("DECLARE work NUMBER; commit_count NUMBER; BEGIN work := 1; END;"));
}

TEST(Dialect3, QualifyBuiltinsInSql) {
    EXPECT_EQ(QualifyBuiltins("SELECT nvl(a, 1), SUBSTR (b, -2), Decode(c, 1, 'x') FROM t"),
              "SELECT plpolar.nvl(a, 1), plpolar.substr (b, -2), plpolar.decode(c, 1, 'x') FROM t");
    // Qualified names, columns named like functions, parameters, strings,
    // quoted identifiers and comments are left alone.
    EXPECT_EQ(QualifyBuiltins("SELECT x.substr(a), t.length, length, :sysdate, 'nvl(1)', \"nvl\"(1) -- nvl(\nFROM t"),
              "SELECT x.substr(a), t.length, length, :sysdate, 'nvl(1)', \"nvl\"(1) -- nvl(\nFROM t");
    EXPECT_EQ(
        QualifyBuiltins("SELECT sysdate, systimestamp::date, trunc(sysdate) FROM dual"),
        "SELECT plpolar.sysdate(), plpolar.systimestamp()::date, plpolar.trunc(plpolar.sysdate()) FROM plpolar.dual");
    EXPECT_EQ(QualifyBuiltins("SELECT dual FROM t JOIN dual ON true"), "SELECT dual FROM t JOIN plpolar.dual ON true");
    EXPECT_EQ(QualifyBuiltins("SELECT $$nvl(1)$$, $1"), "SELECT $$nvl(1)$$, $1");
}

TEST(Dialect3, OutputBufferNeedsEnable) {
    OutputBuffer out;
    out.Put("ignored");
    EXPECT_FALSE(out.NewLine(false).has_value());
    EXPECT_FALSE(out.GetLine().has_value());
    out.Enable(OutputBuffer::kDefaultLimit);
    out.Put("a");
    out.Put("b");
    EXPECT_FALSE(out.GetLine().has_value()) << "an unfinished line is not readable";
    out.NewLine(false);
    out.Put("c");
    out.NewLine(false);
    EXPECT_EQ(out.GetLine().value(), "ab");
    EXPECT_EQ(out.GetLines(10), std::vector<std::string>{"c"});
    EXPECT_EQ(out.buffered_bytes(), 0u);
}

TEST(Dialect3, OutputBufferWriteAfterReadDropsUnread) {
    OutputBuffer out;
    out.Enable(std::nullopt);
    for (const char *s : {"1", "2", "3"}) {
        out.Put(s);
        out.NewLine(false);
    }
    EXPECT_EQ(out.GetLine().value(), "1");
    out.Put("4");
    out.NewLine(false);
    EXPECT_EQ(out.GetLines(10), std::vector<std::string>{"4"});
}

TEST(Dialect3, OutputBufferLimits) {
    OutputBuffer out;
    out.Enable(10);  // raised to Oracle's minimum of 2000
    std::string line(999, 'x');
    out.Put(line);
    out.NewLine(false);
    out.Put(line);
    out.NewLine(false);
    EXPECT_THROW(out.Put(std::string(3, 'y')), OutputError);
    out.Disable();
    EXPECT_EQ(out.buffered_bytes(), 0u);
    out.Enable(std::nullopt);
    out.Put(std::string(OutputBuffer::kMaxLine, 'z'));
    EXPECT_THROW(out.Put("!"), OutputError);
}

TEST(Dialect3, OutputBufferDeliversInServerOutputMode) {
    OutputBuffer out;
    out.Enable(std::nullopt);
    out.Put("now");
    auto line = out.NewLine(true);
    ASSERT_TRUE(line.has_value());
    EXPECT_EQ(*line, "now");
    EXPECT_FALSE(out.GetLine().has_value());
    EXPECT_EQ(out.buffered_bytes(), 0u);
}

TEST(Dialect3, ScriptWithNestedSubprograms) {
    auto stmts = SplitScript(
        "CREATE OR REPLACE PROCEDURE outer_p(x NUMBER) IS\n"
        "  FUNCTION fwd RETURN NUMBER;\n"
        "  PROCEDURE inner_p IS v NUMBER; BEGIN v := fwd; END inner_p;\n"
        "  FUNCTION fwd RETURN NUMBER IS BEGIN RETURN 1; END;\n"
        "BEGIN\n"
        "  inner_p;\n"
        "END outer_p;\n"
        "SELECT 1;\n");
    ASSERT_EQ(stmts.size(), 2u);
    EXPECT_NE(stmts[0].text.find("END outer_p;"), std::string::npos);
    EXPECT_EQ(stmts[1].text, "SELECT 1");
}

TEST(Dialect3, CallKeyword) {
    EXPECT_EQ(D("BEGIN CALL p(1); call q; p(2); END;"), "BLOCK\n  CALL (call p 1)\n  CALL q\n  CALL (call p 2)\n");
    EXPECT_NO_THROW(ParseBody("DECLARE call NUMBER; BEGIN call := 1; END;"));
}

namespace {

// Memory that counts what is in use and fails beyond a budget.
struct CountingMemory {
    static inline long in_use = 0;
    static inline long budget = 0;
    static inline int resets = 0;
    static void *Allocate(size_t size) {
        if (in_use + static_cast<long>(size) > budget) return nullptr;
        auto *p = static_cast<size_t *>(std::malloc(size + sizeof(size_t)));
        *p = size;
        in_use += static_cast<long>(size);
        return p + 1;
    }
    static void Release(void *pointer) {
        size_t *p = static_cast<size_t *>(pointer) - 1;
        in_use -= static_cast<long>(*p);
        std::free(p);
    }
    static void Reset() { ++resets; }
    static plpolar::session::OutputMemory Memory(long bytes) {
        in_use = 0;
        budget = bytes;
        resets = 0;
        return {Allocate, Release, Reset};
    }
};

}  // namespace

TEST(Dialect3, OutputBufferLinesLiveInItsMemoryAndGoBack) {
    OutputBuffer out(CountingMemory::Memory(1 << 20));
    out.Enable(std::nullopt);
    for (int i = 0; i < 100; ++i) {
        out.Put("a line long enough to need memory of its own");
        out.NewLine(false);
    }
    EXPECT_GT(CountingMemory::in_use, 100 * 40);
    EXPECT_EQ(out.GetLines(60).size(), 60u);
    EXPECT_GT(CountingMemory::in_use, 0);
    EXPECT_EQ(out.GetLines(100).size(), 40u);
    // All read: nothing in use, and the memory is told so.
    EXPECT_EQ(CountingMemory::in_use, 0);
    EXPECT_GT(CountingMemory::resets, 0);
    out.Put("x");
    out.NewLine(false);
    out.Put("a line long enough to need memory of its own");
    out.NewLine(false);
    out.Disable();
    EXPECT_EQ(CountingMemory::in_use, 0);
}

TEST(Dialect3, OutputBufferOutOfMemoryGivesItBack) {
    OutputBuffer out(CountingMemory::Memory(64 * 1024));
    out.Enable(std::nullopt);
    std::string line(100, 'l');
    int kept = 0;
    try {
        for (;; ++kept) {
            out.Put(line);
            out.NewLine(false);
        }
    } catch (const plpolar::session::OutputOutOfMemory &e) {
        EXPECT_NE(std::string(e.what()).find("discarded"), std::string::npos);
    }
    EXPECT_GT(kept, 100);
    EXPECT_EQ(CountingMemory::in_use, 0);
    EXPECT_EQ(out.buffered_bytes(), 0u);
    EXPECT_FALSE(out.GetLine());
    // The buffer goes on.
    out.Put("after");
    out.NewLine(false);
    EXPECT_EQ(*out.GetLine(), "after");
    // Lines from elsewhere (a parallel worker) obey the limit.
    out.Enable(2000);
    EXPECT_TRUE(out.AddLine(std::string(1500, 'w')));
    EXPECT_THROW(out.AddLine(std::string(1000, 'w')), OutputError);
    out.Disable();
    EXPECT_FALSE(out.AddLine("dropped"));
}
