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
    if (ra == FastResult::Null || rb == FastResult::Null) return FastResult::Null;
    bool overflow = false;
    switch (e.op) {
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
        case Op::Neg:
        case Op::And:
        case Op::Or:
        case Op::Not:
        case Op::IsNull:
        case Op::IsNotNull:
        case Op::Case:
        case Op::Element: return FastResult::Bail;
    }
    if (overflow) {
        IntegerOverflow(INT4OID);
        return FastResult::Null;
    }
    return FastResult::Value;
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
                                  : types::DecimalMul(a, b, out);
    return fits ? FastResult::Value : FastResult::Bail;
}

}  // namespace plpolar::exec
