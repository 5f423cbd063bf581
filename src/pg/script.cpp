// plpolar.exec's calls into PostgreSQL (handler/exec_script.cpp does the rest).
#include "plpolar/pg/script.hpp"

#include "plpolar/pg/guard.hpp"

extern "C" {
#include "executor/spi.h"
#include "parser/parser.h"
#include "tcop/utility.h"
#include "utils/builtins.h"
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

std::vector<std::vector<std::string>> QueryTextRows(const char *sql, const std::vector<std::string> &args) {
    struct Raw {
        int rows = 0;
        int cols = 0;
        char **cells = nullptr;
    } raw;
    Raw *praw = &raw;
    std::vector<const char *> cargs;
    for (const auto &a : args) cargs.push_back(a.c_str());
    const char *const *pargs = cargs.data();
    int nargs = static_cast<int>(cargs.size());
    if (nargs > 16) Raise(ERRCODE_PROGRAM_LIMIT_EXCEEDED, "QueryTextRows takes at most 16 parameters");
    Guarded([sql, praw, pargs, nargs] {
        MemoryContext caller = CurrentMemoryContext;
        Oid types[16];
        Datum values[16];
        for (int i = 0; i < nargs && i < 16; i++) {
            types[i] = TEXTOID;
            values[i] = CStringGetTextDatum(pargs[i]);
        }
        // Not read-only: the script's earlier statements must be visible.
        int rc = SPI_execute_with_args(sql, nargs, types, values, nullptr, false, 0);
        MemoryContextSwitchTo(caller);
        if (rc != SPI_OK_SELECT) elog(ERROR, "SPI_execute_with_args failed: %s", SPI_result_code_string(rc));
        praw->rows = static_cast<int>(SPI_processed);
        praw->cols = SPI_tuptable->tupdesc->natts;
        praw->cells = static_cast<char **>(palloc0(sizeof(char *) * (praw->rows * praw->cols + 1)));
        for (int r = 0; r < praw->rows; r++)
            for (int c = 0; c < praw->cols; c++) {
                char *v = SPI_getvalue(SPI_tuptable->vals[r], SPI_tuptable->tupdesc, c + 1);
                praw->cells[r * praw->cols + c] = v;
            }
        SPI_freetuptable(SPI_tuptable);
    });
    std::vector<std::vector<std::string>> out;
    for (int r = 0; r < raw.rows; ++r) {
        std::vector<std::string> row;
        for (int c = 0; c < raw.cols; ++c) {
            char *v = raw.cells[r * raw.cols + c];
            row.emplace_back(v != nullptr ? v : "");
        }
        out.push_back(std::move(row));
    }
    char **cells = raw.cells;
    int n = raw.rows * raw.cols;
    Guarded([cells, n] {
        for (int i = 0; i < n; i++)
            if (cells[i] != nullptr) pfree(cells[i]);
        pfree(cells);
    });
    return out;
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
