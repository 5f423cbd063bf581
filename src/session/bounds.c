/*
 * What a session trigger run is bounded by: the settings a user could use
 * against it have their built-in values, and two timers end it.
 */
#include "postgres.h"

#include <limits.h>
#include <signal.h>

#include "miscadmin.h"
#include "utils/guc.h"
#include "utils/timeout.h"

#include "session_internal.h"

/*
 * Settings a user controls (PGOPTIONS, ALTER ROLE/DATABASE SET, SET) that
 * could make the triggers of their own session fail, hang or behave
 * differently: for the run they have PostgreSQL's (and plpolar's) built-in
 * defaults. The run's own time bound replaces statement_timeout. What a
 * trigger sets itself (a logon trigger initialising the session) stays.
 */
static const char *const controlled_settings[][2] = {
	{"statement_timeout", "0"},
	{"lock_timeout", "0"},
	{"idle_in_transaction_session_timeout", "0"},
	{"default_transaction_read_only", "off"},
	{"default_transaction_isolation", "read committed"},
	{"default_transaction_deferrable", "off"},
	{"exit_on_error", "off"},
	{"transform_null_equals", "off"},
	{"standard_conforming_strings", "on"},
	{"plpolar.exception_rollback", "statement"},
	{"plpolar.empty_string_is_null", "on"},
};
#define N_CONTROLLED_SETTINGS lengthof(controlled_settings)

void
session_control_settings(GucAction action)
{
	int			i;

	for (i = 0; i < N_CONTROLLED_SETTINGS; i++)
		if (GetConfigOption(controlled_settings[i][0], true, false) != NULL)
			(void) set_config_option(controlled_settings[i][0], controlled_settings[i][1], PGC_SUSET,
									 PGC_S_SESSION, action, true, 0, false);
}

/*
 * Pops the GUC nest level of a logon run: the user's values come back,
 * except where a trigger set one of the controlled settings itself.
 */
void
session_release_settings(int nestlevel)
{
	char	   *set_by_trigger[N_CONTROLLED_SETTINGS];
	int			i;

	for (i = 0; i < N_CONTROLLED_SETTINGS; i++)
	{
		const char *now = GetConfigOption(controlled_settings[i][0], true, false);

		set_by_trigger[i] = (now != NULL && strcmp(now, controlled_settings[i][1]) != 0) ? pstrdup(now) : NULL;
	}
	AtEOXact_GUC(true, nestlevel);
	for (i = 0; i < N_CONTROLLED_SETTINGS; i++)
		if (set_by_trigger[i] != NULL)
			(void) set_config_option(controlled_settings[i][0], set_by_trigger[i], PGC_SUSET, PGC_S_SESSION,
									 GUC_ACTION_SET, true, 0, false);
}

/*
 * Two timers bound a run: at the deadline the statement timeout cancels
 * what runs (also a commit waiting for a synchronous standby); if the run
 * is still going STOP_GRACE_MS later, the session is terminated.
 * The timeout id is this backend's, registered on first use (the
 * postmaster never runs triggers); forced_stop is read by the error
 * context callback.
 */
static TimeoutId force_stop_timeout = MAX_TIMEOUTS;
static volatile sig_atomic_t forced_stop = false;

static void
force_stop(void)
{
	forced_stop = true;
	ProcDiePending = true;
	InterruptPending = true;
	/* the timeout signal handler sets the latch */
}

void
session_arm_bounds(int timeout_ms)
{
	EnableTimeoutParams timers[2];

	if (timeout_ms <= 0)
		return;
	if (force_stop_timeout == MAX_TIMEOUTS)
		force_stop_timeout = RegisterTimeout(USER_TIMEOUT, force_stop);
	forced_stop = false;
	timers[0].id = STATEMENT_TIMEOUT;
	timers[0].type = TMPARAM_AFTER;
	timers[0].delay_ms = timeout_ms;
	timers[0].fin_time = 0;
	timers[1].id = force_stop_timeout;
	timers[1].type = TMPARAM_AFTER;
	timers[1].delay_ms = timeout_ms > INT_MAX - STOP_GRACE_MS ? INT_MAX : timeout_ms + STOP_GRACE_MS;
	timers[1].fin_time = 0;
	enable_timeouts(timers, 2);
}

bool
session_disarm_bounds(void)
{
	bool		reached = get_timeout_indicator(STATEMENT_TIMEOUT, true);

	disable_timeout(STATEMENT_TIMEOUT, false);
	if (force_stop_timeout != MAX_TIMEOUTS)
		disable_timeout(force_stop_timeout, false);
	return reached;
}

bool
session_forced_stop(void)
{
	return forced_stop;
}
