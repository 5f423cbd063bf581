#include "plpolar/exec/error_context.hpp"

namespace plpolar::exec {

namespace {

// Runs inside errfinish: C calls only, nothing that throws.
void Callback(void *arg) {
    const auto *executor = static_cast<const Executor *>(arg);
    const char *name = executor->function().info.signature.c_str();
    const ast::Stmt *stmt = executor->current_statement();
    if (stmt != nullptr)
        errcontext("PL/polar function %s line %d at %s", name, stmt->loc.line, ast::ToString(stmt->kind));
    else
        errcontext("PL/polar function %s", name);
}

}  // namespace

ErrorContextScope::ErrorContextScope(const Executor &executor) : push_(Callback, const_cast<Executor *>(&executor)) {}

}  // namespace plpolar::exec
