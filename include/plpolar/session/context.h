/* Application contexts' session values (session/context.c); C and C++. */
#ifndef PLPOLAR_SESSION_CONTEXT_H
#define PLPOLAR_SESSION_CONTEXT_H

#ifdef __cplusplus
extern "C" {
#endif

/*
 * DBMS_SESSION.SET_CONTEXT (clear false) and CLEAR_CONTEXT /
 * CLEAR_ALL_CONTEXT (clear true; attribute NULL: every attribute) of
 * namespace `ns`, called by code of unit `caller_unit`: a package (its
 * name), a standalone routine of `caller_schema`, or NULL for an anonymous
 * block. Raises ORA-01031 unless CREATE CONTEXT named that unit. May raise
 * a PostgreSQL ERROR: call it through the guard.
 */
void		plpolar_context_change(const char *ns, const char *attribute, const char *value, bool clear,
								   const char *caller_schema, const char *caller_unit, bool caller_package);

/*
 * The session's own USERENV attributes (client, SID, module, ...), written
 * by an autonomous call's caller and read by its worker, which then reports
 * them as its own. C only (StringInfo).
 */
#ifndef __cplusplus
#include "lib/stringinfo.h"
void		plpolar_session_identity_write(StringInfo buf);
char	   *plpolar_session_identity_read(char *at);
#endif

#ifdef __cplusplus
}
#endif

#endif
