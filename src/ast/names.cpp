// Names of node kinds and operators, for messages and dumps. Each switch
// lists every enumerator with no default, so -Wswitch flags a missing one.
#include "plpolar/ast/stmt.hpp"

namespace plpolar::ast {

std::string JoinName(const NameChain &name) {
    std::string out;
    for (const auto &part : name) {
        if (!out.empty()) out += '.';
        out += part;
    }
    return out;
}

const char *ToString(ExprKind kind) {
    switch (kind) {
        case ExprKind::Literal: return "literal";
        case ExprKind::Name: return "name";
        case ExprKind::Unary: return "unary";
        case ExprKind::Binary: return "binary";
        case ExprKind::Not: return "not";
        case ExprKind::IsNull: return "is null";
        case ExprKind::Like: return "like";
        case ExprKind::Between: return "between";
        case ExprKind::In: return "in";
        case ExprKind::Call: return "call";
        case ExprKind::Attribute: return "attribute";
        case ExprKind::Cast: return "cast";
        case ExprKind::Case: return "case";
    }
    return "?";
}

const char *ToString(BinaryOp op) {
    switch (op) {
        case BinaryOp::Add: return "+";
        case BinaryOp::Sub: return "-";
        case BinaryOp::Mul: return "*";
        case BinaryOp::Div: return "/";
        case BinaryOp::Pow: return "**";
        case BinaryOp::Concat: return "||";
        case BinaryOp::Eq: return "=";
        case BinaryOp::Ne: return "<>";
        case BinaryOp::Lt: return "<";
        case BinaryOp::Le: return "<=";
        case BinaryOp::Gt: return ">";
        case BinaryOp::Ge: return ">=";
        case BinaryOp::And: return "AND";
        case BinaryOp::Or: return "OR";
    }
    return "?";
}

bool IsComparison(BinaryOp op) {
    switch (op) {
        case BinaryOp::Eq:
        case BinaryOp::Ne:
        case BinaryOp::Lt:
        case BinaryOp::Le:
        case BinaryOp::Gt:
        case BinaryOp::Ge: return true;
        case BinaryOp::Add:
        case BinaryOp::Sub:
        case BinaryOp::Mul:
        case BinaryOp::Div:
        case BinaryOp::Pow:
        case BinaryOp::Concat:
        case BinaryOp::And:
        case BinaryOp::Or: return false;
    }
    return false;
}

// Statement names as PL/pgSQL prints them in error context lines.
const char *ToString(StmtKind kind) {
    switch (kind) {
        case StmtKind::Block: return "statement block";
        case StmtKind::Assign: return "assignment";
        case StmtKind::If: return "IF";
        case StmtKind::Loop: return "LOOP";
        case StmtKind::While: return "WHILE";
        case StmtKind::ForRange: return "FOR with integer loop variable";
        case StmtKind::ForAll: return "FORALL";
        case StmtKind::Exit: return "EXIT";
        case StmtKind::Continue: return "CONTINUE";
        case StmtKind::Null: return "NULL";
        case StmtKind::Return: return "RETURN";
        case StmtKind::PipeRow: return "PIPE ROW";
        case StmtKind::Raise: return "RAISE";
        case StmtKind::Sql: return "SQL statement";
        case StmtKind::Call: return "procedure call";
        case StmtKind::ForCursor: return "FOR over cursor";
        case StmtKind::Open: return "OPEN";
        case StmtKind::Fetch: return "FETCH";
        case StmtKind::Close: return "CLOSE";
        case StmtKind::ExecuteImmediate: return "EXECUTE IMMEDIATE";
        case StmtKind::Case: return "CASE";
        case StmtKind::Goto: return "GOTO";
        case StmtKind::Commit: return "COMMIT";
        case StmtKind::Rollback: return "ROLLBACK";
    }
    return "?";
}

}  // namespace plpolar::ast
