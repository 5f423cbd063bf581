// Embedded SQL: DML and SELECT ... INTO, with Oracle's NO_DATA_FOUND and
// TOO_MANY_ROWS, and the implicit cursor's attributes.
#include "plpolar/exec/executor.hpp"
#include "plpolar/pg/guard.hpp"

namespace plpolar::exec {

Flow Executor::ExecSql(const ast::SqlStmt &stmt) {
    auto &site = static_cast<compile::SqlSite &>(*stmt.annotation);
    ResetTemp();
    bool into = !site.targets.empty();
    // Two rows are enough to tell "exactly one" from "too many"; DML with
    // RETURNING must run to completion.
    long max_rows = into && !stmt.returning_into ? 2 : 0;
    pg::SqlStatement::Result result = site.statement.Execute(slots_.data(), fn_.read_only(), max_rows);
    pg::ResultGuard free_result(result);

    sql_executed_ = true;
    sql_rowcount_ = result.processed;
    if (!into) {
        if (result.tuptable != nullptr && stmt.verb == ast::SqlVerb::Select)
            pg::Raise(ERRCODE_SYNTAX_ERROR, "an INTO clause is expected in this SELECT statement");
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

}  // namespace plpolar::exec
