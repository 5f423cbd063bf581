#include "plpolar/pg/trigger.hpp"

#include "plpolar/pg/guard.hpp"

#include <new>

extern "C" {
#include "access/htup_details.h"
#include "access/xact.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "utils/datum.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
}

namespace plpolar::pg {

namespace {

TriggerData *Data(const TriggerCall &call) { return static_cast<TriggerData *>(call.data); }

Value RowOf(const TriggerCall &call, HeapTuple tuple) {
    TriggerData *td = Data(call);
    Datum d = Guarded([td, tuple] { return heap_copy_tuple_as_datum(tuple, RelationGetDescr(td->tg_relation)); });
    return Value::Of(d, call.rowtype, -1);
}

}  // namespace

bool CalledAsTrigger(FunctionCallInfo fcinfo) { return CALLED_AS_TRIGGER(fcinfo); }

Value TriggerNullRow(const TriggerCall &call) {
    TriggerData *td = Data(call);
    Datum d = Guarded([td] {
        TupleDesc desc = RelationGetDescr(td->tg_relation);
        Datum *values = static_cast<Datum *>(palloc0(sizeof(Datum) * (desc->natts + 1)));
        bool *nulls = static_cast<bool *>(palloc(sizeof(bool) * (desc->natts + 1)));
        for (int i = 0; i < desc->natts; i++) nulls[i] = true;
        HeapTuple tuple = heap_form_tuple(desc, values, nulls);
        Datum row = heap_copy_tuple_as_datum(tuple, desc);
        heap_freetuple(tuple);
        pfree(values);
        pfree(nulls);
        return row;
    });
    return Value::Of(d, call.rowtype, -1);
}

TriggerCall ReadTriggerCall(FunctionCallInfo fcinfo) {
    if (fcinfo->context == nullptr || !IsA(fcinfo->context, TriggerData))
        Raise(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED, "trigger functions can only be called as triggers");
    auto *td = reinterpret_cast<TriggerData *>(fcinfo->context);
    TriggerCall call;
    call.data = td;
    call.relid = RelationGetRelid(td->tg_relation);
    call.rowtype = td->tg_relation->rd_rel->reltype;
    TriggerEvent event = TriggerEvent::Insert;
    if (TRIGGER_FIRED_BY_UPDATE(td->tg_event))
        event = TriggerEvent::Update;
    else if (TRIGGER_FIRED_BY_DELETE(td->tg_event))
        event = TriggerEvent::Delete;
    else if (TRIGGER_FIRED_BY_TRUNCATE(td->tg_event))
        event = TriggerEvent::Truncate;
    call.event = event;
    call.timing = TRIGGER_FIRED_BEFORE(td->tg_event)    ? TriggerTiming::Before
                  : TRIGGER_FIRED_INSTEAD(td->tg_event) ? TriggerTiming::InsteadOf
                                                        : TriggerTiming::After;
    call.row_level = TRIGGER_FIRED_FOR_ROW(td->tg_event);
    return call;
}

Value TriggerNewRow(const TriggerCall &call, bool *exists) {
    TriggerData *td = Data(call);
    *exists = call.row_level && (call.event == TriggerEvent::Insert || call.event == TriggerEvent::Update);
    if (!*exists) return Value::Null(call.rowtype);
    return RowOf(call, call.event == TriggerEvent::Update ? td->tg_newtuple : td->tg_trigtuple);
}

Value TriggerOldRow(const TriggerCall &call, bool *exists) {
    TriggerData *td = Data(call);
    *exists = call.row_level && (call.event == TriggerEvent::Update || call.event == TriggerEvent::Delete);
    if (!*exists) return Value::Null(call.rowtype);
    return RowOf(call, td->tg_trigtuple);
}

bool TriggerColumnUpdated(const TriggerCall &call, int attnum) {
    if (call.event != TriggerEvent::Update) return false;
    TriggerData *td = Data(call);
    // tg_updatedcols: the columns of UPDATE's SET list (also for statement
    // triggers), offset as bitmapsets of attribute numbers are.
    return td->tg_updatedcols != nullptr &&
           bms_is_member(attnum - FirstLowInvalidHeapAttributeNumber, td->tg_updatedcols);
}

TriggerNames ReadTriggerNames(const TriggerCall &call) {
    TriggerData *td = Data(call);
    TriggerNames names;
    names.trigger = td->tg_trigger->tgname;
    names.table = RelationGetRelationName(td->tg_relation);
    char *schema = Guarded([td] { return get_namespace_name(RelationGetNamespace(td->tg_relation)); });
    names.schema = schema != nullptr ? schema : "";
    for (int i = 0; i < td->tg_trigger->tgnargs; ++i) names.args.emplace_back(td->tg_trigger->tgargs[i]);
    return names;
}

Datum ResultTuple(const TriggerCall &call, const Value &row) {
    Datum d = row.datum;
    MemoryContext into = call.result_context;
    return Guarded([d, into] {
        HeapTupleHeader header = DatumGetHeapTupleHeader(d);
        HeapTupleData tuple;
        tuple.t_len = HeapTupleHeaderGetDatumLength(header);
        ItemPointerSetInvalid(&(tuple.t_self));
        tuple.t_tableOid = InvalidOid;
        tuple.t_data = header;
        // Into the trigger manager's memory: SPI's goes at SPI_finish (and a
        // call without SPI has none).
        if (into == nullptr) return PointerGetDatum(SPI_copytuple(&tuple));
        MemoryContext old = MemoryContextSwitchTo(into);
        HeapTuple copy = heap_copytuple(&tuple);
        MemoryContextSwitchTo(old);
        return PointerGetDatum(copy);
    });
}

bool DeformTriggerRow(const TriggerCall &call, bool new_row, TriggerRowBuffer *out) {
    TriggerData *td = Data(call);
    HeapTuple tuple = nullptr;
    if (call.row_level) {
        if (new_row && call.event == TriggerEvent::Insert) tuple = td->tg_trigtuple;
        if (new_row && call.event == TriggerEvent::Update) tuple = td->tg_newtuple;
        if (!new_row && (call.event == TriggerEvent::Update || call.event == TriggerEvent::Delete))
            tuple = td->tg_trigtuple;
    }
    if (tuple == nullptr) return false;
    // Unguarded, as this runs once per row: an allocation that reports
    // failure instead of raising, and deforming an in-memory tuple, which
    // cannot fail.
    TupleDesc desc = RelationGetDescr(td->tg_relation);
    int natts = desc->natts;
    // One allocation for the three arrays.
    const Size values_size = MAXALIGN(sizeof(Datum) * (natts + 1));
    char *mem = static_cast<char *>(palloc_extended(values_size + 2 * (natts + 1), MCXT_ALLOC_NO_OOM));
    if (mem == nullptr) throw std::bad_alloc();
    out->values = reinterpret_cast<Datum *>(mem);
    out->nulls = reinterpret_cast<bool *>(mem + values_size);
    out->copied = out->nulls + natts + 1;
    memset(out->copied, 0, natts + 1);
    heap_deform_tuple(tuple, desc, out->values, out->nulls);
    out->natts = natts;
    out->desc = desc;
    out->source = tuple;
    return true;
}

int TriggerRowColumn(const TriggerRowBuffer &row, const char *name, int cached, const void **cached_desc) noexcept {
    // Found in this very descriptor before: a changed table is a new
    // descriptor (and a recompiled function: pg_attribute changed).
    if (cached > 0 && *cached_desc == row.desc) return cached;
    *cached_desc = row.desc;
    auto desc = static_cast<TupleDesc>(const_cast<void *>(row.desc));
    auto live = [desc, name](int attnum) {
        Form_pg_attribute a = TupleDescAttr(desc, attnum - 1);
        return !a->attisdropped && strcmp(NameStr(a->attname), name) == 0;
    };
    if (cached >= 1 && cached <= row.natts && live(cached)) return cached;
    for (int i = 1; i <= row.natts; ++i)
        if (live(i)) return i;
    return 0;
}

Value TriggerRowValue(const TriggerRowBuffer &row, int attnum) noexcept {
    auto desc = static_cast<TupleDesc>(const_cast<void *>(row.desc));
    Form_pg_attribute a = TupleDescAttr(desc, attnum - 1);
    Value v;
    v.datum = row.values[attnum - 1];
    v.isnull = row.nulls[attnum - 1];
    v.type = a->atttypid;
    v.typmod = a->atttypmod;
    return v;
}

TypeInfo TriggerRowColumnType(const TriggerRowBuffer &row, int attnum) {
    auto desc = static_cast<TupleDesc>(const_cast<void *>(row.desc));
    Form_pg_attribute a = TupleDescAttr(desc, attnum - 1);
    return TypeFromOid(a->atttypid, a->atttypmod);
}

void SetTriggerRowValue(TriggerRowBuffer &row, int attnum, const Value &value) {
    auto desc = static_cast<TupleDesc>(const_cast<void *>(row.desc));
    Form_pg_attribute a = TupleDescAttr(desc, attnum - 1);
    const int i = attnum - 1;
    Datum d = value.datum;
    if (!value.isnull && !a->attbyval) {
        const auto *p = reinterpret_cast<const varlena *>(DatumGetPointer(d));
        if (a->attlen == -1 && !VARATT_IS_EXTERNAL_EXPANDED(p)) {
            // A plain varlena: copied without the guard (per row), as
            // datumCopy would.
            Size size = VARSIZE_ANY(p);
            void *copy = palloc_extended(size, MCXT_ALLOC_NO_OOM);
            if (copy == nullptr) throw std::bad_alloc();
            memcpy(copy, p, size);
            d = PointerGetDatum(copy);
        } else {
            const int16 len = a->attlen;
            d = Guarded([d, len] { return datumCopy(d, false, len); });
        }
    }
    if (row.copied[i] && !row.nulls[i]) pfree(DatumGetPointer(row.values[i]));
    row.values[i] = value.isnull ? (Datum)0 : d;
    row.nulls[i] = value.isnull;
    row.copied[i] = !value.isnull && !a->attbyval;
}

Value TriggerRowComposite(const TriggerCall &call, const TriggerRowBuffer &row, bool unchanged) {
    if (unchanged) return RowOf(call, static_cast<HeapTuple>(const_cast<void *>(row.source)));
    const TriggerRowBuffer *r = &row;
    Datum d = Guarded([r] {
        auto desc = static_cast<TupleDesc>(const_cast<void *>(r->desc));
        HeapTuple tuple = heap_form_tuple(desc, r->values, r->nulls);
        Datum result = heap_copy_tuple_as_datum(tuple, desc);
        heap_freetuple(tuple);
        return result;
    });
    return Value::Of(d, call.rowtype, -1);
}

Datum TriggerRowResult(const TriggerCall &call, const TriggerRowBuffer &row) {
    const TriggerRowBuffer *r = &row;
    MemoryContext into = call.result_context;
    return Guarded([r, into] {
        auto desc = static_cast<TupleDesc>(const_cast<void *>(r->desc));
        MemoryContext old = MemoryContextSwitchTo(into);
        HeapTuple tuple = heap_form_tuple(desc, r->values, r->nulls);
        MemoryContextSwitchTo(old);
        return PointerGetDatum(tuple);
    });
}

Datum OriginalTuple(const TriggerCall &call, bool new_tuple) {
    TriggerData *td = Data(call);
    return PointerGetDatum(new_tuple && call.event == TriggerEvent::Update ? td->tg_newtuple : td->tg_trigtuple);
}

int DescribeTrigger(const TriggerCall &call, char *out, size_t size) noexcept {
    TriggerData *td = Data(call);
    return snprintf(out, size, "trigger %s on table %s", td->tg_trigger->tgname,
                    RelationGetRelationName(td->tg_relation));
}

std::string RelationSignature(Oid relid) {
    std::string out;
    struct Column {
        NameData name;
        Oid type;
        int32 typmod;
        bool dropped;
    };
    int natts = 0;
    Column *columns = Guarded([relid, &natts] {
        Relation rel = RelationIdGetRelation(relid);
        if (!RelationIsValid(rel)) return static_cast<Column *>(nullptr);
        TupleDesc desc = RelationGetDescr(rel);
        auto *c = static_cast<Column *>(palloc(sizeof(Column) * (desc->natts + 1)));
        for (int i = 0; i < desc->natts; i++) {
            Form_pg_attribute a = TupleDescAttr(desc, i);
            c[i].name = a->attname;
            c[i].type = a->atttypid;
            c[i].typmod = a->atttypmod;
            c[i].dropped = a->attisdropped;
        }
        natts = desc->natts;
        RelationClose(rel);
        return c;
    });
    if (columns == nullptr) return out;
    for (int i = 0; i < natts; ++i) {
        out += columns[i].dropped ? std::string("-") : std::string(NameStr(columns[i].name));
        out += ':' + std::to_string(columns[i].type) + ':' + std::to_string(columns[i].typmod) + ';';
    }
    pfree(columns);
    return out;
}

Oid RelationRowTypeOid(Oid relid) {
    return Guarded([relid] { return get_rel_type_id(relid); });
}

int RelationColumnNumber(Oid relid, const std::string &column) {
    const char *name = column.c_str();
    return Guarded([relid, name] {
        AttrNumber n = get_attnum(relid, name);
        return n == InvalidAttrNumber || n < 0 ? 0 : static_cast<int>(n);
    });
}

}  // namespace plpolar::pg

namespace plpolar::pg {

namespace {

void (*statement_cleanup)(SubTransactionId) = nullptr;

void XactCleanup(XactEvent event, void *) {
    if (event == XACT_EVENT_COMMIT || event == XACT_EVENT_ABORT || event == XACT_EVENT_PREPARE ||
        event == XACT_EVENT_PARALLEL_COMMIT || event == XACT_EVENT_PARALLEL_ABORT)
        statement_cleanup(InvalidSubTransactionId);
}

void SubXactCleanup(SubXactEvent event, SubTransactionId my_subid, SubTransactionId, void *) {
    if (event == SUBXACT_EVENT_ABORT_SUB) statement_cleanup(my_subid);
}

}  // namespace

void OnStatementStateCleanup(void (*cleanup)(SubTransactionId aborted)) {
    statement_cleanup = cleanup;
    Guarded([] {
        RegisterXactCallback(XactCleanup, nullptr);
        RegisterSubXactCallback(SubXactCleanup, nullptr);
    });
}

SubTransactionId CurrentSubTransaction() { return GetCurrentSubTransactionId(); }

}  // namespace plpolar::pg
