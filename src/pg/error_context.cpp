// CONTEXT lines from plain data (error_context.hpp).
#include "plpolar/pg/error_context.hpp"

namespace plpolar::pg {

ErrorContextLine::ErrorContextLine(const char *prefix, const int *line)
    : prefix_(prefix), line_(line), push_(Callback, this) {}

// Runs inside PostgreSQL's error reporting: C calls only, nothing that throws.
void ErrorContextLine::Callback(void *arg) {
    const auto *self = static_cast<const ErrorContextLine *>(arg);
    if (*self->line_ > 0)
        errcontext("%s near line %d", self->prefix_, *self->line_);
    else
        errcontext("%s", self->prefix_);
}

}  // namespace plpolar::pg
