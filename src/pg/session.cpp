#include "plpolar/pg/session.hpp"

#include <sys/socket.h>

#include "plpolar/pg/guard.hpp"

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

const char *CommandTagName(CommandTag tag) { return GetCommandTagName(tag); }

}  // namespace plpolar::pg
