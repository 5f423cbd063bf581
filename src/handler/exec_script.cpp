// plpolar.exec(script): runs an Oracle-style script statement by statement.
// Oracle-form subprograms become ordinary LANGUAGE plpolar functions and
// procedures; every other statement goes to PostgreSQL unchanged. One row
// per statement says what it did.
#include <cctype>
#include <cstdio>
#include <string>
#include <vector>

#include "plpolar/compile/compiler.hpp"
#include "plpolar/handler/handler.hpp"
#include "plpolar/parser/parser.hpp"
#include "plpolar/parser/script.hpp"
#include "plpolar/pg/catalog.hpp"
#include "plpolar/pg/client.hpp"
#include "plpolar/pg/error_context.hpp"
#include "plpolar/pg/guard.hpp"
#include "plpolar/pg/script.hpp"
#include "plpolar/pg/spi.hpp"
#include "plpolar/pg/types.hpp"

namespace plpolar::handler {

namespace {

struct StatementContext {
    int number;
    int line;
    int body_line;  // script line of the body's line 1; 0 if not a subprogram
};

int DescribeStatement(const void *data, char *out, size_t size) noexcept {
    const auto *ctx = static_cast<const StatementContext *>(data);
    if (ctx->body_line > 0)
        return snprintf(out, size, "plpolar.exec statement %d (line %d of the script; its body's line 1 is line %d)",
                        ctx->number, ctx->line, ctx->body_line);
    return snprintf(out, size, "plpolar.exec statement %d (line %d of the script)", ctx->number, ctx->line);
}

void EmitRow(ReturnSetInfo *rsinfo, int number, int line, const std::string &action, uint64 rows) {
    Datum values[4];
    bool nulls[4] = {false, false, false, false};
    values[0] = Int32GetDatum(number);
    values[1] = Int32GetDatum(line);
    values[2] = pg::TextValue(action.c_str()).datum;
    values[3] = Int64GetDatum(static_cast<int64>(rows));
    pg::AddResultRow(rsinfo, values, nulls);
}

// Oracle's type names, and t.c%TYPE resolved to the column's type now, as
// PostgreSQL itself resolves %TYPE in a CREATE FUNCTION (without its NOTICE).
std::string MapHeaderType(const std::string &type) {
    const std::string suffix = "%TYPE";
    if (type.size() > suffix.size()) {
        std::string tail = type.substr(type.size() - suffix.size());
        for (char &c : tail) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        if (tail == suffix) {
            std::vector<std::string> name;
            std::string reference = type.substr(0, type.size() - suffix.size());
            size_t start = 0;
            bool quoted = false;
            for (size_t i = 0; i <= reference.size(); ++i) {
                if (i < reference.size() && reference[i] == '"') quoted = !quoted;
                if (i == reference.size() || (reference[i] == '.' && !quoted)) {
                    name.push_back(parser::FoldIdentifier(reference.substr(start, i - start)));
                    start = i + 1;
                }
            }
            if (name.size() < 2)
                pg::Raise(ERRCODE_SYNTAX_ERROR, "%TYPE in a subprogram header needs table.column: " + type);
            pg::TypeInfo column = pg::ColumnType(name);
            return pg::FormatType(column.oid, column.typmod);
        }
    }
    return compile::MapOracleTypeName(type);
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
    ReturnSetInfo *rsinfo = pg::BeginMaterializedResult(fcinfo);
    pg::SpiConnect(false);
    for (size_t i = 0; i < statements.size(); ++i) {
        const parser::ScriptStatement &stmt = statements[i];
        StatementContext ctx{static_cast<int>(i + 1), stmt.line, 0};
        pg::ErrorContextLine context(DescribeStatement, &ctx);

        std::string sql;
        std::string action;
        bool revoke_public = false;
        bool exit_script = false;
        switch (stmt.kind) {
            case parser::ScriptStatementKind::OracleSubprogram: {
                parser::OracleSubprogram sub;
                try {
                    sub = parser::ParseOracleSubprogram(stmt.text, MapHeaderType);
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
                for (const std::string &note : sub.notes) action += "; " + note;
                break;
            }
            case parser::ScriptStatementKind::AnonymousBlock:
                // A DO block in the script's transaction; its line 1 is the
                // block's first line.
                sql = parser::ToDoStatement(stmt.text);
                ctx.body_line = stmt.line;
                action = "anonymous block";
                break;
            case parser::ScriptStatementKind::SqlPlus: {
                parser::SqlPlusCommand cmd = parser::TranslateSqlPlus(stmt.text);
                action = cmd.action;
                switch (cmd.effect) {
                    case parser::SqlPlusCommand::Effect::Block:
                        sql = parser::ToDoStatement(cmd.text);
                        ctx.body_line = stmt.line;
                        break;
                    case parser::SqlPlusCommand::Effect::Sql: sql = cmd.text; break;
                    case parser::SqlPlusCommand::Effect::Prompt: pg::SendLineToClient(cmd.text); break;
                    case parser::SqlPlusCommand::Effect::NoEffect: break;
                    case parser::SqlPlusCommand::Effect::Exit: exit_script = true; break;
                    case parser::SqlPlusCommand::Effect::Refused: pg::Raise(ERRCODE_FEATURE_NOT_SUPPORTED, cmd.action);
                }
                break;
            }
            case parser::ScriptStatementKind::Sql:
                if (parser::IsPlainCommit(stmt.text)) {
                    // Scripts end with COMMIT: the function runs in the
                    // caller's transaction, which commits the script's work.
                    action = "COMMIT (with the caller's transaction)";
                } else {
                    sql = stmt.text;
                }
                break;
        }
        if (sql.empty()) {
            EmitRow(rsinfo, ctx.number, ctx.line, action, 0);
            if (exit_script) break;
            continue;
        }
        uint64 rows = pg::ExecuteScriptStatement(sql);
        if (revoke_public) {
            Oid created = pg::RoutineOfCreateStatement(sql);
            if (OidIsValid(created)) pg::RevokeExecuteFromPublic(created);
        }
        // Only after it ran: SPI reports a bad statement with its position.
        if (action.empty()) action = pg::CommandTagOf(sql);
        EmitRow(rsinfo, ctx.number, ctx.line, action, rows);
    }
    pg::SpiFinish();
    return (Datum)0;
}

}  // namespace plpolar::handler
