/*
 * The autonomous transaction's worker: a background worker of one session,
 * connected to its database as its login with its settings and current
 * user, that runs one unit per request, each in transactions of its own,
 * and stays for the session's next call.
 *
 * A request runs as a top-level DO statement, so that the unit gets what a
 * CALL from a client gets (a non-atomic context in which COMMIT and ROLLBACK
 * work, a portal holding its snapshots); the DO's body is the block itself,
 * or a marker that makes the inline handler call the routine
 * (plpolar_autonomous_dispatch).
 */
#include "postgres.h"

#include <signal.h>

#include "access/htup_details.h"
#include "access/xact.h"
#include "commands/event_trigger.h"
#include "commands/trigger.h"
#include "nodes/bitmapset.h"
#include "utils/rel.h"
#include "utils/relcache.h"
#include "utils/resowner.h"
#include "funcapi.h"
#include "libpq/libpq.h"
#include "libpq/pqformat.h"
#include "libpq/pqmq.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "nodes/makefuncs.h"
#include "nodes/parsenodes.h"
#include "nodes/plannodes.h"
#include "pgstat.h"
#include "postmaster/bgworker.h"
#include "storage/dsm.h"
#include "storage/ipc.h"
#include "storage/latch.h"
#include "storage/lmgr.h"
#include "storage/shm_mq.h"
#include "tcop/dest.h"
#include "tcop/pquery.h"
#include "tcop/tcopprot.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/guc.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/portal.h"
#include "utils/ps_status.h"
#include "utils/snapmgr.h"

#include "plpolar/autonomous/autonomous.h"
#include "plpolar/session/context.h"
#include "autonomous_internal.h"

PGDLLEXPORT void plpolar_autonomous_main(Datum main_arg);
extern PGDLLEXPORT Datum plpolar_call_handler(PG_FUNCTION_ARGS);

/* Documented session state of the worker process. */
static bool in_worker = false;
static AutonomousShared *shared = NULL;
static shm_mq_handle *responses = NULL;
static const PQcommMethods *mq_methods = NULL;
static bool busy_held = false;
static bool sending = false;

/* The request being run: what plpolar_autonomous_dispatch() and
 * plpolar_autonomous_run_here() read. */
static char *request = NULL;
static Size request_size = 0;
static bool dispatch_pending = false;
static Oid run_here_oid = InvalidOid;
static bool run_block_here = false;
static bool trigger_nonatomic = false;
static MemoryContext request_memory = NULL;	/* reset for each request */
static ResourceOwner worker_owner = NULL;	/* lives as the worker does */
static StringInfoData result;		/* the call's result message */
static bool have_result = false;

bool
plpolar_in_autonomous_worker(void)
{
	return in_worker;
}

bool
plpolar_autonomous_run_here(Oid fn_oid)
{
	if (!in_worker)
		return false;
	if (fn_oid == InvalidOid ? !run_block_here : run_here_oid != fn_oid)
		return false;
	run_here_oid = InvalidOid;
	run_block_here = false;
	return true;
}

bool
plpolar_autonomous_trigger_nonatomic(void)
{
	bool		was = trigger_nonatomic;

	trigger_nonatomic = false;
	return was;
}

bool
plpolar_autonomous_dispatch_pending(void)
{
	return in_worker && dispatch_pending;
}

static void
take_busy_lock(void)
{
	LOCKTAG		tag;

	int			saved_timeout = LockTimeout;

	autonomous_busy_locktag(&tag, shared->database_id, MyProcPid);
	/* Its own lock: the caller holds it a moment at most. */
	LockTimeout = 0;
	(void) LockAcquire(&tag, ExclusiveLock, true, false);
	LockTimeout = saved_timeout;
	busy_held = true;
	pg_atomic_fetch_add_u32(&shared->hold_count, 1);
	SetLatch(&shared->caller->procLatch);
}

static void
release_busy_lock(void)
{
	LOCKTAG		tag;

	if (!busy_held)
		return;
	autonomous_busy_locktag(&tag, shared->database_id, MyProcPid);
	LockRelease(&tag, ExclusiveLock, true);
	busy_held = false;
}

/*
 * Protocol messages to the caller. The caller waits on the busy lock, not
 * on the queue: when the queue is full the worker lets the lock go until
 * there is room, or neither would ever move.
 */
static int
worker_putmessage(char msgtype, const char *s, size_t len)
{
	shm_mq_iovec iov[2];
	shm_mq_result res;

	if (responses == NULL || sending)
		return 0;
	sending = true;
	iov[0].data = &msgtype;
	iov[0].len = 1;
	iov[1].data = s;
	iov[1].len = len;
	res = shm_mq_sendv(responses, iov, 2, true, true);
	if (res == SHM_MQ_WOULD_BLOCK)
	{
		bool		held = busy_held;

		if (held)
			release_busy_lock();
		res = shm_mq_sendv(responses, iov, 2, false, true);
		if (held && res == SHM_MQ_SUCCESS)
			take_busy_lock();
	}
	sending = false;
	if (res != SHM_MQ_SUCCESS)
	{
		responses = NULL;
		return EOF;
	}
	return 0;
}

static void
worker_putmessage_noblock(char msgtype, const char *s, size_t len)
{
	(void) worker_putmessage(msgtype, s, len);
}

static void
worker_comm_reset(void)
{
	mq_methods->comm_reset();
}

static int
worker_flush(void)
{
	return mq_methods->flush();
}

static int
worker_flush_if_writable(void)
{
	return mq_methods->flush_if_writable();
}

static bool
worker_is_send_pending(void)
{
	return mq_methods->is_send_pending();
}

static const PQcommMethods worker_methods = {
	worker_comm_reset,
	worker_flush,
	worker_flush_if_writable,
	worker_is_send_pending,
	worker_putmessage,
	worker_putmessage_noblock
};

/* Runs `source` as a top-level DO LANGUAGE plpolar statement. */
static void
run_do(const char *source, const char *display)
{
	DoStmt	   *stmt;
	PlannedStmt *planned;
	Portal		portal;
	DestReceiver *dest = CreateDestReceiver(DestNone);
	QueryCompletion qc;
	MemoryContext old;

	/*
	 * The statement lives in the portal's memory: the unit's COMMIT ends
	 * the transaction (and its memory) the portal outlives.
	 */
	portal = CreatePortal("", true, true);
	portal->visible = false;
	old = MemoryContextSwitchTo(portal->portalContext);
	stmt = makeNode(DoStmt);
	planned = makeNode(PlannedStmt);
	stmt->args = list_make2(makeDefElem("as", (Node *) makeString(pstrdup(source)), -1),
							makeDefElem("language", (Node *) makeString(pstrdup("plpolar")), -1));
	planned->commandType = CMD_UTILITY;
	planned->canSetTag = true;
	planned->utilityStmt = (Node *) stmt;
	planned->stmt_location = -1;
	planned->stmt_len = 0;

	PortalDefineQuery(portal, NULL, pstrdup(display), CMDTAG_DO, list_make1(planned), NULL);
	MemoryContextSwitchTo(old);
	PortalStart(portal, NULL, 0, InvalidSnapshot);
	InitializeQueryCompletion(&qc);
	(void) PortalRun(portal, FETCH_ALL, true, true, dest, dest, &qc);
	PortalDrop(portal, false);
}

static void
serialize_result(FunctionCallInfo fcinfo, Datum value)
{
	Oid			type;
	TupleDesc	desc;
	TypeFuncClass class = get_call_result_type(fcinfo, &type, &desc);
	MemoryContext old = MemoryContextSwitchTo(TopMemoryContext);

	resetStringInfo(&result);
	MemoryContextSwitchTo(old);
	if ((class == TYPEFUNC_COMPOSITE || class == TYPEFUNC_COMPOSITE_DOMAIN) && !fcinfo->isnull)
	{
		HeapTupleHeader row = DatumGetHeapTupleHeader(value);
		HeapTupleData tuple;
		Datum	   *values = palloc(sizeof(Datum) * Max(desc->natts, 1));
		bool	   *nulls = palloc(sizeof(bool) * Max(desc->natts, 1));
		int32		natts = desc->natts;

		tuple.t_len = HeapTupleHeaderGetDatumLength(row);
		ItemPointerSetInvalid(&tuple.t_self);
		tuple.t_tableOid = InvalidOid;
		tuple.t_data = row;
		heap_deform_tuple(&tuple, desc, values, nulls);
		appendStringInfoChar(&result, AUTONOMOUS_ROW);
		appendBinaryStringInfo(&result, (char *) &natts, sizeof(natts));
		for (int i = 0; i < natts; ++i)
		{
			Form_pg_attribute att = TupleDescAttr(desc, i);

			autonomous_append_value(&result, values[i], nulls[i] || att->attisdropped, att->atttypid);
		}
	}
	else
	{
		appendStringInfoChar(&result, AUTONOMOUS_SCALAR);
		autonomous_append_value(&result, value, fcinfo->isnull, class == TYPEFUNC_SCALAR ? type : VOIDOID);
	}
	have_result = true;
}

/*
 * Inside the DO: the routine's call, non-atomic as a CALL's, through this
 * library's call handler directly. The caller ran fmgr's SECURITY DEFINER
 * step already (its user and its settings are this worker's), and going
 * through it again would make the call atomic.
 */
/* A row of the caller's trigger, as a tuple of the relation. */
static HeapTuple
restore_row(char **at, Oid relid)
{
	char		present = **at;
	bool		isnull;

	*at += 1;
	if (!present)
		return NULL;
	return autonomous_row_tuple(datumRestore(at, &isnull), relid);
}

/*
 * A DML trigger's firing: the trigger manager's TriggerData rebuilt from
 * the caller's rows and event, the relation held by the worker's own
 * resource owner (the body's COMMIT ends the transaction that opened it),
 * the function called non-atomically.
 */
static void
dispatch_trigger(void)
{
	char	   *at = request + 1;
	Oid			fn_oid;
	Oid			relid;
	Oid			tgoid;
	uint32		event;
	int32		ncols;
	Bitmapset  *cols = NULL;
	Relation	rel;
	ResourceOwner saved = CurrentResourceOwner;
	TriggerData *td = makeNode(TriggerData);
	Trigger    *trigger = NULL;
	FmgrInfo	flinfo;
	LOCAL_FCINFO(fcinfo, 0);
	Datum		value;

	memcpy(&fn_oid, at, sizeof(Oid));
	at += sizeof(Oid);
	memcpy(&relid, at, sizeof(Oid));
	at += sizeof(Oid);
	memcpy(&tgoid, at, sizeof(Oid));
	at += sizeof(Oid);
	memcpy(&event, at, sizeof(uint32));
	at += sizeof(uint32);
	memcpy(&ncols, at, sizeof(int32));
	at += sizeof(int32);
	for (int i = 0; i < ncols; ++i)
	{
		int			col;

		memcpy(&col, at, sizeof(int));
		at += sizeof(int);
		cols = bms_add_member(cols, col);
	}
	fmgr_info(fn_oid, &flinfo);
	flinfo.fn_addr = plpolar_call_handler;
	LockRelationOid(relid, AccessShareLock);
	CurrentResourceOwner = worker_owner;
	rel = RelationIdGetRelation(relid);
	CurrentResourceOwner = saved;
	if (!RelationIsValid(rel))
		elog(ERROR, "could not open relation with OID %u", relid);
	PG_TRY();
	{
		if (rel->trigdesc != NULL)
			for (int i = 0; i < rel->trigdesc->numtriggers; ++i)
				if (rel->trigdesc->triggers[i].tgoid == tgoid)
				{
					/* A copy: the relation's trigger data may be rebuilt. */
					Trigger    *found = &rel->trigdesc->triggers[i];

					trigger = palloc(sizeof(Trigger));
					memcpy(trigger, found, sizeof(Trigger));
					trigger->tgname = pstrdup(found->tgname);
					if (found->tgnargs > 0)
					{
						trigger->tgargs = palloc(sizeof(char *) * found->tgnargs);
						for (int a = 0; a < found->tgnargs; ++a)
							trigger->tgargs[a] = pstrdup(found->tgargs[a]);
					}
					if (found->tgnattr > 0)
					{
						trigger->tgattr = palloc(sizeof(int16) * found->tgnattr);
						memcpy(trigger->tgattr, found->tgattr, sizeof(int16) * found->tgnattr);
					}
					trigger->tgqual = found->tgqual ? pstrdup(found->tgqual) : NULL;
					trigger->tgoldtable = found->tgoldtable ? pstrdup(found->tgoldtable) : NULL;
					trigger->tgnewtable = found->tgnewtable ? pstrdup(found->tgnewtable) : NULL;
					break;
				}
		if (trigger == NULL)
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_OBJECT),
					 errmsg("the trigger of the autonomous firing (OID %u) is gone", tgoid)));
		td->tg_event = (TriggerEvent) event;
		td->tg_relation = rel;
		td->tg_trigger = trigger;
		td->tg_updatedcols = cols;
		td->tg_trigtuple = restore_row(&at, relid);
		td->tg_newtuple = restore_row(&at, relid);
		InitFunctionCallInfoData(*fcinfo, &flinfo, 0, InvalidOid, (Node *) td, NULL);
		run_here_oid = fn_oid;
		trigger_nonatomic = true;
		value = FunctionCallInvoke(fcinfo);
		resetStringInfo(&result);
		if (DatumGetPointer(value) == NULL || !TRIGGER_FIRED_BEFORE(event) || !TRIGGER_FIRED_FOR_ROW(event))
			appendStringInfoChar(&result, 0);
		else
		{
			appendStringInfoChar(&result, 1);
			autonomous_append_value(&result,
							heap_copy_tuple_as_datum((HeapTuple) DatumGetPointer(value), RelationGetDescr(rel)),
							false, rel->rd_rel->reltype);
		}
	}
	PG_FINALLY();
	{
		run_here_oid = InvalidOid;
		trigger_nonatomic = false;
		CurrentResourceOwner = worker_owner;
		RelationClose(rel);
		CurrentResourceOwner = saved;
	}
	PG_END_TRY();
	have_result = true;
}

/* A logon or logoff trigger's firing: its EventTriggerData as the session
 * module makes it (session/run.c), the function non-atomic. */
static void
dispatch_event(void)
{
	Oid			fn_oid;
	EventTriggerData *data = makeNode(EventTriggerData);
	FmgrInfo	flinfo;
	LOCAL_FCINFO(fcinfo, 0);

	memcpy(&fn_oid, request + 1, sizeof(Oid));
	data->event = pstrdup(request + 1 + sizeof(Oid));
	data->parsetree = NULL;
	data->tag = CMDTAG_UNKNOWN;
	fmgr_info(fn_oid, &flinfo);
	flinfo.fn_addr = plpolar_call_handler;
	InitFunctionCallInfoData(*fcinfo, &flinfo, 0, InvalidOid, (Node *) data, NULL);
	run_here_oid = fn_oid;
	trigger_nonatomic = true;
	PG_TRY();
	{
		(void) FunctionCallInvoke(fcinfo);
	}
	PG_FINALLY();
	{
		run_here_oid = InvalidOid;
		trigger_nonatomic = false;
	}
	PG_END_TRY();
}

void
plpolar_autonomous_dispatch(void)
{
	char	   *at = request + 1;
	Oid			fn_oid;
	Oid			collation;
	int32		nargs;
	FmgrInfo	flinfo;
	CallContext *context = makeNode(CallContext);
	LOCAL_FCINFO(fcinfo, FUNC_MAX_ARGS);
	Datum		value;

	dispatch_pending = false;
	if (request[0] == AUTONOMOUS_TRIGGER)
	{
		dispatch_trigger();
		return;
	}
	if (request[0] == AUTONOMOUS_EVENT)
	{
		dispatch_event();
		return;
	}
	memcpy(&fn_oid, at, sizeof(Oid));
	at += sizeof(Oid);
	memcpy(&collation, at, sizeof(Oid));
	at += sizeof(Oid);
	memcpy(&nargs, at, sizeof(int32));
	at += sizeof(int32);
	if (nargs < 0 || nargs > FUNC_MAX_ARGS)
		elog(ERROR, "malformed autonomous transaction request");
	fmgr_info(fn_oid, &flinfo);
	flinfo.fn_addr = plpolar_call_handler;
	context->atomic = false;
	InitFunctionCallInfoData(*fcinfo, &flinfo, nargs, collation, (Node *) context, NULL);
	for (int i = 0; i < nargs; ++i)
		fcinfo->args[i].value = datumRestore(&at, &fcinfo->args[i].isnull);
	run_here_oid = fn_oid;
	value = FunctionCallInvoke(fcinfo);
	run_here_oid = InvalidOid;
	serialize_result(fcinfo, value);
}

static void
run_request(void)
{
	char		kind = request[0];
	char	   *name = NULL;

	have_result = false;
	SetCurrentStatementStartTimestamp();
	StartTransactionCommand();
	if (kind == AUTONOMOUS_CALL || kind == AUTONOMOUS_TRIGGER || kind == AUTONOMOUS_EVENT)
	{
		Oid			fn_oid;

		memcpy(&fn_oid, request + 1, sizeof(Oid));
		name = get_func_name(fn_oid);
		name = MemoryContextStrdup(request_memory, name ? name : "?");
		pgstat_report_activity(STATE_RUNNING, name);
		dispatch_pending = true;
		run_do("", name);
	}
	else if (kind == AUTONOMOUS_BLOCK)
	{
		const char *source = request + 1;

		pgstat_report_activity(STATE_RUNNING, source);
		run_block_here = true;
		run_do(source, source);
	}
	else
		elog(ERROR, "malformed autonomous transaction request");
	dispatch_pending = false;
	run_here_oid = InvalidOid;
	run_block_here = false;

	/* Oracle's rule: an autonomous unit ends its transaction itself. */
	if (GetTopTransactionIdIfAny() != InvalidTransactionId)
	{
		if (name != NULL)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_TRANSACTION_TERMINATION),
					 errmsg("ORA-06519: active autonomous transaction detected and rolled back"),
					 errdetail("%s ended with work neither committed nor rolled back.", name),
					 errhint("End the autonomous routine with COMMIT or ROLLBACK."),
					 errcontext("PL/polar function %s", name)));
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TRANSACTION_TERMINATION),
				 errmsg("ORA-06519: active autonomous transaction detected and rolled back"),
				 errdetail("The anonymous block ended with work neither committed nor rolled back."),
				 errhint("End the autonomous block with COMMIT or ROLLBACK.")));
	}
	CommitTransactionCommand();
}

/* The worker's settings as they were once it had taken on the caller's
 * (its own serialization: some settings read back other than sent). */
static char *baseline = NULL;
static Size baseline_size = 0;

static char *
serialized_settings(Size *size)
{
	Size		space = EstimateGUCStateSpace();
	char	   *state = palloc(space);

	SerializeGUCState(space, state);
	*size = *(Size *) state + sizeof(Size);
	return state;
}

/* The worker's settings, role and user are still those it started with. */
static bool
still_as_started(void)
{
	Size		size;
	char	   *state = serialized_settings(&size);
	Oid			user;
	int			sec;
	bool		same;

	GetUserIdAndSecContext(&user, &sec);
	same = size == baseline_size && memcmp(state, baseline, size) == 0 && user == shared->current_user_id &&
		sec == shared->sec_context && GetCurrentRoleId() == shared->outer_user_id &&
		GetSessionUserId() == shared->session_user_id;
	pfree(state);
	return same;
}

void
plpolar_autonomous_main(Datum main_arg)
{
	dsm_segment *seg;
	shm_mq	   *request_queue;
	shm_mq	   *response_queue;
	shm_mq_handle *requests;
	MemoryContext request_context;

	pqsignal(SIGTERM, die);
	BackgroundWorkerUnblockSignals();
	CurrentResourceOwner = ResourceOwnerCreate(NULL, "plpolar autonomous transaction");
	worker_owner = CurrentResourceOwner;
	seg = dsm_attach(DatumGetUInt32(main_arg));
	if (seg == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("could not map the autonomous transaction's shared memory")));
	shared = dsm_segment_address(seg);
	request_queue = AUTONOMOUS_REQUEST_QUEUE(shared);
	response_queue = AUTONOMOUS_RESPONSE_QUEUE(shared);
	shm_mq_set_receiver(request_queue, MyProc);
	requests = shm_mq_attach(request_queue, seg, NULL);
	shm_mq_set_sender(response_queue, MyProc);
	responses = shm_mq_attach(response_queue, seg, NULL);

	/* From here every error and notice goes to the caller. */
	pq_redirect_to_shm_mq(seg, responses);
	mq_methods = PqCommMethods;
	PqCommMethods = &worker_methods;

	BackgroundWorkerInitializeConnectionByOid(shared->database_id, shared->authenticated_user_id, 0);
	SetClientEncoding(GetDatabaseEncoding());

	/* The caller's settings (SET, ALTER SESSION, a routine's SET clause),
	 * session authorization, role and current user. */
	StartTransactionCommand();
	RestoreGUCState(AUTONOMOUS_SETTINGS(shared));
	CommitTransactionCommand();
	if (GetSessionUserId() != shared->session_user_id)
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("the autonomous transaction's worker could not take on the session user")));
	SetCurrentRoleId(shared->outer_user_id, shared->outer_is_superuser);
	SetUserIdAndSecContext(shared->current_user_id, shared->sec_context);
	in_worker = true;
	{
		MemoryContext old = MemoryContextSwitchTo(TopMemoryContext);

		baseline = serialized_settings(&baseline_size);
		MemoryContextSwitchTo(old);
	}

	request_context = AllocSetContextCreate(TopMemoryContext, "plpolar autonomous request", ALLOCSET_DEFAULT_SIZES);
	request_memory = request_context;
	{
		MemoryContext old = MemoryContextSwitchTo(TopMemoryContext);

		initStringInfo(&result);
		MemoryContextSwitchTo(old);
	}
	pq_putmessage(AUTONOMOUS_READY, NULL, 0);

	for (;;)
	{
		Size		nbytes;
		void	   *data;
		uint32		seq;
		shm_mq_result res;

		pgstat_report_activity(STATE_IDLE, NULL);
		MemoryContextReset(request_context);
		res = shm_mq_receive(requests, &nbytes, &data, false);
		if (res != SHM_MQ_SUCCESS)
			break;				/* the session is gone */
		if (nbytes < sizeof(uint32) + 1)
			elog(FATAL, "malformed autonomous transaction request");
		memcpy(&seq, data, sizeof(uint32));
		{
			char	   *start = (char *) data + sizeof(uint32);
			char	   *body = plpolar_session_identity_read(start);

			request_size = nbytes - sizeof(uint32) - (Size) (body - start);
			request = MemoryContextAlloc(request_context, request_size + 1);
			memcpy(request, body, request_size);
			request[request_size] = '\0';
		}

		take_busy_lock();
		pg_atomic_write_u32(&shared->acked_seq, seq);
		SetLatch(&shared->caller->procLatch);
		PG_TRY();
		{
			MemoryContextSwitchTo(request_context);
			run_request();
		}
		PG_CATCH();
		{
			/* As postgres.c recovers from an error: report, then undo. */
			HOLD_INTERRUPTS();
			if (sending)
			{
				/* Failed in mid-message: the queue cannot be trusted. */
				sending = false;
				shm_mq_detach(responses);
				responses = NULL;
			}
			MemoryContextSwitchTo(TopMemoryContext);
			EmitErrorReport();
			AbortCurrentTransaction();
			MemoryContextSwitchTo(TopMemoryContext);
			FlushErrorState();
			have_result = false;
			dispatch_pending = false;
			run_here_oid = InvalidOid;
			run_block_here = false;
			RESUME_INTERRUPTS();
		}
		PG_END_TRY();
		MemoryContextSwitchTo(TopMemoryContext);
		/* Committed or rolled back: the caller may go on. */
		release_busy_lock();
		if (have_result)
			pq_putmessage(AUTONOMOUS_RESULT, result.data, result.len);
		{
			/* Reused only as the caller started it: a unit's SET or SET ROLE retires it. */
			char		retire = !still_as_started();

			pq_putmessage(AUTONOMOUS_READY, &retire, 1);
			if (retire)
				break;
		}
		if (responses == NULL)
			break;
	}
	proc_exit(0);
}
