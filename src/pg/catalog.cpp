#include "plpolar/pg/catalog.hpp"

#include "plpolar/pg/guard.hpp"
#include "plpolar/pg/memory.hpp"

extern "C" {
#include "access/htup_details.h"
#include "access/sysattr.h"
#include "catalog/dependency.h"
#include "catalog/index.h"
#include "catalog/namespace.h"
#include "catalog/pg_attribute.h"
#include "catalog/pg_constraint.h"
#include "catalog/pg_index.h"
#include "catalog/pg_type.h"
#include "common/keywords.h"
#include "common/kwlookup.h"
#include "executor/spi.h"
#include "nodes/parsenodes.h"
#include "parser/parse_func.h"
#include "parser/parse_type.h"
#include "parser/parser.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/regproc.h"
#include "utils/syscache.h"
}

namespace plpolar::pg {

bool IsQuotedKeyword(const std::string &word) noexcept {
    // A lookup in a static table: it neither allocates nor raises.
    int n = ScanKeywordLookup(word.c_str(), &ScanKeywords);
    return n >= 0 && ScanKeywordCategories[n] != UNRESERVED_KEYWORD;
}

bool ValidatorMayCheck(Oid validator_oid, Oid fn_oid) {
    return Guarded([validator_oid, fn_oid] { return CheckFunctionValidatorAccess(validator_oid, fn_oid); });
}

namespace {

// pg_proc fields copied into plain C memory inside the guard; turned into
// C++ objects after it.
struct RawProc {
    char *name;
    char *schema;
    char *source;
    int nargs;
    Oid *argtypes;
    char *argmodes;  // NULL when all IN
    int nallargs;
    Oid *alltypes;
    char **allnames;  // NULL, or entries that may be NULL or empty
    Oid rettype;
    bool retset;
    char volatility;
    bool strict;
    char kind;
    TransactionId xmin;
    ItemPointerData tid;
};

void ReadProc(Oid fn_oid, RawProc *raw) {
    HeapTuple tuple = SearchSysCache1(PROCOID, ObjectIdGetDatum(fn_oid));
    if (!HeapTupleIsValid(tuple)) elog(ERROR, "cache lookup failed for function %u", fn_oid);
    Form_pg_proc proc = (Form_pg_proc)GETSTRUCT(tuple);
    raw->name = pstrdup(NameStr(proc->proname));
    raw->schema = get_namespace_name(proc->pronamespace);
    bool isnull;
    Datum src = SysCacheGetAttr(PROCOID, tuple, Anum_pg_proc_prosrc, &isnull);
    if (isnull) elog(ERROR, "null prosrc for function %u", fn_oid);
    raw->source = TextDatumGetCString(src);
    raw->nargs = proc->pronargs;
    raw->nallargs = get_func_arg_info(tuple, &raw->alltypes, &raw->allnames, &raw->argmodes);
    raw->rettype = proc->prorettype;
    raw->retset = proc->proretset;
    raw->volatility = proc->provolatile;
    raw->strict = proc->proisstrict;
    raw->kind = proc->prokind;
    raw->xmin = HeapTupleHeaderGetRawXmin(tuple->t_data);
    raw->tid = tuple->t_self;
    ReleaseSysCache(tuple);
}

}  // namespace

FunctionInfo LoadFunctionInfo(Oid fn_oid) {
    MemoryContext scratch = CreateContext(CurrentMemoryContext, "plpolar pg_proc");
    struct Cleanup {
        MemoryContext c;
        ~Cleanup() {
            try {
                DeleteContext(c);
            } catch (const PgError &) {
            }
        }
    } cleanup{scratch};
    RawProc raw{};
    RawProc *praw = &raw;
    {
        MemoryContextScope in_scratch(scratch);
        Guarded([fn_oid, praw] { ReadProc(fn_oid, praw); });
    }

    FunctionInfo info;
    info.oid = fn_oid;
    info.name = raw.name;
    if (raw.schema != nullptr) info.schema = raw.schema;
    info.signature = FunctionSignature(fn_oid);
    info.source = raw.source;
    info.volatility = raw.volatility;
    info.strict = raw.strict;
    info.is_procedure = raw.kind == PROKIND_PROCEDURE;
    info.xmin = raw.xmin;
    info.tid = raw.tid;
    for (int i = 0; i < raw.nallargs; ++i) {
        char mode = raw.argmodes ? raw.argmodes[i] : PROARGMODE_IN;
        if (mode == PROARGMODE_TABLE) Raise(ERRCODE_FEATURE_NOT_SUPPORTED, "plpolar functions cannot return sets yet");
        TypeInfo t = TypeFromOid(raw.alltypes[i], -1);
        if (t.typtype == TYPTYPE_PSEUDO)
            Raise(ERRCODE_FEATURE_NOT_SUPPORTED,
                  "plpolar functions cannot accept type " + FormatType(raw.alltypes[i], -1));
        int index = static_cast<int>(info.arg_types.size());
        info.arg_types.push_back(t);
        info.arg_names.emplace_back(raw.allnames && raw.allnames[i] ? raw.allnames[i] : "");
        info.arg_modes.push_back(mode);
        // CALL lists a procedure's OUT parameters but passes only IN ones.
        if (mode != PROARGMODE_OUT) info.input_args.push_back(index);
        if (mode == PROARGMODE_OUT || mode == PROARGMODE_INOUT) info.output_args.push_back(index);
    }
    // SETOF t: a PIPELINED function, whose PIPE ROW statements make the rows.
    info.returns_set = raw.retset;
    info.return_type = TypeFromOid(raw.rettype, -1);
    if (raw.rettype == EVENT_TRIGGEROID) {
        info.is_event_trigger = true;
    } else if (raw.rettype == TRIGGEROID) {
        info.is_dml_trigger = true;
    } else if (info.return_type.typtype == TYPTYPE_PSEUDO && raw.rettype != VOIDOID &&
               !(raw.rettype == RECORDOID && info.output_args.size() > 1) &&
               !(raw.rettype == RECORDOID && info.is_procedure && !info.output_args.empty())) {
        Raise(ERRCODE_FEATURE_NOT_SUPPORTED, "plpolar functions cannot return type " + FormatType(raw.rettype, -1));
    }
    return info;
}

bool FunctionRowUnchanged(Oid fn_oid, TransactionId xmin, const ItemPointerData &tid) {
    const ItemPointerData *ptid = &tid;
    return Guarded([fn_oid, xmin, ptid] {
        HeapTuple tuple = SearchSysCache1(PROCOID, ObjectIdGetDatum(fn_oid));
        if (!HeapTupleIsValid(tuple)) elog(ERROR, "cache lookup failed for function %u", fn_oid);
        bool same = HeapTupleHeaderGetRawXmin(tuple->t_data) == xmin &&
                    ItemPointerEquals(&tuple->t_self, const_cast<ItemPointer>(ptid));
        ReleaseSysCache(tuple);
        return same;
    });
}

std::string FunctionSignature(Oid fn_oid) {
    char *s = Guarded([fn_oid] { return format_procedure(fn_oid); });
    std::string out(s);
    pfree(s);
    return out;
}

namespace {

// Candidates for a possibly qualified name: nargs -1 for any number.
FuncCandidateList Candidates(const std::vector<std::string> &name, int nargs, bool include_out) {
    std::vector<const char *> parts;
    for (const auto &p : name) parts.push_back(p.c_str());
    const char *const *pp = parts.data();
    int n = static_cast<int>(parts.size());
    return Guarded([pp, n, nargs, include_out] {
        List *names = NIL;
        for (int i = 0; i < n; i++) names = lappend(names, makeString(pstrdup(pp[i])));
        // Defaults and VARIADIC count when a number of arguments is given.
        bool expand = nargs >= 0;
        return FuncnameGetCandidates(names, nargs, NIL, expand, expand, include_out, true);
    });
}

}  // namespace

bool FunctionCallableWithoutArguments(const std::vector<std::string> &name) {
    return Candidates(name, 0, false) != nullptr;
}

bool ProcedureNameExists(const std::vector<std::string> &name) {
    for (FuncCandidateList c = Candidates(name, -1, true); c != nullptr; c = c->next) {
        Oid oid = c->oid;
        if (Guarded([oid] { return get_func_prokind(oid); }) == PROKIND_PROCEDURE) return true;
    }
    return false;
}

Oid RoutineOfCreateStatement(const std::string &create_sql) {
    const char *sql = create_sql.c_str();
    return Guarded([sql] {
        List *raw = raw_parser(sql, RAW_PARSE_DEFAULT);
        if (list_length(raw) != 1 || !IsA(linitial_node(RawStmt, raw)->stmt, CreateFunctionStmt)) return InvalidOid;
        auto *stmt = reinterpret_cast<CreateFunctionStmt *>(linitial_node(RawStmt, raw)->stmt);
        // The signature PostgreSQL keys routines by: the input arguments
        // (pg_proc.proargtypes), also for procedures.
        ObjectWithArgs *routine = makeNode(ObjectWithArgs);
        routine->objname = stmt->funcname;
        ListCell *lc;
        foreach (lc, stmt->parameters) {
            FunctionParameter *fp = lfirst_node(FunctionParameter, lc);
            if (fp->mode == FUNC_PARAM_TABLE || fp->mode == FUNC_PARAM_OUT) continue;
            // A type that does not exist yet: no such routine either.
            if (!OidIsValid(LookupTypeNameOid(NULL, fp->argType, true))) return InvalidOid;
            routine->objargs = lappend(routine->objargs, fp->argType);
        }
        return LookupFuncWithArgs(stmt->is_procedure ? OBJECT_PROCEDURE : OBJECT_FUNCTION, routine, true);
    });
}

bool UnclaimedUniqueIndex(const std::string &table, const std::string &index) {
    const char *table_name = table.c_str();
    const char *index_name = index.c_str();
    return Guarded([table_name, index_name] {
        RangeVar *rv = makeRangeVarFromNameList(stringToQualifiedNameList(table_name));
        Oid relid = RangeVarGetRelid(rv, NoLock, true);
        if (!OidIsValid(relid)) return false;
        List *names = stringToQualifiedNameList(index_name);
        if (list_length(names) != 1) return false;
        Oid indexid = get_relname_relid(strVal(linitial(names)), get_rel_namespace(relid));
        if (!OidIsValid(indexid) || IndexGetRelation(indexid, true) != relid) return false;
        HeapTuple tuple = SearchSysCache1(INDEXRELID, ObjectIdGetDatum(indexid));
        if (!HeapTupleIsValid(tuple)) return false;
        bool unique = reinterpret_cast<Form_pg_index>(GETSTRUCT(tuple))->indisunique;
        ReleaseSysCache(tuple);
        return unique && !OidIsValid(get_index_constraint(indexid));
    });
}

namespace {

// The relation `table` names (as SQL text) and its column `column`
// (empty: its one-column primary key); false when there is none.
bool FindColumn(const char *table, const char *column, Oid *relid, AttrNumber *attnum) {
    RangeVar *rv = makeRangeVarFromNameList(stringToQualifiedNameList(table));
    *relid = RangeVarGetRelid(rv, NoLock, true);
    if (!OidIsValid(*relid)) return false;
    if (column[0] != '\0') {
        *attnum = get_attnum(*relid, column);
        return *attnum != InvalidAttrNumber;
    }
    Oid constraint = InvalidOid;
    Bitmapset *key = get_primary_key_attnos(*relid, false, &constraint);
    if (bms_num_members(key) != 1) return false;
    *attnum = static_cast<AttrNumber>(bms_singleton_member(key) + FirstLowInvalidHeapAttributeNumber);
    return true;
}

}  // namespace

std::string IdentityColumnType(const std::string &table, const std::string &column) {
    const char *t = table.c_str();
    const char *c = column.c_str();
    const char *type = Guarded([t, c]() -> const char * {
        Oid relid;
        AttrNumber attnum;
        if (!FindColumn(t, c, &relid, &attnum)) return nullptr;
        HeapTuple tuple = SearchSysCache2(ATTNUM, ObjectIdGetDatum(relid), Int16GetDatum(attnum));
        if (!HeapTupleIsValid(tuple)) return nullptr;
        auto *att = reinterpret_cast<Form_pg_attribute>(GETSTRUCT(tuple));
        const bool identity = att->attidentity != '\0';
        const Oid type = att->atttypid;
        ReleaseSysCache(tuple);
        if (!identity) return nullptr;
        switch (type) {
            case INT8OID: return "bigint";
            case INT4OID: return "integer";
            case INT2OID: return "smallint";
            default: return nullptr;
        }
    });
    return type != nullptr ? type : "";
}

std::string ColumnTypeName(const std::string &table, const std::string &column) {
    const char *t = table.c_str();
    const char *c = column.c_str();
    char *type = Guarded([t, c]() -> char * {
        Oid relid;
        AttrNumber attnum;
        if (c[0] == '\0' || !FindColumn(t, c, &relid, &attnum)) return nullptr;
        Oid typid;
        int32 typmod;
        Oid collation;
        get_atttypetypmodcoll(relid, attnum, &typid, &typmod, &collation);
        return format_type_with_typemod(typid, typmod);
    });
    if (type == nullptr) return std::string();
    std::string result(type);
    Guarded([type] { pfree(type); });
    return result;
}

std::string FrozenSearchPath() {
    char *path = Guarded([] {
        StringInfoData buf;
        initStringInfo(&buf);
        List *schemas = fetch_search_path(false);
        ListCell *lc;
        foreach (lc, schemas) {
            Oid nsp = lfirst_oid(lc);
            if (isAnyTempNamespace(nsp)) continue;
            char *name = get_namespace_name(nsp);
            if (name == NULL) continue;
            appendStringInfo(&buf, "%s, ", quote_identifier(name));
        }
        appendStringInfoString(&buf, "pg_temp");
        list_free(schemas);
        return buf.data;
    });
    std::string result(path);
    Guarded([path] { pfree(path); });
    return result;
}

void RevokeExecuteFromPublic(Oid routine) {
    Guarded([routine] {
        MemoryContext caller = CurrentMemoryContext;
        char *sql = psprintf("REVOKE EXECUTE ON ROUTINE %s FROM PUBLIC", format_procedure_qualified(routine));
        int rc = SPI_execute(sql, false, 0);
        MemoryContextSwitchTo(caller);
        if (rc != SPI_OK_UTILITY) elog(ERROR, "could not revoke EXECUTE on routine %u", routine);
        pfree(sql);
    });
}

}  // namespace plpolar::pg
