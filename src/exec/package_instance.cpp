// Sessions' package instances (plpolar/exec/package_instance.hpp).
#include "plpolar/exec/package_instance.hpp"

#include <map>
#include <unordered_map>
#include <utility>

#include "plpolar/pg/guard.hpp"
#include "plpolar/pg/memory.hpp"
#include "plpolar/pg/packages.hpp"
#include "plpolar/pg/row.hpp"
#include "plpolar/pg/types.hpp"

namespace plpolar::exec {

uint64 package_epoch = 1;

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

// Bumped whenever an instance comes or goes: sites' cached instances are
// valid while it stays.
uint64 &Epoch() { return package_epoch; }

// PRAGMA SERIALLY_REUSABLE packages start afresh in every transaction
// (running calls keep their instance until they return).
void DiscardSeriallyReusable() {
    Registry &r = Packages();
    bool any = false;
    for (auto it = r.instances.begin(); it != r.instances.end();) {
        if (it->second->unit().fn->serially_reusable) {
            it = r.instances.erase(it);
            any = true;
        } else {
            ++it;
        }
    }
    if (any) ++Epoch();
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

Oid PackageInstance::owner() {
    if (owner_ == InvalidOid) owner_ = pg::RoleOid(unit_->source.owner);
    return owner_;
}

compile::SubprogramSite &MemberSite(PackageInstance &instance, compile::CompiledFunction &member) {
    compile::PackageUnit &unit = instance.unit();
    if (!unit.source.has_body)
        pg::Raise(ERRCODE_UNDEFINED_FUNCTION,
                  "ORA-04067: not executed, package body \"" + unit.source.name + "\" does not exist",
                  "Create it with CREATE PACKAGE BODY " + unit.source.name + " through plpolar.exec.");
    if (member.member_unit != unit.serial) {
        member.member_site = unit.MemberFor(member.info);
        member.member_unit = unit.serial;
    }
    if (member.member_site == nullptr)
        pg::Raise(ERRCODE_UNDEFINED_FUNCTION,
                  "PLS-00302: component \"" + member.info.name + "\" of package \"" + unit.source.name +
                      "\" is not declared with these parameters",
                  "The routine " + member.info.signature +
                      " does not match the package's specification: replace the package through plpolar.exec.");
    return *member.member_site;
}

void PackageInstance::EnsureInitialized() {
    if (initialized_ || initializing_) return;
    const pg::PackageSource &src = unit_->source;
    struct Flag {
        bool &f;
        explicit Flag(bool &x) : f(x) { f = true; }
        ~Flag() { f = false; }
    } flag(initializing_);
    pg::DefinerScope as_owner(src.definer, owner(), src.search_path);
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
        ++Epoch();
        if (had_state)
            pg::Raise(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE,
                      "ORA-04068: existing state of packages has been discarded",
                      "Package \"" + name + "\" was " + (src.exists ? "replaced" : "dropped") +
                          " since this session initialised it; its variables start afresh on the next call.");
    }
    if (!src.exists) pg::Raise(ERRCODE_UNDEFINED_OBJECT, "ORA-04043: package \"" + name + "\" does not exist");
    std::shared_ptr<compile::PackageUnit> unit;
    try {
        unit = compile::CompilePackage(src, false);
    } catch (const pg::PgError &e) {
        // Oracle's word for a body that no longer compiles (its
        // specification or a table changed): ORA-04063, with the cause.
        int code = e.sqlerrcode();
        if (!src.has_body || code == ERRCODE_QUERY_CANCELED || code == ERRCODE_ADMIN_SHUTDOWN ||
            code == ERRCODE_OUT_OF_MEMORY || code == ERRCODE_STATEMENT_TOO_COMPLEX)
            throw;
        pg::ErrorSpec spec;
        spec.sqlstate = ERRCODE_INVALID_FUNCTION_DEFINITION;
        spec.message = "ORA-04063: package body \"" + name + "\" has errors";
        spec.detail = e.what();
        spec.hint = "Replace the package body (CREATE OR REPLACE PACKAGE BODY through plpolar.exec).";
        pg::Raise(spec);
    }
    auto instance = std::make_shared<PackageInstance>(std::move(unit));
    instance->checked_generation = generation;
    if (instance->unit().fn->serially_reusable) pg::OnTransactionEnd(DiscardSeriallyReusable);
    r.instances[key] = instance;
    ++Epoch();
    return instance;
}

PackageInstance &CachedInstance(const std::string &name, compile::InstanceCache &cache) {
    if (CacheCurrent(cache)) return *static_cast<PackageInstance *>(cache.instance);
    std::shared_ptr<PackageInstance> instance = UsePackage(name);
    // The registry keeps it while the epoch stays: any change to the
    // registry moves the epoch on.
    cache.instance = instance.get();
    cache.epoch = Epoch();
    cache.generation = compile::PackageGeneration();
    cache.user = pg::OuterUser();
    return *instance;
}

void DiscardPackage(const std::string &name) {
    Registry &r = Packages();
    ++Epoch();
    for (auto it = r.instances.begin(); it != r.instances.end();) {
        if (it->first.first == name)
            it = r.instances.erase(it);
        else
            ++it;
    }
}

void DiscardAllPackages() {
    Registry &r = Packages();
    ++Epoch();
    r.instances.clear();
}

// Cached in the site until an instance comes or goes, a package changes or
// the user does.
PackageInstance &InstanceForUncached(compile::PackageRefSite &site) {
    PackageInstance &instance = CachedInstance(site.package, site.last);
    const compile::PackageUnit &unit = instance.unit();
    const auto &vars = unit.fn->variables;
    if (unit.source.version != site.version || site.slot >= static_cast<int>(vars.size()) ||
        vars[static_cast<size_t>(site.slot)].name != site.item)
        pg::Raise(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE, "ORA-04068: existing state of packages has been discarded",
                  "Package \"" + site.package + "\" was replaced while this unit ran; call it again.");
    instance.EnsureInitialized();
    return instance;
}

pg::Value Executor::ReadPackageVariable(compile::PackageRefSite &site) {
    PackageInstance &instance = InstanceFor(site);
    const pg::Value &v = instance.executor().PackageValue(site.slot);
    pg::Value out = v;
    if (!site.field.empty()) {
        if (v.isnull) return pg::Value::Null(UNKNOWNOID);
        if (!pg::GetRowField(v.datum, site.field, &site.cache, &out))
            pg::Raise(ERRCODE_UNDEFINED_COLUMN,
                      "record \"" + site.package + "." + site.item + "\" has no field \"" + site.field + "\"");
    }
    // A copy in this statement's memory: the package may replace the value
    // while the expression still reads it.
    if (out.isnull) return out;
    if (site.field.empty()) {
        if (!site.type.byval) out.datum = pg::CopyDatum(out.datum, false, site.type.typlen);
    } else {
        pg::TypeInfo t = pg::TypeFromOid(out.type, -1);
        if (!t.byval) out.datum = pg::CopyDatum(out.datum, false, t.typlen);
    }
    return out;
}

void Executor::RefreshMirrorSlots(const compile::SqlSite &site) {
    for (const compile::SqlSite::Mirror &m : site.mirrors) StoreCoerced(m.slot, ReadPackageVariable(*m.ref));
    for (const compile::SqlSite::Element &e : site.elements) Store(e.slot, Eval(*e.expr), *e.cast);
}

void Executor::WritePackageVariable(compile::PackageRefSite &site, const pg::Value &value) {
    PackageInstance &instance = InstanceFor(site);
    instance.executor().StorePackageValue(site.slot, site.field, value);
}

}  // namespace plpolar::exec
