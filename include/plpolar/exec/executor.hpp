// The interpreter: runs a compiled function's AST on one call's variables.
// One Executor per call; the compiled function is shared by all calls.
#pragma once

#include "plpolar/pg/client.hpp"
#include "plpolar/pg/set_result.hpp"
#include "plpolar/pg/spi.hpp"

#include <string>
#include <vector>

#include "plpolar/compile/function.hpp"
#include "plpolar/compile/sites.hpp"
#include "plpolar/pg/guard.hpp"
#include "plpolar/pg/subxact.hpp"
#include "plpolar/pg/trigger.hpp"

namespace plpolar::exec {

class PackageInstance;

// How a statement list ended. EXIT / CONTINUE / RETURN travel up as return
// codes, with the target label in Executor::pending_label_. Inside a block
// with handlers an error travels up as Error too (Executor::pending_error_):
// a C++ throw across every interpreter frame costs more than the handling.
enum class Flow { Normal, Exit, Continue, Return, Error, Goto };

// Native evaluation classes of PostgreSQL types; anything else goes to
// PostgreSQL's own operators and functions.
enum class Native { Int4, Int8, Numeric, Float8, Bool, Text, Other };

class Executor {
public:
    // `call_context` holds the variables' values for this call; it must
    // outlive the executor (the SPI procedure context does).
    Executor(compile::CompiledFunction &fn, MemoryContext call_context);
    ~Executor();
    Executor(const Executor &) = delete;
    Executor &operator=(const Executor &) = delete;

    // Binds the arguments, runs the body and returns the result (in the
    // call context; the caller transfers it out before SPI_finish).
    pg::Value Run(const pg::Value *args, size_t nargs);

    // Non-atomic calls: CALL statements hold their plans with this owner.
    void SetProcedureOwner(ResourceOwner owner) { procedure_owner_ = owner; }
    // A call made without an SPI connection (CompiledFunction::runs_without_spi):
    // the first expression that goes to SQL connects.
    void SetSpiOnDemand(pg::SpiOnDemand *spi) { spi_on_demand_ = spi; }
    ResourceOwner procedure_owner() const { return procedure_owner_; }
    // Where PIPE ROW puts its rows during a call of a set-returning
    // (PIPELINED) function; the previous one comes back (re-entrant calls).
    pg::SetResult *SetPipe(pg::SetResult *pipe) {
        pg::SetResult *was = pipe_;
        pipe_ = pipe;
        return was;
    }

    // Pre-sets a read-only variable (trigger and session variables).
    void SetVariable(int slot, const pg::Value &value);
    // A trigger predicate (INSERTING, UPDATING('c'), ...): a BOOLEAN of the
    // trigger's own, which has no constraint, no row buffer and owns no
    // memory, stored without SetVariable's checks (this runs per row).
    void SetPredicate(int slot, bool value) {
        auto i = static_cast<size_t>(slot);
        slots_[i] = pg::Value::Of(BoolGetDatum(value), BOOLOID);
        owned_[i] = 0;
    }
    // Hands a value made in the call context to a variable, without a copy
    // (a trigger's NEW and OLD rows).
    void AdoptVariable(int slot, const pg::Value &value) { StoreOwned(slot, value); }
    // A trigger's :NEW (`new_row`) or :OLD kept deformed for the call
    // (pg::TriggerRowBuffer) as the variable in `slot`; false when the
    // firing has no such row (nothing done then).
    bool BufferTriggerRow(int slot, bool new_row);
    // The buffered row of `slot` if it is still buffered (a whole-row
    // assignment ends that), and whether the body assigned a field of it.
    const pg::TriggerRowBuffer *BufferedRow(int slot, bool *modified) const;
    // The firing a DML trigger function runs for (error context lines).
    void SetTrigger(const pg::TriggerCall *call) { trigger_ = call; }
    const pg::TriggerCall *trigger() const { return trigger_; }
    // The body ended with RETURN and a value (a trigger's RETURN NEW).
    bool returned_value() const { return returned_value_; }

    // A variable's current value (a procedure's OUT parameters after Run).
    const pg::Value &SlotValue(int slot) const { return slots_[static_cast<size_t>(slot)]; }
    // An OUT parameter's value as the caller's SQL type has it (a
    // schema-level collection type's array).
    pg::Value OutputValue(int slot, const pg::TypeInfo &type);

    // A compound trigger: one executor for the calls of one triggering
    // statement, its outermost block's variables the state its sections
    // share. InitCompound runs the declarations once; RunCompound the
    // block's statements (the section of plpolar$timing_point) per call.
    void InitCompound();
    void RunCompound();

    // A user package's unit (exec/package_instance.cpp): the executor
    // lives as long as the session's instance, its outermost block's
    // variables being the package's state.
    // The declarations' initial values, then the initialization section.
    void InitPackage();
    // A public subprogram called from SQL with its arguments; OUT and IN OUT
    // values come back in `outs` (per parameter; null: there are none).
    // Results in the caller's current memory context.
    pg::Value CallMember(compile::SubprogramSite &sp, const pg::Value *args, size_t nargs,
                         std::vector<pg::Value> *outs);
    // A value converted as an assignment would (a package's record result
    // into its SQL routine's composite type).
    pg::Value Convert(const pg::Value &value, compile::CastSite &cast) { return Coerce(value, cast); }
    // A package variable read or assigned from another unit.
    const pg::Value &PackageValue(int slot) const { return slots_[static_cast<size_t>(slot)]; }
    void StorePackageValue(int slot, const std::string &field, const pg::Value &value);

    // For the error context callback.
    const ast::Stmt *current_statement() const { return current_; }
    const compile::CompiledFunction &function() const { return fn_; }

private:
    // statements (executor.cpp, control.cpp, sql.cpp)
    Flow ExecStmts(const ast::StmtList &list);
    Flow ExecStmt(const ast::Stmt &stmt);
    Flow Dispatch(const ast::Stmt &stmt);
    // One Exec<Kind> per statement kind (ast/stmt_kinds.hpp), in the file of
    // its family; Dispatch calls them.
#define PLPOLAR_DECLARE_EXEC(kind, node) Flow Exec##kind(const ast::node &stmt);
    PLPOLAR_STMT_KINDS(PLPOLAR_DECLARE_EXEC)
#undef PLPOLAR_DECLARE_EXEC
    Flow ExecLoopControl(const ast::LoopControlStmt &stmt, Flow flow);
    // The part of an SQL statement, OPEN or FETCH that runs in its unit of
    // statement-level rollback (ExecSql / ExecOpen / ExecFetch wrap it in
    // Atomic).
    Flow RunSql(const ast::SqlStmt &stmt);
    Flow RunOpen(const ast::OpenStmt &stmt);
    Flow RunFetch(const ast::FetchStmt &stmt);
    Flow ExecProcedureCall(compile::ProcedureCallSite &site);
    Flow ExecPackageProcedure(compile::PackageProcedureSite &site);
    // Index of the WHEN a CASE takes, or -1.
    int CaseBranch(const ast::Expr *operand, compile::CaseSite &site);
    void InitBlockVariables(compile::BlockSite &site);

    // exceptions (exceptions.cpp)
    Flow ExecHandled(const ast::BlockStmt &block, compile::BlockSite &site);
    bool Matches(const std::vector<compile::Condition> &conditions, const pg::PgError &error) const;
    void RaiseApplicationError(const ast::CallExpr &call);
    pg::Value EvalSqlCode();
    // The error of the innermost handler running in the session (in this
    // call or a caller's), or nullptr: what SQLCODE, SQLERRM and
    // DBMS_UTILITY.FORMAT_ERROR_* show.
    static const pg::PgError *HandledError();
    // SQLCODE and SQLERRM variables for the innermost handled error.
    void SetErrorInfo();
    pg::Value EvalSqlErrm(const ast::Expr *code);
    // Runs `f` in its own subtransaction when `needed` inside a block with
    // handlers (statement-level rollback): an error in it is then undone
    // before a handler runs.
    template <class F>
    auto Undoable(bool needed, F &&f) -> decltype(f()) {
        if (!needed || protected_depth_ == 0) return f();
        pg::SubTransaction sub;
        try {
            auto result = f();
            sub.Commit();
            return result;
        } catch (const pg::PgError &) {
            sub.Rollback();
            throw;
        }
    }
    // A statement that runs SQL itself is one such unit.
    template <class F>
    auto Atomic(const ast::Stmt &stmt, F &&f) -> decltype(f()) {
        return Undoable(stmt.touches_database, std::forward<F>(f));
    }

    // Another plpolar function called from an expression, run here without
    // the SQL round trip (direct_call.cpp); PgExpr::direct_callee() says when.
    pg::Value CallDirect(pg::PgExpr &call, const pg::Value *args, size_t n);
    pg::Value CallMemberDirect(pg::PgExpr &call, compile::CompiledFunction &member, const pg::Value *args, size_t n);

    // another unit's package variables (package_instance.cpp)
    pg::Value ReadPackageVariable(compile::PackageRefSite &site);
    const pg::Value &PackageSlotValue(compile::PackageRefSite &site);  // no copy: for by-value reads
    void WritePackageVariable(compile::PackageRefSite &site, const pg::Value &value);

    // nested subprograms (subprograms.cpp)
    pg::Value CallSubprogram(compile::SubprogramCallSite &call);
    // Binds `in`, runs the body, copies OUT values into `outs`.
    pg::Value CallAutonomousMember(compile::SubprogramCallSite &call, const std::vector<pg::Value> &in);
    pg::Value RunSubprogram(compile::SubprogramSite &sp, const std::vector<pg::Value> &in,
                            std::vector<pg::Value> *outs);

    // Oracle built-ins on native values (builtins.cpp)
    pg::Value EvalNativeBuiltin(const ast::CallExpr &call);

    // built-in packages (packages.cpp)
    Flow ExecPackageCall(compile::PackageCallSite &site);
    pg::Value EvalPackageFunction(ast::Builtin builtin);
    [[noreturn]] void ThrowApplicationError(int number, const std::string &message, const std::string &detail);

    // cursors (cursors.cpp)
    void BindCursorArgs(const compile::CursorUseSite &site, const std::vector<ast::CallArg> &args);
    std::string OpenExplicit(const compile::CursorUseSite &site, const std::vector<ast::CallArg> &args);
    std::string CursorName(int slot) const;
    void CloseBlockCursors(const std::vector<int> &slots) noexcept;
    pg::Value EvalCursorAttribute(const ast::AttributeExpr &expr);
    // Another unit's package cursor (pkg.c): opened, fetched and closed
    // here, its portal and %FOUND / %ROWCOUNT state kept by the package's
    // instance, so that every unit of the session sees the same cursor.
    std::string OpenPackageCursor(const compile::CursorUseSite &site, const std::vector<ast::CallArg> &args,
                                  std::shared_ptr<PackageInstance> *keep);
    Flow FetchPackageCursor(compile::CursorUseSite &site, const ast::FetchStmt &stmt, long count);
    Flow ClosePackageCursor(const compile::CursorUseSite &site);
    pg::Value PackageCursorAttribute(const ast::AttributeExpr &expr, compile::PackageRefSite &site);
    pg::Value PackageCursorRow(compile::PackageRefSite &site);
    // Another package's variables a statement reads: their current values
    // into the statement's hidden slots (compile::SqlSite::mirrors).
    void RefreshMirrors(const compile::SqlSite &site) {
        if (unlikely(!site.mirrors.empty() || !site.elements.empty())) RefreshMirrorSlots(site);
    }
    void RefreshMirrorSlots(const compile::SqlSite &site);
    std::vector<pg::Value> EvalBindValues(const std::vector<ast::BindArg> &args, const std::vector<int> &order);

    // dynamic SQL (dynamic.cpp)
    // The statement once its string is known, in its own subtransaction
    // where statements need one (Atomic).
    Flow RunDynamic(const ast::ExecuteImmediateStmt &stmt, compile::DynamicSite &site, const std::string &source);
    Flow RunDynamicBlock(const ast::ExecuteImmediateStmt &stmt, compile::DynamicSite &site, const std::string &source);

    // records and INTO targets (records.cpp)
    void AssignRow(std::vector<compile::TargetSite> &targets, pg::SqlStatement::Result &result, uint64 row);
    void StoreTarget(compile::TargetSite &target, const pg::Value &value);
    void StoreField(int slot, const std::string &field, const pg::Value &value, compile::TargetSite &target);
    void StoreFieldPath(compile::TargetSite &target, const pg::Value &value);
    pg::Value EvalField(const ast::NameExpr &expr);
    // `rec` (NULL: a new row of `rec_type`) with `field` set to `value`;
    // `owner` names the record in errors.
    pg::Value WithField(pg::Value rec, const pg::TypeInfo &rec_type, const std::string &owner, const std::string &field,
                        const pg::Value &value, std::unique_ptr<compile::CastSite> &cast);

    // collections (collections.cpp)
    pg::Value EvalCollection(compile::CollectionSite &site);
    // The variable a collection site works on: this unit's slot or another
    // package's, in place.
    const pg::Value &CollectionSlot(compile::CollectionSite &site);
    pg::Value ConstructCollection(compile::CollectionSite &site);
    // A value about to become an element: '' is NULL, NULL is refused for
    // NOT NULL elements (VALUE_ERROR); `name` names the collection.
    pg::Value ElementValue(pg::Value v, const compile::CollectionType &type, const std::string &name) const;
    // MULTISET operators, SET, CARDINALITY, IS EMPTY, MEMBER OF, SUBMULTISET.
    pg::Value EvalMultiset(compile::CollectionSite &site);
    // A subscript converted to the collection's key type; NULL is VALUE_ERROR.
    pg::Value CollectionKey(compile::CollectionSite &site, const ast::Expr &arg, bool *isnull = nullptr);
    void StoreElement(compile::StoreSite &site, const pg::Value &value);
    // c(i) := value (c(i).f := value with site.fields), `cast` to the element type.
    void StoreElementAt(compile::CollectionSite &site, compile::CastSite &cast, const pg::Value &value);
    // BULK COLLECT INTO: rows `result` holds into new collections for the
    // targets (one per column, or one of records), replacing their values.
    void BulkAssign(std::vector<compile::TargetSite> &targets, pg::SqlStatement::Result &result);
    // SELECT / RETURNING ... BULK COLLECT INTO: the rows straight into the
    // new collections (pg::SqlStatement::ExecuteBulk).
    void RunBulkCollect(compile::SqlSite &site);
    // A collection for a variable of collection type `target`: the value
    // itself (StoreCoerced copies it), checked to have the same shape.
    pg::Value CoerceCollection(const pg::Value &value, const pg::TypeInfo &target);
    // What SQL is given for a collection value: a schema-level type's array
    // (typed as its domain); other collections as they are.
    pg::Value SqlCollectionValue(const pg::Value &value) const;
    // FOR i IN INDICES OF c / VALUES OF / PAIRS OF (control.cpp).
    Flow IterateCollection(const ast::ForRangeStmt &stmt);
    // The collection a site works on: its variable's, or (c(i)(j)) the
    // element its parent site names, changed in place.
    pg::Value SiteCollection(compile::CollectionSite &site);
    // r.f's site: its changed copy stored back into the record.
    void StoreBack(compile::CollectionSite &site, const pg::Value &changed);
    // Dynamic SQL text as PostgreSQL runs it (compile::QualifySql, and the
    // constructors of schema-level collection types).
    std::string DynamicSqlText(const std::string &text) const;
    // FORALL's INSERT as one statement over arrays (compile::ForAllSite::
    // setwise); false: nothing done, run it once per index.
    bool SetWiseInsert(const ast::ForAllStmt &stmt, compile::ForAllSite &site, const std::vector<int32> &indices);
    // SQL%BULK_ROWCOUNT(i) / SQL%BULK_EXCEPTIONS(j).f after a FORALL.
    pg::Value EvalBulk(const ast::CallExpr &call);
    // Frees what slot `index` owns (a collection's context, or its chunk).
    void FreeSlotValue(size_t index);
    pg::Value ConvertRow(const pg::Value &value, compile::CastSite &cast);
    pg::Value NullRow(const pg::TypeInfo &type);
    // After one pass of a loop body: true to leave the loop with `*out`.
    bool LoopShouldStop(const ast::Stmt &loop, Flow flow, Flow *out);

    // expressions (eval.cpp, operators.cpp)
    pg::Value Eval(const ast::Expr &expr);
    // compile::FastExpr on plain integers (fast.cpp); Bail: a variable
    // holds a value of another type, use the general path.
    enum class FastResult { Value, Null, Bail };
    FastResult EvalFast(const compile::FastExpr &e, int32 *out);
    FastResult EvalFastBuiltin(const compile::FastExpr &e, int32 *out);
    FastResult FastOperand(const compile::FastExpr &e, int32 *out);
    // compile::DecimalExpr on exact decimals (fast.cpp); Bail: a value does
    // not fit, use the general path.
    FastResult EvalDecimal(const compile::DecimalExpr &e, types::Decimal *out);
    bool EvalCondition(const ast::Expr &expr, bool *isnull);
    pg::Value EvalBinary(const ast::BinaryExpr &expr);
    pg::Value EvalLogical(const ast::BinaryExpr &expr);
    pg::Value EvalUnary(const ast::UnaryExpr &expr);
    pg::Value EvalConcat(const pg::Value &a, const pg::Value &b);
    pg::Value EvalSqlSite(compile::SqlExprSite &site, pg::Value *values, size_t n);
    pg::Value EvalSqlSite(compile::SqlExprSite &site);
    pg::Value EvalPgExpr(pg::PgExpr &expr, const pg::Value *values, size_t n);
    pg::Value EvalAttribute(const ast::AttributeExpr &expr);
    pg::Value ResultField(pg::Value v, const ast::CallExpr &call);
    pg::Value EvalBetween(const ast::BetweenExpr &expr);
    pg::Value EvalIn(const ast::InExpr &expr);
    pg::Value EvalCase(const ast::CaseExpr &expr);
    pg::Value Arithmetic(ast::BinaryOp op, const pg::Value &a, const pg::Value &b, Native ka, Native kb);
    // Three-way comparison; false if the types have no native comparison.
    bool CompareNative(const pg::Value &a, const pg::Value &b, int *result);
    pg::Value Compare(ast::BinaryOp op, pg::Value a, pg::Value b, compile::SqlExprSite *fallback,
                      std::unique_ptr<compile::CastSite> *convert = nullptr);
    Native Classify(Oid type) const;
    std::string ToText(const pg::Value &v);

    // assignment (assign.cpp)
    pg::Value Coerce(const pg::Value &value, compile::CastSite &cast);
    void Store(int slot, const pg::Value &value, compile::CastSite &cast);
    void StoreCoerced(int slot, const pg::Value &value);
    void CheckRange(const compile::Variable &var, const pg::Value &value) const;
    // Takes a value already allocated in the call context (no copy).
    void StoreOwned(int slot, const pg::Value &value);
    // A value that lives elsewhere (a FOR loop's fetched row) for as long as
    // the variable can be read; never freed through the variable.
    void StoreBorrowed(int slot, const pg::Value &value);

    void ResetTemp() {
        // Most statements allocate nothing: skip the call then.
        if (!temp_context_->isReset || temp_context_->firstchild != nullptr) MemoryContextReset(temp_context_);
        if (unlikely(!deferred_.empty())) FreeDeferred();
    }
    // Variable values a nested subprogram call replaced while its caller's
    // statement might still read them (subprograms.cpp), freed when a new
    // statement starts at the caller's depth or above.
    struct Deferred {
        int depth;
        void *data;
        bool collection;  // data is a collection's expanded datum
    };
    std::vector<Deferred> deferred_;
    void FreeDeferred();
    // A zero-length string when plpolar.empty_string_is_null makes it NULL.
    bool IsEmptyString(const pg::Value &v) const;
    // Oracle's implicit conversions for an operator: a string meets a
    // number (becomes NUMBER) or a date (becomes that date type).
    void ConvertOperands(pg::Value &a, pg::Value &b, bool arithmetic, std::unique_ptr<compile::CastSite> &cache);
    // DATE + n, n + DATE, DATE - n (days) and DATE - DATE (days, a NUMBER).
    bool DateArithmetic(ast::BinaryOp op, const pg::Value &a, const pg::Value &b, compile::OperatorSite &site,
                        pg::Value *out);

    compile::CompiledFunction &fn_;
    MemoryContext call_context_;
    MemoryContext temp_context_;  // reset before each simple statement
    std::vector<pg::Value> slots_;
    std::vector<char> owned_;  // slot's by-reference value was copied by us
    const ast::Stmt *current_ = nullptr;
    std::string pending_label_;  // target of a pending EXIT / CONTINUE
    pg::Value return_value_;
    // Implicit cursor attributes (SQL%...).
    bool sql_executed_ = false;
    uint64 sql_rowcount_ = 0;
    // Explicit cursors and cursor variables, by slot.
    struct CursorState {
        bool fetched = false;  // %FOUND / %NOTFOUND are NULL before the first FETCH
        bool found = false;
        int64 rowcount = 0;
    };
    std::vector<CursorState> cursors_;
    // The last FORALL's rows per index (SQL%BULK_ROWCOUNT, in the order
    // the indices ran) and the errors SAVE EXCEPTIONS kept (iteration,
    // Oracle error number: SQL%BULK_EXCEPTIONS).
    std::vector<std::pair<int32, int64>> bulk_rowcounts_;
    std::vector<std::pair<int32, int32>> bulk_exceptions_;
    // Errors this call's handlers are handling, innermost last: RAISE;
    // (SQLCODE and SQLERRM read the session's, HandledError).
    std::vector<pg::PgError> handling_;
    // The error a Flow::Error carries up to the nearest handler block.
    pg::PgError pending_error_{nullptr};
    // Soft errors (ExecStmt): while soft_, an operator that fails records
    // its error here (the first one wins) and yields NULL, Eval yields NULL
    // at once, and the statement returns Flow::Error without a C++ throw.
    bool soft_ = false;
    ErrorData *soft_error_ = nullptr;
    // s := s || x appends in place (TryAppend) to a buffer allocated with
    // room to spare: per slot, that buffer while the variable holds it. Any
    // other store forgets it (ForgetAppend).
    struct AppendBuffer {
        const void *data = nullptr;
        Size space = 0;  // GetMemoryChunkSpace when allocated
        size_t capacity = 0;
    };
    std::vector<AppendBuffer> append_;
    bool TryAppend(const ast::AssignStmt &s, compile::StoreSite &site);
    void ForgetAppend(size_t slot) {
        if (slot < append_.size()) append_[slot].data = nullptr;
    }
    void SoftRaise(int sqlstate, const char *message);            // pg::Raise unless soft_
    bool SoftCall2(PGFunction fn, Datum a, Datum b, Datum *out);  // pg::Call2 unless soft_; false: failed
    pg::Value IntegerOverflow(Oid type);                          // SoftRaise "integer out of range"; NULL
    // Depth of blocks with handlers around the current statement, in
    // statement-level rollback mode.
    int protected_depth_ = 0;
    // Nested subprogram calls in progress; each runs with a temp context of
    // its own (temp_stack_[depth - 1]) so that it does not reset its caller's.
    int sub_depth_ = 0;
    ResourceOwner procedure_owner_ = nullptr;
    pg::SpiOnDemand *spi_on_demand_ = nullptr;
    pg::SetResult *pipe_ = nullptr;
    const pg::TriggerCall *trigger_ = nullptr;
    bool returned_value_ = false;
    // BufferTriggerRow's rows. While `slot` is set the buffer is the
    // variable's value and the slot's datum is formed from it only when
    // something reads the row whole (SQL statements, a bare NEW): `stale`
    // until then.
    struct RowBuffer {
        int slot = -1;
        pg::TriggerRowBuffer row;
        bool stale = false;
        bool modified = false;
    };
    RowBuffer row_buffers_[2];
    bool buffered_ = false;  // a row_buffers_ entry is in use
    RowBuffer *BufferFor(int slot) {
        for (RowBuffer &b : row_buffers_)
            if (b.slot == slot) return &b;
        return nullptr;
    }
    void SyncRowBuffers();
    void DropRowBuffer(int slot);
    // The slots as SQL statements read them: buffered rows formed first.
    const pg::Value *SqlSlots() {
        if (unlikely(buffered_)) SyncRowBuffers();
        return slots_.data();
    }
    // The same for `statement`, which may take buffered rows as they are
    // (`rows`) when it reads only fields of them: an audit trigger's
    // INSERT ... VALUES (:NEW.id, ...) forms no row.
    const pg::Value *SqlSlotsFor(pg::SqlStatement &statement, pg::DeformedRows *rows);
    std::vector<MemoryContext> temp_stack_;
    // What a subprogram call saves of its callee's slots, one per call
    // depth, reused: a call in a loop allocates nothing
    // (exec/subprograms.cpp).
    struct SavedFrame {
        std::vector<pg::Value> slots;
        std::vector<char> owned;
        std::vector<CursorState> cursors;
        std::vector<std::pair<size_t, Datum>> lent;
    };
    std::vector<std::unique_ptr<SavedFrame>> saved_frames_;
    // CallMember's, one per depth of calls into the package, reused.
    struct MemberBuffers {
        std::vector<pg::Value> in, outs;
    };
    std::vector<std::unique_ptr<MemberBuffers>> member_buffers_;
    int member_depth_ = 0;
};

// A DBMS_OUTPUT write relayed from a parallel worker, applied to the
// session's buffer (pg::RelayedOutputHandler).
bool ApplyRelayedOutput(pg::OutputOp op, const char *text, char **line) noexcept;

}  // namespace plpolar::exec
