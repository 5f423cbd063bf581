// PolarDB's session variables: polar_login_user (session user),
// polar_database_name, polar_client_ip (NULL over a Unix socket) and
// polar_instance_num (GUC plpolar.instance_num).
#include <sys/socket.h>

#include "plpolar/handler/handler.hpp"
#include "plpolar/handler/settings.hpp"
#include "plpolar/pg/guard.hpp"

extern "C" {
#include "commands/dbcommands.h"
#include "common/ip.h"
#include "libpq/libpq-be.h"
}

namespace plpolar::handler {

namespace {

struct SessionFacts {
    char *user;
    char *database;
    char client_ip[NI_MAXHOST];
    bool has_client_ip;
};

void ReadSessionFacts(SessionFacts *out) {
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

void BindSessionVariables(exec::Executor &executor, const compile::CompiledFunction &fn) {
    SessionFacts facts{};
    SessionFacts *pfacts = &facts;
    pg::Guarded([pfacts] { ReadSessionFacts(pfacts); });
    for (size_t slot = 0; slot < fn.variables.size(); ++slot) {
        const compile::Variable &v = fn.variables[slot];
        if (v.kind != compile::VariableKind::Session) continue;
        pg::Value value = pg::Value::Null(v.type.oid);
        if (v.name == "polar_login_user" && facts.user != nullptr) value = pg::TextValue(facts.user);
        if (v.name == "polar_database_name" && facts.database != nullptr) value = pg::TextValue(facts.database);
        if (v.name == "polar_client_ip" && facts.has_client_ip) value = pg::TextValue(facts.client_ip);
        if (v.name == "polar_instance_num") value = pg::Value::Of(Int32GetDatum(settings().instance_num), INT4OID);
        executor.SetVariable(static_cast<int>(slot), value);
    }
}

}  // namespace plpolar::handler
