// A readable, stable rendering of the AST for tests and debugging.
#pragma once

#include <string>

#include "plpolar/ast/stmt.hpp"

namespace plpolar::ast {

std::string Dump(const Expr &expr);
std::string Dump(const FunctionBody &body);

}  // namespace plpolar::ast
