// plpolar calling plpolar: a bare call f($1, ..., $n) of a plpolar function
// runs its compiled body directly, on this backend's SPI connection, as
// fmgr would run it through the call handler but without building a
// function call, connecting SPI again or taking a snapshot for it. The
// error seen by the caller is what the call handler would have raised.
#include <optional>

#include "plpolar/compile/function_cache.hpp"
#include "plpolar/exec/error_context.hpp"
#include "plpolar/exec/executor.hpp"
#include "plpolar/exec/package_instance.hpp"
#include "plpolar/pg/expr.hpp"
#include "plpolar/pg/guard.hpp"
#include "plpolar/pg/memory.hpp"
#include "plpolar/pg/packages.hpp"
#include "plpolar/pg/snapshot.hpp"

namespace plpolar::exec {

namespace {

// Runs `call` with the package instance's executor as fmgr would run its
// routine: the definer's rights and path (skipped when already running
// so), the package initialized, `owner` as its procedure resource owner,
// its error context, the caller's statement memory `temp`. An error comes
// out as if through PostgreSQL: what plpolar knew of the callee's exception
// does not apply to the caller.
template <class F>
pg::Value InInstance(PackageInstance &instance, ResourceOwner owner, MemoryContext temp, F &&call) {
    try {
        const pg::PackageSource &src = instance.unit().source;
        pg::DefinerScope as_owner(src.definer, instance.owner(), src.search_path);
        instance.EnsureInitialized();
        Executor &executor = instance.executor();
        struct Owner {
            Executor &e;
            ResourceOwner saved;
            ~Owner() { e.SetProcedureOwner(saved); }
        } restore{executor, executor.procedure_owner()};
        executor.SetProcedureOwner(owner);
        ErrorContextScope context(executor);
        pg::MemoryContextScope in_temp(temp);
        return call(executor);
    } catch (pg::PgError &e) {
        e.origin() = pg::PgError::Origin{};
        throw;
    }
}

}  // namespace

pg::Value Executor::CallDirect(pg::PgExpr &call, const pg::Value *args, size_t n) {
    pg::CheckStackDepth();
    call.CheckPrivileges();
    std::shared_ptr<compile::CompiledFunction> fn = compile::LookupOrCompile(call.direct_callee());
    const compile::FunctionInfo &info = fn->info;
    // What the call handler binds that a direct call does not: through it.
    if (fn->autonomous || fn->uses_session_variables || info.is_event_trigger || !info.output_args.empty() ||
        info.returns_set || n != info.arg_types.size())
        return EvalPgExpr(call, args, n);
    if (fn->package_member) return CallMemberDirect(call, *fn, args, n);
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

// A package's public function: the package's instance runs it, with the
// definer's rights and path that fmgr would have taken on for its SECURITY
// DEFINER routine (skipped when already running so).
pg::Value Executor::CallMemberDirect(pg::PgExpr &call, compile::CompiledFunction &member, const pg::Value *args,
                                     size_t n) {
    const compile::FunctionInfo &info = member.info;
    if (info.strict)
        for (size_t i = 0; i < n; ++i)
            if (args[i].isnull) return pg::Value::Null(info.return_type.oid);
    std::shared_ptr<PackageInstance> instance =
        CachedInstance(member.member_package, member.member_instance).shared_from_this();
    compile::PackageUnit &unit = instance->unit();
    if (unit.fn->uses_session_variables) return EvalPgExpr(call, args, n);
    compile::SubprogramSite &site = MemberSite(*instance, member);
    if (site.autonomous) return EvalPgExpr(call, args, n);  // through its routine, to the worker
    bool fresh_snapshot = !fn_.read_only() && member.read_only();
    std::optional<pg::FreshSnapshot> snapshot;
    if (fresh_snapshot) snapshot.emplace();
    return InInstance(*instance, nullptr, temp_context_, [&](Executor &executor) {
        pg::Value v = executor.CallMember(site, args, n, nullptr);
        if (!v.isnull && v.type == RECORDOID && info.return_type.typtype == TYPTYPE_COMPOSITE) {
            if (member.member_result_cast == nullptr) {
                member.member_result_cast = std::make_unique<compile::CastSite>();
                member.member_result_cast->target = info.return_type;
            }
            v = executor.Convert(v, *member.member_result_cast);
        }
        return v;
    });
}

// pkg.p(args) from another unit: the arguments here, the call in the
// package's instance with the definer's rights and path, as the CALL would
// run it through the routine (CallPackageMember), OUT and IN OUT values back
// into the caller's variables.
Flow Executor::ExecPackageProcedure(compile::PackageProcedureSite &site) {
    pg::CheckStackDepth();
    pg::CheckForInterrupts();
    // As the CALL checks: on every call (a syscache lookup).
    pg::CheckExecute(site.routine);
    // A non-volatile caller: the CALL says it may not.
    if (fn_.read_only()) return ExecProcedureCall(*site.fallback);
    std::shared_ptr<PackageInstance> instance = CachedInstance(site.package, site.instance).shared_from_this();
    compile::PackageUnit &unit = instance->unit();
    if (!unit.source.has_body)
        pg::Raise(ERRCODE_UNDEFINED_FUNCTION,
                  "ORA-04067: not executed, package body \"" + unit.source.name + "\" does not exist",
                  "Create it with CREATE PACKAGE BODY " + unit.source.name + " through plpolar.exec.");
    compile::SubprogramSite *target = nullptr;
    auto it = unit.scope->subprograms.find(site.name);
    const size_t n = site.modes.size();
    if (it != unit.scope->subprograms.end() && site.overload < it->second.size() &&
        it->second[site.overload]->modes == site.modes)
        target = it->second[site.overload];
    // Through the CALL too: what a direct call does not bind, and a call
    // that takes on the definer's rights from a non-atomic caller (the
    // SECURITY DEFINER routine runs atomically there, so that a COMMIT in it
    // cannot end the transaction with the definer's path in force).
    if (target == nullptr || target->autonomous || unit.fn->uses_session_variables ||
        (procedure_owner_ != nullptr &&
         pg::DefinerSwitchNeeded(unit.source.definer, instance->owner(), unit.source.search_path)))
        return ExecProcedureCall(*site.fallback);
    compile::SubprogramCallSite &call = *site.call;
    // The instance's own casts take them to the parameters' types.
    std::vector<pg::Value> in(n);
    for (size_t i = 0; i < n; ++i)
        if (site.modes[i] != ast::ParamMode::Out) in[i] = Eval(*call.args[i]);
    std::vector<pg::Value> outs;
    InInstance(*instance, procedure_owner_, temp_context_,
               [&](Executor &executor) { return executor.CallMember(*target, in.data(), n, &outs); });
    for (size_t i = 0; i < n && i < outs.size(); ++i)
        if (site.modes[i] != ast::ParamMode::In) StoreTarget(call.targets[i], outs[i]);
    return Flow::Normal;
}

}  // namespace plpolar::exec
