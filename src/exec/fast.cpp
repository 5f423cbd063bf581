// compile::FastExpr: integer and boolean expressions on plain integers.
// Same results and errors as the general path (operators.cpp): int4
// overflow raises, operators are strict, AND / OR use three-valued logic
// with short-circuit. compile::DecimalExpr: NUMBER +, -, * on exact
// decimals, with numeric's results and scales.
#include "plpolar/compile/sites.hpp"
#include "plpolar/exec/executor.hpp"
#include "plpolar/exec/package_instance.hpp"
#include "plpolar/pg/guard.hpp"

extern "C" {
#include "common/int.h"
}

namespace plpolar::exec {

// Leaves inline, the rest through EvalFast: most operands are a variable
// or a constant.
inline Executor::FastResult Executor::FastOperand(const compile::FastExpr &e, int32 *out) {
    using Op = compile::FastExpr::Op;
    if (e.op == Op::Const) {
        *out = e.value;
        return FastResult::Value;
    }
    if (e.op == Op::Slot || e.op == Op::PackageSlot) {
        const pg::Value &v = e.op == Op::Slot ? slots_[static_cast<size_t>(e.slot)] : PackageSlotValue(*e.package);
        if (v.isnull) return FastResult::Null;
        if (v.type != (e.boolean ? BOOLOID : INT4OID)) return FastResult::Bail;
        *out = e.boolean ? static_cast<int32>(DatumGetBool(v.datum)) : DatumGetInt32(v.datum);
        return FastResult::Value;
    }
    return EvalFast(e, out);
}

Executor::FastResult Executor::EvalFast(const compile::FastExpr &e, int32 *out) {
    using Op = compile::FastExpr::Op;
    switch (e.op) {
        case Op::Const: *out = e.value; return FastResult::Value;
        case Op::Null: return FastResult::Null;
        case Op::Slot:
        case Op::PackageSlot: {
            const pg::Value &v = e.op == Op::Slot ? slots_[static_cast<size_t>(e.slot)] : PackageSlotValue(*e.package);
            if (v.isnull) return FastResult::Null;
            if (v.type != (e.boolean ? BOOLOID : INT4OID)) return FastResult::Bail;
            *out = e.boolean ? static_cast<int32>(DatumGetBool(v.datum)) : DatumGetInt32(v.datum);
            return FastResult::Value;
        }
        case Op::And:
        case Op::Or: {
            bool is_and = e.op == Op::And;
            int32 l = 0, r = 0;
            FastResult lr = EvalFast(*e.left, &l);
            if (lr == FastResult::Bail) return lr;
            if (lr == FastResult::Value && (l != 0) != is_and) {
                *out = l != 0;
                return lr;
            }
            FastResult rr = EvalFast(*e.right, &r);
            if (rr == FastResult::Bail) return rr;
            if (rr == FastResult::Value && (r != 0) != is_and) {
                *out = r != 0;
                return rr;
            }
            if (lr == FastResult::Null || rr == FastResult::Null) return FastResult::Null;
            *out = is_and;
            return FastResult::Value;
        }
        case Op::Not:
        case Op::Neg: {
            int32 x = 0;
            FastResult r = EvalFast(*e.left, &x);
            if (r != FastResult::Value) return r;
            if (e.op == Op::Not) {
                *out = x == 0;
            } else {
                if (x == PG_INT32_MIN) {
                    IntegerOverflow(INT4OID);
                    return FastResult::Null;
                }
                *out = -x;
            }
            return FastResult::Value;
        }
        case Op::Case: {
            // Simple CASE: the operand once; NULL matches no WHEN.
            int32 operand = 0;
            FastResult ro = FastResult::Value;
            if (e.left) {
                ro = EvalFast(*e.left, &operand);
                if (ro == FastResult::Bail) return ro;
            }
            for (size_t i = 0; i < e.whens.size() && ro == FastResult::Value; ++i) {
                int32 w = 0;
                FastResult rw = EvalFast(*e.whens[i], &w);
                if (rw == FastResult::Bail) return rw;
                bool taken = e.left ? ro == FastResult::Value && rw == FastResult::Value && w == operand
                                    : rw == FastResult::Value && w != 0;
                if (taken) return EvalFast(*e.thens[i], out);
            }
            if (e.right) return EvalFast(*e.right, out);
            return FastResult::Null;
        }
        case Op::Element: {
            // Anything unusual (NULL collection or subscript, no such
            // element) goes the general way, which raises Oracle's error.
            const pg::Value &c = slots_[static_cast<size_t>(e.slot)];
            int32 k = 0;
            if (c.isnull || FastOperand(*e.left, &k) != FastResult::Value) return FastResult::Bail;
            Datum d = 0;
            bool isnull = false;
            if (!pg::CollectionRef(c.datum).Peek(k, &d, &isnull)) return FastResult::Bail;
            if (isnull) return FastResult::Null;
            *out = e.boolean ? static_cast<int32>(DatumGetBool(d)) : DatumGetInt32(d);
            return FastResult::Value;
        }
        case Op::IsNull:
        case Op::IsNotNull: {
            int32 x = 0;
            FastResult r = EvalFast(*e.left, &x);
            if (r == FastResult::Bail) return r;
            *out = (r == FastResult::Null) == (e.op == Op::IsNull);
            return FastResult::Value;
        }
        case Op::Abs:
        case Op::Sign: {
            int32 x = 0;
            FastResult r = EvalFast(*e.left, &x);
            if (r != FastResult::Value) return r;
            if (e.op == Op::Sign) {
                *out = x > 0 ? 1 : x < 0 ? -1 : 0;
                return FastResult::Value;
            }
            if (x == PG_INT32_MIN) {  // as int4abs
                IntegerOverflow(INT4OID);
                return FastResult::Null;
            }
            *out = x < 0 ? -x : x;
            return FastResult::Value;
        }
        case Op::Nvl2:
        case Op::Greatest:
        case Op::Least:
        case Op::Decode: return EvalFastBuiltin(e, out);
        case Op::Mod:
        case Op::Nvl:
        case Op::Add:
        case Op::Sub:
        case Op::Mul:
        case Op::Eq:
        case Op::Ne:
        case Op::Lt:
        case Op::Le:
        case Op::Gt:
        case Op::Ge: break;
    }
    // Binary operators: both sides first, as the general path does.
    int32 a = 0, b = 0;
    FastResult ra = FastOperand(*e.left, &a);
    if (ra == FastResult::Bail) return ra;
    FastResult rb = FastOperand(*e.right, &b);
    if (rb == FastResult::Bail) return rb;
    if (e.op == Op::Nvl) {
        if (ra == FastResult::Value) {
            *out = a;
            return ra;
        }
        *out = b;
        return rb;
    }
    if (ra == FastResult::Null || rb == FastResult::Null) return FastResult::Null;
    bool overflow = false;
    switch (e.op) {
        // MOD(m, 0) is m; the sign follows m (plpolar.mod).
        case Op::Mod: *out = b == 0 ? a : (b == -1 ? 0 : a % b); break;
        case Op::Add: overflow = pg_add_s32_overflow(a, b, out); break;
        case Op::Sub: overflow = pg_sub_s32_overflow(a, b, out); break;
        case Op::Mul: overflow = pg_mul_s32_overflow(a, b, out); break;
        case Op::Eq: *out = a == b; break;
        case Op::Ne: *out = a != b; break;
        case Op::Lt: *out = a < b; break;
        case Op::Le: *out = a <= b; break;
        case Op::Gt: *out = a > b; break;
        case Op::Ge: *out = a >= b; break;
        case Op::Slot:
        case Op::PackageSlot:
        case Op::Const:
        case Op::Null:
        case Op::Neg:
        case Op::And:
        case Op::Or:
        case Op::Not:
        case Op::IsNull:
        case Op::IsNotNull:
        case Op::Case:
        case Op::Element:
        case Op::Nvl:
        case Op::Nvl2:
        case Op::Greatest:
        case Op::Least:
        case Op::Decode:
        case Op::Abs:
        case Op::Sign: return FastResult::Bail;
    }
    if (overflow) {
        IntegerOverflow(INT4OID);
        return FastResult::Null;
    }
    return FastResult::Value;
}

// NVL2, GREATEST, LEAST, DECODE: every argument first, as the general
// path evaluates them before the function runs.
Executor::FastResult Executor::EvalFastBuiltin(const compile::FastExpr &e, int32 *out) {
    using Op = compile::FastExpr::Op;
    int32 args[ast::kMaxNativeArgs] = {};
    FastResult results[ast::kMaxNativeArgs];
    switch (e.op) {
        case Op::Nvl2:
        case Op::Greatest:
        case Op::Least: {
            const size_t n = e.whens.size();
            bool any_null = false;
            for (size_t i = 0; i < n; ++i) {
                results[i] = FastOperand(*e.whens[i], &args[i]);
                if (results[i] == FastResult::Bail) return FastResult::Bail;
                any_null = any_null || results[i] == FastResult::Null;
            }
            if (e.op == Op::Nvl2) {
                const size_t pick = results[0] == FastResult::Value ? 1 : 2;
                *out = args[pick];
                return results[pick];
            }
            if (any_null) return FastResult::Null;
            int32 best = args[0];
            for (size_t i = 1; i < n; ++i)
                if (e.op == Op::Greatest ? args[i] > best : args[i] < best) best = args[i];
            *out = best;
            return FastResult::Value;
        }
        case Op::Decode: {
            // [0] the expression, then search, result pairs, then the default.
            size_t n = 0;
            results[n] = FastOperand(*e.left, &args[n]);
            ++n;
            for (size_t i = 0; i < e.whens.size(); ++i) {
                results[n] = FastOperand(*e.whens[i], &args[n]);
                ++n;
                results[n] = FastOperand(*e.thens[i], &args[n]);
                ++n;
            }
            if (e.right) {
                results[n] = FastOperand(*e.right, &args[n]);
                ++n;
            }
            for (size_t i = 0; i < n; ++i)
                if (results[i] == FastResult::Bail) return FastResult::Bail;
            for (size_t i = 0; i < e.whens.size(); ++i) {
                const size_t s = 1 + 2 * i;
                // NULL matches NULL, as in Oracle.
                bool match = results[0] == FastResult::Null || results[s] == FastResult::Null ? results[0] == results[s]
                                                                                              : args[0] == args[s];
                if (match) {
                    *out = args[s + 1];
                    return results[s + 1];
                }
            }
            if (!e.right) return FastResult::Null;
            *out = args[n - 1];
            return results[n - 1];
        }
        case Op::Slot:
        case Op::PackageSlot:
        case Op::Const:
        case Op::Null:
        case Op::Neg:
        case Op::Add:
        case Op::Sub:
        case Op::Mul:
        case Op::Eq:
        case Op::Ne:
        case Op::Lt:
        case Op::Le:
        case Op::Gt:
        case Op::Ge:
        case Op::And:
        case Op::Or:
        case Op::Not:
        case Op::IsNull:
        case Op::IsNotNull:
        case Op::Case:
        case Op::Element:
        case Op::Mod:
        case Op::Nvl:
        case Op::Abs:
        case Op::Sign: break;
    }
    return FastResult::Bail;
}

Executor::FastResult Executor::EvalDecimal(const compile::DecimalExpr &e, types::Decimal *out) {
    using Op = compile::DecimalExpr::Op;
    switch (e.op) {
        case Op::Const: *out = e.value; return FastResult::Value;
        case Op::Slot: {
            const pg::Value &v = slots_[static_cast<size_t>(e.slot)];
            if (v.isnull) return FastResult::Null;
            if (v.type != NUMERICOID || !pg::NumericToDecimal(v.datum, out)) return FastResult::Bail;
            return FastResult::Value;
        }
        case Op::Integer: {
            int32 i = 0;
            FastResult r = EvalFast(*e.integer, &i);
            out->mantissa = i;
            out->scale = 0;
            return r;
        }
        case Op::Neg: {
            FastResult r = EvalDecimal(*e.left, out);
            if (r == FastResult::Value) types::DecimalNeg(out);
            return r;
        }
        case Op::Abs:
        case Op::Sign: {
            FastResult r = EvalDecimal(*e.left, out);
            if (r != FastResult::Value) return r;
            if (e.op == Op::Sign) {
                // numeric_sign: -1, 0 or 1, scale 0
                out->mantissa = out->mantissa > 0 ? 1 : out->mantissa < 0 ? -1 : 0;
                out->scale = 0;
            } else if (out->mantissa < 0) {
                types::DecimalNeg(out);
            }
            return r;
        }
        case Op::Round:
        case Op::Trunc: {
            types::Decimal a;
            int32 digits = 0;
            FastResult ra = EvalDecimal(*e.left, &a);
            if (ra == FastResult::Bail) return ra;
            FastResult rd = e.right ? EvalFast(*e.right->integer, &digits) : FastResult::Value;
            if (rd == FastResult::Bail) return rd;
            if (ra == FastResult::Null || rd == FastResult::Null) return FastResult::Null;
            return types::DecimalRound(a, digits, e.op == Op::Trunc, out) ? FastResult::Value : FastResult::Bail;
        }
        case Op::Mod:
        case Op::Add:
        case Op::Sub:
        case Op::Mul: break;
    }
    // Both sides first, as the general path does.
    types::Decimal a, b;
    FastResult ra = EvalDecimal(*e.left, &a);
    if (ra == FastResult::Bail) return ra;
    FastResult rb = EvalDecimal(*e.right, &b);
    if (rb == FastResult::Bail) return rb;
    if (ra == FastResult::Null || rb == FastResult::Null) return FastResult::Null;
    bool fits = e.op == Op::Add   ? types::DecimalAdd(a, b, out)
                : e.op == Op::Sub ? types::DecimalSub(a, b, out)
                : e.op == Op::Mod ? types::DecimalMod(a, b, out)
                                  : types::DecimalMul(a, b, out);
    return fits ? FastResult::Value : FastResult::Bail;
}

}  // namespace plpolar::exec
