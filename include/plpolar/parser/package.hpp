// Oracle's package DDL as plpolar.exec meets it: the header of CREATE
// PACKAGE [BODY], and DROP PACKAGE, ALTER PACKAGE ... COMPILE and GRANT /
// REVOKE EXECUTE ON a package. Pure C++: no server needed.
#pragma once

#include <string>
#include <vector>

namespace plpolar::parser {

struct OraclePackage {
    bool or_replace = false;
    bool is_body = false;
    std::string schema;          // Oracle's owning schema as written, folded; empty if none
    std::string name;            // folded the PostgreSQL way (FoldIdentifier)
    std::string display;         // as written, for result rows
    bool definer_rights = true;  // AUTHID DEFINER, Oracle's default
    std::vector<std::string> notes;
    // From the header's IS / AS to the final END [name]; (ParsePackageSource's input).
    std::string source;
    int source_line = 1;  // line of IS / AS within the statement: the source's line 1
};

// CREATE [OR REPLACE] [EDITIONABLE | NONEDITIONABLE] PACKAGE [BODY]
// [schema.]name [SHARING = ...] [AUTHID CURRENT_USER | DEFINER]
// [ACCESSIBLE BY (...)] [DEFAULT COLLATION ...] IS | AS ... Throws
// SyntaxError (line relative to the statement).
OraclePackage ParseOraclePackage(const std::string &text);

struct PackageCommand {
    enum class Kind {
        None,      // not a package command
        Drop,      // DROP PACKAGE name
        DropBody,  // DROP PACKAGE BODY name
        Compile,   // ALTER PACKAGE name COMPILE [PACKAGE | SPECIFICATION | BODY]
        Grant,     // GRANT EXECUTE ON name TO grantees [WITH GRANT OPTION]
        Revoke,    // REVOKE EXECUTE ON name FROM grantees
    };
    Kind kind = Kind::None;
    std::string schema;      // folded; empty if unqualified
    std::string name;        // folded
    bool body_only = false;  // COMPILE BODY
    bool spec_only = false;  // COMPILE SPECIFICATION
    std::string grantees;    // as written (GRANT / REVOKE)
    bool grant_option = false;
};

// GRANT and REVOKE are recognised by form only: the caller decides whether
// the object is a package.
PackageCommand ParsePackageCommand(const std::string &sql);

}  // namespace plpolar::parser
