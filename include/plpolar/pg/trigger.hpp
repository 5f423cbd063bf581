// DML trigger calls (PostgreSQL's TriggerData) as plain values for the
// handler, and the rows going in and out of a trigger function.
#pragma once

#include <string>
#include <vector>

#include "plpolar/pg/types.hpp"

namespace plpolar::pg {

enum class TriggerEvent { Insert, Update, Delete, Truncate };
enum class TriggerTiming { Before, After, InsteadOf };

// One firing. The tuples stay PostgreSQL's; RowOf and ResultTuple convert.
struct TriggerCall {
    void *data = nullptr;  // TriggerData
    Oid relid = InvalidOid;
    Oid rowtype = InvalidOid;  // the relation's composite type
    TriggerEvent event = TriggerEvent::Insert;
    TriggerTiming timing = TriggerTiming::Before;
    bool row_level = true;
    // Where the row going back to the trigger manager is made: the
    // caller's memory, which outlives SPI's.
    MemoryContext result_context = nullptr;
};

bool CalledAsTrigger(FunctionCallInfo fcinfo);
// Raises unless the function was called by the trigger manager.
TriggerCall ReadTriggerCall(FunctionCallInfo fcinfo);
// An all-NULL row of the relation: :OLD of an INSERT, :NEW of a DELETE.
Value TriggerNullRow(const TriggerCall &call);

// :NEW (the new tuple of an INSERT or UPDATE) and :OLD (the old one of an
// UPDATE or DELETE) as composite values in the current memory context;
// `exists` false when the event has no such row.
Value TriggerNewRow(const TriggerCall &call, bool *exists);
Value TriggerOldRow(const TriggerCall &call, bool *exists);
// Whether UPDATE's SET list names the column (attnum), as UPDATING('c').
bool TriggerColumnUpdated(const TriggerCall &call, int attnum);

// TG_NAME, TG_TABLE_NAME, TG_TABLE_SCHEMA and TG_ARGV of the firing.
struct TriggerNames {
    std::string trigger;
    std::string table;
    std::string schema;
    std::vector<std::string> args;
};
TriggerNames ReadTriggerNames(const TriggerCall &call);

// What the trigger function returns to the trigger manager: the row (a
// composite value of the relation's type) as a tuple copied out of SPI's
// memory, or the firing's own tuple unchanged (`original`: new or old).
Datum ResultTuple(const TriggerCall &call, const Value &row);
Datum OriginalTuple(const TriggerCall &call, bool new_tuple);

// A row of the firing kept deformed for the call, as PL/pgSQL keeps NEW in
// an expanded record: reading or assigning :NEW.c touches one element, and
// the row is formed once (for the result, or when SQL reads it whole) in
// place of a copy, a deform and a form per assignment.
struct TriggerRowBuffer {
    int natts = 0;
    Datum *values = nullptr;  // the firing's tuple's, or copies of ours
    bool *nulls = nullptr;
    bool *copied = nullptr;        // values[i] is ours (freed when replaced)
    const void *desc = nullptr;    // the relation's TupleDesc: lives for the call
    const void *source = nullptr;  // the firing's HeapTuple it was made from
};
// The new (or old) tuple of the firing into `out`, in the current memory
// context; false when the event has no such row.
bool DeformTriggerRow(const TriggerCall &call, bool new_row, TriggerRowBuffer *out);
// The attribute number of live column `name`, `cached` when that is still
// it (or found in `*cached_desc`, this same descriptor, before); 0 when the
// relation has no such column.
int TriggerRowColumn(const TriggerRowBuffer &row, const char *name, int cached, const void **cached_desc) noexcept;
Value TriggerRowValue(const TriggerRowBuffer &row, int attnum) noexcept;
TypeInfo TriggerRowColumnType(const TriggerRowBuffer &row, int attnum);
// Column `attnum` := `value` (of the column's type), copied into the
// current memory context.
void SetTriggerRowValue(TriggerRowBuffer &row, int attnum, const Value &value);
// The row as a composite value of the relation's type, in the current
// memory context (`unchanged`: no field was assigned, one copy of the
// firing's tuple).
Value TriggerRowComposite(const TriggerCall &call, const TriggerRowBuffer &row, bool unchanged);
// The row as the tuple the trigger manager gets (in call.result_context).
Datum TriggerRowResult(const TriggerCall &call, const TriggerRowBuffer &row);

// "trigger t on table s.r" for error context lines: reads, calls nothing.
int DescribeTrigger(const TriggerCall &call, char *out, size_t size) noexcept;

// The relation's live columns and their types in one string: a trigger
// function compiled for the table is stale once it differs.
std::string RelationSignature(Oid relid);
// The relation's composite type.
Oid RelationRowTypeOid(Oid relid);
// 0 when the relation has no (live) column of that name.
int RelationColumnNumber(Oid relid, const std::string &column);

}  // namespace plpolar::pg

namespace plpolar::pg {

// A compound trigger's state lives for one triggering statement; an error
// may end the statement before its AFTER STATEMENT section runs. `cleanup`
// is called when a subtransaction aborts (with its id: state made inside it
// is gone) and when the transaction ends (InvalidSubTransactionId:
// everything). It runs inside PostgreSQL's transaction processing and must
// neither raise nor throw.
void OnStatementStateCleanup(void (*cleanup)(SubTransactionId aborted));
SubTransactionId CurrentSubTransaction();

}  // namespace plpolar::pg
