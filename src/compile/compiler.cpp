#include "plpolar/compile/compiler.hpp"

#include <cerrno>
#include <climits>
#include <cstdlib>

#include "plpolar/compile/sites.hpp"
#include "plpolar/parser/parser.hpp"
#include "plpolar/pg/error_context.hpp"
#include "plpolar/pg/guard.hpp"
#include "plpolar/pg/memory.hpp"

extern "C" {
#include "catalog/namespace.h"
}

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
        {"sysdate", "statement_timestamp()::timestamp(0)"},
        {"systimestamp", "statement_timestamp()"},
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

bool FunctionNameExists(const ast::NameChain &name) {
    std::vector<const char *> parts;
    for (const auto &p : name) parts.push_back(p.c_str());
    const char *const *pp = parts.data();
    int n = static_cast<int>(parts.size());
    return pg::Guarded([pp, n] {
        List *names = NIL;
        for (int i = 0; i < n; i++) names = lappend(names, makeString(pstrdup(pp[i])));
        // Zero arguments, or defaults / VARIADIC that allow calling it so.
        FuncCandidateList c = FuncnameGetCandidates(names, 0, NIL, true, true, false, true);
        return c != NULL;
    });
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

    pg::TypeInfo ResolveType(const ast::TypeRef &ref, const Scope &scope) {
        switch (ref.form) {
            case ast::TypeRef::Form::PercentType: {
                int slot = LookupName(fn_, scope, ref.name);
                if (slot >= 0) return fn_.variables[static_cast<size_t>(slot)].type;
                if (ref.name.size() < 2)
                    Error(ref.loc, "variable \"" + ast::JoinName(ref.name) + "\" does not exist in %TYPE");
                return pg::ColumnType(ref.name);
            }
            case ast::TypeRef::Form::PercentRowtype:
                Error(ref.loc, "%ROWTYPE is not supported yet", ERRCODE_FEATURE_NOT_SUPPORTED);
            case ast::TypeRef::Form::Named: break;
        }
        pg::TypeInfo type = pg::ParseTypeName(MapOracleTypeName(ref.text));
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
        for (auto &decl : block.decls) {
            line_ = decl->loc.line;
            switch (decl->kind) {
                case ast::DeclKind::Variable: {
                    auto &vd = ast::Cast<ast::VariableDecl>(*decl);
                    if (scope.Find(vd.name) >= 0) Error(vd.loc, "duplicate declaration of \"" + vd.name + "\"");
                    Variable v;
                    v.name = vd.name;
                    v.type = ResolveType(vd.type, scope);
                    v.constant = vd.constant;
                    v.not_null = vd.not_null;
                    v.loc = vd.loc;
                    if (vd.not_null && !vd.default_value)
                        Error(vd.loc, "variable \"" + vd.name + "\" declared NOT NULL must have an initial value");
                    // The initial value sees the variables declared before it.
                    if (vd.default_value) CompileExpr(*vd.default_value, scope);
                    pg::TypeInfo type = v.type;
                    int slot = AddVariable(std::move(v));
                    vd.slot = slot;
                    scope.names[vd.name] = slot;
                    site->inits.push_back(BlockSite::Init{slot, vd.default_value.get(), MakeCast(type)});
                    break;
                }
                case ast::DeclKind::Exception:
                case ast::DeclKind::Pragma:
                    Error(decl->loc, "exception declarations are not supported yet", ERRCODE_FEATURE_NOT_SUPPORTED);
            }
        }
        block.annotation = std::move(site);
        if (block.has_exception_section)
            Error(block.handlers.empty() ? block.loc : block.handlers.front().loc,
                  "EXCEPTION sections are not supported yet", ERRCODE_FEATURE_NOT_SUPPORTED);
        CompileStmts(block.body, scope);
    }

    void CompileStmts(ast::StmtList &list, const Scope &scope) {
        for (auto &stmt : list) CompileStmt(*stmt, scope);
    }

    int AssignableSlot(const ast::NameChain &name, const ast::SourceLoc &loc, const Scope &scope) {
        int slot = LookupName(fn_, scope, name);
        if (slot < 0) Error(loc, "\"" + ast::JoinName(name) + "\" is not a known variable");
        const Variable &v = fn_.variables[static_cast<size_t>(slot)];
        if (v.constant) Error(loc, "variable \"" + v.name + "\" is declared CONSTANT");
        if (v.ReadOnly()) Error(loc, "variable \"" + v.name + "\" is read-only");
        return slot;
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

    void CompileStmt(ast::Stmt &stmt, const Scope &scope) {
        line_ = stmt.loc.line;
        switch (stmt.kind) {
            case ast::StmtKind::Block: {
                CompileBlock(ast::Cast<ast::BlockStmt>(stmt), scope);
                return;
            }
            case ast::StmtKind::Assign: {
                auto &s = ast::Cast<ast::AssignStmt>(stmt);
                s.slot = AssignableSlot(s.target, s.loc, scope);
                CompileExpr(*s.value, scope);
                auto site = std::make_unique<StoreSite>();
                site->cast.target = fn_.variables[static_cast<size_t>(s.slot)].type;
                s.annotation = std::move(site);
                return;
            }
            case ast::StmtKind::If: {
                auto &s = ast::Cast<ast::IfStmt>(stmt);
                for (auto &branch : s.branches) {
                    CompileExpr(*branch.condition, scope);
                    CompileStmts(branch.body, scope);
                }
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
                CompileExpr(*s.condition, scope);
                CompileLoopBody(s, s.body, scope);
                return;
            }
            case ast::StmtKind::ForRange: {
                auto &s = ast::Cast<ast::ForRangeStmt>(stmt);
                CompileExpr(*s.low, scope);
                CompileExpr(*s.high, scope);
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
            case ast::StmtKind::Exit:
            case ast::StmtKind::Continue: {
                auto &s = static_cast<ast::LoopControlStmt &>(stmt);
                CheckLoopControl(s, stmt.kind == ast::StmtKind::Exit ? "EXIT" : "CONTINUE");
                if (s.condition) CompileExpr(*s.condition, scope);
                return;
            }
            case ast::StmtKind::Null: return;
            case ast::StmtKind::Return: {
                auto &s = ast::Cast<ast::ReturnStmt>(stmt);
                bool returns_value = !fn_.info.return_type.IsVoid() && !fn_.info.is_procedure &&
                                     !fn_.info.is_event_trigger && fn_.info.oid != InvalidOid;
                if (s.value && !returns_value)
                    Error(s.loc, fn_.info.oid == InvalidOid ? "RETURN cannot have a value in a DO block"
                                 : fn_.info.is_event_trigger
                                     ? "RETURN cannot have a value in an event trigger function"
                                     : "RETURN cannot have a value in a function returning void");
                if (!s.value && returns_value) Error(s.loc, "RETURN in a function must return a value");
                if (s.value) {
                    CompileExpr(*s.value, scope);
                    auto site = std::make_unique<StoreSite>();
                    site->cast.target = fn_.info.return_type;
                    s.annotation = std::move(site);
                }
                return;
            }
            case ast::StmtKind::Raise: Error(stmt.loc, "RAISE is not supported yet", ERRCODE_FEATURE_NOT_SUPPORTED);
            case ast::StmtKind::Sql: {
                auto &s = ast::Cast<ast::SqlStmt>(stmt);
                if (s.verb == ast::SqlVerb::Select && s.into.empty())
                    Error(s.loc, "an INTO clause is expected in this SELECT statement");
                // The parser hooks resolve names only when the statement is
                // first prepared, after the call began: decide by the text.
                std::string lower = s.text;
                for (char &c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
                if (lower.find("polar_") != std::string::npos) fn_.uses_session_variables = true;
                auto site = std::make_unique<SqlSite>(fn_, scope, s.text);
                for (size_t i = 0; i < s.into.size(); ++i) {
                    int slot = AssignableSlot(s.into[i], s.into_locs[i], scope);
                    s.into_slots.push_back(slot);
                    site->into_casts.push_back(MakeCast(fn_.variables[static_cast<size_t>(slot)].type));
                }
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
                CompileExpr(*s.call, scope);
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

    void CompileCall(ast::CallExpr &call, const Scope &scope) {
        for (auto &arg : call.args) CompileExpr(*arg.value, scope);
        auto site = std::make_unique<SqlExprSite>();
        std::string sql;
        for (const auto &part : call.name) sql += (sql.empty() ? "" : ".") + QuoteIdent(part);
        sql += "(";
        for (size_t i = 0; i < call.args.size(); ++i) {
            if (i > 0) sql += ", ";
            if (!call.args[i].name.empty()) sql += QuoteIdent(call.args[i].name) + " => ";
            sql += OperandSql(*call.args[i].value, *site);
        }
        sql += ")";
        site->sql = std::move(sql);
        call.annotation = std::move(site);
    }

    void CompileName(ast::NameExpr &name, const Scope &scope) {
        name.slot = LookupName(fn_, scope, name.name);
        if (name.slot >= 0) {
            if (fn_.variables[static_cast<size_t>(name.slot)].kind == VariableKind::Session)
                fn_.uses_session_variables = true;
            return;
        }
        auto site = std::make_unique<SqlExprSite>();
        const char *keyword = name.name.size() == 1 ? SqlValueKeyword(name.name[0]) : nullptr;
        if (keyword != nullptr) {
            site->sql = keyword;
        } else {
            // Oracle calls parameterless functions without parentheses.
            if (!FunctionNameExists(name.name))
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

    void CompileExpr(ast::Expr &e, const Scope &scope) {
        switch (e.kind) {
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
                if (!a.target.empty())
                    Error(a.loc, "cursor \"" + ast::JoinName(a.target) + "\" is not declared",
                          ERRCODE_UNDEFINED_OBJECT);
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

}  // namespace

std::unique_ptr<CompiledFunction> Compile(FunctionInfo info) {
    auto fn = std::make_unique<CompiledFunction>(std::move(info));
    fn->varchar2_oid = pg::Varchar2TypeOid();
    try {
        fn->body = parser::ParseBody(fn->info.source);
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
