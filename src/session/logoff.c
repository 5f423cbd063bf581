/*
 * Logoff: the before_user_logoff triggers, fired from an exit callback
 * before the backend detaches from shared memory, on a stack of their own;
 * what a SIGTERM does meanwhile; and how the process ends afterwards.
 */
#include "postgres.h"

#include <signal.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#include "access/xact.h"
#include "libpq/pqsignal.h"
#include "miscadmin.h"
#include "storage/ipc.h"
#include "storage/latch.h"
#include "tcop/dest.h"
#include "tcop/tcopprot.h"
#include "utils/memutils.h"

#include "plpolar/settings/settings.h"
#include "session_internal.h"

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
	RunContext	run = {LOGOFF_EVENT, NULL, plpolar_settings->logoff_timeout_ms};

	PG_TRY();
	{
		SessionTrigger *triggers;
		int			n;
		bool		any_rows;

		AbortOutOfAnyTransaction();
		/* The session ends: no need to give the user's values back. */
		session_control_settings(GUC_ACTION_SET);
		session_arm_bounds(plpolar_settings->logoff_timeout_ms);
		SetCurrentStatementStartTimestamp();
		StartTransactionCommand();
		triggers = session_collect_triggers(LOGOFF_EVENT, &n, &any_rows);
		if (n > 0)
			session_run_triggers(triggers, n, &run);
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
		session_disarm_bounds();
	}
	PG_CATCH();
	{
		ErrorData  *edata;
		bool		deadline_reached = session_disarm_bounds();

		logoff_committing = false;
		InterruptHoldoffCount = 0;
		MemoryContextSwitchTo(TopMemoryContext);
		edata = CopyErrorData();
		FlushErrorState();
		AbortOutOfAnyTransaction();
		session_log_failure(&run, edata, deadline_reached);
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
	if (!plpolar_settings->enable_session_triggers || !IsNormalProcessingMode() ||
		session_known_empty(MyDatabaseId))
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

void
session_prepare_logoff(void)
{
	pqsigfunc	previous = pqsignal(SIGTERM, plpolar_die);

	if (previous != die)
		pqsignal(SIGTERM, previous);
	on_proc_exit(record_exit_code, (Datum) 0);
	atexit(skip_static_destructors);
	/* Registered now, checked at exit: a trigger created later still fires. */
	before_shmem_exit(logoff_callback, (Datum) 0);
}
