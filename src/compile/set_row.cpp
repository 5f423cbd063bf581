// INSERT INTO t VALUES rec and UPDATE t SET ROW = rec: Oracle's record forms,
// rewritten into PostgreSQL's before the statement is prepared.
#include "compiler_impl.hpp"
#include "plpolar/compile/quoting.hpp"
#include "plpolar/parser/parser.hpp"
#include "plpolar/pg/catalog.hpp"

namespace plpolar::compile {

void Compiler::RewriteRowStatement(ast::SqlStmt &s, const Scope &scope) {
    if (LookupName(fn_, scope, ast::NameChain{parser::FoldIdentifier(s.row_record)}) < 0)
        Error(s.loc, "\"" + s.row_record + "\" is not a known record variable");
    if (s.verb == ast::SqlVerb::Insert) {
        s.text = "INSERT INTO " + s.row_table + " SELECT (" + s.row_record + ").* " + s.text;
        return;
    }
    // UPDATE: every column of the table, in its order, from the record's
    // fields in theirs.
    std::string cols;
    for (const auto &c : pg::RelationColumns(s.row_table)) cols += (cols.empty() ? "" : ", ") + QuoteIdent(c);
    s.text = "UPDATE " + s.row_table + " SET (" + cols + ") = ROW((" + s.row_record + ").*) " + s.text;
}

}  // namespace plpolar::compile
