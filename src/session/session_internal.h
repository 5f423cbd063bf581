/*
 * The session events' pieces, shared between the files of src/session
 * (plain C). Not for use outside src/session: include/plpolar/session
 * holds what the rest of plpolar sees.
 *
 *   session_init.c     hooks, called from _PG_init
 *   known_empty.c      shared memory: databases known to have no session triggers
 *   create_trigger.c   ProcessUtility hook: CREATE EVENT TRIGGER for the session events
 *   run.c              finding the triggers of an event and running them
 *   context.c          SYS_CONTEXT, ora_* event attributes, application info
 *   bounds.c           what a run is bounded by: controlled settings, time bounds
 *   logon.c            the login hook and the logon triggers
 *   logoff.c           the logoff triggers at backend exit, on a stack of their own
 *   session_changes.c  SET_ROLE, SET ROLE, CURRENT_SCHEMA: deferred in logon triggers
 */
#ifndef PLPOLAR_SESSION_INTERNAL_H
#define PLPOLAR_SESSION_INTERNAL_H

#include "utils/guc.h"

#define LOGON_EVENT "after_user_logon"
#define LOGOFF_EVENT "before_user_logoff"

/*
 * A trigger that goes on after its time bound cancelled it (it caught
 * QUERY_CANCELED, or never reaches a cancellation point) is ended this much
 * later by terminating the session, which nothing can catch.
 */
#define STOP_GRACE_MS 1000

/* Not exported from plpolar.so: these are no interface. */
#pragma GCC visibility push(hidden)

/* ---- known_empty.c ---- */
extern void session_install_state_hooks(void);
extern uint64 session_current_generation(void);
extern void session_bump_generation(void);
/* Bumps now and again when the transaction ends. */
extern void session_bump_generation_now_and_at_xact_end(void);
extern bool session_known_empty(Oid dbid);
extern bool session_known_empty_by_name(const char *dbname);
extern void session_record_empty(Oid dbid, const char *dbname, uint64 generation);

/* ---- create_trigger.c ---- */
extern void session_install_utility_hook(void);

/* ---- run.c ---- */
typedef struct SessionTrigger
{
	Oid			foid;
	char		name[NAMEDATALEN];
} SessionTrigger;

/* Names the running trigger in every error it raises, FATAL ones included. */
typedef struct RunContext
{
	const char *event;
	const char *volatile trigger;
	int			timeout_ms;
} RunContext;

/* after_user_logon or before_user_logoff */
extern bool session_is_event(const char *event);
extern SessionTrigger *session_collect_triggers(const char *event, int *count, bool *any_session_rows);
extern void session_run_triggers(SessionTrigger *triggers, int n, RunContext *run);
extern void session_log_failure(RunContext *run, ErrorData *edata, bool deadline_reached);

/* ---- bounds.c ---- */
extern void session_control_settings(GucAction action);
extern void session_release_settings(int nestlevel);
extern void session_arm_bounds(int timeout_ms);
/* True if the deadline was reached (and forgets it). */
extern bool session_disarm_bounds(void);
/* The run went on after its cancel and is being ended. */
extern bool session_forced_stop(void);

/* ---- logon.c ---- */
extern void session_install_logon(void);
/* The logon triggers are running (session changes wait for their end). */
extern bool session_in_logon_run(void);

/* ---- context.c ---- */
/* DISCARD ALL: module, action, client info and identifier forgotten. */
extern void session_reset_application_info(void);

/* ---- logoff.c ---- */
/* At login: the logoff triggers will fire at backend exit. */
extern void session_prepare_logoff(void);

/* ---- session_changes.c ---- */
/* Oracle's role_cmd: 'r [IDENTIFIED BY pw]', 'ALL' or 'NONE'. */
extern void session_set_role(const char *role_cmd);
/* After the logon triggers, in their subtransaction; or forgotten. */
extern void session_apply_pending_changes(void);
extern void session_forget_pending_changes(void);

#pragma GCC visibility pop

#endif							/* PLPOLAR_SESSION_INTERNAL_H */
