// Embedded SQL, COMMIT and ROLLBACK.
#include "compiler_impl.hpp"
#include "plpolar/pg/guard.hpp"

namespace plpolar::compile {

void Compiler::CompileSql(ast::SqlStmt &s, const Scope &scope) {
    s.touches_database = true;
    if (s.verb == ast::SqlVerb::Select && s.into.empty())
        Error(s.loc, "an INTO clause is expected in this SELECT statement");
    if (!s.row_record.empty()) RewriteRowStatement(s, scope);
    NoteSessionVariables(s.text);
    std::unique_ptr<SqlSite> site = MakeSqlSite(scope, s.text);
    site->targets = MakeTargets(s.into, scope);
    if (s.bulk) MakeBulkTargets(site->targets, s.into);
    s.annotation = std::move(site);
}

// The handled error's subtransaction state would not survive COMMIT or
// ROLLBACK; PostgreSQL forbids it there too.
void Compiler::CompileCommit(ast::TransactionStmt &s, const Scope &) {
    if (in_handler_ > 0)
        Error(s.loc, "COMMIT is not allowed in an exception handler", ERRCODE_INVALID_TRANSACTION_TERMINATION);
}

void Compiler::CompileRollback(ast::TransactionStmt &s, const Scope &) {
    if (in_handler_ > 0)
        Error(s.loc, "ROLLBACK is not allowed in an exception handler", ERRCODE_INVALID_TRANSACTION_TERMINATION);
}

}  // namespace plpolar::compile
