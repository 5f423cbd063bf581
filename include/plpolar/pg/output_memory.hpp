// The memory DBMS_OUTPUT's buffer (session/output_buffer.hpp) keeps its
// finished lines in, as three plain functions: src/pg gives the server's
// (OutputContextMemory, client.hpp), tests the C++ heap. Plain C++, no
// PostgreSQL header: the unit tests build the buffer without a server.
#pragma once

#include <cstddef>

namespace plpolar::pg {

// None of these may raise a PostgreSQL error.
struct OutputMemory {
    void *(*allocate)(size_t size) = nullptr;  // null when out of memory
    void (*release)(void *pointer) = nullptr;
    void (*reset)() = nullptr;  // nothing allocated is in use any more
};

}  // namespace plpolar::pg
