#include "plpolar/pg/subxact.hpp"

#include "plpolar/pg/guard.hpp"

extern "C" {
#include "access/xact.h"
#include "utils/resowner.h"
}

namespace plpolar::pg {

SubTransaction::SubTransaction() : context_(CurrentMemoryContext), owner_(CurrentResourceOwner) {
    MemoryContext context = context_;
    Guarded([context] {
        BeginInternalSubTransaction(NULL);
        // Statements run in the caller's memory, not the subtransaction's.
        MemoryContextSwitchTo(context);
    });
    open_ = true;
}

SubTransaction::~SubTransaction() {
    if (!open_) return;
    try {
        Rollback();
    } catch (const PgError &) {
        // An error while aborting leaves nothing better to do here; the
        // outer transaction aborts anyway.
    }
}

void SubTransaction::Commit() {
    MemoryContext context = context_;
    ResourceOwner owner = owner_;
    Guarded([context, owner] {
        ReleaseCurrentSubTransaction();
        MemoryContextSwitchTo(context);
        CurrentResourceOwner = owner;
    });
    open_ = false;
}

void SubTransaction::Rollback() {
    if (!open_) return;
    open_ = false;
    MemoryContext context = context_;
    ResourceOwner owner = owner_;
    Guarded([context, owner] {
        RollbackAndReleaseCurrentSubTransaction();
        MemoryContextSwitchTo(context);
        CurrentResourceOwner = owner;
    });
}

}  // namespace plpolar::pg
