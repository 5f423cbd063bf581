// EXECUTE IMMEDIATE: the string is SQL for PostgreSQL with Oracle's :1 /
// :name placeholders turned into $n; USING values are bound as parameters,
// never written into the text.
#include "plpolar/compile/oracle_sql.hpp"
#include "plpolar/exec/executor.hpp"
#include "plpolar/parser/placeholders.hpp"
#include "plpolar/pg/catalog.hpp"
#include "plpolar/pg/guard.hpp"

namespace plpolar::exec {

Flow Executor::ExecExecuteImmediate(const ast::ExecuteImmediateStmt &stmt) {
    auto &site = ast::Cast<compile::DynamicSite>(*stmt.annotation);
    ResetTemp();
    pg::Value text = Eval(*stmt.sql);
    if (text.isnull) pg::Raise(ERRCODE_NULL_VALUE_NOT_ALLOWED, "query string argument of EXECUTE IMMEDIATE is null");
    std::string source = ToText(text);
    // Oracle runs EXECUTE IMMEDIATE 'COMMIT' as a COMMIT; SPI refuses
    // transaction commands. So they take the COMMIT and ROLLBACK
    // statements' way, outside the statement's subtransaction: they work
    // where PostgreSQL allows them (a procedure) and raise its invalid
    // transaction termination (2D000) elsewhere.
    if (stmt.using_args.empty() && site.into.empty() && site.returning.empty()) {
        switch (pg::DynamicTransactionCommand(source)) {
            case pg::TransactionCommand::None: break;
            case pg::TransactionCommand::Commit:
                pg::PlCommit();
                sql_executed_ = true;
                sql_rowcount_ = 0;
                return Flow::Normal;
            case pg::TransactionCommand::Rollback:
                pg::SpiRollback();
                sql_executed_ = true;
                sql_rowcount_ = 0;
                return Flow::Normal;
        }
    }
    return Atomic(stmt, [this, &stmt, &site, &source] { return RunDynamic(stmt, site, source); });
}

Flow Executor::RunDynamic(const ast::ExecuteImmediateStmt &stmt, compile::DynamicSite &site,
                          const std::string &source) {
    if (parser::IsDynamicBlock(source)) return RunDynamicBlock(stmt, site, source);
    if (stmt.using_args.empty() && site.into.empty() && site.returning.empty()) {
        // Oracle's schema-level collection types, table DDL and ALTER
        // SESSION, as in scripts.
        std::string done;
        if (compile::RunDynamicUnitDdl(source, &done, fn_.read_only()) ||
            compile::RunSchemaTypeCommand(source, &done, fn_.read_only())) {
            sql_executed_ = true;
            sql_rowcount_ = 0;
            return Flow::Normal;
        }
        std::optional<parser::DdlTranslation> ddl = compile::TranslateDynamicDdl(source);
        if (ddl) {
            for (size_t k = 0; k < ddl->statements.size(); ++k) {
                const std::string *run = &ddl->statements[k];
                for (const parser::DdlTranslation::IndexReuse &r : ddl->reuse)
                    if (r.statement == k && pg::UnclaimedUniqueIndex(r.table, r.index)) run = &r.sql;
                pg::SqlStatement::Result result = pg::ExecuteDynamic(*run, nullptr, 0, fn_.read_only(), 0);
                pg::ResultGuard free_result(result);
            }
            sql_executed_ = true;
            sql_rowcount_ = 0;
            return Flow::Normal;
        }
    }
    // Oracle's habit of a trailing ';' in a DDL string does no harm here.
    parser::DynamicSql sql = parser::ConvertPlaceholders(source);
    std::vector<int> order = sql.in_args;
    if (!sql.has_placeholders) {
        // PostgreSQL's own $1..$n: USING values in order.
        for (size_t i = 0; i < stmt.using_args.size(); ++i) order.push_back(static_cast<int>(i));
    } else {
        size_t bound = sql.in_args.size() + (stmt.returning_into.empty() ? sql.returning_args.size() : 0);
        if (bound != stmt.using_args.size())
            pg::Raise(ERRCODE_UNDEFINED_PARAMETER,
                      bound > stmt.using_args.size() ? "ORA-01008: not all variables bound"
                                                     : "ORA-01006: bind variable does not exist",
                      std::to_string(sql.in_args.size() + sql.returning_args.size()) + " placeholder(s), " +
                          std::to_string(stmt.using_args.size()) + " USING argument(s).");
    }
    // RETURNING ... INTO :a binds to USING OUT arguments, or to the
    // statement's own RETURNING INTO list.
    std::vector<compile::TargetSite *> returning;
    if (!sql.returning_args.empty()) {
        if (!site.returning.empty()) {
            if (site.returning.size() != sql.returning_args.size())
                pg::Raise(ERRCODE_DATATYPE_MISMATCH, "RETURNING INTO lists " + std::to_string(site.returning.size()) +
                                                         " target(s) for " + std::to_string(sql.returning_args.size()) +
                                                         " placeholder(s)");
            for (auto &t : site.returning) returning.push_back(&t);
        } else {
            for (int index : sql.returning_args) {
                auto &t = site.out_args[static_cast<size_t>(index)];
                if (stmt.using_args[static_cast<size_t>(index)].mode == ast::BindArg::Mode::In || t.slot < 0)
                    pg::Raise(ERRCODE_SYNTAX_ERROR, "RETURNING INTO placeholder needs a USING OUT argument (argument " +
                                                        std::to_string(index + 1) + ")");
                returning.push_back(&t);
            }
        }
    } else if (!site.returning.empty()) {
        pg::Raise(ERRCODE_SYNTAX_ERROR,
                  "RETURNING INTO given, but the statement has no RETURNING ... INTO :placeholder");
    }
    std::vector<pg::Value> values = EvalBindValues(stmt.using_args, order);
    bool into = !site.into.empty();
    pg::SqlStatement::Result result = pg::ExecuteDynamic(DynamicSqlText(sql.text), values.data(), values.size(),
                                                         fn_.read_only(), into && !stmt.bulk ? 2 : 0);
    pg::ResultGuard free_result(result);
    sql_executed_ = true;
    sql_rowcount_ = result.processed;
    if (stmt.bulk) {
        // EXECUTE IMMEDIATE ... BULK COLLECT INTO / RETURNING BULK COLLECT
        // INTO: every row, none an error.
        if (result.tuptable == nullptr)
            pg::Raise(ERRCODE_SYNTAX_ERROR,
                      "EXECUTE IMMEDIATE ... BULK COLLECT INTO used with a statement that returns no rows");
        BulkAssign(into ? site.into : site.returning, result);
        return Flow::Normal;
    }
    if (into) {
        if (result.tuptable == nullptr)
            pg::Raise(ERRCODE_SYNTAX_ERROR, "EXECUTE IMMEDIATE ... INTO used with a statement that returns no rows");
        if (result.processed == 0) pg::Raise(ERRCODE_NO_DATA_FOUND, "no data found");
        if (result.processed > 1) {
            sql_rowcount_ = 1;
            pg::Raise(ERRCODE_TOO_MANY_ROWS, "exact fetch returns more than requested number of rows");
        }
        AssignRow(site.into, result, 0);
    }
    if (!returning.empty()) {
        if (result.processed > 1)
            pg::Raise(ERRCODE_TOO_MANY_ROWS, "exact fetch returns more than requested number of rows");
        int ncolumns = pg::SqlStatement::ColumnCount(result);
        if (ncolumns != static_cast<int>(returning.size()))
            pg::Raise(ERRCODE_DATATYPE_MISMATCH, "RETURNING gives " + std::to_string(ncolumns) + " column(s) for " +
                                                     std::to_string(returning.size()) + " target(s)");
        for (size_t i = 0; i < returning.size(); ++i) {
            pg::Value v = result.processed == 0 ? pg::Value::Null(UNKNOWNOID)
                                                : pg::SqlStatement::Column(result, 0, static_cast<int>(i));
            StoreTarget(*returning[i], v);
        }
    }
    return Flow::Normal;
}

}  // namespace plpolar::exec
