// Call statements and function calls in expressions: nested subprograms
// (subprograms.cpp), built-in packages (package_binding.cpp), Oracle built-ins
// and SQL procedures / functions.
#include "compiler_impl.hpp"
#include "plpolar/compile/package_unit.hpp"
#include "plpolar/compile/quoting.hpp"
#include "plpolar/parser/parser.hpp"
#include "plpolar/pg/catalog.hpp"
#include "plpolar/pg/guard.hpp"
#include "plpolar/pg/packages.hpp"

namespace plpolar::compile {

namespace {

bool HasKeys(const std::vector<ast::CallArg> &args) {
    for (const auto &a : args)
        if (a.key) return true;
    return false;
}

}  // namespace

void Compiler::CompileCall(ast::CallStmt &s, const Scope &scope) {
    {
        // A method of an object: its package's procedure, with the object
        // first (also in the text a CALL runs).
        std::string head;
        bool element = false;  // c(i).m(args): the element's text is the object
        if (s.call->kind == ast::ExprKind::Call) {
            auto &c = ast::Cast<ast::CallExpr>(*s.call);
            head = ast::JoinName(ast::NameChain(c.name.begin(), c.name.end() - (c.name.size() > 1 ? 1 : 0)));
            element = !c.fields.empty();
        } else {
            const auto &n = ast::Cast<ast::NameExpr>(*s.call).name;
            head = ast::JoinName(ast::NameChain(n.begin(), n.end() - (n.size() > 1 ? 1 : 0)));
        }
        bool parens = s.call->kind == ast::ExprKind::Call;
        bool rewritten = parens ? RewriteMethodCall(ast::Cast<ast::CallExpr>(*s.call), scope)
                                : RewriteMethodStatement(s.call, scope);
        if (rewritten && element) {
            // "c(i).m(args)" or "c(i).m": the object up to the ")." before m.
            auto &c = ast::Cast<ast::CallExpr>(*s.call);
            size_t dot = s.text.find(")." + c.name[1]);
            if (dot == std::string::npos) dot = s.text.find(").");
            std::string object = dot == std::string::npos ? head : s.text.substr(0, dot + 1);
            size_t open = dot == std::string::npos ? std::string::npos : s.text.find('(', dot + 2);
            std::string rest = open == std::string::npos ? ")" : s.text.substr(open + 1);
            size_t first = rest.find_first_not_of(" \t\r\n");
            bool no_args = first != std::string::npos && rest[first] == ')';
            s.text = QuoteIdent(c.name[0]) + "." + QuoteIdent(c.name[1]) + "(" + object + (no_args ? "" : ", ") + rest;
        } else if (rewritten) {
            auto &c = ast::Cast<ast::CallExpr>(*s.call);
            size_t open = parens ? s.text.find('(') : std::string::npos;
            std::string rest = open == std::string::npos ? ")" : s.text.substr(open + 1);
            size_t first = rest.find_first_not_of(" \t\r\n");
            bool no_args = first != std::string::npos && rest[first] == ')';
            std::string callee = QuoteIdent(c.name[0]) + (c.name.size() == 2 ? "." + QuoteIdent(c.name[1]) : "");
            std::string self = c.name.size() == 2 ? head : std::string("self");
            s.text = callee + "(" + self + (no_args ? "" : ", ") + rest;
        }
    }
    if (s.call->kind == ast::ExprKind::Call && HasKeys(ast::Cast<ast::CallExpr>(*s.call).args))
        Error(s.loc, "key => value is an associative array's constructor only (a parameter is named by its name)");
    if (s.call->kind == ast::ExprKind::Call &&
        CompileNestedCollectionUse(ast::Cast<ast::CallExpr>(*s.call), scope, true)) {
        // c(i).EXTEND(n), c(i)(j).DELETE: a method of an element.
        s.target = ast::CallTarget::Collection;
        return;
    }
    if (s.call->kind == ast::ExprKind::Call &&
        (!ast::Cast<ast::CallExpr>(*s.call).fields.empty() || !ast::Cast<ast::CallExpr>(*s.call).subscripts.empty()))
        Error(s.loc, "a field of a call's result is not a statement");
    {
        // c.EXTEND(n), c.TRIM, c.DELETE(i, j)
        bool parens = s.call->kind == ast::ExprKind::Call;
        auto &called = parens ? ast::Cast<ast::CallExpr>(*s.call).name : ast::Cast<ast::NameExpr>(*s.call).name;
        std::vector<ast::CallArg> *args = parens ? &ast::Cast<ast::CallExpr>(*s.call).args : nullptr;
        if (CompileCollectionUse(called, args, parens, s.loc, scope, true, &s.call->annotation)) {
            if (parens)
                ast::Cast<ast::CallExpr>(*s.call).builtin = ast::Builtin::Collection;
            else
                ast::Cast<ast::NameExpr>(*s.call).builtin = ast::Builtin::Collection;
            s.target = ast::CallTarget::Collection;
            return;
        }
    }
    if (s.call->kind == ast::ExprKind::Name) {
        auto &name = ast::Cast<ast::NameExpr>(*s.call);
        if (LookupName(fn_, scope, name.name) >= 0)
            Error(s.loc, "\"" + ast::JoinName(name.name) + "\" is a variable, not a procedure");
    }
    if (s.call->kind == ast::ExprKind::Call) {
        auto &call = ast::Cast<ast::CallExpr>(*s.call);
        if (call.name.size() == 1 && call.name[0] == "raise_application_error" &&
            LookupName(fn_, scope, call.name) < 0) {
            if (call.args.size() < 2 || call.args.size() > 3)
                Error(s.loc,
                      "RAISE_APPLICATION_ERROR takes an error number, a message and an optional "
                      "keep_errors flag",
                      ERRCODE_UNDEFINED_FUNCTION);
            call.builtin = ast::Builtin::RaiseApplicationError;
            for (auto &arg : call.args) CompileOwn(*arg.value, scope, s);
            return;
        }
    }
    {
        bool parens = s.call->kind == ast::ExprKind::Call;
        const ast::NameChain &called =
            parens ? ast::Cast<ast::CallExpr>(*s.call).name : ast::Cast<ast::NameExpr>(*s.call).name;
        if (const auto *overloads = FindSubprograms(called, scope)) {
            std::vector<ast::CallArg> none;
            auto &args = parens ? ast::Cast<ast::CallExpr>(*s.call).args : none;
            s.annotation = CompileSubprogramCall(*overloads, called, args, false, s.loc, scope);
            s.target = ast::CallTarget::Subprogram;
            s.touches_database = true;  // one unit of statement-level rollback
            return;
        }
    }
    if (CompilePackageCall(s, scope)) {
        s.target = ast::CallTarget::Package;
        return;
    }
    if (CompilePackageProcedure(s, scope)) {
        s.target = ast::CallTarget::PackageProcedure;
        s.touches_database = true;
        return;
    }
    {
        const ast::NameChain &called = s.call->kind == ast::ExprKind::Call ? ast::Cast<ast::CallExpr>(*s.call).name
                                                                           : ast::Cast<ast::NameExpr>(*s.call).name;
        if (pg::ProcedureNameExists(called)) {
            // CALL binds OUT and IN OUT arguments back to the
            // variables passed (PostgreSQL reports which they are).
            s.target = ast::CallTarget::Procedure;
            s.touches_database = true;
            std::string text = "CALL " + s.text + (s.call->kind == ast::ExprKind::Call ? "" : "()");
            std::vector<SqlSite::Mirror> mirrors = PackageMirrors(text, scope);
            auto call = std::make_unique<ProcedureCallSite>(fn_, scope, std::move(text), fn_.nslots());
            call->mirrors = std::move(mirrors);
            s.annotation = std::move(call);
            return;
        }
    }
    CompileOwn(*s.call, scope, s);
    // Kept for a procedure of this name created after compiling.
    s.annotation = std::make_unique<FunctionCallSite>(scope);
}

// pkg.p(args), a procedure of another unit's package, with every
// parameter given positionally or by name (a default is the package's
// expression: the CALL gives it) and its routine the only one of that
// name and argument count: run directly (PackageProcedureSite).
bool Compiler::CompilePackageProcedure(ast::CallStmt &s, const Scope &scope) {
    if (s.call->kind != ast::ExprKind::Call) return false;
    auto &call = ast::Cast<ast::CallExpr>(*s.call);
    if (call.name.size() != 2 || !call.fields.empty() || !call.subscripts.empty()) return false;
    PackageItem item;
    current_loc_ = s.loc;
    if (!FindPackageItem(call.name, &item) || !item.rest.empty()) return false;
    auto it = item.unit->scope->subprograms.find(item.item);
    if (it == item.unit->scope->subprograms.end() || it->second.empty()) return false;
    for (const SubprogramSite *o : it->second)
        if (o->is_function || o->param_names.size() != call.args.size()) return false;
    std::unique_ptr<SubprogramCallSite> bound =
        CompileSubprogramCall(it->second, call.name, call.args, false, s.loc, scope);
    for (const ast::Expr *a : bound->args)
        if (a == nullptr) return false;
    size_t nin = 0;
    for (ast::ParamMode m : bound->target->modes) nin += m != ast::ParamMode::Out ? 1 : 0;
    Oid routine = pg::UniqueRoutine(item.package, item.item, static_cast<int>(nin));
    if (!OidIsValid(routine)) return false;
    auto site = std::make_unique<PackageProcedureSite>();
    site->package = item.package;
    site->name = item.item;
    for (size_t k = 0; k < it->second.size(); ++k)
        if (it->second[k] == bound->target) site->overload = k;
    site->modes = bound->target->modes;
    bound->target = nullptr;
    site->call = std::move(bound);
    site->routine = routine;
    std::string text = "CALL " + s.text;
    std::vector<SqlSite::Mirror> mirrors = PackageMirrors(text, scope);
    site->fallback = std::make_unique<ProcedureCallSite>(fn_, scope, std::move(text), fn_.nslots());
    site->fallback->mirrors = std::move(mirrors);
    s.annotation = std::move(site);
    return true;
}

// The built-ins with a native fast path, for the argument counts it
// handles (positional arguments only).
ast::Builtin Compiler::NativeBuiltin(const ast::CallExpr &call) {
    for (const auto &arg : call.args)
        if (!arg.name.empty()) return ast::Builtin::None;
    const ast::OracleFunction *f = ast::FindOracleFunction(call.name[0]);
    size_t n = call.args.size();
    if (f != nullptr && f->native != ast::Builtin::None && n >= f->native_min && n <= f->native_max) return f->native;
    return ast::Builtin::None;
}

void Compiler::CompileCallExpr(ast::CallExpr &call, const Scope &scope) {
    RewriteMethodCall(call, scope);
    if (HasKeys(call.args)) {
        // t(k => v, ...): only an associative array type's constructor.
        const CollectionType *type =
            LookupName(fn_, scope, call.name) < 0 ? FindCollectionType(call.name, scope) : nullptr;
        if (type == nullptr || type->shape.kind != types::CollectionKind::Associative)
            Error(call.loc,
                  "key => value is an associative array's constructor only (a parameter is named by its name)");
    }
    if (fn_.info.is_dml_trigger && CompileTriggerPredicate(call, scope)) return;
    if (call.name.size() == 1 && call.name[0].compare(0, 4, "sql%") == 0) {
        // SQL%BULK_ROWCOUNT(i) / SQL%BULK_EXCEPTIONS(j).ERROR_INDEX | ERROR_CODE
        const std::string &what = call.name[0];
        if (what == "sql%bulk_rowcount" && call.fields.empty()) {
            call.builtin = ast::Builtin::BulkRowcount;
        } else if (what == "sql%bulk_exceptions" && call.fields.size() == 1 &&
                   (call.fields[0] == "error_index" || call.fields[0] == "error_code")) {
            call.builtin = ast::Builtin::BulkException;
        } else {
            Error(call.loc,
                  "unknown attribute " + what + (call.fields.empty() ? "" : "(...)." + call.fields[0]) +
                      " (SQL%BULK_ROWCOUNT(i), SQL%BULK_EXCEPTIONS(j).ERROR_INDEX or .ERROR_CODE)",
                  ERRCODE_SYNTAX_ERROR);
        }
        CompileExpr(*call.args[0].value, scope);
        call.annotation = MakeCast(pg::TypeFromOid(INT4OID, -1));
        return;
    }
    if (CompileMultiset(call, scope, &call.annotation)) {
        call.builtin = ast::Builtin::Collection;
        return;
    }
    if (CompileNestedCollectionUse(call, scope, false)) return;
    if (CompileCollectionUse(call.name, &call.args, call.has_parens, call.loc, scope, false, &call.annotation)) {
        call.builtin = ast::Builtin::Collection;
        const auto &site = ast::Cast<CollectionSite>(*call.annotation);
        if (!call.fields.empty()) {
            const pg::TypeInfo &element = site.type->shape.element;
            if (site.op != CollectionOp::Element || (element.typtype != TYPTYPE_COMPOSITE && element.oid != RECORDOID))
                Error(call.loc,
                      ast::JoinName(call.name) + "(...) is not a record (it has no field \"" + call.fields[0] + "\")",
                      ERRCODE_WRONG_OBJECT_TYPE);
        }
        return;
    }
    if (LookupName(fn_, scope, call.name) < 0) {
        if (const auto *overloads = FindSubprograms(call.name, scope)) {
            call.annotation = CompileSubprogramCall(*overloads, call.name, call.args, true, call.loc, scope);
            call.builtin = ast::Builtin::Subprogram;
            return;
        }
    }
    auto no_fields = [&call, this] {
        if (!call.fields.empty())
            Error(call.loc,
                  ast::JoinName(call.name) + " does not return a record (its result has no field \"" + call.fields[0] +
                      "\")",
                  ERRCODE_WRONG_OBJECT_TYPE);
    };
    if (CompilePackageFunction(call.name, call.args.size(), call.builtin, call.loc, scope)) {
        no_fields();
        return;
    }
    for (auto &arg : call.args) CompileExpr(*arg.value, scope);
    int named = call.name.size() == 1 ? LookupName(fn_, scope, call.name) : -1;
    if (named == fn_.sqlerrm_slot) {
        no_fields();
        if (call.args.size() != 1 || !call.args[0].name.empty())
            Error(call.loc, "SQLERRM takes one error number", ERRCODE_UNDEFINED_FUNCTION);
        call.builtin = ast::Builtin::SqlErrm;
        return;
    }
    if (call.name.size() == 1 && named < 0) {
        if (call.name[0] == "sqlerrm") {
            no_fields();
            if (call.args.size() != 1 || !call.args[0].name.empty())
                Error(call.loc, "SQLERRM takes one error number", ERRCODE_UNDEFINED_FUNCTION);
            call.builtin = ast::Builtin::SqlErrm;
            return;
        }
        if (call.name[0] == "raise_application_error")
            Error(call.loc, "RAISE_APPLICATION_ERROR is a procedure; call it as a statement",
                  ERRCODE_WRONG_OBJECT_TYPE);
    }
    auto site = std::make_unique<SqlExprSite>();
    std::string sql;
    bool oracle = call.name.size() == 1 && named < 0 && parser::IsOracleBuiltin(call.name[0]);
    if (oracle) {
        no_fields();
        sql = "plpolar";
        call.builtin = NativeBuiltin(call);
    } else if (call.name.size() == 1 && named < 0) {
        // ABS, SIGN: PostgreSQL's, computed natively when the types allow.
        const ast::OracleFunction *f = ast::FindOracleFunction(call.name[0]);
        if (f != nullptr && f->form == ast::OracleCallForm::Native) {
            no_fields();
            // TRIM(s) is SQL grammar, not a function: pg_catalog.btrim(s).
            sql = call.name[0] == "trim" ? "pg_catalog.btrim" : "pg_catalog";
            call.builtin = NativeBuiltin(call);
        }
    }
    // DBMS_ASSERT.f (also SYS.DBMS_ASSERT.f) is plpolar.dbms_assert_f.
    size_t package = call.name.size() == 3 && call.name[0] == "sys" ? 1 : 0;
    if (call.name.size() == package + 2 && call.name[package] == "dbms_assert")
        sql = "plpolar." + QuoteIdent("dbms_assert_" + call.name.back());
    else if (sql != "pg_catalog.btrim")
        for (const auto &part : call.name) sql += (sql.empty() ? "" : ".") + QuoteFunctionPart(part);
    sql += "(";
    for (size_t i = 0; i < call.args.size(); ++i) {
        if (i > 0) sql += ", ";
        if (!call.args[i].name.empty()) sql += QuoteIdent(call.args[i].name) + " => ";
        // Literals as written (a NULL or a string literal keeps its
        // unknown type, as in SQL); the rest parameters, which a native
        // built-in falling back passes from the values it computed.
        sql += OperandSql(*call.args[i].value, *site);
    }
    sql += ")";
    // (f(x)).a.b: PostgreSQL's field selection from a composite result.
    if (!call.fields.empty()) {
        sql = "(" + sql + ")";
        for (const std::string &field : call.fields) sql += "." + QuoteIdent(field);
    }
    site->sql = std::move(sql);
    call.annotation = std::move(site);
}

}  // namespace plpolar::compile
