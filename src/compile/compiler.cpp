#include "plpolar/compile/compiler.hpp"

#include <cctype>
#include <cerrno>
#include <climits>
#include <cstdlib>

#include "plpolar/compile/conditions.hpp"
#include "plpolar/compile/sites.hpp"
#include "plpolar/parser/parser.hpp"
#include "plpolar/pg/catalog.hpp"
#include "plpolar/pg/error_context.hpp"
#include "plpolar/pg/guard.hpp"
#include "plpolar/pg/memory.hpp"
#include "plpolar/pg/row.hpp"
#include "plpolar/settings/settings.hpp"

namespace plpolar::compile {

namespace {

// SQL keywords that read like parameterless functions in PL code.
const char *SqlValueKeyword(const std::string &name) {
    static const struct {
        const char *pl;
        const char *sql;
    } kKeywords[] = {
        {"current_date", "current_date"},
        {"current_time", "current_time"},
        {"current_timestamp", "current_timestamp"},
        {"localtime", "localtime"},
        {"localtimestamp", "localtimestamp"},
        {"current_user", "current_user"},
        {"session_user", "session_user"},
        {"current_role", "current_role"},
        {"current_schema", "current_schema"},
        {"current_catalog", "current_catalog"},
        {"user", "current_user"},
        {"sysdate", "plpolar.sysdate()"},
        {"systimestamp", "plpolar.systimestamp()"},
    };
    for (const auto &k : kKeywords)
        if (name == k.pl) return k.sql;
    return nullptr;
}

bool IsPlainIdentifier(const std::string &s) {
    if (s.empty() || !(std::islower(static_cast<unsigned char>(s[0])) || s[0] == '_')) return false;
    for (char c : s)
        if (!(std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_'))
            return false;
    return true;
}

std::string QuoteIdent(const std::string &s) {
    if (IsPlainIdentifier(s)) return s;
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

std::string QuoteLiteral(const std::string &s) {
    bool backslash = s.find('\\') != std::string::npos;
    std::string out = backslash ? "E'" : "'";
    for (char c : s) {
        if (c == '\'' || (backslash && c == '\\')) out += c;
        out += c;
    }
    return out + "'";
}

struct LoopContext {
    const std::vector<std::string> *labels;
};

class Compiler {
public:
    explicit Compiler(CompiledFunction &fn) : fn_(fn) {}

    // Line shown by the compile error context callback.
    int line() const { return line_; }

    void Run() {
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
        Scope &fscope = NewScope(&session);
        fscope.labels.push_back(fn_.info.name);
        fn_.first_argument_slot = static_cast<int>(fn_.variables.size());
        for (size_t i = 0; i < fn_.info.arg_types.size(); ++i) {
            Variable v;
            v.name = i < fn_.info.arg_names.size() ? fn_.info.arg_names[i] : std::string();
            v.type = fn_.info.arg_types[i];
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
        // The subprogram's name also labels its outermost block, so that
        // f.v reaches the variables of its declaration section.
        fn_.body.block->labels.push_back(fn_.info.name);
        CompileBlock(*fn_.body.block, fscope);
    }

private:
    [[noreturn]] void Error(const ast::SourceLoc &loc, const std::string &message,
                            int sqlstate = ERRCODE_SYNTAX_ERROR) {
        line_ = loc.line;
        pg::Raise(sqlstate, message);
    }

    static Variable SessionVariable(const char *name, Oid type) {
        Variable v;
        v.name = name;
        v.type = pg::TypeFromOid(type, -1);
        v.kind = VariableKind::Session;
        return v;
    }

    Scope &NewScope(const Scope *parent) {
        fn_.scopes.push_back(std::make_unique<Scope>());
        fn_.scopes.back()->parent = parent;
        return *fn_.scopes.back();
    }

    int AddVariable(Variable v) {
        fn_.variables.push_back(std::move(v));
        return static_cast<int>(fn_.variables.size() - 1);
    }

    // A %ROWTYPE or %TYPE may also name a cursor: its row type is only
    // known once its query is prepared, at run time.
    pg::TypeInfo ResolveType(const ast::TypeRef &ref, const Scope &scope,
                             const ast::CursorDecl **row_of_cursor = nullptr) {
        switch (ref.form) {
            case ast::TypeRef::Form::PercentType: {
                int slot = LookupName(fn_, scope, ref.name);
                if (slot >= 0) return fn_.variables[static_cast<size_t>(slot)].type;
                if (ref.name.size() < 2)
                    Error(ref.loc, "variable \"" + ast::JoinName(ref.name) + "\" does not exist in %TYPE");
                return pg::ColumnType(ref.name);
            }
            case ast::TypeRef::Form::PercentRowtype: {
                int slot = LookupName(fn_, scope, ref.name);
                if (slot >= 0) {
                    const Variable &v = fn_.variables[static_cast<size_t>(slot)];
                    if (v.kind == VariableKind::Cursor) {
                        if (row_of_cursor == nullptr)
                            Error(ref.loc, "a cursor's %ROWTYPE can only declare a variable",
                                  ERRCODE_FEATURE_NOT_SUPPORTED);
                        *row_of_cursor = v.cursor;
                        return pg::TypeFromOid(RECORDOID, -1);
                    }
                    if (v.IsRecord()) return v.type;
                    Error(ref.loc, "\"" + ast::JoinName(ref.name) + "\" is not a cursor or record",
                          ERRCODE_WRONG_OBJECT_TYPE);
                }
                return pg::RelationRowType(ref.name);
            }
            case ast::TypeRef::Form::Named: break;
        }
        // TYPE t IS RECORD / REF CURSOR declared in an enclosing block.
        std::string word = ref.text;
        bool plain = !word.empty();
        for (char &c : word) {
            if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$')) plain = false;
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        if (plain) {
            for (const Scope *s = &scope; s != nullptr; s = s->parent) {
                auto it = s->types.find(word);
                if (it != s->types.end()) return it->second;
            }
        }
        pg::TypeInfo type = pg::ParseTypeName(MapOracleTypeName(ref.text));
        type.byte_limit = OracleByteLimit(ref.text);
        if (type.typtype == TYPTYPE_PSEUDO)
            Error(ref.loc, "variables cannot have type " + ref.text, ERRCODE_DATATYPE_MISMATCH);
        return type;
    }

    std::unique_ptr<CastSite> MakeCast(const pg::TypeInfo &target) {
        auto cast = std::make_unique<CastSite>();
        cast->target = target;
        return cast;
    }

    void CompileBlock(ast::BlockStmt &block, const Scope &parent) {
        Scope &scope = NewScope(&parent);
        scope.labels = block.labels;
        auto site = std::make_unique<BlockSite>();
        auto *block_site = site.get();
        block.annotation = std::move(site);
        for (auto &decl : block.decls) {
            line_ = decl->loc.line;
            switch (decl->kind) {
                case ast::DeclKind::Variable: {
                    auto &vd = ast::Cast<ast::VariableDecl>(*decl);
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
                    block_site->inits.push_back(std::move(init));
                    break;
                }
                case ast::DeclKind::Exception: {
                    auto &ed = ast::Cast<ast::ExceptionDecl>(*decl);
                    if (scope.FindException(ed.name) >= 0)
                        Error(ed.loc, "duplicate declaration of exception \"" + ed.name + "\"");
                    ExceptionInfo info;
                    info.name = ed.name;
                    fn_.exceptions.push_back(info);
                    scope.exceptions[ed.name] = static_cast<int>(fn_.exceptions.size() - 1);
                    break;
                }
                case ast::DeclKind::Pragma: CompilePragma(ast::Cast<ast::PragmaDecl>(*decl), scope); break;
                case ast::DeclKind::Cursor: {
                    auto &cd = ast::Cast<ast::CursorDecl>(*decl);
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
                    block_site->cursors.push_back(csite->slot);
                    cd.annotation = std::move(csite);
                    break;
                }
                case ast::DeclKind::RecordType: {
                    auto &rd = ast::Cast<ast::RecordTypeDecl>(*decl);
                    if (scope.types.count(rd.name) != 0)
                        Error(rd.loc, "duplicate declaration of type \"" + rd.name + "\"");
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
                    break;
                }
                case ast::DeclKind::RefCursorType: {
                    auto &rd = ast::Cast<ast::RefCursorTypeDecl>(*decl);
                    scope.types[rd.name] = pg::TypeFromOid(REFCURSOROID, -1);
                    break;
                }
                case ast::DeclKind::Subprogram: DeclareSubprogram(ast::Cast<ast::SubprogramDecl>(*decl), scope); break;
            }
        }
        for (const auto &entry : scope.subprograms)
            for (const SubprogramSite *site : entry.second)
                if (site->definition == nullptr)
                    Error(site->loc, "subprogram \"" + site->name + "\" is declared but never defined");
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

    // PROCEDURE / FUNCTION in a declaration section: registered before its
    // body is compiled, so that it can call itself; a forward declaration
    // lets earlier subprograms call it too.
    void DeclareSubprogram(ast::SubprogramDecl &sd, Scope &scope) {
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

    void CompileSubprogramBody(ast::SubprogramDecl &sd, SubprogramSite &site, const Scope &scope) {
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
        }
        sd.body->labels.push_back(sd.name);
        CompileBlock(*sd.body, pscope);
        site.end_slot = fn_.nslots();
        current_sub_ = saved_sub;
        in_handler_ = saved_in_handler;
        loops_ = std::move(saved_loops);
        goto_targets_ = std::move(saved_gotos);
    }

    // The overloads of a nested subprogram `name` visible here, or null.
    const std::vector<SubprogramSite *> *FindSubprograms(const ast::NameChain &name, const Scope &scope) {
        if (name.size() != 1) return nullptr;
        for (const Scope *s = &scope; s != nullptr; s = s->parent) {
            auto it = s->subprograms.find(name[0]);
            if (it != s->subprograms.end() && !it->second.empty()) return &it->second;
        }
        return nullptr;
    }

    // What a literal or a variable is known to be before running: 0 if not.
    char StaticCategory(const ast::Expr &e, const Scope &scope) {
        if (e.kind == ast::ExprKind::Literal) {
            switch (ast::Cast<ast::LiteralExpr>(e).type) {
                case ast::LiteralExpr::Type::Integer:
                case ast::LiteralExpr::Type::Decimal: return TYPCATEGORY_NUMERIC;
                case ast::LiteralExpr::Type::String: return TYPCATEGORY_STRING;
                case ast::LiteralExpr::Type::Boolean: return TYPCATEGORY_BOOLEAN;
                default: return 0;
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
    std::unique_ptr<SubprogramCallSite> CompileSubprogramCall(const std::vector<SubprogramSite *> &overloads,
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
            size_t n = o->param_names.size();
            std::vector<int> map(n, -1);
            bool viable = true;
            size_t position = 0;
            for (size_t a = 0; a < args.size() && viable; ++a) {
                size_t p = position++;
                if (!args[a].name.empty()) {
                    p = n;
                    for (size_t i = 0; i < n; ++i)
                        if (o->param_names[i] == args[a].name) p = i;
                }
                viable = p < n && map[p] < 0;
                if (viable) map[p] = static_cast<int>(a);
            }
            for (size_t i = 0; i < n && viable; ++i)
                if (map[i] < 0) viable = o->modes[i] == ast::ParamMode::In && o->defaults[i] != nullptr;
            if (!viable) continue;
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
        if (ambiguous)
            Error(loc, "too many declarations of '" + upper + "' match this call", ERRCODE_AMBIGUOUS_FUNCTION);
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

    void CheckUnique(const Scope &scope, const std::string &name, const ast::SourceLoc &loc) {
        if (scope.Find(name) >= 0) Error(loc, "duplicate declaration of \"" + name + "\"");
    }

    // PRAGMA EXCEPTION_INIT(e, -n) in the same declaration section as e.
    void CompilePragma(ast::PragmaDecl &pd, const Scope &scope) {
        if (pd.name != "exception_init")
            Error(pd.loc, "PRAGMA " + pd.name + " is not supported", ERRCODE_FEATURE_NOT_SUPPORTED);
        if (pd.args.size() != 2 || pd.args[0]->kind != ast::ExprKind::Name ||
            pd.args[1]->kind != ast::ExprKind::Literal)
            Error(pd.loc, "PRAGMA EXCEPTION_INIT takes an exception name and an error number literal");
        const auto &name = ast::Cast<ast::NameExpr>(*pd.args[0]).name;
        int index = name.size() == 1 ? scope.FindException(name[0]) : -1;
        if (index < 0)
            Error(pd.loc, "PRAGMA EXCEPTION_INIT names \"" + ast::JoinName(name) +
                              "\", which is not an exception declared in this section");
        const auto &lit = ast::Cast<ast::LiteralExpr>(*pd.args[1]);
        char *end = nullptr;
        long code = std::strtol(lit.text.c_str(), &end, 10);
        if (lit.type != ast::LiteralExpr::Type::Integer || *end != '\0' ||
            !((code < 0 && code >= -1000000) || code == 100))
            Error(pd.loc, "illegal Oracle error number " + lit.text + " for PRAGMA EXCEPTION_INIT",
                  ERRCODE_INVALID_PARAMETER_VALUE);
        ExceptionInfo &info = fn_.exceptions[static_cast<size_t>(index)];
        info.oracle_code = static_cast<int>(code);
        info.sqlstate = SqlStateForOracleCode(info.oracle_code);
    }

    int FindException(const Scope &scope, const std::string &name) {
        for (const Scope *s = &scope; s != nullptr; s = s->parent) {
            int i = s->FindException(name);
            if (i >= 0) return i;
        }
        return -1;
    }

    void CompileChoice(const ast::ExceptionHandler::Choice &choice, const Scope &scope, const ast::SourceLoc &loc,
                       std::vector<Condition> *out) {
        using Form = ast::ExceptionHandler::Choice::Form;
        if (choice.form == Form::Others) {
            out->push_back(Condition{Condition::Kind::Others, 0, -1});
            return;
        }
        if (choice.form == Form::SqlState) {
            const std::string &st = choice.sqlstate;
            bool ok = st.size() == 5;
            for (char c : st)
                if (!(std::isdigit(static_cast<unsigned char>(c)) || std::isupper(static_cast<unsigned char>(c))))
                    ok = false;
            if (!ok) Error(loc, "invalid SQLSTATE code \"" + st + "\"");
            out->push_back(Condition{Condition::Kind::SqlState, MAKE_SQLSTATE(st[0], st[1], st[2], st[3], st[4]), -1});
            return;
        }
        if (choice.name.size() == 1) {
            int index = FindException(scope, choice.name[0]);
            if (index >= 0) {
                const ExceptionInfo &info = fn_.exceptions[static_cast<size_t>(index)];
                if (info.sqlstate != 0)
                    out->push_back(Condition{Condition::Kind::SqlState, info.sqlstate, -1});
                else
                    out->push_back(Condition{Condition::Kind::UserException, 0, index});
                return;
            }
            if (LookupConditionName(choice.name[0], out)) return;
        }
        Error(loc, "unrecognized exception condition \"" + ast::JoinName(choice.name) + "\"", ERRCODE_UNDEFINED_OBJECT);
    }

    void NoteSessionVariables(const std::string &sql) {
        // The parser hooks resolve names only when the statement is first
        // prepared, after the call began: decide by the text.
        std::string lower = sql;
        for (char &c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (lower.find("polar_") != std::string::npos) fn_.uses_session_variables = true;
        if (lower.find("sqlcode") != std::string::npos || lower.find("sqlerrm") != std::string::npos)
            fn_.uses_error_info = true;
    }

    void CompileStmts(ast::StmtList &list, const Scope &scope) {
        // GOTO may reach the labels of this list and of the lists around it.
        std::vector<std::string> labels;
        for (auto &stmt : list)
            for (const auto &l : stmt->labels) labels.push_back(l);
        goto_targets_.push_back(&labels);
        for (auto &stmt : list) CompileStmt(*stmt, scope);
        goto_targets_.pop_back();
    }

    void CheckLoopControl(ast::LoopControlStmt &stmt, const char *what) {
        if (loops_.empty()) Error(stmt.loc, std::string(what) + " cannot be used outside a loop");
        if (stmt.label.empty()) return;
        for (const auto &loop : loops_)
            for (const auto &l : *loop.labels)
                if (l == stmt.label) return;
        Error(stmt.loc, "there is no label \"" + stmt.label + "\" attached to any loop enclosing this statement");
    }

    void CompileLoopBody(ast::Stmt &loop, ast::StmtList &body, const Scope &scope) {
        loops_.push_back(LoopContext{&loop.labels});
        CompileStmts(body, scope);
        loops_.pop_back();
    }

    // An expression of the statement itself (not of a nested body). Calls
    // in it that may run user code get their own subtransaction at run time
    // inside a block with handlers (Executor::EvalPgExpr); only statements
    // that run SQL themselves are marked touches_database.
    void CompileOwn(ast::Expr &e, const Scope &scope, ast::Stmt &) {
        CompileExpr(e, scope);
        e.fast = MakeFast(e);
        if (!e.fast) {
            bool numeric = false;
            e.decimal = MakeDecimal(e, &numeric);
            if (!numeric) e.decimal.reset();  // integers only: FastExpr's or the general path
        }
    }

    // s := s || x [|| y ...]: x, y cannot change s while they are evaluated
    // (no user code), so appending them where s lies gives what
    // concatenating would.
    bool IsSelfAppend(const ast::AssignStmt &s, const StoreSite &site) const {
        if (!site.target.field.empty()) return false;
        const ast::Expr *e = s.value.get();
        size_t parts = 0;
        while (e->kind == ast::ExprKind::Binary && ast::Cast<ast::BinaryExpr>(*e).op == ast::BinaryOp::Concat) {
            const auto &b = ast::Cast<ast::BinaryExpr>(*e);
            if (!RunsNoUserCode(*b.right) || ++parts > kMaxAppendParts) return false;
            e = b.left.get();
        }
        if (parts == 0 || e->kind != ast::ExprKind::Name) return false;
        const auto &left = ast::Cast<ast::NameExpr>(*e);
        if (left.slot != s.slot || left.field_ref || left.builtin != ast::Builtin::None) return false;
        Oid type = fn_.variables[static_cast<size_t>(s.slot)].type.oid;
        return type == TEXTOID || type == fn_.varchar2_oid;
    }

    // Literals, variables and operators only: no call, no SQL that could run
    // user code, so evaluation may stop at an error without unwinding.
    static bool RunsNoUserCode(const ast::Expr &e) {
        switch (e.kind) {
            case ast::ExprKind::Literal: return true;
            case ast::ExprKind::Name: return ast::Cast<ast::NameExpr>(e).builtin == ast::Builtin::None;
            case ast::ExprKind::Unary: return RunsNoUserCode(*ast::Cast<ast::UnaryExpr>(e).operand);
            case ast::ExprKind::Not: return RunsNoUserCode(*ast::Cast<ast::NotExpr>(e).operand);
            case ast::ExprKind::IsNull: return RunsNoUserCode(*ast::Cast<ast::IsNullExpr>(e).operand);
            case ast::ExprKind::Binary: {
                const auto &b = ast::Cast<ast::BinaryExpr>(e);
                return RunsNoUserCode(*b.left) && RunsNoUserCode(*b.right);
            }
            case ast::ExprKind::Case: {
                const auto &c = ast::Cast<ast::CaseExpr>(e);
                if (c.operand && !RunsNoUserCode(*c.operand)) return false;
                if (c.else_value && !RunsNoUserCode(*c.else_value)) return false;
                for (const auto &w : c.whens)
                    if (!RunsNoUserCode(*w.condition) || !RunsNoUserCode(*w.result)) return false;
                return true;
            }
            default: return false;
        }
    }

    // The DecimalExpr for `e`, or null. *numeric tells whether a NUMBER
    // operand is involved: without one the result is not numeric at all.
    std::unique_ptr<DecimalExpr> MakeDecimal(const ast::Expr &e, bool *numeric) {
        using Op = DecimalExpr::Op;
        auto node = std::make_unique<DecimalExpr>();
        if (auto integer = MakeFast(e)) {
            if (integer->boolean) return nullptr;
            node->op = Op::Integer;
            node->integer = std::move(integer);
            return node;
        }
        switch (e.kind) {
            case ast::ExprKind::Literal: {
                const pg::Value &v = static_cast<const LiteralSite &>(*e.annotation).value;
                if (v.isnull || v.type != NUMERICOID) return nullptr;
                if (!pg::NumericToDecimal(v.datum, &node->value)) return nullptr;
                node->op = Op::Const;
                *numeric = true;
                return node;
            }
            case ast::ExprKind::Name: {
                const auto &n = ast::Cast<ast::NameExpr>(e);
                if (n.slot < 0 || n.field_ref || n.builtin != ast::Builtin::None) return nullptr;
                if (fn_.variables[static_cast<size_t>(n.slot)].type.oid != NUMERICOID) return nullptr;
                node->op = Op::Slot;
                node->slot = n.slot;
                *numeric = true;
                return node;
            }
            case ast::ExprKind::Unary: {
                const auto &u = ast::Cast<ast::UnaryExpr>(e);
                auto operand = MakeDecimal(*u.operand, numeric);
                if (!operand || u.op == ast::UnaryOp::Plus) return operand;
                node->op = Op::Neg;
                node->left = std::move(operand);
                return node;
            }
            case ast::ExprKind::Binary: {
                const auto &b = ast::Cast<ast::BinaryExpr>(e);
                switch (b.op) {
                    case ast::BinaryOp::Add: node->op = Op::Add; break;
                    case ast::BinaryOp::Sub: node->op = Op::Sub; break;
                    case ast::BinaryOp::Mul: node->op = Op::Mul; break;
                    default: return nullptr;  // division's scale, powers: PostgreSQL's numeric
                }
                node->left = MakeDecimal(*b.left, numeric);
                node->right = node->left ? MakeDecimal(*b.right, numeric) : nullptr;
                if (!node->right) return nullptr;
                return node;
            }
            default: return nullptr;
        }
    }

    // The FastExpr for `e`, or null when an operand's type is not fixed.
    std::unique_ptr<FastExpr> MakeFast(const ast::Expr &e) {
        using Op = FastExpr::Op;
        auto node = std::make_unique<FastExpr>();
        auto both = [&](const ast::Expr &l, const ast::Expr &r, bool operands_boolean) {
            node->left = MakeFast(l);
            node->right = MakeFast(r);
            return node->left && node->right && node->left->boolean == operands_boolean &&
                   node->right->boolean == operands_boolean;
        };
        switch (e.kind) {
            case ast::ExprKind::Literal: {
                const pg::Value &v = static_cast<const LiteralSite &>(*e.annotation).value;
                if (v.isnull || (v.type != INT4OID && v.type != BOOLOID)) return nullptr;
                node->op = Op::Const;
                node->boolean = v.type == BOOLOID;
                node->value = node->boolean ? DatumGetBool(v.datum) : DatumGetInt32(v.datum);
                return node;
            }
            case ast::ExprKind::Name: {
                const auto &n = ast::Cast<ast::NameExpr>(e);
                if (n.slot < 0 || n.field_ref || n.builtin != ast::Builtin::None) return nullptr;
                Oid type = fn_.variables[static_cast<size_t>(n.slot)].type.oid;
                if (type != INT4OID && type != BOOLOID) return nullptr;
                node->op = Op::Slot;
                node->slot = n.slot;
                node->boolean = type == BOOLOID;
                return node;
            }
            case ast::ExprKind::Unary: {
                const auto &u = ast::Cast<ast::UnaryExpr>(e);
                auto operand = MakeFast(*u.operand);
                if (!operand || operand->boolean) return nullptr;
                if (u.op == ast::UnaryOp::Plus) return operand;
                node->op = Op::Neg;
                node->left = std::move(operand);
                return node;
            }
            case ast::ExprKind::Binary: {
                const auto &b = ast::Cast<ast::BinaryExpr>(e);
                switch (b.op) {
                    case ast::BinaryOp::Add: node->op = Op::Add; break;
                    case ast::BinaryOp::Sub: node->op = Op::Sub; break;
                    case ast::BinaryOp::Mul: node->op = Op::Mul; break;
                    case ast::BinaryOp::Eq: node->op = Op::Eq; break;
                    case ast::BinaryOp::Ne: node->op = Op::Ne; break;
                    case ast::BinaryOp::Lt: node->op = Op::Lt; break;
                    case ast::BinaryOp::Le: node->op = Op::Le; break;
                    case ast::BinaryOp::Gt: node->op = Op::Gt; break;
                    case ast::BinaryOp::Ge: node->op = Op::Ge; break;
                    case ast::BinaryOp::And: node->op = Op::And; break;
                    case ast::BinaryOp::Or: node->op = Op::Or; break;
                    default: return nullptr;  // exact division, powers, ||
                }
                bool logical = node->op == Op::And || node->op == Op::Or;
                if (!both(*b.left, *b.right, logical)) return nullptr;
                node->boolean = logical || ast::IsComparison(b.op);
                return node;
            }
            case ast::ExprKind::Not: {
                node->left = MakeFast(*ast::Cast<ast::NotExpr>(e).operand);
                if (!node->left || !node->left->boolean) return nullptr;
                node->op = Op::Not;
                node->boolean = true;
                return node;
            }
            case ast::ExprKind::Case: {
                // All results of one kind; a simple CASE compares integers.
                const auto &c = ast::Cast<ast::CaseExpr>(e);
                node->op = Op::Case;
                if (c.operand) {
                    node->left = MakeFast(*c.operand);
                    if (!node->left || node->left->boolean) return nullptr;
                }
                int kind = -1;  // 0 integer, 1 boolean
                auto result = [&](const ast::Expr &r) -> std::unique_ptr<FastExpr> {
                    auto f = MakeFast(r);
                    if (!f) return nullptr;
                    int k = f->boolean ? 1 : 0;
                    if (kind >= 0 && kind != k) return nullptr;
                    kind = k;
                    return f;
                };
                for (const auto &w : c.whens) {
                    auto cond = MakeFast(*w.condition);
                    if (!cond || cond->boolean != !c.operand) return nullptr;
                    auto then = result(*w.result);
                    if (!then) return nullptr;
                    node->whens.push_back(std::move(cond));
                    node->thens.push_back(std::move(then));
                }
                if (c.else_value) {
                    node->right = result(*c.else_value);
                    if (!node->right) return nullptr;
                }
                if (kind < 0) return nullptr;
                node->boolean = kind == 1;
                return node;
            }
            case ast::ExprKind::IsNull: {
                const auto &n = ast::Cast<ast::IsNullExpr>(e);
                node->left = MakeFast(*n.operand);
                if (!node->left) return nullptr;
                node->op = n.negated ? Op::IsNotNull : Op::IsNull;
                node->boolean = true;
                return node;
            }
            default: return nullptr;
        }
    }

    TargetSite MakeTarget(const ast::NameChain &name, const ast::SourceLoc &loc, const Scope &scope) {
        Reference ref = LookupReference(fn_, scope, name);
        if (ref.slot < 0) Error(loc, "\"" + ast::JoinName(name) + "\" is not a known variable");
        const Variable &v = fn_.variables[static_cast<size_t>(ref.slot)];
        if (v.constant) Error(loc, "variable \"" + v.name + "\" is declared CONSTANT");
        if (v.ReadOnly()) Error(loc, "variable \"" + v.name + "\" is read-only");
        TargetSite t;
        t.slot = ref.slot;
        t.field = ref.field;
        t.record = ref.field.empty() && v.IsRecord();
        t.cast = MakeCast(ref.field.empty() ? v.type : pg::TypeInfo{});
        return t;
    }

    std::vector<TargetSite> MakeTargets(const std::vector<ast::Target> &targets, const Scope &scope) {
        std::vector<TargetSite> out;
        for (const auto &t : targets) out.push_back(MakeTarget(t.name, t.loc, scope));
        for (size_t i = 0; i < out.size() && out.size() > 1; ++i)
            if (out[i].record) Error(targets[i].loc, "a record must be the only INTO target");
        return out;
    }

    // The cursor or cursor variable an OPEN / FETCH / CLOSE / FOR names.
    int CursorSlot(const ast::NameChain &name, const ast::SourceLoc &loc, const Scope &scope) {
        int slot = LookupName(fn_, scope, name);
        if (slot < 0) Error(loc, "cursor \"" + ast::JoinName(name) + "\" is not declared", ERRCODE_UNDEFINED_OBJECT);
        const Variable &v = fn_.variables[static_cast<size_t>(slot)];
        if (v.kind != VariableKind::Cursor && v.type.oid != REFCURSOROID)
            Error(loc, "\"" + ast::JoinName(name) + "\" is not a cursor", ERRCODE_DATATYPE_MISMATCH);
        return slot;
    }

    // Maps a cursor's actual arguments (positional or name => value) to its
    // parameters; omitted ones need a default.
    void CompileCursorArgs(std::vector<ast::CallArg> &args, const ast::CursorDecl &cd, CursorUseSite &site,
                           const Scope &scope, ast::Stmt &stmt) {
        auto &csite = static_cast<CursorSite &>(*cd.annotation);
        std::vector<bool> given(csite.param_slots.size(), false);
        size_t position = 0;
        for (auto &arg : args) {
            size_t index = position;
            if (!arg.name.empty()) {
                index = csite.param_names.size();
                for (size_t i = 0; i < csite.param_names.size(); ++i)
                    if (csite.param_names[i] == arg.name) index = i;
                if (index == csite.param_names.size())
                    Error(stmt.loc, "cursor \"" + cd.name + "\" has no parameter \"" + arg.name + "\"");
            } else {
                ++position;
            }
            if (index >= csite.param_slots.size())
                Error(stmt.loc, "too many arguments for cursor \"" + cd.name + "\"", ERRCODE_SYNTAX_ERROR);
            if (given[index]) Error(stmt.loc, "cursor parameter \"" + csite.param_names[index] + "\" given twice");
            given[index] = true;
            CompileOwn(*arg.value, scope, stmt);
            site.arg_param.push_back(static_cast<int>(index));
        }
        for (size_t i = 0; i < given.size(); ++i)
            if (!given[i] && csite.param_defaults[i] == nullptr)
                Error(stmt.loc,
                      "missing value for parameter \"" + csite.param_names[i] + "\" of cursor \"" + cd.name + "\"");
    }

    void CompileBindArgs(std::vector<ast::BindArg> &args, DynamicSite *dyn, const Scope &scope, ast::Stmt &stmt) {
        for (auto &arg : args) {
            CompileOwn(*arg.value, scope, stmt);
            TargetSite t;
            if (arg.mode != ast::BindArg::Mode::In) {
                if (arg.value->kind != ast::ExprKind::Name)
                    Error(arg.value->loc, "an OUT bind argument must be a variable");
                t = MakeTarget(ast::Cast<ast::NameExpr>(*arg.value).name, arg.value->loc, scope);
            }
            if (dyn != nullptr) dyn->out_args.push_back(std::move(t));
        }
    }

    void CompileStmt(ast::Stmt &stmt, const Scope &scope) {
        // A body of many statements takes a while; stay cancellable.
        pg::CheckForInterrupts();
        line_ = stmt.loc.line;
        switch (stmt.kind) {
            case ast::StmtKind::Block: {
                CompileBlock(ast::Cast<ast::BlockStmt>(stmt), scope);
                return;
            }
            case ast::StmtKind::Assign: {
                auto &s = ast::Cast<ast::AssignStmt>(stmt);
                auto site = std::make_unique<StoreSite>();
                site->target = MakeTarget(s.target, s.loc, scope);
                s.slot = site->target.slot;
                CompileOwn(*s.value, scope, s);
                site->cast.target = fn_.variables[static_cast<size_t>(s.slot)].type;
                site->soft_errors = RunsNoUserCode(*s.value);
                site->append = IsSelfAppend(s, *site);
                s.annotation = std::move(site);
                return;
            }
            case ast::StmtKind::If: {
                auto &s = ast::Cast<ast::IfStmt>(stmt);
                for (auto &branch : s.branches) CompileOwn(*branch.condition, scope, s);
                for (auto &branch : s.branches) CompileStmts(branch.body, scope);
                CompileStmts(s.else_body, scope);
                return;
            }
            case ast::StmtKind::Loop: {
                auto &s = ast::Cast<ast::LoopStmt>(stmt);
                CompileLoopBody(s, s.body, scope);
                return;
            }
            case ast::StmtKind::While: {
                auto &s = ast::Cast<ast::WhileStmt>(stmt);
                CompileOwn(*s.condition, scope, s);
                CompileLoopBody(s, s.body, scope);
                return;
            }
            case ast::StmtKind::ForRange: {
                auto &s = ast::Cast<ast::ForRangeStmt>(stmt);
                CompileOwn(*s.low, scope, s);
                CompileOwn(*s.high, scope, s);
                Scope &loop_scope = NewScope(&scope);
                loop_scope.labels = s.labels;
                Variable v;
                v.name = s.variable;
                v.type = pg::TypeFromOid(INT4OID, -1);
                v.kind = VariableKind::LoopIndex;
                v.loc = s.loc;
                s.slot = AddVariable(std::move(v));
                loop_scope.names[s.variable] = s.slot;
                auto site = std::make_unique<ForSite>();
                site->low_cast.target = pg::TypeFromOid(INT4OID, -1);
                site->high_cast.target = pg::TypeFromOid(INT4OID, -1);
                s.annotation = std::move(site);
                CompileLoopBody(s, s.body, loop_scope);
                return;
            }
            case ast::StmtKind::ForCursor: {
                auto &s = ast::Cast<ast::ForCursorStmt>(stmt);
                s.touches_database = true;
                auto site = std::make_unique<CursorUseSite>();
                if (s.cursor.empty()) {
                    NoteSessionVariables(s.query);
                    site->query = std::make_unique<SqlSite>(fn_, scope, s.query, fn_.nslots());
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
                return;
            }
            case ast::StmtKind::Case: {
                auto &s = ast::Cast<ast::CaseStmt>(stmt);
                if (s.operand) CompileOwn(*s.operand, scope, s);
                for (auto &w : s.whens) CompileOwn(*w.condition, scope, s);
                auto site = MakeCaseSite(s.whens.size());
                for (auto &w : s.whens) site->conditions.push_back(w.condition.get());
                s.annotation = std::move(site);
                for (auto &w : s.whens) CompileStmts(w.body, scope);
                CompileStmts(s.else_body, scope);
                return;
            }
            case ast::StmtKind::Exit:
            case ast::StmtKind::Continue: {
                auto &s = static_cast<ast::LoopControlStmt &>(stmt);
                CheckLoopControl(s, stmt.kind == ast::StmtKind::Exit ? "EXIT" : "CONTINUE");
                if (s.condition) CompileOwn(*s.condition, scope, s);
                return;
            }
            case ast::StmtKind::Null: return;
            case ast::StmtKind::Goto: {
                auto &s = ast::Cast<ast::GotoStmt>(stmt);
                for (const auto *labels : goto_targets_)
                    for (const auto &l : *labels)
                        if (l == s.label) return;
                Error(s.loc, "GOTO to label \"" + s.label +
                                 "\", which is not on a statement of this block or an enclosing one");
            }
            case ast::StmtKind::Commit:
            case ast::StmtKind::Rollback:
                // The handled error's subtransaction state would not survive
                // it; PostgreSQL forbids it there too.
                if (in_handler_ > 0)
                    Error(stmt.loc,
                          std::string(stmt.kind == ast::StmtKind::Commit ? "COMMIT" : "ROLLBACK") +
                              " is not allowed in an exception handler",
                          ERRCODE_INVALID_TRANSACTION_TERMINATION);
                return;
            case ast::StmtKind::Return: {
                auto &s = ast::Cast<ast::ReturnStmt>(stmt);
                bool returns_value = current_sub_ != nullptr ? current_sub_->is_function : fn_.info.ReturnsValue();
                if (s.value && !returns_value)
                    Error(s.loc, current_sub_ != nullptr      ? "RETURN cannot have a value in a procedure"
                                 : fn_.info.oid == InvalidOid ? "RETURN cannot have a value in a DO block"
                                 : fn_.info.is_event_trigger ? "RETURN cannot have a value in an event trigger function"
                                 : fn_.info.is_procedure     ? "RETURN cannot have a value in a procedure"
                                 : !fn_.info.output_args.empty()
                                     ? "RETURN cannot have a value in a function with OUT parameters"
                                     : "RETURN cannot have a value in a function returning void");
                if (!s.value && returns_value) Error(s.loc, "RETURN in a function must return a value");
                if (s.value) {
                    CompileOwn(*s.value, scope, s);
                    auto site = std::make_unique<StoreSite>();
                    site->cast.target = current_sub_ != nullptr ? current_sub_->return_type : fn_.info.return_type;
                    s.annotation = std::move(site);
                }
                return;
            }
            case ast::StmtKind::Raise: {
                auto &s = ast::Cast<ast::RaiseStmt>(stmt);
                if (s.exception.empty()) {
                    if (in_handler_ == 0)
                        Error(s.loc, "RAISE without an exception name is only allowed in an exception handler");
                    return;
                }
                if (s.exception.size() == 1) {
                    int index = FindException(scope, s.exception[0]);
                    if (index >= 0) {
                        const ExceptionInfo &info = fn_.exceptions[static_cast<size_t>(index)];
                        s.user_exception = index;
                        s.sqlstate = info.sqlstate != 0 ? info.sqlstate : ERRCODE_RAISE_EXCEPTION;
                        s.message = info.oracle_code == 0 ? "unhandled user-defined exception \"" + info.name + "\""
                                                          : SqlErrmForCode(info.oracle_code);
                        return;
                    }
                    std::vector<Condition> conditions;
                    if (s.exception[0] != "others" && LookupConditionName(s.exception[0], &conditions)) {
                        s.sqlstate = conditions.front().sqlstate;
                        s.message = ConditionMessage(s.exception[0]);
                        return;
                    }
                }
                Error(s.loc, "unrecognized exception condition \"" + ast::JoinName(s.exception) + "\"",
                      ERRCODE_UNDEFINED_OBJECT);
            }
            case ast::StmtKind::Sql: {
                auto &s = ast::Cast<ast::SqlStmt>(stmt);
                s.touches_database = true;
                if (s.verb == ast::SqlVerb::Select && s.into.empty())
                    Error(s.loc, "an INTO clause is expected in this SELECT statement");
                if (!s.row_record.empty()) {
                    // INSERT INTO t VALUES rec / UPDATE t SET ROW = rec, in
                    // PostgreSQL's words.
                    if (LookupName(fn_, scope, ast::NameChain{parser::FoldIdentifier(s.row_record)}) < 0)
                        Error(s.loc, "\"" + s.row_record + "\" is not a known record variable");
                    if (s.verb == ast::SqlVerb::Insert) {
                        s.text = "INSERT INTO " + s.row_table + " SELECT (" + s.row_record + ").* " + s.text;
                    } else {
                        std::string cols;
                        for (const auto &c : pg::RelationColumns(s.row_table))
                            cols += (cols.empty() ? "" : ", ") + QuoteIdent(c);
                        s.text =
                            "UPDATE " + s.row_table + " SET (" + cols + ") = ROW((" + s.row_record + ").*) " + s.text;
                    }
                }
                NoteSessionVariables(s.text);
                auto site = std::make_unique<SqlSite>(fn_, scope, s.text, fn_.nslots());
                site->targets = MakeTargets(s.into, scope);
                s.annotation = std::move(site);
                return;
            }
            case ast::StmtKind::Call: {
                auto &s = ast::Cast<ast::CallStmt>(stmt);
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
                {
                    const ast::NameChain &called = s.call->kind == ast::ExprKind::Call
                                                       ? ast::Cast<ast::CallExpr>(*s.call).name
                                                       : ast::Cast<ast::NameExpr>(*s.call).name;
                    if (pg::ProcedureNameExists(called)) {
                        // CALL binds OUT and IN OUT arguments back to the
                        // variables passed (PostgreSQL reports which they are).
                        s.target = ast::CallTarget::Procedure;
                        s.touches_database = true;
                        std::string text = "CALL " + s.text + (s.call->kind == ast::ExprKind::Call ? "" : "()");
                        s.annotation = std::make_unique<ProcedureCallSite>(fn_, scope, std::move(text), fn_.nslots());
                        return;
                    }
                }
                CompileOwn(*s.call, scope, s);
                // Kept for a procedure of this name created after compiling.
                s.annotation = std::make_unique<FunctionCallSite>(scope);
                return;
            }
            case ast::StmtKind::Open: {
                auto &s = ast::Cast<ast::OpenStmt>(stmt);
                s.touches_database = true;
                auto site = std::make_unique<CursorUseSite>();
                site->slot = CursorSlot(s.cursor, s.loc, scope);
                const Variable &v = fn_.variables[static_cast<size_t>(site->slot)];
                site->cursor = v.cursor;
                if (site->cursor != nullptr) {
                    if (!s.query.empty() || s.dynamic)
                        Error(s.loc,
                              "OPEN ... FOR needs a cursor variable, and \"" + v.name + "\" is a declared cursor");
                    CompileCursorArgs(s.args, *site->cursor, *site, scope, s);
                } else {
                    if (!s.args.empty()) Error(s.loc, "a cursor variable takes no arguments");
                    if (s.query.empty() && !s.dynamic) Error(s.loc, "OPEN of a cursor variable needs FOR and a query");
                    if (v.ReadOnly()) Error(s.loc, "variable \"" + v.name + "\" is read-only");
                    if (!s.query.empty()) {
                        NoteSessionVariables(s.query);
                        site->query = std::make_unique<SqlSite>(fn_, scope, s.query, fn_.nslots());
                    }
                    if (s.dynamic) CompileOwn(*s.dynamic, scope, s);
                    CompileBindArgs(s.using_args, nullptr, scope, s);
                }
                s.annotation = std::move(site);
                return;
            }
            case ast::StmtKind::Fetch: {
                auto &s = ast::Cast<ast::FetchStmt>(stmt);
                s.touches_database = true;
                auto site = std::make_unique<CursorUseSite>();
                site->slot = CursorSlot(s.cursor, s.loc, scope);
                site->targets = MakeTargets(s.into, scope);
                s.annotation = std::move(site);
                return;
            }
            case ast::StmtKind::Close: {
                auto &s = ast::Cast<ast::CloseStmt>(stmt);
                auto site = std::make_unique<CursorUseSite>();
                site->slot = CursorSlot(s.cursor, s.loc, scope);
                s.annotation = std::move(site);
                return;
            }
            case ast::StmtKind::ExecuteImmediate: {
                auto &s = ast::Cast<ast::ExecuteImmediateStmt>(stmt);
                s.touches_database = true;
                auto site = std::make_unique<DynamicSite>();
                CompileOwn(*s.sql, scope, s);
                site->into = MakeTargets(s.into, scope);
                CompileBindArgs(s.using_args, site.get(), scope, s);
                site->returning = MakeTargets(s.returning_into, scope);
                s.annotation = std::move(site);
                return;
            }
        }
    }

    // ---- expressions -----------------------------------------------------

    void CompileLiteral(ast::LiteralExpr &lit) {
        auto site = std::make_unique<LiteralSite>();
        pg::MemoryContextScope in_function(fn_.context);
        switch (lit.type) {
            case ast::LiteralExpr::Type::Integer: {
                errno = 0;
                char *end = nullptr;
                long long v = std::strtoll(lit.text.c_str(), &end, 10);
                if (errno == 0 && *end == '\0' && v >= INT_MIN && v <= INT_MAX)
                    site->value = pg::Value::Of(Int32GetDatum(static_cast<int32>(v)), INT4OID);
                else if (errno == 0 && *end == '\0')
                    site->value = pg::Value::Of(Int64GetDatum(static_cast<int64>(v)), INT8OID);
                else
                    site->value = pg::Value::Of(pg::InputValue(lit.text, pg::TypeFromOid(NUMERICOID, -1)), NUMERICOID);
                break;
            }
            case ast::LiteralExpr::Type::Decimal:
                site->value = pg::Value::Of(pg::InputValue(lit.text, pg::TypeFromOid(NUMERICOID, -1)), NUMERICOID);
                break;
            case ast::LiteralExpr::Type::String:
                // Oracle has no zero-length strings: '' is NULL.
                if (lit.text.empty() && fn_.empty_string_is_null)
                    site->value = pg::Value::Null(TEXTOID);
                else
                    site->value = pg::Value::Of(pg::MakeText(lit.text.data(), lit.text.size()), TEXTOID);
                break;
            case ast::LiteralExpr::Type::Boolean:
                site->value = pg::Value::Of(BoolGetDatum(lit.text == "true"), BOOLOID);
                break;
            case ast::LiteralExpr::Type::Null: site->value = pg::Value::Null(UNKNOWNOID); break;
            case ast::LiteralExpr::Type::Typed: {
                pg::TypeInfo type = pg::ParseTypeName(MapOracleTypeName(lit.type_name));
                site->value = pg::Value::Of(pg::InputValue(lit.text, type), type.oid, type.typmod);
                break;
            }
        }
        lit.annotation = std::move(site);
    }

    // An operand of a call: literals are written into the SQL so that
    // PostgreSQL resolves them as it would in SQL; anything else is $n.
    std::string OperandSql(const ast::Expr &e, SqlExprSite &site) {
        if (e.kind == ast::ExprKind::Literal) {
            const auto &lit = ast::Cast<ast::LiteralExpr>(e);
            switch (lit.type) {
                case ast::LiteralExpr::Type::Integer:
                case ast::LiteralExpr::Type::Decimal: return lit.text[0] == '-' ? "(" + lit.text + ")" : lit.text;
                case ast::LiteralExpr::Type::String: return QuoteLiteral(lit.text);
                case ast::LiteralExpr::Type::Boolean: return lit.text;
                case ast::LiteralExpr::Type::Null: return "NULL";
                case ast::LiteralExpr::Type::Typed:
                    return "CAST(" + QuoteLiteral(lit.text) + " AS " + MapOracleTypeName(lit.type_name) + ")";
            }
        }
        site.operands.push_back(&e);
        return "$" + std::to_string(site.operands.size());
    }

    // A package member (DBMS_OUTPUT.PUT_LINE) unless the first name is a
    // variable (a record's field).
    const PackageMember *PackageMemberOf(const ast::NameChain &name, const Scope &scope) {
        if (name.size() != 2 || LookupName(fn_, scope, ast::NameChain{name[0]}) >= 0) return nullptr;
        return FindPackageMember(name);
    }

    static std::string Upper(const ast::NameChain &name) {
        std::string out = ast::JoinName(name);
        for (char &c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        return out;
    }

    // DBMS_OUTPUT.x(...) as a statement.
    bool CompilePackageCall(ast::CallStmt &s, const Scope &scope) {
        bool parens = s.call->kind == ast::ExprKind::Call;
        auto *call = parens ? &ast::Cast<ast::CallExpr>(*s.call) : nullptr;
        const ast::NameChain &name = parens ? call->name : ast::Cast<ast::NameExpr>(*s.call).name;
        const PackageMember *m = PackageMemberOf(name, scope);
        if (m == nullptr) return false;
        if (!m->procedure)
            Error(s.loc, Upper(name) + " is a function; use its value in an expression", ERRCODE_WRONG_OBJECT_TYPE);
        auto site = std::make_unique<PackageCallSite>();
        site->member = m;
        site->args.assign(m->params.size(), nullptr);
        site->targets.resize(m->params.size());
        auto wrong = [&] {
            Error(s.loc, "wrong number or types of arguments in call to '" + Upper(name) + "'",
                  ERRCODE_UNDEFINED_FUNCTION);
        };
        std::vector<ast::CallArg> none;
        size_t position = 0;
        for (auto &arg : parens ? call->args : none) {
            size_t p = position++;
            if (!arg.name.empty()) {
                p = m->params.size();
                for (size_t i = 0; i < m->params.size(); ++i)
                    if (arg.name == m->params[i]) p = i;
            }
            if (p >= m->params.size() || site->args[p] != nullptr) wrong();
            site->args[p] = arg.value.get();
            if (m->modes[p] != ParamMode::Out) CompileOwn(*arg.value, scope, s);
            if (m->modes[p] != ParamMode::In) {
                if (arg.value->kind != ast::ExprKind::Name)
                    Error(arg.value->loc,
                          "argument '" + std::string(m->params[p]) + "' of " + Upper(name) + " must be a variable",
                          ERRCODE_WRONG_OBJECT_TYPE);
                site->targets[p] = MakeTarget(ast::Cast<ast::NameExpr>(*arg.value).name, arg.value->loc, scope);
            }
        }
        for (size_t i = 0; i < m->required; ++i)
            if (site->args[i] == nullptr) wrong();
        if (parens)
            call->builtin = m->builtin;
        else
            ast::Cast<ast::NameExpr>(*s.call).builtin = m->builtin;
        s.annotation = std::move(site);
        return true;
    }

    // DBMS_UTILITY.x in an expression; false if `name` is no package member.
    bool CompilePackageFunction(const ast::NameChain &name, size_t nargs, ast::Builtin &builtin,
                                const ast::SourceLoc &loc, const Scope &scope) {
        const PackageMember *m = PackageMemberOf(name, scope);
        if (m == nullptr) return false;
        if (m->procedure)
            Error(loc, Upper(name) + " is a procedure; call it as a statement", ERRCODE_WRONG_OBJECT_TYPE);
        if (nargs != 0)
            Error(loc, "wrong number or types of arguments in call to '" + Upper(name) + "'",
                  ERRCODE_UNDEFINED_FUNCTION);
        builtin = m->builtin;
        return true;
    }

    // The built-ins with a native fast path, for the argument counts it
    // handles (positional arguments only).
    static ast::Builtin NativeBuiltin(const ast::CallExpr &call) {
        for (const auto &arg : call.args)
            if (!arg.name.empty()) return ast::Builtin::None;
        const std::string &name = call.name[0];
        size_t n = call.args.size();
        if (name == "length" && n == 1) return ast::Builtin::Length;
        if (name == "substr" && (n == 2 || n == 3)) return ast::Builtin::Substr;
        if (name == "nvl" && n == 2) return ast::Builtin::Nvl;
        if (name == "mod" && n == 2) return ast::Builtin::Mod;
        return ast::Builtin::None;
    }

    void CompileCall(ast::CallExpr &call, const Scope &scope) {
        if (LookupName(fn_, scope, call.name) < 0) {
            if (const auto *overloads = FindSubprograms(call.name, scope)) {
                call.annotation = CompileSubprogramCall(*overloads, call.name, call.args, true, call.loc, scope);
                call.builtin = ast::Builtin::Subprogram;
                return;
            }
        }
        if (CompilePackageFunction(call.name, call.args.size(), call.builtin, call.loc, scope)) return;
        for (auto &arg : call.args) CompileExpr(*arg.value, scope);
        int named = call.name.size() == 1 ? LookupName(fn_, scope, call.name) : -1;
        if (named == fn_.sqlerrm_slot) {
            if (call.args.size() != 1 || !call.args[0].name.empty())
                Error(call.loc, "SQLERRM takes one error number", ERRCODE_UNDEFINED_FUNCTION);
            call.builtin = ast::Builtin::SqlErrm;
            return;
        }
        if (call.name.size() == 1 && named < 0) {
            if (call.name[0] == "sqlerrm") {
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
            sql = "plpolar";
            call.builtin = NativeBuiltin(call);
        }
        for (const auto &part : call.name) sql += (sql.empty() ? "" : ".") + QuoteIdent(part);
        sql += "(";
        for (size_t i = 0; i < call.args.size(); ++i) {
            if (i > 0) sql += ", ";
            if (!call.args[i].name.empty()) sql += QuoteIdent(call.args[i].name) + " => ";
            if (call.builtin != ast::Builtin::None) {
                // Every argument a parameter: the native path has evaluated
                // them all when it falls back.
                site->operands.push_back(call.args[i].value.get());
                sql += "$" + std::to_string(site->operands.size());
            } else {
                sql += OperandSql(*call.args[i].value, *site);
            }
        }
        sql += ")";
        site->sql = std::move(sql);
        call.annotation = std::move(site);
    }

    void CompileName(ast::NameExpr &name, const Scope &scope) {
        Reference ref = LookupReference(fn_, scope, name.name);
        name.slot = ref.slot;
        if (name.slot >= 0) {
            if (fn_.variables[static_cast<size_t>(name.slot)].kind == VariableKind::Session)
                fn_.uses_session_variables = true;
            if (fn_.variables[static_cast<size_t>(name.slot)].kind == VariableKind::ErrorInfo)
                fn_.uses_error_info = true;
            if (!ref.field.empty()) {
                name.field_ref = true;
                auto site = std::make_unique<FieldSite>();
                site->field = ref.field;
                const Variable &v = fn_.variables[static_cast<size_t>(name.slot)];
                // Fields of a declared row type are checked now; a cursor
                // row's only when it has one.
                if (v.type.oid != RECORDOID || v.type.typmod >= 0) {
                    bool found = false;
                    for (const auto &f : pg::RowFields(v.type.oid, v.type.typmod)) found = found || f.name == ref.field;
                    if (!found)
                        Error(name.loc, "record \"" + v.name + "\" has no field \"" + ref.field + "\"",
                              ERRCODE_UNDEFINED_COLUMN);
                }
                name.annotation = std::move(site);
            }
            return;
        }
        if (const auto *overloads = FindSubprograms(name.name, scope)) {
            std::vector<ast::CallArg> none;
            name.annotation = CompileSubprogramCall(*overloads, name.name, none, true, name.loc, scope);
            name.builtin = ast::Builtin::Subprogram;
            return;
        }
        if (CompilePackageFunction(name.name, 0, name.builtin, name.loc, scope)) return;
        auto site = std::make_unique<SqlExprSite>();
        const char *keyword = name.name.size() == 1 ? SqlValueKeyword(name.name[0]) : nullptr;
        if (keyword != nullptr) {
            site->sql = keyword;
        } else {
            // Oracle calls parameterless functions without parentheses.
            if (!pg::FunctionCallableWithoutArguments(name.name))
                Error(name.loc, "identifier \"" + ast::JoinName(name.name) + "\" must be declared",
                      ERRCODE_UNDEFINED_OBJECT);
            std::string sql;
            for (const auto &part : name.name) sql += (sql.empty() ? "" : ".") + QuoteIdent(part);
            site->sql = sql + "()";
        }
        name.annotation = std::move(site);
    }

    std::unique_ptr<SqlExprSite> Fallback(std::string sql) {
        auto site = std::make_unique<SqlExprSite>();
        site->sql = std::move(sql);
        return site;
    }

    std::unique_ptr<CaseSite> MakeCaseSite(size_t nwhen) {
        auto site = std::make_unique<CaseSite>();
        for (size_t i = 0; i < nwhen; ++i) site->equals.push_back(Fallback("$1 = $2"));
        return site;
    }

    void CompileExpr(ast::Expr &e, const Scope &scope) {
        switch (e.kind) {
            case ast::ExprKind::Case: {
                auto &c = ast::Cast<ast::CaseExpr>(e);
                if (c.operand) CompileExpr(*c.operand, scope);
                for (auto &w : c.whens) {
                    CompileExpr(*w.condition, scope);
                    CompileExpr(*w.result, scope);
                }
                if (c.else_value) CompileExpr(*c.else_value, scope);
                auto site = MakeCaseSite(c.whens.size());
                for (auto &w : c.whens) site->conditions.push_back(w.condition.get());
                c.annotation = std::move(site);
                return;
            }
            case ast::ExprKind::Literal: CompileLiteral(ast::Cast<ast::LiteralExpr>(e)); return;
            case ast::ExprKind::Name: CompileName(ast::Cast<ast::NameExpr>(e), scope); return;
            case ast::ExprKind::Unary: {
                auto &u = ast::Cast<ast::UnaryExpr>(e);
                CompileExpr(*u.operand, scope);
                auto site = std::make_unique<OperatorSite>();
                site->fallback = Fallback(u.op == ast::UnaryOp::Minus ? "- $1" : "+ $1");
                u.annotation = std::move(site);
                return;
            }
            case ast::ExprKind::Binary: {
                auto &b = ast::Cast<ast::BinaryExpr>(e);
                CompileExpr(*b.left, scope);
                CompileExpr(*b.right, scope);
                if (b.op == ast::BinaryOp::And || b.op == ast::BinaryOp::Or || b.op == ast::BinaryOp::Concat) return;
                auto site = std::make_unique<OperatorSite>();
                site->fallback = Fallback(
                    b.op == ast::BinaryOp::Pow ? "power($1, $2)" : std::string("$1 ") + ast::ToString(b.op) + " $2");
                b.annotation = std::move(site);
                return;
            }
            case ast::ExprKind::Not: CompileExpr(*ast::Cast<ast::NotExpr>(e).operand, scope); return;
            case ast::ExprKind::IsNull: CompileExpr(*ast::Cast<ast::IsNullExpr>(e).operand, scope); return;
            case ast::ExprKind::Like: {
                auto &l = ast::Cast<ast::LikeExpr>(e);
                CompileExpr(*l.operand, scope);
                CompileExpr(*l.pattern, scope);
                if (l.escape) CompileExpr(*l.escape, scope);
                auto site = std::make_unique<SqlExprSite>();
                std::string sql = "$1 ";
                site->operands.push_back(l.operand.get());
                site->operands.push_back(l.pattern.get());
                sql += l.negated ? "NOT LIKE $2" : "LIKE $2";
                if (l.escape) {
                    site->operands.push_back(l.escape.get());
                    sql += " ESCAPE $3";
                }
                site->sql = sql;
                l.annotation = std::move(site);
                return;
            }
            case ast::ExprKind::Between: {
                auto &b = ast::Cast<ast::BetweenExpr>(e);
                CompileExpr(*b.operand, scope);
                CompileExpr(*b.low, scope);
                CompileExpr(*b.high, scope);
                auto site = std::make_unique<OperatorSite>();
                site->fallback = Fallback("$1 BETWEEN $2 AND $3");
                b.annotation = std::move(site);
                return;
            }
            case ast::ExprKind::In: {
                auto &in = ast::Cast<ast::InExpr>(e);
                CompileExpr(*in.operand, scope);
                for (auto &item : in.list) CompileExpr(*item, scope);
                auto site = std::make_unique<OperatorSite>();
                site->fallback = Fallback("$1 = $2");
                in.annotation = std::move(site);
                return;
            }
            case ast::ExprKind::Call: CompileCall(ast::Cast<ast::CallExpr>(e), scope); return;
            case ast::ExprKind::Attribute: {
                auto &a = ast::Cast<ast::AttributeExpr>(e);
                if (!a.target.empty()) a.slot = CursorSlot(a.target, a.loc, scope);
                return;
            }
            case ast::ExprKind::Cast: {
                auto &c = ast::Cast<ast::CastExpr>(e);
                CompileExpr(*c.operand, scope);
                auto site = MakeCast(ResolveType(c.type, scope));
                site->explicit_cast = true;
                c.annotation = std::move(site);
                return;
            }
        }
    }

    CompiledFunction &fn_;
    std::vector<LoopContext> loops_;
    int line_ = 0;
    int in_handler_ = 0;                     // compiling an exception handler's statements
    SubprogramSite *current_sub_ = nullptr;  // the nested subprogram being compiled
    // Labels of the statement lists being compiled, outermost first. A
    // handler's list is not inside its block's list, so a GOTO cannot jump
    // from a handler back into the block, as in Oracle.
    std::vector<const std::vector<std::string> *> goto_targets_;
};

struct CompileContext {
    const Compiler *compiler;
    const char *name;
};

// "compilation of PL/polar function "f" near line N" on every error raised
// while compiling, including PostgreSQL's own (unknown type, ...).
void CompileContextCallback(void *arg) {
    const auto *ctx = static_cast<const CompileContext *>(arg);
    if (ctx->compiler->line() > 0)
        errcontext("compilation of PL/polar function \"%s\" near line %d", ctx->name, ctx->compiler->line());
    else
        errcontext("compilation of PL/polar function \"%s\"", ctx->name);
}

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
    fn->empty_string_is_null = settings::EmptyStringIsNull();
    try {
        fn->body = ParseInterruptibly(fn->info.source);
    } catch (const parser::TooLarge &e) {
        // No statement position: it would carry the whole body along.
        pg::ErrorSpec spec;
        spec.sqlstate = ERRCODE_PROGRAM_LIMIT_EXCEEDED;
        spec.message = e.what();
        spec.context = "compilation of PL/polar function \"" + fn->info.name + "\" near line " +
                       std::to_string(e.line()) + ", column " + std::to_string(e.column());
        pg::Raise(spec);
    } catch (const parser::SyntaxError &e) {
        // Position as a character offset into the body, so that CREATE
        // FUNCTION can point at it in the statement (see the validator).
        const std::string &src = fn->info.source;
        int line = 1;
        int column = 1;
        int offset = 1;
        for (size_t i = 0; i < src.size(); ++i) {
            if (line == e.line() && column == e.column()) break;
            unsigned char c = static_cast<unsigned char>(src[i]);
            if ((c & 0xC0) == 0x80) continue;  // UTF-8 continuation byte
            ++offset;
            if (c == '\n') {
                ++line;
                column = 1;
            } else {
                ++column;
            }
        }
        pg::ErrorSpec spec;
        spec.sqlstate = ERRCODE_SYNTAX_ERROR;
        spec.message = e.what();
        spec.context = "compilation of PL/polar function \"" + fn->info.name + "\" near line " +
                       std::to_string(e.line()) + ", column " + std::to_string(e.column());
        spec.internal_query = src;
        spec.cursor_position = offset;
        pg::Raise(spec);
    }
    Compiler compiler(*fn);
    CompileContext ctx{&compiler, fn->info.name.c_str()};
    pg::ErrorContextPush context(CompileContextCallback, &ctx);
    compiler.Run();
    return fn;
}

}  // namespace plpolar::compile
