// Composite values (records): rows of tables, views, cursors and
// TYPE ... IS RECORD, held as ordinary composite Datums.
#pragma once

#include <string>
#include <vector>

#include "plpolar/pg/types.hpp"

namespace plpolar::pg {

bool IsRowType(Oid type);  // a named composite type or RECORD

// The live (not dropped) fields of a row type.
struct RowField {
    std::string name;
    TypeInfo type;
    int attnum;  // 1-based position in the row, dropped columns included
};
std::vector<RowField> RowFields(Oid type, int32 typmod);

// Column names of a table or view, for UPDATE t SET ROW = rec.
std::vector<std::string> RelationColumns(const std::string &relation);
// The row type of a table or view (t%ROWTYPE).
TypeInfo RelationRowType(const std::vector<std::string> &name);

// Registers an anonymous row type (TYPE t IS RECORD) for this backend and
// returns its RECORD typmod.
int32 BlessRowType(const std::vector<std::pair<std::string, TypeInfo>> &fields);

// A row of `type` from one value per live field (already of the field's
// type), allocated in the current memory context.
Datum FormRow(Oid type, int32 typmod, const Value *values, size_t n);
// The type of a row value (for RECORD, its registered typmod).
void RowTypeOf(Datum row, Oid *type, int32 *typmod);
// Where a field was found last time. For anonymous row types (RECORD with
// a registered typmod, as cursor rows are) the descriptor lives as long as
// the backend, so the next read of a row of the same type needs no lookup.
struct FieldCache {
    int attnum = 0;
    int32 record_typmod = -1;  // the RECORD typmod `desc` belongs to
    TupleDesc desc = nullptr;
    // A named row type (a table's): its type cache entry, which lives as
    // long as the backend, and the identifier of the descriptor `attnum`
    // was found in; a changed table changes the identifier.
    Oid named_type = InvalidOid;
    void *named_entry = nullptr;
    uint64 named_desc_id = 0;
};
// `row` (of named composite type `type`) with field `attnum` (1-based,
// dropped columns counted) replaced by `value` (already of the field's
// type), in the current memory context: one deform and one form, no lookup
// beyond the type cache.
// False, and nothing made, when the row type no longer has that column
// `name` of the value's type there (the table changed since the caller
// looked): the caller looks again.
bool ReplaceRowField(Datum row, Oid type, int attnum, const char *name, const Value &value, FieldCache *cache,
                     Datum *out);
// One live field. Returns false when the row has no field of that name.
bool GetRowField(Datum row, const std::string &name, FieldCache *cache, Value *out);
bool GetRowField(Datum row, const char *name, FieldCache *cache, Value *out);
// All live fields of a row.
std::vector<Value> RowValues(Datum row);
// The composite result of a call (a procedure's OUT parameters), of the
// type the caller expects.
Datum FormCallResult(FunctionCallInfo fcinfo, const std::vector<Value> &values);

}  // namespace plpolar::pg
