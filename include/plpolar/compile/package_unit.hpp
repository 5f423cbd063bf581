// A user package compiled: its specification and body as one unit whose
// outermost block declares the package's items (its state) and whose
// statements are the initialization section. Public subprograms are nested
// subprograms of that block, reached from their SQL routines by signature.
// Lives as long as the sessions' package instances that use it.
#pragma once

#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include "plpolar/compile/function.hpp"
#include "plpolar/pg/packages.hpp"

namespace plpolar::compile {

struct PackageUnit {
    pg::PackageSource source;  // what was compiled (with its version)
    uint64 serial = 0;         // unique per compile in this backend
    std::shared_ptr<CompiledFunction> fn;
    const Scope *scope = nullptr;                  // the package's own names
    std::unordered_set<std::string> public_names;  // declared in the specification
    std::vector<SubprogramSite *> public_subprograms;
    std::vector<std::string> public_headers;  // "FUNCTION f (...) RETURN t", parallel
    bool has_state = false;                   // variables or cursors: what ORA-04068 is about

    bool IsPublic(const std::string &name) const { return public_names.count(name) > 0; }
    // The public subprogram a SQL routine of the package stands for, or null.
    SubprogramSite *MemberFor(const FunctionInfo &routine) const;
};

// This backend's compile of package `name`'s specification alone (what
// other units see of it), for the current version; null if there is no
// such package.
std::shared_ptr<PackageUnit> SpecUnit(const std::string &name);

// Compiles `source`; with `spec_only` the body (if any) is left out, as when
// the specification alone is being created. Errors name the package part
// and its line.
std::shared_ptr<PackageUnit> CompilePackage(const pg::PackageSource &source, bool spec_only);

// Bumped whenever plpolar.packages may have changed (any backend). Read on
// every package variable access from another unit: inline.
extern uint64 package_generation;
inline uint64 PackageGeneration() { return package_generation; }
void BumpPackageGeneration();

// The version of package `name` now, -1 if there is none; read again only
// after a package changed somewhere.
int64 CurrentPackageVersion(const std::string &name);
inline bool IsPackage(const std::string &name) { return CurrentPackageVersion(name) >= 0; }

}  // namespace plpolar::compile
