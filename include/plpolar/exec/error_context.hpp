// "PL/polar function f(integer) line 3 at assignment" context lines, pushed
// on PostgreSQL's error context stack for the life of one call.
#pragma once

#include "plpolar/exec/executor.hpp"
#include "plpolar/pg/error_context.hpp"

namespace plpolar::exec {

class ErrorContextScope {
public:
    explicit ErrorContextScope(const Executor &executor);

private:
    pg::ErrorContextLine line_;
};

}  // namespace plpolar::exec
