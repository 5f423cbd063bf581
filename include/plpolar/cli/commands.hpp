// SQL*Plus commands as the plpolar client understands them: the settings
// SET changes, WHENEVER and EXIT, and the words of a command line. Free of
// libpq: unit-tested alone.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace plpolar::cli {

// How EXIT, QUIT and WHENEVER ... EXIT end the program.
struct ExitAction {
    enum class Code { Success, Failure, Warning, Number, SqlCode, OsCode, Variable };
    // Default: COMMIT unless SET EXITCOMMIT OFF.
    enum class Transaction { Default, Commit, Rollback, None };
    Code code = Code::Success;
    int number = 0;
    std::string variable;  // a substitution variable holding the code
    Transaction transaction = Transaction::Default;
};

// WHENEVER SQLERROR | OSERROR {EXIT ... | CONTINUE [COMMIT | ROLLBACK | NONE]}.
struct Whenever {
    bool oserror = false;
    bool exit = false;
    ExitAction action;  // for CONTINUE only `transaction` counts (default None)
};

// The column settings of COLUMN name FORMAT An / HEADING text.
struct ColumnFormat {
    int width = 0;  // FORMAT An; 0: not set
    std::string heading;
    bool noprint = false;   // NOPRINT: not shown
    std::string new_value;  // NEW_VALUE v: the substitution variable the last row's value goes to
};

struct Settings {
    bool echo = false;
    int feedback = 6;  // 0: OFF; a query's row count shows from this many rows
    bool heading = true;
    int pagesize = 14;  // 0: no headings
    int linesize = 80;
    bool timing = false;
    bool autocommit = false;
    bool serveroutput = false;
    bool verify = true;
    bool termout = true;
    bool exitcommit = true;
    std::string null_text;
    std::string colsep = " ";
    char underline = '-';                         // 0: no underline
    std::map<std::string, ColumnFormat> columns;  // upper-case column names
};

// Splits a command line into words: blanks separate, 'single' and "double"
// quoted words keep their blanks (the quotes removed).
std::vector<std::string> Words(const std::string &line);

// Small text helpers the client's files share.
std::string Upper(std::string s);
std::string Lower(std::string s);
std::string Trim(const std::string &s);  // blanks, tabs and line ends off both sides
std::string Capitalised(std::string s);  // "TABLE" -> "Table"

// `word` is `full` or an abbreviation of it at least `min` characters long
// (SQL*Plus's SERVEROUT for SERVEROUTPUT, FEED for FEEDBACK).
bool Abbreviates(const std::string &word, const char *full, size_t min);

// EXIT / QUIT's arguments, WHENEVER's. Throw std::invalid_argument with
// SQL*Plus's complaint for anything else.
ExitAction ParseExit(const std::vector<std::string> &words, size_t from);
Whenever ParseWhenever(const std::vector<std::string> &words);

// What SET did for the caller to finish.
struct SetResult {
    bool serveroutput_changed = false;  // tell the server (plpolar.serveroutput)
    std::optional<std::string> define;  // SET DEFINE / SCAN's value: the substitution state's
};
// SET option value ... applied to `settings`; throws std::invalid_argument
// (SP2-0158 unknown option, SP2-0268 bad value).
SetResult ApplySet(const std::vector<std::string> &words, Settings &settings);

// SHOW option for the settings this file knows (nullopt for others).
std::optional<std::string> ShowSetting(const std::string &option, const Settings &settings);

// COLUMN name [FORMAT An] [HEADING text] [CLEAR]; other clauses
// (number formats, NOPRINT, WRAP, ...) are accepted without effect.
void ApplyColumn(const std::vector<std::string> &words, Settings &settings);

}  // namespace plpolar::cli
