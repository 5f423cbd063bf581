// PRAGMA declarations.
#include <cstdlib>

#include "compiler_impl.hpp"
#include "plpolar/pg/guard.hpp"

namespace plpolar::compile {

// PRAGMA AUTONOMOUS_TRANSACTION: where Oracle takes it (the declarations of
// a routine or of a top-level anonymous block), and what runs in a worker
// here.
void Compiler::CompileAutonomousPragma(ast::PragmaDecl &pd, const Scope &scope) {
    if (!pd.args.empty()) Error(pd.loc, "PRAGMA AUTONOMOUS_TRANSACTION takes no arguments", ERRCODE_SYNTAX_ERROR);
    bool unit_level = current_sub_ == nullptr && scope.parent == unit_scope_ && !fn_.package;
    bool sub_level = current_sub_ != nullptr && scope.parent != nullptr && scope.parent->parent != nullptr &&
                     !scope.parent->labels.empty() && scope.parent->labels[0] == current_sub_->name;
    if (!unit_level && !sub_level)
        Error(pd.loc, "PLS-00710: Pragma AUTONOMOUS_TRANSACTION cannot be specified here", ERRCODE_SYNTAX_ERROR);
    if (sub_level && fn_.package && current_sub_->pipelined)
        Error(pd.loc, "a PIPELINED function cannot be autonomous", ERRCODE_FEATURE_NOT_SUPPORTED);
    if (sub_level && fn_.package) {
        // Called through its routine (from SQL or from other units) it runs
        // in a worker; a call from inside the package is refused at run time.
        current_sub_->autonomous = true;
        return;
    }
    if (sub_level)
        Error(pd.loc,
              "PRAGMA AUTONOMOUS_TRANSACTION is not supported in a nested subprogram yet: make it a standalone "
              "procedure or function",
              ERRCODE_FEATURE_NOT_SUPPORTED);
    if (fn_.info.returns_set) Error(pd.loc, "a PIPELINED function cannot be autonomous", ERRCODE_FEATURE_NOT_SUPPORTED);
    fn_.autonomous = true;
}

// PRAGMA EXCEPTION_INIT(e, -n) in the same declaration section as e.
void Compiler::CompilePragma(ast::PragmaDecl &pd, const Scope &scope) {
    // Oracle keeps such a package's state for one server call; here for one
    // transaction (the statement, in autocommit).
    if (pd.name == "serially_reusable") {
        if (!fn_.package || &scope != package_scope_)
            Error(pd.loc, "PRAGMA SERIALLY_REUSABLE belongs in a package specification or body", ERRCODE_SYNTAX_ERROR);
        if (!pd.args.empty()) Error(pd.loc, "PRAGMA SERIALLY_REUSABLE takes no arguments", ERRCODE_SYNTAX_ERROR);
        fn_.serially_reusable = true;
        return;
    }
    if (pd.name == "autonomous_transaction") {
        CompileAutonomousPragma(pd, scope);
        return;
    }
    if (pd.name != "exception_init")
        Error(pd.loc, "PRAGMA " + pd.name + " is not supported", ERRCODE_FEATURE_NOT_SUPPORTED);
    if (pd.args.size() != 2 || pd.args[0]->kind != ast::ExprKind::Name || pd.args[1]->kind != ast::ExprKind::Literal)
        Error(pd.loc, "PRAGMA EXCEPTION_INIT takes an exception name and an error number literal");
    const auto &name = ast::Cast<ast::NameExpr>(*pd.args[0]).name;
    int index = name.size() == 1 ? scope.FindException(name[0]) : -1;
    if (index < 0)
        Error(pd.loc, "PRAGMA EXCEPTION_INIT names \"" + ast::JoinName(name) +
                          "\", which is not an exception declared in this section");
    const auto &lit = ast::Cast<ast::LiteralExpr>(*pd.args[1]);
    char *end = nullptr;
    long code = std::strtol(lit.text.c_str(), &end, 10);
    if (lit.type != ast::LiteralExpr::Type::Integer || *end != '\0' || !((code < 0 && code >= -1000000) || code == 100))
        Error(pd.loc, "illegal Oracle error number " + lit.text + " for PRAGMA EXCEPTION_INIT",
              ERRCODE_INVALID_PARAMETER_VALUE);
    ExceptionInfo &info = fn_.exceptions[static_cast<size_t>(index)];
    info.oracle_code = static_cast<int>(code);
    info.sqlstate = SqlStateForOracleCode(info.oracle_code);
}

}  // namespace plpolar::compile
