// Expressions that PostgreSQL itself parses, resolves and evaluates: calls
// of SQL functions, operators the interpreter has no native code for, and
// casts. Built once per call site and argument types, evaluated with
// ExecEvalExpr on parameter values (no SPI round trip for simple ones).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "plpolar/pg/types.hpp"

namespace plpolar::pg {

class PgExpr {
    struct Private {
        explicit Private() = default;
    };

public:
    // Use FromSql() or Coercion(); the key keeps construction in this class.
    explicit PgExpr(Private) {}

    // Compiles "SELECT <sql>" where $1..$n have the given types. Anything
    // beyond a plain expression (sub-queries, set-returning functions) runs
    // through a kept SPI plan instead of ExecEvalExpr.
    static std::unique_ptr<PgExpr> FromSql(const std::string &sql, const std::vector<Oid> &param_types,
                                           MemoryContext parent);
    // Coerces a value of one type to another: PostgreSQL's assignment
    // casts, or an explicit CAST, falling back to text I/O as PL/pgSQL does.
    static std::unique_ptr<PgExpr> Coercion(Oid source, int32 source_typmod, Oid target, int32 target_typmod,
                                            bool explicit_cast, MemoryContext parent);

    ~PgExpr();
    PgExpr(const PgExpr &) = delete;
    PgExpr &operator=(const PgExpr &) = delete;

    // Result is allocated in the current memory context.
    Value Eval(const Value *params, size_t nparams, bool read_only);

    // Whether a handler that catches an error from Eval() must first roll
    // back a subtransaction: anything but immutable built-in functions may
    // run user code, SPI or push snapshots, which only an abort unwinds.
    bool needs_subtransaction() const { return needs_subtransaction_; }

    // The plpolar function this expression is a bare call of, $1..$n
    // passed unconverted, when nothing about the call needs fmgr (not
    // SECURITY DEFINER, no SET clauses, no polymorphic parameters, not
    // returning a set): plpolar code may run it without the SQL round trip.
    Oid direct_callee() const { return direct_callee_; }

    // EXECUTE on the functions the expression calls, for the current user,
    // once per transaction and user: the evaluation states (and a direct
    // call) outlive the transaction whose ExecInitExpr checked them, and a
    // REVOKE or a role membership change need not invalidate the plan.
    void CheckPrivileges();

    Oid result_type() const { return result_type_; }
    int32 result_typmod() const { return result_typmod_; }
    const std::vector<Oid> &param_types() const { return param_types_; }

private:
    struct Instance {
        ExprState *state = nullptr;
        ExprContext *econtext = nullptr;
        ParamListInfo params = nullptr;
        bool busy = false;
    };
    Instance *AcquireInstance();
    Value EvalSpi(const Value *params, size_t nparams, bool read_only);

    MemoryContext context_ = nullptr;
    Expr *expr_ = nullptr;       // planned expression (simple case)
    SPIPlanPtr plan_ = nullptr;  // full query (otherwise)
    bool needs_snapshot_ = false;
    bool needs_subtransaction_ = true;
    Oid direct_callee_ = InvalidOid;
    List *checked_functions_ = nullptr;  // OIDs, in context_
    LocalTransactionId checked_lxid_ = 0;
    Oid checked_user_ = 0;
    Oid result_type_ = InvalidOid;
    int32 result_typmod_ = -1;
    std::vector<Oid> param_types_;
    // One evaluation state per recursion level: an ExprState is not
    // re-entrant, and a PL function may call itself through one.
    std::vector<Instance> instances_;
};

}  // namespace plpolar::pg
