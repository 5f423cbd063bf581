// The compile phase: parse the body, declare variables, resolve names and
// attach the sites the executor needs. Errors are PostgreSQL errors with
// the line (and for syntax errors the column) of the body.
#pragma once

#include <memory>

#include "plpolar/compile/function.hpp"
#include "plpolar/compile/oracle_types.hpp"

namespace plpolar::compile {

std::unique_ptr<CompiledFunction> Compile(FunctionInfo info);


}  // namespace plpolar::compile
