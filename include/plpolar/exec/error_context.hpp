// "PL/polar function f(integer) line 3 at assignment" context lines, pushed
// on PostgreSQL's error context stack for the life of one call.
#pragma once

#include "plpolar/exec/executor.hpp"

namespace plpolar::exec {

class ErrorContextScope {
public:
    explicit ErrorContextScope(const Executor &executor);
    ~ErrorContextScope();
    ErrorContextScope(const ErrorContextScope &) = delete;
    ErrorContextScope &operator=(const ErrorContextScope &) = delete;

private:
    ErrorContextCallback callback_;
};

}  // namespace plpolar::exec
