// Catalog invalidation callbacks (invalidation.hpp).
#include "plpolar/pg/invalidation.hpp"

#include "plpolar/pg/guard.hpp"

extern "C" {
#include "utils/inval.h"
#include "utils/syscache.h"
}

namespace plpolar::pg {

void OnRoutineCatalogChange(void (*callback)(Datum, int, uint32)) {
    // Registration fails (FATAL) only when PostgreSQL's callback slots run
    // out; inside the guard even that stays on PostgreSQL's side.
    Guarded([callback] {
        for (int cache : {PROCOID, TYPEOID, OPEROID, CASTSOURCETARGET, ATTNUM})
            CacheRegisterSyscacheCallback(cache, callback, (Datum)0);
    });
}

}  // namespace plpolar::pg
