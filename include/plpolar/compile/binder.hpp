// The one argument binder: how the arguments of a call bind to the
// parameters of what it calls, for every call form (nested subprograms and
// their overloads, built-in package members, cursors). Positional arguments
// take the parameters in order, `name => value` the parameter of that name;
// a parameter left out must be optional (have a default). Plain C++: the
// callers turn a failure into their own error message.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "plpolar/ast/expr.hpp"

namespace plpolar::compile {

struct BindParam {
    std::string name;
    bool optional = false;  // may be left out (has a default)
};

enum class BindFailure {
    None,
    UnknownName,  // a named argument names no parameter
    TooMany,      // a positional argument past the last parameter
    Twice,        // a parameter given twice
    Missing,      // a parameter that is not optional left out
};

struct Binding {
    BindFailure failure = BindFailure::None;
    // The arguments before the failing one bound (all of them unless the
    // failure is one of an argument): callers compile those, in order,
    // before they report the failure, so errors come in the order of the
    // source.
    size_t bound = 0;
    size_t failed_param = 0;        // Twice, Missing: the parameter
    std::vector<int> param_of_arg;  // for arguments [0, bound)
    std::vector<int> arg_of_param;  // -1: left out
};

// Whether a named argument also takes up a position for the positional
// arguments after it. Oracle rejects positional after named; plpolar
// accepts it, and cursors count positions apart from names while
// subprograms and package members count every argument.
enum class NamedPosition { Counts, Skipped };

Binding BindArguments(const std::vector<ast::CallArg> &args, const std::vector<BindParam> &params,
                      NamedPosition named_position);

}  // namespace plpolar::compile
