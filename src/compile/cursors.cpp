// Cursors: OPEN, FETCH, CLOSE, cursor FOR loops and cursor arguments.
#include "compiler_impl.hpp"
#include "plpolar/compile/binder.hpp"
#include "plpolar/pg/catalog.hpp"
#include "plpolar/pg/guard.hpp"

namespace plpolar::compile {

void Compiler::CompileForCursor(ast::ForCursorStmt &s, const Scope &scope) {
    s.touches_database = true;
    auto site = std::make_unique<CursorUseSite>();
    if (s.cursor.empty()) {
        NoteSessionVariables(s.query);
        site->query = MakeSqlSite(scope, s.query);
    } else if (const ast::CursorDecl *decl = nullptr;
               (site->package = PackageCursor(s.cursor, s.loc, scope, &decl)) != nullptr) {
        CompileCursorArgs(s.args, *decl, *site, scope, s);
    } else {
        site->slot = CursorSlot(s.cursor, s.loc, scope);
        site->cursor = fn_.variables[static_cast<size_t>(site->slot)].cursor;
        if (site->cursor == nullptr)
            Error(s.loc, "a cursor FOR loop needs a declared cursor, not a cursor variable",
                  ERRCODE_FEATURE_NOT_SUPPORTED);
        CompileCursorArgs(s.args, *site->cursor, *site, scope, s);
    }
    Scope &loop_scope = NewScope(&scope);
    loop_scope.labels = s.labels;
    Variable v;
    v.name = s.variable;
    v.type = pg::TypeFromOid(RECORDOID, -1);
    v.loc = s.loc;
    site->record_slot = AddVariable(std::move(v));
    loop_scope.names[s.variable] = site->record_slot;
    s.annotation = std::move(site);
    CompileLoopBody(s, s.body, loop_scope);
}

void Compiler::CompileOpen(ast::OpenStmt &s, const Scope &scope) {
    s.touches_database = true;
    auto site = std::make_unique<CursorUseSite>();
    const ast::CursorDecl *decl = nullptr;
    if ((site->package = PackageCursor(s.cursor, s.loc, scope, &decl)) != nullptr) {
        if (!s.query.empty() || s.dynamic)
            Error(s.loc,
                  "OPEN ... FOR needs a cursor variable, and \"" + ast::JoinName(s.cursor) + "\" is a declared cursor");
        CompileCursorArgs(s.args, *decl, *site, scope, s);
        s.annotation = std::move(site);
        return;
    }
    site->slot = CursorSlot(s.cursor, s.loc, scope);
    const Variable &v = fn_.variables[static_cast<size_t>(site->slot)];
    site->cursor = v.cursor;
    if (site->cursor != nullptr) {
        if (!s.query.empty() || s.dynamic)
            Error(s.loc, "OPEN ... FOR needs a cursor variable, and \"" + v.name + "\" is a declared cursor");
        CompileCursorArgs(s.args, *site->cursor, *site, scope, s);
    } else {
        if (!s.args.empty()) Error(s.loc, "a cursor variable takes no arguments");
        if (s.query.empty() && !s.dynamic) Error(s.loc, "OPEN of a cursor variable needs FOR and a query");
        if (v.ReadOnly()) Error(s.loc, "variable \"" + v.name + "\" is read-only");
        if (!s.query.empty()) {
            NoteSessionVariables(s.query);
            site->query = MakeSqlSite(scope, s.query);
        }
        if (s.dynamic) CompileOwn(*s.dynamic, scope, s);
        CompileBindArgs(s.using_args, nullptr, scope, s);
    }
    s.annotation = std::move(site);
}

void Compiler::CompileFetch(ast::FetchStmt &s, const Scope &scope) {
    s.touches_database = true;
    auto site = std::make_unique<CursorUseSite>();
    const ast::CursorDecl *decl = nullptr;
    site->package = PackageCursor(s.cursor, s.loc, scope, &decl);
    if (site->package == nullptr) site->slot = CursorSlot(s.cursor, s.loc, scope);
    site->targets = MakeTargets(s.into, scope);
    if (s.bulk) MakeBulkTargets(site->targets, s.into);
    if (s.limit) {
        if (!s.bulk) Error(s.limit->loc, "LIMIT needs FETCH ... BULK COLLECT INTO");
        CompileOwn(*s.limit, scope, s);
        site->limit = MakeCast(pg::TypeFromOid(INT8OID, -1));
    }
    s.annotation = std::move(site);
}

void Compiler::CompileClose(ast::CloseStmt &s, const Scope &scope) {
    auto site = std::make_unique<CursorUseSite>();
    const ast::CursorDecl *decl = nullptr;
    site->package = PackageCursor(s.cursor, s.loc, scope, &decl);
    if (site->package == nullptr) site->slot = CursorSlot(s.cursor, s.loc, scope);
    s.annotation = std::move(site);
}

// The cursor or cursor variable an OPEN / FETCH / CLOSE / FOR names.
int Compiler::CursorSlot(const ast::NameChain &name, const ast::SourceLoc &loc, const Scope &scope) {
    int slot = LookupName(fn_, scope, name);
    if (slot < 0) Error(loc, "cursor \"" + ast::JoinName(name) + "\" is not declared", ERRCODE_UNDEFINED_OBJECT);
    const Variable &v = fn_.variables[static_cast<size_t>(slot)];
    if (v.kind != VariableKind::Cursor && v.type.oid != REFCURSOROID)
        Error(loc, "\"" + ast::JoinName(name) + "\" is not a cursor", ERRCODE_DATATYPE_MISMATCH);
    return slot;
}

// Maps a cursor's actual arguments (positional or name => value) to its
// parameters; omitted ones need a default.
void Compiler::CompileCursorArgs(std::vector<ast::CallArg> &args, const ast::CursorDecl &cd, CursorUseSite &site,
                                 const Scope &scope, ast::Stmt &stmt) {
    auto &csite = ast::Cast<CursorSite>(*cd.annotation);
    std::vector<BindParam> params;
    for (size_t i = 0; i < csite.param_names.size(); ++i)
        params.push_back(BindParam{csite.param_names[i], csite.param_defaults[i] != nullptr});
    Binding binding = BindArguments(args, params, NamedPosition::Skipped);
    for (size_t a = 0; a < binding.bound; ++a) {
        CompileOwn(*args[a].value, scope, stmt);
        site.arg_param.push_back(binding.param_of_arg[a]);
    }
    switch (binding.failure) {
        case BindFailure::None: return;
        case BindFailure::UnknownName:
            Error(stmt.loc, "cursor \"" + cd.name + "\" has no parameter \"" + args[binding.bound].name + "\"");
        case BindFailure::TooMany:
            Error(stmt.loc, "too many arguments for cursor \"" + cd.name + "\"", ERRCODE_SYNTAX_ERROR);
        case BindFailure::Twice:
            Error(stmt.loc, "cursor parameter \"" + csite.param_names[binding.failed_param] + "\" given twice");
        case BindFailure::Missing:
            Error(stmt.loc, "missing value for parameter \"" + csite.param_names[binding.failed_param] +
                                "\" of cursor \"" + cd.name + "\"");
    }
}

}  // namespace plpolar::compile
