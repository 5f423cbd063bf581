// Embedded SQL through SPI. PL variables inside the SQL text are bound as
// PARAM_EXTERN parameters by parser hooks, as PL/pgSQL does: the SQL text
// is never built from values.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "plpolar/pg/row.hpp"
#include "plpolar/pg/types.hpp"

namespace plpolar::pg {

// Answers the parser hooks: which PL variable (slot) a name means. Must
// not throw; it runs inside PostgreSQL's parser.
class NameResolver {
public:
    virtual ~NameResolver() = default;
    // `*field` is set when the name is record.field (else nullptr); it
    // points into `parts`. parts[*path_from ...] are fields of that field
    // (record.field.field ...); *path_from is nparts when there are none.
    virtual bool ResolveColumnRef(const char *const *parts, int nparts, int *slot, const char **field,
                                  int *path_from) const noexcept = 0;
    virtual bool ResolvePositional(int number, int *slot) const noexcept = 0;
    virtual bool SlotType(int slot, Oid *type, int32 *typmod, Oid *collation) const noexcept = 0;
    // A slot holding a collection of a schema-level type: that type (its
    // domain), which SlotType also says; the statement passes the value as
    // its array. InvalidOid for other slots.
    virtual Oid SqlCollectionType(int /*slot*/) const noexcept { return InvalidOid; }
};

void SpiConnect(bool nonatomic);
void SpiFinish();
// The SPI connection of a call that may need none (an atomic DML trigger
// whose body runs no SQL): Connect() when the first SQL comes, leaving the
// current memory context as it was; Finish() at the end of the call, back
// in the caller's context, only if connected. An error between the two
// leaves the connection to SPI's own cleanup at (sub)transaction abort, as
// it does for SpiConnect.
class SpiOnDemand {
public:
    explicit SpiOnDemand(MemoryContext caller) : caller_(caller) {}
    void Connect();
    void Finish();

private:
    MemoryContext caller_;
    bool connected_ = false;
};
// A resource owner for one non-atomic call (CALL or DO outside a
// transaction block): it holds the plans of CALL statements across the
// COMMITs of the procedures they call, as PL/pgSQL's does.
class ProcedureResources {
public:
    explicit ProcedureResources(bool nonatomic);
    ~ProcedureResources();
    ProcedureResources(const ProcedureResources &) = delete;
    ProcedureResources &operator=(const ProcedureResources &) = delete;
    ResourceOwner owner() const { return owner_; }

private:
    ResourceOwner owner_ = nullptr;
};

// A call's result datum, copied out of the SPI connection's memory into
// the caller's (SPI_datumTransfer) unless it is passed by value.
Datum TransferToCaller(const Value &v, const TypeInfo &type);

// COMMIT / ROLLBACK in a procedure; PostgreSQL raises where it forbids them.
void SpiCommit();
// COMMIT of PL code: SpiCommit, except in PL code that plpolar.exec runs in
// the caller's transaction (an anonymous block of a script, what it calls),
// where a COMMIT cannot end the transaction: there it is the script's COMMIT,
// and the work commits with the caller, as a script's COMMIT statement does.
void PlCommit();
// Session state: plpolar.exec is running a script (see PlCommit). Nested
// scripts count.
class ScriptRunScope {
public:
    ScriptRunScope();
    ~ScriptRunScope();
    ScriptRunScope(const ScriptRunScope &) = delete;
    ScriptRunScope &operator=(const ScriptRunScope &) = delete;
};
void SpiRollback();

// Which kind of statement an SPI call ran, for the error it reports.
enum class SpiStatement {
    Embedded,  // static SQL in PL code, its cursors and FOR loops
    Dynamic,   // EXECUTE IMMEDIATE, OPEN ... FOR 'string'
};
// Raises the error PostgreSQL's own PL (PL/pgSQL) gives for a failed SPI
// call: COPY to or from the client and transaction commands are
// feature_not_supported (0A000); any other result code is an internal
// error naming `spi_function` and the query. `rc` is the negative code an
// SPI function returned (or left in SPI_result). It ereports: call it only
// inside Guarded().
[[noreturn]] void ReportSpiError(int rc, SpiStatement statement, const char *spi_function, const char *query);

// A dynamic SQL string that is one COMMIT or ROLLBACK (also END, ABORT,
// WORK, TRANSACTION), which plpolar runs as the statements of that name:
// SPI refuses transaction commands. Savepoints and AND CHAIN are None.
enum class TransactionCommand { None, Commit, Rollback };
TransactionCommand DynamicTransactionCommand(const std::string &sql);

struct TriggerRowBuffer;

// Rows an executor keeps deformed in place of their slots' values (a
// trigger's :NEW and :OLD, exec::Executor::BufferTriggerRow): a statement's
// field parameters of those slots read the column from the buffer, and
// the row is formed only for a statement that reads it whole.
struct DeformedRows {
    int slot[2] = {-1, -1};
    const TriggerRowBuffer *row[2] = {nullptr, nullptr};
    const TriggerRowBuffer *For(int s) const noexcept {
        if (s == slot[0]) return row[0];
        if (s == slot[1]) return row[1];
        return nullptr;
    }
};

class SqlStatement {
public:
    SqlStatement(std::string text, const NameResolver *resolver, int nslots);
    ~SqlStatement();
    SqlStatement(const SqlStatement &) = delete;
    SqlStatement &operator=(const SqlStatement &) = delete;

    struct Result {
        uint64 processed = 0;
        SPITupleTable *tuptable = nullptr;  // caller frees with FreeResult
    };
    // Prepares on first use (plans are kept), binds the referenced slots
    // from `slots` and runs the statement.
    // `rows`, when given, holds slots' rows kept deformed (DeformedRows):
    // the statement must not read those slots whole (ReadsSlot).
    Result Execute(const Value *slots, bool read_only, long max_rows, const DeformedRows *rows = nullptr);
    // Prepares the statement if it is not yet: what it reads is known
    // from then on.
    void EnsurePrepared(const Value *slots) {
        if (plan_ == nullptr) Prepare(slots);
    }
    // Whether the prepared statement reads variable `slot` whole (not only
    // fields of it). A re-parse finds the same references: the text is.
    bool ReadsSlot(int slot) const noexcept {
        return slot >= 0 && slot < static_cast<int>(used_.size()) && used_[static_cast<size_t>(slot)] != 0;
    }

    // BULK COLLECT: runs the statement with its rows going straight into
    // arrays of values, no tuple table in between. Column i's values are
    // copied into columns[i].direct when the column has columns[i]'s type,
    // else into `other` (the caller converts them); with `row_type` set
    // and the query's columns those of that row type, each row is one
    // composite value of it in `row_direct` instead (as_rows).
    struct BulkColumn {
        Oid type = InvalidOid;
        Oid alias = InvalidOid;  // a type of the same representation (NUMBER for numeric)
        int32 typmod = -1;
        MemoryContext direct = nullptr;
        // Out: whether the values are in `direct`, of the column's type.
        bool matched = false;
        Oid actual_type = InvalidOid;
        int32 actual_typmod = -1;
        Datum *values = nullptr;  // in `other`
        bool *nulls = nullptr;
    };
    struct BulkResult {
        uint64 rows = 0;
        uint64 processed = 0;  // SPI_processed (DML with RETURNING: its rows)
        int ncolumns = 0;      // the query's
        bool as_rows = false;
    };
    BulkResult ExecuteBulk(const Value *slots, bool read_only, std::vector<BulkColumn> *columns, Oid row_type,
                           int32 row_typmod, MemoryContext row_direct, MemoryContext other);
    static void FreeResult(Result &result);

    // For a CALL statement: runs it so that the procedure may COMMIT when
    // the caller may (non-atomic SPI connection), holding the plan with
    // `owner` (which outlives such commits) when given.
    Result ExecuteCall(const Value *slots, bool read_only, ResourceOwner owner);
    // The variables PostgreSQL found passed to OUT / IN OUT parameters, in
    // parameter order: slot and field (empty: the variable). Raises if one
    // is not a variable.
    std::vector<std::pair<int, std::string>> CallOutputs(const Value *slots);
    // Column i (0-based) of row `row` of a result.
    static Value Column(const Result &result, uint64 row, int column);
    static int ColumnCount(const Result &result);
    // Row `row` as one composite value (a RECORD with a registered typmod).
    static Value RowAsRecord(Result &result, uint64 row);
    // The same without a copy: the fetched tuple itself, made a composite
    // datum in place. Valid until the result is freed; a row with toasted
    // values is copied (flattened) as RowAsRecord does.
    static Value RowInPlace(Result &result, uint64 row);

    // Opens the statement as a cursor (portal) and returns its name; `name`
    // may be empty for a generated one.
    std::string OpenCursor(const Value *slots, bool read_only, const std::string &name);
    // Typmod of the RECORD type of the statement's result rows.
    int32 ResultRowType(const Value *slots);

    const std::string &text() const { return text_; }

    // Called from the parser hooks (C callbacks).
    const NameResolver *resolver() const { return resolver_; }
    void MarkUsed(int slot) noexcept {
        if (slot >= 0 && slot < static_cast<int>(used_.size())) used_[slot] = 1;
    }
    // rec.f of a variable of a named row type: a parameter of its own,
    // bound to the field's value at each execution (as PL/pgSQL's record
    // fields are), in place of a FieldSelect over the whole row's; ids
    // follow the slots'. The parameter id, or 0 when there is no room
    // (the room is made before parsing: nothing is allocated here).
    int FieldParamId(int slot, const char *field, int16 attnum, Oid type) noexcept;
    // The slot and field of a parameter id FieldParamId gave; false for
    // a slot's own.
    bool FieldOfParam(int paramid, int *slot, const char **field) const noexcept;

    // The variables' current values while the statement is being prepared
    // or run: a RECORD variable's parameter takes the type of its current
    // value.
    const Value *binding_slots() const { return binding_slots_; }

private:
    // Makes `slots` the values the parser hooks see while it lives: at the
    // first prepare and at every execution, because the plan cache re-runs
    // the hooks when it rebuilds an invalidated plan (VACUUM, DDL, GRANT,
    // DISCARD, search_path). The previous values come back on exit: a
    // recursive call runs the same statement with its own variables.
    class BindingScope {
    public:
        BindingScope(SqlStatement &stmt, const Value *slots) : stmt_(stmt), saved_(stmt.binding_slots_) {
            stmt.binding_slots_ = slots;
        }
        ~BindingScope() { stmt_.binding_slots_ = saved_; }
        BindingScope(const BindingScope &) = delete;
        BindingScope &operator=(const BindingScope &) = delete;

    private:
        SqlStatement &stmt_;
        const Value *saved_;
    };

    void Prepare(const Value *slots);
    // The values one execution binds: the slots themselves or (when the
    // statement uses schema-level collections) a copy with those as
    // arrays, and the field parameters' values. On the stack for the
    // common sizes: this runs for every execution.
    class ParamValues {
    public:
        const Value *slots = nullptr;
        const Value *fields = nullptr;
        Value *Fields(size_t n) { return n <= inline_.size() ? inline_.data() : Grow(&field_heap_, n); }
        Value *Slots(size_t n) { return Grow(&slot_heap_, n); }

    private:
        static Value *Grow(std::vector<Value> *v, size_t n) {
            v->assign(n, Value());
            return v->data();
        }
        std::array<Value, 8> inline_;
        std::vector<Value> field_heap_;
        std::vector<Value> slot_heap_;
    };
    void BindValues(const Value *slots, const DeformedRows *rows, ParamValues *out);
    Result Run(const Value *slots, bool read_only, long max_rows, bool nonatomic, ResourceOwner owner,
               const DeformedRows *rows);

    const Value *binding_slots_ = nullptr;
    std::string text_;
    const NameResolver *resolver_;
    std::vector<char> used_;  // slots the statement references
    // Used slots of schema-level collection types (SqlCollectionType).
    std::vector<std::pair<int, Oid>> array_slots_;
    struct FieldParam {
        int slot;
        int16 attnum;
        Oid type;
        char field[NAMEDATALEN];
        FieldCache cache;
        // Where the field was found in a DeformedRows row last time.
        int buffer_attnum;
        const void *buffer_desc;
    };
    std::vector<FieldParam> field_params_;  // capacity reserved before parsing
    int FieldParamCount() const { return static_cast<int>(field_params_.size()); }
    SPIPlanPtr plan_ = nullptr;
};

// Frees a result's SPI tuple table however the scope is left.
class ResultGuard {
public:
    explicit ResultGuard(SqlStatement::Result &result) : result_(result) {}
    ~ResultGuard();
    ResultGuard(const ResultGuard &) = delete;
    ResultGuard &operator=(const ResultGuard &) = delete;

private:
    SqlStatement::Result &result_;
};

// Portals by name: explicit cursors, ref cursors and FOR loops.
bool CursorIsOpen(const std::string &name);
SqlStatement::Result CursorFetch(const std::string &name, long count);
void CursorClose(const std::string &name);
// A FOR loop's cursor: COMMIT in the loop body keeps it open (PostgreSQL
// holds pinned portals across a commit in a procedure).
void CursorPin(const std::string &name);

// Dynamic SQL (EXECUTE IMMEDIATE, OPEN ... FOR 'text'): $1..$n are `args`.
SqlStatement::Result ExecuteDynamic(const std::string &sql, const Value *args, size_t nargs, bool read_only,
                                    long max_rows);
std::string OpenDynamicCursor(const std::string &name, const std::string &sql, const Value *args, size_t nargs,
                              bool read_only);

}  // namespace plpolar::pg
