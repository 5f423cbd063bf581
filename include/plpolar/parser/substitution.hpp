// SQL*Plus substitution variables in plpolar.exec scripts: DEFINE name =
// value, UNDEFINE, SET DEFINE OFF | ON | 'c', and &name / &&name / &name.
// replaced in every later statement, inside string literals too, as
// SQL*Plus does. The server cannot prompt for a value, so a variable that
// was never defined is an error naming it. Free of PostgreSQL.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>

namespace plpolar::parser {

struct SubstitutionState {
    bool enabled = true;
    char prefix = '&';
    std::map<std::string, std::string> variables;  // names in upper case
};

// A DEFINE / DEF / UNDEFINE / SET DEFINE / ACCEPT line, applied to the state;
// false (state untouched) for any other text. *action says what it did.
// Throws SyntaxError for a malformed one and for ACCEPT without DEFAULT.
bool ApplySubstitutionCommand(const std::string &line, SubstitutionState &state, std::string *action);

// `text` with every &name, &&name and &name. replaced; the text itself when
// substitution is off or there is nothing to replace. Throws SyntaxError
// naming an undefined variable (with its line within `text`).
// `ask`, when given, is called for a variable that is not defined (its
// name as written; true for &&name, which SQL*Plus then defines): the value,
// or nullopt for the error.
using AskVariable = std::function<std::optional<std::string>(const std::string &name, bool define)>;
std::string Substitute(const std::string &text, const SubstitutionState &state, const AskVariable &ask = nullptr);

}  // namespace plpolar::parser
