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

}  // namespace plpolar::pg
