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

ReturnSetInfo *BeginMaterializedResult(FunctionCallInfo fcinfo) {
    Guarded([fcinfo] { InitMaterializedSRF(fcinfo, 0); });
    return reinterpret_cast<ReturnSetInfo *>(fcinfo->resultinfo);
}

void AddResultRow(ReturnSetInfo *rsinfo, const Datum *values, const bool *nulls) {
    auto *pv = const_cast<Datum *>(values);
    auto *pn = const_cast<bool *>(nulls);
    Guarded([rsinfo, pv, pn] { tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, pv, pn); });
}

}  // namespace plpolar::pg
