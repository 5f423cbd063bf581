// CREATE [PUBLIC] SYNONYM and DROP [PUBLIC] SYNONYM. PostgreSQL has no
// synonyms; a synonym for a table or view is a view of it here (SELECT *,
// updatable as PostgreSQL's simple views are), a public one in schema
// public, so that install scripts' synonyms for their tables work.
#include <string>

#include "ddl_internal.hpp"
#include "plpolar/parser/sql_text.hpp"

namespace plpolar::parser::ddl {

bool TranslateSynonym(const Tokens &t, size_t at, bool drop, Collected &out, std::string &head) {
    // at: SYNONYM; before it CREATE [OR REPLACE] [EDITIONABLE | NONEDITIONABLE]
    // [PUBLIC], or DROP [PUBLIC]
    bool or_replace = false;
    bool is_public = false;
    for (size_t k = 1; k < at; ++k) {
        if (t.Is(k, "OR") && t.Is(k + 1, "REPLACE")) {
            or_replace = true;
            ++k;
        } else if (t.Is(k, "PUBLIC")) {
            is_public = true;
        } else if (t.Is(k, "EDITIONABLE") || t.Is(k, "NONEDITIONABLE")) {
            out.no_effect.push_back(t[k].upper);
        } else {
            return false;
        }
    }
    size_t i = at + 1;
    size_t name_end = t.NameEnd(i);
    if (name_end == i) t.Fail(i, "a synonym name expected");
    std::string name = t.Slice(i, name_end);
    // A public synonym is visible to every user: schema public here.
    std::string view = is_public && name_end == i + 1 ? "public." + name : name;
    head = std::string(drop ? "DROP " : "CREATE ") + (is_public ? "PUBLIC " : "") + "SYNONYM " + name;
    i = name_end;
    if (drop) {
        if (t.Is(i, "FORCE")) {
            out.no_effect.push_back("FORCE");
            ++i;
        }
        if (i != t.size()) t.Fail(i, "unexpected " + t[i].text + " after DROP SYNONYM");
        out.statements.push_back("DROP VIEW " + view);
        out.notes.push_back("the view that stands for it dropped");
        return true;
    }
    if (t.Is(i, "SHARING") && t[i + 1].text == "=") {
        out.no_effect.push_back(Describe(t, i, i + 3));
        i += 3;
    }
    if (!t.Is(i, "FOR")) t.Fail(i, "FOR expected in CREATE SYNONYM");
    ++i;
    size_t target_end = t.NameEnd(i);
    if (target_end == i) t.Fail(i, "the synonym's object expected");
    std::string target = t.Slice(i, target_end);
    if (t[target_end].text == "@" || (t[target_end].kind == Token::Kind::Other && t[target_end].text[0] == '@'))
        t.Refuse(target_end,
                 "a synonym for an object over a database link is not supported here (postgres_fdw "
                 "brings remote tables)");
    if (target_end != t.size()) t.Fail(target_end, "unexpected " + t[target_end].text + " in CREATE SYNONYM");
    out.statements.push_back(std::string("CREATE ") + (or_replace ? "OR REPLACE " : "") + "VIEW " + view +
                             " AS SELECT * FROM " + target);
    out.statements.push_back("COMMENT ON VIEW " + view + " IS " + StandardLiteral("plpolar synonym for " + target));
    out.notes.push_back("a view of " + target +
                        " (its columns as they are now; tables and views only, not subprograms or sequences)");
    return true;
}

}  // namespace plpolar::parser::ddl
