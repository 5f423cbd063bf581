// Oracle bind placeholders (:1, :name) in dynamic SQL text, rewritten to
// PostgreSQL's $n. Runs on the text only: no server needed.
#pragma once

#include <string>
#include <vector>

namespace plpolar::parser {

struct DynamicSql {
    std::string text;                 // what PostgreSQL runs
    std::vector<int> in_args;         // $k (k = index + 1) takes USING argument in_args[index]
    std::vector<int> returning_args;  // RETURNING ... INTO :a, :b: the USING arguments that receive
    bool has_placeholders = false;
};

// Oracle binds placeholders by position: the i-th placeholder (repeated
// names included) takes the i-th USING argument. A trailing
// "RETURNING ... INTO :a, :b" is cut off; its placeholders name OUT
// arguments. Quoted text, quoted identifiers, comments, dollar quotes and
// "::" casts are left alone.
DynamicSql ConvertPlaceholders(const std::string &sql);

}  // namespace plpolar::parser
