// A package's public subprogram called from SQL (SELECT pkg.f(x), CALL
// pkg.p(...)): its routine is a marker; the package's instance in this
// session runs the subprogram with the package's state.
#include "plpolar/exec/error_context.hpp"
#include "plpolar/exec/package_instance.hpp"
#include "plpolar/handler/handler.hpp"
#include "plpolar/pg/autonomous.hpp"
#include "plpolar/pg/guard.hpp"
#include "plpolar/pg/row.hpp"
#include "plpolar/pg/spi.hpp"

extern "C" {
#include "nodes/parsenodes.h"
}

namespace plpolar::handler {

namespace {

// A datum of type `from` is one of `to` as it stands (binary coercible:
// text and VARCHAR2, a domain and its base; what differs, a typmod, the
// caller's coercion checks).
bool Representable(Oid from, const pg::TypeInfo &to) { return pg::BinaryCoercible(from, to.oid); }

}  // namespace

pg::Value CallPackageMember(FunctionCallInfo fcinfo, compile::CompiledFunction &member, bool nonatomic) {
    std::shared_ptr<exec::PackageInstance> instance = exec::UsePackage(member.member_package);
    compile::PackageUnit &unit = instance->unit();
    compile::SubprogramSite &site = exec::MemberSite(*instance, member);
    if (site.autonomous && !pg::AutonomousRunHere(fcinfo->flinfo->fn_oid)) {
        // PRAGMA AUTONOMOUS_TRANSACTION: the worker runs it, with the
        // package's instance there.
        bool isnull = false;
        Datum d = pg::AutonomousCall(fcinfo, CurrentMemoryContext, &isnull);
        return pg::Value{d, isnull, member.info.return_type.oid, -1};
    }
    instance->EnsureInitialized();

    const compile::FunctionInfo &info = member.info;
    std::vector<pg::Value> args(info.arg_types.size());
    for (size_t i = 0; i < args.size(); ++i) args[i] = pg::Value::Null(info.arg_types[i].oid);
    for (size_t j = 0; j < info.input_args.size() && j < static_cast<size_t>(fcinfo->nargs); ++j) {
        auto k = static_cast<size_t>(info.input_args[j]);
        args[k] = pg::Value{fcinfo->args[j].value, fcinfo->args[j].isnull, info.arg_types[k].oid, -1};
    }
    exec::Executor &executor = instance->executor();
    pg::ProcedureResources resources(nonatomic);
    // Re-entrant calls (a member called from SQL run by the package) put
    // the outer call's owner back.
    struct Owner {
        exec::Executor &e;
        ResourceOwner saved;
        ~Owner() { e.SetProcedureOwner(saved); }
    } owner{executor, executor.procedure_owner()};
    executor.SetProcedureOwner(resources.owner());
    exec::ErrorContextScope context(executor);
    if (unit.fn->uses_session_variables) BindSessionVariables(executor, *unit.fn);
    std::vector<pg::Value> outs;
    if (info.returns_set) {
        // A PIPELINED member: its PIPE ROWs fill the set, on this call only.
        pg::SetResult rows = pg::BeginSetResult(fcinfo, info.return_type);
        struct Pipe {
            exec::Executor &e;
            pg::SetResult *saved;
            ~Pipe() { e.SetPipe(saved); }
        } pipe{executor, executor.SetPipe(&rows)};
        executor.CallMember(site, args.data(), args.size(), &outs);
        return pg::Value::Null(info.return_type.oid);
    }
    pg::Value v = executor.CallMember(site, args.data(), args.size(), &outs);
    // A record result becomes the routine's composite type; a collection
    // the array of its schema-level type.
    const bool collection_result =
        !v.isnull && v.type == unit.fn->collection_oid && v.type != InvalidOid && info.return_type.oid != v.type;
    if (!v.isnull && v.type != info.return_type.oid && !info.return_type.IsVoid() && !collection_result &&
        v.type != RECORDOID && !Representable(v.type, info.return_type)) {
        // A scalar the header maps to another type than the PL code has it
        // (REAL is a float4 in PL code, NUMBER in a signature): converted
        // with a cast of this call's own (its expression is the unit's,
        // which a replaced package discards).
        compile::CastSite cast;
        cast.target = info.return_type;
        v = executor.Convert(v, cast);
    }
    if (!v.isnull && ((v.type == RECORDOID && info.return_type.typtype == TYPTYPE_COMPOSITE) || collection_result)) {
        if (member.member_result_cast == nullptr) {
            member.member_result_cast = std::make_unique<compile::CastSite>();
            member.member_result_cast->target = info.return_type;
        }
        v = executor.Convert(v, *member.member_result_cast);
    }
    if (!info.output_args.empty()) {
        std::vector<pg::Value> results;
        for (int k : info.output_args) {
            pg::Value out = outs[static_cast<size_t>(k)];
            const pg::TypeInfo &type = info.arg_types[static_cast<size_t>(k)];
            if ((out.type == unit.fn->collection_oid && out.type != InvalidOid && type.oid != out.type) ||
                (!out.isnull && out.type != InvalidOid && out.type != RECORDOID && type.oid != RECORDOID &&
                 type.oid != out.type && !Representable(out.type, type))) {
                compile::CastSite cast;
                cast.target = type;
                out = out.isnull ? pg::Value::Null(type.oid) : executor.Convert(out, cast);
            }
            results.push_back(out);
        }
        if (results.size() == 1 && !info.is_procedure)
            v = results[0];
        else
            v = pg::Value::Of(pg::FormCallResult(fcinfo, results), RECORDOID);
    }
    return v;
}

}  // namespace plpolar::handler
