#include "plpolar/pg/spi.hpp"

#include <array>
#include <cctype>
#include <cstring>

#include "plpolar/pg/guard.hpp"

extern "C" {
#include "parser/parse_func.h"
#include "parser/parse_param.h"
#include "parser/parser.h"
#include "utils/lsyscache.h"
#include "utils/plancache.h"
#include "utils/portal.h"
#include "utils/resowner.h"
#include "utils/typcache.h"
}

namespace plpolar::pg {

void SpiConnect(bool nonatomic) {
    Guarded([nonatomic] {
        int rc = SPI_connect_ext(nonatomic ? SPI_OPT_NONATOMIC : 0);
        if (rc != SPI_OK_CONNECT) elog(ERROR, "SPI_connect failed: %s", SPI_result_code_string(rc));
    });
}

void SpiFinish() {
    Guarded([] {
        int rc = SPI_finish();
        if (rc != SPI_OK_FINISH) elog(ERROR, "SPI_finish failed: %s", SPI_result_code_string(rc));
    });
}

ProcedureResources::ProcedureResources(bool nonatomic) {
    if (nonatomic) owner_ = Guarded([] { return ResourceOwnerCreate(NULL, "plpolar procedure resources"); });
}

ProcedureResources::~ProcedureResources() {
    ResourceOwner owner = owner_;
    if (owner == nullptr) return;
    try {
        Guarded([owner] {
            ResourceOwnerReleaseAllPlanCacheRefs(owner);
            ResourceOwnerDelete(owner);
        });
    } catch (const PgError &) {
        // Releasing plan references does not fail in practice.
    }
}

void SpiCommit() {
    Guarded([] { SPI_commit(); });
}

void SpiRollback() {
    Guarded([] { SPI_rollback(); });
}

void ReportSpiError(int rc, SpiStatement statement, const char *spi_function, const char *query) {
    switch (rc) {
        case SPI_ERROR_COPY:
            ereport(ERROR, (errcode(ERRCODE_FEATURE_NOT_SUPPORTED), errmsg("cannot COPY to/from client in plpolar")));
            break;
        case SPI_ERROR_TRANSACTION:
            switch (statement) {
                case SpiStatement::Embedded:
                    ereport(ERROR, (errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                                    errmsg("unsupported transaction command in plpolar")));
                    break;
                case SpiStatement::Dynamic:
                    ereport(ERROR, (errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                                    errmsg("unsupported transaction command in EXECUTE IMMEDIATE"),
                                    errdetail("Only COMMIT or ROLLBACK, alone in the string and without USING or INTO, "
                                              "run as dynamic SQL."),
                                    errhint("Savepoints and transaction blocks are not available in PL code.")));
                    break;
            }
            break;
        // Any other code (SPI_ERROR_UNCONNECTED, SPI_ERROR_ARGUMENT, ...) is
        // a bug, not the user's: PL/pgSQL's internal error.
        default: break;
    }
    elog(ERROR, "%s failed executing query \"%s\": %s", spi_function, query, SPI_result_code_string(rc));
    pg_unreachable();
}

namespace {

// Skips blanks and SQL comments.
size_t SkipBlanks(const std::string &s, size_t i) {
    while (i < s.size()) {
        if (std::isspace(static_cast<unsigned char>(s[i]))) {
            ++i;
        } else if (s.compare(i, 2, "--") == 0) {
            i = s.find('\n', i);
            if (i == std::string::npos) return s.size();
        } else if (s.compare(i, 2, "/*") == 0) {
            size_t end = s.find("*/", i + 2);
            if (end == std::string::npos) return s.size();
            i = end + 2;
        } else {
            break;
        }
    }
    return i;
}

}  // namespace

TransactionCommand DynamicTransactionCommand(const std::string &sql) {
    // Only a string that starts with one of these words can be one; the
    // rest are not parsed twice.
    size_t start = SkipBlanks(sql, 0);
    size_t end = start;
    std::string word;
    while (end < sql.size() && std::isalpha(static_cast<unsigned char>(sql[end])))
        word += static_cast<char>(std::tolower(static_cast<unsigned char>(sql[end++])));
    if (word != "commit" && word != "rollback" && word != "end" && word != "abort") return TransactionCommand::None;
    const char *text = sql.c_str();
    return Guarded([text] {
        List *stmts = raw_parser(text, RAW_PARSE_DEFAULT);
        if (list_length(stmts) != 1) return TransactionCommand::None;
        Node *stmt = linitial_node(RawStmt, stmts)->stmt;
        if (!IsA(stmt, TransactionStmt)) return TransactionCommand::None;
        TransactionStmt *ts = (TransactionStmt *)stmt;
        if (ts->chain) return TransactionCommand::None;
        if (ts->kind == TRANS_STMT_COMMIT) return TransactionCommand::Commit;
        if (ts->kind == TRANS_STMT_ROLLBACK) return TransactionCommand::Rollback;
        return TransactionCommand::None;
    });
}

// ---- parser hooks ----------------------------------------------------------
// They run inside PostgreSQL's parser; no C++ object with a destructor may
// be alive in these frames when they call PostgreSQL.

namespace {

Param *MakeParam(const SqlStatement *stmt, int slot, int location) {
    Oid type;
    int32 typmod;
    Oid collation;
    if (!stmt->resolver()->SlotType(slot, &type, &typmod, &collation)) return NULL;
    // A variable declared RECORD (a cursor's row) has the shape of its
    // current value, as PL/pgSQL's record variables do. The hooks run again
    // whenever the plan cache rebuilds the plan, so the statement's runner
    // keeps the current values at hand for every execution (BindingScope).
    const Value *slots = stmt->binding_slots();
    if (type == RECORDOID && slots != NULL && !slots[slot].isnull && slots[slot].type == RECORDOID) {
        HeapTupleHeader h = DatumGetHeapTupleHeader(slots[slot].datum);
        typmod = HeapTupleHeaderGetTypMod(h);
    }
    Param *param = makeNode(Param);
    param->paramkind = PARAM_EXTERN;
    param->paramid = slot + 1;
    param->paramtype = type;
    param->paramtypmod = typmod;
    param->paramcollid = collation;
    param->location = location;
    return param;
}

// record.field: a FieldSelect over the record's parameter. (PostgreSQL's
// own projection cannot see the typmod of a RECORD parameter.)
Node *SelectField(Param *param, const char *record, const char *field, int location) {
    // Only a cursor row variable that holds no row yet has no shape.
    if (param->paramtype == RECORDOID && param->paramtypmod < 0)
        ereport(ERROR,
                (errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE), errmsg("record \"%s\" is not assigned yet", record),
                 errdetail("The shape of a cursor's row is known only after a row was fetched into it."),
                 errposition(location)));
    TupleDesc desc = lookup_rowtype_tupdesc(param->paramtype, param->paramtypmod);
    for (int i = 0; i < desc->natts; i++) {
        Form_pg_attribute a = TupleDescAttr(desc, i);
        if (a->attisdropped || strcmp(NameStr(a->attname), field) != 0) continue;
        FieldSelect *fs = makeNode(FieldSelect);
        fs->arg = (Expr *)param;
        fs->fieldnum = (AttrNumber)(i + 1);
        fs->resulttype = a->atttypid;
        fs->resulttypmod = a->atttypmod;
        fs->resultcollid = a->attcollation;
        ReleaseTupleDesc(desc);
        return (Node *)fs;
    }
    ReleaseTupleDesc(desc);
    ereport(ERROR,
            (errcode(ERRCODE_UNDEFINED_COLUMN), errmsg("record has no field \"%s\"", field), errposition(location)));
    return NULL;
}

Node *PostColumnRefHook(ParseState *pstate, ColumnRef *cref, Node *var) {
    // A table column wins over a PL variable of the same name, as in Oracle.
    if (var != NULL) return NULL;
    auto *stmt = static_cast<SqlStatement *>(pstate->p_ref_hook_state);
    const char *parts[4];
    int nparts = 0;
    ListCell *lc;
    foreach (lc, cref->fields) {
        Node *field = (Node *)lfirst(lc);
        if (!IsA(field, String) || nparts == 4) return NULL;
        parts[nparts++] = strVal(field);
    }
    int slot;
    const char *field = NULL;
    if (!stmt->resolver()->ResolveColumnRef(parts, nparts, &slot, &field)) return NULL;
    const_cast<SqlStatement *>(stmt)->MarkUsed(slot);
    Param *param = MakeParam(stmt, slot, cref->location);
    if (param == NULL || field == NULL) return (Node *)param;
    return SelectField(param, parts[nparts - 2], field, cref->location);
}

Node *ParamRefHook(ParseState *pstate, ParamRef *pref) {
    auto *stmt = static_cast<SqlStatement *>(pstate->p_ref_hook_state);
    int slot;
    if (!stmt->resolver()->ResolvePositional(pref->number, &slot)) return NULL;
    stmt->MarkUsed(slot);
    return (Node *)MakeParam(stmt, slot, pref->location);
}

void ParserSetup(ParseState *pstate, void *arg) {
    pstate->p_post_columnref_hook = PostColumnRefHook;
    pstate->p_paramref_hook = ParamRefHook;
    pstate->p_ref_hook_state = arg;
}

}  // namespace

SqlStatement::SqlStatement(std::string text, const NameResolver *resolver, int nslots)
    : text_(std::move(text)), resolver_(resolver), used_(static_cast<size_t>(nslots), 0) {}

SqlStatement::~SqlStatement() {
    SPIPlanPtr plan = plan_;
    if (plan == nullptr) return;
    try {
        Guarded([plan] { SPI_freeplan(plan); });
    } catch (const PgError &) {
        // Freeing a kept plan does not fail in practice.
    }
}

void SqlStatement::Prepare(const Value *slots) {
    const char *sql = text_.c_str();
    SqlStatement *self = this;
    BindingScope binding(*this, slots);
    plan_ = Guarded([sql, self] {
        SPIPrepareOptions options;
        memset(&options, 0, sizeof(options));
        options.parserSetup = ParserSetup;
        options.parserSetupArg = self;
        options.parseMode = RAW_PARSE_DEFAULT;
        options.cursorOptions = CURSOR_OPT_PARALLEL_OK;
        SPIPlanPtr plan = SPI_prepare_extended(sql, &options);
        if (plan == NULL) ReportSpiError(SPI_result, SpiStatement::Embedded, "SPI_prepare_extended", sql);
        SPI_keepplan(plan);
        return plan;
    });
}

namespace {

ParamListInfo MakeParams(const char *used, int nslots, const Value *slots) {
    ParamListInfo params = makeParamList(nslots);
    for (int i = 0; i < nslots; i++) {
        ParamExternData *p = &params->params[i];
        if (used[i]) {
            p->value = slots[i].datum;
            p->isnull = slots[i].isnull;
            p->ptype = slots[i].type;
            p->pflags = PARAM_FLAG_CONST;
        } else {
            p->value = (Datum)0;
            p->isnull = true;
            p->ptype = InvalidOid;
            p->pflags = 0;
        }
    }
    return params;
}

}  // namespace

SqlStatement::Result SqlStatement::Execute(const Value *slots, bool read_only, long max_rows) {
    return Run(slots, read_only, max_rows, false, nullptr);
}

SqlStatement::Result SqlStatement::ExecuteCall(const Value *slots, bool read_only, ResourceOwner owner) {
    return Run(slots, read_only, 0, true, owner);
}

SqlStatement::Result SqlStatement::Run(const Value *slots, bool read_only, long max_rows, bool nonatomic,
                                       ResourceOwner owner) {
    if (plan_ == nullptr) Prepare(slots);
    SPIPlanPtr plan = plan_;
    const char *used = used_.data();
    int nslots = static_cast<int>(used_.size());
    BindingScope binding(*this, slots);  // the plan cache may re-parse
    Result result;
    Result *out = &result;
    const char *sql = text_.c_str();
    Guarded([plan, used, nslots, slots, read_only, max_rows, nonatomic, owner, out, sql] {
        MemoryContext caller = CurrentMemoryContext;
        SPIExecuteOptions options;
        memset(&options, 0, sizeof(options));
        options.params = MakeParams(used, nslots, slots);
        options.read_only = read_only;
        options.tcount = max_rows;
        options.allow_nonatomic = nonatomic;
        options.owner = owner;
        int rc = SPI_execute_plan_extended(plan, &options);
        MemoryContextSwitchTo(caller);
        if (rc < 0) ReportSpiError(rc, SpiStatement::Embedded, "SPI_execute_plan_extended", sql);
        out->processed = SPI_processed;
        out->tuptable = SPI_tuptable;
    });
    return result;
}

namespace {

// Fills slots[i] / fields[i] for each output argument of a CALL; returns
// the count, or -(position + 1) of an argument that is no variable.
int ReadCallOutputs(SPIPlanPtr plan, int *slots, char (*fields)[NAMEDATALEN], int max) {
    List *sources = SPI_plan_get_plan_sources(plan);
    if (list_length(sources) != 1) elog(ERROR, "CALL is not a single statement");
    CachedPlanSource *source = (CachedPlanSource *)linitial(sources);
    if (list_length(source->query_list) != 1) elog(ERROR, "CALL is not a single statement");
    Query *query = linitial_node(Query, source->query_list);
    if (query->commandType != CMD_UTILITY || !IsA(query->utilityStmt, CallStmt)) elog(ERROR, "not a CALL statement");
    CallStmt *call = (CallStmt *)query->utilityStmt;
    int n = 0;
    ListCell *lc;
    foreach (lc, call->outargs) {
        if (n == max) elog(ERROR, "too many OUT parameters");
        Node *arg = (Node *)lfirst(lc);
        // The conversion to the parameter's type around the variable; the
        // value comes back through plpolar's own assignment cast.
        for (;;) {
            if (IsA(arg, RelabelType))
                arg = (Node *)((RelabelType *)arg)->arg;
            else if (IsA(arg, CoerceViaIO))
                arg = (Node *)((CoerceViaIO *)arg)->arg;
            else if (IsA(arg, FuncExpr) && ((FuncExpr *)arg)->funcformat == COERCE_IMPLICIT_CAST &&
                     list_length(((FuncExpr *)arg)->args) >= 1)
                arg = (Node *)linitial(((FuncExpr *)arg)->args);
            else
                break;
        }
        fields[n][0] = '\0';
        if (IsA(arg, FieldSelect) && IsA(((FieldSelect *)arg)->arg, Param)) {
            FieldSelect *fs = (FieldSelect *)arg;
            Param *p = (Param *)fs->arg;
            TupleDesc desc = lookup_rowtype_tupdesc(p->paramtype, p->paramtypmod);
            strlcpy(fields[n], NameStr(TupleDescAttr(desc, fs->fieldnum - 1)->attname), NAMEDATALEN);
            ReleaseTupleDesc(desc);
            arg = (Node *)p;
        }
        if (!IsA(arg, Param) || ((Param *)arg)->paramkind != PARAM_EXTERN) return -(n + 1);
        slots[n++] = ((Param *)arg)->paramid - 1;
    }
    return n;
}

}  // namespace

std::vector<std::pair<int, std::string>> SqlStatement::CallOutputs(const Value *slots) {
    if (plan_ == nullptr) Prepare(slots);
    SPIPlanPtr plan = plan_;
    constexpr int kMax = FUNC_MAX_ARGS;
    std::vector<int> out_slots(kMax);
    std::vector<std::array<char, NAMEDATALEN>> fields(kMax);
    int *ps = out_slots.data();
    auto *pf = reinterpret_cast<char(*)[NAMEDATALEN]>(fields.data());
    int n = Guarded([plan, ps, pf] { return ReadCallOutputs(plan, ps, pf, kMax); });
    if (n < 0)
        Raise(ERRCODE_SYNTAX_ERROR, "the value passed to OUT or IN OUT parameter number " + std::to_string(-n) +
                                        " of the procedure is not a variable");
    std::vector<std::pair<int, std::string>> out;
    for (int i = 0; i < n; ++i)
        out.emplace_back(out_slots[static_cast<size_t>(i)], fields[static_cast<size_t>(i)].data());
    return out;
}

ResultGuard::~ResultGuard() {
    try {
        SqlStatement::FreeResult(result_);
    } catch (const PgError &) {
        // Freeing a tuple table does not fail in practice; a destructor must not throw.
    }
}

void SqlStatement::FreeResult(Result &result) {
    SPITupleTable *table = result.tuptable;
    result.tuptable = nullptr;
    if (table != nullptr) Guarded([table] { SPI_freetuptable(table); });
}

int SqlStatement::ColumnCount(const Result &result) {
    return result.tuptable == nullptr ? 0 : result.tuptable->tupdesc->natts;
}

std::string SqlStatement::OpenCursor(const Value *slots, bool read_only, const std::string &name) {
    if (plan_ == nullptr) Prepare(slots);
    SPIPlanPtr plan = plan_;
    const char *used = used_.data();
    int nslots = static_cast<int>(used_.size());
    const char *pname = name.empty() ? nullptr : name.c_str();
    char buf[NAMEDATALEN];
    char *out = buf;
    BindingScope binding(*this, slots);  // the plan cache may re-parse
    const char *sql = text_.c_str();
    Guarded([plan, used, nslots, slots, read_only, pname, out, sql] {
        ParamListInfo params = MakeParams(used, nslots, slots);
        if (pname != NULL && GetPortalByName(pname) != NULL)
            ereport(ERROR, (errcode(ERRCODE_DUPLICATE_CURSOR), errmsg("cursor \"%s\" already in use", pname)));
        Portal portal = SPI_cursor_open_with_paramlist(pname, plan, params, read_only);
        if (portal == NULL) ReportSpiError(SPI_result, SpiStatement::Embedded, "SPI_cursor_open_with_paramlist", sql);
        strlcpy(out, portal->name, NAMEDATALEN);
    });
    return buf;
}

int32 SqlStatement::ResultRowType(const Value *slots) {
    if (plan_ == nullptr) Prepare(slots);
    SPIPlanPtr plan = plan_;
    return Guarded([plan] {
        List *sources = SPI_plan_get_plan_sources(plan);
        if (list_length(sources) != 1) elog(ERROR, "cursor query must be a single statement");
        CachedPlanSource *source = (CachedPlanSource *)linitial(sources);
        if (source->resultDesc == NULL)
            ereport(ERROR, (errcode(ERRCODE_INVALID_CURSOR_DEFINITION), errmsg("cursor query does not return rows")));
        TupleDesc desc = CreateTupleDescCopy(source->resultDesc);
        desc = BlessTupleDesc(desc);
        return desc->tdtypmod;
    });
}

namespace {

// A composite datum carries a registered RECORD typmod.
void BlessRows(SPITupleTable *table) {
    TupleDesc desc = table->tupdesc;
    if (desc->tdtypeid == RECORDOID && desc->tdtypmod >= 0) return;
    Guarded([desc] {
        desc->tdtypeid = RECORDOID;
        desc->tdtypmod = -1;
        BlessTupleDesc(desc);
    });
}

}  // namespace

Value SqlStatement::RowAsRecord(Result &result, uint64 row) {
    SPITupleTable *table = result.tuptable;
    BlessRows(table);
    Datum d = Guarded([table, row] { return heap_copy_tuple_as_datum(table->vals[row], table->tupdesc); });
    return Value::Of(d, RECORDOID, table->tupdesc->tdtypmod);
}

Value SqlStatement::RowInPlace(Result &result, uint64 row) {
    SPITupleTable *table = result.tuptable;
    HeapTuple tuple = table->vals[row];
    // A composite datum may not point to TOAST: such a row is flattened.
    if (HeapTupleHasExternal(tuple)) return RowAsRecord(result, row);
    BlessRows(table);
    // The tuple is SPI's own copy: its header's transaction fields mean
    // nothing any more and become the datum fields, as
    // heap_copy_tuple_as_datum sets them in its copy.
    HeapTupleHeader header = tuple->t_data;
    HeapTupleHeaderSetDatumLength(header, tuple->t_len);
    HeapTupleHeaderSetTypeId(header, table->tupdesc->tdtypeid);
    HeapTupleHeaderSetTypMod(header, table->tupdesc->tdtypmod);
    return Value::Of(PointerGetDatum(header), RECORDOID, table->tupdesc->tdtypmod);
}

bool CursorIsOpen(const std::string &name) {
    const char *n = name.c_str();
    return Guarded([n] { return SPI_cursor_find(n) != NULL; });
}

SqlStatement::Result CursorFetch(const std::string &name, long count) {
    const char *n = name.c_str();
    SqlStatement::Result result;
    SqlStatement::Result *out = &result;
    Guarded([n, count, out] {
        Portal portal = SPI_cursor_find(n);
        if (portal == NULL)
            ereport(ERROR, (errcode(ERRCODE_INVALID_CURSOR_STATE), errmsg("invalid cursor"),
                            errdetail("Cursor \"%s\" is not open.", n)));
        SPI_cursor_fetch(portal, true, count);
        out->processed = SPI_processed;
        out->tuptable = SPI_tuptable;
    });
    return result;
}

void CursorClose(const std::string &name) {
    const char *n = name.c_str();
    Guarded([n] {
        Portal portal = SPI_cursor_find(n);
        if (portal == NULL) return;
        if (portal->portalPinned) UnpinPortal(portal);
        SPI_cursor_close(portal);
    });
}

void CursorPin(const std::string &name) {
    const char *n = name.c_str();
    Guarded([n] {
        Portal portal = SPI_cursor_find(n);
        if (portal != NULL) PinPortal(portal);
    });
}

namespace {

struct DynamicParams {
    Oid *types;
    int ntypes;
};

void DynamicParserSetup(ParseState *pstate, void *arg) {
    auto *p = static_cast<DynamicParams *>(arg);
    setup_parse_variable_parameters(pstate, &p->types, &p->ntypes);
}

bool IsTextLike(Oid type) { return type == TEXTOID || type == VARCHAROID || type == BPCHAROID; }

// Prepares dynamic SQL with its bind values. Strings and NULLs are bound
// like SQL's untyped literals: PostgreSQL infers the parameter's type from
// where it is used and the string is converted to it, as Oracle converts a
// VARCHAR2 bind. Runs inside Guarded().
SPIPlanPtr PrepareDynamic(const char *sql_text, const Value *args, int n, ParamListInfo *out_params,
                          int cursor_options) {
    DynamicParams p;
    p.ntypes = n;
    p.types = (Oid *)palloc0(sizeof(Oid) * (n + 1));
    for (int i = 0; i < n; i++) p.types[i] = (args[i].isnull || IsTextLike(args[i].type)) ? InvalidOid : args[i].type;
    SPIPrepareOptions options;
    memset(&options, 0, sizeof(options));
    options.parserSetup = DynamicParserSetup;
    options.parserSetupArg = &p;
    options.parseMode = RAW_PARSE_DEFAULT;
    options.cursorOptions = cursor_options;
    SPIPlanPtr plan = SPI_prepare_extended(sql_text, &options);
    if (plan == NULL) ReportSpiError(SPI_result, SpiStatement::Dynamic, "SPI_prepare_extended", sql_text);
    ParamListInfo params = makeParamList(n);
    for (int i = 0; i < n; i++) {
        ParamExternData *prm = &params->params[i];
        Oid type = i < p.ntypes && OidIsValid(p.types[i]) && p.types[i] != UNKNOWNOID ? p.types[i] : TEXTOID;
        prm->isnull = args[i].isnull;
        prm->pflags = PARAM_FLAG_CONST;
        prm->ptype = type;
        prm->value = args[i].datum;
        if (!args[i].isnull && type != args[i].type && !IsTextLike(type)) {
            Oid input;
            Oid ioparam;
            getTypeInputInfo(type, &input, &ioparam);
            struct varlena *t = pg_detoast_datum_packed((struct varlena *)DatumGetPointer(args[i].datum));
            char *str = pnstrdup(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t));
            prm->value = OidInputFunctionCall(input, str, ioparam, -1);
        }
    }
    *out_params = params;
    return plan;
}

}  // namespace

SqlStatement::Result ExecuteDynamic(const std::string &sql, const Value *args, size_t nargs, bool read_only,
                                    long max_rows) {
    const char *text = sql.c_str();
    int n = static_cast<int>(nargs);
    SqlStatement::Result result;
    SqlStatement::Result *out = &result;
    Guarded([text, args, n, read_only, max_rows, out] {
        MemoryContext caller = CurrentMemoryContext;
        ParamListInfo params;
        SPIPlanPtr plan = PrepareDynamic(text, args, n, &params, 0);
        int rc = SPI_execute_plan_with_paramlist(plan, params, read_only, max_rows);
        MemoryContextSwitchTo(caller);
        if (rc < 0) ReportSpiError(rc, SpiStatement::Dynamic, "SPI_execute_plan_with_paramlist", text);
        out->processed = SPI_processed;
        out->tuptable = SPI_tuptable;
        SPI_freeplan(plan);
    });
    return result;
}

std::string OpenDynamicCursor(const std::string &name, const std::string &sql, const Value *args, size_t nargs,
                              bool read_only) {
    const char *text = sql.c_str();
    const char *pname = name.empty() ? nullptr : name.c_str();
    int n = static_cast<int>(nargs);
    char buf[NAMEDATALEN];
    char *out = buf;
    Guarded([text, pname, args, n, read_only, out] {
        if (pname != NULL && GetPortalByName(pname) != NULL)
            ereport(ERROR, (errcode(ERRCODE_DUPLICATE_CURSOR), errmsg("cursor \"%s\" already in use", pname)));
        ParamListInfo params;
        SPIPlanPtr plan = PrepareDynamic(text, args, n, &params, 0);
        Portal portal = SPI_cursor_open_with_paramlist(pname, plan, params, read_only);
        if (portal == NULL) ReportSpiError(SPI_result, SpiStatement::Dynamic, "SPI_cursor_open_with_paramlist", text);
        strlcpy(out, portal->name, NAMEDATALEN);
        SPI_freeplan(plan);
    });
    return buf;
}

Value SqlStatement::Column(const Result &result, uint64 row, int column) {
    SPITupleTable *table = result.tuptable;
    struct Out {
        Datum d;
        bool isnull;
        Oid type;
        int32 typmod;
    };
    Out out = Guarded([table, row, column] {
        Out r;
        r.d = SPI_getbinval(table->vals[row], table->tupdesc, column + 1, &r.isnull);
        Form_pg_attribute attr = TupleDescAttr(table->tupdesc, column);
        r.type = attr->atttypid;
        r.typmod = attr->atttypmod;
        return r;
    });
    return Value{out.d, out.isnull, out.type, out.typmod};
}

}  // namespace plpolar::pg
