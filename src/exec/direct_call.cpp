// plpolar calling plpolar: a bare call f($1, ..., $n) of a plpolar function
// runs its compiled body directly, on this backend's SPI connection, as
// fmgr would run it through the call handler but without building a
// function call, connecting SPI again or taking a snapshot for it. The
// error seen by the caller is what the call handler would have raised.
#include <optional>

#include "plpolar/compile/function_cache.hpp"
#include "plpolar/exec/error_context.hpp"
#include "plpolar/exec/executor.hpp"
#include "plpolar/pg/expr.hpp"
#include "plpolar/pg/guard.hpp"
#include "plpolar/pg/snapshot.hpp"

namespace plpolar::exec {

pg::Value Executor::CallDirect(pg::PgExpr &call, const pg::Value *args, size_t n) {
    pg::CheckStackDepth();
    std::shared_ptr<compile::CompiledFunction> fn = compile::LookupOrCompile(call.direct_callee());
    const compile::FunctionInfo &info = fn->info;
    // What the call handler binds that a direct call does not: through it.
    if (fn->uses_session_variables || info.is_event_trigger || fn->package_member || !info.output_args.empty() ||
        n != info.arg_types.size())
        return EvalPgExpr(call, args, n);
    if (info.strict)
        for (size_t i = 0; i < n; ++i)
            if (args[i].isnull) return pg::Value::Null(info.return_type.oid);
    // A STABLE or IMMUTABLE callee reads with the snapshot it is given:
    // after this function's own changes, as the SQL call would see them.
    bool fresh_snapshot = !fn_.read_only() && fn->read_only();
    std::optional<pg::FreshSnapshot> snapshot;
    if (fresh_snapshot) snapshot.emplace();
    pg::Value result;
    try {
        // The callee's variables live in this statement's memory, which
        // outlives the call until the result is used.
        Executor executor(*fn, temp_context_);
        ErrorContextScope context(executor);
        result = executor.Run(args, n);
    } catch (pg::PgError &e) {
        // As if it had come back through PostgreSQL: what plpolar knew of
        // the callee's exception does not apply to the caller.
        e.origin() = pg::PgError::Origin{};
        throw;
    }
    return result;
}

}  // namespace plpolar::exec
