// Explicit cursors, cursor variables (SYS_REFCURSOR) and cursor FOR loops.
// A cursor is a PostgreSQL portal; the cursor's variable holds the portal's
// name while it is open, so that a ref cursor can be handed to a caller or
// a client that FETCHes from it.
#include "plpolar/compile/oracle_sql.hpp"
#include "plpolar/exec/error_context.hpp"
#include "plpolar/exec/executor.hpp"
#include "plpolar/exec/package_instance.hpp"
#include "plpolar/parser/placeholders.hpp"
#include "plpolar/pg/guard.hpp"
#include "plpolar/pg/memory.hpp"
#include "plpolar/pg/packages.hpp"
#include "plpolar/pg/row.hpp"

namespace plpolar::exec {

namespace {

[[noreturn]] void InvalidCursor(const std::string &name) {
    pg::Raise(ERRCODE_INVALID_CURSOR_STATE, "invalid cursor", "Cursor \"" + name + "\" is not open.");
}

constexpr long kLoopBatch = 50;  // rows fetched at a time by FOR loops

std::string PackageCursorName(const compile::PackageRefSite &site) { return site.package + "." + site.item; }

struct CursorFacts {
    bool fetched, found;
    int64 rowcount;
};

pg::Value AttributeOf(ast::AttributeKind attribute, bool open, const CursorFacts &state, const std::string &name) {
    if (attribute == ast::AttributeKind::IsOpen) return pg::Value::Of(BoolGetDatum(open), BOOLOID);
    if (!open) InvalidCursor(name);
    switch (attribute) {
        case ast::AttributeKind::Found:
            return state.fetched ? pg::Value::Of(BoolGetDatum(state.found), BOOLOID) : pg::Value::Null(BOOLOID);
        case ast::AttributeKind::NotFound:
            return state.fetched ? pg::Value::Of(BoolGetDatum(!state.found), BOOLOID) : pg::Value::Null(BOOLOID);
        case ast::AttributeKind::RowCount: return pg::Value::Of(Int64GetDatum(state.rowcount), INT8OID);
        case ast::AttributeKind::IsOpen: break;
    }
    return pg::Value::Null(BOOLOID);
}

}  // namespace

std::string Executor::CursorName(int slot) const {
    const pg::Value &v = slots_[static_cast<size_t>(slot)];
    if (v.isnull) return std::string();
    return pg::TextToString(v.datum);
}

void Executor::CloseBlockCursors(const std::vector<int> &slots) noexcept {
    for (int slot : slots) {
        try {
            std::string name = CursorName(slot);
            if (!name.empty()) pg::CursorClose(name);
            slots_[static_cast<size_t>(slot)] = pg::Value::Null(REFCURSOROID);
            owned_[static_cast<size_t>(slot)] = 0;
        } catch (...) {
            // Leaving the block must not fail; the transaction's end closes
            // whatever is left.
        }
    }
}

void Executor::BindCursorArgs(const compile::CursorUseSite &site, const std::vector<ast::CallArg> &args) {
    auto &cs = ast::Cast<compile::CursorSite>(*site.cursor->annotation);
    std::vector<bool> given(cs.param_slots.size(), false);
    for (size_t i = 0; i < args.size(); ++i) {
        auto p = static_cast<size_t>(site.arg_param[i]);
        given[p] = true;
        Store(cs.param_slots[p], Eval(*args[i].value), *cs.param_casts[p]);
    }
    for (size_t p = 0; p < given.size(); ++p)
        if (!given[p]) Store(cs.param_slots[p], Eval(*cs.param_defaults[p]), *cs.param_casts[p]);
}

std::string Executor::OpenExplicit(const compile::CursorUseSite &site, const std::vector<ast::CallArg> &args) {
    std::string current = CursorName(site.slot);
    if (!current.empty() && pg::CursorIsOpen(current))
        pg::Raise(ERRCODE_DUPLICATE_CURSOR, "cursor already open",
                  "Cursor \"" + fn_.variables[static_cast<size_t>(site.slot)].name +
                      "\" must be closed before it is opened again.");
    auto &cs = ast::Cast<compile::CursorSite>(*site.cursor->annotation);
    if (cs.query == nullptr)
        pg::Raise(ERRCODE_UNDEFINED_FUNCTION,
                  "ORA-04067: not executed, package body \"" + fn_.info.name + "\" does not exist");
    BindCursorArgs(site, args);
    RefreshMirrors(*cs.query);
    std::string portal = cs.query->statement.OpenCursor(SqlSlots(), fn_.read_only(), std::string());
    pg::Value name = pg::TextValue(portal.c_str());
    name.type = REFCURSOROID;
    StoreCoerced(site.slot, name);
    if (cursors_.size() < slots_.size()) cursors_.resize(slots_.size());
    cursors_[static_cast<size_t>(site.slot)] = CursorState{};
    return portal;
}

std::vector<pg::Value> Executor::EvalBindValues(const std::vector<ast::BindArg> &args, const std::vector<int> &order) {
    std::vector<pg::Value> values;
    for (int index : order) {
        if (index < 0 || index >= static_cast<int>(args.size()))
            pg::Raise(ERRCODE_UNDEFINED_PARAMETER, "ORA-01008: not all variables bound",
                      "The statement has more placeholders than USING arguments.");
        const ast::BindArg &arg = args[static_cast<size_t>(index)];
        if (arg.mode == ast::BindArg::Mode::Out)
            pg::Raise(ERRCODE_SYNTAX_ERROR,
                      "USING OUT argument " + std::to_string(index + 1) + " is bound to an input placeholder");
        pg::Value v = Eval(*arg.value);
        if (v.type == UNKNOWNOID || v.type == InvalidOid) v.type = TEXTOID;
        // Values the interpreter keeps as varchar2 travel as text: a
        // dynamic statement has no reason to know the extension's type.
        if (v.type == fn_.varchar2_oid) v.type = TEXTOID;
        if (unlikely(v.type == fn_.collection_oid) && v.type != InvalidOid) v = SqlCollectionValue(v);
        values.push_back(v);
    }
    return values;
}

Flow Executor::RunOpen(const ast::OpenStmt &stmt) {
    auto &site = ast::Cast<compile::CursorUseSite>(*stmt.annotation);
    ResetTemp();
    if (site.package != nullptr) {
        std::shared_ptr<PackageInstance> keep;
        OpenPackageCursor(site, stmt.args, &keep);
        return Flow::Normal;
    }
    if (site.cursor != nullptr) {
        OpenExplicit(site, stmt.args);
        return Flow::Normal;
    }
    // A cursor variable: reopening closes what it had open (Oracle), and a
    // name given to it beforehand names the portal (PL/pgSQL).
    std::string name = CursorName(site.slot);
    if (!name.empty() && pg::CursorIsOpen(name)) pg::CursorClose(name);
    std::string portal;
    if (site.query) {
        RefreshMirrors(*site.query);
        portal = site.query->statement.OpenCursor(SqlSlots(), fn_.read_only(), name);
    } else {
        pg::Value text = Eval(*stmt.dynamic);
        if (text.isnull) pg::Raise(ERRCODE_NULL_VALUE_NOT_ALLOWED, "query string of OPEN ... FOR is null");
        parser::DynamicSql sql = parser::ConvertPlaceholders(ToText(text));
        std::vector<int> order = sql.in_args;
        if (!sql.has_placeholders)
            for (size_t i = 0; i < stmt.using_args.size(); ++i) order.push_back(static_cast<int>(i));
        else if (order.size() != stmt.using_args.size())
            pg::Raise(ERRCODE_UNDEFINED_PARAMETER, "ORA-01006: bind variable does not exist",
                      std::to_string(order.size()) + " placeholder(s), " + std::to_string(stmt.using_args.size()) +
                          " USING argument(s).");
        std::vector<pg::Value> values = EvalBindValues(stmt.using_args, order);
        portal = pg::OpenDynamicCursor(name, DynamicSqlText(sql.text), values.data(), values.size(), fn_.read_only());
    }
    pg::Value v = pg::TextValue(portal.c_str());
    v.type = REFCURSOROID;
    StoreCoerced(site.slot, v);
    if (cursors_.size() < slots_.size()) cursors_.resize(slots_.size());
    cursors_[static_cast<size_t>(site.slot)] = CursorState{};
    return Flow::Normal;
}

Flow Executor::RunFetch(const ast::FetchStmt &stmt) {
    auto &site = ast::Cast<compile::CursorUseSite>(*stmt.annotation);
    ResetTemp();
    long count = 1;
    if (stmt.bulk) {
        count = FETCH_ALL;
        if (stmt.limit) {
            pg::Value n = Coerce(Eval(*stmt.limit), *site.limit);
            if (n.isnull || DatumGetInt64(n.datum) < 1)
                pg::Raise(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "ORA-06502: PL/SQL: numeric or value error",
                          "The LIMIT of a BULK COLLECT must be a positive number.");
            count = static_cast<long>(DatumGetInt64(n.datum));
        }
    }
    if (site.package != nullptr) return FetchPackageCursor(site, stmt, count);
    std::string name = CursorName(site.slot);
    if (name.empty() || !pg::CursorIsOpen(name)) InvalidCursor(fn_.variables[static_cast<size_t>(site.slot)].name);
    pg::SqlStatement::Result result = pg::CursorFetch(name, count);
    pg::ResultGuard free_result(result);
    if (cursors_.size() < slots_.size()) cursors_.resize(slots_.size());
    CursorState &state = cursors_[static_cast<size_t>(site.slot)];
    if (stmt.bulk) {
        // Oracle: the collections get this batch (possibly none);
        // %NOTFOUND once a batch comes short of the LIMIT.
        state.fetched = true;
        state.found = stmt.limit && result.processed == static_cast<uint64>(count);
        state.rowcount += static_cast<int64>(result.processed);
        BulkAssign(site.targets, result);
        return Flow::Normal;
    }
    state.fetched = true;
    state.found = result.processed > 0;
    // Oracle leaves the targets alone after the last row.
    if (!state.found) return Flow::Normal;
    ++state.rowcount;
    AssignRow(site.targets, result, 0);
    return Flow::Normal;
}

Flow Executor::ExecClose(const ast::CloseStmt &stmt) {
    auto &site = ast::Cast<compile::CursorUseSite>(*stmt.annotation);
    if (site.package != nullptr) return ClosePackageCursor(site);
    std::string name = CursorName(site.slot);
    if (name.empty() || !pg::CursorIsOpen(name)) InvalidCursor(fn_.variables[static_cast<size_t>(site.slot)].name);
    pg::CursorClose(name);
    if (fn_.variables[static_cast<size_t>(site.slot)].kind == compile::VariableKind::Cursor)
        StoreCoerced(site.slot, pg::Value::Null(REFCURSOROID));
    return Flow::Normal;
}

Flow Executor::ExecForCursor(const ast::ForCursorStmt &stmt) {
    auto &site = ast::Cast<compile::CursorUseSite>(*stmt.annotation);
    ResetTemp();
    // A package cursor's state is its instance's (kept alive by the loop
    // even if the package is reset meanwhile).
    std::shared_ptr<PackageInstance> package;
    std::string portal = Atomic(stmt, [this, &site, &stmt, &package] {
        if (site.package != nullptr) return OpenPackageCursor(site, stmt.args, &package);
        if (site.cursor != nullptr) return OpenExplicit(site, stmt.args);
        RefreshMirrors(*site.query);
        return site.query->statement.OpenCursor(SqlSlots(), fn_.read_only(), std::string());
    });
    Executor &owner = package != nullptr ? package->executor() : *this;
    const int state_slot = package != nullptr ? site.package->slot : site.slot;
    const bool explicit_cursor = site.cursor != nullptr || package != nullptr;
    // The loop's own cursor closes however the loop ends.
    struct Close {
        Executor &e;
        Executor &owner;
        int state_slot;
        bool explicit_cursor;
        const compile::CursorUseSite &site;
        const std::string &portal;
        ~Close() {
            try {
                // The row variable borrowed the last batch's row: it must
                // not outlive the batch.
                e.StoreBorrowed(site.record_slot, pg::Value::Null(RECORDOID));
                pg::CursorClose(portal);
                if (explicit_cursor) owner.StoreCoerced(state_slot, pg::Value::Null(REFCURSOROID));
            } catch (...) {
            }
        }
    } close{*this, owner, state_slot, explicit_cursor, site, portal};
    pg::CursorPin(portal);
    Flow out = Flow::Normal;
    while (true) {
        pg::SqlStatement::Result batch = Atomic(stmt, [&portal] { return pg::CursorFetch(portal, kLoopBatch); });
        pg::ResultGuard free_batch(batch);
        if (explicit_cursor) {
            CursorState &state = owner.cursors_[static_cast<size_t>(state_slot)];
            state.fetched = true;
            state.found = batch.processed > 0;
        }
        if (batch.processed == 0) return Flow::Normal;
        for (uint64 row = 0; row < batch.processed; ++row) {
            pg::CheckForInterrupts();
            current_ = &stmt;
            ResetTemp();
            // The loop variable is the fetched row itself, not a copy; a
            // copy is made only of a row with toasted values.
            pg::Value rec;
            {
                pg::MemoryContextScope in_call(call_context_);
                rec = pg::SqlStatement::RowInPlace(batch, row);
            }
            if (rec.datum == PointerGetDatum(batch.tuptable->vals[row]->t_data))
                StoreBorrowed(site.record_slot, rec);
            else
                StoreOwned(site.record_slot, rec);
            if (explicit_cursor) ++owner.cursors_[static_cast<size_t>(state_slot)].rowcount;
            if (LoopShouldStop(stmt, ExecStmts(stmt.body), &out)) {
                // A nested function's RETURN hands its value over as it is
                // (ExecReturn): r or r.field would point into the batch
                // freed on the way out.
                if (out == Flow::Return && !return_value_.isnull) {
                    pg::TypeInfo type = pg::TypeFromOid(return_value_.type, -1);
                    if (!type.byval) {
                        pg::MemoryContextScope in_call(call_context_);
                        return_value_.datum = pg::CopyDatum(return_value_.datum, false, type.typlen);
                    }
                }
                return out;
            }
        }
    }
}

pg::Value Executor::EvalCursorAttribute(const ast::AttributeExpr &expr) {
    std::string name = CursorName(expr.slot);
    bool open = !name.empty() && pg::CursorIsOpen(name);
    if (cursors_.size() < slots_.size()) cursors_.resize(slots_.size());
    const CursorState &state = cursors_[static_cast<size_t>(expr.slot)];
    return AttributeOf(expr.attribute, open, CursorFacts{state.fetched, state.found, state.rowcount},
                       fn_.variables[static_cast<size_t>(expr.slot)].name);
}

std::string Executor::OpenPackageCursor(const compile::CursorUseSite &site, const std::vector<ast::CallArg> &args,
                                        std::shared_ptr<PackageInstance> *keep) {
    PackageInstance &instance = InstanceFor(*site.package);
    *keep = instance.shared_from_this();
    Executor &pkg = instance.executor();
    const int slot = site.package->slot;
    const ast::CursorDecl *decl = pkg.fn_.variables[static_cast<size_t>(slot)].cursor;
    auto &cs = ast::Cast<compile::CursorSite>(*decl->annotation);
    if (cs.query == nullptr)
        pg::Raise(ERRCODE_UNDEFINED_FUNCTION,
                  "ORA-04067: not executed, package body \"" + site.package->package + "\" does not exist",
                  "The cursor " + PackageCursorName(*site.package) + " takes its query from the package body.");
    // The arguments are this unit's expressions; the parameters the
    // package's variables.
    std::vector<pg::Value> values;
    values.reserve(args.size());
    for (const ast::CallArg &arg : args) values.push_back(Eval(*arg.value));
    const pg::PackageSource &src = instance.unit().source;
    pg::DefinerScope as_owner(src.definer, instance.owner(), src.search_path);
    ErrorContextScope context(pkg);
    std::string current = pkg.CursorName(slot);
    if (!current.empty() && pg::CursorIsOpen(current))
        pg::Raise(ERRCODE_DUPLICATE_CURSOR, "cursor already open",
                  "Cursor \"" + PackageCursorName(*site.package) + "\" must be closed before it is opened again.");
    std::string portal;
    {
        pg::MemoryContextScope in_temp(pkg.temp_context_);
        std::vector<bool> given(cs.param_slots.size(), false);
        for (size_t i = 0; i < values.size(); ++i) {
            auto p = static_cast<size_t>(site.arg_param[i]);
            given[p] = true;
            pkg.Store(cs.param_slots[p], values[i], *cs.param_casts[p]);
        }
        for (size_t p = 0; p < given.size(); ++p)
            if (!given[p]) pkg.Store(cs.param_slots[p], pkg.Eval(*cs.param_defaults[p]), *cs.param_casts[p]);
        pkg.RefreshMirrors(*cs.query);
        portal = cs.query->statement.OpenCursor(pkg.slots_.data(), pkg.fn_.read_only(), std::string());
        pg::Value name = pg::TextValue(portal.c_str());
        name.type = REFCURSOROID;
        pkg.StoreCoerced(slot, name);
    }
    if (pkg.cursors_.size() < pkg.slots_.size()) pkg.cursors_.resize(pkg.slots_.size());
    pkg.cursors_[static_cast<size_t>(slot)] = CursorState{};
    if (pkg.sub_depth_ == 0) pkg.ResetTemp();
    return portal;
}

Flow Executor::FetchPackageCursor(compile::CursorUseSite &site, const ast::FetchStmt &stmt, long count) {
    Executor &pkg = InstanceFor(*site.package).executor();
    const auto slot = static_cast<size_t>(site.package->slot);
    std::string name = pkg.CursorName(site.package->slot);
    if (name.empty() || !pg::CursorIsOpen(name)) InvalidCursor(PackageCursorName(*site.package));
    pg::SqlStatement::Result result = pg::CursorFetch(name, count);
    pg::ResultGuard free_result(result);
    if (pkg.cursors_.size() < pkg.slots_.size()) pkg.cursors_.resize(pkg.slots_.size());
    CursorState &state = pkg.cursors_[slot];
    if (stmt.bulk) {
        // As for this unit's cursors: the batch, %NOTFOUND once it comes short.
        state.fetched = true;
        state.found = stmt.limit && result.processed == static_cast<uint64>(count);
        state.rowcount += static_cast<int64>(result.processed);
        BulkAssign(site.targets, result);
        return Flow::Normal;
    }
    state.fetched = true;
    state.found = result.processed > 0;
    if (!state.found) return Flow::Normal;
    ++state.rowcount;
    AssignRow(site.targets, result, 0);
    return Flow::Normal;
}

Flow Executor::ClosePackageCursor(const compile::CursorUseSite &site) {
    Executor &pkg = InstanceFor(*site.package).executor();
    std::string name = pkg.CursorName(site.package->slot);
    if (name.empty() || !pg::CursorIsOpen(name)) InvalidCursor(PackageCursorName(*site.package));
    pg::CursorClose(name);
    pkg.StoreCoerced(site.package->slot, pg::Value::Null(REFCURSOROID));
    return Flow::Normal;
}

pg::Value Executor::PackageCursorAttribute(const ast::AttributeExpr &expr, compile::PackageRefSite &site) {
    Executor &pkg = InstanceFor(site).executor();
    std::string name = pkg.CursorName(site.slot);
    bool open = !name.empty() && pg::CursorIsOpen(name);
    if (pkg.cursors_.size() < pkg.slots_.size()) pkg.cursors_.resize(pkg.slots_.size());
    const CursorState &state = pkg.cursors_[static_cast<size_t>(site.slot)];
    return AttributeOf(expr.attribute, open, CursorFacts{state.fetched, state.found, state.rowcount},
                       PackageCursorName(site));
}

pg::Value Executor::PackageCursorRow(compile::PackageRefSite &site) {
    PackageInstance &instance = InstanceFor(site);
    Executor &pkg = instance.executor();
    const ast::CursorDecl *decl = pkg.fn_.variables[static_cast<size_t>(site.slot)].cursor;
    auto &cs = ast::Cast<compile::CursorSite>(*decl->annotation);
    if (cs.query == nullptr)
        pg::Raise(ERRCODE_UNDEFINED_FUNCTION,
                  "ORA-04067: not executed, package body \"" + site.package + "\" does not exist");
    int32 typmod = 0;
    {
        const pg::PackageSource &src = instance.unit().source;
        pg::DefinerScope as_owner(src.definer, instance.owner(), src.search_path);
        typmod = cs.query->statement.ResultRowType(pkg.slots_.data());
    }
    return NullRow(pg::TypeFromOid(RECORDOID, typmod));
}

}  // namespace plpolar::exec
