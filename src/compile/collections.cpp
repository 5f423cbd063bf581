// Collections in the compiler: TYPE ... IS TABLE OF / VARRAY declarations
// and the uses of a collection variable (c(i), c.COUNT, c.EXTEND(n),
// c(i) := x) or type (its constructor t(a, b)), bound to CollectionSites
// that exec/collections.cpp runs.
#include "compiler_impl.hpp"
#include "plpolar/compile/oracle_sql.hpp"
#include "plpolar/compile/package_unit.hpp"
#include "plpolar/compile/quoting.hpp"
#include "plpolar/pg/collection.hpp"
#include "plpolar/pg/guard.hpp"

namespace plpolar::compile {

namespace {

struct Method {
    const char *name;
    CollectionOp op;
    bool statement;  // EXTEND / TRIM / DELETE are procedures, the rest functions
    size_t min_args;
    size_t max_args;
};

const Method kMethods[] = {
    {"count", CollectionOp::Count, false, 0, 0},   {"first", CollectionOp::First, false, 0, 0},
    {"last", CollectionOp::Last, false, 0, 0},     {"limit", CollectionOp::Limit, false, 0, 0},
    {"next", CollectionOp::Next, false, 1, 1},     {"prior", CollectionOp::Prior, false, 1, 1},
    {"exists", CollectionOp::Exists, false, 1, 1}, {"extend", CollectionOp::Extend, true, 0, 2},
    {"trim", CollectionOp::Trim, true, 0, 1},      {"delete", CollectionOp::Delete, true, 0, 2},
};

const Method *FindMethod(const std::string &name) {
    for (const Method &m : kMethods)
        if (name == m.name) return &m;
    return nullptr;
}

std::string UpperName(const std::string &s) {
    std::string out = s;
    for (char &c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

}  // namespace

void Compiler::CompileCollectionTypeDecl(ast::CollectionTypeDecl &cd, Scope &scope) {
    if (scope.types.count(cd.name) != 0) Error(cd.loc, "duplicate declaration of type \"" + cd.name + "\"");
    if (fn_.collection_oid == InvalidOid)
        Error(cd.loc, "collection types need plpolar 1.4: run ALTER EXTENSION plpolar UPDATE",
              ERRCODE_FEATURE_NOT_SUPPORTED);
    auto type = std::make_unique<CollectionType>();
    type->name = cd.name;
    const ast::CursorDecl *cursor = nullptr;
    type->shape.element = ResolveType(cd.element, scope, &cursor);
    if (cursor != nullptr) {
        // TABLE OF c%ROWTYPE: the row type of the cursor's query, known once
        // it is prepared (its variables are declared before it).
        const auto &cs = ast::Cast<CursorSite>(*cursor->annotation);
        if (cs.query == nullptr)
            Error(cd.element.loc, "cursor \"" + cursor->name + "\" has no query yet: its %ROWTYPE is not known",
                  ERRCODE_FEATURE_NOT_SUPPORTED);
        std::vector<pg::Value> unbound(static_cast<size_t>(fn_.nslots()));
        type->shape.element = pg::TypeFromOid(RECORDOID, cs.query->statement.ResultRowType(unbound.data()));
    }
    if (type->shape.element.oid == REFCURSOROID)
        Error(cd.element.loc, "PLS-00531: a collection of REF CURSOR is not allowed", ERRCODE_DATATYPE_MISMATCH);
    type->element_not_null = cd.element_not_null || ConstraintOf(cd.element, scope).not_null;
    switch (cd.form) {
        case ast::CollectionTypeDecl::Form::Associative: {
            type->shape.kind = types::CollectionKind::Associative;
            pg::TypeInfo key = ResolveType(cd.index, scope);
            if (key.oid == INT4OID || key.oid == INT2OID) {
                type->shape.string_keys = false;
            } else if (pg::IsStringType(key.oid) && key.oid != BPCHAROID) {
                // INDEX BY VARCHAR2(n) / STRING(n) / LONG: Oracle needs a
                // length except for LONG; none here means no limit.
                type->shape.string_keys = true;
                type->key_limit = key.char_limit;
            } else {
                // Oracle allows PLS_INTEGER, BINARY_INTEGER (and their
                // subtypes), VARCHAR2, STRING and LONG only.
                Error(cd.index.loc,
                      "PLS-00315: unsupported table index type \"" + cd.index.text +
                          "\": use PLS_INTEGER, BINARY_INTEGER or VARCHAR2(n)",
                      ERRCODE_DATATYPE_MISMATCH);
            }
            break;
        }
        case ast::CollectionTypeDecl::Form::Nested: type->shape.kind = types::CollectionKind::Nested; break;
        case ast::CollectionTypeDecl::Form::Varray:
            if (cd.limit < 1 || cd.limit > PG_INT32_MAX)
                Error(cd.loc, "PLS-00325: the size limit of a VARRAY must be between 1 and 2147483647",
                      ERRCODE_INVALID_PARAMETER_VALUE);
            type->shape.kind = types::CollectionKind::Varray;
            type->shape.limit = static_cast<int32>(cd.limit);
            break;
    }
    pg::TypeInfo t = pg::TypeFromOid(fn_.collection_oid, -1);
    t.typmod = static_cast<int32>(fn_.collection_types.size());
    fn_.collection_types.push_back(std::move(type));
    scope.types[cd.name] = t;
}

pg::TypeInfo Compiler::ImportCollectionType(const CompiledFunction &from, const pg::TypeInfo &type) {
    if (&from == &fn_ || type.oid != fn_.collection_oid || type.oid == InvalidOid || type.typmod < 0 ||
        static_cast<size_t>(type.typmod) >= from.collection_types.size())
        return type;
    // A package's type, used by another unit: a copy of its description
    // in this unit's table (the values carry their shape anyway).
    const CollectionType &src = *from.collection_types[static_cast<size_t>(type.typmod)];
    auto copy = std::make_unique<CollectionType>(src);
    // A collection of collections: its element type is described here too.
    if (copy->shape.element.oid == fn_.collection_oid)
        copy->shape.element = ImportCollectionType(from, src.shape.element);
    pg::TypeInfo t = type;
    t.typmod = static_cast<int32>(fn_.collection_types.size());
    fn_.collection_types.push_back(std::move(copy));
    return t;
}

const CollectionType *Compiler::FindCollectionType(const ast::NameChain &name, const Scope &scope) {
    if (fn_.collection_oid == InvalidOid) return nullptr;
    pg::TypeInfo t;
    bool found = false;
    if (name.size() == 1) {
        for (const Scope *s = &scope; s != nullptr && !found; s = s->parent) {
            auto it = s->types.find(name[0]);
            if (it != s->types.end()) {
                t = it->second;
                found = true;
            }
        }
    } else if (name.size() <= 3) {
        // pkg.t / schema.pkg.t: only a public collection type of a package
        // (any other name goes on to be a function, with its own errors).
        bool candidate = false;
        for (size_t at = 0; at + 1 < name.size() && at < 2 && !candidate; ++at) {
            if (!IsPackage(name[at])) continue;
            std::shared_ptr<PackageUnit> unit = SpecUnit(name[at]);
            if (unit == nullptr || !unit->IsPublic(name[at + 1]) || at + 2 != name.size()) continue;
            auto it = unit->scope->types.find(name[at + 1]);
            candidate = it != unit->scope->types.end() && it->second.oid == fn_.collection_oid;
        }
        if (candidate) {
            current_loc_ = ast::SourceLoc{};
            found = PackageType(ast::JoinName(name), &t);
        }
    }
    if (!found && name.size() <= 2) {
        // A schema-level type (t, schema.t): its constructor.
        Oid domain = pg::DomainNamed(name);
        if (domain != InvalidOid) {
            t = SchemaCollectionType(pg::TypeFromOid(domain, -1));
            found = true;
        }
    }
    if (!found || t.oid != fn_.collection_oid || t.typmod < 0 ||
        static_cast<size_t>(t.typmod) >= fn_.collection_types.size())
        return nullptr;
    return fn_.collection_types[static_cast<size_t>(t.typmod)].get();
}

std::unique_ptr<CollectionSite> Compiler::CollectionKeySite(int slot, const std::string &name) {
    return CollectionKeySite(*fn_.variables[static_cast<size_t>(slot)].collection, slot, name);
}

std::unique_ptr<CollectionSite> Compiler::CollectionKeySite(const CollectionType &type, int slot,
                                                            const std::string &name) {
    auto site = std::make_unique<CollectionSite>();
    site->slot = slot;
    site->name = name;
    site->type = &type;
    pg::TypeInfo key = type.shape.string_keys
                           ? pg::TypeFromOid(fn_.varchar2_oid != InvalidOid ? fn_.varchar2_oid : TEXTOID, -1)
                           : pg::TypeFromOid(INT4OID, -1);
    key.char_limit = type.shape.string_keys ? type.key_limit : -1;
    site->key = MakeCast(key);
    site->element = MakeCast(type.shape.element);
    site->count = MakeCast(pg::TypeFromOid(INT8OID, -1));
    return site;
}

CollectionOp Compiler::CheckMethod(const CollectionType &type, const std::string &collection, const std::string &name,
                                   const std::vector<ast::CallArg> &list, bool statement, const ast::SourceLoc &loc) {
    const Method *m = FindMethod(name);
    const std::string method = UpperName(name);
    if (m == nullptr)
        Error(loc, "PLS-00302: component '" + method + "' must be declared (collection \"" + collection + "\")",
              ERRCODE_UNDEFINED_OBJECT);
    if (m->statement && !statement)
        Error(loc,
              "PLS-00222: " + method + " is a procedure: call it as a statement (" + collection + "." + method + ")",
              ERRCODE_WRONG_OBJECT_TYPE);
    if (!m->statement && statement)
        Error(loc, method + " is a function of collection \"" + collection + "\", not a procedure",
              ERRCODE_WRONG_OBJECT_TYPE);
    if (list.size() < m->min_args || list.size() > m->max_args)
        Error(loc, "PLS-00306: wrong number or types of arguments in call to '" + method + "'",
              ERRCODE_UNDEFINED_FUNCTION);
    for (const auto &a : list)
        if (!a.name.empty()) Error(loc, method + " takes no named arguments", ERRCODE_SYNTAX_ERROR);
    const types::CollectionKind kind = type.shape.kind;
    if ((m->op == CollectionOp::Extend || m->op == CollectionOp::Trim) && kind == types::CollectionKind::Associative)
        Error(loc,
              "PLS-00306: wrong number or types of arguments in call to '" + method +
                  "': an associative array has no " + method,
              ERRCODE_UNDEFINED_FUNCTION);
    if (m->op == CollectionOp::Delete && !list.empty() && kind == types::CollectionKind::Varray)
        Error(loc,
              "PLS-00306: wrong number or types of arguments in call to 'DELETE': a varray deletes only "
              "all its elements",
              ERRCODE_UNDEFINED_FUNCTION);
    return m->op;
}

const CollectionType *Compiler::ElementCollection(const CollectionType &type) const {
    const pg::TypeInfo &e = type.shape.element;
    if (e.oid != fn_.collection_oid || e.oid == InvalidOid || e.typmod < 0 ||
        static_cast<size_t>(e.typmod) >= fn_.collection_types.size())
        return nullptr;
    return fn_.collection_types[static_cast<size_t>(e.typmod)].get();
}

std::unique_ptr<CollectionSite> Compiler::NestedElement(std::unique_ptr<CollectionSite> parent, ast::Expr &key,
                                                        const ast::SourceLoc &loc, const Scope &scope) {
    const CollectionSite *root = parent.get();
    while (root->parent != nullptr) root = root->parent.get();
    if (!root->record_field.empty())
        Error(loc, "an element of an element of a record's collection field is not supported here",
              ERRCODE_FEATURE_NOT_SUPPORTED);
    const CollectionType *inner = ElementCollection(*parent->type);
    if (inner == nullptr)
        Error(loc, "the elements of collection \"" + parent->name + "\" are not collections: they take no subscript",
              ERRCODE_WRONG_OBJECT_TYPE);
    auto site = CollectionKeySite(*inner, -1, parent->name + "(...)");
    site->op = CollectionOp::Element;
    CompileExpr(key, scope);
    site->args.push_back(&key);
    if (!inner->shape.string_keys) site->fast_key = MakeFast(key);
    site->parent = std::move(parent);
    return site;
}

const CollectionType *Compiler::RecordFieldCollection(const ast::NameChain &name, const Scope &scope, int *slot,
                                                      std::string *field) const {
    Reference ref = LookupReference(fn_, scope, name);
    if (ref.slot < 0 || ref.field.empty()) return nullptr;
    const CollectionType *type = FieldCollection(ref.slot, ref.field);
    if (type == nullptr) return nullptr;
    *slot = ref.slot;
    *field = ref.field;
    return type;
}

const CollectionType *Compiler::FieldCollection(int slot, const std::string &field) const {
    const Variable &v = fn_.variables[static_cast<size_t>(slot)];
    if (v.type.oid != RECORDOID || v.type.typmod < 0) return nullptr;
    auto it = fn_.record_types.find(v.type.typmod);
    if (it == fn_.record_types.end() || it->second->annotation == nullptr) return nullptr;
    const ast::RecordTypeDecl &rd = *it->second;
    const auto &rs = ast::Cast<RecordTypeSite>(*rd.annotation);
    for (size_t i = 0; i < rd.fields.size() && i < rs.field_types.size(); ++i) {
        if (rd.fields[i].name != field) continue;
        const pg::TypeInfo &t = rs.field_types[i];
        if (t.oid != fn_.collection_oid || t.oid == InvalidOid || t.typmod < 0 ||
            static_cast<size_t>(t.typmod) >= fn_.collection_types.size())
            return nullptr;
        return fn_.collection_types[static_cast<size_t>(t.typmod)].get();
    }
    return nullptr;
}

std::unique_ptr<CollectionSite> Compiler::RecordFieldSite(const CollectionType &type, int slot,
                                                          const std::string &field, const std::string &shown) {
    auto site = CollectionKeySite(type, slot, shown);
    site->record_field = field;
    site->field_store = MakeCast(pg::TypeInfo{});
    return site;
}

bool Compiler::CompileNestedCollectionUse(ast::CallExpr &call, const Scope &scope, bool statement) {
    if (fn_.collection_oid == InvalidOid || !call.has_parens) return false;
    int slot = LookupName(fn_, scope, call.name);
    if (slot < 0 || !fn_.variables[static_cast<size_t>(slot)].IsCollection()) return false;
    const Variable &v = fn_.variables[static_cast<size_t>(slot)];
    const bool method = !call.fields.empty() && ElementCollection(*v.collection) != nullptr;
    if (call.subscripts.empty() && !method) return false;
    // c(i): the first element, then each (j) and a method of the last one.
    if (call.args.size() != 1 || !call.args[0].name.empty())
        Error(call.loc, "a subscript of collection \"" + v.name + "\" is one value (c(i))", ERRCODE_SYNTAX_ERROR);
    auto site = CollectionKeySite(slot, v.name);
    site->op = CollectionOp::Element;
    CompileExpr(*call.args[0].value, scope);
    site->args.push_back(call.args[0].value.get());
    if (!v.collection->shape.string_keys) site->fast_key = MakeFast(*site->args[0]);
    for (auto &g : call.subscripts) {
        if (g.size() != 1 || !g[0].name.empty())
            Error(call.loc, "a subscript of collection \"" + site->name + "\" is one value (c(i)(j))",
                  ERRCODE_SYNTAX_ERROR);
        site = NestedElement(std::move(site), *g[0].value, call.loc, scope);
    }
    if (!call.fields.empty() && ElementCollection(*site->type) != nullptr) {
        // c(i).COUNT, c(i)(j).EXTEND(n): a method of an element.
        if (call.fields.size() != 1)
            Error(call.loc, "PLS-00302: component '" + UpperName(call.fields[1]) + "' must be declared",
                  ERRCODE_UNDEFINED_OBJECT);
        const CollectionType &inner = *ElementCollection(*site->type);
        const std::string name = site->name + "(...)";
        CollectionOp op = CheckMethod(inner, name, call.fields[0], call.method_args, statement, call.loc);
        auto msite = CollectionKeySite(inner, -1, name);
        msite->op = op;
        for (auto &a : call.method_args) {
            CompileExpr(*a.value, scope);
            msite->args.push_back(a.value.get());
        }
        msite->parent = std::move(site);
        site = std::move(msite);
        call.fields.clear();
    } else {
        if (statement) Error(call.loc, "\"" + v.name + "(...)\" is a collection element, not a procedure");
        if (call.method_parens) Error(call.loc, "unexpected arguments after " + ast::JoinName(call.name) + "(...)");
        if (!call.fields.empty()) {
            const pg::TypeInfo &element = site->type->shape.element;
            if (element.typtype != TYPTYPE_COMPOSITE && element.oid != RECORDOID)
                Error(call.loc, site->name + " is not a record (it has no field \"" + call.fields[0] + "\")",
                      ERRCODE_WRONG_OBJECT_TYPE);
        }
    }
    call.builtin = ast::Builtin::Collection;
    call.annotation = std::move(site);
    return true;
}

bool Compiler::CompileCollectionUse(const ast::NameChain &name, std::vector<ast::CallArg> *args, bool has_parens,
                                    const ast::SourceLoc &loc, const Scope &scope, bool statement,
                                    std::unique_ptr<ast::Annotation> *out) {
    if (fn_.collection_oid == InvalidOid) return false;
    std::vector<ast::CallArg> none;
    std::vector<ast::CallArg> &list = args != nullptr ? *args : none;
    auto positional = [&list, &loc, this](const std::string &what) {
        for (const auto &a : list)
            if (!a.name.empty()) Error(loc, what + " takes no named arguments", ERRCODE_SYNTAX_ERROR);
    };
    int slot = LookupName(fn_, scope, name);
    if (slot >= 0) {
        const Variable &v = fn_.variables[static_cast<size_t>(slot)];
        if (!v.IsCollection() || !has_parens) return false;
        // c(i): an element.
        if (statement) Error(loc, "\"" + ast::JoinName(name) + "\" is a collection, not a procedure");
        if (list.size() != 1)
            Error(loc, "a subscript of collection \"" + v.name + "\" is one value (c(i))", ERRCODE_SYNTAX_ERROR);
        positional("a subscript");
        auto site = CollectionKeySite(slot, v.name);
        site->op = CollectionOp::Element;
        for (auto &a : list) {
            CompileExpr(*a.value, scope);
            site->args.push_back(a.value.get());
        }
        if (!v.collection->shape.string_keys) site->fast_key = MakeFast(*site->args[0]);
        *out = std::move(site);
        return true;
    }
    if (name.size() >= 2) {
        ast::NameChain head(name.begin(), name.end() - 1);
        int cslot = LookupName(fn_, scope, head);
        if (cslot >= 0 && fn_.variables[static_cast<size_t>(cslot)].IsCollection()) {
            const Variable &v = fn_.variables[static_cast<size_t>(cslot)];
            CollectionOp op = CheckMethod(*v.collection, v.name, name.back(), list, statement, loc);
            auto site = CollectionKeySite(cslot, v.name);
            site->op = op;
            for (auto &a : list) {
                CompileExpr(*a.value, scope);
                site->args.push_back(a.value.get());
            }
            *out = std::move(site);
            return true;
        }
    }
    if (name.size() >= 2) {
        // r.f(i), r.f.method: a collection field of a record variable.
        int rslot = -1;
        std::string field;
        const CollectionType *ftype = nullptr;
        if (has_parens && (ftype = RecordFieldCollection(name, scope, &rslot, &field)) != nullptr) {
            if (statement) Error(loc, "\"" + ast::JoinName(name) + "\" is a collection, not a procedure");
            if (list.size() != 1)
                Error(loc, "a subscript of collection \"" + ast::JoinName(name) + "\" is one value (c(i))",
                      ERRCODE_SYNTAX_ERROR);
            positional("a subscript");
            auto site = RecordFieldSite(*ftype, rslot, field, ast::JoinName(name));
            site->op = CollectionOp::Element;
            CompileExpr(*list[0].value, scope);
            site->args.push_back(list[0].value.get());
            *out = std::move(site);
            return true;
        }
        ast::NameChain head(name.begin(), name.end() - 1);
        if (head.size() >= 2 && (ftype = RecordFieldCollection(head, scope, &rslot, &field)) != nullptr) {
            CollectionOp op = CheckMethod(*ftype, ast::JoinName(head), name.back(), list, statement, loc);
            auto site = RecordFieldSite(*ftype, rslot, field, ast::JoinName(head));
            site->op = op;
            for (auto &a : list) {
                CompileExpr(*a.value, scope);
                site->args.push_back(a.value.get());
            }
            *out = std::move(site);
            return true;
        }
    }
    if (name.size() >= 2) {
        // pkg.c(i), pkg.c.method: another unit's package collection.
        std::unique_ptr<CollectionSite> site = PackageCollection(name, has_parens, loc, statement, &list);
        if (site != nullptr) {
            for (auto &a : list) {
                CompileExpr(*a.value, scope);
                site->args.push_back(a.value.get());
            }
            *out = std::move(site);
            return true;
        }
    }
    if (!has_parens || statement) return false;
    // t(a, b): a constructor.
    const CollectionType *type = FindCollectionType(name, scope);
    if (type == nullptr) return false;
    const bool associative = type->shape.kind == types::CollectionKind::Associative;
    // t(k => v) with k a name: the key is that variable's (or constant's) value.
    if (associative)
        for (auto &a : list)
            if (!a.key && !a.name.empty()) {
                a.key = std::make_unique<ast::NameExpr>(a.value->loc, ast::NameChain{a.name});
                a.name.clear();
            }
    positional("a collection constructor");
    // An associative array's constructor is Oracle 18c's qualified
    // expression: t() or t(key => value, ...), and only that.
    for (const auto &a : list)
        if (associative != (a.key != nullptr))
            Error(loc,
                  associative ? "PLS-00222: an associative array's constructor takes key => value pairs: " +
                                    UpperName(type->name) + "(1 => x, 2 => y)"
                              : "key => value is an associative array's constructor only",
                  ERRCODE_SYNTAX_ERROR);
    auto site = associative ? CollectionKeySite(*type, -1, type->name) : std::make_unique<CollectionSite>();
    site->op = CollectionOp::Construct;
    site->type = type;
    site->name = type->name;
    site->element = MakeCast(type->shape.element);
    for (auto &a : list) {
        if (a.key) {
            CompileExpr(*a.key, scope);
            site->keys.push_back(a.key.get());
        }
        CompileExpr(*a.value, scope);
        site->args.push_back(a.value.get());
    }
    *out = std::move(site);
    return true;
}

void Compiler::MakeBulkTargets(std::vector<TargetSite> &targets, const std::vector<ast::Target> &names) {
    for (size_t i = 0; i < targets.size(); ++i) {
        TargetSite &t = targets[i];
        const ast::SourceLoc &loc = names[i].loc;
        if (t.slot < 0 || !t.field.empty() || !fn_.variables[static_cast<size_t>(t.slot)].IsCollection())
            Error(loc,
                  "PLS-00497: BULK COLLECT INTO needs collection variables (\"" + ast::JoinName(names[i].name) +
                      "\" is not one)",
                  ERRCODE_DATATYPE_MISMATCH);
        const CollectionType &type = *fn_.variables[static_cast<size_t>(t.slot)].collection;
        if (type.shape.string_keys)
            Error(loc,
                  "PLS-00657: implementation restriction: bulk SQL with associative arrays with VARCHAR2 key is "
                  "not supported (\"" +
                      ast::JoinName(names[i].name) + "\")",
                  ERRCODE_FEATURE_NOT_SUPPORTED);
        t.element = MakeCast(type.shape.element);
        const pg::TypeInfo &element = type.shape.element;
        if (element.typtype == TYPTYPE_COMPOSITE || (element.oid == RECORDOID && element.typmod >= 0)) {
            if (targets.size() > 1)
                Error(loc, "PLS-00494: a collection of records must be the only BULK COLLECT INTO target",
                      ERRCODE_DATATYPE_MISMATCH);
            for (const auto &f : pg::RowFields(element.oid, element.typmod))
                t.element->fields.push_back(MakeCast(f.type));
        }
    }
}

bool Compiler::CompileElementTarget(ast::AssignStmt &s, const Scope &scope, StoreSite &store) {
    if (!s.subscript) return false;
    int slot = LookupName(fn_, scope, s.target);
    if (slot < 0 && s.target.size() >= 2) {
        // pkg.c(i) := x: another package's collection, in place.
        std::vector<ast::CallArg> one(1);
        std::unique_ptr<CollectionSite> site = PackageCollection(s.target, true, s.loc, false, &one, true);
        if (site != nullptr) {
            if (!s.more_subscripts.empty())
                Error(s.loc, "an element of an element of another package's collection cannot be assigned here",
                      ERRCODE_FEATURE_NOT_SUPPORTED);
            CompileExpr(*s.subscript, scope);
            site->args.push_back(s.subscript.get());
            site->fields = s.element_fields;
            if (!site->fields.empty()) site->field_cast = MakeCast(pg::TypeInfo{});
            store.element = std::move(site);
            return true;
        }
    }
    if (slot < 0) {
        // r.f(i) := x: a collection field of a record variable.
        int rslot = -1;
        std::string field;
        if (const CollectionType *ftype = RecordFieldCollection(s.target, scope, &rslot, &field)) {
            const Variable &rv = fn_.variables[static_cast<size_t>(rslot)];
            if (rv.ReadOnly()) Error(s.loc, "variable \"" + rv.name + "\" is read-only");
            if (!s.more_subscripts.empty() || !s.element_fields.empty())
                Error(s.loc, "an element of a record's collection field is assigned whole here (r.f(i) := x)",
                      ERRCODE_FEATURE_NOT_SUPPORTED);
            auto site = RecordFieldSite(*ftype, rslot, field, ast::JoinName(s.target));
            site->op = CollectionOp::Element;
            CompileExpr(*s.subscript, scope);
            site->args.push_back(s.subscript.get());
            s.slot = rslot;
            store.element = std::move(site);
            return true;
        }
    }
    if (slot < 0 || !fn_.variables[static_cast<size_t>(slot)].IsCollection())
        Error(s.loc, "\"" + ast::JoinName(s.target) + "\" is not a collection variable: it cannot take a subscript");
    const Variable &v = fn_.variables[static_cast<size_t>(slot)];
    if (v.constant) Error(s.loc, "variable \"" + v.name + "\" is declared CONSTANT");
    if (v.ReadOnly()) Error(s.loc, "variable \"" + v.name + "\" is read-only");
    std::unique_ptr<CollectionSite> site = CollectionKeySite(slot, v.name);
    site->op = CollectionOp::Element;
    CompileExpr(*s.subscript, scope);
    site->args.push_back(s.subscript.get());
    if (!v.collection->shape.string_keys) site->fast_key = MakeFast(*s.subscript);
    // c(i)(j) := x: an element of the element c(i), stored back into it.
    for (auto &k : s.more_subscripts) site = NestedElement(std::move(site), *k, s.loc, scope);
    site->fields = s.element_fields;
    if (!site->fields.empty()) {
        const pg::TypeInfo &element = site->type->shape.element;
        if (element.typtype != TYPTYPE_COMPOSITE && element.oid != RECORDOID)
            Error(
                s.loc,
                "the elements of collection \"" + v.name + "\" are not records (no field \"" + site->fields[0] + "\")",
                ERRCODE_WRONG_OBJECT_TYPE);
        if (site->fields.size() > 1)
            Error(s.loc, "a field of a field of a collection element is not supported yet",
                  ERRCODE_FEATURE_NOT_SUPPORTED);
        bool found = false;
        for (const auto &f : pg::RowFields(element.oid, element.typmod)) found = found || f.name == site->fields[0];
        if (!found)
            Error(s.loc, "the elements of collection \"" + v.name + "\" have no field \"" + site->fields[0] + "\"",
                  ERRCODE_UNDEFINED_COLUMN);
        site->field_cast = MakeCast(pg::TypeInfo{});
    }
    s.slot = slot;
    store.element = std::move(site);
    return true;
}

}  // namespace plpolar::compile

namespace plpolar::compile {

size_t SkipLexical(const std::string &sql, size_t i) {
    const size_t n = sql.size();
    char c = sql[i];
    if (c == '\'') {
        for (++i; i < n; ++i)
            if (sql[i] == '\'') {
                if (i + 1 < n && sql[i + 1] == '\'') {
                    ++i;
                    continue;
                }
                break;
            }
        return i < n ? i + 1 : n;
    }
    if (c == '"') {
        i = sql.find('"', i + 1);
        return i == std::string::npos ? n : i + 1;
    }
    if (c == '-' && i + 1 < n && sql[i + 1] == '-') {
        i = sql.find('\n', i);
        return i == std::string::npos ? n : i;
    }
    if (c == '/' && i + 1 < n && sql[i + 1] == '*') {
        i = sql.find("*/", i + 2);
        return i == std::string::npos ? n : i + 2;
    }
    return i;
}

namespace {

bool IdentStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool IdentChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$'; }

// The index after the ")" matching the "(" at `open`, or npos.
size_t MatchParen(const std::string &sql, size_t open) {
    int depth = 0;
    for (size_t i = open; i < sql.size();) {
        size_t skipped = SkipLexical(sql, i);
        if (skipped != i) {
            i = skipped;
            continue;
        }
        if (sql[i] == '(') ++depth;
        if (sql[i] == ')' && --depth == 0) return i + 1;
        ++i;
    }
    return std::string::npos;
}

std::string Lower(std::string s) {
    for (char &c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// A dotted chain of plain identifiers starting at text[i], outside
// literals: its parts lowercased, `end` just after it, `open` the "(" that
// follows it (after spaces) or npos. False when no chain starts at i (not
// a word's start, or the name after a dot or a :: cast).
struct ChainAt {
    ast::NameChain chain;
    size_t end = 0;
    size_t open = std::string::npos;
};
bool ReadChain(const std::string &text, size_t i, ChainAt *out) {
    const size_t n = text.size();
    if (!IdentStart(text[i]) || (i > 0 && (IdentChar(text[i - 1]) || text[i - 1] == '.' || text[i - 1] == ':')))
        return false;
    out->chain.clear();
    size_t j = i;
    for (;;) {
        size_t start = j;
        while (j < n && IdentChar(text[j])) ++j;
        out->chain.push_back(Lower(text.substr(start, j - start)));
        if (j + 1 < n && text[j] == '.' && IdentStart(text[j + 1])) {
            ++j;
            continue;
        }
        break;
    }
    out->end = j;
    size_t k = j;
    while (k < n && std::isspace(static_cast<unsigned char>(text[k]))) ++k;
    out->open = k < n && text[k] == '(' ? k : std::string::npos;
    return true;
}

}  // namespace

std::string TableOfSql(const std::string &inner) {
    // TABLE(SQL expression): a set-returning (PIPELINED) function's rows, or
    // the elements of an array (a column or function result of a
    // schema-level type), COLUMN_VALUE for scalars. LATERAL: the expression
    // may name the tables before it (FROM t, TABLE(t.c)).
    ChainAt call;
    size_t first = inner.find_first_not_of(" \t\r\n");
    pg::SetFunction srf = pg::SetFunction::None;
    if (first != std::string::npos && ReadChain(inner, first, &call) && call.open != std::string::npos) {
        size_t end = MatchParen(inner, call.open);
        if (end != std::string::npos && inner.find_first_not_of(" \t\r\n", end) == std::string::npos)
            srf = pg::SetReturningFunction(call.chain);
    }
    std::string from;
    switch (srf) {
        case pg::SetFunction::Scalar: from = inner + " AS plpolar$t(column_value)"; break;
        case pg::SetFunction::Composite: from = inner; break;
        case pg::SetFunction::None: from = "pg_catalog.unnest(" + inner + ") AS plpolar$t(column_value)"; break;
    }
    return "LATERAL (SELECT * FROM " + from + ")";
}

std::string RewriteSchemaConstructors(const std::string &sql, bool tables) {
    std::string result;
    size_t copied = 0;
    const size_t n = sql.size();
    for (size_t i = 0; i < n;) {
        size_t skipped = SkipLexical(sql, i);
        if (skipped != i) {
            i = skipped;
            continue;
        }
        ChainAt at;
        if (!ReadChain(sql, i, &at)) {
            ++i;
            continue;
        }
        const size_t chain_start = i;
        i = at.end;
        if (at.open == std::string::npos || at.chain.size() > 2) continue;
        size_t close = MatchParen(sql, at.open);
        if (close == std::string::npos) continue;
        if (tables && at.chain.size() == 1 && at.chain[0] == "table") {
            result.append(sql, copied, chain_start - copied);
            result += TableOfSql(RewriteSchemaConstructors(sql.substr(at.open + 1, close - at.open - 2), true));
            copied = close;
            i = close;
            continue;
        }
        // One argument, not VARIADIC already: PostgreSQL would take t('x')
        // for the cast 't'::t ('x' is no array literal) before the
        // constructor; t(VARIADIC ARRAY[x]::e[]) is the constructor.
        const std::string inner = sql.substr(at.open + 1, close - at.open - 2);
        size_t first = inner.find_first_not_of(" \t\r\n");
        if (first == std::string::npos || Lower(inner.substr(first, 8)) == "variadic") continue;
        bool one = true;
        int depth = 0;
        for (size_t k = 0; k < inner.size() && one;) {
            size_t sk = SkipLexical(inner, k);
            if (sk != k) {
                k = sk;
                continue;
            }
            char c = inner[k];
            if (c == '(' || c == '[') ++depth;
            if (c == ')' || c == ']') --depth;
            if (c == ',' && depth == 0) one = false;
            ++k;
        }
        if (!one) continue;
        // A table's, a routine's or a type's own name followed by its column
        // or parameter list is no constructor call.
        size_t before = chain_start == 0 ? std::string::npos : sql.find_last_not_of(" \t\r\n", chain_start - 1);
        if (before != std::string::npos && IdentChar(sql[before])) {
            size_t word_start = before;
            while (word_start > 0 && IdentChar(sql[word_start - 1])) --word_start;
            const std::string word = Lower(sql.substr(word_start, before + 1 - word_start));
            if (word == "table" || word == "into" || word == "on" || word == "function" || word == "procedure" ||
                word == "type" || word == "view" || word == "exists" || word == "references" || word == "index" ||
                word == "update" || word == "domain")
                continue;
        }
        Oid domain = pg::DomainNamed(at.chain);
        pg::CollectionShape shape;
        bool not_null = false;
        if (domain == InvalidOid || !pg::SchemaCollectionShape(domain, &shape, &not_null)) continue;
        result.append(sql, copied, at.open + 1 - copied);
        result += "VARIADIC ARRAY[" + inner + "]::" + pg::QualifiedTypeName(shape.element.oid, -1) + "[]";
        copied = close - 1;
        i = close;
    }
    if (copied == 0) return sql;
    result.append(sql, copied, std::string::npos);
    return result;
}

std::string Compiler::BindCollectionElements(const std::string &sql, const Scope &scope,
                                             std::vector<SqlSite::Element> *out) {
    if (fn_.collection_oid == InvalidOid) return sql;
    std::string result;
    size_t copied = 0;
    const size_t n = sql.size();
    for (size_t i = 0; i < n;) {
        size_t skipped = SkipLexical(sql, i);
        if (skipped != i) {
            i = skipped;
            continue;
        }
        ChainAt at;
        if (!ReadChain(sql, i, &at)) {
            ++i;
            continue;
        }
        const ast::NameChain &chain = at.chain;
        const size_t j = at.end, k = at.open;
        const bool parens = k != std::string::npos;
        int slot = LookupName(fn_, scope, chain);
        if (slot < 0 && parens && chain.size() == 1 && chain[0] == "table") {
            // TABLE(c): the elements as rows, through a hidden array.
            size_t close = MatchParen(sql, k);
            std::string name;
            if (close != std::string::npos && BindTableOf(sql.substr(k + 1, close - k - 2), scope, &name, out)) {
                result.append(sql, copied, i - copied);
                result += name;
                copied = close;
                i = close;
                continue;
            }
            if (close != std::string::npos) {
                result.append(sql, copied, i - copied);
                result += TableOfSql(sql.substr(k + 1, close - k - 2));
                copied = close;
                i = close;
                continue;
            }
            i = j;
            continue;
        }
        bool element = parens && ((slot >= 0 && fn_.variables[static_cast<size_t>(slot)].IsCollection()) ||
                                  (slot < 0 && IsPackageCollection(chain)));
        bool method = false;
        if (!element && chain.size() >= 2 && slot < 0) {
            ast::NameChain head(chain.begin(), chain.end() - 1);
            int cslot = LookupName(fn_, scope, head);
            method = ((cslot >= 0 && fn_.variables[static_cast<size_t>(cslot)].IsCollection()) ||
                      (cslot < 0 && IsPackageCollection(head))) &&
                     FindMethod(chain.back()) != nullptr && !FindMethod(chain.back())->statement;
        }
        if (!element && !method) {
            i = j;
            continue;
        }
        size_t end = j;
        if (parens) {
            end = MatchParen(sql, k);
            if (end == std::string::npos) {
                i = j;
                continue;
            }
        }
        // c(i).f.g: the fields of a record element; c(i)(j), c(i).COUNT:
        // multi-level collections.
        for (;;) {
            size_t d = end;
            if (d < n && sql[d] == '(' && element && parens) {
                size_t close = MatchParen(sql, d);
                if (close == std::string::npos) break;
                end = close;
                continue;
            }
            if (d + 1 < n && sql[d] == '.' && IdentStart(sql[d + 1]) && element) {
                d += 1;
                while (d < n && IdentChar(sql[d])) ++d;
                end = d;
                continue;
            }
            break;
        }
        // The reference as a PL expression, compiled here.
        const std::string text = sql.substr(i, end - i);
        ast::ExprPtr expr;
        try {
            ast::FunctionBody body = parser::ParseBody("BEGIN plpolar$element := " + text + "; END;");
            if (body.block && body.block->body.size() == 1 && body.block->body[0]->kind == ast::StmtKind::Assign)
                expr = std::move(ast::Cast<ast::AssignStmt>(*body.block->body[0]).value);
        } catch (const parser::SyntaxError &) {
            expr.reset();  // not PL: left to SQL
        }
        if (!expr) {
            i = end;
            continue;
        }
        CompileExpr(*expr, scope);
        // Its type, for the parameter PostgreSQL sees.
        pg::TypeInfo type;
        const ast::Annotation *annotation = expr->annotation.get();
        if (annotation == nullptr || annotation->kind != ast::AnnotationKind::Collection) {
            i = end;
            continue;
        }
        const auto &site = ast::Cast<CollectionSite>(*annotation);
        const CollectionType &ct = *site.type;
        switch (site.op) {
            case CollectionOp::Element: {
                type = ct.shape.element;
                const auto *call = expr->kind == ast::ExprKind::Call ? &ast::Cast<ast::CallExpr>(*expr) : nullptr;
                if (call != nullptr && !call->fields.empty()) {
                    if (call->fields.size() > 1)
                        Error(expr->loc, "a field of a field of a collection element is not supported yet",
                              ERRCODE_FEATURE_NOT_SUPPORTED);
                    bool found = false;
                    for (const auto &f : pg::RowFields(type.oid, type.typmod))
                        if (f.name == call->fields[0]) {
                            type = f.type;
                            found = true;
                        }
                    if (!found)
                        Error(expr->loc,
                              "the elements of collection \"" + site.name + "\" have no field \"" + call->fields[0] +
                                  "\"",
                              ERRCODE_UNDEFINED_COLUMN);
                }
                break;
            }
            case CollectionOp::Count:
            case CollectionOp::Limit: type = pg::TypeFromOid(INT4OID, -1); break;
            case CollectionOp::First:
            case CollectionOp::Last:
            case CollectionOp::Next:
            case CollectionOp::Prior:
                type = ct.shape.string_keys ? pg::TypeFromOid(TEXTOID, -1) : pg::TypeFromOid(INT4OID, -1);
                break;
            case CollectionOp::Exists: type = pg::TypeFromOid(BOOLOID, -1); break;
            case CollectionOp::Construct:
            case CollectionOp::Extend:
            case CollectionOp::Trim:
            case CollectionOp::Delete:
            case CollectionOp::Multiset:
            case CollectionOp::SetOf:
            case CollectionOp::Cardinality:
            case CollectionOp::IsEmpty:
            case CollectionOp::MemberOf:
            case CollectionOp::Submultiset:
            case CollectionOp::AsArray: i = end; continue;
        }
        // Named as written where it can be (a quoted name: PostgreSQL's
        // messages then show the statement much as it was written),
        // unique in the unit.
        std::string name = text;
        bool plain = name.size() <= 48 && name.find('"') == std::string::npos;
        for (char ch : name) plain = plain && ch != '\n' && ch != '\r';
        if (!plain) name = "plpolar$element";
        for (int copy = 2; fn_.hidden_names.count(name) != 0; ++copy)
            name = (plain ? text : std::string("plpolar$element")) + "#" + std::to_string(copy);
        Variable v;
        v.name = name;
        v.type = type;
        v.loc = expr->loc;
        int hidden = AddVariable(std::move(v));
        fn_.hidden_names[name] = hidden;
        SqlSite::Element e{hidden, std::move(expr), MakeCast(type)};
        out->push_back(std::move(e));
        result.append(sql, copied, i - copied);
        result += "\"" + name + "\"";
        copied = end;
        i = end;
    }
    if (copied == 0) return sql;
    result.append(sql, copied, std::string::npos);
    return result;
}

}  // namespace plpolar::compile

namespace plpolar::compile {

namespace {

// INSERT ... VALUES (list) with nothing after the list: the text before
// VALUES and the list without its parentheses.
bool SplitInsertValues(const std::string &sql, std::string *prefix, std::string *list) {
    const size_t n = sql.size();
    int depth = 0;
    size_t values = std::string::npos;
    for (size_t i = 0; i < n;) {
        size_t skipped = SkipLexical(sql, i);
        if (skipped != i) {
            i = skipped;
            continue;
        }
        char c = sql[i];
        if (c == '(') ++depth;
        if (c == ')') --depth;
        if (depth == 0 && IdentStart(c) && (i == 0 || !IdentChar(sql[i - 1]))) {
            size_t j = i;
            while (j < n && IdentChar(sql[j])) ++j;
            std::string word = Lower(sql.substr(i, j - i));
            if (word == "values") {
                if (values != std::string::npos) return false;
                values = i;
            }
            // Words that change what the statement does: the general way.
            if (word == "returning" || word == "select" || word == "on" || word == "with" || word == "default")
                return false;
            i = j;
            continue;
        }
        ++i;
    }
    if (values == std::string::npos) return false;
    size_t open = values + 6;
    while (open < n && std::isspace(static_cast<unsigned char>(sql[open]))) ++open;
    if (open >= n || sql[open] != '(') return false;
    size_t close = MatchParen(sql, open);
    if (close == std::string::npos) return false;
    for (size_t k = close; k < n; ++k)
        if (!std::isspace(static_cast<unsigned char>(sql[k])) && sql[k] != ';') return false;
    *prefix = sql.substr(0, values);
    *list = sql.substr(open + 1, close - open - 2);
    return true;
}

}  // namespace

bool Compiler::CompileSetWiseInsert(ast::ForAllStmt &s, const Scope &index_scope, ForAllSite &site) {
    if (s.body->kind != ast::StmtKind::Sql) return false;
    const auto &body = ast::Cast<ast::SqlStmt>(*s.body);
    if (body.verb != ast::SqlVerb::Insert || !body.into.empty() || !body.row_record.empty()) return false;
    std::string prefix, list;
    if (!SplitInsertValues(body.text, &prefix, &list)) return false;
    // c(i)[.f] and i in the list become columns of the unnest.
    std::vector<ForAllSite::Column> columns;
    auto column = [&columns](int collection, const std::string &field) {
        for (size_t k = 0; k < columns.size(); ++k)
            if (columns[k].collection == collection && columns[k].field == field) return k;
        ForAllSite::Column c;
        c.collection = collection;
        c.field = field;
        columns.push_back(std::move(c));
        return columns.size() - 1;
    };
    std::string rewritten;
    size_t copied = 0;
    const size_t n = list.size();
    for (size_t i = 0; i < n;) {
        size_t skipped = SkipLexical(list, i);
        if (skipped != i) {
            i = skipped;
            continue;
        }
        ChainAt at;
        if (!ReadChain(list, i, &at)) {
            ++i;
            continue;
        }
        const ast::NameChain &chain = at.chain;
        const size_t j = at.end, k = at.open;
        const bool parens = k != std::string::npos;
        int slot = LookupName(fn_, index_scope, chain);
        size_t end = j;
        size_t index_column = 0;
        if (slot == s.slot && !parens) {
            index_column = column(-1, std::string());
        } else if (slot >= 0 && parens && fn_.variables[static_cast<size_t>(slot)].IsCollection()) {
            end = MatchParen(list, k);
            if (end == std::string::npos) return false;
            std::string subscript = Lower(list.substr(k + 1, end - k - 2));
            size_t a = subscript.find_first_not_of(" \t\r\n");
            size_t b = subscript.find_last_not_of(" \t\r\n");
            if (a == std::string::npos || subscript.substr(a, b - a + 1) != s.variable) return false;
            std::string field;
            if (end + 1 < n && list[end] == '.' && IdentStart(list[end + 1])) {
                size_t d = end + 1;
                while (d < n && IdentChar(list[d])) ++d;
                field = Lower(list.substr(end + 1, d - end - 1));
                end = d;
                if (end < n && list[end] == '.') return false;  // a field's field
            }
            const CollectionType &type = *fn_.variables[static_cast<size_t>(slot)].collection;
            if (type.shape.string_keys) return false;
            index_column = column(slot, field);
        } else {
            if (chain.size() == 1 && chain[0] == "default") return false;  // no DEFAULT in a select list
            // Anything else that names a collection (c.COUNT, c(1)) or
            // another variable changing per index: one execution per index.
            if (slot >= 0 && fn_.variables[static_cast<size_t>(slot)].IsCollection()) return false;
            if (chain.size() >= 2) {
                ast::NameChain head(chain.begin(), chain.end() - 1);
                int h = LookupName(fn_, index_scope, head);
                if (h >= 0 && fn_.variables[static_cast<size_t>(h)].IsCollection()) return false;
            }
            i = j;
            continue;
        }
        rewritten.append(list, copied, i - copied);
        rewritten += "plpolar$f.c" + std::to_string(index_column + 1);
        copied = end;
        i = end;
    }
    if (columns.empty()) return false;
    rewritten.append(list, copied, std::string::npos);
    // The element (or field) types, and a hidden array variable per column.
    std::string arrays, names;
    for (size_t c = 0; c < columns.size(); ++c) {
        ForAllSite::Column &col = columns[c];
        pg::TypeInfo element = pg::TypeFromOid(INT4OID, -1);
        if (col.collection >= 0) {
            element = fn_.variables[static_cast<size_t>(col.collection)].collection->shape.element;
            if (!col.field.empty()) {
                bool found = false;
                for (const auto &f : pg::RowFields(element.oid, element.typmod))
                    if (f.name == col.field) {
                        element = f.type;
                        found = true;
                    }
                if (!found) return false;  // the general way reports it
            }
        }
        Oid array = pg::ArrayTypeOf(element.oid);
        if (array == InvalidOid) return false;
        col.element = element;
        Variable v;
        v.name = "plpolar$array_" + std::to_string(fn_.variables.size());
        v.type = pg::TypeFromOid(array, -1);
        v.loc = s.loc;
        const std::string name = v.name;
        col.slot = AddVariable(std::move(v));
        fn_.hidden_names[name] = col.slot;
        arrays += (c > 0 ? ", pg_catalog.unnest(" : "pg_catalog.unnest(") + name + ")";
        names += (c > 0 ? ", c" : "c") + std::to_string(c + 1);
    }
    const std::string sql =
        prefix + "SELECT " + rewritten + " FROM ROWS FROM (" + arrays + ") AS plpolar$f(" + names + ")";
    NoteSessionVariables(sql);
    site.setwise = MakeSqlSite(index_scope, sql);
    site.columns = std::move(columns);
    return true;
}

}  // namespace plpolar::compile

namespace plpolar::compile {

const CollectionType *Compiler::StaticCollectionType(const ast::Expr &e) const {
    if (e.kind == ast::ExprKind::Name) {
        const auto &n = ast::Cast<ast::NameExpr>(e);
        if (n.slot >= 0 && !n.field_ref) return fn_.variables[static_cast<size_t>(n.slot)].collection;
        // r.f: a record's collection field.
        if (n.slot >= 0 && n.field_ref && !n.name.empty()) return FieldCollection(n.slot, n.name.back());
        // pkg.c: another package's collection, its type imported here.
        if (n.slot < 0 && n.annotation != nullptr && n.annotation->kind == ast::AnnotationKind::PackageRef) {
            const pg::TypeInfo &t = ast::Cast<PackageRefSite>(*n.annotation).type;
            if (t.oid == fn_.collection_oid && t.oid != InvalidOid && t.typmod >= 0 &&
                static_cast<size_t>(t.typmod) < fn_.collection_types.size())
                return fn_.collection_types[static_cast<size_t>(t.typmod)].get();
        }
        return nullptr;
    }
    if (e.kind != ast::ExprKind::Call) return nullptr;
    const auto &call = ast::Cast<ast::CallExpr>(e);
    if (call.builtin != ast::Builtin::Collection || !call.fields.empty()) return nullptr;
    const auto &site = ast::Cast<CollectionSite>(*call.annotation);
    switch (site.op) {
        case CollectionOp::Construct:
        case CollectionOp::Multiset:
        case CollectionOp::SetOf: return site.type;
        case CollectionOp::Element:
        case CollectionOp::Count:
        case CollectionOp::First:
        case CollectionOp::Last:
        case CollectionOp::Limit:
        case CollectionOp::Next:
        case CollectionOp::Prior:
        case CollectionOp::Exists:
        case CollectionOp::Extend:
        case CollectionOp::Trim:
        case CollectionOp::Delete:
        case CollectionOp::Cardinality:
        case CollectionOp::IsEmpty:
        case CollectionOp::MemberOf:
        case CollectionOp::Submultiset:
        case CollectionOp::AsArray: return nullptr;
    }
    return nullptr;
}

bool Compiler::CompileMultiset(ast::CallExpr &call, const Scope &scope, std::unique_ptr<ast::Annotation> *out) {
    if (call.name.size() != 1 || !call.fields.empty()) return false;
    const std::string &name = call.name[0];
    struct Form {
        const char *name;
        CollectionOp op;
        pg::MultisetOp multiset;
        size_t nargs;
    };
    static const Form kForms[] = {
        {"plpolar$multiset_union", CollectionOp::Multiset, pg::MultisetOp::Union, 2},
        {"plpolar$multiset_union_distinct", CollectionOp::Multiset, pg::MultisetOp::UnionDistinct, 2},
        {"plpolar$multiset_intersect", CollectionOp::Multiset, pg::MultisetOp::Intersect, 2},
        {"plpolar$multiset_intersect_distinct", CollectionOp::Multiset, pg::MultisetOp::IntersectDistinct, 2},
        {"plpolar$multiset_except", CollectionOp::Multiset, pg::MultisetOp::Except, 2},
        {"plpolar$multiset_except_distinct", CollectionOp::Multiset, pg::MultisetOp::ExceptDistinct, 2},
        {"plpolar$is_empty", CollectionOp::IsEmpty, pg::MultisetOp::Union, 1},
        {"plpolar$member_of", CollectionOp::MemberOf, pg::MultisetOp::Union, 2},
        {"plpolar$submultiset", CollectionOp::Submultiset, pg::MultisetOp::Union, 2},
        {"set", CollectionOp::SetOf, pg::MultisetOp::Union, 1},
        {"cardinality", CollectionOp::Cardinality, pg::MultisetOp::Union, 1},
    };
    const Form *form = nullptr;
    for (const Form &f : kForms)
        if (name == f.name) form = &f;
    if (form == nullptr) return false;
    const bool internal = name.compare(0, 8, "plpolar$") == 0;
    // SET / CARDINALITY of anything but a collection stay SQL's (an array).
    if (!internal && (LookupName(fn_, scope, call.name) >= 0 || FindSubprograms(call.name, scope) != nullptr))
        return false;
    if (call.args.size() != form->nargs) {
        if (!internal) return false;
        Error(call.loc, "wrong number of operands for a multiset operation", ERRCODE_SYNTAX_ERROR);
    }
    if (!internal) {
        // Only when the argument is known to be a collection before it is
        // compiled (a collection variable, a multiset expression).
        const ast::Expr &arg = *call.args[0].value;
        bool collection = false;
        if (arg.kind == ast::ExprKind::Name) {
            const ast::NameChain &n = ast::Cast<ast::NameExpr>(arg).name;
            int slot = LookupName(fn_, scope, n);
            int rslot = -1;
            std::string field;
            collection = (slot >= 0 && fn_.variables[static_cast<size_t>(slot)].IsCollection()) ||
                         (slot < 0 && (IsPackageCollection(n) || RecordFieldCollection(n, scope, &rslot, &field)));
        } else if (arg.kind == ast::ExprKind::Call) {
            const auto &inner = ast::Cast<ast::CallExpr>(arg);
            collection = inner.name.size() == 1 && (inner.name[0].compare(0, 17, "plpolar$multiset_") == 0 ||
                                                    (inner.name[0] == "set" && inner.args.size() == 1) ||
                                                    FindCollectionType(inner.name, scope) != nullptr);
        }
        if (!collection) return false;
    }
    for (auto &a : call.args) CompileExpr(*a.value, scope);
    // The collection operand (the right one for MEMBER OF).
    const ast::Expr &first = *call.args[form->op == CollectionOp::MemberOf ? 1 : 0].value;
    const CollectionType *type = StaticCollectionType(first);
    if (type == nullptr) {
        Error(call.loc,
              "the operand of " + std::string(form->op == CollectionOp::IsEmpty ? "IS EMPTY" : "a multiset operation") +
                  " must be a nested table variable or expression",
              ERRCODE_DATATYPE_MISMATCH);
    }
    if (type->shape.kind != types::CollectionKind::Nested && form->op != CollectionOp::Cardinality)
        Error(call.loc,
              "PLS-00306: multiset operations take nested tables (\"" + type->name + "\" is a " +
                  (type->shape.kind == types::CollectionKind::Varray ? "varray" : "associative array") + ")",
              ERRCODE_DATATYPE_MISMATCH);
    if (form->nargs == 2 && form->op != CollectionOp::MemberOf) {
        const CollectionType *other = StaticCollectionType(*call.args[1].value);
        if (other == nullptr || other->shape.element.oid != type->shape.element.oid)
            Error(call.loc, "PLS-00306: both operands of a multiset operation must be nested tables of the same type",
                  ERRCODE_DATATYPE_MISMATCH);
    }
    auto site = std::make_unique<CollectionSite>();
    site->op = form->op;
    site->multiset = form->multiset;
    site->type = type;
    site->name = type->name;
    site->element = MakeCast(type->shape.element);
    for (auto &a : call.args) site->args.push_back(a.value.get());
    *out = std::move(site);
    return true;
}

}  // namespace plpolar::compile

namespace plpolar::compile {

TargetSite Compiler::MakeElementTarget(const ast::Target &t, const Scope &scope) {
    int slot = LookupName(fn_, scope, t.name);
    if (slot < 0 || !fn_.variables[static_cast<size_t>(slot)].IsCollection())
        Error(t.loc, "\"" + ast::JoinName(t.name) + "\" is not a collection variable: it cannot take a subscript");
    const Variable &v = fn_.variables[static_cast<size_t>(slot)];
    if (v.ReadOnly()) Error(t.loc, "variable \"" + v.name + "\" cannot be an INTO target");
    TargetSite target;
    target.slot = slot;
    // The subscript as PL code, compiled here.
    try {
        ast::FunctionBody body = parser::ParseBody("BEGIN plpolar$subscript := " + t.subscript + "; END;");
        target.subscript = std::move(ast::Cast<ast::AssignStmt>(*body.block->body.at(0)).value);
    } catch (const parser::SyntaxError &e) {
        Error(t.loc, "invalid subscript of \"" + v.name + "\" in an INTO target: " + e.what());
    }
    CompileExpr(*target.subscript, scope);
    auto site = CollectionKeySite(slot, v.name);
    site->op = CollectionOp::Element;
    site->args.push_back(target.subscript.get());
    if (!v.collection->shape.string_keys) site->fast_key = MakeFast(*target.subscript);
    site->fields = t.fields;
    const pg::TypeInfo &element = v.collection->shape.element;
    const bool record = element.typtype == TYPTYPE_COMPOSITE || (element.oid == RECORDOID && element.typmod >= 0);
    if (!t.fields.empty()) {
        if (!record)
            Error(t.loc,
                  "the elements of collection \"" + v.name + "\" are not records (no field \"" + t.fields[0] + "\")",
                  ERRCODE_WRONG_OBJECT_TYPE);
        if (t.fields.size() > 1)
            Error(t.loc, "a field of a field of a collection element is not supported yet",
                  ERRCODE_FEATURE_NOT_SUPPORTED);
        site->field_cast = MakeCast(pg::TypeInfo{});
    }
    target.record = record && t.fields.empty();
    target.cast = MakeCast(element);
    target.collection = std::move(site);
    return target;
}

}  // namespace plpolar::compile

namespace plpolar::compile {

bool Compiler::BindTableOf(const std::string &inner, const Scope &scope, std::string *text,
                           std::vector<SqlSite::Element> *out) {
    ast::ExprPtr operand;
    try {
        ast::FunctionBody body = parser::ParseBody("BEGIN plpolar$table := " + inner + "; END;");
        if (body.block && body.block->body.size() == 1 && body.block->body[0]->kind == ast::StmtKind::Assign)
            operand = std::move(ast::Cast<ast::AssignStmt>(*body.block->body[0]).value);
    } catch (const parser::SyntaxError &) {
        return false;  // SQL's own TABLE(...), if any
    }
    if (!operand) return false;
    // Only a collection known here: a variable, a constructor, a multiset.
    if (operand->kind == ast::ExprKind::Name) {
        int slot = LookupName(fn_, scope, ast::Cast<ast::NameExpr>(*operand).name);
        if (slot < 0 || !fn_.variables[static_cast<size_t>(slot)].IsCollection()) return false;
    } else if (operand->kind != ast::ExprKind::Call) {
        return false;
    }
    CompileExpr(*operand, scope);
    const CollectionType *type = StaticCollectionType(*operand);
    if (type == nullptr) return false;
    const pg::TypeInfo &element = type->shape.element;
    if (element.oid == fn_.collection_oid)
        Error(operand->loc, "TABLE() of a collection of collections is not supported: name an element, TABLE(c(i))",
              ERRCODE_FEATURE_NOT_SUPPORTED);
    // TYPE ... IS RECORD elements: anonymous rows, whose columns the query
    // names in a column definition list.
    std::string columns;
    if (element.oid == RECORDOID)
        for (const auto &f : pg::RowFields(element.oid, element.typmod))
            columns +=
                (columns.empty() ? "" : ", ") + QuoteIdent(f.name) + " " + pg::FormatType(f.type.oid, f.type.typmod);
    Oid array = pg::ArrayTypeOf(element.oid);
    if (array == InvalidOid) return false;
    // The call that turns the collection into the array, evaluated before
    // the statement runs.
    auto call = std::make_unique<ast::CallExpr>(operand->loc, ast::NameChain{"plpolar$as_array"});
    call->has_parens = true;
    auto site = std::make_unique<CollectionSite>();
    site->op = CollectionOp::AsArray;
    site->type = type;
    site->name = type->name;
    site->args.push_back(operand.get());
    call->args.push_back(ast::CallArg{std::string(), std::move(operand), nullptr});
    call->builtin = ast::Builtin::Collection;
    call->annotation = std::move(site);
    std::string name = "TABLE(" + inner + ")";
    bool plain = name.size() <= 48 && name.find('"') == std::string::npos && name.find('\n') == std::string::npos;
    if (!plain) name = "plpolar$table";
    const std::string base = name;
    for (int copy = 2; fn_.hidden_names.count(name) != 0; ++copy) name = base + "#" + std::to_string(copy);
    Variable v;
    v.name = name;
    v.type = pg::TypeFromOid(array, -1);
    v.loc = call->loc;
    int hidden = AddVariable(std::move(v));
    fn_.hidden_names[name] = hidden;
    const bool composite = element.typtype == TYPTYPE_COMPOSITE;
    *text = !columns.empty() ? "(SELECT * FROM pg_catalog.unnest(\"" + name + "\") AS plpolar$t(" + columns + "))"
            : composite      ? "(SELECT * FROM pg_catalog.unnest(\"" + name + "\"))"
                             : "(SELECT * FROM pg_catalog.unnest(\"" + name + "\") AS plpolar$t(column_value))";
    out->push_back(SqlSite::Element{hidden, std::move(call), MakeCast(pg::TypeFromOid(array, -1))});
    return true;
}

}  // namespace plpolar::compile

namespace plpolar::compile {

bool Compiler::IsPackageCollection(const ast::NameChain &variable) const {
    if (variable.size() < 2 || variable.size() > 3) return false;
    for (size_t at = 0; at + 1 < variable.size() && at < 2; ++at) {
        if ((fn_.package && variable[at] == fn_.info.name) || !IsPackage(variable[at])) continue;
        std::shared_ptr<PackageUnit> unit = SpecUnit(variable[at]);
        if (unit == nullptr || !unit->IsPublic(variable[at + 1]) || at + 2 != variable.size()) continue;
        int slot = unit->scope->Find(variable[at + 1]);
        if (slot >= 0 && unit->fn->variables[static_cast<size_t>(slot)].IsCollection()) return true;
    }
    return false;
}

std::unique_ptr<CollectionSite> Compiler::PackageCollection(const ast::NameChain &name, bool has_parens,
                                                            const ast::SourceLoc &loc, bool statement,
                                                            const std::vector<ast::CallArg> *args, bool element_store) {
    // pkg.c(i) or pkg.c.method (also schema.pkg.c...): a public collection
    // variable of a package other than this unit.
    const bool element = has_parens && (name.size() == 2 || name.size() == 3) && FindMethod(name.back()) == nullptr;
    ast::NameChain variable = element ? name : ast::NameChain(name.begin(), name.end() - 1);
    if (!IsPackageCollection(variable)) return nullptr;
    PackageItem item;
    current_loc_ = loc;
    if (!FindPackageItem(variable, &item) || !item.rest.empty()) return nullptr;
    const bool store = element ? element_store : FindMethod(name.back())->statement;
    std::unique_ptr<PackageRefSite> ref = PackageVariable(item, loc, store);
    if (ref == nullptr) return nullptr;
    pg::TypeInfo t = ImportCollectionType(*item.unit->fn, ref->type);
    const CollectionType &type = *fn_.collection_types[static_cast<size_t>(t.typmod)];
    const std::string shown = ast::JoinName(variable);
    std::unique_ptr<CollectionSite> site = CollectionKeySite(type, -1, shown);
    site->package = std::move(ref);
    const size_t nargs = args != nullptr ? args->size() : 0;
    if (element) {
        if (statement) Error(loc, "\"" + shown + "\" is a collection, not a procedure");
        if (nargs != 1) Error(loc, "a subscript of collection \"" + shown + "\" is one value (c(i))");
        site->op = CollectionOp::Element;
        return site;
    }
    const Method *m = FindMethod(name.back());
    const std::string method = UpperName(name.back());
    if (m->statement != statement)
        Error(loc,
              method + (m->statement ? " is a procedure: call it as a statement" : " is a function, not a procedure"),
              ERRCODE_WRONG_OBJECT_TYPE);
    if (nargs < m->min_args || nargs > m->max_args)
        Error(loc, "PLS-00306: wrong number or types of arguments in call to '" + method + "'",
              ERRCODE_UNDEFINED_FUNCTION);
    if ((m->op == CollectionOp::Extend || m->op == CollectionOp::Trim) &&
        type.shape.kind == types::CollectionKind::Associative)
        Error(loc,
              "PLS-00306: wrong number or types of arguments in call to '" + method +
                  "': an associative array has no " + method,
              ERRCODE_UNDEFINED_FUNCTION);
    site->op = m->op;
    return site;
}

}  // namespace plpolar::compile
