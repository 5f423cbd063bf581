// Native arithmetic, comparison and concatenation. Semantics follow
// PostgreSQL's operators for the same types (overflow checks, NULL rules)
// with Oracle's choices where the dialect differs: integer division is
// exact (7/2 = 3.5) and || treats NULL as an empty string.
#include <cctype>
#include <cmath>
#include <cstring>

#include "plpolar/exec/executor.hpp"
#include "plpolar/pg/guard.hpp"

extern "C" {
#include "common/int.h"
#include "utils/float.h"
}

namespace plpolar::exec {

namespace {

bool IsNumber(Native k) {
    return k == Native::Int4 || k == Native::Int8 || k == Native::Numeric || k == Native::Float8;
}

int64 AsInt64(const pg::Value &v, Native k) {
    return k == Native::Int4 ? static_cast<int64>(DatumGetInt32(v.datum)) : DatumGetInt64(v.datum);
}

Datum AsNumeric(const pg::Value &v, Native k) {
    switch (k) {
        case Native::Int4: return pg::Call1(int4_numeric, v.datum);
        case Native::Int8: return pg::Call1(int8_numeric, v.datum);
        case Native::Float8: return pg::Call1(float8_numeric, v.datum);
        case Native::Numeric:
        case Native::Bool:
        case Native::Text:
        case Native::Other: return v.datum;
    }
    return v.datum;  // not reached: every kind has its case
}

double AsDouble(const pg::Value &v, Native k) {
    switch (k) {
        case Native::Int4: return DatumGetInt32(v.datum);
        case Native::Int8: return static_cast<double>(DatumGetInt64(v.datum));
        case Native::Numeric: return DatumGetFloat8(pg::Call1(numeric_float8, v.datum));
        case Native::Float8:
        case Native::Bool:
        case Native::Text:
        case Native::Other: return DatumGetFloat8(v.datum);
    }
    return DatumGetFloat8(v.datum);  // not reached: every kind has its case
}

pg::Value FromBool(bool b) { return pg::Value::Of(BoolGetDatum(b), BOOLOID); }

bool ApplyComparison(ast::BinaryOp op, int c) {
    switch (op) {
        case ast::BinaryOp::Eq: return c == 0;
        case ast::BinaryOp::Ne: return c != 0;
        case ast::BinaryOp::Lt: return c < 0;
        case ast::BinaryOp::Le: return c <= 0;
        case ast::BinaryOp::Gt: return c > 0;
        case ast::BinaryOp::Ge: return c >= 0;
        case ast::BinaryOp::Add:
        case ast::BinaryOp::Sub:
        case ast::BinaryOp::Mul:
        case ast::BinaryOp::Div:
        case ast::BinaryOp::Pow:
        case ast::BinaryOp::Concat:
        case ast::BinaryOp::And:
        case ast::BinaryOp::Or: return false;
    }
    return false;  // not reached: every kind has its case
}

}  // namespace

pg::Value Executor::EvalUnary(const ast::UnaryExpr &expr) {
    pg::Value v = Eval(*expr.operand);
    if (v.isnull) return v;
    Native k = Classify(v.type);
    if (expr.op == ast::UnaryOp::Plus && IsNumber(k)) return v;
    switch (k) {
        case Native::Int4:
            if (DatumGetInt32(v.datum) == PG_INT32_MIN) return IntegerOverflow(INT4OID);
            return pg::Value::Of(Int32GetDatum(-DatumGetInt32(v.datum)), INT4OID);
        case Native::Int8:
            if (DatumGetInt64(v.datum) == PG_INT64_MIN) return IntegerOverflow(INT8OID);
            return pg::Value::Of(Int64GetDatum(-DatumGetInt64(v.datum)), INT8OID);
        case Native::Numeric: return pg::Value::Of(pg::Call1(numeric_uminus, v.datum), NUMERICOID);
        case Native::Float8: return pg::Value::Of(Float8GetDatum(-DatumGetFloat8(v.datum)), FLOAT8OID);
        case Native::Bool:
        case Native::Text:
        case Native::Other: break;
    }
    auto &site = ast::Cast<compile::OperatorSite>(*expr.annotation);
    return EvalSqlSite(*site.fallback, &v, 1);
}

pg::Value Executor::EvalBinary(const ast::BinaryExpr &expr) {
    pg::Value a = Eval(*expr.left);
    pg::Value b = Eval(*expr.right);
    if (expr.op == ast::BinaryOp::Concat) return EvalConcat(a, b);
    auto &site = ast::Cast<compile::OperatorSite>(*expr.annotation);
    if (unlikely(a.type == fn_.collection_oid || b.type == fn_.collection_oid) && fn_.collection_oid != InvalidOid &&
        ast::IsComparison(expr.op)) {
        // Nested tables compare as multisets, for = and <> only.
        if (expr.op != ast::BinaryOp::Eq && expr.op != ast::BinaryOp::Ne)
            pg::Raise(ERRCODE_UNDEFINED_FUNCTION, "PLS-00306: collections compare with = and <> only");
        if (a.type != b.type)
            pg::Raise(ERRCODE_DATATYPE_MISMATCH, "PLS-00306: a collection compares only with a collection");
        if (a.isnull || b.isnull) return pg::Value::Null(BOOLOID);
        int r = pg::MultisetEqual(a.datum, b.datum);
        if (r < 0) return pg::Value::Null(BOOLOID);
        return pg::Value::Of(BoolGetDatum((r == 1) == (expr.op == ast::BinaryOp::Eq)), BOOLOID);
    }
    if (ast::IsComparison(expr.op)) return Compare(expr.op, a, b, site.fallback.get(), &site.convert);
    Native ka = Classify(a.type);
    Native kb = Classify(b.type);
    // Operators are strict: NULL in, NULL out, whatever the types.
    if (a.isnull || b.isnull) return pg::Value::Null(a.isnull ? b.type : a.type);
    if (expr.op != ast::BinaryOp::Pow && IsNumber(ka) && IsNumber(kb)) return Arithmetic(expr.op, a, b, ka, kb);
    if (ka == Native::Text || kb == Native::Text) {
        ConvertOperands(a, b, true, site.convert);
        ka = Classify(a.type);
        kb = Classify(b.type);
        if (expr.op != ast::BinaryOp::Pow && IsNumber(ka) && IsNumber(kb)) return Arithmetic(expr.op, a, b, ka, kb);
    }
    pg::Value date_result;
    if (DateArithmetic(expr.op, a, b, site, &date_result)) return date_result;
    pg::Value values[2] = {a, b};
    return EvalSqlSite(*site.fallback, values, 2);
}

pg::Value Executor::Arithmetic(ast::BinaryOp op, const pg::Value &a, const pg::Value &b, Native ka, Native kb) {
    if (ka == Native::Float8 || kb == Native::Float8) {
        double x = AsDouble(a, ka);
        double y = AsDouble(b, kb);
        double r = 0;
        switch (op) {
            case ast::BinaryOp::Add: r = x + y; break;
            case ast::BinaryOp::Sub: r = x - y; break;
            case ast::BinaryOp::Mul: r = x * y; break;
            case ast::BinaryOp::Div:
                if (y == 0.0) {
                    SoftRaise(ERRCODE_DIVISION_BY_ZERO, "division by zero");
                    return pg::Value::Null(FLOAT8OID);
                }
                r = x / y;
                break;
            case ast::BinaryOp::Pow:
            case ast::BinaryOp::Concat:
            case ast::BinaryOp::Eq:
            case ast::BinaryOp::Ne:
            case ast::BinaryOp::Lt:
            case ast::BinaryOp::Le:
            case ast::BinaryOp::Gt:
            case ast::BinaryOp::Ge:
            case ast::BinaryOp::And:
            case ast::BinaryOp::Or: break;
        }
        if (std::isinf(r) && !std::isinf(x) && !std::isinf(y)) {
            SoftRaise(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: overflow");
            return pg::Value::Null(FLOAT8OID);
        }
        return pg::Value::Of(Float8GetDatum(r), FLOAT8OID);
    }
    bool integers = ka != Native::Numeric && kb != Native::Numeric;
    if (integers && op != ast::BinaryOp::Div) {
        if (ka == Native::Int4 && kb == Native::Int4) {
            int32 x = DatumGetInt32(a.datum);
            int32 y = DatumGetInt32(b.datum);
            int32 r = 0;
            bool overflow = op == ast::BinaryOp::Add   ? pg_add_s32_overflow(x, y, &r)
                            : op == ast::BinaryOp::Sub ? pg_sub_s32_overflow(x, y, &r)
                                                       : pg_mul_s32_overflow(x, y, &r);
            if (overflow) return IntegerOverflow(INT4OID);
            return pg::Value::Of(Int32GetDatum(r), INT4OID);
        }
        int64 x = AsInt64(a, ka);
        int64 y = AsInt64(b, kb);
        int64 r = 0;
        bool overflow = op == ast::BinaryOp::Add   ? pg_add_s64_overflow(x, y, &r)
                        : op == ast::BinaryOp::Sub ? pg_sub_s64_overflow(x, y, &r)
                                                   : pg_mul_s64_overflow(x, y, &r);
        if (overflow) return IntegerOverflow(INT8OID);
        return pg::Value::Of(Int64GetDatum(r), INT8OID);
    }
    // NUMBER arithmetic; division is exact and carries no trailing zeros,
    // as Oracle's NUMBER has none.
    Datum x = AsNumeric(a, ka);
    Datum y = AsNumeric(b, kb);
    Datum r = 0;
    bool ok = true;
    switch (op) {
        case ast::BinaryOp::Add: ok = SoftCall2(numeric_add, x, y, &r); break;
        case ast::BinaryOp::Sub: ok = SoftCall2(numeric_sub, x, y, &r); break;
        case ast::BinaryOp::Mul: ok = SoftCall2(numeric_mul, x, y, &r); break;
        case ast::BinaryOp::Div:
            ok = SoftCall2(numeric_div, x, y, &r);
            if (ok) r = pg::Call1(numeric_trim_scale, r);
            break;
        case ast::BinaryOp::Pow:
        case ast::BinaryOp::Concat:
        case ast::BinaryOp::Eq:
        case ast::BinaryOp::Ne:
        case ast::BinaryOp::Lt:
        case ast::BinaryOp::Le:
        case ast::BinaryOp::Gt:
        case ast::BinaryOp::Ge:
        case ast::BinaryOp::And:
        case ast::BinaryOp::Or: break;
    }
    return ok ? pg::Value::Of(r, NUMERICOID) : pg::Value::Null(NUMERICOID);
}

bool Executor::CompareNative(const pg::Value &a, const pg::Value &b, int *result) {
    Native ka = Classify(a.type);
    Native kb = Classify(b.type);
    if (IsNumber(ka) && IsNumber(kb)) {
        if (ka == Native::Float8 || kb == Native::Float8) {
            *result = float8_cmp_internal(AsDouble(a, ka), AsDouble(b, kb));
        } else if (ka == Native::Numeric || kb == Native::Numeric) {
            *result = DatumGetInt32(pg::Call2(numeric_cmp, AsNumeric(a, ka), AsNumeric(b, kb)));
        } else {
            int64 x = AsInt64(a, ka);
            int64 y = AsInt64(b, kb);
            *result = x < y ? -1 : x > y ? 1 : 0;
        }
        return true;
    }
    if (ka == Native::Text && kb == Native::Text) {
        *result = DatumGetInt32(pg::Call2Coll(bttextcmp, DEFAULT_COLLATION_OID, a.datum, b.datum));
        return true;
    }
    if (ka == Native::Bool && kb == Native::Bool) {
        bool x = DatumGetBool(a.datum);
        bool y = DatumGetBool(b.datum);
        *result = x == y ? 0 : (x ? 1 : -1);
        return true;
    }
    return false;
}

pg::Value Executor::Compare(ast::BinaryOp op, pg::Value a, pg::Value b, compile::SqlExprSite *fallback,
                            std::unique_ptr<compile::CastSite> *convert) {
    if (a.isnull || b.isnull) return pg::Value::Null(BOOLOID);
    int c = 0;
    if (CompareNative(a, b, &c)) return FromBool(ApplyComparison(op, c));
    if (convert != nullptr) {
        ConvertOperands(a, b, false, *convert);
        if (CompareNative(a, b, &c)) return FromBool(ApplyComparison(op, c));
    }
    pg::Value values[2] = {a, b};
    return EvalSqlSite(*fallback, values, 2);
}

namespace {

bool IsDateTime(Oid type) { return type == TIMESTAMPOID || type == TIMESTAMPTZOID || type == DATEOID; }

}  // namespace

void Executor::ConvertOperands(pg::Value &a, pg::Value &b, bool arithmetic, std::unique_ptr<compile::CastSite> &cache) {
    Native ka = Classify(a.type);
    Native kb = Classify(b.type);
    auto to = [this, &cache](pg::Value &v, Oid target) {
        if (!cache || cache->target.oid != target) {
            cache = std::make_unique<compile::CastSite>();
            cache->target = pg::TypeFromOid(target, -1);
        }
        v = Coerce(v, *cache);
    };
    if (arithmetic && ka == Native::Text && kb == Native::Text) {
        to(a, NUMERICOID);
        to(b, NUMERICOID);
        return;
    }
    if ((ka == Native::Text) == (kb == Native::Text)) return;
    pg::Value &text = ka == Native::Text ? a : b;
    const pg::Value &other = ka == Native::Text ? b : a;
    Native ko = ka == Native::Text ? kb : ka;
    // Arithmetic takes strings as numbers; a comparison converts the string
    // to the other side's number or date type.
    Oid target = InvalidOid;
    if (arithmetic || IsNumber(ko))
        target = NUMERICOID;
    else if (IsDateTime(other.type))
        target = other.type;
    if (target != InvalidOid) to(text, target);
}

bool Executor::DateArithmetic(ast::BinaryOp op, const pg::Value &a, const pg::Value &b, compile::OperatorSite &site,
                              pg::Value *out) {
    if (op != ast::BinaryOp::Add && op != ast::BinaryOp::Sub) return false;
    bool da = IsDateTime(a.type);
    bool db = IsDateTime(b.type);
    bool na = IsNumber(Classify(a.type));
    bool nb = IsNumber(Classify(b.type));
    auto site_for = [](std::unique_ptr<compile::SqlExprSite> &s, const char *sql) -> compile::SqlExprSite & {
        if (!s) {
            s = std::make_unique<compile::SqlExprSite>();
            s->sql = sql;
        }
        return *s;
    };
    if (da && db && op == ast::BinaryOp::Sub) {
        pg::Value values[2] = {a, b};
        *out = EvalSqlSite(
            site_for(site.date_diff, "trim_scale(extract(epoch FROM ($1::timestamp - $2::timestamp)) / 86400)"), values,
            2);
        return true;
    }
    if ((da && nb) || (na && db && op == ast::BinaryOp::Add)) {
        pg::Value values[2] = {da ? a : b, da ? b : a};
        const char *sql = op == ast::BinaryOp::Add ? "$1 + $2 * interval '1 day'" : "$1 - $2 * interval '1 day'";
        // One site per operator node: the operator is fixed, only the
        // order of the operands may differ.
        *out = EvalSqlSite(site_for(site.date_days, sql), values, 2);
        return true;
    }
    return false;
}

std::string Executor::ToText(const pg::Value &v) {
    switch (Classify(v.type)) {
        case Native::Text: return pg::TextToString(v.datum);
        case Native::Int4: return std::to_string(DatumGetInt32(v.datum));
        case Native::Int8: return std::to_string(DatumGetInt64(v.datum));
        // As PostgreSQL's boolean-to-text cast, not its output function ('t').
        case Native::Bool: return DatumGetBool(v.datum) ? "true" : "false";
        // Oracle's NUMBER to VARCHAR2: no trailing zeros (120.0 -> 120).
        case Native::Numeric: return pg::OutputValue(pg::Call1(numeric_trim_scale, v.datum), NUMERICOID);
        case Native::Float8:
        case Native::Other: break;
    }
    // Oracle converts a DATE to text with NLS_DATE_FORMAT, a TIMESTAMP with
    // NLS_TIMESTAMP_FORMAT, a TIMESTAMP WITH TIME ZONE with NLS_TIMESTAMP_TZ_FORMAT.
    if (v.type == TIMESTAMPOID || v.type == TIMESTAMPTZOID) return pg::DatetimeText(v.datum, v.type, v.typmod);
    return pg::OutputValue(v.datum, v.type);
}

pg::Value Executor::EvalConcat(const pg::Value &a, const pg::Value &b) {
    if (a.isnull && b.isnull) return pg::Value::Null(TEXTOID);
    if (a.isnull && Classify(b.type) == Native::Text) return pg::Value::Of(b.datum, TEXTOID);
    if (b.isnull && Classify(a.type) == Native::Text) return pg::Value::Of(a.datum, TEXTOID);
    if (Classify(a.type) == Native::Text && Classify(b.type) == Native::Text && pg::TextByteLength(a.datum) >= 0 &&
        pg::TextByteLength(b.datum) >= 0)
        return pg::Value::Of(pg::TextConcat(a.datum, b.datum), TEXTOID);
    // 'x' || 42 and 42 || 'x': the integer's digits straight into the text.
    Native ka = Classify(a.type), kb = Classify(b.type);
    // By hand: the backend's snprintf parses its format each time, which
    // was a tenth of a row trigger's cost.
    auto integer_digits = [](const pg::Value &v, Native k, char *buf) -> int {
        long long i = k == Native::Int4 ? DatumGetInt32(v.datum) : DatumGetInt64(v.datum);
        unsigned long long u = i < 0 ? 0ULL - static_cast<unsigned long long>(i) : static_cast<unsigned long long>(i);
        char rev[24];
        int n = 0;
        do {
            rev[n++] = static_cast<char>('0' + u % 10);
            u /= 10;
        } while (u != 0);
        int len = 0;
        if (i < 0) buf[len++] = '-';
        while (n > 0) buf[len++] = rev[--n];
        return len;
    };
    if (!a.isnull && !b.isnull) {
        char digits[24];
        if (ka == Native::Text && (kb == Native::Int4 || kb == Native::Int8) && pg::TextByteLength(a.datum) >= 0) {
            int n = integer_digits(b, kb, digits);
            return pg::Value::Of(pg::TextConcatChars(a.datum, digits, static_cast<size_t>(n), false), TEXTOID);
        }
        if (kb == Native::Text && (ka == Native::Int4 || ka == Native::Int8) && pg::TextByteLength(b.datum) >= 0) {
            int n = integer_digits(a, ka, digits);
            return pg::Value::Of(pg::TextConcatChars(b.datum, digits, static_cast<size_t>(n), true), TEXTOID);
        }
    }
    std::string s;
    if (!a.isnull) s = ToText(a);
    if (!b.isnull) s += ToText(b);
    return pg::Value::Of(pg::MakeText(s.data(), s.size()), TEXTOID);
}

}  // namespace plpolar::exec
