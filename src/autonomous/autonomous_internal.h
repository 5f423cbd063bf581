/*
 * What the caller and its autonomous transaction's worker share: one dynamic
 * shared memory segment per worker, laid out as
 *   [AutonomousShared][request queue][response queue][caller's settings]
 */
#ifndef PLPOLAR_AUTONOMOUS_INTERNAL_H
#define PLPOLAR_AUTONOMOUS_INTERNAL_H

#include "postgres.h"

#include "access/htup.h"
#include "lib/stringinfo.h"
#include "port/atomics.h"
#include "storage/lock.h"
#include "storage/proc.h"

#define AUTONOMOUS_QUEUE_SIZE ((Size) 65536)

/* Requests (caller to worker, on the request queue). */
#define AUTONOMOUS_CALL 'F'	 /* a routine by OID, with its arguments */
#define AUTONOMOUS_BLOCK 'B' /* an anonymous block's source */
#define AUTONOMOUS_TRIGGER 'T' /* a DML trigger's firing: its rows and event */
#define AUTONOMOUS_EVENT 'V'	/* a logon or logoff trigger's firing: its event */

/* Responses (worker to caller): protocol messages, 'E' and 'N' as a
 * client gets them, and these. */
#define AUTONOMOUS_READY 'Z'  /* started, or done with a request */
#define AUTONOMOUS_RESULT 'R' /* a call's result */

/* A call's result: one value, or a row's fields one by one (a row type's
 * identity in a datum is this backend's own for an anonymous record). */
#define AUTONOMOUS_SCALAR 0
#define AUTONOMOUS_ROW 1

typedef struct AutonomousShared
{
	/* Who the worker is: set by the caller before starting it. */
	Oid			database_id;
	Oid			authenticated_user_id;
	Oid			session_user_id;
	Oid			outer_user_id;	/* SET ROLE's role, or InvalidOid */
	bool		outer_is_superuser;
	Oid			current_user_id;
	int			sec_context;
	PGPROC	   *caller;
	Size		settings_size;	/* the serialized settings' length */

	/* The request the worker holds its busy lock for, and how many times it
	 * has taken that lock (it lets go while waiting for queue space). */
	pg_atomic_uint32 acked_seq;
	pg_atomic_uint32 hold_count;
} AutonomousShared;

#define AUTONOMOUS_SHARED_SIZE MAXALIGN(sizeof(AutonomousShared))
#define AUTONOMOUS_REQUEST_QUEUE(sh) ((void *) ((char *) (sh) + AUTONOMOUS_SHARED_SIZE))
#define AUTONOMOUS_RESPONSE_QUEUE(sh) ((void *) ((char *) (sh) + AUTONOMOUS_SHARED_SIZE + AUTONOMOUS_QUEUE_SIZE))
#define AUTONOMOUS_SETTINGS(sh) ((char *) (sh) + AUTONOMOUS_SHARED_SIZE + 2 * AUTONOMOUS_QUEUE_SIZE)

/* The lock the worker holds while it runs a request, and the caller waits
 * for: a user lock (not an advisory one SQL could take), keyed by the
 * worker's PID. */
static inline void
autonomous_busy_locktag(LOCKTAG *tag, Oid database_id, int worker_pid)
{
	tag->locktag_field1 = database_id;
	tag->locktag_field2 = (uint32) worker_pid;
	tag->locktag_field3 = 0x504c504f;	/* "PLPO" */
	tag->locktag_field4 = 0;
	tag->locktag_type = LOCKTAG_USERLOCK;
	tag->locktag_lockmethodid = USER_LOCKMETHOD;
}

/* A value as datumRestore reads it back, its type's length and by-value
 * flag looked up (values.c). */
extern void autonomous_append_value(StringInfo buf, Datum value, bool isnull, Oid type);

/* A row-type datum of relation relid seen as a tuple (its data not copied). */
extern HeapTuple autonomous_row_tuple(Datum row, Oid relid);

#endif
