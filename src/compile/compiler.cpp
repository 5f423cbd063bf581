// The compile phase's entry point: parse the body, set up the function's
// outer scopes and dispatch each statement to its Compile<Kind>, written in
// the file of its family (control.cpp, sql.cpp, cursors.cpp, ...).
#include "plpolar/compile/compiler.hpp"

#include <cctype>
#include <cstdio>

#include "compiler_impl.hpp"
#include "plpolar/parser/parser.hpp"
#include "plpolar/parser/trigger_body.hpp"
#include "plpolar/pg/catalog.hpp"
#include "plpolar/pg/error_context.hpp"
#include "plpolar/pg/guard.hpp"
#include "plpolar/pg/packages.hpp"
#include "plpolar/settings/settings.hpp"

namespace plpolar::compile {

Scope &Compiler::SessionScope() {
    // PolarDB's session variables, read-only, visible in every function
    // (an outer scope, so a local declaration may shadow them).
    Scope &session = NewScope(nullptr);
    for (const char *name : {"polar_login_user", "polar_database_name", "polar_client_ip"})
        session.names[name] = AddVariable(SessionVariable(name, TEXTOID));
    session.names["polar_instance_num"] = AddVariable(SessionVariable("polar_instance_num", INT4OID));
    Variable code = SessionVariable("sqlcode", INT4OID);
    code.kind = VariableKind::ErrorInfo;
    fn_.sqlcode_slot = session.names["sqlcode"] = AddVariable(std::move(code));
    Variable errm = SessionVariable("sqlerrm", TEXTOID);
    errm.kind = VariableKind::ErrorInfo;
    fn_.sqlerrm_slot = session.names["sqlerrm"] = AddVariable(std::move(errm));
    return session;
}

void Compiler::Run() {
    Scope &session = SessionScope();
    Scope &fscope = NewScope(&session);
    unit_scope_ = &fscope;
    fscope.labels.push_back(fn_.info.name);
    fn_.first_argument_slot = static_cast<int>(fn_.variables.size());
    for (size_t i = 0; i < fn_.info.arg_types.size(); ++i) {
        Variable v;
        v.name = i < fn_.info.arg_names.size() ? fn_.info.arg_names[i] : std::string();
        v.type = PlType(fn_.info.arg_types[i]);
        v.kind = VariableKind::Argument;
        int slot = AddVariable(std::move(v));
        if (!fn_.variables[static_cast<size_t>(slot)].name.empty())
            fscope.names[fn_.variables[static_cast<size_t>(slot)].name] = slot;
    }
    if (fn_.info.is_event_trigger) {
        for (const char *name : {"tg_event", "tg_tag"}) {
            Variable v;
            v.name = name;
            v.type = pg::TypeFromOid(TEXTOID, -1);
            v.kind = VariableKind::Trigger;
            fscope.names[name] = AddVariable(std::move(v));
        }
    }
    if (fn_.info.is_dml_trigger) DeclareTriggerVariables(fscope);
    // The subprogram's name also labels its outermost block, so that
    // f.v reaches the variables of its declaration section.
    fn_.body.block->labels.push_back(fn_.info.name);
    CompileBlock(*fn_.body.block, fscope);
}

void Compiler::Error(const ast::SourceLoc &loc, const std::string &message, int sqlstate) {
    line_ = loc.line;
    pg::Raise(sqlstate, message);
}

Variable Compiler::SessionVariable(const char *name, Oid type) {
    Variable v;
    v.name = name;
    v.type = pg::TypeFromOid(type, -1);
    v.kind = VariableKind::Session;
    return v;
}

Scope &Compiler::NewScope(const Scope *parent) {
    fn_.scopes.push_back(std::make_unique<Scope>());
    fn_.scopes.back()->parent = parent;
    return *fn_.scopes.back();
}

int Compiler::AddVariable(Variable v) {
    if (v.type.oid == fn_.collection_oid && fn_.collection_oid != InvalidOid && v.type.typmod >= 0 &&
        static_cast<size_t>(v.type.typmod) < fn_.collection_types.size())
        v.collection = fn_.collection_types[static_cast<size_t>(v.type.typmod)].get();
    if (v.type.typtype == TYPTYPE_COMPOSITE && v.type.oid != RECORDOID)
        v.object = v.type.oid == fn_.object_type || !pg::ObjectTypePackage(v.type.oid).empty();
    fn_.variables.push_back(std::move(v));
    return static_cast<int>(fn_.variables.size() - 1);
}

void Compiler::CheckUnique(const Scope &scope, const std::string &name, const ast::SourceLoc &loc) {
    if (scope.Find(name) >= 0) Error(loc, "duplicate declaration of \"" + name + "\"");
}

void Compiler::NoteSessionVariables(const std::string &sql) {
    // The parser hooks resolve names only when the statement is first
    // prepared, after the call began: decide by the text.
    std::string lower = sql;
    for (char &c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower.find("polar_") != std::string::npos) fn_.uses_session_variables = true;
    if (lower.find("sqlcode") != std::string::npos || lower.find("sqlerrm") != std::string::npos)
        fn_.uses_error_info = true;
}

void Compiler::CompileStmts(ast::StmtList &list, const Scope &scope) {
    // GOTO may reach the labels of this list and of the lists around it.
    std::vector<std::string> labels;
    for (auto &stmt : list)
        for (const auto &l : stmt->labels) labels.push_back(l);
    goto_targets_.push_back(&labels);
    for (auto &stmt : list) CompileStmt(*stmt, scope);
    goto_targets_.pop_back();
}

void Compiler::CompileStmt(ast::Stmt &stmt, const Scope &scope) {
    // A body of many statements takes a while; stay cancellable.
    pg::CheckForInterrupts();
    line_ = stmt.loc.line;
    // The node class is the one stmt_kinds.hpp pairs with the kind.
    switch (stmt.kind) {
#define PLPOLAR_COMPILE_CASE(kind, node) \
    case ast::StmtKind::kind: return Compile##kind(static_cast<ast::node &>(stmt), scope);
        PLPOLAR_STMT_KINDS(PLPOLAR_COMPILE_CASE)
#undef PLPOLAR_COMPILE_CASE
    }
}

namespace {

// The parse, stopped by cancel and statement_timeout. It cannot call
// PostgreSQL while ANTLR is alive (its locks), so it only reads the interrupt
// flags, unwinds by exception and leaves the processing to us.
ast::FunctionBody ParseInterruptibly(const std::string &source) {
    for (;;) {
        try {
            return parser::ParseBody(source, pg::InterruptWaiting);
        } catch (const parser::Interrupted &) {
            // The parser is gone: PostgreSQL may run. Cancel and timeout
            // raise their own errors here; an interrupt that is not an error
            // (a barrier, a memory-context dump) lets the parse start over.
            pg::CheckForInterrupts();
        }
    }
}

}  // namespace

std::unique_ptr<CompiledFunction> Compile(FunctionInfo info) {
    auto fn = std::make_unique<CompiledFunction>(std::move(info));
    fn->varchar2_oid = pg::Varchar2TypeOid();
    fn->number_oid = pg::NumberTypeOid();
    fn->collection_oid = pg::CollectionTypeOid();
    fn->empty_string_is_null = settings::EmptyStringIsNull();
    // A package's public subprogram: the package has its code.
    const char *marker = pg::PackageMemberMarker();
    if (fn->info.source.compare(0, strlen(marker), marker) == 0 && fn->info.oid != InvalidOid) {
        fn->package_member = true;
        fn->member_package = fn->info.schema;
    }
    std::string prepared;
    if (fn->info.is_dml_trigger) {
        // :NEW.col -> NEW.col, same positions (parser/trigger_body.hpp).
        parser::TriggerBody body = parser::PrepareTriggerBody(fn->info.source);
        CompiledFunction::TriggerState &t = fn->trigger;
        t.new_alias = body.new_name;
        t.old_alias = body.old_name;
        t.colon_new = body.colon_new;
        t.colon_old = body.colon_old;
        t.mentions_new = body.mentions_new;
        t.mentions_old = body.mentions_old;
        t.mentions_predicates = body.mentions_predicates;
        t.tg_named = std::move(body.tg_names);
        t.compound = body.compound;
        prepared = std::move(body.source);
    }
    try {
        fn->body = ParseInterruptibly(fn->info.is_dml_trigger ? prepared : fn->info.source);
    } catch (const parser::TooLarge &e) {
        RaiseTooLarge(*fn, e);
    } catch (const parser::SyntaxError &e) {
        RaiseSyntaxError(*fn, e);
    }
    Compiler compiler(*fn);
    // "compilation of PL/polar function "f" near line N" on every error
    // raised while compiling, including PostgreSQL's own (unknown type, ...).
    struct Context {
        const char *name;
        const int *line;
    } context{fn->info.name.c_str(), compiler.line_ptr()};
    auto describe = [](const void *data, char *out, size_t size) noexcept {
        const auto *c = static_cast<const Context *>(data);
        if (*c->line > 0)
            return snprintf(out, size, "compilation of PL/polar function \"%s\" near line %d", c->name, *c->line);
        return snprintf(out, size, "compilation of PL/polar function \"%s\"", c->name);
    };
    pg::ErrorContextLine context_line(describe, &context);
    compiler.Run();
    fn->runs_without_spi = fn->info.is_dml_trigger && !fn->trigger.compound && !fn->uses_session_variables &&
                           compiler.RunsWithoutSpi(*fn->body.block);
    return fn;
}

}  // namespace plpolar::compile
