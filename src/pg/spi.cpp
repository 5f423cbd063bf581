#include "plpolar/pg/spi.hpp"

#include "plpolar/pg/guard.hpp"

extern "C" {
#include "parser/parse_param.h"
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

// ---- parser hooks ----------------------------------------------------------
// They run inside PostgreSQL's parser; no C++ object with a destructor may
// be alive in these frames when they call PostgreSQL.

namespace {

Param *MakeParam(const SqlStatement *stmt, int slot, int location) {
    Oid type;
    int32 typmod;
    Oid collation;
    if (!stmt->resolver()->SlotType(slot, &type, &typmod, &collation)) return NULL;
    Param *param = makeNode(Param);
    param->paramkind = PARAM_EXTERN;
    param->paramid = slot + 1;
    param->paramtype = type;
    param->paramtypmod = typmod;
    param->paramcollid = collation;
    param->location = location;
    return param;
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
    if (!stmt->resolver()->ResolveColumnRef(parts, nparts, &slot)) return NULL;
    const_cast<SqlStatement *>(stmt)->MarkUsed(slot);
    return (Node *)MakeParam(stmt, slot, cref->location);
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

void SqlStatement::Prepare() {
    const char *sql = text_.c_str();
    SqlStatement *self = this;
    plan_ = Guarded([sql, self] {
        SPIPrepareOptions options;
        memset(&options, 0, sizeof(options));
        options.parserSetup = ParserSetup;
        options.parserSetupArg = self;
        options.parseMode = RAW_PARSE_DEFAULT;
        options.cursorOptions = CURSOR_OPT_PARALLEL_OK;
        SPIPlanPtr plan = SPI_prepare_extended(sql, &options);
        if (plan == NULL)
            elog(ERROR, "SPI_prepare_extended failed for \"%s\": %s", sql, SPI_result_code_string(SPI_result));
        SPI_keepplan(plan);
        return plan;
    });
}

SqlStatement::Result SqlStatement::Execute(const Value *slots, bool read_only, long max_rows) {
    if (plan_ == nullptr) Prepare();
    SPIPlanPtr plan = plan_;
    const char *used = used_.data();
    int nslots = static_cast<int>(used_.size());
    Result result;
    Result *out = &result;
    Guarded([plan, used, nslots, slots, read_only, max_rows, out] {
        MemoryContext caller = CurrentMemoryContext;
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
        int rc = SPI_execute_plan_with_paramlist(plan, params, read_only, max_rows);
        MemoryContextSwitchTo(caller);
        if (rc < 0) elog(ERROR, "SPI_execute_plan_with_paramlist failed: %s", SPI_result_code_string(rc));
        out->processed = SPI_processed;
        out->tuptable = SPI_tuptable;
    });
    return result;
}

void SqlStatement::FreeResult(Result &result) {
    SPITupleTable *table = result.tuptable;
    result.tuptable = nullptr;
    if (table != nullptr) Guarded([table] { SPI_freetuptable(table); });
}

int SqlStatement::ColumnCount(const Result &result) {
    return result.tuptable == nullptr ? 0 : result.tuptable->tupdesc->natts;
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
