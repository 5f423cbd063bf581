// Oracle's DML triggers through plpolar.exec. CREATE TRIGGER makes a
// LANGUAGE plpolar function "<name>$trigger" (definer's rights, as
// Oracle's triggers run with their owner's) and a PostgreSQL trigger of the
// same name that calls it: one object to Oracle's eyes, rows of pg_proc and
// pg_trigger to PostgreSQL's (\d, pg_dump). ALTER / DROP TRIGGER without a
// table find the trigger by name, as Oracle does.
#include <cctype>
#include <cstring>
#include <string>
#include <vector>

#include "plpolar/compile/function_cache.hpp"
#include "plpolar/compile/oracle_sql.hpp"
#include "plpolar/compile/quoting.hpp"
#include "plpolar/handler/handler.hpp"
#include "plpolar/parser/parser.hpp"
#include "plpolar/parser/script.hpp"
#include "plpolar/parser/trigger.hpp"
#include "plpolar/parser/trigger_body.hpp"
#include "plpolar/pg/catalog.hpp"
#include "plpolar/pg/guard.hpp"
#include "plpolar/pg/script.hpp"

namespace plpolar::handler {

namespace {

const char kFunctionSuffix[] = "$trigger";

struct FoundTrigger {
    std::string oracle_name;  // the name looked for
    std::string name;         // pg_trigger.tgname
    std::string table;        // schema.table, quoted
    std::string function;     // schema.function, quoted
    std::string function_name;
    Oid function_oid = InvalidOid;
    Oid relid = InvalidOid;
};

// Triggers named `name` on tables of `schema` (or of the search path's
// schemas), or whose function lives there.
std::vector<FoundTrigger> FindTriggers(const std::string &schema, const std::string &name) {
    static const char sql[] =
        "SELECT t.tgname, pg_catalog.quote_ident(n.nspname) OPERATOR(pg_catalog.||) '.' OPERATOR(pg_catalog.||) "
        "pg_catalog.quote_ident(c.relname), pg_catalog.quote_ident(pn.nspname) OPERATOR(pg_catalog.||) '.' "
        "OPERATOR(pg_catalog.||) pg_catalog.quote_ident(p.proname), p.proname, p.oid, c.oid "
        "FROM pg_catalog.pg_trigger t JOIN pg_catalog.pg_class c ON c.oid OPERATOR(pg_catalog.=) t.tgrelid "
        "JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) c.relnamespace "
        "JOIN pg_catalog.pg_proc p ON p.oid OPERATOR(pg_catalog.=) t.tgfoid "
        "JOIN pg_catalog.pg_namespace pn ON pn.oid OPERATOR(pg_catalog.=) p.pronamespace "
        "WHERE NOT t.tgisinternal AND (t.tgname OPERATOR(pg_catalog.=) $1 OR "
        "p.proname OPERATOR(pg_catalog.=) ($1 OPERATOR(pg_catalog.||) '$trigger')) AND "
        "CASE WHEN $2 OPERATOR(pg_catalog.=) '' THEN (n.nspname OPERATOR(pg_catalog.=) "
        "ANY (pg_catalog.current_schemas(false)) OR pn.nspname OPERATOR(pg_catalog.=) "
        "ANY (pg_catalog.current_schemas(false))) "
        "ELSE (n.nspname OPERATOR(pg_catalog.=) $2 OR pn.nspname OPERATOR(pg_catalog.=) $2) END "
        "ORDER BY 2";
    std::vector<FoundTrigger> out;
    for (const auto &row : pg::QueryTextRows(sql, {name, schema})) {
        FoundTrigger f;
        f.name = row[0];
        f.table = row[1];
        f.function = row[2];
        f.function_name = row[3];
        f.function_oid = static_cast<Oid>(std::stoul(row[4]));
        f.relid = static_cast<Oid>(std::stoul(row[5]));
        f.oracle_name = name;
        out.push_back(std::move(f));
    }
    return out;
}

// The trigger's own function: "<Oracle name>$trigger" (a compound
// trigger's PostgreSQL triggers are "<name>$<timing point>").
bool OwnFunction(const FoundTrigger &t) { return t.function_name == t.oracle_name + kFunctionSuffix; }

int TriggersOfFunction(Oid fn) {
    auto rows = pg::QueryTextRows(
        "SELECT pg_catalog.count(*) FROM pg_catalog.pg_trigger WHERE tgfoid OPERATOR(pg_catalog.=) $1::pg_catalog.oid",
        {std::to_string(fn)});
    return rows.empty() ? 0 : std::stoi(rows[0][0]);
}

struct Table {
    Oid relid = InvalidOid;
    std::string schema;     // unquoted
    std::string qualified;  // quoted schema.table
    char kind = 'r';
};

Table ResolveTable(const std::string &written) {
    auto rows = pg::QueryTextRows(
        "SELECT c.oid, n.nspname, pg_catalog.quote_ident(n.nspname) OPERATOR(pg_catalog.||) '.' "
        "OPERATOR(pg_catalog.||) pg_catalog.quote_ident(c.relname), c.relkind FROM pg_catalog.pg_class c "
        "JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) c.relnamespace "
        "WHERE c.oid OPERATOR(pg_catalog.=) pg_catalog.to_regclass($1)",
        {written});
    if (rows.empty()) pg::Raise(ERRCODE_UNDEFINED_TABLE, "ORA-00942: table or view does not exist: " + written);
    Table t;
    t.relid = static_cast<Oid>(std::stoul(rows[0][0]));
    t.schema = rows[0][1];
    t.qualified = rows[0][2];
    t.kind = rows[0][3].empty() ? 'r' : rows[0][3][0];
    return t;
}

// The trigger's name and optional schema from "[schema.]name" as written.
void SplitName(const std::string &written, std::string *schema, std::string *name) {
    std::vector<std::string> parts;
    std::string cur;
    bool quoted = false;
    bool was_quoted = false;
    auto flush = [&] {
        if (!was_quoted)
            for (char &c : cur) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        parts.push_back(cur);
        cur.clear();
        was_quoted = false;
    };
    for (char c : written) {
        if (c == '"') {
            quoted = !quoted;
            was_quoted = true;
            continue;
        }
        if (c == '.' && !quoted) {
            flush();
            continue;
        }
        if (!quoted && std::isspace(static_cast<unsigned char>(c))) continue;
        cur += c;
    }
    flush();
    *name = parts.back();
    *schema = parts.size() > 1 ? parts[parts.size() - 2] : std::string();
}

[[noreturn]] void NoSuchTrigger(const std::string &name) {
    pg::Raise(ERRCODE_UNDEFINED_OBJECT, "ORA-04080: trigger '" + name + "' does not exist");
}

// The one trigger an Oracle name means: its PostgreSQL triggers (several
// for a compound trigger), all on one table.
std::vector<FoundTrigger> ResolveTrigger(const std::string &schema, const std::string &name) {
    std::vector<FoundTrigger> found = FindTriggers(schema, name);
    if (found.empty()) NoSuchTrigger(name);
    bool one_table = true;
    for (const FoundTrigger &f : found) one_table = one_table && f.relid == found[0].relid;
    if (!one_table)
        pg::Raise(ERRCODE_AMBIGUOUS_ALIAS,
                  "trigger name \"" + name + "\" is ambiguous: tables " + found[0].table + " and " + found[1].table +
                      " both have one",
                  "Name the table: ALTER TRIGGER " + name + " ON table ... or DROP TRIGGER " + name + " ON table.");
    return found;
}

void DropTrigger(const std::vector<FoundTrigger> &triggers) {
    for (const FoundTrigger &t : triggers)
        pg::ExecuteScriptStatement("DROP TRIGGER " + compile::QuoteIdent(t.name) + " ON " + t.table);
    // The function went with the trigger in Oracle's eyes; others' stay.
    const FoundTrigger &t = triggers.front();
    if (OwnFunction(t) && TriggersOfFunction(t.function_oid) == 0)
        pg::ExecuteScriptStatement("DROP FUNCTION " + t.function + "()");
}

std::string Upper(std::string s) {
    for (char &c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

// What the compiled body does against what the trigger kind allows:
// Oracle refuses these when the trigger is created.
void CheckBody(const parser::OracleTrigger &trg, Oid fn_oid, Oid relid) {
    std::shared_ptr<compile::CompiledFunction> fn = compile::LookupOrCompile(fn_oid, relid);
    // A compound trigger's sections were checked when it was read.
    if (trg.timing == parser::OracleTrigger::Timing::Compound) return;
    const compile::CompiledFunction::TriggerState &t = fn->trigger;
    if (!trg.for_each_row && (t.colon_new || t.colon_old))
        pg::Raise(ERRCODE_SYNTAX_ERROR, "ORA-04082: NEW or OLD references not allowed in table level triggers");
    if (t.assigns_new && !(trg.for_each_row && trg.timing == parser::OracleTrigger::Timing::Before))
        pg::Raise(ERRCODE_SYNTAX_ERROR, "ORA-04084: cannot change NEW values for this trigger type");
}

// PostgreSQL fires the triggers of one event and timing in the order of
// their names: FOLLOWS a makes the PostgreSQL trigger's name sort after
// a's ("<a's name>$<name>" when the name itself does not), PRECEDES a
// before it ("<a's name but its last character>$<name>", '$' sorting before
// every letter, digit and '_'). The trigger keeps its Oracle name: its
// function is "<name>$trigger".
std::string FiringOrderName(const parser::OracleTrigger &trg, const Table &table, std::string *notes) {
    std::string name = trg.name;
    if ((!trg.follows.empty() || !trg.precedes.empty()) && trg.timing == parser::OracleTrigger::Timing::Compound) {
        *notes += "; FOLLOWS / PRECEDES of a compound trigger: not applied (its timing points fire by name)";
        return name;
    }
    // The other trigger's PostgreSQL name on this table: of a compound
    // trigger's several, the last (to follow) or the first (to precede).
    auto other_name = [&](const std::string &other, bool last) {
        std::vector<FoundTrigger> found = FindTriggers(trg.schema, other);
        if (found.empty()) NoSuchTrigger(other);
        std::string pick;
        for (const FoundTrigger &f : found)
            if (f.relid == table.relid && (pick.empty() || (last ? f.name > pick : f.name < pick))) pick = f.name;
        if (pick.empty())
            pg::Raise(ERRCODE_WRONG_OBJECT_TYPE,
                      "ORA-25021: cannot reference a trigger defined on another table (" + other + ")");
        return pick;
    };
    for (const std::string &other : trg.follows) {
        std::string after = other_name(other, true);
        if (!(name > after)) name = after + "$" + trg.name;
    }
    for (const std::string &other : trg.precedes) {
        std::string before = other_name(other, false);
        if (name < before) continue;
        // (An ASCII last character only: a byte of a multibyte one is no
        // character to shorten by.)
        if (before.size() > 1 && static_cast<unsigned char>(before.back()) > '$' &&
            static_cast<unsigned char>(before.back()) < 0x80)
            name = before.substr(0, before.size() - 1) + "$" + trg.name;
        else
            *notes +=
                "; PRECEDES " + other + ": no name sorts before \"" + before + "\", so " + trg.name + " fires after it";
    }
    for (const std::string &other : trg.follows)
        if (!(name > other_name(other, true)))
            *notes += "; FOLLOWS " + other + " and PRECEDES disagree: " + trg.name + " fires before " + other;
    if (name.size() >= NAMEDATALEN)
        pg::Raise(ERRCODE_NAME_TOO_LONG, "the trigger name for the firing order of " + trg.name + " (" + name +
                                             ") is too long; use shorter trigger names");
    return name;
}

}  // namespace

std::string CreateOracleTrigger(const std::string &text, int script_line, int *body_line) {
    parser::OracleTrigger trg;
    try {
        trg = parser::ParseOracleTrigger(text);
    } catch (const parser::SyntaxError &e) {
        pg::Raise(ERRCODE_SYNTAX_ERROR,
                  std::string(e.what()) + " (line " + std::to_string(script_line + e.line() - 1) + " of the script)");
    }
    *body_line = script_line + trg.body_line - 1;
    if (trg.IsSystem()) {
        // Oracle's triggers share one namespace per schema: a table's
        // trigger of the name is the same name.
        if (!FindTriggers(trg.schema, trg.name).empty())
            pg::Raise(ERRCODE_DUPLICATE_OBJECT, "ORA-04081: trigger '" + Upper(trg.name) + "' already exists");
        return CreateSystemTrigger(trg);
    }
    Table table = ResolveTable(trg.table);
    const std::string schema = trg.schema.empty() ? table.schema : trg.schema;
    // The names of the trigger's schema only: another schema's trigger of
    // the same name is another trigger, as in Oracle.
    std::vector<FoundTrigger> existing;
    for (FoundTrigger &f : FindTriggers(schema, trg.name))
        if (OwnFunction(f) || f.relid == table.relid) existing.push_back(std::move(f));
    if (!existing.empty() && !trg.or_replace)
        pg::Raise(ERRCODE_DUPLICATE_OBJECT, "ORA-04081: trigger '" + Upper(trg.name) + "' already exists");
    for (const FoundTrigger &old : existing) {
        // OR REPLACE: one trigger of the name, wherever it was.
        pg::ExecuteScriptStatement("DROP TRIGGER " + compile::QuoteIdent(old.name) + " ON " + old.table);
    }
    if (trg.name.size() + strlen(kFunctionSuffix) >= NAMEDATALEN)
        pg::Raise(ERRCODE_NAME_TOO_LONG, "the trigger name " + trg.name + " is too long: its function " + trg.name +
                                             kFunctionSuffix + " would be longer than 63 bytes");
    const std::string function = compile::QuoteIdent(schema) + "." + compile::QuoteIdent(trg.name + kFunctionSuffix);
    std::string body = trg.body;
    // PostgreSQL's WHEN refuses OLD in an INSERT trigger and NEW in a DELETE
    // one, which Oracle allows (the row's fields are NULL): such a condition
    // is tested by the function instead, around the body as written (on its
    // first line, so that the body's lines stay the user's).
    std::string when = trg.when.empty() ? std::string() : parser::TriggerWhenCondition(trg);
    const bool when_old = when.find("OLD.") != std::string::npos;
    const bool when_new = when.find("NEW.") != std::string::npos;
    if (!when.empty() && ((trg.on_insert && when_old) || (trg.on_delete && when_new))) {
        body = "BEGIN IF " + trg.when + " THEN <<" + compile::QuoteIdent(trg.name) + ">> " + body + " END IF; END;";
        when.clear();
    }
    if (trg.old_name != "old" || trg.new_name != "new")
        body = parser::ReferencingMarker(trg.old_name, trg.new_name) + body;
    std::string tag = parser::DollarTagFor(body);
    // Oracle's triggers run with their owner's rights, on the path the
    // owner had (rule 2: a definer-rights function pins its path).
    pg::ExecuteScriptStatement("CREATE OR REPLACE FUNCTION " + function +
                               "() RETURNS trigger SECURITY DEFINER SET search_path = " + pg::FrozenSearchPath() +
                               " LANGUAGE plpolar AS " + tag + body + "\n" + tag);
    // Like every Oracle unit, only its owner may call it directly.
    pg::ExecuteScriptStatement("REVOKE ALL ON FUNCTION " + function + "() FROM PUBLIC");
    std::string events;
    if (trg.on_insert) events += " INSERT";
    if (trg.on_update) {
        events += std::string(events.empty() ? "" : " OR") + " UPDATE";
        for (size_t i = 0; i < trg.update_columns.size(); ++i)
            events += (i == 0 ? " OF " : ", ") + compile::QuoteIdent(trg.update_columns[i]);
    }
    if (trg.on_delete) events += std::string(events.empty() ? "" : " OR") + " DELETE";
    // The PostgreSQL triggers: one, or a compound trigger's BEFORE and AFTER
    // STATEMENT ones (always: they begin and end the state its sections
    // share) and one per row section.
    struct Attach {
        std::string name;
        const char *timing;
        bool row;
    };
    std::vector<Attach> attach;
    std::string order_notes;
    const std::string pg_name = FiringOrderName(trg, table, &order_notes);
    switch (trg.timing) {
        case parser::OracleTrigger::Timing::Before: attach.push_back({pg_name, "BEFORE", trg.for_each_row}); break;
        case parser::OracleTrigger::Timing::After: attach.push_back({pg_name, "AFTER", trg.for_each_row}); break;
        case parser::OracleTrigger::Timing::InsteadOf: attach.push_back({pg_name, "INSTEAD OF", true}); break;
        case parser::OracleTrigger::Timing::Compound: {
            attach.push_back({trg.name, "BEFORE", false});
            auto has = [&trg](parser::CompoundTiming t) {
                for (int s : trg.compound_sections)
                    if (s == static_cast<int>(t)) return true;
                return false;
            };
            if (has(parser::CompoundTiming::BeforeEachRow))
                attach.push_back({trg.name + "$before_row", "BEFORE", true});
            if (has(parser::CompoundTiming::AfterEachRow)) attach.push_back({trg.name + "$after_row", "AFTER", true});
            if (has(parser::CompoundTiming::InsteadOfEachRow))
                attach.push_back({trg.name + "$instead_row", "INSTEAD OF", true});
            attach.push_back({trg.name + "$after_statement", "AFTER", false});
            break;
        }
    }
    // PostgreSQL would cut longer names to 63 bytes, and the cut names of
    // two triggers could meet.
    for (const Attach &a : attach)
        if (a.name.size() >= NAMEDATALEN)
            pg::Raise(ERRCODE_NAME_TOO_LONG, "the PostgreSQL trigger name " + a.name + " made for " + trg.name +
                                                 " is longer than 63 bytes; use a shorter trigger name");
    for (const Attach &a : attach) {
        std::string sql = "CREATE TRIGGER " + compile::QuoteIdent(a.name) + " " + a.timing + events + " ON " +
                          table.qualified + (a.row ? " FOR EACH ROW" : " FOR EACH STATEMENT");
        if (!when.empty()) sql += " WHEN (" + compile::QualifySql(when) + ")";
        sql += " EXECUTE FUNCTION " + function + "()";
        pg::ExecuteScriptStatement(sql);
        if (!trg.enabled)
            pg::ExecuteScriptStatement("ALTER TABLE " + table.qualified + " DISABLE TRIGGER " +
                                       compile::QuoteIdent(a.name));
    }
    Oid fn_oid = pg::RoutineOfCreateStatement("CREATE FUNCTION " + function + "() RETURNS trigger AS '' LANGUAGE sql");
    CheckBody(trg, fn_oid, table.relid);
    std::string action = std::string("CREATE ") + (trg.or_replace ? "OR REPLACE " : "") + "TRIGGER " + trg.name;
    if (!trg.enabled) action += " (disabled)";
    if (pg_name != trg.name) action += " (PostgreSQL trigger " + pg_name + ", for its firing order)";
    action += order_notes;
    for (const std::string &note : trg.notes) action += "; " + note;
    return action;
}

std::string AttachedTriggerFunctions() {
    // plpolar.exec's own: "<name>$trigger", a plpolar trigger function with
    // its owner's rights, that a trigger uses and the current user may drop.
    auto rows = pg::QueryTextRows(
        "SELECT pg_catalog.array_agg(p.oid)::pg_catalog.text FROM pg_catalog.pg_proc p "
        "JOIN pg_catalog.pg_language l ON l.oid OPERATOR(pg_catalog.=) p.prolang "
        "WHERE l.lanname OPERATOR(pg_catalog.=) 'plpolar' AND p.prorettype OPERATOR(pg_catalog.=) "
        "'pg_catalog.trigger'::pg_catalog.regtype AND p.prosecdef AND "
        "p.proname OPERATOR(pg_catalog.~~) '%$trigger' AND "
        "pg_catalog.pg_has_role(p.proowner, 'USAGE') AND EXISTS (SELECT FROM pg_catalog.pg_trigger t "
        "WHERE t.tgfoid OPERATOR(pg_catalog.=) p.oid)",
        {});
    return rows.empty() || rows[0].empty() ? std::string() : rows[0][0];
}

void DropOrphanTriggerFunctions(const std::string &attached_before) {
    // Only those the statement detached: another user's unattached
    // function, or one detached earlier on purpose, stays.
    if (attached_before.empty()) return;
    auto rows = pg::QueryTextRows(
        "SELECT p.oid::pg_catalog.regprocedure::pg_catalog.text FROM pg_catalog.pg_proc p "
        "WHERE p.oid OPERATOR(pg_catalog.=) ANY ($1::pg_catalog.oid[]) AND NOT EXISTS "
        "(SELECT FROM pg_catalog.pg_trigger t WHERE t.tgfoid OPERATOR(pg_catalog.=) p.oid)",
        {attached_before});
    for (const auto &row : rows) pg::ExecuteScriptStatement("DROP FUNCTION " + row[0]);
}

bool RunTriggerCommand(const std::string &text, std::string *action) {
    // DROP TRIGGER [schema.]name / ALTER TRIGGER [schema.]name ...: Oracle's,
    // without PostgreSQL's ON table.
    std::vector<std::string> words;
    std::vector<std::string> raw;
    {
        std::string cur;
        bool quoted = false;
        for (char c : text) {
            if (c == '"') quoted = !quoted;
            if (!quoted && (std::isspace(static_cast<unsigned char>(c)) || c == ';')) {
                if (!cur.empty()) raw.push_back(cur);
                cur.clear();
                continue;
            }
            cur += c;
        }
        if (!cur.empty()) raw.push_back(cur);
        for (const auto &w : raw) words.push_back(Upper(w));
    }
    if (words.size() < 3 || words[1] != "TRIGGER" || (words[0] != "DROP" && words[0] != "ALTER")) return false;
    for (const auto &w : words)
        if (w == "ON") return false;  // PostgreSQL's own form
    std::string schema, name;
    SplitName(raw[2], &schema, &name);
    if (words[0] == "DROP" && words.size() != 3) return false;
    if (words[0] == "ALTER" && words.size() < 4) return false;
    if (FindTriggers(schema, name).empty() && RunSystemTriggerCommand(words, raw, schema, name, action)) return true;
    if (words[0] == "DROP") {
        DropTrigger(ResolveTrigger(schema, name));
        *action = "DROP TRIGGER " + name;
        return true;
    }
    if (words.size() < 4) return false;
    std::vector<FoundTrigger> all = ResolveTrigger(schema, name);
    const FoundTrigger &t = all.front();
    const std::string &what = words[3];
    if ((what == "ENABLE" || what == "DISABLE") && words.size() == 4) {
        for (const FoundTrigger &one : all)
            pg::ExecuteScriptStatement("ALTER TABLE " + one.table + " " + what + " TRIGGER " +
                                       compile::QuoteIdent(one.name));
        *action = "ALTER TRIGGER " + name + " " + what;
        return true;
    }
    if (what == "COMPILE") {
        // Recompiled now for its table: errors show here, not at the next
        // firing. DEBUG / REUSE SETTINGS change nothing here.
        compile::LookupOrCompile(t.function_oid, t.relid);
        *action = "ALTER TRIGGER " + name + " COMPILE";
        return true;
    }
    if (what == "RENAME" && words.size() == 6 && words[4] == "TO") {
        std::string new_schema, new_name;
        SplitName(raw[5], &new_schema, &new_name);
        if (new_name.size() + strlen(kFunctionSuffix) >= NAMEDATALEN)
            pg::Raise(ERRCODE_NAME_TOO_LONG, "the trigger name " + new_name + " is too long: its function " + new_name +
                                                 kFunctionSuffix + " would be longer than 63 bytes");
        for (const FoundTrigger &one : all) {
            // "<name>$<timing point>" (compound) and "<other>$<name>"
            // (firing order) keep their other part.
            std::string renamed = new_name;
            if (one.name.compare(0, name.size() + 1, name + "$") == 0)
                renamed = new_name + one.name.substr(name.size());
            else if (one.name.size() > name.size() + 1 &&
                     one.name.compare(one.name.size() - name.size() - 1, name.size() + 1, "$" + name) == 0)
                renamed = one.name.substr(0, one.name.size() - name.size()) + new_name;
            if (renamed.size() >= NAMEDATALEN)
                pg::Raise(ERRCODE_NAME_TOO_LONG, "the PostgreSQL trigger name " + renamed + " made for " + new_name +
                                                     " is longer than 63 bytes; use a shorter trigger name");
            pg::ExecuteScriptStatement("ALTER TRIGGER " + compile::QuoteIdent(one.name) + " ON " + one.table +
                                       " RENAME TO " + compile::QuoteIdent(renamed));
        }
        if (OwnFunction(t))
            pg::ExecuteScriptStatement("ALTER FUNCTION " + t.function + "() RENAME TO " +
                                       compile::QuoteIdent(new_name + kFunctionSuffix));
        *action = "ALTER TRIGGER " + name + " RENAME TO " + new_name;
        return true;
    }
    pg::Raise(ERRCODE_SYNTAX_ERROR, "ALTER TRIGGER " + name + ": expected ENABLE, DISABLE, COMPILE or RENAME TO name");
}

}  // namespace plpolar::handler
