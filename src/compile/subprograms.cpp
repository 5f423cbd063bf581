// Nested PROCEDURE / FUNCTION declarations, their bodies and overload
// resolution.
#include "compiler_impl.hpp"
#include "plpolar/compile/binder.hpp"
#include "plpolar/pg/catalog.hpp"
#include "plpolar/pg/guard.hpp"

namespace plpolar::compile {

// PROCEDURE / FUNCTION in a declaration section: registered before its
// body is compiled, so that it can call itself; a forward declaration
// lets earlier subprograms call it too.
void Compiler::DeclareSubprogram(ast::SubprogramDecl &sd, Scope &scope) {
    line_ = sd.loc.line;
    CheckUnique(scope, sd.name, sd.loc);
    std::vector<pg::TypeInfo> types;
    for (auto &p : sd.params) {
        types.push_back(ResolveType(p.type, scope));
        if (p.default_value) {
            if (p.mode != ast::ParamMode::In) Error(p.loc, "OUT and IN OUT parameters cannot have a default value");
            CompileExpr(*p.default_value, scope);
        }
    }
    pg::TypeInfo result = sd.is_function ? ResolveType(sd.return_type, scope) : pg::TypeFromOid(VOIDOID, -1);
    if (sd.pipelined) {
        // Oracle's pipelined functions are schema or package functions,
        // returning a nested table or varray.
        if (!fn_.package)
            Error(sd.loc, "PLS-00655: only functions at schema or package level can be pipelined",
                  ERRCODE_FEATURE_NOT_SUPPORTED);
        const CollectionType *ct = result.oid == fn_.collection_oid && result.oid != InvalidOid && result.typmod >= 0 &&
                                           static_cast<size_t>(result.typmod) < fn_.collection_types.size()
                                       ? fn_.collection_types[static_cast<size_t>(result.typmod)].get()
                                       : nullptr;
        if (ct == nullptr || ct->shape.kind == types::CollectionKind::Associative)
            Error(sd.return_type.loc, "PLS-00630: pipelined functions must have a supported collection return type",
                  ERRCODE_DATATYPE_MISMATCH);
    }
    SubprogramSite *site = nullptr;
    auto &overloads = scope.subprograms[sd.name];
    for (SubprogramSite *o : overloads) {
        bool same = o->is_function == sd.is_function && o->param_types.size() == types.size() &&
                    o->return_type.oid == result.oid;
        for (size_t i = 0; same && i < types.size(); ++i)
            same = o->param_types[i].oid == types[i].oid && o->modes[i] == sd.params[i].mode &&
                   o->param_names[i] == sd.params[i].name;
        if (!same) continue;
        if (o->definition != nullptr || !sd.body)
            Error(sd.loc, "subprogram \"" + sd.name + "\" is declared twice with the same parameters");
        site = o;
    }
    if (site == nullptr) {
        auto owned = std::make_unique<SubprogramSite>();
        site = owned.get();
        site->name = sd.name;
        site->loc = sd.loc;
        site->is_function = sd.is_function;
        site->return_type = result;
        site->pipelined = sd.pipelined;
        site->param_types = types;
        for (auto &p : sd.params) {
            site->param_names.push_back(p.name);
            site->modes.push_back(p.mode);
            site->defaults.push_back(p.default_value.get());
        }
        for (const auto &t : types) site->param_casts.push_back(MakeCast(t));
        sd.annotation = std::move(owned);
        overloads.push_back(site);
    }
    if (!sd.body) return;
    site->definition = &sd;
    for (size_t i = 0; i < sd.params.size(); ++i)
        if (sd.params[i].default_value) site->defaults[i] = sd.params[i].default_value.get();
    CompileSubprogramBody(sd, *site, scope);
}

void Compiler::CompileSubprogramBody(ast::SubprogramDecl &sd, SubprogramSite &site, const Scope &scope) {
    // Loops, labels and handlers of the enclosing code are out of reach.
    auto saved_loops = std::move(loops_);
    auto saved_gotos = std::move(goto_targets_);
    loops_.clear();
    goto_targets_.clear();
    int saved_in_handler = in_handler_;
    in_handler_ = 0;
    SubprogramSite *saved_sub = current_sub_;
    current_sub_ = &site;
    site.first_slot = fn_.nslots();
    site.param_slots.clear();
    Scope &pscope = NewScope(&scope);
    pscope.labels.push_back(sd.name);
    for (size_t i = 0; i < sd.params.size(); ++i) {
        const auto &p = sd.params[i];
        CheckUnique(pscope, p.name, p.loc);
        Variable v;
        v.name = p.name;
        v.type = site.param_types[i];
        v.kind = VariableKind::Argument;
        v.loc = p.loc;
        int slot = AddVariable(std::move(v));
        pscope.names[p.name] = slot;
        site.param_slots.push_back(slot);
        // An object type's member method: SELF's attributes are names too.
        if (i == 0 && p.name == "self" && OidIsValid(fn_.object_type) && site.param_types[i].oid == fn_.object_type) {
            pscope.self_slot = slot;
            site.member = true;
        }
    }
    // An object type's constructor: named as the type, returning it, no SELF
    // parameter (its SELF is its first variable).
    site.constructor = OidIsValid(fn_.object_type) && site.is_function && site.return_type.oid == fn_.object_type &&
                       !site.member && !sd.body->decls.empty() && sd.body->decls[0]->kind == ast::DeclKind::Variable &&
                       ast::Cast<ast::VariableDecl>(*sd.body->decls[0]).name == "self";
    sd.body->labels.push_back(sd.name);
    CompileBlock(*sd.body, pscope);
    site.end_slot = fn_.nslots();
    current_sub_ = saved_sub;
    in_handler_ = saved_in_handler;
    loops_ = std::move(saved_loops);
    goto_targets_ = std::move(saved_gotos);
}

// The overloads of a nested subprogram `name` visible here, or null.
const std::vector<SubprogramSite *> *Compiler::FindSubprograms(const ast::NameChain &name, const Scope &scope) {
    if (name.size() == 2) {
        // label.sub: a package's own pkg.f(...), a subprogram's nested one.
        for (const Scope *s = &scope; s != nullptr; s = s->parent)
            for (const auto &label : s->labels)
                if (label == name[0]) {
                    auto it = s->subprograms.find(name[1]);
                    if (it != s->subprograms.end() && !it->second.empty()) return &it->second;
                }
        return nullptr;
    }
    if (name.size() != 1) return nullptr;
    for (const Scope *s = &scope; s != nullptr; s = s->parent) {
        auto it = s->subprograms.find(name[0]);
        if (it != s->subprograms.end() && !it->second.empty()) return &it->second;
    }
    return nullptr;
}

// What a literal or a variable is known to be before running: 0 if not.
char Compiler::StaticCategory(const ast::Expr &e, const Scope &scope) {
    if (e.kind == ast::ExprKind::Literal) {
        switch (ast::Cast<ast::LiteralExpr>(e).type) {
            case ast::LiteralExpr::Type::Integer:
            case ast::LiteralExpr::Type::Decimal: return TYPCATEGORY_NUMERIC;
            case ast::LiteralExpr::Type::String: return TYPCATEGORY_STRING;
            case ast::LiteralExpr::Type::Boolean: return TYPCATEGORY_BOOLEAN;
            case ast::LiteralExpr::Type::Null:
            case ast::LiteralExpr::Type::Typed: return 0;
        }
    }
    if (e.kind == ast::ExprKind::Name) {
        Reference ref = LookupReference(fn_, scope, ast::Cast<ast::NameExpr>(e).name);
        if (ref.slot >= 0 && ref.field.empty())
            return pg::TypeCategory(fn_.variables[static_cast<size_t>(ref.slot)].type.oid);
    }
    return 0;
}

// Picks the overload a call means (Oracle: by number, names and types
// of the arguments) and compiles its arguments.
std::unique_ptr<SubprogramCallSite> Compiler::CompileSubprogramCall(const std::vector<SubprogramSite *> &overloads,
                                                                    const ast::NameChain &name,
                                                                    std::vector<ast::CallArg> &args, bool want_function,
                                                                    const ast::SourceLoc &loc, const Scope &scope) {
    std::string upper = Upper(name);
    SubprogramSite *best = nullptr;
    std::vector<int> best_map;
    int best_score = -1;
    bool ambiguous = false;
    bool wrong_kind = false;
    for (SubprogramSite *o : overloads) {
        std::vector<BindParam> params;
        for (size_t i = 0; i < o->param_names.size(); ++i)
            params.push_back(
                BindParam{o->param_names[i], o->modes[i] == ast::ParamMode::In && o->defaults[i] != nullptr});
        Binding binding = BindArguments(args, params, NamedPosition::Counts);
        if (binding.failure != BindFailure::None) continue;
        const size_t n = params.size();
        const std::vector<int> &map = binding.arg_of_param;
        if (o->is_function != want_function) {
            wrong_kind = true;
            continue;
        }
        int score = 0;
        for (size_t i = 0; i < n; ++i) {
            if (map[i] < 0) continue;
            char c = StaticCategory(*args[static_cast<size_t>(map[i])].value, scope);
            if (c != 0 && c == pg::TypeCategory(o->param_types[i].oid)) ++score;
        }
        if (score > best_score) {
            best = o;
            best_map = map;
            best_score = score;
            ambiguous = false;
        } else if (score == best_score) {
            ambiguous = true;
        }
    }
    if (best == nullptr) {
        if (wrong_kind)
            Error(loc,
                  want_function ? "\"" + upper + "\" is a procedure, not a function; call it as a statement"
                                : "\"" + upper + "\" is a function, not a procedure; use its value",
                  ERRCODE_WRONG_OBJECT_TYPE);
        Error(loc, "wrong number or types of arguments in call to '" + upper + "'", ERRCODE_UNDEFINED_FUNCTION);
    }
    if (ambiguous) Error(loc, "too many declarations of '" + upper + "' match this call", ERRCODE_AMBIGUOUS_FUNCTION);
    auto site = std::make_unique<SubprogramCallSite>();
    site->target = best;
    size_t n = best->param_names.size();
    site->args.assign(n, nullptr);
    site->targets.resize(n);
    for (size_t i = 0; i < n; ++i) {
        if (best_map[i] < 0) continue;
        ast::Expr &arg = *args[static_cast<size_t>(best_map[i])].value;
        site->args[i] = &arg;
        if (best->modes[i] != ast::ParamMode::Out) CompileExpr(arg, scope);
        if (best->modes[i] != ast::ParamMode::In) {
            if (arg.kind != ast::ExprKind::Name)
                Error(arg.loc,
                      "the argument for " + std::string(best->modes[i] == ast::ParamMode::Out ? "OUT" : "IN OUT") +
                          " parameter \"" + best->param_names[i] + "\" must be a variable",
                      ERRCODE_WRONG_OBJECT_TYPE);
            site->targets[i] = MakeTarget(ast::Cast<ast::NameExpr>(arg).name, arg.loc, scope);
        }
    }
    return site;
}

}  // namespace plpolar::compile
