// What the session gives a call of a plpolar function: PolarDB's session
// variables and an event trigger's tg_event / tg_tag. Used by the call
// handler.
#pragma once

#include "plpolar/compile/function.hpp"
#include "plpolar/exec/executor.hpp"

namespace plpolar::session {

// Binds polar_login_user & co. (session_variables.cpp).
void BindSessionVariables(exec::Executor &executor, const compile::CompiledFunction &fn);

// Binds tg_event / tg_tag for an event trigger call (event_trigger.cpp).
void BindEventTrigger(exec::Executor &executor, const compile::CompiledFunction &fn, EventTriggerData *data);

}  // namespace plpolar::session
