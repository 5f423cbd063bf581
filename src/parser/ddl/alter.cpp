// ALTER TABLE as Oracle writes it: ADD (columns), MODIFY (columns), DROP
// (columns), constraint states, storage clauses; PostgreSQL's own actions
// are kept as written.
#include <string>

#include "ddl_internal.hpp"

namespace plpolar::parser::ddl {

namespace {

// Where the action starting at `i` ends: the next action at this level.
size_t ActionEnd(const Tokens &t, size_t i) {
    size_t j = i + 1;
    while (j < t.size()) {
        const Token &tok = t[j];
        if (tok.kind == Token::Kind::Open) {
            j = t.Matching(j) + 1;
            continue;
        }
        if (tok.kind == Token::Kind::Comma) return j;
        if (t.Is(j, "ADD") || t.Is(j, "MODIFY") || t.Is(j, "RENAME")) return j;
        if (t.Is(j, "DROP") && !t.Is(j - 1, "ON") && !t.Is(j - 1, "KEEP") && !t.Is(j - 1, "SET")) return j;
        if ((t.Is(j, "ENABLE") || t.Is(j, "DISABLE")) &&
            (t.Is(j + 1, "ALL") || t.Is(j + 1, "CONSTRAINT") || t.Is(j + 1, "TABLE") || t.Is(j + 1, "TRIGGER")))
            return j;
        ++j;
    }
    return j;
}

// A constraint state clause: [ENABLE | DISABLE] [VALIDATE | NOVALIDATE]
// {CONSTRAINT name | PRIMARY KEY} [CASCADE] [KEEP | DROP INDEX], the words
// in any order between `from` and `to` (MODIFY CONSTRAINT c DISABLE too).
// The call that sets it, or empty for one that names no constraint
// (UNIQUE (columns)), which keeps its note.
std::string ConstraintStateCall(const Tokens &t, size_t from, size_t to, const std::string &table, bool *disable) {
    bool enable = false;
    bool validate = true;
    bool cascade = false;
    bool named = false;
    std::string name;
    *disable = false;
    for (size_t k = from; k < to; ++k) {
        if (t.Is(k, "ENABLE")) enable = true;
        if (t.Is(k, "DISABLE")) *disable = true;
        if (t.Is(k, "NOVALIDATE")) validate = false;
        if (t.Is(k, "CASCADE")) cascade = true;
        if (t.Is(k, "CONSTRAINT") && k + 1 < to) {
            name = FoldedName(t[k + 1].text);
            named = true;
        }
        if (t.Is(k, "PRIMARY") && t.Is(k + 1, "KEY")) named = true;
    }
    if (!named || (!enable && !*disable)) return std::string();
    return *disable ? DisableConstraintCall(table, name, cascade) : EnableConstraintCall(table, name, validate);
}

bool StartsTableConstraint(const Tokens &t, size_t i) {
    return t.Is(i, "CONSTRAINT") || t.Is(i, "PRIMARY") || t.Is(i, "UNIQUE") || t.Is(i, "CHECK") || t.Is(i, "FOREIGN");
}

}  // namespace

bool TranslateAlterTable(const Tokens &t, size_t at, const DdlTypeMapper &map_type, Collected &out, std::string &head) {
    size_t i = at + 1;  // past TABLE
    std::string if_exists;
    if (t.Is(i, "IF") && t.Is(i + 1, "EXISTS")) {
        if_exists = "IF EXISTS ";
        i += 2;
    }
    if (t.Is(i, "ONLY")) return false;
    size_t name_end = t.NameEnd(i);
    if (name_end == i) t.Fail(i, "a table name expected");
    TableContext table;
    table.altering = true;
    table.table = t.Slice(i, name_end);
    table.table_base = FoldedName(t[name_end - 1].text);
    head = "ALTER TABLE " + table.table;
    std::vector<std::string> actions;
    // Constraint states: calls run after the ALTER TABLE's own actions.
    std::vector<std::string> state_calls;
    const char *disabled_note = ": the constraint is dropped, its definition kept until ENABLE";
    const char *enabled_note = ": the constraint is added back if it was disabled";
    struct Reuse {
        size_t action;
        std::string index;
        std::string text;
    };
    std::vector<Reuse> reuse;
    auto add = [&](const std::string &action) {
        actions.push_back(action);
        if (!table.reuse_index.empty()) {
            reuse.push_back({actions.size() - 1, table.reuse_index, "ADD " + table.reuse_text});
            table.reuse_index.clear();
            table.reuse_text.clear();
        }
    };
    i = name_end;
    int fillfactor = 0;
    while (i < t.size()) {
        if (t[i].kind == Token::Kind::Comma) {
            ++i;
            continue;
        }
        size_t k = PhysicalAttribute(t, i, out, &fillfactor);
        if (k != i) {
            i = k;
            continue;
        }
        size_t end = ActionEnd(t, i);
        if (t.Is(i, "ADD")) {
            size_t j = i + 1;
            if (t.Is(j, "SUPPLEMENTAL")) {
                out.no_effect.push_back(Describe(t, i, end));
            } else if (t.Is(j, "PARTITION")) {
                t.Refuse(j, "ADD PARTITION: create the partition with CREATE TABLE ... PARTITION OF " + table.table +
                                " FOR VALUES FROM (...) TO (...)");
            } else if (t[j].kind == Token::Kind::Open) {
                end = t.Matching(j) + 1;
                for (auto [a, b] : t.Elements(j)) {
                    std::string e = TranslateElement(t, a, b, map_type, table, out);
                    if (e.empty()) continue;
                    add(StartsTableConstraint(t, a) ? "ADD " + e : "ADD COLUMN " + e);
                }
            } else if (StartsTableConstraint(t, j)) {
                std::string e = TranslateElement(t, j, end, map_type, table, out);
                if (!e.empty()) add("ADD " + e);
            } else {
                if (t.Is(j, "COLUMN")) ++j;
                if (t.Is(j, "IF") && t.Is(j + 1, "NOT") && t.Is(j + 2, "EXISTS")) return false;
                actions.push_back("ADD COLUMN " + TranslateColumn(t, j, end, map_type, table, out));
            }
        } else if (t.Is(i, "MODIFY")) {
            size_t j = i + 1;
            if (t.Is(j, "CONSTRAINT") || t.Is(j, "PRIMARY") || t.Is(j, "UNIQUE")) {
                bool disable = false;
                std::string call = ConstraintStateCall(t, j, end, table.table, &disable);
                if (!call.empty()) {
                    state_calls.push_back(call);
                    out.notes.push_back(Describe(t, i, end) + (disable ? disabled_note : enabled_note));
                } else if (disable)
                    out.notes.push_back(Describe(t, i, end) +
                                        ": the constraint stays enforced (PostgreSQL has no disabled constraints)");
                else
                    out.no_effect.push_back(Describe(t, i, end) + " (constraints are always enabled here)");
            } else if (t.Is(j, "PARTITION") || t.Is(j, "LOB") || t.Is(j, "DEFAULT")) {
                out.no_effect.push_back(Describe(t, i, end));
            } else if (t[j].kind == Token::Kind::Open) {
                end = t.Matching(j) + 1;
                for (auto [a, b] : t.Elements(j))
                    for (const std::string &a2 : TranslateModify(t, a, b, map_type, table, out)) actions.push_back(a2);
            } else {
                for (const std::string &a2 : TranslateModify(t, j, end, map_type, table, out)) actions.push_back(a2);
            }
        } else if (t.Is(i, "DROP")) {
            size_t j = i + 1;
            if (t[j].kind == Token::Kind::Open) {
                end = t.Matching(j) + 1;
                std::string cascade;
                if (t.Is(end, "CASCADE") && t.Is(end + 1, "CONSTRAINTS")) {
                    cascade = " CASCADE";
                    end += 2;
                }
                for (auto [a, b] : t.Elements(j)) actions.push_back("DROP COLUMN " + t.Slice(a, b) + cascade);
            } else if (t.Is(j, "COLUMN")) {
                std::string cascade;
                size_t m = j + 2;
                for (; m < end; ++m) {
                    if (t.Is(m, "CASCADE") && t.Is(m + 1, "CONSTRAINTS")) {
                        cascade = " CASCADE";
                        ++m;
                    } else if (t.Is(m, "CHECKPOINT")) {
                        out.no_effect.push_back(Describe(t, m, m + 2));
                        ++m;
                    } else if (!t.Is(m, "INVALIDATE")) {
                        cascade += " " + t[m].text;  // PostgreSQL's CASCADE / RESTRICT
                    }
                }
                actions.push_back("DROP COLUMN " + t[j + 1].text + cascade);
            } else if (t.Is(j, "CONSTRAINT")) {
                std::string text = "DROP CONSTRAINT " + t[j + 1].text;
                for (size_t m = j + 2; m < end; ++m) {
                    if (t.Is(m, "CASCADE"))
                        text += " CASCADE";
                    else if ((t.Is(m, "KEEP") || t.Is(m, "DROP")) && t.Is(m + 1, "INDEX")) {
                        out.no_effect.push_back(Describe(t, m, m + 2));
                        ++m;
                    } else if (t.Is(m, "ONLINE")) {
                        out.no_effect.push_back("ONLINE");
                    } else {
                        text += " " + t[m].text;
                    }
                }
                actions.push_back(text);
            } else if (t.Is(j, "PRIMARY") || t.Is(j, "UNIQUE")) {
                t.Refuse(j, "DROP " + t[j].upper +
                                ": name the constraint (ALTER TABLE ... DROP CONSTRAINT name; \\d shows the names)");
            } else if (t.Is(j, "UNUSED") && t.Is(j + 1, "COLUMNS")) {
                out.no_effect.push_back(Describe(t, i, end) + " (SET UNUSED dropped them)");
            } else if (t.Is(j, "PARTITION")) {
                t.Refuse(j, "DROP PARTITION: drop the partition's table (DROP TABLE)");
            } else {
                actions.push_back(t.Slice(i, end));  // PostgreSQL's DROP DEFAULT, ...
            }
        } else if (t.Is(i, "SET") && t.Is(i + 1, "UNUSED")) {
            size_t j = i + 2;
            std::vector<std::string> columns;
            if (t[j].kind == Token::Kind::Open) {
                end = t.Matching(j) + 1;
                for (auto [a, b] : t.Elements(j)) columns.push_back(t.Slice(a, b));
            } else if (t.Is(j, "COLUMN")) {
                columns.push_back(t[j + 1].text);
                end = j + 2;
            }
            while (t.Is(end, "CASCADE") || t.Is(end, "CONSTRAINTS") || t.Is(end, "INVALIDATE") || t.Is(end, "ONLINE"))
                ++end;
            for (const std::string &c : columns) actions.push_back("DROP COLUMN " + c);
            out.notes.push_back("SET UNUSED drops the columns now");
        } else if ((t.Is(i, "ENABLE") || t.Is(i, "DISABLE")) && t.Is(i + 1, "ALL") && t.Is(i + 2, "TRIGGERS")) {
            // Oracle's DML triggers are PostgreSQL's user triggers (not
            // the system triggers behind foreign keys).
            actions.push_back(t[i].upper + " TRIGGER USER");
            end = i + 3;
        } else if ((t.Is(i, "ENABLE") || t.Is(i, "DISABLE")) && t.Is(i + 1, "TABLE") && t.Is(i + 2, "LOCK")) {
            out.no_effect.push_back(Describe(t, i, i + 3));
            end = i + 3;
        } else if (t.Is(i, "ENABLE") || t.Is(i, "DISABLE")) {
            bool disable = false;
            std::string call =
                t.Is(i + 1, "TRIGGER") ? std::string() : ConstraintStateCall(t, i, end, table.table, &disable);
            if (t.Is(i + 1, "TRIGGER")) {
                actions.push_back(t.Slice(i, end));
            } else if (!call.empty()) {
                state_calls.push_back(call);
                out.notes.push_back(Describe(t, i, end) + (disable ? disabled_note : enabled_note));
            } else if (t.Is(i, "DISABLE"))
                out.notes.push_back(Describe(t, i, end) +
                                    ": the constraint stays enforced (PostgreSQL has no disabled constraints)");
            else
                out.no_effect.push_back(Describe(t, i, end) + " (constraints are always enabled here)");
        } else if (t.Is(i, "MOVE") || t.Is(i, "SHRINK") || t.Is(i, "DEALLOCATE") || t.Is(i, "ALLOCATE")) {
            size_t j = i + 1;
            while (j < t.size() && t[j].kind != Token::Kind::Comma) ++j;
            end = j;
            out.no_effect.push_back(Describe(t, i, end));
        } else {
            // PostgreSQL's own actions and RENAME, as written.
            actions.push_back(t.Slice(i, end));
        }
        i = end;
    }
    for (const std::string &c : table.extra_constraints) actions.push_back("ADD " + c);
    if (fillfactor > 0) actions.push_back("SET (fillfactor = " + std::to_string(fillfactor) + ")");
    for (const std::string &name : table.disabled)
        state_calls.push_back(DisableConstraintCall(table.table, name, false));
    for (std::string &statement : table.after) state_calls.push_back(std::move(statement));
    // ADD FOREIGN KEY (c) REFERENCES an identity: an existing NUMBER column c
    // takes the identity's integer type first.
    for (const auto &[column, type] : table.retype) {
        if (out.catalog == nullptr || !out.catalog->column_type) break;
        if (!IsIntegralNumber(out.catalog->column_type(table.table, column))) continue;
        actions.insert(actions.begin(), "ALTER COLUMN " + QuoteName(column) + " TYPE " + type);
        out.notes.push_back("column " + column + " is " + type + ", the type of the identity column it references");
    }
    if (actions.empty()) {
        // only constraint states, or clauses without an effect here
        for (std::string &call : state_calls) out.statements.push_back(std::move(call));
        return true;
    }
    std::string prefix = "ALTER TABLE " + if_exists + table.table + " ";
    if (reuse.empty()) {
        std::string sql = prefix;
        for (size_t a = 0; a < actions.size(); ++a) sql += (a > 0 ? ", " : "") + actions[a];
        out.statements.push_back(sql);
        for (std::string &call : state_calls) out.statements.push_back(std::move(call));
        return true;
    }
    // An action with a second form is a statement of its own.
    std::string pending;
    for (size_t a = 0; a < actions.size(); ++a) {
        const Reuse *r = nullptr;
        for (const Reuse &candidate : reuse)
            if (candidate.action == a) r = &candidate;
        if (r == nullptr) {
            pending += (pending.empty() ? "" : ", ") + actions[a];
            continue;
        }
        if (!pending.empty()) out.statements.push_back(prefix + pending);
        pending.clear();
        out.reuse.push_back({out.statements.size(), table.table, r->index, prefix + r->text});
        out.statements.push_back(prefix + actions[a]);
    }
    if (!pending.empty()) out.statements.push_back(prefix + pending);
    for (std::string &call : state_calls) out.statements.push_back(std::move(call));
    return true;
}

}  // namespace plpolar::parser::ddl
