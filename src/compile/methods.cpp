// Calls of object types' methods. A method is a subprogram of the type's
// package (handler/exec_object_type.cpp) whose first parameter is SELF, so a
// call on an object is a package call with the object first, compiled as any
// other (direct calls, IN OUT targets, privileges).
#include <cctype>

#include "compiler_impl.hpp"
#include "plpolar/compile/oracle_sql.hpp"
#include "plpolar/compile/quoting.hpp"
#include "plpolar/pg/packages.hpp"
#include "plpolar/pg/row.hpp"
#include "plpolar/pg/script.hpp"

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

namespace {

bool IdentStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool IdentChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$' || c == '#'; }

// The words of `sql` outside literals, quoted names and comments, with
// where each starts and ends (dotted chains split; "(" "," ")" kept as
// words of their own).
struct Word {
    std::string text;  // lower case
    size_t begin, end;
};
std::vector<Word> Words(const std::string &sql) {
    std::vector<Word> out;
    size_t i = 0;
    const size_t n = sql.size();
    while (i < n) {
        const size_t skipped = SkipLexical(sql, i);
        if (skipped != i) {
            out.push_back(Word{"\x01", i, skipped});  // a literal or quoted name: no word
            i = skipped;
            continue;
        }
        char c = sql[i];
        if (IdentStart(c)) {
            size_t j = i;
            while (j < n && IdentChar(sql[j])) ++j;
            std::string w = sql.substr(i, j - i);
            for (char &ch : w) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
            out.push_back(Word{w, i, j});
            i = j;
        } else if (c == '(' || c == ')' || c == ',' || c == '.' || c == ';') {
            out.push_back(Word{std::string(1, c), i, i + 1});
            ++i;
        } else {
            ++i;
        }
    }
    return out;
}

bool EndsFromItem(const std::string &w) {
    static const char *const kWords[] = {
        "where",  "group", "order",  "having",    "join",      "inner",  "left",    "right", "full", "cross",
        "on",     "using", "union",  "intersect", "minus",     "except", "connect", "start", "for",  "limit",
        "offset", "fetch", "window", "natural",   "returning", "set",    "values",  "into",  "when", "then"};
    for (const char *k : kWords)
        if (w == k) return true;
    return false;
}

}  // namespace

std::string RewriteColumnMethodCalls(const std::string &sql) {
    // Cheap way out: no dotted name and no VALUE(...).
    if (sql.find('.') == std::string::npos) {
        std::string lower = sql;
        for (char &ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        if (lower.find("value") == std::string::npos) return sql;
    }
    std::vector<Word> w = Words(sql);
    // alias -> table, from FROM / JOIN items: [schema.]table [AS] alias.
    std::vector<std::pair<std::string, std::string>> aliases;
    for (size_t i = 0; i < w.size(); ++i) {
        if (w[i].text != "from" && w[i].text != "join" && w[i].text != "update" && w[i].text != ",") continue;
        if (w[i].text == "," && aliases.empty()) continue;  // only a FROM list's later items
        size_t k = i + 1;
        if (k >= w.size() || !IdentStart(w[k].text[0]) || EndsFromItem(w[k].text)) continue;
        std::string table = sql.substr(w[k].begin, w[k].end - w[k].begin);
        ++k;
        if (k + 1 < w.size() && w[k].text == "." && IdentStart(w[k + 1].text[0])) {
            table += "." + sql.substr(w[k + 1].begin, w[k + 1].end - w[k + 1].begin);
            k += 2;
        }
        if (k < w.size() && w[k].text == "(") continue;  // a function in FROM
        if (k < w.size() && w[k].text == "as") ++k;
        if (k < w.size() && IdentStart(w[k].text[0]) && !EndsFromItem(w[k].text))
            aliases.emplace_back(w[k].text, table);
    }
    if (aliases.empty()) return sql;
    std::string out;
    size_t copied = 0;
    // An object table's row as its object type (a typed table's row type is
    // the table's own): the type, or InvalidOid for other tables.
    auto object_table = [&aliases](const std::string &alias, std::string *qualified) {
        for (const auto &[a, t] : aliases) {
            if (a != alias) continue;
            std::vector<std::vector<std::string>> of = pg::QueryTextRows(
                "SELECT c.reloftype::pg_catalog.text, c.reloftype::pg_catalog.regtype::pg_catalog.text "
                "FROM pg_catalog.pg_class c WHERE c.oid OPERATOR(pg_catalog.=) pg_catalog.to_regclass($1) "
                "AND c.reloftype OPERATOR(pg_catalog.<>) 0",
                {t});
            if (of.empty()) return static_cast<Oid>(InvalidOid);
            Oid type = static_cast<Oid>(std::stoul(of[0][0]));
            if (pg::ObjectTypePackage(type).empty()) return static_cast<Oid>(InvalidOid);
            *qualified = of[0][1];
            return type;
        }
        return static_cast<Oid>(InvalidOid);
    };
    for (size_t i = 0; i + 3 < w.size(); ++i) {
        // VALUE(alias) and alias.method(...) of an object table's row.
        if (w[i].text == "value" && w[i + 1].text == "(" && i + 3 < w.size() && w[i + 3].text == ")" &&
            IdentStart(w[i + 2].text[0]) && (i == 0 || w[i - 1].text != ".")) {
            std::string qualified;
            if (OidIsValid(object_table(w[i + 2].text, &qualified))) {
                out += sql.substr(copied, w[i].begin - copied) + "(ROW(" +
                       sql.substr(w[i + 2].begin, w[i + 2].end - w[i + 2].begin) + ".*)::" + qualified + ")";
                copied = w[i + 3].end;
                i += 3;
                continue;
            }
        }
        if (w[i + 1].text == "." && IdentStart(w[i + 2].text[0]) && w[i + 3].text == "(" &&
            (i == 0 || w[i - 1].text != ".") && IdentStart(w[i].text[0])) {
            std::string qualified;
            Oid type = object_table(w[i].text, &qualified);
            if (OidIsValid(type)) {
                bool attribute = false;
                for (const pg::RowField &f : pg::RowFields(type, -1)) attribute = attribute || f.name == w[i + 2].text;
                if (!attribute) {
                    bool no_args = i + 4 < w.size() && w[i + 4].text == ")";
                    out += sql.substr(copied, w[i].begin - copied) + QuoteIdent(pg::ObjectTypePackage(type)) + "." +
                           QuoteIdent(w[i + 2].text) + "(ROW(" + sql.substr(w[i].begin, w[i].end - w[i].begin) +
                           ".*)::" + qualified + (no_args ? "" : ", ");
                    copied = w[i + 3].end;
                    i += 3;
                    continue;
                }
            }
        }
        if (i + 4 >= w.size()) continue;
        // alias . column . method ( and alias . column . attribute
        if (w[i + 1].text != "." || w[i + 3].text != ".") continue;
        if (i > 0 && w[i - 1].text == ".") continue;
        const bool call = i + 5 < w.size() && w[i + 5].text == "(";
        if (!IdentStart(w[i + 4].text[0])) continue;
        const std::string &alias = w[i].text;
        const std::string *table = nullptr;
        for (const auto &[a, t] : aliases)
            if (a == alias) table = &t;
        if (table == nullptr) continue;
        std::vector<std::vector<std::string>> col = pg::QueryTextRows(
            "SELECT a.atttypid::pg_catalog.text FROM pg_catalog.pg_attribute a "
            "WHERE a.attrelid OPERATOR(pg_catalog.=) pg_catalog.to_regclass($1) "
            "AND a.attname OPERATOR(pg_catalog.=) $2::pg_catalog.name AND NOT a.attisdropped",
            {*table, w[i + 2].text});
        if (col.empty()) continue;
        Oid type = static_cast<Oid>(std::stoul(col[0][0]));
        std::string package = pg::ObjectTypePackage(type);
        if (package.empty()) continue;
        bool attribute = false;
        for (const pg::RowField &f : pg::RowFields(type, -1)) attribute = attribute || f.name == w[i + 4].text;
        if (attribute && !call) {
            // PostgreSQL's spelling of an attribute of a column: (alias.col).attr
            out +=
                sql.substr(copied, w[i].begin - copied) + "(" + sql.substr(w[i].begin, w[i + 2].end - w[i].begin) + ")";
            copied = w[i + 2].end;
            i += 2;
            continue;
        }
        if (attribute || !call) continue;
        bool no_args = i + 6 < w.size() && w[i + 6].text == ")";
        out += sql.substr(copied, w[i].begin - copied) + QuoteIdent(package) + "." + QuoteIdent(w[i + 4].text) + "(" +
               sql.substr(w[i].begin, w[i + 2].end - w[i].begin) + (no_args ? "" : ", ");
        copied = w[i + 5].end;
        i += 5;
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
