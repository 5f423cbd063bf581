// Embedded SQL: DML and SELECT ... INTO, with Oracle's NO_DATA_FOUND and
// TOO_MANY_ROWS, and the implicit cursor's attributes.
#include "plpolar/exec/executor.hpp"
#include "plpolar/pg/guard.hpp"

namespace plpolar::exec {

Flow Executor::ExecSql(const ast::SqlStmt &stmt) {
    auto &site = static_cast<compile::SqlSite &>(*stmt.annotation);
    ResetTemp();
    bool into = !stmt.into_slots.empty();
    // Two rows are enough to tell "exactly one" from "too many".
    pg::SqlStatement::Result result = site.statement.Execute(slots_.data(), fn_.read_only(), into ? 2 : 0);
    struct FreeOnExit {
        pg::SqlStatement::Result &r;
        ~FreeOnExit() {
            try {
                pg::SqlStatement::FreeResult(r);
            } catch (const pg::PgError &) {
            }
        }
    } free_result{result};

    sql_executed_ = true;
    sql_rowcount_ = result.processed;
    if (!into) {
        if (result.tuptable != nullptr && stmt.verb == ast::SqlVerb::Select)
            pg::Raise(ERRCODE_SYNTAX_ERROR, "an INTO clause is expected in this SELECT statement");
        return Flow::Normal;
    }
    if (result.processed == 0) pg::Raise(ERRCODE_NO_DATA_FOUND, "no data found");
    if (result.processed > 1) {
        sql_rowcount_ = 1;
        pg::Raise(ERRCODE_TOO_MANY_ROWS, "exact fetch returns more than requested number of rows");
    }
    int ncolumns = pg::SqlStatement::ColumnCount(result);
    if (ncolumns != static_cast<int>(stmt.into_slots.size()))
        pg::Raise(ERRCODE_DATATYPE_MISMATCH, "query returned " + std::to_string(ncolumns) + " column(s) for " +
                                                 std::to_string(stmt.into_slots.size()) + " INTO target(s)");
    for (size_t i = 0; i < stmt.into_slots.size(); ++i) {
        pg::Value v = pg::SqlStatement::Column(result, 0, static_cast<int>(i));
        Store(stmt.into_slots[i], v, *site.into_casts[i]);
    }
    return Flow::Normal;
}

}  // namespace plpolar::exec
