// Splitting an Oracle-style script into statements and turning Oracle-form
// subprograms (CREATE FUNCTION f RETURN t IS ... END;) into PostgreSQL
// CREATE FUNCTION ... LANGUAGE plpolar. Pure C++: no server needed.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace plpolar::parser {

struct ScriptStatement {
    int line = 0;      // 1-based line of the statement's first token
    std::string text;  // as written, without the terminating ';' or '/'
    bool oracle_subprogram = false;
};

// Statements end at ';' outside quotes, comments and dollar quotes, or at a
// line holding only '/' (SQL*Plus). An Oracle-form subprogram ends at the
// ';' after the END that closes its outermost block, or at '/'. Throws
// SyntaxError for a comment, quoted string or identifier that never ends.
std::vector<ScriptStatement> SplitScript(const std::string &script);

struct OracleSubprogram {
    bool or_replace = false;
    bool is_function = true;
    std::string name;                     // as written (may be qualified/quoted)
    std::vector<std::string> parameters;  // PostgreSQL form: "[IN|OUT|INOUT] name type [DEFAULT e]"
    std::string return_type;              // PostgreSQL type text (functions)
    // AUTHID DEFINER (Oracle's default) or AUTHID CURRENT_USER.
    bool definer_rights = true;
    std::string body;   // everything after IS/AS, ending with END ...;
    int body_line = 1;  // line of IS/AS within the statement: the body's line 1
};

// Parses "CREATE [OR REPLACE] FUNCTION|PROCEDURE name [(params)] [RETURN t]
// IS|AS body". Type names go through `map_type` (Oracle -> PostgreSQL).
// Throws SyntaxError (line relative to the statement) when it is not one.
OracleSubprogram ParseOracleSubprogram(const std::string &text,
                                       const std::function<std::string(const std::string &)> &map_type);

// The PostgreSQL statement for a parsed subprogram. A definer-rights unit
// becomes SECURITY DEFINER with `definer_search_path` pinned (the creator's
// path as it resolves at creation, see pg::FrozenSearchPath).
std::string ToCreateStatement(const OracleSubprogram &sub, const std::string &definer_search_path);

}  // namespace plpolar::parser
