/*
 * SYS_CONTEXT('USERENV', ...), Oracle's event attribute functions
 * (ora_sysevent, ora_login_user, ora_dict_obj_name, ...), and the session
 * state DBMS_APPLICATION_INFO and DBMS_SESSION.SET_IDENTIFIER keep: SQL
 * functions in schema plpolar, usable from SQL (views, row-level security
 * policies) and from plpolar code, which calls them unqualified.
 *
 * Documented session state: the event trigger running (pushed by run.c
 * for the session events and by the call handler for PostgreSQL's DDL
 * events), the application's module, action, client info and client
 * identifier, and the application contexts' values (CREATE CONTEXT,
 * DBMS_SESSION.SET_CONTEXT), kept in TopMemoryContext for the session's
 * life and forgotten by DISCARD ALL.
 */
#include "postgres.h"

#include <unistd.h>
#include <sys/socket.h>

#include "access/xlog.h"
#include "catalog/namespace.h"
#include "commands/dbcommands.h"
#include "commands/event_trigger.h"
#include "common/ip.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "libpq/hba.h"
#include "libpq/libpq-be.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "nodes/parsenodes.h"
#include "tcop/cmdtag.h"
#include "tcop/utility.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/tuplestore.h"

#include "plpolar/session/context.h"
#include "plpolar/session/session_triggers.h"
#include "plpolar/settings/settings.h"
#include "session_internal.h"

/* The event trigger running, innermost; NULL outside one. */
static EventTriggerData *current_event = NULL;

/*
 * Application context values of the session: (namespace, attribute) in
 * upper case, value or NULL. Few per session; kept in their own memory
 * context under TopMemoryContext.
 */
typedef struct ContextValue
{
	char	   *ns;
	char	   *attribute;
	char	   *value;
} ContextValue;
static MemoryContext context_memory = NULL;
static ContextValue *context_values = NULL;
static int	context_count = 0;
static int	context_size = 0;

/* DBMS_APPLICATION_INFO and DBMS_SESSION.SET_IDENTIFIER; NULL: not set. */
static char *app_module = NULL;
static char *app_action = NULL;
static char *app_client_info = NULL;
static char *app_client_identifier = NULL;

EventTriggerData *
plpolar_push_event(EventTriggerData *data)
{
	EventTriggerData *previous = current_event;

	current_event = data;
	return previous;
}

void
plpolar_pop_event(EventTriggerData *previous)
{
	current_event = previous;
}

static bool
is_session_event(const EventTriggerData *e)
{
	return e != NULL && session_is_event(e->event);
}

#define RETURN_TEXT_OR_NULL(s) \
	do { \
		const char *value_ = (s); \
		if (value_ == NULL) \
			PG_RETURN_NULL(); \
		PG_RETURN_TEXT_P(cstring_to_text(value_)); \
	} while (0)

/* Oracle's upper-case form of a namespace or attribute name. */
static char *
upper_arg(text *t)
{
	char	   *s = text_to_cstring(t);
	char	   *p;

	for (p = s; *p; p++)
		*p = pg_ascii_toupper((unsigned char) *p);
	return s;
}

static char *
client_ip(void)
{
	char		host[NI_MAXHOST];
	int			family;

	if (MyProcPort == NULL)
		return NULL;
	family = MyProcPort->raddr.addr.ss_family;
	if (family != AF_INET && family != AF_INET6)
		return NULL;
	if (pg_getnameinfo_all(&MyProcPort->raddr.addr, MyProcPort->raddr.salen, host, sizeof(host), NULL, 0,
						   NI_NUMERICHOST) != 0)
		return NULL;
	return pstrdup(host);
}

/* The client's host name as the server knows it: its name when resolved
 * (log_hostname), else its address; "localhost" over a Unix socket. */
static const char *
client_host(void)
{
	char	   *ip;

	if (MyProcPort == NULL)
		return NULL;
	if (MyProcPort->remote_hostname != NULL)
		return MyProcPort->remote_hostname;
	ip = client_ip();
	if (ip != NULL)
		return ip;
	return "localhost";
}

static const char *
oracle_charset(void)
{
	switch (GetDatabaseEncoding())
	{
		case PG_UTF8:
			return "AL32UTF8";
		case PG_LATIN1:
			return "WE8ISO8859P1";
		case PG_LATIN9:
			return "WE8ISO8859P15";
		case PG_SQL_ASCII:
			return "US7ASCII";
		case PG_WIN1252:
			return "WE8MSWIN1252";
		case PG_EUC_JP:
			return "JA16EUC";
		case PG_SJIS:
			return "JA16SJIS";
		default:
			return GetDatabaseEncodingName();
	}
}

/* Oracle's names for the ways a session logs in. */
static const char *
authentication_method(void)
{
	if (MyProcPort == NULL || MyProcPort->hba == NULL)
		return "NONE";
	switch (MyProcPort->hba->auth_method)
	{
		case uaTrust:
		case uaReject:
		case uaImplicitReject:
			return "NONE";
		case uaPeer:
		case uaIdent:
			return "OS";
		case uaGSS:
		case uaSSPI:
			return "KERBEROS";
		case uaCert:
			return "SSL";
		case uaRADIUS:
			return "RADIUS";
		case uaPassword:
		case uaMD5:
		case uaSCRAM:
		case uaLDAP:
		case uaPAM:
		case uaBSD:
			return "PASSWORD";
	}
	return "NONE";
}

static char *
current_schema_name(void)
{
	List	   *path = fetch_search_path(false);
	char	   *name = NULL;

	if (path != NIL)
		name = get_namespace_name(linitial_oid(path));
	list_free(path);
	return name;
}

static char *
oid_text(Oid oid)
{
	return psprintf("%u", oid);
}

/*
 * USERENV's value for `key` (upper case); *known false for a key Oracle
 * does not define (ORA-02003). NULL for a defined key without a value here.
 */
/*
 * The session an autonomous transaction's worker stands for: the USERENV
 * attributes that are the process's (its client, its PID and start, what
 * DBMS_APPLICATION_INFO and DBMS_SESSION set) are the caller's, sent with
 * each call (src/autonomous).
 */
static const char *const borrowed_keys[] = {
	"HOST", "TERMINAL", "IP_ADDRESS", "NETWORK_PROTOCOL", "SID", "SESSIONID", "AUDSID", "MODULE",
	"CLIENT_PROGRAM_NAME", "ACTION", "CLIENT_INFO", "CLIENT_IDENTIFIER", "AUTHENTICATION_METHOD",
	"IDENTIFICATION_TYPE"
};
#define N_BORROWED (sizeof(borrowed_keys) / sizeof(borrowed_keys[0]))
static bool borrowing = false;
static char *borrowed[N_BORROWED];

static const char *userenv(const char *key, bool *known);

void
plpolar_session_identity_write(StringInfo buf)
{
	for (size_t i = 0; i < N_BORROWED; ++i)
	{
		bool		known;
		const char *v = userenv(borrowed_keys[i], &known);

		if (v == NULL)
			appendStringInfoChar(buf, 0);
		else
		{
			appendStringInfoChar(buf, 1);
			appendStringInfoString(buf, v);
			appendStringInfoChar(buf, '\0');
		}
	}
}

char *
plpolar_session_identity_read(char *at)
{
	for (size_t i = 0; i < N_BORROWED; ++i)
	{
		if (borrowed[i] != NULL)
			pfree(borrowed[i]);
		borrowed[i] = NULL;
		if (*at++ == 0)
			continue;
		borrowed[i] = MemoryContextStrdup(TopMemoryContext, at);
		at += strlen(at) + 1;
	}
	borrowing = true;
	return at;
}

static bool
borrowed_value(const char *key, const char **value)
{
	if (!borrowing)
		return false;
	for (size_t i = 0; i < N_BORROWED; ++i)
		if (strcmp(key, borrowed_keys[i]) == 0)
		{
			*value = borrowed[i];
			return true;
		}
	return false;
}

static const char *
userenv(const char *key, bool *known)
{
	const char *value;

	*known = true;
	if (borrowed_value(key, &value))
		return value;
	if (strcmp(key, "SESSION_USER") == 0 || strcmp(key, "AUTHENTICATED_IDENTITY") == 0)
		return GetUserNameFromId(GetSessionUserId(), false);
	if (strcmp(key, "CURRENT_USER") == 0)
		return GetUserNameFromId(GetUserId(), false);
	if (strcmp(key, "SESSION_USERID") == 0)
		return oid_text(GetSessionUserId());
	if (strcmp(key, "CURRENT_USERID") == 0)
		return oid_text(GetUserId());
	if (strcmp(key, "CURRENT_SCHEMA") == 0)
		return current_schema_name();
	if (strcmp(key, "CURRENT_SCHEMAID") == 0)
	{
		char	   *schema = current_schema_name();

		return schema == NULL ? NULL : oid_text(get_namespace_oid(schema, false));
	}
	if (strcmp(key, "DB_NAME") == 0 || strcmp(key, "DB_UNIQUE_NAME") == 0 || strcmp(key, "SERVICE_NAME") == 0 ||
		strcmp(key, "CON_NAME") == 0 || strcmp(key, "CDB_NAME") == 0)
		return get_database_name(MyDatabaseId);
	if (strcmp(key, "CON_ID") == 0)
		return oid_text(MyDatabaseId);
	if (strcmp(key, "DB_DOMAIN") == 0 || strcmp(key, "OS_USER") == 0 || strcmp(key, "PROXY_USER") == 0 ||
		strcmp(key, "PROXY_USERID") == 0 || strcmp(key, "BG_JOB_ID") == 0 || strcmp(key, "FG_JOB_ID") == 0 ||
		strcmp(key, "GLOBAL_UID") == 0 || strcmp(key, "ENTERPRISE_IDENTITY") == 0 ||
		strcmp(key, "POLICY_INVOKER") == 0 || strcmp(key, "CURRENT_SQL") == 0 || strcmp(key, "STATEMENTID") == 0 ||
		strcmp(key, "ENTRYID") == 0 || strcmp(key, "CLIENT_PROGRAM_NAME_ORIGINAL") == 0)
		return NULL;
	if (strcmp(key, "HOST") == 0 || strcmp(key, "TERMINAL") == 0)
		return client_host();
	if (strcmp(key, "IP_ADDRESS") == 0)
		return client_ip();
	if (strcmp(key, "NETWORK_PROTOCOL") == 0)
		return client_ip() != NULL ? "tcp" : (MyProcPort != NULL ? "ipc" : NULL);
	if (strcmp(key, "SID") == 0)
		return psprintf("%d", MyProcPid);
	if (strcmp(key, "SESSIONID") == 0 || strcmp(key, "AUDSID") == 0)
	{
		/* Unique for the server's life: the session's start and pid. */
		return psprintf(INT64_FORMAT, ((int64) MyStartTime) * 10000000 + MyProcPid % 10000000);
	}
	if (strcmp(key, "INSTANCE") == 0)
		return psprintf("%d", plpolar_settings->instance_num);
	if (strcmp(key, "INSTANCE_NAME") == 0)
	{
		const char *cluster = GetConfigOption("cluster_name", true, false);

		return cluster != NULL && cluster[0] != '\0' ? cluster : "postgresql";
	}
	if (strcmp(key, "SERVER_HOST") == 0)
	{
		char		host[256];

		if (gethostname(host, sizeof(host)) != 0)
			return NULL;
		host[sizeof(host) - 1] = '\0';
		return pstrdup(host);
	}
	if (strcmp(key, "MODULE") == 0 || strcmp(key, "CLIENT_PROGRAM_NAME") == 0)
	{
		const char *app = GetConfigOption("application_name", true, false);

		if (strcmp(key, "MODULE") == 0 && app_module != NULL)
			return app_module;
		return app != NULL && app[0] != '\0' ? app : NULL;
	}
	if (strcmp(key, "ACTION") == 0)
		return app_action;
	if (strcmp(key, "CLIENT_INFO") == 0)
		return app_client_info;
	if (strcmp(key, "CLIENT_IDENTIFIER") == 0)
		return app_client_identifier;
	if (strcmp(key, "ISDBA") == 0)
		return superuser_arg(GetSessionUserId()) ? "TRUE" : "FALSE";
	if (strcmp(key, "AUTHENTICATION_METHOD") == 0)
		return authentication_method();
	if (strcmp(key, "IDENTIFICATION_TYPE") == 0)
		return "LOCAL";
	if (strcmp(key, "DATABASE_ROLE") == 0)
		return RecoveryInProgress() ? "PHYSICAL STANDBY" : "PRIMARY";
	if (strcmp(key, "LANGUAGE") == 0)
		return psprintf("AMERICAN_AMERICA.%s", oracle_charset());
	if (strcmp(key, "LANG") == 0)
		return "US";
	if (strcmp(key, "NLS_TERRITORY") == 0)
		return "AMERICA";
	if (strcmp(key, "NLS_DATE_LANGUAGE") == 0)
		return "AMERICAN";
	if (strcmp(key, "NLS_CALENDAR") == 0)
		return "GREGORIAN";
	if (strcmp(key, "NLS_CURRENCY") == 0)
		return "$";
	if (strcmp(key, "NLS_SORT") == 0)
		return "BINARY";
	if (strcmp(key, "NLS_DATE_FORMAT") == 0)
		return GetConfigOption("plpolar.nls_date_format", true, false);
	if (strcmp(key, "CURRENT_EDITION_NAME") == 0)
		return "ORA$BASE";
	if (strcmp(key, "CURRENT_EDITION_ID") == 0)
		return "0";
	if (strcmp(key, "IS_APPLY_SERVER") == 0 || strcmp(key, "IS_DG_ROLLING_UPGRADE") == 0)
		return "FALSE";
	if (strcmp(key, "PLATFORM_SLASH") == 0)
		return "/";
	*known = false;
	return NULL;
}

static ContextValue *
find_context_value(const char *ns, const char *attribute)
{
	int			i;

	for (i = 0; i < context_count; i++)
		if (strcmp(context_values[i].ns, ns) == 0 && strcmp(context_values[i].attribute, attribute) == 0)
			return &context_values[i];
	return NULL;
}

static char *
upper_cstring(const char *s)
{
	char	   *u = pstrdup(s);
	char	   *p;

	for (p = u; *p; p++)
		*p = pg_ascii_toupper((unsigned char) *p);
	return u;
}

static void
remove_context_value(int i)
{
	pfree(context_values[i].ns);
	pfree(context_values[i].attribute);
	if (context_values[i].value)
		pfree(context_values[i].value);
	context_values[i] = context_values[--context_count];
}

/* Clears namespace `ns` (every one when NULL) of the session. */
static void
clear_context_values(const char *ns, const char *attribute)
{
	int			i = 0;

	while (i < context_count)
	{
		if ((ns == NULL || strcmp(context_values[i].ns, ns) == 0) &&
			(attribute == NULL || strcmp(context_values[i].attribute, attribute) == 0))
			remove_context_value(i);
		else
			i++;
	}
}

/*
 * Whether code of the given unit may set namespace `ns`: the unit CREATE
 * CONTEXT named. Oracle's rule: nothing else may, not even a DBA.
 */
static void
check_trusted_unit(const char *ns, const char *caller_schema, const char *caller_unit, bool caller_package)
{
	Oid			types[1] = {TEXTOID};
	Datum		values[1];
	char	   *schema = NULL;
	char	   *unit = NULL;
	bool		trusted = false;
	MemoryContext caller = CurrentMemoryContext;

	values[0] = CStringGetTextDatum(ns);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if (SPI_execute_with_args("SELECT c.schema, c.unit FROM plpolar.contexts c "
							  "WHERE c.namespace OPERATOR(pg_catalog.=) $1",
							  1, types, values, NULL, true, 1) == SPI_OK_SELECT && SPI_processed > 0)
	{
		MemoryContext spi = MemoryContextSwitchTo(caller);

		schema = pstrdup(SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1));
		unit = pstrdup(SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2));
		MemoryContextSwitchTo(spi);
	}
	SPI_finish();
	if (unit != NULL && caller_unit != NULL)
		trusted = strcmp(unit, caller_unit) == 0 &&
			(caller_package || (caller_schema != NULL && strcmp(schema, caller_schema) == 0));
	if (!trusted)
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("ORA-01031: insufficient privileges"),
				 unit == NULL
				 ? errdetail("No application context %s exists (CREATE CONTEXT %s USING unit).", ns, ns)
				 : errdetail("Only %s.%s may set or clear context %s.", schema, unit, ns)));
}

void
plpolar_context_change(const char *ns_in, const char *attribute_in, const char *value, bool clear,
					   const char *caller_schema, const char *caller_unit, bool caller_package)
{
	char	   *ns;
	char	   *attribute = NULL;
	ContextValue *v;
	MemoryContext old;

	if (ns_in == NULL || ns_in[0] == '\0')
		ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE), errmsg("ORA-28106: input value for argument #1 is not valid")));
	ns = upper_cstring(ns_in);
	check_trusted_unit(ns, caller_schema, caller_unit, caller_package);
	if (attribute_in != NULL)
		attribute = upper_cstring(attribute_in);
	if (clear)
	{
		clear_context_values(ns, attribute);
		return;
	}
	if (attribute == NULL || attribute[0] == '\0')
		ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE), errmsg("ORA-28106: input value for argument #2 is not valid")));
	/* Oracle's bounds: 30-byte names then, 4000-byte values. */
	if (strlen(attribute) > 128)
		ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE), errmsg("ORA-28106: input value for argument #2 is not valid"),
						errdetail("An attribute name is at most 128 bytes.")));
	if (context_memory == NULL)
		context_memory = AllocSetContextCreate(TopMemoryContext, "plpolar application contexts", ALLOCSET_SMALL_SIZES);
	old = MemoryContextSwitchTo(context_memory);
	v = find_context_value(ns, attribute);
	if (v == NULL)
	{
		if (context_count == context_size)
		{
			context_size = context_size == 0 ? 8 : context_size * 2;
			context_values = context_values == NULL ? palloc(sizeof(ContextValue) * context_size)
				: repalloc(context_values, sizeof(ContextValue) * context_size);
		}
		v = &context_values[context_count++];
		v->ns = pstrdup(ns);
		v->attribute = pstrdup(attribute);
		v->value = NULL;
	}
	if (v->value != NULL)
		pfree(v->value);
	v->value = value == NULL ? NULL : pnstrdup(value, pg_mbcliplen(value, strlen(value), 4000));
	MemoryContextSwitchTo(old);
}

PG_FUNCTION_INFO_V1(plpolar_sys_context);

/* sys_context(namespace, parameter [, length]) */
Datum
plpolar_sys_context(PG_FUNCTION_ARGS)
{
	char	   *ns;
	char	   *key;
	const char *value;
	bool		known;
	int			length = 256;
	text	   *result;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	ns = upper_arg(PG_GETARG_TEXT_PP(0));
	key = upper_arg(PG_GETARG_TEXT_PP(1));
	if (PG_NARGS() > 2 && !PG_ARGISNULL(2))
	{
		length = PG_GETARG_INT32(2);
		/* Oracle's: 1 to 4000; out of it, the default. */
		if (length < 1 || length > 4000)
			length = 256;
	}
	if (strcmp(ns, "USERENV") != 0)
	{
		/* An application context (CREATE CONTEXT): NULL without a value. */
		const ContextValue *v = find_context_value(ns, key);

		if (v == NULL || v->value == NULL)
			PG_RETURN_NULL();
		PG_RETURN_TEXT_P(cstring_to_text_with_len(v->value, pg_mbcliplen(v->value, strlen(v->value), length)));
	}
	value = userenv(key, &known);
	if (!known)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("ORA-02003: invalid USERENV parameter"),
				 errdetail("SYS_CONTEXT('USERENV', '%s'): no such parameter.", key)));
	if (value == NULL)
		PG_RETURN_NULL();
	result = cstring_to_text_with_len(value, pg_mbcliplen(value, strlen(value), length));
	PG_RETURN_TEXT_P(result);
}

/* ---- event attribute functions ---- */

/* The Oracle event: LOGON, LOGOFF, CREATE, ALTER, DROP, RENAME, GRANT, ... */
static const char *
sysevent(void)
{
	const char *tag;
	const char *space;

	if (current_event == NULL)
		return NULL;
	if (strcmp(current_event->event, "after_user_logon") == 0)
		return "LOGON";
	if (strcmp(current_event->event, "before_user_logoff") == 0)
		return "LOGOFF";
	if (current_event->parsetree != NULL && IsA(current_event->parsetree, RenameStmt))
		return "RENAME";
	tag = GetCommandTagName(current_event->tag);
	space = strchr(tag, ' ');
	return space == NULL ? tag : pnstrdup(tag, space - tag);
}

PG_FUNCTION_INFO_V1(plpolar_ora_sysevent);
Datum
plpolar_ora_sysevent(PG_FUNCTION_ARGS)
{
	RETURN_TEXT_OR_NULL(sysevent());
}

PG_FUNCTION_INFO_V1(plpolar_ora_login_user);
Datum
plpolar_ora_login_user(PG_FUNCTION_ARGS)
{
	RETURN_TEXT_OR_NULL(GetUserNameFromId(GetSessionUserId(), false));
}

PG_FUNCTION_INFO_V1(plpolar_ora_client_ip_address);
Datum
plpolar_ora_client_ip_address(PG_FUNCTION_ARGS)
{
	/* Oracle's is set in logon triggers; the session's address anyway. */
	{
		const char *ip;

		if (!borrowed_value("IP_ADDRESS", &ip))
			ip = client_ip();
		RETURN_TEXT_OR_NULL(ip);
	}
}

PG_FUNCTION_INFO_V1(plpolar_ora_database_name);
Datum
plpolar_ora_database_name(PG_FUNCTION_ARGS)
{
	RETURN_TEXT_OR_NULL(get_database_name(MyDatabaseId));
}

PG_FUNCTION_INFO_V1(plpolar_ora_instance_num);
Datum
plpolar_ora_instance_num(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(plpolar_settings->instance_num);
}

/*
 * The object of the DDL event running: its type (Oracle's upper-case
 * words: TABLE, VIEW, INDEX, FUNCTION, ...), schema and name, from
 * PostgreSQL's own reports: pg_event_trigger_ddl_commands() after a
 * command, pg_event_trigger_dropped_objects() in sql_drop; before a command
 * (ddl_command_start) only what its statement names.
 */
typedef struct DictObject
{
	char	   *type;
	char	   *owner;
	char	   *name;
} DictObject;


static void
dict_from_query(const char *sql, DictObject *out)
{
	MemoryContext caller = CurrentMemoryContext;

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if (SPI_execute(sql, true, 1) == SPI_OK_SELECT && SPI_processed > 0)
	{
		HeapTuple	tuple = SPI_tuptable->vals[0];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		char	   *type = SPI_getvalue(tuple, desc, 1);
		char	   *owner = SPI_getvalue(tuple, desc, 2);
		char	   *name = SPI_getvalue(tuple, desc, 3);
		MemoryContext spi = MemoryContextSwitchTo(caller);

		out->type = type ? upper_cstring(type) : NULL;
		out->owner = owner ? pstrdup(owner) : NULL;
		out->name = name ? pstrdup(name) : NULL;
		MemoryContextSwitchTo(spi);
	}
	SPI_finish();
}

/* What a statement names, before it runs. */
static void
dict_from_parsetree(Node *tree, DictObject *out)
{
	RangeVar   *rel = NULL;
	const char *type = NULL;

	if (tree == NULL)
		return;
	switch (nodeTag(tree))
	{
		case T_CreateStmt:
			rel = ((CreateStmt *) tree)->relation;
			type = "TABLE";
			break;
		case T_ViewStmt:
			rel = ((ViewStmt *) tree)->view;
			type = "VIEW";
			break;
		case T_CreateSeqStmt:
			rel = ((CreateSeqStmt *) tree)->sequence;
			type = "SEQUENCE";
			break;
		case T_AlterTableStmt:
			rel = ((AlterTableStmt *) tree)->relation;
			type = "TABLE";
			break;
		case T_IndexStmt:
			{
				IndexStmt  *s = (IndexStmt *) tree;

				out->type = pstrdup("INDEX");
				out->name = s->idxname ? pstrdup(s->idxname) : NULL;
				if (s->relation && s->relation->schemaname)
					out->owner = pstrdup(s->relation->schemaname);
				return;
			}
		case T_CreateFunctionStmt:
			{
				CreateFunctionStmt *s = (CreateFunctionStmt *) tree;
				char	   *schema;
				char	   *name;

				DeconstructQualifiedName(s->funcname, &schema, &name);
				out->type = pstrdup(s->is_procedure ? "PROCEDURE" : "FUNCTION");
				out->name = pstrdup(name);
				out->owner = schema ? pstrdup(schema) : NULL;
				return;
			}
		case T_DropStmt:
			{
				DropStmt   *s = (DropStmt *) tree;
				Node	   *first = s->objects != NIL ? (Node *) linitial(s->objects) : NULL;

				out->type = pstrdup(GetCommandTagName(CreateCommandTag(tree)) + strlen("DROP "));
				if (first != NULL && IsA(first, ObjectWithArgs))
					first = (Node *) ((ObjectWithArgs *) first)->objname;
				if (first != NULL && IsA(first, List))
				{
					char	   *schema;
					char	   *name;

					DeconstructQualifiedName((List *) first, &schema, &name);
					out->name = pstrdup(name);
					out->owner = schema ? pstrdup(schema) : NULL;
				}
				return;
			}
		case T_RenameStmt:
			rel = ((RenameStmt *) tree)->relation;
			type = "TABLE";
			break;
		default:
			return;
	}
	if (rel == NULL)
		return;
	out->type = pstrdup(type);
	out->name = pstrdup(rel->relname);
	if (rel->schemaname)
		out->owner = pstrdup(rel->schemaname);
}

static DictObject
dict_object(void)
{
	DictObject	out = {NULL, NULL, NULL};

	if (current_event == NULL || is_session_event(current_event))
		return out;
	if (strcmp(current_event->event, "ddl_command_end") == 0)
		dict_from_query("SELECT c.object_type, c.schema_name, "
						"COALESCE((pg_catalog.pg_identify_object(c.classid, c.objid, 0)).name, "
						"(SELECT p.proname::pg_catalog.text FROM pg_catalog.pg_proc p "
						"WHERE p.oid OPERATOR(pg_catalog.=) c.objid AND c.classid OPERATOR(pg_catalog.=) "
						"'pg_catalog.pg_proc'::pg_catalog.regclass), c.object_identity) "
						"FROM pg_catalog.pg_event_trigger_ddl_commands() c", &out);
	else if (strcmp(current_event->event, "sql_drop") == 0)
		dict_from_query("SELECT d.object_type, d.schema_name, COALESCE(d.object_name, "
						"d.address_names[pg_catalog.array_length(d.address_names, 1)], d.object_identity) "
						"FROM pg_catalog.pg_event_trigger_dropped_objects() d WHERE d.original", &out);
	else
		dict_from_parsetree(current_event->parsetree, &out);
	/* Oracle's owner of a schema's object is the schema's user. */
	if (out.owner == NULL && out.name != NULL)
		out.owner = current_schema_name();
	return out;
}

PG_FUNCTION_INFO_V1(plpolar_ora_dict_obj_name);
Datum
plpolar_ora_dict_obj_name(PG_FUNCTION_ARGS)
{
	RETURN_TEXT_OR_NULL(dict_object().name);
}

PG_FUNCTION_INFO_V1(plpolar_ora_dict_obj_type);
Datum
plpolar_ora_dict_obj_type(PG_FUNCTION_ARGS)
{
	RETURN_TEXT_OR_NULL(dict_object().type);
}

PG_FUNCTION_INFO_V1(plpolar_ora_dict_obj_owner);
Datum
plpolar_ora_dict_obj_owner(PG_FUNCTION_ARGS)
{
	RETURN_TEXT_OR_NULL(dict_object().owner);
}

/* ---- DBMS_APPLICATION_INFO, DBMS_SESSION.SET_IDENTIFIER ---- */

static void
keep(char **slot, text *value, int max_bytes)
{
	char	   *s = NULL;

	if (value != NULL)
	{
		char	   *given = text_to_cstring(value);
		int			len = pg_mbcliplen(given, strlen(given), max_bytes);

		s = MemoryContextAlloc(TopMemoryContext, len + 1);
		memcpy(s, given, len);
		s[len] = '\0';
	}
	if (*slot != NULL)
		pfree(*slot);
	*slot = s;
}

/*
 * The module is also the session's application_name, as pg_stat_activity
 * shows it (Oracle's V$SESSION.MODULE); Oracle keeps 48 bytes of it, 32 of
 * an action, 64 of client info and of a client identifier.
 */
PG_FUNCTION_INFO_V1(plpolar_set_module);
Datum
plpolar_set_module(PG_FUNCTION_ARGS)
{
	keep(&app_module, PG_ARGISNULL(0) ? NULL : PG_GETARG_TEXT_PP(0), 48);
	keep(&app_action, PG_ARGISNULL(1) ? NULL : PG_GETARG_TEXT_PP(1), 32);
	SetConfigOption("application_name", app_module != NULL ? app_module : "", PGC_USERSET, PGC_S_SESSION);
	PG_RETURN_VOID();
}

PG_FUNCTION_INFO_V1(plpolar_set_action);
Datum
plpolar_set_action(PG_FUNCTION_ARGS)
{
	keep(&app_action, PG_ARGISNULL(0) ? NULL : PG_GETARG_TEXT_PP(0), 32);
	PG_RETURN_VOID();
}

PG_FUNCTION_INFO_V1(plpolar_set_client_info);
Datum
plpolar_set_client_info(PG_FUNCTION_ARGS)
{
	keep(&app_client_info, PG_ARGISNULL(0) ? NULL : PG_GETARG_TEXT_PP(0), 64);
	PG_RETURN_VOID();
}

PG_FUNCTION_INFO_V1(plpolar_set_identifier);
Datum
plpolar_set_identifier(PG_FUNCTION_ARGS)
{
	/* clear_identifier() is the same function without an argument. */
	keep(&app_client_identifier, PG_NARGS() == 0 || PG_ARGISNULL(0) ? NULL : PG_GETARG_TEXT_PP(0), 64);
	PG_RETURN_VOID();
}

/*
 * A procedure's OUT parameters come back as one row, also when there is
 * only one.
 */
static Datum
out_row(FunctionCallInfo fcinfo, const char *const *values_in, int n)
{
	TupleDesc	desc;
	Datum		values[2];
	bool		nulls[2];
	int			i;

	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE || desc->natts != n)
		elog(ERROR, "a procedure's OUT parameters must be a row of %d", n);
	desc = BlessTupleDesc(desc);
	for (i = 0; i < n; i++)
	{
		nulls[i] = values_in[i] == NULL;
		values[i] = nulls[i] ? (Datum) 0 : PointerGetDatum(cstring_to_text(values_in[i]));
	}
	return HeapTupleGetDatum(heap_form_tuple(desc, values, nulls));
}

/* read_module(OUT module_name, OUT action_name) */
PG_FUNCTION_INFO_V1(plpolar_read_module);
Datum
plpolar_read_module(PG_FUNCTION_ARGS)
{
	const char *values[2] = {app_module, app_action};

	PG_RETURN_DATUM(out_row(fcinfo, values, 2));
}

/* read_client_info(OUT client_info) */
PG_FUNCTION_INFO_V1(plpolar_read_client_info);
Datum
plpolar_read_client_info(PG_FUNCTION_ARGS)
{
	const char *values[1] = {app_client_info};

	PG_RETURN_DATUM(out_row(fcinfo, values, 1));
}

/* ---- CREATE / DROP CONTEXT (plpolar.exec) ---- */

static void
require_superuser_for_context(void)
{
	if (!superuser())
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("ORA-01031: insufficient privileges"),
				 errdetail("Only a superuser creates and drops application contexts (Oracle's CREATE ANY CONTEXT).")));
}

/* create_context(namespace, schema, unit, replace) */
PG_FUNCTION_INFO_V1(plpolar_create_context);
Datum
plpolar_create_context(PG_FUNCTION_ARGS)
{
	char	   *ns = upper_arg(PG_GETARG_TEXT_PP(0));
	char	   *schema = text_to_cstring(PG_GETARG_TEXT_PP(1));
	char	   *unit = text_to_cstring(PG_GETARG_TEXT_PP(2));
	bool		replace = PG_GETARG_BOOL(3);
	Oid			types[3] = {TEXTOID, TEXTOID, TEXTOID};
	Datum		values[3];
	int			rc;

	require_superuser_for_context();
	if (ns[0] == '\0' || strlen(ns) > 128 || unit[0] == '\0')
		ereport(ERROR, (errcode(ERRCODE_INVALID_NAME), errmsg("invalid application context name \"%s\"", ns)));
	if (strcmp(ns, "USERENV") == 0 || strncmp(ns, "SYS_", 4) == 0)
		ereport(ERROR,
				(errcode(ERRCODE_RESERVED_NAME), errmsg("ORA-00955: name is already used by an existing object"),
				 errdetail("%s is Oracle's own namespace.", ns)));
	/* The procedure's schema: the creator's current schema if not named. */
	if (schema[0] == '\0')
	{
		char	   *current = current_schema_name();

		if (current == NULL)
			ereport(ERROR, (errcode(ERRCODE_UNDEFINED_SCHEMA), errmsg("no schema has been selected to create in")));
		schema = current;
	}
	values[0] = CStringGetTextDatum(ns);
	values[1] = CStringGetTextDatum(schema);
	values[2] = CStringGetTextDatum(unit);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if (replace)
		rc = SPI_execute_with_args("INSERT INTO plpolar.contexts AS c (namespace, schema, unit) VALUES ($1, $2, $3) "
								   "ON CONFLICT (namespace) DO UPDATE SET schema = EXCLUDED.schema, unit = EXCLUDED.unit",
								   3, types, values, NULL, false, 0);
	else
		rc = SPI_execute_with_args("INSERT INTO plpolar.contexts (namespace, schema, unit) VALUES ($1, $2, $3) "
								   "ON CONFLICT (namespace) DO NOTHING", 3, types, values, NULL, false, 0);
	if (rc != SPI_OK_INSERT)
		elog(ERROR, "could not record context %s", ns);
	if (SPI_processed == 0)
		ereport(ERROR,
				(errcode(ERRCODE_DUPLICATE_OBJECT), errmsg("ORA-00955: name is already used by an existing object"),
				 errdetail("Context %s exists; CREATE OR REPLACE CONTEXT changes its unit.", ns)));
	SPI_finish();
	PG_RETURN_VOID();
}

PG_FUNCTION_INFO_V1(plpolar_drop_context);
Datum
plpolar_drop_context(PG_FUNCTION_ARGS)
{
	char	   *ns = upper_arg(PG_GETARG_TEXT_PP(0));
	Oid			types[1] = {TEXTOID};
	Datum		values[1];
	uint64		dropped;

	require_superuser_for_context();
	values[0] = CStringGetTextDatum(ns);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if (SPI_execute_with_args("DELETE FROM plpolar.contexts WHERE namespace OPERATOR(pg_catalog.=) $1", 1, types,
							  values, NULL, false, 0) != SPI_OK_DELETE)
		elog(ERROR, "could not drop context %s", ns);
	dropped = SPI_processed;
	SPI_finish();
	if (dropped == 0)
		ereport(ERROR, (errcode(ERRCODE_UNDEFINED_OBJECT), errmsg("ORA-04043: object %s does not exist", ns)));
	/* This session's values go with it (other sessions keep theirs). */
	clear_context_values(ns, NULL);
	PG_RETURN_VOID();
}

/* session_context_values(): Oracle's SESSION_CONTEXT view. */
PG_FUNCTION_INFO_V1(plpolar_session_context);
Datum
plpolar_session_context(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	int			i;

	InitMaterializedSRF(fcinfo, 0);
	for (i = 0; i < context_count; i++)
	{
		Datum		values[3];
		bool		nulls[3] = {false, false, false};

		values[0] = CStringGetTextDatum(context_values[i].ns);
		values[1] = CStringGetTextDatum(context_values[i].attribute);
		if (context_values[i].value != NULL)
			values[2] = CStringGetTextDatum(context_values[i].value);
		else
			nulls[2] = true;
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

/* DISCARD ALL resets the session: these go with it. */
void
session_reset_application_info(void)
{
	char	  **slots[] = {&app_module, &app_action, &app_client_info, &app_client_identifier};
	int			i;

	for (i = 0; i < 4; i++)
		if (*slots[i] != NULL)
		{
			pfree(*slots[i]);
			*slots[i] = NULL;
		}
	clear_context_values(NULL, NULL);
}
