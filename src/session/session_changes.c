/*
 * Session changes Oracle code makes in logon triggers: DBMS_SESSION.SET_ROLE
 * (and Oracle's SET ROLE statement) as PostgreSQL's SET ROLE, with Oracle's
 * forms (r IDENTIFIED BY pw, ALL, NONE) and its error for a role not granted
 * (ORA-01924); ALTER SESSION SET CURRENT_SCHEMA as the search_path.
 *
 * Inside a logon trigger they are not made at once but when all the logon
 * triggers have finished, in their subtransaction: PostgreSQL refuses SET
 * ROLE inside a definer-rights function (every Oracle-form system trigger
 * is one), a role taken in the middle of the run would change who the next
 * triggers run as, and a search_path set in the middle would re-resolve the
 * triggers' own statements (Oracle binds a unit's static SQL when it is
 * compiled). All or nothing with the triggers: if one fails, none is made.
 */
#include "postgres.h"

#include "catalog/namespace.h"
#include "commands/event_trigger.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/memutils.h"
#include "utils/varlena.h"

#include "session_internal.h"

/*
 * The role and the schema a logon trigger asked for (the last call's),
 * applied when the triggers finish; in TopMemoryContext.
 */
static char *pending_role = NULL;
static char *pending_schema = NULL;

static void
forget(char **pending)
{
	if (*pending != NULL)
		pfree(*pending);
	*pending = NULL;
}

static void
defer(char **pending, const char *value)
{
	MemoryContext old = MemoryContextSwitchTo(TopMemoryContext);

	forget(pending);
	*pending = pstrdup(value);
	MemoryContextSwitchTo(old);
}

/*
 * One role name as Oracle writes it: folded to lower case unless quoted
 * (PostgreSQL's rule, and Oracle's role names are case-insensitive).
 */
static char *
role_name(const char *start, const char *end)
{
	StringInfoData name;

	while (start < end && isspace((unsigned char) *start))
		start++;
	while (end > start && isspace((unsigned char) end[-1]))
		end--;
	initStringInfo(&name);
	if (end - start >= 2 && *start == '"' && end[-1] == '"')
	{
		const char *p;

		for (p = start + 1; p < end - 1; p++)
		{
			appendStringInfoChar(&name, *p);
			if (*p == '"' && p + 1 < end - 1 && p[1] == '"')
				p++;
		}
	}
	else
	{
		const char *p;

		for (p = start; p < end; p++)
		{
			if (isspace((unsigned char) *p) || *p == '"')
				ereport(ERROR,
						(errcode(ERRCODE_SYNTAX_ERROR),
						 errmsg("ORA-00924: missing BY keyword"),
						 errdetail("SET ROLE takes role [IDENTIFIED BY password], ALL or NONE: \"%.*s\".",
								   (int) (end - start), start)));
			appendStringInfoChar(&name, pg_tolower((unsigned char) *p));
		}
	}
	if (name.len == 0)
		ereport(ERROR, (errcode(ERRCODE_SYNTAX_ERROR), errmsg("ORA-01937: missing or invalid role name")));
	return name.data;
}

/* The word at *p (letters only), case-insensitive, then skips it. */
static bool
take_word(const char **p, const char *word)
{
	const char *s = *p;
	size_t		n = strlen(word);

	while (isspace((unsigned char) *s))
		s++;
	if (pg_strncasecmp(s, word, n) != 0 || isalnum((unsigned char) s[n]) || s[n] == '_' || s[n] == '$')
		return false;
	*p = s + n;
	return true;
}

/*
 * The role PostgreSQL's SET ROLE gets for Oracle's role_cmd: "none" (the
 * session user with what it inherits) for ALL and NONE, else the one role,
 * which the session user must have been granted.
 */
static char *
resolve_role_cmd(const char *cmd)
{
	const char *p = cmd;
	const char *comma;
	const char *end;
	const char *identified;
	char	   *name;
	Oid			roleid;

	if (take_word(&p, "NONE") || take_word(&p, "ALL"))
	{
		while (isspace((unsigned char) *p))
			p++;
		if (take_word(&p, "EXCEPT"))
			ereport(ERROR,
					(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
					 errmsg("SET ROLE ALL EXCEPT is not supported"),
					 errdetail("A PostgreSQL session acts as one role; its user has every role granted to it "
							   "WITH INHERIT, which no statement takes away for a session."),
					 errhint("Name the one role the session should act as.")));
		if (*p != '\0')
			ereport(ERROR, (errcode(ERRCODE_SYNTAX_ERROR), errmsg("ORA-00933: SQL command not properly ended"),
							errdetail("Nothing may follow SET ROLE ALL or NONE: \"%s\".", p)));
		/* NONE as Oracle's: no role enabled beyond the user's own. */
		return pstrdup("none");
	}
	comma = strchr(cmd, ',');
	if (comma != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("SET ROLE with several roles is not supported"),
				 errdetail("A PostgreSQL session acts as one role at a time: \"%s\".", cmd),
				 errhint("Grant the roles to one role and set that one, or rely on the session user's inherited "
						 "roles (SET ROLE ALL).")));
	end = cmd + strlen(cmd);
	/*
	 * r IDENTIFIED BY pw: PostgreSQL has no password-protected roles; the
	 * grant is what lets the session take the role, and the password is not
	 * looked at.
	 */
	identified = NULL;
	for (p = cmd; *p != '\0'; p++)
	{
		const char *q = p;

		if ((p == cmd || isspace((unsigned char) p[-1])) && take_word(&q, "IDENTIFIED"))
		{
			if (!take_word(&q, "BY"))
				ereport(ERROR, (errcode(ERRCODE_SYNTAX_ERROR), errmsg("ORA-00924: missing BY keyword")));
			identified = p;
			break;
		}
	}
	name = role_name(cmd, identified != NULL ? identified : end);
	roleid = get_role_oid(name, true);
	if (!OidIsValid(roleid) || !is_member_of_role(GetSessionUserId(), roleid))
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("ORA-01924: role '%s' not granted or does not exist", name),
				 errdetail("SET ROLE takes only roles granted to the session user \"%s\".",
						   GetUserNameFromId(GetSessionUserId(), false))));
	return name;
}

static void
set_role_now(const char *role)
{
	(void) set_config_option("role", role, PGC_USERSET, PGC_S_SESSION, GUC_ACTION_SET, true, 0, false);
}

/* Oracle's CURRENT_SCHEMA: the first schema names resolve in, alone. */
static void
set_schema_now(const char *schema)
{
	(void) set_config_option("search_path", quote_identifier(schema), PGC_USERSET, PGC_S_SESSION, GUC_ACTION_SET,
							 true, 0, false);
}

void
session_set_role(const char *role_cmd)
{
	char	   *role = resolve_role_cmd(role_cmd);

	if (session_in_logon_run())
		defer(&pending_role, role);
	else
		set_role_now(role);
}

void
session_apply_pending_changes(void)
{
	char	   *role = pending_role;
	char	   *schema = pending_schema;

	pending_role = NULL;
	pending_schema = NULL;
	PG_TRY();
	{
		if (schema != NULL)
			set_schema_now(schema);
		if (role != NULL)
			set_role_now(role);
	}
	PG_FINALLY();
	{
		if (role != NULL)
			pfree(role);
		if (schema != NULL)
			pfree(schema);
	}
	PG_END_TRY();
}

void
session_forget_pending_changes(void)
{
	forget(&pending_role);
	forget(&pending_schema);
}

PG_FUNCTION_INFO_V1(plpolar_set_role);

/* dbms_session.set_role(role_cmd) */
Datum
plpolar_set_role(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(0))
		ereport(ERROR, (errcode(ERRCODE_SYNTAX_ERROR), errmsg("ORA-01937: missing or invalid role name")));
	session_set_role(text_to_cstring(PG_GETARG_TEXT_PP(0)));
	PG_RETURN_VOID();
}

PG_FUNCTION_INFO_V1(plpolar_set_current_schema);

/*
 * plpolar.set_current_schema(schema): ALTER SESSION SET CURRENT_SCHEMA.
 * Oracle's ORA-01435 for a schema that does not exist (PostgreSQL's
 * search_path would take it silently and resolve nothing there).
 */
Datum
plpolar_set_current_schema(PG_FUNCTION_ARGS)
{
	char	   *schema = text_to_cstring(PG_GETARG_TEXT_PP(0));

	if (!OidIsValid(get_namespace_oid(schema, true)))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_SCHEMA), errmsg("ORA-01435: user does not exist"),
				 errdetail("There is no schema \"%s\" for ALTER SESSION SET CURRENT_SCHEMA.", schema)));
	if (session_in_logon_run())
		defer(&pending_schema, schema);
	else
		set_schema_now(schema);
	PG_RETURN_VOID();
}
