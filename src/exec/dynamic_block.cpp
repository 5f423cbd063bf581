// EXECUTE IMMEDIATE of a PL/SQL block ('BEGIN ... END;', 'DECLARE ...'):
// compiled when it runs, as Oracle parses it then, and run in the caller's
// transaction and subtransaction. Its placeholders are bound by name, each
// distinct name to the next USING argument; IN OUT and OUT binds are the
// block's parameters, copied back to the caller's variables at its end.
#include <memory>
#include <string>
#include <vector>

#include "plpolar/compile/compiler.hpp"
#include "plpolar/exec/error_context.hpp"
#include "plpolar/exec/executor.hpp"
#include "plpolar/parser/placeholders.hpp"
#include "plpolar/pg/guard.hpp"

namespace plpolar::exec {

Flow Executor::RunDynamicBlock(const ast::ExecuteImmediateStmt &stmt, compile::DynamicSite &site,
                               const std::string &source) {
    if (!site.into.empty() || !site.returning.empty())
        pg::Raise(ERRCODE_SYNTAX_ERROR,
                  "EXECUTE IMMEDIATE of a PL/SQL block takes no INTO or RETURNING INTO: bind the block's results "
                  "as USING OUT arguments");
    // A prefix no Oracle code uses, so that a bind cannot meet a name the
    // block declares itself.
    const std::string prefix = "plpolar$bind$";
    parser::DynamicBlock block = parser::ConvertBlockPlaceholders(source, prefix);
    if (block.names.size() != stmt.using_args.size())
        pg::Raise(ERRCODE_UNDEFINED_PARAMETER,
                  block.names.size() > stmt.using_args.size() ? "ORA-01008: not all variables bound"
                                                              : "ORA-01006: bind variable does not exist",
                  "The block has " + std::to_string(block.names.size()) +
                      " distinct placeholder name(s) (a PL/SQL block binds by name), and " +
                      std::to_string(stmt.using_args.size()) + " USING argument(s).");
    compile::FunctionInfo info;
    info.name = "dynamic_block";
    info.signature = "dynamic PL/SQL block";
    info.source = block.text;
    info.return_type = pg::TypeFromOid(VOIDOID, -1);
    std::vector<pg::Value> args;
    for (size_t k = 0; k < stmt.using_args.size(); ++k) {
        const ast::BindArg &arg = stmt.using_args[k];
        const compile::TargetSite &target = site.out_args[k];
        pg::TypeInfo type;
        pg::Value value = pg::Value::Null(UNKNOWNOID);
        char mode = PROARGMODE_IN;
        switch (arg.mode) {
            case ast::BindArg::Mode::In: break;
            case ast::BindArg::Mode::Out: mode = PROARGMODE_OUT; break;
            case ast::BindArg::Mode::InOut: mode = PROARGMODE_INOUT; break;
        }
        if (mode != PROARGMODE_OUT) {
            value = Eval(*arg.value);
            if (value.type == UNKNOWNOID || value.type == InvalidOid) value.type = TEXTOID;
        }
        if (mode == PROARGMODE_IN) {
            type = pg::TypeFromOid(value.type, -1);
        } else {
            const compile::Variable &variable = fn_.variables[static_cast<size_t>(target.slot)];
            if (target.record || (target.field.empty() && variable.IsRecord()))
                pg::Raise(ERRCODE_DATATYPE_MISMATCH, "PLS-00457: expressions have to be of SQL types",
                          "A record cannot be bound to a placeholder of a dynamic PL/SQL block (USING argument " +
                              std::to_string(k + 1) + ").");
            // A record's field: its value travels as text and is assigned
            // back with the field's own conversion.
            type = target.field.empty() ? variable.type : pg::TypeFromOid(TEXTOID, -1);
            if (mode == PROARGMODE_INOUT && !target.field.empty()) type = pg::TypeFromOid(value.type, -1);
        }
        info.arg_names.push_back(prefix + std::to_string(k + 1));
        info.arg_types.push_back(type);
        info.arg_modes.push_back(mode);
        if (mode != PROARGMODE_OUT) info.input_args.push_back(static_cast<int>(k));
        if (mode != PROARGMODE_IN) info.output_args.push_back(static_cast<int>(k));
        if (mode == PROARGMODE_OUT) value = pg::Value::Null(type.oid);
        args.push_back(value);
    }
    std::unique_ptr<compile::CompiledFunction> compiled = compile::Compile(std::move(info));
    {
        Executor nested(*compiled, CurrentMemoryContext);
        ErrorContextScope context(nested);
        nested.Run(args.data(), args.size());
        for (size_t k = 0; k < stmt.using_args.size(); ++k)
            if (stmt.using_args[k].mode != ast::BindArg::Mode::In)
                StoreTarget(site.out_args[k], nested.SlotValue(compiled->first_argument_slot + static_cast<int>(k)));
    }
    sql_executed_ = true;
    sql_rowcount_ = 0;
    return Flow::Normal;
}

}  // namespace plpolar::exec
