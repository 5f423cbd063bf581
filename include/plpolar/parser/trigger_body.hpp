// The body of a DML trigger function as Oracle writes it: :NEW.col and
// :OLD.col (or the names a REFERENCING clause gave them) are bind-variable
// syntax the PL grammar has no place for. They become the row variables
// `new` and `old` of the same length (the colon a space), so that every line
// and column of the body stays where the user wrote it. Pure C++.
#pragma once

#include <string>
#include <vector>

namespace plpolar::parser {

struct TriggerBody {
    std::string source;    // the body to parse
    std::string new_name;  // what :NEW is called (REFERENCING NEW AS n): "new" by default
    std::string old_name;
    // The body names :NEW / :OLD (in any spelling) with a colon.
    bool colon_new = false;
    bool colon_old = false;
    // The body mentions the row names at all, colon or not (PostgreSQL's
    // own NEW.col spelling): only then does a call build those rows.
    bool mentions_new = false;
    bool mentions_old = false;
    // It names INSERTING / UPDATING / DELETING.
    bool mentions_predicates = false;
    // The TG_* words it names, lower case, each once: only those TG_*
    // variables are filled when the trigger fires.
    std::vector<std::string> tg_names;
    // A compound trigger's block (plpolar.exec wrote plpolar$timing_point).
    bool compound = false;
};

// The marker plpolar.exec writes at the very start of the function it makes
// for an Oracle-form trigger with REFERENCING, on the body's first line:
// "/*plpolar:referencing old=o new=n*/". A comment, so PostgreSQL and
// pg_dump keep it as written.
std::string ReferencingMarker(const std::string &old_name, const std::string &new_name);

TriggerBody PrepareTriggerBody(const std::string &source);

}  // namespace plpolar::parser
