// Oracle's lexical forms in SQL text, rewritten before PostgreSQL sees them:
// q'[...]' and N'...' literals, seq.NEXTVAL / seq.CURRVAL.
#include <gtest/gtest.h>

#include "plpolar/parser/builtins.hpp"
#include "plpolar/parser/parser.hpp"
#include "plpolar/parser/sql_text.hpp"

using plpolar::parser::OracleQuoteEnd;
using plpolar::parser::QualifyBuiltins;

TEST(OracleSqlText, AlternativeQuotes) {
    EXPECT_EQ(QualifyBuiltins("SELECT q'[it's]', Q'{a}b}', q'<x>', q'(y)', q'!z!'"),
              "SELECT 'it''s', 'a}b', 'x', 'y', 'z'");
    EXPECT_EQ(QualifyBuiltins("INSERT INTO t VALUES (nq'#a'b#', N'n''x', n'y')"),
              "INSERT INTO t VALUES ('a''b', 'n''x', 'y')");
    // Placeholders, built-in names and comment marks inside stay text.
    EXPECT_EQ(QualifyBuiltins("SELECT q'[:x nvl(1) -- /*]' FROM dual"), "SELECT ':x nvl(1) -- /*' FROM plpolar.dual");
    // Not a quote: identifiers ending in q or n, and plain strings.
    EXPECT_EQ(QualifyBuiltins("SELECT seq'a', colq, 'q''[x]'''"), "SELECT seq'a', colq, 'q''[x]'''");
    std::string value;
    // The first ]' closes, as in Oracle.
    EXPECT_EQ(OracleQuoteEnd("q'[a]'b]' x", 0, &value), 6u);
    EXPECT_EQ(value, "a");
    EXPECT_EQ(OracleQuoteEnd("q'[a]b]' x", 0, &value), 8u);
    EXPECT_EQ(value, "a]b");
    EXPECT_EQ(OracleQuoteEnd("q'[never closed", 0), 15u);
    EXPECT_EQ(OracleQuoteEnd("xq'[a]'", 1), 1u);
    EXPECT_EQ(OracleQuoteEnd("q' a '", 0), 0u);
}

TEST(OracleSqlText, SequencePseudocolumns) {
    EXPECT_EQ(QualifyBuiltins("INSERT INTO t VALUES (emp_seq.NEXTVAL, hr.emp_seq . currval)"),
              "INSERT INTO t VALUES (pg_catalog.nextval('emp_seq'), pg_catalog.currval('hr.emp_seq'))");
    EXPECT_EQ(QualifyBuiltins("SELECT \"Sch\".\"My Seq\".nextval FROM dual"),
              "SELECT pg_catalog.nextval('\"Sch\".\"My Seq\"') FROM plpolar.dual");
    EXPECT_EQ(QualifyBuiltins("UPDATE t SET id = s.NextVal WHERE x = 1"),
              "UPDATE t SET id = pg_catalog.nextval('s') WHERE x = 1");
    // PostgreSQL's own calls, parameters and strings are left alone.
    EXPECT_EQ(QualifyBuiltins("SELECT pg_catalog.nextval('s'), nextval('s'), 's.nextval', :b.nextval"),
              "SELECT pg_catalog.nextval('s'), nextval('s'), 's.nextval', :b.nextval");
}

TEST(OracleSqlText, PlLiterals) {
    // The PL lexer reads q-quoted strings; the delimiters are not the value.
    auto body = plpolar::parser::ParseBody("BEGIN x := q'[it's; ok]'; y := nq'!a!'; z := N'b''c'; END;");
    ASSERT_TRUE(body.block != nullptr);
}

TEST(OracleSqlText, EscapeStrings) {
    // PostgreSQL's E'...' with \' inside is one literal: nothing in it is
    // rewritten, and what follows it is.
    EXPECT_EQ(QualifyBuiltins("SELECT E'it\\'s nvl(a)', nvl(b, 0) FROM dual"),
              "SELECT E'it\\'s nvl(a)', plpolar.nvl(b, 0) FROM plpolar.dual");
    EXPECT_EQ(QualifyBuiltins("SELECT e'\\\\', sysdate"), "SELECT e'\\\\', plpolar.sysdate()");
    // A word ending in e before a quote is not an E string.
    EXPECT_EQ(QualifyBuiltins("SELECT case'x' FROM dual"), "SELECT case'x' FROM plpolar.dual");
}

TEST(OracleSqlText, HashIdentifiers) {
    using plpolar::parser::QuoteHashIdentifiers;
    EXPECT_EQ(QuoteHashIdentifiers("SELECT a FROM SC#Orders o, x WHERE o.id# = 1 AND s = 'a#b' -- c#d"),
              "SELECT a FROM \"sc#orders\" o, x WHERE o.\"id#\" = 1 AND s = 'a#b' -- c#d");
    EXPECT_EQ(QuoteHashIdentifiers("SELECT \"Q#x\", 1 # 2"), "SELECT \"Q#x\", 1 # 2");
    EXPECT_EQ(QualifyBuiltins("DROP TABLE sc#invoice_details"), "DROP TABLE \"sc#invoice_details\"");
}

TEST(OracleSqlText, ContinuedLines) {
    using plpolar::parser::JoinContinuedLines;
    EXPECT_EQ(JoinContinuedLines("INSERT INTO t VALUES(1726-\n,'S'-\n,'a-\nb'||-\n'c')"),
              "INSERT INTO t VALUES(1726 \n,'S' \n,'a-\nb'|| \n'c')");
    EXPECT_EQ(JoinContinuedLines("SELECT 1 - 2 -- note -\nFROM dual"), "SELECT 1 - 2 -- note -\nFROM dual");
    EXPECT_EQ(JoinContinuedLines("SELECT 1 -"), "SELECT 1 -");
}
