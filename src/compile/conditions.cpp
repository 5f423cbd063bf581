#include "plpolar/compile/conditions.hpp"

#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "plpolar/pg/collection.hpp"

namespace plpolar::compile {

namespace {

struct NamedCode {
    const char *name;
    int sqlstate;
};

// Generated from the server's utils/errcodes.h by the Makefile.
const NamedCode kPgConditions[] = {
#include "condition_names.inc"
};

// Oracle's predefined exceptions. `code` is SQLCODE, `text` what SQLERRM
// shows after "ORA-nnnnn: ", and the SQLSTATEs the PostgreSQL errors with
// the same meaning carry.
struct Predefined {
    const char *name;
    int code;
    const char *text;
    int sqlstates[4];
};

const Predefined kPredefined[] = {
    {"no_data_found", 100, "no data found", {ERRCODE_NO_DATA_FOUND}},
    {"too_many_rows", -1422, "exact fetch returns more than requested number of rows", {ERRCODE_TOO_MANY_ROWS}},
    {"zero_divide", -1476, "divisor is equal to zero", {ERRCODE_DIVISION_BY_ZERO}},
    {"dup_val_on_index", -1, "unique constraint (.) violated", {ERRCODE_UNIQUE_VIOLATION}},
    {"value_error",
     -6502,
     "PL/SQL: numeric or value error",
     {ERRCODE_STRING_DATA_RIGHT_TRUNCATION, ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, ERRCODE_NULL_VALUE_NOT_ALLOWED,
      ERRCODE_STRING_DATA_LENGTH_MISMATCH}},
    {"invalid_number", -1722, "invalid number", {ERRCODE_INVALID_TEXT_REPRESENTATION}},
    {"invalid_cursor", -1001, "invalid cursor", {ERRCODE_INVALID_CURSOR_STATE, ERRCODE_INVALID_CURSOR_NAME}},
    {"cursor_already_open", -6511, "PL/SQL: cursor already open", {ERRCODE_DUPLICATE_CURSOR}},
    {"case_not_found", -6592, "CASE not found while executing CASE statement", {ERRCODE_CASE_NOT_FOUND}},
    {"rowtype_mismatch",
     -6504,
     "PL/SQL: Return types of Result Set variables or query do not match",
     {ERRCODE_DATATYPE_MISMATCH}},
    {"storage_error", -6500, "PL/SQL: storage error", {ERRCODE_OUT_OF_MEMORY, ERRCODE_PROGRAM_LIMIT_EXCEEDED}},
    {"program_error", -6501, "PL/SQL: program error", {ERRCODE_INTERNAL_ERROR}},
    {"timeout_on_resource", -51, "timeout occurred while waiting for a resource", {ERRCODE_LOCK_NOT_AVAILABLE}},
    {"login_denied", -1017, "invalid username/password; logon denied", {ERRCODE_INVALID_PASSWORD}},
    {"subscript_beyond_count", -6533, "Subscript beyond count", {ERRCODE_ARRAY_SUBSCRIPT_ERROR}},
    {"subscript_outside_limit", -6532, "Subscript outside of limit", {pg::kSubscriptOutsideLimit}},
    {"collection_is_null", -6531, "Reference to uninitialized collection", {pg::kCollectionIsNull}},
    {"access_into_null", -6530, "Reference to uninitialized composite", {pg::kAccessIntoNull}},
    {"self_is_null", -30625, "method dispatch on NULL SELF argument is disallowed", {pg::kSelfIsNull}},
};

// PostgreSQL errors with no predefined name that still have a well-known
// Oracle number, so that SQLCODE tests ported from Oracle keep working.
struct Mapped {
    int sqlstate;
    int code;
    const char *text;  // %s: constraint, column or nothing
};

const Mapped kMapped[] = {
    {ERRCODE_FOREIGN_KEY_VIOLATION, -2291, "integrity constraint (%s) violated - parent key not found"},
    {ERRCODE_NOT_NULL_VIOLATION, -1400, "cannot insert NULL into (%s)"},
    {ERRCODE_CHECK_VIOLATION, -2290, "check constraint (%s) violated"},
    {ERRCODE_QUERY_CANCELED, -1013, "user requested cancel of current operation"},
    {ERRCODE_T_R_DEADLOCK_DETECTED, -60, "deadlock detected while waiting for resource"},
    {ERRCODE_UNDEFINED_TABLE, -942, "table or view does not exist"},
    {ERRCODE_UNDEFINED_COLUMN, -904, "invalid identifier"},
    {ERRCODE_INVALID_DATETIME_FORMAT, -1861, "literal does not match format string"},
    {ERRCODE_DATETIME_VALUE_OUT_OF_RANGE, -1847, "day of month must be between 1 and last day of month"},
    {ERRCODE_INSUFFICIENT_PRIVILEGE, -1031, "insufficient privileges"},
    {ERRCODE_S_R_E_FUNCTION_EXECUTED_NO_RETURN_STATEMENT, -6503, "PL/SQL: Function returned without value"},
    {ERRCODE_INVALID_TRANSACTION_TERMINATION, -14552, "cannot perform a DDL, commit or rollback inside a query or DML"},
    {pg::kBulkErrors, -24381, "error(s) in array DML"},
};

const Predefined *PredefinedByName(const std::string &name) {
    for (const auto &p : kPredefined)
        if (name == p.name) return &p;
    return nullptr;
}

const Predefined *PredefinedByCode(int code) {
    for (const auto &p : kPredefined)
        if (p.code == code || (code == -1403 && p.code == 100)) return &p;
    return nullptr;
}

std::string OraPrefix(int code) {
    char buf[32];
    snprintf(buf, sizeof(buf), "ORA-%05d: ", code < 0 ? -code : (code == 100 ? 1403 : code));
    return buf;
}

std::string SqlStateText(int sqlstate) { return unpack_sql_state(sqlstate); }

const char *ValueErrorDetail(int sqlstate, bool pl_conversion) {
    if (pl_conversion) return ": character to number conversion error";
    switch (sqlstate) {
        case ERRCODE_STRING_DATA_RIGHT_TRUNCATION: return ": character string buffer too small";
        case ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE: return ": number precision too large";
        default: return "";
    }
}

bool IsValueErrorSqlState(int sqlstate, bool pl_conversion) {
    if (pl_conversion) return true;
    for (int s : PredefinedByName("value_error")->sqlstates)
        if (s != 0 && s == sqlstate) return true;
    return false;
}

// A column's precision (numeric typmod: ORA-01438) or length (varchar,
// char, varchar2: ORA-12899) check failing in an embedded SQL statement;
// 0 for anything else. PL variables raise other messages (ORA-06502).
int ColumnOverflowCode(const ErrorData *edata, bool embedded_sql) {
    if (!embedded_sql || edata->message == nullptr) return 0;
    if (edata->sqlerrcode == ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE &&
        strncmp(edata->message, "numeric field overflow", 22) == 0)
        return -1438;
    if (edata->sqlerrcode == ERRCODE_STRING_DATA_RIGHT_TRUNCATION &&
        strncmp(edata->message, "value too long for type ", 24) == 0)
        return -12899;
    return 0;
}

// ORA-12899's text: value too large for column "S"."T"."C" (actual: n,
// maximum: m), with what the error tells: PostgreSQL's length checks name
// neither the column nor (but VARCHAR2's) the actual length.
std::string ColumnTooLargeText(const ErrorData *edata) {
    std::string text = "value too large for column";
    if (edata->column_name != nullptr) {
        text += " ";
        if (edata->schema_name != nullptr) text += std::string("\"") + edata->schema_name + "\".";
        if (edata->table_name != nullptr) text += std::string("\"") + edata->table_name + "\".";
        text += std::string("\"") + edata->column_name + "\"";
    }
    // "value too long for type character varying(3)": the maximum.
    const char *open = strrchr(edata->message, '(');
    int maximum = open != nullptr ? atoi(open + 1) : 0;
    // VARCHAR2's DETAIL: "The value has 4 characters."
    int actual = 0;
    if (edata->detail != nullptr) sscanf(edata->detail, "The value has %d", &actual);
    if (actual > 0 && maximum > 0)
        text += " (actual: " + std::to_string(actual) + ", maximum: " + std::to_string(maximum) + ")";
    else if (maximum > 0)
        text += " (maximum: " + std::to_string(maximum) + ")";
    return text;
}

}  // namespace

bool LookupConditionName(const std::string &name, std::vector<Condition> *out) {
    if (name == "others") {
        out->push_back(Condition{Condition::Kind::Others, 0, -1});
        return true;
    }
    if (name == "value_error") {
        out->push_back(Condition{Condition::Kind::ValueError, PredefinedByName(name)->sqlstates[0], -1});
        return true;
    }
    if (const Predefined *p = PredefinedByName(name)) {
        for (int s : p->sqlstates)
            if (s != 0) out->push_back(Condition{Condition::Kind::SqlState, s, -1});
        return true;
    }
    bool found = false;
    for (const auto &c : kPgConditions) {
        if (name == c.name) {
            out->push_back(Condition{Condition::Kind::SqlState, c.sqlstate, -1});
            found = true;
        }
    }
    return found;
}

int PredefinedCode(const std::string &name) {
    const Predefined *p = PredefinedByName(name);
    return p != nullptr ? p->code : 0;
}

std::string ConditionMessage(const std::string &name) {
    if (const Predefined *p = PredefinedByName(name)) return p->text;
    return name;
}

bool IsApplicationErrorCode(int code) { return code <= -20000 && code >= -20999; }

int ApplicationErrorSqlState(int code) {
    int n = -code - 20000;
    return MAKE_SQLSTATE('U', 'D', '0' + n / 100, '0' + (n / 10) % 10, '0' + n % 10);
}

int SqlStateForOracleCode(int code) {
    if (IsApplicationErrorCode(code)) return ApplicationErrorSqlState(code);
    if (const Predefined *p = PredefinedByCode(code)) return p->sqlstates[0];
    for (const auto &m : kMapped)
        if (m.code == code) return m.sqlstate;
    return 0;
}

static bool IsApplicationSqlState(int sqlstate) {
    const char *s = unpack_sql_state(sqlstate);
    return s[0] == 'U' && s[1] == 'D' && isdigit((unsigned char)s[2]) && isdigit((unsigned char)s[3]) &&
           isdigit((unsigned char)s[4]);
}

bool IsValueError(const ErrorData *edata, bool pl_conversion, bool embedded_sql) {
    return IsValueErrorSqlState(edata->sqlerrcode, pl_conversion) && ColumnOverflowCode(edata, embedded_sql) == 0;
}

// An error plpolar raises with Oracle's number in its text, "ORA-nnnnn: ..."
// (ORA-01086 of a script's ROLLBACK TO, ORA-01438 of a NUMBER column, ...):
// that number is SQLCODE and the text SQLERRM, whatever the SQLSTATE.
static int OracleCodeInMessage(const char *message) {
    if (message == nullptr || strncmp(message, "ORA-", 4) != 0) return 0;
    for (int i = 4; i < 9; ++i)
        if (!isdigit(static_cast<unsigned char>(message[i]))) return 0;
    if (message[9] != ':' || message[10] != ' ') return 0;
    int code = atoi(message + 4);
    return code == 1403 ? 100 : -code;
}

// seq.CURRVAL before any seq.NEXTVAL in the session: Oracle's ORA-08002.
static bool IsCurrvalUndefined(const ErrorData *edata) {
    return edata->sqlerrcode == ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE && edata->message != nullptr &&
           strncmp(edata->message, "currval of sequence \"", 21) == 0;
}

int SqlCode(const ErrorData *edata, int oracle_code, bool pl_conversion, bool embedded_sql) {
    if (oracle_code != 0) return oracle_code;
    int sqlstate = edata->sqlerrcode;
    if (IsApplicationSqlState(sqlstate)) return -20000 - atoi(unpack_sql_state(sqlstate) + 2);
    if (int code = OracleCodeInMessage(edata->message)) return code;
    if (IsCurrvalUndefined(edata)) return -8002;
    if (int code = ColumnOverflowCode(edata, embedded_sql)) return code;
    if (IsValueErrorSqlState(sqlstate, pl_conversion)) return -6502;
    // RAISE of a declared exception in another function, or PL/pgSQL's
    // RAISE EXCEPTION: a user-defined exception for Oracle.
    if (sqlstate == ERRCODE_RAISE_EXCEPTION) return 1;
    for (const auto &p : kPredefined)
        for (int s : p.sqlstates)
            if (s != 0 && s == sqlstate) return p.code;
    for (const auto &m : kMapped)
        if (m.sqlstate == sqlstate) {
            if (sqlstate == ERRCODE_FOREIGN_KEY_VIOLATION && edata->message != nullptr &&
                strncmp(edata->message, "update or delete", 16) == 0)
                return -2292;
            return m.code;
        }
    // No Oracle number: a negative number unique to the SQLSTATE, so that
    // "SQLCODE < 0" and equality tests still work.
    return -sqlstate;
}

std::string SqlErrm(const ErrorData *edata, int oracle_code, bool pl_conversion, bool embedded_sql) {
    int sqlstate = edata->sqlerrcode;
    std::string message = edata->message != nullptr ? edata->message : "";
    // Application errors: the message as given, as EDB SPL and PolarDB show
    // it, without the "ORA-20nnn: " the client sees.
    if (IsApplicationSqlState(sqlstate) || IsApplicationErrorCode(oracle_code)) {
        if (message.size() >= 11 && message.compare(0, 6, "ORA-20") == 0 && message.compare(9, 2, ": ") == 0)
            return message.substr(11);
        return message;
    }
    if (oracle_code == 1 ||
        (sqlstate == ERRCODE_RAISE_EXCEPTION && message.rfind("unhandled user-defined exception", 0) == 0))
        return "User-Defined Exception";
    if (sqlstate == ERRCODE_RAISE_EXCEPTION && oracle_code == 0) return message;
    int code = SqlCode(edata, oracle_code, pl_conversion, embedded_sql);
    if (oracle_code == 0 && code != 0 && OracleCodeInMessage(edata->message) == code) return message;
    if (code == -8002 && IsCurrvalUndefined(edata)) {
        std::string name = message.substr(21);
        name = name.substr(0, name.find('"'));
        for (char &c : name) c = static_cast<char>(toupper(static_cast<unsigned char>(c)));
        return OraPrefix(code) + "sequence " + name + ".CURRVAL is not yet defined in this session";
    }
    if (code == -1438) return OraPrefix(code) + "value larger than specified precision allowed for this column";
    if (code == -12899) return OraPrefix(code) + ColumnTooLargeText(edata);
    // Raised by plpolar code with its number (RAISE VALUE_ERROR, an
    // exception bound by EXCEPTION_INIT): Oracle's text, no detail.
    if (code == -6502)
        return OraPrefix(code) + "PL/SQL: numeric or value error" +
               (oracle_code != 0 ? "" : ValueErrorDetail(sqlstate, pl_conversion));
    if (code == -1) {
        std::string name = edata->constraint_name != nullptr ? edata->constraint_name : "";
        if (edata->schema_name != nullptr && !name.empty()) name = std::string(edata->schema_name) + "." + name;
        if (name.empty()) name = ".";  // Oracle's text when no constraint is known
        return OraPrefix(code) + "unique constraint (" + name + ") violated";
    }
    if (const Predefined *p = PredefinedByCode(code)) return OraPrefix(code) + p->text;
    for (const auto &m : kMapped) {
        if (m.code == code || (code == -2292 && m.code == -2291)) {
            std::string arg;
            if (edata->constraint_name != nullptr) arg = edata->constraint_name;
            if (m.sqlstate == ERRCODE_NOT_NULL_VIOLATION && edata->column_name != nullptr)
                arg = std::string(edata->table_name ? edata->table_name : "") + "." + edata->column_name;
            char buf[512];
            const char *text = code == -2292 ? "integrity constraint (%s) violated - child record found" : m.text;
            snprintf(buf, sizeof(buf), text, arg.c_str());
            return OraPrefix(code) + buf;
        }
    }
    if (oracle_code != 0) return OraPrefix(oracle_code) + message;
    return "PG-" + SqlStateText(sqlstate) + ": " + message;
}

std::string SqlErrmForCode(int code) {
    if (code == 0) return "ORA-0000: normal, successful completion";
    if (code == 1) return "User-Defined Exception";
    if (code == -6502) return OraPrefix(code) + "PL/SQL: numeric or value error";
    if (const Predefined *p = PredefinedByCode(code)) return OraPrefix(code) + p->text;
    for (const auto &m : kMapped) {
        if (m.code == code) {
            char buf[512];
            snprintf(buf, sizeof(buf), m.text, "");
            return OraPrefix(code) + buf;
        }
    }
    if (IsApplicationErrorCode(code)) return OraPrefix(code);
    if (code > 0) return OraPrefix(code) + "non-ORACLE exception";
    return OraPrefix(code) + "Message " + std::to_string(-code) + " not found";
}

bool OthersCatches(int sqlstate) { return sqlstate != ERRCODE_QUERY_CANCELED && sqlstate != ERRCODE_ASSERT_FAILURE; }

}  // namespace plpolar::compile
