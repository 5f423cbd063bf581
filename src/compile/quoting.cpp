// SQL text the compiler writes: quoted identifiers and literals, and the SQL
// value keywords PL code reads like parameterless functions.
#include "plpolar/compile/quoting.hpp"

#include <cctype>

#include "plpolar/parser/builtins.hpp"
#include "plpolar/pg/catalog.hpp"

namespace plpolar::compile {

// SQL keywords that read like parameterless functions in PL code.
std::string SqlValueKeyword(const std::string &name) {
    static const struct {
        const char *pl;
        const char *sql;
    } kKeywords[] = {
        {"current_date", "current_date"},
        {"current_time", "current_time"},
        {"current_timestamp", "current_timestamp"},
        {"localtime", "localtime"},
        {"localtimestamp", "localtimestamp"},
        {"current_user", "current_user"},
        {"session_user", "session_user"},
        {"current_role", "current_role"},
        {"current_schema", "current_schema"},
        {"current_catalog", "current_catalog"},
        {"user", "current_user"},
    };
    for (const auto &k : kKeywords)
        if (name == k.pl) return k.sql;
    // SYSDATE, SYSTIMESTAMP: plpolar's functions, called.
    if (parser::IsOracleValueFunction(name)) return "plpolar." + name + "()";
    return std::string();
}

namespace {

bool IsLowerName(const std::string &s) {
    if (s.empty() || !(std::islower(static_cast<unsigned char>(s[0])) || s[0] == '_')) return false;
    for (char c : s)
        if (!(std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_'))
            return false;
    return true;
}

std::string DoubleQuoted(const std::string &s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

}  // namespace

bool IsPlainIdentifier(const std::string &s) {
    // "user", "order", "select": written bare they are grammar, not names.
    return IsLowerName(s) && !pg::IsQuotedKeyword(s);
}

std::string QuoteFunctionPart(const std::string &s) { return IsLowerName(s) ? s : DoubleQuoted(s); }

std::string QuoteIdent(const std::string &s) { return IsPlainIdentifier(s) ? s : DoubleQuoted(s); }

std::string QuoteLiteral(const std::string &s) {
    bool backslash = s.find('\\') != std::string::npos;
    std::string out = backslash ? "E'" : "'";
    for (char c : s) {
        if (c == '\'' || (backslash && c == '\\')) out += c;
        out += c;
    }
    return out + "'";
}

}  // namespace plpolar::compile
