// Which statements are Oracle table DDL, and their translation.
#include <cctype>
#include <string>

#include "ddl_internal.hpp"
#include "plpolar/parser/sql_text.hpp"

namespace plpolar::parser {

std::optional<DdlTranslation> TranslateOracleDdl(const std::string &sql, const DdlTypeMapper &map_type,
                                                 const DdlCatalog *catalog) {
    using ddl::Tokens;
    // Cheap test first: most statements of a script are not DDL.
    size_t first = 0;
    while (first < sql.size() && std::isspace(static_cast<unsigned char>(sql[first]))) ++first;
    std::string verb;
    for (size_t i = first; i < sql.size() && std::isalpha(static_cast<unsigned char>(sql[i])); ++i)
        verb += static_cast<char>(std::toupper(static_cast<unsigned char>(sql[i])));
    if (verb != "CREATE" && verb != "ALTER" && verb != "DROP" && verb != "TRUNCATE" && verb != "SET")
        return std::nullopt;

    Tokens t(QuoteHashIdentifiers(sql));
    ddl::Collected out;
    out.catalog = catalog;
    std::string head;
    bool translated = false;
    if (verb == "CREATE") {
        size_t i = 1;
        if (t.Is(1, "OR") && t.Is(2, "REPLACE")) i = 3;
        // CREATE [OR REPLACE] [[NO] FORCE] [EDITIONABLE ...] VIEW
        size_t v = i;
        while (t.Is(v, "FORCE") || t.Is(v, "NOFORCE") || t.Is(v, "NO") || t.Is(v, "EDITIONABLE") ||
               t.Is(v, "NONEDITIONABLE") || t.Is(v, "EDITIONING"))
            ++v;
        size_t syn = i;
        while (t.Is(syn, "EDITIONABLE") || t.Is(syn, "NONEDITIONABLE") || t.Is(syn, "PUBLIC")) ++syn;
        if (t.Is(syn, "SYNONYM")) {
            translated = ddl::TranslateSynonym(t, syn, false, out, head);
        } else if (t.Is(i, "CONTEXT")) {
            translated = ddl::TranslateContext(t, i, false, out, head);
        } else if (t.Is(v, "VIEW")) {
            translated = ddl::TranslateCreateView(t, v, out, head);
        } else if (i == 1 && t.Is(1, "TABLE")) {
            translated = ddl::TranslateCreateTable(t, 1, map_type, out, head);
        } else if (i == 1 && (t.Is(1, "GLOBAL") || t.Is(1, "PRIVATE")) && t.Is(2, "TEMPORARY") && t.Is(3, "TABLE")) {
            t.Refuse(1, t[1].upper +
                            " TEMPORARY TABLE: Oracle's temporary table is a permanent definition with rows private "
                            "to each session; PostgreSQL's CREATE TEMPORARY TABLE lasts for one session (create it "
                            "in each session, for instance in a logon trigger)");
        } else if (i == 1 && t.Is(1, "INDEX")) {
            translated = ddl::TranslateCreateIndex(t, 1, out, head);
        } else if (i == 1 && (t.Is(1, "UNIQUE") || t.Is(1, "BITMAP")) && t.Is(2, "INDEX")) {
            translated = ddl::TranslateCreateIndex(t, 2, out, head);
        } else if (i == 1 && t.Is(1, "SEQUENCE")) {
            translated = ddl::TranslateSequence(t, 1, out, head);
        }
    } else if (verb == "ALTER") {
        if (t.Is(1, "TABLE")) translated = ddl::TranslateAlterTable(t, 1, map_type, out, head);
        if (t.Is(1, "SEQUENCE")) translated = ddl::TranslateSequence(t, 1, out, head);
        if (t.Is(1, "SESSION")) translated = ddl::TranslateAlterSession(t, 1, out, head);
    } else if (verb == "SET") {
        if (t.Is(1, "ROLE")) translated = ddl::TranslateSetRole(t, 1, out, head);
    } else if (verb == "TRUNCATE") {
        if (t.Is(1, "TABLE")) translated = ddl::TranslateTruncate(t, 1, out, head);
    } else if (t.Is(1, "TABLE")) {
        translated = ddl::TranslateDropTable(t, 1, out, head);
    } else if (t.Is(1, "SYNONYM") || (t.Is(1, "PUBLIC") && t.Is(2, "SYNONYM"))) {
        translated = ddl::TranslateSynonym(t, t.Is(1, "SYNONYM") ? 1 : 2, true, out, head);
    } else if (t.Is(1, "CONTEXT")) {
        translated = ddl::TranslateContext(t, 1, true, out, head);
    }
    if (!translated) return std::nullopt;
    DdlTranslation result;
    result.statements = std::move(out.statements);
    result.reuse = std::move(out.reuse);
    result.action = out.Action(head);
    return result;
}

}  // namespace plpolar::parser
