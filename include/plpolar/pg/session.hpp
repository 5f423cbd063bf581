// Facts about the session, for PolarDB's session variables and the tags of
// event trigger calls.
#pragma once

#include <optional>
#include <string>

#include "plpolar/pg/postgres.hpp"

namespace plpolar::pg {

struct SessionFacts {
    std::optional<std::string> user;       // the session user
    std::optional<std::string> database;   // the current database
    std::optional<std::string> client_ip;  // none over a Unix socket
};
SessionFacts ReadSessionFacts();

// The unit running DBMS_SESSION.SET_CONTEXT / CLEAR_CONTEXT: a package
// (its name), or a standalone routine of `schema`; unknown in an anonymous
// block.
struct ContextCaller {
    bool known = false;
    bool package = false;
    std::string schema;
    std::string unit;
};
// Sets (clear false) or clears an application context's attribute (every
// attribute: `attribute` empty, clear true) for the session; ORA-01031
// unless `caller` is the unit CREATE CONTEXT named (session/context.c).
void ChangeApplicationContext(const ContextCaller &caller, const std::optional<std::string> &ns,
                              const std::optional<std::string> &attribute, const std::optional<std::string> &value,
                              bool clear);

// "CREATE TABLE" for CMDTAG_CREATE_TABLE.
const char *CommandTagName(CommandTag tag);

}  // namespace plpolar::pg
