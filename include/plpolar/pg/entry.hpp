// Conversion at the extern "C" entry points: every C++ exception becomes a
// PostgreSQL error, raised only after all C++ frames have unwound.
#pragma once

#include <cstdio>
#include <new>

#include "plpolar/pg/guard.hpp"

namespace plpolar::pg {

template <typename Fn>
Datum RunEntryPoint(Fn &&fn) {
    ErrorData *edata = nullptr;
    char internal[512];
    internal[0] = '\0';
    Datum result = 0;
    try {
        result = fn();
    } catch (const PgError &e) {
        edata = e.data();
    } catch (const std::bad_alloc &) {
        snprintf(internal, sizeof(internal), "out of memory in plpolar");
    } catch (const std::exception &e) {
        snprintf(internal, sizeof(internal), "%s", e.what());
    } catch (...) {
        snprintf(internal, sizeof(internal), "unknown C++ exception");
    }
    if (edata != nullptr) ReThrowError(edata);
    if (internal[0] != '\0')
        ereport(ERROR, (errcode(ERRCODE_INTERNAL_ERROR), errmsg("internal error in plpolar: %s", internal)));
    return result;
}

}  // namespace plpolar::pg
