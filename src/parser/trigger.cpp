#include "plpolar/parser/trigger.hpp"

#include "plpolar/parser/parser.hpp"
#include "plpolar/parser/sql_text.hpp"
#include "plpolar/parser/trigger_body.hpp"
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

// `:name.field :=` in `text`: the row assigned.
bool AssignsRow(const std::string &text, const std::string &name) {
    Lexer lex(text);
    std::vector<Token> last;
    for (;;) {
        Token t = lex.Next();
        if (t.kind == Token::Kind::End) return false;
        last.push_back(t);
        if (last.size() > 6) last.erase(last.begin());
        if (last.size() == 6 && IsPunct(text, last[0], ':') && last[1].kind == Token::Kind::Word &&
            Fold(text, last[1]) == name && IsPunct(text, last[2], '.') && IsPunct(text, last[4], ':') &&
            IsPunct(text, last[5], '='))
            return true;
    }
}

}  // namespace

bool IsSystemTriggerEvent(const std::string &word) {
    static const char *const kEvents[] = {"LOGON",  "LOGOFF", "CREATE", "ALTER",   "DROP", "TRUNCATE",
                                          "RENAME", "GRANT",  "REVOKE", "COMMENT", "DDL"};
    for (const char *e : kEvents)
        if (word == e) return true;
    return false;
}

bool LooksOracleTrigger(const std::string &s, size_t start, int line) {
    Lexer lex(s, start, line);
    Token t = CreatedKind(lex);
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
        } else if (IsSystemTriggerEvent(t.upper)) {
            if (trg.timing != OracleTrigger::Timing::Before && trg.timing != OracleTrigger::Timing::After)
                fail("CREATE TRIGGER: " + t.upper + " goes with BEFORE or AFTER", t);
            trg.system_events.push_back(t.upper);
        } else if (t.upper == "STARTUP" || t.upper == "SHUTDOWN" || t.upper == "SERVERERROR" || t.upper == "SUSPEND" ||
                   t.upper == "DB_ROLE_CHANGE" || t.upper == "CLONE" || t.upper == "UNPLUG" || t.upper == "SET" ||
                   t.upper == "ANALYZE" || t.upper == "AUDIT" || t.upper == "NOAUDIT" || t.upper == "ASSOCIATE" ||
                   t.upper == "DISASSOCIATE") {
            throw SyntaxError("CREATE TRIGGER ... " + t.upper +
                                  ": PostgreSQL has no such event; the system triggers here are AFTER LOGON, "
                                  "BEFORE LOGOFF and {BEFORE | AFTER} {CREATE | ALTER | DROP | TRUNCATE | RENAME | "
                                  "GRANT | REVOKE | COMMENT | DDL}",
                              t.line, 1);
        } else {
            fail("CREATE TRIGGER: expected INSERT, UPDATE or DELETE", t);
        }
        Lexer peek = lex;
        if (peek.Next().upper != "OR") break;
        lex.Adopt(peek);
    }
    if (!trg.system_events.empty() && (trg.on_insert || trg.on_update || trg.on_delete))
        fail("CREATE TRIGGER: DML and system events cannot be mixed", t);
    expect("ON");
    std::vector<std::string> table;
    Token first = lex.Next();
    if (first.upper == "NESTED") fail("CREATE TRIGGER ... ON NESTED TABLE is not supported", first);
    if (!trg.system_events.empty()) {
        // ON DATABASE | SCHEMA | user.SCHEMA
        std::vector<std::string> parts;
        QualifiedName(text, lex, first, &parts);
        if (parts.size() == 1 && first.upper == "DATABASE") {
            trg.scope = OracleTrigger::Scope::Database;
        } else if (parts.size() == 1 && first.upper == "SCHEMA") {
            trg.scope = OracleTrigger::Scope::Schema;
        } else if (parts.size() == 2 && parts[1] == "schema") {
            trg.scope = OracleTrigger::Scope::Schema;
            trg.scope_user = parts[0];
        } else {
            fail("CREATE TRIGGER: a system trigger is ON DATABASE, ON SCHEMA or ON user.SCHEMA", first);
        }
    } else {
        trg.table = QualifiedName(text, lex, first, &table);
    }
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
            t = expect("TRIGGER");
            if (trg.timing != OracleTrigger::Timing::Compound)
                fail("CREATE TRIGGER: COMPOUND TRIGGER goes with FOR events ON table", t);
            // The block keeps its place on the COMPOUND TRIGGER line.
            trg.body_line = t.line;
            std::vector<CompoundSection> texts;
            try {
                trg.body = CompoundTriggerBlock(text.substr(t.end), &trg.compound_sections, &texts);
            } catch (const SyntaxError &e) {
                throw SyntaxError(e.what(), t.line + e.line() - 1, 1);
            }
            // What each timing point allows, as Oracle checks it.
            for (const CompoundSection &sec : texts) {
                int line = t.line + sec.line - 1;
                bool statement = sec.timing == static_cast<int>(CompoundTiming::BeforeStatement) ||
                                 sec.timing == static_cast<int>(CompoundTiming::AfterStatement);
                std::string marked = ReferencingMarker(trg.old_name, trg.new_name) + sec.text;
                TriggerBody b = PrepareTriggerBody(marked);
                if (statement && (b.colon_new || b.colon_old))
                    throw SyntaxError("ORA-04082: NEW or OLD references not allowed in table level triggers (" +
                                          std::string(CompoundTimingName(static_cast<CompoundTiming>(sec.timing))) +
                                          ")",
                                      line, 1);
                if (sec.timing != static_cast<int>(CompoundTiming::BeforeEachRow) && AssignsRow(sec.text, trg.new_name))
                    throw SyntaxError("ORA-04084: cannot change NEW values for this trigger type (" +
                                          std::string(CompoundTimingName(static_cast<CompoundTiming>(sec.timing))) +
                                          ")",
                                      line, 1);
            }
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
    if (trg.IsSystem()) {
        if (!trg.when.empty())
            throw SyntaxError("a system trigger's WHEN clause is not supported here: test the condition in its body",
                              trg.when_line, 1);
        if (trg.for_each_row) fail("CREATE TRIGGER: a system trigger has no FOR EACH ROW", t);
        if (!trg.follows.empty() || !trg.precedes.empty())
            fail(
                "CREATE TRIGGER: FOLLOWS / PRECEDES are for DML triggers here (system triggers fire in the order "
                "of their names)",
                t);
        if (trg.old_name != "old" || trg.new_name != "new")
            fail("CREATE TRIGGER: a system trigger has no REFERENCING", t);
    }
    if (trg.timing == OracleTrigger::Timing::Compound && !trg.when.empty())
        throw SyntaxError("a compound trigger takes no WHEN clause here: test the condition in its sections",
                          trg.when_line, 1);
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

const char *CompoundTimingName(CompoundTiming t) {
    switch (t) {
        case CompoundTiming::BeforeStatement: return "before_statement";
        case CompoundTiming::BeforeEachRow: return "before_each_row";
        case CompoundTiming::AfterEachRow: return "after_each_row";
        case CompoundTiming::AfterStatement: return "after_statement";
        case CompoundTiming::InsteadOfEachRow: return "instead_of_each_row";
    }
    return "";
}

namespace {

// BEFORE STATEMENT | BEFORE EACH ROW | AFTER EACH ROW | AFTER STATEMENT |
// INSTEAD OF EACH ROW starting at `first`: its CompoundTiming (0: none),
// the lexer moved past it.
int TimingPoint(Lexer &lex, const Token &first) {
    Lexer p = lex;
    Token a = p.Next();
    int kind = 0;
    if (first.upper == "BEFORE" || first.upper == "AFTER") {
        bool before = first.upper == "BEFORE";
        if (a.upper == "STATEMENT") {
            kind = static_cast<int>(before ? CompoundTiming::BeforeStatement : CompoundTiming::AfterStatement);
        } else if (a.upper == "EACH" && p.Next().upper == "ROW") {
            kind = static_cast<int>(before ? CompoundTiming::BeforeEachRow : CompoundTiming::AfterEachRow);
        }
    } else if (first.upper == "INSTEAD" && a.upper == "OF" && p.Next().upper == "EACH" && p.Next().upper == "ROW") {
        kind = static_cast<int>(CompoundTiming::InsteadOfEachRow);
    }
    if (kind != 0) lex.Adopt(p);
    return kind;
}

}  // namespace

std::string CompoundTriggerBlock(const std::string &body, std::vector<int> *sections,
                                 std::vector<CompoundSection> *texts) {
    // Edits on the original text, each within its line: the section
    // headers become PROCEDURE plpolar$<timing point> IS, their ENDs plain
    // ENDs, the final END the block's body that runs the section of the
    // firing.
    struct Edit {
        size_t begin, end;
        std::string text;
    };
    std::vector<Edit> edits;
    Lexer lex(body);
    int depth = 0;
    int current = 0;  // the section being read; 0 between sections
    size_t section_start = 0;
    int section_line = 1;
    bool closed = false;
    Token prev;
    auto is_semi = [&body](const Token &t) { return t.kind == Token::Kind::Punct && body[t.begin] == ';'; };
    while (!closed) {
        Token t = lex.Next();
        if (t.kind == Token::Kind::End) break;
        if (t.kind != Token::Kind::Word) {
            prev = t;
            continue;
        }
        bool after_end = prev.kind == Token::Kind::Word && prev.upper == "END";
        if (depth == 0 && current == 0 && (t.upper == "BEFORE" || t.upper == "AFTER" || t.upper == "INSTEAD")) {
            int kind = TimingPoint(lex, t);
            if (kind != 0) {
                Token is = lex.Next();
                if (is.upper != "IS")
                    throw SyntaxError("compound trigger: expected IS after the timing point", is.line, 1);
                for (int s : *sections)
                    if (s == kind) throw SyntaxError("compound trigger: a timing point appears twice", t.line, 1);
                sections->push_back(kind);
                current = kind;
                section_start = is.end;
                section_line = is.line;
                edits.push_back({t.begin, is.end,
                                 std::string("PROCEDURE plpolar$") +
                                     CompoundTimingName(static_cast<CompoundTiming>(kind)) + " IS"});
                prev = is;
                continue;
            }
        }
        if (t.upper == "BEGIN" || (t.upper == "CASE" && !after_end)) {
            ++depth;
        } else if (t.upper == "END") {
            Lexer peek = lex;
            Token n = peek.Next();
            if (n.kind == Token::Kind::Word && (n.upper == "IF" || n.upper == "LOOP")) {
                prev = t;
                continue;
            }
            if (depth == 0) {
                // END [name]; closes the compound trigger.
                if (current != 0)
                    throw SyntaxError("compound trigger: a timing point section is not closed", t.line, 1);
                Token semi = (n.kind == Token::Kind::Word || n.kind == Token::Kind::Quoted) ? peek.Next() : n;
                if (!is_semi(semi)) throw SyntaxError("compound trigger: expected ';' after its END", semi.line, 1);
                std::string run = "BEGIN CASE plpolar$timing_point";
                for (int s : *sections)
                    run += " WHEN " + std::to_string(s) + " THEN plpolar$" +
                           CompoundTimingName(static_cast<CompoundTiming>(s)) + ";";
                run += " ELSE NULL; END CASE; END;";
                edits.push_back({t.begin, semi.end, run});
                closed = true;
                break;
            }
            --depth;
            if (depth == 0 && current != 0) {
                // END BEFORE STATEMENT; closes its section.
                Lexer p = peek;
                if (!(n.kind == Token::Kind::Word && TimingPoint(p, n) == current))
                    throw SyntaxError(std::string("compound trigger: expected END ") +
                                          CompoundTimingName(static_cast<CompoundTiming>(current)),
                                      t.line, 1);
                Token semi = p.Next();
                if (!is_semi(semi))
                    throw SyntaxError("compound trigger: expected ';' after END of its section", semi.line, 1);
                edits.push_back({t.begin, semi.end, "END;"});
                if (texts != nullptr)
                    texts->push_back(
                        CompoundSection{current, body.substr(section_start, t.begin - section_start), section_line});
                lex.Adopt(p);
                current = 0;
                prev = semi;
                continue;
            }
        }
        prev = t;
    }
    if (!closed) throw SyntaxError("compound trigger: expected END after its timing point sections", 1, 1);
    if (sections->empty()) throw SyntaxError("compound trigger: no timing point section", 1, 1);
    std::string out = body;
    for (auto it = edits.rbegin(); it != edits.rend(); ++it) out.replace(it->begin, it->end - it->begin, it->text);
    return "DECLARE " + out;
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
