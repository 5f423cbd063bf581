// The parser hooks that bind PL variables in embedded SQL as PARAM_EXTERN
// parameters (spi_hooks.hpp).
#include "spi_hooks.hpp"

#include <cstring>

extern "C" {
#include "catalog/pg_namespace.h"
#include "catalog/pg_proc.h"
#include "nodes/makefuncs.h"
#include "nodes/nodeFuncs.h"
#include "parser/parse_func.h"
#include "utils/lsyscache.h"
#include "utils/typcache.h"
}

namespace plpolar::pg {

// They run inside PostgreSQL's parser; no C++ object with a destructor may
// be alive in these frames when they call PostgreSQL.

namespace {

Param *MakeParam(const SqlStatement *stmt, int slot, int location) {
    Oid type;
    int32 typmod;
    Oid collation;
    if (!stmt->resolver()->SlotType(slot, &type, &typmod, &collation)) return NULL;
    // A variable declared RECORD (a cursor's row) has the shape of its
    // current value, as PL/pgSQL's record variables do. The hooks run again
    // whenever the plan cache rebuilds the plan, so the statement's runner
    // keeps the current values at hand for every execution (BindingScope).
    const Value *slots = stmt->binding_slots();
    if (type == RECORDOID && slots != NULL && !slots[slot].isnull && slots[slot].type == RECORDOID) {
        HeapTupleHeader h = DatumGetHeapTupleHeader(slots[slot].datum);
        typmod = HeapTupleHeaderGetTypMod(h);
    }
    Param *param = makeNode(Param);
    param->paramkind = PARAM_EXTERN;
    param->paramid = slot + 1;
    param->paramtype = type;
    param->paramtypmod = typmod;
    param->paramcollid = collation;
    param->location = location;
    return param;
}

// A field of a composite expression (the field of a record's field).
Node *SelectFieldOf(Node *arg, const char *field, int location) {
    Oid type = exprType(arg);
    int32 typmod = exprTypmod(arg);
    if (type_is_rowtype(type)) {
        TupleDesc desc = lookup_rowtype_tupdesc(type, typmod);
        for (int i = 0; i < desc->natts; i++) {
            Form_pg_attribute a = TupleDescAttr(desc, i);
            if (a->attisdropped || strcmp(NameStr(a->attname), field) != 0) continue;
            FieldSelect *fs = makeNode(FieldSelect);
            fs->arg = (Expr *)arg;
            fs->fieldnum = (AttrNumber)(i + 1);
            fs->resulttype = a->atttypid;
            fs->resulttypmod = a->atttypmod;
            fs->resultcollid = a->attcollation;
            ReleaseTupleDesc(desc);
            return (Node *)fs;
        }
        ReleaseTupleDesc(desc);
    }
    ereport(ERROR,
            (errcode(ERRCODE_UNDEFINED_COLUMN), errmsg("record has no field \"%s\"", field), errposition(location)));
    return NULL;
}

// record.field: a FieldSelect over the record's parameter. (PostgreSQL's
// own projection cannot see the typmod of a RECORD parameter.)
Node *SelectField(Param *param, const char *record, const char *field, int location) {
    // Only a cursor row variable that holds no row yet has no shape.
    if (param->paramtype == RECORDOID && param->paramtypmod < 0)
        ereport(ERROR,
                (errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE), errmsg("record \"%s\" is not assigned yet", record),
                 errdetail("The shape of a cursor's row is known only after a row was fetched into it."),
                 errposition(location)));
    return SelectFieldOf((Node *)param, field, location);
}

// rec.f of a named row type: the field's own parameter (FieldParamId);
// NULL when the statement has no room left (a FieldSelect then).
Param *FieldParam(SqlStatement *stmt, Param *row, int slot, const char *field) {
    TupleDesc desc = lookup_rowtype_tupdesc(row->paramtype, row->paramtypmod);
    for (int i = 0; i < desc->natts; i++) {
        Form_pg_attribute a = TupleDescAttr(desc, i);
        if (a->attisdropped || strcmp(NameStr(a->attname), field) != 0) continue;
        int id = stmt->FieldParamId(slot, field, (int16)(i + 1), a->atttypid);
        Param *param = NULL;
        if (id > 0) {
            param = makeNode(Param);
            param->paramkind = PARAM_EXTERN;
            param->paramid = id;
            param->paramtype = a->atttypid;
            param->paramtypmod = a->atttypmod;
            param->paramcollid = a->attcollation;
            param->location = row->location;
        }
        ReleaseTupleDesc(desc);
        return param;
    }
    ReleaseTupleDesc(desc);
    return NULL;  // no such field: SelectField says so
}

// pkg.f or f written without parentheses, as Oracle calls a function that
// takes no arguments: when no column or variable has the name, a function
// of no arguments does (a schema's or package's; an unqualified name not
// pg_catalog's, which would turn a misspelt column into now() or pi()).
Node *FunctionWithoutParens(ParseState *pstate, ColumnRef *cref, int nparts) {
    if (nparts < 1 || nparts > 3) return NULL;
    Oid f = LookupFuncName(cref->fields, 0, NULL, true);
    if (!OidIsValid(f) || get_func_prokind(f) != PROKIND_FUNCTION) return NULL;
    if (nparts == 1 && get_func_namespace(f) == PG_CATALOG_NAMESPACE) return NULL;
    FuncCall *call = makeFuncCall(cref->fields, NIL, COERCE_EXPLICIT_CALL, cref->location);
    return ParseFuncOrColumn(pstate, cref->fields, NIL, pstate->p_last_srf, call, false, cref->location);
}

Node *PostColumnRefHook(ParseState *pstate, ColumnRef *cref, Node *var) {
    // A table column wins over a PL variable of the same name, as in Oracle.
    if (var != NULL) return NULL;
    auto *stmt = static_cast<SqlStatement *>(pstate->p_ref_hook_state);
    const char *parts[4] = {NULL, NULL, NULL, NULL};
    int nparts = 0;
    ListCell *lc;
    foreach (lc, cref->fields) {
        Node *field = (Node *)lfirst(lc);
        if (!IsA(field, String) || nparts == 4) return NULL;
        parts[nparts++] = strVal(field);
    }
    int slot;
    const char *field = NULL;
    int path_from = nparts;
    if (!stmt->resolver()->ResolveColumnRef(parts, nparts, &slot, &field, &path_from))
        return FunctionWithoutParens(pstate, cref, nparts);
    Param *param = MakeParam(stmt, slot, cref->location);
    if (param != NULL && field != NULL && path_from < nparts) {
        // rec.a.b: the field's fields, one FieldSelect each.
        const_cast<SqlStatement *>(stmt)->MarkUsed(slot);
        Node *node = SelectField(param, parts[0], field, cref->location);
        for (int k = path_from; k < nparts; ++k) node = SelectFieldOf(node, parts[k], cref->location);
        return node;
    }
    if (param != NULL && field != NULL && param->paramtype != RECORDOID) {
        // Only the field is bound, not the slot: a trigger's row read
        // field by field is never formed (SqlStatement::ReadsSlot).
        Param *fp = FieldParam(const_cast<SqlStatement *>(stmt), param, slot, field);
        if (fp != NULL) return (Node *)fp;
    }
    const_cast<SqlStatement *>(stmt)->MarkUsed(slot);
    if (param == NULL || field == NULL) return (Node *)param;
    return SelectField(param, parts[nparts - 2], field, cref->location);
}

Node *ParamRefHook(ParseState *pstate, ParamRef *pref) {
    auto *stmt = static_cast<SqlStatement *>(pstate->p_ref_hook_state);
    int slot;
    if (!stmt->resolver()->ResolvePositional(pref->number, &slot)) return NULL;
    stmt->MarkUsed(slot);
    return (Node *)MakeParam(stmt, slot, pref->location);
}

}  // namespace

void InstallVariableHooks(ParseState *pstate, void *arg) {
    pstate->p_post_columnref_hook = PostColumnRefHook;
    pstate->p_paramref_hook = ParamRefHook;
    pstate->p_ref_hook_state = arg;
}

}  // namespace plpolar::pg
