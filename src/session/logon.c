/*
 * Logon: the login hook that brings the logon module in, and the logon
 * triggers it fires.
 *
 * How the pieces fit (one configuration line: shared_preload_libraries =
 * 'plpolar'):
 *  - the postmaster loads plpolar; ClientAuthentication_hook then runs in
 *    every client backend after a successful login and appends the tiny
 *    module plpolar_session to session_preload_libraries;
 *  - PostgreSQL loads that module at the end of InitPostgres, inside the
 *    startup transaction, in the target database, with the session user
 *    set; its _PG_init calls plpolar_fire_logon() through a rendezvous
 *    variable;
 *  - the login hook also registers the exit callback that fires the logoff
 *    triggers before the backend goes away (logoff.c).
 */
#include "postgres.h"

#include "access/xact.h"
#include "commands/dbcommands.h"
#include "fmgr.h"
#include "libpq/auth.h"
#include "miscadmin.h"
#include "pgstat.h"
#include "replication/walsender.h"
#include "utils/acl.h"
#include "utils/backend_status.h"
#include "utils/guc.h"
#include "utils/memutils.h"
#include "utils/resowner.h"
#include "utils/timeout.h"

#include "plpolar/settings/settings.h"
#include "session_internal.h"

#define SESSION_MODULE "plpolar_session"

static ClientAuthentication_hook_type prev_client_auth = NULL;

/* The logon bounds are armed until the startup transaction ends. */
static bool logon_bounds_armed = false;

/* True while the logon triggers run. */
static bool logon_running = false;

bool
session_in_logon_run(void)
{
	return logon_running;
}

static bool
is_session_backend(void)
{
	return IsUnderPostmaster && MyBackendType == B_BACKEND && !am_walsender && !IsBinaryUpgrade;
}

static bool
exempt_from_logon_refusal(void)
{
	Oid			exempt = get_role_oid(PLPOLAR_LOGON_EXEMPT_ROLE, true);

	return superuser_arg(GetSessionUserId()) ||
		(OidIsValid(exempt) && is_member_of_role(GetSessionUserId(), exempt));
}

/*
 * Called from plpolar_session's _PG_init inside the startup transaction.
 * All triggers run in one subtransaction: if one fails, the others' work is
 * undone and the error goes to the server log; then the client gets a
 * WARNING and the session goes on (plpolar.logon_failure = warn, PolarDB's
 * behaviour) or the session is refused unless its user is exempt (refuse,
 * Oracle's). The bounds stay armed until the startup transaction has
 * committed (a synchronous standby may hold that commit), see
 * disarm_logon_bounds.
 */
static void
plpolar_fire_logon(void)
{
	MemoryContext oldcontext = CurrentMemoryContext;
	ResourceOwner oldowner = CurrentResourceOwner;
	RunContext	run = {LOGON_EVENT, NULL, plpolar_settings->logon_timeout_ms};
	SessionTrigger *triggers;
	int			n;
	int			nestlevel;

	uint64		generation = session_current_generation();
	bool		any_rows;

	if (!is_session_backend() || !plpolar_settings->enable_session_triggers || session_known_empty(MyDatabaseId))
		return;

	/* Bounded from here: even the catalog scan may wait for a lock. */
	session_arm_bounds(plpolar_settings->logon_timeout_ms);
	logon_bounds_armed = true;
	triggers = session_collect_triggers(LOGON_EVENT, &n, &any_rows);
	if (!any_rows)
		session_record_empty(MyDatabaseId, get_database_name(MyDatabaseId), generation);
	if (n == 0)
		return;					/* disarmed when the startup transaction ends */

	/*
	 * Show the backend in pg_stat_activity while its triggers run, so that
	 * a slow one can be seen and cancelled (pg_cancel_backend): the client
	 * has no cancel key yet. InitPostgres reports the backend again after
	 * us, which replaces this entry's state.
	 */
	pgstat_bestart();

	BeginInternalSubTransaction(NULL);
	nestlevel = NewGUCNestLevel();
	session_control_settings(GUC_ACTION_SAVE);
	PG_TRY();
	{
		logon_running = true;
		session_run_triggers(triggers, n, &run);
		logon_running = false;
		session_release_settings(nestlevel);
		/* SET_ROLE of a trigger: now, as the session user, or not at all. */
		session_apply_pending_changes();
		ReleaseCurrentSubTransaction();
		MemoryContextSwitchTo(oldcontext);
		CurrentResourceOwner = oldowner;
	}
	PG_CATCH();
	{
		ErrorData  *edata;
		bool		deadline_reached = get_timeout_indicator(STATEMENT_TIMEOUT, false);

		logon_running = false;
		session_forget_pending_changes();
		MemoryContextSwitchTo(oldcontext);
		edata = CopyErrorData();
		FlushErrorState();
		/* undoes the controlled settings too */
		RollbackAndReleaseCurrentSubTransaction();
		MemoryContextSwitchTo(oldcontext);
		CurrentResourceOwner = oldowner;
		session_log_failure(&run, edata, deadline_reached);
		FreeErrorData(edata);
		if (plpolar_settings->logon_failure == PLPOLAR_LOGON_FAILURE_REFUSE && !exempt_from_logon_refusal())
			ereport(FATAL,
					(errcode(ERRCODE_TRIGGERED_ACTION_EXCEPTION),
					 errmsg("logon refused: after_user_logon event trigger \"%s\" failed", run.trigger),
					 errdetail("plpolar.logon_failure is \"refuse\". For more information, see log.")));
		ereport(WARNING,
				(errmsg("event trigger occur error after user login. For more information, see log")));
	}
	PG_END_TRY();
	pgstat_report_activity(STATE_RUNNING, "after_user_logon: committing the login");
}

/*
 * End of the startup transaction: the logon bounds are lifted. A deadline
 * that passed after the triggers (it cancelled a wait for a synchronous
 * standby, or nothing) must not cancel the session's first query.
 */
static void
disarm_logon_bounds(XactEvent event, void *arg)
{
	if (!logon_bounds_armed)
		return;
	if (event == XACT_EVENT_COMMIT || event == XACT_EVENT_ABORT)
	{
		logon_bounds_armed = false;
		if (session_disarm_bounds())
			QueryCancelPending = false;
	}
}

static void
plpolar_client_authentication(Port *port, int status)
{
	if (prev_client_auth)
		prev_client_auth(port, status);
	if (status != STATUS_OK || am_walsender)
		return;

	/* Now, for every session: a trigger created later still fires at exit. */
	session_prepare_logoff();

	/*
	 * Where no session trigger exists, nothing has to run at logon: leave
	 * the logon module out and save every connection loading it.
	 */
	if (session_known_empty_by_name(port->database_name))
		return;

	/*
	 * Add the small logon module to session_preload_libraries. It is loaded
	 * after per-role and per-database settings are applied; a value set for
	 * the GUC there is replaced by this one (documented in the README).
	 */
	{
		const char *current = GetConfigOption("session_preload_libraries", false, false);

		if (current == NULL || strstr(current, SESSION_MODULE) == NULL)
		{
			char	   *value = (current && current[0]) ? psprintf("%s, %s", current, SESSION_MODULE)
				: pstrdup(SESSION_MODULE);

			SetConfigOption("session_preload_libraries", value, PGC_SUSET, PGC_S_SESSION);
			pfree(value);
		}
	}
}

void
session_install_logon(void)
{
	*find_rendezvous_variable("plpolar_fire_logon") = (void *) plpolar_fire_logon;
	RegisterXactCallback(disarm_logon_bounds, NULL);
	/* Logins can only be seen when loaded in the postmaster. */
	if (process_shared_preload_libraries_in_progress)
	{
		prev_client_auth = ClientAuthentication_hook;
		ClientAuthentication_hook = plpolar_client_authentication;
	}
}
