#include "plpolar/parser/sql_text.hpp"

#include <cctype>

namespace plpolar::parser {

bool IsSqlWordChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$' || c == '#'; }

size_t SkipOpaque(const std::string &sql, size_t i) {
    const size_t n = sql.size();
    if (i >= n) return i;
    char c = sql[i];
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
