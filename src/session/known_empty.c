/*
 * Which databases are known to have no session-event rows at all, so that
 * a connection there skips the catalog scan at logon and the transaction at
 * logoff. An entry is valid only for the generation it was recorded at;
 * creating a session trigger bumps the generation (when the statement runs
 * and again when its transaction ends), so a trigger that is being created
 * while another backend scans is never missed. Disabled rows count as rows:
 * ALTER ... ENABLE then needs no bump.
 */
#include "postgres.h"

#include "access/xact.h"
#include "miscadmin.h"
#include "storage/ipc.h"
#include "storage/lwlock.h"
#include "storage/shmem.h"
#include "storage/spin.h"
#include "utils/builtins.h"

#include "session_internal.h"

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

static shmem_request_hook_type prev_shmem_request = NULL;
static shmem_startup_hook_type prev_shmem_startup = NULL;

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

uint64
session_current_generation(void)
{
	uint64		g;

	if (state == NULL)
		return 0;
	SpinLockAcquire(&state->mutex);
	g = state->generation;
	SpinLockRelease(&state->mutex);
	return g;
}

void
session_bump_generation(void)
{
	if (state == NULL)
		return;
	SpinLockAcquire(&state->mutex);
	state->generation++;
	SpinLockRelease(&state->mutex);
}

void
session_bump_generation_now_and_at_xact_end(void)
{
	session_bump_generation();
	bump_at_xact_end = true;
}

bool
session_known_empty(Oid dbid)
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
bool
session_known_empty_by_name(const char *dbname)
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
void
session_record_empty(Oid dbid, const char *dbname, uint64 g)
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
		session_bump_generation();
		bump_at_xact_end = false;
	}
}

/*
 * The transaction callback always; the shared memory only when loaded in
 * the postmaster (without it, nothing is known empty).
 */
void
session_install_state_hooks(void)
{
	RegisterXactCallback(bump_at_end_of_xact, NULL);
	if (process_shared_preload_libraries_in_progress)
	{
		prev_shmem_request = shmem_request_hook;
		shmem_request_hook = plpolar_shmem_request;
		prev_shmem_startup = shmem_startup_hook;
		shmem_startup_hook = plpolar_shmem_startup;
	}
}
