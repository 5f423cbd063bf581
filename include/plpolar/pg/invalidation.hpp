// Catalog invalidation callbacks, registered through the boundary.
#pragma once

#include "plpolar/pg/postgres.hpp"

namespace plpolar::pg {

// Has `callback` called whenever a function, type, operator or cast changes
// in the catalogs (pg_proc, pg_type, pg_operator, pg_cast). It runs inside
// PostgreSQL's invalidation processing: it must neither raise nor throw.
void OnRoutineCatalogChange(void (*callback)(Datum, int, uint32));

}  // namespace plpolar::pg
