// The error context callbacks behind ErrorContextLine and
// FunctionBodyErrorPosition: the only errcontext calls of plpolar's C++.
#include "plpolar/pg/error_context.hpp"

namespace plpolar::pg {

ErrorContextLine::ErrorContextLine(Describe describe, const void *data)
    : describe_(describe), data_(data), push_(Callback, this) {}

// Runs inside errfinish, in ErrorContext: C calls only, nothing that
// throws. A line longer than the stack buffer is written again into memory
// of the error's own context, as errcontext's copy of it is.
void ErrorContextLine::Callback(void *arg) {
    const auto *self = static_cast<const ErrorContextLine *>(arg);
    char buffer[512];
    char *line = buffer;
    int length = self->describe_(self->data_, buffer, sizeof(buffer));
    if (length <= 0) return;
    if (static_cast<size_t>(length) >= sizeof(buffer)) {
        size_t size = static_cast<size_t>(length) + 1;
        line = static_cast<char *>(palloc(size));
        self->describe_(self->data_, line, size);
    }
    errcontext("%s", line);
}

FunctionBodyErrorPosition::FunctionBodyErrorPosition(const std::string &source)
    : push_(Callback, const_cast<char *>(source.c_str())) {}

void FunctionBodyErrorPosition::Callback(void *arg) { function_parse_error_transpose(static_cast<const char *>(arg)); }

}  // namespace plpolar::pg
