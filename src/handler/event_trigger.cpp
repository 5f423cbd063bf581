// Event trigger functions: tg_event and tg_tag for PostgreSQL's own events.
#include <cstring>

#include "plpolar/handler/handler.hpp"
#include "plpolar/pg/session.hpp"
#include "plpolar/pg/types.hpp"

namespace plpolar::handler {

void BindEventTrigger(exec::Executor &executor, const compile::CompiledFunction &fn, EventTriggerData *data) {
    for (size_t slot = 0; slot < fn.variables.size(); ++slot) {
        const compile::Variable &v = fn.variables[slot];
        if (v.kind != compile::VariableKind::Trigger) continue;
        const char *text = nullptr;
        if (v.name == "tg_event") text = data->event;
        if (v.name == "tg_tag") {
            // Session events carry no command tag; PolarDB calls them so.
            if (strcmp(data->event, "after_user_logon") == 0)
                text = "LOGON";
            else if (strcmp(data->event, "before_user_logoff") == 0)
                text = "LOGOFF";
            else
                text = pg::CommandTagName(data->tag);
        }
        if (text == nullptr) continue;
        executor.SetVariable(static_cast<int>(slot), pg::TextValue(text));
    }
}

}  // namespace plpolar::handler
