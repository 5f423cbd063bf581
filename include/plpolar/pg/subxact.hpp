// Internal subtransactions, as PL/pgSQL uses them for exception blocks:
// on an error the work since Begin is undone and the transaction stays
// usable. The memory context and resource owner of the caller are restored
// on every exit.
#pragma once

#include "plpolar/pg/postgres.hpp"

namespace plpolar::pg {

class SubTransaction {
public:
    SubTransaction();
    // Rolls back if neither Commit nor Rollback ran (an exception other
    // than PgError is unwinding).
    ~SubTransaction();
    SubTransaction(const SubTransaction &) = delete;
    SubTransaction &operator=(const SubTransaction &) = delete;

    void Commit();
    void Rollback();

private:
    MemoryContext context_;
    ResourceOwner owner_;
    bool open_ = false;
};

}  // namespace plpolar::pg
