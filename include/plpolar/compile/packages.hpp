// Oracle's built-in packages that plpolar implements inside the interpreter
// (DBMS_OUTPUT, DBMS_UTILITY): they need session or executor state, not SQL.
// In plpolar code these names win over SQL functions of the same name, such
// as orafce's dbms_output schema.
#pragma once

#include <vector>

#include "plpolar/ast/stmt.hpp"

namespace plpolar::compile {

using ast::ParamMode;

struct PackageMember {
    const char *package;
    const char *name;
    ast::Builtin builtin;
    bool procedure;
    std::vector<const char *> params;  // Oracle's parameter names, for =>
    std::vector<ParamMode> modes;
    size_t required;  // the rest have defaults
};

// The member `package.name` names, or null.
const PackageMember *FindPackageMember(const ast::NameChain &name);

}  // namespace plpolar::compile
