#include "plpolar/compile/function_cache.hpp"

#include <unordered_map>

#include "plpolar/compile/compiler.hpp"
#include "plpolar/compile/package_unit.hpp"
#include "plpolar/compile/sites.hpp"
#include "plpolar/pg/catalog.hpp"
#include "plpolar/pg/guard.hpp"
#include "plpolar/pg/invalidation.hpp"
#include "plpolar/pg/packages.hpp"
#include "plpolar/pg/trigger.hpp"
#include "plpolar/settings/settings.hpp"

namespace plpolar::compile {

namespace {

using CacheMap = std::unordered_map<uint64, std::shared_ptr<CompiledFunction>>;

// The backend's function cache: the one piece of mutable global state the
// compile phase owns (with the catalog generation below). It is never
// destroyed: freeing plans from a static destructor after proc_exit would
// call into a PostgreSQL that is already gone.
CacheMap &Cache() {
    alignas(CacheMap) static unsigned char storage[sizeof(CacheMap)];
    static CacheMap *cache = ::new (storage) CacheMap();
    return *cache;
}

// A trigger function has one entry per table it fires on.
uint64 CacheKey(Oid fn_oid, Oid trigger_relid) { return (static_cast<uint64>(fn_oid) << 32) | trigger_relid; }

uint64 &Generation() {
    static uint64 generation = 1;
    return generation;
}

void InvalidateCallback(Datum, int, uint32) { ++Generation(); }

// plpolar.packages (or a schema) changed: packages and what was compiled
// against them are looked at again.
void PackageCallback(Datum, Oid) {
    ++Generation();
    BumpPackageGeneration();
}

// Units compiled against packages: still the versions they saw?
bool PackageDepsUnchanged(const CompiledFunction &fn) {
    for (const auto &[name, version] : fn.package_deps)
        if (CurrentPackageVersion(name) != version) return false;
    for (const auto &[type, definition] : fn.schema_type_deps)
        if (SchemaCollectionSignature(type) != definition) return false;
    // A trigger function's rows are its table's: columns added, dropped or
    // retyped recompile it.
    if (fn.info.trigger_relid != InvalidOid &&
        pg::RelationSignature(fn.info.trigger_relid) != fn.trigger.relation_signature)
        return false;
    return true;
}

}  // namespace

uint64 CatalogGeneration() { return Generation(); }

void RegisterCatalogInvalidation() {
    pg::OnRoutineCatalogChange(InvalidateCallback);
    pg::OnPackageChange(PackageCallback);
}

std::shared_ptr<CompiledFunction> FindCompiled(Oid fn_oid, Oid trigger_relid) {
    auto &cache = Cache();
    auto it = cache.find(CacheKey(fn_oid, trigger_relid));
    if (it == cache.end()) return nullptr;
    CompiledFunction &fn = *it->second;
    if (fn.empty_string_is_null == settings::EmptyStringIsNull()) {
        // Any change to pg_proc bumps the generation (RegisterCatalogInvalidation),
        // so an unchanged generation means an unchanged row.
        if (fn.checked_generation == Generation()) return it->second;
        if (pg::FunctionRowUnchanged(fn_oid, fn.info.xmin, fn.info.tid) && PackageDepsUnchanged(fn)) {
            fn.checked_generation = Generation();
            return it->second;
        }
    }
    cache.erase(it);  // running calls keep their own reference
    return nullptr;
}

std::shared_ptr<CompiledFunction> LookupOrCompile(Oid fn_oid, Oid trigger_relid) {
    if (std::shared_ptr<CompiledFunction> fn = FindCompiled(fn_oid, trigger_relid)) return fn;
    pg::FunctionInfo info = pg::LoadFunctionInfo(fn_oid);
    if (info.is_dml_trigger) info.trigger_relid = trigger_relid;
    std::shared_ptr<CompiledFunction> fn = Compile(std::move(info));
    Cache()[CacheKey(fn_oid, trigger_relid)] = fn;
    return fn;
}

}  // namespace plpolar::compile
