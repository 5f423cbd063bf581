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
        case ast::DeclKind::CollectionType:
            CompileCollectionTypeDecl(ast::Cast<ast::CollectionTypeDecl>(decl), scope);
            return;
        case ast::DeclKind::Subtype: CompileSubtypeDecl(ast::Cast<ast::SubtypeDecl>(decl), scope); return;
        case ast::DeclKind::Subprogram: DeclareSubprogram(ast::Cast<ast::SubprogramDecl>(decl), scope); return;
    }
}

void Compiler::CompileVariableDecl(ast::VariableDecl &vd, Scope &scope, BlockSite &block) {
    CheckUnique(scope, vd.name, vd.loc);
    Variable v;
    v.name = vd.name;
    const ast::CursorDecl *row_of_cursor = nullptr;
    std::unique_ptr<PackageRefSite> row_of_package_cursor;
    v.type = ResolveType(vd.type, scope, &row_of_cursor, &row_of_package_cursor);
    v.constant = vd.constant;
    SubtypeConstraint constraint = ConstraintOf(vd.type, scope);
    v.not_null = vd.not_null || constraint.not_null;
    v.has_range = constraint.has_range;
    v.range_low = constraint.low;
    v.range_high = constraint.high;
    if (constraint.has_range) v.subtype = vd.type.text;
    v.loc = vd.loc;
    // Oracle's PLS-00218, also for a NOT NULL subtype.
    if (v.not_null && !vd.default_value)
        Error(vd.loc,
              "PLS-00218: a variable declared NOT NULL must have an initialization assignment (\"" + vd.name + "\")");
    // The initial value sees the variables declared before it.
    if (vd.default_value) CompileExpr(*vd.default_value, scope);
    pg::TypeInfo type = v.type;
    bool record = v.IsRecord();
    int slot = AddVariable(std::move(v));
    const CollectionType *collection = fn_.variables[static_cast<size_t>(slot)].collection;
    vd.slot = slot;
    scope.names[vd.name] = slot;
    BlockSite::Init init{slot, vd.default_value.get(), MakeCast(type)};
    init.null_row = record && !vd.default_value && type.oid != RECORDOID;
    if (type.oid == RECORDOID && type.typmod >= 0) init.null_row = !vd.default_value;
    if (fn_.variables[static_cast<size_t>(slot)].object) {
        // Oracle: an object starts atomically NULL, but a constructor's
        // SELF (declared by the type body's translation, parser/object_type.cpp)
        // is the new object, its attributes NULL.
        bool self = vd.name == "self" && type.oid == fn_.object_type && current_sub_ != nullptr &&
                    scope.parent != nullptr && scope.parent->labels.size() == 1 &&
                    scope.parent->labels[0] == current_sub_->name;
        init.null_row = self && !vd.default_value;
        if (self) scope.self_slot = slot;
    }
    init.row_of_cursor = vd.default_value ? nullptr : row_of_cursor;
    // Oracle: an associative array starts empty, a nested table or varray
    // atomically NULL until a constructor (or an assignment) gives it one.
    if (collection != nullptr && !vd.default_value && collection->shape.kind == types::CollectionKind::Associative)
        init.empty_collection = collection;
    if (!vd.default_value) init.row_of_package_cursor = std::move(row_of_package_cursor);
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
    // A package specification's CURSOR c RETURN t without its body: no
    // query yet (compile/package_unit.cpp).
    if (!cd.query.empty()) {
        NoteSessionVariables(cd.query);
        csite->query = MakeSqlSite(cscope, cd.query);
    }
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

namespace {

// A RANGE bound: an integer literal, maybe signed (Oracle requires static
// integers).
bool StaticInteger(const ast::Expr &e, int64 *out) {
    if (e.kind == ast::ExprKind::Unary) {
        const auto &u = ast::Cast<ast::UnaryExpr>(e);
        if (!StaticInteger(*u.operand, out)) return false;
        if (u.op == ast::UnaryOp::Minus) *out = -*out;
        return true;
    }
    if (e.kind != ast::ExprKind::Literal) return false;
    const auto &lit = ast::Cast<ast::LiteralExpr>(e);
    if (lit.type != ast::LiteralExpr::Type::Integer || lit.text.size() > 18) return false;
    *out = std::stoll(lit.text);
    return true;
}

}  // namespace

void Compiler::CompileSubtypeDecl(ast::SubtypeDecl &sd, Scope &scope) {
    CheckUnique(scope, sd.name, sd.loc);
    pg::TypeInfo type = ResolveType(sd.base, scope);
    // A subtype of a subtype keeps its constraints and may add its own.
    SubtypeConstraint constraint = ConstraintOf(sd.base, scope);
    constraint.not_null = constraint.not_null || sd.not_null;
    if (sd.range_low) {
        int64 low = 0;
        int64 high = 0;
        if (!StaticInteger(*sd.range_low, &low) || !StaticInteger(*sd.range_high, &high))
            Error(sd.loc, "the RANGE of SUBTYPE " + sd.name + " needs integer literals");
        if (type.oid != INT4OID && type.oid != INT8OID && type.oid != INT2OID)
            Error(sd.loc,
                  "RANGE is only allowed for PLS_INTEGER and its subtypes (SUBTYPE " + sd.name + " IS " + sd.base.text +
                      ")",
                  ERRCODE_DATATYPE_MISMATCH);
        if (low > high) Error(sd.loc, "the RANGE of SUBTYPE " + sd.name + " is empty");
        // Within the base's range, as a subtype only narrows it.
        if (constraint.has_range && (low < constraint.low || high > constraint.high))
            Error(sd.loc, "the RANGE of SUBTYPE " + sd.name + " is outside the range of " + sd.base.text);
        constraint.has_range = true;
        constraint.low = low;
        constraint.high = high;
    }
    scope.types[sd.name] = type;
    scope.subtypes[sd.name] = constraint;
}

void Compiler::CompileRefCursorTypeDecl(ast::RefCursorTypeDecl &rd, Scope &scope) {
    scope.types[rd.name] = pg::TypeFromOid(REFCURSOROID, -1);
}

}  // namespace plpolar::compile
