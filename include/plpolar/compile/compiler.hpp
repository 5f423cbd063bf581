// The compile phase: parse the body, declare variables, resolve names and
// attach the sites the executor needs. Errors are PostgreSQL errors with
// the line (and for syntax errors the column) of the body.
#pragma once

#include <memory>

#include "plpolar/compile/function.hpp"

namespace plpolar::compile {

std::unique_ptr<CompiledFunction> Compile(FunctionInfo info);

// Oracle type names mapped to PostgreSQL ones (VARCHAR2(n) -> varchar2(n),
// NUMBER(p,s) -> numeric(p,s), DATE -> timestamp(0), ...). Other names are
// returned unchanged for PostgreSQL to resolve.
std::string MapOracleTypeName(const std::string &text);
// n of VARCHAR2(n BYTE) (also VARCHAR(n BYTE)), -1 for any other type:
// MapOracleTypeName drops the length semantics, which only PL code keeps.
int OracleByteLimit(const std::string &text);

}  // namespace plpolar::compile
