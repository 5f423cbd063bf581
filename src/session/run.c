/*
 * Finding the triggers of a session event and running them, one after the
 * other. The callers (logon.c, logoff.c) provide the transaction and the
 * bounds, and catch the errors.
 */
#include "postgres.h"

#include "access/genam.h"
#include "access/htup_details.h"
#include "access/table.h"
#include "access/xact.h"
#include "catalog/pg_event_trigger.h"
#include "commands/event_trigger.h"
#include "commands/trigger.h"
#include "fmgr.h"
#include "pgstat.h"
#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/array.h"
#include "utils/backend_status.h"
#include "utils/builtins.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"

#include "plpolar/session/session_triggers.h"
#include "session_internal.h"

bool
session_is_event(const char *event)
{
	return strcmp(event, LOGON_EVENT) == 0 || strcmp(event, LOGOFF_EVENT) == 0;
}

static int
compare_by_name(const void *a, const void *b)
{
	return strcmp(((const SessionTrigger *) a)->name, ((const SessionTrigger *) b)->name);
}

/*
 * Whether a trigger's user filter (evttags: WHEN TAG IN ('alice', ...),
 * Oracle's ON alice.SCHEMA) lets it fire in this session: no filter, or
 * the session user's name is in it.
 */
static bool
session_user_matches(Relation rel, HeapTuple tuple)
{
	bool		isnull;
	Datum		tags = heap_getattr(tuple, Anum_pg_event_trigger_evttags, RelationGetDescr(rel), &isnull);
	Datum	   *elems;
	bool	   *elem_nulls;
	int			n;
	int			i;
	const char *user;

	if (isnull)
		return true;
	user = GetUserNameFromId(GetSessionUserId(), true);
	if (user == NULL)
		return false;
	deconstruct_array(DatumGetArrayTypeP(tags), TEXTOID, -1, false, TYPALIGN_INT, &elems, &elem_nulls, &n);
	for (i = 0; i < n; i++)
		if (!elem_nulls[i] && strcmp(TextDatumGetCString(elems[i]), user) == 0)
			return true;
	return false;
}

/*
 * The enabled triggers of an event, in name order, honouring ENABLE
 * REPLICA / ALWAYS and session_replication_role as PostgreSQL does for its
 * own event triggers. Allocated in the current memory context.
 */
SessionTrigger *
session_collect_triggers(const char *event, int *count, bool *any_session_rows)
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

		if (session_is_event(NameStr(trig->evtevent)))
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
		if (!session_user_matches(rel, tuple))
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
	{
		/* ora_sysevent and friends see the event, in any language. */
		struct EventTriggerData *previous = plpolar_push_event(&trigdata);

		PG_TRY();
		{
			FunctionCallInvoke(fcinfo);
		}
		PG_FINALLY();
		{
			plpolar_pop_event(previous);
		}
		PG_END_TRY();
	}
	pgstat_end_function_usage(&usage, true);
}

static void
run_error_context(void *arg)
{
	RunContext *run = (RunContext *) arg;

	if (run->trigger == NULL)
		return;
	if (session_forced_stop())
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
void
session_run_triggers(SessionTrigger *triggers, int n, RunContext *run)
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

void
session_log_failure(RunContext *run, ErrorData *edata, bool deadline_reached)
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
