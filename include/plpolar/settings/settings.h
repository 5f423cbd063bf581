/*
 * plpolar's settings (the plpolar.* GUCs), for C and C++.
 *
 * Every plpolar.* GUC is defined in src/settings/settings.c, and only there:
 * reserving the plpolar. prefix must come after the last definition (see
 * plpolar_define_settings), which is easiest to keep true in one function.
 * Readers get the values through a pointer to const: plain loads, no call,
 * and nothing outside settings.c can write them. C++ code reads them
 * through the accessors in settings.hpp.
 *
 * C callers include postgres.h first.
 */
#ifndef PLPOLAR_SETTINGS_H
#define PLPOLAR_SETTINGS_H

#ifdef __cplusplus
extern "C" {
#endif

/* plpolar.exception_rollback: what a handled exception undoes. */
typedef enum PlpolarExceptionRollback
{
	PLPOLAR_ROLLBACK_STATEMENT = 0,	/* the failing statement (Oracle) */
	PLPOLAR_ROLLBACK_BLOCK = 1	/* the whole block (PL/pgSQL) */
} PlpolarExceptionRollback;

/* plpolar.logon_failure: what a failing logon trigger does to the session. */
typedef enum PlpolarLogonFailure
{
	PLPOLAR_LOGON_FAILURE_WARN,	/* PolarDB: log, warn the client, let the session in */
	PLPOLAR_LOGON_FAILURE_REFUSE	/* Oracle: refuse the session, unless exempt */
} PlpolarLogonFailure;

/*
 * Members of this role (created by the extension script) log in even when
 * plpolar.logon_failure = refuse and a logon trigger fails: Oracle's
 * ADMINISTER DATABASE TRIGGER privilege. Superusers always do.
 */
#define PLPOLAR_LOGON_EXEMPT_ROLE "plpolar_administer_database_trigger"

typedef struct PlpolarSettings
{
	/* the language */
	int			instance_num;	/* plpolar.instance_num */
	int			exception_rollback; /* a PlpolarExceptionRollback */
	char	   *nls_date_format;	/* owned by the GUC machinery */
	char	   *nls_timestamp_format;	/* the same */
	char	   *nls_timestamp_tz_format;	/* the same */
	bool		serveroutput;
	bool		empty_string_is_null;

	/* session triggers (all superuser-only) */
	bool		enable_session_triggers;
	int			logon_timeout_ms;
	int			logoff_timeout_ms;
	int			logon_failure;	/* a PlpolarLogonFailure */
} PlpolarSettings;

/* The current values; valid from the library's load on. */
extern const PlpolarSettings *const plpolar_settings;

/*
 * Defines every plpolar.* GUC, then reserves the prefix; called once from
 * _PG_init. serveroutput_assign is plpolar.serveroutput's assign hook (the
 * DBMS_OUTPUT buffer lives in C++); it must not fail.
 */
void		plpolar_define_settings(void (*serveroutput_assign) (bool on, void *extra));

#ifdef __cplusplus
}
#endif

#endif							/* PLPOLAR_SETTINGS_H */
