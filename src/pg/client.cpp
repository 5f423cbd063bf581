#include "plpolar/pg/client.hpp"

#include "plpolar/pg/guard.hpp"

extern "C" {
#include "libpq/libpq.h"
#include "libpq/pqformat.h"
#include "tcop/tcopprot.h"
#include "utils/array.h"
}

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

session::OutputMemory OutputContextMemory() {
    if (output_context == nullptr)
        output_context = Guarded(
            [] { return AllocSetContextCreate(TopMemoryContext, "plpolar DBMS_OUTPUT", ALLOCSET_DEFAULT_SIZES); });
    return session::OutputMemory{OutputAllocate, OutputRelease, OutputReset};
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
