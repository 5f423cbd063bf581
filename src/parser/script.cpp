#include "plpolar/parser/script.hpp"

#include <cctype>
#include <cstring>
#include <optional>

#include "plpolar/parser/builtins.hpp"
#include "plpolar/parser/parser.hpp"
#include "plpolar/parser/trigger.hpp"
#include "script_lexer.hpp"

namespace plpolar::parser {

using namespace script_lexer;

namespace {

struct SqlPlusWord {
    const char *name;
    size_t min;  // the shortest abbreviation SQL*Plus takes
};

bool Abbreviation(const std::string &upper, const SqlPlusWord &w) {
    size_t n = std::strlen(w.name);
    return upper.size() >= w.min && upper.size() <= n && std::strncmp(w.name, upper.c_str(), upper.size()) == 0;
}

// Oracle's clauses between a subprogram's parameters (or RETURN type) and
// its IS / AS.
bool IsHeaderClause(const std::string &word) {
    return word == "AUTHID" || word == "DETERMINISTIC" || word == "PARALLEL_ENABLE" || word == "RESULT_CACHE" ||
           word == "PIPELINED" || word == "ACCESSIBLE" || word == "SHARING" || word == "SQL_MACRO";
}

// CREATE [OR REPLACE] FUNCTION|PROCEDURE name [( ... )] then RETURN / IS /
// AS followed by something other than a string: Oracle's form.
bool LooksOracle(const std::string &s, size_t start, int line) {
    Lexer lex(s, start, line);
    Token t = CreatedKind(lex);
    bool function = t.upper == "FUNCTION";
    if (!function && t.upper != "PROCEDURE") return false;
    // name, possibly qualified
    t = lex.Next();
    while (true) {
        Token n = lex.Next();
        if (n.kind == Token::Kind::Punct && s[n.begin] == '.') {
            lex.Next();
            continue;
        }
        t = n;
        break;
    }
    if (t.kind == Token::Kind::Punct && s[t.begin] == '(') {
        int depth = 1;
        while (depth > 0) {
            Token p = lex.Next();
            if (p.kind == Token::Kind::End) return false;
            if (p.kind == Token::Kind::Punct && s[p.begin] == '(') ++depth;
            if (p.kind == Token::Kind::Punct && s[p.begin] == ')') --depth;
        }
        t = lex.Next();
    }
    if (function) return t.upper == "RETURN";
    if (IsHeaderClause(t.upper)) return true;  // PostgreSQL has none of these
    if (t.upper == "IS") return true;
    if (t.upper == "AS") {
        Token body = lex.Next();
        return body.kind != Token::Kind::String && body.kind != Token::Kind::Dollar;
    }
    return false;
}

bool IsPunct(const std::string &s, const Token &t, char c) { return t.kind == Token::Kind::Punct && s[t.begin] == c; }

// CREATE [OR REPLACE] [EDITIONABLE | NONEDITIONABLE] PACKAGE [BODY] name, or TYPE BODY name.
bool LooksPackage(const std::string &s, size_t start, int line) {
    Lexer lex(s, start, line);
    Token t = CreatedKind(lex);
    // A type body is read as a package body (parser/object_type.hpp).
    return t.upper == "PACKAGE" || (t.upper == "TYPE" && lex.Next().upper == "BODY");
}

// Where a package specification or body ends: the END that closes it (at
// depth 1, opened by the header's IS / AS), then ';'. Inside, a
// subprogram's IS / AS makes its BEGIN open a level; a BEGIN at the package
// level with no subprogram waiting for one starts the initialization
// section, which the package's own END closes.
size_t PackageEnd(const std::string &script, Lexer &lex, Token t, Token *last) {
    int depth = 0;
    int pending = 0;  // subprogram bodies whose BEGIN is still to come
    bool header_open = false;
    bool init = false;
    bool opened = false;
    Token prev = t;
    while (true) {
        if (t.kind == Token::Kind::End) break;
        if (IsPunct(script, t, '/') && Lexer::IsSlashLine(script, t.begin)) break;
        if (t.kind == Token::Kind::Word) {
            bool after_end = prev.kind == Token::Kind::Word && prev.upper == "END";
            if (depth == 0) {
                if (!opened && (t.upper == "IS" || t.upper == "AS")) {
                    depth = 1;
                    opened = true;
                }
            } else if (depth == 1 && !init && (t.upper == "PROCEDURE" || t.upper == "FUNCTION")) {
                header_open = true;
            } else if (header_open && (t.upper == "IS" || t.upper == "AS")) {
                header_open = false;
                ++pending;
            } else if (t.upper == "BEGIN") {
                if (depth == 1 && pending == 0 && !init) {
                    init = true;
                } else {
                    if (depth == 1) --pending;
                    ++depth;
                }
            } else if (t.upper == "CASE" && !after_end) {
                ++depth;
            } else if (t.upper == "END") {
                Lexer peek = lex;
                Token n = peek.Next();
                if (!(n.kind == Token::Kind::Word && (n.upper == "IF" || n.upper == "LOOP"))) --depth;
            }
        } else if (IsPunct(script, t, ';')) {
            if (depth == 1 && header_open) header_open = false;  // a declaration without a body
            if (depth <= 0 && opened) {
                *last = t;
                return t.end;
            }
        }
        prev = t;
        t = lex.Next();
    }
    *last = t;
    return t.begin;
}

// [<<label>>] DECLARE ... | BEGIN ...: Oracle's anonymous block, unless it is
// PostgreSQL's BEGIN [WORK | TRANSACTION | ISOLATION ...]; or DECLARE c
// [BINARY | INSENSITIVE | [NO] SCROLL] CURSOR.
bool LooksAnonymousBlock(const std::string &s, size_t start, int line) {
    Lexer lex(s, start, line);
    Token t = lex.Next();
    if (IsPunct(s, t, '<')) return IsPunct(s, lex.Next(), '<');
    if (t.kind != Token::Kind::Word) return false;
    if (t.upper == "BEGIN") {
        Token n = lex.Next();
        if (n.kind == Token::Kind::End || IsPunct(s, n, ';') || IsPunct(s, n, '/')) return false;
        return !(n.kind == Token::Kind::Word &&
                 (n.upper == "WORK" || n.upper == "TRANSACTION" || n.upper == "ISOLATION" || n.upper == "READ" ||
                  n.upper == "NOT" || n.upper == "DEFERRABLE"));
    }
    if (t.upper == "DECLARE") {
        lex.Next();  // a cursor's name, or the first declaration's
        Token n = lex.Next();
        return !(n.kind == Token::Kind::Word && (n.upper == "CURSOR" || n.upper == "BINARY" ||
                                                 n.upper == "INSENSITIVE" || n.upper == "SCROLL" || n.upper == "NO"));
    }
    return false;
}

bool IsOneOf(const std::string &word, std::initializer_list<const char *> words) {
    for (const char *w : words)
        if (word == w) return true;
    return false;
}

// SQL*Plus's SET options (full names; Abbreviation accepts their short forms).
const SqlPlusWord kSetOptions[] = {
    {"SERVEROUTPUT", 9}, {"DEFINE", 3},    {"ECHO", 4},          {"FEEDBACK", 4},      {"VERIFY", 3},
    {"HEADING", 3},      {"PAGESIZE", 5},  {"LINESIZE", 3},      {"TIMING", 4},        {"TERMOUT", 4},
    {"TRIMSPOOL", 5},    {"TRIMOUT", 5},   {"SQLBLANKLINES", 5}, {"LONG", 4},          {"AUTOCOMMIT", 4},
    {"ESCAPE", 3},       {"SCAN", 4},      {"TAB", 3},           {"WRAP", 3},          {"NEWPAGE", 4},
    {"ARRAYSIZE", 5},    {"COLSEP", 4},    {"NULL", 4},          {"SQLPROMPT", 4},     {"CONCAT", 3},
    {"NUMWIDTH", 3},     {"UNDERLINE", 3}, {"EMBEDDED", 3},      {"SHOWMODE", 4},      {"APPINFO", 2},
    {"EXITCOMMIT", 5},   {"MARKUP", 4},    {"RECSEP", 4},        {"SQLTERMINATOR", 4}, {"LONGCHUNKSIZE", 5},
    {"NUMFORMAT", 4},    {"SUFFIX", 3},    {"TIME", 2},          {"FLUSH", 3},         {"PAUSE", 3},
};

}  // namespace

std::string SqlPlusCommandName(const std::string &word) {
    // SQL*Plus's commands and the shortest abbreviation it takes of each.
    static const SqlPlusWord kCommands[] = {
        {"ACCEPT", 3},   {"BREAK", 3},    {"BTITLE", 3},     {"CLEAR", 2},   {"COLUMN", 3},    {"CONNECT", 4},
        {"DEFINE", 3},   {"DESCRIBE", 4}, {"DISCONNECT", 4}, {"EXECUTE", 4}, {"EXIT", 4},      {"HOST", 2},
        {"PAUSE", 3},    {"PRINT", 3},    {"PROMPT", 3},     {"QUIT", 4},    {"REMARK", 3},    {"SPOOL", 3},
        {"START", 3},    {"STORE", 3},    {"TIMING", 4},     {"TTITLE", 3},  {"UNDEFINE", 5},  {"VARIABLE", 3},
        {"WHENEVER", 8}, {"SET", 3},      {"SHOW", 3},       {"COMPUTE", 4}, {"REPHEADER", 4}, {"REPFOOTER", 4},
    };
    std::string upper = Upper(word);
    for (const SqlPlusWord &c : kCommands)
        if (Abbreviation(upper, c)) return c.name;
    return std::string();
}

namespace {

// The first words of the SQL*Plus commands install scripts carry. SET and
// SHOW are PostgreSQL's too: SET name {= | TO} value, SET TIME ZONE, SET
// ROLE and the like, and SHOW name; (a parameter SQL*Plus does not have,
// ended with ';') stay SQL; every other SET or SHOW line is SQL*Plus's, one
// line, as SQL*Plus reads it.
bool LooksSqlPlus(const std::string &s, size_t start, int line) {
    Lexer lex(s, start, line);
    Token t = lex.Next();
    if (IsPunct(s, t, '@')) return true;
    if (t.kind != Token::Kind::Word) return false;
    std::string command = SqlPlusCommandName(t.upper);
    if (command.empty()) return false;
    Token n = lex.Next();
    // PostgreSQL's START TRANSACTION (Oracle has none).
    if (command == "START") return !(n.kind == Token::Kind::Word && n.upper == "TRANSACTION");
    if (command != "SET" && command != "SHOW") return true;
    if (n.kind != Token::Kind::Word) return false;
    bool known_option = false;
    for (const SqlPlusWord &o : kSetOptions) known_option = known_option || Abbreviation(n.upper, o);
    // The rest of the line, for telling PostgreSQL's SET and SHOW (which end
    // with ';' and set with '=' or TO) from SQL*Plus's (one line, no ';').
    size_t eol = s.find('\n', start);
    std::string rest_of_line = Trim(s.substr(start, eol == std::string::npos ? std::string::npos : eol - start));
    const bool ends_with_semicolon = !rest_of_line.empty() && rest_of_line.back() == ';';
    if (command == "SHOW")
        return known_option || !ends_with_semicolon ||
               IsOneOf(n.upper, {"ERRORS", "ERROR", "ERR", "USER", "ALL", "SGA", "PARAMETERS", "PARAMETER", "SPOOL",
                                 "RELEASE", "REL"});
    Token v = lex.Next();
    while (IsPunct(s, v, '.')) {  // a dotted parameter name: plpolar.serveroutput
        lex.Next();
        v = lex.Next();
    }
    if (n.upper == "TIME" && v.kind == Token::Kind::Word && v.upper == "ZONE") return false;
    if (known_option) return true;  // SET UNDERLINE = too
    if (IsOneOf(n.upper,
                {"ROLE", "TRANSACTION", "CONSTRAINT", "CONSTRAINTS", "SESSION", "LOCAL", "SCHEMA", "NAMES", "XML"}))
        return false;
    // An option SQL*Plus does not know is still its SET option value ...,
    // unless it is PostgreSQL's SET name {= | TO} value.
    return !(IsPunct(s, v, '=') || (v.kind == Token::Kind::Word && v.upper == "TO"));
}

// CREATE [OR REPLACE] [EDITIONABLE | NONEDITIONABLE] TYPE | JAVA | LIBRARY:
// SQL that SQL*Plus, like a PL/SQL unit, ends with a '/' line (the '/'
// after its ';' is its end, not "run it again").
bool EndsWithSlashLikeAUnit(const std::string &s, size_t start, int line) {
    Lexer lex(s, start, line);
    Token t = CreatedKind(lex);
    return t.kind == Token::Kind::Word && (t.upper == "TYPE" || t.upper == "JAVA" || t.upper == "LIBRARY");
}

// A parameter's or return type: t%ROWTYPE is table t's composite type;
// other names (t.c%TYPE included) go to `map_type`.
std::string MapParameterType(const std::string &type, const std::function<std::string(const std::string &)> &map_type) {
    std::string upper = Upper(type);
    const std::string rowtype = "%ROWTYPE";
    if (upper.size() > rowtype.size() && upper.compare(upper.size() - rowtype.size(), rowtype.size(), rowtype) == 0) {
        size_t end = type.size() - rowtype.size();
        while (end > 0 && std::isspace(static_cast<unsigned char>(type[end - 1]))) --end;
        return type.substr(0, end);
    }
    return map_type(type);
}

}  // namespace

std::vector<ScriptStatement> SplitScript(const std::string &script) {
    std::vector<ScriptStatement> out;
    Lexer lex(script);
    // SQL*Plus keeps the last SQL statement or PL/SQL unit in its buffer and
    // a '/' line runs the buffer again: after `INSERT ...;` or a block that
    // a '/' already ended. The '/' right after a unit's final `END;` is its
    // terminator instead.
    std::optional<size_t> buffer;  // the statement in SQL*Plus's buffer
    bool slash_ends_unit = false;
    while (true) {
        lex.SetDollarQuotes(true);
        Token first = lex.Next();
        if (first.kind == Token::Kind::End) break;
        if (first.kind == Token::Kind::Punct && script[first.begin] == '/' && Lexer::IsSlashLine(script, first.begin)) {
            if (slash_ends_unit) {
                slash_ends_unit = false;
                buffer = out.size() - 1;
            } else if (buffer && *buffer == out.size() - 1) {
                ++out.back().reruns;
            } else if (buffer) {
                // After SQL*Plus commands (which do not enter the buffer): the
                // buffer's statement once more, here.
                ScriptStatement again = out[*buffer];
                again.reruns = 0;
                again.rerun = true;
                out.push_back(std::move(again));
                buffer = out.size() - 1;
            }
            continue;
        }
        if (first.kind == Token::Kind::Punct && script[first.begin] == ';') continue;  // empty statement
        slash_ends_unit = false;
        ScriptStatement stmt;
        stmt.line = first.line;
        if (LooksSqlPlus(script, first.begin, first.line)) {
            // The rest of the line, and of lines continued with a final '-'.
            size_t eol = script.find('\n', first.begin);
            int line = first.line;
            while (eol != std::string::npos) {
                std::string so_far = Trim(script.substr(first.begin, eol - first.begin));
                if (so_far.size() < 2 || so_far.back() != '-' || so_far[so_far.size() - 2] != ' ') break;
                eol = script.find('\n', eol + 1);
                ++line;
            }
            if (eol == std::string::npos) eol = script.size();
            // Continued lines joined: "SET LINESIZE 100 -" + "PAGESIZE 5".
            std::string text;
            size_t from = first.begin;
            while (from < eol) {
                size_t nl = script.find('\n', from);
                if (nl == std::string::npos || nl > eol) nl = eol;
                std::string piece = Trim(script.substr(from, nl - from));
                if (nl < eol && piece.size() >= 2 && piece.back() == '-' && piece[piece.size() - 2] == ' ')
                    piece = Trim(piece.substr(0, piece.size() - 1));
                text += (text.empty() ? "" : " ") + piece;
                from = nl + 1;
            }
            while (!text.empty() && text.back() == ';') text = Trim(text.substr(0, text.size() - 1));
            stmt.text = text;
            stmt.kind = ScriptStatementKind::SqlPlus;
            out.push_back(std::move(stmt));
            lex.Seek(eol, line);
            continue;
        }
        if (LooksPackage(script, first.begin, first.line)) {
            stmt.kind = ScriptStatementKind::OraclePackage;
            lex.SetDollarQuotes(false);
            Token last = first;
            size_t end = PackageEnd(script, lex, first, &last);
            stmt.text = Trim(script.substr(first.begin, end - first.begin));
            if (!stmt.text.empty()) {
                out.push_back(std::move(stmt));
                const bool by_slash = IsPunct(script, last, '/');
                buffer = by_slash ? std::optional<size_t>(out.size() - 1) : std::nullopt;
                slash_ends_unit = !by_slash;
            }
            if (last.kind == Token::Kind::End) break;
            continue;
        }
        if (LooksOracleTrigger(script, first.begin, first.line))
            stmt.kind = ScriptStatementKind::OracleTrigger;
        else if (LooksOracle(script, first.begin, first.line))
            stmt.kind = ScriptStatementKind::OracleSubprogram;
        else if (LooksAnonymousBlock(script, first.begin, first.line))
            stmt.kind = ScriptStatementKind::AnonymousBlock;
        const bool pl_unit = stmt.kind != ScriptStatementKind::Sql;
        lex.SetDollarQuotes(!pl_unit);
        int depth = 0;
        bool seen_block = false;
        // Nested PROCEDURE / FUNCTION declarations before the outer BEGIN:
        // their BEGIN ... END; must not end the statement.
        int nested = 0;
        bool header_open = false;         // a nested header without its IS / AS yet
        bool outer_begun = false;         // the outer body's BEGIN was seen
        std::vector<bool> opened_nested;  // per depth-0 BEGIN: a nested body's
        Token prev = first;
        Token t = first;
        size_t end = script.size();
        while (true) {
            if (t.kind == Token::Kind::End) {
                end = t.begin;
                break;
            }
            if (t.kind == Token::Kind::Punct && script[t.begin] == '/' && Lexer::IsSlashLine(script, t.begin)) {
                end = t.begin;
                break;
            }
            if (pl_unit && !outer_begun && header_open && t.kind == Token::Kind::Punct && script[t.begin] == ';') {
                header_open = false;  // a forward declaration
                --nested;
            }
            if (t.kind == Token::Kind::Punct && script[t.begin] == ';' &&
                (!pl_unit || (seen_block && depth <= 0 && outer_begun))) {
                end = pl_unit ? t.end : t.begin;  // PL bodies keep their final ';'
                break;
            }
            if (pl_unit && t.kind == Token::Kind::Word) {
                bool after_end = prev.kind == Token::Kind::Word && prev.upper == "END";
                if (!outer_begun && depth == 0 && (t.upper == "PROCEDURE" || t.upper == "FUNCTION") &&
                    t.begin != first.begin && !(prev.kind == Token::Kind::Word && prev.upper == "REPLACE") &&
                    !(prev.kind == Token::Kind::Word && prev.upper == "CREATE")) {
                    ++nested;
                    header_open = true;
                } else if (header_open && (t.upper == "IS" || t.upper == "AS")) {
                    header_open = false;
                }
                if (t.upper == "COMPOUND" && stmt.kind == ScriptStatementKind::OracleTrigger && depth == 0 &&
                    !outer_begun) {
                    // COMPOUND TRIGGER opens what its final END closes; the
                    // sections' BEGIN ... END <timing point>; nest inside.
                    Lexer peek = lex;
                    if (peek.Next().upper == "TRIGGER") {
                        ++depth;
                        seen_block = true;
                        outer_begun = true;
                        opened_nested.push_back(false);
                    }
                } else if (t.upper == "BEGIN") {
                    if (depth == 0) {
                        opened_nested.push_back(nested > 0);
                        if (nested == 0) outer_begun = true;
                    }
                    ++depth;
                    seen_block = true;
                } else if (t.upper == "CASE" && !after_end) {
                    ++depth;
                } else if (t.upper == "END") {
                    // END IF / END LOOP close nothing counted; END, END CASE
                    // and END label close a BEGIN or CASE.
                    Lexer peek = lex;
                    Token n = peek.Next();
                    if (!(n.kind == Token::Kind::Word && (n.upper == "IF" || n.upper == "LOOP"))) {
                        --depth;
                        if (depth == 0 && !opened_nested.empty()) {
                            if (opened_nested.back()) --nested;
                            opened_nested.pop_back();
                        }
                    }
                }
            }
            prev = t;
            t = lex.Next();
        }
        stmt.text = Trim(script.substr(first.begin, end - first.begin));
        if (!stmt.text.empty()) {
            const bool by_slash = t.kind == Token::Kind::Punct && script[t.begin] == '/';
            const bool unit_like = pl_unit || EndsWithSlashLikeAUnit(script, first.begin, first.line);
            out.push_back(std::move(stmt));
            buffer = !unit_like || by_slash ? std::optional<size_t>(out.size() - 1) : std::nullopt;
            slash_ends_unit = unit_like && !by_slash;
        }
        if (t.kind == Token::Kind::End) break;
    }
    return out;
}

OracleSubprogram ParseOracleSubprogram(const std::string &text,
                                       const std::function<std::string(const std::string &)> &map_type) {
    OracleSubprogram sub;
    Lexer lex(text);
    auto fail = [](const std::string &what, const Token &at) { throw SyntaxError(what, at.line, 1); };
    lex.Next();  // CREATE
    Token t = lex.Next();
    if (t.upper == "OR") {
        lex.Next();
        sub.or_replace = true;
        t = lex.Next();
    }
    if (IsEditioning(t.upper)) {
        sub.notes.push_back(t.upper + ": no effect (no editions here)");
        t = lex.Next();
    }
    sub.is_function = t.upper == "FUNCTION";
    Token name_start = lex.Next();
    Token name_end = name_start;
    t = lex.Next();
    while (t.kind == Token::Kind::Punct && text[t.begin] == '.') {
        name_end = lex.Next();
        t = lex.Next();
    }
    sub.name = text.substr(name_start.begin, name_end.end - name_start.begin);
    if (t.kind == Token::Kind::Punct && text[t.begin] == '(') {
        // Split the parameter list at top-level commas.
        int depth = 1;
        size_t piece = t.end;
        std::vector<std::string> raw;
        while (depth > 0) {
            Token p = lex.Next();
            if (p.kind == Token::Kind::End) fail("unterminated parameter list", t);
            if (p.kind != Token::Kind::Punct) continue;
            char c = text[p.begin];
            if (c == '(') ++depth;
            if (c == ')') --depth;
            if ((c == ',' && depth == 1) || depth == 0) {
                raw.push_back(Trim(text.substr(piece, p.begin - piece)));
                piece = p.end;
            }
        }
        for (const std::string &param : raw) {
            if (param.empty()) continue;
            // name [IN | OUT | IN OUT] [NOCOPY] type [:= | DEFAULT expr]
            Lexer pl(param);
            Token pname = pl.Next();
            Token w = pl.Next();
            std::string mode;
            if (w.upper == "IN") {
                mode = "IN";
                Lexer look = pl;
                if (look.Next().upper == "OUT") {
                    pl.Next();
                    mode = "INOUT";
                }
                w = pl.Next();
            } else if (w.upper == "OUT") {
                mode = "OUT";
                w = pl.Next();
            }
            if (w.upper == "NOCOPY") w = pl.Next();
            size_t type_begin = w.begin;
            size_t type_end = param.size();
            std::string default_expr;
            for (Token d = w; d.kind != Token::Kind::End; d = pl.Next()) {
                if (d.upper == "DEFAULT" || (d.kind == Token::Kind::Punct && param.compare(d.begin, 2, ":=") == 0)) {
                    type_end = d.begin;
                    size_t expr_begin = d.upper == "DEFAULT" ? d.end : d.begin + 2;
                    default_expr = Trim(param.substr(expr_begin));
                    break;
                }
            }
            std::string type = MapParameterType(Trim(param.substr(type_begin, type_end - type_begin)), map_type);
            std::string out =
                (mode.empty() ? "" : mode + " ") + param.substr(pname.begin, pname.end - pname.begin) + " " + type;
            if (!default_expr.empty()) out += " DEFAULT " + QualifyBuiltins(default_expr);  // SYSDATE, NVL(...)
            sub.parameters.push_back(out);
        }
        t = lex.Next();
    }
    if (sub.is_function) {
        if (t.upper != "RETURN") fail("expected RETURN after the function's name and parameters", t);
        Token type_start = lex.Next();
        Token type_end = type_start;
        t = lex.Next();
        while (t.kind != Token::Kind::End && t.upper != "IS" && t.upper != "AS" && !IsHeaderClause(t.upper)) {
            type_end = t;
            t = lex.Next();
        }
        sub.return_type_written = text.substr(type_start.begin, type_end.end - type_start.begin);
        sub.return_type = MapParameterType(sub.return_type_written, map_type);
    }
    // A parenthesised list after a clause word: skipped whole.
    auto skip_parens = [&lex, &text, &fail](Token &at) {
        if (!(at.kind == Token::Kind::Punct && text[at.begin] == '(')) return;
        int depth = 1;
        while (depth > 0) {
            Token p = lex.Next();
            if (p.kind == Token::Kind::End) fail("unterminated parenthesis in the subprogram header", at);
            if (p.kind == Token::Kind::Punct && text[p.begin] == '(') ++depth;
            if (p.kind == Token::Kind::Punct && text[p.begin] == ')') --depth;
        }
        at = lex.Next();
    };
    while (t.kind != Token::Kind::End && t.upper != "IS" && t.upper != "AS") {
        if (t.upper == "AUTHID") {
            Token who = lex.Next();
            if (who.upper == "CURRENT_USER")
                sub.definer_rights = false;
            else if (who.upper != "DEFINER")
                fail("expected CURRENT_USER or DEFINER after AUTHID", who);
            t = lex.Next();
        } else if (t.upper == "DETERMINISTIC") {
            // Oracle's promise of the same result for the same arguments is
            // PostgreSQL's IMMUTABLE.
            if (sub.is_function) sub.attributes.push_back("IMMUTABLE");
            t = lex.Next();
        } else if (t.upper == "PARALLEL_ENABLE") {
            if (sub.is_function) sub.attributes.push_back("PARALLEL SAFE");
            t = lex.Next();
            skip_parens(t);  // (PARTITION ... BY ...): how Oracle splits rows; PostgreSQL decides itself
        } else if (t.upper == "RESULT_CACHE") {
            sub.notes.push_back("RESULT_CACHE: no effect (no result cache here)");
            t = lex.Next();
            if (t.upper == "RELIES_ON") {
                t = lex.Next();
                skip_parens(t);
            }
        } else if (t.upper == "ACCESSIBLE") {
            Token by = lex.Next();
            if (by.upper != "BY") fail("expected BY after ACCESSIBLE", by);
            t = lex.Next();
            skip_parens(t);
            sub.notes.push_back("ACCESSIBLE BY: not enforced (use GRANT EXECUTE)");
        } else if (t.upper == "SHARING") {
            Token eq = lex.Next();
            if (!(eq.kind == Token::Kind::Punct && text[eq.begin] == '=')) fail("expected = after SHARING", eq);
            lex.Next();
            t = lex.Next();
            sub.notes.push_back("SHARING: no effect (no application containers here)");
        } else if (t.upper == "PIPELINED") {
            if (!sub.is_function) fail("PIPELINED: only a function can be pipelined", t);
            sub.pipelined = true;
            t = lex.Next();
        } else if (t.upper == "SQL_MACRO") {
            // The function returns SQL text that Oracle splices into the
            // calling query at parse time; PostgreSQL has nothing like it.
            fail("SQL_MACRO: SQL macros are not supported here (write a view, or a set-returning function)", t);
        } else {
            fail("unexpected " + text.substr(t.begin, t.end - t.begin) + " in the subprogram header", t);
        }
    }
    if (t.upper != "IS" && t.upper != "AS") fail("expected IS or AS before the subprogram's body", t);
    // Kept from right after IS/AS, so that the body's line 1 is the line of
    // IS/AS and error lines map back onto the script.
    sub.body = text.substr(t.end);
    while (!sub.body.empty() && std::isspace(static_cast<unsigned char>(sub.body.back()))) sub.body.pop_back();
    sub.body_line = t.line;
    return sub;
}

namespace {

std::string FirstWordUpper(const std::string &text, size_t *after) {
    size_t b = 0;
    while (b < text.size() && std::isspace(static_cast<unsigned char>(text[b]))) ++b;
    size_t e = b;
    if (e < text.size() && text[e] == '@') {
        ++e;
        if (e < text.size() && text[e] == '@') ++e;
    } else {
        while (e < text.size() && IsIdentChar(text[e])) ++e;
    }
    *after = e;
    return Upper(text.substr(b, e - b));
}

}  // namespace

std::string DollarTagFor(const std::string &body) {
    std::string tag = "$plpolar$";
    for (int i = 1; body.find(tag) != std::string::npos; ++i) tag = "$plpolar" + std::to_string(i) + "$";
    return tag;
}

std::string ToDoStatement(const std::string &block) {
    std::string tag = DollarTagFor(block);
    // The body starts on the block's first line: error lines are the block's.
    return "DO LANGUAGE plpolar " + tag + block + "\n" + tag;
}

SqlPlusCommand TranslateSqlPlus(const std::string &line) {
    SqlPlusCommand cmd;
    size_t after = 0;
    std::string word = FirstWordUpper(line, &after);
    if (word != "@" && word != "@@") {
        std::string full = SqlPlusCommandName(word);
        if (!full.empty()) word = full;
    }
    std::string rest = Trim(line.substr(after));
    size_t after2 = 0;
    std::string option = FirstWordUpper(rest, &after2);
    std::string value = Upper(Trim(rest.substr(after2)));
    auto no_effect = [&cmd, &line](const std::string &why) {
        cmd.effect = SqlPlusCommand::Effect::NoEffect;
        cmd.action = "SQL*Plus " + Trim(line) + ": " + why;
    };
    if (word == "EXECUTE") {
        // SQL*Plus runs EXEC stmt as BEGIN stmt; END;
        cmd.effect = rest.empty() ? SqlPlusCommand::Effect::Refused : SqlPlusCommand::Effect::Block;
        cmd.text = "BEGIN " + rest + "; END;";
        cmd.action = rest.empty() ? "EXECUTE needs a statement" : "EXECUTE " + rest;
    } else if (word == "SET" && (option == "SERVEROUTPUT" || option == "SERVEROUT")) {
        bool on = value.compare(0, 2, "ON") == 0;
        if (!on && value.compare(0, 3, "OFF") != 0) {
            no_effect("no effect (ON or OFF expected)");
        } else {
            cmd.effect = SqlPlusCommand::Effect::Sql;
            cmd.text = std::string("SET plpolar.serveroutput = ") + (on ? "on" : "off");
            cmd.action = std::string("SET SERVEROUTPUT ") + (on ? "ON" : "OFF") + " (plpolar.serveroutput)";
        }
    } else if (word == "SET" && (option == "DEFINE" || option == "DEF" || option == "SCAN")) {
        no_effect("no effect (plpolar.exec substitutes no variables)");
    } else if (word == "SET" || word == "COLUMN" || word == "TTITLE" || word == "BTITLE" || word == "BREAK" ||
               word == "CLEAR" || word == "TIMING" || word == "STORE" || word == "COMPUTE" || word == "REPHEADER" ||
               word == "REPFOOTER") {
        no_effect("no effect (a client display setting)");
    } else if (word == "PROMPT") {
        cmd.effect = SqlPlusCommand::Effect::Prompt;
        cmd.text = rest;
        cmd.action = "PROMPT";
    } else if (word == "REMARK") {
        no_effect("a comment");
    } else if (word == "SPOOL") {
        no_effect("no effect (the result rows are the record)");
    } else if (word == "WHENEVER") {
        no_effect("no effect (plpolar.exec stops at the first error, and its transaction with it)");
    } else if (word == "SHOW") {
        no_effect("no effect (a unit that does not compile is an error when it is created)");
    } else if (word == "EXIT" || word == "QUIT") {
        cmd.effect = SqlPlusCommand::Effect::Exit;
        cmd.action = word + ": the rest of the script is not run";
    } else if (word == "@" || word == "@@" || word == "START") {
        cmd.effect = SqlPlusCommand::Effect::Refused;
        cmd.action = "plpolar.exec cannot run script files (" + Trim(line) + "): pass their text instead";
    } else if (word == "CONNECT" || word == "DISCONNECT" || word == "HOST") {
        cmd.effect = SqlPlusCommand::Effect::Refused;
        cmd.action = "plpolar.exec runs in the caller's session: " + word + " cannot be honoured";
    } else {
        // DEFINE, UNDEFINE, ACCEPT, PAUSE, VARIABLE, PRINT, DESCRIBE
        no_effect("no effect (a SQL*Plus client command)");
    }
    return cmd;
}

TransactionCommand ParseTransactionCommand(const std::string &sql) {
    Lexer lex(sql);
    Token t = lex.Next();
    TransactionCommand cmd;
    if (t.kind != Token::Kind::Word) return cmd;
    auto name_of = [&sql](const Token &n) {
        if (n.kind == Token::Kind::Word) return n.upper;
        // "Name": as written, inner "" undoubled.
        std::string out;
        for (size_t i = n.begin + 1; i + 1 < n.end; ++i) {
            out += sql[i];
            if (sql[i] == '"') ++i;
        }
        return out;
    };
    if (t.upper == "SAVEPOINT") {
        Token n = lex.Next();
        if ((n.kind != Token::Kind::Word && n.kind != Token::Kind::Quoted) || lex.Next().kind != Token::Kind::End)
            return cmd;
        cmd.kind = TransactionCommand::Kind::Savepoint;
        cmd.name = name_of(n);
        return cmd;
    }
    bool commit = t.upper == "COMMIT" || t.upper == "END";
    if (!commit && t.upper != "ROLLBACK") return cmd;
    Token n = lex.Next();
    if (n.kind == Token::Kind::Word && (n.upper == "WORK" || (n.upper == "TRANSACTION" && t.upper != "ROLLBACK")))
        n = lex.Next();
    if (commit) {
        // COMMENT 'text' and WRITE [WAIT | NOWAIT] [IMMEDIATE | BATCH] only
        // tune how Oracle writes its redo; the commit is the same.
        // COMMIT FORCE (in-doubt distributed transactions) is not one.
        while (n.kind == Token::Kind::Word && (n.upper == "COMMENT" || n.upper == "WRITE")) {
            if (n.upper == "COMMENT") {
                if (lex.Next().kind != Token::Kind::String) return cmd;
                n = lex.Next();
                continue;
            }
            n = lex.Next();
            while (n.kind == Token::Kind::Word &&
                   (n.upper == "WAIT" || n.upper == "NOWAIT" || n.upper == "IMMEDIATE" || n.upper == "BATCH"))
                n = lex.Next();
        }
        if (n.kind == Token::Kind::End) cmd.kind = TransactionCommand::Kind::Commit;
        if (n.kind == Token::Kind::Word && n.upper == "FORCE") cmd.kind = TransactionCommand::Kind::Refused;
        return cmd;
    }
    if (n.kind == Token::Kind::Word && n.upper == "FORCE") {
        cmd.kind = TransactionCommand::Kind::Refused;
        return cmd;
    }
    if (n.kind == Token::Kind::End) {
        cmd.kind = TransactionCommand::Kind::Rollback;
        return cmd;
    }
    if (n.kind != Token::Kind::Word || n.upper != "TO") return cmd;
    n = lex.Next();
    if (n.kind == Token::Kind::Word && n.upper == "SAVEPOINT") {
        Token after = lex.Next();
        // ROLLBACK TO savepoint: a savepoint may be named SAVEPOINT.
        if (after.kind == Token::Kind::End) {
            cmd.kind = TransactionCommand::Kind::RollbackTo;
            cmd.name = "SAVEPOINT";
            return cmd;
        }
        n = after;
    }
    if ((n.kind != Token::Kind::Word && n.kind != Token::Kind::Quoted) || lex.Next().kind != Token::Kind::End)
        return cmd;
    cmd.kind = TransactionCommand::Kind::RollbackTo;
    cmd.name = name_of(n);
    return cmd;
}

std::string ToCreateStatement(const OracleSubprogram &sub, const std::string &definer_search_path) {
    std::string tag = DollarTagFor(sub.body);
    std::string sql = std::string("CREATE ") + (sub.or_replace ? "OR REPLACE " : "") +
                      (sub.is_function ? "FUNCTION " : "PROCEDURE ") + sub.name + "(";
    for (size_t i = 0; i < sub.parameters.size(); ++i) sql += (i ? ", " : "") + sub.parameters[i];
    sql += ")";
    if (sub.is_function) sql += " RETURNS " + (sub.pipelined ? "SETOF " + sub.row_type : sub.return_type);
    for (const std::string &attribute : sub.attributes) sql += " " + attribute;
    if (sub.definer_rights) sql += " SECURITY DEFINER SET search_path = " + definer_search_path;
    sql += " LANGUAGE plpolar AS " + tag + sub.body + "\n" + tag;
    return sql;
}

}  // namespace plpolar::parser
