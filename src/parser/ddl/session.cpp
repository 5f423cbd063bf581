// ALTER SESSION as Oracle scripts use it: the settings PostgreSQL has a
// counterpart for become SET, the others are accepted without an effect and
// said so.
#include <cctype>
#include <string>

#include "ddl_internal.hpp"
#include "plpolar/parser/sql_text.hpp"

namespace plpolar::parser::ddl {

namespace {

// The value as written: 'text' (unquoted), a word or a number.
std::string Value(const Tokens &t, size_t from, size_t to) {
    if (to == from + 1 && t[from].kind == Token::Kind::String) {
        const std::string &s = t[from].text;
        std::string value;
        for (size_t k = 1; k + 1 < s.size(); ++k) {
            value += s[k];
            if (s[k] == '\'') ++k;
        }
        return value;
    }
    return t.Slice(from, to);
}

bool IsOffset(const std::string &v) {
    // +hh:mi / -hh:mi
    if (v.size() < 5 || (v[0] != '+' && v[0] != '-')) return false;
    for (size_t k = 1; k < v.size(); ++k)
        if (!std::isdigit(static_cast<unsigned char>(v[k])) && v[k] != ':') return false;
    return true;
}

// Oracle's ALTER SESSION SET clauses and the initialization parameters a
// session may change (V$PARAMETER.ISSES_MODIFIABLE, 11g to 23ai): scripts
// set them freely, and they are accepted; any other name is Oracle's
// ORA-02248, which here catches a misspelt parameter too.
bool IsOracleSessionParameter(const std::string &name) {
    static const char *const kNames[] = {
        "APPROX_FOR_AGGREGATION",
        "APPROX_FOR_COUNT_DISTINCT",
        "APPROX_FOR_PERCENTILE",
        "ASM_POWER_LIMIT",
        "B_TREE_BITMAP_PLANS",
        "CELL_OFFLOAD_PROCESSING",
        "COMMIT_LOGGING",
        "COMMIT_WAIT",
        "COMMIT_WRITE",
        "CONSTRAINT",
        "CONSTRAINTS",
        "CONTAINER",
        "CONTAINER_DATA",
        "CREATE_STORED_OUTLINES",
        "CURRENT_SCHEMA",
        "CURSOR_BIND_CAPTURE_DESTINATION",
        "CURSOR_INVALIDATION",
        "CURSOR_SHARING",
        "DB_BLOCK_CHECKING",
        "DB_BLOCK_CHECKSUM",
        "DB_CREATE_FILE_DEST",
        "DB_CREATE_ONLINE_LOG_DEST_1",
        "DB_CREATE_ONLINE_LOG_DEST_2",
        "DB_CREATE_ONLINE_LOG_DEST_3",
        "DB_CREATE_ONLINE_LOG_DEST_4",
        "DB_CREATE_ONLINE_LOG_DEST_5",
        "DB_FILE_MULTIBLOCK_READ_COUNT",
        "DB_INDEX_COMPRESSION_INHERITANCE",
        "DB_SECUREFILE",
        "DB_UNRECOVERABLE_SCN_TRACKING",
        "DDL_LOCK_TIMEOUT",
        "DEFAULT_COLLATION",
        "DEFERRED_SEGMENT_CREATION",
        "DST_UPGRADE_INSERT_CONV",
        "EDITION",
        "ENABLE_DDL_LOGGING",
        "ERROR_ON_OVERLAP_TIME",
        "EVENTS",
        "FLAGGER",
        "GLOBAL_NAMES",
        "HASH_AREA_SIZE",
        "HASH_JOIN_ENABLED",
        "HEAT_MAP",
        "INMEMORY_COMPRESSION",
        "INMEMORY_QUERY",
        "INSTANCE",
        "ISOLATION_LEVEL",
        "JAVA_JIT_ENABLED",
        "LOG_ARCHIVE_MIN_SUCCEED_DEST",
        "MAX_DUMP_FILE_SIZE",
        "MAX_IDLE_TIME",
        "NLS_CALENDAR",
        "NLS_COMP",
        "NLS_CURRENCY",
        "NLS_DATE_FORMAT",
        "NLS_DATE_LANGUAGE",
        "NLS_DUAL_CURRENCY",
        "NLS_ISO_CURRENCY",
        "NLS_LANGUAGE",
        "NLS_LENGTH_SEMANTICS",
        "NLS_NCHAR_CONV_EXCP",
        "NLS_NUMERIC_CHARACTERS",
        "NLS_SORT",
        "NLS_TERRITORY",
        "NLS_TIMESTAMP_FORMAT",
        "NLS_TIMESTAMP_TZ_FORMAT",
        "NLS_TIME_FORMAT",
        "NLS_TIME_TZ_FORMAT",
        "OBJECT_CACHE_MAX_SIZE_PERCENT",
        "OBJECT_CACHE_OPTIMAL_SIZE",
        "OLAP_PAGE_POOL_SIZE",
        "OPTIMIZER_ADAPTIVE_FEATURES",
        "OPTIMIZER_ADAPTIVE_PLANS",
        "OPTIMIZER_ADAPTIVE_REPORTING_ONLY",
        "OPTIMIZER_ADAPTIVE_STATISTICS",
        "OPTIMIZER_CAPTURE_SQL_PLAN_BASELINES",
        "OPTIMIZER_DYNAMIC_SAMPLING",
        "OPTIMIZER_FEATURES_ENABLE",
        "OPTIMIZER_IGNORE_HINTS",
        "OPTIMIZER_IGNORE_PARALLEL_HINTS",
        "OPTIMIZER_INDEX_CACHING",
        "OPTIMIZER_INDEX_COST_ADJ",
        "OPTIMIZER_INMEMORY_AWARE",
        "OPTIMIZER_MODE",
        "OPTIMIZER_PERCENT_PARALLEL",
        "OPTIMIZER_REAL_TIME_STATISTICS",
        "OPTIMIZER_SECURE_VIEW_MERGING",
        "OPTIMIZER_SESSION_TYPE",
        "OPTIMIZER_USE_INVISIBLE_INDEXES",
        "OPTIMIZER_USE_PENDING_STATISTICS",
        "OPTIMIZER_USE_SQL_PLAN_BASELINES",
        "PARALLEL_DEGREE_LIMIT",
        "PARALLEL_DEGREE_POLICY",
        "PARALLEL_FORCE_LOCAL",
        "PARALLEL_INSTANCE_GROUP",
        "PARALLEL_MIN_PERCENT",
        "PARALLEL_MIN_TIME_THRESHOLD",
        "PLSCOPE_SETTINGS",
        "PLSQL_CCFLAGS",
        "PLSQL_CODE_TYPE",
        "PLSQL_COMPILER_FLAGS",
        "PLSQL_DEBUG",
        "PLSQL_IMPLICIT_CONVERSION_BOOL",
        "PLSQL_OPTIMIZE_LEVEL",
        "PLSQL_V2_COMPATIBILITY",
        "PLSQL_WARNINGS",
        "QUERY_REWRITE_ENABLED",
        "QUERY_REWRITE_INTEGRITY",
        "RECYCLEBIN",
        "REMOTE_DEPENDENCIES_MODE",
        "RESULT_CACHE_MODE",
        "RESUMABLE_TIMEOUT",
        "ROW",
        "SESSION_CACHED_CURSORS",
        "SKIP_UNUSABLE_INDEXES",
        "SORT_AREA_RETAINED_SIZE",
        "SORT_AREA_SIZE",
        "SPATIAL_VECTOR_ACCELERATION",
        "SQLTUNE_CATEGORY",
        "SQL_TRACE",
        "SQL_TRANSLATION_PROFILE",
        "STANDBY_MAX_DATA_DELAY",
        "STAR_TRANSFORMATION_ENABLED",
        "STATISTICS_LEVEL",
        "TEMP_UNDO_ENABLED",
        "TIMED_OS_STATISTICS",
        "TIMED_STATISTICS",
        "TIME_ZONE",
        "TRACEFILE_IDENTIFIER",
        "USE_PRIVATE_OUTLINES",
        "USE_STORED_OUTLINES",
        "WORKAREA_SIZE_POLICY",
        "XML_DB_EVENTS",
    };
    // Oracle's hidden parameters ("_name") are session-settable as well.
    if (!name.empty() && name[0] == '_') return true;
    for (const char *known : kNames)
        if (name == known) return true;
    return false;
}

}  // namespace

bool TranslateAlterSession(const Tokens &t, size_t at, Collected &out, std::string &head) {
    size_t i = at + 1;  // past SESSION
    head = "ALTER SESSION";
    if (!t.Is(i, "SET")) {
        // ENABLE / DISABLE / FORCE PARALLEL ..., ADVISE, CLOSE DATABASE LINK
        out.no_effect.push_back(Describe(t, i, t.size()));
        return true;
    }
    ++i;
    // SET name = value [name = value ...]
    while (i < t.size()) {
        if (t[i].kind != Token::Kind::Word && t[i].kind != Token::Kind::Quoted)
            t.Fail(i, "a session parameter expected");
        const size_t name_at = i;
        std::string name = t[i].upper;
        if (t[i].kind == Token::Kind::Quoted) name = Upper(FoldedName(t[i].text));
        // Clauses of more than a word, and EVENTS 'spec' (no = there).
        if (name == "ROW" && t.Is(i + 1, "ARCHIVAL") && t.Is(i + 2, "VISIBILITY")) {
            i += 2;
        } else if (name == "EVENTS" && t[i + 1].kind == Token::Kind::String) {
            out.no_effect.push_back(t.Slice(i, i + 2));
            i += 2;
            continue;
        }
        if (t[i + 1].text != "=") t.Fail(i + 1, "= expected after " + t[i].text);
        size_t v = i + 2;
        size_t e = v;
        if (t[e].kind == Token::Kind::Open) {
            e = t.Matching(e) + 1;
        } else {
            // a value: one token, or a sign and a number
            if (t[e].kind == Token::Kind::Other && (t[e].text == "-" || t[e].text == "+")) ++e;
            ++e;
        }
        if (v >= t.size()) t.Fail(v, "a value expected for " + t[i].text);
        std::string value = Value(t, v, e);
        std::string upper = Upper(value);
        std::string described = t.Slice(name_at, i + 1) + " = " + t.Slice(v, e);
        if (name == "NLS_DATE_FORMAT" || name == "NLS_TIMESTAMP_FORMAT" || name == "NLS_TIMESTAMP_TZ_FORMAT") {
            std::string setting = name == "NLS_DATE_FORMAT"        ? "plpolar.nls_date_format"
                                  : name == "NLS_TIMESTAMP_FORMAT" ? "plpolar.nls_timestamp_format"
                                                                   : "plpolar.nls_timestamp_tz_format";
            out.statements.push_back("SET " + setting + " = " + StandardLiteral(value));
            out.notes.push_back(described + " is " + setting);
        } else if (name == "TIME_ZONE") {
            if (upper == "LOCAL" || upper == "DBTIMEZONE") {
                out.statements.push_back("SET TIME ZONE LOCAL");
            } else if (IsOffset(value)) {
                // An ISO offset (PostgreSQL's string form would read it
                // as POSIX, east and west swapped).
                out.statements.push_back("SET TIME ZONE INTERVAL " + StandardLiteral(value) + " HOUR TO MINUTE");
            } else {
                out.statements.push_back("SET TIME ZONE " + StandardLiteral(value));
            }
            out.notes.push_back(described + " is SET TIME ZONE");
        } else if (name == "CURRENT_SCHEMA") {
            // Oracle resolves unqualified names in that schema instead of
            // the user's own.
            // In a logon trigger it waits for the triggers' end, as
            // SET_ROLE does (session/session_changes.c).
            if (e != v + 1 || (t[v].kind != Token::Kind::Word && t[v].kind != Token::Kind::Quoted))
                t.Fail(v, "a schema name expected for CURRENT_SCHEMA");
            out.statements.push_back("SELECT plpolar.set_current_schema(" + StandardLiteral(FoldedName(t[v].text)) +
                                     ")");
            out.notes.push_back(described + " is the search_path");
        } else if (name == "DDL_LOCK_TIMEOUT" && t[v].kind == Token::Kind::Number) {
            out.statements.push_back("SET lock_timeout = '" + t[v].text + "s'");
            out.notes.push_back(described + " is lock_timeout (for every statement here)");
        } else if (name == "ISOLATION_LEVEL") {
            std::string level = upper == "SERIALIZABLE" ? "serializable" : "read committed";
            out.statements.push_back("SET default_transaction_isolation = '" + level + "'");
            out.notes.push_back(described + " is default_transaction_isolation (from the next transaction)");
        } else if (name == "NLS_LENGTH_SEMANTICS") {
            out.notes.push_back(described + ": no effect (VARCHAR2(n) counts characters here, VARCHAR2(n BYTE) bytes)");
        } else if (IsOracleSessionParameter(name)) {
            // NLS_LANGUAGE, NLS_TERRITORY, NLS_NUMERIC_CHARACTERS, NLS_SORT,
            // NLS_COMP, PLSQL_*, OPTIMIZER_*, SQL_TRACE, EVENTS, EDITION, ...
            out.no_effect.push_back(described);
        } else {
            t.Refuse(
                i, "ORA-02248: invalid option for ALTER SESSION: " + t[i].text + " is not a parameter a session sets");
        }
        i = e;
    }
    return true;
}

bool TranslateSetRole(const Tokens &t, size_t at, Collected &out, std::string &head) {
    // The role command as DBMS_SESSION.SET_ROLE takes it; PostgreSQL's
    // SET ROLE 'name' names the role exactly.
    std::string cmd;
    if (t.size() == at + 2 && t[at + 1].kind == Token::Kind::String) {
        cmd = "\"";
        for (char c : Value(t, at + 1, at + 2)) cmd += c == '"' ? std::string("\"\"") : std::string(1, c);
        cmd += "\"";
    } else {
        if (t.size() <= at + 1) t.Fail(at + 1, "a role, ALL or NONE expected after SET ROLE");
        cmd = t.Slice(at + 1, t.size());
    }
    head = "SET ROLE";
    // The check and, in a logon trigger, the wait for the triggers' end
    // are DBMS_SESSION.SET_ROLE's (session/set_role.c).
    out.statements.push_back("CALL dbms_session.set_role(" + StandardLiteral(cmd) + ")");
    return true;
}

}  // namespace plpolar::parser::ddl
