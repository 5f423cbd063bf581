// Catalog invalidation callbacks, registered through the boundary.
#pragma once

#include "plpolar/pg/postgres.hpp"

namespace plpolar::pg {

// Has `callback` called whenever a function, type, operator or cast changes
// in the catalogs (pg_proc, pg_type, pg_operator, pg_cast), and when a
// table's columns change (pg_attribute: the rows trigger functions see). It runs inside
// PostgreSQL's invalidation processing: it must neither raise nor throw.
void OnRoutineCatalogChange(void (*callback)(Datum, int, uint32));

}  // namespace plpolar::pg
