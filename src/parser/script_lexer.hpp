// The small SQL lexer the script splitter and the Oracle unit headers
// share (script.cpp, package.cpp): words, quoted names, strings, dollar
// quotes and punctuation, with positions into the original text. Private to
// src/parser.
#pragma once

#include <cctype>
#include <string>

#include "plpolar/parser/parser.hpp"

namespace plpolar::parser::script_lexer {

inline bool IsIdentStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || (c & 0x80); }
inline bool IsIdentChar(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$' || c == '#' || (c & 0x80);
}

inline std::string Upper(std::string s) {
    for (char &c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

// A tiny lexer over SQL text: words, quoted things, punctuation. Comments
// and whitespace are skipped; positions allow slicing the original text.
struct Token {
    enum class Kind { Word, Quoted, Dollar, String, Punct, End };
    Kind kind = Kind::End;
    size_t begin = 0;
    size_t end = 0;
    int line = 1;
    std::string upper;  // for words
};

class Lexer {
public:
    explicit Lexer(const std::string &s, size_t pos = 0, int line = 1) : s_(s), pos_(pos), line_(line) {}

    Token Next() {
        SkipSpace();
        Token t;
        t.begin = pos_;
        t.line = line_;
        if (pos_ >= s_.size()) {
            t.kind = Token::Kind::End;
            t.end = pos_;
            return t;
        }
        char c = s_[pos_];
        if (c == '\'') {
            t.kind = Token::Kind::String;
            Quoted('\'');
        } else if (c == '"') {
            t.kind = Token::Kind::Quoted;
            Quoted('"');
        } else if (c == '$' && dollar_quotes_ && DollarTag()) {
            t.kind = Token::Kind::Dollar;
        } else if ((c == 'q' || c == 'Q') && pos_ + 2 < s_.size() && s_[pos_ + 1] == '\'' &&
                   (pos_ == 0 || !IsIdentChar(s_[pos_ - 1]))) {
            // Oracle's alternative quoting q'[...]', q'{...}', q'!...!'.
            t.kind = Token::Kind::String;
            AlternativeQuoted();
        } else if (IsIdentStart(c)) {
            t.kind = Token::Kind::Word;
            while (pos_ < s_.size() && IsIdentChar(s_[pos_])) ++pos_;
            t.upper = Upper(s_.substr(t.begin, pos_ - t.begin));
        } else {
            t.kind = Token::Kind::Punct;
            Advance();
        }
        t.end = pos_;
        return t;
    }

    // True if the line holding `pos` is just "/" (with blanks).
    static bool IsSlashLine(const std::string &s, size_t pos) {
        size_t b = s.rfind('\n', pos == 0 ? 0 : pos - 1);
        b = (b == std::string::npos || pos == 0) ? 0 : b + 1;
        if (pos == 0) b = 0;
        size_t e = s.find('\n', pos);
        if (e == std::string::npos) e = s.size();
        bool slash = false;
        for (size_t i = b; i < e; ++i) {
            char c = s[i];
            if (c == '/' && !slash)
                slash = true;
            else if (!std::isspace(static_cast<unsigned char>(c)))
                return false;
        }
        return slash;
    }

    size_t pos() const { return pos_; }
    int line() const { return line_; }
    // Continue from where a copy looked ahead to.
    void Adopt(const Lexer &ahead) { Seek(ahead.pos_, ahead.line_); }
    // Continues at `pos`, which is on line `line` (a SQL*Plus command line
    // is taken whole, not token by token).
    void Seek(size_t pos, int line) {
        pos_ = pos;
        line_ = line;
    }

private:
    void Advance() {
        if (s_[pos_] == '\n') ++line_;
        ++pos_;
    }
    void SkipSpace() {
        while (pos_ < s_.size()) {
            if (std::isspace(static_cast<unsigned char>(s_[pos_]))) {
                Advance();
            } else if (s_.compare(pos_, 2, "--") == 0) {
                while (pos_ < s_.size() && s_[pos_] != '\n') ++pos_;
            } else if (s_.compare(pos_, 2, "/*") == 0) {
                size_t open = pos_;
                int open_line = line_;
                pos_ += 2;
                while (pos_ < s_.size() && s_.compare(pos_, 2, "*/") != 0) Advance();
                if (pos_ >= s_.size()) Unterminated("/* comment", open, open_line);
                pos_ += 2;
            } else {
                break;
            }
        }
    }
    // Text that never ends would otherwise swallow the rest of the script
    // silently (nothing to run, no error).
    [[noreturn]] void Unterminated(const char *what, size_t open, int open_line) const {
        size_t line_start = s_.rfind('\n', open == 0 ? 0 : open - 1);
        int column = static_cast<int>(open - (line_start == std::string::npos || open == 0 ? 0 : line_start + 1)) + 1;
        throw SyntaxError(std::string("unterminated ") + what + " starting at line " + std::to_string(open_line) +
                              ", column " + std::to_string(column),
                          open_line, column);
    }
    void Quoted(char q) {
        size_t open = pos_;
        int open_line = line_;
        Advance();
        while (pos_ < s_.size()) {
            if (s_[pos_] == q) {
                if (pos_ + 1 < s_.size() && s_[pos_ + 1] == q) {
                    pos_ += 2;
                    continue;
                }
                ++pos_;
                return;
            }
            Advance();
        }
        Unterminated(q == '\'' ? "quoted string" : "quoted identifier", open, open_line);
    }
    void AlternativeQuoted() {
        size_t open = pos_;
        int open_line = line_;
        char delimiter = s_[pos_ + 2];
        char closing = delimiter == '['   ? ']'
                       : delimiter == '{' ? '}'
                       : delimiter == '(' ? ')'
                       : delimiter == '<' ? '>'
                                          : delimiter;
        pos_ += 3;
        while (pos_ + 1 < s_.size() && !(s_[pos_] == closing && s_[pos_ + 1] == '\'')) Advance();
        if (pos_ + 1 >= s_.size()) Unterminated("q'...' string", open, open_line);
        pos_ += 2;
    }
    // $tag$ ... $tag$; false (nothing consumed) if not a dollar quote.
    bool DollarTag() {
        size_t e = pos_ + 1;
        while (e < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[e])) || s_[e] == '_')) ++e;
        if (e >= s_.size() || s_[e] != '$' || (e > pos_ + 1 && std::isdigit(static_cast<unsigned char>(s_[pos_ + 1]))))
            return false;
        std::string tag = s_.substr(pos_, e - pos_ + 1);
        size_t close = s_.find(tag, e + 1);
        if (close == std::string::npos) Unterminated("dollar-quoted string", pos_, line_);
        size_t stop = close + tag.size();
        while (pos_ < stop) Advance();
        return true;
    }

    const std::string &s_;
    size_t pos_;
    int line_;
    bool dollar_quotes_ = true;

public:
    // Inside an Oracle PL unit, $ starts no dollar quote: $$PLSQL_UNIT is an
    // inquiry directive, $IF ... $END conditional compilation.
    void SetDollarQuotes(bool on) { dollar_quotes_ = on; }
};

inline bool IsEditioning(const std::string &word) {
    return word == "EDITIONABLE" || word == "NONEDITIONABLE" || word == "EDITIONING";
}

// The word after CREATE [OR REPLACE] [EDITIONABLE | NONEDITIONABLE |
// EDITIONING] (FUNCTION, PACKAGE, TRIGGER, ...); an End token when the text
// does not start so.
inline Token CreatedKind(Lexer &lex) {
    if (lex.Next().upper != "CREATE") return Token{};
    Token t = lex.Next();
    if (t.upper == "OR") {
        if (lex.Next().upper != "REPLACE") return Token{};
        t = lex.Next();
    }
    if (IsEditioning(t.upper)) t = lex.Next();
    return t;
}

inline std::string Trim(const std::string &s) {
    size_t b = 0, e = s.size();
    while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
    return s.substr(b, e - b);
}

}  // namespace plpolar::parser::script_lexer
