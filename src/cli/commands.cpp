#include "plpolar/cli/commands.hpp"

#include <cctype>
#include <cstdlib>
#include <stdexcept>

namespace plpolar::cli {

std::string Upper(std::string s) {
    for (char &c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

std::string Lower(std::string s) {
    for (char &c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::string Trim(const std::string &s) {
    size_t b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return std::string();
    size_t e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
}

std::string Capitalised(std::string s) {
    s = Lower(std::move(s));
    if (!s.empty()) s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
    return s;
}

std::vector<std::string> Words(const std::string &line) {
    std::vector<std::string> out;
    size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && std::isspace(static_cast<unsigned char>(line[i]))) ++i;
        if (i >= line.size()) break;
        std::string word;
        if (line[i] == '\'' || line[i] == '"') {
            char q = line[i++];
            while (i < line.size()) {
                if (line[i] == q) {
                    if (i + 1 < line.size() && line[i + 1] == q) {  // '' inside '...'
                        word += q;
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                word += line[i++];
            }
        } else {
            while (i < line.size() && !std::isspace(static_cast<unsigned char>(line[i]))) word += line[i++];
        }
        out.push_back(word);
    }
    return out;
}

bool Abbreviates(const std::string &word, const char *full, size_t min) {
    std::string w = Upper(word);
    std::string f = full;
    return w.size() >= min && w.size() <= f.size() && f.compare(0, w.size(), w) == 0;
}

namespace {

bool IsInteger(const std::string &s) {
    size_t i = s.size() > 1 && (s[0] == '-' || s[0] == '+') ? 1 : 0;
    if (i >= s.size()) return false;
    for (; i < s.size(); ++i)
        if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    return true;
}

bool OnOff(const std::string &value, const char *option) {
    std::string v = Upper(value);
    if (v == "ON") return true;
    if (v == "OFF") return false;
    throw std::invalid_argument(std::string("SP2-0265: ") + option + " must be set ON or OFF");
}

int Number(const std::string &value, const char *option, int min, int max) {
    if (!IsInteger(value))
        throw std::invalid_argument(std::string("SP2-0268: ") + option + " option not a valid number");
    long n = std::strtol(value.c_str(), nullptr, 10);
    if (n < min || n > max)
        throw std::invalid_argument(std::string("SP2-0267: ") + option + " option " + value + " out of range (" +
                                    std::to_string(min) + " through " + std::to_string(max) + ")");
    return static_cast<int>(n);
}

}  // namespace

ExitAction ParseExit(const std::vector<std::string> &words, size_t from) {
    ExitAction action;
    size_t i = from;
    if (i < words.size()) {
        std::string w = Upper(words[i]);
        bool taken = true;
        if (w == "SUCCESS") {
            action.code = ExitAction::Code::Success;
        } else if (w == "FAILURE") {
            action.code = ExitAction::Code::Failure;
        } else if (w == "WARNING") {
            action.code = ExitAction::Code::Warning;
        } else if (w == "SQL.SQLCODE") {
            action.code = ExitAction::Code::SqlCode;
        } else if (w == "SQL.OSCODE") {
            action.code = ExitAction::Code::OsCode;
        } else if (IsInteger(w)) {
            action.code = ExitAction::Code::Number;
            action.number = static_cast<int>(std::strtol(w.c_str(), nullptr, 10));
        } else if (w != "COMMIT" && w != "ROLLBACK") {
            if (w[0] == ':')
                throw std::invalid_argument("SP2-0552: Bind variable \"" + words[i].substr(1) +
                                            "\" not declared (the plpolar client has no bind variables)");
            action.code = ExitAction::Code::Variable;
            action.variable = w[0] == '&' ? w.substr(w[1] == '&' ? 2 : 1) : w;
        } else {
            taken = false;
        }
        if (taken) ++i;
    }
    if (i < words.size()) {
        std::string w = Upper(words[i]);
        if (w == "COMMIT")
            action.transaction = ExitAction::Transaction::Commit;
        else if (w == "ROLLBACK")
            action.transaction = ExitAction::Transaction::Rollback;
        else
            throw std::invalid_argument("SP2-0584: EXIT variable \"" + words[i] + "\" was non-numeric");
        ++i;
    }
    if (i < words.size()) throw std::invalid_argument("SP2-0158: unknown EXIT option \"" + words[i] + "\"");
    return action;
}

Whenever ParseWhenever(const std::vector<std::string> &words) {
    Whenever w;
    if (words.size() < 3)
        throw std::invalid_argument("SP2-0306: Invalid option (WHENEVER SQLERROR|OSERROR EXIT|CONTINUE)");
    std::string what = Upper(words[1]);
    if (what == "OSERROR")
        w.oserror = true;
    else if (what != "SQLERROR")
        throw std::invalid_argument("SP2-0306: Invalid option \"" + words[1] + "\" (SQLERROR or OSERROR)");
    std::string action = Upper(words[2]);
    if (action == "EXIT") {
        w.exit = true;
        w.action = ParseExit(words, 3);
        return w;
    }
    if (action != "CONTINUE")
        throw std::invalid_argument("SP2-0306: Invalid option \"" + words[2] + "\" (EXIT or CONTINUE)");
    w.action.transaction = ExitAction::Transaction::None;
    if (words.size() > 3) {
        std::string t = Upper(words[3]);
        if (t == "COMMIT")
            w.action.transaction = ExitAction::Transaction::Commit;
        else if (t == "ROLLBACK")
            w.action.transaction = ExitAction::Transaction::Rollback;
        else if (t != "NONE")
            throw std::invalid_argument("SP2-0306: Invalid option \"" + words[3] + "\" (COMMIT, ROLLBACK or NONE)");
        if (words.size() > 4) throw std::invalid_argument("SP2-0306: Invalid option \"" + words[4] + "\"");
    }
    return w;
}

SetResult ApplySet(const std::vector<std::string> &words, Settings &s) {
    SetResult result;
    if (words.size() < 2) throw std::invalid_argument("SP2-0265: SET needs an option");
    // SET takes several options at once: SET PAGESIZE 0 FEEDBACK OFF HEADING OFF.
    size_t i = 1;
    while (i < words.size()) {
        const std::string &opt = words[i++];
        auto take = [&](const char *name) -> std::string {
            if (i >= words.size()) throw std::invalid_argument(std::string("SP2-0265: ") + name + " needs a value");
            return words[i++];
        };
        if (Abbreviates(opt, "SERVEROUTPUT", 9)) {
            // ON [SIZE {n | UNLIMITED}] [FORMAT {WRAPPED | WORD_WRAPPED | TRUNCATED}]:
            // the server sends every finished line, without a limit.
            s.serveroutput = OnOff(take("serveroutput"), "serveroutput");
            result.serveroutput_changed = true;
            while (i + 1 < words.size() && (Abbreviates(words[i], "SIZE", 3) || Abbreviates(words[i], "FORMAT", 3)))
                i += 2;
        } else if (Abbreviates(opt, "DEFINE", 3) || Abbreviates(opt, "SCAN", 4)) {
            // SCAN is the old spelling of DEFINE ON / OFF.
            result.define = take("define");
        } else if (Abbreviates(opt, "ECHO", 4)) {
            s.echo = OnOff(take("echo"), "echo");
        } else if (Abbreviates(opt, "FEEDBACK", 4)) {
            std::string value = take("feedback");
            std::string v = Upper(value);
            if (v == "ON")
                s.feedback = 1;
            else if (v == "OFF")
                s.feedback = 0;
            else
                s.feedback = Number(value, "feedback", 0, 50000);
        } else if (Abbreviates(opt, "HEADING", 3)) {
            s.heading = OnOff(take("heading"), "heading");
        } else if (Abbreviates(opt, "PAGESIZE", 5)) {
            s.pagesize = Number(take("pagesize"), "pagesize", 0, 50000);
        } else if (Abbreviates(opt, "LINESIZE", 3)) {
            s.linesize = Number(take("linesize"), "linesize", 1, 32767);
        } else if (Abbreviates(opt, "TIMING", 4)) {
            s.timing = OnOff(take("timing"), "timing");
        } else if (Abbreviates(opt, "AUTOCOMMIT", 4)) {
            std::string value = take("autocommit");
            std::string v = Upper(value);
            // IMMEDIATE is ON; n (commit every n statements) is taken as ON too.
            if (v == "ON" || v == "IMMEDIATE" || (IsInteger(v) && v != "0"))
                s.autocommit = true;
            else if (v == "OFF" || v == "0")
                s.autocommit = false;
            else
                OnOff(value, "autocommit");
        } else if (Abbreviates(opt, "VERIFY", 3)) {
            s.verify = OnOff(take("verify"), "verify");
        } else if (Abbreviates(opt, "TERMOUT", 4)) {
            s.termout = OnOff(take("termout"), "termout");
        } else if (Abbreviates(opt, "EXITCOMMIT", 5)) {
            s.exitcommit = OnOff(take("exitcommit"), "exitcommit");
        } else if (Abbreviates(opt, "NULL", 4)) {
            s.null_text = take("null");
        } else if (Abbreviates(opt, "COLSEP", 4)) {
            s.colsep = take("colsep");
        } else if (Abbreviates(opt, "UNDERLINE", 3)) {
            std::string value = take("underline");
            std::string v = Upper(value);
            s.underline = v == "OFF" ? '\0' : v == "ON" ? '-' : value[0];
        } else if (Abbreviates(opt, "TRIMSPOOL", 5) || Abbreviates(opt, "TRIMOUT", 5) || Abbreviates(opt, "TAB", 3) ||
                   Abbreviates(opt, "WRAP", 3) || Abbreviates(opt, "NEWPAGE", 4) || Abbreviates(opt, "ARRAYSIZE", 5) ||
                   Abbreviates(opt, "LONG", 4) || Abbreviates(opt, "NUMWIDTH", 3) || Abbreviates(opt, "EMBEDDED", 3) ||
                   Abbreviates(opt, "SHOWMODE", 4) || Abbreviates(opt, "APPINFO", 2) ||
                   Abbreviates(opt, "SQLPROMPT", 4) || Abbreviates(opt, "SQLBLANKLINES", 5) ||
                   Abbreviates(opt, "ESCAPE", 3) || Abbreviates(opt, "CONCAT", 3) || Abbreviates(opt, "MARKUP", 4) ||
                   Abbreviates(opt, "RECSEP", 4) || Abbreviates(opt, "SQLTERMINATOR", 4) ||
                   Abbreviates(opt, "LONGCHUNKSIZE", 5)) {
            // Display details the output here does not have (trailing blanks are
            // always trimmed, long values never cut) or that the script splitter
            // decides once for all (blank lines inside statements are kept).
            take("the option");
        } else {
            throw std::invalid_argument("SP2-0158: unknown SET option \"" + opt + "\"");
        }
    }
    return result;
}

std::optional<std::string> ShowSetting(const std::string &option, const Settings &s) {
    auto on_off = [](bool b) { return std::string(b ? "ON" : "OFF"); };
    if (Abbreviates(option, "SERVEROUTPUT", 9))
        return "serveroutput " + (s.serveroutput ? std::string("ON SIZE UNLIMITED FORMAT WORD_WRAPPED") : "OFF");
    if (Abbreviates(option, "ECHO", 4)) return "echo " + on_off(s.echo);
    if (Abbreviates(option, "FEEDBACK", 4))
        return s.feedback == 0 ? std::string("feedback OFF")
                               : "FEEDBACK ON for " + std::to_string(s.feedback) + " or more rows";
    if (Abbreviates(option, "HEADING", 3)) return "heading " + on_off(s.heading);
    if (Abbreviates(option, "PAGESIZE", 5)) return "pagesize " + std::to_string(s.pagesize);
    if (Abbreviates(option, "LINESIZE", 3)) return "linesize " + std::to_string(s.linesize);
    if (Abbreviates(option, "TIMING", 4)) return "timing " + on_off(s.timing);
    if (Abbreviates(option, "AUTOCOMMIT", 4)) return "autocommit " + on_off(s.autocommit);
    if (Abbreviates(option, "VERIFY", 3)) return "verify " + on_off(s.verify);
    if (Abbreviates(option, "TERMOUT", 4)) return "termout " + on_off(s.termout);
    if (Abbreviates(option, "EXITCOMMIT", 5)) return "exitcommit " + on_off(s.exitcommit);
    if (Abbreviates(option, "NULL", 4)) return "null \"" + s.null_text + "\"";
    if (Abbreviates(option, "COLSEP", 4)) return "colsep \"" + s.colsep + "\"";
    return std::nullopt;
}

void ApplyColumn(const std::vector<std::string> &words, Settings &s) {
    if (words.size() < 2) return;  // COLUMN alone lists the settings in SQL*Plus
    std::string name = Upper(words[1]);
    ColumnFormat &c = s.columns[name];
    for (size_t i = 2; i < words.size(); ++i) {
        std::string w = Upper(words[i]);
        if (Abbreviates(w, "CLEAR", 3)) {
            s.columns.erase(name);
            return;
        }
        if (Abbreviates(w, "FORMAT", 3) && i + 1 < words.size()) {
            std::string f = Upper(words[++i]);
            if (f.size() > 1 && f[0] == 'A' && IsInteger(f.substr(1))) c.width = std::atoi(f.c_str() + 1);
            continue;  // number formats: no effect
        }
        if (Abbreviates(w, "HEADING", 3) && i + 1 < words.size()) {
            c.heading = words[++i];
            continue;
        }
        if (Abbreviates(w, "NEW_VALUE", 5) && i + 1 < words.size()) {
            c.new_value = Upper(words[++i]);
            continue;
        }
        if (Abbreviates(w, "OLD_VALUE", 5) && i + 1 < words.size()) {
            ++i;  // for page footers, which are not drawn here
            continue;
        }
        if (Abbreviates(w, "NOPRINT", 5)) {
            c.noprint = true;
            continue;
        }
        if (Abbreviates(w, "PRINT", 3)) {
            c.noprint = false;
            continue;
        }
        // NOPRINT, WRAPPED, JUSTIFY x, NEW_VALUE v, ...: no effect here.
    }
}

}  // namespace plpolar::cli
