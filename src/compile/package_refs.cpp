// Names of another unit's user package: pkg.v, pkg.c, pkg.rec.f, pkg.t (a
// type), pkg.e (an exception), also schema.pkg.x. Only what the
// specification declares is reachable (PLS-00302 otherwise), and only with
// USAGE on the package's schema (what GRANT EXECUTE ON pkg gives).
#include <cctype>

#include "compiler_impl.hpp"
#include "plpolar/compile/package_unit.hpp"
#include "plpolar/pg/guard.hpp"
#include "plpolar/pg/packages.hpp"

namespace plpolar::compile {

bool Compiler::FindPackageItem(const ast::NameChain &name, PackageItem *out) {
    if (name.size() < 2) return false;
    for (size_t at = 0; at + 1 < name.size() && at < 2; ++at) {
        const std::string &package = name[at];
        // The unit itself: its own names are in scope (label pkg.x).
        if (fn_.package && package == fn_.info.name) return false;
        if (!IsPackage(package)) continue;
        std::shared_ptr<PackageUnit> unit = SpecUnit(package);
        if (unit == nullptr) continue;
        const std::string &item = name[at + 1];
        if (!unit->IsPublic(item))
            Error(current_loc_, "PLS-00302: component '" + item + "' of package '" + package + "' must be declared",
                  ERRCODE_UNDEFINED_OBJECT);
        if (!pg::MayUseSchema(pg::SchemaOid(package)))
            Error(current_loc_, "PLS-00201: identifier '" + package + "." + item + "' must be declared",
                  ERRCODE_INSUFFICIENT_PRIVILEGE);
        bool known = false;
        for (const auto &dep : fn_.package_deps) known = known || dep.first == package;
        if (!known) fn_.package_deps.emplace_back(package, unit->source.version);
        out->unit = std::move(unit);
        out->package = package;
        out->item = item;
        out->rest.assign(name.begin() + static_cast<long>(at) + 2, name.end());
        return true;
    }
    return false;
}

std::unique_ptr<PackageRefSite> Compiler::PackageVariable(const PackageItem &item, const ast::SourceLoc &loc,
                                                          bool for_store) {
    int slot = item.unit->scope->Find(item.item);
    if (slot < 0) return nullptr;
    const Variable &v = item.unit->fn->variables[static_cast<size_t>(slot)];
    if (v.kind == VariableKind::Cursor)
        Error(loc,
              "the cursor " + item.package + "." + item.item +
                  " is not a value: use it with OPEN, FETCH, CLOSE, a cursor FOR loop or its attributes",
              ERRCODE_WRONG_OBJECT_TYPE);
    if (for_store && v.constant)
        Error(loc, "PLS-00363: expression '" + item.package + "." + item.item +
                       "' cannot be used as an assignment target "
                       "(it is a CONSTANT)");
    if (item.rest.size() > 1)
        Error(loc, "\"" + item.package + "." + item.item + "\" has no component \"" + item.rest[1] + "\"",
              ERRCODE_UNDEFINED_COLUMN);
    auto site = std::make_unique<PackageRefSite>();
    site->package = item.package;
    site->version = item.unit->source.version;
    site->item = item.item;
    site->slot = slot;
    site->type = v.type;
    if (!item.rest.empty()) {
        if (!v.IsRecord())
            Error(loc, "\"" + item.package + "." + item.item + "\" is not a record", ERRCODE_WRONG_OBJECT_TYPE);
        site->field = item.rest[0];
    }
    return site;
}

std::unique_ptr<PackageRefSite> Compiler::PackageCursor(const ast::NameChain &name, const ast::SourceLoc &loc,
                                                        const Scope &scope, const ast::CursorDecl **decl) {
    if (LookupName(fn_, scope, name) >= 0) return nullptr;
    PackageItem item;
    current_loc_ = loc;
    if (!FindPackageItem(name, &item) || !item.rest.empty()) return nullptr;
    int slot = item.unit->scope->Find(item.item);
    if (slot < 0) return nullptr;
    const Variable &v = item.unit->fn->variables[static_cast<size_t>(slot)];
    if (v.kind != VariableKind::Cursor || v.cursor == nullptr)
        Error(loc, "\"" + ast::JoinName(name) + "\" is not a cursor", ERRCODE_DATATYPE_MISMATCH);
    auto site = std::make_unique<PackageRefSite>();
    site->package = item.package;
    site->version = item.unit->source.version;
    site->item = item.item;
    site->slot = slot;
    site->type = v.type;
    *decl = v.cursor;
    return site;
}

std::vector<SqlSite::Mirror> Compiler::PackageMirrors(const std::string &sql, const Scope &scope) {
    std::vector<SqlSite::Mirror> out;
    // Dotted identifier chains outside literals, quoted names and comments,
    // not followed by "(" (a function call).
    const size_t n = sql.size();
    size_t i = 0;
    auto ident_start = [](char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; };
    auto ident_char = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$'; };
    while (i < n) {
        const size_t skipped = SkipLexical(sql, i);
        if (skipped != i) {
            i = skipped;
            continue;
        }
        char c = sql[i];
        if (c == '$' || c == ':' || !ident_start(c) || (i > 0 && (ident_char(sql[i - 1]) || sql[i - 1] == '.'))) {
            ++i;
            continue;
        }
        ast::NameChain chain;
        std::vector<std::string> written;
        size_t j = i;
        while (true) {
            size_t start = j;
            while (j < n && ident_char(sql[j])) ++j;
            std::string part = sql.substr(start, j - start);
            written.push_back(part);
            for (char &ch : part) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
            chain.push_back(part);
            if (j + 1 < n && sql[j] == '.' && ident_start(sql[j + 1])) {
                ++j;
                continue;
            }
            break;
        }
        size_t k = j;
        while (k < n && std::isspace(static_cast<unsigned char>(sql[k]))) ++k;
        const bool called = k < n && sql[k] == '(';
        i = j;
        if (chain.size() < 2 || called || LookupName(fn_, scope, chain) >= 0) continue;
        // pkg.v, pkg.rec.f, schema.pkg.v: a public variable of a package
        // this unit may use; anything else is left to SQL (a table's column).
        for (size_t at = 0; at + 1 < chain.size() && at < 2; ++at) {
            const std::string &package = chain[at];
            if ((fn_.package && package == fn_.info.name) || !IsPackage(package)) continue;
            std::shared_ptr<PackageUnit> unit = SpecUnit(package);
            if (unit == nullptr || !unit->IsPublic(chain[at + 1])) continue;
            int slot = unit->scope->Find(chain[at + 1]);
            if (slot < 0) break;
            const Variable &v = unit->fn->variables[static_cast<size_t>(slot)];
            if (v.kind == VariableKind::Cursor || !pg::MayUseSchema(pg::SchemaOid(package))) break;
            std::string key;
            for (size_t p = 0; p <= at + 1; ++p) key += (p > 0 ? "." : "") + chain[p];
            auto known = fn_.package_mirrors.find(key);
            int mirror = -1;
            if (known != fn_.package_mirrors.end()) {
                mirror = known->second;
            } else {
                Variable hidden;
                hidden.name = key;  // never a PL name: it has dots
                hidden.type = v.type;
                hidden.loc = current_loc_;
                mirror = AddVariable(std::move(hidden));
                fn_.package_mirrors[key] = mirror;
            }
            bool dep = false;
            for (const auto &d : fn_.package_deps) dep = dep || d.first == package;
            if (!dep) fn_.package_deps.emplace_back(package, unit->source.version);
            auto ref = std::make_unique<PackageRefSite>();
            ref->package = package;
            ref->version = unit->source.version;
            ref->item = chain[at + 1];
            ref->slot = slot;
            ref->type = v.type;
            bool seen = false;
            for (const auto &m : out) seen = seen || m.slot == mirror;
            if (!seen) out.push_back(SqlSite::Mirror{mirror, std::move(ref)});
            break;
        }
    }
    return out;
}

std::unique_ptr<SqlSite> Compiler::MakeSqlSite(const Scope &scope, const std::string &written) {
    std::vector<SqlSite::Element> elements;
    const std::string sql = BindCollectionElements(
        RewriteColumnMethodCalls(RewriteSqlMethodCalls(
            fn_.collection_oid == InvalidOid ? written : RewriteSchemaConstructors(written, false), scope)),
        scope, &elements);
    std::vector<SqlSite::Mirror> mirrors = PackageMirrors(sql, scope);
    auto site = std::make_unique<SqlSite>(fn_, scope, sql, fn_.nslots());
    site->mirrors = std::move(mirrors);
    site->elements = std::move(elements);
    return site;
}

bool Compiler::CompilePackageName(ast::NameExpr &name, const Scope &) {
    PackageItem item;
    current_loc_ = name.loc;
    if (!FindPackageItem(name.name, &item)) return false;
    std::unique_ptr<PackageRefSite> site = PackageVariable(item, name.loc, false);
    if (site == nullptr) return false;  // a function, called through SQL
    // A collection: its type described in this unit (multisets, TABLE()).
    if (site->field.empty()) site->type = ImportCollectionType(*item.unit->fn, site->type);
    name.slot = -1;
    name.annotation = std::move(site);
    return true;
}

bool Compiler::PackageTarget(const ast::NameChain &name, const ast::SourceLoc &loc, TargetSite *out) {
    PackageItem item;
    current_loc_ = loc;
    if (!FindPackageItem(name, &item)) return false;
    std::unique_ptr<PackageRefSite> site = PackageVariable(item, loc, true);
    if (site == nullptr) Error(loc, "\"" + ast::JoinName(name) + "\" is not a variable of package " + item.package);
    out->slot = -1;
    out->field = site->field;
    out->record = site->field.empty() && site->type.typtype == TYPTYPE_COMPOSITE;
    out->cast = MakeCast(site->field.empty() ? site->type : pg::TypeInfo{});
    out->package = std::move(site);
    return true;
}

bool Compiler::PackageType(const std::string &text, pg::TypeInfo *out) {
    ast::NameChain name;
    size_t start = 0;
    for (size_t i = 0; i <= text.size(); ++i) {
        if (i < text.size() && text[i] != '.') continue;
        std::string part = text.substr(start, i - start);
        for (char &c : part) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        name.push_back(part);
        start = i + 1;
    }
    PackageItem item;
    if (!FindPackageItem(name, &item) || !item.rest.empty()) return false;
    auto it = item.unit->scope->types.find(item.item);
    if (it == item.unit->scope->types.end()) return false;
    *out = ImportCollectionType(*item.unit->fn, it->second);
    return true;
}

bool Compiler::PackageVariableType(const ast::NameChain &name, pg::TypeInfo *out) {
    PackageItem item;
    if (!FindPackageItem(name, &item)) return false;
    int slot = item.unit->scope->Find(item.item);
    if (slot < 0) return false;
    const Variable &v = item.unit->fn->variables[static_cast<size_t>(slot)];
    if (!item.rest.empty()) return false;
    *out = ImportCollectionType(*item.unit->fn, v.type);
    return true;
}

std::string Compiler::PackageExceptionMessage(const std::string &package, const std::string &name) {
    return "unhandled user-defined exception \"" + package + "." + name + "\"";
}

bool Compiler::PackageException(const ast::NameChain &name, const ast::SourceLoc &loc, Condition *out,
                                std::string *message, int *oracle_code) {
    PackageItem item;
    current_loc_ = loc;
    if (!FindPackageItem(name, &item)) return false;
    int index = item.unit->scope->FindException(item.item);
    if (index < 0) Error(loc, "\"" + ast::JoinName(name) + "\" is not an exception of package " + item.package);
    const ExceptionInfo &info = item.unit->fn->exceptions[static_cast<size_t>(index)];
    if (info.sqlstate != 0) {
        *out = Condition{Condition::Kind::SqlState, info.sqlstate, -1};
        *message = SqlErrmForCode(info.oracle_code);
        *oracle_code = info.oracle_code;
    } else {
        *out = Condition{Condition::Kind::Message, ERRCODE_RAISE_EXCEPTION, -1};
        *message = PackageExceptionMessage(item.package, item.item);
        out->message = *message;
        *oracle_code = 1;
    }
    return true;
}

}  // namespace plpolar::compile
