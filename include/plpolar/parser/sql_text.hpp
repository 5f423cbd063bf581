// Scanning SQL text without a server: enough lexical knowledge to step over
// quoted strings, quoted identifiers, comments and dollar quotes, which must
// never be rewritten.
#pragma once

#include <string>

namespace plpolar::parser {

bool IsSqlWordChar(char c);

// If a quoted string, quoted identifier, comment or dollar-quoted string
// starts at `i`, the index just past it; otherwise `i`.
size_t SkipOpaque(const std::string &sql, size_t i);

// Oracle's alternative quoting q'[...]', q'{...}', q'(...)', q'<...>' and
// q'c...c' (any other character closes itself), also nq'...'; and N'...'.
// If one starts at `i`, the index just past it and its text in *value;
// otherwise `i`. An unterminated one ends at the end of the text.
size_t OracleQuoteEnd(const std::string &sql, size_t i, std::string *value = nullptr);

// The standard SQL literal for a string value: quotes doubled.
std::string StandardLiteral(const std::string &value);

// Oracle's names with '#' (sc#orders), which PostgreSQL does not take
// unquoted, as quoted lower-case names ("sc#orders"): the same name
// wherever it is written.
std::string QuoteHashIdentifiers(const std::string &sql);

// SQL*Plus joins a line ending in '-' with the next one, in SQL statements
// too (INSERT ... VALUES (1726-\n,'S'-\n)): the '-' becomes a space.
// Quoted text and comments are left alone.
std::string JoinContinuedLines(const std::string &sql);

}  // namespace plpolar::parser
