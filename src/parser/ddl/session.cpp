// ALTER SESSION as Oracle scripts use it: the settings PostgreSQL has a
// counterpart for become SET, the others are accepted without an effect and
// said so.
#include <cctype>
#include <string>

#include "ddl_internal.hpp"
#include "plpolar/parser/sql_text.hpp"

namespace plpolar::parser::ddl {

namespace {

// The value as written: 'text' (unquoted), a word or a number.
std::string Value(const Tokens &t, size_t from, size_t to) {
    if (to == from + 1 && t[from].kind == Token::Kind::String) {
        const std::string &s = t[from].text;
        std::string value;
        for (size_t k = 1; k + 1 < s.size(); ++k) {
            value += s[k];
            if (s[k] == '\'') ++k;
        }
        return value;
    }
    return t.Slice(from, to);
}

bool IsOffset(const std::string &v) {
    // +hh:mi / -hh:mi
    if (v.size() < 5 || (v[0] != '+' && v[0] != '-')) return false;
    for (size_t k = 1; k < v.size(); ++k)
        if (!std::isdigit(static_cast<unsigned char>(v[k])) && v[k] != ':') return false;
    return true;
}

}  // namespace

bool TranslateAlterSession(const Tokens &t, size_t at, Collected &out, std::string &head) {
    size_t i = at + 1;  // past SESSION
    head = "ALTER SESSION";
    if (!t.Is(i, "SET")) {
        // ENABLE / DISABLE / FORCE PARALLEL ..., ADVISE, CLOSE DATABASE LINK
        out.no_effect.push_back(Describe(t, i, t.size()));
        return true;
    }
    ++i;
    // SET name = value [name = value ...]
    while (i < t.size()) {
        if (t[i].kind != Token::Kind::Word && t[i].kind != Token::Kind::Quoted)
            t.Fail(i, "a session parameter expected");
        std::string name = t[i].upper;
        if (t[i + 1].text != "=") t.Fail(i + 1, "= expected after " + t[i].text);
        size_t v = i + 2;
        size_t e = v;
        if (t[e].kind == Token::Kind::Open) {
            e = t.Matching(e) + 1;
        } else {
            // a value: one token, or a sign and a number
            if (t[e].kind == Token::Kind::Other && (t[e].text == "-" || t[e].text == "+")) ++e;
            ++e;
        }
        if (v >= t.size()) t.Fail(v, "a value expected for " + t[i].text);
        std::string value = Value(t, v, e);
        std::string upper = value;
        for (char &c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        std::string described = t[i].text + " = " + t.Slice(v, e);
        if (name == "NLS_DATE_FORMAT") {
            out.statements.push_back("SET plpolar.nls_date_format = " + StandardLiteral(value));
            out.notes.push_back(described + " is plpolar.nls_date_format");
        } else if (name == "TIME_ZONE") {
            if (upper == "LOCAL" || upper == "DBTIMEZONE") {
                out.statements.push_back("SET TIME ZONE LOCAL");
            } else if (IsOffset(value)) {
                // An ISO offset (PostgreSQL's string form would read it
                // as POSIX, east and west swapped).
                out.statements.push_back("SET TIME ZONE INTERVAL " + StandardLiteral(value) + " HOUR TO MINUTE");
            } else {
                out.statements.push_back("SET TIME ZONE " + StandardLiteral(value));
            }
            out.notes.push_back(described + " is SET TIME ZONE");
        } else if (name == "CURRENT_SCHEMA") {
            // Oracle resolves unqualified names in that schema instead of
            // the user's own.
            std::string schema = t[v].kind == Token::Kind::Quoted ? t[v].text : t.Slice(v, e);
            out.statements.push_back("SET search_path = " + schema);
            out.notes.push_back(described + " is SET search_path");
        } else if (name == "DDL_LOCK_TIMEOUT" && t[v].kind == Token::Kind::Number) {
            out.statements.push_back("SET lock_timeout = '" + t[v].text + "s'");
            out.notes.push_back(described + " is lock_timeout (for every statement here)");
        } else if (name == "ISOLATION_LEVEL") {
            std::string level = upper == "SERIALIZABLE" ? "serializable" : "read committed";
            out.statements.push_back("SET default_transaction_isolation = '" + level + "'");
            out.notes.push_back(described + " is default_transaction_isolation (from the next transaction)");
        } else if (name == "NLS_LENGTH_SEMANTICS") {
            out.notes.push_back(described + ": no effect (VARCHAR2(n) counts characters here, VARCHAR2(n BYTE) bytes)");
        } else {
            // NLS_LANGUAGE, NLS_TERRITORY, NLS_NUMERIC_CHARACTERS, NLS_SORT,
            // NLS_COMP, PLSQL_*, OPTIMIZER_*, SQL_TRACE, EVENTS, EDITION, ...
            out.no_effect.push_back(described);
        }
        i = e;
    }
    return true;
}

}  // namespace plpolar::parser::ddl
