// Values of plpolar's GUCs (defined in settings.cpp).
#pragma once

namespace plpolar::handler {

// plpolar.exception_rollback: what a handled exception undoes.
enum class ExceptionRollback { Statement = 0, Block = 1 };

struct Settings {
    int instance_num = 1;
    int exception_rollback = static_cast<int>(ExceptionRollback::Statement);
    char *nls_date_format = nullptr;  // owned by the GUC machinery
    bool serveroutput = false;
    bool empty_string_is_null = true;
};

Settings &settings();

}  // namespace plpolar::handler
