/* Session events (after_user_logon, before_user_logoff); C and C++. */
#ifndef PLPOLAR_SESSION_TRIGGERS_H
#define PLPOLAR_SESSION_TRIGGERS_H

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Hooks and the rendezvous entry point; called from _PG_init. The
 * settings are plpolar_define_settings' (plpolar/settings/settings.h).
 */
void		plpolar_session_init(void);

/*
 * Called after a successful DISCARD ALL, which resets the session to its
 * initial state: package state is session state (exec/package_instance.cpp).
 */
void		plpolar_session_on_discard_all(void (*callback) (void));

/*
 * The event trigger running, for ora_sysevent and friends (context.c):
 * push returns the one it hides, which pop restores.
 */
struct EventTriggerData;
struct EventTriggerData *plpolar_push_event(struct EventTriggerData *data);
void		plpolar_pop_event(struct EventTriggerData *previous);

#ifdef __cplusplus
}
#endif

#endif
