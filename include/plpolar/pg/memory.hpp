// RAII switch of CurrentMemoryContext. Switching never raises.
#pragma once

#include "plpolar/pg/postgres.hpp"

namespace plpolar::pg {

class MemoryContextScope {
public:
    explicit MemoryContextScope(MemoryContext context) : saved_(MemoryContextSwitchTo(context)) {}
    ~MemoryContextScope() { MemoryContextSwitchTo(saved_); }
    MemoryContextScope(const MemoryContextScope &) = delete;
    MemoryContextScope &operator=(const MemoryContextScope &) = delete;

private:
    MemoryContext saved_;
};

MemoryContext CreateContext(MemoryContext parent, const char *name);
void DeleteContext(MemoryContext context);

}  // namespace plpolar::pg
