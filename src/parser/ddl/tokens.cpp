// The statement as tokens, and the storage clauses every DDL statement may
// carry.
#include <cctype>
#include <string>

#include "ddl_internal.hpp"
#include "plpolar/parser/parser.hpp"
#include "plpolar/parser/sql_text.hpp"

namespace plpolar::parser::ddl {

std::string Upper(const std::string &s) {
    std::string u = s;
    for (char &c : u) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return u;
}

namespace {

bool IsOperatorChar(char c) { return std::string("+-*/<>=~!@%^&|`?:;[]{}").find(c) != std::string::npos; }

}  // namespace

Tokens::Tokens(const std::string &sql) : sql_(sql) {
    const size_t n = sql_.size();
    size_t i = 0;
    int line = 1;
    size_t line_start = 0;
    auto advance_lines = [&](size_t from, size_t to) {
        for (size_t k = from; k < to; ++k)
            if (sql_[k] == '\n') {
                ++line;
                line_start = k + 1;
            }
    };
    while (i < n) {
        char c = sql_[i];
        if (std::isspace(static_cast<unsigned char>(c))) {
            advance_lines(i, i + 1);
            ++i;
            continue;
        }
        Token tok;
        tok.begin = i;
        tok.line = line;
        tok.column = static_cast<int>(i - line_start) + 1;
        size_t end = OracleQuoteEnd(sql_, i);
        if (end == i) end = SkipOpaque(sql_, i);
        if (end != i) {
            bool comment = c == '-' || c == '/';
            if (comment) {
                advance_lines(i, end);
                i = end;
                continue;
            }
            if ((c == '\'' || c == 'q' || c == 'Q' || c == 'n' || c == 'N' || c == '$') &&
                (end == n && (end - i < 2 || sql_[end - 1] != (c == '$' ? '$' : '\''))))
                throw SyntaxError("unterminated quoted string", tok.line, tok.column);
            if (c == '"' && (end - i < 2 || sql_[end - 1] != '"'))
                throw SyntaxError("unterminated quoted identifier", tok.line, tok.column);
            tok.kind = c == '"' ? Token::Kind::Quoted : Token::Kind::String;
        } else if (std::isdigit(static_cast<unsigned char>(c)) ||
                   (c == '.' && i + 1 < n && std::isdigit(static_cast<unsigned char>(sql_[i + 1])))) {
            end = i;
            while (end < n && (std::isalnum(static_cast<unsigned char>(sql_[end])) || sql_[end] == '.')) {
                // 1e-5, 1E+28
                if ((sql_[end] == 'e' || sql_[end] == 'E') && end + 1 < n &&
                    (sql_[end + 1] == '-' || sql_[end + 1] == '+'))
                    ++end;
                ++end;
            }
            tok.kind = Token::Kind::Number;
        } else if (IsSqlWordChar(c)) {
            end = i;
            while (end < n && IsSqlWordChar(sql_[end])) ++end;
            tok.kind = Token::Kind::Word;
        } else if (c == '(' || c == ')' || c == ',' || c == '.') {
            end = i + 1;
            tok.kind = c == '('   ? Token::Kind::Open
                       : c == ')' ? Token::Kind::Close
                       : c == ',' ? Token::Kind::Comma
                                  : Token::Kind::Dot;
        } else {
            end = i + 1;
            if (IsOperatorChar(c))
                while (end < n && IsOperatorChar(sql_[end]) &&
                       !(sql_[end] == '-' && end + 1 < n && sql_[end + 1] == '-') &&
                       !(sql_[end] == '/' && end + 1 < n && sql_[end + 1] == '*'))
                    ++end;
            tok.kind = Token::Kind::Other;
        }
        tok.end = end;
        tok.text = sql_.substr(i, end - i);
        tok.upper = tok.kind == Token::Kind::Word ? Upper(tok.text) : tok.text;
        advance_lines(i, end);
        tokens_.push_back(tok);
        i = end;
    }
    end_.begin = end_.end = n;
    end_.line = line;
    end_.column = static_cast<int>(n - line_start) + 1;
}

bool Tokens::Is(size_t i, const char *word) const {
    const Token &tok = (*this)[i];
    return tok.kind == Token::Kind::Word && tok.upper == word;
}

std::string Tokens::Slice(size_t from, size_t to) const {
    if (from >= to) return std::string();
    return sql_.substr((*this)[from].begin, (*this)[to - 1].end - (*this)[from].begin);
}

size_t Tokens::Matching(size_t open) const {
    int depth = 0;
    for (size_t i = open; i < tokens_.size(); ++i) {
        if (tokens_[i].kind == Token::Kind::Open) ++depth;
        if (tokens_[i].kind == Token::Kind::Close && --depth == 0) return i;
    }
    Fail(open, "unbalanced parentheses");
}

size_t Tokens::NameEnd(size_t i) const {
    while (true) {
        Token::Kind kind = (*this)[i].kind;
        if (kind != Token::Kind::Word && kind != Token::Kind::Quoted) return i;
        ++i;
        if ((*this)[i].kind != Token::Kind::Dot) return i;
        ++i;
    }
}

std::vector<std::pair<size_t, size_t>> Tokens::Elements(size_t open) const {
    std::vector<std::pair<size_t, size_t>> elements;
    size_t close = Matching(open);
    size_t start = open + 1;
    int depth = 0;
    for (size_t i = open + 1; i <= close; ++i) {
        Token::Kind kind = tokens_[i].kind;
        if (kind == Token::Kind::Open) ++depth;
        if (kind == Token::Kind::Close) --depth;
        if ((kind == Token::Kind::Comma && depth == 0) || i == close) {
            elements.emplace_back(start, i);
            start = i + 1;
        }
    }
    return elements;
}

void Tokens::Fail(size_t i, const std::string &message) const {
    const Token &tok = (*this)[i];
    throw SyntaxError(message, tok.line, tok.column);
}

std::string FoldedName(const std::string &written) {
    if (written.size() >= 2 && written.front() == '"') return written.substr(1, written.size() - 2);
    std::string lower = written;
    for (char &c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return lower;
}

std::string QuoteName(const std::string &name) {
    bool plain = !name.empty() && (std::islower(static_cast<unsigned char>(name[0])) || name[0] == '_');
    for (char c : name)
        if (!(std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_'))
            plain = false;
    if (plain) return name;
    std::string out = "\"";
    for (char c : name) {
        out += c;
        if (c == '"') out += c;
    }
    return out + "\"";
}

void Tokens::Refuse(size_t i, const std::string &message) const {
    const Token &tok = (*this)[i];
    throw DdlUnsupported(message, tok.line, tok.column);
}

std::string Collected::Action(const std::string &head) const {
    std::string action = head;
    for (const std::string &note : notes) action += "; " + note;
    if (!no_effect.empty()) {
        action += "; no effect here: ";
        for (size_t i = 0; i < no_effect.size(); ++i) action += (i > 0 ? ", " : "") + no_effect[i];
    }
    return action;
}

std::string Describe(const Tokens &t, size_t from, size_t to) {
    std::string text;
    for (size_t i = from; i < to; ++i) {
        if (!text.empty()) text += ' ';
        if (t[i].kind == Token::Kind::Open) {
            text += "(...)";
            i = t.Matching(i);
        } else {
            text += t[i].text;
        }
    }
    return text;
}

size_t PhysicalAttribute(const Tokens &t, size_t i, Collected &out, int *fillfactor) {
    auto words_then = [&](size_t j) {
        // optional trailing parenthesised part
        if (t[j].kind == Token::Kind::Open) j = t.Matching(j) + 1;
        return j;
    };
    auto note = [&](size_t end) {
        out.no_effect.push_back(Describe(t, i, end));
        return end;
    };
    const std::string &w = t[i].upper;
    if (t[i].kind != Token::Kind::Word) return i;
    if (w == "TABLESPACE") {
        if (t.Is(i + 1, "SET")) return note(t.NameEnd(i + 2));
        return note(t.NameEnd(i + 1));
    }
    if (w == "PCTFREE" && t[i + 1].kind == Token::Kind::Number) {
        // Oracle keeps PCTFREE percent of a block free for updates;
        // PostgreSQL's fillfactor is the percent it fills.
        int pct = std::stoi(t[i + 1].text);
        if (fillfactor != nullptr && pct >= 0 && pct <= 90) {
            *fillfactor = 100 - pct;
            out.notes.push_back("PCTFREE " + t[i + 1].text + " is fillfactor = " + std::to_string(100 - pct));
            return i + 2;
        }
        return note(i + 2);
    }
    if ((w == "PCTUSED" || w == "INITRANS" || w == "MAXTRANS" || w == "PCTTHRESHOLD" || w == "FREELISTS" ||
         w == "FREELIST") &&
        t[i + 1].kind == Token::Kind::Number)
        return note(i + 2);
    if (w == "STORAGE" && t[i + 1].kind == Token::Kind::Open) return note(t.Matching(i + 1) + 1);
    if (w == "LOGGING" || w == "NOLOGGING" || w == "FILESYSTEM_LIKE_LOGGING" || w == "CACHE" || w == "NOCACHE" ||
        w == "MONITORING" || w == "NOMONITORING" || w == "NOCOMPRESS" || w == "NOPARALLEL" || w == "ROWDEPENDENCIES" ||
        w == "NOROWDEPENDENCIES" || w == "NOSORT" || w == "REVERSE" || w == "ONLINE" || w == "NOMAPPING" ||
        w == "NOREVERSE")
        return note(i + 1);
    if (w == "COMPUTE" && t.Is(i + 1, "STATISTICS")) return note(i + 2);
    if (w == "SEGMENT" && t.Is(i + 1, "CREATION") && (t.Is(i + 2, "IMMEDIATE") || t.Is(i + 2, "DEFERRED")))
        return note(i + 3);
    if (w == "PARALLEL") {
        size_t j = i + 1;
        if (t[j].kind == Token::Kind::Number) ++j;
        return note(words_then(j));
    }
    if (w == "COMPRESS" || ((w == "ROW" || w == "COLUMN") && t.Is(i + 1, "STORE") && t.Is(i + 2, "COMPRESS"))) {
        size_t j = w == "COMPRESS" ? i + 1 : i + 3;
        if (t[j].kind == Token::Kind::Number) return note(j + 1);
        if (t.Is(j, "BASIC") || t.Is(j, "ADVANCED")) return note(j + 1);
        if (t.Is(j, "FOR")) {
            ++j;
            while (t.Is(j, "OLTP") || t.Is(j, "QUERY") || t.Is(j, "ARCHIVE") || t.Is(j, "LOW") || t.Is(j, "HIGH") ||
                   t.Is(j, "ALL") || t.Is(j, "DIRECT_LOAD") || t.Is(j, "OPERATIONS"))
                ++j;
        }
        return note(j);
    }
    if ((w == "ENABLE" || w == "DISABLE") && t.Is(i + 1, "ROW") && t.Is(i + 2, "MOVEMENT")) return note(i + 3);
    if (w == "INMEMORY") {
        size_t j = i + 1;
        while (t.Is(j, "MEMCOMPRESS") || t.Is(j, "PRIORITY") || t.Is(j, "DISTRIBUTE") || t.Is(j, "DUPLICATE") ||
               t.Is(j, "FOR") || t.Is(j, "QUERY") || t.Is(j, "CAPACITY") || t.Is(j, "DML") || t.Is(j, "LOW") ||
               t.Is(j, "HIGH") || t.Is(j, "NONE") || t.Is(j, "MEDIUM") || t.Is(j, "CRITICAL") || t.Is(j, "AUTO") ||
               t.Is(j, "NO"))
            ++j;
        return note(j);
    }
    if (w == "NO" && (t.Is(i + 1, "INMEMORY"))) return note(i + 2);
    if (w == "NO" && t.Is(i + 1, "FLASHBACK") && t.Is(i + 2, "ARCHIVE")) return note(i + 3);
    if (w == "FLASHBACK" && t.Is(i + 1, "ARCHIVE")) {
        size_t j = i + 2;
        if (t[j].kind == Token::Kind::Word && !t.Is(j, "TABLESPACE")) ++j;
        return note(j);
    }
    if (w == "RESULT_CACHE" && t[i + 1].kind == Token::Kind::Open) return note(t.Matching(i + 1) + 1);
    if (w == "ORGANIZATION" && t.Is(i + 1, "HEAP")) return note(i + 2);
    if (w == "ORGANIZATION" && t.Is(i + 1, "INDEX")) {
        out.notes.push_back("ORGANIZATION INDEX: a heap table with its primary key's index");
        return i + 2;
    }
    if (w == "ORGANIZATION" && t.Is(i + 1, "EXTERNAL"))
        t.Refuse(i,
                 "ORGANIZATION EXTERNAL: Oracle's external tables are not supported here (PostgreSQL reads files "
                 "with COPY or file_fdw)");
    if (w == "INCLUDING" && t[i + 1].kind == Token::Kind::Word) return note(i + 2);
    if (w == "OVERFLOW") return note(i + 1);
    if (w == "MAPPING" && t.Is(i + 1, "TABLE")) return note(i + 2);
    if (w == "LOB" && t[i + 1].kind == Token::Kind::Open) {
        // LOB (c, ...) STORE AS [SECUREFILE | BASICFILE] [segment] [(...)]
        size_t j = t.Matching(i + 1) + 1;
        if (t.Is(j, "STORE") && t.Is(j + 1, "AS")) {
            j += 2;
            if (t.Is(j, "SECUREFILE") || t.Is(j, "BASICFILE")) ++j;
            if ((t[j].kind == Token::Kind::Word || t[j].kind == Token::Kind::Quoted) && !t.Is(j, "TABLESPACE")) ++j;
            if (t[j].kind == Token::Kind::Open) j = t.Matching(j) + 1;
        }
        return note(j);
    }
    if (w == "SHARING" && t[i + 1].text == "=" && t[i + 2].kind == Token::Kind::Word) return note(i + 3);
    if (w == "VISIBLE" || w == "INVISIBLE") return note(i + 1);
    return i;
}

std::string SqlLiteral(const std::string &s) {
    std::string out = "'";
    for (char c : s) {
        if (c == '\'') out += '\'';
        out += c;
    }
    return out + "'";
}

std::string DisableConstraintCall(const std::string &table, const std::string &name, bool cascade) {
    return "SELECT plpolar.disable_constraint(" + SqlLiteral(table) + "::pg_catalog.regclass, " +
           (name.empty() ? std::string("NULL") : SqlLiteral(name)) + ", " + (cascade ? "true" : "false") + ")";
}

std::string EnableConstraintCall(const std::string &table, const std::string &name, bool validate) {
    return "SELECT plpolar.enable_constraint(" + SqlLiteral(table) + "::pg_catalog.regclass, " +
           (name.empty() ? std::string("NULL") : SqlLiteral(name)) + ", " + (validate ? "true" : "false") + ")";
}

}  // namespace plpolar::parser::ddl
