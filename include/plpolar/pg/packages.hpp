// Package sources in plpolar.packages and what the server knows about a
// package's schema. A package is a schema of its name holding its public
// subprograms; its specification and body are one row of the extension's
// configuration table (carried by pg_dump). Rows are written here only,
// with the table owner's rights, after checking the caller's.
#pragma once

#include <string>
#include <vector>

#include "plpolar/pg/postgres.hpp"

namespace plpolar::pg {

struct PackageSource {
    bool exists = false;
    std::string name;   // the package's schema
    std::string owner;  // role that created it
    bool definer = true;
    std::string spec;
    int spec_line = 1;
    bool has_body = false;
    std::string body;
    int body_line = 1;
    std::string search_path;  // definer rights: the creator's path, pinned
    int64 version = 0;        // new on every change: sessions holding state compare it
    // An object type's package (extension 1.9): its composite type,
    // qualified; spec and body are the CREATE TYPE [BODY] sources.
    std::string object_type;
};

// The row for `name` (exists false when there is none). Reads through SPI
// (the caller is connected) with the current snapshot.
PackageSource ReadPackageSource(const std::string &name);

// Inserts or replaces the row with a new version, and tells every backend
// (a relcache invalidation of the table, sent at commit). The current user
// must own the package's schema.
int64 WritePackageSource(const PackageSource &source);
void DeletePackageSource(const std::string &name);

// An object type's package (the schema of its methods), or empty when
// `type` is no object type. Cached until plpolar.packages changes.
std::string ObjectTypePackage(Oid type);

// The routine `name` in schema `schema` with `nargs` arguments when it is
// the only one; InvalidOid when there is none or more than one (`count`,
// if given, says how many).
Oid UniqueRoutine(const std::string &schema, const std::string &name, int nargs, int *count = nullptr);
// ERROR unless the current user may EXECUTE the routine.
void CheckExecute(Oid routine);

// The schema's OID, or InvalidOid.
Oid SchemaOid(const std::string &name);
// Whether the current user owns the schema.
bool OwnsSchema(Oid nsp);
// Whether the current user may use the schema (USAGE).
bool MayUseSchema(Oid nsp);
std::string SchemaOwnerName(Oid nsp);
std::string CurrentUserName();
// The user outside any SECURITY DEFINER function: package state is kept
// per session and this user.
Oid OuterUser();

// The package's public routines (the marked ones, PackageMemberMarker), as
// regprocedure text, and their OIDs.
struct PackageRoutine {
    Oid oid;
    std::string identity;
};
// (`struct`: pg/autonomous.hpp has a function of the name.)
std::vector<struct PackageRoutine> PackageRoutines(Oid nsp);

// First line of a public subprogram's prosrc: its code is the package's.
const char *PackageMemberMarker();

// Calls `callback` whenever plpolar.packages may have changed in any
// backend (its relcache invalidations), and the namespace catalog too.
void OnPackageChange(void (*callback)(Datum, Oid));

// Calls `callback` at the end of every top-level transaction (commit or
// abort), once registered; it must not throw.
void OnTransactionEnd(void (*callback)());

// The role's OID (an error if it does not exist).
Oid RoleOid(const std::string &name);

// Runs as the package owner `owner` with `search_path` as its path when
// `definer` (as fmgr runs a SECURITY DEFINER function): a package's
// initialization started from outside its public subprograms.
// Whether DefinerScope(definer, owner, search_path) takes anything on.
bool DefinerSwitchNeeded(bool definer, Oid owner, const std::string &search_path);

class DefinerScope {
public:
    // Nothing to do when already running as `owner` with that path (a call
    // from inside the package, or by its owner with the same path).
    DefinerScope(bool definer, Oid owner, const std::string &search_path);
    ~DefinerScope();
    DefinerScope(const DefinerScope &) = delete;
    DefinerScope &operator=(const DefinerScope &) = delete;

private:
    bool active_ = false;
    Oid saved_user_ = InvalidOid;
    int saved_context_ = 0;
    int nest_level_ = 0;
};

}  // namespace plpolar::pg
