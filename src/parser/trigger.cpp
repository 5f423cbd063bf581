#include "plpolar/parser/trigger.hpp"

#include "plpolar/parser/parser.hpp"
#include "plpolar/parser/sql_text.hpp"
#include "script_lexer.hpp"

namespace plpolar::parser {

using namespace script_lexer;

namespace {

bool IsPunct(const std::string &s, const Token &t, char c) { return t.kind == Token::Kind::Punct && s[t.begin] == c; }

std::string Fold(const std::string &s, const Token &t) {
    std::string text = s.substr(t.begin, t.end - t.begin);
    if (t.kind == Token::Kind::Quoted) return text.substr(1, text.size() - 2);
    for (char &c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

// [schema.]name as written, the lexer after it; `last` its final part.
std::string QualifiedName(const std::string &s, Lexer &lex, Token first, std::vector<std::string> *parts) {
    size_t begin = first.begin;
    size_t end = first.end;
    parts->push_back(Fold(s, first));
    for (;;) {
        Lexer peek = lex;
        Token dot = peek.Next();
        if (!IsPunct(s, dot, '.')) break;
        Token part = peek.Next();
        if (part.kind != Token::Kind::Word && part.kind != Token::Kind::Quoted) break;
        lex.Adopt(peek);
        parts->push_back(Fold(s, part));
        end = part.end;
    }
    return s.substr(begin, end - begin);
}

}  // namespace

bool LooksOracleTrigger(const std::string &s, size_t start, int line) {
    Lexer lex(s, start, line);
    if (lex.Next().upper != "CREATE") return false;
    Token t = lex.Next();
    if (t.upper == "OR") {
        if (lex.Next().upper != "REPLACE") return false;
        t = lex.Next();
    }
    if (IsEditioning(t.upper)) t = lex.Next();
    if (t.upper != "TRIGGER") return false;
    // PostgreSQL's form names its function: EXECUTE FUNCTION | PROCEDURE.
    // Oracle's has a PL/SQL body (or CALL) instead.
    Token prev = t;
    for (int guard = 0; guard < 10000; ++guard) {
        Token n = lex.Next();
        if (n.kind == Token::Kind::End) return true;
        if (n.kind == Token::Kind::Punct && s[n.begin] == ';') return true;
        if (prev.upper == "EXECUTE" && (n.upper == "FUNCTION" || n.upper == "PROCEDURE")) return false;
        if (n.upper == "BEGIN" || n.upper == "DECLARE" || n.upper == "COMPOUND") return true;
        prev = n;
    }
    return true;
}

OracleTrigger ParseOracleTrigger(const std::string &text) {
    OracleTrigger trg;
    Lexer lex(text);
    auto fail = [](const std::string &what, const Token &at) { throw SyntaxError(what, at.line, 1); };
    auto expect = [&](const char *word) {
        Token t = lex.Next();
        if (t.upper != word) fail(std::string("CREATE TRIGGER: expected ") + word, t);
        return t;
    };
    expect("CREATE");
    Token t = lex.Next();
    if (t.upper == "OR") {
        expect("REPLACE");
        trg.or_replace = true;
        t = lex.Next();
    }
    if (IsEditioning(t.upper)) {
        trg.notes.push_back(t.upper + ": no effect (no editions here)");
        t = lex.Next();
    }
    if (t.upper != "TRIGGER") fail("CREATE TRIGGER: expected TRIGGER", t);
    std::vector<std::string> name;
    QualifiedName(text, lex, lex.Next(), &name);
    if (name.size() > 2) fail("CREATE TRIGGER: a trigger's name is [schema.]name", t);
    trg.name = name.back();
    if (name.size() == 2) trg.schema = name[0];
    t = lex.Next();
    if (t.upper == "BEFORE") {
        trg.timing = OracleTrigger::Timing::Before;
    } else if (t.upper == "AFTER") {
        trg.timing = OracleTrigger::Timing::After;
    } else if (t.upper == "INSTEAD") {
        expect("OF");
        trg.timing = OracleTrigger::Timing::InsteadOf;
    } else if (t.upper == "FOR") {
        trg.timing = OracleTrigger::Timing::Compound;
    } else {
        fail("CREATE TRIGGER: expected BEFORE, AFTER, INSTEAD OF or FOR (a compound trigger)", t);
    }
    // The events.
    for (;;) {
        t = lex.Next();
        if (t.upper == "INSERT") {
            trg.on_insert = true;
        } else if (t.upper == "DELETE") {
            trg.on_delete = true;
        } else if (t.upper == "UPDATE") {
            trg.on_update = true;
            Lexer peek = lex;
            if (peek.Next().upper == "OF") {
                lex.Adopt(peek);
                for (;;) {
                    Token c = lex.Next();
                    if (c.kind != Token::Kind::Word && c.kind != Token::Kind::Quoted)
                        fail("CREATE TRIGGER: UPDATE OF needs column names", c);
                    trg.update_columns.push_back(Fold(text, c));
                    Lexer more = lex;
                    if (!IsPunct(text, more.Next(), ',')) break;
                    lex.Adopt(more);
                }
            }
        } else if (t.upper == "LOGON" || t.upper == "LOGOFF" || t.upper == "STARTUP" || t.upper == "SHUTDOWN" ||
                   t.upper == "SERVERERROR" || t.upper == "CREATE" || t.upper == "ALTER" || t.upper == "DROP" ||
                   t.upper == "DDL" || t.upper == "TRUNCATE" || t.upper == "GRANT" || t.upper == "REVOKE" ||
                   t.upper == "RENAME" || t.upper == "COMMENT") {
            throw SyntaxError("CREATE TRIGGER ... " + t.upper +
                                  ": Oracle's system and DDL triggers are not supported yet; for logon and "
                                  "logoff use CREATE EVENT TRIGGER ... ON after_user_logon | before_user_logoff",
                              t.line, 1);
        } else {
            fail("CREATE TRIGGER: expected INSERT, UPDATE or DELETE", t);
        }
        Lexer peek = lex;
        if (peek.Next().upper != "OR") break;
        lex.Adopt(peek);
    }
    expect("ON");
    std::vector<std::string> table;
    Token first = lex.Next();
    if (first.upper == "NESTED") fail("CREATE TRIGGER ... ON NESTED TABLE is not supported", first);
    trg.table = QualifiedName(text, lex, first, &table);
    // The clauses before the body, in any order Oracle allows.
    for (;;) {
        Lexer before = lex;
        t = lex.Next();
        if (t.upper == "REFERENCING") {
            for (;;) {
                Lexer peek = lex;
                Token which = peek.Next();
                if (which.upper != "OLD" && which.upper != "NEW" && which.upper != "PARENT") break;
                lex.Adopt(peek);
                Token as = lex.Next();
                Token alias = as.upper == "AS" ? lex.Next() : as;
                if (alias.kind != Token::Kind::Word && alias.kind != Token::Kind::Quoted)
                    fail("CREATE TRIGGER: REFERENCING " + which.upper + " AS needs a name", alias);
                std::string folded = Fold(text, alias);
                if (which.upper == "OLD") trg.old_name = folded;
                if (which.upper == "NEW") trg.new_name = folded;
                if (which.upper == "PARENT") trg.parent_name = folded;
            }
        } else if (t.upper == "FOR") {
            expect("EACH");
            expect("ROW");
            trg.for_each_row = true;
        } else if (t.upper == "FOLLOWS" || t.upper == "PRECEDES") {
            auto &list = t.upper == "FOLLOWS" ? trg.follows : trg.precedes;
            for (;;) {
                std::vector<std::string> other;
                QualifiedName(text, lex, lex.Next(), &other);
                list.push_back(other.back());
                Lexer more = lex;
                if (!IsPunct(text, more.Next(), ',')) break;
                lex.Adopt(more);
            }
        } else if (t.upper == "ENABLE") {
            trg.enabled = true;
        } else if (t.upper == "DISABLE") {
            trg.enabled = false;
        } else if (t.upper == "FORWARD" || t.upper == "REVERSE") {
            expect("CROSSEDITION");
            trg.notes.push_back(t.upper + " CROSSEDITION: no effect (no editions here)");
        } else if (t.upper == "CROSSEDITION") {
            trg.notes.push_back("CROSSEDITION: no effect (no editions here)");
        } else if (t.upper == "WHEN") {
            Token open = lex.Next();
            if (!IsPunct(text, open, '(')) fail("CREATE TRIGGER: WHEN needs its condition in parentheses", open);
            int depth = 1;
            Token close;
            while (depth > 0) {
                close = lex.Next();
                if (close.kind == Token::Kind::End) fail("CREATE TRIGGER: WHEN condition never closes", open);
                if (IsPunct(text, close, '(')) ++depth;
                if (IsPunct(text, close, ')')) --depth;
            }
            trg.when = text.substr(open.end, close.begin - open.end);
            trg.when_line = open.line;
        } else if (t.upper == "COMPOUND") {
            expect("TRIGGER");
            if (trg.timing != OracleTrigger::Timing::Compound)
                fail("CREATE TRIGGER: COMPOUND TRIGGER goes with FOR events ON table", t);
            trg.body = Trim(text.substr(t.end));
            trg.body_line = t.line;
            break;
        } else if (t.upper == "DECLARE" || t.upper == "BEGIN" ||
                   (t.kind == Token::Kind::Punct && text[t.begin] == '<')) {
            lex.Adopt(before);
            trg.body = Trim(text.substr(t.begin));
            trg.body_line = t.line;
            break;
        } else if (t.upper == "CALL") {
            // CALL p(args): the body is that call.
            std::string call = Trim(text.substr(t.end));
            while (!call.empty() && (call.back() == ';' || std::isspace(static_cast<unsigned char>(call.back()))))
                call.pop_back();
            trg.body = "BEGIN " + call + "; END;";
            trg.body_line = t.line;
            break;
        } else {
            fail("CREATE TRIGGER: unexpected " + (t.kind == Token::Kind::End ? std::string("end") : t.upper) +
                     " before the trigger's body",
                 t);
        }
    }
    if (trg.timing == OracleTrigger::Timing::Compound)
        throw SyntaxError(
            "COMPOUND TRIGGER is not supported yet: write its sections as separate BEFORE / AFTER triggers",
            trg.body_line, 1);
    if (!trg.when.empty() && !trg.for_each_row)
        throw SyntaxError("ORA-04077: WHEN clause cannot be used with table level triggers", trg.when_line, 1);
    if (trg.timing == OracleTrigger::Timing::InsteadOf) {
        // Oracle's INSTEAD OF triggers are row triggers, with or without
        // FOR EACH ROW written.
        trg.for_each_row = true;
        if (!trg.when.empty())
            throw SyntaxError("ORA-25004: WHEN clause is not allowed in INSTEAD OF triggers", trg.when_line, 1);
    }
    return trg;
}

std::string TriggerWhenCondition(const OracleTrigger &t) {
    const std::string &s = t.when;
    std::string out;
    size_t i = 0;
    while (i < s.size()) {
        size_t skip = SkipOpaque(s, i);
        if (skip != i) {
            out.append(s, i, skip - i);
            i = skip;
            continue;
        }
        if (IsIdentStart(s[i]) && (i == 0 || !IsSqlWordChar(s[i - 1]))) {
            size_t end = i;
            while (end < s.size() && IsSqlWordChar(s[end])) ++end;
            std::string word = s.substr(i, end - i);
            std::string lower = word;
            for (char &c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            // Only as a row: followed by '.'.
            size_t after = end;
            while (after < s.size() && std::isspace(static_cast<unsigned char>(s[after]))) ++after;
            bool row = after < s.size() && s[after] == '.';
            if (row && lower == t.new_name)
                out += "NEW";
            else if (row && lower == t.old_name)
                out += "OLD";
            else
                out += word;
            i = end;
            continue;
        }
        // Oracle allows :new in WHEN in some versions: drop the colon.
        if (s[i] == ':' && i + 1 < s.size() && IsIdentStart(s[i + 1]) && (i == 0 || s[i - 1] != ':')) {
            ++i;
            continue;
        }
        out += s[i++];
    }
    return out;
}

}  // namespace plpolar::parser
