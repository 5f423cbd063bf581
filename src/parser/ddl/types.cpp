// Oracle's schema-level collection types as statements: CREATE [OR REPLACE]
// TYPE ... AS TABLE OF / VARRAY(n) OF and DROP TYPE (plpolar/parser/ddl.hpp).
// What they do is handler/exec_type.cpp's.
#include <string>

#include "ddl_internal.hpp"
#include "plpolar/parser/sql_text.hpp"

namespace plpolar::parser {

TypeCommand ParseTypeCommand(const std::string &sql, const DdlTypeMapper &map_type) {
    using ddl::Token;
    TypeCommand cmd;
    ddl::Tokens t(sql);
    size_t n = t.size();
    // A statement's own ';' (and SQL*Plus's '/') are not part of it.
    while (n > 0 && (t[n - 1].text == ";" || t[n - 1].text == "/")) --n;
    bool create = t.Is(0, "CREATE");
    if (!create && !t.Is(0, "DROP")) return cmd;
    size_t i = 1;
    if (create && t.Is(1, "OR") && t.Is(2, "REPLACE")) {
        cmd.or_replace = true;
        i = 3;
    }
    while (create && (t.Is(i, "EDITIONABLE") || t.Is(i, "NONEDITIONABLE"))) cmd.no_effect.push_back(t[i++].upper);
    if (!t.Is(i, "TYPE") || t.Is(i + 1, "BODY")) return cmd;
    ++i;
    size_t name_end = t.NameEnd(i);
    if (name_end == i || name_end > n) return cmd;
    std::vector<std::string> parts;
    for (size_t k = i; k < name_end; k += 2) parts.push_back(ddl::FoldedName(t[k].text));
    if (parts.size() > 2) return cmd;
    const std::string schema = parts.size() == 2 ? parts[0] : std::string();
    const std::string name = parts.back();
    i = name_end;
    if (!create) {
        cmd.kind = TypeCommand::Kind::Drop;
        cmd.schema = schema;
        cmd.name = name;
        if (t.Is(i, "FORCE")) {
            cmd.force = true;
            ++i;
        } else if (t.Is(i, "VALIDATE")) {
            cmd.no_effect.push_back("VALIDATE");
            ++i;
        }
        if (i != n) t.Fail(i, "unexpected " + t[i].text + " after DROP TYPE " + name);
        return cmd;
    }
    // CREATE TYPE name [FORCE] [SHARING = ...] AS | IS ...
    if (t.Is(i, "FORCE")) cmd.no_effect.push_back(t[i++].upper);
    // OID 'hex': the type's identity across databases (PostgreSQL assigns its own).
    if (t.Is(i, "OID") && t[i + 1].kind == Token::Kind::String) {
        cmd.no_effect.push_back("OID");
        i += 2;
    }
    if (!t.Is(i, "AS") && !t.Is(i, "IS")) return cmd;  // a forward declaration, UNDER, OID '...'
    ++i;
    if (t.Is(i, "TABLE") && t.Is(i + 1, "OF")) {
        i += 2;
    } else if ((t.Is(i, "VARRAY") || (t.Is(i, "VARYING") && t.Is(i + 1, "ARRAY")))) {
        i += t.Is(i, "VARRAY") ? 1 : 2;
        if (t[i].kind != Token::Kind::Open) t.Fail(i, "VARRAY (size limit) expected");
        size_t close = t.Matching(i);
        if (close != i + 2 || t[i + 1].kind != Token::Kind::Number)
            t.Fail(i + 1, "the size limit of a VARRAY is an integer");
        std::string digits = t[i + 1].text;
        if (digits.find_first_not_of("0123456789") != std::string::npos || digits.size() > 10)
            t.Fail(i + 1, "PLS-00325: the size limit of a VARRAY must be between 1 and 2147483647");
        cmd.limit = std::stoll(digits);
        if (cmd.limit < 1 || cmd.limit > 2147483647)
            t.Fail(i + 1, "PLS-00325: the size limit of a VARRAY must be between 1 and 2147483647");
        cmd.varray = true;
        i = close + 1;
        if (!t.Is(i, "OF")) t.Fail(i, "OF expected after VARRAY(" + digits + ")");
        ++i;
    } else {
        return cmd;  // AS OBJECT and the rest: not a collection type
    }
    size_t type_end = n;
    // NOT NULL elements; NOT PERSISTABLE (a PL/SQL-only type) has no effect.
    for (size_t k = i; k + 1 < n; ++k) {
        if (t.Is(k, "NOT") && (t.Is(k + 1, "NULL") || t.Is(k + 1, "PERSISTABLE"))) {
            type_end = k;
            break;
        }
    }
    for (size_t k = type_end; k < n;) {
        if (t.Is(k, "NOT") && t.Is(k + 1, "NULL")) {
            cmd.element_not_null = true;
            k += 2;
        } else if (t.Is(k, "NOT") && t.Is(k + 1, "PERSISTABLE")) {
            cmd.no_effect.push_back("NOT PERSISTABLE");
            k += 2;
        } else {
            t.Fail(k, "unexpected " + t[k].text + " after the element type");
        }
    }
    if (type_end == i) t.Fail(i, "the element type expected after OF");
    cmd.element_written = t.Slice(i, type_end);
    std::string upper;
    for (char c : cmd.element_written) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (upper.find("%TYPE") != std::string::npos || upper.find("%ROWTYPE") != std::string::npos)
        t.Fail(i,
               "PLS-00329: a schema-level type cannot have a %TYPE or %ROWTYPE element (declare the collection "
               "type in PL/SQL code, or name the table's row type)");
    if (t.Is(i, "REF")) throw DdlUnsupported("a collection of REF is not supported here", t[i].line, t[i].column);
    cmd.element = map_type(cmd.element_written);
    cmd.kind = TypeCommand::Kind::CreateCollection;
    cmd.schema = schema;
    cmd.name = name;
    return cmd;
}

}  // namespace plpolar::parser
