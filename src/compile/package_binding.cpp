// Calls of built-in package members (DBMS_OUTPUT, DBMS_UTILITY), bound to
// the catalog in packages.cpp.
#include <cctype>

#include "compiler_impl.hpp"
#include "plpolar/compile/binder.hpp"
#include "plpolar/pg/guard.hpp"

namespace plpolar::compile {

// A package member (DBMS_OUTPUT.PUT_LINE) unless the first name is a
// variable (a record's field).
const PackageMember *Compiler::PackageMemberOf(const ast::NameChain &name, const Scope &scope) {
    if (name.size() < 2 || name.size() > 3 || LookupName(fn_, scope, ast::NameChain{name[0]}) >= 0) return nullptr;
    return FindPackageMember(name);
}

std::string Compiler::Upper(const ast::NameChain &name) {
    std::string out = ast::JoinName(name);
    for (char &c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

// DBMS_OUTPUT.x(...) as a statement.
bool Compiler::CompilePackageCall(ast::CallStmt &s, const Scope &scope) {
    bool parens = s.call->kind == ast::ExprKind::Call;
    auto *call = parens ? &ast::Cast<ast::CallExpr>(*s.call) : nullptr;
    const ast::NameChain &name = parens ? call->name : ast::Cast<ast::NameExpr>(*s.call).name;
    const PackageMember *m = PackageMemberOf(name, scope);
    if (m == nullptr) return false;
    if (!m->procedure)
        Error(s.loc, Upper(name) + " is a function; use its value in an expression", ERRCODE_WRONG_OBJECT_TYPE);
    auto site = std::make_unique<PackageCallSite>();
    site->member = m;
    site->args.assign(m->params.size(), nullptr);
    site->targets.resize(m->params.size());
    auto wrong = [&] {
        Error(s.loc, "wrong number or types of arguments in call to '" + Upper(name) + "'", ERRCODE_UNDEFINED_FUNCTION);
    };
    std::vector<ast::CallArg> none;
    std::vector<ast::CallArg> &args = parens ? call->args : none;
    std::vector<BindParam> params;
    for (size_t i = 0; i < m->params.size(); ++i) params.push_back(BindParam{m->params[i], i >= m->required});
    Binding binding = BindArguments(args, params, NamedPosition::Counts);
    for (size_t a = 0; a < binding.bound; ++a) {
        auto &arg = args[a];
        auto p = static_cast<size_t>(binding.param_of_arg[a]);
        site->args[p] = arg.value.get();
        if (m->modes[p] != ParamMode::Out) CompileOwn(*arg.value, scope, s);
        if (m->modes[p] != ParamMode::In) {
            if (arg.value->kind != ast::ExprKind::Name)
                Error(arg.value->loc,
                      "argument '" + std::string(m->params[p]) + "' of " + Upper(name) + " must be a variable",
                      ERRCODE_WRONG_OBJECT_TYPE);
            site->targets[p] = MakeTarget(ast::Cast<ast::NameExpr>(*arg.value).name, arg.value->loc, scope);
        }
    }
    if (binding.failure != BindFailure::None) wrong();
    if (parens)
        call->builtin = m->builtin;
    else
        ast::Cast<ast::NameExpr>(*s.call).builtin = m->builtin;
    s.annotation = std::move(site);
    return true;
}

// DBMS_UTILITY.x in an expression; false if `name` is no package member.
bool Compiler::CompilePackageFunction(const ast::NameChain &name, size_t nargs, ast::Builtin &builtin,
                                      const ast::SourceLoc &loc, const Scope &scope) {
    const PackageMember *m = PackageMemberOf(name, scope);
    if (m == nullptr) return false;
    if (m->procedure) Error(loc, Upper(name) + " is a procedure; call it as a statement", ERRCODE_WRONG_OBJECT_TYPE);
    if (nargs != 0)
        Error(loc, "wrong number or types of arguments in call to '" + Upper(name) + "'", ERRCODE_UNDEFINED_FUNCTION);
    builtin = m->builtin;
    return true;
}

}  // namespace plpolar::compile
