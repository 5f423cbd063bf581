// plpolar.exec's calls into PostgreSQL (handler/exec_script.cpp does the rest).
#include "plpolar/pg/script.hpp"

#include "plpolar/pg/guard.hpp"

extern "C" {
#include "parser/parser.h"
#include "tcop/utility.h"
#include "utils/tuplestore.h"
}

namespace plpolar::pg {

uint64 ExecuteScriptStatement(const std::string &sql) {
    const char *text = sql.c_str();
    return Guarded([text] {
        MemoryContext caller = CurrentMemoryContext;
        int rc = SPI_execute(text, false, 0);
        MemoryContextSwitchTo(caller);
        // What PostgreSQL itself says where a function runs these.
        if (rc == SPI_ERROR_TRANSACTION)
            ereport(ERROR, (errcode(ERRCODE_INVALID_TRANSACTION_TERMINATION),
                            errmsg("plpolar.exec cannot run transaction control statements"),
                            errhint("The script runs inside the caller's transaction: commit or roll back after "
                                    "plpolar.exec returns.")));
        if (rc == SPI_ERROR_COPY)
            ereport(ERROR,
                    (errcode(ERRCODE_FEATURE_NOT_SUPPORTED), errmsg("cannot COPY to/from client in plpolar.exec"),
                     errhint("Use COPY with a file name, or psql's \\copy.")));
        if (rc < 0) elog(ERROR, "SPI_execute failed: %s", SPI_result_code_string(rc));
        uint64 rows = SPI_processed;
        SPI_freetuptable(SPI_tuptable);
        return rows;
    });
}

std::string CommandTagOf(const std::string &sql) {
    const char *text = sql.c_str();
    const char *tag = Guarded([text] {
        List *raw = raw_parser(text, RAW_PARSE_DEFAULT);
        if (raw == NIL) return "EMPTY";
        return GetCommandTagName(CreateCommandTag(linitial_node(RawStmt, raw)->stmt));
    });
    return tag;
}

ScriptResult BeginMaterializedResult(FunctionCallInfo fcinfo) {
    Guarded([fcinfo] { InitMaterializedSRF(fcinfo, 0); });
    return ScriptResult{reinterpret_cast<ReturnSetInfo *>(fcinfo->resultinfo), CurrentResourceOwner};
}

void AddResultRow(const ScriptResult &result, const Datum *values, const bool *nulls) {
    auto *pv = const_cast<Datum *>(values);
    auto *pn = const_cast<bool *>(nulls);
    ReturnSetInfo *rsinfo = result.rsinfo;
    ResourceOwner owner = result.owner;
    Guarded([rsinfo, owner, pv, pn] {
        ResourceOwner current = CurrentResourceOwner;
        CurrentResourceOwner = owner;
        // No error is expected between the two assignments but an
        // out-of-memory one; the aborting transaction resets the owner.
        tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, pv, pn);
        CurrentResourceOwner = current;
    });
}

}  // namespace plpolar::pg
