// Pieces of the handler shared between its files.
#pragma once

#include "plpolar/pg/postgres.hpp"

namespace plpolar::handler {

// plpolar.exec(script) (exec_script.cpp).
Datum ExecScript(FunctionCallInfo fcinfo);

}  // namespace plpolar::handler
