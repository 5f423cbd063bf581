#include "plpolar/pg/expr.hpp"

#include "plpolar/pg/guard.hpp"
#include "plpolar/pg/packages.hpp"
#include "plpolar/pg/spi.hpp"
#include "plpolar/types/datetime.h"

extern "C" {
#include "access/htup_details.h"
#include "catalog/pg_language.h"
#include "catalog/pg_proc.h"
#include "catalog/pg_type.h"
#include "commands/proclang.h"
#include "nodes/nodeFuncs.h"
#include "optimizer/optimizer.h"
#include "parser/analyze.h"
#include "parser/parser.h"
#include "storage/proc.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/plancache.h"
#include "utils/snapmgr.h"
#include "utils/syscache.h"
}

namespace plpolar::pg {

namespace {

// A parse error's position refers to our generated SQL, not to the user's
// statement: report it as an internal query, as SPI does.
void InternalQueryCallback(void *arg) {
    int position = geterrposition();
    if (position > 0) {
        errposition(0);
        internalerrposition(position);
        internalerrquery(static_cast<const char *>(arg));
    }
}

// Parses and analyses "SELECT <sql>"; returns the lone target expression,
// or NULL if the query is more than an expression.
Expr *AnalyzeExpression(const char *sql, Oid *types, int ntypes, bool *simple) {
    ErrorContextCallback callback;
    callback.callback = InternalQueryCallback;
    callback.arg = const_cast<char *>(sql);
    callback.previous = error_context_stack;
    error_context_stack = &callback;
    List *raw = raw_parser(sql, RAW_PARSE_DEFAULT);
    if (list_length(raw) != 1)
        ereport(ERROR, (errcode(ERRCODE_SYNTAX_ERROR), errmsg("expression must be a single expression: %s", sql)));
    Query *query = parse_analyze_fixedparams(linitial_node(RawStmt, raw), sql, types, ntypes, NULL);
    if (query->commandType != CMD_SELECT || list_length(query->targetList) != 1)
        ereport(ERROR, (errcode(ERRCODE_SYNTAX_ERROR), errmsg("expression must return exactly one value: %s", sql)));
    *simple = query->rtable == NIL && query->jointree->quals == NULL && !query->hasSubLinks && !query->hasAggs &&
              !query->hasWindowFuncs && !query->hasTargetSRFs && query->groupClause == NIL &&
              query->havingQual == NULL && query->sortClause == NIL && query->limitCount == NULL &&
              query->cteList == NIL && query->setOperations == NULL;
    error_context_stack = callback.previous;
    return linitial_node(TargetEntry, query->targetList)->expr;
}

bool NotBuiltInImmutable(Oid func, void *) {
    HeapTuple tuple = SearchSysCache1(PROCOID, ObjectIdGetDatum(func));
    if (!HeapTupleIsValid(tuple)) return true;
    Form_pg_proc proc = (Form_pg_proc)GETSTRUCT(tuple);
    bool bad = proc->prolang != INTERNALlanguageId || proc->provolatile != PROVOLATILE_IMMUTABLE;
    ReleaseSysCache(tuple);
    return bad;
}

// True unless every function the expression calls is an immutable built-in
// (no SPI, no snapshot, no catalog access worth undoing).
bool MayRunUserCode(Node *node, void *context) {
    if (node == NULL) return false;
    if (IsA(node, SubLink) || IsA(node, SubPlan) || IsA(node, CoerceToDomain) || IsA(node, NextValueExpr)) return true;
    if (check_functions_in_node(node, NotBuiltInImmutable, context)) return true;
    return expression_tree_walker(node, reinterpret_cast<bool (*)()>(reinterpret_cast<void (*)()>(MayRunUserCode)),
                                  context);
}

// See PgExpr::direct_callee().
Oid DirectPlpolarCallee(Expr *expr, int nparams) {
    if (!IsA(expr, FuncExpr)) return InvalidOid;
    FuncExpr *f = (FuncExpr *)expr;
    if (f->funcretset || list_length(f->args) != nparams) return InvalidOid;
    int i = 0;
    ListCell *lc;
    foreach (lc, f->args) {
        Node *arg = (Node *)lfirst(lc);
        if (!IsA(arg, Param) || ((Param *)arg)->paramkind != PARAM_EXTERN || ((Param *)arg)->paramid != ++i)
            return InvalidOid;
    }
    Oid language = get_language_oid("plpolar", true);
    HeapTuple tuple = SearchSysCache1(PROCOID, ObjectIdGetDatum(f->funcid));
    if (!HeapTupleIsValid(tuple)) return InvalidOid;
    Form_pg_proc proc = (Form_pg_proc)GETSTRUCT(tuple);
    // A package's public function: its caller takes on the definer's rights
    // and path itself (exec/package_instance.cpp, CallMemberDirect).
    bool member = false;
    if (proc->prolang == language && proc->prosecdef) {
        bool isnull = false;
        Datum src = SysCacheGetAttr(PROCOID, tuple, Anum_pg_proc_prosrc, &isnull);
        if (!isnull) {
            char *body = TextDatumGetCString(src);
            member = strncmp(body, PackageMemberMarker(), strlen(PackageMemberMarker())) == 0;
            pfree(body);
        }
    }
    bool ok = proc->prolang == language && proc->prokind == PROKIND_FUNCTION && (!proc->prosecdef || member) &&
              !proc->proretset && (member || heap_attisnull(tuple, Anum_pg_proc_proconfig, NULL)) &&
              heap_attisnull(tuple, Anum_pg_proc_proallargtypes, NULL) &&  // no OUT parameters
              !IsPolymorphicType(proc->prorettype);
    for (int a = 0; ok && a < proc->pronargs; a++) ok = !IsPolymorphicType(proc->proargtypes.values[a]);
    ReleaseSysCache(tuple);
    return ok ? f->funcid : InvalidOid;
}

// The functions whose EXECUTE privilege ExecInitExpr checks (ExecInitFunc,
// ScalarArrayOpExpr): an evaluation state kept across transactions must
// have them checked again (see PgExpr::CheckPrivileges).
bool CollectCheckedFunctions(Node *node, void *context) {
    if (node == NULL) return false;
    List **out = (List **)context;
    switch (nodeTag(node)) {
        case T_FuncExpr: *out = lappend_oid(*out, ((FuncExpr *)node)->funcid); break;
        case T_OpExpr:
        case T_DistinctExpr:
        case T_NullIfExpr:
            set_opfuncid((OpExpr *)node);
            *out = lappend_oid(*out, ((OpExpr *)node)->opfuncid);
            break;
        case T_ScalarArrayOpExpr:
            set_sa_opfuncid((ScalarArrayOpExpr *)node);
            *out = lappend_oid(*out, ((ScalarArrayOpExpr *)node)->opfuncid);
            break;
        default: break;
    }
    return expression_tree_walker(
        node, reinterpret_cast<bool (*)()>(reinterpret_cast<void (*)()>(CollectCheckedFunctions)), context);
}

}  // namespace

void PgExpr::CheckPrivileges() {
    if (checked_functions_ == NIL) return;
    LocalTransactionId lxid = MyProc->lxid;
    Oid user = GetUserId();
    if (lxid == checked_lxid_ && user == checked_user_) return;
    List *functions = checked_functions_;
    Guarded([functions, user] {
        ListCell *lc;
        foreach (lc, functions) {
            Oid f = lfirst_oid(lc);
            AclResult result = pg_proc_aclcheck(f, user, ACL_EXECUTE);
            if (result != ACLCHECK_OK) aclcheck_error(result, OBJECT_FUNCTION, get_func_name(f));
        }
    });
    checked_lxid_ = lxid;
    checked_user_ = user;
}

std::unique_ptr<PgExpr> PgExpr::FromSql(const std::string &sql, const std::vector<Oid> &param_types,
                                        MemoryContext parent) {
    auto out = std::make_unique<PgExpr>(Private{});
    out->param_types_ = param_types;
    std::string full = "SELECT " + sql;
    const char *text = full.c_str();
    Oid *types = out->param_types_.data();
    int ntypes = static_cast<int>(param_types.size());
    PgExpr *self = out.get();
    Guarded([self, parent, text, types, ntypes] {
        self->context_ = AllocSetContextCreate(parent, "plpolar expression", ALLOCSET_SMALL_SIZES);
        MemoryContext old = MemoryContextSwitchTo(self->context_);
        bool simple = false;
        Expr *expr = AnalyzeExpression(text, types, ntypes, &simple);
        self->result_type_ = exprType((Node *)expr);
        // A TIMESTAMP (LOCALTIMESTAMP, TO_TIMESTAMP, ...) converts to text
        // as one; exprTypmod says -1, as for a DATE (types/datetime.h).
        self->result_typmod_ =
            self->result_type_ == TIMESTAMPOID ? plpolar_datetime_typmod((Node *)expr) : exprTypmod((Node *)expr);
        if (simple) {
            self->expr_ = expression_planner(expr);
            self->needs_snapshot_ = contain_mutable_functions((Node *)self->expr_);
            self->needs_subtransaction_ = MayRunUserCode((Node *)self->expr_, NULL);
            self->direct_callee_ = DirectPlpolarCallee(self->expr_, ntypes);
            CollectCheckedFunctions((Node *)self->expr_, &self->checked_functions_);
        } else {
            self->plan_ = SPI_prepare(text, ntypes, types);
            if (self->plan_ == NULL) ReportSpiError(SPI_result, SpiStatement::Embedded, "SPI_prepare", text);
            SPI_keepplan(self->plan_);
        }
        MemoryContextSwitchTo(old);
    });
    return out;
}

std::unique_ptr<PgExpr> PgExpr::Coercion(Oid source, int32 source_typmod, Oid target, int32 target_typmod,
                                         bool explicit_cast, MemoryContext parent) {
    auto out = std::make_unique<PgExpr>(Private{});
    out->param_types_ = {source};
    PgExpr *self = out.get();
    Guarded([self, parent, source, source_typmod, target, target_typmod, explicit_cast] {
        self->context_ = AllocSetContextCreate(parent, "plpolar cast", ALLOCSET_SMALL_SIZES);
        MemoryContext old = MemoryContextSwitchTo(self->context_);
        Param *param = makeNode(Param);
        param->paramkind = PARAM_EXTERN;
        param->paramid = 1;
        param->paramtype = source;
        param->paramtypmod = source_typmod;
        param->paramcollid = get_typcollation(source);
        param->location = -1;
        CoercionContext ccontext = explicit_cast ? COERCION_EXPLICIT : COERCION_ASSIGNMENT;
        CoercionForm form = explicit_cast ? COERCE_EXPLICIT_CAST : COERCE_IMPLICIT_CAST;
        Node *expr = coerce_to_target_type(NULL, (Node *)param, source, target, target_typmod, ccontext, form, -1);
        if (expr == NULL) {
            // No cast: go through the types' text forms, as PL/pgSQL does.
            CoerceViaIO *io = makeNode(CoerceViaIO);
            io->arg = (Expr *)param;
            io->resulttype = target;
            io->resultcollid = get_typcollation(target);
            io->coerceformat = form;
            io->location = -1;
            expr = coerce_to_target_type(NULL, (Node *)io, target, target, target_typmod, ccontext, form, -1);
            if (expr == NULL)
                ereport(ERROR, (errcode(ERRCODE_CANNOT_COERCE),
                                errmsg("cannot cast type %s to %s", format_type_be(source), format_type_be(target))));
        }
        self->expr_ = expression_planner((Expr *)expr);
        CollectCheckedFunctions((Node *)self->expr_, &self->checked_functions_);
        self->needs_snapshot_ = contain_mutable_functions((Node *)self->expr_);
        self->needs_subtransaction_ = MayRunUserCode((Node *)self->expr_, NULL);
        self->result_type_ = target;
        self->result_typmod_ = target_typmod;
        MemoryContextSwitchTo(old);
    });
    return out;
}

PgExpr::~PgExpr() {
    SPIPlanPtr plan = plan_;
    MemoryContext context = context_;
    try {
        Guarded([plan, context] {
            if (plan != NULL) SPI_freeplan(plan);
            if (context != NULL) MemoryContextDelete(context);
        });
    } catch (const PgError &) {
        // Freeing cannot fail in practice; a destructor must not throw.
    }
}

PgExpr::Instance *PgExpr::AcquireInstance() {
    for (auto &inst : instances_)
        if (!inst.busy) return &inst;
    Instance inst;
    PgExpr *self = this;
    Instance *pinst = &inst;
    int nparams = static_cast<int>(param_types_.size());
    Guarded([self, pinst, nparams] {
        MemoryContext old = MemoryContextSwitchTo(self->context_);
        pinst->state = ExecInitExpr(self->expr_, NULL);
        pinst->econtext = CreateStandaloneExprContext();
        pinst->params = makeParamList(nparams);
        pinst->params->numParams = nparams;
        pinst->econtext->ecxt_param_list_info = pinst->params;
        MemoryContextSwitchTo(old);
    });
    instances_.push_back(inst);
    return &instances_.back();
}

Value PgExpr::Eval(const Value *params, size_t nparams, bool read_only) {
    if (plan_ != nullptr) return EvalSpi(params, nparams, read_only);
    CheckPrivileges();
    // Index, not pointer: a nested evaluation may grow the vector.
    Instance *inst = AcquireInstance();
    size_t index = static_cast<size_t>(inst - instances_.data());
    for (size_t i = 0; i < nparams; ++i) {
        ParamExternData &p = inst->params->params[i];
        p.value = params[i].datum;
        p.isnull = params[i].isnull;
        p.pflags = PARAM_FLAG_CONST;
        p.ptype = param_types_[i];
    }
    struct BusyScope {
        std::vector<Instance> &v;
        size_t i;
        ~BusyScope() { v[i].busy = false; }
    } busy{instances_, index};
    inst->busy = true;
    ExprState *state = inst->state;
    ExprContext *econtext = inst->econtext;
    bool snapshot = needs_snapshot_;
    struct Out {
        Datum d;
        bool isnull;
    };
    Out out = Guarded([state, econtext, snapshot, read_only] {
        Out r;
        bool pushed = false;
        if (snapshot && !read_only) {
            CommandCounterIncrement();
            PushActiveSnapshot(GetTransactionSnapshot());
            pushed = true;
        } else if (snapshot && !ActiveSnapshotSet()) {
            PushActiveSnapshot(GetTransactionSnapshot());
            pushed = true;
        }
        r.d = ExecEvalExpr(state, econtext, &r.isnull);
        if (pushed) PopActiveSnapshot();
        return r;
    });
    return Value{out.d, out.isnull, result_type_, result_typmod_};
}

Value PgExpr::EvalSpi(const Value *params, size_t nparams, bool read_only) {
    SPIPlanPtr plan = plan_;
    Oid type = result_type_;
    struct Out {
        Datum d;
        bool isnull;
    };
    const Value *vals = params;
    int n = static_cast<int>(nparams);
    Out out = Guarded([plan, vals, n, read_only, type] {
        MemoryContext caller = CurrentMemoryContext;
        Datum *values = (Datum *)palloc(sizeof(Datum) * (n + 1));
        char *nulls = (char *)palloc(n + 1);
        for (int i = 0; i < n; i++) {
            values[i] = vals[i].datum;
            nulls[i] = vals[i].isnull ? 'n' : ' ';
        }
        int rc = SPI_execute_plan(plan, values, nulls, read_only, 2);
        MemoryContextSwitchTo(caller);
        if (rc < 0) {
            CachedPlanSource *source = (CachedPlanSource *)linitial(SPI_plan_get_plan_sources(plan));
            ReportSpiError(rc, SpiStatement::Embedded, "SPI_execute_plan", source->query_string);
        }
        if (rc != SPI_OK_SELECT)
            ereport(ERROR, (errcode(ERRCODE_INTERNAL_ERROR),
                            errmsg("expression evaluation failed: %s", SPI_result_code_string(rc))));
        if (SPI_processed > 1)
            ereport(ERROR, (errcode(ERRCODE_CARDINALITY_VIOLATION), errmsg("query returned more than one row")));
        Out r;
        r.isnull = true;
        r.d = 0;
        if (SPI_processed == 1) {
            r.d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &r.isnull);
            if (!r.isnull) {
                int16 typlen;
                bool byval;
                get_typlenbyval(type, &typlen, &byval);
                r.d = datumCopy(r.d, byval, typlen);
            }
        }
        SPI_freetuptable(SPI_tuptable);
        return r;
    });
    return Value{out.d, out.isnull, result_type_, result_typmod_};
}

}  // namespace plpolar::pg
