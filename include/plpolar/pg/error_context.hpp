// RAII entry on PostgreSQL's error context stack: the callback adds a
// CONTEXT line to every error raised while the scope is alive. Pushing and
// popping never raise.
#pragma once

#include "plpolar/pg/postgres.hpp"

namespace plpolar::pg {

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

// A CONTEXT line from plain data, so that code outside src/pg never calls
// errcontext itself: "<prefix> near line N" while *line > 0, else
// "<prefix>". Both are read when an error is raised and must outlive the
// scope.
class ErrorContextLine {
public:
    ErrorContextLine(const char *prefix, const int *line);
    ErrorContextLine(const ErrorContextLine &) = delete;
    ErrorContextLine &operator=(const ErrorContextLine &) = delete;

private:
    static void Callback(void *arg);
    const char *prefix_;
    const int *line_;
    ErrorContextPush push_;
};

}  // namespace plpolar::pg
