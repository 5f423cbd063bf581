// S-expression rendering of the AST; unit tests compare against it.
#include "plpolar/ast/dump.hpp"

#include <sstream>

namespace plpolar::ast {

namespace {

void DumpExpr(std::ostringstream &out, const Expr &e);

void DumpExprOrNil(std::ostringstream &out, const ExprPtr &e) {
    if (e)
        DumpExpr(out, *e);
    else
        out << "nil";
}

void DumpExpr(std::ostringstream &out, const Expr &e) {
    switch (e.kind) {
        case ExprKind::Literal: {
            const auto &l = Cast<LiteralExpr>(e);
            switch (l.type) {
                case LiteralExpr::Type::String: out << "'" << l.text << "'"; break;
                case LiteralExpr::Type::Null: out << "NULL"; break;
                case LiteralExpr::Type::Typed: out << l.type_name << " '" << l.text << "'"; break;
                case LiteralExpr::Type::Integer:
                case LiteralExpr::Type::Decimal:
                case LiteralExpr::Type::Boolean: out << l.text; break;
            }
            break;
        }
        case ExprKind::Name: out << JoinName(Cast<NameExpr>(e).name); break;
        case ExprKind::Unary: {
            const auto &u = Cast<UnaryExpr>(e);
            out << "(" << (u.op == UnaryOp::Minus ? "neg " : "pos ");
            DumpExpr(out, *u.operand);
            out << ")";
            break;
        }
        case ExprKind::Binary: {
            const auto &b = Cast<BinaryExpr>(e);
            out << "(" << ToString(b.op) << " ";
            DumpExpr(out, *b.left);
            out << " ";
            DumpExpr(out, *b.right);
            out << ")";
            break;
        }
        case ExprKind::Not:
            out << "(NOT ";
            DumpExpr(out, *Cast<NotExpr>(e).operand);
            out << ")";
            break;
        case ExprKind::IsNull: {
            const auto &n = Cast<IsNullExpr>(e);
            out << (n.negated ? "(IS NOT NULL " : "(IS NULL ");
            DumpExpr(out, *n.operand);
            out << ")";
            break;
        }
        case ExprKind::Like: {
            const auto &l = Cast<LikeExpr>(e);
            out << (l.negated ? "(NOT LIKE " : "(LIKE ");
            DumpExpr(out, *l.operand);
            out << " ";
            DumpExpr(out, *l.pattern);
            if (l.escape) {
                out << " ESCAPE ";
                DumpExpr(out, *l.escape);
            }
            out << ")";
            break;
        }
        case ExprKind::Between: {
            const auto &b = Cast<BetweenExpr>(e);
            out << (b.negated ? "(NOT BETWEEN " : "(BETWEEN ");
            DumpExpr(out, *b.operand);
            out << " ";
            DumpExpr(out, *b.low);
            out << " ";
            DumpExpr(out, *b.high);
            out << ")";
            break;
        }
        case ExprKind::In: {
            const auto &in = Cast<InExpr>(e);
            out << (in.negated ? "(NOT IN " : "(IN ");
            DumpExpr(out, *in.operand);
            for (const auto &item : in.list) {
                out << " ";
                DumpExpr(out, *item);
            }
            out << ")";
            break;
        }
        case ExprKind::Call: {
            const auto &c = Cast<CallExpr>(e);
            out << "(call " << JoinName(c.name);
            for (const auto &a : c.args) {
                out << " ";
                if (!a.name.empty()) out << a.name << "=>";
                DumpExpr(out, *a.value);
            }
            out << ")";
            for (const auto &f : c.fields) out << "." << f;
            break;
        }
        case ExprKind::Attribute: {
            const auto &a = Cast<AttributeExpr>(e);
            static const char *const names[] = {"FOUND", "NOTFOUND", "ISOPEN", "ROWCOUNT"};
            out << (a.target.empty() ? "SQL" : JoinName(a.target)) << "%" << names[static_cast<int>(a.attribute)];
            break;
        }
        case ExprKind::Cast: {
            const auto &c = Cast<CastExpr>(e);
            out << "(cast ";
            DumpExpr(out, *c.operand);
            out << " " << c.type.text << ")";
            break;
        }
        case ExprKind::Case: {
            const auto &c = Cast<CaseExpr>(e);
            out << "(case";
            if (c.operand) {
                out << " ";
                DumpExpr(out, *c.operand);
            }
            for (const auto &w : c.whens) {
                out << " (when ";
                DumpExpr(out, *w.condition);
                out << " ";
                DumpExpr(out, *w.result);
                out << ")";
            }
            if (c.else_value) {
                out << " (else ";
                DumpExpr(out, *c.else_value);
                out << ")";
            }
            out << ")";
            break;
        }
    }
}

void Indent(std::ostringstream &out, int level) { out << std::string(static_cast<size_t>(level) * 2, ' '); }

void DumpStmts(std::ostringstream &out, const StmtList &list, int level);

void DumpStmt(std::ostringstream &out, const Stmt &s, int level) {
    Indent(out, level);
    for (const auto &l : s.labels) out << "<<" << l << ">> ";
    switch (s.kind) {
        case StmtKind::Block: {
            const auto &b = Cast<BlockStmt>(s);
            out << "BLOCK\n";
            for (const auto &d : b.decls) {
                Indent(out, level + 1);
                if (d->kind == DeclKind::Variable) {
                    const auto &v = Cast<VariableDecl>(*d);
                    out << "VAR " << v.name << (v.constant ? " CONSTANT" : "") << " " << v.type.text
                        << (v.not_null ? " NOT NULL" : "");
                    if (v.default_value) {
                        out << " := ";
                        DumpExpr(out, *v.default_value);
                    }
                } else if (d->kind == DeclKind::Exception) {
                    out << "EXCEPTION " << Cast<ExceptionDecl>(*d).name;
                } else if (d->kind == DeclKind::Cursor) {
                    const auto &c = Cast<CursorDecl>(*d);
                    out << "CURSOR " << c.name;
                    for (const auto &p : c.params) out << " " << p.name << ":" << p.type.text;
                    out << " [" << c.query << "]";
                } else if (d->kind == DeclKind::RecordType) {
                    const auto &r = Cast<RecordTypeDecl>(*d);
                    out << "TYPE " << r.name << " RECORD";
                    for (const auto &f : r.fields) out << " " << f.name << ":" << f.type.text;
                } else if (d->kind == DeclKind::Subtype) {
                    const auto &st = Cast<SubtypeDecl>(*d);
                    out << "SUBTYPE " << st.name << " " << st.base.text << (st.not_null ? " NOT NULL" : "");
                    if (st.range_low) {
                        out << " RANGE ";
                        DumpExpr(out, *st.range_low);
                        out << " .. ";
                        DumpExpr(out, *st.range_high);
                    }
                } else if (d->kind == DeclKind::CollectionType) {
                    const auto &c = Cast<CollectionTypeDecl>(*d);
                    out << "TYPE " << c.name;
                    switch (c.form) {
                        case CollectionTypeDecl::Form::Associative:
                            out << " TABLE OF " << c.element.text << " INDEX BY " << c.index.text;
                            break;
                        case CollectionTypeDecl::Form::Nested: out << " TABLE OF " << c.element.text; break;
                        case CollectionTypeDecl::Form::Varray:
                            out << " VARRAY(" << c.limit << ") OF " << c.element.text;
                            break;
                    }
                    if (c.element_not_null) out << " NOT NULL";
                } else if (d->kind == DeclKind::RefCursorType) {
                    out << "TYPE " << Cast<RefCursorTypeDecl>(*d).name << " REF CURSOR";
                } else if (d->kind == DeclKind::Subprogram) {
                    const auto &sp = Cast<SubprogramDecl>(*d);
                    out << (sp.is_function ? "FUNCTION " : "PROCEDURE ") << sp.name;
                    for (const auto &p : sp.params)
                        out << " " << p.name
                            << (p.mode == ParamMode::In    ? ""
                                : p.mode == ParamMode::Out ? " OUT"
                                                           : " IN OUT")
                            << ":" << p.type.text;
                    if (sp.is_function) out << " RETURN " << sp.return_type.text;
                    if (!sp.body) {
                        out << " (forward)\n";
                        continue;
                    }
                    out << "\n";
                    DumpStmt(out, *sp.body, level + 2);
                    continue;
                } else {
                    out << "PRAGMA " << Cast<PragmaDecl>(*d).name;
                }
                out << "\n";
            }
            DumpStmts(out, b.body, level + 1);
            for (const auto &h : b.handlers) {
                Indent(out, level);
                out << "WHEN";
                for (const auto &c : h.choices) {
                    if (c.form == ExceptionHandler::Choice::Form::Others)
                        out << " OTHERS";
                    else if (c.form == ExceptionHandler::Choice::Form::SqlState)
                        out << " SQLSTATE " << c.sqlstate;
                    else
                        out << " " << JoinName(c.name);
                }
                out << "\n";
                DumpStmts(out, h.body, level + 1);
            }
            return;
        }
        case StmtKind::Assign: {
            const auto &a = Cast<AssignStmt>(s);
            out << JoinName(a.target);
            if (a.subscript) {
                out << "(";
                DumpExpr(out, *a.subscript);
                out << ")";
                for (const auto &f : a.element_fields) out << "." << f;
            }
            out << " := ";
            DumpExpr(out, *a.value);
            break;
        }
        case StmtKind::If: {
            const auto &i = Cast<IfStmt>(s);
            for (size_t n = 0; n < i.branches.size(); ++n) {
                if (n > 0) Indent(out, level);
                out << (n == 0 ? "IF " : "ELSIF ");
                DumpExpr(out, *i.branches[n].condition);
                out << "\n";
                DumpStmts(out, i.branches[n].body, level + 1);
            }
            if (i.has_else) {
                Indent(out, level);
                out << "ELSE\n";
                DumpStmts(out, i.else_body, level + 1);
            }
            return;
        }
        case StmtKind::Loop:
            out << "LOOP\n";
            DumpStmts(out, Cast<LoopStmt>(s).body, level + 1);
            return;
        case StmtKind::While: {
            const auto &w = Cast<WhileStmt>(s);
            out << "WHILE ";
            DumpExpr(out, *w.condition);
            out << "\n";
            DumpStmts(out, w.body, level + 1);
            return;
        }
        case StmtKind::ForRange: {
            const auto &f = Cast<ForRangeStmt>(s);
            out << "FOR " << f.variable << (f.reverse ? " REVERSE " : " ");
            DumpExpr(out, *f.low);
            out << "..";
            DumpExpr(out, *f.high);
            out << "\n";
            DumpStmts(out, f.body, level + 1);
            return;
        }
        case StmtKind::ForAll: {
            const auto &f = Cast<ForAllStmt>(s);
            out << "FORALL " << f.variable << " IN ";
            switch (f.bounds) {
                case ForAllStmt::Bounds::Range:
                    DumpExpr(out, *f.low);
                    out << "..";
                    DumpExpr(out, *f.high);
                    break;
                case ForAllStmt::Bounds::Indices:
                    out << "INDICES OF " << JoinName(f.collection);
                    if (f.low) {
                        out << " BETWEEN ";
                        DumpExpr(out, *f.low);
                        out << " AND ";
                        DumpExpr(out, *f.high);
                    }
                    break;
                case ForAllStmt::Bounds::Values: out << "VALUES OF " << JoinName(f.collection); break;
            }
            if (f.save_exceptions) out << " SAVE EXCEPTIONS";
            out << "\n";
            DumpStmt(out, *f.body, level + 1);
            return;
        }
        case StmtKind::Exit:
        case StmtKind::Continue: {
            const auto &c = static_cast<const LoopControlStmt &>(s);
            out << (s.kind == StmtKind::Exit ? "EXIT" : "CONTINUE");
            if (!c.label.empty()) out << " " << c.label;
            if (c.condition) {
                out << " WHEN ";
                DumpExpr(out, *c.condition);
            }
            break;
        }
        case StmtKind::Null: out << "NULL"; break;
        case StmtKind::Return:
            out << "RETURN";
            if (Cast<ReturnStmt>(s).value) {
                out << " ";
                DumpExpr(out, *Cast<ReturnStmt>(s).value);
            }
            break;
        case StmtKind::PipeRow:
            out << "PIPE ROW (";
            DumpExpr(out, *Cast<PipeRowStmt>(s).value);
            out << ")";
            break;
        case StmtKind::Raise: out << "RAISE " << JoinName(Cast<RaiseStmt>(s).exception); break;
        case StmtKind::Sql: {
            const auto &q = Cast<SqlStmt>(s);
            out << "SQL [" << q.text << "]";
            if (q.bulk) out << " BULK";
            for (const auto &t : q.into) out << " INTO " << JoinName(t.name);
            if (!q.row_record.empty()) out << " ROW " << q.row_table << " " << q.row_record;
            break;
        }
        case StmtKind::ForCursor: {
            const auto &f = Cast<ForCursorStmt>(s);
            out << "FOR " << f.variable << " IN ";
            if (f.cursor.empty())
                out << "[" << f.query << "]";
            else
                out << JoinName(f.cursor) << "(" << f.args.size() << ")";
            out << "\n";
            DumpStmts(out, f.body, level + 1);
            return;
        }
        case StmtKind::Open: {
            const auto &o = Cast<OpenStmt>(s);
            out << "OPEN " << JoinName(o.cursor);
            if (!o.query.empty()) out << " FOR [" << o.query << "]";
            if (o.dynamic) {
                out << " FOR ";
                DumpExpr(out, *o.dynamic);
            }
            if (!o.using_args.empty()) out << " USING " << o.using_args.size();
            break;
        }
        case StmtKind::Fetch: {
            const auto &f = Cast<FetchStmt>(s);
            out << "FETCH " << JoinName(f.cursor);
            if (f.bulk) out << " BULK";
            for (const auto &t : f.into) out << " INTO " << JoinName(t.name);
            if (f.limit) {
                out << " LIMIT ";
                DumpExpr(out, *f.limit);
            }
            break;
        }
        case StmtKind::Close: out << "CLOSE " << JoinName(Cast<CloseStmt>(s).cursor); break;
        case StmtKind::Goto: out << "GOTO " << Cast<GotoStmt>(s).label; break;
        case StmtKind::Commit: out << "COMMIT"; break;
        case StmtKind::Rollback: out << "ROLLBACK"; break;
        case StmtKind::Case: {
            const auto &c = Cast<CaseStmt>(s);
            out << "CASE";
            if (c.operand) {
                out << " ";
                DumpExpr(out, *c.operand);
            }
            out << "\n";
            for (const auto &w : c.whens) {
                Indent(out, level);
                out << "WHEN ";
                DumpExpr(out, *w.condition);
                out << "\n";
                DumpStmts(out, w.body, level + 1);
            }
            if (c.has_else) {
                Indent(out, level);
                out << "ELSE\n";
                DumpStmts(out, c.else_body, level + 1);
            }
            return;
        }
        case StmtKind::ExecuteImmediate: {
            const auto &x = Cast<ExecuteImmediateStmt>(s);
            out << "EXECUTE IMMEDIATE ";
            DumpExpr(out, *x.sql);
            for (const auto &t : x.into) out << " INTO " << JoinName(t.name);
            for (const auto &u : x.using_args) {
                out << (u.mode == BindArg::Mode::In    ? " USING "
                        : u.mode == BindArg::Mode::Out ? " USING OUT "
                                                       : " USING IN OUT ");
                DumpExpr(out, *u.value);
            }
            for (const auto &t : x.returning_into) out << " RETURNING INTO " << JoinName(t.name);
            break;
        }
        case StmtKind::Call:
            out << "CALL ";
            DumpExprOrNil(out, Cast<CallStmt>(s).call);
            break;
    }
    out << "\n";
}

void DumpStmts(std::ostringstream &out, const StmtList &list, int level) {
    for (const auto &s : list) DumpStmt(out, *s, level);
}

}  // namespace

std::string Dump(const Expr &expr) {
    std::ostringstream out;
    DumpExpr(out, expr);
    return out.str();
}

std::string Dump(const FunctionBody &body) {
    std::ostringstream out;
    DumpStmt(out, *body.block, 0);
    return out.str();
}

}  // namespace plpolar::ast
