/*
 * plpolar's GUCs, all of them: the language's and the session triggers'.
 *
 * Plain C, as the rest of PostgreSQL's GUC machinery: defining a GUC is a
 * PostgreSQL call that can raise, and here no C++ frame is in the way. The
 * values are the only global state the project allows besides the function
 * cache; readers see them through plpolar_settings, a pointer to const.
 */
#include "postgres.h"

#include <limits.h>

#include "utils/guc.h"

#include "plpolar/settings/settings.h"

static PlpolarSettings values = {
	.instance_num = 1,
	.exception_rollback = PLPOLAR_ROLLBACK_STATEMENT,
	.nls_date_format = NULL,
	.nls_timestamp_format = NULL,
	.nls_timestamp_tz_format = NULL,
	.serveroutput = false,
	.empty_string_is_null = true,
	.enable_session_triggers = true,
	.logon_timeout_ms = 5000,
	.logoff_timeout_ms = 5000,
	.logon_failure = PLPOLAR_LOGON_FAILURE_WARN,
};

const PlpolarSettings *const plpolar_settings = &values;

static const struct config_enum_entry rollback_options[] = {
	{"statement", PLPOLAR_ROLLBACK_STATEMENT, false},
	{"block", PLPOLAR_ROLLBACK_BLOCK, false},
	{NULL, 0, false},
};

static const struct config_enum_entry logon_failure_options[] = {
	{"warn", PLPOLAR_LOGON_FAILURE_WARN, false},
	{"refuse", PLPOLAR_LOGON_FAILURE_REFUSE, false},
	{NULL, 0, false}
};

static void
define_language_settings(void (*serveroutput_assign) (bool on, void *extra))
{
	DefineCustomIntVariable("plpolar.instance_num", "Instance number reported as polar_instance_num.", NULL,
							&values.instance_num, 1, 0, INT_MAX, PGC_SIGHUP, 0, NULL, NULL, NULL);
	DefineCustomEnumVariable("plpolar.exception_rollback",
							 "What a handled exception undoes: the failing statement (Oracle) or the whole block "
							 "(PL/pgSQL).",
							 NULL, &values.exception_rollback, PLPOLAR_ROLLBACK_STATEMENT,
							 rollback_options, PGC_USERSET, 0, NULL, NULL, NULL);
	DefineCustomStringVariable("plpolar.nls_date_format",
							   "Format of dates converted to and from text without a format (Oracle's "
							   "NLS_DATE_FORMAT).",
							   NULL, &values.nls_date_format, "YYYY-MM-DD HH24:MI:SS", PGC_USERSET, 0, NULL, NULL,
							   NULL);
	DefineCustomStringVariable("plpolar.nls_timestamp_format",
							   "Format of TIMESTAMP values converted to and from text without a format (Oracle's "
							   "NLS_TIMESTAMP_FORMAT).",
							   "A DATE (timestamp(0)) uses plpolar.nls_date_format.",
							   &values.nls_timestamp_format, "YYYY-MM-DD HH24:MI:SS.FF", PGC_USERSET, 0, NULL,
							   NULL, NULL);
	DefineCustomStringVariable("plpolar.nls_timestamp_tz_format",
							   "Format of TIMESTAMP WITH TIME ZONE values converted to and from text without a "
							   "format (Oracle's NLS_TIMESTAMP_TZ_FORMAT).",
							   NULL, &values.nls_timestamp_tz_format, "YYYY-MM-DD HH24:MI:SS.FF TZH:TZM",
							   PGC_USERSET, 0, NULL, NULL, NULL);
	DefineCustomBoolVariable("plpolar.serveroutput",
							 "Sends each DBMS_OUTPUT line to the client as it is finished (SQL*Plus SET "
							 "SERVEROUTPUT ON); turning it on enables the buffer without limit, off disables it.",
							 NULL, &values.serveroutput, false, PGC_USERSET, 0, NULL, serveroutput_assign, NULL);
	DefineCustomBoolVariable("plpolar.empty_string_is_null",
							 "In plpolar code a zero-length string is NULL, as in Oracle: the literal '' and "
							 "any empty string stored in a variable or passed as an argument.",
							 NULL, &values.empty_string_is_null, true, PGC_USERSET, 0, NULL, NULL, NULL);
}

static void
define_session_trigger_settings(void)
{
	DefineCustomBoolVariable("plpolar.enable_session_triggers",
							 "Fires after_user_logon and before_user_logoff event triggers.",
							 "Superuser-only; can be turned off per connection, e.g. PGOPTIONS='-c plpolar.enable_session_triggers=off'.",
							 &values.enable_session_triggers, true, PGC_SUSET, 0, NULL, NULL, NULL);
	DefineCustomIntVariable("plpolar.logon_timeout",
							"Longest time the logon triggers of one backend, and the commit of their work, may take.",
							"Then they are cancelled, and the session is terminated if they go on 1 s later. 0 means no limit.",
							&values.logon_timeout_ms, 5000, 0, INT_MAX, PGC_SUSET, GUC_UNIT_MS, NULL, NULL, NULL);
	DefineCustomIntVariable("plpolar.logoff_timeout",
							"Longest time the logoff triggers of one backend, and the commit of their work, may take.",
							"Then they are cancelled, and ended 1 s later if they go on. 0 means no limit.",
							&values.logoff_timeout_ms, 5000, 0, INT_MAX, PGC_SUSET, GUC_UNIT_MS, NULL, NULL, NULL);
	DefineCustomEnumVariable("plpolar.logon_failure",
							 "What a failing logon trigger does to the session: warn (PolarDB) or refuse (Oracle).",
							 "With refuse, superusers and members of " PLPOLAR_LOGON_EXEMPT_ROLE " still get in.",
							 &values.logon_failure, PLPOLAR_LOGON_FAILURE_WARN, logon_failure_options, PGC_SUSET, 0,
							 NULL, NULL, NULL);
}

void
plpolar_define_settings(void (*serveroutput_assign) (bool on, void *extra))
{
	define_language_settings(serveroutput_assign);
	define_session_trigger_settings();

	/*
	 * Last, once every plpolar.* setting is defined: reserving the prefix
	 * drops the placeholders of names not defined by then, with the values
	 * postgresql.conf or ALTER SYSTEM gave them.
	 */
	MarkGUCPrefixReserved("plpolar");
}
