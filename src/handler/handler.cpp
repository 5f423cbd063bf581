// The fmgr entry points of LANGUAGE plpolar: call handler, inline handler
// (DO) and validator. Thin on purpose: each converts errors at its edge and
// hands the work to compile/ and exec/.
#include <vector>

#include "plpolar/compile/compiler.hpp"
#include "plpolar/compile/function_cache.hpp"
#include "plpolar/compile/oracle_sql.hpp"
#include "plpolar/exec/error_context.hpp"
#include "plpolar/exec/executor.hpp"
#include "plpolar/exec/package_instance.hpp"
#include "plpolar/handler/handler.hpp"
#include "plpolar/parser/parser.hpp"
#include "plpolar/pg/autonomous.hpp"
#include "plpolar/pg/catalog.hpp"
#include "plpolar/pg/client.hpp"
#include "plpolar/pg/entry.hpp"
#include "plpolar/pg/error_context.hpp"
#include "plpolar/pg/guard.hpp"
#include "plpolar/pg/row.hpp"
#include "plpolar/pg/spi.hpp"
#include "plpolar/session/output_buffer.hpp"
#include "plpolar/session/session_triggers.h"
#include "plpolar/settings/settings.h"

extern "C" {
#include "nodes/parsenodes.h"
#include "utils/guc.h"
}

namespace plpolar::handler {

namespace {

// The event trigger an event trigger function runs for, as ora_sysevent
// and the other event attribute functions read it (session/context.c),
// until the call ends however it ends.
class EventScope {
public:
    explicit EventScope(EventTriggerData *data) {
        if (data != nullptr) Enter(data);
    }
    void Enter(EventTriggerData *data) {
        previous_ = plpolar_push_event(data);
        entered_ = true;
    }
    ~EventScope() {
        if (entered_) plpolar_pop_event(previous_);
    }
    EventScope(const EventScope &) = delete;
    EventScope &operator=(const EventScope &) = delete;

private:
    EventTriggerData *previous_ = nullptr;
    bool entered_ = false;
};

// A DML trigger whose body runs no SQL of its own
// (CompiledFunction::runs_without_spi), called without connecting to SPI:
// its values live in the trigger manager's per-row memory, which is reset
// after each row, and an expression that goes to SQL connects on demand.
Datum CallTriggerWithoutSpi(FunctionCallInfo fcinfo, compile::CompiledFunction &fn, const pg::TriggerCall &trigger) {
    pg::SpiOnDemand spi(trigger.result_context);
    Datum result = 0;
    {
        exec::Executor executor(fn, trigger.result_context);
        executor.SetSpiOnDemand(&spi);
        exec::ErrorContextScope context(executor);
        BindDmlTrigger(executor, fn, trigger);
        pg::Value returned = executor.Run(nullptr, 0);
        result = DmlTriggerResult(executor, fn, trigger, returned);
    }
    spi.Finish();
    fcinfo->isnull = false;
    return result;
}

Datum CallFunction(FunctionCallInfo fcinfo) {
    pg::CheckStackDepth();
    bool nonatomic = fcinfo->context != nullptr && IsA(fcinfo->context, CallContext) &&
                     !castNode(CallContext, fcinfo->context)->atomic;
    // The caller's memory, before SPI's: a trigger's result row goes there.
    MemoryContext caller_context = CurrentMemoryContext;
    const bool as_trigger = pg::CalledAsTrigger(fcinfo);
    pg::TriggerCall trigger;
    std::shared_ptr<compile::CompiledFunction> fn;
    if (as_trigger) {
        trigger = pg::ReadTriggerCall(fcinfo);
        trigger.result_context = caller_context;
        // Compiled already (compiling may need SPI), and its body needs none.
        fn = compile::FindCompiled(fcinfo->flinfo->fn_oid, trigger.relid);
        if (fn != nullptr && fn->runs_without_spi && !fn->autonomous)
            return CallTriggerWithoutSpi(fcinfo, *fn, trigger);
        // An autonomous trigger's firing in the worker ends its transaction
        // itself: it runs non-atomically there.
        if (pg::AutonomousTriggerNonatomic()) nonatomic = true;
    }
    // An autonomous logon / logoff trigger's firing in the worker, too.
    if (!as_trigger && CALLED_AS_EVENT_TRIGGER(fcinfo) && pg::AutonomousTriggerNonatomic()) nonatomic = true;
    pg::SpiConnect(nonatomic);
    if (fn == nullptr) fn = compile::LookupOrCompile(fcinfo->flinfo->fn_oid, as_trigger ? trigger.relid : InvalidOid);
    Datum result = 0;
    bool isnull = false;
    if (fn->autonomous && !pg::AutonomousRunHere(fcinfo->flinfo->fn_oid)) {
        // PRAGMA AUTONOMOUS_TRANSACTION: the body runs in this session's
        // worker, in a transaction of its own; this backend only waits.
        if (CALLED_AS_EVENT_TRIGGER(fcinfo)) {
            pg::AutonomousEvent(fcinfo);
            pg::SpiFinish();
            fcinfo->isnull = false;
            return (Datum)0;
        }
        if (as_trigger) {
            result = pg::AutonomousTrigger(fcinfo, caller_context);
            pg::SpiFinish();
            fcinfo->isnull = false;
            return result;
        }
        result = pg::AutonomousCall(fcinfo, caller_context, &isnull);
        pg::SpiFinish();
        fcinfo->isnull = isnull;
        return result;
    }
    if (fn->info.is_dml_trigger) {
        if (!as_trigger) pg::Raise(ERRCODE_FEATURE_NOT_SUPPORTED, "trigger functions can only be called as triggers");
        if (fn->trigger.compound) {
            result = CallCompoundTrigger(fn, trigger);
            pg::SpiFinish();
            fcinfo->isnull = false;
            return result;
        }
        pg::ProcedureResources resources(nonatomic);
        exec::Executor executor(*fn, CurrentMemoryContext);
        executor.SetProcedureOwner(resources.owner());
        exec::ErrorContextScope context(executor);
        BindDmlTrigger(executor, *fn, trigger);
        if (fn->uses_session_variables) BindSessionVariables(executor, *fn);
        pg::Value returned = executor.Run(nullptr, 0);
        // A skipped row is a NULL pointer, never an SQL NULL (which the
        // trigger manager refuses).
        result = DmlTriggerResult(executor, *fn, trigger, returned);
    } else if (fn->package_member) {
        pg::Value v = CallPackageMember(fcinfo, *fn, nonatomic);
        isnull = v.isnull;
        result = pg::TransferToCaller(v, fn->info.return_type);
    } else {
        pg::ProcedureResources resources(nonatomic);
        exec::Executor executor(*fn, CurrentMemoryContext);
        executor.SetProcedureOwner(resources.owner());
        exec::ErrorContextScope context(executor);
        EventScope event(nullptr);
        if (fn->info.is_event_trigger) {
            if (!CALLED_AS_EVENT_TRIGGER(fcinfo))
                pg::Raise(ERRCODE_FEATURE_NOT_SUPPORTED,
                          "event trigger functions can only be called as event triggers");
            auto *data = reinterpret_cast<EventTriggerData *>(fcinfo->context);
            BindEventTrigger(executor, *fn, data);
            event.Enter(data);
        }
        if (fn->uses_session_variables) BindSessionVariables(executor, *fn);
        const compile::FunctionInfo &info = fn->info;
        std::vector<pg::Value> args(info.arg_types.size());
        for (size_t i = 0; i < args.size(); ++i) args[i] = pg::Value::Null(info.arg_types[i].oid);
        for (size_t j = 0; j < info.input_args.size() && j < static_cast<size_t>(fcinfo->nargs); ++j) {
            auto k = static_cast<size_t>(info.input_args[j]);
            args[k] = pg::Value{fcinfo->args[j].value, fcinfo->args[j].isnull, info.arg_types[k].oid, -1};
        }
        pg::Value v;
        if (info.returns_set) {
            // PIPELINED: PIPE ROW fills the set PostgreSQL reads after the call.
            pg::SetResult rows = pg::BeginSetResult(fcinfo, info.return_type);
            executor.SetPipe(&rows);
            executor.Run(args.data(), args.size());
            v = pg::Value::Null(info.return_type.oid);
        } else {
            v = executor.Run(args.data(), args.size());
        }
        if (!info.output_args.empty()) {
            // The result is made of the OUT and IN OUT parameters: one value,
            // or a row of them.
            std::vector<pg::Value> outs;
            for (int k : info.output_args)
                outs.push_back(
                    executor.OutputValue(fn->first_argument_slot + k, info.arg_types[static_cast<size_t>(k)]));
            if (outs.size() == 1 && !info.is_procedure)
                v = outs[0];
            else
                v = pg::Value::Of(pg::FormCallResult(fcinfo, outs), RECORDOID);
        }
        isnull = v.isnull;
        result = pg::TransferToCaller(v, fn->info.return_type);
    }
    pg::SpiFinish();
    fcinfo->isnull = isnull;
    return result;
}

Datum RunInline(FunctionCallInfo fcinfo) {
    auto *code = reinterpret_cast<InlineCodeBlock *>(DatumGetPointer(PG_GETARG_DATUM(0)));
    pg::CheckStackDepth();
    if (pg::AutonomousDispatchPending()) {
        // In an autonomous transaction's worker: the DO it runs to call a
        // routine in a non-atomic context (src/autonomous/worker.c).
        pg::AutonomousDispatch();
        return (Datum)0;
    }
    pg::SpiConnect(!code->atomic);
    compile::FunctionInfo info;
    info.name = "inline_code_block";
    info.signature = "inline_code_block";
    info.source = code->source_text;
    info.return_type = pg::TypeFromOid(VOIDOID, -1);
    {
        std::unique_ptr<compile::CompiledFunction> fn = compile::Compile(std::move(info));
        if (fn->autonomous && !pg::AutonomousRunHere(InvalidOid)) {
            pg::AutonomousBlock(code->source_text);
            fn.reset();
            pg::SpiFinish();
            return (Datum)0;
        }
        pg::ProcedureResources resources(!code->atomic);
        exec::Executor executor(*fn, CurrentMemoryContext);
        executor.SetProcedureOwner(resources.owner());
        exec::ErrorContextScope context(executor);
        if (fn->uses_session_variables) BindSessionVariables(executor, *fn);
        executor.Run(nullptr, 0);
    }
    pg::SpiFinish();
    return (Datum)0;
}

Datum Validate(FunctionCallInfo fcinfo) {
    Oid fn_oid = PG_GETARG_OID(0);
    Oid validator_oid = fcinfo->flinfo->fn_oid;
    if (!pg::ValidatorMayCheck(validator_oid, fn_oid)) return (Datum)0;
    // Signature checks always; the body only when check_function_bodies is
    // on (pg_dump turns it off so that restore order does not matter).
    compile::FunctionInfo info = pg::LoadFunctionInfo(fn_oid);
    if (!check_function_bodies) return (Datum)0;
    std::string source = info.source;
    // Syntax errors point at the right place inside CREATE FUNCTION.
    pg::FunctionBodyErrorPosition position(source);
    compile::Compile(std::move(info));
    return (Datum)0;
}

// plpolar.serveroutput's assign hook, called from the GUC machinery: must
// not fail, and neither call allocates.
void AssignServerOutput(bool on, void *) noexcept {
    if (on)
        session::Output().Enable(std::nullopt);
    else
        session::Output().Disable();
}

}  // namespace

}  // namespace plpolar::handler

using plpolar::pg::RunEntryPoint;

extern "C" {
#pragma GCC visibility push(default)

PG_MODULE_MAGIC;

PG_FUNCTION_INFO_V1(plpolar_call_handler);
PG_FUNCTION_INFO_V1(plpolar_inline_handler);
PG_FUNCTION_INFO_V1(plpolar_validator);
PG_FUNCTION_INFO_V1(plpolar_exec);
PG_FUNCTION_INFO_V1(plpolar_translate_sql);
PG_FUNCTION_INFO_V1(plpolar_oracle_message);

Datum plpolar_call_handler(PG_FUNCTION_ARGS) {
    return RunEntryPoint([fcinfo] { return plpolar::handler::CallFunction(fcinfo); });
}

Datum plpolar_inline_handler(PG_FUNCTION_ARGS) {
    return RunEntryPoint([fcinfo] { return plpolar::handler::RunInline(fcinfo); });
}

Datum plpolar_validator(PG_FUNCTION_ARGS) {
    return RunEntryPoint([fcinfo] { return plpolar::handler::Validate(fcinfo); });
}

Datum plpolar_exec(PG_FUNCTION_ARGS) {
    return RunEntryPoint([fcinfo] { return plpolar::handler::ExecScript(fcinfo); });
}

Datum plpolar_translate_sql(PG_FUNCTION_ARGS) {
    return RunEntryPoint([fcinfo] { return plpolar::handler::TranslateSql(fcinfo); });
}

Datum plpolar_oracle_message(PG_FUNCTION_ARGS) {
    return RunEntryPoint([fcinfo] { return plpolar::handler::OracleMessage(fcinfo); });
}

void _PG_init(void) {
    // Plain C calls stand outside any C++ frame: they may raise. First the
    // error memory, which every Guarded() call needs.
    plpolar::pg::InitErrorMemory();
    RunEntryPoint([] {
        // Before the settings: plpolar.serveroutput's hook uses the buffer.
        plpolar::session::UseOutputMemory(plpolar::pg::OutputContextMemory());
        return (Datum)0;
    });
    // Every plpolar.* GUC, the session triggers' too, then the prefix is
    // reserved (values from postgresql.conf or ALTER SYSTEM for names not
    // defined by then would be dropped at startup).
    plpolar_define_settings(plpolar::handler::AssignServerOutput);
    RunEntryPoint([] {
        plpolar::pg::InstallOutputRelay(plpolar::exec::ApplyRelayedOutput);
        plpolar::compile::RegisterCatalogInvalidation();
        plpolar::pg::ResetErrorMemoryAtTransactionEnd();
        plpolar::handler::RegisterCompoundTriggerCleanup();
        plpolar::compile::SetUnitDdlRunner(plpolar::handler::RunUnitDdl);
        return (Datum)0;
    });
    // Logon/logoff hooks and CREATE EVENT TRIGGER for the session events.
    plpolar_session_init();
    plpolar_session_on_discard_all([] {
        RunEntryPoint([] {
            plpolar::exec::DiscardAllPackages();
            return (Datum)0;
        });
    });
    RunEntryPoint([] {
        // Loaded in the postmaster: every backend inherits warm caches.
        if (process_shared_preload_libraries_in_progress) plpolar::parser::WarmUp();
        return (Datum)0;
    });
}

#pragma GCC visibility pop
}
