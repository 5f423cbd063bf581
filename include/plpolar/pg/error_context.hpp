// Entries on PostgreSQL's error context stack for the life of a scope: each
// adds a CONTEXT line to every error raised meanwhile. Pushing and popping
// never raise.
#pragma once

#include <cstddef>
#include <string>

#include "plpolar/pg/postgres.hpp"

namespace plpolar::pg {

// A raw entry: `callback` runs inside PostgreSQL's error reporting and may
// call errcontext; code outside src/pg uses ErrorContextLine instead.
class ErrorContextPush {
public:
    ErrorContextPush(void (*callback)(void *), void *arg) {
        entry_.callback = callback;
        entry_.arg = arg;
        entry_.previous = error_context_stack;
        error_context_stack = &entry_;
    }
    ~ErrorContextPush() { error_context_stack = entry_.previous; }
    ErrorContextPush(const ErrorContextPush &) = delete;
    ErrorContextPush &operator=(const ErrorContextPush &) = delete;

private:
    ErrorContextCallback entry_;
};

// A context line written from plain data only when an error is raised:
// `describe(data, out, size)` writes the line into `out` as snprintf does
// and returns what snprintf returns, the line's whole length (when that
// does not fit, it is called again with room enough); an empty line adds
// nothing. It runs inside PostgreSQL's error reporting: it must neither
// throw nor call PostgreSQL, and `data` must outlive the scope.
class ErrorContextLine {
public:
    using Describe = int (*)(const void *data, char *out, size_t size) noexcept;

    ErrorContextLine(Describe describe, const void *data);
    ErrorContextLine(const ErrorContextLine &) = delete;
    ErrorContextLine &operator=(const ErrorContextLine &) = delete;

private:
    static void Callback(void *arg);

    Describe describe_;
    const void *data_;
    ErrorContextPush push_;  // last: pushed once the rest is set
};

// Points syntax errors at the right place inside CREATE FUNCTION: a
// position in `source`, the body of the function being validated, becomes
// one in the statement. `source` must outlive the scope.
class FunctionBodyErrorPosition {
public:
    explicit FunctionBodyErrorPosition(const std::string &source);
    FunctionBodyErrorPosition(const FunctionBodyErrorPosition &) = delete;
    FunctionBodyErrorPosition &operator=(const FunctionBodyErrorPosition &) = delete;

private:
    static void Callback(void *arg);

    ErrorContextPush push_;
};

}  // namespace plpolar::pg
