#include "plpolar/parser/placeholders.hpp"

#include <cctype>

#include "plpolar/parser/sql_text.hpp"

namespace plpolar::parser {

namespace {

bool IsWordChar(char c) { return IsSqlWordChar(c); }

bool WordAt(const std::string &s, size_t i, const char *word) {
    size_t n = 0;
    while (word[n] != '\0') {
        if (i + n >= s.size() || std::tolower(static_cast<unsigned char>(s[i + n])) != word[n]) return false;
        ++n;
    }
    if (i > 0 && IsWordChar(s[i - 1])) return false;
    return i + n >= s.size() || !IsWordChar(s[i + n]);
}

}  // namespace

DynamicSql ConvertPlaceholders(const std::string &sql) {
    DynamicSql out;
    std::string &text = out.text;
    int depth = 0;
    bool returning = false;
    size_t into_at = std::string::npos;  // in `text`
    int placeholder = 0;
    size_t i = 0;
    const size_t n = sql.size();
    while (i < n) {
        char c = sql[i];
        // Quoted strings and identifiers, comments: copied verbatim.
        size_t skip = SkipOpaque(sql, i);
        if (skip != i) {
            if (into_at == std::string::npos) text.append(sql, i, skip - i);
            i = skip;
            continue;
        }
        if (c == ':' && i + 1 < n) {
            char next = sql[i + 1];
            char prev = i > 0 ? sql[i - 1] : ' ';
            bool cast = next == ':' || prev == ':';
            bool after_value = IsWordChar(prev) || prev == ']' || prev == ')';
            if (!cast && !after_value && (IsWordChar(next) || next == '"')) {
                size_t j = i + 1;
                if (next == '"') {
                    j = sql.find('"', i + 2);
                    j = j == std::string::npos ? n : j + 1;
                } else {
                    while (j < n && IsWordChar(sql[j])) ++j;
                }
                out.has_placeholders = true;
                if (into_at != std::string::npos) {
                    out.returning_args.push_back(placeholder);
                } else {
                    out.in_args.push_back(placeholder);
                    text += "$" + std::to_string(out.in_args.size());
                }
                ++placeholder;
                i = j;
                continue;
            }
        }
        if (c == '(') ++depth;
        if (c == ')') --depth;
        if (depth == 0 && WordAt(sql, i, "returning")) returning = true;
        if (depth == 0 && returning && into_at == std::string::npos && WordAt(sql, i, "into")) into_at = text.size();
        if (into_at == std::string::npos) text += c;
        ++i;
    }
    if (into_at != std::string::npos) {
        text.resize(into_at);
        while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
    }
    return out;
}

}  // namespace plpolar::parser

namespace plpolar::parser {

bool IsDynamicBlock(const std::string &sql) {
    size_t i = 0;
    while (i < sql.size()) {
        size_t skip = SkipOpaque(sql, i);
        if (skip != i && sql[i] != '\'' && sql[i] != '"' && sql[i] != '$') {
            i = skip;  // a comment
            continue;
        }
        if (std::isspace(static_cast<unsigned char>(sql[i]))) {
            ++i;
            continue;
        }
        break;
    }
    if (sql.compare(i, 2, "<<") == 0) return true;
    if (WordAt(sql, i, "declare")) return true;
    if (!WordAt(sql, i, "begin")) return false;
    // PostgreSQL's BEGIN [WORK | TRANSACTION] [ISOLATION LEVEL ... | READ
    // ONLY | ...] is a transaction command, not a block.
    size_t j = i + 5;
    while (j < sql.size() && (std::isspace(static_cast<unsigned char>(sql[j])) || sql[j] == ';')) ++j;
    if (j == sql.size()) return false;
    if (WordAt(sql, j, "work") || WordAt(sql, j, "transaction") || WordAt(sql, j, "isolation") ||
        WordAt(sql, j, "deferrable"))
        return false;
    for (const char *word : {"read", "not"}) {
        if (!WordAt(sql, j, word)) continue;
        size_t k = j + std::string(word).size();
        while (k < sql.size() && std::isspace(static_cast<unsigned char>(sql[k]))) ++k;
        if (WordAt(sql, k, "only") || WordAt(sql, k, "write") || WordAt(sql, k, "deferrable")) return false;
    }
    return true;
}

DynamicBlock ConvertBlockPlaceholders(const std::string &block, const std::string &bind_prefix) {
    DynamicBlock out;
    const size_t n = block.size();
    size_t i = 0;
    while (i < n) {
        size_t quoted = OracleQuoteEnd(block, i);
        if (quoted == i) quoted = SkipOpaque(block, i);
        if (quoted != i) {
            out.text.append(block, i, quoted - i);
            i = quoted;
            continue;
        }
        char c = block[i];
        if (c == ':' && i + 1 < n) {
            char next = block[i + 1];
            char prev = i > 0 ? block[i - 1] : ' ';
            bool operator_part = next == ':' || next == '=' || prev == ':';
            if (!operator_part && !IsWordChar(prev) && (IsWordChar(next) || next == '"')) {
                size_t j = i + 1;
                std::string name;
                if (next == '"') {
                    j = block.find('"', i + 2);
                    j = j == std::string::npos ? n : j + 1;
                    name = block.substr(i + 2, j - i - 3);
                } else {
                    while (j < n && IsWordChar(block[j])) ++j;
                    name = block.substr(i + 1, j - i - 1);
                    for (char &ch : name) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
                }
                size_t k = 0;
                while (k < out.names.size() && out.names[k] != name) ++k;
                if (k == out.names.size()) out.names.push_back(name);
                out.text += bind_prefix + std::to_string(k + 1);
                i = j;
                continue;
            }
        }
        out.text += c;
        ++i;
    }
    return out;
}

}  // namespace plpolar::parser
