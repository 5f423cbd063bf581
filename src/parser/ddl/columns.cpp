// Columns and constraints of Oracle table DDL: types mapped, DEFAULT and
// CHECK expressions in Oracle's SQL (SYSDATE, NVL, seq.NEXTVAL), identity and
// virtual columns, and constraint states.
#include <cctype>
#include <string>

#include "ddl_internal.hpp"
#include "plpolar/parser/builtins.hpp"
#include "plpolar/parser/parser.hpp"

namespace plpolar::parser::ddl {

namespace {

// Words that end a column's type.
bool EndsType(const Token &tok) {
    if (tok.kind == Token::Kind::Comma || tok.kind == Token::Kind::End) return true;
    if (tok.kind != Token::Kind::Word) return false;
    static const char *const words[] = {"DEFAULT",    "CONSTRAINT", "NOT",       "NULL",   "PRIMARY",  "UNIQUE",
                                        "CHECK",      "REFERENCES", "GENERATED", "AS",     "VISIBLE",  "INVISIBLE",
                                        "ENCRYPT",    "SORT",       "COLLATE",   "ENABLE", "DISABLE",  "IDENTITY",
                                        "DEFERRABLE", "INITIALLY",  "RELY",      "NORELY", "VALIDATE", "NOVALIDATE",
                                        "USING",      "DECRYPT",    "STORED",    "VIRTUAL"};
    for (const char *w : words)
        if (tok.upper == w) return true;
    return false;
}

// Words that start a constraint or its state, which end a DEFAULT expression.
bool EndsDefault(const Tokens &t, size_t i) {
    const Token &tok = t[i];
    if (tok.kind != Token::Kind::Word) return false;
    static const char *const words[] = {"CONSTRAINT", "PRIMARY", "UNIQUE",  "CHECK",     "REFERENCES",
                                        "ENABLE",     "DISABLE", "VISIBLE", "INVISIBLE", "GENERATED"};
    for (const char *w : words)
        if (tok.upper == w) return true;
    return (tok.upper == "NOT" && (t.Is(i + 1, "NULL") || t.Is(i + 1, "DEFERRABLE"))) || tok.upper == "NULL";
}

// Past the DEFAULT expression that starts at `i` (NULL, or up to the
// column's next constraint).
size_t DefaultEnd(const Tokens &t, size_t i, size_t to) {
    size_t e = i;
    if (t.Is(e, "NULL")) return e + 1;
    while (e < to && !EndsDefault(t, e)) {
        if (t[e].kind == Token::Kind::Open) e = t.Matching(e);
        ++e;
    }
    if (e == i) t.Fail(i, "DEFAULT needs an expression");
    return e;
}

struct ConstraintState {
    bool disabled = false;
    bool novalidate = false;
    std::string pg;           // DEFERRABLE / INITIALLY ... as PostgreSQL writes them
    std::string using_index;  // USING INDEX name: an existing index
};

// ENABLE / DISABLE, VALIDATE / NOVALIDATE, RELY, [NOT] DEFERRABLE,
// INITIALLY ..., USING INDEX ..., EXCEPTIONS INTO, in any order.
size_t ParseState(const Tokens &t, size_t i, size_t to, ConstraintState &state, Collected &out) {
    while (i < to) {
        if (t.Is(i, "ENABLE") || t.Is(i, "VALIDATE")) {
            ++i;
        } else if (t.Is(i, "DISABLE")) {
            state.disabled = true;
            ++i;
        } else if (t.Is(i, "NOVALIDATE")) {
            state.novalidate = true;
            ++i;
        } else if (t.Is(i, "RELY") || t.Is(i, "NORELY")) {
            out.no_effect.push_back(t[i].upper);
            ++i;
        } else if (t.Is(i, "DEFERRABLE")) {
            state.pg += " DEFERRABLE";
            ++i;
        } else if (t.Is(i, "NOT") && t.Is(i + 1, "DEFERRABLE")) {
            state.pg += " NOT DEFERRABLE";
            i += 2;
        } else if (t.Is(i, "INITIALLY") && (t.Is(i + 1, "IMMEDIATE") || t.Is(i + 1, "DEFERRED"))) {
            state.pg += " INITIALLY " + t[i + 1].upper;
            i += 2;
        } else if (t.Is(i, "USING") && t.Is(i + 1, "INDEX")) {
            // PostgreSQL creates the constraint's index itself.
            size_t j = i + 2;
            if (t[j].kind == Token::Kind::Open) {
                j = t.Matching(j) + 1;
            } else {
                Collected scratch;
                size_t k;
                bool attributes = false;
                while ((k = PhysicalAttribute(t, j, scratch, nullptr)) != j) {
                    j = k;
                    attributes = true;
                }
                bool state_word = t.Is(j, "ENABLE") || t.Is(j, "DISABLE") || t.Is(j, "VALIDATE") ||
                                  t.Is(j, "NOVALIDATE") || t.Is(j, "RELY") || t.Is(j, "NORELY") ||
                                  t.Is(j, "DEFERRABLE") || t.Is(j, "INITIALLY") || t.Is(j, "NOT") ||
                                  t.Is(j, "EXCEPTIONS");
                if (!attributes && !state_word &&
                    (t[j].kind == Token::Kind::Word || t[j].kind == Token::Kind::Quoted)) {
                    // an existing index (PostgreSQL names it without its schema)
                    size_t name_end = t.NameEnd(j);
                    state.using_index = t[name_end - 1].text;
                    i = j = name_end;
                    continue;
                }
            }
            out.no_effect.push_back(Describe(t, i, j));
            i = j;
        } else if (t.Is(i, "EXCEPTIONS") && t.Is(i + 1, "INTO")) {
            t.Refuse(i, "EXCEPTIONS INTO: constraint exception tables are not supported here");
        } else {
            break;
        }
    }
    return i;
}

bool StartsConstraint(const Tokens &t, size_t i) {
    return t.Is(i, "CONSTRAINT") || t.Is(i, "PRIMARY") || t.Is(i, "UNIQUE") || t.Is(i, "CHECK") || t.Is(i, "FOREIGN") ||
           t.Is(i, "REFERENCES") || (t.Is(i, "NOT") && t.Is(i + 1, "NULL")) || t.Is(i, "NULL");
}

// [CONSTRAINT name] body state, at column level (`column` set) or table
// level. Returns the PostgreSQL text, empty if it is not created.
std::string TranslateConstraint(const Tokens &t, size_t &i, size_t to, const std::string &column, TableContext &table,
                                Collected &out) {
    size_t start = i;
    std::string name;
    if (t.Is(i, "CONSTRAINT")) {
        name = "CONSTRAINT " + t[i + 1].text + " ";
        i += 2;
    }
    std::string body;
    std::string kind = t[i].upper;
    if (t.Is(i, "NOT") && t.Is(i + 1, "NULL")) {
        body = "NOT NULL";
        kind = "NOT NULL";
        i += 2;
    } else if (t.Is(i, "NULL")) {
        body = "NULL";
        ++i;
    } else if (t.Is(i, "PRIMARY") && t.Is(i + 1, "KEY")) {
        body = "PRIMARY KEY";
        kind = "PRIMARY KEY";
        i += 2;
        if (t[i].kind == Token::Kind::Open) {
            size_t close = t.Matching(i);
            body += " " + t.Slice(i, close + 1);
            i = close + 1;
        }
    } else if (t.Is(i, "UNIQUE")) {
        body = "UNIQUE";
        ++i;
        if (t[i].kind == Token::Kind::Open) {
            size_t close = t.Matching(i);
            body += " " + t.Slice(i, close + 1);
            i = close + 1;
        }
    } else if (t.Is(i, "CHECK") && t[i + 1].kind == Token::Kind::Open) {
        size_t close = t.Matching(i + 1);
        body = "CHECK (" + QualifyBuiltins(t.Slice(i + 2, close)) + ")";
        i = close + 1;
    } else if (t.Is(i, "FOREIGN") || t.Is(i, "REFERENCES")) {
        kind = "FOREIGN KEY";
        if (t.Is(i, "FOREIGN")) {
            if (!t.Is(i + 1, "KEY") || t[i + 2].kind != Token::Kind::Open) t.Fail(i, "FOREIGN KEY (columns) expected");
            size_t close = t.Matching(i + 2);
            body = "FOREIGN KEY " + t.Slice(i + 2, close + 1) + " ";
            i = close + 1;
        }
        // The key's columns: FOREIGN KEY (a, b), or the column's own.
        std::vector<std::string> keys;
        if (t.Is(start, "FOREIGN") || t.Is(start + 2, "FOREIGN")) {
            size_t open = t.Is(start, "FOREIGN") ? start + 2 : start + 4;
            for (auto [a, b] : t.Elements(open))
                if (b == a + 1) keys.push_back(FoldedName(t[a].text));
        } else if (!column.empty()) {
            keys.push_back(FoldedName(column));
        }
        if (!t.Is(i, "REFERENCES")) t.Fail(i, "REFERENCES expected");
        size_t name_end = t.NameEnd(i + 1);
        if (name_end == i + 1) t.Fail(i + 1, "the referenced table's name expected");
        const std::string referenced = t.Slice(i + 1, name_end);
        body += "REFERENCES " + referenced;
        i = name_end;
        std::vector<std::string> targets;
        if (t[i].kind == Token::Kind::Open) {
            size_t close = t.Matching(i);
            body += " " + t.Slice(i, close + 1);
            for (auto [a, b] : t.Elements(i))
                if (b == a + 1) targets.push_back(FoldedName(t[a].text));
            i = close + 1;
        }
        // A key referencing an identity column (bigint here, NUMBER in
        // Oracle) takes its integer type: PostgreSQL compares key types.
        if (out.catalog != nullptr && out.catalog->identity_type && keys.size() == 1 && targets.size() <= 1) {
            std::string type = out.catalog->identity_type(referenced, targets.empty() ? std::string() : targets[0]);
            if (!type.empty()) table.retype[keys[0]] = type;
        }
        if (t.Is(i, "ON") && t.Is(i + 1, "DELETE")) {
            if (t.Is(i + 2, "CASCADE")) {
                body += " ON DELETE CASCADE";
                i += 3;
            } else if (t.Is(i + 2, "SET") && t.Is(i + 3, "NULL")) {
                body += " ON DELETE SET NULL";
                i += 4;
            } else if (t.Is(i + 2, "NO") && t.Is(i + 3, "ACTION")) {
                body += " ON DELETE NO ACTION";
                i += 4;
            } else {
                t.Fail(i + 2, "ON DELETE CASCADE or ON DELETE SET NULL expected");
            }
        }
    } else {
        t.Fail(i, "a constraint expected (NOT NULL, PRIMARY KEY, UNIQUE, CHECK, REFERENCES or FOREIGN KEY)");
    }
    ConstraintState state;
    i = ParseState(t, i, to, state, out);
    std::string what = Describe(t, start, i);
    if (state.disabled) {
        if (name.empty() || kind == "NOT NULL" || kind == "NULL") {
            out.notes.push_back(what +
                                ": not created (a disabled constraint is not enforced, and PostgreSQL has none)");
            return std::string();
        }
        // Named: created, then disabled, so that ENABLE finds it.
        table.disabled.push_back(FoldedName(t[start + 1].text));
        out.notes.push_back(what + ": created and disabled (dropped, its definition kept until ENABLE)");
    }
    if (!state.pg.empty() && (kind == "CHECK" || kind == "NOT NULL" || kind == "NULL")) {
        // PostgreSQL defers only keys and foreign keys.
        out.notes.push_back(what + ": checked at each statement (PostgreSQL defers only keys)");
        state.pg.clear();
    }
    std::string text = name + body + state.pg;
    bool key = kind == "PRIMARY KEY" || kind == "UNIQUE";
    if (key && table.altering && column.empty()) {
        // Oracle's constraint takes over an index of its columns that
        // exists; PostgreSQL's ADD ... USING INDEX does that by name.
        std::string keyword = kind == "PRIMARY KEY" ? "PRIMARY KEY" : "UNIQUE";
        std::string index = state.using_index;
        if (index.empty() && !name.empty()) index = t[start + 1].text;
        if (!index.empty()) {
            std::string reuse = name + keyword + " USING INDEX " + index + state.pg;
            if (!state.using_index.empty()) {
                text = reuse;
            } else {
                table.reuse_index = index;
                table.reuse_text = reuse;
            }
        }
    } else if (!state.using_index.empty()) {
        out.no_effect.push_back("USING INDEX " + state.using_index + " (PostgreSQL creates the key's own index)");
    }
    if (state.novalidate) {
        if (table.altering && (kind == "CHECK" || kind == "FOREIGN KEY") && column.empty())
            text += " NOT VALID";
        else if (table.altering)
            out.notes.push_back(what + ": NOVALIDATE has no effect here (existing rows are checked)");
        else
            out.no_effect.push_back("NOVALIDATE (the new table is empty)");
    }
    return text;
}

}  // namespace

std::string TranslateType(const Tokens &t, size_t from, size_t to, const DdlTypeMapper &map_type,
                          const std::string &column, TableContext &table) {
    std::string written = t.Slice(from, to);
    // VARCHAR2(n BYTE), CHAR(n BYTE), RAW(n): a limit in bytes, which
    // PostgreSQL's types (in characters, or none for bytea) do not keep.
    const std::string &head = t[from].upper;
    if (to == from + 4 || to == from + 5) {
        bool bytes = false;
        size_t n_at = from + 2;
        if (t[from + 1].kind == Token::Kind::Open && t[n_at].kind == Token::Kind::Number) {
            if (head == "RAW" && to == from + 4) bytes = true;
            if ((head == "VARCHAR2" || head == "VARCHAR" || head == "CHAR") && to == from + 5 && t.Is(from + 3, "BYTE"))
                bytes = true;
        }
        if (bytes)
            table.extra_constraints.push_back(
                "CONSTRAINT " + QuoteName(table.table_base + "_" + FoldedName(column) + "_bytes") +
                " CHECK (pg_catalog.octet_length(" + column + ") OPERATOR(pg_catalog.<=) " + t[n_at].text + ")");
    }
    return map_type(written);
}

std::string TranslateColumn(const Tokens &t, size_t from, size_t to, const DdlTypeMapper &map_type, TableContext &table,
                            Collected &out) {
    std::string column = t[from].text;
    size_t i = from + 1;
    size_t type_end = i;
    while (type_end < to && !EndsType(t[type_end])) {
        if (t[type_end].kind == Token::Kind::Open) type_end = t.Matching(type_end);
        ++type_end;
    }
    std::string text = column;
    std::string type;
    if (type_end > i) {
        type = TranslateType(t, i, type_end, map_type, column, table);
        text += " " + type;
        table.column_types[FoldedName(column)] = type;
    }
    i = type_end;
    while (i < to) {
        if (t.Is(i, "DEFAULT")) {
            ++i;
            if (t.Is(i, "ON") && t.Is(i + 1, "NULL"))
                t.Refuse(i,
                         "DEFAULT ON NULL: PostgreSQL has no default for an inserted NULL (leave the column out of "
                         "the INSERT, or use an identity column)");
            size_t e = DefaultEnd(t, i, to);
            text += " DEFAULT " + QualifyBuiltins(t.Slice(i, e));
            i = e;
        } else if (t.Is(i, "GENERATED") || (t.Is(i, "AS") && t[i + 1].kind == Token::Kind::Open)) {
            size_t g = i;
            std::string mode = "ALWAYS";
            if (t.Is(g, "GENERATED")) {
                ++g;
                if (t.Is(g, "ALWAYS")) {
                    ++g;
                } else if (t.Is(g, "BY") && t.Is(g + 1, "DEFAULT")) {
                    mode = "BY DEFAULT";
                    g += 2;
                    if (t.Is(g, "ON") && t.Is(g + 1, "NULL")) {
                        out.notes.push_back(
                            "GENERATED BY DEFAULT ON NULL AS IDENTITY: an inserted NULL is an error "
                            "here (not the next value)");
                        g += 2;
                    }
                }
            }
            if (!t.Is(g, "AS")) t.Fail(g, "AS expected after GENERATED");
            ++g;
            if (t.Is(g, "IDENTITY")) {
                ++g;
                if (type != "smallint" && type != "integer" && type != "bigint" && !type.empty()) {
                    // PostgreSQL's identity columns are integers (Oracle's
                    // are NUMBER): bigint holds every value of a sequence.
                    text.replace(column.size() + 1, type.size(), "bigint");
                    out.notes.push_back("identity column " + column + " is bigint");
                }
                text += " GENERATED " + mode + " AS IDENTITY";
                if (t[g].kind == Token::Kind::Open) {
                    size_t close = t.Matching(g);
                    // The identity's sequence options, in Oracle's words.
                    Collected seq;
                    std::string head;
                    Tokens options(std::string("CREATE SEQUENCE x ") + t.Slice(g + 1, close));
                    TranslateSequence(options, 1, seq, head);
                    std::string translated = seq.statements.front().substr(std::string("CREATE SEQUENCE x").size());
                    text += " (" + translated + ")";
                    for (const std::string &n : seq.notes) out.notes.push_back(n);
                    for (const std::string &n : seq.no_effect) out.no_effect.push_back(n);
                    g = close + 1;
                }
            } else if (t[g].kind == Token::Kind::Open) {
                size_t close = t.Matching(g);
                if (type_end == from + 1)
                    t.Fail(from, "virtual column " + column + " needs its type here (PostgreSQL does not infer it)");
                text += " GENERATED ALWAYS AS (" + QualifyBuiltins(t.Slice(g + 1, close)) + ") STORED";
                g = close + 1;
                if (t.Is(g, "VIRTUAL")) ++g;
                if (t.Is(g, "STORED"))
                    ++g;
                else
                    out.notes.push_back("virtual column " + column + " is a stored generated column");
            } else {
                t.Fail(g, "IDENTITY or (expression) expected");
            }
            i = g;
        } else if (StartsConstraint(t, i)) {
            std::string c = TranslateConstraint(t, i, to, column, table, out);
            if (!c.empty()) text += " " + c;
        } else if (t.Is(i, "VISIBLE")) {
            ++i;
        } else if (t.Is(i, "INVISIBLE")) {
            out.notes.push_back("INVISIBLE column " + column + ": visible here (SELECT * shows it)");
            ++i;
        } else if (t.Is(i, "SORT")) {
            out.no_effect.push_back("SORT");
            ++i;
        } else if (t.Is(i, "ENCRYPT")) {
            t.Refuse(i, "ENCRYPT: Oracle's transparent column encryption is not supported here");
        } else {
            // Not Oracle's: PostgreSQL's own column clauses (COLLATE, ...).
            text += " " + t.Slice(i, to);
            break;
        }
    }
    return RetypeKeyColumn(text, column, type, table, out);
}

bool IsIntegralNumber(const std::string &type) {
    // pg_catalog.number, number(p), number(p, 0): an Oracle NUMBER that may hold a key
    static const std::string qualified = "pg_catalog.number";
    if (type.compare(0, qualified.size(), qualified) != 0 && type.compare(0, 6, "number") != 0) return false;
    size_t comma = type.find(',');
    if (comma == std::string::npos) return true;
    size_t digit = type.find_first_not_of(' ', comma + 1);
    return digit != std::string::npos && type[digit] == '0' &&
           type.find_first_not_of("0 )", digit) == std::string::npos;
}

std::string RetypeKeyColumn(const std::string &text, const std::string &column, const std::string &type,
                            TableContext &table, Collected &out) {
    auto it = table.retype.find(FoldedName(column));
    if (it == table.retype.end() || type.empty() || !IsIntegralNumber(type)) return text;
    out.notes.push_back("column " + column + " is " + it->second + ", the type of the identity column it references");
    std::string retyped = column + " " + it->second + text.substr(column.size() + 1 + type.size());
    const std::string integer = it->second;  // `type` may be the entry about to change
    table.retype.erase(it);
    table.column_types[FoldedName(column)] = integer;
    return retyped;
}

std::string TranslateElement(const Tokens &t, size_t from, size_t to, const DdlTypeMapper &map_type,
                             TableContext &table, Collected &out) {
    if (from == to) t.Fail(from, "a column or constraint expected");
    if (t.Is(from, "CONSTRAINT") || t.Is(from, "PRIMARY") || t.Is(from, "UNIQUE") || t.Is(from, "CHECK") ||
        t.Is(from, "FOREIGN")) {
        size_t i = from;
        std::string c = TranslateConstraint(t, i, to, std::string(), table, out);
        if (i < to) t.Fail(i, "unexpected " + t[i].text + " in a constraint");
        return c;
    }
    if (t.Is(from, "SUPPLEMENTAL") && t.Is(from + 1, "LOG")) {
        out.no_effect.push_back(Describe(t, from, to));
        return std::string();
    }
    if (t.Is(from, "PERIOD") && t.Is(from + 1, "FOR"))
        t.Refuse(from, "PERIOD FOR: Oracle's valid-time periods are not supported here");
    if (t.Is(from, "LIKE") || t.Is(from, "EXCLUDE")) return t.Slice(from, to);  // PostgreSQL's
    if (t[from].kind != Token::Kind::Word && t[from].kind != Token::Kind::Quoted)
        t.Fail(from, "a column name expected, not " + t[from].text);
    return TranslateColumn(t, from, to, map_type, table, out);
}

}  // namespace plpolar::parser::ddl

namespace plpolar::parser::ddl {

namespace {

// MODIFY c GENERATED {ALWAYS | BY DEFAULT [ON NULL]} AS IDENTITY [(options)]:
// Oracle scripts reset an identity this way after loading rows with their
// own keys; START WITH LIMIT VALUE is "after the largest value there".
size_t ModifyIdentity(const Tokens &t, size_t i, size_t to, const std::string &column, TableContext &table,
                      Collected &out, std::vector<std::string> &actions) {
    size_t g = i + 1;
    std::string mode = "BY DEFAULT";
    if (t.Is(g, "ALWAYS")) {
        mode = "ALWAYS";
        ++g;
    } else if (t.Is(g, "BY") && t.Is(g + 1, "DEFAULT")) {
        g += 2;
        if (t.Is(g, "ON") && t.Is(g + 1, "NULL")) {
            g += 2;
            out.notes.push_back("identity column " + column + " BY DEFAULT ON NULL: an inserted NULL is an error here");
        }
    }
    if (!t.Is(g, "AS") || !t.Is(g + 1, "IDENTITY")) t.Fail(g, "AS IDENTITY expected");
    g += 2;
    const std::string folded = FoldedName(column);
    const bool identity = out.catalog == nullptr || !out.catalog->identity_type ||
                          !out.catalog->identity_type(table.table, folded).empty();
    std::string action =
        "ALTER COLUMN " + column + (identity ? " SET GENERATED " + mode : " ADD GENERATED " + mode + " AS IDENTITY");
    if (g < to && t[g].kind == Token::Kind::Open) {
        size_t close = t.Matching(g);
        std::string options;
        for (size_t k = g + 1; k < close;) {
            std::string number;
            if (t.Is(k, "START") && t.Is(k + 1, "WITH") && t.Is(k + 2, "LIMIT") && t.Is(k + 3, "VALUE")) {
                // After the statement: the next value after the column's largest.
                table.after.push_back("SELECT pg_catalog.setval(pg_catalog.pg_get_serial_sequence(" +
                                      SqlLiteral(table.table) + ", " + SqlLiteral(folded) +
                                      "), coalesce((SELECT pg_catalog.max(" + column + ") FROM " + table.table +
                                      "), 0) OPERATOR(pg_catalog.+) 1, false)");
                k += 4;
            } else if ((t.Is(k, "START") && t.Is(k + 1, "WITH")) || (t.Is(k, "INCREMENT") && t.Is(k + 1, "BY"))) {
                size_t e = SignedNumber(t, k + 2, number);
                if (e == std::string::npos) t.Fail(k + 2, "a number expected");
                // Oracle's new START WITH is where the identity goes on.
                options += t.Is(k, "START") ? " RESTART WITH " + number : " SET INCREMENT BY " + number;
                k = e;
            } else {
                out.no_effect.push_back("identity option " + t[k].upper);
                ++k;
            }
        }
        if (!identity && !options.empty()) t.Refuse(g, "identity options on a column that is no identity yet");
        action += options;
        g = close + 1;
    }
    actions.push_back(action);
    return g;
}

}  // namespace

std::vector<std::string> TranslateModify(const Tokens &t, size_t from, size_t to, const DdlTypeMapper &map_type,
                                         TableContext &table, Collected &out) {
    std::vector<std::string> actions;
    std::string column = t[from].text;
    size_t i = from + 1;
    size_t type_end = i;
    while (type_end < to && !EndsType(t[type_end])) {
        if (t[type_end].kind == Token::Kind::Open) type_end = t.Matching(type_end);
        ++type_end;
    }
    if (type_end > i) {
        size_t before = table.extra_constraints.size();
        actions.push_back("ALTER COLUMN " + column + " TYPE " + TranslateType(t, i, type_end, map_type, column, table));
        if (table.extra_constraints.size() > before) {
            // A new byte limit replaces the old one.
            std::string c = table.extra_constraints.back();
            table.extra_constraints.pop_back();
            std::string name = c.substr(11, c.find(" CHECK") - 11);
            actions.push_back("DROP CONSTRAINT IF EXISTS " + name);
            actions.push_back("ADD " + c);
        }
    }
    i = type_end;
    while (i < to) {
        if (t.Is(i, "DEFAULT")) {
            size_t e = DefaultEnd(t, i + 1, to);
            actions.push_back("ALTER COLUMN " + column + " SET DEFAULT " + QualifyBuiltins(t.Slice(i + 1, e)));
            i = e;
        } else if (t.Is(i, "NOT") && t.Is(i + 1, "NULL")) {
            size_t j = i;
            std::string c = TranslateConstraint(t, j, to, column, table, out);
            if (!c.empty()) actions.push_back("ALTER COLUMN " + column + " SET NOT NULL");
            i = j;
        } else if (t.Is(i, "NULL")) {
            actions.push_back("ALTER COLUMN " + column + " DROP NOT NULL");
            ++i;
        } else if (t.Is(i, "CONSTRAINT") && t.Is(i + 2, "NOT") && t.Is(i + 3, "NULL")) {
            size_t j = i + 2;
            std::string c = TranslateConstraint(t, j, to, column, table, out);
            if (!c.empty()) actions.push_back("ALTER COLUMN " + column + " SET NOT NULL");
            i = j;
        } else if (StartsConstraint(t, i)) {
            size_t j = i;
            std::string c = TranslateConstraint(t, j, to, column, table, out);
            // A column constraint of MODIFY is a table constraint on it.
            if (!c.empty()) {
                size_t at = c.find("PRIMARY KEY");
                if (at == std::string::npos) at = c.find("UNIQUE");
                if (at != std::string::npos && c.find('(', at) == std::string::npos) {
                    size_t word_end = c.compare(at, 7, "PRIMARY") == 0 ? at + 11 : at + 6;
                    c.insert(word_end, " (" + column + ")");
                } else if (c.find("REFERENCES") != std::string::npos && c.find("FOREIGN KEY") == std::string::npos) {
                    c.insert(c.find("REFERENCES"), "FOREIGN KEY (" + column + ") ");
                }
                actions.push_back("ADD " + c);
            }
            i = j;
        } else if (t.Is(i, "VISIBLE") || t.Is(i, "INVISIBLE")) {
            out.no_effect.push_back(t[i].upper);
            ++i;
        } else if (t.Is(i, "GENERATED")) {
            i = ModifyIdentity(t, i, to, column, table, out, actions);
        } else {
            t.Fail(i, "unexpected " + t[i].text + " in MODIFY " + column);
        }
    }
    if (actions.empty()) t.Fail(from, "MODIFY " + column + " changes nothing");
    return actions;
}

}  // namespace plpolar::parser::ddl
