// Common pieces of every AST node. The AST is plain C++ with no PostgreSQL
// types so that the parser and transformer run (and are tested and fuzzed)
// without a server.
#pragma once

#include <cassert>
#include <memory>
#include <string>
#include <vector>

namespace plpolar::ast {

// 1-based line and column inside the function body, as a user sees it.
struct SourceLoc {
    int line = 0;
    int column = 0;
};

// State a later phase hangs on a node (plans, expression states, casts).
// The AST owns it so that it lives exactly as long as the compiled function.
struct Annotation {
    virtual ~Annotation() = default;
};

// A dotted name as written, each part already case-folded the PostgreSQL way
// (unquoted parts lower-cased, quoted parts verbatim).
using NameChain = std::vector<std::string>;

std::string JoinName(const NameChain &name);

// Checked downcast: each node class declares its kind as `kKind`.
template <class T, class Base>
T &Cast(Base &node) {
    assert(node.kind == T::kKind);
    return static_cast<T &>(node);
}
template <class T, class Base>
const T &Cast(const Base &node) {
    assert(node.kind == T::kKind);
    return static_cast<const T &>(node);
}

}  // namespace plpolar::ast
