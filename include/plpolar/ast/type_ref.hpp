// A type as written in a declaration, parameter or cast.
#pragma once

#include "plpolar/ast/node.hpp"

namespace plpolar::ast {

struct TypeRef {
    enum class Form {
        Named,          // VARCHAR2(10), numeric(10,2), public.mytype, int[]
        PercentType,    // v%TYPE, tab.col%TYPE
        PercentRowtype  // tab%ROWTYPE
    };
    Form form = Form::Named;
    std::string text;  // the type exactly as written (Named)
    NameChain name;    // the referenced object (PercentType/PercentRowtype)
    SourceLoc loc;
};

}  // namespace plpolar::ast
