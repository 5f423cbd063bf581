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

// "CREATE TABLE" for CMDTAG_CREATE_TABLE.
const char *CommandTagName(CommandTag tag);

}  // namespace plpolar::pg
