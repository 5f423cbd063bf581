// The exact decimal path (DecimalExpr) for NUMBER + - * (exec/fast.cpp).
#include "compiler_impl.hpp"
#include "plpolar/pg/guard.hpp"

namespace plpolar::compile {

// The DecimalExpr for `e`, or null. *numeric tells whether a NUMBER
// operand is involved: without one the result is not numeric at all.
std::unique_ptr<DecimalExpr> Compiler::MakeDecimal(const ast::Expr &e, bool *numeric) {
    using Op = DecimalExpr::Op;
    auto node = std::make_unique<DecimalExpr>();
    if (auto integer = MakeFast(e)) {
        if (integer->boolean) return nullptr;
        node->op = Op::Integer;
        node->integer = std::move(integer);
        return node;
    }
    switch (e.kind) {
        case ast::ExprKind::Literal: {
            const pg::Value &v = ast::Cast<LiteralSite>(*e.annotation).value;
            if (v.isnull || v.type != NUMERICOID) return nullptr;
            if (!pg::NumericToDecimal(v.datum, &node->value)) return nullptr;
            node->op = Op::Const;
            *numeric = true;
            return node;
        }
        case ast::ExprKind::Name: {
            const auto &n = ast::Cast<ast::NameExpr>(e);
            if (n.slot < 0 || n.field_ref || n.builtin != ast::Builtin::None) return nullptr;
            if (fn_.variables[static_cast<size_t>(n.slot)].type.oid != NUMERICOID) return nullptr;
            node->op = Op::Slot;
            node->slot = n.slot;
            *numeric = true;
            return node;
        }
        case ast::ExprKind::Unary: {
            const auto &u = ast::Cast<ast::UnaryExpr>(e);
            auto operand = MakeDecimal(*u.operand, numeric);
            if (!operand || u.op == ast::UnaryOp::Plus) return operand;
            node->op = Op::Neg;
            node->left = std::move(operand);
            return node;
        }
        case ast::ExprKind::Binary: {
            const auto &b = ast::Cast<ast::BinaryExpr>(e);
            switch (b.op) {
                case ast::BinaryOp::Add: node->op = Op::Add; break;
                case ast::BinaryOp::Sub: node->op = Op::Sub; break;
                case ast::BinaryOp::Mul: node->op = Op::Mul; break;
                case ast::BinaryOp::Div:
                case ast::BinaryOp::Pow:
                case ast::BinaryOp::Concat:
                case ast::BinaryOp::Eq:
                case ast::BinaryOp::Ne:
                case ast::BinaryOp::Lt:
                case ast::BinaryOp::Le:
                case ast::BinaryOp::Gt:
                case ast::BinaryOp::Ge:
                case ast::BinaryOp::And:
                case ast::BinaryOp::Or: return nullptr;  // division's scale, powers: PostgreSQL's numeric
            }
            node->left = MakeDecimal(*b.left, numeric);
            node->right = node->left ? MakeDecimal(*b.right, numeric) : nullptr;
            if (!node->right) return nullptr;
            return node;
        }
        case ast::ExprKind::Call: {
            // ROUND / TRUNC of a NUMBER [to an integer's digits], MOD.
            const auto &call = ast::Cast<ast::CallExpr>(e);
            const bool rounding = call.builtin == ast::Builtin::Round || call.builtin == ast::Builtin::Trunc;
            const bool unary = call.builtin == ast::Builtin::Abs || call.builtin == ast::Builtin::Sign;
            if ((!rounding && !unary && call.builtin != ast::Builtin::Mod) || !call.fields.empty() ||
                !call.subscripts.empty() || !call.method_args.empty() || (unary && call.args.size() != 1))
                return nullptr;
            for (const auto &arg : call.args)
                if (arg.key != nullptr || arg.value == nullptr) return nullptr;
            bool any_numeric = false;
            node->left = MakeDecimal(*call.args[0].value, &any_numeric);
            if (!node->left) return nullptr;
            if (call.args.size() == 2) {
                bool ignored = false;
                node->right = MakeDecimal(*call.args[1].value, rounding ? &ignored : &any_numeric);
                if (!node->right || (rounding && node->right->op != Op::Integer)) return nullptr;
            }
            // Of integers alone these are not NUMBER functions (MOD stays
            // integer; ROUND of an integer is PostgreSQL's float8 one).
            if (!any_numeric) return nullptr;
            node->op = call.builtin == ast::Builtin::Round   ? Op::Round
                       : call.builtin == ast::Builtin::Trunc ? Op::Trunc
                       : call.builtin == ast::Builtin::Abs   ? Op::Abs
                       : call.builtin == ast::Builtin::Sign  ? Op::Sign
                                                             : Op::Mod;
            *numeric = true;
            return node;
        }
        case ast::ExprKind::Not:
        case ast::ExprKind::IsNull:
        case ast::ExprKind::Like:
        case ast::ExprKind::Between:
        case ast::ExprKind::In:
        case ast::ExprKind::Attribute:
        case ast::ExprKind::Cast:
        case ast::ExprKind::Case: return nullptr;
    }
    return nullptr;  // not reached: every kind has its case
}

}  // namespace plpolar::compile
