// plpolar's built-ins, in one place: what a call the compiler recognised
// means (Builtin, with its kind), and the table of Oracle functions plpolar
// provides as SQL functions in schema plpolar (sql/plpolar--<v>.sql), from
// which the parser's qualification of SQL text, the compiler's native fast
// paths and the unit test against the install script all read. Free of
// PostgreSQL, so that the parser and its tests use it too.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace plpolar::ast {

// What a name or call was bound to by the compiler (None: an ordinary SQL
// function or variable). Its kind is BuiltinKindOf(), never the order.
enum class Builtin {
    None,
    SqlErrm,
    RaiseApplicationError,
    // DBMS_OUTPUT procedures
    OutputEnable,
    OutputDisable,
    OutputPut,
    OutputPutLine,
    OutputNewLine,
    OutputGetLine,
    OutputGetLines,
    // DBMS_SESSION procedures: user packages' state
    ResetPackage,
    ModifyPackageState,
    // DBMS_SESSION procedures: application contexts (session/context.c)
    SetContext,
    ClearContext,
    ClearAllContext,
    // DBMS_UTILITY functions
    FormatErrorStack,
    FormatErrorBacktrace,
    FormatCallStack,
    // A nested PROCEDURE / FUNCTION (compile::SubprogramCallSite)
    Subprogram,
    // A collection's element, method or constructor (compile::CollectionSite)
    Collection,
    // After a FORALL: SQL%BULK_ROWCOUNT(i), SQL%BULK_EXCEPTIONS(j).f and
    // SQL%BULK_EXCEPTIONS.COUNT
    BulkRowcount,
    BulkException,
    BulkExceptionCount,
    // UPDATING('column') in a DML trigger (CallExpr::slot)
    TriggerColumn,
    // Oracle functions the interpreter computes on native values, falling
    // back to the SQL function (the call's SqlExprSite) for other types.
    Length,
    Substr,
    Nvl,
    Mod,
    Nvl2,
    Greatest,
    Least,
    Decode,
    ToChar,
    ToNumber,
    Round,
    Trunc,
    Abs,
    Sign,
    Upper,
    Lower,
    Btrim,
    Ltrim,
    Rtrim,
    Lpad,
    Rpad,
    Replace,
    Instr,
};

enum class BuiltinKind {
    None,          // not a built-in
    ErrorInfo,     // SQLERRM(n)
    ErrorRaise,    // RAISE_APPLICATION_ERROR
    Package,       // a DBMS_OUTPUT / DBMS_UTILITY member (compile/packages.cpp)
    Subprogram,    // a nested subprogram
    Collection,    // c(i), c.COUNT, c.EXTEND(n), t(a, b)
    Bulk,          // SQL%BULK_ROWCOUNT, SQL%BULK_EXCEPTIONS
    Trigger,       // UPDATING('c')
    NativeOracle,  // an Oracle function with native code (OracleFunction::native)
};
// Inline: the evaluator asks it for every call it evaluates.
inline BuiltinKind BuiltinKindOf(Builtin builtin) {
    switch (builtin) {
        case Builtin::None: return BuiltinKind::None;
        case Builtin::SqlErrm: return BuiltinKind::ErrorInfo;
        case Builtin::RaiseApplicationError: return BuiltinKind::ErrorRaise;
        case Builtin::OutputEnable:
        case Builtin::OutputDisable:
        case Builtin::OutputPut:
        case Builtin::OutputPutLine:
        case Builtin::OutputNewLine:
        case Builtin::OutputGetLine:
        case Builtin::OutputGetLines:
        case Builtin::ResetPackage:
        case Builtin::ModifyPackageState:
        case Builtin::SetContext:
        case Builtin::ClearContext:
        case Builtin::ClearAllContext:
        case Builtin::FormatErrorStack:
        case Builtin::FormatErrorBacktrace:
        case Builtin::FormatCallStack: return BuiltinKind::Package;
        case Builtin::Subprogram: return BuiltinKind::Subprogram;
        case Builtin::Collection: return BuiltinKind::Collection;
        case Builtin::BulkRowcount:
        case Builtin::BulkException:
        case Builtin::BulkExceptionCount: return BuiltinKind::Bulk;
        case Builtin::TriggerColumn: return BuiltinKind::Trigger;
        case Builtin::Length:
        case Builtin::Substr:
        case Builtin::Nvl:
        case Builtin::Mod:
        case Builtin::Nvl2:
        case Builtin::Greatest:
        case Builtin::Least:
        case Builtin::Decode:
        case Builtin::ToChar:
        case Builtin::ToNumber:
        case Builtin::Round:
        case Builtin::Trunc:
        case Builtin::Abs:
        case Builtin::Sign:
        case Builtin::Upper:
        case Builtin::Lower:
        case Builtin::Btrim:
        case Builtin::Ltrim:
        case Builtin::Rtrim:
        case Builtin::Lpad:
        case Builtin::Rpad:
        case Builtin::Replace:
        case Builtin::Instr: return BuiltinKind::NativeOracle;
    }
    return BuiltinKind::None;  // not reached: every value has its case
}

// How SQL text written in plpolar code names the function.
enum class OracleCallForm {
    Call,         // name(...) is qualified to plpolar.name(...)
    CallOrValue,  // also a bare name, as Oracle writes SYSDATE: plpolar.name()
    Internal,     // a helper of the install script, never qualified
    // PostgreSQL's own function (pg_catalog's ABS, SIGN): computed natively
    // in PL code, left as written in SQL text, pg_catalog's when the native
    // code falls back to it.
    Native,
};

struct OracleFunction {
    const char *name;  // lower case, as in schema plpolar
    OracleCallForm form;
    // Native code for positional calls with native_min..native_max
    // arguments (Builtin::None: only the SQL function).
    Builtin native;
    uint8_t native_min;
    uint8_t native_max;  // at most kMaxNativeArgs
};
// The most arguments a native call takes (DECODE with four pairs and a
// default); more go to the SQL function.
constexpr uint8_t kMaxNativeArgs = 10;

// Every function the install script creates in schema plpolar.
const OracleFunction *OracleFunctions(size_t *count);
// The entry for `name` (lower case), or null.
const OracleFunction *FindOracleFunction(const std::string &name);

}  // namespace plpolar::ast
