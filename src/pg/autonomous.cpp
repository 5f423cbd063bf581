// PRAGMA AUTONOMOUS_TRANSACTION: the C side (src/autonomous) behind the guard.
#include "plpolar/pg/autonomous.hpp"

#include "plpolar/autonomous/autonomous.h"
#include "plpolar/pg/guard.hpp"

namespace plpolar::pg {

Datum AutonomousCall(FunctionCallInfo fcinfo, MemoryContext result_context, bool *isnull) {
    return Guarded(
        [fcinfo, result_context, isnull] { return plpolar_autonomous_call(fcinfo, result_context, isnull); });
}

void AutonomousBlock(const char *source) {
    Guarded([source] { plpolar_autonomous_block(source); });
}

bool AutonomousRunHere(Oid fn_oid) { return plpolar_autonomous_run_here(fn_oid); }

bool AutonomousDispatchPending() { return plpolar_autonomous_dispatch_pending(); }

void AutonomousDispatch() {
    Guarded([] { plpolar_autonomous_dispatch(); });
}

}  // namespace plpolar::pg
