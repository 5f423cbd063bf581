#include "plpolar/pg/trigger.hpp"

#include "plpolar/pg/guard.hpp"

extern "C" {
#include "access/htup_details.h"
#include "access/xact.h"
#include "commands/trigger.h"
#include "executor/spi.h"
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
    (void)call;
    Datum d = row.datum;
    return Guarded([d] {
        HeapTupleHeader header = DatumGetHeapTupleHeader(d);
        HeapTupleData tuple;
        tuple.t_len = HeapTupleHeaderGetDatumLength(header);
        ItemPointerSetInvalid(&(tuple.t_self));
        tuple.t_tableOid = InvalidOid;
        tuple.t_data = header;
        // Into the trigger manager's memory: SPI's goes at SPI_finish.
        return PointerGetDatum(SPI_copytuple(&tuple));
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
