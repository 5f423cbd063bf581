// Portals by name: explicit cursors, ref cursors and FOR loops.
#include "plpolar/pg/spi.hpp"

#include <string>

#include "plpolar/pg/guard.hpp"

extern "C" {
#include "utils/portal.h"
}

namespace plpolar::pg {

bool CursorIsOpen(const std::string &name) {
    const char *n = name.c_str();
    return Guarded([n] { return SPI_cursor_find(n) != NULL; });
}

SqlStatement::Result CursorFetch(const std::string &name, long count) {
    const char *n = name.c_str();
    SqlStatement::Result result;
    SqlStatement::Result *out = &result;
    Guarded([n, count, out] {
        Portal portal = SPI_cursor_find(n);
        if (portal == NULL)
            ereport(ERROR, (errcode(ERRCODE_INVALID_CURSOR_STATE), errmsg("invalid cursor"),
                            errdetail("Cursor \"%s\" is not open.", n)));
        SPI_cursor_fetch(portal, true, count);
        out->processed = SPI_processed;
        out->tuptable = SPI_tuptable;
    });
    return result;
}

void CursorClose(const std::string &name) {
    const char *n = name.c_str();
    Guarded([n] {
        Portal portal = SPI_cursor_find(n);
        if (portal == NULL) return;
        if (portal->portalPinned) UnpinPortal(portal);
        SPI_cursor_close(portal);
    });
}

void CursorPin(const std::string &name) {
    const char *n = name.c_str();
    Guarded([n] {
        Portal portal = SPI_cursor_find(n);
        if (portal != NULL) PinPortal(portal);
    });
}

}  // namespace plpolar::pg
