// Read-only access to plpolar's settings from C++ (compile/, exec/,
// session/). The values are defined, with every other plpolar.* GUC, in
// src/settings/settings.c; each accessor is a plain load.
#pragma once

#include "plpolar/settings/settings.h"

namespace plpolar::settings {

enum class ExceptionRollback { Statement = PLPOLAR_ROLLBACK_STATEMENT, Block = PLPOLAR_ROLLBACK_BLOCK };

// plpolar.instance_num, reported as polar_instance_num.
inline int InstanceNum() { return plpolar_settings->instance_num; }
// plpolar.exception_rollback.
inline ExceptionRollback ExceptionRollbackMode() {
    return static_cast<ExceptionRollback>(plpolar_settings->exception_rollback);
}
// plpolar.serveroutput: DBMS_OUTPUT lines go to the client as they end.
inline bool ServerOutput() { return plpolar_settings->serveroutput; }
// plpolar.empty_string_is_null: '' is NULL, as in Oracle.
inline bool EmptyStringIsNull() { return plpolar_settings->empty_string_is_null; }

}  // namespace plpolar::settings
