// Pieces of the handler shared between its files.
#pragma once

#include "plpolar/compile/function.hpp"
#include "plpolar/exec/executor.hpp"

namespace plpolar::handler {

// plpolar.exec(script) (exec_script.cpp).
Datum ExecScript(FunctionCallInfo fcinfo);

// What the session gives a call: polar_login_user & co.
// (session_variables.cpp).
void BindSessionVariables(exec::Executor &executor, const compile::CompiledFunction &fn);

// Binds tg_event / tg_tag for an event trigger call (event_trigger.cpp).
void BindEventTrigger(exec::Executor &executor, const compile::CompiledFunction &fn, EventTriggerData *data);

}  // namespace plpolar::handler
