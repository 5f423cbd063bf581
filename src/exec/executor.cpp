// Statement dispatch, blocks and the call frame.
#include "plpolar/exec/executor.hpp"

#include "plpolar/pg/catalog.hpp"
#include "plpolar/pg/guard.hpp"
#include "plpolar/pg/memory.hpp"

namespace plpolar::exec {

Executor::Executor(compile::CompiledFunction &fn, MemoryContext call_context) : fn_(fn), call_context_(call_context) {
    auto n = static_cast<size_t>(fn.nslots());
    if (fn.spare.temp != nullptr) {
        slots_.swap(fn.spare.slots);
        owned_.swap(fn.spare.owned);
        temp_context_ = fn.spare.temp;
        fn.spare.temp = nullptr;
    } else {
        temp_context_ = pg::CreateContext(fn.context, "plpolar statement");
    }
    if (fn.null_slots.size() != n) {
        fn.null_slots.resize(n);
        for (size_t i = 0; i < n; ++i) fn.null_slots[i] = pg::Value::Null(fn_.variables[i].type.oid);
    }
    slots_.assign(fn.null_slots.begin(), fn.null_slots.end());
    owned_.assign(n, 0);
    append_.clear();
}

Executor::~Executor() {
    // Values live in the call context, which its owner deletes; the temp
    // context is reset and kept for the next call, unless one is kept.
    try {
        for (MemoryContext c : temp_stack_) pg::DeleteContext(c);
        if (fn_.spare.temp == nullptr) {
            MemoryContextReset(temp_context_);
            fn_.spare.temp = temp_context_;
            fn_.spare.slots.swap(slots_);
            fn_.spare.owned.swap(owned_);
        } else {
            pg::DeleteContext(temp_context_);
        }
    } catch (const pg::PgError &) {
    }
}

void Executor::SetVariable(int slot, const pg::Value &value) { StoreCoerced(slot, value); }

bool Executor::BufferTriggerRow(int slot, bool new_row) {
    RowBuffer *b = BufferFor(-1);
    if (b == nullptr || trigger_ == nullptr) return false;
    pg::MemoryContextScope in_call(call_context_);
    if (!pg::DeformTriggerRow(*trigger_, new_row, &b->row)) return false;
    // The slot's datum is made only if something reads the row whole.
    StoreOwned(slot, pg::Value::Null(fn_.variables[static_cast<size_t>(slot)].type.oid));
    b->slot = slot;
    b->stale = true;
    b->modified = false;
    buffered_ = true;
    return true;
}

const pg::TriggerRowBuffer *Executor::BufferedRow(int slot, bool *modified) const {
    for (const RowBuffer &b : row_buffers_)
        if (b.slot == slot) {
            *modified = b.modified;
            return &b.row;
        }
    return nullptr;
}

void Executor::SyncRowBuffers() {
    for (RowBuffer &b : row_buffers_) {
        if (b.slot < 0 || !b.stale) continue;
        pg::MemoryContextScope in_call(call_context_);
        pg::Value row = pg::TriggerRowComposite(*trigger_, b.row, !b.modified);
        auto index = static_cast<size_t>(b.slot);
        ForgetAppend(index);
        FreeSlotValue(index);
        slots_[index] = row;
        owned_[index] = 1;
        b.stale = false;
        (b.slot == fn_.trigger.new_row ? fn_.trigger.new_read_whole : fn_.trigger.old_read_whole) = true;
    }
}

const pg::Value *Executor::SqlSlotsFor(pg::SqlStatement &statement, pg::DeformedRows *rows) {
    if (likely(!buffered_)) return slots_.data();
    // Prepared with the buffered slots' values NULL: a trigger row's type
    // is the table's, which is all the parser hooks ask of it.
    statement.EnsurePrepared(slots_.data());
    int n = 0;
    for (const RowBuffer &b : row_buffers_) {
        if (b.slot < 0) continue;
        if (statement.ReadsSlot(b.slot)) return SqlSlots();
        rows->slot[n] = b.slot;
        rows->row[n] = &b.row;
        n++;
    }
    return slots_.data();
}

void Executor::DropRowBuffer(int slot) {
    // The whole row assigned: the slot's value is the variable's from now.
    bool any = false;
    for (RowBuffer &b : row_buffers_) {
        if (b.slot == slot) b.slot = -1;
        any = any || b.slot >= 0;
    }
    buffered_ = any;
}

pg::Value Executor::Run(const pg::Value *args, size_t nargs) {
    // Arguments come from the caller's memory and are never freed by us.
    auto first = static_cast<size_t>(fn_.first_argument_slot);
    for (size_t i = 0; i < nargs && first + i < slots_.size(); ++i) {
        pg::Value &slot = slots_[first + i];
        slot = IsEmptyString(args[i]) ? pg::Value::Null(args[i].type) : args[i];
        // A NUMBER argument is a numeric variable (compile::PlType): the
        // same datum, typed as the plans prepared for the variable expect.
        if (slot.type == fn_.number_oid && slot.type != InvalidOid) slot.type = NUMERICOID;
        // A schema-level collection type's argument arrives as its array:
        // the variable gets a collection of its own.
        const compile::Variable &var = fn_.variables[first + i];
        if (unlikely(var.IsCollection()) && !slot.isnull && slot.type != fn_.collection_oid) {
            pg::MemoryContextScope in_call(call_context_);
            slot = CoerceCollection(slot, var.type);
            owned_[first + i] = true;
        }
    }
    pg::MemoryContextScope in_temp(temp_context_);
    SetErrorInfo();
    Flow flow = ExecBlock(*fn_.body.block);
    if (flow == Flow::Error) throw pending_error_;  // no handler took it
    if (flow == Flow::Return) return return_value_;
    if (flow == Flow::Exit || flow == Flow::Continue || flow == Flow::Goto)
        pg::Raise(ERRCODE_SYNTAX_ERROR, "EXIT, CONTINUE or GOTO left the function");  // compile checks prevent it
    if (fn_.info.ReturnsValue()) {
        current_ = nullptr;
        pg::Raise(ERRCODE_S_R_E_FUNCTION_EXECUTED_NO_RETURN_STATEMENT, "function returned without value",
                  "Control reached the end of function \"" + fn_.info.name + "\" without a RETURN statement.");
    }
    return pg::Value::Null(fn_.info.return_type.oid);
}

Flow Executor::ExecStmts(const ast::StmtList &list) {
    for (size_t i = 0; i < list.size(); ++i) {
        Flow flow = ExecStmt(*list[i]);
        if (flow == Flow::Normal) continue;
        if (flow != Flow::Goto) return flow;
        // GOTO: resume at the labelled statement if it is in this list.
        size_t target = list.size();
        for (size_t j = 0; j < list.size() && target == list.size(); ++j)
            for (const auto &l : list[j]->labels)
                if (l == pending_label_) target = j;
        if (target == list.size()) return flow;
        pending_label_.clear();
        pg::CheckForInterrupts();  // a backward GOTO is a loop
        i = target - 1;
    }
    return Flow::Normal;
}

Flow Executor::ExecStmt(const ast::Stmt &stmt) {
    if (protected_depth_ == 0) return Dispatch(stmt);
    // Soft errors (exceptions.cpp): only for an assignment whose value
    // cannot run user code, so that nothing happens after the error.
    struct Soft {
        Executor &e;
        bool was;
        Soft(Executor &ex, bool on) : e(ex), was(ex.soft_) { e.soft_ = on; }
        ~Soft() {
            e.soft_ = was;
            e.soft_error_ = nullptr;  // taken below, or freed with the error memory
        }
    } soft{*this, stmt.kind == ast::StmtKind::Assign && ast::Cast<compile::StoreSite>(*stmt.annotation).soft_errors};
    try {
        Flow flow = Dispatch(stmt);
        if (soft_error_ != nullptr) pending_error_ = pg::PgError(soft_error_);
        return soft_error_ != nullptr ? Flow::Error : flow;
    } catch (const pg::PgError &e) {
        // The first error wins: a soft one may have come before.
        pending_error_ = soft_error_ != nullptr ? pg::PgError(soft_error_) : e;
        return Flow::Error;
    }
}

Flow Executor::Dispatch(const ast::Stmt &stmt) {
    current_ = &stmt;
    // The node class is the one stmt_kinds.hpp pairs with the kind.
    switch (stmt.kind) {
#define PLPOLAR_EXEC_CASE(kind, node) \
    case ast::StmtKind::kind: return Exec##kind(static_cast<const ast::node &>(stmt));
        PLPOLAR_STMT_KINDS(PLPOLAR_EXEC_CASE)
#undef PLPOLAR_EXEC_CASE
    }
    return Flow::Normal;
}

Flow Executor::ExecExit(const ast::ExitStmt &stmt) { return ExecLoopControl(stmt, Flow::Exit); }
Flow Executor::ExecContinue(const ast::ContinueStmt &stmt) { return ExecLoopControl(stmt, Flow::Continue); }
Flow Executor::ExecNull(const ast::NullStmt &) { return Flow::Normal; }

Flow Executor::ExecPipeRow(const ast::PipeRowStmt &stmt) {
    if (pipe_ == nullptr)
        pg::Raise(ERRCODE_FEATURE_NOT_SUPPORTED, "PIPE ROW outside a call of a pipelined function from SQL",
                  "Call the function in FROM: SELECT * FROM TABLE(f(x)).");
    ResetTemp();
    auto &cast = ast::Cast<compile::CastSite>(*stmt.annotation);
    if (cast.target.oid != pipe_->row.oid || cast.target.typmod != pipe_->row.typmod) {
        cast.expr.reset();
        cast.fields.clear();
        cast.target = pipe_->row;
    }
    pg::Value row = Coerce(Eval(*stmt.value), cast);
    pg::AddSetRow(*pipe_, row);
    // A long pipe is a loop: stay cancellable.
    pg::CheckForInterrupts();
    return Flow::Normal;
}

Flow Executor::ExecGoto(const ast::GotoStmt &stmt) {
    pending_label_ = stmt.label;
    return Flow::Goto;
}

Flow Executor::ExecCommit(const ast::TransactionStmt &) {
    pg::PlCommit();
    return Flow::Normal;
}

Flow Executor::ExecRollback(const ast::TransactionStmt &) {
    pg::SpiRollback();
    return Flow::Normal;
}

// Statements that run SQL themselves: one unit of statement-level rollback
// each. (EXECUTE IMMEDIATE evaluates its string first: a COMMIT in it must
// not run in the statement's subtransaction, dynamic.cpp.)
Flow Executor::ExecSql(const ast::SqlStmt &stmt) {
    return Atomic(stmt, [this, &stmt] { return RunSql(stmt); });
}
Flow Executor::ExecOpen(const ast::OpenStmt &stmt) {
    return Atomic(stmt, [this, &stmt] { return RunOpen(stmt); });
}
Flow Executor::ExecFetch(const ast::FetchStmt &stmt) {
    return Atomic(stmt, [this, &stmt] { return RunFetch(stmt); });
}

void Executor::InitBlockVariables(compile::BlockSite &site) {
    // Oracle re-initialises a block's variables every time it is entered.
    for (auto &init : site.inits) {
        ResetTemp();
        const pg::TypeInfo &type = fn_.variables[static_cast<size_t>(init.slot)].type;
        pg::Value v;
        if (init.empty_collection != nullptr) {
            // Built where the variable keeps it: no copy.
            Datum empty = pg::NewCollection(init.empty_collection->shape, call_context_);
            StoreOwned(init.slot, pg::Value::Of(empty, type.oid, type.typmod));
            continue;
        }
        if (init.value != nullptr) {
            v = Eval(*init.value);
        } else if (init.row_of_package_cursor != nullptr) {
            v = PackageCursorRow(*init.row_of_package_cursor);
        } else if (init.row_of_cursor != nullptr) {
            auto &cs = ast::Cast<compile::CursorSite>(*init.row_of_cursor->annotation);
            // A specification's cursor whose body is missing: no row yet.
            v = cs.query == nullptr
                    ? pg::Value::Null(RECORDOID)
                    : NullRow(pg::TypeFromOid(RECORDOID, cs.query->statement.ResultRowType(SqlSlots())));
        } else if (init.null_row) {
            v = NullRow(type);
        } else {
            v = pg::Value::Null(type.oid);
        }
        Store(init.slot, v, *init.cast);
    }
}

Flow Executor::ExecBlock(const ast::BlockStmt &block) {
    current_ = &block;
    auto &site = ast::Cast<compile::BlockSite>(*block.annotation);
    // Exceptions raised while declaring go to the enclosing block, as in
    // Oracle; cursors declared here close however the block is left.
    struct CloseCursors {
        Executor &e;
        const std::vector<int> &slots;
        ~CloseCursors() {
            if (!slots.empty()) e.CloseBlockCursors(slots);
        }
    } close_cursors{*this, site.cursors};
    InitBlockVariables(site);
    if (block.handlers.empty()) return ExecStmts(block.body);
    return ExecHandled(block, site);
}

Flow Executor::ExecCall(const ast::CallStmt &stmt) {
    ResetTemp();
    if (stmt.target == ast::CallTarget::Package)
        return ExecPackageCall(ast::Cast<compile::PackageCallSite>(*stmt.annotation));
    if (stmt.target == ast::CallTarget::Collection) {
        Eval(*stmt.call);
        return Flow::Normal;
    }
    if (stmt.target == ast::CallTarget::Subprogram)
        return Atomic(stmt, [this, &stmt] {
            CallSubprogram(ast::Cast<compile::SubprogramCallSite>(*stmt.annotation));
            return Flow::Normal;
        });
    if (stmt.target == ast::CallTarget::PackageProcedure)
        return Atomic(stmt, [this, &stmt] {
            return ExecPackageProcedure(ast::Cast<compile::PackageProcedureSite>(*stmt.annotation));
        });
    if (stmt.target == ast::CallTarget::Procedure)
        return Atomic(
            stmt, [this, &stmt] { return ExecProcedureCall(ast::Cast<compile::ProcedureCallSite>(*stmt.annotation)); });
    if (stmt.annotation == nullptr) {  // RAISE_APPLICATION_ERROR
        Eval(*stmt.call);
        return Flow::Normal;
    }
    // A procedure of that name may have been created since compiling
    // (looked up again only after catalog changes): from then on it runs as
    // a CALL, through the site built for it here.
    auto &site = ast::Cast<compile::FunctionCallSite>(*stmt.annotation);
    uint64 generation = compile::CatalogGeneration();
    if (site.procedure == nullptr && site.generation != generation) {
        site.generation = generation;
        const ast::NameChain &name = stmt.call->kind == ast::ExprKind::Call ? ast::Cast<ast::CallExpr>(*stmt.call).name
                                                                            : ast::Cast<ast::NameExpr>(*stmt.call).name;
        if (pg::ProcedureNameExists(name)) {
            std::string text = "CALL " + stmt.text + (stmt.call->kind == ast::ExprKind::Call ? "" : "()");
            site.procedure =
                std::make_unique<compile::ProcedureCallSite>(fn_, site.scope, std::move(text), fn_.nslots());
        }
    }
    // A CALL touches the database: one unit of statement-level rollback.
    if (site.procedure != nullptr) return Undoable(true, [this, &site] { return ExecProcedureCall(*site.procedure); });
    Eval(*stmt.call);
    return Flow::Normal;
}

}  // namespace plpolar::exec
