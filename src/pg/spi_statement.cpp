// SqlStatement: embedded SQL prepared once with its variables bound by
// the parser hooks, run, its results read.
#include "plpolar/pg/collection.hpp"
#include "plpolar/pg/spi.hpp"

#include <algorithm>
#include <cstring>

#include <array>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "plpolar/pg/guard.hpp"
#include "plpolar/pg/trigger.hpp"
#include "spi_hooks.hpp"

extern "C" {
#include "utils/typcache.h"
}

namespace plpolar::pg {

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
    // Room for the field parameters the hooks may make: no more than the
    // text has dots (rec.f), and some to spare for a re-parse that finds
    // more (the plan cache re-runs the hooks).
    size_t dots = 0;
    for (char c : text_) dots += c == '.';
    if (dots > 0) field_params_.reserve(std::min<size_t>(dots + 2, 64));
    BindingScope binding(*this, slots);
    plan_ = Guarded([sql, self] {
        SPIPrepareOptions options;
        memset(&options, 0, sizeof(options));
        options.parserSetup = InstallVariableHooks;
        options.parserSetupArg = self;
        options.parseMode = RAW_PARSE_DEFAULT;
        options.cursorOptions = CURSOR_OPT_PARALLEL_OK;
        SPIPlanPtr plan = SPI_prepare_extended(sql, &options);
        if (plan == NULL) ReportSpiError(SPI_result, SpiStatement::Embedded, "SPI_prepare_extended", sql);
        SPI_keepplan(plan);
        return plan;
    });
    array_slots_.clear();
    for (int i = 0; i < static_cast<int>(used_.size()); ++i) {
        if (!used_[static_cast<size_t>(i)]) continue;
        Oid type = resolver_->SqlCollectionType(i);
        if (type != InvalidOid) array_slots_.emplace_back(i, type);
    }
}

int SqlStatement::FieldParamId(int slot, const char *field, int16 attnum, Oid type) noexcept {
    const int nslots = static_cast<int>(used_.size());
    for (size_t i = 0; i < field_params_.size(); ++i)
        if (field_params_[i].slot == slot && strcmp(field_params_[i].field, field) == 0)
            return nslots + 1 + static_cast<int>(i);
    if (field_params_.size() == field_params_.capacity() || strlen(field) >= NAMEDATALEN) return 0;
    FieldParam p{};
    p.slot = slot;
    p.attnum = attnum;
    p.type = type;
    strlcpy(p.field, field, NAMEDATALEN);
    p.cache.attnum = attnum;
    p.buffer_attnum = 0;
    p.buffer_desc = nullptr;
    field_params_.push_back(p);  // within capacity: no allocation
    return nslots + static_cast<int>(field_params_.size());
}

bool SqlStatement::FieldOfParam(int paramid, int *slot, const char **field) const noexcept {
    const int k = paramid - static_cast<int>(used_.size()) - 1;
    if (k < 0 || k >= static_cast<int>(field_params_.size())) return false;
    *slot = field_params_[static_cast<size_t>(k)].slot;
    *field = field_params_[static_cast<size_t>(k)].field;
    return true;
}

void SqlStatement::BindValues(const Value *slots, const DeformedRows *rows, ParamValues *out) {
    out->slots = slots;
    if (!field_params_.empty()) {
        Value *fields = out->Fields(field_params_.size());
        for (size_t k = 0; k < field_params_.size(); ++k) {
            FieldParam &f = field_params_[k];
            Value v = Value::Null(f.type);
            if (const TriggerRowBuffer *buffer = rows != nullptr ? rows->For(f.slot) : nullptr) {
                int attnum = TriggerRowColumn(*buffer, f.field, f.buffer_attnum, &f.buffer_desc);
                if (attnum == 0)
                    Raise(ERRCODE_UNDEFINED_COLUMN, std::string("record has no field \"") + f.field + "\"");
                f.buffer_attnum = attnum;
                v = TriggerRowValue(*buffer, attnum);
            } else {
                // Only used slots are read: the caller's array may be
                // shorter than used_ (compiled before all variables were
                // known).
                const Value &row = slots[f.slot];
                if (!row.isnull && !GetRowField(row.datum, f.field, &f.cache, &v))
                    Raise(ERRCODE_UNDEFINED_COLUMN, std::string("record has no field \"") + f.field + "\"");
            }
            fields[k] = v;
        }
        out->fields = fields;
    }
    if (array_slots_.empty()) return;
    Value *copy = out->Slots(used_.size());
    for (size_t i = 0; i < used_.size(); ++i)
        if (used_[i]) copy[i] = slots[i];
    Oid collection = CollectionTypeOid();
    for (const auto &[slot, type] : array_slots_) {
        Value &v = copy[static_cast<size_t>(slot)];
        if (v.isnull)
            v = Value::Null(type);
        else if (v.type == collection && collection != InvalidOid)
            v = Value::Of(CollectionToArray(v.datum), type);
    }
    out->slots = copy;
}

namespace {

void SetParam(ParamExternData *p, const Value &v) {
    p->value = v.datum;
    p->isnull = v.isnull;
    p->ptype = v.type;
    p->pflags = PARAM_FLAG_CONST;
}

// The slots' parameters, then `nfields` field parameters' (BindValues).
ParamListInfo MakeParams(const char *used, int nslots, int nfields, const Value *slots, const Value *fields) {
    ParamListInfo params = makeParamList(nslots + nfields);
    for (int i = 0; i < nslots; i++) {
        ParamExternData *p = &params->params[i];
        if (used[i]) {
            SetParam(p, slots[i]);
        } else {
            p->value = (Datum)0;
            p->isnull = true;
            p->ptype = InvalidOid;
            p->pflags = 0;
        }
    }
    for (int k = 0; k < nfields; k++) SetParam(&params->params[nslots + k], fields[k]);
    return params;
}

}  // namespace

ParamListInfo MakeStatementParams(const char *used, int nslots, int nfields, const Value *slots, const Value *fields) {
    return MakeParams(used, nslots, nfields, slots, fields);
}

SqlStatement::Result SqlStatement::Execute(const Value *slots, bool read_only, long max_rows,
                                           const DeformedRows *rows) {
    return Run(slots, read_only, max_rows, false, nullptr, rows);
}

SqlStatement::Result SqlStatement::ExecuteCall(const Value *slots, bool read_only, ResourceOwner owner) {
    return Run(slots, read_only, 0, true, owner, nullptr);
}

SqlStatement::Result SqlStatement::Run(const Value *slots, bool read_only, long max_rows, bool nonatomic,
                                       ResourceOwner owner, const DeformedRows *rows) {
    if (plan_ == nullptr) Prepare(slots);
    SPIPlanPtr plan = plan_;
    const char *used = used_.data();
    int nslots = static_cast<int>(used_.size());
    BindingScope binding(*this, slots);  // the plan cache may re-parse
    ParamValues values;
    BindValues(slots, rows, &values);
    slots = values.slots;
    const Value *fields = values.fields;
    int nfields = FieldParamCount();
    Result result;
    Result *out = &result;
    const char *sql = text_.c_str();
    Guarded([plan, used, nslots, nfields, slots, fields, read_only, max_rows, nonatomic, owner, out, sql] {
        MemoryContext caller = CurrentMemoryContext;
        SPIExecuteOptions options;
        memset(&options, 0, sizeof(options));
        options.params = MakeParams(used, nslots, nfields, slots, fields);
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
int ReadCallOutputs(const SqlStatement *stmt, SPIPlanPtr plan, int *slots, char (*fields)[NAMEDATALEN], int max) {
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
        int slot = 0;
        const char *field = NULL;
        if (stmt->FieldOfParam(((Param *)arg)->paramid, &slot, &field)) {
            strlcpy(fields[n], field, NAMEDATALEN);
            slots[n++] = slot;
            continue;
        }
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
    const SqlStatement *self = this;
    int n = Guarded([self, plan, ps, pf] { return ReadCallOutputs(self, plan, ps, pf, kMax); });
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
    ParamValues values;
    BindValues(slots, nullptr, &values);
    slots = values.slots;
    const Value *fields = values.fields;
    int nfields = FieldParamCount();
    const char *sql = text_.c_str();
    Guarded([plan, used, nslots, nfields, slots, fields, read_only, pname, out, sql] {
        ParamListInfo params = MakeParams(used, nslots, nfields, slots, fields);
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
