#include "plpolar/pg/catalog.hpp"

#include "plpolar/pg/guard.hpp"
#include "plpolar/pg/memory.hpp"

extern "C" {
#include "utils/regproc.h"
}

namespace plpolar::pg {

namespace {

// pg_proc fields copied into plain C memory inside the guard; turned into
// C++ objects after it.
struct RawProc {
    char *name;
    char *source;
    int nargs;
    Oid *argtypes;
    char **argnames;  // entries may be NULL
    char *argmodes;   // NULL when all IN
    int nallargs;
    Oid rettype;
    bool retset;
    char volatility;
    char kind;
    TransactionId xmin;
    ItemPointerData tid;
};

void ReadProc(Oid fn_oid, RawProc *raw) {
    HeapTuple tuple = SearchSysCache1(PROCOID, ObjectIdGetDatum(fn_oid));
    if (!HeapTupleIsValid(tuple)) elog(ERROR, "cache lookup failed for function %u", fn_oid);
    Form_pg_proc proc = (Form_pg_proc)GETSTRUCT(tuple);
    raw->name = pstrdup(NameStr(proc->proname));
    bool isnull;
    Datum src = SysCacheGetAttr(PROCOID, tuple, Anum_pg_proc_prosrc, &isnull);
    if (isnull) elog(ERROR, "null prosrc for function %u", fn_oid);
    raw->source = TextDatumGetCString(src);
    raw->nargs = proc->pronargs;
    raw->argtypes = (Oid *)palloc(sizeof(Oid) * (raw->nargs + 1));
    memcpy(raw->argtypes, proc->proargtypes.values, sizeof(Oid) * raw->nargs);
    Oid *alltypes;
    char **allnames;
    char *modes;
    raw->nallargs = get_func_arg_info(tuple, &alltypes, &allnames, &modes);
    raw->argmodes = modes;
    // Names of the IN arguments, in the order of proargtypes.
    raw->argnames = (char **)palloc0(sizeof(char *) * (raw->nargs + 1));
    int in = 0;
    for (int i = 0; i < raw->nallargs && in < raw->nargs; i++) {
        char mode = modes ? modes[i] : PROARGMODE_IN;
        if (mode == PROARGMODE_IN || mode == PROARGMODE_INOUT || mode == PROARGMODE_VARIADIC) {
            raw->argnames[in] = (allnames && allnames[i] && allnames[i][0]) ? allnames[i] : NULL;
            in++;
        }
    }
    raw->rettype = proc->prorettype;
    raw->retset = proc->proretset;
    raw->volatility = proc->provolatile;
    raw->kind = proc->prokind;
    raw->xmin = HeapTupleHeaderGetRawXmin(tuple->t_data);
    raw->tid = tuple->t_self;
    ReleaseSysCache(tuple);
}

}  // namespace

compile::FunctionInfo LoadFunctionInfo(Oid fn_oid) {
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

    compile::FunctionInfo info;
    info.oid = fn_oid;
    info.name = raw.name;
    info.signature = FunctionSignature(fn_oid);
    info.source = raw.source;
    info.volatility = raw.volatility;
    info.is_procedure = raw.kind == PROKIND_PROCEDURE;
    info.xmin = raw.xmin;
    info.tid = raw.tid;
    for (int i = 0; i < raw.nallargs; ++i) {
        char mode = raw.argmodes ? raw.argmodes[i] : PROARGMODE_IN;
        if (mode == PROARGMODE_OUT || mode == PROARGMODE_INOUT || mode == PROARGMODE_TABLE)
            Raise(ERRCODE_FEATURE_NOT_SUPPORTED, "plpolar functions do not support OUT parameters yet");
    }
    for (int i = 0; i < raw.nargs; ++i) {
        TypeInfo t = TypeFromOid(raw.argtypes[i], -1);
        if (t.typtype == TYPTYPE_PSEUDO)
            Raise(ERRCODE_FEATURE_NOT_SUPPORTED,
                  "plpolar functions cannot accept type " + FormatType(raw.argtypes[i], -1));
        info.arg_types.push_back(t);
        info.arg_names.emplace_back(raw.argnames[i] ? raw.argnames[i] : "");
    }
    if (raw.retset) Raise(ERRCODE_FEATURE_NOT_SUPPORTED, "plpolar functions cannot return sets yet");
    info.return_type = TypeFromOid(raw.rettype, -1);
    if (raw.rettype == EVENT_TRIGGEROID) {
        info.is_event_trigger = true;
    } else if (info.return_type.typtype == TYPTYPE_PSEUDO && raw.rettype != VOIDOID) {
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

}  // namespace plpolar::pg
