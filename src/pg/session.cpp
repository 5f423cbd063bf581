#include "plpolar/pg/session.hpp"

#include <sys/socket.h>

#include "plpolar/pg/guard.hpp"
#include "plpolar/session/context.h"

extern "C" {
#include "commands/dbcommands.h"
#include "common/ip.h"
#include "libpq/libpq-be.h"
}

namespace plpolar::pg {

namespace {

// Filled inside the guard: C data only, nothing to destroy on a longjmp.
struct RawFacts {
    char *user;
    char *database;
    char client_ip[NI_MAXHOST];
    bool has_client_ip;
};

void ReadRawFacts(RawFacts *out) {
    out->user = GetUserNameFromId(GetSessionUserId(), false);
    out->database = get_database_name(MyDatabaseId);
    out->has_client_ip = false;
    out->client_ip[0] = '\0';
    if (MyProcPort != NULL) {
        int family = MyProcPort->raddr.addr.ss_family;
        if ((family == AF_INET || family == AF_INET6) &&
            pg_getnameinfo_all(&MyProcPort->raddr.addr, MyProcPort->raddr.salen, out->client_ip, sizeof(out->client_ip),
                               NULL, 0, NI_NUMERICHOST) == 0)
            out->has_client_ip = true;
    }
}

}  // namespace

SessionFacts ReadSessionFacts() {
    RawFacts raw{};
    RawFacts *praw = &raw;
    Guarded([praw] { ReadRawFacts(praw); });
    SessionFacts facts;
    if (raw.user != nullptr) facts.user = raw.user;
    if (raw.database != nullptr) facts.database = raw.database;
    if (raw.has_client_ip) facts.client_ip = raw.client_ip;
    return facts;
}

void ChangeApplicationContext(const ContextCaller &caller, const std::optional<std::string> &ns,
                              const std::optional<std::string> &attribute, const std::optional<std::string> &value,
                              bool clear) {
    const char *c_ns = ns ? ns->c_str() : nullptr;
    const char *c_attribute = attribute ? attribute->c_str() : nullptr;
    const char *c_value = value ? value->c_str() : nullptr;
    const char *schema = caller.known ? caller.schema.c_str() : nullptr;
    const char *unit = caller.known ? caller.unit.c_str() : nullptr;
    const bool package = caller.package;
    Guarded([c_ns, c_attribute, c_value, clear, schema, unit, package] {
        plpolar_context_change(c_ns, c_attribute, c_value, clear, schema, unit, package);
    });
}

const char *CommandTagName(CommandTag tag) { return GetCommandTagName(tag); }

}  // namespace plpolar::pg
