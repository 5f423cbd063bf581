// Expressions: literals, names, operators and the SQL PostgreSQL evaluates
// for what the interpreter has no native code for.
#include <cerrno>
#include <climits>
#include <cstdlib>

#include "compiler_impl.hpp"
#include "plpolar/compile/compiler.hpp"
#include "plpolar/compile/quoting.hpp"
#include "plpolar/pg/catalog.hpp"
#include "plpolar/pg/guard.hpp"
#include "plpolar/pg/memory.hpp"
#include "plpolar/pg/row.hpp"

namespace plpolar::compile {

// An expression of the statement itself (not of a nested body). Calls
// in it that may run user code get their own subtransaction at run time
// inside a block with handlers (Executor::EvalPgExpr); only statements
// that run SQL themselves are marked touches_database.
void Compiler::CompileOwn(ast::Expr &e, const Scope &scope, ast::Stmt &) {
    CompileExpr(e, scope);
    // A bare NULL keeps its own (unknown) type: not an integer's NULL.
    if (e.kind != ast::ExprKind::Literal || !ast::Cast<LiteralSite>(*e.annotation).value.isnull) e.fast = MakeFast(e);
    if (!e.fast) {
        bool numeric = false;
        e.decimal = MakeDecimal(e, &numeric);
        if (!numeric) e.decimal.reset();  // integers only: FastExpr's or the general path
    }
}

void Compiler::CompileExpr(ast::Expr &e, const Scope &scope) {
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
            site->fallback = Fallback(b.op == ast::BinaryOp::Pow ? "power($1, $2)"
                                                                 : std::string("$1 ") + ast::ToString(b.op) + " $2");
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
        case ast::ExprKind::Call: CompileCallExpr(ast::Cast<ast::CallExpr>(e), scope); return;
        case ast::ExprKind::Attribute: {
            auto &a = ast::Cast<ast::AttributeExpr>(e);
            if (a.target.empty()) return;
            const ast::CursorDecl *decl = nullptr;
            if (auto package = PackageCursor(a.target, a.loc, scope, &decl)) {
                a.annotation = std::move(package);
                return;
            }
            a.slot = CursorSlot(a.target, a.loc, scope);
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

void Compiler::CompileLiteral(ast::LiteralExpr &lit) {
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
std::string Compiler::OperandSql(const ast::Expr &e, SqlExprSite &site) {
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

std::unique_ptr<SqlExprSite> Compiler::Fallback(std::string sql) {
    auto site = std::make_unique<SqlExprSite>();
    site->sql = std::move(sql);
    return site;
}

std::unique_ptr<CaseSite> Compiler::MakeCaseSite(size_t nwhen) {
    auto site = std::make_unique<CaseSite>();
    for (size_t i = 0; i < nwhen; ++i) site->equals.push_back(Fallback("$1 = $2"));
    return site;
}

void Compiler::CompileName(ast::NameExpr &name, const Scope &scope) {
    if (name.name.size() == 1 && name.name[0].compare(0, 2, "$$") == 0) {
        CompileInquiryDirective(name);
        return;
    }
    if (name.name.size() == 2 && name.name[0] == "sql%bulk_exceptions") {
        if (name.name[1] != "count")
            Error(name.loc, "SQL%BULK_EXCEPTIONS has COUNT, or (j).ERROR_INDEX and (j).ERROR_CODE",
                  ERRCODE_SYNTAX_ERROR);
        name.builtin = ast::Builtin::BulkExceptionCount;
        return;
    }
    if (name.name.size() >= 2 &&
        CompileCollectionUse(name.name, nullptr, false, name.loc, scope, false, &name.annotation)) {
        name.builtin = ast::Builtin::Collection;
        return;
    }
    Reference ref = LookupReference(fn_, scope, name.name, true);
    if (CompileMethodName(name, ref, scope)) return;
    name.slot = ref.slot;
    if (name.slot >= 0) {
        if (fn_.variables[static_cast<size_t>(name.slot)].kind == VariableKind::Session)
            fn_.uses_session_variables = true;
        if (fn_.variables[static_cast<size_t>(name.slot)].kind == VariableKind::ErrorInfo) fn_.uses_error_info = true;
        if (!ref.field.empty()) {
            name.field_ref = true;
            auto site = std::make_unique<FieldSite>();
            site->field = ref.field;
            const Variable &v = fn_.variables[static_cast<size_t>(name.slot)];
            // Fields of a declared row type are checked now; a cursor
            // row's only when it has one.
            if (v.type.oid != RECORDOID || v.type.typmod >= 0) {
                bool found = false;
                pg::TypeInfo type;
                for (const auto &f : pg::RowFields(v.type.oid, v.type.typmod))
                    if (f.name == ref.field) {
                        found = true;
                        type = f.type;
                    }
                if (!found)
                    Error(name.loc, "record \"" + v.name + "\" has no field \"" + ref.field + "\"",
                          ERRCODE_UNDEFINED_COLUMN);
                // r.a.b: each name a field of the one before.
                std::string owner = v.name + "." + ref.field;
                for (const std::string &p : ref.path) {
                    found = false;
                    if (type.typtype == TYPTYPE_COMPOSITE || (type.oid == RECORDOID && type.typmod >= 0))
                        for (const auto &f : pg::RowFields(type.oid, type.typmod))
                            if (f.name == p) {
                                found = true;
                                type = f.type;
                            }
                    if (!found)
                        Error(name.loc, "\"" + owner + "\" has no field \"" + p + "\"", ERRCODE_UNDEFINED_COLUMN);
                    owner += "." + p;
                }
                site->path = ref.path;
                site->path_cache.resize(ref.path.size());
                site->path_type = type.oid;
            } else {
                // A cursor row's shape is known when a row is in it.
                site->path = ref.path;
                site->path_cache.resize(ref.path.size());
                site->path_type = UNKNOWNOID;
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
    if (CompilePackageName(name, scope)) return;
    auto site = std::make_unique<SqlExprSite>();
    // seq.NEXTVAL / seq.CURRVAL (also schema.seq.NEXTVAL): Oracle's
    // sequence pseudocolumns, PostgreSQL's nextval('seq') / currval('seq').
    if (name.name.size() >= 2 && (name.name.back() == "nextval" || name.name.back() == "currval")) {
        std::string sequence;
        for (size_t i = 0; i + 1 < name.name.size(); ++i) sequence += (i ? "." : "") + QuoteIdent(name.name[i]);
        site->sql = "pg_catalog." + name.name.back() + "(" + QuoteLiteral(sequence) + ")";
        name.annotation = std::move(site);
        return;
    }
    std::string keyword = name.name.size() == 1 ? SqlValueKeyword(name.name[0]) : std::string();
    if (!keyword.empty()) {
        site->sql = std::move(keyword);
    } else {
        // Oracle calls parameterless functions without parentheses.
        if (!pg::FunctionCallableWithoutArguments(name.name))
            Error(name.loc, "identifier \"" + ast::JoinName(name.name) + "\" must be declared",
                  ERRCODE_UNDEFINED_OBJECT);
        std::string sql;
        for (const auto &part : name.name) sql += (sql.empty() ? "" : ".") + QuoteFunctionPart(part);
        site->sql = sql + "()";
    }
    name.annotation = std::move(site);
}

// Oracle's inquiry directives, known when the unit is compiled:
// $$PLSQL_UNIT (the unit's name in upper case; NULL in an anonymous block),
// $$PLSQL_UNIT_TYPE, $$PLSQL_UNIT_OWNER, $$PLSQL_LINE (the line in the body,
// as errors number it). Any other ($$name of PLSQL_CCFLAGS) is NULL, as in
// Oracle when the flag is not set.
void Compiler::CompileInquiryDirective(ast::NameExpr &name) {
    auto site = std::make_unique<SqlExprSite>();
    const std::string directive = name.name[0].substr(2);
    const bool anonymous = fn_.info.oid == InvalidOid;
    std::string unit = fn_.info.name;
    for (char &c : unit) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (directive == "plsql_unit") {
        site->sql = anonymous ? "NULL::pg_catalog.text" : QuoteLiteral(unit) + "::pg_catalog.text";
    } else if (directive == "plsql_unit_type") {
        site->sql = QuoteLiteral(anonymous               ? "ANONYMOUS BLOCK"
                                 : fn_.info.is_procedure ? "PROCEDURE"
                                                         : "FUNCTION") +
                    "::pg_catalog.text";
    } else if (directive == "plsql_unit_owner") {
        // The schema the unit is in.
        site->sql = anonymous ? "NULL::pg_catalog.text"
                              : "(SELECT pg_catalog.upper(n.nspname::pg_catalog.text) FROM pg_catalog.pg_proc p JOIN "
                                "pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) p.pronamespace WHERE p.oid "
                                "OPERATOR(pg_catalog.=) " +
                                    std::to_string(fn_.info.oid) + "::pg_catalog.oid)";
    } else if (directive == "plsql_line") {
        site->sql = std::to_string(name.loc.line) + "::pg_catalog.int4";
    } else {
        site->sql = "NULL::pg_catalog.text";
    }
    name.annotation = std::move(site);
}

}  // namespace plpolar::compile
