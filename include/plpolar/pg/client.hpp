// Talking to the client and reading the call stack, for DBMS_OUTPUT and
// DBMS_UTILITY.
#pragma once

#include <string>
#include <vector>

#include "plpolar/pg/types.hpp"
#include "plpolar/session/output_buffer.hpp"

namespace plpolar::pg {

// One line to the client at once, as a NoticeResponse without a severity:
// psql prints it as it stands, as SQL*Plus prints SERVEROUTPUT lines.
// Without a client (single-user mode, background worker) it goes to the log.
void SendLineToClient(const std::string &line);

// Memory for DBMS_OUTPUT's lines: the context "plpolar DBMS_OUTPUT" under
// TopMemoryContext, created here (at load time). Its functions cannot raise
// an error (no-OOM allocations of sizes checked first), so the buffer may
// call them from anywhere, even while an error is being reported.
session::OutputMemory OutputContextMemory();

// The error context lines of the running code, innermost first: what
// PL/pgSQL's GET DIAGNOSTICS PG_CONTEXT gives.
std::string ErrorContextStack();

// A text[] of `items`, in the current memory context.
Value TextArray(const std::vector<std::string> &items);

}  // namespace plpolar::pg
