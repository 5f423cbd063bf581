// pg_proc facts about a function, read through the boundary.
#pragma once

#include <string>
#include <vector>

#include "plpolar/pg/function_info.hpp"

namespace plpolar::pg {

// Reads name, source, argument and return types, volatility and the row's
// xmin/tid; refuses signatures plpolar does not handle.
FunctionInfo LoadFunctionInfo(Oid fn_oid);
// A keyword of PostgreSQL's grammar that an identifier must be quoted to be
// (anything but an unreserved one), as quote_identifier decides.
bool IsQuotedKeyword(const std::string &word) noexcept;

// True while the pg_proc row still has the given xmin and tid, i.e. no
// CREATE OR REPLACE happened since it was read.
bool FunctionRowUnchanged(Oid fn_oid, TransactionId xmin, const ItemPointerData &tid);

// The validator `validator_oid` may check `fn_oid` (PostgreSQL's
// CheckFunctionValidatorAccess: the function's language is the validator's
// and the caller may use it).
bool ValidatorMayCheck(Oid validator_oid, Oid fn_oid);

// "f(integer, text)" for messages.
std::string FunctionSignature(Oid fn_oid);

// A function `name` (possibly schema-qualified) that can be called without
// arguments (Oracle calls those without parentheses).
bool FunctionCallableWithoutArguments(const std::vector<std::string> &name);
// A procedure (not a function) of that name exists, with any arguments.
bool ProcedureNameExists(const std::vector<std::string> &name);

// The routine that a CREATE [OR REPLACE] FUNCTION | PROCEDURE statement
// names (same name and argument types), if it exists now; InvalidOid if not.
Oid RoutineOfCreateStatement(const std::string &create_sql);

// The search_path in force, as the list of schemas it resolves to now
// (quoted, "$user" expanded, missing schemas left out) with pg_temp last:
// what an Oracle-form definer-rights unit pins at creation, so that neither
// the caller's path nor a temporary object can redirect its names.
std::string FrozenSearchPath();

// `table` (SQL text of a possibly qualified name) exists and has a unique
// index `index` (an identifier as written) in its schema that no constraint
// owns yet: ALTER TABLE ADD CONSTRAINT ... USING INDEX can take it over.
bool UnclaimedUniqueIndex(const std::string &table, const std::string &index);
// "bigint", "integer" or "smallint" when column `column` of `table` (SQL
// text; an empty column: its one-column primary key) is an identity column
// of that type; empty otherwise, also for a table that does not exist.
std::string IdentityColumnType(const std::string &table, const std::string &column);
// The type of an existing column as format_type writes it; empty if none.
std::string ColumnTypeName(const std::string &table, const std::string &column);

// REVOKE EXECUTE ... FROM PUBLIC: Oracle grants nothing on a new unit.
void RevokeExecuteFromPublic(Oid routine);

}  // namespace plpolar::pg
