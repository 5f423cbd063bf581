/*
 * CREATE EVENT TRIGGER ... ON after_user_logon | before_user_logoff.
 *
 * PostgreSQL's CreateEventTrigger rejects these event names; a
 * ProcessUtility hook takes the statement over and writes an ordinary
 * pg_event_trigger row with its dependencies, so that \dy, ALTER/COMMENT/
 * DROP EVENT TRIGGER and pg_dump work unchanged.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "access/table.h"
#include "catalog/catalog.h"
#include "catalog/dependency.h"
#include "catalog/indexing.h"
#include "catalog/objectaccess.h"
#include "catalog/pg_event_trigger.h"
#include "catalog/pg_proc.h"
#include "catalog/pg_type.h"
#include "commands/event_trigger.h"
#include "commands/trigger.h"
#include "miscadmin.h"
#include "nodes/parsenodes.h"
#include "parser/parse_func.h"
#include "tcop/utility.h"
#include "utils/acl.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

#include "plpolar/session/session_triggers.h"
#include "session_internal.h"

static ProcessUtility_hook_type prev_process_utility = NULL;
static void (*discard_all_callback) (void) = NULL;

void
plpolar_session_on_discard_all(void (*callback) (void))
{
	discard_all_callback = callback;
}

/*
 * WHEN TAG IN ('alice', ...) on a session event: the trigger fires only in
 * sessions of those users (Oracle's AFTER LOGON ON alice.SCHEMA), kept in
 * evttags, where pg_dump finds it and writes the same clause back. The
 * roles must exist; their names are kept as written (a renamed role's
 * sessions no longer match). (Datum) 0 without a filter.
 */
static Datum
session_users_filter(CreateEventTrigStmt *stmt)
{
	ListCell   *lc;
	List	   *names = NIL;
	Datum	   *elems;
	int			n = 0;

	foreach(lc, stmt->whenclause)
	{
		DefElem    *def = lfirst_node(DefElem, lc);
		ListCell   *lc2;

		if (strcmp(def->defname, "tag") != 0)
			ereport(ERROR,
					(errcode(ERRCODE_SYNTAX_ERROR),
					 errmsg("unrecognized filter variable \"%s\"", def->defname),
					 errhint("A session event's filter is WHEN TAG IN ('user', ...): the users whose sessions fire it.")));
		if (names != NIL)
			ereport(ERROR,
					(errcode(ERRCODE_SYNTAX_ERROR),
					 errmsg("filter variable \"%s\" specified more than once", def->defname)));
		foreach(lc2, (List *) def->arg)
		{
			const char *user = strVal(lfirst(lc2));

			(void) get_role_oid(user, false);
			names = lappend(names, (void *) user);
		}
	}
	if (names == NIL)
		return (Datum) 0;
	elems = palloc(sizeof(Datum) * list_length(names));
	foreach(lc, names)
		elems[n++] = CStringGetTextDatum((const char *) lfirst(lc));
	return PointerGetDatum(construct_array(elems, n, TEXTOID, -1, false, TYPALIGN_INT));
}

static void
create_session_event_trigger(CreateEventTrigStmt *stmt)
{
	Relation	rel;
	Oid			trigoid;
	Oid			funcoid;
	Datum		values[Natts_pg_event_trigger];
	bool		nulls[Natts_pg_event_trigger];
	NameData	evtname;
	NameData	evtevent;
	HeapTuple	tuple;
	ObjectAddress myself;
	ObjectAddress referenced;
	Datum		users;

	if (!superuser())
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("permission denied to create event trigger \"%s\"", stmt->trigname),
				 errhint("Must be superuser to create an event trigger.")));
	users = session_users_filter(stmt);
	if (OidIsValid(get_event_trigger_oid(stmt->trigname, true)))
		ereport(ERROR,
				(errcode(ERRCODE_DUPLICATE_OBJECT),
				 errmsg("event trigger \"%s\" already exists", stmt->trigname)));

	funcoid = LookupFuncName(stmt->funcname, 0, NULL, false);
	if (get_func_rettype(funcoid) != EVENT_TRIGGEROID)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_OBJECT_DEFINITION),
				 errmsg("function %s must return type %s",
						NameListToString(stmt->funcname), "event_trigger")));

	session_bump_generation_now_and_at_xact_end();
	rel = table_open(EventTriggerRelationId, RowExclusiveLock);
	trigoid = GetNewOidWithIndex(rel, EventTriggerOidIndexId, Anum_pg_event_trigger_oid);
	memset(nulls, false, sizeof(nulls));
	namestrcpy(&evtname, stmt->trigname);
	namestrcpy(&evtevent, stmt->eventname);
	values[Anum_pg_event_trigger_oid - 1] = ObjectIdGetDatum(trigoid);
	values[Anum_pg_event_trigger_evtname - 1] = NameGetDatum(&evtname);
	values[Anum_pg_event_trigger_evtevent - 1] = NameGetDatum(&evtevent);
	values[Anum_pg_event_trigger_evtowner - 1] = ObjectIdGetDatum(GetUserId());
	values[Anum_pg_event_trigger_evtfoid - 1] = ObjectIdGetDatum(funcoid);
	values[Anum_pg_event_trigger_evtenabled - 1] = CharGetDatum(TRIGGER_FIRES_ON_ORIGIN);
	if (users == (Datum) 0)
		nulls[Anum_pg_event_trigger_evttags - 1] = true;
	else
		values[Anum_pg_event_trigger_evttags - 1] = users;
	tuple = heap_form_tuple(RelationGetDescr(rel), values, nulls);
	CatalogTupleInsert(rel, tuple);
	heap_freetuple(tuple);

	/* The same dependencies PostgreSQL records for its own event triggers. */
	ObjectAddressSet(myself, EventTriggerRelationId, trigoid);
	ObjectAddressSet(referenced, ProcedureRelationId, funcoid);
	recordDependencyOn(&myself, &referenced, DEPENDENCY_NORMAL);
	recordDependencyOnOwner(EventTriggerRelationId, trigoid, GetUserId());
	recordDependencyOnCurrentExtension(&myself, false);
	InvokeObjectPostCreateHook(EventTriggerRelationId, trigoid, 0);

	table_close(rel, RowExclusiveLock);
}

static void
plpolar_process_utility(PlannedStmt *pstmt, const char *queryString, bool readOnlyTree,
						ProcessUtilityContext context, ParamListInfo params,
						QueryEnvironment *queryEnv, DestReceiver *dest, QueryCompletion *qc)
{
	Node	   *parsetree = pstmt->utilityStmt;

	if (IsA(parsetree, CreateEventTrigStmt) &&
		session_is_event(((CreateEventTrigStmt *) parsetree)->eventname))
	{
		create_session_event_trigger((CreateEventTrigStmt *) parsetree);
		if (qc)
			SetQueryCompletion(qc, CMDTAG_CREATE_EVENT_TRIGGER, 0);
		return;
	}
	if (prev_process_utility)
		prev_process_utility(pstmt, queryString, readOnlyTree, context, params, queryEnv, dest, qc);
	else
		standard_ProcessUtility(pstmt, queryString, readOnlyTree, context, params, queryEnv, dest, qc);

	/*
	 * A new database copies its template's triggers; should it ever reuse
	 * the OID of a dropped one, that one's "no triggers" mark must not apply.
	 */
	if (IsA(parsetree, DiscardStmt) && ((DiscardStmt *) parsetree)->target == DISCARD_ALL)
	{
		session_reset_application_info();
		if (discard_all_callback != NULL)
			discard_all_callback();
	}

	if (IsA(parsetree, CreatedbStmt) ||
		(IsA(parsetree, RenameStmt) && ((RenameStmt *) parsetree)->renameType == OBJECT_DATABASE))
		session_bump_generation();
}

void
session_install_utility_hook(void)
{
	prev_process_utility = ProcessUtility_hook;
	ProcessUtility_hook = plpolar_process_utility;
}
