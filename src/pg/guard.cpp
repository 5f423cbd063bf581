#include "plpolar/pg/guard.hpp"

namespace plpolar::pg {

MemoryContext ErrorMemoryContext() {
    // Created on first use and kept for the backend's life; it is the
    // "function cache" kind of state the project allows.
    static MemoryContext context = nullptr;
    if (context == nullptr)
        context =
            Guarded([] { return AllocSetContextCreate(TopMemoryContext, "plpolar errors", ALLOCSET_SMALL_SIZES); });
    return context;
}

void ResetErrorMemory() { MemoryContextReset(ErrorMemoryContext()); }

namespace {
int pins = 0;  // belongs with the error context above
}

ErrorMemoryPin::ErrorMemoryPin() { ++pins; }
ErrorMemoryPin::~ErrorMemoryPin() { --pins; }
bool ErrorMemoryPinned() { return pins > 0; }

void FreeError(ErrorData *edata) {
    MemoryContext context = edata->assoc_context;
    Guarded([context] { MemoryContextDelete(context); });
}

ErrorData *CaptureCurrentError(MemoryContext caller_context) {
    // Each error in a context of its own, so that a handled one is freed
    // whole (FreeError) however CopyErrorData laid it out.
    MemoryContextSwitchTo(AllocSetContextCreate(ErrorMemoryContext(), "plpolar error", ALLOCSET_SMALL_SIZES));
    ErrorData *edata = CopyErrorData();
    FlushErrorState();
    MemoryContextSwitchTo(caller_context);
    return edata;
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
    Guarded([] { check_stack_depth(); });
}

}  // namespace plpolar::pg
