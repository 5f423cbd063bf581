/*
 * The calling side of an autonomous transaction: starts (or reuses) this
 * session's worker, sends it the unit and its arguments, and waits for it
 * in a way PostgreSQL's deadlock detector sees: on the worker's busy lock.
 */
#include "postgres.h"

#include <signal.h>

#include "access/htup_details.h"
#include "access/parallel.h"
#include "access/xact.h"
#include "catalog/pg_proc.h"
#include "commands/event_trigger.h"
#include "commands/trigger.h"
#include "nodes/bitmapset.h"
#include "utils/rel.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "libpq/pqmq.h"
#include "miscadmin.h"
#include "pgstat.h"
#include "postmaster/bgworker.h"
#include "storage/dsm.h"
#include "storage/ipc.h"
#include "storage/latch.h"
#include "storage/shm_mq.h"
#include "utils/datum.h"
#include "utils/guc.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/syscache.h"
#include "utils/typcache.h"
#include "utils/timestamp.h"
#include "utils/wait_event.h"

#include "plpolar/autonomous/autonomous.h"
#include "plpolar/session/context.h"
#include "autonomous_internal.h"

/* Documented session state: this session's worker, idle between calls. */
typedef struct Worker
{
	dsm_segment *seg;
	AutonomousShared *shared;
	BackgroundWorkerHandle *handle;
	shm_mq_handle *requests;
	shm_mq_handle *responses;
	pid_t		pid;
	uint32		seq;
	bool		busy;
	bool		retire;
} Worker;

static Worker *worker = NULL;
static bool exit_callback_registered = false;

static void
stop_worker(Worker *w, bool wait)
{
	pid_t		pid;

	if (GetBackgroundWorkerPid(w->handle, &pid) == BGWH_STARTED)
		(void) kill(pid, SIGTERM);
	TerminateBackgroundWorker(w->handle);
	if (wait)
	{
		/* Bounded: a worker that does not go within 10 s is left to go. */
		for (int i = 0; i < 1000; ++i)
		{
			if (GetBackgroundWorkerPid(w->handle, &pid) == BGWH_STOPPED)
				break;
			(void) WaitLatch(MyLatch, WL_LATCH_SET | WL_TIMEOUT | WL_EXIT_ON_PM_DEATH, 10, PG_WAIT_EXTENSION);
			ResetLatch(MyLatch);
		}
	}
}

/*
 * An idle worker leaves by itself once the segment is detached (its request
 * queue then has no sender); one in mid-call is stopped.
 */
static void
forget_worker(bool stop, bool wait)
{
	Worker	   *w = worker;

	if (w == NULL)
		return;
	worker = NULL;
	if (stop || w->busy)
		stop_worker(w, wait);
	dsm_detach(w->seg);
	pfree(w->handle);
	pfree(w);
}

/* A session that ends leaves no worker behind, even in mid-call. */
static void
exit_callback(int code, Datum arg)
{
	forget_worker(false, false);
}

/* The settings of this moment, serialized as a parallel worker gets them. */
static char *
current_settings(Size *size)
{
	Size		space = EstimateGUCStateSpace();
	char	   *state = palloc(space);

	SerializeGUCState(space, state);
	*size = *(Size *) state + sizeof(Size);
	return state;
}

/* The worker runs as this backend runs now, or a new one is needed. */
static bool
worker_matches(Worker *w, const char *settings, Size size)
{
	AutonomousShared *sh = w->shared;
	Oid			user;
	int			sec;
	pid_t		pid;

	GetUserIdAndSecContext(&user, &sec);
	return sh->database_id == MyDatabaseId && sh->authenticated_user_id == GetAuthenticatedUserId() &&
		sh->session_user_id == GetSessionUserId() && sh->outer_user_id == GetCurrentRoleId() &&
		sh->current_user_id == user && sh->sec_context == sec && sh->settings_size == size &&
		memcmp(AUTONOMOUS_SETTINGS(sh), settings, size) == 0 &&
		GetBackgroundWorkerPid(w->handle, &pid) == BGWH_STARTED;
}

/*
 * Waits for the worker's answer to request `seq`, handling its messages:
 * notices are reported here as they come, an error is kept in *error (the
 * worker is then ready again) and a result in *result.
 */
/*
 * How long a call is waited for on the latch alone before the caller waits
 * on the worker's busy lock: most calls end sooner, and save the lock's
 * round of wake-ups; a deadlock is still found, this much later than
 * deadlock_timeout.
 */
#define LATCH_ONLY_MS 10

static void
receive(Worker *w, uint32 seq, ErrorData **error, StringInfo result)
{
	uint32		waited = 0;
	bool		wait_lock = false;
	TimestampTz start = GetCurrentTimestamp();

	for (;;)
	{
		Size		nbytes;
		void	   *data;
		shm_mq_result res = shm_mq_receive(w->responses, &nbytes, &data, true);

		if (res == SHM_MQ_SUCCESS)
		{
			StringInfoData msg;
			char		type;

			if (nbytes < 1)
				elog(ERROR, "malformed message from an autonomous transaction's worker");
			msg.data = data;
			msg.len = (int) nbytes;
			msg.maxlen = (int) nbytes;
			msg.cursor = 0;
			type = pq_getmsgbyte(&msg);
			if (type == AUTONOMOUS_READY)
			{
				/* A unit changed the worker's settings or role: not reused. */
				if (msg.len > 1 && msg.data[1] == 1)
					w->retire = true;
				return;
			}
			if (type == AUTONOMOUS_RESULT && result != NULL)
			{
				appendBinaryStringInfo(result, msg.data + 1, msg.len - 1);
				continue;
			}
			if (type == 'E' || type == 'N')
			{
				ErrorData	edata;
				StringInfoData copy;

				/* pq_parse_errornotice keeps pointers into the message. */
				initStringInfo(&copy);
				appendBinaryStringInfo(&copy, msg.data + 1, msg.len - 1);
				pq_parse_errornotice(&copy, &edata);
				if (edata.elevel < DEBUG5)
					edata.elevel = NOTICE;
				if (type == 'E' || edata.elevel >= ERROR)
				{
					edata.elevel = ERROR;
					if (*error == NULL)
					{
						*error = palloc(sizeof(ErrorData));
						**error = edata;
					}
				}
				else
					ThrowErrorData(&edata);
				continue;
			}
			/* Anything else (a NOTIFY's message, ...) is not for the caller. */
			continue;
		}
		if (res == SHM_MQ_DETACHED)
			ereport(ERROR,
					(errcode(ERRCODE_CONNECTION_FAILURE),
					 errmsg("the autonomous transaction's worker ended unexpectedly")));

		/*
		 * Nothing yet. While the worker holds its busy lock, wait on that
		 * lock: a lock the worker needs and this transaction holds is then a
		 * deadlock PostgreSQL detects. Otherwise wait for its next message.
		 */
		if (seq != 0 && !wait_lock &&
			TimestampDifferenceExceeds(start, GetCurrentTimestamp(), LATCH_ONLY_MS))
			wait_lock = true;
		if (wait_lock && pg_atomic_read_u32(&w->shared->acked_seq) == seq)
		{
			uint32		count = pg_atomic_read_u32(&w->shared->hold_count);

			if (count != waited)
			{
				LOCKTAG		tag;

				int			saved_timeout = LockTimeout;

				waited = count;
				autonomous_busy_locktag(&tag, MyDatabaseId, w->pid);
				/* The call lasts as long as it does: lock_timeout is for locks. */
				LockTimeout = 0;
				PG_TRY();
				{
					(void) LockAcquire(&tag, ShareLock, false, false);
				}
				PG_FINALLY();
				{
					LockTimeout = saved_timeout;
				}
				PG_END_TRY();
				LockRelease(&tag, ShareLock, false);
				continue;
			}
		}
		if (seq != 0 && !wait_lock)
			(void) WaitLatch(MyLatch, WL_LATCH_SET | WL_TIMEOUT | WL_EXIT_ON_PM_DEATH, LATCH_ONLY_MS,
							 PG_WAIT_EXTENSION);
		else
			(void) WaitLatch(MyLatch, WL_LATCH_SET | WL_EXIT_ON_PM_DEATH, -1, PG_WAIT_EXTENSION);
		ResetLatch(MyLatch);
		CHECK_FOR_INTERRUPTS();
	}
}

static Worker *
start_worker(const char *settings, Size size)
{
	Size		total = AUTONOMOUS_SHARED_SIZE + 2 * AUTONOMOUS_QUEUE_SIZE + size;
	dsm_segment *seg = dsm_create(total, 0);
	AutonomousShared *sh = dsm_segment_address(seg);
	BackgroundWorker bgw;
	BackgroundWorkerHandle *handle;
	Worker	   *w;
	shm_mq	   *mq;
	pid_t		pid;
	ErrorData  *error = NULL;
	MemoryContext old;

	GetUserIdAndSecContext(&sh->current_user_id, &sh->sec_context);
	sh->database_id = MyDatabaseId;
	sh->authenticated_user_id = GetAuthenticatedUserId();
	sh->session_user_id = GetSessionUserId();
	sh->outer_user_id = GetCurrentRoleId();
	sh->outer_is_superuser = OidIsValid(sh->outer_user_id) && superuser_arg(sh->outer_user_id);
	sh->caller = MyProc;
	sh->settings_size = size;
	pg_atomic_init_u32(&sh->acked_seq, 0);
	pg_atomic_init_u32(&sh->hold_count, 0);
	memcpy(AUTONOMOUS_SETTINGS(sh), settings, size);

	memset(&bgw, 0, sizeof(bgw));
	bgw.bgw_flags = BGWORKER_SHMEM_ACCESS | BGWORKER_BACKEND_DATABASE_CONNECTION;
	bgw.bgw_start_time = BgWorkerStart_ConsistentState;
	bgw.bgw_restart_time = BGW_NEVER_RESTART;
	snprintf(bgw.bgw_library_name, BGW_MAXLEN, "plpolar");
	snprintf(bgw.bgw_function_name, BGW_MAXLEN, "plpolar_autonomous_main");
	snprintf(bgw.bgw_name, BGW_MAXLEN, "plpolar autonomous transaction for PID %d", MyProcPid);
	snprintf(bgw.bgw_type, BGW_MAXLEN, "plpolar autonomous transaction");
	bgw.bgw_main_arg = UInt32GetDatum(dsm_segment_handle(seg));
	bgw.bgw_notify_pid = MyProcPid;

	/*
	 * The queues exist before the worker does: it may attach as soon as it
	 * is registered.
	 */
	old = MemoryContextSwitchTo(TopMemoryContext);
	w = palloc0(sizeof(Worker));
	w->seg = seg;
	w->shared = sh;
	mq = shm_mq_create(AUTONOMOUS_REQUEST_QUEUE(sh), AUTONOMOUS_QUEUE_SIZE);
	shm_mq_set_sender(mq, MyProc);
	w->requests = shm_mq_attach(mq, seg, NULL);
	mq = shm_mq_create(AUTONOMOUS_RESPONSE_QUEUE(sh), AUTONOMOUS_QUEUE_SIZE);
	shm_mq_set_receiver(mq, MyProc);
	w->responses = shm_mq_attach(mq, seg, NULL);
	if (!RegisterDynamicBackgroundWorker(&bgw, &handle))
	{
		MemoryContextSwitchTo(old);
		dsm_detach(seg);
		pfree(w);
		ereport(ERROR,
				(errcode(ERRCODE_CONFIGURATION_LIMIT_EXCEEDED),
				 errmsg("no background worker is free for an autonomous transaction"),
				 errdetail("An autonomous transaction runs in a background worker; all max_worker_processes (%d) are in use.",
						   max_worker_processes),
				 errhint("Raise max_worker_processes (a server restart), or make fewer autonomous calls nest.")));
	}
	w->handle = handle;
	/* A worker that dies is seen by either queue. */
	shm_mq_set_handle(w->requests, handle);
	shm_mq_set_handle(w->responses, handle);
	MemoryContextSwitchTo(old);
	/* For the session: not undone with the transaction that started it. */
	dsm_pin_mapping(seg);
	if (!exit_callback_registered)
	{
		before_shmem_exit(exit_callback, (Datum) 0);
		exit_callback_registered = true;
	}
	worker = w;

	PG_TRY();
	{
		if (WaitForBackgroundWorkerStartup(handle, &pid) != BGWH_STARTED)
			ereport(ERROR,
					(errcode(ERRCODE_CONFIGURATION_LIMIT_EXCEEDED),
					 errmsg("the autonomous transaction's background worker could not start"),
					 errhint("See the server log; max_worker_processes is %d.", max_worker_processes)));
		w->pid = pid;
		receive(w, 0, &error, NULL);
	}
	PG_CATCH();
	{
		HOLD_INTERRUPTS();
		forget_worker(true, true);
		RESUME_INTERRUPTS();
		PG_RE_THROW();
	}
	PG_END_TRY();
	if (error != NULL)
	{
		/* It could not connect, or take on this session's settings. */
		forget_worker(true, true);
		ThrowErrorData(error);
	}
	return w;
}

static Worker *
get_worker(void)
{
	Size		size;
	char	   *settings = current_settings(&size);
	Worker	   *w = worker;

	if (w != NULL && w->busy)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("an autonomous transaction is already running for this session")));
	if (w != NULL && !worker_matches(w, settings, size))
	{
		forget_worker(false, true);
		w = NULL;
	}
	if (w == NULL)
		w = start_worker(settings, size);
	pfree(settings);
	return w;
}

/* Sends a request and waits for its end; throws the worker's error. */
static void
exchange(StringInfo request, StringInfo result)
{
	Worker	   *w;
	ErrorData  *error = NULL;
	uint32		seq;
	shm_mq_iovec iov[3];
	StringInfoData identity;

	/* A function marked PARALLEL SAFE that is not: a clear error. */
	if (IsParallelWorker())
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TRANSACTION_STATE),
				 errmsg("cannot start an autonomous transaction in a parallel worker"),
				 errhint("An autonomous routine is PARALLEL UNSAFE.")));
	w = get_worker();
	seq = ++w->seq;
	if (seq == 0)
		seq = ++w->seq;
	/* The session the worker stands for in USERENV: this one, now. */
	initStringInfo(&identity);
	plpolar_session_identity_write(&identity);
	iov[0].data = (const char *) &seq;
	iov[0].len = sizeof(seq);
	iov[1].data = identity.data;
	iov[1].len = identity.len;
	iov[2].data = request->data;
	iov[2].len = request->len;
	w->busy = true;
	PG_TRY();
	{
		shm_mq_result res = shm_mq_sendv(w->requests, iov, 3, false, true);

		if (res != SHM_MQ_SUCCESS)
			ereport(ERROR,
					(errcode(ERRCODE_CONNECTION_FAILURE),
					 errmsg("the autonomous transaction's worker ended unexpectedly")));
		receive(w, seq, &error, result);
	}
	PG_CATCH();
	{
		/*
		 * Cancelled, timed out, or a deadlock detected here: the worker
		 * must not go on (and commit) once this transaction's locks are
		 * gone, so it goes before this error is raised.
		 */
		HOLD_INTERRUPTS();
		forget_worker(true, true);
		RESUME_INTERRUPTS();
		PG_RE_THROW();
	}
	PG_END_TRY();
	w->busy = false;

	/*
	 * A worker's own nested call does not keep its worker (idle chains of
	 * them would hold max_worker_processes for the whole session), nor does
	 * a call made after the exit callback (a logoff trigger's).
	 */
	if (plpolar_in_autonomous_worker() || proc_exit_inprogress || w->retire)
		forget_worker(false, true);
	if (error != NULL)
		ThrowErrorData(error);
}

/* An anonymous record's identity is this backend's own: refused rather
 * than sent to be misread. */
static void
check_sendable(Oid type, Datum value, bool isnull)
{
	if (isnull)
		return;
	if (type == RECORDOID ||
		(type_is_rowtype(type) && HeapTupleHeaderGetTypeId(DatumGetHeapTupleHeader(value)) == RECORDOID))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("an autonomous routine takes no argument of an anonymous record type")));
}

/* Sends a routine's call; result gets the worker's result message. */
static void
call_routine(Oid fn_oid, Oid collation, int nargs, const Datum *args, const bool *nulls, StringInfo result)
{
	HeapTuple	proc = SearchSysCache1(PROCOID, ObjectIdGetDatum(fn_oid));
	Form_pg_proc form;
	StringInfoData request;
	int32		n = nargs;

	if (!HeapTupleIsValid(proc))
		elog(ERROR, "cache lookup failed for function %u", fn_oid);
	form = (Form_pg_proc) GETSTRUCT(proc);
	if (form->proretset)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("a PIPELINED or set-returning routine cannot be autonomous")));
	if (nargs != form->pronargs)
		elog(ERROR, "autonomous call of %s with %d arguments for %d", NameStr(form->proname), nargs, form->pronargs);
	initStringInfo(&request);
	appendStringInfoChar(&request, AUTONOMOUS_CALL);
	appendBinaryStringInfo(&request, (char *) &fn_oid, sizeof(Oid));
	appendBinaryStringInfo(&request, (char *) &collation, sizeof(Oid));
	appendBinaryStringInfo(&request, (char *) &n, sizeof(int32));
	for (int i = 0; i < nargs; ++i)
	{
		Oid			type = form->proargtypes.values[i];

		if (IsPolymorphicType(type))
			ereport(ERROR,
					(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
					 errmsg("an autonomous routine takes no polymorphic argument")));
		check_sendable(type, args[i], nulls[i]);
		autonomous_append_value(&request, args[i], nulls[i], type);
	}
	ReleaseSysCache(proc);
	exchange(&request, result);
	pfree(request.data);
	if (result->len < 1)
		elog(ERROR, "the autonomous transaction's worker sent no result");
}

Datum
plpolar_autonomous_call(FunctionCallInfo fcinfo, MemoryContext result_context, bool *isnull)
{
	StringInfoData result;
	Datum	   *args = palloc(sizeof(Datum) * Max(fcinfo->nargs, 1));
	bool	   *nulls = palloc(sizeof(bool) * Max(fcinfo->nargs, 1));
	char	   *at;
	Datum		value;
	MemoryContext old;

	for (int i = 0; i < fcinfo->nargs; ++i)
	{
		args[i] = fcinfo->args[i].value;
		nulls[i] = fcinfo->args[i].isnull;
	}
	initStringInfo(&result);
	call_routine(fcinfo->flinfo->fn_oid, fcinfo->fncollation, fcinfo->nargs, args, nulls, &result);

	old = MemoryContextSwitchTo(result_context);
	at = result.data + 1;
	if (result.data[0] == AUTONOMOUS_SCALAR)
		value = datumRestore(&at, isnull);
	else
	{
		TupleDesc	desc;
		TypeFuncClass class = get_call_result_type(fcinfo, NULL, &desc);
		int32		natts;
		Datum	   *values;
		bool	   *fnulls;

		if (class != TYPEFUNC_COMPOSITE && class != TYPEFUNC_COMPOSITE_DOMAIN)
			elog(ERROR, "the autonomous transaction's worker sent a row for a scalar result");
		memcpy(&natts, at, sizeof(int32));
		at += sizeof(int32);
		if (natts != desc->natts)
			elog(ERROR, "the autonomous transaction's worker sent a row of another shape");
		desc = BlessTupleDesc(desc);
		values = palloc(sizeof(Datum) * Max(natts, 1));
		fnulls = palloc(sizeof(bool) * Max(natts, 1));
		for (int i = 0; i < natts; ++i)
			values[i] = datumRestore(&at, &fnulls[i]);
		value = HeapTupleGetDatum(heap_form_tuple(desc, values, fnulls));
		*isnull = false;
	}
	MemoryContextSwitchTo(old);
	pfree(result.data);
	return value;
}

int
plpolar_autonomous_call_oid(Oid fn_oid, int nargs, const Datum *args, const bool *nulls, MemoryContext result_context,
							Datum *fields, bool *field_nulls, int max_fields)
{
	StringInfoData result;
	char	   *at;
	int			count;
	MemoryContext old;

	initStringInfo(&result);
	call_routine(fn_oid, InvalidOid, nargs, args, nulls, &result);
	old = MemoryContextSwitchTo(result_context);
	at = result.data + 1;
	if (result.data[0] == AUTONOMOUS_SCALAR)
	{
		count = 1;
		if (max_fields < 1)
			elog(ERROR, "no room for an autonomous call's result");
		fields[0] = datumRestore(&at, &field_nulls[0]);
	}
	else
	{
		int32		natts;

		memcpy(&natts, at, sizeof(int32));
		at += sizeof(int32);
		if (natts > max_fields)
			elog(ERROR, "the autonomous transaction's worker sent a row of another shape");
		for (int i = 0; i < natts; ++i)
			fields[i] = datumRestore(&at, &field_nulls[i]);
		count = natts;
	}
	MemoryContextSwitchTo(old);
	pfree(result.data);
	return count;
}

/* A trigger's row as a datum of the relation's row type. */
static void
append_row(StringInfo buf, HeapTuple tuple, TupleDesc desc, Oid rowtype)
{
	if (tuple == NULL)
	{
		appendStringInfoChar(buf, 0);
		return;
	}
	appendStringInfoChar(buf, 1);
	autonomous_append_value(buf, heap_copy_tuple_as_datum(tuple, desc), false, rowtype);
}

Datum
plpolar_autonomous_trigger(FunctionCallInfo fcinfo, MemoryContext result_context)
{
	TriggerData *td = (TriggerData *) fcinfo->context;
	Relation	rel = td->tg_relation;
	TupleDesc	desc = RelationGetDescr(rel);
	Oid			rowtype = rel->rd_rel->reltype;
	Oid			fn_oid = fcinfo->flinfo->fn_oid;
	Oid			relid = RelationGetRelid(rel);
	Oid			tgoid = td->tg_trigger->tgoid;
	uint32		event = (uint32) td->tg_event;
	int32		ncols = bms_num_members(td->tg_updatedcols);
	int			col = -1;
	StringInfoData request;
	StringInfoData result;
	Datum		row = (Datum) 0;
	MemoryContext old;

	initStringInfo(&request);
	appendStringInfoChar(&request, AUTONOMOUS_TRIGGER);
	appendBinaryStringInfo(&request, (char *) &fn_oid, sizeof(Oid));
	appendBinaryStringInfo(&request, (char *) &relid, sizeof(Oid));
	appendBinaryStringInfo(&request, (char *) &tgoid, sizeof(Oid));
	appendBinaryStringInfo(&request, (char *) &event, sizeof(uint32));
	appendBinaryStringInfo(&request, (char *) &ncols, sizeof(int32));
	while ((col = bms_next_member(td->tg_updatedcols, col)) >= 0)
		appendBinaryStringInfo(&request, (char *) &col, sizeof(int));
	append_row(&request, td->tg_trigtuple, desc, rowtype);
	append_row(&request, TRIGGER_FIRED_BY_UPDATE(td->tg_event) ? td->tg_newtuple : NULL, desc, rowtype);
	initStringInfo(&result);
	exchange(&request, &result);
	pfree(request.data);
	if (result.len < 1)
		elog(ERROR, "the autonomous transaction's worker sent no result");
	old = MemoryContextSwitchTo(result_context);
	if (result.data[0] == 1)
	{
		char	   *at = result.data + 1;
		bool		isnull;
		Datum		d = datumRestore(&at, &isnull);

		if (isnull)
			elog(ERROR, "the autonomous trigger's worker sent a NULL row");
		row = PointerGetDatum(heap_copytuple(autonomous_row_tuple(d, relid)));
	}
	MemoryContextSwitchTo(old);
	pfree(result.data);
	return row;
}

void
plpolar_autonomous_event(FunctionCallInfo fcinfo)
{
	EventTriggerData *data = (EventTriggerData *) fcinfo->context;
	Oid			fn_oid = fcinfo->flinfo->fn_oid;
	StringInfoData request;

	/* A DDL event's command lives in this backend only. */
	if (data->tag != CMDTAG_UNKNOWN || data->parsetree != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("an autonomous event trigger runs for logon and logoff only, not for %s", data->event),
				 errhint("Call an autonomous procedure from the trigger instead.")));
	initStringInfo(&request);
	appendStringInfoChar(&request, AUTONOMOUS_EVENT);
	appendBinaryStringInfo(&request, (char *) &fn_oid, sizeof(Oid));
	appendStringInfoString(&request, data->event);
	exchange(&request, NULL);
	pfree(request.data);
}

void
plpolar_autonomous_block(const char *source)
{
	StringInfoData request;

	initStringInfo(&request);
	appendStringInfoChar(&request, AUTONOMOUS_BLOCK);
	appendStringInfoString(&request, source);
	exchange(&request, NULL);
	pfree(request.data);
}
