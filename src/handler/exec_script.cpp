// plpolar.exec(script): runs an Oracle-style script statement by statement.
// Oracle-form subprograms become ordinary LANGUAGE plpolar functions and
// procedures; every other statement goes to PostgreSQL unchanged. One row
// per statement says what it did.
#include <string>
#include <vector>

#include "plpolar/compile/compiler.hpp"
#include "plpolar/handler/entry.hpp"
#include "plpolar/parser/parser.hpp"
#include "plpolar/parser/script.hpp"
#include "plpolar/pg/catalog.hpp"
#include "plpolar/pg/error_context.hpp"
#include "plpolar/pg/guard.hpp"
#include "plpolar/pg/spi.hpp"
#include "plpolar/pg/types.hpp"

extern "C" {
#include "funcapi.h"
#include "parser/parser.h"
#include "tcop/utility.h"
#include "utils/tuplestore.h"
}

namespace plpolar::handler {

namespace {

struct StatementContext {
    int number;
    int line;
    int body_line;  // script line of the body's line 1; 0 if not a subprogram
};

void StatementContextCallback(void *arg) {
    const auto *ctx = static_cast<const StatementContext *>(arg);
    if (ctx->body_line > 0)
        errcontext("plpolar.exec statement %d (line %d of the script; its body's line 1 is line %d)", ctx->number,
                   ctx->line, ctx->body_line);
    else
        errcontext("plpolar.exec statement %d (line %d of the script)", ctx->number, ctx->line);
}

// The command tag PostgreSQL would report, e.g. "CREATE TABLE".
std::string CommandTagOf(const std::string &sql) {
    const char *text = sql.c_str();
    const char *tag = pg::Guarded([text] {
        List *raw = raw_parser(text, RAW_PARSE_DEFAULT);
        if (raw == NIL) return "EMPTY";
        return GetCommandTagName(CreateCommandTag(linitial_node(RawStmt, raw)->stmt));
    });
    return tag;
}

uint64 Execute(const std::string &sql) {
    const char *text = sql.c_str();
    return pg::Guarded([text] {
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

void EmitRow(ReturnSetInfo *rsinfo, int number, int line, const std::string &action, uint64 rows) {
    Datum values[4];
    bool nulls[4] = {false, false, false, false};
    values[0] = Int32GetDatum(number);
    values[1] = Int32GetDatum(line);
    values[2] = pg::TextValue(action.c_str()).datum;
    values[3] = Int64GetDatum(static_cast<int64>(rows));
    Datum *pv = values;
    bool *pn = nulls;
    pg::Guarded([rsinfo, pv, pn] { tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, pv, pn); });
}

}  // namespace

Datum ExecScript(FunctionCallInfo fcinfo) {
    std::string script = pg::TextToString(PG_GETARG_DATUM(0));
    std::vector<parser::ScriptStatement> statements;
    try {
        statements = parser::SplitScript(script);
    } catch (const parser::SyntaxError &e) {
        pg::Raise(ERRCODE_SYNTAX_ERROR, e.what());
    }
    pg::Guarded([fcinfo] { InitMaterializedSRF(fcinfo, 0); });
    auto *rsinfo = reinterpret_cast<ReturnSetInfo *>(fcinfo->resultinfo);
    pg::SpiConnect(false);
    for (size_t i = 0; i < statements.size(); ++i) {
        const parser::ScriptStatement &stmt = statements[i];
        StatementContext ctx{static_cast<int>(i + 1), stmt.line, 0};
        pg::ErrorContextPush context(StatementContextCallback, &ctx);

        std::string sql;
        std::string action;
        bool revoke_public = false;
        if (stmt.oracle_subprogram) {
            parser::OracleSubprogram sub;
            try {
                sub = parser::ParseOracleSubprogram(stmt.text, compile::MapOracleTypeName);
            } catch (const parser::SyntaxError &e) {
                pg::Raise(ERRCODE_SYNTAX_ERROR, e.what());
            }
            sql = parser::ToCreateStatement(sub, sub.definer_rights ? pg::FrozenSearchPath() : std::string());
            // As in Oracle, a new unit is executable by its owner only until
            // GRANT EXECUTE; replacing one keeps the privileges it had.
            revoke_public = !OidIsValid(pg::RoutineOfCreateStatement(sql));
            ctx.body_line = stmt.line + sub.body_line - 1;
            action = std::string("CREATE ") + (sub.or_replace ? "OR REPLACE " : "") +
                     (sub.is_function ? "FUNCTION " : "PROCEDURE ") + sub.name;
        } else {
            sql = stmt.text;
        }
        uint64 rows = Execute(sql);
        if (revoke_public) {
            Oid created = pg::RoutineOfCreateStatement(sql);
            if (OidIsValid(created)) pg::RevokeExecuteFromPublic(created);
        }
        // Only after it ran: SPI reports a bad statement with its position.
        if (action.empty()) action = CommandTagOf(sql);
        EmitRow(rsinfo, ctx.number, ctx.line, action, rows);
    }
    pg::SpiFinish();
    return (Datum)0;
}

}  // namespace plpolar::handler
