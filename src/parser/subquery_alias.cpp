// Oracle lets a subquery in FROM go without an alias
// (SELECT * FROM (SELECT ...) WHERE ROWNUM <= 3, the top-N idiom);
// PostgreSQL 15 requires one. Such a subquery gets a name nobody refers to.
#include <cctype>
#include <string>
#include <vector>

#include "plpolar/parser/builtins.hpp"
#include "plpolar/parser/sql_text.hpp"

namespace plpolar::parser {

namespace {

std::string LowerWord(const std::string &sql, size_t i) {
    std::string w;
    while (i < sql.size() && IsSqlWordChar(sql[i]))
        w += static_cast<char>(std::tolower(static_cast<unsigned char>(sql[i++])));
    return w;
}

// Words that may follow a FROM item without being its alias.
bool EndsFromItem(const std::string &w) {
    static const char *const words[] = {
        "where",  "group",     "order", "having", "union", "intersect", "except",      "minus",     "connect", "start",
        "join",   "inner",     "left",  "right",  "full",  "cross",     "natural",     "on",        "using",   "limit",
        "offset", "fetch",     "for",   "window", "pivot", "unpivot",   "model",       "returning", "into",    "as",
        "sample", "partition", "when",  "then",   "else",  "end",       "loop",        "log",       "set",     "values",
        "select", "with",      "and",   "or",     "outer", "lateral",   "tablesample", "is",        "bulk"};
    for (const char *word : words)
        if (w == word) return true;
    return false;
}

struct Frame {
    bool from_item = false;  // this parenthesis is a subquery in FROM
    std::string clause;      // the last clause keyword at this level
};

}  // namespace

std::string AliasFromSubqueries(const std::string &sql) {
    if (sql.find('(') == std::string::npos) return sql;
    std::string out;
    out.reserve(sql.size() + 16);
    std::vector<Frame> frames(1);
    std::string prev;  // previous significant token at any depth: a word (lower case) or punctuation
    int aliases = 0;
    const size_t n = sql.size();
    size_t i = 0;
    while (i < n) {
        size_t skip = OracleQuoteEnd(sql, i);
        if (skip == i) skip = SkipOpaque(sql, i);
        if (skip != i) {
            bool comment = sql[i] == '-' || sql[i] == '/';
            out.append(sql, i, skip - i);
            if (!comment) prev = "'";
            i = skip;
            continue;
        }
        char c = sql[i];
        if (std::isspace(static_cast<unsigned char>(c))) {
            out += c;
            ++i;
            continue;
        }
        if (IsSqlWordChar(c)) {
            size_t end = i;
            while (end < n && IsSqlWordChar(sql[end])) ++end;
            std::string w = LowerWord(sql, i);
            if (w == "select" || w == "from" || w == "where" || w == "group" || w == "order" || w == "having" ||
                w == "join" || w == "on" || w == "using" || w == "union" || w == "intersect" || w == "except" ||
                w == "minus" || w == "connect" || w == "start" || w == "set" || w == "values" || w == "into")
                frames.back().clause = w == "join" ? "from" : w;
            prev = w;
            out.append(sql, i, end - i);
            i = end;
            continue;
        }
        if (c == '(') {
            Frame f;
            // FROM (, JOIN (, and , ( in a FROM list; the subquery begins
            // with SELECT or WITH.
            bool position = prev == "from" || prev == "join" || prev == "lateral" ||
                            (prev == "," && frames.back().clause == "from");
            if (position) {
                size_t j = i + 1;
                while (true) {
                    while (j < n && std::isspace(static_cast<unsigned char>(sql[j]))) ++j;
                    size_t k = SkipOpaque(sql, j);
                    if (k != j && (sql[j] == '-' || sql[j] == '/')) {
                        j = k;
                        continue;
                    }
                    break;
                }
                std::string first = LowerWord(sql, j);
                f.from_item = first == "select" || first == "with";
            }
            frames.push_back(f);
            prev = "(";
            out += c;
            ++i;
            continue;
        }
        if (c == ')') {
            out += c;
            ++i;
            prev = ")";
            if (frames.size() > 1) {
                bool from_item = frames.back().from_item;
                frames.pop_back();
                if (from_item) {
                    size_t j = i;
                    while (j < n && std::isspace(static_cast<unsigned char>(sql[j]))) ++j;
                    bool has_alias =
                        j < n && (sql[j] == '"' || (IsSqlWordChar(sql[j]) && !EndsFromItem(LowerWord(sql, j))));
                    if (j < n && IsSqlWordChar(sql[j]) && LowerWord(sql, j) == "as") has_alias = true;
                    if (!has_alias) out += " plpolar_subquery_" + std::to_string(++aliases);
                }
            }
            continue;
        }
        prev = std::string(1, c);
        out += c;
        ++i;
    }
    return out;
}

}  // namespace plpolar::parser
