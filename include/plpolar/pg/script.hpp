// The PostgreSQL side of plpolar.exec(script): running a statement as it
// stands, naming it, and the function's rows.
#pragma once

#include <string>
#include <vector>

#include "plpolar/pg/postgres.hpp"

namespace plpolar::pg {

// Runs one statement through SPI without keeping a plan; returns the rows
// it processed. Transaction control and COPY to or from the client raise
// the errors PostgreSQL gives where a function runs them.
uint64 ExecuteScriptStatement(const std::string &sql);

// A catalog query with text parameters $1, $2, ... (the text must qualify
// everything it names: it runs on the user's search_path); every row's
// columns as text, NULL as "".
std::vector<std::vector<std::string>> QueryTextRows(const char *sql, const std::vector<std::string> &args);

// The command tag PostgreSQL would report, e.g. "CREATE TABLE"; "EMPTY"
// for a string without a statement.
std::string CommandTagOf(const std::string &sql);

// The function's result becomes a materialized set; rows go to it with
// AddResultRow. The rows belong to the function's resource owner, not to a
// savepoint's subtransaction current when a row is added: a tuplestore that
// spills to a temporary file inside one would lose the file at ROLLBACK TO.
struct ScriptResult {
    ReturnSetInfo *rsinfo;
    ResourceOwner owner;
};
ScriptResult BeginMaterializedResult(FunctionCallInfo fcinfo);
void AddResultRow(const ScriptResult &result, const Datum *values, const bool *nulls);

}  // namespace plpolar::pg
