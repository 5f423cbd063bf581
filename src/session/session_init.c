/*
 * PolarDB-style session events: after_user_logon and before_user_logoff.
 *
 * Plain C on purpose: everything here is PostgreSQL machinery (catalog
 * rows, subtransactions, exit callbacks), and keeping C++ out of these
 * frames means no longjmp can ever cross one. Trigger functions written in
 * plpolar enter C++ through the call handler, which has its own boundary.
 * The settings that govern the events (plpolar.enable_session_triggers,
 * plpolar.logon_timeout, ...) are defined with the others in
 * src/settings/settings.c. session_internal.h says which file does what.
 */
#include "postgres.h"

#include "plpolar/session/session_triggers.h"
#include "session_internal.h"

void
plpolar_session_init(void)
{
	session_install_utility_hook();
	session_install_state_hooks();
	session_install_logon();
}
