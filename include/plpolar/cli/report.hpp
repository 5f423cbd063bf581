// What the plpolar client prints: query results as SQL*Plus lays them out,
// the feedback line of each statement, and errors in SQL*Plus's form
// (ERROR at line N:, ORA-nnnnn: ..., ORA-06512: at ...). Free of libpq:
// unit-tested alone.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "plpolar/cli/commands.hpp"
#include "plpolar/parser/script.hpp"

namespace plpolar::cli {

struct ResultColumn {
    std::string name;
    bool numeric = false;  // right-aligned, as SQL*Plus shows NUMBER
};

struct ResultTable {
    std::vector<ResultColumn> columns;
    std::vector<std::vector<std::optional<std::string>>> rows;
};

// The rows under their headings (upper case unless the name has capitals),
// each column as wide as its widest value or heading (COLUMN FORMAT An:
// that width, longer values wrapped), columns that do not fit in LINESIZE
// on further lines, the headings again every PAGESIZE lines.
std::string FormatTable(const ResultTable &table, const Settings &settings);

// "no rows selected", "1 row selected.", "n rows selected." (from FEEDBACK
// rows on), or nothing.
std::string QueryFeedback(size_t rows, const Settings &settings);

// SQL*Plus's line after a statement: "Table created.", "3 rows updated.",
// "Procedure created.", "PL/SQL procedure successfully completed.", ...
std::string StatementFeedback(parser::ScriptStatementKind kind, const std::string &text, long long rows);

// SQL*Plus's object type of a unit's CREATE statement (PROCEDURE, FUNCTION,
// PACKAGE, PACKAGE BODY, TRIGGER, TYPE, TYPE BODY) and its name, upper case.
struct UnitName {
    std::string type;
    std::string name;
};
std::optional<UnitName> UnitOfCreate(const std::string &text);

// An error as libpq reports it.
struct ServerError {
    std::string sqlstate;
    std::string message;
    std::string detail;
    std::string hint;
    std::string context;
    std::string oracle;  // plpolar.oracle_message(...): ORA-nnnnn: ... or PG-xxxxx: ...
    std::string query;   // the text the position points into
    int position = 0;    // 1-based character in `query`; 0: none
};

struct CompileError {
    int line = 0;  // within the unit's CREATE statement, as Oracle's USER_ERRORS
    int column = 0;
    std::string text;  // PLS-nnnnn: ... where Oracle has a number
};

struct ErrorReport {
    std::string text;          // the lines to print
    int oracle_code = 0;       // ORA-nnnnn's n (SQL.SQLCODE); 0: no Oracle number
    int line = 1;              // statement line the error is at
    bool compilation = false;  // a unit that did not compile: SHOW ERRORS has it
    CompileError compile;
};

// `statement`: the text as written (substituted); `prefix_lines`: lines
// the client put before it in what the server saw.
ErrorReport DescribeError(const ServerError &error, parser::ScriptStatementKind kind, const std::string &statement,
                          int prefix_lines);

// The terminal columns `s` takes (UTF-8; wide East Asian characters 2,
// combining marks 0, tabs to the next multiple of 8).
size_t DisplayWidth(const std::string &s);

}  // namespace plpolar::cli
