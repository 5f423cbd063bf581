// The built-in table (ast/builtins.hpp) against the install script of the
// default version: every function the script creates in schema plpolar has
// an entry, and every entry is created by the script. The script is static
// and versioned, so it cannot be generated from the table; this keeps the
// two equal.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "plpolar/ast/builtins.hpp"
#include "plpolar/ast/stmt.hpp"
#include "plpolar/parser/builtins.hpp"

namespace {

using plpolar::ast::OracleCallForm;

std::string ReadFile(const std::string &path) {
    std::ifstream in(path);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

std::string DefaultScript() {
    std::string control = ReadFile(std::string(PLPOLAR_SOURCE_DIR) + "/plpolar.control");
    std::smatch m;
    EXPECT_TRUE(std::regex_search(control, m, std::regex("default_version\\s*=\\s*'([^']+)'")));
    return ReadFile(std::string(PLPOLAR_SOURCE_DIR) + "/sql/plpolar--" + m[1].str() + ".sql");
}

TEST(Builtins, TableEqualsTheFunctionsOfSchemaPlpolar) {
    std::string script = DefaultScript();
    ASSERT_FALSE(script.empty());
    // Plain CREATE FUNCTION statements and the format() string of the DO
    // block that creates the DECODE overloads.
    std::set<std::string> created;
    std::regex create("CREATE\\s+(OR\\s+REPLACE\\s+)?FUNCTION\\s+plpolar\\.([a-z_0-9]+)", std::regex::icase);
    for (std::sregex_iterator it(script.begin(), script.end(), create), end; it != end; ++it) {
        std::string name = (*it)[2].str();
        for (char &c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        created.insert(name);
    }
    // A type's input and output functions (plpolar.collection's) are no
    // Oracle functions.
    std::regex io("(INPUT|OUTPUT)\\s*=\\s*plpolar\\.([a-z_0-9]+)", std::regex::icase);
    for (std::sregex_iterator it(script.begin(), script.end(), io), end; it != end; ++it) created.erase((*it)[2].str());
    std::set<std::string> table;
    size_t n = 0;
    const plpolar::ast::OracleFunction *functions = plpolar::ast::OracleFunctions(&n);
    // ABS and SIGN are pg_catalog's: computed natively, no plpolar function.
    size_t native = 0;
    for (size_t i = 0; i < n; ++i) {
        if (functions[i].form == OracleCallForm::Native) {
            ++native;
            continue;
        }
        table.insert(functions[i].name);
    }
    EXPECT_EQ(created, table);
    EXPECT_EQ(table.size() + native, n) << "a name twice in the table";
    EXPECT_EQ(created.count("decode"), 1u);
}

TEST(Builtins, QualificationFollowsTheTable) {
    size_t n = 0;
    const plpolar::ast::OracleFunction *functions = plpolar::ast::OracleFunctions(&n);
    for (size_t i = 0; i < n; ++i) {
        const auto &f = functions[i];
        EXPECT_EQ(plpolar::parser::IsOracleBuiltin(f.name),
                  f.form != OracleCallForm::Internal && f.form != OracleCallForm::Native)
            << f.name;
        EXPECT_EQ(plpolar::parser::IsOracleValueFunction(f.name), f.form == OracleCallForm::CallOrValue) << f.name;
        if (f.native != plpolar::ast::Builtin::None) {
            EXPECT_EQ(plpolar::ast::BuiltinKindOf(f.native), plpolar::ast::BuiltinKind::NativeOracle) << f.name;
            EXPECT_LE(f.native_min, f.native_max) << f.name;
        }
    }
    EXPECT_FALSE(plpolar::parser::IsOracleBuiltin("exec"));
    EXPECT_EQ(plpolar::parser::QualifyBuiltins("SELECT abs(a), sign(b) FROM t"), "SELECT abs(a), sign(b) FROM t");
    EXPECT_EQ(plpolar::parser::QualifyBuiltins("SELECT nvl(a, 1), sysdate FROM dual"),
              "SELECT plpolar.nvl(a, 1), plpolar.sysdate() FROM plpolar.dual");
}

TEST(Builtins, CastChecksTheKindInEveryBuild) {
    plpolar::ast::NullStmt stmt(plpolar::ast::SourceLoc{1, 1});
    plpolar::ast::Stmt &base = stmt;
    EXPECT_NO_THROW(plpolar::ast::Cast<plpolar::ast::NullStmt>(base));
    EXPECT_THROW(plpolar::ast::Cast<plpolar::ast::GotoStmt>(base), plpolar::ast::BadCast);
}

}  // namespace

TEST(Builtins, CollectionQueriesAndAggregates) {
    // CAST(MULTISET(SELECT ...) AS t) and CAST(COLLECT(x) AS t) become
    // PostgreSQL's ARRAY(subquery) and array_agg, cast to the domain t.
    EXPECT_EQ(plpolar::parser::QualifyBuiltins("SELECT CAST(MULTISET(SELECT c FROM h) AS names_t) FROM b"),
              "SELECT CAST(ARRAY(SELECT c FROM h) AS names_t) FROM b");
    EXPECT_EQ(plpolar::parser::QualifyBuiltins("SELECT CAST(COLLECT(DISTINCT job) AS names_t) FROM e GROUP BY d"),
              "SELECT CAST(pg_catalog.array_agg(DISTINCT job) AS names_t) FROM e GROUP BY d");
    // A column or a function of the name is someone else's.
    EXPECT_EQ(plpolar::parser::QualifyBuiltins("SELECT t.collect, multiset FROM t"),
              "SELECT t.collect, multiset FROM t");
    EXPECT_EQ(plpolar::parser::QualifyBuiltins("SELECT s.collect(x) FROM t"), "SELECT s.collect(x) FROM t");
}
