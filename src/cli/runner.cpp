#include "runner.hpp"

#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>

#include "plpolar/parser/parser.hpp"

namespace plpolar::cli {

namespace {

void NoticeReceiver(void *arg, const PGresult *notice) { static_cast<Runner *>(arg)->ReceiveNotice(notice); }

std::string Field(const PGresult *r, int code) {
    const char *v = PQresultErrorField(r, code);
    return v != nullptr ? v : "";
}

// The first word of a statement, upper case (after opening parentheses).
std::string FirstWord(const std::string &text, size_t skip_words = 0) {
    size_t i = 0;
    std::string word;
    for (size_t k = 0; k <= skip_words; ++k) {
        while (i < text.size() && (std::isspace(static_cast<unsigned char>(text[i])) || text[i] == '(')) ++i;
        size_t b = i;
        while (i < text.size() && (std::isalnum(static_cast<unsigned char>(text[i])) || text[i] == '_')) ++i;
        word = Upper(text.substr(b, i - b));
    }
    return word;
}

bool IsQuery(const std::string &text) {
    std::string w = FirstWord(text);
    return w == "SELECT" || w == "WITH" || w == "VALUES" || w == "TABLE" || w == "SHOW" || w == "EXPLAIN";
}

// Oracle commits before and after DDL; PL units are DDL too.
bool IsDdl(parser::ScriptStatementKind kind, const std::string &text) {
    switch (kind) {
        case parser::ScriptStatementKind::OracleSubprogram:
        case parser::ScriptStatementKind::OraclePackage:
        case parser::ScriptStatementKind::OracleTrigger: return true;
        case parser::ScriptStatementKind::AnonymousBlock:
        case parser::ScriptStatementKind::SqlPlus: return false;
        case parser::ScriptStatementKind::Sql: break;
    }
    std::string w = FirstWord(text);
    if (w == "ALTER") {
        std::string what = FirstWord(text, 1);
        return what != "SESSION" && what != "SYSTEM";
    }
    return w == "CREATE" || w == "DROP" || w == "TRUNCATE" || w == "GRANT" || w == "REVOKE" || w == "COMMENT" ||
           w == "RENAME" || w == "ANALYZE" || w == "AUDIT" || w == "NOAUDIT" || w == "PURGE" || w == "FLASHBACK";
}

// Session settings, which Oracle does not undo with a ROLLBACK.
bool IsSessionSetting(parser::ScriptStatementKind kind, const std::string &text) {
    if (kind != parser::ScriptStatementKind::Sql) return false;
    std::string w = FirstWord(text);
    return (w == "ALTER" && FirstWord(text, 1) == "SESSION") || (w == "SET" && FirstWord(text, 1) != "TRANSACTION");
}

bool ReadWholeFile(const std::string &path, std::string *out) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::ostringstream ss;
    ss << in.rdbuf();
    *out = ss.str();
    return true;
}

std::string DirectoryOf(const std::string &path) {
    size_t slash = path.rfind('/');
    if (slash == std::string::npos) return ".";
    return slash == 0 ? "/" : path.substr(0, slash);
}

std::string CurrentDirectory() {
    char buf[4096];
    return getcwd(buf, sizeof(buf)) != nullptr ? std::string(buf) : std::string(".");
}

std::string QuoteIdentifier(const std::string &name) {
    std::string out = "\"";
    for (char c : name) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

}  // namespace

// A password from the terminal (not standard input, which may be the
// script), without echo; nullopt when there is no terminal.
std::optional<std::string> ReadPassword(const std::string &prompt) {
    File tty(std::fopen("/dev/tty", "r+"));
    if (!tty) return std::nullopt;
    std::fputs(prompt.c_str(), tty.get());
    std::fflush(tty.get());
    int fd = fileno(tty.get());
    termios old{};
    const bool noecho = tcgetattr(fd, &old) == 0;
    if (noecho) {
        termios quiet = old;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        tcsetattr(fd, TCSAFLUSH, &quiet);
    }
    std::string line;
    int c;
    while ((c = std::fgetc(tty.get())) != EOF && c != '\n') line += static_cast<char>(c);
    if (noecho) tcsetattr(fd, TCSAFLUSH, &old);
    std::fputs("\n", tty.get());
    if (c == EOF && line.empty()) return std::nullopt;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
}

// A line from standard input (ACCEPT, substitution prompts; HIDE without echo).
std::optional<std::string> ReadLine(const std::string &prompt, bool hide) {
    const bool tty = isatty(STDIN_FILENO) != 0;
    if (tty || !prompt.empty()) {
        std::fputs(prompt.c_str(), tty ? stderr : stdout);
        std::fflush(tty ? stderr : stdout);
    }
    termios old{};
    const bool noecho = hide && tty && tcgetattr(STDIN_FILENO, &old) == 0;
    if (noecho) {
        termios quiet = old;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    std::string line;
    const bool got = static_cast<bool>(std::getline(std::cin, line));
    if (noecho) {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
        std::fputs("\n", stderr);
    }
    if (!got) return std::nullopt;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
}

Runner::Runner(Options options) : options_(std::move(options)) {}

void Runner::ClearProgress() {
    if (!progress_shown_) return;
    std::fputs("\r\033[K", stderr);
    std::fflush(stderr);
    progress_shown_ = false;
}

void Runner::Progress(const Frame &frame, size_t done, size_t total) {
    // Only on a terminal, and only for scripts that take a while.
    if (isatty(STDERR_FILENO) == 0 || (isatty(STDIN_FILENO) != 0 && !options_.script)) return;
    auto now = std::chrono::steady_clock::now();
    if (now - script_start_ < std::chrono::seconds(1) || now - last_progress_ < std::chrono::milliseconds(200)) return;
    last_progress_ = now;
    std::fprintf(stderr, "\r\033[K%s: statement %zu of %zu", frame.name.c_str(), done, total);
    std::fflush(stderr);
    progress_shown_ = true;
}

void Runner::Print(const std::string &text) {
    ClearProgress();
    if (text.empty()) return;
    blank_before_ = text.size() >= 2 ? text.compare(text.size() - 2, 2, "\n\n") == 0
                                     : text == "\n" && (ends_line_ || blank_before_);
    ends_line_ = text.back() == '\n';
    if (settings_.termout || depth_ == 0) {
        std::fwrite(text.data(), 1, text.size(), stdout);
        std::fflush(stdout);
    }
    if (spool_ &&
        (std::fwrite(text.data(), 1, text.size(), spool_.get()) != text.size() || std::fflush(spool_.get()) != 0)) {
        int err = errno;
        spool_.reset();  // before the message, which would be spooled too
        OsError("SP2-0308: cannot write the spool file " + spool_name_ + ": " + std::strerror(err), err);
        spool_name_.clear();
    }
}

void Runner::ReceiveNotice(const PGresult *notice) {
    std::string severity = Field(notice, PG_DIAG_SEVERITY);
    std::string message = Field(notice, PG_DIAG_MESSAGE_PRIMARY);
    if (severity.empty()) {
        // A DBMS_OUTPUT line (plpolar.serveroutput): plain, as SQL*Plus prints it.
        PrintLine(message);
        return;
    }
    if (options_.silent && severity != "WARNING") return;
    ClearProgress();
    std::fprintf(stderr, "%s:  %s\n", severity.c_str(), message.c_str());
}

Result Runner::Exec(const std::string &sql) { return Result(PQexec(conn_.get(), sql.c_str())); }

Result Runner::ExecParams(const std::string &sql, const std::vector<std::optional<std::string>> &params) {
    std::vector<const char *> values;
    for (const auto &p : params) values.push_back(p ? p->c_str() : nullptr);
    return Result(PQexecParams(conn_.get(), sql.c_str(), static_cast<int>(values.size()), nullptr, values.data(),
                               nullptr, nullptr, 0));
}

bool Runner::Ok(const Result &r) const {
    if (!r) return false;
    ExecStatusType s = PQresultStatus(r.get());
    return s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK || s == PGRES_EMPTY_QUERY;
}

bool Runner::NotConnected() {
    if (conn_) return false;
    SqlPlusError("SP2-0640: Not connected");
    return true;
}

bool Runner::InTransaction() const {
    // The server's word, not a flag of ours: an error the client did not
    // see coming still leaves the transaction open (and aborted).
    return conn_ && PQtransactionStatus(conn_.get()) != PQTRANS_IDLE;
}

bool Runner::EnsureTransaction() {
    if (InTransaction()) return true;
    Result r = Exec("BEGIN");
    return Ok(r);
}

void Runner::Replay() {
    for (const ReplayEntry &entry : replay_) {
        Result again = entry.through_exec ? ExecParams("SELECT plpolar.exec($1)", {"SET DEFINE OFF\n" + entry.sql})
                                          : Exec(entry.sql);
    }
}

bool Runner::EndTransaction(bool commit) {
    if (!conn_ || !InTransaction()) return true;
    const bool aborted = PQtransactionStatus(conn_.get()) == PQTRANS_INERROR;
    Result r = Exec(commit ? "COMMIT" : "ROLLBACK");
    // A COMMIT that fails (a deferred constraint) or that PostgreSQL answers
    // with ROLLBACK (the transaction had failed) lost the work: an error.
    const bool ok = Ok(r) && !(commit && (aborted || std::strcmp(PQcmdStatus(r.get()), "ROLLBACK") == 0));
    if (commit && !ok) {
        parser::ScriptStatement here;
        here.line = current_line_;
        Frame where{current_file_.empty() ? std::string("(end of input)") : current_file_, "."};
        if (!Ok(r))
            SqlError(r, parser::ScriptStatementKind::Sql, "COMMIT", here, where, 0, std::string());
        else
            ReportSqlError("ERROR:\nORA-02091: transaction rolled back\n(an earlier error had aborted it)\n", 2091,
                           here, 1, where);
    }
    if (!commit || !ok) Replay();  // session settings outlive a rollback, as Oracle's
    replay_.clear();
    return ok;
}

// One of the client's own queries (DESCRIBE, SHOW, error texts): in a
// savepoint of its own inside a transaction, so that it can never abort the
// user's.
Result Runner::ExecOwn(const std::string &sql, const std::vector<std::optional<std::string>> &params) {
    const bool guard = InTransaction() && PQtransactionStatus(conn_.get()) == PQTRANS_INTRANS;
    if (guard) Result sp = Exec("SAVEPOINT plpolar_client");
    Result r = ExecParams(sql, params);
    if (guard) {
        if (!Ok(r)) Result back = Exec("ROLLBACK TO SAVEPOINT plpolar_client");
        Result release = Exec("RELEASE SAVEPOINT plpolar_client");
    }
    return r;
}

std::vector<std::pair<std::string, std::string>> Runner::ConnectionParams(const Logon &logon) const {
    std::vector<std::pair<std::string, std::string>> params;
    // libpq expands only the first dbname: a conninfo or URI logon must be it.
    for (const auto &p : options_.connection)
        if (!(logon.conninfo && p.first == "dbname")) params.push_back(p);
    if (logon.conninfo)
        params.insert(params.begin(), logon.params.begin(), logon.params.end());
    else
        params.insert(params.end(), logon.params.begin(), logon.params.end());
    return params;
}

bool Runner::Connect(const std::vector<std::pair<std::string, std::string>> &params, const std::string &note) {
    conn_.reset();
    replay_.clear();
    std::vector<std::pair<std::string, std::string>> all = params;
    all.emplace_back("fallback_application_name", "plpolar");
    auto has = [&](const char *key) {
        for (const auto &p : all)
            if (p.first == key) return true;
        return false;
    };
    if (options_.ask_password && !has("password")) {
        if (std::optional<std::string> pw = ReadPassword("Enter password: ")) all.emplace_back("password", *pw);
    }
    for (int attempt = 0; attempt < 2; ++attempt) {
        std::vector<const char *> keys;
        std::vector<const char *> values;
        for (const auto &p : all) {
            keys.push_back(p.first.c_str());
            values.push_back(p.second.c_str());
        }
        keys.push_back(nullptr);
        values.push_back(nullptr);
        Connection c(PQconnectdbParams(keys.data(), values.data(), 1));
        if (c && PQstatus(c.get()) == CONNECTION_OK) {
            conn_ = std::move(c);
            break;
        }
        // libpq never prompts; SQL*Plus asks for the password it needs.
        if (attempt == 0 && c && PQconnectionNeedsPassword(c.get()) && !has("password")) {
            if (std::optional<std::string> pw = ReadPassword("Enter password: ")) {
                all.emplace_back("password", *pw);
                continue;
            }
        }
        std::string message = c ? PQerrorMessage(c.get()) : "out of memory";
        bool auth = message.find("authentication failed") != std::string::npos ||
                    message.find("no password supplied") != std::string::npos;
        std::string report = "ERROR:\n";
        if (auth) report += "ORA-01017: invalid username/password; logon denied\n";
        report += Trim(message) + "\n";
        Print(report + "\n");
        last_sqlcode_ = auth ? 1017 : 12541;
        return false;
    }
    PQsetNoticeReceiver(conn_.get(), NoticeReceiver, this);
    // The extension's own functions only: a schema named plpolar that
    // someone else made would receive every statement.
    Result r = Exec(
        "SELECT EXISTS (SELECT FROM pg_catalog.pg_depend d JOIN pg_catalog.pg_extension e "
        "ON d.refobjid OPERATOR(pg_catalog.=) e.oid "
        "WHERE e.extname OPERATOR(pg_catalog.=) 'plpolar' AND d.deptype OPERATOR(pg_catalog.=) 'e' "
        "AND d.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_proc'::pg_catalog.regclass "
        "AND d.objid OPERATOR(pg_catalog.=) pg_catalog.to_regprocedure('plpolar.translate_sql(text)')), "
        "pg_catalog.current_setting('server_version'), "
        "coalesce(pg_catalog.to_regtype('pg_catalog.number')::pg_catalog.oid, 0), "
        "pg_catalog.upper(CURRENT_USER::pg_catalog.text), pg_catalog.current_database(), "
        "pg_catalog.to_char(pg_catalog.now(), 'DD-MON-YY'), "
        "pg_catalog.current_setting('server_version_num')");
    has_extension_ = Ok(r) && PQntuples(r.get()) == 1 && std::strcmp(PQgetvalue(r.get(), 0, 0), "t") == 0;
    number_type_ =
        Ok(r) && PQntuples(r.get()) == 1 ? static_cast<Oid>(std::strtoul(PQgetvalue(r.get(), 0, 2), nullptr, 10)) : 0;
    if (!options_.silent) {
        Print(std::string("\nConnected to:\nPostgreSQL ") + (Ok(r) ? PQgetvalue(r.get(), 0, 1) : "") + "\n\n");
        if (!note.empty()) std::fprintf(stderr, "plpolar: %s\n", note.c_str());
    }
    if (!has_extension_)
        std::fprintf(stderr,
                     "plpolar: database \"%s\" has no plpolar extension of version 1.7 or later (CREATE EXTENSION "
                     "plpolar, or ALTER EXTENSION plpolar UPDATE): statements go to PostgreSQL unchanged\n",
                     PQdb(conn_.get()));
    if (Ok(r) && PQntuples(r.get()) == 1) {
        // SQL*Plus's predefined variables.
        substitution_.variables["_USER"] = PQgetvalue(r.get(), 0, 3);
        substitution_.variables["_CONNECT_IDENTIFIER"] = PQgetvalue(r.get(), 0, 4);
        substitution_.variables["_DATE"] = PQgetvalue(r.get(), 0, 5);
        substitution_.variables["_PRIVILEGE"] = "";
        substitution_.variables["_O_VERSION"] = std::string("PostgreSQL ") + PQgetvalue(r.get(), 0, 1);
        substitution_.variables["_O_RELEASE"] = PQgetvalue(r.get(), 0, 6);
        substitution_.variables["_SQLPLUS_RELEASE"] = "0107000000";
    }
    if (settings_.serveroutput) Result on = Exec("SET plpolar.serveroutput = on");
    return true;
}

int Runner::Run() {
    script_start_ = std::chrono::steady_clock::now();
    for (size_t i = 0; i < options_.arguments.size(); ++i)
        substitution_.variables[std::to_string(i + 1)] = options_.arguments[i];
    sqlerror_.action.transaction = ExitAction::Transaction::None;
    oserror_.action.transaction = ExitAction::Transaction::None;
    if (!options_.logon || !options_.logon->nolog) {
        std::vector<std::pair<std::string, std::string>> params = options_.connection;
        std::string note;
        if (options_.logon) {
            params = ConnectionParams(*options_.logon);
            note = options_.logon->note;
        }
        if (!Connect(params, note)) return 1;
    }
    if (options_.script) {
        if (!RunFile(*options_.script, ".", {}) && !exiting_) {
            ClearProgress();
            EndTransaction(true);
            return 1;
        }
    } else if (isatty(STDIN_FILENO) != 0) {
        Interactive();
    } else {
        reading_stdin_ = true;
        std::ostringstream ss;
        ss << std::cin.rdbuf();
        RunText(ss.str(), Frame{"(standard input)", CurrentDirectory()});
    }
    if (!exiting_) {
        // The end of the input is EXIT: commit, unless SET EXITCOMMIT OFF.
        current_file_.clear();
        Exit(ExitAction{});
    }
    ClearProgress();
    return exit_status_;
}

bool Runner::RunFile(const std::string &written, const std::string &base, const std::vector<std::string> &args) {
    std::string path = written;
    size_t slash = path.rfind('/');
    // SQL*Plus's SUFFIX: a name without an extension is name.sql.
    if (path.find('.', slash == std::string::npos ? 0 : slash + 1) == std::string::npos) path += ".sql";
    if (path[0] != '/' && base != ".") path = base + "/" + path;
    if (depth_ >= 20) {
        SqlPlusError("SP2-0309: SQL*Plus command procedures may only be nested to a depth of 20.");
        return false;
    }
    std::string text;
    struct stat st {};
    if (stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
        OsError("SP2-0310: unable to open file \"" + path + "\": it is a directory", EISDIR);
        return false;
    }
    if (!ReadWholeFile(path, &text)) {
        int err = errno;
        OsError(
            "SP2-0310: unable to open file \"" + path + "\"" + (err != 0 ? std::string(": ") + std::strerror(err) : ""),
            err);
        return false;
    }
    for (size_t i = 0; i < args.size(); ++i) substitution_.variables[std::to_string(i + 1)] = args[i];
    ++depth_;
    RunText(text, Frame{path, DirectoryOf(path)});
    --depth_;
    return true;
}

void Runner::RunText(const std::string &text, const Frame &frame) {
    std::vector<parser::ScriptStatement> statements;
    std::optional<parser::SyntaxError> broken;
    try {
        statements = parser::SplitScript(text);
    } catch (const parser::SyntaxError &e) {
        // SQL*Plus runs what comes before a quote or comment that never
        // ends: the statements complete before its line.
        broken = e;
        size_t cut = 0;
        for (int n = 1; n < e.line() && cut != std::string::npos; ++n) {
            cut = text.find('\n', cut);
            if (cut != std::string::npos) ++cut;
        }
        std::string before = cut == std::string::npos ? text : text.substr(0, cut);
        try {
            statements = parser::SplitScript(before);
        } catch (const parser::SyntaxError &) {
            statements.clear();
        }
        std::string tail = Trim(before);
        const bool last_complete = !tail.empty() && (tail.back() == ';' || tail.back() == '/');
        if (!statements.empty() && !last_complete && statements.back().kind != parser::ScriptStatementKind::SqlPlus)
            statements.pop_back();
    }
    for (size_t i = 0; i < statements.size() && !exiting_; ++i) {
        Progress(frame, i + 1, statements.size());
        RunStatement(statements[i], frame);
    }
    if (broken && !exiting_) {
        parser::ScriptStatement stmt;
        stmt.line = broken->line();
        const std::string what = broken->what();
        const bool quote = what.find("quote") != std::string::npos || what.find("string") != std::string::npos;
        // ORA-01756: quoted string not properly terminated
        ReportSqlError(std::string("ERROR at line 1:\n") + (quote ? "ORA-01756: " : "ORA-00900: ") + what + "\n",
                       quote ? 1756 : 900, stmt, 1, frame);
    }
    current_file_ = frame.name;
}

void Runner::Interactive() {
    std::string buffer;
    int line_number = 0;
    std::optional<parser::ScriptStatement> last;
    Frame frame{"(terminal)", CurrentDirectory()};
    while (!exiting_) {
        std::string prompt = options_.silent ? "" : line_number == 0 ? "SQL> " : std::to_string(line_number + 1) + "  ";
        std::optional<std::string> line = ReadLine(prompt, false);
        if (!line) break;
        std::string trimmed = Trim(*line);
        if (line_number == 0 && trimmed.empty()) continue;
        if (line_number == 0 && trimmed == "/") {
            // Run the buffer again.
            if (last) RunStatement(*last, frame);
            continue;
        }
        if (line_number > 0 && trimmed == ".") {  // SQL*Plus: end the input, keep it for '/'
            try {
                std::vector<parser::ScriptStatement> kept = parser::SplitScript(buffer);
                if (!kept.empty()) last = kept.front();
            } catch (const parser::SyntaxError &) {
            }
            buffer.clear();
            line_number = 0;
            continue;
        }
        buffer += *line + "\n";
        ++line_number;
        std::vector<parser::ScriptStatement> statements;
        try {
            statements = parser::SplitScript(buffer);
        } catch (const parser::SyntaxError &) {
            continue;  // an open quote or comment: read on
        }
        if (statements.empty()) {
            buffer.clear();
            line_number = 0;
            continue;
        }
        const parser::ScriptStatement &first = statements.front();
        // The line without a trailing -- comment: "select 1 from dual; -- why".
        std::string t = trimmed;
        if (size_t dash = t.find("--"); dash != std::string::npos && t.find('\'') == std::string::npos)
            t = Trim(t.substr(0, dash));
        bool complete = false;
        switch (first.kind) {
            case parser::ScriptStatementKind::SqlPlus: complete = true; break;
            case parser::ScriptStatementKind::Sql: complete = (!t.empty() && t.back() == ';') || trimmed == "/"; break;
            case parser::ScriptStatementKind::OracleSubprogram:
            case parser::ScriptStatementKind::OraclePackage:
            case parser::ScriptStatementKind::OracleTrigger:
            case parser::ScriptStatementKind::AnonymousBlock: complete = trimmed == "/"; break;
        }
        if (!complete) continue;
        for (const parser::ScriptStatement &stmt : statements) {
            if (exiting_) break;
            RunStatement(stmt, frame);
            if (stmt.kind != parser::ScriptStatementKind::SqlPlus) last = stmt;
        }
        buffer.clear();
        line_number = 0;
    }
}

std::string Runner::SubstituteLine(const std::string &text, bool *failed) {
    *failed = false;
    parser::AskVariable ask = [this](const std::string &name, bool define) -> std::optional<std::string> {
        // SQL*Plus prompts; a script read from standard input has no one to ask.
        if (reading_stdin_) return std::nullopt;
        std::optional<std::string> value = ReadLine("Enter value for " + name + ": ", false);
        if (value && define) substitution_.variables[Upper(name)] = *value;
        return value;
    };
    try {
        return parser::Substitute(text, substitution_, ask);
    } catch (const parser::SyntaxError &e) {
        *failed = true;
        SqlPlusError(std::string("SP2-0546: ") + e.what());
        return text;
    }
}

void Runner::RunSetTransaction(const std::string &text, const parser::ScriptStatement &stmt, const Frame &frame) {
    // SET TRANSACTION starts a transaction, as its first statement (ORA-01453
    // otherwise); PostgreSQL wants it right after BEGIN, outside savepoints.
    if (InTransaction()) {
        ReportSqlError("ERROR at line 1:\nORA-01453: SET TRANSACTION must be first statement of transaction\n", 1453,
                       stmt, 1, frame);
        return;
    }
    std::string upper = Upper(text);
    if (upper.find(" NAME ") != std::string::npos || upper.find("ROLLBACK SEGMENT") != std::string::npos) {
        // NAME 'x' and USE ROLLBACK SEGMENT s only label or place Oracle's undo.
        Feedback("Transaction set.");
        return;
    }
    EnsureTransaction();
    Result r = Exec(text);
    if (!Ok(r)) {
        SqlError(r, parser::ScriptStatementKind::Sql, text, stmt, frame, 0, text);
        EndTransaction(false);
        return;
    }
    Feedback("Transaction set.");
}

void Runner::RunStatement(const parser::ScriptStatement &stmt, const Frame &frame) {
    current_file_ = frame.name;
    current_line_ = stmt.line;
    const bool remark = stmt.kind == parser::ScriptStatementKind::SqlPlus &&
                        parser::SqlPlusCommandName(FirstWord(stmt.text)) == "REMARK";
    if (settings_.echo && depth_ > 0) PrintLine((options_.silent ? "" : "SQL> ") + stmt.text);
    if (remark) return;
    bool failed = false;
    std::string text = SubstituteLine(stmt.text, &failed);
    if (failed) return;
    if (settings_.verify && text != stmt.text && stmt.kind != parser::ScriptStatementKind::SqlPlus) {
        // old / new of each line that changed, as SET VERIFY ON shows them.
        std::istringstream before(stmt.text);
        std::istringstream after(text);
        std::string a;
        std::string b;
        int n = 0;
        std::string out;
        while (std::getline(before, a)) {
            std::getline(after, b);
            ++n;
            if (a == b) continue;
            char num[16];
            std::snprintf(num, sizeof(num), "%4d", n);
            out += std::string("old") + num + ": " + a + "\n" + "new" + num + ": " + b + "\n";
        }
        Print(out);
    }
    if (stmt.kind == parser::ScriptStatementKind::SqlPlus) {
        RunCommand(text, stmt, frame);
        return;
    }
    for (int run = 0; run <= stmt.reruns && !exiting_; ++run) {
        if (stmt.kind == parser::ScriptStatementKind::Sql && RunTransactionCommand(text, stmt, frame)) continue;
        RunSql(text, stmt.kind, stmt, frame);
    }
}

bool Runner::RunTransactionCommand(const std::string &text, const parser::ScriptStatement &stmt, const Frame &frame) {
    parser::TransactionCommand tcl = parser::ParseTransactionCommand(text);
    switch (tcl.kind) {
        case parser::TransactionCommand::Kind::None: return false;
        case parser::TransactionCommand::Kind::Commit:
            if (NotConnected()) return true;
            if (EndTransaction(true)) Feedback("Commit complete.");
            return true;
        case parser::TransactionCommand::Kind::Rollback:
            if (NotConnected()) return true;
            EndTransaction(false);
            Feedback("Rollback complete.");
            return true;
        case parser::TransactionCommand::Kind::Savepoint: {
            if (NotConnected()) return true;
            EnsureTransaction();
            Result r = Exec("SAVEPOINT " + QuoteIdentifier(tcl.name));
            if (!Ok(r)) {
                SqlError(r, parser::ScriptStatementKind::Sql, text, stmt, frame, 0, std::string());
                return true;
            }
            Feedback("Savepoint created.");
            return true;
        }
        case parser::TransactionCommand::Kind::RollbackTo: {
            if (NotConnected()) return true;
            if (!InTransaction()) {
                ReportSqlError("ERROR at line 1:\nORA-01086: savepoint '" + tcl.name +
                                   "' never established in this session or is invalid\n",
                               1086, stmt, 1, frame);
                return true;
            }
            Result guard = Exec("SAVEPOINT plpolar_statement");
            Result r = Exec("ROLLBACK TO SAVEPOINT " + QuoteIdentifier(tcl.name));
            if (!Ok(r)) {
                Result back = Exec("ROLLBACK TO SAVEPOINT plpolar_statement");
                Result release = Exec("RELEASE SAVEPOINT plpolar_statement");
                ReportSqlError("ERROR at line 1:\nORA-01086: savepoint '" + tcl.name +
                                   "' never established in this session or is invalid\n",
                               1086, stmt, 1, frame);
                return true;
            }
            Replay();  // settings made after the savepoint stay
            Feedback("Rollback complete.");
            return true;
        }
        case parser::TransactionCommand::Kind::Refused:
            ReportSqlError(
                "ERROR at line 1:\nORA-02058: COMMIT FORCE and ROLLBACK FORCE (in-doubt distributed "
                "transactions) cannot be honoured: PostgreSQL ends prepared transactions with COMMIT "
                "PREPARED or ROLLBACK PREPARED\n",
                2058, stmt, 1, frame);
            return true;
    }
    return false;
}

void Runner::RunSql(const std::string &text, parser::ScriptStatementKind kind, const parser::ScriptStatement &stmt,
                    const Frame &frame) {
    if (NotConnected()) return;
    auto start = std::chrono::steady_clock::now();
    const bool query = kind == parser::ScriptStatementKind::Sql && IsQuery(text);
    const bool ddl = IsDdl(kind, text);
    if (kind == parser::ScriptStatementKind::Sql && FirstWord(text) == "SET" && FirstWord(text, 1) == "TRANSACTION") {
        RunSetTransaction(text, stmt, frame);
        return;
    }
    // Oracle commits the work before DDL; a commit that fails stops it.
    if (ddl && !EndTransaction(true)) return;
    if (exiting_) return;
    // A query outside a transaction opens none (as in Oracle, where only
    // changes do): the session does not sit idle in a transaction.
    const bool guarded = !(query && !InTransaction());
    if (guarded) {
        EnsureTransaction();
        Result guard = Exec("SAVEPOINT plpolar_statement");
    }
    Result r;
    int prefix_lines = 0;
    std::string query_text = text;
    if (query) {
        std::string sql = text;
        if (has_extension_) {
            Result t = ExecParams("SELECT plpolar.translate_sql($1)", {text});
            if (Ok(t) && PQntuples(t.get()) == 1)
                sql = PQgetvalue(t.get(), 0, 0);
            else
                r = std::move(t);
        }
        if (!r) {
            r = Exec(sql);
            query_text = sql;
        }
    } else if (has_extension_) {
        // plpolar.exec substitutes too: the client has done it already.
        r = ExecParams("SELECT action, rows FROM plpolar.exec($1)", {"SET DEFINE OFF\n" + text});
        prefix_lines = 1;
    } else {
        r = Exec(text);
    }
    if (!Ok(r)) {
        if (guarded) {
            Result back = Exec("ROLLBACK TO SAVEPOINT plpolar_statement");
            Result release = Exec("RELEASE SAVEPOINT plpolar_statement");
        }
        SqlError(r, kind, text, stmt, frame, prefix_lines, query_text);
        if (ddl && !exiting_) EndTransaction(true);
        Elapsed(start);
        return;
    }
    if (guarded) Result release = Exec("RELEASE SAVEPOINT plpolar_statement");
    if (PQresultStatus(r.get()) == PGRES_TUPLES_OK && query) {
        ResultTable table;
        const int ncols = PQnfields(r.get());
        for (int c = 0; c < ncols; ++c) {
            Oid type = PQftype(r.get(), c);
            // int2, int4, int8, float4, float8, numeric, oid, and plpolar's NUMBER
            bool numeric = type == 20 || type == 21 || type == 23 || type == 700 || type == 701 || type == 1700 ||
                           type == 26 || (number_type_ != 0 && type == number_type_);
            table.columns.push_back(ResultColumn{PQfname(r.get(), c), numeric});
        }
        const int nrows = PQntuples(r.get());
        table.rows.reserve(static_cast<size_t>(nrows));
        for (int i = 0; i < nrows; ++i) {
            std::vector<std::optional<std::string>> row;
            for (int c = 0; c < ncols; ++c)
                row.push_back(PQgetisnull(r.get(), i, c) ? std::nullopt
                                                         : std::optional<std::string>(PQgetvalue(r.get(), i, c)));
            table.rows.push_back(std::move(row));
        }
        Print(FormatTable(table, settings_));
        // COLUMN c NEW_VALUE v: the last row's value is &v.
        if (nrows > 0)
            for (int c = 0; c < ncols; ++c) {
                auto format = settings_.columns.find(Upper(PQfname(r.get(), c)));
                if (format == settings_.columns.end() || format->second.new_value.empty()) continue;
                substitution_.variables[format->second.new_value] =
                    PQgetisnull(r.get(), nrows - 1, c) ? std::string() : PQgetvalue(r.get(), nrows - 1, c);
            }
        std::string feedback = QueryFeedback(static_cast<size_t>(nrows), settings_);
        if (!feedback.empty()) PrintLine(feedback);
    } else {
        long long rows = 0;
        std::string action;
        if (has_extension_ && !query && PQntuples(r.get()) > 0) {
            int last = PQntuples(r.get()) - 1;
            action = PQgetvalue(r.get(), last, 0);
            rows = std::atoll(PQgetvalue(r.get(), last, 1));
        } else {
            rows = std::atoll(PQcmdTuples(r.get()));
        }
        // What plpolar.exec noted (clauses without an effect here).
        size_t notes = action.find("; ");
        if (notes != std::string::npos && !options_.silent) {
            ClearProgress();
            std::fprintf(stderr, "plpolar: %s\n", action.substr(notes + 2).c_str());
        }
        Feedback(StatementFeedback(kind, text, rows));
        if (std::optional<UnitName> unit = UnitOfCreate(text)) last_compile_ = LastCompile{*unit, {}};
    }
    if (IsSessionSetting(kind, text) && InTransaction()) replay_.push_back(ReplayEntry{text, has_extension_});
    if (ddl || settings_.autocommit) EndTransaction(true);
    Elapsed(start);
}

void Runner::SqlError(const Result &r, parser::ScriptStatementKind kind, const std::string &text,
                      const parser::ScriptStatement &stmt, const Frame &frame, int prefix_lines,
                      const std::string &query) {
    ServerError e;
    const PGresult *res = r.get();
    if (res == nullptr) {
        e.message = PQerrorMessage(conn_.get());
    } else {
        e.sqlstate = Field(res, PG_DIAG_SQLSTATE);
        e.message = Field(res, PG_DIAG_MESSAGE_PRIMARY);
        if (e.message.empty()) e.message = Trim(PQresultErrorMessage(res));
        e.detail = Field(res, PG_DIAG_MESSAGE_DETAIL);
        e.hint = Field(res, PG_DIAG_MESSAGE_HINT);
        e.context = Field(res, PG_DIAG_CONTEXT);
        std::string internal = Field(res, PG_DIAG_INTERNAL_QUERY);
        if (!internal.empty()) {
            e.query = internal;
            e.position = std::atoi(Field(res, PG_DIAG_INTERNAL_POSITION).c_str());
        } else {
            e.query = query;
            e.position = std::atoi(Field(res, PG_DIAG_STATEMENT_POSITION).c_str());
        }
        if (has_extension_ && !e.sqlstate.empty() && PQstatus(conn_.get()) == CONNECTION_OK) {
            auto opt = [&](int code) -> std::optional<std::string> {
                const char *v = PQresultErrorField(res, code);
                return v != nullptr ? std::optional<std::string>(v) : std::nullopt;
            };
            Result o = ExecOwn("SELECT plpolar.oracle_message($1, $2, $3, $4, $5, $6)",
                               {e.sqlstate, e.message, opt(PG_DIAG_SCHEMA_NAME), opt(PG_DIAG_TABLE_NAME),
                                opt(PG_DIAG_COLUMN_NAME), opt(PG_DIAG_CONSTRAINT_NAME)});
            if (Ok(o) && PQntuples(o.get()) == 1 && !PQgetisnull(o.get(), 0, 0)) e.oracle = PQgetvalue(o.get(), 0, 0);
        }
    }
    if (PQstatus(conn_.get()) != CONNECTION_OK) {
        if (e.oracle.empty()) e.oracle = "ORA-03113: end-of-file on communication channel";
    }
    ErrorReport report = DescribeError(e, kind, text, prefix_lines);
    const bool unit = kind == parser::ScriptStatementKind::OracleSubprogram ||
                      kind == parser::ScriptStatementKind::OraclePackage ||
                      kind == parser::ScriptStatementKind::OracleTrigger;
    if (report.compilation && unit) {
        // Oracle keeps a unit that does not compile, invalid, and says so
        // with a warning (no WHENEVER SQLERROR); PostgreSQL refuses it.
        std::optional<UnitName> name = UnitOfCreate(text);
        UnitName u = name ? *name : UnitName{"PROCEDURE", "?"};
        last_compile_ = LastCompile{u, {report.compile}};
        Print("\nWarning: " + Capitalised(u.type) + " " + u.name +
              " not created: compilation errors (SHOW ERRORS lists them)\n(" + frame.name + ", line " +
              std::to_string(stmt.line + report.line - 1) + ")\n\n");
        return;
    }
    ReportSqlError(report.text, report.oracle_code != 0 ? report.oracle_code : 1, stmt, report.line, frame);
}

void Runner::ReportSqlError(const std::string &report, int code, const parser::ScriptStatement &stmt, int line,
                            const Frame &frame) {
    // Apart from what came before, as SQL*Plus's blank line after feedback.
    Print((blank_before_ ? "" : "\n") + report + "(" + frame.name + ", line " + std::to_string(stmt.line + line - 1) +
          ")\n\n");
    last_sqlcode_ = code;
    if (sqlerror_.exit) {
        Exit(sqlerror_.action);
        return;
    }
    switch (sqlerror_.action.transaction) {
        case ExitAction::Transaction::Commit: EndTransaction(true); break;
        case ExitAction::Transaction::Rollback: EndTransaction(false); break;
        case ExitAction::Transaction::None:
        case ExitAction::Transaction::Default: break;  // CONTINUE's default: NONE
    }
}

void Runner::SqlPlusError(const std::string &message) { Print(message + "\n"); }

void Runner::OsError(const std::string &message, int os_code) {
    Print(message + "\n");
    last_oscode_ = os_code;
    if (oserror_.exit) {
        Exit(oserror_.action);
        return;
    }
    switch (oserror_.action.transaction) {
        case ExitAction::Transaction::Commit: EndTransaction(true); break;
        case ExitAction::Transaction::Rollback: EndTransaction(false); break;
        case ExitAction::Transaction::None:
        case ExitAction::Transaction::Default: break;  // CONTINUE's default: NONE
    }
}

void Runner::Exit(const ExitAction &action) {
    int status = 0;
    bool commit = true;
    switch (action.code) {
        case ExitAction::Code::Success: status = 0; break;
        case ExitAction::Code::Failure: status = 1; break;
        case ExitAction::Code::Warning: status = 2; break;
        case ExitAction::Code::Number: status = action.number & 0xFF; break;
        case ExitAction::Code::SqlCode:
            // The operating system keeps 8 bits; SQL*Plus would exit 0 for
            // ORA-00256 or ORA-01536: an error never exits 0 here.
            status = last_sqlcode_ & 0xFF;
            if (status == 0 && last_sqlcode_ != 0) status = 1;
            break;
        case ExitAction::Code::OsCode:
            status = last_oscode_ & 0xFF;
            if (status == 0 && last_oscode_ != 0) status = 1;
            break;
        case ExitAction::Code::Variable: {
            auto it = substitution_.variables.find(action.variable);
            std::string v = it != substitution_.variables.end() ? it->second : action.variable;
            char *end = nullptr;
            long n = std::strtol(v.c_str(), &end, 10);
            if (v.empty() || *end != '\0') {
                SqlPlusError("SP2-0584: EXIT variable \"" + action.variable + "\" was non-numeric");
                status = 1;
            } else {
                status = static_cast<int>(n & 0xFF);
            }
            break;
        }
    }
    switch (action.transaction) {
        case ExitAction::Transaction::Commit: commit = true; break;
        case ExitAction::Transaction::Rollback:
        case ExitAction::Transaction::None: commit = false; break;
        case ExitAction::Transaction::Default: commit = settings_.exitcommit; break;
    }
    // No WHENEVER on the way out: the status stands, a failed COMMIT makes it 1.
    sqlerror_.exit = false;
    if (!EndTransaction(commit) && status == 0) status = 1;
    exiting_ = true;
    exit_status_ = status;
}

void Runner::Feedback(const std::string &line) {
    if (line.empty() || settings_.feedback == 0) return;
    Print("\n" + line + "\n");
}

void Runner::Elapsed(std::chrono::steady_clock::time_point start) {
    if (!settings_.timing) return;
    auto cs =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count() / 10;
    char buf[64];
    std::snprintf(buf, sizeof(buf), "Elapsed: %02lld:%02lld:%02lld.%02lld", static_cast<long long>(cs / 360000),
                  static_cast<long long>(cs / 6000 % 60), static_cast<long long>(cs / 100 % 60),
                  static_cast<long long>(cs % 100));
    PrintLine(buf);
}

}  // namespace plpolar::cli
