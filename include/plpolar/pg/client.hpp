// Talking to the client and reading the call stack, for DBMS_OUTPUT and
// DBMS_UTILITY.
#pragma once

#include <string>
#include <vector>

#include "plpolar/pg/output_memory.hpp"
#include "plpolar/pg/types.hpp"

namespace plpolar::pg {

// One line to the client at once, as a NoticeResponse without a severity:
// psql prints it as it stands, as SQL*Plus prints SERVEROUTPUT lines.
// Without a client (single-user mode, background worker) it goes to the log.
void SendLineToClient(const std::string &line);

// DBMS_OUTPUT in a parallel worker. The session's buffer is the leader's,
// so a worker sends each write (PUT, PUT_LINE, NEW_LINE) to the leader as a
// LOG message of plpolar's own SQLSTATE, which PostgreSQL's parallel
// machinery relays. An emit_log_hook (called for what goes to the server
// log, hence LOG) sends it to the leader instead of the worker's log, and in
// the leader stops it and applies the write to the session's buffer. Only
// log_min_messages = fatal or panic would keep the hook from seeing it.
enum class OutputOp : char { Put = 'P', PutLine = 'L', NewLine = 'N' };
bool InParallelWorker();
void SendOutputToLeader(OutputOp op, const std::string &text);
// Applies a relayed write in the leader; returns false if it could not be
// kept (full buffer, out of memory): the message then reaches the client as
// LOG with the text. A finished line that must go to the client is given
// back in *line (allocated with AllocateNoThrow, freed by the caller).
// Runs inside PostgreSQL's error reporting: must not raise or throw.
using RelayedOutputHandler = bool (*)(OutputOp op, const char *text, char **line) noexcept;
void InstallOutputRelay(RelayedOutputHandler handler);
// palloc in the current context that returns null instead of raising.
char *CopyNoThrow(const char *text, size_t size);

// Memory for DBMS_OUTPUT's lines: the context "plpolar DBMS_OUTPUT" under
// TopMemoryContext, created here (at load time). Its functions cannot raise
// an error (no-OOM allocations of sizes checked first), so the buffer may
// call them from anywhere, even while an error is being reported.
OutputMemory OutputContextMemory();

// The error context lines of the running code, innermost first: what
// PL/pgSQL's GET DIAGNOSTICS PG_CONTEXT gives.
std::string ErrorContextStack();

// A text[] of `items`, in the current memory context.
Value TextArray(const std::vector<std::string> &items);

}  // namespace plpolar::pg
