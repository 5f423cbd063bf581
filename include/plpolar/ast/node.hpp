// Common pieces of every AST node. The AST is plain C++ with no PostgreSQL
// types so that the parser and transformer run (and are tested and fuzzed)
// without a server.
#pragma once

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <typeinfo>
#include <vector>

namespace plpolar::ast {

// 1-based line and column inside the function body, as a user sees it.
struct SourceLoc {
    int line = 0;
    int column = 0;
};

// What a later phase hung on a node: one value per annotation class of
// compile/sites.hpp, so that Cast below can check it like a node's kind.
enum class AnnotationKind : uint8_t {
    Literal,
    SqlExpr,
    Cast,
    Operator,
    FastExpr,
    DecimalExpr,
    Sql,
    ProcedureCall,
    Store,
    Field,
    PackageCall,
    FunctionCall,
    Subprogram,
    SubprogramCall,
    Case,
    RecordType,
    Cursor,
    CursorUse,
    Dynamic,
    For,
    Block,
    PackageRef,
    Collection,
    ForAll,
    MethodCall,
    PackageProcedure,
};

// State a later phase hangs on a node (plans, expression states, casts).
// The AST owns it so that it lives exactly as long as the compiled function.
struct Annotation {
    explicit Annotation(AnnotationKind k) : kind(k) {}
    virtual ~Annotation() = default;
    Annotation(const Annotation &) = delete;
    Annotation &operator=(const Annotation &) = delete;
    const AnnotationKind kind;
};

// A dotted name as written, each part already case-folded the PostgreSQL way
// (unquoted parts lower-cased, quoted parts verbatim).
using NameChain = std::vector<std::string>;

std::string JoinName(const NameChain &name);

// A Cast to the wrong class: a bug in plpolar, never the user's. The entry
// points (handler/entry.hpp) turn it into PostgreSQL's internal error after
// the C++ frames have unwound; the AST itself stays free of PostgreSQL.
class BadCast : public std::logic_error {
public:
    using std::logic_error::logic_error;
};
[[noreturn]] void ThrowBadCast(const char *expected);

namespace detail {
template <class T, class = void>
struct HasAccepts : std::false_type {};
template <class T>
struct HasAccepts<T, std::void_t<decltype(T::Accepts(T::kKind))>> : std::true_type {};

// T's own kind, or one of its subclasses' when T says which (Accepts).
template <class T, class K>
bool KindIs(K kind) {
    if constexpr (HasAccepts<T>::value)
        return T::Accepts(kind);
    else
        return kind == T::kKind;
}
}  // namespace detail

// Checked downcast of a node or an annotation, in every build: each class
// declares its kind as `kKind`; the check is one compare of the tag.
template <class T, class Base>
T &Cast(Base &node) {
    if (!detail::KindIs<T>(node.kind)) ThrowBadCast(typeid(T).name());
    return static_cast<T &>(node);
}
template <class T, class Base>
const T &Cast(const Base &node) {
    if (!detail::KindIs<T>(node.kind)) ThrowBadCast(typeid(T).name());
    return static_cast<const T &>(node);
}
// The same for a pointer that may be null (null stays null).
template <class T, class Base>
T *CastOrNull(Base *node) {
    return node == nullptr ? nullptr : &Cast<T>(*node);
}

}  // namespace plpolar::ast
