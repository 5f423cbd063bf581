// LENGTH, SUBSTR, NVL and MOD computed on native values, with exactly the
// semantics of plpolar's SQL functions (sql/plpolar--1.0.sql), which take
// over for every other argument type. A loop over strings would otherwise
// pay PostgreSQL's SQL-function executor on every call.
#include <climits>

#include "plpolar/compile/sites.hpp"
#include "plpolar/exec/executor.hpp"
#include "plpolar/pg/guard.hpp"

namespace plpolar::exec {

namespace {

// An integer argument, or false for other types (numeric goes to SQL,
// which truncates it).
bool AsInteger(const pg::Value &v, Native k, int64 *out) {
    if (k == Native::Int4) {
        *out = DatumGetInt32(v.datum);
        return true;
    }
    if (k == Native::Int8) {
        *out = DatumGetInt64(v.datum);
        return true;
    }
    return false;
}

}  // namespace

pg::Value Executor::EvalNativeBuiltin(const ast::CallExpr &call) {
    auto &site = ast::Cast<compile::SqlExprSite>(*call.annotation);
    pg::Value values[3];
    size_t n = call.args.size();
    for (size_t i = 0; i < n; ++i) values[i] = Eval(*call.args[i].value);
    Native k0 = Classify(values[0].type);
    switch (call.builtin) {
        case ast::Builtin::Length:
            if (k0 != Native::Text) break;
            if (values[0].isnull) return pg::Value::Null(INT4OID);
            {
                int length = pg::TextCharLength(values[0].datum);
                // Oracle: '' is NULL, so its length is too.
                return length == 0 ? pg::Value::Null(INT4OID) : pg::Value::Of(Int32GetDatum(length), INT4OID);
            }
        case ast::Builtin::Substr: {
            if (k0 != Native::Text) break;
            int64 pos = 0, len = INT_MAX;
            bool ints = AsInteger(values[1], Classify(values[1].type), &pos) || values[1].isnull;
            if (n == 3) ints = ints && (AsInteger(values[2], Classify(values[2].type), &len) || values[2].isnull);
            if (!ints) break;
            // STRICT
            for (size_t i = 0; i < n; ++i)
                if (values[i].isnull) return pg::Value::Null(TEXTOID);
            if (len < 1) return pg::Value::Null(TEXTOID);
            if (pos == 0) pos = 1;
            if (pos < 0) {
                pos += pg::TextCharLength(values[0].datum) + 1;
                if (pos < 1) return pg::Value::Null(TEXTOID);
            }
            if (pos > INT_MAX) return pg::Value::Null(TEXTOID);
            if (len > INT_MAX) len = INT_MAX;
            pg::Value out = pg::Value::Of(
                pg::TextSubstring(values[0].datum, static_cast<int32>(pos), static_cast<int32>(len)), TEXTOID);
            // An empty result is NULL, as the SQL function's.
            return VARSIZE_ANY_EXHDR(DatumGetPointer(out.datum)) == 0 ? pg::Value::Null(TEXTOID) : out;
        }
        case ast::Builtin::Nvl: {
            Native k1 = Classify(values[1].type);
            // Same type (or both strings): no common type to find.
            bool same = values[0].type == values[1].type || (k0 == Native::Text && k1 == Native::Text);
            if (!same) break;
            if (!values[0].isnull) return values[0];
            return values[1];
        }
        case ast::Builtin::Mod: {
            Native k1 = Classify(values[1].type);
            int64 a = 0, b = 0;
            if (values[0].isnull || values[1].isnull) {
                if ((k0 == Native::Int4 || k0 == Native::Int8) && (k1 == Native::Int4 || k1 == Native::Int8))
                    return pg::Value::Null(k0 == Native::Int4 && k1 == Native::Int4 ? INT4OID : INT8OID);
                break;
            }
            if (!AsInteger(values[0], k0, &a) || !AsInteger(values[1], k1, &b)) break;
            // MOD(m, 0) is m; the sign follows m, as C's %.
            int64 r = b == 0 ? a : (b == -1 ? 0 : a % b);
            if (k0 == Native::Int4 && k1 == Native::Int4)
                return pg::Value::Of(Int32GetDatum(static_cast<int32>(r)), INT4OID);
            return pg::Value::Of(Int64GetDatum(r), INT8OID);
        }
        case ast::Builtin::None:
        case ast::Builtin::SqlErrm:
        case ast::Builtin::RaiseApplicationError:
        case ast::Builtin::OutputEnable:
        case ast::Builtin::OutputDisable:
        case ast::Builtin::OutputPut:
        case ast::Builtin::OutputPutLine:
        case ast::Builtin::OutputNewLine:
        case ast::Builtin::OutputGetLine:
        case ast::Builtin::OutputGetLines:
        case ast::Builtin::ResetPackage:
        case ast::Builtin::ModifyPackageState:
        case ast::Builtin::SetContext:
        case ast::Builtin::ClearContext:
        case ast::Builtin::ClearAllContext:
        case ast::Builtin::FormatErrorStack:
        case ast::Builtin::FormatErrorBacktrace:
        case ast::Builtin::FormatCallStack:
        case ast::Builtin::Subprogram:
        case ast::Builtin::Collection:
        case ast::Builtin::BulkRowcount:
        case ast::Builtin::BulkException:
        case ast::Builtin::BulkExceptionCount:
        case ast::Builtin::TriggerColumn: break;
    }
    return EvalSqlSite(site, values, n);
}

}  // namespace plpolar::exec
