// Compound triggers: the declarations of one compound trigger are shared by
// its sections for one triggering statement (Oracle's cure for the
// mutating-table error: rows collected in AFTER EACH ROW, worked on in
// AFTER STATEMENT). The state is an executor kept from the BEFORE STATEMENT
// firing, which plpolar.exec always attaches, to the AFTER STATEMENT one,
// which ends it; a statement that fails in between leaves it to the
// subtransaction or transaction end (pg::OnStatementStateCleanup).
#include <memory>
#include <vector>

#include "plpolar/exec/error_context.hpp"
#include "plpolar/handler/handler.hpp"
#include "plpolar/parser/trigger.hpp"
#include "plpolar/pg/guard.hpp"
#include "plpolar/pg/memory.hpp"
#include "plpolar/pg/spi.hpp"

namespace plpolar::handler {

namespace {

struct Frame {
    std::shared_ptr<compile::CompiledFunction> fn;
    Oid relid = InvalidOid;
    MemoryContext context = nullptr;  // the state's values
    std::unique_ptr<exec::Executor> executor;
    SubTransactionId subxact = InvalidSubTransactionId;
    bool initialized = false;

    Frame(std::shared_ptr<compile::CompiledFunction> f, Oid rel) : fn(std::move(f)), relid(rel) {
        context = pg::CreateContext(TopMemoryContext, "plpolar compound trigger");
        executor = std::make_unique<exec::Executor>(*fn, context);
        subxact = pg::CurrentSubTransaction();
    }
    ~Frame() {
        executor.reset();
        try {
            pg::DeleteContext(context);
        } catch (const pg::PgError &) {
            // Deleting a context does not fail in practice.
        }
    }
    Frame(const Frame &) = delete;
    Frame &operator=(const Frame &) = delete;
};

// Documented session state: the compound triggers' statements running in
// this backend, innermost last.
std::vector<std::unique_ptr<Frame>> &Frames() {
    alignas(
        std::vector<std::unique_ptr<Frame>>) static unsigned char storage[sizeof(std::vector<std::unique_ptr<Frame>>)];
    static auto *frames = ::new (storage) std::vector<std::unique_ptr<Frame>>();
    return *frames;
}

void Cleanup(SubTransactionId aborted) noexcept {
    try {
        auto &frames = Frames();
        // A subtransaction aborting now contains every one begun after it.
        for (size_t i = frames.size(); i-- > 0;)
            if (aborted == InvalidSubTransactionId || frames[i]->subxact >= aborted)
                frames.erase(frames.begin() + static_cast<long>(i));
    } catch (...) {
        // Nothing here throws; nothing may escape into PostgreSQL.
    }
}

parser::CompoundTiming TimingOf(const pg::TriggerCall &call) {
    switch (call.timing) {
        case pg::TriggerTiming::Before:
            return call.row_level ? parser::CompoundTiming::BeforeEachRow : parser::CompoundTiming::BeforeStatement;
        case pg::TriggerTiming::After:
            return call.row_level ? parser::CompoundTiming::AfterEachRow : parser::CompoundTiming::AfterStatement;
        case pg::TriggerTiming::InsteadOf: return parser::CompoundTiming::InsteadOfEachRow;
    }
    return parser::CompoundTiming::BeforeStatement;
}

}  // namespace

void RegisterCompoundTriggerCleanup() { pg::OnStatementStateCleanup(Cleanup); }

Datum CallCompoundTrigger(std::shared_ptr<compile::CompiledFunction> fn, const pg::TriggerCall &call) {
    auto &frames = Frames();
    parser::CompoundTiming timing = TimingOf(call);
    Frame *frame = nullptr;
    std::unique_ptr<Frame> single;    // a firing outside any statement's frame
    std::unique_ptr<Frame> finished;  // AFTER STATEMENT's: destroyed after the scopes below
    if (timing == parser::CompoundTiming::BeforeStatement) {
        frames.push_back(std::make_unique<Frame>(fn, call.relid));
        frame = frames.back().get();
    } else {
        // By function alone: a compound trigger's function is its own, and
        // on a partitioned table the row sections fire for the partitions
        // (their rows read by column name) while the statement sections
        // fire for the table.
        for (size_t i = frames.size(); i-- > 0;)
            if (frames[i]->fn->info.oid == fn->info.oid) {
                frame = frames[i].get();
                break;
            }
        if (frame == nullptr) {
            single = std::make_unique<Frame>(fn, call.relid);
            frame = single.get();
        }
    }
    exec::Executor &executor = *frame->executor;
    const compile::CompiledFunction &cf = *frame->fn;
    // The executor outlives this call: what it points to of the call is
    // set first and taken back however the call ends.
    struct CallScope {
        exec::Executor &e;
        ~CallScope() {
            e.SetTrigger(nullptr);
            e.SetProcedureOwner(nullptr);
        }
    } call_scope{executor};
    executor.SetTrigger(&call);
    pg::ProcedureResources resources(false);
    executor.SetProcedureOwner(resources.owner());
    exec::ErrorContextScope context(executor);
    // The rows the variables adopt must live as long as the state; the
    // other values are copied there, their temporaries go with the call.
    BindDmlTrigger(executor, cf, call, frame->context);
    executor.SetVariable(cf.trigger.timing_point, pg::Value::Of(Int32GetDatum(static_cast<int32>(timing)), INT4OID));
    if (cf.uses_session_variables) BindSessionVariables(executor, cf);
    if (!frame->initialized) {
        executor.InitCompound();
        frame->initialized = true;
    }
    executor.RunCompound();
    Datum result = DmlTriggerResult(executor, cf, call, pg::Value::Null(InvalidOid));
    if (timing == parser::CompoundTiming::AfterStatement && single == nullptr)
        for (size_t i = frames.size(); i-- > 0;)
            if (frames[i].get() == frame) {
                finished = std::move(frames[i]);
                frames.erase(frames.begin() + static_cast<long>(i));
                break;
            }
    return result;
}

}  // namespace plpolar::handler
