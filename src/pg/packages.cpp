// plpolar.packages and package schemas (plpolar/pg/packages.hpp).
#include "plpolar/pg/packages.hpp"

#include <unordered_map>

#include "plpolar/pg/guard.hpp"

extern "C" {
#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_class.h"
#include "catalog/pg_namespace.h"
#include "catalog/pg_proc.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "storage/proc.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/catcache.h"
#include "utils/guc.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/syscache.h"
#include "utils/varlena.h"
}

namespace plpolar::pg {

namespace {

constexpr const char *kMarker = "-- plpolar package member:";

// Registered once at load (OnPackageChange); the table's OID once seen.
using Callback = void (*)(Datum, Oid);
Callback &PackageCallback() {
    static Callback callback = nullptr;
    return callback;
}
Oid &KnownPackagesTable() {
    static Oid oid = InvalidOid;
    return oid;
}
// Which standalone composite types are object types, and their packages'
// names (empty: not one): a cache of plpolar.packages, emptied with the
// package state when the table changes (RelcacheChanged).
std::unordered_map<Oid, std::string> &ObjectTypes() {
    static std::unordered_map<Oid, std::string> known;
    return known;
}

// One row's columns as C strings (palloc'd in the caller's context).
struct RawRow {
    bool found;
    char *cols[9];
    bool nulls[9];
};

void NotePackagesTable() {
    KnownPackagesTable() = Guarded([] {
        Oid nsp = get_namespace_oid("plpolar", true);
        return OidIsValid(nsp) ? get_relname_relid("packages", nsp) : InvalidOid;
    });
}

// SPI as the owner of plpolar.packages, with the path pinned: the rows are
// written only here, after the caller's rights were checked.
class TableOwnerScope {
public:
    TableOwnerScope() {
        Guarded([this] {
            GetUserIdAndSecContext(&saved_user_, &saved_context_);
            Oid table = get_relname_relid("packages", get_namespace_oid("plpolar", false));
            HeapTuple tup = SearchSysCache1(RELOID, ObjectIdGetDatum(table));
            if (!HeapTupleIsValid(tup)) elog(ERROR, "cache lookup failed for relation %u", table);
            Oid owner = reinterpret_cast<Form_pg_class>(GETSTRUCT(tup))->relowner;
            ReleaseSysCache(tup);
            nest_level_ = NewGUCNestLevel();
            SetUserIdAndSecContext(owner,
                                   saved_context_ | SECURITY_LOCAL_USERID_CHANGE | SECURITY_RESTRICTED_OPERATION);
            set_config_option("search_path", "pg_catalog, pg_temp", PGC_USERSET, PGC_S_SESSION, GUC_ACTION_SAVE, true,
                              0, false);
        });
    }
    ~TableOwnerScope() {
        try {
            Guarded([this] {
                AtEOXact_GUC(true, nest_level_);
                SetUserIdAndSecContext(saved_user_, saved_context_);
            });
        } catch (const PgError &) {
        }
    }
    TableOwnerScope(const TableOwnerScope &) = delete;
    TableOwnerScope &operator=(const TableOwnerScope &) = delete;

private:
    Oid saved_user_ = InvalidOid;
    int saved_context_ = 0;
    int nest_level_ = 0;
};

void Execute(const char *sql, int nargs, Oid *types, Datum *values, const char *nulls, int expect) {
    Guarded([=] {
        MemoryContext caller = CurrentMemoryContext;
        int rc = SPI_execute_with_args(sql, nargs, types, values, nulls, false, 0);
        MemoryContextSwitchTo(caller);
        if (rc != expect) elog(ERROR, "plpolar.packages: SPI_execute_with_args failed: %s", SPI_result_code_string(rc));
        SPI_freetuptable(SPI_tuptable);
    });
}

std::string Take(char *s) {
    std::string out = s != nullptr ? s : "";
    if (s != nullptr) Guarded([s] { pfree(s); });
    return out;
}

}  // namespace

const char *PackageMemberMarker() { return kMarker; }

PackageSource ReadPackageSource(const std::string &name) {
    NotePackagesTable();
    const char *n = name.c_str();
    RawRow raw{};
    RawRow *praw = &raw;
    Guarded([n, praw] {
        MemoryContext caller = CurrentMemoryContext;
        // Its own connection: compiles (the validator's too) read packages
        // whether or not the caller is connected.
        if (SPI_connect() != SPI_OK_CONNECT) elog(ERROR, "SPI_connect failed");
        Oid types[1] = {TEXTOID};
        Datum values[1] = {CStringGetTextDatum(n)};
        int rc = SPI_execute_with_args(
            "SELECT owner::pg_catalog.text, definer::pg_catalog.text, spec, spec_line::pg_catalog.text, body, "
            "body_line::pg_catalog.text, version::pg_catalog.text, search_path, "
            // object_type came with version 1.9: read so that 1.8's table works too.
            "pg_catalog.to_jsonb(p) OPERATOR(pg_catalog.->>) 'object_type' FROM plpolar.packages p "
            "WHERE name OPERATOR(pg_catalog.=) $1::pg_catalog.name",
            1, types, values, nullptr, false, 1);
        if (rc != SPI_OK_SELECT)
            elog(ERROR, "plpolar.packages: SPI_execute_with_args failed: %s", SPI_result_code_string(rc));
        praw->found = SPI_processed > 0;
        if (praw->found) {
            for (int i = 0; i < 9; ++i) {
                char *v = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, i + 1);
                praw->nulls[i] = v == nullptr;
                praw->cols[i] = v != nullptr ? MemoryContextStrdup(caller, v) : nullptr;
            }
        }
        SPI_finish();
        MemoryContextSwitchTo(caller);
    });
    PackageSource src;
    src.name = name;
    src.exists = raw.found;
    if (!raw.found) return src;
    src.owner = Take(raw.cols[0]);
    src.definer = Take(raw.cols[1]) == "true";
    src.spec = Take(raw.cols[2]);
    src.spec_line = std::stoi(Take(raw.cols[3]));
    src.has_body = !raw.nulls[4];
    src.body = Take(raw.cols[4]);
    std::string bl = Take(raw.cols[5]);
    src.body_line = bl.empty() ? 1 : std::stoi(bl);
    src.version = std::stoll(Take(raw.cols[6]));
    src.search_path = Take(raw.cols[7]);
    src.object_type = Take(raw.cols[8]);
    return src;
}

int64 WritePackageSource(const PackageSource &source) {
    Oid nsp = SchemaOid(source.name);
    if (!OwnsSchema(nsp)) Raise(ERRCODE_INSUFFICIENT_PRIVILEGE, "must be owner of package " + source.name);
    TableOwnerScope as_owner;
    const char *name = source.name.c_str();
    const char *owner = source.owner.c_str();
    const char *spec = source.spec.c_str();
    const char *body = source.has_body ? source.body.c_str() : nullptr;
    bool definer = source.definer;
    int spec_line = source.spec_line, body_line = source.body_line;
    const char *path = source.search_path.c_str();
    const char *object_type = source.object_type.empty() ? nullptr : source.object_type.c_str();
    int64 version = Guarded([=] {
        MemoryContext caller = CurrentMemoryContext;
        Oid types[9] = {TEXTOID, TEXTOID, BOOLOID, TEXTOID, INT4OID, TEXTOID, INT4OID, TEXTOID, TEXTOID};
        Datum values[9] = {CStringGetTextDatum(name),
                           CStringGetTextDatum(owner),
                           BoolGetDatum(definer),
                           CStringGetTextDatum(spec),
                           Int32GetDatum(spec_line),
                           body != nullptr ? CStringGetTextDatum(body) : (Datum)0,
                           Int32GetDatum(body_line),
                           CStringGetTextDatum(path),
                           object_type != nullptr ? CStringGetTextDatum(object_type) : (Datum)0};
        char nulls[9] = {' ', ' ', ' ', ' ', ' ', body != nullptr ? ' ' : 'n', ' ', ' ', ' '};
        // A package's row is written as 1.8's table takes it; an object
        // type's (1.9) names its composite type too.
        int rc = object_type == nullptr
                     ? SPI_execute_with_args(
                           "INSERT INTO plpolar.packages AS p (name, owner, definer, spec, spec_line, body, body_line, "
                           "search_path, version) VALUES ($1::pg_catalog.name, $2::pg_catalog.name, $3, $4, $5, $6, "
                           "$7, $8, pg_catalog.nextval('plpolar.package_versions'::pg_catalog.regclass)) "
                           "ON CONFLICT (name) DO UPDATE SET owner = EXCLUDED.owner, definer = EXCLUDED.definer, "
                           "spec = EXCLUDED.spec, spec_line = EXCLUDED.spec_line, body = EXCLUDED.body, "
                           "body_line = EXCLUDED.body_line, search_path = EXCLUDED.search_path, "
                           "version = EXCLUDED.version RETURNING version",
                           8, types, values, nulls, false, 0)
                     : SPI_execute_with_args(
                           "INSERT INTO plpolar.packages AS p (name, owner, definer, spec, spec_line, body, body_line, "
                           "search_path, version, object_type) VALUES ($1::pg_catalog.name, $2::pg_catalog.name, $3, "
                           "$4, $5, $6, $7, $8, pg_catalog.nextval('plpolar.package_versions'::pg_catalog.regclass), "
                           "$9) ON CONFLICT (name) DO UPDATE SET owner = EXCLUDED.owner, definer = EXCLUDED.definer, "
                           "spec = EXCLUDED.spec, spec_line = EXCLUDED.spec_line, body = EXCLUDED.body, "
                           "body_line = EXCLUDED.body_line, search_path = EXCLUDED.search_path, "
                           "version = EXCLUDED.version, object_type = EXCLUDED.object_type RETURNING version",
                           9, types, values, nulls, false, 0);
        MemoryContextSwitchTo(caller);
        if (rc != SPI_OK_INSERT_RETURNING || SPI_processed != 1)
            elog(ERROR, "plpolar.packages: SPI_execute_with_args failed: %s", SPI_result_code_string(rc));
        bool isnull = false;
        int64 v = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
        SPI_freetuptable(SPI_tuptable);
        CacheInvalidateRelcacheByRelid(get_relname_relid("packages", get_namespace_oid("plpolar", false)));
        return v;
    });
    return version;
}

void DeletePackageSource(const std::string &name) {
    Oid nsp = SchemaOid(name);
    if (OidIsValid(nsp) && !OwnsSchema(nsp)) Raise(ERRCODE_INSUFFICIENT_PRIVILEGE, "must be owner of package " + name);
    TableOwnerScope as_owner;
    const char *n = name.c_str();
    Oid types[1] = {TEXTOID};
    Datum values[1] = {Guarded([n] { return CStringGetTextDatum(n); })};
    Execute("DELETE FROM plpolar.packages WHERE name OPERATOR(pg_catalog.=) $1::pg_catalog.name", 1, types, values,
            nullptr, SPI_OK_DELETE);
    Guarded([] { CacheInvalidateRelcacheByRelid(get_relname_relid("packages", get_namespace_oid("plpolar", false))); });
}

std::string ObjectTypePackage(Oid type) {
    auto &known = ObjectTypes();
    auto it = known.find(type);
    if (it != known.end()) return it->second;
    // Only a standalone composite type can be one (not a table's row type).
    bool candidate = Guarded([type] {
        if (get_typtype(type) != TYPTYPE_COMPOSITE) return false;
        Oid relid = get_typ_typrelid(type);
        return OidIsValid(relid) && get_rel_relkind(relid) == RELKIND_COMPOSITE_TYPE;
    });
    std::string package;
    if (candidate) {
        NotePackagesTable();
        char *found = Guarded([type] {
            MemoryContext caller = CurrentMemoryContext;
            char *out = nullptr;
            if (SPI_connect() != SPI_OK_CONNECT) elog(ERROR, "SPI_connect failed");
            Oid types[1] = {OIDOID};
            Datum values[1] = {ObjectIdGetDatum(type)};
            // object_type came with version 1.9: read so that 1.8's table works too.
            int rc = SPI_execute_with_args(
                "SELECT name::pg_catalog.text FROM plpolar.packages p WHERE pg_catalog.to_regtype("
                "pg_catalog.to_jsonb(p) OPERATOR(pg_catalog.->>) 'object_type') OPERATOR(pg_catalog.=) "
                "$1::pg_catalog.regtype",
                // A parallel worker compiling a unit may not start a command
                // of its own: it reads with the query's snapshot.
                1, types, values, nullptr, IsInParallelMode(), 1);
            if (rc != SPI_OK_SELECT)
                elog(ERROR, "plpolar.packages: SPI_execute_with_args failed: %s", SPI_result_code_string(rc));
            if (SPI_processed > 0) {
                char *v = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1);
                if (v != nullptr) out = MemoryContextStrdup(caller, v);
            }
            SPI_finish();
            MemoryContextSwitchTo(caller);
            return out;
        });
        package = Take(found);
    }
    known[type] = package;
    return package;
}

Oid UniqueRoutine(const std::string &schema, const std::string &name, int nargs, int *count) {
    const char *s = schema.c_str();
    const char *nm = name.c_str();
    int matches = 0;
    int *pmatches = &matches;
    Oid found = Guarded([s, nm, nargs, pmatches] {
        Oid ns = get_namespace_oid(s, true);
        Oid result = InvalidOid;
        int matches = 0;
        CatCList *list = SearchSysCacheList1(PROCNAMEARGSNSP, CStringGetDatum(nm));
        for (int i = 0; i < list->n_members; ++i) {
            auto *form = reinterpret_cast<Form_pg_proc>(GETSTRUCT(&list->members[i]->tuple));
            if (form->pronamespace != ns || form->pronargs != nargs) continue;
            result = form->oid;
            ++matches;
        }
        ReleaseSysCacheList(list);
        *pmatches = matches;
        return matches == 1 ? result : InvalidOid;
    });
    if (count != nullptr) *count = matches;
    return found;
}

void CheckExecute(Oid routine) {
    Guarded([routine] {
        AclResult result = pg_proc_aclcheck(routine, GetUserId(), ACL_EXECUTE);
        if (result != ACLCHECK_OK) aclcheck_error(result, OBJECT_PROCEDURE, get_func_name(routine));
    });
}

Oid SchemaOid(const std::string &name) {
    const char *n = name.c_str();
    return Guarded([n] { return get_namespace_oid(n, true); });
}

bool OwnsSchema(Oid nsp) {
    return Guarded([nsp] { return OidIsValid(nsp) && pg_namespace_ownercheck(nsp, GetUserId()); });
}

bool MayUseSchema(Oid nsp) {
    return Guarded([nsp] { return pg_namespace_aclcheck(nsp, GetUserId(), ACL_USAGE) == ACLCHECK_OK; });
}

std::string SchemaOwnerName(Oid nsp) {
    char *name = Guarded([nsp] {
        HeapTuple tup = SearchSysCache1(NAMESPACEOID, ObjectIdGetDatum(nsp));
        if (!HeapTupleIsValid(tup)) return static_cast<char *>(nullptr);
        Oid owner = reinterpret_cast<Form_pg_namespace>(GETSTRUCT(tup))->nspowner;
        ReleaseSysCache(tup);
        return GetUserNameFromId(owner, true);
    });
    return name != nullptr ? std::string(name) : std::string();
}

std::string CurrentUserName() {
    char *name = Guarded([] { return GetUserNameFromId(GetUserId(), false); });
    return std::string(name);
}

Oid OuterUser() { return GetOuterUserId(); }

std::vector<PackageRoutine> PackageRoutines(Oid nsp) {
    struct Raw {
        int n;
        Oid *oids;
        char **identities;
    } raw{};
    Raw *praw = &raw;
    Guarded([nsp, praw] {
        MemoryContext caller = CurrentMemoryContext;
        Oid types[2] = {OIDOID, TEXTOID};
        Datum values[2] = {ObjectIdGetDatum(nsp), CStringGetTextDatum(kMarker)};
        int rc = SPI_execute_with_args(
            "SELECT p.oid, pg_catalog.quote_ident(n.nspname) OPERATOR(pg_catalog.||) '.' OPERATOR(pg_catalog.||) "
            "pg_catalog.quote_ident(p.proname) OPERATOR(pg_catalog.||) '(' OPERATOR(pg_catalog.||) "
            "pg_catalog.pg_get_function_identity_arguments(p.oid) OPERATOR(pg_catalog.||) ')' "
            "FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) p.pronamespace "
            "WHERE p.pronamespace OPERATOR(pg_catalog.=) $1 AND "
            "pg_catalog.starts_with(p.prosrc, $2) ORDER BY p.oid",
            2, types, values, nullptr, false, 0);
        MemoryContextSwitchTo(caller);
        if (rc != SPI_OK_SELECT) elog(ERROR, "SPI_execute_with_args failed: %s", SPI_result_code_string(rc));
        praw->n = static_cast<int>(SPI_processed);
        praw->oids = static_cast<Oid *>(palloc0(sizeof(Oid) * (praw->n + 1)));
        praw->identities = static_cast<char **>(palloc0(sizeof(char *) * (praw->n + 1)));
        for (int i = 0; i < praw->n; ++i) {
            bool isnull = false;
            praw->oids[i] = DatumGetObjectId(SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1, &isnull));
            praw->identities[i] =
                MemoryContextStrdup(caller, SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 2));
        }
        SPI_freetuptable(SPI_tuptable);
    });
    std::vector<PackageRoutine> out;
    for (int i = 0; i < raw.n; ++i) out.push_back(PackageRoutine{raw.oids[i], Take(raw.identities[i])});
    Guarded([praw] {
        pfree(praw->oids);
        pfree(praw->identities);
    });
    return out;
}

namespace {

void RelcacheChanged(Datum arg, Oid relid) {
    // InvalidOid: every relation (a cache reset). No catalog access inside
    // a callback: the table's OID is the one noted when this backend last
    // read or wrote it; a backend that never did holds no package either.
    if (relid == InvalidOid || relid == KnownPackagesTable()) {
        ObjectTypes().clear();
        PackageCallback()(arg, relid);
    }
}

void NamespaceChanged(Datum arg, int, uint32) { PackageCallback()(arg, InvalidOid); }

}  // namespace

void OnPackageChange(void (*callback)(Datum, Oid)) {
    PackageCallback() = callback;
    Guarded([] {
        CacheRegisterRelcacheCallback(RelcacheChanged, (Datum)0);
        CacheRegisterSyscacheCallback(NAMESPACEOID, NamespaceChanged, (Datum)0);
    });
}

namespace {

void (*transaction_end_callback)() = nullptr;

void TransactionEnded(XactEvent event, void *) {
    if ((event == XACT_EVENT_COMMIT || event == XACT_EVENT_ABORT || event == XACT_EVENT_PREPARE) &&
        transaction_end_callback != nullptr) {
        // A C++ exception must not reach xact.c: dropping state is best effort.
        try {
            transaction_end_callback();
        } catch (...) {
        }
    }
}

}  // namespace

void OnTransactionEnd(void (*callback)()) {
    if (transaction_end_callback == nullptr) Guarded([] { RegisterXactCallback(TransactionEnded, nullptr); });
    transaction_end_callback = callback;
}

Oid RoleOid(const std::string &name) {
    const char *n = name.c_str();
    return Guarded([n] { return get_role_oid(n, false); });
}

namespace {

// The session's search_path finds what `frozen` (a FrozenSearchPath) finds:
// the same schemas in the same order, and no temporary schema that the
// session path would search first (the frozen path puts pg_temp last).
bool SameEffectivePath(const char *frozen) {
    return Guarded([frozen] {
        Oid temp = InvalidOid, temp_toast = InvalidOid;
        GetTempNamespaceState(&temp, &temp_toast);
        if (OidIsValid(temp)) return false;
        // A session path naming pg_temp would have fetch_search_path create
        // the temporary schema (an error on a standby or without TEMP).
        if (namespace_search_path == nullptr || strstr(namespace_search_path, "pg_temp") != nullptr) return false;
        char *raw = pstrdup(frozen);
        List *names = NIL;
        bool same = SplitIdentifierString(raw, ',', &names);
        List *current = fetch_search_path(false);
        ListCell *c = list_head(current);
        ListCell *lc;
        foreach (lc, names) {
            if (!same) break;
            const char *name = static_cast<const char *>(lfirst(lc));
            if (strcmp(name, "pg_temp") == 0) continue;
            Oid nsp = get_namespace_oid(name, true);
            if (!OidIsValid(nsp)) continue;  // gone: neither path finds it
            same = c != nullptr && lfirst_oid(c) == nsp;
            if (c != nullptr) c = lnext(current, c);
        }
        same = same && c == nullptr;
        list_free(names);
        list_free(current);
        pfree(raw);
        return same;
    });
}

}  // namespace

bool DefinerSwitchNeeded(bool definer, Oid owner, const std::string &search_path) {
    if (!definer) return false;
    const char *path = search_path.c_str();
    // Already the owner, with a path that resolves every name the same way:
    // nothing to take on (what a call by the owner costs otherwise).
    return !(GetUserId() == owner && namespace_search_path != nullptr &&
             (strcmp(namespace_search_path, path) == 0 || SameEffectivePath(path)));
}

DefinerScope::DefinerScope(bool definer, Oid owner, const std::string &search_path) {
    if (!DefinerSwitchNeeded(definer, owner, search_path)) return;
    const char *path = search_path.c_str();
    Guarded([this, owner, path] {
        GetUserIdAndSecContext(&saved_user_, &saved_context_);
        Oid role = owner;
        nest_level_ = NewGUCNestLevel();
        SetUserIdAndSecContext(role, saved_context_ | SECURITY_LOCAL_USERID_CHANGE);
        if (path[0] != '\0')
            set_config_option("search_path", path, PGC_USERSET, PGC_S_SESSION, GUC_ACTION_SAVE, true, 0, false);
    });
    active_ = true;
}

DefinerScope::~DefinerScope() {
    if (!active_) return;
    try {
        Guarded([this] {
            AtEOXact_GUC(true, nest_level_);
            SetUserIdAndSecContext(saved_user_, saved_context_);
        });
    } catch (const PgError &) {
    }
}

}  // namespace plpolar::pg
