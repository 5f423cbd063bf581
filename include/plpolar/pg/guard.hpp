// The C++/PostgreSQL boundary.
//
// PostgreSQL reports errors with longjmp; C++ unwinds with exceptions. Every
// call into PostgreSQL that can raise goes through Guarded(), which runs it
// under PG_TRY and turns an error into a PgError exception carrying the
// ErrorData. Entry points (handler/) turn PgError back into a PostgreSQL
// error once all C++ frames have unwound.
//
// Rule for the lambda given to Guarded(): it calls C functions only and
// owns no object with a destructor, because a longjmp may leave it.
#pragma once

#include <exception>
#include <string>
#include <type_traits>

#include "plpolar/pg/postgres.hpp"

namespace plpolar::pg {

class PgError : public std::exception {
public:
    explicit PgError(ErrorData *edata) : edata_(edata) {}
    ErrorData *data() const { return edata_; }
    const char *what() const noexcept override { return edata_->message ? edata_->message : "error"; }
    int sqlerrcode() const { return edata_->sqlerrcode; }

    // What plpolar knows about an error beyond the ErrorData; lost when the
    // error crosses PostgreSQL (another function's frame) on its way up.
    struct Origin {
        const void *function = nullptr;  // the compiled function that raised it
        int user_exception = -1;         // its declared exception, RAISE e
        int oracle_code = 0;             // number given by RAISE_APPLICATION_ERROR / EXCEPTION_INIT
        bool pl_conversion = false;      // a PL assignment failed to convert text
        bool embedded_sql = false;       // raised while an embedded SQL statement ran
    };
    Origin &origin() { return origin_; }
    const Origin &origin() const { return origin_; }

private:
    ErrorData *edata_;  // lives in ErrorMemoryContext(), see below
    Origin origin_;
};

// Copies the error being handled into plpolar's error context and flushes
// PostgreSQL's error state; ThrowCurrentError then throws it as a PgError.
ErrorData *CaptureCurrentError(MemoryContext caller_context);
[[noreturn]] void ThrowCurrentError(MemoryContext caller_context);

// Where PgError payloads live: reset at the end of each transaction, so
// error data cannot pile up over a session. Made by InitErrorMemory at load
// time (from _PG_init, outside any C++ frame: it may raise), with memory
// reserved for the copies, so that capturing an error needs no allocation
// that could fail then. ResetErrorMemory may run in C callbacks: it cannot
// raise or throw.
void InitErrorMemory();
MemoryContext ErrorMemoryContext();
void ResetErrorMemory() noexcept;
// While an exception handler runs, its error must survive a COMMIT that a
// procedure it calls may do: the end-of-transaction reset waits.
struct ErrorMemoryPin {
    ErrorMemoryPin();
    ~ErrorMemoryPin();
    ErrorMemoryPin(const ErrorMemoryPin &) = delete;
    ErrorMemoryPin &operator=(const ErrorMemoryPin &) = delete;
};
bool ErrorMemoryPinned();
// Registers the reset at every transaction end (commit, abort, prepare),
// unless an exception handler pins the memory then; once, at load time.
void ResetErrorMemoryAtTransactionEnd();
// Frees a PgError's data once nothing refers to it any more.
void FreeError(ErrorData *edata);

template <typename Fn>
inline auto Guarded(Fn &&fn) -> decltype(fn()) {
    using R = decltype(fn());
    MemoryContext caller_context = CurrentMemoryContext;
    bool failed = false;
    if constexpr (std::is_void_v<R>) {
        PG_TRY();
        { fn(); }
        PG_CATCH();
        { failed = true; }
        PG_END_TRY();
        if (failed) ThrowCurrentError(caller_context);
    } else {
        static_assert(std::is_trivially_copyable_v<R>, "Guarded() returns plain values only");
        R result{};
        PG_TRY();
        { result = fn(); }
        PG_CATCH();
        { failed = true; }
        PG_END_TRY();
        if (failed) ThrowCurrentError(caller_context);
        return result;
    }
}

// Guarded() that hands the error back instead of throwing it: null on
// success. For callers that pass errors up by return value, because a C++
// throw costs microseconds per frame it unwinds and a block with handlers
// in a loop would pay that for every error it handles (exec/, soft errors).
template <typename Fn>
inline ErrorData *TryGuarded(Fn &&fn, decltype(fn()) *result) {
    static_assert(std::is_trivially_copyable_v<decltype(fn())>, "TryGuarded() returns plain values only");
    MemoryContext caller_context = CurrentMemoryContext;
    bool failed = false;
    PG_TRY();
    { *result = fn(); }
    PG_CATCH();
    { failed = true; }
    PG_END_TRY();
    return failed ? CaptureCurrentError(caller_context) : nullptr;
}

// Raises a PostgreSQL error from C++ code. It goes through ereport so that
// error context callbacks (function name and line) are collected as usual.
struct ErrorSpec {
    int sqlstate = ERRCODE_INTERNAL_ERROR;
    std::string message;
    std::string detail;
    std::string hint;
    std::string context;      // added as an errcontext line
    int cursor_position = 0;  // 1-based position in internal_query
    std::string internal_query;
};
[[noreturn]] void Raise(const ErrorSpec &spec);
[[noreturn]] void Raise(int sqlstate, const std::string &message, const std::string &detail = std::string());
// The error Raise() would throw, returned instead.
ErrorData *CaptureRaise(int sqlstate, const char *message);

// CHECK_FOR_INTERRUPTS through the boundary; cheap when nothing is pending.
inline void CheckForInterrupts() {
    if (unlikely(InterruptPending)) Guarded([] { ProcessInterrupts(); });
}

// True when CheckForInterrupts() has an interrupt to process. Reads
// PostgreSQL's flags only (no call), so the parser may ask it while ANTLR
// holds its locks. Held-off interrupts do not count: the caller processes
// what this reports and parses again, which must not spin.
inline bool InterruptWaiting() {
    return unlikely(InterruptPending) && InterruptHoldoffCount == 0 && CritSectionCount == 0 &&
           QueryCancelHoldoffCount == 0;
}

void CheckStackDepth();

}  // namespace plpolar::pg
