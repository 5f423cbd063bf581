// BULK COLLECT's receiver (SqlStatement::ExecuteBulk): a DestReceiver
// that copies each column of each row into growing arrays, in the memory
// of the collection that will hold them when the column already has the
// element type, so that neither a tuple table nor a second copy is made.
// Its callbacks run inside the executor (inside Guarded): C only.
#include <cstring>

#include "plpolar/pg/collection.hpp"
#include "plpolar/pg/guard.hpp"
#include "plpolar/pg/spi.hpp"
#include "spi_hooks.hpp"

extern "C" {
#include "access/htup_details.h"
#include "executor/tuptable.h"
#include "utils/typcache.h"
}

namespace plpolar::pg {

namespace {

struct Receiver {
    DestReceiver pub;  // first: PostgreSQL casts the pointer
    SqlStatement::BulkColumn *columns;
    int nexpected;
    Oid row_type;
    int32 row_typmod;
    MemoryContext row_direct;
    MemoryContext other;
    // Decided at startup.
    bool as_rows;
    TupleDesc row_desc;     // as_rows: the element's row type
    int ncolumns;           // outputs filled (as_rows: the row)
    int query_columns;      // the query's
    MemoryContext *target;  // per column (or the row), where values go
    int16 *typlen;
    bool *byval;
    uint64 rows;
    uint64 capacity;
};

void Grow(Receiver *r) {
    uint64 capacity = r->capacity == 0 ? 1024 : r->capacity * 2;
    int outputs = r->as_rows ? 1 : r->ncolumns;
    for (int c = 0; c < outputs; ++c) {
        SqlStatement::BulkColumn &col = r->columns[c];
        Size vbytes = capacity * sizeof(Datum), nbytes = capacity * sizeof(bool);
        if (col.values == nullptr) {
            col.values = static_cast<Datum *>(MemoryContextAllocHuge(r->other, vbytes));
            col.nulls = static_cast<bool *>(MemoryContextAllocHuge(r->other, nbytes));
        } else {
            col.values = static_cast<Datum *>(repalloc_huge(col.values, vbytes));
            col.nulls = static_cast<bool *>(repalloc_huge(col.nulls, nbytes));
        }
    }
    r->capacity = capacity;
}

void Startup(DestReceiver *self, int, TupleDesc desc) {
    auto *r = reinterpret_cast<Receiver *>(self);
    r->ncolumns = desc->natts;
    r->query_columns = desc->natts;
    r->as_rows = false;
    if (r->row_type != InvalidOid) {
        // The query's columns those of the row type, by position and type.
        // In the caller's memory: the executor's goes before we free it.
        MemoryContext old = MemoryContextSwitchTo(r->other);
        TupleDesc rd = lookup_rowtype_tupdesc_copy(r->row_type, r->row_typmod);
        MemoryContextSwitchTo(old);
        bool same = rd->natts == desc->natts;
        for (int i = 0; same && i < rd->natts; ++i) {
            Form_pg_attribute a = TupleDescAttr(rd, i), b = TupleDescAttr(desc, i);
            same = !a->attisdropped && !b->attisdropped && a->atttypid == b->atttypid &&
                   (a->atttypmod < 0 || a->atttypmod == b->atttypmod);
        }
        if (same) {
            r->as_rows = true;
            r->row_desc = rd;
        } else {
            FreeTupleDesc(rd);
        }
    }
    int outputs = r->as_rows ? 1 : r->ncolumns;
    if (outputs > r->nexpected) outputs = r->nexpected;  // the caller reports the mismatch
    if (!r->as_rows) r->ncolumns = outputs;
    r->target = static_cast<MemoryContext *>(MemoryContextAllocZero(r->other, sizeof(MemoryContext) * (outputs + 1)));
    r->typlen = static_cast<int16 *>(MemoryContextAllocZero(r->other, sizeof(int16) * (outputs + 1)));
    r->byval = static_cast<bool *>(MemoryContextAllocZero(r->other, sizeof(bool) * (outputs + 1)));
    for (int c = 0; c < outputs; ++c) {
        SqlStatement::BulkColumn &col = r->columns[c];
        if (r->as_rows) {
            col.matched = true;
            r->target[c] = r->row_direct;
            continue;
        }
        Form_pg_attribute a = TupleDescAttr(desc, c);
        col.actual_type = a->atttypid;
        col.actual_typmod = a->atttypmod;
        col.matched = col.direct != nullptr &&
                      (a->atttypid == col.type || (col.alias != InvalidOid && a->atttypid == col.alias)) &&
                      (col.typmod < 0 || a->atttypmod == col.typmod);
        r->target[c] = col.matched ? col.direct : r->other;
        r->typlen[c] = a->attlen;
        r->byval[c] = a->attbyval;
    }
}

bool Receive(TupleTableSlot *slot, DestReceiver *self) {
    auto *r = reinterpret_cast<Receiver *>(self);
    if (r->rows == r->capacity) Grow(r);
    const uint64 n = r->rows++;
    slot_getallattrs(slot);
    if (r->as_rows) {
        MemoryContext old = MemoryContextSwitchTo(r->row_direct);
        HeapTuple tuple = heap_form_tuple(r->row_desc, slot->tts_values, slot->tts_isnull);
        // A composite datum of the element's type, toasted values inlined.
        r->columns[0].values[n] = heap_copy_tuple_as_datum(tuple, r->row_desc);
        r->columns[0].nulls[n] = false;
        heap_freetuple(tuple);
        MemoryContextSwitchTo(old);
        return true;
    }
    for (int c = 0; c < r->ncolumns; ++c) {
        SqlStatement::BulkColumn &col = r->columns[c];
        bool isnull = slot->tts_isnull[c];
        Datum d = slot->tts_values[c];
        if (!isnull && !r->byval[c]) {
            MemoryContext old = MemoryContextSwitchTo(r->target[c]);
            d = r->typlen[c] == -1 ? PointerGetDatum(PG_DETOAST_DATUM_COPY(d)) : datumCopy(d, false, r->typlen[c]);
            MemoryContextSwitchTo(old);
        }
        col.values[n] = isnull ? 0 : d;
        col.nulls[n] = isnull;
    }
    return true;
}

void Shutdown(DestReceiver *) {}
void Destroy(DestReceiver *) {}

}  // namespace

SqlStatement::BulkResult SqlStatement::ExecuteBulk(const Value *slots, bool read_only, std::vector<BulkColumn> *columns,
                                                   Oid row_type, int32 row_typmod, MemoryContext row_direct,
                                                   MemoryContext other) {
    if (plan_ == nullptr) Prepare(slots);
    SPIPlanPtr plan = plan_;
    const char *used = used_.data();
    int nslots = static_cast<int>(used_.size());
    BindingScope binding(*this, slots);  // the plan cache may re-parse
    ParamValues values;
    BindValues(slots, nullptr, &values);
    slots = values.slots;
    const Value *fields = values.fields;
    int nfields = FieldParamCount();
    BulkColumn *cols = columns->data();
    const int nexpected = static_cast<int>(columns->size());
    const char *sql = text_.c_str();
    BulkResult out;
    BulkResult *result = &out;
    Guarded([plan, used, nslots, nfields, slots, fields, read_only, cols, nexpected, row_type, row_typmod, row_direct,
             other, sql, result] {
        MemoryContext caller = CurrentMemoryContext;
        auto *r = static_cast<Receiver *>(MemoryContextAllocZero(other, sizeof(Receiver)));
        r->pub.receiveSlot = Receive;
        r->pub.rStartup = Startup;
        r->pub.rShutdown = Shutdown;
        r->pub.rDestroy = Destroy;
        r->pub.mydest = DestNone;
        r->columns = cols;
        r->nexpected = nexpected;
        r->row_type = row_type;
        r->row_typmod = row_typmod;
        r->row_direct = row_direct;
        r->other = other;
        SPIExecuteOptions options;
        memset(&options, 0, sizeof(options));
        options.params = MakeStatementParams(used, nslots, nfields, slots, fields);
        options.read_only = read_only;
        options.dest = &r->pub;
        int rc = SPI_execute_plan_extended(plan, &options);
        MemoryContextSwitchTo(caller);
        if (rc < 0) ReportSpiError(rc, SpiStatement::Embedded, "SPI_execute_plan_extended", sql);
        result->rows = r->rows;
        result->processed = SPI_processed;
        result->ncolumns = r->query_columns;
        result->as_rows = r->as_rows;
        if (r->row_desc != nullptr) FreeTupleDesc(r->row_desc);
    });
    return out;
}

}  // namespace plpolar::pg
