// FORALL: one DML statement per index of a range, of a collection's
// indices (INDICES OF) or of its values (VALUES OF), with Oracle's
// SQL%ROWCOUNT (the total), SQL%BULK_ROWCOUNT(i) and SAVE EXCEPTIONS
// (each failed execution undone alone, ORA-24381 at the end,
// SQL%BULK_EXCEPTIONS).
#include "plpolar/compile/conditions.hpp"
#include "plpolar/exec/executor.hpp"
#include "plpolar/pg/collection.hpp"
#include "plpolar/pg/guard.hpp"
#include "plpolar/pg/memory.hpp"
#include "plpolar/pg/row.hpp"
#include "plpolar/pg/subxact.hpp"

namespace plpolar::exec {

namespace {

[[noreturn]] void NullBound(const char *which) {
    pg::Raise(ERRCODE_NULL_VALUE_NOT_ALLOWED, std::string(which) + " bound of FORALL cannot be null");
}

}  // namespace

Flow Executor::ExecForAll(const ast::ForAllStmt &stmt) {
    auto &site = ast::Cast<compile::ForAllSite>(*stmt.annotation);
    ResetTemp();
    // The indices, all known before the first execution.
    std::vector<int32> indices;
    int64 low = PG_INT32_MIN, high = PG_INT32_MAX;
    if (stmt.low) {
        pg::Value lo = Coerce(Eval(*stmt.low), site.low_cast);
        pg::Value hi = Coerce(Eval(*stmt.high), site.high_cast);
        if (lo.isnull) NullBound("lower");
        if (hi.isnull) NullBound("upper");
        low = DatumGetInt32(lo.datum);
        high = DatumGetInt32(hi.datum);
    }
    switch (stmt.bounds) {
        case ast::ForAllStmt::Bounds::Range:
            if (low <= high) indices.reserve(static_cast<size_t>(high - low + 1));
            for (int64 i = low; i <= high; ++i) indices.push_back(static_cast<int32>(i));
            break;
        case ast::ForAllStmt::Bounds::Indices:
        case ast::ForAllStmt::Bounds::Values: {
            const pg::Value &c = slots_[static_cast<size_t>(site.collection)];
            if (c.isnull) pg::CollectionIsNull("The collection of FORALL ... OF");
            pg::CollectionRef ref(c.datum);
            const bool values = stmt.bounds == ast::ForAllStmt::Bounds::Values;
            for (pg::Value k = ref.First(); !k.isnull; k = ref.Next(DatumGetInt32(k.datum))) {
                int32 key = DatumGetInt32(k.datum);
                if (key < low || key > high) continue;
                if (!values) {
                    indices.push_back(key);
                    continue;
                }
                pg::Value v = ref.Get(key);
                if (v.isnull)
                    pg::Raise(ERRCODE_NULL_VALUE_NOT_ALLOWED, "ORA-22160: element at index [" + std::to_string(key) +
                                                                  "] of the VALUES OF collection is NULL");
                indices.push_back(v.type == INT2OID ? DatumGetInt16(v.datum) : DatumGetInt32(v.datum));
            }
            break;
        }
    }
    bulk_rowcounts_.clear();
    bulk_exceptions_.clear();
    bulk_rowcounts_.reserve(indices.size());
    if (site.setwise != nullptr && !indices.empty() && SetWiseInsert(stmt, site, indices)) return Flow::Normal;
    uint64 total = 0;
    const auto index = static_cast<size_t>(stmt.slot);
    for (size_t n = 0; n < indices.size(); ++n) {
        pg::CheckForInterrupts();
        slots_[index] = pg::Value::Of(Int32GetDatum(indices[n]), INT4OID);
        sql_rowcount_ = 0;
        if (!stmt.save_exceptions) {
            // Each execution is a statement of its own: inside a block with
            // handlers, an error undoes it alone and ends the FORALL.
            Flow flow = ExecStmt(*stmt.body);
            if (flow == Flow::Error) {
                sql_rowcount_ = total;
                return flow;
            }
        } else {
            pg::SubTransaction sub;
            try {
                Dispatch(*stmt.body);  // a DML statement ends normally or raises
                sub.Commit();
            } catch (const pg::PgError &e) {
                sub.Rollback();
                const auto &o = e.origin();
                int code = compile::SqlCode(e.data(), o.oracle_code, o.pl_conversion, true);
                // Oracle's ERROR_CODE is the positive error number.
                bulk_exceptions_.emplace_back(static_cast<int32>(n + 1), code == 100 ? 1403 : -code);
                sql_rowcount_ = 0;
            }
        }
        total += sql_rowcount_;
        bulk_rowcounts_.emplace_back(indices[n], static_cast<int64>(sql_rowcount_));
    }
    sql_executed_ = true;
    sql_rowcount_ = total;
    slots_[index] = pg::Value::Null(INT4OID);
    if (!bulk_exceptions_.empty())
        pg::Raise(pg::kBulkErrors, "ORA-24381: error(s) in array DML",
                  std::to_string(bulk_exceptions_.size()) + " of " + std::to_string(indices.size()) +
                      " executions failed: see SQL%BULK_EXCEPTIONS.");
    return Flow::Normal;
}

bool Executor::SetWiseInsert(const ast::ForAllStmt &stmt, compile::ForAllSite &site,
                             const std::vector<int32> &indices) {
    const size_t n = indices.size();
    std::vector<pg::Value> values(n);
    for (compile::ForAllSite::Column &col : site.columns) {
        if (col.collection < 0) {
            for (size_t k = 0; k < n; ++k) values[k] = pg::Value::Of(Int32GetDatum(indices[k]), INT4OID);
        } else {
            // A NULL collection or a missing element: the executions one by
            // one raise Oracle's error where Oracle does.
            const pg::Value &c = slots_[static_cast<size_t>(col.collection)];
            if (c.isnull) return false;
            pg::CollectionRef ref(c.datum);
            for (size_t k = 0; k < n; ++k) {
                Datum d = 0;
                bool isnull = false;
                if (!ref.Peek(indices[k], &d, &isnull)) return false;
                if (col.field.empty()) {
                    values[k] = isnull ? pg::Value::Null(col.element.oid) : pg::Value::Of(d, col.element.oid);
                } else if (isnull) {
                    values[k] = pg::Value::Null(col.element.oid);  // a field of a NULL record
                } else if (!pg::GetRowField(d, col.field, &col.cache, &values[k])) {
                    return false;
                }
            }
        }
        pg::MemoryContextScope in_call(call_context_);
        Datum array = pg::MakeArray(values, col.element);
        StoreOwned(col.slot, pg::Value::Of(array, fn_.variables[static_cast<size_t>(col.slot)].type.oid));
    }
    compile::SqlSite &sql = *site.setwise;
    RefreshMirrors(sql);
    pg::SqlStatement::Result result;
    // In a subtransaction: a failure is undone, and the executions one by
    // one then fail where Oracle's do, keep what Oracle keeps and report
    // the statement as written.
    {
        pg::SubTransaction sub;
        try {
            result = sql.statement.Execute(SqlSlots(), fn_.read_only(), 0);
            sub.Commit();
        } catch (const pg::PgError &) {
            sub.Rollback();
            return false;
        }
    }
    pg::ResultGuard free_result(result);
    sql_executed_ = true;
    sql_rowcount_ = result.processed;
    // One row per index (a trigger that skips rows makes these approximate).
    for (size_t k = 0; k < n; ++k) bulk_rowcounts_.emplace_back(indices[k], k < result.processed ? 1 : 0);
    return true;
}

pg::Value Executor::EvalBulk(const ast::CallExpr &call) {
    pg::Value arg = Coerce(Eval(*call.args[0].value), ast::Cast<compile::CastSite>(*call.annotation));
    if (arg.isnull) return pg::Value::Null(INT4OID);
    const int32 i = DatumGetInt32(arg.datum);
    if (call.builtin == ast::Builtin::BulkRowcount) {
        for (const auto &[key, rows] : bulk_rowcounts_)
            if (key == i) return pg::Value::Of(Int64GetDatum(rows), INT8OID);
        pg::Raise(ERRCODE_NO_DATA_FOUND, "ORA-01403: no data found",
                  "The last FORALL ran no statement for index " + std::to_string(i) + " (SQL%BULK_ROWCOUNT).");
    }
    if (i < 1 || static_cast<size_t>(i) > bulk_exceptions_.size())
        pg::Raise(ERRCODE_NO_DATA_FOUND, "ORA-01403: no data found",
                  "SQL%BULK_EXCEPTIONS has " + std::to_string(bulk_exceptions_.size()) + " elements.");
    const auto &[iteration, code] = bulk_exceptions_[static_cast<size_t>(i - 1)];
    return pg::Value::Of(Int32GetDatum(call.fields[0] == "error_index" ? iteration : code), INT4OID);
}

}  // namespace plpolar::exec
