#include "plpolar/pg/guard.hpp"

namespace plpolar::pg {

namespace {

// Error copies, all made at load time (InitErrorMemory) so that nothing on
// the way from a PostgreSQL error to a PgError depends on memory being
// available then. Session state, like the function cache.
MemoryContext error_context = nullptr;  // "plpolar errors": every copy's parent
MemoryContext spare = nullptr;          // "plpolar error": the next copy's context
ErrorData *out_of_memory = nullptr;     // given out when an error cannot be copied at all
int pins = 0;

// What a copy can use without asking malloc: CopyErrorData of an error with
// its context lines fits in the spare's first block (8 kB: with
// ALLOCSET_DEFAULT_SIZES the context's first block is the initial block
// size, and contexts of these standard sizes are recycled from
// PostgreSQL's freelist instead of malloc'd for every error); the parent's
// block is the reserve used while no spare could be made.
constexpr Size kReserveBlock = 16 * 1024;

// C calls only: may raise.
MemoryContext MakeSpare() { return AllocSetContextCreate(TopMemoryContext, "plpolar error", ALLOCSET_DEFAULT_SIZES); }

}  // namespace

void InitErrorMemory() {
    if (error_context != nullptr) return;
    error_context = AllocSetContextCreate(TopMemoryContext, "plpolar errors", kReserveBlock, kReserveBlock,
                                          ALLOCSET_DEFAULT_MAXSIZE);
    spare = MakeSpare();
    auto *e = static_cast<ErrorData *>(MemoryContextAllocZero(TopMemoryContext, sizeof(ErrorData)));
    e->elevel = ERROR;
    e->sqlerrcode = ERRCODE_OUT_OF_MEMORY;
    e->message = MemoryContextStrdup(TopMemoryContext, "out of memory");
    e->detail = MemoryContextStrdup(TopMemoryContext, "An error could not be copied for lack of memory.");
    e->assoc_context = TopMemoryContext;
    // ReThrowError keeps these as they are: an ERROR goes to both.
    e->output_to_server = true;
    e->output_to_client = true;
    out_of_memory = e;
}

MemoryContext ErrorMemoryContext() { return error_context; }

void ResetErrorMemory() noexcept {
    if (error_context != nullptr) MemoryContextReset(error_context);
}

ErrorMemoryPin::ErrorMemoryPin() { ++pins; }
ErrorMemoryPin::~ErrorMemoryPin() { --pins; }
bool ErrorMemoryPinned() { return pins > 0; }

namespace {

// A C callback: nothing here may throw (ResetErrorMemory cannot).
void ResetErrorMemoryAtXactEnd(XactEvent event, void *) noexcept {
    if (event == XACT_EVENT_COMMIT || event == XACT_EVENT_ABORT || event == XACT_EVENT_PARALLEL_COMMIT ||
        event == XACT_EVENT_PARALLEL_ABORT || event == XACT_EVENT_PREPARE)
        if (!ErrorMemoryPinned()) ResetErrorMemory();
}

}  // namespace

void ResetErrorMemoryAtTransactionEnd() {
    Guarded([] { RegisterXactCallback(ResetErrorMemoryAtXactEnd, nullptr); });
}

void FreeError(ErrorData *edata) {
    MemoryContext context = edata->assoc_context;
    // The reserve and the out-of-memory error are not the copy's own.
    if (edata == out_of_memory || context == error_context) return;
    Guarded([context] { MemoryContextDelete(context); });
}

ErrorData *CaptureCurrentError(MemoryContext caller_context) {
    // Each error in a context of its own, so that a handled one is freed
    // whole (FreeError) however CopyErrorData laid it out: the spare made
    // beforehand, or the parent's reserve if there was none.
    MemoryContext target = spare != nullptr ? spare : error_context;
    spare = nullptr;
    ErrorData *volatile edata = nullptr;
    // Copying can still run out of memory (an error larger than the block
    // reserved for it): that error is caught here, where no C++ frame is
    // crossed, and the copy replaced by the preallocated one.
    PG_TRY();
    {
        MemoryContextSwitchTo(target);
        edata = CopyErrorData();
    }
    PG_CATCH();
    { edata = nullptr; }
    PG_END_TRY();
    MemoryContextSwitchTo(caller_context);
    FlushErrorState();
    if (target != error_context) {
        if (edata != nullptr)
            MemoryContextSetParent(target, error_context);  // reset with the others
        else
            MemoryContextDelete(target);
    }
    ErrorData *result = edata != nullptr ? edata : out_of_memory;
    // The next error's context, made while none is being handled; without
    // one the next copy uses the reserve.
    PG_TRY();
    { spare = MakeSpare(); }
    PG_CATCH();
    {
        MemoryContextSwitchTo(caller_context);
        FlushErrorState();
    }
    PG_END_TRY();
    MemoryContextSwitchTo(caller_context);
    return result;
}

void ThrowCurrentError(MemoryContext caller_context) { throw PgError(CaptureCurrentError(caller_context)); }

namespace {

// Runs inside the boundary: C calls only. errstart/errfinish by hand rather
// than ereport(): the location a user sees in VERBOSE mode names plpolar,
// not a C++ lambda.
int Report(const ErrorSpec *s) {
    if (errstart(ERROR, TEXTDOMAIN)) {
        errcode(s->sqlstate);
        errmsg_internal("%s", s->message.c_str());
        if (!s->detail.empty()) errdetail_internal("%s", s->detail.c_str());
        if (!s->hint.empty()) errhint("%s", s->hint.c_str());
        if (!s->context.empty()) errcontext_msg("%s", s->context.c_str());
        if (!s->internal_query.empty()) internalerrquery(s->internal_query.c_str());
        if (s->cursor_position > 0) internalerrposition(s->cursor_position);
        errfinish("plpolar", 0, "plpolar");
    }
    return 0;
}

}  // namespace

void Raise(const ErrorSpec &spec) {
    const ErrorSpec *s = &spec;
    Guarded([s] { Report(s); });
    // ereport(ERROR) never returns.
    std::terminate();
}

ErrorData *CaptureRaise(int sqlstate, const char *message) {
    int unused = 0;
    // Without the std::string fields of ErrorSpec in play: nothing here
    // allocates with new, so nothing can leak past the boundary.
    ErrorData *error = TryGuarded(
        [sqlstate, message] {
            if (errstart(ERROR, TEXTDOMAIN)) {
                errcode(sqlstate);
                errmsg_internal("%s", message);
                errfinish("plpolar", 0, "plpolar");
            }
            return 0;
        },
        &unused);
    return error;
}

void Raise(int sqlstate, const std::string &message, const std::string &detail) {
    ErrorSpec spec;
    spec.sqlstate = sqlstate;
    spec.message = message;
    spec.detail = detail;
    Raise(spec);
}

void CheckStackDepth() {
    // The test itself cannot raise: the guard only when there is an error
    // to raise (every call of a subprogram comes through here).
    if (stack_is_too_deep()) Guarded([] { check_stack_depth(); });
}

}  // namespace plpolar::pg
