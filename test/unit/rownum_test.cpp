// Oracle's ROWNUM pseudocolumn: the forms rewritten exactly, and the others
// refused with an error that names the form.
#include <gtest/gtest.h>

#include "plpolar/parser/builtins.hpp"
#include "plpolar/parser/parser.hpp"
#include "plpolar/parser/rownum.hpp"

using plpolar::parser::QualifyBuiltins;
using plpolar::parser::RewriteRownum;
using plpolar::parser::SyntaxError;

namespace {

// The message of the SyntaxError RewriteRownum throws, "" if none.
std::string Refusal(const std::string &sql, int *line = nullptr, int *column = nullptr) {
    try {
        RewriteRownum(sql);
    } catch (const SyntaxError &e) {
        if (line != nullptr) *line = e.line();
        if (column != nullptr) *column = e.column();
        return e.what();
    }
    return "";
}

}  // namespace

TEST(Rownum, LimitForms) {
    EXPECT_EQ(RewriteRownum("SELECT a FROM t WHERE ROWNUM = 1"), "SELECT a FROM t LIMIT 1");
    EXPECT_EQ(RewriteRownum("SELECT a FROM t WHERE ROWNUM <= 5"), "SELECT a FROM t LIMIT 5");
    EXPECT_EQ(RewriteRownum("SELECT a FROM t WHERE ROWNUM < 5"), "SELECT a FROM t LIMIT 4");
    EXPECT_EQ(RewriteRownum("SELECT a FROM t WHERE 5 >= ROWNUM"), "SELECT a FROM t LIMIT 5");
    EXPECT_EQ(RewriteRownum("SELECT a FROM t WHERE 5 > ROWNUM"), "SELECT a FROM t LIMIT 4");
    EXPECT_EQ(RewriteRownum("SELECT a FROM t WHERE 1 = ROWNUM"), "SELECT a FROM t LIMIT 1");
    EXPECT_EQ(RewriteRownum("SELECT a FROM t WHERE ROWNUM<=007"), "SELECT a FROM t LIMIT 7");
    // Any case, blanks and line breaks around.
    EXPECT_EQ(RewriteRownum("select a from t where rownum <= 3"), "select a from t LIMIT 3");
    EXPECT_EQ(RewriteRownum("SELECT a\n  FROM t\n WHERE RowNum\n <= 2\n"), "SELECT a\n  FROM t LIMIT 2\n");
    // The trailing semicolon stays last.
    EXPECT_EQ(RewriteRownum("SELECT a FROM t WHERE ROWNUM = 1;"), "SELECT a FROM t LIMIT 1;");
    // A comment after the condition stays after the LIMIT, not over it.
    EXPECT_EQ(RewriteRownum("SELECT a FROM t WHERE ROWNUM = 1 -- first\n"), "SELECT a FROM t LIMIT 1 -- first\n");
    EXPECT_EQ(RewriteRownum("SELECT a FROM t WHERE ROWNUM = 1 /* one */;"), "SELECT a FROM t LIMIT 1 /* one */;");
}

TEST(Rownum, OtherConditionsStay) {
    EXPECT_EQ(RewriteRownum("SELECT a FROM t WHERE b = 1 AND ROWNUM <= 3"), "SELECT a FROM t WHERE b = 1 LIMIT 3");
    EXPECT_EQ(RewriteRownum("SELECT a FROM t WHERE ROWNUM <= 3 AND b = 1"), "SELECT a FROM t WHERE b = 1 LIMIT 3");
    EXPECT_EQ(RewriteRownum("SELECT a FROM t WHERE b = 1 AND ROWNUM < 3 AND c = 2"),
              "SELECT a FROM t WHERE b = 1 AND c = 2 LIMIT 2");
    // BETWEEN's AND is not a conjunction; CASE's neither.
    EXPECT_EQ(RewriteRownum("SELECT a FROM t WHERE b BETWEEN 1 AND 5 AND ROWNUM = 1"),
              "SELECT a FROM t WHERE b BETWEEN 1 AND 5 LIMIT 1");
    EXPECT_EQ(RewriteRownum("SELECT a FROM t WHERE CASE WHEN b AND c THEN 1 END = 1 AND ROWNUM = 1"),
              "SELECT a FROM t WHERE CASE WHEN b AND c THEN 1 END = 1 LIMIT 1");
    // ORs inside parentheses are one condition.
    EXPECT_EQ(RewriteRownum("SELECT a FROM t WHERE (b = 1 OR c = 2) AND ROWNUM <= 2"),
              "SELECT a FROM t WHERE (b = 1 OR c = 2) LIMIT 2");
    // Joins, IS DISTINCT FROM.
    EXPECT_EQ(RewriteRownum("SELECT t.a FROM t JOIN u ON u.id = t.id WHERE t.b IS DISTINCT FROM u.b AND ROWNUM <= 2"),
              "SELECT t.a FROM t JOIN u ON u.id = t.id WHERE t.b IS DISTINCT FROM u.b LIMIT 2");
}

TEST(Rownum, AlwaysTrueAndNeverTrue) {
    // ROWNUM > 0 and ROWNUM >= 1 hold for every numbered row.
    EXPECT_EQ(RewriteRownum("SELECT a FROM t WHERE ROWNUM > 0"), "SELECT a FROM t");
    EXPECT_EQ(RewriteRownum("SELECT a FROM t WHERE b = 1 AND ROWNUM >= 1"), "SELECT a FROM t WHERE b = 1");
    EXPECT_EQ(RewriteRownum("SELECT a FROM t WHERE ROWNUM > 0 AND ROWNUM <= 4"), "SELECT a FROM t LIMIT 4");
    // The first row gets 1 and fails, so does every next one.
    EXPECT_EQ(RewriteRownum("SELECT a FROM t WHERE ROWNUM > 1"), "SELECT a FROM t WHERE false");
    EXPECT_EQ(RewriteRownum("SELECT a FROM t WHERE ROWNUM >= 2"), "SELECT a FROM t WHERE false");
    EXPECT_EQ(RewriteRownum("SELECT a FROM t WHERE ROWNUM = 2"), "SELECT a FROM t WHERE false");
    EXPECT_EQ(RewriteRownum("SELECT a FROM t WHERE ROWNUM = 0"), "SELECT a FROM t WHERE false");
    EXPECT_EQ(RewriteRownum("SELECT a FROM t WHERE ROWNUM < 1"), "SELECT a FROM t WHERE false");
    EXPECT_EQ(RewriteRownum("SELECT a FROM t WHERE ROWNUM <= 0"), "SELECT a FROM t WHERE false");
    EXPECT_EQ(RewriteRownum("SELECT a FROM t WHERE 3 < ROWNUM"), "SELECT a FROM t WHERE false");
    // A false condition needs no limit, and is exact whatever the level does.
    EXPECT_EQ(RewriteRownum("SELECT a FROM t WHERE ROWNUM > 1 AND ROWNUM <= 3"), "SELECT a FROM t WHERE false");
    EXPECT_EQ(RewriteRownum("SELECT count(*) FROM t WHERE b = 1 AND ROWNUM > 5 GROUP BY c ORDER BY 1"),
              "SELECT count(*) FROM t WHERE b = 1 AND false GROUP BY c ORDER BY 1");
    EXPECT_EQ(RewriteRownum("SELECT count(*) FROM t WHERE ROWNUM > 0 ORDER BY 1"), "SELECT count(*) FROM t ORDER BY 1");
    // More rows than anyone has: no limit at all.
    EXPECT_EQ(RewriteRownum("SELECT a FROM t WHERE ROWNUM <= 123456789012345678901234"), "SELECT a FROM t");
}

TEST(Rownum, VariablesAndParameters) {
    // LIMIT NULL would be all rows, LIMIT 2.5 three: Oracle's NULL is none,
    // 2.5 is two.
    EXPECT_EQ(RewriteRownum("SELECT a FROM t WHERE ROWNUM <= n"),
              "SELECT a FROM t LIMIT CASE WHEN n >= 1 THEN pg_catalog.floor(n) ELSE 0 END");
    EXPECT_EQ(RewriteRownum("SELECT a FROM t WHERE ROWNUM <= :n"),
              "SELECT a FROM t LIMIT CASE WHEN :n >= 1 THEN pg_catalog.floor(:n) ELSE 0 END");
    EXPECT_EQ(RewriteRownum("SELECT a FROM t WHERE ROWNUM < $1"),
              "SELECT a FROM t LIMIT CASE WHEN $1 > 1 THEN pg_catalog.ceil($1) - 1 ELSE 0 END");
    EXPECT_EQ(RewriteRownum("SELECT a FROM t WHERE pkg.max_rows >= ROWNUM"),
              "SELECT a FROM t LIMIT CASE WHEN pkg.max_rows >= 1 THEN pg_catalog.floor(pkg.max_rows) ELSE 0 END");
    EXPECT_EQ(RewriteRownum("SELECT a FROM t WHERE ROWNUM = v_one"),
              "SELECT a FROM t LIMIT CASE WHEN v_one = 1 THEN 1 ELSE 0 END");
    // A name may be a column as well: then PostgreSQL refuses the LIMIT
    // ("argument of LIMIT must not contain variables"), never a wrong result.
    EXPECT_EQ(RewriteRownum("SELECT a FROM t WHERE a >= ROWNUM"),
              "SELECT a FROM t LIMIT CASE WHEN a >= 1 THEN pg_catalog.floor(a) ELSE 0 END");
    EXPECT_EQ(RewriteRownum("SELECT a FROM t WHERE ROWNUM <= 2.5"),
              "SELECT a FROM t LIMIT CASE WHEN 2.5 >= 1 THEN pg_catalog.floor(2.5) ELSE 0 END");
}

TEST(Rownum, WhereLimitGoes) {
    // Before FOR UPDATE, before a closing parenthesis, before RETURNING.
    EXPECT_EQ(RewriteRownum("SELECT a FROM t WHERE b = 1 AND ROWNUM = 1 FOR UPDATE NOWAIT"),
              "SELECT a FROM t WHERE b = 1 LIMIT 1 FOR UPDATE NOWAIT");
    EXPECT_EQ(RewriteRownum("SELECT a FROM t WHERE ROWNUM = 1 FOR UPDATE"), "SELECT a FROM t LIMIT 1 FOR UPDATE");
    EXPECT_EQ(RewriteRownum("INSERT INTO u (a) SELECT a FROM t WHERE ROWNUM <= 2 RETURNING a"),
              "INSERT INTO u (a) SELECT a FROM t LIMIT 2 RETURNING a");
    EXPECT_EQ(RewriteRownum("CREATE TABLE u AS SELECT * FROM t WHERE ROWNUM < 4"),
              "CREATE TABLE u AS SELECT * FROM t LIMIT 3");
}

TEST(Rownum, NestedLevels) {
    // Each parenthesised query is its own level.
    EXPECT_EQ(RewriteRownum("SELECT a FROM t WHERE b IN (SELECT b FROM u WHERE ROWNUM <= 2)"),
              "SELECT a FROM t WHERE b IN (SELECT b FROM u LIMIT 2)");
    EXPECT_EQ(RewriteRownum("SELECT a FROM t WHERE EXISTS (SELECT 1 FROM u WHERE u.id = t.id AND ROWNUM = 1) "
                            "ORDER BY a"),
              "SELECT a FROM t WHERE EXISTS (SELECT 1 FROM u WHERE u.id = t.id LIMIT 1) ORDER BY a");
    EXPECT_EQ(RewriteRownum("SELECT (SELECT max(x) FROM u WHERE ROWNUM > 1), a FROM t WHERE ROWNUM <= 2"),
              "SELECT (SELECT max(x) FROM u WHERE false), a FROM t LIMIT 2");
    EXPECT_EQ(RewriteRownum("WITH s AS (SELECT a FROM t WHERE ROWNUM <= 3) SELECT a FROM s ORDER BY a"),
              "WITH s AS (SELECT a FROM t LIMIT 3) SELECT a FROM s ORDER BY a");
    EXPECT_EQ(RewriteRownum("SELECT * FROM (SELECT * FROM (SELECT a FROM t WHERE ROWNUM = 1) x) y WHERE ROWNUM < 3"),
              "SELECT * FROM (SELECT * FROM (SELECT a FROM t LIMIT 1) x) y LIMIT 2");
    // The top-N query: the ORDER BY is the inner level's, the limit the
    // outer's.
    EXPECT_EQ(RewriteRownum("SELECT * FROM (SELECT a, b FROM t ORDER BY b DESC) s WHERE ROWNUM <= 3"),
              "SELECT * FROM (SELECT a, b FROM t ORDER BY b DESC) s LIMIT 3");
    EXPECT_EQ(RewriteRownum("SELECT a FROM (SELECT a, b FROM t ORDER BY b) s WHERE a > 1 AND ROWNUM <= 3"),
              "SELECT a FROM (SELECT a, b FROM t ORDER BY b) s WHERE a > 1 LIMIT 3");
    // The paging idiom: numbered rows of the ordered subquery, then a range.
    EXPECT_EQ(RewriteRownum("SELECT a FROM (SELECT s.*, ROWNUM rn FROM (SELECT a FROM t ORDER BY a) s "
                            "WHERE ROWNUM <= 20) p WHERE rn > 10"),
              "SELECT a FROM (SELECT s.*, pg_catalog.row_number() OVER () rn FROM (SELECT a FROM t ORDER BY a) s "
              "LIMIT 20) p WHERE rn > 10");
    // A group-by level around a plain one: the limit is the inner's only.
    EXPECT_EQ(RewriteRownum("SELECT count(*) FROM (SELECT a FROM t WHERE ROWNUM <= 5) s GROUP BY a"),
              "SELECT count(*) FROM (SELECT a FROM t LIMIT 5) s GROUP BY a");
    // A cursor FOR loop's query, in its parentheses.
    EXPECT_EQ(RewriteRownum("(SELECT a FROM t WHERE ROWNUM <= 3)"), "(SELECT a FROM t LIMIT 3)");
}

TEST(Rownum, SelectList) {
    EXPECT_EQ(RewriteRownum("SELECT ROWNUM, a FROM t"), "SELECT pg_catalog.row_number() OVER (), a FROM t");
    EXPECT_EQ(RewriteRownum("SELECT rownum AS n, a FROM t ORDER BY a"),
              "SELECT pg_catalog.row_number() OVER () AS n, a FROM t ORDER BY a");
    EXPECT_EQ(RewriteRownum("SELECT ROWNUM * 10 + 1, a FROM t WHERE ROWNUM <= 3"),
              "SELECT pg_catalog.row_number() OVER () * 10 + 1, a FROM t LIMIT 3");
    EXPECT_EQ(RewriteRownum("SELECT to_char(ROWNUM) FROM t"), "SELECT to_char(pg_catalog.row_number() OVER ()) FROM t");
}

TEST(Rownum, NotThePseudocolumn) {
    const char *same[] = {
        "SELECT t.rownum, rownum.x, \"rownum\", \"ROWNUM\" FROM t WHERE :rownum = 1",
        "SELECT 'rownum <= 1', q'[ROWNUM = 1]', $$ rownum $$ FROM t -- where rownum = 1",
        "SELECT /* ROWNUM */ a AS rownum FROM t WHERE a = 'x'' rownum'",
        "SELECT rownum_x, x_rownum, rownum$, rownum(1) FROM t",
        "SELECT a FROM t WHERE b = 1",
    };
    for (const char *sql : same) EXPECT_EQ(RewriteRownum(sql), sql) << sql;
    // A quoted string with ROWNUM next to a real one.
    EXPECT_EQ(RewriteRownum("SELECT 'WHERE ROWNUM = 1' FROM t WHERE ROWNUM = 1"),
              "SELECT 'WHERE ROWNUM = 1' FROM t LIMIT 1");
}

TEST(Rownum, UpdateAndDelete) {
    EXPECT_EQ(RewriteRownum("UPDATE t SET a = 1 WHERE ROWNUM = 1"),
              "UPDATE t SET a = 1 WHERE (tableoid, ctid) IN (SELECT tableoid, ctid FROM t LIMIT 1)");
    EXPECT_EQ(RewriteRownum("UPDATE t x SET a = 1 WHERE x.b = 2 AND ROWNUM <= 3 RETURNING a"),
              "UPDATE t x SET a = 1 WHERE (tableoid, ctid) IN (SELECT tableoid, ctid FROM t x WHERE x.b = 2 LIMIT 3) "
              "RETURNING a");
    EXPECT_EQ(RewriteRownum("DELETE FROM t WHERE ROWNUM < 3 AND b = 2"),
              "DELETE FROM t WHERE (tableoid, ctid) IN (SELECT tableoid, ctid FROM t WHERE b = 2 LIMIT 2)");
    EXPECT_EQ(RewriteRownum("DELETE t WHERE ROWNUM <= 2"),
              "DELETE t WHERE (tableoid, ctid) IN (SELECT tableoid, ctid FROM t LIMIT 2)");
    EXPECT_EQ(RewriteRownum("DELETE FROM t WHERE ROWNUM > 1"), "DELETE FROM t WHERE false");
    EXPECT_EQ(RewriteRownum("DELETE FROM t WHERE b = 1 AND ROWNUM > 0"), "DELETE FROM t WHERE b = 1");
    // A subquery of the statement is a query level of its own.
    EXPECT_EQ(RewriteRownum("UPDATE t SET a = (SELECT b FROM u WHERE ROWNUM = 1)"),
              "UPDATE t SET a = (SELECT b FROM u LIMIT 1)");
}

TEST(Rownum, QualifyBuiltinsRewritesFirst) {
    EXPECT_EQ(QualifyBuiltins("SELECT nvl(a, 0) FROM dual WHERE ROWNUM = 1"),
              "SELECT plpolar.nvl(a, 0) FROM plpolar.dual LIMIT 1");
    EXPECT_THROW(QualifyBuiltins("SELECT a FROM t, u WHERE ROWNUM <= 2 ORDER BY a"), SyntaxError);
}

TEST(Rownum, PickedBeforeSortingOrAggregating) {
    // From one plain table, the rows Oracle would number are picked by a
    // subquery with LIMIT, before the ORDER BY / aggregate / GROUP BY.
    EXPECT_EQ(RewriteRownum("SELECT count(*) FROM t WHERE b = 1 AND ROWNUM = 1"),
              "SELECT count(*) FROM t WHERE (tableoid, ctid) IN (SELECT tableoid, ctid FROM t WHERE b = 1 LIMIT 1)");
    EXPECT_EQ(RewriteRownum("SELECT a FROM s.t x WHERE ROWNUM <= 5 ORDER BY a"),
              "SELECT a FROM s.t x WHERE (tableoid, ctid) IN (SELECT tableoid, ctid FROM s.t x LIMIT 5) ORDER BY a");
    EXPECT_EQ(RewriteRownum("SELECT b, count(*) FROM t WHERE ROWNUM <= 5 AND a > 0 GROUP BY b"),
              "SELECT b, count(*) FROM t WHERE (tableoid, ctid) IN (SELECT tableoid, ctid FROM t WHERE a > 0 LIMIT "
              "5) GROUP BY b");
    EXPECT_EQ(RewriteRownum("SELECT DISTINCT a FROM t WHERE ROWNUM < 4"),
              "SELECT DISTINCT a FROM t WHERE (tableoid, ctid) IN (SELECT tableoid, ctid FROM t LIMIT 3)");
    // Always / never true: no subquery.
    EXPECT_EQ(RewriteRownum("SELECT count(*) FROM t WHERE ROWNUM > 1"), "SELECT count(*) FROM t WHERE false");
}

TEST(Rownum, Refused) {
    struct Case {
        const char *sql;
        const char *message_part;
    };
    const Case cases[] = {
        {"SELECT a FROM t, u WHERE ROWNUM <= 5 ORDER BY a", "ROWNUM <= n in a query with ORDER BY is not supported"},
        {"SELECT a FROM t JOIN u ON u.id = t.id WHERE ROWNUM <= 5 ORDER BY a", "FETCH FIRST n ROWS ONLY"},
        {"SELECT b, count(*) FROM t, u WHERE ROWNUM <= 5 GROUP BY b", "ROWNUM <= n in a query with GROUP BY"},
        {"SELECT count(*) FROM (SELECT a FROM t) s WHERE ROWNUM <= 5", "with an aggregate function"},
        {"SELECT coalesce(max(a), 0) FROM t, u WHERE ROWNUM = 1", "with an aggregate function"},
        {"SELECT DISTINCT a FROM t NATURAL JOIN u WHERE ROWNUM <= 5", "with DISTINCT"},
        {"SELECT a, rank() OVER (ORDER BY a) FROM t, u WHERE ROWNUM <= 5", "with a window function"},
        {"SELECT a FROM t WHERE ROWNUM <= 5 LIMIT 3", "together with LIMIT"},
        {"SELECT a FROM t WHERE ROWNUM <= 5 FETCH FIRST 3 ROWS ONLY", "together with LIMIT"},
        {"SELECT a FROM t WHERE ROWNUM <= 5 OR a = 1", "ROWNUM in a WHERE clause with OR is not supported"},
        {"SELECT a FROM t WHERE (ROWNUM <= 5)", "this ROWNUM condition is not supported"},
        {"SELECT a FROM t WHERE NOT ROWNUM > 5", "this ROWNUM condition is not supported"},
        {"SELECT a FROM t WHERE ROWNUM <> 5", "ROWNUM <> n is not supported"},
        {"SELECT a FROM t WHERE ROWNUM != 5", "ROWNUM != n is not supported"},
        {"SELECT a FROM t WHERE ROWNUM > n", "ROWNUM > a variable is not supported"},
        {"SELECT a FROM t WHERE ROWNUM >= :n", "ROWNUM >= a variable is not supported"},
        {"SELECT a FROM t WHERE ROWNUM <= n + 1", "ROWNUM compared with an expression is not supported"},
        {"SELECT a FROM t WHERE ROWNUM <= -1", "ROWNUM compared with an expression is not supported"},
        {"SELECT a FROM t WHERE ROWNUM <= 2 AND ROWNUM < 5", "more than one ROWNUM <= n condition"},
        {"SELECT a FROM t WHERE ROWNUM IN (1, 2)", "this ROWNUM condition is not supported"},
        {"SELECT a FROM t WHERE ROWNUM = ROWNUM", "ROWNUM compared with an expression is not supported"},
        {"SELECT a FROM t ORDER BY ROWNUM", "ROWNUM in ORDER BY is not supported"},
        {"SELECT a FROM t GROUP BY ROWNUM", "ROWNUM in GROUP BY is not supported"},
        {"SELECT a FROM t JOIN u ON ROWNUM = 1", "ROWNUM in FROM is not supported"},
        {"SELECT b, ROWNUM FROM t GROUP BY b", "ROWNUM in the select list of a query with GROUP BY"},
        {"SELECT DISTINCT ROWNUM FROM t", "ROWNUM in the select list of a query with DISTINCT"},
        {"SELECT ROWNUM, count(*) FROM t", "ROWNUM in the select list of a query with an aggregate"},
        {"SELECT a FROM t WHERE ROWNUM = 1 UNION ALL SELECT a FROM u", "with UNION, INTERSECT, EXCEPT or MINUS"},
        {"INSERT INTO t VALUES (ROWNUM)", "ROWNUM outside a query"},
        {"MERGE INTO t USING u ON (t.id = u.id) WHEN MATCHED THEN UPDATE SET a = ROWNUM", "ROWNUM outside a query"},
        {"UPDATE t SET a = ROWNUM", "ROWNUM in SET of UPDATE is not supported"},
        {"UPDATE t SET a = 1 FROM u WHERE u.id = t.id AND ROWNUM = 1", "of more than one plain table"},
        {"DELETE FROM t USING u WHERE u.id = t.id AND ROWNUM = 1", "of more than one plain table"},
        {"DELETE FROM t WHERE ROWNUM <= 2 OR a = 1", "with OR"},
        {"SELECT a FROM t START WITH a = 1 CONNECT BY PRIOR a = b AND ROWNUM <= 3", "with CONNECT BY"},
    };
    for (const Case &c : cases) {
        std::string message = Refusal(c.sql);
        EXPECT_NE(message.find(c.message_part), std::string::npos) << c.sql << "\n  -> " << message;
        // Every refusal says what to write instead.
        EXPECT_TRUE(message.find("LIMIT") != std::string::npos || message.find("row_number") != std::string::npos ||
                    message.find("subquery") != std::string::npos)
            << message;
    }
}

TEST(Rownum, RefusalPosition) {
    int line = 0;
    int column = 0;
    EXPECT_NE(Refusal("SELECT a\n  FROM t\n WHERE a = 1 OR rownum < 3", &line, &column), "");
    EXPECT_EQ(line, 3);
    EXPECT_EQ(column, 17);
}
