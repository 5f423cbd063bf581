// The SPI connection of a call: connecting, the resource owner of a
// non-atomic call, COMMIT / ROLLBACK, copying the result out, and the
// errors of failed SPI calls.
#include "plpolar/pg/spi.hpp"

#include "plpolar/pg/guard.hpp"

extern "C" {
#include "utils/resowner.h"
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

void SpiOnDemand::Connect() {
    if (connected_) return;
    Guarded([] {
        // SPI_connect moves to SPI's procedure context; the call's values
        // keep going where they went before it.
        MemoryContext current = CurrentMemoryContext;
        int rc = SPI_connect_ext(0);
        if (rc != SPI_OK_CONNECT) elog(ERROR, "SPI_connect failed: %s", SPI_result_code_string(rc));
        MemoryContextSwitchTo(current);
    });
    connected_ = true;
}

void SpiOnDemand::Finish() {
    if (!connected_) return;
    connected_ = false;
    MemoryContext caller = caller_;
    Guarded([caller] {
        // SPI_finish returns to the context current at Connect, which may
        // be a statement's that is gone by now.
        int rc = SPI_finish();
        MemoryContextSwitchTo(caller);
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

Datum TransferToCaller(const Value &v, const TypeInfo &type) {
    if (v.isnull || type.byval || type.IsVoid()) return v.datum;
    Datum d = v.datum;
    int16 typlen = type.typlen;
    return Guarded([d, typlen] { return SPI_datumTransfer(d, false, typlen); });
}

void SpiCommit() {
    Guarded([] { SPI_commit(); });
}

namespace {
int script_runs = 0;  // documented session state: plpolar.exec calls running
}  // namespace

ScriptRunScope::ScriptRunScope() { ++script_runs; }
ScriptRunScope::~ScriptRunScope() { --script_runs; }

void PlCommit() {
    if (script_runs > 0 && !Guarded([] { return SPI_inside_nonatomic_context(); })) return;
    SpiCommit();
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

}  // namespace plpolar::pg
