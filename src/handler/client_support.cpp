// What the plpolar client program asks the server (version 1.7): the
// PostgreSQL form of a query it prints rows of, and the Oracle text of an
// error it reports. Both are plpolar.exec's and the PL handlers' own
// translations, so that a script means the same through the client and
// through plpolar.exec.
#include <string>

#include "plpolar/compile/conditions.hpp"
#include "plpolar/handler/handler.hpp"
#include "plpolar/pg/types.hpp"

namespace plpolar::handler {

Datum TranslateSql(FunctionCallInfo fcinfo) {
    std::string text = pg::TextToString(PG_GETARG_DATUM(0));
    return pg::TextValue(TranslateQuery(text, 1).c_str()).datum;
}

Datum OracleMessage(FunctionCallInfo fcinfo) {
    // sqlstate, message, schema, table, column, constraint: the fields of
    // the error as libpq gives them; the first two are required.
    if (PG_ARGISNULL(0) || PG_ARGISNULL(1)) PG_RETURN_NULL();
    std::string sqlstate = pg::TextToString(PG_GETARG_DATUM(0));
    if (sqlstate.size() != 5) PG_RETURN_NULL();
    std::string fields[5];
    bool present[5] = {};
    for (int i = 0; i < 5; ++i) {
        if (PG_ARGISNULL(i + 1)) continue;
        fields[i] = pg::TextToString(PG_GETARG_DATUM(i + 1));
        present[i] = true;
    }
    auto field = [&](int i) { return present[i] ? const_cast<char *>(fields[i].c_str()) : nullptr; };
    ErrorData edata{};
    edata.sqlerrcode = MAKE_SQLSTATE(sqlstate[0], sqlstate[1], sqlstate[2], sqlstate[3], sqlstate[4]);
    edata.message = field(0);
    edata.schema_name = field(1);
    edata.table_name = field(2);
    edata.column_name = field(3);
    edata.constraint_name = field(4);
    // An error of a SQL statement, as the client saw it.
    return pg::TextValue(compile::SqlErrm(&edata, 0, false, true).c_str()).datum;
}

}  // namespace plpolar::handler
