// A snapshot that sees the transaction's own changes so far, active for a
// scope: what a STABLE or IMMUTABLE callee reads with when a volatile
// caller runs it directly (exec/direct_call.cpp), as the SQL call would.
#pragma once

namespace plpolar::pg {

class FreshSnapshot {
public:
    // CommandCounterIncrement, then a new transaction snapshot pushed as
    // the active one; popped again at the end of the scope.
    FreshSnapshot();
    ~FreshSnapshot();
    FreshSnapshot(const FreshSnapshot &) = delete;
    FreshSnapshot &operator=(const FreshSnapshot &) = delete;
};

}  // namespace plpolar::pg
