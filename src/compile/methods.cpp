// Calls of object types' methods. A method is a subprogram of the type's
// package (handler/exec_object_type.cpp) whose first parameter is SELF, so a
// call on an object is a package call with the object first, compiled as any
// other (direct calls, IN OUT targets, privileges).
#include <cctype>

#include "compiler_impl.hpp"
#include "plpolar/compile/quoting.hpp"
#include "plpolar/pg/packages.hpp"
#include "plpolar/pg/row.hpp"

namespace plpolar::compile {

namespace {

bool IsAttribute(const Variable &v, const std::string &name) {
    for (const pg::RowField &f : pg::RowFields(v.type.oid, -1))
        if (f.name == name) return true;
    return false;
}

}  // namespace

bool Compiler::RewriteMethodCall(ast::CallExpr &call, const Scope &scope) {
    if (call.fields.size() == 1 && call.subscripts.size() <= 1 && call.has_parens) {
        // c(i).m(args): a method of a collection's element.
        int slot = LookupName(fn_, scope, call.name);
        const CollectionType *ct = slot >= 0 ? fn_.variables[static_cast<size_t>(slot)].collection : nullptr;
        if (ct == nullptr || ct->shape.element.typtype != TYPTYPE_COMPOSITE) return false;
        const pg::TypeInfo &element = ct->shape.element;
        for (const pg::RowField &f : pg::RowFields(element.oid, -1))
            if (f.name == call.fields[0]) return false;
        std::string package = element.oid == fn_.object_type ? fn_.info.name : pg::ObjectTypePackage(element.oid);
        if (package.empty()) return false;
        auto item = std::make_unique<ast::CallExpr>(call.loc, call.name);
        item->args = std::move(call.args);
        item->has_parens = true;
        std::vector<ast::CallArg> args;
        args.emplace_back();
        args.back().value = std::move(item);
        if (!call.subscripts.empty())
            for (ast::CallArg &a : call.subscripts[0]) args.push_back(std::move(a));
        call.args = std::move(args);
        call.name = ast::NameChain{package, call.fields[0]};
        call.fields.clear();
        call.subscripts.clear();
        call.method_parens = false;
        return true;
    }
    if (call.name.size() >= 2) {
        ast::NameChain head(call.name.begin(), call.name.end() - 1);
        Reference ref = LookupReference(fn_, scope, head, true);
        if (ref.slot < 0) return false;
        const Variable &v = fn_.variables[static_cast<size_t>(ref.slot)];
        pg::TypeInfo type = v.type;
        if (!ref.field.empty()) {
            // r.obj.m(): an object in a record's field (or an object's attribute).
            if (!v.IsRecord() || (v.type.oid == RECORDOID && v.type.typmod < 0)) return false;
            bool found = false;
            for (const pg::RowField &f : pg::RowFields(v.type.oid, v.type.typmod))
                if (f.name == ref.field) {
                    type = f.type;
                    found = true;
                }
            if (!found || type.typtype != TYPTYPE_COMPOSITE) return false;
        } else if (!v.object) {
            return false;
        }
        for (const pg::RowField &f : pg::RowFields(type.oid, -1))
            if (f.name == call.name.back()) return false;  // an attribute: c.items(i) and the like
        std::string package = type.oid == fn_.object_type ? fn_.info.name : pg::ObjectTypePackage(type.oid);
        if (package.empty()) return false;
        ast::CallArg self;
        self.value = std::make_unique<ast::NameExpr>(call.loc, head);
        call.args.insert(call.args.begin(), std::move(self));
        call.name = ast::NameChain{package, call.name.back()};
        call.has_parens = true;
        return true;
    }
    // m(args) in a member method: SELF's m.
    if (call.name.size() != 1 || !OidIsValid(fn_.object_type) || LookupName(fn_, scope, call.name) >= 0) return false;
    bool in_member = false;
    for (const Scope *s = &scope; s != nullptr && !in_member; s = s->parent) in_member = s->self_slot >= 0;
    if (!in_member) return false;
    const auto *overloads = FindSubprograms(call.name, scope);
    if (overloads == nullptr) return false;
    bool member = false;
    for (const SubprogramSite *o : *overloads)
        member = member || (!o->param_names.empty() && o->param_names[0] == "self");
    for (const ast::CallArg &a : call.args) member = member && a.name != "self";
    // SELF given already (written so, or added before).
    if (!call.args.empty() && call.args[0].name.empty() && call.args[0].value->kind == ast::ExprKind::Name &&
        ast::Cast<ast::NameExpr>(*call.args[0].value).name == ast::NameChain{"self"})
        return false;
    if (!member) return false;
    ast::CallArg self;
    self.value = std::make_unique<ast::NameExpr>(call.loc, ast::NameChain{"self"});
    call.args.insert(call.args.begin(), std::move(self));
    call.has_parens = true;
    return true;
}

bool Compiler::RewriteMethodStatement(ast::ExprPtr &call, const Scope &scope) {
    if (call->kind != ast::ExprKind::Name) return false;
    auto &name = ast::Cast<ast::NameExpr>(*call);
    bool candidate = name.name.size() >= 2 || (name.name.size() == 1 && OidIsValid(fn_.object_type));
    if (!candidate) return false;
    auto as_call = std::make_unique<ast::CallExpr>(name.loc, name.name);
    if (!RewriteMethodCall(*as_call, scope)) return false;
    call = std::move(as_call);
    return true;
}

std::string Compiler::RewriteSqlMethodCalls(const std::string &sql, const Scope &scope) {
    // obj.m(...) and r.obj.m(...) of PL variables in embedded SQL, which
    // PostgreSQL would read as a schema's function: pkg.m(obj, ...).
    if (sql.find('.') == std::string::npos) return sql;
    std::string out;
    size_t copied = 0;
    const size_t n = sql.size();
    size_t i = 0;
    auto ident_start = [](char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; };
    auto ident_char = [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$' || c == '#';
    };
    while (i < n) {
        const size_t skipped = SkipLexical(sql, i);
        if (skipped != i) {
            i = skipped;
            continue;
        }
        char c = sql[i];
        if (!ident_start(c) || (i > 0 && (ident_char(sql[i - 1]) || sql[i - 1] == '.' || sql[i - 1] == ':'))) {
            ++i;
            continue;
        }
        ast::NameChain chain;
        size_t j = i;
        size_t last_start = i;
        while (true) {
            last_start = j;
            while (j < n && ident_char(sql[j])) ++j;
            std::string part = sql.substr(last_start, j - last_start);
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
        const size_t at = i;
        i = j;
        if (chain.size() < 2 || k >= n || sql[k] != '(') continue;
        ast::CallExpr probe(ast::SourceLoc{}, chain);
        probe.has_parens = true;
        if (!RewriteMethodCall(probe, scope) || probe.name.size() != 2) continue;
        size_t after = k + 1;
        while (after < n && std::isspace(static_cast<unsigned char>(sql[after]))) ++after;
        const std::string object = sql.substr(at, last_start - 1 - at);
        out += sql.substr(copied, at - copied) + QuoteIdent(probe.name[0]) + "." + QuoteIdent(probe.name[1]) + "(" +
               object + (after < n && sql[after] == ')' ? "" : ", ");
        copied = k + 1;
        i = k + 1;
    }
    return copied == 0 ? sql : out + sql.substr(copied);
}

bool Compiler::CompileMethodName(ast::NameExpr &name, const Reference &ref, const Scope &scope) {
    bool candidate = false;
    if (ref.slot >= 0 && !ref.field.empty() && name.name.size() == 2) {
        const Variable &v = fn_.variables[static_cast<size_t>(ref.slot)];
        candidate = v.object && !IsAttribute(v, ref.field);
    } else if (ref.slot < 0 && name.name.size() == 3) {
        candidate = true;  // r.obj.m
    } else if (ref.slot < 0 && name.name.size() == 1) {
        candidate = OidIsValid(fn_.object_type);
    }
    if (!candidate) return false;
    auto call = std::make_unique<ast::CallExpr>(name.loc, name.name);
    if (!RewriteMethodCall(*call, scope)) return false;
    CompileExpr(*call, scope);
    auto site = std::make_unique<MethodCallSite>();
    site->call = std::move(call);
    name.annotation = std::move(site);
    return true;
}

}  // namespace plpolar::compile
