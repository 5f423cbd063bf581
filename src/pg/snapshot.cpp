#include "plpolar/pg/snapshot.hpp"

#include "plpolar/pg/guard.hpp"

extern "C" {
#include "utils/snapmgr.h"
}

namespace plpolar::pg {

FreshSnapshot::FreshSnapshot() {
    Guarded([] {
        CommandCounterIncrement();
        PushActiveSnapshot(GetTransactionSnapshot());
    });
}

FreshSnapshot::~FreshSnapshot() {
    try {
        Guarded([] { PopActiveSnapshot(); });
    } catch (const PgError &) {
        // Popping our own snapshot does not fail.
    }
}

}  // namespace plpolar::pg
