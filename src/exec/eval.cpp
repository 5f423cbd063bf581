// Expression evaluation. Values keep their PostgreSQL type; operands of
// native types are computed here, everything else by PostgreSQL.
#include "plpolar/exec/executor.hpp"
#include "plpolar/pg/guard.hpp"

namespace plpolar::exec {

Native Executor::Classify(Oid type) const {
    switch (type) {
        case INT4OID: return Native::Int4;
        case INT8OID: return Native::Int8;
        case NUMERICOID: return Native::Numeric;
        case FLOAT8OID: return Native::Float8;
        case BOOLOID: return Native::Bool;
        case TEXTOID:
        case VARCHAROID: return Native::Text;
        default:
            if (type == fn_.varchar2_oid) return Native::Text;
            return type == fn_.number_oid && type != InvalidOid ? Native::Numeric : Native::Other;
    }
}

pg::Value Executor::Eval(const ast::Expr &expr) {
    // After a soft error nothing more is computed (see ExecStmt).
    if (unlikely(soft_error_ != nullptr)) return pg::Value::Null(InvalidOid);
    if (expr.fast) {
        const auto &fast = ast::Cast<compile::FastExpr>(*expr.fast);
        int32 v = 0;
        Oid type = fast.boolean ? BOOLOID : INT4OID;
        switch (EvalFast(fast, &v)) {
            case FastResult::Value: return pg::Value::Of(fast.boolean ? BoolGetDatum(v != 0) : Int32GetDatum(v), type);
            case FastResult::Null: return pg::Value::Null(type);
            case FastResult::Bail: break;
        }
    }
    if (expr.decimal) {
        types::Decimal d;
        switch (EvalDecimal(ast::Cast<compile::DecimalExpr>(*expr.decimal), &d)) {
            case FastResult::Value: return pg::Value::Of(pg::DecimalToNumeric(d), NUMERICOID);
            case FastResult::Null: return pg::Value::Null(NUMERICOID);
            case FastResult::Bail: break;
        }
    }
    switch (expr.kind) {
        case ast::ExprKind::Literal: return ast::Cast<compile::LiteralSite>(*expr.annotation).value;
        case ast::ExprKind::Name: {
            const auto &name = ast::Cast<ast::NameExpr>(expr);
            if (name.slot >= 0) {
                if (name.field_ref) return EvalField(name);
                if (unlikely(buffered_)) SyncRowBuffers();
                return slots_[static_cast<size_t>(name.slot)];
            }
            if (name.builtin == ast::Builtin::BulkExceptionCount)
                return pg::Value::Of(Int32GetDatum(static_cast<int32>(bulk_exceptions_.size())), INT4OID);
            if (name.builtin == ast::Builtin::Collection)
                return EvalCollection(ast::Cast<compile::CollectionSite>(*expr.annotation));
            if (name.builtin == ast::Builtin::Subprogram)
                return Undoable(true, [this, &expr] {
                    return CallSubprogram(ast::Cast<compile::SubprogramCallSite>(*expr.annotation));
                });
            if (name.builtin != ast::Builtin::None) return EvalPackageFunction(name.builtin);
            if (expr.annotation->kind == ast::AnnotationKind::MethodCall)
                return Eval(*ast::Cast<compile::MethodCallSite>(*expr.annotation).call);
            if (expr.annotation->kind == ast::AnnotationKind::PackageRef)
                return ReadPackageVariable(ast::Cast<compile::PackageRefSite>(*expr.annotation));
            return EvalSqlSite(ast::Cast<compile::SqlExprSite>(*expr.annotation));
        }
        case ast::ExprKind::Unary: return EvalUnary(ast::Cast<ast::UnaryExpr>(expr));
        case ast::ExprKind::Binary: {
            const auto &b = ast::Cast<ast::BinaryExpr>(expr);
            if (b.op == ast::BinaryOp::And || b.op == ast::BinaryOp::Or) return EvalLogical(b);
            return EvalBinary(b);
        }
        case ast::ExprKind::Not: {
            bool isnull = false;
            bool v = EvalCondition(*ast::Cast<ast::NotExpr>(expr).operand, &isnull);
            return isnull ? pg::Value::Null(BOOLOID) : pg::Value::Of(BoolGetDatum(!v), BOOLOID);
        }
        case ast::ExprKind::IsNull: {
            const auto &n = ast::Cast<ast::IsNullExpr>(expr);
            pg::Value v = Eval(*n.operand);
            return pg::Value::Of(BoolGetDatum(v.isnull != n.negated), BOOLOID);
        }
        case ast::ExprKind::Like: return EvalSqlSite(ast::Cast<compile::SqlExprSite>(*expr.annotation));
        case ast::ExprKind::Between: return EvalBetween(ast::Cast<ast::BetweenExpr>(expr));
        case ast::ExprKind::In: return EvalIn(ast::Cast<ast::InExpr>(expr));
        case ast::ExprKind::Call: {
            const auto &call = ast::Cast<ast::CallExpr>(expr);
            if (ast::BuiltinKindOf(call.builtin) == ast::BuiltinKind::Bulk) return EvalBulk(call);
            if (call.builtin == ast::Builtin::TriggerColumn) return slots_[static_cast<size_t>(call.slot)];
            if (call.builtin == ast::Builtin::Collection) {
                pg::Value v = EvalCollection(ast::Cast<compile::CollectionSite>(*expr.annotation));
                return call.fields.empty() ? v : ResultField(v, call);
            }
            if (call.builtin == ast::Builtin::SqlErrm) return EvalSqlErrm(call.args[0].value.get());
            if (call.builtin == ast::Builtin::RaiseApplicationError) {
                RaiseApplicationError(call);
                return pg::Value::Null(VOIDOID);
            }
            if (ast::BuiltinKindOf(call.builtin) == ast::BuiltinKind::NativeOracle) return EvalNativeBuiltin(call);
            if (call.builtin == ast::Builtin::Subprogram) {
                pg::Value v = Undoable(true, [this, &expr] {
                    return CallSubprogram(ast::Cast<compile::SubprogramCallSite>(*expr.annotation));
                });
                return call.fields.empty() ? v : ResultField(v, call);
            }
            if (call.builtin != ast::Builtin::None) return EvalPackageFunction(call.builtin);
            return EvalSqlSite(ast::Cast<compile::SqlExprSite>(*expr.annotation));
        }
        case ast::ExprKind::Attribute: return EvalAttribute(ast::Cast<ast::AttributeExpr>(expr));
        case ast::ExprKind::Case: return EvalCase(ast::Cast<ast::CaseExpr>(expr));
        case ast::ExprKind::Cast: {
            const auto &c = ast::Cast<ast::CastExpr>(expr);
            return Coerce(Eval(*c.operand), ast::Cast<compile::CastSite>(*expr.annotation));
        }
    }
    return pg::Value::Null(UNKNOWNOID);
}

// f(x).a.b of a nested subprogram's record result; a field of a NULL
// record is NULL, as in Oracle.
pg::Value Executor::ResultField(pg::Value v, const ast::CallExpr &call) {
    for (const std::string &field : call.fields) {
        if (v.isnull) return pg::Value::Null(UNKNOWNOID);
        pg::TypeInfo type = pg::TypeFromOid(v.type, -1);
        if (type.typtype != TYPTYPE_COMPOSITE && v.type != RECORDOID)
            pg::Raise(ERRCODE_WRONG_OBJECT_TYPE, "the result of " + ast::JoinName(call.name) + " is not a record",
                      "It has no field \"" + field + "\".");
        pg::FieldCache cache;
        pg::Value out;
        if (!pg::GetRowField(v.datum, field, &cache, &out))
            pg::Raise(ERRCODE_UNDEFINED_COLUMN,
                      "the result of " + ast::JoinName(call.name) + " has no field \"" + field + "\"");
        v = out;
    }
    return v;
}

bool Executor::EvalCondition(const ast::Expr &expr, bool *isnull) {
    pg::Value v = Eval(expr);
    *isnull = v.isnull;
    if (v.isnull) return false;
    if (v.type != BOOLOID)
        pg::Raise(ERRCODE_DATATYPE_MISMATCH,
                  "expression of type " + pg::FormatType(v.type, v.typmod) + " cannot be used as a condition",
                  "Conditions must be of type BOOLEAN.");
    return DatumGetBool(v.datum);
}

pg::Value Executor::EvalLogical(const ast::BinaryExpr &expr) {
    // Three-valued logic with short-circuit, as SQL defines it.
    bool is_and = expr.op == ast::BinaryOp::And;
    bool lnull = false;
    bool l = EvalCondition(*expr.left, &lnull);
    if (!lnull && l != is_and) return pg::Value::Of(BoolGetDatum(l), BOOLOID);
    bool rnull = false;
    bool r = EvalCondition(*expr.right, &rnull);
    if (!rnull && r != is_and) return pg::Value::Of(BoolGetDatum(r), BOOLOID);
    if (lnull || rnull) return pg::Value::Null(BOOLOID);
    return pg::Value::Of(BoolGetDatum(is_and), BOOLOID);
}

pg::Value Executor::EvalSqlSite(compile::SqlExprSite &site) {
    // Small inline buffer: this frame is on the path of every recursive
    // PL call, and stack depth is what max_stack_depth limits.
    constexpr size_t kInline = 8;
    size_t n = site.operands.size();
    pg::Value inline_values[kInline];
    std::vector<pg::Value> heap_values;
    pg::Value *values = inline_values;
    if (n > kInline) {
        heap_values.resize(n);
        values = heap_values.data();
    }
    for (size_t i = 0; i < n; ++i) values[i] = Eval(*site.operands[i]);
    return EvalSqlSite(site, values, n);
}

pg::Value Executor::EvalSqlSite(compile::SqlExprSite &site, pg::Value *values, size_t n) {
    // Preparing and running SQL (and calls made directly) need this call's
    // own SPI level, never a caller's.
    if (unlikely(spi_on_demand_ != nullptr)) spi_on_demand_->Connect();
    uint64 generation = compile::CatalogGeneration();
    bool rebuild = !site.expr || site.generation != generation || site.expr->param_types().size() != n;
    for (size_t i = 0; i < n; ++i) {
        // A bare NULL has no type of its own; SQL would call it unknown,
        // which a parameter cannot be.
        if (values[i].type == UNKNOWNOID || values[i].type == InvalidOid) values[i].type = TEXTOID;
        if (unlikely(values[i].type == fn_.collection_oid)) values[i] = SqlCollectionValue(values[i]);
        if (!rebuild && site.expr->param_types()[i] != values[i].type) rebuild = true;
    }
    if (rebuild) {
        std::vector<Oid> types(n);
        for (size_t i = 0; i < n; ++i) types[i] = values[i].type;
        site.expr.reset();
        // Building may fail holding catalog references (an unknown
        // function, constant folding that raises): undoable, like running.
        site.expr = Undoable(true, [&site, &types, this] { return pg::PgExpr::FromSql(site.sql, types, fn_.context); });
        site.generation = generation;
    }
    // Only from atomic code: a function runs atomic (its CALLs cannot
    // commit), which a direct call on a non-atomic connection would not be.
    if (site.expr->direct_callee() != InvalidOid && procedure_owner_ == nullptr) {
        return Undoable(true, [this, &site, values, n] { return CallDirect(*site.expr, values, n); });
    }
    return EvalPgExpr(*site.expr, values, n);
}

pg::Value Executor::EvalPgExpr(pg::PgExpr &expr, const pg::Value *values, size_t n) {
    // Inside a block with handlers, an error from user code must be undone
    // by a subtransaction before a handler may go on (statement-level
    // rollback for calls: Oracle keeps the work of calls that completed).
    return Undoable(expr.needs_subtransaction(),
                    [&expr, values, n, this] { return expr.Eval(values, n, fn_.read_only()); });
}

pg::Value Executor::EvalAttribute(const ast::AttributeExpr &expr) {
    if (expr.slot >= 0) return EvalCursorAttribute(expr);
    if (expr.annotation != nullptr)
        return PackageCursorAttribute(expr, ast::Cast<compile::PackageRefSite>(*expr.annotation));
    // Before any SQL ran, Oracle's SQL%FOUND / %NOTFOUND / %ROWCOUNT are NULL.
    switch (expr.attribute) {
        // The implicit cursor is closed as soon as its statement ends.
        case ast::AttributeKind::IsOpen: return pg::Value::Of(BoolGetDatum(false), BOOLOID);
        case ast::AttributeKind::Found:
            if (!sql_executed_) return pg::Value::Null(BOOLOID);
            return pg::Value::Of(BoolGetDatum(sql_rowcount_ > 0), BOOLOID);
        case ast::AttributeKind::NotFound:
            if (!sql_executed_) return pg::Value::Null(BOOLOID);
            return pg::Value::Of(BoolGetDatum(sql_rowcount_ == 0), BOOLOID);
        case ast::AttributeKind::RowCount:
            if (!sql_executed_) return pg::Value::Null(INT8OID);
            return pg::Value::Of(Int64GetDatum(static_cast<int64>(sql_rowcount_)), INT8OID);
    }
    return pg::Value::Null(UNKNOWNOID);
}

pg::Value Executor::EvalCase(const ast::CaseExpr &expr) {
    int branch = CaseBranch(expr.operand.get(), ast::Cast<compile::CaseSite>(*expr.annotation));
    if (branch >= 0) return Eval(*expr.whens[static_cast<size_t>(branch)].result);
    if (expr.else_value) return Eval(*expr.else_value);
    return pg::Value::Null(UNKNOWNOID);
}

pg::Value Executor::EvalBetween(const ast::BetweenExpr &expr) {
    pg::Value a = Eval(*expr.operand);
    pg::Value low = Eval(*expr.low);
    pg::Value high = Eval(*expr.high);
    auto *fallback = ast::Cast<compile::OperatorSite>(*expr.annotation).fallback.get();
    int c1 = 0, c2 = 0;
    pg::Value result;
    if (!a.isnull && !low.isnull && !high.isnull && CompareNative(a, low, &c1) && CompareNative(a, high, &c2)) {
        result = pg::Value::Of(BoolGetDatum(c1 >= 0 && c2 <= 0), BOOLOID);
    } else if (a.isnull || (low.isnull && high.isnull)) {
        result = pg::Value::Null(BOOLOID);
    } else {
        pg::Value values[3] = {a, low, high};
        result = EvalSqlSite(*fallback, values, 3);
    }
    if (expr.negated && !result.isnull) result.datum = BoolGetDatum(!DatumGetBool(result.datum));
    return result;
}

pg::Value Executor::EvalIn(const ast::InExpr &expr) {
    pg::Value a = Eval(*expr.operand);
    auto *fallback = ast::Cast<compile::OperatorSite>(*expr.annotation).fallback.get();
    bool saw_null = a.isnull;
    bool found = false;
    if (!a.isnull) {
        for (const auto &item : expr.list) {
            pg::Value b = Eval(*item);
            pg::Value eq = Compare(ast::BinaryOp::Eq, a, b, fallback);
            if (eq.isnull) {
                saw_null = true;
            } else if (DatumGetBool(eq.datum)) {
                found = true;
                break;
            }
        }
    }
    if (found) return pg::Value::Of(BoolGetDatum(!expr.negated), BOOLOID);
    if (saw_null) return pg::Value::Null(BOOLOID);
    return pg::Value::Of(BoolGetDatum(expr.negated), BOOLOID);
}

}  // namespace plpolar::exec
