/*
 * plpolar_session: the tiny module plpolar adds to session_preload_libraries
 * of every client backend. PostgreSQL loads it at the end of InitPostgres,
 * inside the startup transaction; it only calls into the main library,
 * which the postmaster loaded (shared_preload_libraries), so a connection
 * pays for no C++ runtime here.
 */
#include "postgres.h"

#include "fmgr.h"

PG_MODULE_MAGIC;

#pragma GCC visibility push(default)
void		_PG_init(void);
#pragma GCC visibility pop

void
_PG_init(void)
{
	void	  **entry = find_rendezvous_variable("plpolar_fire_logon");

	if (*entry != NULL)
		((void (*) (void)) *entry) ();
}
