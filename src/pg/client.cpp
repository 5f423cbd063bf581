#include "plpolar/pg/client.hpp"

#include "plpolar/pg/guard.hpp"

extern "C" {
#include "access/parallel.h"
#include "libpq/libpq.h"
#include "libpq/pqformat.h"
#include "tcop/tcopprot.h"
#include "utils/array.h"
}

#include "plpolar/autonomous/autonomous.h"

namespace plpolar::pg {

namespace {

// The buffer's context, kept for the backend's life (session state, like
// the buffer itself).
MemoryContext output_context = nullptr;

void *OutputAllocate(size_t size) {
    if (!AllocHugeSizeIsValid(size)) return nullptr;
    return MemoryContextAllocExtended(output_context, size, MCXT_ALLOC_HUGE | MCXT_ALLOC_NO_OOM);
}

void OutputRelease(void *pointer) { pfree(pointer); }

void OutputReset() { MemoryContextReset(output_context); }

}  // namespace

OutputMemory OutputContextMemory() {
    if (output_context == nullptr)
        output_context = Guarded(
            [] { return AllocSetContextCreate(TopMemoryContext, "plpolar DBMS_OUTPUT", ALLOCSET_DEFAULT_SIZES); });
    return OutputMemory{OutputAllocate, OutputRelease, OutputReset};
}

namespace {

// Not an error condition: only marks DBMS_OUTPUT's relayed writes.
constexpr int kRelayedOutput = MAKE_SQLSTATE('P', 'L', 'O', 'U', 'T');

emit_log_hook_type previous_emit_log_hook = nullptr;
RelayedOutputHandler relay_handler = nullptr;  // set once at load time

// Runs inside PostgreSQL's error reporting and holds nothing with a
// destructor: a failing pq call may longjmp from here.
void SendPlainLine(const char *text) {
    StringInfoData buf;
    pq_beginmessage(&buf, 'N');
    pq_sendbyte(&buf, PG_DIAG_MESSAGE_PRIMARY);
    pq_sendstring(&buf, text);
    pq_sendbyte(&buf, '\0');
    pq_endmessage(&buf);
}

void RelayHook(ErrorData *edata) {
    bool ours = edata->sqlerrcode == kRelayedOutput && edata->elevel == LOG && edata->message != nullptr &&
                (edata->message[0] == 'P' || edata->message[0] == 'L' || edata->message[0] == 'N');
    if (ours && InParallelWorker()) {
        // To the leader (our "client"), not to the log.
        edata->output_to_client = true;
        edata->output_to_server = false;
    } else if (ours && relay_handler != nullptr) {
        auto op = static_cast<OutputOp>(edata->message[0]);
        char *line = nullptr;
        if (relay_handler(op, edata->message + 1, &line)) {
            edata->output_to_client = false;
            edata->output_to_server = false;
            if (line != nullptr) {
                if (whereToSendOutput == DestRemote)
                    SendPlainLine(line);
                else
                    ereport(LOG, (errmsg_internal("%s", line), errhidestmt(true)));
                pfree(line);
            }
        } else {
            // Not kept: the user sees the text rather than nothing.
            memmove(edata->message, edata->message + 1, strlen(edata->message));
            edata->output_to_client = true;
        }
    }
    if (previous_emit_log_hook != nullptr) previous_emit_log_hook(edata);
}

}  // namespace

// An autonomous transaction's worker writes to its session's buffer too.
bool InParallelWorker() { return IsParallelWorker() || plpolar_in_autonomous_worker(); }

void SendOutputToLeader(OutputOp op, const std::string &text) {
    char code = static_cast<char>(op);
    const char *t = text.c_str();
    Guarded([code, t] {
        ereport(LOG,
                (errcode(kRelayedOutput), errmsg_internal("%c%s", code, t), errhidestmt(true), errhidecontext(true)));
    });
}

void InstallOutputRelay(RelayedOutputHandler handler) {
    relay_handler = handler;
    previous_emit_log_hook = emit_log_hook;
    emit_log_hook = RelayHook;
}

char *CopyNoThrow(const char *text, size_t size) {
    if (!AllocSizeIsValid(size + 1)) return nullptr;
    auto *copy = static_cast<char *>(MemoryContextAllocExtended(CurrentMemoryContext, size + 1, MCXT_ALLOC_NO_OOM));
    if (copy == nullptr) return nullptr;
    memcpy(copy, text, size);
    copy[size] = '\0';
    return copy;
}

void SendLineToClient(const std::string &line) {
    const char *text = line.c_str();
    Guarded([text] {
        if (whereToSendOutput != DestRemote) {
            ereport(LOG, (errmsg_internal("%s", text), errhidestmt(true)));
            return;
        }
        StringInfoData buf;
        pq_beginmessage(&buf, 'N');
        pq_sendbyte(&buf, PG_DIAG_MESSAGE_PRIMARY);
        pq_sendstring(&buf, text);
        pq_sendbyte(&buf, '\0');
        pq_endmessage(&buf);
        pq_flush();
    });
}

std::string ErrorContextStack() {
    char *stack = Guarded([] { return GetErrorContextStack(); });
    std::string out = stack != nullptr ? stack : "";
    if (stack != nullptr) pfree(stack);
    return out;
}

Value TextArray(const std::vector<std::string> &items) {
    std::vector<Datum> datums;
    datums.reserve(items.size());
    for (const auto &item : items) datums.push_back(MakeText(item.data(), item.size()));
    const Datum *elems = datums.data();
    int n = static_cast<int>(datums.size());
    ArrayType *array = Guarded(
        [elems, n] { return construct_array(const_cast<Datum *>(elems), n, TEXTOID, -1, false, TYPALIGN_INT); });
    return Value::Of(PointerGetDatum(array), TEXTARRAYOID);
}

}  // namespace plpolar::pg
