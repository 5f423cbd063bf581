// LENGTH, SUBSTR, NVL, MOD, NVL2, GREATEST, LEAST, DECODE, TO_CHAR(n) and
// TO_NUMBER(s) computed on native values, with exactly the
// semantics of plpolar's SQL functions (sql/plpolar--1.0.sql), which take
// over for every other argument type. A loop over strings would otherwise
// pay PostgreSQL's SQL-function executor on every call.
#include <climits>

#include "plpolar/compile/sites.hpp"
#include "plpolar/exec/executor.hpp"
#include "plpolar/pg/guard.hpp"

// INSTR's C function (types/instr.c).
extern "C" Datum plpolar_instr(FunctionCallInfo fcinfo);

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

// A NUMBER or an integer as an exact decimal; false when it does not fit.
bool AsDecimal(const pg::Value &v, Native k, types::Decimal *out) {
    int64 i = 0;
    if (AsInteger(v, k, &i)) {
        out->mantissa = i;
        out->scale = 0;
        return true;
    }
    return k == Native::Numeric && pg::NumericToDecimal(v.datum, out);
}

// All of `values` integers (INT4 or INT8, NULLs of those types too): the
// type PostgreSQL's anycompatible resolution gives them, INT4 unless one
// is INT8. False for anything else: the SQL function decides.
bool SameIntegerType(const pg::Value *values, size_t n, Oid *type) {
    *type = INT4OID;
    for (size_t i = 0; i < n; ++i) {
        // A NULL literal takes the others' type, as in PostgreSQL.
        if (values[i].type == UNKNOWNOID && values[i].isnull) continue;
        if (values[i].type == INT8OID)
            *type = INT8OID;
        else if (values[i].type != INT4OID)
            return false;
    }
    return true;
}

pg::Value Widened(const pg::Value &v, Oid type) {
    if (v.type == type) return v;
    return pg::Value::Of(Int64GetDatum(static_cast<int64>(DatumGetInt32(v.datum))), INT8OID);
}

}  // namespace

pg::Value Executor::EvalNativeBuiltin(const ast::CallExpr &call) {
    auto &site = ast::Cast<compile::SqlExprSite>(*call.annotation);
    pg::Value values[ast::kMaxNativeArgs];
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
            // NVL(NULL, x) of an untyped NULL (a CASE ... THEN NULL): x,
            // as coalesce gives it.
            if (values[0].isnull && values[0].type == UNKNOWNOID) return values[1];
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
            if (!AsInteger(values[0], k0, &a) || !AsInteger(values[1], k1, &b)) {
                // NUMBER: on exact decimals when both fit (plpolar.mod).
                types::Decimal x, y, r;
                if (AsDecimal(values[0], k0, &x) && AsDecimal(values[1], k1, &y) &&
                    (k0 == Native::Numeric || k1 == Native::Numeric) && types::DecimalMod(x, y, &r))
                    return pg::Value::Of(pg::DecimalToNumeric(r), NUMERICOID);
                break;
            }
            // MOD(m, 0) is m; the sign follows m, as C's %.
            int64 r = b == 0 ? a : (b == -1 ? 0 : a % b);
            if (k0 == Native::Int4 && k1 == Native::Int4)
                return pg::Value::Of(Int32GetDatum(static_cast<int32>(r)), INT4OID);
            return pg::Value::Of(Int64GetDatum(r), INT8OID);
        }
        case ast::Builtin::Nvl2: {
            // Only for a scalar first argument: a row's IS NOT NULL means
            // every field (the SQL function's).
            if (k0 == Native::Other) break;
            pg::Value out;
            if (!SameIntegerType(values + 1, 2, &out.type)) break;
            const pg::Value &chosen = values[0].isnull ? values[2] : values[1];
            return chosen.isnull ? pg::Value::Null(out.type) : Widened(chosen, out.type);
        }
        case ast::Builtin::Greatest:
        case ast::Builtin::Least: {
            // NULL if any argument is; else the extremum (plpolar.greatest).
            Oid type = InvalidOid;
            if (!SameIntegerType(values, n, &type)) break;
            int64 best = 0;
            for (size_t i = 0; i < n; ++i) {
                if (values[i].isnull) return pg::Value::Null(type);
                int64 v = 0;
                AsInteger(values[i], Classify(values[i].type), &v);
                if (i == 0 || (call.builtin == ast::Builtin::Greatest ? v > best : v < best)) best = v;
            }
            return type == INT4OID ? pg::Value::Of(Int32GetDatum(static_cast<int32>(best)), INT4OID)
                                   : pg::Value::Of(Int64GetDatum(best), INT8OID);
        }
        case ast::Builtin::Decode: {
            // DECODE(e, s1, r1, ... [, d]) of integers: NULL matches NULL.
            const size_t pairs = (n - 1) / 2;
            const bool has_default = (n - 1) % 2 == 1;
            pg::Value keys[ast::kMaxNativeArgs];
            pg::Value results[ast::kMaxNativeArgs];
            size_t nkeys = 0, nresults = 0;
            keys[nkeys++] = values[0];
            for (size_t i = 0; i < pairs; ++i) {
                keys[nkeys++] = values[1 + 2 * i];
                results[nresults++] = values[2 + 2 * i];
            }
            if (has_default) results[nresults++] = values[n - 1];
            Oid key_type = InvalidOid;
            Oid type = InvalidOid;
            if (!SameIntegerType(keys, nkeys, &key_type) || !SameIntegerType(results, nresults, &type)) break;
            int64 e = 0;
            if (!values[0].isnull) AsInteger(values[0], k0, &e);
            for (size_t i = 0; i < pairs; ++i) {
                const pg::Value &key = values[1 + 2 * i];
                bool match = values[0].isnull || key.isnull ? values[0].isnull && key.isnull : false;
                if (!values[0].isnull && !key.isnull) {
                    int64 k = 0;
                    AsInteger(key, Classify(key.type), &k);
                    match = k == e;
                }
                if (!match) continue;
                const pg::Value &r = values[2 + 2 * i];
                return r.isnull ? pg::Value::Null(type) : Widened(r, type);
            }
            if (!has_default || values[n - 1].isnull) return pg::Value::Null(type);
            return Widened(values[n - 1], type);
        }
        case ast::Builtin::ToChar: {
            // TO_CHAR(d): the NLS format of a DATE, TIMESTAMP or TIMESTAMP
            // WITH TIME ZONE, told apart by the value's typmod (which the SQL
            // function, given a parameter, cannot see).
            if (values[0].type == TIMESTAMPOID || values[0].type == TIMESTAMPTZOID) {
                if (values[0].isnull) return pg::Value::Null(TEXTOID);
                return pg::TextValue(ToText(values[0]).c_str());
            }
            // TO_CHAR(n): plpolar.to_char(numeric), trim_scale's text.
            if (k0 != Native::Int4 && k0 != Native::Int8 && k0 != Native::Numeric) break;
            if (values[0].isnull) return pg::Value::Null(TEXTOID);
            int64 i = 0;
            std::string text = AsInteger(values[0], k0, &i) ? std::to_string(i) : ToText(values[0]);
            return pg::TextValue(text.c_str());
        }
        case ast::Builtin::ToNumber: {
            // TO_NUMBER(s): nullif(btrim(s), '')::numeric.
            if (k0 != Native::Text) break;
            if (values[0].isnull) return pg::Value::Null(NUMERICOID);
            std::string text = pg::TextToString(values[0].datum);
            size_t from = text.find_first_not_of(' ');
            if (from == std::string::npos) return pg::Value::Null(NUMERICOID);
            size_t to = text.find_last_not_of(' ');
            return pg::Value::Of(pg::NumericFromString(text.substr(from, to - from + 1)), NUMERICOID);
        }
        case ast::Builtin::Round:
        case ast::Builtin::Trunc: {
            // ROUND / TRUNC of a NUMBER [to n digits]: numeric's, on exact
            // decimals when the value fits.
            if (k0 != Native::Numeric || (n == 2 && values[1].type != INT4OID)) break;
            if (values[0].isnull || (n == 2 && values[1].isnull)) return pg::Value::Null(NUMERICOID);
            types::Decimal a, r;
            const int digits = n == 2 ? DatumGetInt32(values[1].datum) : 0;
            if (!pg::NumericToDecimal(values[0].datum, &a) ||
                !types::DecimalRound(a, digits, call.builtin == ast::Builtin::Trunc, &r))
                break;
            return pg::Value::Of(pg::DecimalToNumeric(r), NUMERICOID);
        }
        case ast::Builtin::Abs:
        case ast::Builtin::Sign: {
            // pg_catalog's abs(int4 | int8 | numeric) and sign(numeric);
            // SIGN of an integer is Oracle's SIGNTYPE, an integer (where
            // PostgreSQL's sign(integer) is sign(float8)); other types go
            // to SQL.
            const bool sign = call.builtin == ast::Builtin::Sign;
            switch (k0) {
                case Native::Int4:
                case Native::Int8: {
                    const Oid type = sign ? INT4OID : values[0].type;
                    if (values[0].isnull) return pg::Value::Null(type);
                    int64 x = k0 == Native::Int4 ? DatumGetInt32(values[0].datum) : DatumGetInt64(values[0].datum);
                    if (sign) return pg::Value::Of(Int32GetDatum(x > 0 ? 1 : x < 0 ? -1 : 0), INT4OID);
                    // int4abs's error; int8abs's ("bigint out of range") from SQL
                    if (x == PG_INT32_MIN && k0 == Native::Int4) return IntegerOverflow(INT4OID);
                    if (x == PG_INT64_MIN) break;
                    x = x < 0 ? -x : x;
                    return pg::Value::Of(k0 == Native::Int4 ? Int32GetDatum(static_cast<int32>(x)) : Int64GetDatum(x),
                                         values[0].type);
                }
                case Native::Numeric:
                    if (values[0].isnull) return pg::Value::Null(NUMERICOID);
                    return pg::Value::Of(pg::Call1(sign ? numeric_sign : numeric_abs, values[0].datum), NUMERICOID);
                case Native::Text:
                case Native::Bool:
                case Native::Float8:
                case Native::Other: break;
            }
            break;
        }
        case ast::Builtin::Upper:
        case ast::Builtin::Lower:
        case ast::Builtin::Btrim:
        case ast::Builtin::Ltrim:
        case ast::Builtin::Rtrim: {
            // pg_catalog's upper / lower (the database's collation, as a PL
            // variable has) and btrim / ltrim / rtrim of one string, called
            // directly instead of through an expression.
            if (k0 != Native::Text) break;
            if (values[0].isnull) return pg::Value::Null(TEXTOID);
            const ast::Builtin b = call.builtin;
            if (b == ast::Builtin::Upper || b == ast::Builtin::Lower)
                return pg::Value::Of(
                    pg::Call1Coll(b == ast::Builtin::Upper ? upper : lower, DEFAULT_COLLATION_OID, values[0].datum),
                    TEXTOID);
            PGFunction trim = b == ast::Builtin::Btrim ? btrim1 : b == ast::Builtin::Ltrim ? ltrim1 : rtrim1;
            return pg::Value::Of(pg::Call1(trim, values[0].datum), TEXTOID);
        }
        case ast::Builtin::Lpad:
        case ast::Builtin::Rpad: {
            // plpolar.lpad / rpad of a string: nullif(lpad(s, trunc(n), pad), '')
            int64 len = 0;
            Native k1 = Classify(values[1].type);
            if (k0 != Native::Text || !(values[1].isnull || AsInteger(values[1], k1, &len))) break;
            if (n == 3 && Classify(values[2].type) != Native::Text) break;
            if (values[0].isnull || values[1].isnull || (n == 3 && values[2].isnull)) return pg::Value::Null(TEXTOID);
            if (len < PG_INT32_MIN || len > PG_INT32_MAX) break;  // the SQL function's "integer out of range"
            Datum pad = n == 3 ? values[2].datum : pg::TextValue(" ").datum;
            Datum r = pg::Call3(call.builtin == ast::Builtin::Lpad ? lpad : rpad, values[0].datum,
                                Int32GetDatum(static_cast<int32>(len)), pad);
            return pg::TextByteLength(r) == 0 ? pg::Value::Null(TEXTOID) : pg::Value::Of(r, TEXTOID);
        }
        case ast::Builtin::Replace: {
            // plpolar.replace: a NULL or empty search leaves the string, a
            // NULL replacement removes, an empty result is NULL.
            if (k0 != Native::Text || Classify(values[1].type) != Native::Text) break;
            if (n == 3 && Classify(values[2].type) != Native::Text) break;
            if (values[0].isnull) return pg::Value::Null(TEXTOID);
            if (values[1].isnull || pg::TextByteLength(values[1].datum) == 0)
                return pg::Value::Of(values[0].datum, TEXTOID);
            Datum with = n == 3 && !values[2].isnull ? values[2].datum : pg::TextValue("").datum;
            Datum r = pg::Call3Coll(replace_text, DEFAULT_COLLATION_OID, values[0].datum, values[1].datum, with);
            return pg::TextByteLength(r) == 0 ? pg::Value::Null(TEXTOID) : pg::Value::Of(r, TEXTOID);
        }
        case ast::Builtin::Instr: {
            // INSTR(str, sub): the C function, called directly; NULL for a
            // NULL argument (STRICT) or an empty sub, as it returns.
            if (k0 != Native::Text || Classify(values[1].type) != Native::Text) break;
            if (values[0].isnull || values[1].isnull || pg::TextByteLength(values[1].datum) == 0)
                return pg::Value::Null(INT4OID);
            return pg::Value::Of(pg::Call2Coll(plpolar_instr, DEFAULT_COLLATION_OID, values[0].datum, values[1].datum),
                                 INT4OID);
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
    // The SQL function: literals are in its text, not parameters.
    pg::Value params[ast::kMaxNativeArgs];
    size_t np = 0;
    for (size_t i = 0; i < n; ++i)
        if (np < site.operands.size() && site.operands[np] == call.args[i].value.get()) params[np++] = values[i];
    return EvalSqlSite(site, params, np);
}

}  // namespace plpolar::exec
