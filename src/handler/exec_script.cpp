// plpolar.exec(script): runs an Oracle-style script statement by statement.
// Oracle-form subprograms become ordinary LANGUAGE plpolar functions and
// procedures; every other statement goes to PostgreSQL unchanged. One row
// per statement says what it did.
#include <cctype>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "plpolar/compile/compiler.hpp"
#include "plpolar/compile/oracle_sql.hpp"
#include "plpolar/handler/handler.hpp"
#include "plpolar/parser/builtins.hpp"
#include "plpolar/parser/ddl.hpp"
#include "plpolar/parser/object_type.hpp"
#include "plpolar/parser/parser.hpp"
#include "plpolar/parser/script.hpp"
#include "plpolar/parser/sql_text.hpp"
#include "plpolar/parser/substitution.hpp"
#include "plpolar/pg/catalog.hpp"
#include "plpolar/pg/client.hpp"
#include "plpolar/pg/error_context.hpp"
#include "plpolar/pg/guard.hpp"
#include "plpolar/pg/script.hpp"
#include "plpolar/pg/spi.hpp"
#include "plpolar/pg/subxact.hpp"
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

void EmitRow(const pg::ScriptResult &rsinfo, int number, int line, const std::string &action, uint64 rows) {
    Datum values[4];
    bool nulls[4] = {false, false, false, false};
    values[0] = Int32GetDatum(number);
    values[1] = Int32GetDatum(line);
    values[2] = pg::TextValue(action.c_str()).datum;
    values[3] = Int64GetDatum(static_cast<int64>(rows));
    pg::AddResultRow(rsinfo, values, nulls);
}

}  // namespace

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
    return compile::MapOracleSqlTypeName(type);
}

namespace {

// The script's COMMIT, ROLLBACK and savepoints inside the caller's
// transaction, which the script cannot end: each SAVEPOINT opens a
// subtransaction, ROLLBACK TO undoes the ones down to its savepoint (which
// stays, as in Oracle), ROLLBACK undoes everything since the script's start
// or its last COMMIT, and COMMIT keeps the work (it commits with the caller)
// and forgets the savepoints, as Oracle's COMMIT erases them.
class ScriptTransaction {
public:
    // `rollback_ahead`: the script has a ROLLBACK, so its work since the
    // start or the last COMMIT runs in a subtransaction of its own; other
    // scripts pay nothing.
    explicit ScriptTransaction(bool rollback_ahead) : rollback_ahead_(rollback_ahead) { OpenBase(); }
    ScriptTransaction(const ScriptTransaction &) = delete;
    ScriptTransaction &operator=(const ScriptTransaction &) = delete;
    // On an error the subtransactions are rolled back innermost first (a
    // vector's destructor would not keep that order); the error then aborts
    // the caller's transaction anyway.
    ~ScriptTransaction() {
        while (!savepoints_.empty()) savepoints_.pop_back();
        base_.reset();
    }

    std::string Savepoint(const std::string &name) {
        // Oracle: a second savepoint of the same name erases the first, so
        // only the newest can be rolled back to; the earlier level stays.
        std::string note;
        for (Level &level : savepoints_)
            if (level.name == name) {
                level.name.clear();
                note = " (replaces the earlier savepoint of that name)";
            }
        savepoints_.push_back(Level{name, std::make_unique<pg::SubTransaction>()});
        return "SAVEPOINT " + name + note;
    }

    std::string RollbackTo(const std::string &name) {
        size_t at = savepoints_.size();
        while (at > 0 && savepoints_[at - 1].name != name) --at;
        if (at == 0)
            pg::Raise(ERRCODE_S_E_INVALID_SPECIFICATION,
                      "ORA-01086: savepoint '" + name + "' never established in this session or is invalid");
        // The savepoint's own level too: its work is undone, then it is
        // set again at the same point.
        while (savepoints_.size() >= at) {
            savepoints_.back().subxact->Rollback();
            savepoints_.pop_back();
        }
        savepoints_.push_back(Level{name, std::make_unique<pg::SubTransaction>()});
        return "ROLLBACK TO SAVEPOINT " + name;
    }

    std::string Rollback() {
        if (!base_)
            // Unreachable: the script was scanned for ROLLBACK before it ran.
            pg::Raise(ERRCODE_INTERNAL_ERROR, "ROLLBACK without the script's subtransaction");
        UnwindSavepoints(false);
        base_->Rollback();
        base_.reset();
        OpenBase();
        return "ROLLBACK (of the script's work since its start or its last COMMIT)";
    }

    std::string Commit() {
        UnwindSavepoints(true);
        return "COMMIT (with the caller's transaction)";
    }

    // The end of the script: its work stays in the caller's transaction.
    void Finish() {
        while (!savepoints_.empty()) {
            savepoints_.back().subxact->Commit();
            savepoints_.pop_back();
        }
        if (base_) base_->Commit();
        base_.reset();
    }

private:
    struct Level {
        std::string name;  // empty: erased by a later savepoint of the same name
        std::unique_ptr<pg::SubTransaction> subxact;
    };

    void OpenBase() {
        if (rollback_ahead_) base_ = std::make_unique<pg::SubTransaction>();
    }
    // Commit keeps the work of every level (then restarts the base, so a
    // later ROLLBACK stops at this COMMIT); otherwise only the savepoints go.
    void UnwindSavepoints(bool keep) {
        while (!savepoints_.empty()) {
            if (keep)
                savepoints_.back().subxact->Commit();
            else
                savepoints_.back().subxact->Rollback();
            savepoints_.pop_back();
        }
        if (keep && base_) {
            base_->Commit();
            base_.reset();
            OpenBase();
        }
    }

    bool rollback_ahead_;
    std::unique_ptr<pg::SubTransaction> base_;
    std::vector<Level> savepoints_;
};

// The translation of Oracle table DDL, errors placed at their script line.
std::optional<parser::DdlTranslation> TranslateDdl(const std::string &text, int line) {
    try {
        // Keys that reference identity columns take their integer type.
        parser::DdlCatalog catalog;
        catalog.identity_type = pg::IdentityColumnType;
        catalog.column_type = pg::ColumnTypeName;
        return parser::TranslateOracleDdl(text, compile::MapOracleSqlTypeName, &catalog);
    } catch (const parser::DdlUnsupported &e) {
        pg::Raise(ERRCODE_FEATURE_NOT_SUPPORTED,
                  std::string(e.what()) + " (line " + std::to_string(line + e.line() - 1) + " of the script)");
    } catch (const parser::SyntaxError &e) {
        pg::Raise(ERRCODE_SYNTAX_ERROR,
                  std::string(e.what()) + " (line " + std::to_string(line + e.line() - 1) + " of the script)");
    }
}

}  // namespace

std::string TranslateQuery(const std::string &text, int line) {
    try {
        return parser::QualifyBuiltins(compile::RewriteColumnMethodCalls(
            compile::RewriteSchemaConstructors(parser::JoinContinuedLines(text), true)));
    } catch (const parser::SyntaxError &e) {
        // ROWNUM in a form that cannot be rewritten
        pg::Raise(ERRCODE_FEATURE_NOT_SUPPORTED,
                  std::string(e.what()) + " (line " + std::to_string(line + e.line() - 1) + " of the script)");
    }
}

namespace {

// `sql` begins with `words` (upper case, one space apart), whatever the
// case and spacing it is written with.
bool StartsWithWords(const std::string &sql, const char *words) {
    size_t i = 0;
    while (i < sql.size() && std::isspace(static_cast<unsigned char>(sql[i]))) ++i;
    for (const char *w = words; *w != '\0'; ++w) {
        if (*w == ' ') {
            if (i >= sql.size() || !std::isspace(static_cast<unsigned char>(sql[i]))) return false;
            while (i < sql.size() && std::isspace(static_cast<unsigned char>(sql[i]))) ++i;
            continue;
        }
        if (i >= sql.size() || std::toupper(static_cast<unsigned char>(sql[i])) != *w) return false;
        ++i;
    }
    return i == sql.size() || !std::isalnum(static_cast<unsigned char>(sql[i]));
}

bool IsRemark(const std::string &line) {
    size_t end = 0;
    while (end < line.size() && std::isalpha(static_cast<unsigned char>(line[end]))) ++end;
    std::string word = line.substr(0, end);
    for (char &c : word) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    // REM, REMA, REMAR, REMARK
    return word.size() >= 3 && std::string("REMARK").compare(0, word.size(), word) == 0;
}

bool HasRollback(const std::vector<parser::ScriptStatement> &statements) {
    for (const parser::ScriptStatement &stmt : statements)
        if (stmt.kind == parser::ScriptStatementKind::Sql &&
            parser::ParseTransactionCommand(stmt.text).kind == parser::TransactionCommand::Kind::Rollback)
            return true;
    return false;
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
    pg::ScriptResult rsinfo = pg::BeginMaterializedResult(fcinfo);
    pg::SpiConnect(false);
    pg::ScriptRunScope running;
    ScriptTransaction transaction(HasRollback(statements));
    parser::SubstitutionState substitution;
    for (size_t i = 0; i < statements.size(); ++i) {
        const parser::ScriptStatement &stmt = statements[i];
        if (stmt.rerun) continue;  // '/' running SQL*Plus's buffer again: the client's business
        StatementContext ctx{static_cast<int>(i + 1), stmt.line, 0};
        pg::ErrorContextLine context(DescribeStatement, &ctx);

        std::string sql;
        std::string action;
        std::vector<std::string> more_sql;  // a partitioned table's partitions
        std::vector<parser::DdlTranslation::IndexReuse> reuse;
        bool revoke_public = false;
        bool exit_script = false;
        // SQL*Plus replaces &name in every line it reads, then runs it.
        std::string text;
        try {
            // SQL*Plus substitutes in every line but a REMARK.
            text = stmt.kind == parser::ScriptStatementKind::SqlPlus && IsRemark(stmt.text)
                       ? stmt.text
                       : parser::Substitute(stmt.text, substitution);
            if (stmt.kind == parser::ScriptStatementKind::SqlPlus &&
                parser::ApplySubstitutionCommand(text, substitution, &action)) {
                EmitRow(rsinfo, ctx.number, ctx.line, action, 0);
                continue;
            }
        } catch (const parser::SyntaxError &e) {
            pg::Raise(ERRCODE_SYNTAX_ERROR,
                      std::string(e.what()) + " (line " + std::to_string(stmt.line + e.line() - 1) + " of the script)");
        }
        switch (stmt.kind) {
            case parser::ScriptStatementKind::OracleSubprogram: {
                parser::OracleSubprogram sub;
                try {
                    sub = parser::ParseOracleSubprogram(text, MapHeaderType);
                } catch (const parser::SyntaxError &e) {
                    pg::Raise(ERRCODE_SYNTAX_ERROR, e.what());
                }
                if (sub.pipelined) sub.row_type = compile::PipelinedRowType(sub.return_type);
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
            case parser::ScriptStatementKind::OraclePackage:
                action = CreatePackage(text, stmt.line, &ctx.body_line);
                break;
            case parser::ScriptStatementKind::OracleTrigger:
                action = CreateOracleTrigger(text, stmt.line, &ctx.body_line);
                break;
            case parser::ScriptStatementKind::AnonymousBlock:
                // A DO block in the script's transaction; its line 1 is the
                // block's first line.
                sql = parser::ToDoStatement(text);
                ctx.body_line = stmt.line;
                action = "anonymous block";
                break;
            case parser::ScriptStatementKind::SqlPlus: {
                parser::SqlPlusCommand cmd = parser::TranslateSqlPlus(text);
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
            case parser::ScriptStatementKind::Sql: {
                // Scripts end with COMMIT: the function runs in the caller's
                // transaction, which commits the script's work.
                parser::TransactionCommand tcl = parser::ParseTransactionCommand(text);
                switch (tcl.kind) {
                    case parser::TransactionCommand::Kind::None: {
                        if (parser::LooksObjectType(text)) {
                            action = CreateObjectType(text, stmt.line, &ctx.body_line);
                            break;
                        }
                        if (RunObjectTypeCommand(text, &action)) break;
                        if (RunPackageCommand(text, &action)) break;
                        if (RunTriggerCommand(text, &action)) break;
                        if (compile::RunSchemaTypeCommand(text, &action)) break;
                        // Oracle's table DDL in PostgreSQL's terms; other
                        // SQL as in PL code: q'[...]' quoting, seq.NEXTVAL,
                        // SYSDATE, NVL, DECODE, FROM DUAL.
                        text = parser::JoinContinuedLines(text);
                        std::optional<parser::DdlTranslation> ddl = TranslateDdl(text, stmt.line);
                        if (ddl) {
                            action = ddl->action;
                            reuse = std::move(ddl->reuse);
                            // A view's TABLE(f(x)) and t('x'), before the
                            // translation gives subqueries their aliases.
                            if (ddl->action.find(" VIEW ") != std::string::npos)
                                ddl = TranslateDdl(compile::RewriteSchemaConstructors(text, true), stmt.line);
                            for (std::string &s : ddl->statements) {
                                if (sql.empty())
                                    sql = std::move(s);
                                else
                                    more_sql.push_back(std::move(s));
                            }
                        } else {
                            sql = TranslateQuery(text, stmt.line);
                        }
                        break;
                    }
                    case parser::TransactionCommand::Kind::Commit: action = transaction.Commit(); break;
                    case parser::TransactionCommand::Kind::Rollback: action = transaction.Rollback(); break;
                    case parser::TransactionCommand::Kind::RollbackTo: action = transaction.RollbackTo(tcl.name); break;
                    case parser::TransactionCommand::Kind::Savepoint: action = transaction.Savepoint(tcl.name); break;
                    case parser::TransactionCommand::Kind::Refused:
                        pg::Raise(ERRCODE_FEATURE_NOT_SUPPORTED,
                                  "COMMIT FORCE and ROLLBACK FORCE (in-doubt distributed transactions) cannot be "
                                  "honoured: PostgreSQL's prepared transactions are ended with COMMIT PREPARED or "
                                  "ROLLBACK PREPARED outside any transaction");
                }
                break;
            }
        }
        if (sql.empty()) {
            EmitRow(rsinfo, ctx.number, ctx.line, action, 0);
            if (exit_script) break;
            continue;
        }
        uint64 rows = 0;
        // Oracle drops a table's triggers with it, functions included.
        std::string attached;
        const bool drops_relation = StartsWithWords(sql, "DROP TABLE") || StartsWithWords(sql, "DROP VIEW");
        if (drops_relation) attached = AttachedTriggerFunctions();
        for (size_t k = 0; k <= more_sql.size(); ++k) {
            const std::string *run = k == 0 ? &sql : &more_sql[k - 1];
            // Oracle's ADD CONSTRAINT takes over the index of that name.
            for (const parser::DdlTranslation::IndexReuse &r : reuse)
                if (r.statement == k && pg::UnclaimedUniqueIndex(r.table, r.index)) run = &r.sql;
            uint64 n = pg::ExecuteScriptStatement(*run);
            if (k == 0) rows = n;
        }
        if (revoke_public) {
            Oid created = pg::RoutineOfCreateStatement(sql);
            if (OidIsValid(created)) pg::RevokeExecuteFromPublic(created);
        }
        // Only after it ran: SPI reports a bad statement with its position.
        if (action.empty()) action = pg::CommandTagOf(sql);
        if (drops_relation) DropOrphanTriggerFunctions(attached);
        EmitRow(rsinfo, ctx.number, ctx.line, action, rows);
    }
    transaction.Finish();
    pg::SpiFinish();
    return (Datum)0;
}

}  // namespace plpolar::handler
