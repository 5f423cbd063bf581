// The runner's SQL*Plus commands: those a client honours (files, output,
// errors, connections) and those it hands to the server (EXEC, SET
// SERVEROUTPUT).
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <iostream>

#include "plpolar/parser/parser.hpp"
#include "runner.hpp"

namespace plpolar::cli {

namespace {

std::string Rest(const std::string &text, size_t words) {
    size_t i = 0;
    for (size_t k = 0; k < words; ++k) {
        while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
        while (i < text.size() && !std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    }
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    return text.substr(i);
}

std::string PadTo(const std::string &s, size_t width) {
    return s.size() >= width ? s : s + std::string(width - s.size(), ' ');
}

std::string DisplayTypeOf(const std::string &pg) {
    std::string t = pg;
    if (t == "timestamp(0) without time zone") return "DATE";
    if (t == "text") return "CLOB";
    if (t == "bytea") return "BLOB";
    if (t.compare(0, 10, "character(") == 0) return "CHAR" + t.substr(9);
    if (t.compare(0, 9, "timestamp") == 0) {
        std::string out = Upper(t);
        size_t w = out.find(" WITHOUT TIME ZONE");
        if (w != std::string::npos) out = out.substr(0, w);
        return out;
    }
    return Upper(t);
}

}  // namespace

void Runner::RunCommand(const std::string &text, const parser::ScriptStatement &stmt, const Frame &frame) {
    std::vector<std::string> words = Words(text);
    if (words.empty()) return;
    std::string first = Upper(words[0]);
    // PRO, SPO, DESC, DISC, ...: the command's full name.
    if (first[0] != '@') {
        std::string full = parser::SqlPlusCommandName(first);
        if (!full.empty()) first = full;
    }
    try {
        if (first[0] == '@') {
            // @file / @@file [arguments]; "@ file" too.
            const bool nested = first.compare(0, 2, "@@") == 0;
            std::string file = words[0].substr(nested ? 2 : 1);
            size_t from = 1;
            if (file.empty() && words.size() > 1) file = words[from++];
            if (file.empty()) throw std::invalid_argument("SP2-1506: START, @ or @@ command has no arguments");
            std::vector<std::string> args(words.begin() + static_cast<long>(from), words.end());
            RunFile(file, nested ? frame.directory : ".", args);
        } else if (first == "START") {
            if (words.size() < 2) throw std::invalid_argument("SP2-1506: START, @ or @@ command has no arguments");
            RunFile(words[1], ".", std::vector<std::string>(words.begin() + 2, words.end()));
        } else if (first == "PROMPT") {
            PrintLine(Rest(text, 1));
        } else if (first == "REMARK") {
        } else if (first == "SET") {
            SetResult set = ApplySet(words, settings_);
            if (set.define) {
                std::string action;
                parser::ApplySubstitutionCommand("SET DEFINE " + *set.define, substitution_, &action);
            }
            if (set.serveroutput_changed && conn_) {
                std::string sql = std::string("SET plpolar.serveroutput = ") + (settings_.serveroutput ? "on" : "off");
                Result r = Exec(sql);
                if (InTransaction()) replay_.push_back(ReplayEntry{sql, false});
            }
        } else if (first == "SHOW") {
            if (words.size() < 2) throw std::invalid_argument("SP2-0158: SHOW needs an option");
            std::string opt = Upper(words[1]);
            if (opt == "USER") {
                if (NotConnected()) return;
                Result r = ExecOwn("SELECT pg_catalog.upper(CURRENT_USER::pg_catalog.text)");
                PrintLine(std::string("USER is \"") + (Ok(r) ? PQgetvalue(r.get(), 0, 0) : "") + "\"");
            } else if (Abbreviates(opt, "ERRORS", 3)) {
                ShowErrors(words);
            } else if (Abbreviates(opt, "SPOOL", 3)) {
                PrintLine(spool_ ? "spool ON (" + spool_name_ + ")" : "not spooling currently");
            } else if (Abbreviates(opt, "PARAMETERS", 4)) {
                if (NotConnected()) return;
                std::string like = words.size() > 2 ? "%" + Lower(words[2]) + "%" : "%";
                Result r = ExecOwn(
                    "SELECT name AS \"NAME\", vartype AS \"TYPE\", setting AS \"VALUE\" FROM pg_catalog.pg_settings "
                    "WHERE name OPERATOR(pg_catalog.~~) $1 ORDER BY name",
                    {like});
                if (!Ok(r)) return;
                ResultTable table;
                for (int c = 0; c < 3; ++c) table.columns.push_back(ResultColumn{PQfname(r.get(), c), false});
                for (int i = 0; i < PQntuples(r.get()); ++i)
                    table.rows.push_back({std::string(PQgetvalue(r.get(), i, 0)),
                                          std::string(PQgetvalue(r.get(), i, 1)),
                                          std::string(PQgetvalue(r.get(), i, 2))});
                Print(FormatTable(table, settings_));
            } else if (Abbreviates(opt, "DEFINE", 3)) {
                if (substitution_.enabled)
                    PrintLine(std::string("define \"") + substitution_.prefix + "\" (hex " + [this] {
                        char hex[8];
                        std::snprintf(hex, sizeof(hex), "%02x", static_cast<unsigned char>(substitution_.prefix));
                        return std::string(hex);
                    }() + ")");
                else
                    PrintLine("define OFF");
            } else if (opt == "SGA") {
                SqlPlusError("SP2-0735: SHOW SGA: not available here (PostgreSQL's memory: SHOW shared_buffers;)");
            } else if (opt == "RELEASE" || opt == "REL") {
                PrintLine(conn_ ? "release " + std::to_string(PQserverVersion(conn_.get())) : "release 0");
            } else if (opt == "ALL") {
                for (const char *o : {"AUTOCOMMIT", "ECHO", "EXITCOMMIT", "FEEDBACK", "HEADING", "LINESIZE", "PAGESIZE",
                                      "SERVEROUTPUT", "TERMOUT", "TIMING", "VERIFY"})
                    PrintLine(*ShowSetting(o, settings_));
            } else if (std::optional<std::string> shown = ShowSetting(opt, settings_)) {
                PrintLine(*shown);
            } else {
                // A PostgreSQL parameter (SHOW search_path): the server's SHOW.
                RunSql(text, parser::ScriptStatementKind::Sql, stmt, frame);
            }
        } else if (first == "WHENEVER") {
            Whenever w = ParseWhenever(words);
            (w.oserror ? oserror_ : sqlerror_) = w;
        } else if (first == "EXIT" || first == "QUIT") {
            Exit(ParseExit(words, 1));
        } else if (first == "DEFINE" || first == "UNDEFINE") {
            if (first == "DEFINE" && words.size() <= 2 && text.find('=') == std::string::npos) {
                // DEFINE lists the variables, DEFINE name shows one.
                for (const auto &[name, value] : substitution_.variables) {
                    if (words.size() == 2 && name != Upper(words[1])) continue;
                    PrintLine("DEFINE " + PadTo(name, 15) + " = \"" + value + "\" (CHAR)");
                }
                if (words.size() == 2 && substitution_.variables.count(Upper(words[1])) == 0)
                    SqlPlusError("SP2-0135: symbol " + Lower(words[1]) + " is UNDEFINED");
                return;
            }
            std::string action;
            parser::ApplySubstitutionCommand(text, substitution_, &action);
        } else if (first == "ACCEPT") {
            if (words.size() < 2) throw std::invalid_argument("SP2-0003: Ill-formed ACCEPT command");
            std::string name = Upper(words[1]);
            std::string prompt;
            std::optional<std::string> fallback;
            bool hide = false;
            for (size_t i = 2; i < words.size(); ++i) {
                std::string w = Upper(words[i]);
                if (Abbreviates(w, "PROMPT", 3) && i + 1 < words.size()) {
                    prompt = words[++i];
                } else if (Abbreviates(w, "DEFAULT", 3) && i + 1 < words.size()) {
                    fallback = words[++i];
                } else if (Abbreviates(w, "FORMAT", 3) && i + 1 < words.size()) {
                    ++i;
                } else if (w == "HIDE") {
                    hide = true;
                }
            }
            std::optional<std::string> value;
            if (!reading_stdin_) value = ReadLine(prompt, hide);
            if (!value || value->empty()) value = fallback ? fallback : value;
            if (!value) {
                // Nothing to read: an earlier DEFINE stands, as plpolar.exec does.
                if (substitution_.variables.count(name) == 0)
                    throw std::invalid_argument("SP2-0546: no value for ACCEPT " + name +
                                                " (no input to read it from)");
                return;
            }
            substitution_.variables[name] = *value;
        } else if (first == "PAUSE") {
            PrintLine(Rest(text, 1));
            if (!reading_stdin_ && isatty(STDIN_FILENO) != 0) {
                std::string ignored;
                std::getline(std::cin, ignored);
            }
        } else if (first == "SPOOL") {
            std::string target = words.size() > 1 ? words[1] : std::string();
            std::string mode = words.size() > 2 ? Upper(words[2]) : std::string();
            if (target.empty()) {
                PrintLine(spool_ ? "currently spooling to " + spool_name_ : "not spooling currently");
                return;
            }
            if (Upper(target) == "OFF" || Upper(target) == "OUT") {
                spool_.reset();
                spool_name_.clear();
                return;
            }
            size_t slash = target.rfind('/');
            if (target.find('.', slash == std::string::npos ? 0 : slash + 1) == std::string::npos) target += ".lst";
            if (Abbreviates(mode, "CREATE", 3) && access(target.c_str(), F_OK) == 0) {
                SqlPlusError("SP2-0771: File \"" + target +
                             "\" already exists.\nUse another name or \"SPOOL filename[.ext] REPLACE\"");
                return;
            }
            spool_.reset();  // SPOOL f while spooling to f: closed first
            File f(std::fopen(target.c_str(), Abbreviates(mode, "APPEND", 3) ? "a" : "w"));
            if (!f) {
                int err = errno;
                OsError("SP2-0606: Cannot create SPOOL file \"" + target + "\": " + std::strerror(err), err);
                return;
            }
            spool_ = std::move(f);
            spool_name_ = target;
        } else if (first == "CONNECT") {
            if (words.size() < 2)
                throw std::invalid_argument(
                    "SP2-0306: Invalid option.\nUsage: CONN[ECT] [{logon|/|proxy} [AS {SYSDBA|SYSOPER|SYSASM}] "
                    "[edition=value]]");
            Logon logon = ParseLogon(Rest(text, 1));
            EndTransaction(true);  // SQL*Plus commits when it connects again
            std::vector<std::pair<std::string, std::string>> params = ConnectionParams(logon);
            if (!Connect(params, logon.note)) {
                ReportSqlError("", last_sqlcode_, stmt, 1, frame);
                return;
            }
            if (options_.silent) return;
            PrintLine("Connected.");
        } else if (first == "DISCONNECT") {
            EndTransaction(true);
            conn_.reset();
            if (!options_.silent) PrintLine("Disconnected from PostgreSQL");
        } else if (first == "EXECUTE") {
            parser::SqlPlusCommand cmd = parser::TranslateSqlPlus(text);
            if (cmd.effect != parser::SqlPlusCommand::Effect::Block)
                throw std::invalid_argument("SP2-0042: unknown command \"" + text + "\" - rest of line ignored.");
            RunSql(cmd.text, parser::ScriptStatementKind::SqlPlus, stmt, frame);
        } else if (first == "DESCRIBE") {
            if (words.size() < 2) throw std::invalid_argument("SP2-0738: Restricted command \"DESC\" needs an object");
            Describe(Trim(Rest(text, 1)), stmt, frame);
        } else if (first == "HOST") {
            std::string command = Rest(text, 1);
            if (command.empty()) return;
            ClearProgress();
            std::fflush(stdout);
            // As SQL*Plus, a shell runs it: substituted values included.
            int rc = std::system(command.c_str());
            if (rc != 0)
                PrintLine("HOST command exited with status " +
                          std::to_string(WIFEXITED(rc) ? WEXITSTATUS(rc) : 128 + WTERMSIG(rc)));
        } else if (first == "COLUMN") {
            ApplyColumn(words, settings_);
        } else if (first == "VARIABLE" || first == "PRINT") {
            throw std::invalid_argument("SP2-0734: " + first +
                                        ": bind variables are not supported by the plpolar client (use DEFINE, or a "
                                        "package variable)");
        } else {
            // TTITLE, BTITLE, BREAK, CLEAR, STORE, TIMING: report layout the
            // plpolar client does not draw.
        }
    } catch (const std::invalid_argument &e) {
        SqlPlusError(e.what());
    } catch (const parser::SyntaxError &e) {
        SqlPlusError(std::string("SP2-0317: ") + e.what());
    }
}

void Runner::ShowErrors(const std::vector<std::string> &words) {
    // SHOW ERRORS [type name]: the errors of this session's last unit, or
    // of the unit named if it is the one that failed.
    if (!last_compile_) {
        PrintLine("No errors.");
        return;
    }
    if (words.size() > 2) {
        std::string name = Upper(words.back());
        if (name != last_compile_->unit.name) {
            PrintLine("No errors.");
            return;
        }
    }
    if (last_compile_->errors.empty()) {
        PrintLine("No errors.");
        return;
    }
    std::string out = "Errors for " + last_compile_->unit.type + " " + last_compile_->unit.name + ":\n\n";
    out += "LINE/COL ERROR\n-------- -----------------------------------------------------------------\n";
    for (const CompileError &e : last_compile_->errors) {
        std::string at = std::to_string(e.line) + "/" + std::to_string(e.column);
        out += PadTo(at, 8) + " " + e.text + "\n";
    }
    Print(out);
}

void Runner::Describe(const std::string &object, const parser::ScriptStatement &stmt, const Frame &frame) {
    if (NotConnected()) return;
    // schema.name, each part Oracle's: unquoted upper case means PostgreSQL's
    // lower case, "Quoted" is kept as written.
    std::vector<std::string> parts;
    std::string part;
    bool quoted = false;
    for (char c : object) {
        if (c == '"') {
            quoted = !quoted;
            continue;
        }
        if (c == '.' && !quoted) {
            parts.push_back(part);
            part.clear();
            continue;
        }
        part += quoted ? c : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    parts.push_back(part);
    if (parts.size() > 2 || parts.back().empty()) {
        ReportSqlError("ERROR:\nORA-04043: object " + object + " does not exist\n", 4043, stmt, 1, frame);
        return;
    }
    std::optional<std::string> schema = parts.size() == 2 ? std::optional<std::string>(parts[0]) : std::nullopt;
    const std::string &name = parts.back();
    Result rel = ExecOwn(
        "SELECT c.oid FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) "
        "c.relnamespace WHERE c.relname OPERATOR(pg_catalog.=) $1 AND c.relkind OPERATOR(pg_catalog.=) ANY "
        "('{r,v,m,p,f}'::pg_catalog.\"char\"[]) AND CASE WHEN $2::pg_catalog.text IS NULL THEN "
        "pg_catalog.pg_table_is_visible(c.oid) ELSE n.nspname OPERATOR(pg_catalog.=) $2 END",
        {name, schema});
    if (Ok(rel) && PQntuples(rel.get()) > 0) {
        Result cols = ExecOwn(
            "SELECT a.attname, a.attnotnull, pg_catalog.format_type(a.atttypid, a.atttypmod) "
            "FROM pg_catalog.pg_attribute a WHERE a.attrelid OPERATOR(pg_catalog.=) $1::pg_catalog.oid "
            "AND a.attnum OPERATOR(pg_catalog.>) 0 AND NOT a.attisdropped ORDER BY a.attnum",
            {std::string(PQgetvalue(rel.get(), 0, 0))});
        if (!Ok(cols)) return;
        std::string out = " " + PadTo("Name", 41) + " " + PadTo("Null?", 8) + " Type\n";
        out += " " + std::string(41, '-') + " " + std::string(8, '-') + " " + std::string(28, '-') + "\n";
        for (int i = 0; i < PQntuples(cols.get()); ++i) {
            std::string col = PQgetvalue(cols.get(), i, 0);
            bool has_upper = false;
            for (char c : col) has_upper = has_upper || std::isupper(static_cast<unsigned char>(c));
            out += " " + PadTo(has_upper ? col : Upper(col), 41) + " " +
                   PadTo(std::strcmp(PQgetvalue(cols.get(), i, 1), "t") == 0 ? "NOT NULL" : "", 8) + " " +
                   DisplayTypeOf(PQgetvalue(cols.get(), i, 2)) + "\n";
        }
        Print(out);
        return;
    }
    // A package (plpolar.packages: a schema of its name): its public
    // subprograms, as SQL*Plus describes a package.
    bool package = false;
    if (has_extension_ && !schema) {
        Result pk = ExecOwn("SELECT 1 FROM plpolar.packages WHERE name OPERATOR(pg_catalog.=) $1", {name});
        package = Ok(pk) && PQntuples(pk.get()) == 1;
    }
    Result procs = ExecOwn(
        "SELECT p.prokind, pg_catalog.format_type(p.prorettype, NULL), a.name, "
        "pg_catalog.format_type(a.type, NULL), a.mode, p.pronargdefaults, p.oid, p.proname "
        "FROM pg_catalog.pg_proc p LEFT JOIN LATERAL ROWS FROM (pg_catalog.unnest(coalesce(p.proallargtypes, "
        "p.proargtypes::pg_catalog.oid[])), pg_catalog.unnest(p.proargnames), "
        "pg_catalog.unnest(coalesce(p.proargmodes, pg_catalog.array_fill('i'::pg_catalog.\"char\", "
        "ARRAY[p.pronargs::pg_catalog.int4])))) WITH ORDINALITY AS a(type, name, mode, ord) ON true "
        "WHERE CASE WHEN $3 THEN p.pronamespace OPERATOR(pg_catalog.=) (SELECT n.oid FROM pg_catalog.pg_namespace n "
        "WHERE n.nspname OPERATOR(pg_catalog.=) $1) ELSE p.proname OPERATOR(pg_catalog.=) $1 AND "
        "CASE WHEN $2::pg_catalog.text IS NULL THEN pg_catalog.pg_function_is_visible(p.oid) ELSE "
        "p.pronamespace OPERATOR(pg_catalog.=) (SELECT n.oid FROM pg_catalog.pg_namespace n WHERE n.nspname "
        "OPERATOR(pg_catalog.=) $2) END END ORDER BY p.proname, p.oid, a.ord",
        {name, schema, std::string(package ? "true" : "false")});
    if (!Ok(procs) || PQntuples(procs.get()) == 0) {
        ReportSqlError("ERROR:\nORA-04043: object " + object + " does not exist\n", 4043, stmt, 1, frame);
        return;
    }
    std::string out;
    std::string current;
    std::vector<int> rows_of_unit;
    auto flush = [&]() {
        if (rows_of_unit.empty()) return;
        int r0 = rows_of_unit.front();
        bool procedure = PQgetvalue(procs.get(), r0, 0)[0] == 'p';
        out += (procedure ? "PROCEDURE " : "FUNCTION ") + Upper(PQgetvalue(procs.get(), r0, 7));
        if (!procedure) out += " RETURNS " + DisplayTypeOf(PQgetvalue(procs.get(), r0, 1));
        out += "\n";
        int inputs = 0;
        for (int r : rows_of_unit) {
            if (PQgetisnull(procs.get(), r, 4)) continue;
            char m = PQgetvalue(procs.get(), r, 4)[0];
            if (m == 'i' || m == 'b' || m == 'v') ++inputs;
        }
        if (inputs > 0 || rows_of_unit.size() > 1 || !PQgetisnull(procs.get(), r0, 4)) {
            out += " " + PadTo("Argument Name", 30) + " " + PadTo("Type", 23) + " In/Out Default?\n";
            out += " " + std::string(30, '-') + " " + std::string(23, '-') + " ------ --------\n";
            int defaults = std::atoi(PQgetvalue(procs.get(), r0, 5));
            int input = 0;
            for (int r : rows_of_unit) {
                if (PQgetisnull(procs.get(), r, 4)) continue;
                char m = PQgetvalue(procs.get(), r, 4)[0];
                if (m == 't') continue;
                bool in = m == 'i' || m == 'b' || m == 'v';
                std::string mode = m == 'o' ? "OUT" : m == 'b' ? "IN/OUT" : "IN";
                std::string def = in && input++ >= inputs - defaults ? "DEFAULT" : "";
                std::string arg = PQgetisnull(procs.get(), r, 2) ? "" : Upper(PQgetvalue(procs.get(), r, 2));
                std::string line = " " + PadTo(arg, 30) + " " +
                                   PadTo(DisplayTypeOf(PQgetvalue(procs.get(), r, 3)), 23) + " " + PadTo(mode, 6) +
                                   " " + def;
                while (!line.empty() && line.back() == ' ') line.pop_back();
                out += line + "\n";
            }
        }
        rows_of_unit.clear();
    };
    for (int i = 0; i < PQntuples(procs.get()); ++i) {
        std::string oid = PQgetvalue(procs.get(), i, 6);
        if (oid != current) {
            flush();
            if (!current.empty()) out += "\n";
            current = oid;
        }
        rows_of_unit.push_back(i);
    }
    flush();
    Print(out);
}

}  // namespace plpolar::cli
