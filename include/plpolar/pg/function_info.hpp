// What pg_proc says about a plpolar function (or a DO block), read by
// LoadFunctionInfo (catalog.hpp); compile/ keeps it in CompiledFunction as
// compile::FunctionInfo. Plain data, no PostgreSQL call.
#pragma once

#include <string>
#include <vector>

#include "plpolar/pg/types.hpp"

namespace plpolar::pg {

struct FunctionInfo {
    Oid oid = InvalidOid;   // InvalidOid for DO blocks
    std::string name;       // "f" or "inline_code_block"
    std::string schema;     // the function's schema (a package's name for its members)
    std::string signature;  // "f(integer)" for error context lines
    std::string source;
    // Every parameter, OUT ones included, in declaration order.
    std::vector<std::string> arg_names;
    std::vector<TypeInfo> arg_types;
    std::vector<char> arg_modes;  // PROARGMODE_IN / OUT / INOUT / VARIADIC
    // Parameters the caller passes, in fcinfo order, and those that make up
    // the result.
    std::vector<int> input_args;
    std::vector<int> output_args;
    TypeInfo return_type;
    char volatility = 'v';
    bool strict = false;  // NULL argument, NULL result, no call
    bool is_procedure = false;
    bool is_event_trigger = false;
    // RETURNS trigger: compiled once per table it fires on (trigger_relid),
    // :NEW and :OLD being rows of that table.
    bool is_dml_trigger = false;
    Oid trigger_relid = InvalidOid;
    bool returns_set = false;  // SETOF: PIPELINED, rows made by PIPE ROW
    TransactionId xmin = InvalidTransactionId;
    ItemPointerData tid{};

    // RETURN must give a value: a function whose result is not made of OUT
    // parameters.
    bool ReturnsValue() const {
        return oid != InvalidOid && !return_type.IsVoid() && !is_procedure && !is_event_trigger && !is_dml_trigger &&
               output_args.empty() && !returns_set;
    }
};

}  // namespace plpolar::pg
