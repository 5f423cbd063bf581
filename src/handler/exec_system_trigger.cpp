// Oracle's system triggers through plpolar.exec: AFTER LOGON / BEFORE
// LOGOFF ON DATABASE | SCHEMA | user.SCHEMA become the PolarDB-form session
// triggers (one pg_event_trigger row on after_user_logon or
// before_user_logoff, listed by \dy, dumped by pg_dump), and the DDL events
// PostgreSQL's own event triggers on ddl_command_start, ddl_command_end and
// sql_drop. The body is a LANGUAGE plpolar function "<name>$trigger" with
// its owner's rights, as for DML triggers; ALTER / DROP TRIGGER find the
// event trigger by name.
#include <string>
#include <vector>

#include "plpolar/compile/quoting.hpp"
#include "plpolar/handler/handler.hpp"
#include "plpolar/parser/script.hpp"
#include "plpolar/parser/trigger.hpp"
#include "plpolar/pg/catalog.hpp"
#include "plpolar/pg/guard.hpp"
#include "plpolar/pg/script.hpp"

namespace plpolar::handler {

namespace {

const char kFunctionSuffix[] = "$trigger";

std::string Upper(std::string s) {
    for (char &c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

bool Has(const std::vector<std::string> &events, const char *e) {
    for (const std::string &x : events)
        if (x == e) return true;
    return false;
}

// PostgreSQL's command tags for an Oracle DDL event: every tag of that
// verb an event trigger can see (PostgreSQL 15's cmdtaglist.h). RENAME is
// PostgreSQL's ALTER ... RENAME TO, told apart by ora_sysevent.
std::vector<std::string> CommandTags(const std::string &event) {
    static const char *const kShared[] = {"ACCESS METHOD",
                                          "AGGREGATE",
                                          "CAST",
                                          "COLLATION",
                                          "CONSTRAINT",
                                          "CONVERSION",
                                          "DOMAIN",
                                          "EXTENSION",
                                          "FOREIGN DATA WRAPPER",
                                          "FOREIGN TABLE",
                                          "FUNCTION",
                                          "INDEX",
                                          "LANGUAGE",
                                          "MATERIALIZED VIEW",
                                          "OPERATOR",
                                          "OPERATOR CLASS",
                                          "OPERATOR FAMILY",
                                          "POLICY",
                                          "PROCEDURE",
                                          "PUBLICATION",
                                          "ROUTINE",
                                          "RULE",
                                          "SCHEMA",
                                          "SEQUENCE",
                                          "SERVER",
                                          "STATISTICS",
                                          "SUBSCRIPTION",
                                          "TABLE",
                                          "TEXT SEARCH CONFIGURATION",
                                          "TEXT SEARCH DICTIONARY",
                                          "TEXT SEARCH PARSER",
                                          "TEXT SEARCH TEMPLATE",
                                          "TRANSFORM",
                                          "TRIGGER",
                                          "TYPE",
                                          "USER MAPPING",
                                          "VIEW"};
    std::vector<std::string> tags;
    if (event == "CREATE" || event == "ALTER" || event == "DROP" || event == "RENAME") {
        const std::string verb = event == "RENAME" ? "ALTER" : event;
        for (const char *o : kShared) tags.push_back(verb + " " + o);
        if (verb == "CREATE") tags.push_back("CREATE TABLE AS");
        if (verb == "ALTER") {
            tags.push_back("ALTER DEFAULT PRIVILEGES");
            tags.push_back("ALTER LARGE OBJECT");
        }
        if (verb == "DROP") tags.push_back("DROP OWNED");
    } else if (event == "GRANT" || event == "REVOKE" || event == "COMMENT") {
        tags.push_back(event);
    }
    return tags;
}

std::string TagList(const std::vector<std::string> &tags) {
    std::string out;
    std::vector<std::string> seen;
    for (const std::string &t : tags) {
        bool dup = false;
        for (const std::string &s : seen) dup = dup || s == t;
        if (dup) continue;
        seen.push_back(t);
        out += (out.empty() ? "" : ", ") + compile::QuoteLiteral(t);
    }
    return out;
}

struct EventTrigger {
    std::string name;
    std::string event;
    std::string function;  // schema.function, quoted
    std::string function_name;
    Oid function_oid = InvalidOid;
};

// Event triggers of Oracle trigger `name`: the trigger itself and, for an
// AFTER DDL trigger, its "<name>$drop" on sql_drop. `schema`, when given,
// is where the function lives.
std::vector<EventTrigger> FindEventTriggers(const std::string &schema, const std::string &name) {
    static const char sql[] =
        "SELECT e.evtname, e.evtevent, pg_catalog.quote_ident(n.nspname) OPERATOR(pg_catalog.||) '.' "
        "OPERATOR(pg_catalog.||) pg_catalog.quote_ident(p.proname), p.proname, p.oid "
        "FROM pg_catalog.pg_event_trigger e JOIN pg_catalog.pg_proc p ON p.oid OPERATOR(pg_catalog.=) e.evtfoid "
        "JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) p.pronamespace "
        "WHERE (e.evtname OPERATOR(pg_catalog.=) $1 OR e.evtname OPERATOR(pg_catalog.=) ($1 OPERATOR(pg_catalog.||) "
        "'$drop')) AND ($2 OPERATOR(pg_catalog.=) '' OR n.nspname OPERATOR(pg_catalog.=) $2) ORDER BY 1";
    std::vector<EventTrigger> out;
    for (const auto &row : pg::QueryTextRows(sql, {name, schema})) {
        EventTrigger e;
        e.name = row[0];
        e.event = row[1];
        e.function = row[2];
        e.function_name = row[3];
        e.function_oid = static_cast<Oid>(std::stoul(row[4]));
        // "<name>$drop" only with its own function: another trigger may be
        // called so.
        if (e.name != name && e.function_name != name + kFunctionSuffix) continue;
        out.push_back(std::move(e));
    }
    return out;
}

int EventTriggersOfFunction(Oid fn) {
    auto rows = pg::QueryTextRows(
        "SELECT pg_catalog.count(*) FROM pg_catalog.pg_event_trigger WHERE evtfoid OPERATOR(pg_catalog.=) "
        "$1::pg_catalog.oid",
        {std::to_string(fn)});
    return rows.empty() ? 0 : std::stoi(rows[0][0]);
}

void DropEventTriggers(const std::vector<EventTrigger> &found, const std::string &oracle_name) {
    for (const EventTrigger &e : found) pg::ExecuteScriptStatement("DROP EVENT TRIGGER " + compile::QuoteIdent(e.name));
    // The function went with the trigger in Oracle's eyes; others' stay.
    for (const EventTrigger &e : found)
        if (e.function_name == oracle_name + kFunctionSuffix && EventTriggersOfFunction(e.function_oid) == 0) {
            pg::ExecuteScriptStatement("DROP FUNCTION IF EXISTS " + e.function + "()");
            break;
        }
}

// ON SCHEMA: the sessions of the schema's user. In Oracle a schema is its
// user; here ON name.SCHEMA is the role of that name, else the owner of
// the schema of that name; ON SCHEMA the owner of the trigger's schema
// when it is named (CREATE TRIGGER hr.t ...), else the creator.
std::string ScopeUser(const parser::OracleTrigger &trg, const std::string &schema) {
    if (!trg.scope_user.empty()) {
        auto rows = pg::QueryTextRows(
            "SELECT r.rolname FROM pg_catalog.pg_roles r WHERE r.rolname OPERATOR(pg_catalog.=) $1 UNION ALL "
            "SELECT pg_catalog.pg_get_userbyid(n.nspowner) FROM pg_catalog.pg_namespace n "
            "WHERE n.nspname OPERATOR(pg_catalog.=) $1 AND NOT EXISTS (SELECT FROM pg_catalog.pg_roles "
            "WHERE rolname OPERATOR(pg_catalog.=) $1)",
            {trg.scope_user});
        if (rows.empty())
            pg::Raise(ERRCODE_UNDEFINED_OBJECT, "ORA-01918: user '" + Upper(trg.scope_user) + "' does not exist (ON " +
                                                    trg.scope_user + ".SCHEMA)");
        return rows[0][0];
    }
    if (trg.schema.empty()) {
        // Oracle's ON SCHEMA is the creator's own: its sessions.
        auto rows = pg::QueryTextRows("SELECT pg_catalog.current_user()", {});
        return rows[0][0];
    }
    auto rows = pg::QueryTextRows(
        "SELECT pg_catalog.pg_get_userbyid(n.nspowner) FROM pg_catalog.pg_namespace n "
        "WHERE n.nspname OPERATOR(pg_catalog.=) $1",
        {schema});
    if (rows.empty()) pg::Raise(ERRCODE_UNDEFINED_SCHEMA, "schema \"" + schema + "\" does not exist");
    return rows[0][0];
}

std::string CreationSchema(const parser::OracleTrigger &trg) {
    if (!trg.schema.empty()) return trg.schema;
    auto rows = pg::QueryTextRows("SELECT pg_catalog.current_schema()", {});
    if (rows.empty() || rows[0][0].empty())
        pg::Raise(ERRCODE_UNDEFINED_SCHEMA, "no schema has been selected to create in");
    return rows[0][0];
}

bool IsSuperuser() {
    auto rows = pg::QueryTextRows(
        "SELECT r.rolsuper FROM pg_catalog.pg_roles r WHERE r.rolname OPERATOR(pg_catalog.=) "
        "pg_catalog.current_user()",
        {});
    return !rows.empty() && rows[0][0] == "t";
}

}  // namespace

std::string CreateSystemTrigger(const parser::OracleTrigger &trg) {
    const std::vector<std::string> &events = trg.system_events;
    const bool after = trg.timing == parser::OracleTrigger::Timing::After;
    const bool logon = Has(events, "LOGON");
    const bool logoff = Has(events, "LOGOFF");
    if (logon && !after) pg::Raise(ERRCODE_SYNTAX_ERROR, "ORA-30508: client logon triggers cannot have BEFORE type");
    if (logoff && after) pg::Raise(ERRCODE_SYNTAX_ERROR, "ORA-30509: client logoff triggers cannot have AFTER type");
    if (Has(events, "TRUNCATE"))
        pg::Raise(ERRCODE_FEATURE_NOT_SUPPORTED,
                  "CREATE TRIGGER ... TRUNCATE ON " +
                      std::string(trg.scope == parser::OracleTrigger::Scope::Database ? "DATABASE" : "SCHEMA") +
                      ": PostgreSQL's event triggers do not see TRUNCATE",
                  "Use a statement-level trigger on the table: CREATE TRIGGER ... BEFORE TRUNCATE ON t FOR EACH "
                  "STATEMENT EXECUTE FUNCTION f().");
    if ((logon || logoff) && events.size() > 1)
        pg::Raise(ERRCODE_FEATURE_NOT_SUPPORTED,
                  "a " + std::string(logon ? "LOGON" : "LOGOFF") + " trigger here has no other events",
                  "Create one trigger for the session event and another for the DDL events.");
    // Every system trigger fires in other users' sessions or commands. A
    // schema's own is refused too: it would run in the same
    // subtransaction as the database's audit triggers (one failing undoes
    // the others' work for the session), and PostgreSQL's event triggers
    // belong to superusers (pg_dump restores them as such).
    if (!IsSuperuser())
        pg::Raise(ERRCODE_INSUFFICIENT_PRIVILEGE, "ORA-01031: insufficient privileges",
                  std::string("Only a superuser creates ") + (logon || logoff ? "logon and logoff" : "DDL") +
                      " triggers, ON DATABASE or ON user.SCHEMA, including a user's own schema: a failing one "
                      "would undo the audit triggers' work for the session.");
    const std::string schema = CreationSchema(trg);
    if (trg.name.size() + strlen(kFunctionSuffix) >= NAMEDATALEN)
        pg::Raise(ERRCODE_NAME_TOO_LONG, "the trigger name " + trg.name + " is too long: its function " + trg.name +
                                             kFunctionSuffix + " would be longer than 63 bytes");
    if (trg.name.size() + strlen("$drop") >= NAMEDATALEN && after && (Has(events, "DROP") || Has(events, "DDL")))
        pg::Raise(ERRCODE_NAME_TOO_LONG, "the trigger name " + trg.name + " is too long: its event trigger " +
                                             trg.name + "$drop would be longer than 63 bytes");
    // Event trigger names are the database's, not a schema's.
    std::vector<EventTrigger> existing = FindEventTriggers(std::string(), trg.name);
    if (!existing.empty() && !trg.or_replace)
        pg::Raise(ERRCODE_DUPLICATE_OBJECT, "ORA-04081: trigger '" + Upper(trg.name) + "' already exists");
    DropEventTriggers(existing, trg.name);

    std::string user;
    if (trg.scope == parser::OracleTrigger::Scope::Schema) user = ScopeUser(trg, schema);
    const std::string function = compile::QuoteIdent(schema) + "." + compile::QuoteIdent(trg.name + kFunctionSuffix);
    std::string body = trg.body;
    if (!(logon || logoff)) {
        // A DDL trigger ON SCHEMA fires for that user's commands, and
        // RENAME without ALTER for ALTER ... RENAME only: tested on the
        // function's first line, which keeps the body's lines the user's.
        std::string skip;
        if (!user.empty()) skip = "SESSION_USER <> " + compile::QuoteLiteral(user);
        if (Has(events, "RENAME") && !Has(events, "ALTER") && !Has(events, "DDL")) {
            std::string others;
            for (const std::string &e : events) others += ", " + compile::QuoteLiteral(e);
            skip += std::string(skip.empty() ? "" : " OR ") + "ORA_SYSEVENT NOT IN (" + others.substr(2) + ")";
        }
        if (!skip.empty())
            body = "BEGIN IF " + skip + " THEN RETURN; END IF; <<" + compile::QuoteIdent(trg.name) + ">> " + body +
                   " END;";
    }
    std::string tag = parser::DollarTagFor(body);
    pg::ExecuteScriptStatement("CREATE OR REPLACE FUNCTION " + function +
                               "() RETURNS event_trigger SECURITY DEFINER SET search_path = " + pg::FrozenSearchPath() +
                               " LANGUAGE plpolar AS " + tag + body + "\n" + tag);
    pg::ExecuteScriptStatement("REVOKE ALL ON FUNCTION " + function + "() FROM PUBLIC");

    struct Make {
        std::string name;
        std::string event;
        std::string tags;  // WHEN TAG IN (...) or empty
    };
    std::vector<Make> make;
    if (logon || logoff) {
        make.push_back({trg.name, logon ? "after_user_logon" : "before_user_logoff",
                        user.empty() ? std::string() : compile::QuoteLiteral(user)});
    } else if (Has(events, "DDL")) {
        make.push_back({trg.name, after ? "ddl_command_end" : "ddl_command_start", std::string()});
        if (after) make.push_back({trg.name + "$drop", "sql_drop", std::string()});
    } else {
        std::vector<std::string> tags;
        std::vector<std::string> drop_tags;
        for (const std::string &e : events) {
            for (const std::string &t : CommandTags(e)) (after && e == "DROP" ? drop_tags : tags).push_back(t);
        }
        // AFTER DROP: PostgreSQL names the dropped objects in sql_drop only.
        if (!tags.empty()) make.push_back({trg.name, after ? "ddl_command_end" : "ddl_command_start", TagList(tags)});
        if (!drop_tags.empty())
            make.push_back({tags.empty() ? trg.name : trg.name + "$drop", "sql_drop", TagList(drop_tags)});
    }
    for (const Make &m : make) {
        std::string sql = "CREATE EVENT TRIGGER " + compile::QuoteIdent(m.name) + " ON " + m.event;
        if (!m.tags.empty()) sql += " WHEN TAG IN (" + m.tags + ")";
        sql += " EXECUTE FUNCTION " + function + "()";
        pg::ExecuteScriptStatement(sql);
        if (!trg.enabled) pg::ExecuteScriptStatement("ALTER EVENT TRIGGER " + compile::QuoteIdent(m.name) + " DISABLE");
    }
    std::string action = std::string("CREATE ") + (trg.or_replace ? "OR REPLACE " : "") + "TRIGGER " + trg.name;
    action += " (event trigger";
    for (size_t i = 0; i < make.size(); ++i) action += (i == 0 ? " " : ", ") + make[i].name + " ON " + make[i].event;
    if (!user.empty()) action += ", sessions of " + user;
    action += ")";
    if (!trg.enabled) action += " (disabled)";
    for (const std::string &note : trg.notes) action += "; " + note;
    return action;
}

bool RunSystemTriggerCommand(const std::vector<std::string> &words, const std::vector<std::string> &raw,
                             const std::string &schema, const std::string &name, std::string *action) {
    std::vector<EventTrigger> found = FindEventTriggers(schema, name);
    if (found.empty()) return false;
    if (words[0] == "DROP") {
        DropEventTriggers(found, name);
        *action = "DROP TRIGGER " + name;
        return true;
    }
    const std::string &what = words[3];
    if ((what == "ENABLE" || what == "DISABLE") && words.size() == 4) {
        for (const EventTrigger &e : found)
            pg::ExecuteScriptStatement("ALTER EVENT TRIGGER " + compile::QuoteIdent(e.name) + " " + what);
        *action = "ALTER TRIGGER " + name + " " + what;
        return true;
    }
    if (what == "COMPILE") {
        // The validator compiles the body again: errors show here.
        pg::ExecuteScriptStatement("SELECT plpolar_validator(" + std::to_string(found[0].function_oid) + "::oid)");
        *action = "ALTER TRIGGER " + name + " COMPILE";
        return true;
    }
    if (what == "RENAME" && words.size() == 6 && words[4] == "TO") {
        std::string new_schema, new_name;
        std::string unused;
        // The new name as written, folded as an identifier.
        new_name = raw[5];
        if (!new_name.empty() && new_name.front() == '"' && new_name.back() == '"')
            new_name = new_name.substr(1, new_name.size() - 2);
        else
            for (char &c : new_name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (new_name.size() + strlen(kFunctionSuffix) >= NAMEDATALEN)
            pg::Raise(ERRCODE_NAME_TOO_LONG, "the trigger name " + new_name + " is too long: its function " + new_name +
                                                 kFunctionSuffix + " would be longer than 63 bytes");
        for (const EventTrigger &e : found) {
            std::string renamed = e.name == name ? new_name : new_name + e.name.substr(name.size());
            pg::ExecuteScriptStatement("ALTER EVENT TRIGGER " + compile::QuoteIdent(e.name) + " RENAME TO " +
                                       compile::QuoteIdent(renamed));
        }
        if (found[0].function_name == name + kFunctionSuffix)
            pg::ExecuteScriptStatement("ALTER FUNCTION " + found[0].function + "() RENAME TO " +
                                       compile::QuoteIdent(new_name + kFunctionSuffix));
        *action = "ALTER TRIGGER " + name + " RENAME TO " + new_name;
        return true;
    }
    pg::Raise(ERRCODE_SYNTAX_ERROR, "ALTER TRIGGER " + name + ": expected ENABLE, DISABLE, COMPILE or RENAME TO name");
}

}  // namespace plpolar::handler
