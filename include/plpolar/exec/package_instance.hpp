// A session's instance of a user package: its compiled unit and the
// executor whose outermost variables are the package's state. Per backend
// and per user (the one outside any SECURITY DEFINER call), so that state
// is never shared between users; created on first use, initialised once,
// kept across calls and transactions (ROLLBACK does not undo it, as in
// Oracle), and discarded when the package changes.
#pragma once

#include <memory>
#include <string>

#include "plpolar/compile/package_unit.hpp"
#include "plpolar/exec/executor.hpp"
#include "plpolar/pg/packages.hpp"

namespace plpolar::exec {

class PackageInstance : public std::enable_shared_from_this<PackageInstance> {
public:
    explicit PackageInstance(std::shared_ptr<compile::PackageUnit> unit);
    ~PackageInstance();
    PackageInstance(const PackageInstance &) = delete;
    PackageInstance &operator=(const PackageInstance &) = delete;

    compile::PackageUnit &unit() { return *unit_; }
    Executor &executor() { return *executor_; }
    // Runs the declarations' defaults and the initialization section once
    // (with the owner's rights for AUTHID DEFINER). A failed one runs again
    // on the next use.
    void EnsureInitialized();
    bool initialized() const { return initialized_; }
    // The owner's OID, for definer's rights outside fmgr.
    Oid owner();

    uint64 checked_generation = 0;

private:
    std::shared_ptr<compile::PackageUnit> unit_;
    MemoryContext context_ = nullptr;  // the state's values, session-long
    std::unique_ptr<Executor> executor_;
    bool initialized_ = false;
    bool initializing_ = false;
    Oid owner_ = InvalidOid;
};

// The public subprogram a package routine stands for in `instance` (found
// once per unit and kept in `member`): ORA-04067 without a body,
// PLS-00302 when the routine no longer matches the specification.
compile::SubprogramSite &MemberSite(PackageInstance &instance, compile::CompiledFunction &member);

// This session's instance of package `name` for the current user, compiled
// on first use. A package replaced since this session's instance was made
// discards the instance; if it held state (variables or cursors, once
// initialised), the use raises Oracle's ORA-04068 once and the next use
// starts afresh. Raises if there is no such package.
std::shared_ptr<PackageInstance> UsePackage(const std::string &name);

// Bumped whenever an instance comes or goes: a cached instance is valid
// while it stays (with the package generation and the outer user).
extern uint64 package_epoch;
inline bool CacheCurrent(const compile::InstanceCache &cache) {
    return cache.instance != nullptr && cache.epoch == package_epoch &&
           cache.generation == compile::PackageGeneration() && cache.user == pg::OuterUser();
}

// UsePackage, unless `cache` still names this session's current instance
// for the current user (no registry change since): the instance, which the
// registry owns (shared_from_this() keeps it across a call).
PackageInstance &CachedInstance(const std::string &name, compile::InstanceCache &cache);

// The instance a reference to a package's variable or cursor from another
// unit uses, initialised; ORA-04068 if the package no longer declares what
// the unit was compiled against.
// Cached in the site until an instance comes or goes, a package changes or
// the user does (checked and initialised when the cache was filled).
PackageInstance &InstanceForUncached(compile::PackageRefSite &site);
inline PackageInstance &InstanceFor(compile::PackageRefSite &site) {
    if (CacheCurrent(site.last)) return *static_cast<PackageInstance *>(site.last.instance);
    return InstanceForUncached(site);
}

inline const pg::Value &Executor::PackageSlotValue(compile::PackageRefSite &site) {
    return InstanceFor(site).executor().PackageValue(site.slot);
}

// Forgets this session's instances of `name` without ORA-04068 (the session
// replaced or dropped it itself), or every instance (DBMS_SESSION.RESET_PACKAGE).
void DiscardPackage(const std::string &name);
void DiscardAllPackages();

}  // namespace plpolar::exec
