// DML trigger functions: a firing's rows and predicates into the trigger
// variables, Oracle's rules on what the trigger kind allows, and the row
// that goes back to the trigger manager.
#include "plpolar/handler/handler.hpp"
#include "plpolar/pg/client.hpp"
#include "plpolar/pg/guard.hpp"
#include "plpolar/pg/memory.hpp"
#include "plpolar/pg/types.hpp"

namespace plpolar::handler {

namespace {

const char *EventName(pg::TriggerEvent event) {
    switch (event) {
        case pg::TriggerEvent::Insert: return "INSERT";
        case pg::TriggerEvent::Update: return "UPDATE";
        case pg::TriggerEvent::Delete: return "DELETE";
        case pg::TriggerEvent::Truncate: return "TRUNCATE";
    }
    return "";
}

const char *TimingName(pg::TriggerTiming timing) {
    switch (timing) {
        case pg::TriggerTiming::Before: return "BEFORE";
        case pg::TriggerTiming::After: return "AFTER";
        case pg::TriggerTiming::InsteadOf: return "INSTEAD OF";
    }
    return "";
}

void BindTg(exec::Executor &executor, const compile::CompiledFunction &fn, const pg::TriggerCall &call) {
    // The names only when one of them is wanted: the schema's is a catalog
    // lookup, and this runs for every row.
    pg::TriggerNames names;
    bool names_read = false;
    auto read_names = [&]() -> const pg::TriggerNames & {
        if (!names_read) names = pg::ReadTriggerNames(call);
        names_read = true;
        return names;
    };
    for (const auto &[name, slot] : fn.trigger.tg) {
        pg::Value v;
        if (name == "tg_name")
            v = pg::TextValue(read_names().trigger.c_str());
        else if (name == "tg_when")
            v = pg::TextValue(TimingName(call.timing));
        else if (name == "tg_level")
            v = pg::TextValue(call.row_level ? "ROW" : "STATEMENT");
        else if (name == "tg_op")
            v = pg::TextValue(EventName(call.event));
        else if (name == "tg_relid")
            v = pg::Value::Of(ObjectIdGetDatum(call.relid), OIDOID);
        else if (name == "tg_relname" || name == "tg_table_name")
            v = pg::TextValue(read_names().table.c_str());
        else if (name == "tg_table_schema")
            v = pg::TextValue(read_names().schema.c_str());
        else if (name == "tg_nargs")
            v = pg::Value::Of(Int32GetDatum(static_cast<int32>(read_names().args.size())), INT4OID);
        else if (name == "tg_argv")
            v = pg::TextArray(read_names().args);
        else
            continue;
        executor.SetVariable(slot, v);
    }
}

}  // namespace

void BindDmlTrigger(exec::Executor &executor, const compile::CompiledFunction &fn, const pg::TriggerCall &call,
                    MemoryContext rows_context) {
    const compile::CompiledFunction::TriggerState &t = fn.trigger;
    executor.SetTrigger(&call);
    // A compound trigger's sections were checked one by one when created.
    if (!call.row_level && (t.colon_new || t.colon_old) && !t.compound)
        pg::Raise(ERRCODE_SYNTAX_ERROR, "ORA-04082: NEW or OLD references not allowed in table level triggers",
                  "A statement-level trigger has no row; use FOR EACH ROW.");
    if (t.assigns_new && !t.compound && !(call.row_level && call.timing == pg::TriggerTiming::Before))
        pg::Raise(ERRCODE_SYNTAX_ERROR, "ORA-04084: cannot change NEW values for this trigger type",
                  "Only BEFORE ... FOR EACH ROW triggers may assign :NEW.");
    if (call.event == pg::TriggerEvent::Truncate && t.mentions_new)
        pg::Raise(ERRCODE_SYNTAX_ERROR, "ORA-04082: NEW or OLD references not allowed in table level triggers");
    if (call.row_level) {
        bool exists = false;
        // Kept deformed for the call, unless calls read them whole (a
        // compound trigger's rows are read by sections of other calls).
        // The rows the variables adopt are made where the variables live
        // (a compound trigger's state), the rest in the call's memory.
        if (t.mentions_new || t.assigns_new) {
            if (t.compound || t.new_read_whole || !executor.BufferTriggerRow(t.new_row, true)) {
                pg::MemoryContextScope in_rows(rows_context != nullptr ? rows_context : CurrentMemoryContext);
                pg::Value row = pg::TriggerNewRow(call, &exists);
                executor.AdoptVariable(t.new_row, exists ? row : pg::TriggerNullRow(call));
            }
        }
        if (t.mentions_old) {
            if (t.compound || t.old_read_whole || !executor.BufferTriggerRow(t.old_row, false)) {
                pg::MemoryContextScope in_rows(rows_context != nullptr ? rows_context : CurrentMemoryContext);
                pg::Value row = pg::TriggerOldRow(call, &exists);
                executor.AdoptVariable(t.old_row, exists ? row : pg::TriggerNullRow(call));
            }
        }
    }
    if (t.mentions_predicates) {
        executor.SetPredicate(t.inserting, call.event == pg::TriggerEvent::Insert);
        executor.SetPredicate(t.updating, call.event == pg::TriggerEvent::Update);
        executor.SetPredicate(t.deleting, call.event == pg::TriggerEvent::Delete);
        for (const auto &[attnum, slot] : t.updating_columns)
            executor.SetPredicate(slot, pg::TriggerColumnUpdated(call, attnum));
    }
    if (!t.tg.empty()) BindTg(executor, fn, call);
}

Datum DmlTriggerResult(exec::Executor &executor, const compile::CompiledFunction &fn, const pg::TriggerCall &call,
                       const pg::Value &returned) {
    // Oracle's triggers return nothing: the row goes on unless the body
    // raised. AFTER and statement triggers' results are ignored.
    if (!call.row_level || call.timing == pg::TriggerTiming::After) return (Datum)0;
    if (executor.returned_value()) {
        // RETURN NEW / OLD / a row of the table; RETURN NULL skips the row.
        if (returned.isnull) return (Datum)0;
        return pg::ResultTuple(call, returned);
    }
    if (call.event == pg::TriggerEvent::Delete) return pg::OriginalTuple(call, false);
    if (call.timing == pg::TriggerTiming::Before && fn.trigger.assigns_new) {
        bool modified = false;
        if (const pg::TriggerRowBuffer *buffered = executor.BufferedRow(fn.trigger.new_row, &modified))
            return modified ? pg::TriggerRowResult(call, *buffered) : pg::OriginalTuple(call, true);
        const pg::Value &row = executor.SlotValue(fn.trigger.new_row);
        // :NEW := NULL skips the row, as a NULL result does in PostgreSQL.
        if (row.isnull) return (Datum)0;
        return pg::ResultTuple(call, row);
    }
    return pg::OriginalTuple(call, true);
}

}  // namespace plpolar::handler
