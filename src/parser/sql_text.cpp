#include "plpolar/parser/sql_text.hpp"

#include <cctype>

namespace plpolar::parser {

bool IsSqlWordChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$' || c == '#'; }

size_t OracleQuoteEnd(const std::string &sql, size_t i, std::string *value) {
    const size_t n = sql.size();
    if (i >= n || (i > 0 && IsSqlWordChar(sql[i - 1]))) return i;
    size_t j = i;
    bool national = sql[j] == 'n' || sql[j] == 'N';
    if (national) ++j;
    bool q = j < n && (sql[j] == 'q' || sql[j] == 'Q');
    if (q) ++j;
    if ((!national && !q) || j >= n || sql[j] != '\'') return i;
    if (!q) {
        // N'...': an ordinary literal (PostgreSQL's N'' would be bpchar).
        size_t end = SkipOpaque(sql, j);
        if (value != nullptr) {
            value->clear();
            for (size_t k = j + 1; k + 1 < end; ++k) {
                *value += sql[k];
                if (sql[k] == '\'') ++k;
            }
        }
        return end;
    }
    if (j + 1 >= n) return i;
    char open = sql[j + 1];
    if (std::isspace(static_cast<unsigned char>(open))) return i;
    char close = open == '[' ? ']' : open == '{' ? '}' : open == '(' ? ')' : open == '<' ? '>' : open;
    size_t body = j + 2;
    size_t k = body;
    while (k + 1 < n && !(sql[k] == close && sql[k + 1] == '\'')) ++k;
    if (k + 1 >= n) return n;
    if (value != nullptr) *value = sql.substr(body, k - body);
    return k + 2;
}

std::string StandardLiteral(const std::string &value) {
    std::string out = "'";
    for (char c : value) {
        out += c;
        if (c == '\'') out += c;
    }
    return out + "'";
}

size_t SkipOpaque(const std::string &sql, size_t i) {
    const size_t n = sql.size();
    if (i >= n) return i;
    char c = sql[i];
    if (c == 'q' || c == 'Q' || c == 'n' || c == 'N') return OracleQuoteEnd(sql, i);
    if ((c == 'e' || c == 'E') && i + 1 < n && sql[i + 1] == '\'' && (i == 0 || !IsSqlWordChar(sql[i - 1]))) {
        // PostgreSQL's E'...': a backslash escapes the next character, also
        // a quote.
        size_t j = i + 2;
        while (j < n) {
            if (sql[j] == '\\') {
                j += 2;
                continue;
            }
            if (sql[j] == '\'') {
                if (j + 1 < n && sql[j + 1] == '\'') {
                    j += 2;
                    continue;
                }
                break;
            }
            ++j;
        }
        return j < n ? j + 1 : n;
    }
    if (c == '\'' || c == '"') {
        size_t j = i + 1;
        while (j < n) {
            if (sql[j] == c) {
                if (j + 1 < n && sql[j + 1] == c) {
                    j += 2;
                    continue;
                }
                break;
            }
            ++j;
        }
        return j < n ? j + 1 : n;
    }
    if (c == '-' && i + 1 < n && sql[i + 1] == '-') {
        size_t j = sql.find('\n', i);
        return j == std::string::npos ? n : j;
    }
    if (c == '/' && i + 1 < n && sql[i + 1] == '*') {
        size_t j = sql.find("*/", i + 2);
        return j == std::string::npos ? n : j + 2;
    }
    if (c == '$' && (i == 0 || !IsSqlWordChar(sql[i - 1]))) {
        // $tag$ ... $tag$, but not a $1 parameter
        size_t j = i + 1;
        while (j < n && (std::isalnum(static_cast<unsigned char>(sql[j])) || sql[j] == '_')) ++j;
        if (j < n && sql[j] == '$' && !(j > i + 1 && std::isdigit(static_cast<unsigned char>(sql[i + 1])))) {
            std::string tag = sql.substr(i, j + 1 - i);
            size_t end = sql.find(tag, j + 1);
            return end == std::string::npos ? n : end + tag.size();
        }
    }
    return i;
}

}  // namespace plpolar::parser

namespace plpolar::parser {

std::string QuoteHashIdentifiers(const std::string &sql) {
    if (sql.find('#') == std::string::npos) return sql;
    std::string out;
    out.reserve(sql.size() + 8);
    const size_t n = sql.size();
    size_t i = 0;
    while (i < n) {
        size_t skip = OracleQuoteEnd(sql, i);
        if (skip == i) skip = SkipOpaque(sql, i);
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
        std::string word = sql.substr(i, end - i);
        if (word.find('#') != std::string::npos) {
            // Oracle folds it to upper case, PostgreSQL would to lower
            // case: lower case, as every unquoted name here.
            for (char &ch : word) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
            out += "\"" + word + "\"";
        } else {
            out += word;
        }
        i = end;
    }
    return out;
}

std::string JoinContinuedLines(const std::string &sql) {
    std::string out = sql;
    const size_t n = sql.size();
    size_t i = 0;
    while (i < n) {
        size_t skip = OracleQuoteEnd(sql, i);
        if (skip == i) skip = SkipOpaque(sql, i);
        if (skip != i) {
            i = skip;
            continue;
        }
        if (sql[i] == '-') {
            size_t j = i + 1;
            while (j < n && (sql[j] == ' ' || sql[j] == '\t' || sql[j] == '\r')) ++j;
            // the last character of its line, and not the end of the text
            if (j < n && sql[j] == '\n') out[i] = ' ';
        }
        ++i;
    }
    return out;
}

}  // namespace plpolar::parser
