// User packages: specification + body as one compiled unit
// (plpolar/compile/package_unit.hpp).
#include "plpolar/compile/package_unit.hpp"

#include <cstdio>

#include "compiler_impl.hpp"
#include "plpolar/compile/compiler.hpp"
#include "plpolar/parser/object_type.hpp"
#include "plpolar/parser/parser.hpp"
#include "plpolar/pg/catalog.hpp"
#include "plpolar/pg/error_context.hpp"
#include "plpolar/pg/guard.hpp"
#include "plpolar/pg/row.hpp"
#include "plpolar/settings/settings.hpp"

namespace plpolar::compile {

namespace {

uint64 &Generation() { return package_generation; }

std::string DeclName(const ast::Decl &d) {
    switch (d.kind) {
        case ast::DeclKind::Variable: return ast::Cast<ast::VariableDecl>(d).name;
        case ast::DeclKind::Exception: return ast::Cast<ast::ExceptionDecl>(d).name;
        case ast::DeclKind::Pragma: return std::string();
        case ast::DeclKind::Cursor: return ast::Cast<ast::CursorDecl>(d).name;
        case ast::DeclKind::RecordType: return ast::Cast<ast::RecordTypeDecl>(d).name;
        case ast::DeclKind::RefCursorType: return ast::Cast<ast::RefCursorTypeDecl>(d).name;
        case ast::DeclKind::CollectionType: return ast::Cast<ast::CollectionTypeDecl>(d).name;
        case ast::DeclKind::Subtype: return ast::Cast<ast::SubtypeDecl>(d).name;
        case ast::DeclKind::Subprogram: return ast::Cast<ast::SubprogramDecl>(d).name;
    }
    return std::string();
}

ast::FunctionBody ParsePart(CompiledFunction &fn, const std::string &source) {
    fn.info.source = source;  // syntax errors point into this part
    for (;;) {
        try {
            return parser::ParsePackageSource(source, pg::InterruptWaiting);
        } catch (const parser::Interrupted &) {
            pg::CheckForInterrupts();
        } catch (const parser::TooLarge &e) {
            RaiseTooLarge(fn, e);
        } catch (const parser::SyntaxError &e) {
            RaiseSyntaxError(fn, e);
        }
    }
}

bool SameTypeFamily(const pg::TypeInfo &a, Oid b, Oid number_oid) {
    Oid x = a.oid == number_oid ? NUMERICOID : a.oid;
    Oid y = b == number_oid ? NUMERICOID : b;
    return x == y || pg::TypeCategory(x) == pg::TypeCategory(y);
}

}  // namespace

uint64 package_generation = 1;

void BumpPackageGeneration() { ++Generation(); }

std::shared_ptr<PackageUnit> SpecUnit(const std::string &name) {
    using Map = std::unordered_map<std::string, std::shared_ptr<PackageUnit>>;
    alignas(Map) static unsigned char storage[sizeof(Map)];
    static Map *specs = ::new (storage) Map();
    int64 version = CurrentPackageVersion(name);
    auto it = specs->find(name);
    if (version < 0) {
        if (it != specs->end()) specs->erase(it);
        return nullptr;
    }
    if (it != specs->end() && it->second->source.version == version) return it->second;
    pg::PackageSource src = pg::ReadPackageSource(name);
    if (!src.exists) return nullptr;
    std::shared_ptr<PackageUnit> unit = CompilePackage(src, true);
    (*specs)[name] = unit;
    return unit;
}

int64 CurrentPackageVersion(const std::string &name) {
    struct Known {
        int64 version = -1;
        uint64 generation = 0;
    };
    // What this backend last read of each package (session state, small:
    // one entry per name looked up).
    using Map = std::unordered_map<std::string, Known>;
    alignas(Map) static unsigned char storage[sizeof(Map)];
    static Map *known_versions = ::new (storage) Map();
    Known &known = (*known_versions)[name];
    if (known.generation != Generation()) {
        pg::PackageSource src = pg::ReadPackageSource(name);
        known.version = src.exists ? src.version : -1;
        known.generation = Generation();
    }
    return known.version;
}

SubprogramSite *PackageUnit::MemberFor(const FunctionInfo &routine) const {
    SubprogramSite *found = nullptr;
    int found_exact = -1;
    for (SubprogramSite *site : public_subprograms) {
        if (site->name != routine.name || site->is_function == routine.is_procedure) continue;
        if (site->param_names.size() != routine.arg_types.size()) continue;
        bool same = true;
        int exact = 0;
        for (size_t i = 0; same && i < site->param_names.size(); ++i) {
            char mode = routine.arg_modes.empty() ? PROARGMODE_IN : routine.arg_modes[i];
            ast::ParamMode m = mode == PROARGMODE_OUT     ? ast::ParamMode::Out
                               : mode == PROARGMODE_INOUT ? ast::ParamMode::InOut
                                                          : ast::ParamMode::In;
            // A schema-level collection type is its domain in the routine.
            pg::TypeInfo param = site->param_types[i];
            if (param.oid == fn->collection_oid && param.oid != InvalidOid && param.typmod >= 0 &&
                static_cast<size_t>(param.typmod) < fn->collection_types.size() &&
                fn->collection_types[static_cast<size_t>(param.typmod)]->shape.sql_type != InvalidOid)
                param.oid = fn->collection_types[static_cast<size_t>(param.typmod)]->shape.sql_type;
            same = site->modes[i] == m && i < routine.arg_names.size() &&
                   site->param_names[i] == routine.arg_names[i] &&
                   SameTypeFamily(param, routine.arg_types[i].oid, fn->number_oid);
            if (same && param.oid == routine.arg_types[i].oid) ++exact;
        }
        if (!same) continue;
        if (exact > found_exact) {
            found = site;
            found_exact = exact;
        }
    }
    return found;
}

// The package block: like CompileBlock, but its scope stays reachable, a
// specification's subprograms need their bodies only when there is a body,
// and the statements are the initialization section.
void Compiler::CompilePackage(PackageUnit &unit, const std::vector<bool> &from_spec, bool has_body) {
    Scope &session = SessionScope();
    ast::BlockStmt &block = *fn_.body.block;
    Scope &scope = NewScope(&session);
    scope.labels.push_back(fn_.info.name);
    unit.scope = &scope;
    package_scope_ = &scope;
    auto site = std::make_unique<BlockSite>();
    auto *block_site = site.get();
    block.annotation = std::move(site);
    for (size_t i = 0; i < block.decls.size(); ++i) {
        ast::Decl &decl = *block.decls[i];
        CompileDecl(decl, scope, *block_site);
        if (!from_spec[i]) continue;
        if (decl.kind == ast::DeclKind::Subprogram && decl.annotation != nullptr) {
            unit.public_subprograms.push_back(&ast::Cast<SubprogramSite>(*decl.annotation));
            unit.public_headers.push_back(ast::Cast<ast::SubprogramDecl>(decl).header_text);
        }
        if (decl.kind == ast::DeclKind::Variable || decl.kind == ast::DeclKind::Cursor) unit.has_state = true;
    }
    for (const ast::DeclPtr &d : block.decls)
        if (d->kind == ast::DeclKind::Variable || d->kind == ast::DeclKind::Cursor) unit.has_state = true;
    if (has_body) {
        for (SubprogramSite *sub : unit.public_subprograms)
            if (sub->definition == nullptr)
                Error(sub->loc,
                      "PLS-00323: subprogram '" + sub->name + "' is declared in the package specification (line " +
                          std::to_string(sub->loc.line) + ") and must be defined in the package body",
                      ERRCODE_INVALID_FUNCTION_DEFINITION);
        for (const auto &entry : scope.subprograms)
            for (const SubprogramSite *sub : entry.second)
                if (sub->definition == nullptr)
                    Error(sub->loc, "subprogram \"" + sub->name + "\" is declared but never defined");
    }
    CompileStmts(block.body, scope);
    for (auto &handler : block.handlers) {
        std::vector<Condition> conditions;
        for (const auto &choice : handler.choices) {
            line_ = handler.loc.line;
            CompileChoice(choice, scope, handler.loc, &conditions);
        }
        block_site->handlers.push_back(std::move(conditions));
        ++in_handler_;
        CompileStmts(handler.body, scope);
        --in_handler_;
    }
}

std::shared_ptr<PackageUnit> CompilePackage(const pg::PackageSource &source, bool spec_only) {
    auto unit = std::make_shared<PackageUnit>();
    static uint64 serials = 0;  // identifies the unit to its routines' caches
    unit->serial = ++serials;
    unit->source = source;
    const bool has_body = source.has_body && !spec_only;
    FunctionInfo info;
    info.name = source.name;
    info.signature = source.name;
    info.return_type = pg::TypeFromOid(VOIDOID, -1);
    auto fn = std::make_shared<CompiledFunction>(std::move(info));
    fn->package = true;
    fn->package_body = has_body;
    fn->varchar2_oid = pg::Varchar2TypeOid();
    fn->number_oid = pg::NumberTypeOid();
    fn->collection_oid = pg::CollectionTypeOid();
    fn->empty_string_is_null = settings::EmptyStringIsNull();
    unit->fn = fn;

    // An object type's specification and body are its package's, written
    // as one (line for line: errors keep the type's lines).
    std::string spec_text = source.spec;
    std::string body_text = source.body;
    if (!source.object_type.empty()) {
        parser::ObjectTypeSpec object;
        object.name = source.name;
        try {
            parser::ParseObjectTypeSource(source.spec, &object);
            spec_text = parser::ObjectSpecAsPackage(object, source.object_type);
            if (has_body) body_text = parser::TypeBodyAsPackage(source.body, object, source.object_type);
        } catch (const parser::SyntaxError &e) {
            fn->info.source = source.spec;
            RaiseSyntaxError(*fn, e);
        }
        fn->object_type = pg::ParseTypeName(source.object_type).oid;
        for (const pg::RowField &f : pg::RowFields(fn->object_type, -1)) fn->object_attributes.push_back(f.name);
    }

    // Syntax errors: "compilation of PL/polar package [body] "p" near line N".
    ast::FunctionBody spec = ParsePart(*fn, spec_text);
    std::unique_ptr<ast::BlockStmt> merged = std::move(spec.block);
    std::vector<bool> from_spec(merged->decls.size(), true);
    for (const ast::DeclPtr &d : merged->decls) unit->public_names.insert(DeclName(*d));
    if (has_body) {
        fn->info.source.clear();
        ast::FunctionBody body = ParsePart(*fn, body_text);
        // CURSOR c RETURN t; in the specification: the body gives the
        // query, which takes the specification's place (the specification's
        // items keep the slots other units were compiled against).
        for (size_t b = body.block->decls.size(); b-- > 0;) {
            ast::Decl &d = *body.block->decls[b];
            if (d.kind != ast::DeclKind::Cursor) continue;
            auto &defined = ast::Cast<ast::CursorDecl>(d);
            for (const ast::DeclPtr &s : merged->decls) {
                if (s->kind != ast::DeclKind::Cursor) continue;
                auto &declared = ast::Cast<ast::CursorDecl>(*s);
                if (declared.name != defined.name || !declared.query.empty()) continue;
                if (declared.params.size() != defined.params.size())
                    pg::Raise(ERRCODE_INVALID_FUNCTION_DEFINITION,
                              "PLS-00323: cursor '" + defined.name +
                                  "' is declared in the package specification and must be defined in the package "
                                  "body with the same parameters");
                declared.query = std::move(defined.query);
                body.block->decls.erase(body.block->decls.begin() + static_cast<long>(b));
                break;
            }
        }
        for (ast::DeclPtr &d : body.block->decls) {
            merged->decls.push_back(std::move(d));
            from_spec.push_back(false);
        }
        merged->body = std::move(body.block->body);
        merged->handlers = std::move(body.block->handlers);
        merged->has_exception_section = body.block->has_exception_section;
    } else {
        // Without a body a cursor waiting for its query has none: opening
        // it is ORA-04067 (exec/cursors.cpp).
        merged->body.clear();
        merged->handlers.clear();
    }
    for (const ast::DeclPtr &d : merged->decls)
        if (has_body && d->kind == ast::DeclKind::Cursor && ast::Cast<ast::CursorDecl>(*d).query.empty())
            pg::Raise(ERRCODE_INVALID_FUNCTION_DEFINITION,
                      "PLS-00323: cursor '" + ast::Cast<ast::CursorDecl>(*d).name +
                          "' is declared in the package specification and must be defined in the package body");
    fn->info.source = has_body ? body_text : spec_text;
    fn->body.block = std::move(merged);

    Compiler compiler(*fn);
    struct Context {
        const char *name;
        const char *part;
        const int *line;
    } context{fn->info.name.c_str(),
              source.object_type.empty() ? (has_body ? "package body" : "package") : (has_body ? "type body" : "type"),
              compiler.line_ptr()};
    auto describe = [](const void *data, char *out, size_t size) noexcept {
        const auto *c = static_cast<const Context *>(data);
        if (*c->line > 0)
            return snprintf(out, size, "compilation of PL/polar %s \"%s\" near line %d", c->part, c->name, *c->line);
        return snprintf(out, size, "compilation of PL/polar %s \"%s\"", c->part, c->name);
    };
    pg::ErrorContextLine context_line(describe, &context);
    compiler.CompilePackage(*unit, from_spec, has_body);
    return unit;
}

}  // namespace plpolar::compile
