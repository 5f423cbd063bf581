// Declarations of a block's declaration section, one function per DeclKind:
// variables, exceptions, cursors, RECORD and REF CURSOR types (pragmas:
// pragmas.cpp; nested subprograms: subprograms.cpp).
#include "compiler_impl.hpp"
#include "plpolar/pg/catalog.hpp"
#include "plpolar/pg/guard.hpp"
#include "plpolar/pg/row.hpp"

namespace plpolar::compile {

void Compiler::CompileDecl(ast::Decl &decl, Scope &scope, BlockSite &block) {
    line_ = decl.loc.line;
    switch (decl.kind) {
        case ast::DeclKind::Variable: CompileVariableDecl(ast::Cast<ast::VariableDecl>(decl), scope, block); return;
        case ast::DeclKind::Exception: CompileExceptionDecl(ast::Cast<ast::ExceptionDecl>(decl), scope); return;
        case ast::DeclKind::Pragma: CompilePragma(ast::Cast<ast::PragmaDecl>(decl), scope); return;
        case ast::DeclKind::Cursor: CompileCursorDecl(ast::Cast<ast::CursorDecl>(decl), scope, block); return;
        case ast::DeclKind::RecordType: CompileRecordTypeDecl(ast::Cast<ast::RecordTypeDecl>(decl), scope); return;
        case ast::DeclKind::RefCursorType:
            CompileRefCursorTypeDecl(ast::Cast<ast::RefCursorTypeDecl>(decl), scope);
            return;
        case ast::DeclKind::Subprogram: DeclareSubprogram(ast::Cast<ast::SubprogramDecl>(decl), scope); return;
    }
}

void Compiler::CompileVariableDecl(ast::VariableDecl &vd, Scope &scope, BlockSite &block) {
    CheckUnique(scope, vd.name, vd.loc);
    Variable v;
    v.name = vd.name;
    const ast::CursorDecl *row_of_cursor = nullptr;
    v.type = ResolveType(vd.type, scope, &row_of_cursor);
    v.constant = vd.constant;
    v.not_null = vd.not_null;
    v.loc = vd.loc;
    if (vd.not_null && !vd.default_value)
        Error(vd.loc, "variable \"" + vd.name + "\" declared NOT NULL must have an initial value");
    // The initial value sees the variables declared before it.
    if (vd.default_value) CompileExpr(*vd.default_value, scope);
    pg::TypeInfo type = v.type;
    bool record = v.IsRecord();
    int slot = AddVariable(std::move(v));
    vd.slot = slot;
    scope.names[vd.name] = slot;
    BlockSite::Init init{slot, vd.default_value.get(), MakeCast(type)};
    init.null_row = record && !vd.default_value && type.oid != RECORDOID;
    if (type.oid == RECORDOID && type.typmod >= 0) init.null_row = !vd.default_value;
    init.row_of_cursor = vd.default_value ? nullptr : row_of_cursor;
    block.inits.push_back(std::move(init));
}

void Compiler::CompileExceptionDecl(ast::ExceptionDecl &ed, Scope &scope) {
    if (scope.FindException(ed.name) >= 0) Error(ed.loc, "duplicate declaration of exception \"" + ed.name + "\"");
    ExceptionInfo info;
    info.name = ed.name;
    fn_.exceptions.push_back(info);
    scope.exceptions[ed.name] = static_cast<int>(fn_.exceptions.size() - 1);
}

void Compiler::CompileCursorDecl(ast::CursorDecl &cd, Scope &scope, BlockSite &block) {
    CheckUnique(scope, cd.name, cd.loc);
    auto csite = std::make_unique<CursorSite>();
    Scope &cscope = NewScope(&scope);
    for (auto &p : cd.params) {
        Variable v;
        v.name = p.name;
        v.type = ResolveType(p.type, scope);
        v.kind = VariableKind::Argument;
        v.loc = p.loc;
        if (p.default_value) CompileExpr(*p.default_value, scope);
        csite->param_casts.push_back(MakeCast(v.type));
        int pslot = AddVariable(std::move(v));
        cscope.names[p.name] = pslot;
        csite->param_names.push_back(p.name);
        csite->param_slots.push_back(pslot);
        csite->param_defaults.push_back(p.default_value.get());
    }
    Variable v;
    v.name = cd.name;
    v.type = pg::TypeFromOid(REFCURSOROID, -1);
    v.kind = VariableKind::Cursor;
    v.loc = cd.loc;
    v.cursor = &cd;
    csite->slot = AddVariable(std::move(v));
    scope.names[cd.name] = csite->slot;
    NoteSessionVariables(cd.query);
    csite->query = std::make_unique<SqlSite>(fn_, cscope, cd.query, fn_.nslots());
    block.cursors.push_back(csite->slot);
    cd.annotation = std::move(csite);
}

void Compiler::CompileRecordTypeDecl(ast::RecordTypeDecl &rd, Scope &scope) {
    if (scope.types.count(rd.name) != 0) Error(rd.loc, "duplicate declaration of type \"" + rd.name + "\"");
    auto rsite = std::make_unique<RecordTypeSite>();
    std::vector<std::pair<std::string, pg::TypeInfo>> fields;
    for (auto &f : rd.fields) {
        for (const auto &seen : fields)
            if (seen.first == f.name) Error(f.loc, "duplicate field \"" + f.name + "\" in record type");
        pg::TypeInfo ft = ResolveType(f.type, scope);
        if (f.not_null && !f.default_value)
            Error(f.loc, "field \"" + f.name + "\" declared NOT NULL must have an initial value");
        if (f.default_value) CompileExpr(*f.default_value, scope);
        fields.emplace_back(f.name, ft);
        rsite->field_types.push_back(ft);
        rsite->casts.push_back(MakeCast(ft));
    }
    int32 typmod = pg::BlessRowType(fields);
    scope.types[rd.name] = pg::TypeFromOid(RECORDOID, typmod);
    fn_.record_types[typmod] = &rd;
    rd.annotation = std::move(rsite);
}

void Compiler::CompileRefCursorTypeDecl(ast::RefCursorTypeDecl &rd, Scope &scope) {
    scope.types[rd.name] = pg::TypeFromOid(REFCURSOROID, -1);
}

}  // namespace plpolar::compile
