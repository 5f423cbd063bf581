// The fast integer / boolean path (FastExpr): expressions over operands of
// fixed types, decided here, evaluated natively by exec/fast.cpp.
#include "compiler_impl.hpp"
#include "plpolar/pg/guard.hpp"

namespace plpolar::compile {

// Literals, variables and operators only: no call, no SQL that could run
// user code, so evaluation may stop at an error without unwinding.
bool Compiler::RunsNoUserCode(const ast::Expr &e) {
    switch (e.kind) {
        case ast::ExprKind::Literal: return true;
        case ast::ExprKind::Name:
            // A package variable's first read may initialise its package.
            // obj.method without parentheses is a call.
            return ast::Cast<ast::NameExpr>(e).builtin == ast::Builtin::None &&
                   (e.annotation == nullptr || (e.annotation->kind != ast::AnnotationKind::PackageRef &&
                                                e.annotation->kind != ast::AnnotationKind::MethodCall));
        case ast::ExprKind::Unary: return RunsNoUserCode(*ast::Cast<ast::UnaryExpr>(e).operand);
        case ast::ExprKind::Not: return RunsNoUserCode(*ast::Cast<ast::NotExpr>(e).operand);
        case ast::ExprKind::IsNull: return RunsNoUserCode(*ast::Cast<ast::IsNullExpr>(e).operand);
        case ast::ExprKind::Binary: {
            const auto &b = ast::Cast<ast::BinaryExpr>(e);
            return RunsNoUserCode(*b.left) && RunsNoUserCode(*b.right);
        }
        case ast::ExprKind::Case: {
            const auto &c = ast::Cast<ast::CaseExpr>(e);
            if (c.operand && !RunsNoUserCode(*c.operand)) return false;
            if (c.else_value && !RunsNoUserCode(*c.else_value)) return false;
            for (const auto &w : c.whens)
                if (!RunsNoUserCode(*w.condition) || !RunsNoUserCode(*w.result)) return false;
            return true;
        }
        case ast::ExprKind::Like:
        case ast::ExprKind::Between:
        case ast::ExprKind::In:
        case ast::ExprKind::Call:
        case ast::ExprKind::Attribute:
        case ast::ExprKind::Cast: return false;
    }
    return false;  // not reached: every kind has its case
}

// The FastExpr for `e`, or null when an operand's type is not fixed.
std::unique_ptr<FastExpr> Compiler::MakeFast(const ast::Expr &e) {
    using Op = FastExpr::Op;
    auto node = std::make_unique<FastExpr>();
    auto both = [&](const ast::Expr &l, const ast::Expr &r, bool operands_boolean) {
        node->left = MakeFast(l);
        node->right = MakeFast(r);
        return node->left && node->right && node->left->boolean == operands_boolean &&
               node->right->boolean == operands_boolean;
    };
    switch (e.kind) {
        case ast::ExprKind::Literal: {
            const pg::Value &v = ast::Cast<LiteralSite>(*e.annotation).value;
            if (v.isnull) {
                // Integer-kind: in a boolean place the kinds differ and the
                // general path takes the expression.
                node->op = Op::Null;
                return node;
            }
            if (v.type != INT4OID && v.type != BOOLOID) return nullptr;
            node->op = Op::Const;
            node->boolean = v.type == BOOLOID;
            node->value = node->boolean ? DatumGetBool(v.datum) : DatumGetInt32(v.datum);
            return node;
        }
        case ast::ExprKind::Name: {
            const auto &n = ast::Cast<ast::NameExpr>(e);
            if (n.slot < 0 && n.annotation != nullptr && n.annotation->kind == ast::AnnotationKind::PackageRef) {
                auto &site = ast::Cast<PackageRefSite>(*n.annotation);
                if (!site.field.empty() || (site.type.oid != INT4OID && site.type.oid != BOOLOID)) return nullptr;
                node->op = Op::PackageSlot;
                node->package = &site;
                node->boolean = site.type.oid == BOOLOID;
                return node;
            }
            if (n.slot < 0 || n.field_ref || n.builtin != ast::Builtin::None) return nullptr;
            Oid type = fn_.variables[static_cast<size_t>(n.slot)].type.oid;
            if (type != INT4OID && type != BOOLOID) return nullptr;
            node->op = Op::Slot;
            node->slot = n.slot;
            node->boolean = type == BOOLOID;
            return node;
        }
        case ast::ExprKind::Unary: {
            const auto &u = ast::Cast<ast::UnaryExpr>(e);
            auto operand = MakeFast(*u.operand);
            if (!operand || operand->boolean) return nullptr;
            if (u.op == ast::UnaryOp::Plus) return operand;
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
                case ast::BinaryOp::Eq: node->op = Op::Eq; break;
                case ast::BinaryOp::Ne: node->op = Op::Ne; break;
                case ast::BinaryOp::Lt: node->op = Op::Lt; break;
                case ast::BinaryOp::Le: node->op = Op::Le; break;
                case ast::BinaryOp::Gt: node->op = Op::Gt; break;
                case ast::BinaryOp::Ge: node->op = Op::Ge; break;
                case ast::BinaryOp::And: node->op = Op::And; break;
                case ast::BinaryOp::Or: node->op = Op::Or; break;
                case ast::BinaryOp::Div:
                case ast::BinaryOp::Pow:
                case ast::BinaryOp::Concat: return nullptr;  // exact division, powers, ||
            }
            bool logical = node->op == Op::And || node->op == Op::Or;
            if (!both(*b.left, *b.right, logical)) return nullptr;
            node->boolean = logical || ast::IsComparison(b.op);
            return node;
        }
        case ast::ExprKind::Not: {
            node->left = MakeFast(*ast::Cast<ast::NotExpr>(e).operand);
            if (!node->left || !node->left->boolean) return nullptr;
            node->op = Op::Not;
            node->boolean = true;
            return node;
        }
        case ast::ExprKind::Case: {
            // All results of one kind; a simple CASE compares integers.
            const auto &c = ast::Cast<ast::CaseExpr>(e);
            node->op = Op::Case;
            if (c.operand) {
                node->left = MakeFast(*c.operand);
                if (!node->left || node->left->boolean) return nullptr;
            }
            int kind = -1;  // 0 integer, 1 boolean
            auto result = [&](const ast::Expr &r) -> std::unique_ptr<FastExpr> {
                auto f = MakeFast(r);
                if (!f) return nullptr;
                int k = f->boolean ? 1 : 0;
                if (kind >= 0 && kind != k) return nullptr;
                kind = k;
                return f;
            };
            for (const auto &w : c.whens) {
                auto cond = MakeFast(*w.condition);
                if (!cond || cond->boolean != !c.operand) return nullptr;
                auto then = result(*w.result);
                if (!then) return nullptr;
                node->whens.push_back(std::move(cond));
                node->thens.push_back(std::move(then));
            }
            if (c.else_value) {
                node->right = result(*c.else_value);
                if (!node->right) return nullptr;
            }
            if (kind < 0) return nullptr;
            node->boolean = kind == 1;
            return node;
        }
        case ast::ExprKind::IsNull: {
            const auto &n = ast::Cast<ast::IsNullExpr>(e);
            node->left = MakeFast(*n.operand);
            if (!node->left) return nullptr;
            node->op = n.negated ? Op::IsNotNull : Op::IsNull;
            node->boolean = true;
            return node;
        }
        case ast::ExprKind::Like:
        case ast::ExprKind::Between:
        case ast::ExprKind::In: return nullptr;
        case ast::ExprKind::Call: {
            const auto &call = ast::Cast<ast::CallExpr>(e);
            if (ast::BuiltinKindOf(call.builtin) == ast::BuiltinKind::NativeOracle) return MakeFastBuiltin(call);
            // c(i) of an integer-keyed collection of PLS_INTEGER or BOOLEAN.
            if (call.builtin != ast::Builtin::Collection || !call.fields.empty()) return nullptr;
            const auto &site = ast::Cast<CollectionSite>(*call.annotation);
            // A variable of this unit only: not another package's collection
            // nor an element of an element (c(i)(j)), which have no slot.
            if (site.op != CollectionOp::Element || site.slot < 0 || site.parent != nullptr ||
                !site.record_field.empty() || site.type->shape.string_keys)
                return nullptr;
            Oid element = site.type->shape.element.oid;
            if (element != INT4OID && element != BOOLOID) return nullptr;
            node->left = MakeFast(*site.args[0]);
            if (!node->left || node->left->boolean) return nullptr;
            node->op = Op::Element;
            node->slot = site.slot;
            node->boolean = element == BOOLOID;
            return node;
        }
        case ast::ExprKind::Attribute:
        case ast::ExprKind::Cast: return nullptr;
    }
    return nullptr;  // not reached: every kind has its case
}

// MOD, NVL, NVL2, GREATEST, LEAST and DECODE when every argument is an
// integer expression of the fast path, so that they give what the general
// path gives (INT4 in, INT4 out).
std::unique_ptr<FastExpr> Compiler::MakeFastBuiltin(const ast::CallExpr &call) {
    using Op = FastExpr::Op;
    if (!call.fields.empty() || !call.subscripts.empty() || !call.method_args.empty()) return nullptr;
    std::vector<std::unique_ptr<FastExpr>> args;
    for (const auto &arg : call.args) {
        if (arg.key != nullptr || arg.value == nullptr) return nullptr;
        auto f = MakeFast(*arg.value);
        if (!f || f->boolean) return nullptr;
        args.push_back(std::move(f));
    }
    auto node = std::make_unique<FastExpr>();
    switch (call.builtin) {
        case ast::Builtin::Mod:
        case ast::Builtin::Nvl:
            if (args.size() != 2) return nullptr;
            node->op = call.builtin == ast::Builtin::Mod ? Op::Mod : Op::Nvl;
            node->left = std::move(args[0]);
            node->right = std::move(args[1]);
            return node;
        case ast::Builtin::Abs:
        case ast::Builtin::Sign:
            if (args.size() != 1) return nullptr;
            node->op = call.builtin == ast::Builtin::Abs ? Op::Abs : Op::Sign;
            node->left = std::move(args[0]);
            return node;
        case ast::Builtin::Nvl2:
        case ast::Builtin::Greatest:
        case ast::Builtin::Least:
            if (args.empty() || (call.builtin == ast::Builtin::Nvl2 && args.size() != 3)) return nullptr;
            node->op = call.builtin == ast::Builtin::Nvl2       ? Op::Nvl2
                       : call.builtin == ast::Builtin::Greatest ? Op::Greatest
                                                                : Op::Least;
            node->whens = std::move(args);
            return node;
        case ast::Builtin::Decode: {
            if (args.size() < 3) return nullptr;
            node->op = Op::Decode;
            const size_t pairs = (args.size() - 1) / 2;
            node->left = std::move(args[0]);
            for (size_t i = 0; i < pairs; ++i) {
                node->whens.push_back(std::move(args[1 + 2 * i]));
                node->thens.push_back(std::move(args[2 + 2 * i]));
            }
            if ((args.size() - 1) % 2 == 1) node->right = std::move(args.back());
            return node;
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
        case ast::Builtin::TriggerColumn:
        case ast::Builtin::Length:
        case ast::Builtin::Substr:
        case ast::Builtin::ToChar:
        case ast::Builtin::ToNumber:
        case ast::Builtin::Round:
        case ast::Builtin::Trunc:
        case ast::Builtin::Upper:
        case ast::Builtin::Lower:
        case ast::Builtin::Btrim:
        case ast::Builtin::Ltrim:
        case ast::Builtin::Rtrim:
        case ast::Builtin::Lpad:
        case ast::Builtin::Rpad:
        case ast::Builtin::Replace:
        case ast::Builtin::Instr: return nullptr;
    }
    return nullptr;  // not reached: every value has its case
}

}  // namespace plpolar::compile
