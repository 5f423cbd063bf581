// Type resolution: %TYPE, %ROWTYPE, local RECORD / REF CURSOR types and
// Oracle type names.
#include <cctype>

#include "compiler_impl.hpp"
#include "plpolar/compile/compiler.hpp"
#include "plpolar/compile/function_cache.hpp"
#include "plpolar/compile/package_unit.hpp"
#include "plpolar/pg/catalog.hpp"
#include "plpolar/pg/collection.hpp"
#include "plpolar/pg/guard.hpp"

namespace plpolar::compile {

// A %ROWTYPE or %TYPE may also name a cursor: its row type is only
// known once its query is prepared, at run time.
pg::TypeInfo Compiler::ResolveType(const ast::TypeRef &ref, const Scope &scope, const ast::CursorDecl **row_of_cursor,
                                   std::unique_ptr<PackageRefSite> *row_of_package_cursor) {
    switch (ref.form) {
        case ast::TypeRef::Form::PercentType: {
            int slot = LookupName(fn_, scope, ref.name);
            if (slot >= 0) return fn_.variables[static_cast<size_t>(slot)].type;
            pg::TypeInfo of_package;
            current_loc_ = ref.loc;
            if (PackageVariableType(ref.name, &of_package)) return of_package;
            if (ref.name.size() < 2)
                Error(ref.loc, "variable \"" + ast::JoinName(ref.name) + "\" does not exist in %TYPE");
            return PlType(pg::ColumnType(ref.name));
        }
        case ast::TypeRef::Form::PercentRowtype: {
            int slot = LookupName(fn_, scope, ref.name);
            if (slot >= 0) {
                const Variable &v = fn_.variables[static_cast<size_t>(slot)];
                if (v.kind == VariableKind::Cursor) {
                    if (row_of_cursor == nullptr)
                        Error(ref.loc, "a cursor's %ROWTYPE can only declare a variable",
                              ERRCODE_FEATURE_NOT_SUPPORTED);
                    *row_of_cursor = v.cursor;
                    return pg::TypeFromOid(RECORDOID, -1);
                }
                if (v.IsRecord()) return v.type;
                Error(ref.loc, "\"" + ast::JoinName(ref.name) + "\" is not a cursor or record",
                      ERRCODE_WRONG_OBJECT_TYPE);
            }
            const ast::CursorDecl *decl = nullptr;
            if (ref.name.size() >= 2) {
                PackageItem item;
                current_loc_ = ref.loc;
                if (FindPackageItem(ref.name, &item) && item.rest.empty()) {
                    int pslot = item.unit->scope->Find(item.item);
                    const Variable *pv = pslot < 0 ? nullptr : &item.unit->fn->variables[static_cast<size_t>(pslot)];
                    if (pv != nullptr && pv->IsRecord()) return pv->type;
                    if (pv != nullptr && pv->kind == VariableKind::Cursor) {
                        if (row_of_package_cursor == nullptr)
                            Error(ref.loc, "a cursor's %ROWTYPE can only declare a variable",
                                  ERRCODE_FEATURE_NOT_SUPPORTED);
                        *row_of_package_cursor = PackageCursor(ref.name, ref.loc, scope, &decl);
                        return pg::TypeFromOid(RECORDOID, -1);
                    }
                }
            }
            return pg::RelationRowType(ref.name);
        }
        case ast::TypeRef::Form::Named: break;
    }
    // TYPE t IS RECORD / REF CURSOR declared in an enclosing block.
    std::string word = ref.text;
    bool plain = !word.empty();
    for (char &c : word) {
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$')) plain = false;
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    if (plain) {
        for (const Scope *s = &scope; s != nullptr; s = s->parent) {
            auto it = s->types.find(word);
            if (it != s->types.end()) return it->second;
        }
    }
    // pkg.t: a TYPE or SUBTYPE of a package's specification.
    if (ref.text.find('.') != std::string::npos && ref.text.find('(') == std::string::npos) {
        pg::TypeInfo of_package;
        current_loc_ = ref.loc;
        if (PackageType(ref.text, &of_package)) return of_package;
    }
    pg::TypeInfo type = PlType(pg::ParseTypeName(MapOracleTypeName(ref.text)));
    type.byte_limit = OracleByteLimit(ref.text);
    if (type.typtype == TYPTYPE_PSEUDO)
        Error(ref.loc, "variables cannot have type " + ref.text, ERRCODE_DATATYPE_MISMATCH);
    return type;
}

SubtypeConstraint Compiler::ConstraintOf(const ast::TypeRef &ref, const Scope &scope) const {
    if (ref.form != ast::TypeRef::Form::Named) return SubtypeConstraint{};
    std::string word = ref.text;
    for (char &c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    // pkg.subtype: the package's constraint (its unit was compiled when the
    // type was resolved).
    size_t dot = word.find('.');
    if (dot != std::string::npos && word.find('.', dot + 1) == std::string::npos && IsPackage(word.substr(0, dot))) {
        std::shared_ptr<PackageUnit> unit = SpecUnit(word.substr(0, dot));
        if (unit != nullptr) {
            auto it = unit->scope->subtypes.find(word.substr(dot + 1));
            if (it != unit->scope->subtypes.end()) return it->second;
        }
        return SubtypeConstraint{};
    }
    for (const Scope *s = &scope; s != nullptr; s = s->parent) {
        // The nearest declaration of the name decides, subtype or not.
        if (s->types.count(word) == 0) continue;
        auto it = s->subtypes.find(word);
        return it == s->subtypes.end() ? SubtypeConstraint{} : it->second;
    }
    return SubtypeConstraint{};
}

pg::TypeInfo Compiler::PlType(const pg::TypeInfo &type) {
    if (type.typtype == TYPTYPE_DOMAIN && fn_.collection_oid != InvalidOid) return SchemaCollectionType(type);
    if (type.oid != fn_.number_oid || type.oid == InvalidOid) return type;
    return pg::TypeFromOid(NUMERICOID, type.typmod);
}

pg::TypeInfo Compiler::SchemaCollectionType(const pg::TypeInfo &type) {
    auto known = fn_.schema_collection_types.find(type.oid);
    pg::TypeInfo t = pg::TypeFromOid(fn_.collection_oid, -1);
    if (known != fn_.schema_collection_types.end()) {
        t.typmod = known->second;
        return t;
    }
    auto ct = std::make_unique<CollectionType>();
    if (!pg::SchemaCollectionShape(type.oid, &ct->shape, &ct->element_not_null)) return type;
    ct->name = pg::FormatType(type.oid, -1);
    ct->shape.element = PlType(ct->shape.element);
    t.typmod = static_cast<int32>(fn_.collection_types.size());
    fn_.collection_types.push_back(std::move(ct));
    fn_.schema_collection_types[type.oid] = t.typmod;
    fn_.schema_type_deps.emplace_back(type.oid, SchemaCollectionSignature(type.oid));
    return t;
}

std::string SchemaCollectionSignature(Oid type) {
    pg::CollectionShape shape;
    bool not_null = false;
    if (!pg::SchemaCollectionShape(type, &shape, &not_null)) return std::string();
    return std::to_string(static_cast<int>(shape.kind)) + "/" + std::to_string(shape.limit) + "/" +
           std::to_string(shape.element.oid) + "/" + std::to_string(shape.element.typmod) + (not_null ? "/nn" : "");
}

std::unique_ptr<CastSite> Compiler::MakeCast(const pg::TypeInfo &target) {
    auto cast = std::make_unique<CastSite>();
    cast->target = target;
    return cast;
}

}  // namespace plpolar::compile
