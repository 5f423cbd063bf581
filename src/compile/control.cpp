// IF, CASE, loops, EXIT / CONTINUE, NULL, GOTO and RETURN.
#include "compiler_impl.hpp"
#include "plpolar/pg/catalog.hpp"
#include "plpolar/pg/guard.hpp"

namespace plpolar::compile {

void Compiler::CompileIf(ast::IfStmt &s, const Scope &scope) {
    for (auto &branch : s.branches) CompileOwn(*branch.condition, scope, s);
    for (auto &branch : s.branches) CompileStmts(branch.body, scope);
    CompileStmts(s.else_body, scope);
}

void Compiler::CompileCase(ast::CaseStmt &s, const Scope &scope) {
    if (s.operand) CompileOwn(*s.operand, scope, s);
    for (auto &w : s.whens) CompileOwn(*w.condition, scope, s);
    auto site = MakeCaseSite(s.whens.size());
    for (auto &w : s.whens) site->conditions.push_back(w.condition.get());
    s.annotation = std::move(site);
    for (auto &w : s.whens) CompileStmts(w.body, scope);
    CompileStmts(s.else_body, scope);
}

void Compiler::CompileLoop(ast::LoopStmt &s, const Scope &scope) { CompileLoopBody(s, s.body, scope); }

void Compiler::CompileWhile(ast::WhileStmt &s, const Scope &scope) {
    CompileOwn(*s.condition, scope, s);
    CompileLoopBody(s, s.body, scope);
}

int Compiler::AddLoopIndex(Scope &scope, const std::string &name, const ast::SourceLoc &loc) {
    Variable v;
    v.name = name;
    v.type = pg::TypeFromOid(INT4OID, -1);
    v.kind = VariableKind::LoopIndex;
    v.loc = loc;
    int slot = AddVariable(std::move(v));
    scope.names[name] = slot;
    return slot;
}

void Compiler::CompileForRange(ast::ForRangeStmt &s, const Scope &scope) {
    if (s.iteration != ast::ForRangeStmt::Iteration::Range) {
        CompileOwn(*s.collection, scope, s);
        const CollectionType *type = StaticCollectionType(*s.collection);
        if (type == nullptr)
            Error(s.loc, "the iterand of INDICES OF, VALUES OF or PAIRS OF must be a collection",
                  ERRCODE_DATATYPE_MISMATCH);
        Scope &loop_scope = NewScope(&scope);
        loop_scope.labels = s.labels;
        // The index has the key type, the value the element type; both are
        // read-only names of the loop.
        auto iterand = [&](const std::string &name, const pg::TypeInfo &t) {
            Variable v;
            v.name = name;
            v.type = t;
            v.kind = VariableKind::LoopIndex;
            v.loc = s.loc;
            int slot = AddVariable(std::move(v));
            loop_scope.names[name] = slot;
            return slot;
        };
        const pg::TypeInfo key = type->shape.string_keys
                                     ? pg::TypeFromOid(fn_.varchar2_oid != InvalidOid ? fn_.varchar2_oid : TEXTOID, -1)
                                     : pg::TypeFromOid(INT4OID, -1);
        switch (s.iteration) {
            case ast::ForRangeStmt::Iteration::Indices: s.slot = iterand(s.variable, key); break;
            case ast::ForRangeStmt::Iteration::Values: s.slot = iterand(s.variable, type->shape.element); break;
            case ast::ForRangeStmt::Iteration::Pairs:
                s.slot = iterand(s.variable, key);
                s.value_slot = iterand(s.value_variable, type->shape.element);
                break;
            case ast::ForRangeStmt::Iteration::Range: break;
        }
        s.annotation = std::make_unique<ForSite>();
        CompileLoopBody(s, s.body, loop_scope);
        return;
    }
    CompileOwn(*s.low, scope, s);
    CompileOwn(*s.high, scope, s);
    Scope &loop_scope = NewScope(&scope);
    loop_scope.labels = s.labels;
    s.slot = AddLoopIndex(loop_scope, s.variable, s.loc);
    auto site = std::make_unique<ForSite>();
    site->low_cast.target = pg::TypeFromOid(INT4OID, -1);
    site->high_cast.target = pg::TypeFromOid(INT4OID, -1);
    s.annotation = std::move(site);
    CompileLoopBody(s, s.body, loop_scope);
}

void Compiler::CompileForAll(ast::ForAllStmt &s, const Scope &scope) {
    auto site = std::make_unique<ForAllSite>();
    site->low_cast.target = pg::TypeFromOid(INT4OID, -1);
    site->high_cast.target = pg::TypeFromOid(INT4OID, -1);
    if (s.low) CompileOwn(*s.low, scope, s);
    if (s.high) CompileOwn(*s.high, scope, s);
    if (s.bounds != ast::ForAllStmt::Bounds::Range) {
        int slot = LookupName(fn_, scope, s.collection);
        if (slot < 0 || !fn_.variables[static_cast<size_t>(slot)].IsCollection())
            Error(s.loc, "\"" + ast::JoinName(s.collection) + "\" is not a collection variable (FORALL ... OF)",
                  ERRCODE_DATATYPE_MISMATCH);
        const CollectionType &type = *fn_.variables[static_cast<size_t>(slot)].collection;
        if (type.shape.string_keys)
            Error(s.loc, "PLS-00657: FORALL over an associative array with VARCHAR2 keys is not supported",
                  ERRCODE_FEATURE_NOT_SUPPORTED);
        if (s.bounds == ast::ForAllStmt::Bounds::Values && type.shape.element.oid != INT4OID &&
            type.shape.element.oid != INT2OID)
            Error(s.loc, "PLS-00667: the elements of a VALUES OF collection must be PLS_INTEGER or BINARY_INTEGER",
                  ERRCODE_DATATYPE_MISMATCH);
        site->collection = slot;
    }
    // The index is a name of the statement alone, read-only, as Oracle's.
    Scope &index_scope = NewScope(&scope);
    s.slot = AddLoopIndex(index_scope, s.variable, s.loc);
    s.touches_database = true;
    CompileStmt(*s.body, index_scope);
    CompileSetWiseInsert(s, index_scope, *site);
    s.annotation = std::move(site);
}

void Compiler::CompileExit(ast::ExitStmt &s, const Scope &scope) {
    CheckLoopControl(s, "EXIT");
    if (s.condition) CompileOwn(*s.condition, scope, s);
}

void Compiler::CompileContinue(ast::ContinueStmt &s, const Scope &scope) {
    CheckLoopControl(s, "CONTINUE");
    if (s.condition) CompileOwn(*s.condition, scope, s);
}

void Compiler::CompileNull(ast::NullStmt &, const Scope &) {}

void Compiler::CompileGoto(ast::GotoStmt &s, const Scope &scope) {
    for (const auto *labels : goto_targets_)
        for (const auto &l : *labels)
            if (l == s.label) return;
    Error(s.loc, "GOTO to label \"" + s.label + "\", which is not on a statement of this block or an enclosing one");
}

void Compiler::CompileReturn(ast::ReturnStmt &s, const Scope &scope) {
    // An object type's constructor: RETURN; gives SELF back (the type
    // body's translation declares it; parser/object_type.cpp).
    if (!s.value && current_sub_ != nullptr && current_sub_->constructor)
        s.value = std::make_unique<ast::NameExpr>(s.loc, ast::NameChain{"self"});
    if (current_sub_ != nullptr ? current_sub_->pipelined : fn_.info.returns_set) {
        // The rows are piped; RETURN only ends the function.
        if (s.value)
            Error(s.loc, "PLS-00633: RETURN statement in a pipelined function cannot contain an expression",
                  ERRCODE_SYNTAX_ERROR);
        return;
    }
    bool returns_value = current_sub_ != nullptr ? current_sub_->is_function : fn_.info.ReturnsValue();
    if (s.value && current_sub_ == nullptr && fn_.info.is_dml_trigger) {
        // PostgreSQL's habit, RETURN NEW / RETURN NULL: the row (of the
        // table's type) goes on, or NULL skips it. Oracle's triggers need no
        // RETURN at all.
        CompileOwn(*s.value, scope, s);
        auto site = std::make_unique<StoreSite>();
        site->cast.target = fn_.variables[static_cast<size_t>(fn_.trigger.new_row)].type;
        s.annotation = std::move(site);
        return;
    }
    if (s.value && !returns_value)
        Error(s.loc, current_sub_ != nullptr         ? "RETURN cannot have a value in a procedure"
                     : fn_.info.oid == InvalidOid    ? "RETURN cannot have a value in a DO block"
                     : fn_.info.is_event_trigger     ? "RETURN cannot have a value in an event trigger function"
                     : fn_.info.is_procedure         ? "RETURN cannot have a value in a procedure"
                     : !fn_.info.output_args.empty() ? "RETURN cannot have a value in a function with OUT parameters"
                                                     : "RETURN cannot have a value in a function returning void");
    if (!s.value && returns_value) Error(s.loc, "RETURN in a function must return a value");
    if (s.value) {
        CompileOwn(*s.value, scope, s);
        auto site = std::make_unique<StoreSite>();
        site->cast.target = current_sub_ != nullptr ? current_sub_->return_type : fn_.info.return_type;
        s.annotation = std::move(site);
    }
}

void Compiler::CompilePipeRow(ast::PipeRowStmt &s, const Scope &scope) {
    if (!(current_sub_ != nullptr ? current_sub_->pipelined : fn_.info.returns_set))
        Error(s.loc, "PLS-00629: PIPE statement cannot be used in non-pipelined functions", ERRCODE_SYNTAX_ERROR);
    CompileOwn(*s.value, scope, s);
    // The row's type is the result's (Executor::ExecPipeRow sets it from
    // the call's set result).
    s.annotation = std::make_unique<CastSite>();
}

void Compiler::CheckLoopControl(ast::LoopControlStmt &stmt, const char *what) {
    if (loops_.empty()) Error(stmt.loc, std::string(what) + " cannot be used outside a loop");
    if (stmt.label.empty()) return;
    for (const auto &loop : loops_)
        for (const auto &l : *loop.labels)
            if (l == stmt.label) return;
    Error(stmt.loc, "there is no label \"" + stmt.label + "\" attached to any loop enclosing this statement");
}

void Compiler::CompileLoopBody(ast::Stmt &loop, ast::StmtList &body, const Scope &scope) {
    loops_.push_back(LoopContext{&loop.labels});
    CompileStmts(body, scope);
    loops_.pop_back();
}

}  // namespace plpolar::compile
