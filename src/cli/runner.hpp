// The plpolar client's script runner: SQL*Plus's execution model on libpq.
// Statements come from the project's script splitter (parser::SplitScript)
// and SQL goes through plpolar.exec or plpolar.translate_sql, so that a
// script means here what it means to plpolar.exec.
#pragma once

#include <libpq-fe.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "plpolar/cli/commands.hpp"
#include "plpolar/cli/connect.hpp"
#include "plpolar/cli/report.hpp"
#include "plpolar/parser/script.hpp"
#include "plpolar/parser/substitution.hpp"

namespace plpolar::cli {

struct Options {
    bool silent = false;
    std::optional<Logon> logon;                                   // the positional logon argument
    std::vector<std::pair<std::string, std::string>> connection;  // -h -p -U -d
    bool ask_password = false;                                    // -W
    std::optional<std::string> script;                            // @file
    std::vector<std::string> arguments;                           // &1, &2, ...
};

struct ConnectionDeleter {
    void operator()(PGconn *c) const { PQfinish(c); }
};
struct ResultDeleter {
    void operator()(PGresult *r) const { PQclear(r); }
};
struct FileCloser {
    void operator()(std::FILE *f) const { std::fclose(f); }
};
using Connection = std::unique_ptr<PGconn, ConnectionDeleter>;
using File = std::unique_ptr<std::FILE, FileCloser>;
using Result = std::unique_ptr<PGresult, ResultDeleter>;

// A line from standard input after `prompt` (on the terminal, without echo
// when `hide`); nullopt at the end of the input.
std::optional<std::string> ReadLine(const std::string &prompt, bool hide);

class Runner {
public:
    explicit Runner(Options options);
    // Runs the script (or standard input) and returns the exit status.
    int Run();

    // Output: to the terminal (unless TERMOUT is off inside a script) and
    // to the spool file.
    void Print(const std::string &text);
    void PrintLine(const std::string &line) { Print(line + "\n"); }
    void ReceiveNotice(const PGresult *notice);

private:
    struct Frame {
        std::string name;       // as shown in error locations
        std::string directory;  // for @@
    };
    struct LastCompile {
        UnitName unit;
        std::vector<CompileError> errors;
    };

    bool Connect(const std::vector<std::pair<std::string, std::string>> &params, const std::string &note);
    // -h -p -U -d and a logon argument, as libpq keywords.
    std::vector<std::pair<std::string, std::string>> ConnectionParams(const Logon &logon) const;
    void RunText(const std::string &text, const Frame &frame);
    bool RunFile(const std::string &written, const std::string &base_directory, const std::vector<std::string> &args);
    void Interactive();
    void RunStatement(const parser::ScriptStatement &stmt, const Frame &frame);
    void RunCommand(const std::string &text, const parser::ScriptStatement &stmt, const Frame &frame);
    void RunSql(const std::string &text, parser::ScriptStatementKind kind, const parser::ScriptStatement &stmt,
                const Frame &frame);
    bool RunTransactionCommand(const std::string &text, const parser::ScriptStatement &stmt, const Frame &frame);
    void Describe(const std::string &object, const parser::ScriptStatement &stmt, const Frame &frame);
    void ShowErrors(const std::vector<std::string> &words);
    std::string SubstituteLine(const std::string &text, bool *failed);

    // Server round trips.
    Result Exec(const std::string &sql);
    Result ExecParams(const std::string &sql, const std::vector<std::optional<std::string>> &params);
    bool Ok(const Result &r) const;
    bool InTransaction() const;
    bool EnsureTransaction();
    // COMMIT or ROLLBACK of the open transaction; false for a COMMIT that
    // failed (reported, with WHENEVER SQLERROR).
    bool EndTransaction(bool commit);
    void Replay();
    Result ExecOwn(const std::string &sql, const std::vector<std::optional<std::string>> &params = {});
    void RunSetTransaction(const std::string &text, const parser::ScriptStatement &stmt, const Frame &frame);
    void SqlError(const Result &r, parser::ScriptStatementKind kind, const std::string &text,
                  const parser::ScriptStatement &stmt, const Frame &frame, int prefix_lines, const std::string &query);
    void ReportSqlError(const std::string &report, int code, const parser::ScriptStatement &stmt, int line,
                        const Frame &frame);
    void SqlPlusError(const std::string &message);
    void OsError(const std::string &message, int os_code);
    void Exit(const ExitAction &action);
    void Feedback(const std::string &line);
    void Elapsed(std::chrono::steady_clock::time_point start);
    void Progress(const Frame &frame, size_t done, size_t total);
    void ClearProgress();
    bool NotConnected();

    Options options_;
    Settings settings_;
    parser::SubstitutionState substitution_;
    Whenever sqlerror_;
    Whenever oserror_;
    Connection conn_;
    // Where the runner is, for errors outside any statement (a COMMIT at EXIT).
    std::string current_file_;
    int current_line_ = 1;
    bool has_extension_ = false;
    Oid number_type_ = 0;  // plpolar's NUMBER: right-aligned like numeric
    // Session settings made inside the open transaction, made again if it
    // rolls back (Oracle's ALTER SESSION and SET SERVEROUTPUT are not
    // transactional; PostgreSQL's SET is): Oracle's statements go through
    // plpolar.exec again.
    struct ReplayEntry {
        std::string sql;
        bool through_exec;
    };
    std::vector<ReplayEntry> replay_;
    std::optional<LastCompile> last_compile_;
    int last_sqlcode_ = 0;
    int last_oscode_ = 0;
    bool exiting_ = false;
    int exit_status_ = 0;
    int depth_ = 0;
    bool reading_stdin_ = false;  // the script comes from standard input
    File spool_;
    std::string spool_name_;
    bool progress_shown_ = false;
    bool blank_before_ = true;  // the output so far ends with an empty line (or is empty)
    bool ends_line_ = true;
    std::chrono::steady_clock::time_point script_start_;
    std::chrono::steady_clock::time_point last_progress_;
};

}  // namespace plpolar::cli
