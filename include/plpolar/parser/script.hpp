// Splitting an Oracle-style script into statements and turning Oracle-form
// subprograms (CREATE FUNCTION f RETURN t IS ... END;) into PostgreSQL
// CREATE FUNCTION ... LANGUAGE plpolar. Pure C++: no server needed.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace plpolar::parser {

enum class ScriptStatementKind {
    Sql,               // goes to PostgreSQL as written
    OracleSubprogram,  // CREATE FUNCTION f RETURN t IS ... END;
    OraclePackage,     // CREATE PACKAGE [BODY] p IS|AS ... END [p];
    AnonymousBlock,    // [<<label>>] [DECLARE ...] BEGIN ... END;  run as a DO block
    OracleTrigger,     // CREATE TRIGGER t BEFORE ... ON tab ... BEGIN ... END;
    SqlPlus,           // a SQL*Plus command line: EXEC, SET SERVEROUTPUT, PROMPT, REM, ...
};

struct ScriptStatement {
    int line = 0;      // 1-based line of the statement's first token
    std::string text;  // as written, without the terminating ';' or '/' (PL units keep their final ';')
    ScriptStatementKind kind = ScriptStatementKind::Sql;
    // '/' lines after the statement's end, each of which SQL*Plus takes as
    // "run the buffer again" (the plpolar client does; plpolar.exec ignores them).
    int reruns = 0;
    // A '/' after SQL*Plus commands: the buffer's statement (a copy of the
    // last SQL statement or unit) run again at this point; plpolar.exec skips it.
    bool rerun = false;
};

// Statements end at ';' outside quotes, comments and dollar quotes, or at a
// line holding only '/' (SQL*Plus). An Oracle-form subprogram or anonymous
// block ends at the ';' after the END that closes its outermost block, or at
// '/'; a SQL*Plus command at the end of its line. Throws
// SyntaxError for a comment, quoted string or identifier that never ends.
std::vector<ScriptStatement> SplitScript(const std::string &script);

struct OracleSubprogram {
    bool or_replace = false;
    bool is_function = true;
    std::string name;                     // as written (may be qualified/quoted)
    std::vector<std::string> parameters;  // PostgreSQL form: "[IN|OUT|INOUT] name type [DEFAULT e]"
    std::string return_type;              // PostgreSQL type text (functions)
    std::string return_type_written;      // as written
    // AUTHID DEFINER (Oracle's default) or AUTHID CURRENT_USER.
    bool definer_rights = true;
    // PostgreSQL routine attributes from header clauses: DETERMINISTIC is
    // IMMUTABLE, PARALLEL_ENABLE is PARALLEL SAFE.
    std::vector<std::string> attributes;
    // Clauses accepted without an effect here, with why: reported per statement.
    std::vector<std::string> notes;
    // PIPELINED: a set-returning function; its caller sets `row_type`, the
    // SQL type of the rows (the collection type's element), before
    // ToCreateStatement makes it RETURNS SETOF row_type.
    bool pipelined = false;
    std::string row_type;
    std::string body;   // everything after IS/AS, ending with END ...;
    int body_line = 1;  // line of IS/AS within the statement: the body's line 1
};

// Parses "CREATE [OR REPLACE] [EDITIONABLE | NONEDITIONABLE | EDITIONING]
// FUNCTION|PROCEDURE name [(params)] [RETURN t] [AUTHID ... | DETERMINISTIC |
// PARALLEL_ENABLE [(...)] | RESULT_CACHE [RELIES_ON (...)] | ACCESSIBLE BY
// (...) | SHARING = ...]... IS|AS body". Type names go through `map_type` (Oracle -> PostgreSQL).
// Throws SyntaxError (line relative to the statement) when it is not one.
OracleSubprogram ParseOracleSubprogram(const std::string &text,
                                       const std::function<std::string(const std::string &)> &map_type);

// What a SQL*Plus command line means inside the server.
struct SqlPlusCommand {
    enum class Effect {
        Block,     // run `text` as an anonymous block (EXEC[UTE] stmt = BEGIN stmt; END;)
        Sql,       // run `text` as SQL (SET SERVEROUTPUT ON = SET plpolar.serveroutput = on)
        Prompt,    // send `text` to the client as a line
        NoEffect,  // accepted; `action` says why nothing happens here
        Exit,      // EXIT / QUIT: the rest of the script is not run
        Refused,   // cannot be honoured in the server; `action` says why
    };
    Effect effect = Effect::NoEffect;
    std::string text;
    std::string action;  // the result row's action
};
SqlPlusCommand TranslateSqlPlus(const std::string &line);

// The SQL*Plus command `word` names, in full and upper case, abbreviations
// included as SQL*Plus takes them (PRO, SPO, STA, DESC, DISC, ...); empty for
// any other word.
std::string SqlPlusCommandName(const std::string &word);

// A dollar-quote tag ($plpolar$, $plpolar1$, ...) that does not occur in `body`.
std::string DollarTagFor(const std::string &body);

// A transaction statement of an Oracle script, which plpolar.exec honours
// itself (the script runs inside the caller's transaction, where SPI refuses
// them): COMMIT [WORK] [COMMENT '...'] [WRITE ...] (or END), ROLLBACK [WORK],
// ROLLBACK [WORK] TO [SAVEPOINT] name, SAVEPOINT name. Anything else, also
// PostgreSQL's BEGIN / RELEASE / PREPARE TRANSACTION, is kind None; COMMIT
// FORCE and ROLLBACK FORCE (in-doubt distributed transactions) are Refused.
struct TransactionCommand {
    enum class Kind { None, Commit, Rollback, RollbackTo, Savepoint, Refused };
    Kind kind = Kind::None;
    std::string name;  // savepoint name, case-folded to upper as Oracle does unless quoted
};
TransactionCommand ParseTransactionCommand(const std::string &sql);

// The DO statement that runs an anonymous block.
std::string ToDoStatement(const std::string &block);

// The PostgreSQL statement for a parsed subprogram. A definer-rights unit
// becomes SECURITY DEFINER with `definer_search_path` pinned (the creator's
// path as it resolves at creation, see pg::FrozenSearchPath).
std::string ToCreateStatement(const OracleSubprogram &sub, const std::string &definer_search_path);

}  // namespace plpolar::parser
