// IF, loops, EXIT / CONTINUE and RETURN.
#include <algorithm>

#include "plpolar/exec/executor.hpp"
#include "plpolar/pg/guard.hpp"
#include "plpolar/pg/memory.hpp"

namespace plpolar::exec {

Flow Executor::ExecIf(const ast::IfStmt &stmt) {
    for (const auto &branch : stmt.branches) {
        current_ = &stmt;
        const auto *fast = ast::CastOrNull<const compile::FastExpr>(branch.condition->fast.get());
        if (fast != nullptr && fast->boolean) {
            // Integers and booleans only: nothing to allocate or reset.
            int32 v = 0;
            FastResult r = EvalFast(*fast, &v);
            if (r == FastResult::Value && v != 0) return ExecStmts(branch.body);
            if (r != FastResult::Bail) continue;
        }
        ResetTemp();
        // NULL counts as not true, as in Oracle.
        bool isnull = false;
        if (EvalCondition(*branch.condition, &isnull) && !isnull) return ExecStmts(branch.body);
    }
    return ExecStmts(stmt.else_body);
}

int Executor::CaseBranch(const ast::Expr *operand, compile::CaseSite &site) {
    const std::vector<const ast::Expr *> &conditions = site.conditions;
    if (operand == nullptr) {
        for (size_t i = 0; i < conditions.size(); ++i) {
            bool isnull = false;
            if (EvalCondition(*conditions[i], &isnull) && !isnull) return static_cast<int>(i);
        }
        return -1;
    }
    // Simple CASE: the operand once, compared with = (NULL matches nothing).
    pg::Value value = Eval(*operand);
    if (value.isnull) return -1;
    for (size_t i = 0; i < conditions.size(); ++i) {
        pg::Value candidate = Eval(*conditions[i]);
        pg::Value eq = Compare(ast::BinaryOp::Eq, value, candidate, site.equals[i].get());
        if (!eq.isnull && DatumGetBool(eq.datum)) return static_cast<int>(i);
    }
    return -1;
}

Flow Executor::ExecCase(const ast::CaseStmt &stmt) {
    ResetTemp();
    int branch = CaseBranch(stmt.operand.get(), ast::Cast<compile::CaseSite>(*stmt.annotation));
    if (branch >= 0) return ExecStmts(stmt.whens[static_cast<size_t>(branch)].body);
    if (!stmt.has_else) pg::Raise(ERRCODE_CASE_NOT_FOUND, "case not found", "CASE statement is missing ELSE part.");
    return ExecStmts(stmt.else_body);
}

bool Executor::LoopShouldStop(const ast::Stmt &loop, Flow flow, Flow *out) {
    switch (flow) {
        case Flow::Normal: return false;
        case Flow::Return:
        case Flow::Error:
        case Flow::Goto: *out = flow; return true;
        case Flow::Exit:
        case Flow::Continue: {
            bool mine = pending_label_.empty() ||
                        std::find(loop.labels.begin(), loop.labels.end(), pending_label_) != loop.labels.end();
            if (!mine) {
                *out = flow;  // an outer loop's label
                return true;
            }
            pending_label_.clear();
            if (flow == Flow::Exit) {
                *out = Flow::Normal;
                return true;
            }
            return false;  // CONTINUE: next iteration
        }
    }
    return false;
}

Flow Executor::ExecLoop(const ast::LoopStmt &stmt) {
    Flow out = Flow::Normal;
    while (true) {
        pg::CheckForInterrupts();
        if (LoopShouldStop(stmt, ExecStmts(stmt.body), &out)) return out;
    }
}

Flow Executor::ExecWhile(const ast::WhileStmt &stmt) {
    Flow out = Flow::Normal;
    while (true) {
        pg::CheckForInterrupts();
        current_ = &stmt;
        ResetTemp();
        bool isnull = false;
        if (!EvalCondition(*stmt.condition, &isnull) || isnull) return Flow::Normal;
        if (LoopShouldStop(stmt, ExecStmts(stmt.body), &out)) return out;
    }
}

Flow Executor::ExecForRange(const ast::ForRangeStmt &stmt) {
    auto &site = ast::Cast<compile::ForSite>(*stmt.annotation);
    ResetTemp();
    if (stmt.iteration != ast::ForRangeStmt::Iteration::Range) return IterateCollection(stmt);
    pg::Value low = Coerce(Eval(*stmt.low), site.low_cast);
    pg::Value high = Coerce(Eval(*stmt.high), site.high_cast);
    if (low.isnull || high.isnull)
        pg::Raise(ERRCODE_NULL_VALUE_NOT_ALLOWED,
                  std::string(low.isnull ? "lower" : "upper") + " bound of FOR loop cannot be null");
    // 64-bit counter: the loop must end even at the edges of the int range.
    int64 from = DatumGetInt32(low.datum);
    int64 to = DatumGetInt32(high.datum);
    int64 step = stmt.reverse ? -1 : 1;
    int64 i = stmt.reverse ? to : from;
    int64 last = stmt.reverse ? from : to;
    Flow out = Flow::Normal;
    for (; stmt.reverse ? i >= last : i <= last; i += step) {
        pg::CheckForInterrupts();
        slots_[static_cast<size_t>(stmt.slot)] = pg::Value::Of(Int32GetDatum(static_cast<int32>(i)), INT4OID);
        if (LoopShouldStop(stmt, ExecStmts(stmt.body), &out)) return out;
    }
    return Flow::Normal;
}

Flow Executor::IterateCollection(const ast::ForRangeStmt &stmt) {
    using It = ast::ForRangeStmt::Iteration;
    pg::Value c = Eval(*stmt.collection);
    // An atomically NULL collection has no elements to iterate.
    if (c.isnull) return Flow::Normal;
    // A variable's collection is read as it is (the loop sees its changes);
    // any other value (a constructor's, a function's, in statement memory)
    // is the loop's own copy, freed after it.
    Datum d = c.datum;
    bool own = false;
    if (stmt.collection->kind != ast::ExprKind::Name || !pg::CollectionIsExpanded(d)) {
        d = pg::CopyCollection(d, call_context_);
        own = true;
    }
    struct Owned {
        Datum d;
        bool own;
        ~Owned() {
            if (own) pg::FreeCollectionNoThrow(d);
        }
    } owned{d, own};
    pg::CollectionRef ref(d);
    const bool strings = ref.shape().string_keys;
    const bool keys = stmt.iteration != It::Values;
    const int value_slot = stmt.iteration == It::Pairs    ? stmt.value_slot
                           : stmt.iteration == It::Values ? stmt.slot
                                                          : -1;
    // The key is kept between iterations: the body may delete its element
    // (the next is the one after it) and resets statement memory.
    pg::Value k = stmt.reverse ? ref.Last() : ref.First();
    int32 int_key = k.isnull || strings ? 0 : DatumGetInt32(k.datum);
    std::string text_key = k.isnull || !strings ? std::string() : pg::TextToString(k.datum);
    bool more = !k.isnull;
    Flow out = Flow::Normal;
    while (more) {
        pg::CheckForInterrupts();
        if (keys) {
            if (strings)
                StoreCoerced(stmt.slot, pg::Value::Of(pg::MakeText(text_key.data(), text_key.size()),
                                                      fn_.variables[static_cast<size_t>(stmt.slot)].type.oid));
            else
                slots_[static_cast<size_t>(stmt.slot)] = pg::Value::Of(Int32GetDatum(int_key), INT4OID);
        }
        if (value_slot >= 0) StoreCoerced(value_slot, strings ? ref.Get(text_key) : ref.Get(int_key));
        if (LoopShouldStop(stmt, ExecStmts(stmt.body), &out)) return out;
        ResetTemp();
        pg::Value next = strings ? (stmt.reverse ? ref.Prior(text_key) : ref.Next(text_key))
                                 : (stmt.reverse ? ref.Prior(int_key) : ref.Next(int_key));
        more = !next.isnull;
        if (more && strings) text_key = pg::TextToString(next.datum);
        if (more && !strings) int_key = DatumGetInt32(next.datum);
    }
    return Flow::Normal;
}

Flow Executor::ExecLoopControl(const ast::LoopControlStmt &stmt, Flow flow) {
    if (stmt.condition) {
        ResetTemp();
        bool isnull = false;
        if (!EvalCondition(*stmt.condition, &isnull) || isnull) return Flow::Normal;
    }
    pending_label_ = stmt.label;
    return flow;
}

Flow Executor::ExecReturn(const ast::ReturnStmt &stmt) {
    if (!stmt.value) {
        return_value_ = pg::Value::Null(fn_.info.return_type.oid);
        return Flow::Return;
    }
    ResetTemp();
    if (trigger_ != nullptr && sub_depth_ == 0 && stmt.value->kind == ast::ExprKind::Name) {
        // RETURN OLD of an INSERT, RETURN NEW of a DELETE: the row the
        // event does not have is NULL to PostgreSQL (the row is skipped),
        // though its fields read as NULLs in the body, as in Oracle.
        const auto &n = ast::Cast<ast::NameExpr>(*stmt.value);
        const bool missing = !n.field_ref && trigger_->row_level &&
                             ((n.slot == fn_.trigger.old_row && trigger_->event == pg::TriggerEvent::Insert) ||
                              (n.slot == fn_.trigger.new_row && trigger_->event == pg::TriggerEvent::Delete));
        if (missing && n.slot >= 0) {
            returned_value_ = true;
            return_value_ = pg::Value::Null(fn_.info.return_type.oid);
            return Flow::Return;
        }
    }
    pg::Value v = Eval(*stmt.value);
    if (sub_depth_ == 0) returned_value_ = true;
    const compile::CastSite &cast = ast::Cast<compile::StoreSite>(*stmt.annotation).cast;
    return_value_ = Coerce(v, ast::Cast<compile::StoreSite>(*stmt.annotation).cast);
    // A nested function's caller copies the result out of the callee's temp
    // context, which no statement resets before that.
    if (!return_value_.isnull && !cast.target.byval && sub_depth_ == 0) {
        // The temp context is reset by the next statement; the result must
        // outlive it until the handler transfers it out.
        pg::MemoryContextScope in_call(call_context_);
        return_value_.datum = pg::CopyDatum(return_value_.datum, false, cast.target.typlen);
    }
    return Flow::Return;
}

}  // namespace plpolar::exec
