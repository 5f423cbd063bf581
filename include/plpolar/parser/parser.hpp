// Entry point of the parse phase: source text in, AST out.
//
// This runs with no PostgreSQL call at all (see the notes on ANTLR's
// hand-held locks): errors come back as C++ exceptions and the caller turns
// them into PostgreSQL errors after the parser is gone.
#pragma once

#include <cstddef>
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

// A body beyond what plpolar compiles (PostgreSQL's program_limit_exceeded;
// Oracle's PLS-00123 "program too large"), at the position where it was seen.
class TooLarge : public SyntaxError {
public:
    using SyntaxError::SyntaxError;
};

// Thrown out of the parse when the interrupt check says PostgreSQL has an
// interrupt to process (cancel, statement_timeout, termination). The parser
// cannot process it itself: ANTLR holds static locks by hand, so PostgreSQL
// may run only once the parser is gone. The caller processes the interrupt
// and, if PostgreSQL lets it go on (an interrupt that is not an error),
// parses again.
class Interrupted : public std::exception {
public:
    const char *what() const noexcept override { return "parse interrupted"; }
};

// Reads PostgreSQL's interrupt flags and nothing else; may be null.
using InterruptCheck = bool (*)();

// The bound on a body, which bounds the parse's memory. ANTLR's tokens and
// parse tree cost 300-650 bytes per token (a token for every byte of
// "p(1,1,1,...)" is the worst shape measured); 500 000 tokens is about
// 60 000 lines of ordinary code and at most about 350 MB while parsing. The
// text itself costs 4 bytes per character as ANTLR's input, hence the
// second limit for bodies that are mostly comments or literals.
constexpr size_t kMaxBodyTokens = 500000;
constexpr size_t kMaxBodyBytes = 16 * 1024 * 1024;

// Deepest nesting of parentheses and blocks accepted; deeper input is
// refused before the recursive-descent parser could exhaust the C stack.
constexpr int kMaxNesting = 200;

// Throws SyntaxError (TooLarge beyond the limits above) or Interrupted. The
// check runs for every token read and consumed and for every statement
// transformed.
ast::FunctionBody ParseBody(const std::string &source, InterruptCheck interrupted = nullptr);

// A package specification or body from its IS / AS to its END [name];:
// the declarations, and a body's initialization section as the block's
// statements and handlers. Throws as ParseBody.
ast::FunctionBody ParsePackageSource(const std::string &source, InterruptCheck interrupted = nullptr);

// Parses a representative body once so that ANTLR's process-wide
// prediction caches are warm (called in the postmaster). Never throws;
// false if the sample failed to parse (the caches then stay colder).
bool WarmUp();

// Folds an identifier the PostgreSQL way: unquoted names lower-case,
// "quoted" names verbatim with doubled quotes undone.
std::string FoldIdentifier(const std::string &text);

}  // namespace plpolar::parser
