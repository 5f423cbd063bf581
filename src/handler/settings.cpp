// plpolar's GUCs. The values live here, the only other global state the
// project allows besides the function cache.
#include "plpolar/handler/settings.hpp"

#include "plpolar/handler/handler.hpp"
#include "plpolar/pg/guard.hpp"
#include "plpolar/session/output_buffer.hpp"

extern "C" {
#include "utils/guc.h"
}

namespace plpolar::handler {

Settings &settings() {
    static Settings s;
    return s;
}

namespace {

// Runs inside the GUC machinery: must not fail; neither call allocates.
void AssignServerOutput(bool on, void *) {
    if (on)
        session::Output().Enable(std::nullopt);
    else
        session::Output().Disable();
}

}  // namespace

void DefineSettings() {
    Settings *s = &settings();
    pg::Guarded([s] {
        DefineCustomIntVariable("plpolar.instance_num", "Instance number reported as polar_instance_num.", NULL,
                                &s->instance_num, 1, 0, INT_MAX, PGC_SIGHUP, 0, NULL, NULL, NULL);
        static const struct config_enum_entry rollback_options[] = {
            {"statement", static_cast<int>(ExceptionRollback::Statement), false},
            {"block", static_cast<int>(ExceptionRollback::Block), false},
            {NULL, 0, false},
        };
        DefineCustomEnumVariable("plpolar.exception_rollback",
                                 "What a handled exception undoes: the failing statement (Oracle) or the whole block "
                                 "(PL/pgSQL).",
                                 NULL, &s->exception_rollback, static_cast<int>(ExceptionRollback::Statement),
                                 rollback_options, PGC_USERSET, 0, NULL, NULL, NULL);
        DefineCustomStringVariable("plpolar.nls_date_format",
                                   "Format of dates converted to and from text without a format (Oracle's "
                                   "NLS_DATE_FORMAT).",
                                   NULL, &s->nls_date_format, "YYYY-MM-DD HH24:MI:SS", PGC_USERSET, 0, NULL, NULL,
                                   NULL);
        DefineCustomBoolVariable("plpolar.serveroutput",
                                 "Sends each DBMS_OUTPUT line to the client as it is finished (SQL*Plus SET "
                                 "SERVEROUTPUT ON); turning it on enables the buffer without limit, off disables it.",
                                 NULL, &s->serveroutput, false, PGC_USERSET, 0, NULL, AssignServerOutput, NULL);
        DefineCustomBoolVariable("plpolar.empty_string_is_null",
                                 "In plpolar code a zero-length string is NULL, as in Oracle: the literal '' and "
                                 "any empty string stored in a variable or passed as an argument.",
                                 NULL, &s->empty_string_is_null, true, PGC_USERSET, 0, NULL, NULL, NULL);
    });
}

void ReserveSettingsPrefix() {
    // Last, once every plpolar.* setting is defined (the session triggers
    // define theirs in C): reserving the prefix drops the placeholders of
    // names not defined by then, with the values postgresql.conf or ALTER
    // SYSTEM gave them.
    pg::Guarded([] { MarkGUCPrefixReserved("plpolar"); });
}

}  // namespace plpolar::handler
