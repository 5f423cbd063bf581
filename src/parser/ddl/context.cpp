// CREATE [OR REPLACE] CONTEXT ns USING [schema.]unit and DROP CONTEXT ns:
// Oracle's application contexts, kept in plpolar.contexts by functions of
// the extension (session/context.c) that also check the privilege.
#include <string>

#include "ddl_internal.hpp"
#include "plpolar/parser/sql_text.hpp"

namespace plpolar::parser::ddl {

bool TranslateContext(const Tokens &t, size_t at, bool drop, Collected &out, std::string &head) {
    // at: CONTEXT; before it CREATE [OR REPLACE], or DROP
    bool or_replace = false;
    for (size_t k = 1; k < at; ++k) {
        if (t.Is(k, "OR") && t.Is(k + 1, "REPLACE")) {
            or_replace = true;
            ++k;
        } else {
            return false;
        }
    }
    size_t i = at + 1;
    if (t[i].kind != Token::Kind::Word && t[i].kind != Token::Kind::Quoted) t.Fail(i, "a context namespace expected");
    // Oracle's namespaces are upper case, quoted or not (SYS_CONTEXT folds).
    std::string ns = Upper(FoldedName(t[i].text));
    ++i;
    head = std::string(drop ? "DROP " : or_replace ? "CREATE OR REPLACE " : "CREATE ") + "CONTEXT " + ns;
    if (drop) {
        if (i != t.size()) t.Fail(i, "unexpected " + t[i].text + " after DROP CONTEXT");
        out.statements.push_back("SELECT plpolar.drop_context(" + StandardLiteral(ns) + ")");
        return true;
    }
    if (!t.Is(i, "USING")) t.Fail(i, "USING [schema.]package expected in CREATE CONTEXT");
    ++i;
    size_t end = t.NameEnd(i);
    if (end == i) t.Fail(i, "the context's package or procedure expected");
    std::string schema;
    std::string unit;
    if (end == i + 3 && t[i + 1].kind == Token::Kind::Dot) {
        schema = FoldedName(t[i].text);
        unit = FoldedName(t[i + 2].text);
    } else if (end == i + 1) {
        unit = FoldedName(t[i].text);
    } else {
        t.Fail(i, "the context's unit is [schema.]name");
    }
    i = end;
    if (t.Is(i, "ACCESSED") || t.Is(i, "INITIALIZED"))
        t.Refuse(i, "CREATE CONTEXT ... " + t[i].upper +
                        ": only local contexts here, their values private to each session and set by the unit");
    if (i != t.size()) t.Fail(i, "unexpected " + t[i].text + " in CREATE CONTEXT");
    out.statements.push_back("SELECT plpolar.create_context(" + StandardLiteral(ns) + ", " + StandardLiteral(schema) +
                             ", " + StandardLiteral(unit) + ", " + (or_replace ? "true" : "false") + ")");
    out.notes.push_back("values are set by " + (schema.empty() ? std::string() : schema + ".") + unit +
                        " with DBMS_SESSION.SET_CONTEXT and read with SYS_CONTEXT('" + ns + "', attribute)");
    return true;
}

}  // namespace plpolar::parser::ddl
