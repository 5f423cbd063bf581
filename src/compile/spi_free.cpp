// Whether a DML trigger's body can run without an SPI connection of its
// own: connecting and finishing costs about as much as the rest of a small
// trigger's call (two memory contexts and a stack level per row). Decided
// on the AST, conservatively: statements that run SQL, open cursors, call
// procedures or subprograms, touch packages or collections, or have
// exception handlers (subtransactions) need SPI; so does anything not
// listed here. Expressions may still reach SQL at run time (an operator on
// types without native code, SYSDATE, a function call): Executor::EvalSqlSite
// connects on demand before it prepares or runs anything.
#include "compiler_impl.hpp"

namespace plpolar::compile {

bool Compiler::RunsWithoutSpi(const ast::Expr &e) const {
    auto all = [this](std::initializer_list<const ast::Expr *> parts) {
        for (const ast::Expr *p : parts)
            if (p != nullptr && !RunsWithoutSpi(*p)) return false;
        return true;
    };
    switch (e.kind) {
        case ast::ExprKind::Literal: return true;
        case ast::ExprKind::Name: {
            const auto &n = ast::Cast<ast::NameExpr>(e);
            if (n.builtin != ast::Builtin::None) return false;
            if (n.annotation != nullptr && n.annotation->kind != ast::AnnotationKind::Field &&
                n.annotation->kind != ast::AnnotationKind::SqlExpr)
                return false;
            if (n.slot >= 0 && fn_.variables[static_cast<size_t>(n.slot)].IsCollection()) return false;
            return true;
        }
        case ast::ExprKind::Unary: return RunsWithoutSpi(*ast::Cast<ast::UnaryExpr>(e).operand);
        case ast::ExprKind::Not: return RunsWithoutSpi(*ast::Cast<ast::NotExpr>(e).operand);
        case ast::ExprKind::IsNull: return RunsWithoutSpi(*ast::Cast<ast::IsNullExpr>(e).operand);
        case ast::ExprKind::Binary: {
            const auto &b = ast::Cast<ast::BinaryExpr>(e);
            return all({b.left.get(), b.right.get()});
        }
        case ast::ExprKind::Like: {
            const auto &l = ast::Cast<ast::LikeExpr>(e);
            return all({l.operand.get(), l.pattern.get(), l.escape.get()});
        }
        case ast::ExprKind::Between: {
            const auto &b = ast::Cast<ast::BetweenExpr>(e);
            return all({b.operand.get(), b.low.get(), b.high.get()});
        }
        case ast::ExprKind::In: {
            const auto &in = ast::Cast<ast::InExpr>(e);
            if (!RunsWithoutSpi(*in.operand)) return false;
            for (const auto &x : in.list)
                if (!RunsWithoutSpi(*x)) return false;
            return true;
        }
        case ast::ExprKind::Call: {
            const auto &c = ast::Cast<ast::CallExpr>(e);
            if (!c.fields.empty() || !c.subscripts.empty() || !c.method_args.empty()) return false;
            switch (ast::BuiltinKindOf(c.builtin)) {
                case ast::BuiltinKind::None:        // an SQL function: its SqlExprSite
                case ast::BuiltinKind::ErrorInfo:   // SQLERRM(n)
                case ast::BuiltinKind::ErrorRaise:  // RAISE_APPLICATION_ERROR
                case ast::BuiltinKind::Trigger:     // UPDATING('c')
                case ast::BuiltinKind::NativeOracle: break;
                case ast::BuiltinKind::Package:
                case ast::BuiltinKind::Subprogram:
                case ast::BuiltinKind::Collection:
                case ast::BuiltinKind::Bulk: return false;
            }
            for (const auto &arg : c.args)
                if (arg.key != nullptr || (arg.value != nullptr && !RunsWithoutSpi(*arg.value))) return false;
            return true;
        }
        case ast::ExprKind::Attribute: {
            // SQL%ROWCOUNT & co. of the implicit cursor; a cursor's needs it open.
            const auto &a = ast::Cast<ast::AttributeExpr>(e);
            return a.slot < 0 && a.annotation == nullptr;
        }
        case ast::ExprKind::Cast: return RunsWithoutSpi(*ast::Cast<ast::CastExpr>(e).operand);
        case ast::ExprKind::Case: {
            const auto &c = ast::Cast<ast::CaseExpr>(e);
            if (!all({c.operand.get(), c.else_value.get()})) return false;
            for (const auto &w : c.whens)
                if (!all({w.condition.get(), w.result.get()})) return false;
            return true;
        }
    }
    return false;  // not reached: every kind has its case
}

bool Compiler::RunsWithoutSpi(const ast::StmtList &list) const {
    for (const auto &s : list)
        if (!RunsWithoutSpi(*s)) return false;
    return true;
}

bool Compiler::RunsWithoutSpi(const ast::Stmt &s) const {
    auto expr = [this](const ast::ExprPtr &e) { return e == nullptr || RunsWithoutSpi(*e); };
    switch (s.kind) {
        case ast::StmtKind::Block: {
            const auto &b = ast::Cast<ast::BlockStmt>(s);
            if (b.has_exception_section || !b.handlers.empty()) return false;
            for (const auto &d : b.decls) {
                switch (d->kind) {
                    case ast::DeclKind::Variable: {
                        const auto &v = ast::Cast<ast::VariableDecl>(*d);
                        if (v.slot < 0 || fn_.variables[static_cast<size_t>(v.slot)].IsCollection()) return false;
                        if (!expr(v.default_value)) return false;
                        break;
                    }
                    case ast::DeclKind::Exception: break;
                    case ast::DeclKind::Pragma:  // AUTONOMOUS_TRANSACTION, EXCEPTION_INIT: keep the general path
                    case ast::DeclKind::Cursor:
                    case ast::DeclKind::RecordType:
                    case ast::DeclKind::RefCursorType:
                    case ast::DeclKind::CollectionType:
                    case ast::DeclKind::Subtype:
                    case ast::DeclKind::Subprogram: return false;
                }
            }
            return RunsWithoutSpi(b.body);
        }
        case ast::StmtKind::Assign: {
            const auto &a = ast::Cast<ast::AssignStmt>(s);
            if (a.subscript != nullptr || !a.more_subscripts.empty() || !a.element_fields.empty()) return false;
            const auto &site = ast::Cast<StoreSite>(*a.annotation);
            if (site.element != nullptr || site.target.package != nullptr || a.slot < 0) return false;
            if (fn_.variables[static_cast<size_t>(a.slot)].IsCollection()) return false;
            return expr(a.value);
        }
        case ast::StmtKind::If: {
            const auto &i = ast::Cast<ast::IfStmt>(s);
            for (const auto &b : i.branches)
                if (!expr(b.condition) || !RunsWithoutSpi(b.body)) return false;
            return RunsWithoutSpi(i.else_body);
        }
        case ast::StmtKind::Case: {
            const auto &c = ast::Cast<ast::CaseStmt>(s);
            if (!expr(c.operand)) return false;
            for (const auto &w : c.whens)
                if (!expr(w.condition) || !RunsWithoutSpi(w.body)) return false;
            return RunsWithoutSpi(c.else_body);
        }
        case ast::StmtKind::Loop: return RunsWithoutSpi(ast::Cast<ast::LoopStmt>(s).body);
        case ast::StmtKind::While: {
            const auto &w = ast::Cast<ast::WhileStmt>(s);
            return expr(w.condition) && RunsWithoutSpi(w.body);
        }
        case ast::StmtKind::ForRange: {
            const auto &f = ast::Cast<ast::ForRangeStmt>(s);
            return f.iteration == ast::ForRangeStmt::Iteration::Range && expr(f.low) && expr(f.high) &&
                   RunsWithoutSpi(f.body);
        }
        case ast::StmtKind::Exit: return expr(ast::Cast<ast::ExitStmt>(s).condition);
        case ast::StmtKind::Continue: return expr(ast::Cast<ast::ContinueStmt>(s).condition);
        case ast::StmtKind::Null: return true;
        case ast::StmtKind::Return: return expr(ast::Cast<ast::ReturnStmt>(s).value);
        case ast::StmtKind::Raise: return !ast::Cast<ast::RaiseStmt>(s).exception.empty();
        case ast::StmtKind::ForAll:
        case ast::StmtKind::Sql:
        case ast::StmtKind::Call:
        case ast::StmtKind::ForCursor:
        case ast::StmtKind::Open:
        case ast::StmtKind::Fetch:
        case ast::StmtKind::Close:
        case ast::StmtKind::ExecuteImmediate:
        case ast::StmtKind::Goto:
        case ast::StmtKind::PipeRow:
        case ast::StmtKind::Commit:
        case ast::StmtKind::Rollback: return false;
    }
    return false;  // not reached: every kind has its case
}

}  // namespace plpolar::compile
