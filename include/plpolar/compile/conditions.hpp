// Exception conditions: Oracle's predefined exception names, PostgreSQL's
// condition names, and the Oracle view of an error (SQLCODE, SQLERRM).
#pragma once

#include <string>
#include <vector>

#include "plpolar/pg/postgres.hpp"

namespace plpolar::compile {

// What one WHEN choice matches.
struct Condition {
    enum class Kind {
        Others,         // WHEN OTHERS: everything but cancel and assertion failures
        SqlState,       // one SQLSTATE, or a whole class when it ends in 000
        ValueError,     // VALUE_ERROR: 22001, 22003, 22004, 22026 but a column's check in SQL,
                        // and a conversion error raised by PL code
        UserException,  // a declared exception without PRAGMA EXCEPTION_INIT
        Message,        // a package's exception: `sqlstate` with exactly `message`
    };
    Kind kind = Kind::SqlState;
    int sqlstate = 0;
    int exception = -1;  // UserException: index in CompiledFunction::exceptions
    std::string message;
};

// Oracle's predefined names (no_data_found, zero_divide, ...) and
// PostgreSQL's condition names (unique_violation, ...). Returns false for
// an unknown name.
bool LookupConditionName(const std::string &name, std::vector<Condition> *out);

// The message RAISE <condition> gives: Oracle's text for a predefined
// exception ("no data found"), else the condition name as PL/pgSQL does.
std::string ConditionMessage(const std::string &name);

// SQLCODE of an Oracle predefined exception (zero_divide: -1476), 0 for any
// other name.
int PredefinedCode(const std::string &name);

// The SQLSTATE an Oracle error number raises (RAISE of an exception bound by
// PRAGMA EXCEPTION_INIT, RAISE_APPLICATION_ERROR); 0 when none fits.
int SqlStateForOracleCode(int code);

// SQLSTATE of RAISE_APPLICATION_ERROR(-20nnn, ...): class UD, as DB2 does.
int ApplicationErrorSqlState(int code);
bool IsApplicationErrorCode(int code);

// Oracle's SQLCODE and SQLERRM for an error. `oracle_code` is the number
// the error was raised with by plpolar code (0 if unknown; when known,
// SQLERRM is Oracle's text for it without a detail); `pl_conversion`
// marks a conversion error from a PL assignment, which Oracle reports as
// VALUE_ERROR rather than INVALID_NUMBER; `embedded_sql` an error raised by
// an embedded SQL statement, where a column's precision or length check is
// ORA-01438 / ORA-12899 (as in Oracle, not VALUE_ERROR).
int SqlCode(const ErrorData *edata, int oracle_code, bool pl_conversion, bool embedded_sql);
std::string SqlErrm(const ErrorData *edata, int oracle_code, bool pl_conversion, bool embedded_sql);
// Whether WHEN VALUE_ERROR catches an error.
bool IsValueError(const ErrorData *edata, bool pl_conversion, bool embedded_sql);
// SQLERRM(n): the message of an Oracle error number.
std::string SqlErrmForCode(int code);

// Whether WHEN OTHERS catches an error: not a cancel or an assertion, as in
// PL/pgSQL, so that statement_timeout and pg_cancel_backend still stop code.
bool OthersCatches(int sqlstate);

}  // namespace plpolar::compile
