// Embedded SQL: DML and SELECT ... INTO, with Oracle's NO_DATA_FOUND and
// TOO_MANY_ROWS, and the implicit cursor's attributes.
#include "plpolar/exec/executor.hpp"
#include "plpolar/pg/guard.hpp"

namespace plpolar::exec {

Flow Executor::RunSql(const ast::SqlStmt &stmt) {
    auto &site = ast::Cast<compile::SqlSite>(*stmt.annotation);
    ResetTemp();
    bool into = !site.targets.empty();
    // Two rows are enough to tell "exactly one" from "too many"; DML with
    // RETURNING must run to completion.
    long max_rows = into && !stmt.returning_into && !stmt.bulk ? 2 : 0;
    if (stmt.bulk) {
        try {
            RefreshMirrors(site);
            RunBulkCollect(site);
        } catch (pg::PgError &e) {
            e.origin().embedded_sql = true;
            throw;
        }
        return Flow::Normal;
    }
    pg::SqlStatement::Result result;
    try {
        RefreshMirrors(site);
        pg::DeformedRows rows;
        const pg::Value *slots = SqlSlotsFor(site.statement, &rows);
        result = site.statement.Execute(slots, fn_.read_only(), max_rows, &rows);
    } catch (pg::PgError &e) {
        // A column's length or precision check is then Oracle's ORA-12899 /
        // ORA-01438, not VALUE_ERROR (compile::SqlCode).
        e.origin().embedded_sql = true;
        throw;
    }
    pg::ResultGuard free_result(result);

    sql_executed_ = true;
    sql_rowcount_ = result.processed;
    if (!into) {
        if (result.tuptable != nullptr && stmt.verb == ast::SqlVerb::Select)
            pg::Raise(ERRCODE_SYNTAX_ERROR, "an INTO clause is expected in this SELECT statement");
        return Flow::Normal;
    }
    if (stmt.bulk) {
        // Every row, none an error: empty collections then.
        BulkAssign(site.targets, result);
        return Flow::Normal;
    }
    if (stmt.returning_into && result.processed == 0) {
        // Oracle: no row touched leaves the RETURNING targets NULL.
        for (auto &t : site.targets)
            if (!t.record) StoreTarget(t, pg::Value::Null(UNKNOWNOID));
        return Flow::Normal;
    }
    if (result.processed == 0) pg::Raise(ERRCODE_NO_DATA_FOUND, "no data found");
    if (result.processed > 1) {
        if (!stmt.returning_into) sql_rowcount_ = 1;
        pg::Raise(ERRCODE_TOO_MANY_ROWS, "exact fetch returns more than requested number of rows");
    }
    AssignRow(site.targets, result, 0);
    return Flow::Normal;
}

Flow Executor::ExecProcedureCall(compile::ProcedureCallSite &site) {
    ResetTemp();
    if (!site.resolved) {
        for (auto &[slot, field] : site.statement.CallOutputs(SqlSlots())) {
            const compile::Variable &v = fn_.variables[static_cast<size_t>(slot)];
            if (v.ReadOnly())
                pg::Raise(ERRCODE_SYNTAX_ERROR, "expression \"" + v.name + "\" cannot be used as an assignment target",
                          "It is passed to an OUT or IN OUT parameter.");
            compile::TargetSite t;
            t.slot = slot;
            t.field = field;
            t.record = field.empty() && v.IsRecord();
            t.cast = std::make_unique<compile::CastSite>();
            if (field.empty()) t.cast->target = v.type;
            site.out_targets.push_back(std::move(t));
        }
        site.resolved = true;
    }
    RefreshMirrors(site);
    pg::SqlStatement::Result result = site.statement.ExecuteCall(SqlSlots(), fn_.read_only(), procedure_owner_);
    pg::ResultGuard free_result(result);
    if (result.processed == 1 && pg::SqlStatement::ColumnCount(result) == static_cast<int>(site.out_targets.size()))
        for (size_t i = 0; i < site.out_targets.size(); ++i)
            StoreTarget(site.out_targets[i], pg::SqlStatement::Column(result, 0, static_cast<int>(i)));
    return Flow::Normal;
}

}  // namespace plpolar::exec
