// Set-returning plpolar functions (PIPELINED, RETURNS SETOF t): the result
// PostgreSQL reads after the call.
#pragma once

#include "plpolar/pg/postgres.hpp"
#include "plpolar/pg/types.hpp"

namespace plpolar::pg {

// The result of a set-returning (PIPELINED) function, materialized: rows of
// `row` (a scalar type: one column; a composite type: its columns) put in a
// tuplestore that PostgreSQL reads after the call. Raises when the caller
// cannot take a set.
struct SetResult {
    ReturnSetInfo *rsinfo = nullptr;
    ResourceOwner owner = nullptr;
    TypeInfo row;
    bool composite = false;
};
SetResult BeginSetResult(FunctionCallInfo fcinfo, const TypeInfo &row);
// `v` has the row type (composite: a row of it, or NULL for a row of NULLs).
void AddSetRow(const SetResult &result, const Value &v);

}  // namespace plpolar::pg
