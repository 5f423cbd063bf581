// Oracle built-in functions that plpolar provides as SQL functions in the
// schema "plpolar" (the table in ast/builtins.hpp). PostgreSQL has functions of the
// same names with other semantics (SUBSTR, LENGTH, TRUNC, ...), and orafce
// may provide its own; inside plpolar code the names always mean plpolar's,
// whatever the search_path, so calls are qualified before PostgreSQL sees
// them.
#pragma once

#include <string>

namespace plpolar::parser {

// True for NVL, DECODE, SUBSTR, ... (lower case).
bool IsOracleBuiltin(const std::string &name);

// SYSDATE and SYSTIMESTAMP, which Oracle calls without parentheses.
bool IsOracleValueFunction(const std::string &name);

// Embedded or dynamic SQL with every unqualified call of a built-in written
// as plpolar.name(...), bare SYSDATE / SYSTIMESTAMP as calls, and FROM DUAL
// as FROM plpolar.dual.
std::string QualifyBuiltins(const std::string &sql);

// A subquery in FROM without an alias (Oracle allows it, PostgreSQL 15 does
// not) gets one, plpolar_subquery_<n>. Part of QualifyBuiltins.
std::string AliasFromSubqueries(const std::string &sql);

}  // namespace plpolar::parser
