#include "plpolar/parser/builtins.hpp"

#include <cctype>
#include <cstring>

#include "plpolar/ast/builtins.hpp"
#include "plpolar/parser/rownum.hpp"
#include "plpolar/parser/sql_text.hpp"

namespace plpolar::parser {

namespace {

std::string Lower(const std::string &s, size_t from, size_t to) {
    std::string out = s.substr(from, to - from);
    for (char &c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// Where the dotted name that ends at `dot` (the '.' before NEXTVAL) starts:
// one to three identifiers, plain or "quoted", blanks allowed around the
// dots; npos if what precedes is not a name (a parameter, an expression).
size_t SequenceNameStart(const std::string &out, size_t dot) {
    size_t pos = dot;
    for (int part = 0; part < 3; ++part) {
        size_t e = pos;
        while (e > 0 && std::isspace(static_cast<unsigned char>(out[e - 1]))) --e;
        size_t b = e;
        if (b > 0 && out[b - 1] == '"') {
            --b;
            while (b > 0 && out[b - 1] != '"') --b;
            if (b == 0) return std::string::npos;
            --b;
        } else {
            while (b > 0 && IsSqlWordChar(out[b - 1])) --b;
            if (b == e || std::isdigit(static_cast<unsigned char>(out[b]))) return std::string::npos;
        }
        if (b > 0 && (out[b - 1] == ':' || out[b - 1] == '$')) return std::string::npos;
        size_t d = b;
        while (d > 0 && std::isspace(static_cast<unsigned char>(out[d - 1]))) --d;
        if (d == 0 || out[d - 1] != '.') return b;
        pos = d - 1;
    }
    return std::string::npos;
}

}  // namespace

bool IsOracleBuiltin(const std::string &name) {
    const ast::OracleFunction *f = ast::FindOracleFunction(name);
    return f != nullptr && f->form != ast::OracleCallForm::Internal && f->form != ast::OracleCallForm::Native;
}

bool IsOracleValueFunction(const std::string &name) {
    const ast::OracleFunction *f = ast::FindOracleFunction(name);
    return f != nullptr && f->form == ast::OracleCallForm::CallOrValue;
}

std::string QualifyBuiltins(const std::string &oracle_sql) {
    const std::string sql = AliasFromSubqueries(RewriteRownum(QuoteHashIdentifiers(oracle_sql)));
    std::string out;
    out.reserve(sql.size() + 16);
    const size_t n = sql.size();
    size_t i = 0;
    while (i < n) {
        // q'[...]' and N'...' become standard literals PostgreSQL reads.
        std::string value;
        size_t quoted = OracleQuoteEnd(sql, i, &value);
        if (quoted != i) {
            out += StandardLiteral(value);
            i = quoted;
            continue;
        }
        size_t skip = SkipOpaque(sql, i);
        if (skip != i) {
            out.append(sql, i, skip - i);
            i = skip;
            continue;
        }
        char c = sql[i];
        bool word_start =
            (std::isalpha(static_cast<unsigned char>(c)) || c == '_') && (i == 0 || !IsSqlWordChar(sql[i - 1]));
        if (!word_start) {
            out += c;
            ++i;
            continue;
        }
        size_t end = i;
        while (end < n && IsSqlWordChar(sql[end])) ++end;
        std::string word = Lower(sql, i, end);
        // What comes before and after, blanks skipped: a qualified name
        // (x.substr, substr.x) or a parameter (:sysdate) is someone else's.
        size_t before = out.size();
        while (before > 0 && std::isspace(static_cast<unsigned char>(out[before - 1]))) --before;
        char prev = before > 0 ? out[before - 1] : ' ';
        size_t after = end;
        while (after < n && std::isspace(static_cast<unsigned char>(sql[after]))) ++after;
        char next = after < n ? sql[after] : ' ';
        bool qualified = prev == '.' || prev == ':' || next == '.';
        if (word == "dbms_assert" && next == '.' && prev != ':') {
            // DBMS_ASSERT.f( and SYS.DBMS_ASSERT.f( -> plpolar.dbms_assert_f(
            size_t m = after + 1;
            while (m < n && std::isspace(static_cast<unsigned char>(sql[m]))) ++m;
            size_t m_end = m;
            while (m_end < n && IsSqlWordChar(sql[m_end])) ++m_end;
            size_t paren = m_end;
            while (paren < n && std::isspace(static_cast<unsigned char>(sql[paren]))) ++paren;
            if (m_end > m && paren < n && sql[paren] == '(') {
                if (prev == '.') {
                    size_t start = SequenceNameStart(out, before - 1);
                    if (start != std::string::npos && Lower(out, start, before - 1) == "sys") out.resize(start);
                }
                out += "plpolar.dbms_assert_" + Lower(sql, m, m_end);
                i = m_end;
                continue;
            }
        }
        if (prev == '.' && next != '(' && (word == "nextval" || word == "currval")) {
            // seq.NEXTVAL / schema.seq.CURRVAL, Oracle's sequence
            // pseudocolumns: the dotted name already copied is taken back
            // and becomes pg_catalog.nextval('schema.seq').
            size_t start = SequenceNameStart(out, before - 1);
            if (start != std::string::npos) {
                std::string sequence = out.substr(start, before - 1 - start);
                std::string literal;
                bool in_quotes = false;
                for (char ch : sequence) {
                    if (ch == '"') in_quotes = !in_quotes;
                    if (!in_quotes && std::isspace(static_cast<unsigned char>(ch))) continue;
                    literal += ch;
                    if (ch == '\'') literal += ch;
                }
                out.resize(start);
                out += "pg_catalog." + word + "('" + literal + "')";
                i = end;
                continue;
            }
        }
        if (!qualified && next == '(' && (word == "multiset" || word == "collect")) {
            // CAST(MULTISET(SELECT ...) AS t) and CAST(COLLECT(x) AS t):
            // Oracle's query and aggregate into a collection, PostgreSQL's
            // ARRAY(subquery) and array_agg, cast to t (a schema-level
            // collection type is a domain over an array).
            size_t inner = after + 1;
            while (inner < n && std::isspace(static_cast<unsigned char>(sql[inner]))) ++inner;
            size_t inner_end = inner;
            while (inner_end < n && IsSqlWordChar(sql[inner_end])) ++inner_end;
            const std::string first = Lower(sql, inner, inner_end);
            if (word == "multiset" && (first == "select" || first == "with")) {
                out += "ARRAY";
                i = end;
                continue;
            }
            if (word == "collect") {
                out += "pg_catalog.array_agg";
                i = end;
                continue;
            }
        }
        if (!qualified && word == "dual") {
            size_t w = before;
            while (w > 0 && std::isalpha(static_cast<unsigned char>(out[w - 1]))) --w;
            std::string keyword = Lower(out, w, before);
            out += keyword == "from" || keyword == "join" ? "plpolar.dual" : sql.substr(i, end - i);
        } else if (!qualified && IsOracleBuiltin(word)) {
            if (next == '(') {
                out += "plpolar.";
                out += word;
            } else if (IsOracleValueFunction(word)) {
                out += "plpolar.";
                out += word;
                out += "()";
            } else {
                out.append(sql, i, end - i);
            }
        } else {
            out.append(sql, i, end - i);
        }
        i = end;
    }
    return out;
}

}  // namespace plpolar::parser
