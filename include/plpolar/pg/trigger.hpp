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
