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

namespace plpolar::parser {

// A PL/SQL block given to EXECUTE IMMEDIATE ('BEGIN ... END;', 'DECLARE ...',
// '<<label>> BEGIN ...'): its text with each placeholder written as the PL
// name of its bind (`bind_prefix` + k, k from 1), and the placeholders'
// names in order of first appearance. Oracle binds a block's placeholders by
// name: every occurrence of :x is the same bind, and the k-th distinct name
// takes the k-th USING argument.
struct DynamicBlock {
    std::string text;
    std::vector<std::string> names;  // upper-cased unless quoted
};
// True if `sql` is a PL/SQL block rather than a SQL statement.
bool IsDynamicBlock(const std::string &sql);
DynamicBlock ConvertBlockPlaceholders(const std::string &block, const std::string &bind_prefix);

}  // namespace plpolar::parser
