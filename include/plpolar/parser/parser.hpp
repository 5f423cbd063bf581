// Entry point of the parse phase: source text in, AST out.
//
// This runs with no PostgreSQL call at all (see the notes on ANTLR's
// hand-held locks): errors come back as C++ exceptions and the caller turns
// them into PostgreSQL errors after the parser is gone.
#pragma once

#include <stdexcept>
#include <string>

#include "plpolar/ast/stmt.hpp"

namespace plpolar::parser {

// A syntax error with its position in the body (1-based line and column).
class SyntaxError : public std::runtime_error {
public:
    SyntaxError(const std::string &message, int line, int column)
        : std::runtime_error(message), line_(line), column_(column) {}
    int line() const { return line_; }
    int column() const { return column_; }

private:
    int line_;
    int column_;
};

// Deepest nesting of parentheses and blocks accepted; deeper input is
// refused before the recursive-descent parser could exhaust the C stack.
constexpr int kMaxNesting = 200;

ast::FunctionBody ParseBody(const std::string &source);

// Parses a representative body once so that ANTLR's process-wide
// prediction caches are warm (called in the postmaster). Never throws;
// false if the sample failed to parse (the caches then stay colder).
bool WarmUp();

// Folds an identifier the PostgreSQL way: unquoted names lower-case,
// "quoted" names verbatim with doubled quotes undone.
std::string FoldIdentifier(const std::string &text);

}  // namespace plpolar::parser
