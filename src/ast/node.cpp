// The failure of a checked Cast (node.hpp), out of line: the check inlined
// in the hot paths stays a compare and a branch.
#include "plpolar/ast/node.hpp"

namespace plpolar::ast {

void ThrowBadCast(const char *expected) {
    throw BadCast(std::string("node or annotation of another kind where ") + expected + " was expected");
}

}  // namespace plpolar::ast
