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

ErrorContextScope::ErrorContextScope(const Executor &executor) {
    callback_.callback = Callback;
    callback_.arg = const_cast<Executor *>(&executor);
    callback_.previous = error_context_stack;
    error_context_stack = &callback_;
}

ErrorContextScope::~ErrorContextScope() { error_context_stack = callback_.previous; }

}  // namespace plpolar::exec
