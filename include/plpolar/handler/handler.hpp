// Pieces of the handler shared between its files.
#pragma once

#include "plpolar/compile/function.hpp"
#include "plpolar/exec/executor.hpp"

namespace plpolar::handler {

// plpolar.exec(script) (exec_script.cpp).
Datum ExecScript(FunctionCallInfo fcinfo);

// GUCs (settings.cpp).
void DefineSettings();
// Reserves the plpolar. prefix; after every plpolar setting is defined.
void ReserveSettingsPrefix();

// Session-level setup at library load: logon/logoff hooks (session/).
void InitSession();

// Binds polar_login_user & co. (session/).
void BindSessionVariables(exec::Executor &executor, const compile::CompiledFunction &fn);

// Binds tg_event / tg_tag for an event trigger call (session/).
void BindEventTrigger(exec::Executor &executor, const compile::CompiledFunction &fn, EventTriggerData *data);

}  // namespace plpolar::handler
