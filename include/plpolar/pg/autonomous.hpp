// PRAGMA AUTONOMOUS_TRANSACTION's worker (src/autonomous), from C++.
#pragma once

#include <string>
#include <vector>

#include "plpolar/pg/postgres.hpp"
#include "plpolar/pg/types.hpp"

namespace plpolar::pg {

// Runs the routine fcinfo calls in this session's autonomous worker; the
// result is allocated in result_context.
Datum AutonomousCall(FunctionCallInfo fcinfo, MemoryContext result_context, bool *isnull);
// Calls a routine by OID there with its arguments; the result's values
// (one, or a row's fields) in result_context.
std::vector<Value> AutonomousCallRoutine(Oid fn_oid, const std::vector<Value> &args, MemoryContext result_context);
// A package's public subprogram's routine: `name` in schema `schema` with
// `nargs` arguments (the only one).
Oid PackageRoutine(const std::string &schema, const std::string &name, int nargs);
// Runs a DML trigger's firing there; a BEFORE ROW trigger's row (or a
// NULL pointer) in result_context.
Datum AutonomousTrigger(FunctionCallInfo fcinfo, MemoryContext result_context);
// Runs a logon or logoff trigger's firing there.
void AutonomousEvent(FunctionCallInfo fcinfo);
// In the worker: the trigger firing being entered runs non-atomically.
bool AutonomousTriggerNonatomic();
// Runs an anonymous block there.
void AutonomousBlock(const char *source);
// In the worker: the unit being entered (a routine by OID, InvalidOid for
// a block) is the one asked for, and runs here.
bool AutonomousRunHere(Oid fn_oid);
// In the worker: this DO is the marker of a routine's call; Dispatch makes it.
bool AutonomousDispatchPending();
void AutonomousDispatch();

}  // namespace plpolar::pg
