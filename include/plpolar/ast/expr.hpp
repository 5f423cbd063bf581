// Expression nodes.
#pragma once

#include "plpolar/ast/builtins.hpp"
#include "plpolar/ast/node.hpp"
#include "plpolar/ast/type_ref.hpp"

namespace plpolar::ast {

enum class ExprKind {
    Literal,
    Name,
    Unary,
    Binary,
    Not,
    IsNull,
    Like,
    Between,
    In,
    Call,
    Attribute,
    Cast,
    Case,
};

const char *ToString(ExprKind kind);

struct Expr {
    Expr(ExprKind k, SourceLoc l) : kind(k), loc(l) {}
    virtual ~Expr() = default;
    Expr(const Expr &) = delete;
    Expr &operator=(const Expr &) = delete;

    const ExprKind kind;
    SourceLoc loc;
    // Filled by the compiler; evaluated state lives here for the life of
    // the compiled function.
    std::unique_ptr<Annotation> annotation;
    // The same expression on plain integers and booleans, when the types
    // of all its operands are fixed at compile time (compile::FastExpr).
    std::unique_ptr<Annotation> fast;
    // The same on exact decimals for NUMBER (compile::DecimalExpr).
    std::unique_ptr<Annotation> decimal;
};
using ExprPtr = std::unique_ptr<Expr>;

struct LiteralExpr : Expr {
    static constexpr ExprKind kKind = ExprKind::Literal;
    enum class Type { Integer, Decimal, String, Boolean, Null, Typed };
    LiteralExpr(SourceLoc l, Type t, std::string v) : Expr(kKind, l), type(t), text(std::move(v)) {}
    Type type;
    std::string text;       // digits, unquoted string, "true"/"false"
    std::string type_name;  // for Typed: DATE '2024-01-01'
};

struct NameExpr : Expr {
    static constexpr ExprKind kKind = ExprKind::Name;
    NameExpr(SourceLoc l, NameChain n) : Expr(kKind, l), name(std::move(n)) {}
    NameChain name;
    int slot = -1;           // variable slot, set by the compiler
    bool field_ref = false;  // slot is a record and the annotation a FieldSite
    Builtin builtin = Builtin::None;
};

enum class UnaryOp { Plus, Minus };

struct UnaryExpr : Expr {
    static constexpr ExprKind kKind = ExprKind::Unary;
    UnaryExpr(SourceLoc l, UnaryOp o, ExprPtr e) : Expr(kKind, l), op(o), operand(std::move(e)) {}
    UnaryOp op;
    ExprPtr operand;
};

enum class BinaryOp { Add, Sub, Mul, Div, Pow, Concat, Eq, Ne, Lt, Le, Gt, Ge, And, Or };

const char *ToString(BinaryOp op);
bool IsComparison(BinaryOp op);

struct BinaryExpr : Expr {
    static constexpr ExprKind kKind = ExprKind::Binary;
    BinaryExpr(SourceLoc l, BinaryOp o, ExprPtr a, ExprPtr b)
        : Expr(kKind, l), op(o), left(std::move(a)), right(std::move(b)) {}
    BinaryOp op;
    ExprPtr left;
    ExprPtr right;
};

struct NotExpr : Expr {
    static constexpr ExprKind kKind = ExprKind::Not;
    NotExpr(SourceLoc l, ExprPtr e) : Expr(kKind, l), operand(std::move(e)) {}
    ExprPtr operand;
};

struct IsNullExpr : Expr {
    static constexpr ExprKind kKind = ExprKind::IsNull;
    IsNullExpr(SourceLoc l, ExprPtr e, bool neg) : Expr(kKind, l), operand(std::move(e)), negated(neg) {}
    ExprPtr operand;
    bool negated;
};

struct LikeExpr : Expr {
    static constexpr ExprKind kKind = ExprKind::Like;
    LikeExpr(SourceLoc l) : Expr(kKind, l) {}
    ExprPtr operand;
    ExprPtr pattern;
    ExprPtr escape;  // may be null
    bool negated = false;
};

struct BetweenExpr : Expr {
    static constexpr ExprKind kKind = ExprKind::Between;
    BetweenExpr(SourceLoc l) : Expr(kKind, l) {}
    ExprPtr operand;
    ExprPtr low;
    ExprPtr high;
    bool negated = false;
};

struct InExpr : Expr {
    static constexpr ExprKind kKind = ExprKind::In;
    InExpr(SourceLoc l) : Expr(kKind, l) {}
    ExprPtr operand;
    std::vector<ExprPtr> list;
    bool negated = false;
};

struct CallArg {
    std::string name;  // empty for positional
    ExprPtr value;
    // key => value in t(1 => 'a'): an associative array's qualified
    // expression (Oracle 18c); only its constructor takes it.
    ExprPtr key;
};

struct CallExpr : Expr {
    static constexpr ExprKind kKind = ExprKind::Call;
    CallExpr(SourceLoc l, NameChain n) : Expr(kKind, l), name(std::move(n)) {}
    NameChain name;
    std::vector<CallArg> args;
    bool has_parens = false;
    Builtin builtin = Builtin::None;
    // Builtin::TriggerColumn, UPDATING('c') of a DML trigger: the hidden
    // boolean variable the call reads, set when the trigger fires.
    int slot = -1;
    // f(x).a.b: fields of the record the call returns, outermost first.
    std::vector<std::string> fields;
    // c(i)(j)...: the subscripts after the first, of a multi-level
    // collection; and c(i).m(args): the arguments of a method of an element
    // that is a collection (fields then holds the method's name).
    std::vector<std::vector<CallArg>> subscripts;
    bool method_parens = false;
    std::vector<CallArg> method_args;
};

enum class AttributeKind { Found, NotFound, IsOpen, RowCount };

struct AttributeExpr : Expr {
    static constexpr ExprKind kKind = ExprKind::Attribute;
    AttributeExpr(SourceLoc l, NameChain t, AttributeKind a) : Expr(kKind, l), target(std::move(t)), attribute(a) {}
    NameChain target;  // empty: the implicit SQL cursor
    AttributeKind attribute;
    int slot = -1;  // the cursor's variable, set by the compiler
};

struct CastExpr : Expr {
    static constexpr ExprKind kKind = ExprKind::Cast;
    CastExpr(SourceLoc l, ExprPtr e, TypeRef t) : Expr(kKind, l), operand(std::move(e)), type(std::move(t)) {}
    ExprPtr operand;
    TypeRef type;
};

// CASE [operand] WHEN ... THEN ... [ELSE ...] END
struct CaseExpr : Expr {
    static constexpr ExprKind kKind = ExprKind::Case;
    explicit CaseExpr(SourceLoc l) : Expr(kKind, l) {}
    ExprPtr operand;  // null: searched CASE
    struct When {
        ExprPtr condition;  // a value to compare with the operand, or a condition
        ExprPtr result;
    };
    std::vector<When> whens;
    ExprPtr else_value;  // may be null: NULL
};

}  // namespace plpolar::ast
