// PRAGMA AUTONOMOUS_TRANSACTION's worker (src/autonomous), from C++.
#pragma once

#include "plpolar/pg/postgres.hpp"

namespace plpolar::pg {

// Runs the routine fcinfo calls in this session's autonomous worker; the
// result is allocated in result_context.
Datum AutonomousCall(FunctionCallInfo fcinfo, MemoryContext result_context, bool *isnull);
// Runs an anonymous block there.
void AutonomousBlock(const char *source);
// In the worker: the unit being entered (a routine by OID, InvalidOid for
// a block) is the one asked for, and runs here.
bool AutonomousRunHere(Oid fn_oid);
// In the worker: this DO is the marker of a routine's call; Dispatch makes it.
bool AutonomousDispatchPending();
void AutonomousDispatch();

}  // namespace plpolar::pg
