/*
 * PRAGMA AUTONOMOUS_TRANSACTION: a unit that runs in a transaction of its
 * own, in a background worker of this session (src/autonomous).
 *
 * The worker connects to the same database as the same login, takes on the
 * caller's settings, role and security context, and runs the unit through
 * this backend's own call handler; arguments and results travel through
 * shared memory, errors and notices as protocol messages, as between a
 * parallel worker and its leader. The caller waits on a lock the worker holds
 * while it works, so that a lock conflict between the two is a deadlock
 * PostgreSQL's detector reports. One idle worker is kept for the session's
 * next call.
 */
#ifndef PLPOLAR_AUTONOMOUS_H
#define PLPOLAR_AUTONOMOUS_H

#include "postgres.h"

#include "fmgr.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Caller side: run the routine being called (fcinfo) in a worker and return
 * its result, allocated in result_context. */
extern Datum plpolar_autonomous_call(FunctionCallInfo fcinfo, MemoryContext result_context, bool *isnull);

/* Caller side: call a routine by OID with its arguments (pronargs of them);
 * the result's values (one, or a row's fields) go to fields, allocated in
 * result_context. Returns how many. */
extern int	plpolar_autonomous_call_oid(Oid fn_oid, int nargs, const Datum *args, const bool *nulls,
										MemoryContext result_context, Datum *fields, bool *field_nulls,
										int max_fields);

/* Caller side: run a DML trigger function's firing (fcinfo->context is the
 * trigger manager's TriggerData) in a worker; a BEFORE ROW trigger's row
 * (or NULL: skip it) is allocated in result_context. */
extern Datum plpolar_autonomous_trigger(FunctionCallInfo fcinfo, MemoryContext result_context);

/* Caller side: run a logon or logoff trigger function's firing
 * (fcinfo->context is its EventTriggerData) in a worker. */
extern void plpolar_autonomous_event(FunctionCallInfo fcinfo);

/* Worker side: the trigger firing being run here connects non-atomically
 * (its body ends its transaction itself). True once. */
extern bool plpolar_autonomous_trigger_nonatomic(void);

/* Caller side: run an anonymous block in a worker. */
extern void plpolar_autonomous_block(const char *source);

/* Worker side: true, once, when the unit now being entered is the one this
 * worker was asked to run (it then runs here instead of in another worker). */
extern bool plpolar_autonomous_run_here(Oid fn_oid);

/* Worker side: the DO statement the worker runs to get a non-atomic context
 * is a marker; the inline handler then calls this to make the call. */
extern bool plpolar_autonomous_dispatch_pending(void);
extern void plpolar_autonomous_dispatch(void);

/* This process is an autonomous transaction's worker. */
extern bool plpolar_in_autonomous_worker(void);

#ifdef __cplusplus
}
#endif

#endif
