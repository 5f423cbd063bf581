// The materialized result of a set-returning plpolar function
// (plpolar/pg/set_result.hpp).
#include "plpolar/pg/set_result.hpp"

#include "plpolar/pg/guard.hpp"

extern "C" {
#include "access/htup_details.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/tuplestore.h"
#include "utils/typcache.h"
}

namespace plpolar::pg {

SetResult BeginSetResult(FunctionCallInfo fcinfo, const TypeInfo &row) {
    SetResult result;
    result.row = row;
    const Oid type = row.oid;
    const int32 typmod = row.typmod;
    bool composite = false;
    ReturnSetInfo *rsinfo = Guarded([fcinfo, type, typmod, &composite] {
        auto *rs = reinterpret_cast<ReturnSetInfo *>(fcinfo->resultinfo);
        if (rs == NULL || !IsA(rs, ReturnSetInfo) || (rs->allowedModes & SFRM_Materialize) == 0 || rs->econtext == NULL)
            ereport(ERROR, (errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                            errmsg("set-valued function called in context that cannot accept a set"),
                            errhint("A PIPELINED function is called in FROM: SELECT * FROM TABLE(f(x)) or "
                                    "SELECT * FROM f(x).")));
        MemoryContext old = MemoryContextSwitchTo(rs->econtext->ecxt_per_query_memory);
        TupleDesc desc;
        if (type_is_rowtype(type)) {
            TupleDesc expected = NULL;
            if (get_call_result_type(fcinfo, NULL, &expected) != TYPEFUNC_COMPOSITE)
                expected = lookup_rowtype_tupdesc_copy(type, typmod);
            else
                expected = CreateTupleDescCopy(expected);
            desc = expected;
            composite = true;
        } else {
            desc = CreateTemplateTupleDesc(1);
            TupleDescInitEntry(desc, (AttrNumber)1, "column_value", type, typmod, 0);
        }
        rs->returnMode = SFRM_Materialize;
        rs->setResult = tuplestore_begin_heap((rs->allowedModes & SFRM_Materialize_Random) != 0, false, work_mem);
        rs->setDesc = desc;
        MemoryContextSwitchTo(old);
        return rs;
    });
    result.rsinfo = rsinfo;
    result.composite = composite;
    result.owner = CurrentResourceOwner;
    return result;
}

void AddSetRow(const SetResult &result, const Value &v) {
    ReturnSetInfo *rsinfo = result.rsinfo;
    ResourceOwner owner = result.owner;
    const bool composite = result.composite;
    const Datum d = v.datum;
    const bool isnull = v.isnull;
    Guarded([rsinfo, owner, composite, d, isnull] {
        // The rows belong to the call, not to a subtransaction current
        // when one is added (a spilled tuplestore's file would go with it).
        ResourceOwner current = CurrentResourceOwner;
        CurrentResourceOwner = owner;
        MemoryContext old = MemoryContextSwitchTo(rsinfo->econtext->ecxt_per_query_memory);
        TupleDesc desc = rsinfo->setDesc;
        if (composite && !isnull) {
            HeapTupleHeader h = DatumGetHeapTupleHeader(d);
            HeapTupleData tuple;
            tuple.t_len = HeapTupleHeaderGetDatumLength(h);
            ItemPointerSetInvalid(&tuple.t_self);
            tuple.t_tableOid = InvalidOid;
            tuple.t_data = h;
            tuplestore_puttuple(rsinfo->setResult, &tuple);
        } else if (composite) {
            Datum *values = (Datum *)palloc0(sizeof(Datum) * desc->natts);
            bool *nulls = (bool *)palloc(sizeof(bool) * desc->natts);
            memset(nulls, true, sizeof(bool) * desc->natts);
            tuplestore_putvalues(rsinfo->setResult, desc, values, nulls);
            pfree(values);
            pfree(nulls);
        } else {
            Datum values[1] = {d};
            bool nulls[1] = {isnull};
            tuplestore_putvalues(rsinfo->setResult, desc, values, nulls);
        }
        MemoryContextSwitchTo(old);
        CurrentResourceOwner = current;
    });
}

}  // namespace plpolar::pg
