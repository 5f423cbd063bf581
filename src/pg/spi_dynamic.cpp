// Dynamic SQL: EXECUTE IMMEDIATE and OPEN ... FOR 'text', with $1..$n
// bound to the USING values, and COMMIT / ROLLBACK given as strings.
#include "plpolar/pg/spi.hpp"

#include <cctype>
#include <cstring>
#include <string>

#include "plpolar/pg/guard.hpp"

extern "C" {
#include "parser/parse_param.h"
#include "parser/parser.h"
#include "utils/portal.h"
}

namespace plpolar::pg {

namespace {

// Skips blanks and SQL comments.
size_t SkipBlanks(const std::string &s, size_t i) {
    while (i < s.size()) {
        if (std::isspace(static_cast<unsigned char>(s[i]))) {
            ++i;
        } else if (s.compare(i, 2, "--") == 0) {
            i = s.find('\n', i);
            if (i == std::string::npos) return s.size();
        } else if (s.compare(i, 2, "/*") == 0) {
            size_t end = s.find("*/", i + 2);
            if (end == std::string::npos) return s.size();
            i = end + 2;
        } else {
            break;
        }
    }
    return i;
}

}  // namespace

TransactionCommand DynamicTransactionCommand(const std::string &sql) {
    // Only a string that starts with one of these words can be one; the
    // rest are not parsed twice.
    size_t start = SkipBlanks(sql, 0);
    size_t end = start;
    std::string word;
    while (end < sql.size() && std::isalpha(static_cast<unsigned char>(sql[end])))
        word += static_cast<char>(std::tolower(static_cast<unsigned char>(sql[end++])));
    if (word != "commit" && word != "rollback" && word != "end" && word != "abort") return TransactionCommand::None;
    const char *text = sql.c_str();
    return Guarded([text] {
        List *stmts = raw_parser(text, RAW_PARSE_DEFAULT);
        if (list_length(stmts) != 1) return TransactionCommand::None;
        Node *stmt = linitial_node(RawStmt, stmts)->stmt;
        if (!IsA(stmt, TransactionStmt)) return TransactionCommand::None;
        TransactionStmt *ts = (TransactionStmt *)stmt;
        if (ts->chain) return TransactionCommand::None;
        if (ts->kind == TRANS_STMT_COMMIT) return TransactionCommand::Commit;
        if (ts->kind == TRANS_STMT_ROLLBACK) return TransactionCommand::Rollback;
        return TransactionCommand::None;
    });
}

namespace {

struct DynamicParams {
    Oid *types;
    int ntypes;
};

void DynamicParserSetup(ParseState *pstate, void *arg) {
    auto *p = static_cast<DynamicParams *>(arg);
    setup_parse_variable_parameters(pstate, &p->types, &p->ntypes);
}

bool IsTextLike(Oid type) { return type == TEXTOID || type == VARCHAROID || type == BPCHAROID; }

// Prepares dynamic SQL with its bind values. Strings and NULLs are bound
// like SQL's untyped literals: PostgreSQL infers the parameter's type from
// where it is used and the string is converted to it, as Oracle converts a
// VARCHAR2 bind. Runs inside Guarded().
SPIPlanPtr PrepareDynamic(const char *sql_text, const Value *args, int n, ParamListInfo *out_params,
                          int cursor_options) {
    DynamicParams p;
    p.ntypes = n;
    p.types = (Oid *)palloc0(sizeof(Oid) * (n + 1));
    for (int i = 0; i < n; i++) p.types[i] = (args[i].isnull || IsTextLike(args[i].type)) ? InvalidOid : args[i].type;
    SPIPrepareOptions options;
    memset(&options, 0, sizeof(options));
    options.parserSetup = DynamicParserSetup;
    options.parserSetupArg = &p;
    options.parseMode = RAW_PARSE_DEFAULT;
    options.cursorOptions = cursor_options;
    SPIPlanPtr plan = SPI_prepare_extended(sql_text, &options);
    if (plan == NULL) ReportSpiError(SPI_result, SpiStatement::Dynamic, "SPI_prepare_extended", sql_text);
    ParamListInfo params = makeParamList(n);
    for (int i = 0; i < n; i++) {
        ParamExternData *prm = &params->params[i];
        Oid type = i < p.ntypes && OidIsValid(p.types[i]) && p.types[i] != UNKNOWNOID ? p.types[i] : TEXTOID;
        prm->isnull = args[i].isnull;
        prm->pflags = PARAM_FLAG_CONST;
        prm->ptype = type;
        prm->value = args[i].datum;
        if (!args[i].isnull && type != args[i].type && !IsTextLike(type)) {
            Oid input;
            Oid ioparam;
            getTypeInputInfo(type, &input, &ioparam);
            struct varlena *t = pg_detoast_datum_packed((struct varlena *)DatumGetPointer(args[i].datum));
            char *str = pnstrdup(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t));
            prm->value = OidInputFunctionCall(input, str, ioparam, -1);
        }
    }
    *out_params = params;
    return plan;
}

}  // namespace

SqlStatement::Result ExecuteDynamic(const std::string &sql, const Value *args, size_t nargs, bool read_only,
                                    long max_rows) {
    const char *text = sql.c_str();
    int n = static_cast<int>(nargs);
    SqlStatement::Result result;
    SqlStatement::Result *out = &result;
    Guarded([text, args, n, read_only, max_rows, out] {
        MemoryContext caller = CurrentMemoryContext;
        ParamListInfo params;
        SPIPlanPtr plan = PrepareDynamic(text, args, n, &params, 0);
        int rc = SPI_execute_plan_with_paramlist(plan, params, read_only, max_rows);
        MemoryContextSwitchTo(caller);
        if (rc < 0) ReportSpiError(rc, SpiStatement::Dynamic, "SPI_execute_plan_with_paramlist", text);
        out->processed = SPI_processed;
        out->tuptable = SPI_tuptable;
        SPI_freeplan(plan);
    });
    return result;
}

std::string OpenDynamicCursor(const std::string &name, const std::string &sql, const Value *args, size_t nargs,
                              bool read_only) {
    const char *text = sql.c_str();
    const char *pname = name.empty() ? nullptr : name.c_str();
    int n = static_cast<int>(nargs);
    char buf[NAMEDATALEN];
    char *out = buf;
    Guarded([text, pname, args, n, read_only, out] {
        if (pname != NULL && GetPortalByName(pname) != NULL)
            ereport(ERROR, (errcode(ERRCODE_DUPLICATE_CURSOR), errmsg("cursor \"%s\" already in use", pname)));
        ParamListInfo params;
        SPIPlanPtr plan = PrepareDynamic(text, args, n, &params, 0);
        Portal portal = SPI_cursor_open_with_paramlist(pname, plan, params, read_only);
        if (portal == NULL) ReportSpiError(SPI_result, SpiStatement::Dynamic, "SPI_cursor_open_with_paramlist", text);
        strlcpy(out, portal->name, NAMEDATALEN);
        SPI_freeplan(plan);
    });
    return buf;
}

}  // namespace plpolar::pg
