#include "plpolar/parser/substitution.hpp"

#include <cctype>
#include <vector>

#include "plpolar/parser/parser.hpp"

namespace plpolar::parser {

namespace {

bool IsNameChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$' || c == '#'; }

std::string Upper(std::string s) {
    for (char &c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

std::string Trim(const std::string &s) {
    size_t b = 0;
    size_t e = s.size();
    while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
    while (e > b && (std::isspace(static_cast<unsigned char>(s[e - 1])) || s[e - 1] == ';')) --e;
    return s.substr(b, e - b);
}

// Words of a command line, a quoted ('...' or "...") word kept whole
// without its quotes.
std::vector<std::string> Words(const std::string &line) {
    std::vector<std::string> words;
    size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && std::isspace(static_cast<unsigned char>(line[i]))) ++i;
        if (i >= line.size()) break;
        if (line[i] == '\'' || line[i] == '"') {
            char q = line[i];
            size_t e = line.find(q, i + 1);
            if (e == std::string::npos) throw SyntaxError("unterminated quoted value in: " + Trim(line), 1, 1);
            words.push_back(line.substr(i + 1, e - i - 1));
            i = e + 1;
            continue;
        }
        if (line[i] == '=') {
            words.emplace_back("=");
            ++i;
            continue;
        }
        size_t b = i;
        while (i < line.size() && !std::isspace(static_cast<unsigned char>(line[i])) && line[i] != '=') ++i;
        words.push_back(line.substr(b, i - b));
    }
    return words;
}

// DEFINE name = value: the value is the rest of the line, unquoted.
std::string DefinedValue(const std::string &line) {
    size_t eq = line.find('=');
    std::string value = Trim(line.substr(eq + 1));
    if (value.size() >= 2 && (value[0] == '\'' || value[0] == '"') && value.back() == value[0])
        value = value.substr(1, value.size() - 2);
    return value;
}

}  // namespace

bool ApplySubstitutionCommand(const std::string &line, SubstitutionState &state, std::string *action) {
    std::vector<std::string> words = Words(line);
    if (words.empty()) return false;
    std::string command = Upper(words[0]);
    if (command == "SET" && words.size() >= 2 && (Upper(words[1]) == "DEFINE" || Upper(words[1]) == "DEF")) {
        std::string value = words.size() >= 3 ? words[2] : "";
        std::string upper = Upper(value);
        if (upper == "OFF") {
            state.enabled = false;
            *action = "SET DEFINE OFF: & is text from here on";
        } else if (upper == "ON") {
            state.enabled = true;
            state.prefix = '&';
            *action = "SET DEFINE ON: &name is replaced by its DEFINE value";
        } else if (value.size() == 1 && !IsNameChar(value[0]) && !std::isspace(static_cast<unsigned char>(value[0]))) {
            state.enabled = true;
            state.prefix = value[0];
            *action = std::string("SET DEFINE ") + value + ": " + value + "name is replaced by its DEFINE value";
        } else {
            throw SyntaxError("SET DEFINE takes ON, OFF or one character: " + Trim(line), 1, 1);
        }
        return true;
    }
    if (command == "DEFINE" || command == "DEF") {
        if (words.size() == 1) {
            *action = "DEFINE: " + std::to_string(state.variables.size()) + " variables defined";
            return true;
        }
        std::string name = Upper(words[1]);
        for (char c : name)
            if (!IsNameChar(c)) throw SyntaxError("invalid substitution variable name in: " + Trim(line), 1, 1);
        if (words.size() == 2) {
            auto it = state.variables.find(name);
            *action = it == state.variables.end() ? "DEFINE " + name + ": not defined"
                                                  : "DEFINE " + name + " = \"" + it->second + "\"";
            return true;
        }
        if (words[2] != "=") throw SyntaxError("expected = after DEFINE " + words[1], 1, 1);
        std::string value = DefinedValue(line);
        state.variables[name] = value;
        *action = "DEFINE " + name + " = \"" + value + "\"";
        return true;
    }
    if (command == "UNDEFINE" || command == "UNDEF") {
        std::string names;
        for (size_t i = 1; i < words.size(); ++i) {
            state.variables.erase(Upper(words[i]));
            names += " " + Upper(words[i]);
        }
        *action = "UNDEFINE" + names;
        return true;
    }
    if (command == "ACCEPT" || command == "ACC") {
        if (words.size() < 2) throw SyntaxError("ACCEPT needs a variable name", 1, 1);
        std::string name = Upper(words[1]);
        for (size_t i = 2; i + 1 < words.size(); ++i) {
            std::string w = Upper(words[i]);
            if (w == "DEFAULT" || w == "DEF") {
                state.variables[name] = words[i + 1];
                *action = "ACCEPT " + name + ": its DEFAULT \"" + words[i + 1] + "\" (the server cannot prompt)";
                return true;
            }
        }
        // Keeps a value DEFINEd earlier, which is how such scripts are run
        // unattended.
        if (state.variables.count(name) != 0) {
            *action = "ACCEPT " + name + ": keeps \"" + state.variables[name] + "\" (the server cannot prompt)";
            return true;
        }
        throw SyntaxError("ACCEPT " + name + " would prompt for a value, which plpolar.exec cannot do: DEFINE " + name +
                              " = value before it, or give ACCEPT a DEFAULT",
                          1, 1);
    }
    return false;
}

std::string Substitute(const std::string &text, const SubstitutionState &state, const AskVariable &ask) {
    if (!state.enabled || text.find(state.prefix) == std::string::npos) return text;
    std::string out;
    out.reserve(text.size());
    int line = 1;
    size_t i = 0;
    while (i < text.size()) {
        char c = text[i];
        if (c == '\n') ++line;
        if (c != state.prefix) {
            out += c;
            ++i;
            continue;
        }
        size_t j = i + 1;
        if (j < text.size() && text[j] == state.prefix) ++j;  // &&name
        size_t name_start = j;
        while (j < text.size() && IsNameChar(text[j])) ++j;
        if (j == name_start) {
            // "& " or "&&" alone: not a variable (PostgreSQL's & and &&).
            out.append(text, i, j - i);
            i = j;
            continue;
        }
        std::string name = Upper(text.substr(name_start, j - name_start));
        auto it = state.variables.find(name);
        if (it == state.variables.end() && ask) {
            // A client asks for the value, as SQL*Plus prompts.
            if (std::optional<std::string> value = ask(text.substr(name_start, j - name_start), name_start == i + 2)) {
                out += *value;
                if (j < text.size() && text[j] == '.') ++j;
                i = j;
                continue;
            }
        }
        if (it == state.variables.end())
            throw SyntaxError("substitution variable " + text.substr(i, j - i) + " is not defined: DEFINE " + name +
                                  " = value earlier in the script, or SET DEFINE OFF if & is meant as text",
                              line, 1);
        out += it->second;
        // "&name." ends the name; the period is not part of the text.
        if (j < text.size() && text[j] == '.') ++j;
        i = j;
    }
    return out;
}

}  // namespace plpolar::parser
