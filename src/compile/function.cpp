#include "plpolar/compile/function.hpp"

#include <cstring>

#include "plpolar/compile/sites.hpp"
#include "plpolar/pg/guard.hpp"
#include "plpolar/pg/memory.hpp"

namespace plpolar::compile {

CompiledFunction::CompiledFunction(FunctionInfo i) : info(std::move(i)) {
    // Parent is the cache's long-lived context so that the whole function
    // goes with one delete.
    context = pg::CreateContext(CacheMemoryContext, "plpolar function");
}

CompiledFunction::~CompiledFunction() {
    // Sites free their plans and child contexts first.
    body.block.reset();
    try {
        pg::DeleteContext(context);
    } catch (const pg::PgError &) {
        // Deleting a context does not fail in practice.
    }
}

int LookupName(const CompiledFunction &fn, const Scope &scope, const ast::NameChain &name) {
    if (name.size() == 1) {
        const std::string &n = name[0];
        if (n.size() > 1 && n[0] == '$') {
            char *end = nullptr;
            long number = std::strtol(n.c_str() + 1, &end, 10);
            if (*end != '\0' || number < 1 || number > static_cast<long>(fn.info.arg_types.size())) return -1;
            return fn.first_argument_slot + static_cast<int>(number - 1);
        }
        for (const Scope *s = &scope; s != nullptr; s = s->parent) {
            int slot = s->Find(n);
            if (slot >= 0) return slot;
        }
        return -1;
    }
    if (name.size() == 2) {
        // label.variable, or function_name.argument
        for (const Scope *s = &scope; s != nullptr; s = s->parent) {
            for (const auto &label : s->labels) {
                if (label == name[0]) {
                    int slot = s->Find(name[1]);
                    if (slot >= 0) return slot;
                }
            }
        }
    }
    return -1;
}

Reference LookupReference(const CompiledFunction &fn, const Scope &scope, const ast::NameChain &name, bool paths) {
    Reference ref;
    ref.slot = LookupName(fn, scope, name);
    if (ref.slot >= 0) return ref;
    // var.field and label.var.field; with `paths` also var.field.field ...:
    // the variable is the first one or two names that are a record.
    for (size_t p = 1; p <= 2 && p < name.size(); ++p) {
        if (!paths && p + 1 != name.size()) continue;
        int slot = LookupName(fn, scope, ast::NameChain(name.begin(), name.begin() + static_cast<long>(p)));
        if (slot < 0 || !fn.variables[static_cast<size_t>(slot)].IsRecord()) continue;
        ref.slot = slot;
        ref.field = name[p];
        ref.path.assign(name.begin() + static_cast<long>(p) + 1, name.end());
        return ref;
    }
    if (!fn.object_attributes.empty()) {
        // In an object type's method, its attributes are SELF's.
        for (const Scope *s = &scope; s != nullptr; s = s->parent) {
            if (s->self_slot < 0) continue;
            for (const std::string &a : fn.object_attributes)
                if (a == name[0] && (paths || name.size() == 1)) {
                    ref.slot = s->self_slot;
                    ref.field = a;
                    ref.path.assign(name.begin() + 1, name.end());
                    return ref;
                }
            break;
        }
    }
    return ref;
}

bool ScopeResolver::ResolveColumnRef(const char *const *parts, int nparts, int *slot, const char **field,
                                     int *path_from) const noexcept {
    *path_from = nparts;
    try {
        ast::NameChain name(parts, parts + nparts);
        Reference ref = LookupReference(fn_, scope_, name, true);
        if (ref.slot < 0 && nparts == 1) {
            auto hidden = fn_.hidden_names.find(parts[0]);
            if (hidden != fn_.hidden_names.end()) {
                *slot = hidden->second;
                *field = nullptr;
                return true;
            }
        }
        if (ref.slot < 0) {
            // pkg.v / schema.pkg.v, or its record's field.
            std::string joined;
            for (int k = 0; k < nparts; ++k) {
                if (k > 0) joined += '.';
                joined += parts[k];
                auto it = fn_.package_mirrors.find(joined);
                if (it == fn_.package_mirrors.end() || k + 1 < nparts - 1) continue;
                *slot = it->second;
                *field = k + 1 == nparts ? nullptr : parts[nparts - 1];
                return true;
            }
            return false;
        }
        *slot = ref.slot;
        const int field_at = nparts - 1 - static_cast<int>(ref.path.size());
        *field = ref.field.empty() ? nullptr : parts[field_at];
        *path_from = field_at + 1;
        return true;
    } catch (...) {
        return false;
    }
}

bool ScopeResolver::ResolvePositional(int number, int *slot) const noexcept {
    if (number < 1 || number > static_cast<int>(fn_.info.arg_types.size())) return false;
    *slot = fn_.first_argument_slot + number - 1;
    return true;
}

Oid ScopeResolver::SqlCollectionType(int slot) const noexcept {
    if (slot < 0 || slot >= static_cast<int>(fn_.variables.size())) return InvalidOid;
    const Variable &v = fn_.variables[static_cast<size_t>(slot)];
    return v.IsCollection() ? v.collection->shape.sql_type : InvalidOid;
}

bool ScopeResolver::SlotType(int slot, Oid *type, int32 *typmod, Oid *collation) const noexcept {
    if (slot < 0 || slot >= static_cast<int>(fn_.variables.size())) return false;
    const Variable &v = fn_.variables[static_cast<size_t>(slot)];
    *type = v.type.oid;
    // A schema-level collection type is its domain for SQL.
    if (v.IsCollection() && v.collection->shape.sql_type != InvalidOid) *type = v.collection->shape.sql_type;
    // A collection's typmod is plpolar's own index of its type.
    *typmod = v.IsCollection() ? -1 : v.type.typmod;
    *collation = v.type.collation;
    return true;
}

}  // namespace plpolar::compile
