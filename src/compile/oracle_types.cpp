// Oracle's type names in PostgreSQL terms. The mapping is textual so that
// PostgreSQL's own type parser does the resolution and typmod checks.
#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "plpolar/compile/oracle_types.hpp"

namespace plpolar::compile {

namespace {

std::string Lower(std::string s) {
    for (char &c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// Splits "NUMBER ( 10 , 2 )" into the leading word and the rest.
void SplitHead(const std::string &text, std::string &head, std::string &rest) {
    size_t i = 0;
    while (i < text.size() && (std::isalnum(static_cast<unsigned char>(text[i])) || text[i] == '_')) ++i;
    head = Lower(text.substr(0, i));
    rest = text.substr(i);
}

// "(10 CHAR)" / "(10 BYTE)" -> "(10)": the SQL type's length is in
// characters (PL code checks BYTE limits itself, see OracleByteLimit).
std::string StripLengthSemantics(const std::string &mods) {
    std::string lower = Lower(mods);
    for (const char *word : {" char)", " byte)"}) {
        size_t at = lower.find(word);
        if (at != std::string::npos) return mods.substr(0, at) + ")" + mods.substr(at + std::string(word).size());
    }
    return mods;
}

bool IsWhitespace(const std::string &s) {
    for (char c : s)
        if (!std::isspace(static_cast<unsigned char>(c))) return false;
    return true;
}

void SkipSpaces(const std::string &s, size_t &i) {
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
}

}  // namespace

int OracleByteLimit(const std::string &text) {
    std::string head, rest;
    SplitHead(text, head, rest);
    if (head != "varchar2" && head != "varchar") return -1;
    // "( n BYTE )", spaces anywhere; anything else has no byte limit.
    std::string mods = Lower(rest);
    size_t i = 0;
    SkipSpaces(mods, i);
    if (i == mods.size() || mods[i] != '(') return -1;
    ++i;
    SkipSpaces(mods, i);
    size_t digits = i;
    while (i < mods.size() && std::isdigit(static_cast<unsigned char>(mods[i]))) ++i;
    // Longer than an int: PostgreSQL rejects the length itself.
    if (i == digits || i - digits > 9) return -1;
    int n = std::stoi(mods.substr(digits, i - digits));
    size_t before_word = i;
    SkipSpaces(mods, i);
    if (i == before_word || mods.compare(i, 4, "byte") != 0) return -1;
    i += 4;
    SkipSpaces(mods, i);
    if (i == mods.size() || mods[i] != ')') return -1;
    ++i;
    SkipSpaces(mods, i);
    return i == mods.size() ? n : -1;
}

std::string MapOracleTypeName(const std::string &text) {
    std::string head, rest;
    SplitHead(text, head, rest);
    // DBMS_OUTPUT.GET_LINES fills one.
    if (head == "dbms_output" && Lower(rest) == ".chararr") return "text[]";
    if (head.empty() || (!rest.empty() && rest[0] == '.')) return text;  // schema-qualified: not Oracle's
    if (head == "varchar2" || head == "nvarchar2") return "pg_catalog.varchar2" + StripLengthSemantics(rest);
    if (head == "number") {
        // NUMBER(*,s) means maximum precision.
        std::string mods = rest;
        size_t star = mods.find('*');
        if (star != std::string::npos) mods.replace(star, 1, "38");
        return "numeric" + mods;
    }
    if (head == "timestamp" || head == "interval" || head == "long") {
        // Multi-word types: compared word by word, precisions kept.
        std::string lower = Lower(rest);
        std::string words;
        std::string first_precision;  // TIMESTAMP(n)
        for (size_t i = 0; i < lower.size();) {
            if (std::isspace(static_cast<unsigned char>(lower[i]))) {
                ++i;
            } else if (lower[i] == '(') {
                size_t close = lower.find(')', i);
                if (close == std::string::npos) return text;
                std::string p = lower.substr(i, close + 1 - i);
                p.erase(std::remove_if(p.begin(), p.end(),
                                       [](char c) { return std::isspace(static_cast<unsigned char>(c)); }),
                        p.end());
                if (words.empty()) first_precision = p;
                i = close + 1;
            } else {
                size_t e = i;
                while (e < lower.size() && (std::isalnum(static_cast<unsigned char>(lower[e])) || lower[e] == '_')) ++e;
                if (e == i) return text;
                words += (words.empty() ? "" : " ") + lower.substr(i, e - i);
                i = e;
            }
        }
        if (head == "long" && words == "raw") return "bytea";
        // Oracle's TIMESTAMP is TIMESTAMP(6): the precision is what tells
        // it from a DATE (timestamp(0)) when it becomes text
        // (NLS_TIMESTAMP_FORMAT, types/datetime.h).
        if (head == "timestamp" && first_precision.empty() && (words.empty() || words == "without time zone"))
            return "timestamp(6) without time zone";
        // Oracle's TIMESTAMP WITH LOCAL TIME ZONE is stored in the
        // database's time zone and shown in the session's: timestamptz.
        if (head == "timestamp" && words == "with local time zone")
            return "timestamp" + first_precision + " with time zone";
        // INTERVAL YEAR(p) TO MONTH and DAY(p) TO SECOND(s): PostgreSQL has
        // no leading-field precision, and keeps the fractional seconds.
        if (head == "interval" && words == "year to month") return "interval year to month";
        if (head == "interval" && words == "day to second") {
            size_t second = lower.find("second");
            size_t open = lower.find('(', second);
            std::string seconds;
            if (open != std::string::npos) {
                seconds = lower.substr(open, lower.find(')', open) + 1 - open);
                seconds.erase(std::remove_if(seconds.begin(), seconds.end(),
                                             [](char c) { return std::isspace(static_cast<unsigned char>(c)); }),
                              seconds.end());
            }
            return "interval day to second" + seconds;
        }
    }
    if (IsWhitespace(rest)) {
        if (head == "xmltype") return "xml";
        if (head == "pls_integer" || head == "binary_integer" || head == "simple_integer" || head == "natural" ||
            head == "positive" || head == "signtype")
            return "integer";
        if (head == "date") return "timestamp(0) without time zone";
        if (head == "clob" || head == "nclob" || head == "long") return "text";
        if (head == "blob" || head == "raw") return "bytea";
        if (head == "binary_float") return "real";
        if (head == "binary_double") return "double precision";
        if (head == "string") return "text";
        if (head == "sys_refcursor") return "refcursor";
    }
    if (head == "raw") return "bytea";
    if (head == "nchar") return "char" + StripLengthSemantics(rest);
    if (head == "char" || head == "character" || head == "varchar") return head + StripLengthSemantics(rest);
    return text;
}

std::string MapOracleSqlTypeName(const std::string &text) {
    std::string head, rest;
    SplitHead(text, head, rest);
    std::string mods = rest;
    size_t star = mods.find('*');
    if (star != std::string::npos) mods.replace(star, 1, "38");
    bool bare = IsWhitespace(rest);
    if (head == "number") return "pg_catalog.number" + mods;
    if ((head == "integer" || head == "int" || head == "smallint") && bare) return "pg_catalog.number(38)";
    if (head == "decimal" || head == "dec" || head == "numeric") return "pg_catalog.number" + (bare ? "(38)" : mods);
    if (head == "float" || (head == "real" && bare)) return "pg_catalog.number";
    if (head == "double" && Lower(rest).find("precision") != std::string::npos) {
        std::string after = Lower(rest);
        after.erase(0, after.find("precision") + 9);
        if (IsWhitespace(after)) return "pg_catalog.number";
    }
    return MapOracleTypeName(text);
}

}  // namespace plpolar::compile
