#include "plpolar/exec/error_context.hpp"

#include <cstdio>

namespace plpolar::exec {

namespace {

// Runs inside PostgreSQL's error reporting: reads the executor, writes the
// line, calls nothing that throws or raises.
int Describe(const void *data, char *out, size_t size) noexcept {
    const auto *executor = static_cast<const Executor *>(data);
    const compile::CompiledFunction &fn = executor->function();
    const char *name = fn.info.signature.c_str();
    // A package's lines are its body's, as Oracle's ORA-06512 gives them.
    const bool object = OidIsValid(fn.object_type);
    const char *kind = !fn.package       ? "function"
                       : fn.package_body ? (object ? "type body" : "package body")
                                         : (object ? "type" : "package");
    const ast::Stmt *stmt = executor->current_statement();
    if (const pg::TriggerCall *trigger = executor->trigger()) {
        // Oracle names the trigger (ORA-04088); its function is ours.
        int n = snprintf(out, size, "PL/polar ");
        if (n < 0 || static_cast<size_t>(n) >= size) return n;
        int m = pg::DescribeTrigger(*trigger, out + n, size - static_cast<size_t>(n));
        if (m < 0) return m;
        n += m;
        if (static_cast<size_t>(n) >= size) return n;
        if (stmt != nullptr)
            return n + snprintf(out + n, size - static_cast<size_t>(n), ", function %s line %d at %s", name,
                                stmt->loc.line, ast::ToString(stmt->kind));
        return n + snprintf(out + n, size - static_cast<size_t>(n), ", function %s", name);
    }
    if (stmt != nullptr)
        return snprintf(out, size, "PL/polar %s %s line %d at %s", kind, name, stmt->loc.line,
                        ast::ToString(stmt->kind));
    return snprintf(out, size, "PL/polar %s %s", kind, name);
}

}  // namespace

ErrorContextScope::ErrorContextScope(const Executor &executor) : line_(Describe, &executor) {}

}  // namespace plpolar::exec
