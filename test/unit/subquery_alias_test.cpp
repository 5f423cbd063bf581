// Subqueries in FROM without an alias, which Oracle allows.
#include <gtest/gtest.h>

#include "plpolar/parser/builtins.hpp"

using plpolar::parser::AliasFromSubqueries;
using plpolar::parser::QualifyBuiltins;

TEST(SubqueryAlias, Added) {
    EXPECT_EQ(AliasFromSubqueries("SELECT * FROM (SELECT a FROM t) WHERE a > 1"),
              "SELECT * FROM (SELECT a FROM t) plpolar_subquery_1 WHERE a > 1");
    EXPECT_EQ(AliasFromSubqueries("SELECT * FROM (SELECT a FROM t)"),
              "SELECT * FROM (SELECT a FROM t) plpolar_subquery_1");
    EXPECT_EQ(AliasFromSubqueries("SELECT * FROM t JOIN (SELECT b FROM u) ON 1 = 1"),
              "SELECT * FROM t JOIN (SELECT b FROM u) plpolar_subquery_1 ON 1 = 1");
    EXPECT_EQ(AliasFromSubqueries("SELECT * FROM t, (SELECT b FROM u), (WITH w AS (SELECT 1) SELECT * FROM w)"),
              "SELECT * FROM t, (SELECT b FROM u) plpolar_subquery_1, (WITH w AS (SELECT 1) SELECT * FROM w) "
              "plpolar_subquery_2");
    // Nested: each level.
    EXPECT_EQ(AliasFromSubqueries("SELECT * FROM (SELECT * FROM (SELECT 1 x FROM dual)) ORDER BY 1"),
              "SELECT * FROM (SELECT * FROM (SELECT 1 x FROM dual) plpolar_subquery_1) plpolar_subquery_2 ORDER BY 1");
    // The top-N idiom, after the ROWNUM rewrite.
    EXPECT_EQ(QualifyBuiltins("SELECT * FROM (SELECT a FROM t ORDER BY a) WHERE ROWNUM <= 3"),
              "SELECT * FROM (SELECT a FROM t ORDER BY a) plpolar_subquery_1 LIMIT 3");
}

TEST(SubqueryAlias, Kept) {
    for (const char *sql :
         {"SELECT * FROM (SELECT a FROM t) s WHERE a > 1", "SELECT * FROM (SELECT a FROM t) AS s",
          "SELECT * FROM (SELECT a FROM t) \"S\"", "SELECT f(a) FROM t WHERE a IN (SELECT b FROM u)",
          "SELECT (SELECT 1 FROM dual) FROM t", "SELECT * FROM t WHERE (a, b) = (SELECT 1, 2)",
          "INSERT INTO t (a, b) SELECT 1, 2", "SELECT * FROM t, u WHERE t.a = (SELECT max(a) FROM v)",
          "SELECT '(select' FROM t", "SELECT * FROM TABLE(f(1))", "SELECT * FROM (t JOIN u ON t.a = u.a)"})
        EXPECT_EQ(AliasFromSubqueries(sql), sql) << sql;
}
