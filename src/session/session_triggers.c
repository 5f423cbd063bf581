/*
 * PolarDB-style session events: after_user_logon and before_user_logoff.
 *
 * Plain C on purpose: everything here is PostgreSQL machinery (catalog
 * rows, subtransactions, exit callbacks), and keeping C++ out of these
 * frames means no longjmp can ever cross one. Trigger functions written in
 * plpolar enter C++ through the call handler, which has its own boundary.
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
 *  - logon registers a before_shmem_exit callback that fires the logoff
 *    triggers before the backend goes away.
 * CREATE EVENT TRIGGER for these events is taken over by a ProcessUtility
 * hook that writes an ordinary pg_event_trigger row with its dependencies,
 * so that \dy, ALTER/COMMENT/DROP EVENT TRIGGER and pg_dump work unchanged.
 */
#include "postgres.h"

#include <signal.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#include "access/genam.h"
#include "access/htup_details.h"
#include "access/table.h"
#include "access/xact.h"
#include "catalog/catalog.h"
#include "catalog/dependency.h"
#include "catalog/indexing.h"
#include "catalog/objectaccess.h"
#include "catalog/pg_event_trigger.h"
#include "catalog/pg_proc.h"
#include "catalog/pg_type.h"
#include "commands/dbcommands.h"
#include "commands/event_trigger.h"
#include "commands/trigger.h"
#include "fmgr.h"
#include "libpq/auth.h"
#include "libpq/pqsignal.h"
#include "miscadmin.h"
#include "nodes/parsenodes.h"
#include "parser/parse_func.h"
#include "pgstat.h"
#include "replication/walsender.h"
#include "storage/ipc.h"
#include "storage/latch.h"
#include "storage/proc.h"
#include "storage/shmem.h"
#include "storage/spin.h"
#include "tcop/dest.h"
#include "tcop/tcopprot.h"
#include "tcop/utility.h"
#include "utils/acl.h"
#include "utils/backend_status.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/snapmgr.h"
#include "utils/timeout.h"

#include "plpolar/session/session_triggers.h"

#define LOGON_EVENT "after_user_logon"
#define LOGOFF_EVENT "before_user_logoff"
#define SESSION_MODULE "plpolar_session"

/* GUCs (all superuser-only) */
static bool enable_session_triggers = true;
static int	logon_timeout_ms = 5000;
static int	logoff_timeout_ms = 5000;

typedef enum LogonFailure
{
	LOGON_FAILURE_WARN,			/* PolarDB: log, warn the client, let the session in */
	LOGON_FAILURE_REFUSE		/* Oracle: refuse the session, unless exempt */
} LogonFailure;
static int	logon_failure = LOGON_FAILURE_WARN;
static const struct config_enum_entry logon_failure_options[] = {
	{"warn", LOGON_FAILURE_WARN, false},
	{"refuse", LOGON_FAILURE_REFUSE, false},
	{NULL, 0, false}
};

/*
 * Members of this role (created by the extension script) log in even when
 * plpolar.logon_failure = refuse and a logon trigger fails: Oracle's
 * ADMINISTER DATABASE TRIGGER privilege. Superusers always do.
 */
#define LOGON_EXEMPT_ROLE "plpolar_administer_database_trigger"

/*
 * A trigger that goes on after its time bound cancelled it (it caught
 * QUERY_CANCELED, or never reaches a cancellation point) is ended this much
 * later by terminating the session, which nothing can catch.
 */
#define STOP_GRACE_MS 1000

static ProcessUtility_hook_type prev_process_utility = NULL;
static shmem_request_hook_type prev_shmem_request = NULL;
static shmem_startup_hook_type prev_shmem_startup = NULL;

/*
 * Which databases are known to have no session-event rows at all, so that
 * a connection there skips the catalog scan at logon and the transaction at
 * logoff. An entry is valid only for the generation it was recorded at;
 * creating a session trigger bumps the generation (when the statement runs
 * and again when its transaction ends), so a trigger that is being created
 * while another backend scans is never missed. Disabled rows count as rows:
 * ALTER ... ENABLE then needs no bump.
 */
#define TRACKED_DATABASES 128
typedef struct EmptyDatabase
{
	Oid			dbid;
	NameData	dbname;			/* looked up at login, before the OID is known */
	uint64		generation;
} EmptyDatabase;
typedef struct SessionTriggerState
{
	slock_t		mutex;
	uint64		generation;
	EmptyDatabase empty[TRACKED_DATABASES];
} SessionTriggerState;
static SessionTriggerState *state = NULL;
static bool bump_at_xact_end = false;
static ClientAuthentication_hook_type prev_client_auth = NULL;

typedef struct SessionTrigger
{
	Oid			foid;
	char		name[NAMEDATALEN];
} SessionTrigger;

bool
plpolar_is_session_event(const char *event)
{
	return strcmp(event, LOGON_EVENT) == 0 || strcmp(event, LOGOFF_EVENT) == 0;
}

/* ---- shared state ------------------------------------------------------------ */

static void
plpolar_shmem_request(void)
{
	if (prev_shmem_request)
		prev_shmem_request();
	RequestAddinShmemSpace(MAXALIGN(sizeof(SessionTriggerState)));
}

static void
plpolar_shmem_startup(void)
{
	bool		found;

	if (prev_shmem_startup)
		prev_shmem_startup();
	LWLockAcquire(AddinShmemInitLock, LW_EXCLUSIVE);
	state = ShmemInitStruct("plpolar session triggers", sizeof(SessionTriggerState), &found);
	if (!found)
	{
		memset(state, 0, sizeof(SessionTriggerState));
		SpinLockInit(&state->mutex);
		state->generation = 1;
	}
	LWLockRelease(AddinShmemInitLock);
}

static uint64
current_generation(void)
{
	uint64		g;

	if (state == NULL)
		return 0;
	SpinLockAcquire(&state->mutex);
	g = state->generation;
	SpinLockRelease(&state->mutex);
	return g;
}

static void
bump_generation(void)
{
	if (state == NULL)
		return;
	SpinLockAcquire(&state->mutex);
	state->generation++;
	SpinLockRelease(&state->mutex);
}

static bool
known_empty(Oid dbid)
{
	bool		empty = false;
	EmptyDatabase *e;

	if (state == NULL)
		return false;
	e = &state->empty[dbid % TRACKED_DATABASES];
	SpinLockAcquire(&state->mutex);
	empty = e->dbid == dbid && e->generation == state->generation;
	SpinLockRelease(&state->mutex);
	return empty;
}

/* The same, by name, at login time (renaming a database bumps the generation). */
static bool
known_empty_by_name(const char *dbname)
{
	bool		empty = false;
	int			i;

	if (state == NULL || dbname == NULL)
		return false;
	SpinLockAcquire(&state->mutex);
	for (i = 0; i < TRACKED_DATABASES && !empty; i++)
		empty = state->empty[i].generation == state->generation &&
			strncmp(NameStr(state->empty[i].dbname), dbname, NAMEDATALEN) == 0;
	SpinLockRelease(&state->mutex);
	return empty;
}

/* Records "no session rows" as of generation g, if nothing changed since. */
static void
record_empty(Oid dbid, const char *dbname, uint64 g)
{
	EmptyDatabase *e;

	if (state == NULL || dbname == NULL)
		return;
	e = &state->empty[dbid % TRACKED_DATABASES];
	SpinLockAcquire(&state->mutex);
	if (state->generation == g)
	{
		e->dbid = dbid;
		namestrcpy(&e->dbname, dbname);
		e->generation = g;
	}
	SpinLockRelease(&state->mutex);
}

static void
bump_at_end_of_xact(XactEvent event, void *arg)
{
	if (bump_at_xact_end &&
		(event == XACT_EVENT_COMMIT || event == XACT_EVENT_ABORT ||
		 event == XACT_EVENT_PARALLEL_COMMIT || event == XACT_EVENT_PARALLEL_ABORT ||
		 event == XACT_EVENT_PREPARE))
	{
		bump_generation();
		bump_at_xact_end = false;
	}
}

/* ---- CREATE EVENT TRIGGER ... ON after_user_logon | before_user_logoff ---- */

static void
create_session_event_trigger(CreateEventTrigStmt *stmt)
{
	Relation	rel;
	Oid			trigoid;
	Oid			funcoid;
	Datum		values[Natts_pg_event_trigger];
	bool		nulls[Natts_pg_event_trigger];
	NameData	evtname;
	NameData	evtevent;
	HeapTuple	tuple;
	ObjectAddress myself;
	ObjectAddress referenced;

	if (!superuser())
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("permission denied to create event trigger \"%s\"", stmt->trigname),
				 errhint("Must be superuser to create an event trigger.")));
	if (stmt->whenclause != NIL)
		ereport(ERROR,
				(errcode(ERRCODE_SYNTAX_ERROR),
				 errmsg("event %s does not support a WHEN filter", stmt->eventname)));
	if (OidIsValid(get_event_trigger_oid(stmt->trigname, true)))
		ereport(ERROR,
				(errcode(ERRCODE_DUPLICATE_OBJECT),
				 errmsg("event trigger \"%s\" already exists", stmt->trigname)));

	funcoid = LookupFuncName(stmt->funcname, 0, NULL, false);
	if (get_func_rettype(funcoid) != EVENT_TRIGGEROID)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_OBJECT_DEFINITION),
				 errmsg("function %s must return type %s",
						NameListToString(stmt->funcname), "event_trigger")));

	bump_generation();
	bump_at_xact_end = true;
	rel = table_open(EventTriggerRelationId, RowExclusiveLock);
	trigoid = GetNewOidWithIndex(rel, EventTriggerOidIndexId, Anum_pg_event_trigger_oid);
	memset(nulls, false, sizeof(nulls));
	namestrcpy(&evtname, stmt->trigname);
	namestrcpy(&evtevent, stmt->eventname);
	values[Anum_pg_event_trigger_oid - 1] = ObjectIdGetDatum(trigoid);
	values[Anum_pg_event_trigger_evtname - 1] = NameGetDatum(&evtname);
	values[Anum_pg_event_trigger_evtevent - 1] = NameGetDatum(&evtevent);
	values[Anum_pg_event_trigger_evtowner - 1] = ObjectIdGetDatum(GetUserId());
	values[Anum_pg_event_trigger_evtfoid - 1] = ObjectIdGetDatum(funcoid);
	values[Anum_pg_event_trigger_evtenabled - 1] = CharGetDatum(TRIGGER_FIRES_ON_ORIGIN);
	nulls[Anum_pg_event_trigger_evttags - 1] = true;
	tuple = heap_form_tuple(RelationGetDescr(rel), values, nulls);
	CatalogTupleInsert(rel, tuple);
	heap_freetuple(tuple);

	/* The same dependencies PostgreSQL records for its own event triggers. */
	ObjectAddressSet(myself, EventTriggerRelationId, trigoid);
	ObjectAddressSet(referenced, ProcedureRelationId, funcoid);
	recordDependencyOn(&myself, &referenced, DEPENDENCY_NORMAL);
	recordDependencyOnOwner(EventTriggerRelationId, trigoid, GetUserId());
	recordDependencyOnCurrentExtension(&myself, false);
	InvokeObjectPostCreateHook(EventTriggerRelationId, trigoid, 0);

	table_close(rel, RowExclusiveLock);
}

static void
plpolar_process_utility(PlannedStmt *pstmt, const char *queryString, bool readOnlyTree,
						ProcessUtilityContext context, ParamListInfo params,
						QueryEnvironment *queryEnv, DestReceiver *dest, QueryCompletion *qc)
{
	Node	   *parsetree = pstmt->utilityStmt;

	if (IsA(parsetree, CreateEventTrigStmt) &&
		plpolar_is_session_event(((CreateEventTrigStmt *) parsetree)->eventname))
	{
		create_session_event_trigger((CreateEventTrigStmt *) parsetree);
		if (qc)
			SetQueryCompletion(qc, CMDTAG_CREATE_EVENT_TRIGGER, 0);
		return;
	}
	if (prev_process_utility)
		prev_process_utility(pstmt, queryString, readOnlyTree, context, params, queryEnv, dest, qc);
	else
		standard_ProcessUtility(pstmt, queryString, readOnlyTree, context, params, queryEnv, dest, qc);

	/*
	 * A new database copies its template's triggers; should it ever reuse
	 * the OID of a dropped one, that one's "no triggers" mark must not apply.
	 */
	if (IsA(parsetree, CreatedbStmt) ||
		(IsA(parsetree, RenameStmt) && ((RenameStmt *) parsetree)->renameType == OBJECT_DATABASE))
		bump_generation();
}

/* ---- finding and running the triggers of an event ------------------------ */

static int
compare_by_name(const void *a, const void *b)
{
	return strcmp(((const SessionTrigger *) a)->name, ((const SessionTrigger *) b)->name);
}

/*
 * The enabled triggers of an event, in name order, honouring ENABLE
 * REPLICA / ALWAYS and session_replication_role as PostgreSQL does for its
 * own event triggers. Allocated in the current memory context.
 */
static SessionTrigger *
collect_triggers(const char *event, int *count, bool *any_session_rows)
{
	Relation	rel;
	SysScanDesc scan;
	HeapTuple	tuple;
	int			n = 0;
	int			size = 4;
	SessionTrigger *result = palloc(sizeof(SessionTrigger) * size);

	*any_session_rows = false;

	rel = table_open(EventTriggerRelationId, AccessShareLock);
	scan = systable_beginscan(rel, InvalidOid, false, NULL, 0, NULL);
	while (HeapTupleIsValid(tuple = systable_getnext(scan)))
	{
		Form_pg_event_trigger trig = (Form_pg_event_trigger) GETSTRUCT(tuple);

		if (plpolar_is_session_event(NameStr(trig->evtevent)))
			*any_session_rows = true;
		if (strcmp(NameStr(trig->evtevent), event) != 0 || trig->evtenabled == TRIGGER_DISABLED)
			continue;
		if (SessionReplicationRole == SESSION_REPLICATION_ROLE_REPLICA)
		{
			if (trig->evtenabled == TRIGGER_FIRES_ON_ORIGIN)
				continue;
		}
		else if (trig->evtenabled == TRIGGER_FIRES_ON_REPLICA)
			continue;
		if (n == size)
		{
			size *= 2;
			result = repalloc(result, sizeof(SessionTrigger) * size);
		}
		result[n].foid = trig->evtfoid;
		strlcpy(result[n].name, NameStr(trig->evtname), NAMEDATALEN);
		n++;
	}
	systable_endscan(scan);
	table_close(rel, AccessShareLock);
	qsort(result, n, sizeof(SessionTrigger), compare_by_name);
	*count = n;
	return result;
}

static void
call_trigger(Oid foid, const char *event)
{
	EventTriggerData trigdata;
	FmgrInfo	flinfo;
	PgStat_FunctionCallUsage usage;
	LOCAL_FCINFO(fcinfo, 0);

	fmgr_info(foid, &flinfo);
	memset(&trigdata, 0, sizeof(trigdata));
	trigdata.type = T_EventTriggerData;
	trigdata.event = event;
	trigdata.parsetree = NULL;
	/* No command tag means a session event; plpolar shows LOGON / LOGOFF. */
	trigdata.tag = CMDTAG_UNKNOWN;
	InitFunctionCallInfoData(*fcinfo, &flinfo, 0, InvalidOid, (Node *) &trigdata, NULL);
	pgstat_init_function_usage(fcinfo, &usage);
	FunctionCallInvoke(fcinfo);
	pgstat_end_function_usage(&usage, true);
}

/* ---- what a trigger run is bounded by -------------------------------------- */

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

static void
control_settings(GucAction action)
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
static void
release_settings(int nestlevel)
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
static bool logon_bounds_armed = false;

static void
force_stop(void)
{
	forced_stop = true;
	ProcDiePending = true;
	InterruptPending = true;
	/* the timeout signal handler sets the latch */
}

static void
arm_bounds(int timeout_ms)
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

/* True if the deadline was reached (and forgets it). */
static bool
disarm_bounds(void)
{
	bool		reached = get_timeout_indicator(STATEMENT_TIMEOUT, true);

	disable_timeout(STATEMENT_TIMEOUT, false);
	if (force_stop_timeout != MAX_TIMEOUTS)
		disable_timeout(force_stop_timeout, false);
	return reached;
}

/* Names the running trigger in every error it raises, FATAL ones included. */
typedef struct RunContext
{
	const char *event;
	const char *volatile trigger;
	int			timeout_ms;
} RunContext;

static void
run_error_context(void *arg)
{
	RunContext *run = (RunContext *) arg;

	if (run->trigger == NULL)
		return;
	if (forced_stop)
		errcontext("%s event trigger \"%s\", ended: it went on %d ms after %s (%d ms) cancelled it", run->event,
				   run->trigger, STOP_GRACE_MS,
				   strcmp(run->event, LOGON_EVENT) == 0 ? "plpolar.logon_timeout" : "plpolar.logoff_timeout",
				   run->timeout_ms);
	else
		errcontext("%s event trigger \"%s\"", run->event, run->trigger);
}

/*
 * Runs the triggers one after the other; the caller provides the
 * transaction, the bounds and catches errors. run->trigger names the one
 * running; pg_stat_activity shows it.
 */
static void
run_triggers(SessionTrigger *triggers, int n, RunContext *run)
{
	int			i;
	ErrorContextCallback callback;

	callback.callback = run_error_context;
	callback.arg = run;
	callback.previous = error_context_stack;
	error_context_stack = &callback;
	PushActiveSnapshot(GetTransactionSnapshot());
	for (i = 0; i < n; i++)
	{
		char		activity[2 * NAMEDATALEN + 32];

		run->trigger = triggers[i].name;
		snprintf(activity, sizeof(activity), "%s event trigger \"%s\"", run->event, triggers[i].name);
		pgstat_report_activity(STATE_RUNNING, activity);
		call_trigger(triggers[i].foid, run->event);
		CommandCounterIncrement();
		UpdateActiveSnapshotCommandId();
	}
	PopActiveSnapshot();
	error_context_stack = callback.previous;
}

static void
log_failure(RunContext *run, ErrorData *edata, bool deadline_reached)
{
	ereport(LOG_SERVER_ONLY,
			(errcode(edata->sqlerrcode),
			 errmsg("%s event trigger \"%s\" failed: %s", run->event, run->trigger ? run->trigger : "?",
					edata->message),
			 edata->detail ? errdetail_internal("%s", edata->detail) : 0,
			 deadline_reached ? errhint("%s is %d ms.", strcmp(run->event, LOGON_EVENT) == 0
										? "plpolar.logon_timeout" : "plpolar.logoff_timeout", run->timeout_ms) : 0,
			 edata->context ? errcontext("%s", edata->context) : 0));
}
/* ---- backend exit ------------------------------------------------------------- */

/*
 * The C++ runtime and the ANTLR parser construct static objects when the
 * postmaster loads plpolar; every forked backend inherits their destructors
 * and would run them at exit(), freeing large tables page by page. That is
 * work for nothing in a process that is ending, and it made each connection
 * measurably slower. Once PostgreSQL's own exit callbacks have all run
 * (proc_exit records the code), this atexit handler, registered last and so
 * run first, ends the process with the same code.
 */
static int	recorded_exit_code = 0;
static bool exit_code_recorded = false;

static void
record_exit_code(int code, Datum arg)
{
	recorded_exit_code = code;
	exit_code_recorded = true;
}

static void
skip_static_destructors(void)
{
	if (exit_code_recorded)
		_exit(recorded_exit_code);
}


/* ---- logon ------------------------------------------------------------------ */

static bool
is_session_backend(void)
{
	return IsUnderPostmaster && MyBackendType == B_BACKEND && !am_walsender && !IsBinaryUpgrade;
}

static bool
exempt_from_logon_refusal(void)
{
	Oid			exempt = get_role_oid(LOGON_EXEMPT_ROLE, true);

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
	RunContext	run = {LOGON_EVENT, NULL, logon_timeout_ms};
	SessionTrigger *triggers;
	int			n;
	int			nestlevel;

	uint64		generation = current_generation();
	bool		any_rows;

	if (!is_session_backend() || !enable_session_triggers || known_empty(MyDatabaseId))
		return;

	/* Bounded from here: even the catalog scan may wait for a lock. */
	arm_bounds(logon_timeout_ms);
	logon_bounds_armed = true;
	triggers = collect_triggers(LOGON_EVENT, &n, &any_rows);
	if (!any_rows)
		record_empty(MyDatabaseId, get_database_name(MyDatabaseId), generation);
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
	control_settings(GUC_ACTION_SAVE);
	PG_TRY();
	{
		run_triggers(triggers, n, &run);
		release_settings(nestlevel);
		ReleaseCurrentSubTransaction();
		MemoryContextSwitchTo(oldcontext);
		CurrentResourceOwner = oldowner;
	}
	PG_CATCH();
	{
		ErrorData  *edata;
		bool		deadline_reached = get_timeout_indicator(STATEMENT_TIMEOUT, false);

		MemoryContextSwitchTo(oldcontext);
		edata = CopyErrorData();
		FlushErrorState();
		/* undoes the controlled settings too */
		RollbackAndReleaseCurrentSubTransaction();
		MemoryContextSwitchTo(oldcontext);
		CurrentResourceOwner = oldowner;
		log_failure(&run, edata, deadline_reached);
		FreeErrorData(edata);
		if (logon_failure == LOGON_FAILURE_REFUSE && !exempt_from_logon_refusal())
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
		if (disarm_bounds())
			QueryCancelPending = false;
	}
}

/* ---- logoff ----------------------------------------------------------------- */

/*
 * SIGTERM while the logoff triggers run: a fast shutdown or
 * pg_terminate_backend is already why the backend is ending, and the run is
 * bounded by plpolar.logoff_timeout, so the triggers are not cut short; the
 * commit after them then ends a wait for a synchronous standby at once, as
 * stock PostgreSQL does for any commit.
 */
static volatile sig_atomic_t logoff_terminate = false;
static volatile sig_atomic_t logoff_committing = false;

/*
 * proc_exit clears ProcDiePending before the logoff callback runs, so
 * whether a SIGTERM ended the session is recorded on the way in: every
 * client backend's SIGTERM handler is PostgreSQL's die() behind this one.
 */
static volatile sig_atomic_t sigterm_received = false;

static void
plpolar_die(SIGNAL_ARGS)
{
	sigterm_received = true;
	die(postgres_signal_arg);
}

static void
logoff_sigterm(SIGNAL_ARGS)
{
	int			save_errno = errno;

	logoff_terminate = true;
	if (logoff_committing)
	{
		ProcDiePending = true;
		InterruptPending = true;
	}
	SetLatch(MyLatch);
	errno = save_errno;
}

/* The logoff work proper; runs on a stack of its own, see logoff_callback. */
static void
run_logoff(void *arg)
{
	RunContext	run = {LOGOFF_EVENT, NULL, logoff_timeout_ms};

	PG_TRY();
	{
		SessionTrigger *triggers;
		int			n;
		bool		any_rows;

		AbortOutOfAnyTransaction();
		/* The session ends: no need to give the user's values back. */
		control_settings(GUC_ACTION_SET);
		arm_bounds(logoff_timeout_ms);
		SetCurrentStatementStartTimestamp();
		StartTransactionCommand();
		triggers = collect_triggers(LOGOFF_EVENT, &n, &any_rows);
		if (n > 0)
			run_triggers(triggers, n, &run);
		HOLD_INTERRUPTS();
		logoff_committing = true;
		if (logoff_terminate)
		{
			ProcDiePending = true;
			InterruptPending = true;
		}
		CommitTransactionCommand();
		logoff_committing = false;
		RESUME_INTERRUPTS();
		disarm_bounds();
	}
	PG_CATCH();
	{
		ErrorData  *edata;
		bool		deadline_reached = disarm_bounds();

		logoff_committing = false;
		InterruptHoldoffCount = 0;
		MemoryContextSwitchTo(TopMemoryContext);
		edata = CopyErrorData();
		FlushErrorState();
		AbortOutOfAnyTransaction();
		log_failure(&run, edata, deadline_reached);
		FreeErrorData(edata);
	}
	PG_END_TRY();
}

/*
 * A backend may exit from deep inside a recursion (exit_on_error turns the
 * stack-depth ERROR into FATAL there): the logoff triggers then get a stack
 * of their own, as deep as max_stack_depth allows, so that they cannot find
 * it exhausted. Errors never leave fn (it catches them); FATAL exits the
 * process from that stack, which is fine.
 */
typedef struct FreshStackCall
{
	void		(*fn) (void *);
	void	   *arg;
	ucontext_t	caller;
} FreshStackCall;
static FreshStackCall *fresh_stack_call = NULL;

static void
fresh_stack_entry(void)
{
	FreshStackCall *call = fresh_stack_call;
	pg_stack_base_t saved = set_stack_base();

	call->fn(call->arg);
	restore_stack_base(saved);
	/* returns to call->caller through uc_link */
}

static void
run_on_fresh_stack(void (*fn) (void *), void *arg)
{
	size_t		page = (size_t) sysconf(_SC_PAGESIZE);
	size_t		size = (size_t) max_stack_depth * 1024 + 1024 * 1024 + page;
	char	   *stack = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
							 -1, 0);
	ucontext_t	context;
	FreshStackCall call;

	if (stack == MAP_FAILED)
	{
		fn(arg);
		return;
	}
	/* a guard page below it: an overflow faults instead of writing elsewhere */
	if (mprotect(stack, page, PROT_NONE) != 0 || getcontext(&context) != 0)
	{
		munmap(stack, size);
		fn(arg);
		return;
	}
	call.fn = fn;
	call.arg = arg;
	context.uc_stack.ss_sp = stack + page;
	context.uc_stack.ss_size = size - page;
	context.uc_link = &call.caller;
	makecontext(&context, fresh_stack_entry, 0);
	fresh_stack_call = &call;
	if (swapcontext(&call.caller, &context) != 0)
		fn(arg);
	fresh_stack_call = NULL;
	munmap(stack, size);
}

/*
 * Runs before the backend detaches from shared memory (LIFO: before
 * PostgreSQL's own ShutdownPostgres). During proc_exit every ERROR would be
 * promoted to FATAL and interrupts may be held; both are lifted for the run
 * so that errors are caught and the time bound (plpolar.logoff_timeout) can
 * cancel a slow trigger, and end one that ignores the cancel. Whatever
 * happens, the exit proceeds.
 */
static void
logoff_callback(int code, Datum arg)
{
	bool		saved_exit_inprogress = proc_exit_inprogress;
	uint32		saved_holdoff = InterruptHoldoffCount;
	uint32		saved_cancel_holdoff = QueryCancelHoldoffCount;
	CommandDest saved_dest = whereToSendOutput;
	pqsigfunc	saved_sigterm;

	/* Only a backend whose start-up completed logs off. */
	if (!enable_session_triggers || !IsNormalProcessingMode() || known_empty(MyDatabaseId))
		return;

	/* A SIGTERM is (part of) why the backend ends: its commit must not wait. */
	logoff_terminate = sigterm_received;
	saved_sigterm = pqsignal(SIGTERM, logoff_sigterm);

	/* The client is gone or going: nothing from here may wait on it. */
	whereToSendOutput = DestNone;
	proc_exit_inprogress = false;
	InterruptHoldoffCount = 0;
	QueryCancelHoldoffCount = 0;
	ProcDiePending = false;
	QueryCancelPending = false;

	run_on_fresh_stack(run_logoff, NULL);

	QueryCancelPending = false;
	ProcDiePending = false;
	pqsignal(SIGTERM, saved_sigterm);
	proc_exit_inprogress = saved_exit_inprogress;
	InterruptHoldoffCount = saved_holdoff;
	QueryCancelHoldoffCount = saved_cancel_holdoff;
	whereToSendOutput = saved_dest;
}

/* ---- login hook -------------------------------------------------------------- */

static void
plpolar_client_authentication(Port *port, int status)
{
	if (prev_client_auth)
		prev_client_auth(port, status);
	if (status != STATUS_OK || am_walsender)
		return;

	{
		pqsigfunc	previous = pqsignal(SIGTERM, plpolar_die);

		if (previous != die)
			pqsignal(SIGTERM, previous);
	}
	on_proc_exit(record_exit_code, (Datum) 0);
	atexit(skip_static_destructors);
	/* Registered now, checked at exit: a trigger created later still fires. */
	before_shmem_exit(logoff_callback, (Datum) 0);

	/*
	 * Where no session trigger exists, nothing has to run at logon: leave
	 * the logon module out and save every connection loading it.
	 */
	if (known_empty_by_name(port->database_name))
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
plpolar_session_init(void)
{
	DefineCustomBoolVariable("plpolar.enable_session_triggers",
							 "Fires after_user_logon and before_user_logoff event triggers.",
							 "Superuser-only; can be turned off per connection, e.g. PGOPTIONS='-c plpolar.enable_session_triggers=off'.",
							 &enable_session_triggers, true, PGC_SUSET, 0, NULL, NULL, NULL);
	DefineCustomIntVariable("plpolar.logon_timeout",
							"Longest time the logon triggers of one backend, and the commit of their work, may take.",
							"Then they are cancelled, and the session is terminated if they go on 1 s later. 0 means no limit.",
							&logon_timeout_ms, 5000, 0, INT_MAX, PGC_SUSET, GUC_UNIT_MS, NULL, NULL, NULL);
	DefineCustomIntVariable("plpolar.logoff_timeout",
							"Longest time the logoff triggers of one backend, and the commit of their work, may take.",
							"Then they are cancelled, and ended 1 s later if they go on. 0 means no limit.",
							&logoff_timeout_ms, 5000, 0, INT_MAX, PGC_SUSET, GUC_UNIT_MS, NULL, NULL, NULL);
	DefineCustomEnumVariable("plpolar.logon_failure",
							 "What a failing logon trigger does to the session: warn (PolarDB) or refuse (Oracle).",
							 "With refuse, superusers and members of " LOGON_EXEMPT_ROLE " still get in.",
							 &logon_failure, LOGON_FAILURE_WARN, logon_failure_options, PGC_SUSET, 0,
							 NULL, NULL, NULL);

	*find_rendezvous_variable("plpolar_fire_logon") = (void *) plpolar_fire_logon;

	prev_process_utility = ProcessUtility_hook;
	ProcessUtility_hook = plpolar_process_utility;
	RegisterXactCallback(bump_at_end_of_xact, NULL);
	RegisterXactCallback(disarm_logon_bounds, NULL);
	/* Logins can only be seen when loaded in the postmaster. */
	if (process_shared_preload_libraries_in_progress)
	{
		prev_client_auth = ClientAuthentication_hook;
		ClientAuthentication_hook = plpolar_client_authentication;
		prev_shmem_request = shmem_request_hook;
		shmem_request_hook = plpolar_shmem_request;
		prev_shmem_startup = shmem_startup_hook;
		shmem_startup_hook = plpolar_shmem_startup;
	}
}
