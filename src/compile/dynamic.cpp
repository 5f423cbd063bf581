// EXECUTE IMMEDIATE and its USING arguments.
#include "compiler_impl.hpp"
#include "plpolar/pg/guard.hpp"

namespace plpolar::compile {

void Compiler::CompileExecuteImmediate(ast::ExecuteImmediateStmt &s, const Scope &scope) {
    s.touches_database = true;
    auto site = std::make_unique<DynamicSite>();
    CompileOwn(*s.sql, scope, s);
    site->into = MakeTargets(s.into, scope);
    CompileBindArgs(s.using_args, site.get(), scope, s);
    site->returning = MakeTargets(s.returning_into, scope);
    if (s.bulk) {
        MakeBulkTargets(site->into, s.into);
        MakeBulkTargets(site->returning, s.returning_into);
    }
    s.annotation = std::move(site);
}

void Compiler::CompileBindArgs(std::vector<ast::BindArg> &args, DynamicSite *dyn, const Scope &scope, ast::Stmt &stmt) {
    for (auto &arg : args) {
        CompileOwn(*arg.value, scope, stmt);
        TargetSite t;
        if (arg.mode != ast::BindArg::Mode::In) {
            if (arg.value->kind != ast::ExprKind::Name)
                Error(arg.value->loc, "an OUT bind argument must be a variable");
            t = MakeTarget(ast::Cast<ast::NameExpr>(*arg.value).name, arg.value->loc, scope);
        }
        if (dyn != nullptr) dyn->out_args.push_back(std::move(t));
    }
}

}  // namespace plpolar::compile
