// Calls of nested PROCEDUREs and FUNCTIONs. A subprogram's variables are
// slots of the enclosing function; a call saves the ones it owns, binds the
// parameters, runs the body and restores them, so recursion needs no other
// frame. Values a call leaves behind are freed on return.
#include "plpolar/exec/executor.hpp"
#include "plpolar/pg/autonomous.hpp"
#include "plpolar/pg/collection.hpp"
#include "plpolar/pg/guard.hpp"
#include "plpolar/pg/memory.hpp"

namespace plpolar::exec {

void Executor::FreeDeferred() {
    size_t kept = 0;
    for (const Deferred &d : deferred_) {
        if (d.depth >= sub_depth_ && d.collection)
            pg::FreeCollection(PointerGetDatum(d.data));
        else if (d.depth >= sub_depth_)
            pfree(d.data);
        else
            deferred_[kept++] = d;
    }
    deferred_.resize(kept);
}

pg::Value Executor::CallSubprogram(compile::SubprogramCallSite &call) {
    pg::CheckStackDepth();
    pg::CheckForInterrupts();
    compile::SubprogramSite &sp = *call.target;
    const size_t nparams = sp.param_slots.size();

    // Arguments first, in the caller's frame and temp context.
    std::vector<pg::Value> in(nparams);
    for (size_t i = 0; i < nparams; ++i) {
        if (sp.modes[i] == ast::ParamMode::Out) {
            in[i] = pg::Value::Null(sp.param_types[i].oid);
            continue;
        }
        const ast::Expr *arg = call.args[i] != nullptr ? call.args[i] : sp.defaults[i];
        in[i] = Coerce(Eval(*arg), *sp.param_casts[i]);
    }
    if (sp.autonomous) return CallAutonomousMember(call, in);
    std::vector<pg::Value> outs(nparams);
    pg::Value result = RunSubprogram(sp, in, &outs);
    for (size_t i = 0; i < nparams; ++i)
        if (sp.modes[i] != ast::ParamMode::In) StoreTarget(call.targets[i], outs[i]);
    return result;
}

// A package's autonomous subprogram called from inside the package: through
// its routine, in the session's worker (the routine's arguments are the IN
// and IN OUT parameters; its result a function's value or a procedure's OUT
// and IN OUT values in order).
pg::Value Executor::CallAutonomousMember(compile::SubprogramCallSite &call, const std::vector<pg::Value> &in) {
    compile::SubprogramSite &sp = *call.target;
    const size_t nparams = sp.param_slots.size();
    std::vector<pg::Value> args;
    for (size_t i = 0; i < nparams; ++i)
        if (sp.modes[i] != ast::ParamMode::Out) args.push_back(in[i]);
    if (sp.routine == InvalidOid)
        sp.routine = pg::PackageRoutine(fn_.info.name, sp.name, static_cast<int>(args.size()));
    std::vector<pg::Value> results = pg::AutonomousCallRoutine(sp.routine, args, CurrentMemoryContext);
    if (sp.is_function) {
        if (results.empty()) return pg::Value::Null(sp.return_type.oid);
        pg::Value v = results[0];
        v.type = sp.return_type.oid;
        return v;
    }
    size_t k = 0;
    for (size_t i = 0; i < nparams; ++i) {
        if (sp.modes[i] == ast::ParamMode::In) continue;
        if (k >= results.size()) break;
        pg::Value v = results[k++];
        v.type = sp.param_types[i].oid;
        StoreTarget(call.targets[i], v);
    }
    return pg::Value::Null(VOIDOID);
}

pg::Value Executor::RunSubprogram(compile::SubprogramSite &sp, const std::vector<pg::Value> &in,
                                  std::vector<pg::Value> *outs_out) {
    const size_t nparams = sp.param_slots.size();
    if (unlikely(sp.member) && in[0].isnull)
        pg::Raise(pg::kSelfIsNull, "ORA-30625: method dispatch on NULL SELF argument is disallowed",
                  "Member method " + sp.name + " was called on an atomically NULL object.");

    // The callee's slots, saved and cleared.
    const auto first = static_cast<size_t>(sp.first_slot);
    const auto end = static_cast<size_t>(sp.end_slot);
    if (cursors_.size() < slots_.size()) cursors_.resize(slots_.size());
    struct Frame {
        Executor &e;
        size_t first, end;
        // The callee's saved slots, and (`lent`) the enclosing variables'
        // values at the call: the caller's expression may still read them
        // after the call (s || f(), f assigning s), so a value the call
        // replaces is freed only once the caller's statement is over
        // (Executor::deferred_).
        SavedFrame *saved = nullptr;
        MemoryContext caller_temp;
        const ast::Stmt *caller_stmt;
        Frame(Executor &ex, size_t f, size_t n)
            : e(ex), first(f), end(n), caller_temp(ex.temp_context_), caller_stmt(ex.current_) {
            // The steps that can fail come before anything changes.
            const auto depth = static_cast<size_t>(e.sub_depth_);
            if (e.temp_stack_.size() < depth + 1)
                e.temp_stack_.push_back(pg::CreateContext(e.call_context_, "plpolar subprogram"));
            if (e.saved_frames_.size() < depth + 1) e.saved_frames_.push_back(std::make_unique<SavedFrame>());
            saved = e.saved_frames_[depth].get();
            saved->slots.assign(e.slots_.begin() + static_cast<long>(first), e.slots_.begin() + static_cast<long>(end));
            saved->owned.assign(e.owned_.begin() + static_cast<long>(first), e.owned_.begin() + static_cast<long>(end));
            saved->cursors.assign(e.cursors_.begin() + static_cast<long>(first),
                                  e.cursors_.begin() + static_cast<long>(end));
            saved->lent.clear();
            size_t lendable = 0;
            for (size_t i = 0; i < e.slots_.size(); ++i)
                if ((i < first || i >= end) && e.owned_[i] && !e.slots_[i].isnull) ++lendable;
            saved->lent.reserve(lendable);
            for (size_t i = 0; i < e.slots_.size(); ++i) {
                if (i >= first && i < end) continue;
                if (!e.owned_[i] || e.slots_[i].isnull) continue;
                saved->lent.emplace_back(i, e.slots_[i].datum);
                e.owned_[i] = 0;
            }
            for (size_t i = first; i < end; ++i) {
                e.ForgetAppend(i);
                e.slots_[i] = pg::Value::Null(e.fn_.variables[i].type.oid);
                e.owned_[i] = 0;
                e.cursors_[i] = CursorState{};
            }
            e.temp_context_ = e.temp_stack_[static_cast<size_t>(e.sub_depth_)];
            ++e.sub_depth_;
            MemoryContextSwitchTo(e.temp_context_);
        }
        ~Frame() {
            for (size_t i = first; i < end; ++i) {
                e.ForgetAppend(i);
                e.FreeSlotValue(i);
                e.slots_[i] = saved->slots[i - first];
                e.owned_[i] = saved->owned[i - first];
                e.cursors_[i] = saved->cursors[i - first];
            }
            --e.sub_depth_;
            for (const auto &[slot, datum] : saved->lent) {
                if (!e.slots_[slot].isnull && e.slots_[slot].datum == datum)
                    e.owned_[slot] = 1;  // not replaced: the variable's own again
                else
                    e.deferred_.push_back(
                        Executor::Deferred{e.sub_depth_, DatumGetPointer(datum), e.fn_.variables[slot].IsCollection()});
            }
            MemoryContextReset(e.temp_context_);
            e.temp_context_ = caller_temp;
            MemoryContextSwitchTo(caller_temp);
            e.current_ = caller_stmt;
        }
        Frame(const Frame &) = delete;
        Frame &operator=(const Frame &) = delete;
    };

    pg::Value result = pg::Value::Null(sp.return_type.oid);
    std::vector<pg::Value> &outs = *outs_out;
    {
        Frame frame(*this, first, end);
        for (size_t i = 0; i < nparams; ++i) {
            StoreCoerced(sp.param_slots[i], in[i]);
            // Oracle: an OUT associative array starts empty (a nested
            // table or varray atomically NULL), as a declared one does.
            const compile::Variable &v = fn_.variables[static_cast<size_t>(sp.param_slots[i])];
            if (sp.modes[i] == ast::ParamMode::Out && v.IsCollection() &&
                v.collection->shape.kind == types::CollectionKind::Associative)
                StoreOwned(sp.param_slots[i],
                           pg::Value::Of(pg::NewCollection(v.collection->shape, call_context_), v.type.oid, -1));
        }
        Flow flow = ExecBlock(*sp.definition->body);
        if (flow == Flow::Error) throw pending_error_;
        if (sp.is_function && !sp.pipelined) {
            if (flow != Flow::Return)
                pg::Raise(ERRCODE_S_R_E_FUNCTION_EXECUTED_NO_RETURN_STATEMENT, "function returned without value",
                          "Control reached the end of function \"" + sp.name + "\" without a RETURN statement.");
            result = return_value_;
        }
        // Results into the caller's temp context before the frame goes.
        pg::MemoryContextScope in_caller(frame.caller_temp);
        if (!result.isnull && !sp.return_type.byval)
            result.datum = pg::CopyDatum(result.datum, false, sp.return_type.typlen);
        for (size_t i = 0; i < nparams; ++i) {
            if (sp.modes[i] == ast::ParamMode::In) continue;
            outs[i] = slots_[static_cast<size_t>(sp.param_slots[i])];
            const pg::TypeInfo &t = fn_.variables[static_cast<size_t>(sp.param_slots[i])].type;
            if (!outs[i].isnull && !t.byval) outs[i].datum = pg::CopyDatum(outs[i].datum, false, t.typlen);
        }
    }
    return result;
}

}  // namespace plpolar::exec

namespace plpolar::exec {

void Executor::InitPackage() {
    pg::MemoryContextScope in_temp(temp_context_);
    const ast::BlockStmt &block = *fn_.body.block;
    auto &site = ast::Cast<compile::BlockSite>(*block.annotation);
    current_ = &block;
    SetErrorInfo();
    InitBlockVariables(site);
    if (block.body.empty()) return;
    Flow flow = block.handlers.empty() ? ExecStmts(block.body) : ExecHandled(block, site);
    if (flow == Flow::Error) throw pending_error_;
    ResetTemp();
}

void Executor::InitCompound() {
    pg::MemoryContextScope in_temp(temp_context_);
    SetErrorInfo();
    InitBlockVariables(ast::Cast<compile::BlockSite>(*fn_.body.block->annotation));
    ResetTemp();
}

void Executor::RunCompound() {
    pg::MemoryContextScope in_temp(temp_context_);
    const ast::BlockStmt &block = *fn_.body.block;
    current_ = &block;
    SetErrorInfo();
    auto &site = ast::Cast<compile::BlockSite>(*block.annotation);
    Flow flow = block.handlers.empty() ? ExecStmts(block.body) : ExecHandled(block, site);
    if (flow == Flow::Error) throw pending_error_;
    ResetTemp();
}

pg::Value Executor::CallMember(compile::SubprogramSite &sp, const pg::Value *args, size_t nargs,
                               std::vector<pg::Value> *outs) {
    pg::CheckStackDepth();
    MemoryContext caller = CurrentMemoryContext;
    const size_t nparams = sp.param_slots.size();
    // Argument and result buffers of this depth of calls, reused.
    const auto depth = static_cast<size_t>(member_depth_);
    if (member_buffers_.size() < depth + 1) member_buffers_.push_back(std::make_unique<MemberBuffers>());
    MemberBuffers &buffers = *member_buffers_[depth];
    ++member_depth_;
    struct Depth {
        int &d;
        ~Depth() { --d; }
    } leave{member_depth_};
    std::vector<pg::Value> &in = buffers.in;
    in.assign(nparams, pg::Value{});
    if (outs == nullptr) outs = &buffers.outs;
    pg::Value result;
    outs->assign(nparams, pg::Value{});
    {
        // Statement memory of the package's own level: a call from SQL comes
        // in between statements (or, re-entrant, above the running one).
        pg::MemoryContextScope in_temp(temp_context_);
        for (size_t i = 0; i < nparams; ++i) {
            if (sp.modes[i] == ast::ParamMode::Out || i >= nargs) {
                in[i] = pg::Value::Null(sp.param_types[i].oid);
                continue;
            }
            pg::Value v = args[i];
            if (IsEmptyString(v)) v = pg::Value::Null(v.type);
            if (v.type == fn_.number_oid && v.type != InvalidOid) v.type = NUMERICOID;
            in[i] = Coerce(v, *sp.param_casts[i]);
        }
        result = RunSubprogram(sp, in, outs);
    }
    // Out of the package's statement memory, which its next statement resets.
    pg::MemoryContextScope in_caller(caller);
    if (!result.isnull && !sp.return_type.byval)
        result.datum = pg::CopyDatum(result.datum, false, sp.return_type.typlen);
    for (size_t i = 0; i < nparams; ++i) {
        pg::Value &o = (*outs)[i];
        if (sp.modes[i] == ast::ParamMode::In || o.isnull) continue;
        const pg::TypeInfo &t = fn_.variables[static_cast<size_t>(sp.param_slots[i])].type;
        if (!t.byval) o.datum = pg::CopyDatum(o.datum, false, t.typlen);
    }
    // Not inside a running statement of the package (a re-entrant call):
    // the arguments and results of this call are garbage now.
    if (sub_depth_ == 0) ResetTemp();
    return result;
}

void Executor::StorePackageValue(int slot, const std::string &field, const pg::Value &value) {
    if (field.empty()) {
        StoreCoerced(slot, value);
        return;
    }
    compile::TargetSite target;
    target.slot = slot;
    target.field = field;
    target.cast = std::make_unique<compile::CastSite>();
    StoreField(slot, field, value, target);
}

}  // namespace plpolar::exec
