// SQL text the compiler writes into the expressions PostgreSQL evaluates.
#pragma once

#include <string>

namespace plpolar::compile {

// The SQL a keyword such as SYSDATE or CURRENT_DATE stands for in PL code,
// or empty if `name` is none.
std::string SqlValueKeyword(const std::string &name);
// A name PostgreSQL reads unquoted as written (lower case, digits, _), and
// no keyword of its grammar but an unreserved one.
bool IsPlainIdentifier(const std::string &s);
// `s` as an identifier: unchanged when plain, else in double quotes.
std::string QuoteIdent(const std::string &s);
// A part of a called function's name: as QuoteIdent, but keywords stay
// bare (COALESCE, GREATEST, NULLIF are grammar that reads like a call).
std::string QuoteFunctionPart(const std::string &s);
// `s` as a string literal (E'...' when it holds a backslash).
std::string QuoteLiteral(const std::string &s);

}  // namespace plpolar::compile
