#include "plpolar/compile/function_cache.hpp"

#include <unordered_map>

#include "plpolar/compile/compiler.hpp"
#include "plpolar/compile/package_unit.hpp"
#include "plpolar/compile/sites.hpp"
#include "plpolar/pg/catalog.hpp"
#include "plpolar/pg/guard.hpp"
#include "plpolar/pg/invalidation.hpp"
#include "plpolar/pg/packages.hpp"
#include "plpolar/settings/settings.hpp"

namespace plpolar::compile {

namespace {

using CacheMap = std::unordered_map<Oid, std::shared_ptr<CompiledFunction>>;

// The backend's function cache: the one piece of mutable global state the
// compile phase owns (with the catalog generation below). It is never
// destroyed: freeing plans from a static destructor after proc_exit would
// call into a PostgreSQL that is already gone.
CacheMap &Cache() {
    alignas(CacheMap) static unsigned char storage[sizeof(CacheMap)];
    static CacheMap *cache = ::new (storage) CacheMap();
    return *cache;
}

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
    return true;
}

}  // namespace

uint64 CatalogGeneration() { return Generation(); }

void RegisterCatalogInvalidation() {
    pg::OnRoutineCatalogChange(InvalidateCallback);
    pg::OnPackageChange(PackageCallback);
}

std::shared_ptr<CompiledFunction> LookupOrCompile(Oid fn_oid) {
    auto &cache = Cache();
    auto it = cache.find(fn_oid);
    if (it != cache.end()) {
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
    }
    std::shared_ptr<CompiledFunction> fn = Compile(pg::LoadFunctionInfo(fn_oid));
    cache[fn_oid] = fn;
    return fn;
}

}  // namespace plpolar::compile
