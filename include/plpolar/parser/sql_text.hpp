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

}  // namespace plpolar::parser
