// PolarDB's session variables: polar_login_user (session user),
// polar_database_name, polar_client_ip (NULL over a Unix socket) and
// polar_instance_num (GUC plpolar.instance_num).
#include "plpolar/handler/handler.hpp"
#include "plpolar/pg/session.hpp"
#include "plpolar/pg/types.hpp"
#include "plpolar/settings/settings.hpp"

namespace plpolar::handler {

void BindSessionVariables(exec::Executor &executor, const compile::CompiledFunction &fn) {
    pg::SessionFacts facts = pg::ReadSessionFacts();
    for (size_t slot = 0; slot < fn.variables.size(); ++slot) {
        const compile::Variable &v = fn.variables[slot];
        if (v.kind != compile::VariableKind::Session) continue;
        pg::Value value = pg::Value::Null(v.type.oid);
        if (v.name == "polar_login_user" && facts.user) value = pg::TextValue(facts.user->c_str());
        if (v.name == "polar_database_name" && facts.database) value = pg::TextValue(facts.database->c_str());
        if (v.name == "polar_client_ip" && facts.client_ip) value = pg::TextValue(facts.client_ip->c_str());
        if (v.name == "polar_instance_num") value = pg::Value::Of(Int32GetDatum(settings::InstanceNum()), INT4OID);
        executor.SetVariable(static_cast<int>(slot), value);
    }
}

}  // namespace plpolar::handler
