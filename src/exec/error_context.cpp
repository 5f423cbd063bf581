#include "plpolar/exec/error_context.hpp"

#include <cstdio>

namespace plpolar::exec {

namespace {

// Runs inside PostgreSQL's error reporting: reads the executor, writes the
// line, calls nothing that throws or raises.
int Describe(const void *data, char *out, size_t size) noexcept {
    const auto *executor = static_cast<const Executor *>(data);
    const char *name = executor->function().info.signature.c_str();
    const ast::Stmt *stmt = executor->current_statement();
    if (stmt != nullptr)
        return snprintf(out, size, "PL/polar function %s line %d at %s", name, stmt->loc.line,
                        ast::ToString(stmt->kind));
    return snprintf(out, size, "PL/polar function %s", name);
}

}  // namespace

ErrorContextScope::ErrorContextScope(const Executor &executor) : line_(Describe, &executor) {}

}  // namespace plpolar::exec
