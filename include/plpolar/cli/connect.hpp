// The logon argument of the plpolar client: SQL*Plus's forms
// (user[/password][@connect_identifier] [AS SYSDBA], /, /nolog) and
// PostgreSQL's (a conninfo string or a postgresql:// URI), as libpq
// keyword/value pairs. Free of libpq: unit-tested alone.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace plpolar::cli {

struct Logon {
    bool nolog = false;  // /NOLOG: start without a connection
    // libpq keywords in order; a conninfo or URI goes whole as "dbname",
    // which libpq expands only as the first dbname it is given.
    std::vector<std::pair<std::string, std::string>> params;
    bool conninfo = false;
    std::string note;  // what was accepted without an effect (AS SYSDBA)
};

// Throws std::invalid_argument with a message for a malformed argument.
// Forms: user, user/password, user@db, user/password@db,
// user/password@//host[:port]/db, user/password@host[:port]/db, "/" (the
// operating-system user, libpq's default), /NOLOG, "key=value ...",
// postgresql://... A password may be written in double quotes.
Logon ParseLogon(const std::string &arg);

}  // namespace plpolar::cli
