// Sessions' package instances (plpolar/exec/package_instance.hpp).
#include "plpolar/exec/package_instance.hpp"

#include <map>
#include <unordered_map>
#include <utility>

#include "plpolar/pg/guard.hpp"
#include "plpolar/pg/memory.hpp"
#include "plpolar/pg/packages.hpp"

namespace plpolar::exec {

namespace {

using Key = std::pair<std::string, Oid>;  // package, user

// The session's package instances and what it last read of each package:
// documented session state (README, "Packages"). Never destroyed, as the
// function cache (freeing PostgreSQL memory after proc_exit is unsafe).
struct Registry {
    std::map<Key, std::shared_ptr<PackageInstance>> instances;
};

Registry &Packages() {
    alignas(Registry) static unsigned char storage[sizeof(Registry)];
    static Registry *registry = ::new (storage) Registry();
    return *registry;
}

}  // namespace

PackageInstance::PackageInstance(std::shared_ptr<compile::PackageUnit> unit) : unit_(std::move(unit)) {
    context_ = pg::CreateContext(TopMemoryContext, "plpolar package state");
    executor_ = std::make_unique<Executor>(*unit_->fn, context_);
}

PackageInstance::~PackageInstance() {
    executor_.reset();
    try {
        pg::DeleteContext(context_);
    } catch (const pg::PgError &) {
    }
}

void PackageInstance::EnsureInitialized() {
    if (initialized_ || initializing_) return;
    const pg::PackageSource &src = unit_->source;
    struct Flag {
        bool &f;
        explicit Flag(bool &x) : f(x) { f = true; }
        ~Flag() { f = false; }
    } flag(initializing_);
    pg::DefinerScope as_owner(src.definer, src.owner, src.search_path);
    executor_->InitPackage();
    initialized_ = true;
}

std::shared_ptr<PackageInstance> UsePackage(const std::string &name) {
    Registry &r = Packages();
    Key key{name, pg::OuterUser()};
    auto it = r.instances.find(key);
    const uint64 generation = compile::PackageGeneration();
    if (it != r.instances.end() && it->second->checked_generation == generation) return it->second;
    pg::PackageSource src = pg::ReadPackageSource(name);
    if (it != r.instances.end()) {
        if (src.exists && it->second->unit().source.version == src.version) {
            it->second->checked_generation = generation;
            return it->second;
        }
        bool had_state = it->second->initialized() && it->second->unit().has_state;
        r.instances.erase(it);  // running calls keep theirs
        if (had_state)
            pg::Raise(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE, "ORA-04068: existing state of packages has been discarded",
                      "Package \"" + name + "\" was " + (src.exists ? "replaced" : "dropped") +
                          " since this session initialised it; its variables start afresh on the next call.");
    }
    if (!src.exists) pg::Raise(ERRCODE_UNDEFINED_OBJECT, "ORA-04043: package \"" + name + "\" does not exist");
    auto instance = std::make_shared<PackageInstance>(compile::CompilePackage(src, false));
    instance->checked_generation = generation;
    r.instances[key] = instance;
    return instance;
}

void DiscardPackage(const std::string &name) {
    Registry &r = Packages();
    for (auto it = r.instances.begin(); it != r.instances.end();) {
        if (it->first.first == name)
            it = r.instances.erase(it);
        else
            ++it;
    }
}

void DiscardAllPackages() {
    Registry &r = Packages();
    r.instances.clear();
}

}  // namespace plpolar::exec
