#include "transformer.hpp"

#include "plpolar/parser/parser.hpp"

namespace plpolar::parser {

using P = PlPolarParser;

std::string Transformer::TextBetween(antlr4::Token *first, antlr4::Token *last) const {
    if (first == nullptr || last == nullptr || last->getStopIndex() < first->getStartIndex()) return "";
    return input_.getText(antlr4::misc::Interval(first->getStartIndex(), last->getStopIndex()));
}

void Transformer::CheckEndLabel(const std::string &expected, P::IdentifierContext *end) {
    if (end == nullptr) return;
    std::string got = TransformIdentifier(end);
    if (got != expected) {
        ast::SourceLoc loc = Loc(end);
        if (expected.empty())
            throw SyntaxError("end label \"" + got + "\" specified for unlabeled block", loc.line, loc.column);
        throw SyntaxError("end label \"" + got + "\" differs from block's label \"" + expected + "\"", loc.line,
                          loc.column);
    }
}

std::unique_ptr<ast::BlockStmt> Transformer::MakeBlock(antlr4::ParserRuleContext *at, P::Declare_sectionContext *decls,
                                                       P::Seq_of_statementsContext *stmts,
                                                       P::Exception_sectionContext *handlers) {
    auto block = std::make_unique<ast::BlockStmt>(Loc(at));
    TransformDeclarations(decls, block->decls);
    block->body = TransformStatements(stmts);
    if (handlers != nullptr) {
        block->has_exception_section = true;
        block->handlers = TransformHandlers(handlers);
    }
    return block;
}

ast::FunctionBody Transformer::TransformBody(P::BodyContext *ctx) {
    auto block = MakeBlock(ctx, ctx->declare_section(), ctx->seq_of_statements(), ctx->exception_section());
    for (auto *label : ctx->label_decl()) block->labels.push_back(TransformIdentifier(label->identifier()));
    // The Oracle form ends with the subprogram's own name (END f;), which the
    // body does not know; any name is accepted there.
    if (ctx->identifier()) block->end_label = TransformIdentifier(ctx->identifier());
    ast::FunctionBody body;
    body.block = std::move(block);
    return body;
}

std::unique_ptr<ast::BlockStmt> Transformer::TransformBlock(P::BlockContext *ctx) {
    auto block = MakeBlock(ctx, ctx->declare_section(), ctx->seq_of_statements(), ctx->exception_section());
    if (ctx->identifier()) block->end_label = TransformIdentifier(ctx->identifier());
    return block;
}

std::vector<ast::ExceptionHandler> Transformer::TransformHandlers(P::Exception_sectionContext *ctx) {
    std::vector<ast::ExceptionHandler> handlers;
    for (auto *h : ctx->exception_handler()) {
        ast::ExceptionHandler handler;
        handler.loc = Loc(h);
        for (auto *choice : h->exception_choice()) {
            ast::ExceptionHandler::Choice c;
            if (choice->K_OTHERS()) {
                c.form = ast::ExceptionHandler::Choice::Form::Others;
            } else if (choice->STRING_LITERAL()) {
                if (TransformIdentifier(choice->identifier()) != "sqlstate")
                    throw SyntaxError("expected SQLSTATE before a string in an exception handler", Loc(choice).line,
                                      Loc(choice).column);
                c.form = ast::ExceptionHandler::Choice::Form::SqlState;
                c.sqlstate = UnquoteString(choice->STRING_LITERAL()->getText());
            } else {
                c.form = ast::ExceptionHandler::Choice::Form::Name;
                c.name = TransformNameChain(choice->name_chain());
            }
            handler.choices.push_back(std::move(c));
        }
        handler.body = TransformStatements(h->seq_of_statements());
        handlers.push_back(std::move(handler));
    }
    return handlers;
}

ast::StmtList Transformer::TransformStatements(P::Seq_of_statementsContext *ctx) {
    ast::StmtList out;
    std::vector<std::string> pending_labels;
    for (auto *child : ctx->children) {
        if (auto *label = dynamic_cast<P::Label_declContext *>(child)) {
            pending_labels.push_back(TransformIdentifier(label->identifier()));
        } else if (auto *stmt = dynamic_cast<P::StatementContext *>(child)) {
            ast::StmtPtr node = TransformStatement(stmt);
            node->labels = std::move(pending_labels);
            pending_labels.clear();
            out.push_back(std::move(node));
        }
    }
    // A loop or block may repeat its label after END; it must match.
    for (auto &stmt : out) {
        const std::string label = stmt->labels.empty() ? std::string() : stmt->labels.back();
        const std::string *end = nullptr;
        switch (stmt->kind) {
            case ast::StmtKind::Block: end = &ast::Cast<ast::BlockStmt>(*stmt).end_label; break;
            case ast::StmtKind::Loop: end = &ast::Cast<ast::LoopStmt>(*stmt).end_label; break;
            case ast::StmtKind::While: end = &ast::Cast<ast::WhileStmt>(*stmt).end_label; break;
            case ast::StmtKind::ForRange: end = &ast::Cast<ast::ForRangeStmt>(*stmt).end_label; break;
            case ast::StmtKind::ForCursor: end = &ast::Cast<ast::ForCursorStmt>(*stmt).end_label; break;
            case ast::StmtKind::Case: end = &ast::Cast<ast::CaseStmt>(*stmt).end_label; break;
            default: break;
        }
        if (end != nullptr && !end->empty() && *end != label) {
            if (label.empty())
                throw SyntaxError("end label \"" + *end + "\" specified for unlabeled block", stmt->loc.line,
                                  stmt->loc.column);
            throw SyntaxError("end label \"" + *end + "\" differs from block's label \"" + label + "\"", stmt->loc.line,
                              stmt->loc.column);
        }
    }
    return out;
}

template <class Node, class Ctx>
static std::unique_ptr<Node> LoopControl(Transformer &t, Ctx *ctx) {
    auto node = std::make_unique<Node>(Transformer::Loc(ctx));
    if (ctx->identifier()) node->label = t.TransformIdentifier(ctx->identifier());
    if (ctx->expr()) node->condition = t.TransformExpr(ctx->expr());
    return node;
}

ast::StmtPtr Transformer::TransformStatement(P::StatementContext *ctx) {
    if (auto *b = ctx->block()) return TransformBlock(b);
    if (auto *a = ctx->assignment_stmt()) {
        auto node = std::make_unique<ast::AssignStmt>(Loc(a));
        node->target = TransformNameChain(a->assign_target()->name_chain());
        node->value = TransformExpr(a->expr());
        return node;
    }
    if (auto *s = ctx->if_stmt()) {
        auto node = std::make_unique<ast::IfStmt>(Loc(s));
        node->branches.push_back({TransformExpr(s->expr()), TransformStatements(s->seq_of_statements())});
        for (auto *elsif : s->elsif_part())
            node->branches.push_back({TransformExpr(elsif->expr()), TransformStatements(elsif->seq_of_statements())});
        if (auto *e = s->else_part()) {
            node->has_else = true;
            node->else_body = TransformStatements(e->seq_of_statements());
        }
        return node;
    }
    if (auto *s = ctx->basic_loop_stmt()) {
        auto node = std::make_unique<ast::LoopStmt>(Loc(s));
        node->body = TransformStatements(s->seq_of_statements());
        if (s->identifier()) node->end_label = TransformIdentifier(s->identifier());
        return node;
    }
    if (auto *s = ctx->while_loop_stmt()) {
        auto node = std::make_unique<ast::WhileStmt>(Loc(s));
        node->condition = TransformExpr(s->expr());
        node->body = TransformStatements(s->seq_of_statements());
        if (s->identifier()) node->end_label = TransformIdentifier(s->identifier());
        return node;
    }
    if (auto *s = ctx->for_loop_stmt()) {
        auto node = std::make_unique<ast::ForRangeStmt>(Loc(s));
        auto ids = s->identifier();
        node->variable = TransformIdentifier(ids[0]);
        node->reverse = s->K_REVERSE() != nullptr;
        node->low = TransformExpr(s->expr(0));
        node->high = TransformExpr(s->expr(1));
        node->body = TransformStatements(s->seq_of_statements());
        if (ids.size() > 1) node->end_label = TransformIdentifier(ids[1]);
        return node;
    }
    if (auto *s = ctx->exit_stmt()) return LoopControl<ast::ExitStmt>(*this, s);
    if (auto *s = ctx->continue_stmt()) return LoopControl<ast::ContinueStmt>(*this, s);
    if (auto *s = ctx->null_stmt()) return std::make_unique<ast::NullStmt>(Loc(s));
    if (auto *s = ctx->return_stmt()) {
        auto node = std::make_unique<ast::ReturnStmt>(Loc(s));
        if (s->expr()) node->value = TransformExpr(s->expr());
        return node;
    }
    if (auto *s = ctx->raise_stmt()) {
        auto node = std::make_unique<ast::RaiseStmt>(Loc(s));
        if (s->name_chain()) node->exception = TransformNameChain(s->name_chain());
        return node;
    }
    if (auto *s = ctx->cursor_for_loop_stmt()) return TransformCursorFor(s);
    if (auto *s = ctx->goto_stmt()) {
        auto node = std::make_unique<ast::GotoStmt>(Loc(s));
        node->label = TransformIdentifier(s->identifier());
        return node;
    }
    if (auto *s = ctx->case_stmt()) {
        auto node = std::make_unique<ast::CaseStmt>(Loc(s));
        if (s->expr()) node->operand = TransformExpr(s->expr());
        for (auto *w : s->case_stmt_when())
            node->whens.push_back({TransformExpr(w->expr()), TransformStatements(w->seq_of_statements())});
        if (s->K_ELSE()) {
            node->has_else = true;
            node->else_body = TransformStatements(s->seq_of_statements());
        }
        if (s->identifier()) node->end_label = TransformIdentifier(s->identifier());
        return node;
    }
    if (auto *s = ctx->open_stmt()) return TransformOpen(s);
    if (auto *s = ctx->fetch_stmt()) return TransformFetch(s);
    if (auto *s = ctx->close_stmt()) {
        auto node = std::make_unique<ast::CloseStmt>(Loc(s));
        node->cursor = TransformNameChain(s->name_chain());
        return node;
    }
    if (auto *s = ctx->execute_immediate_stmt()) return TransformExecuteImmediate(s);
    if (auto *s = ctx->sql_stmt()) return TransformSql(s);
    if (auto *s = ctx->commit_stmt()) return std::make_unique<ast::TransactionStmt>(ast::StmtKind::Commit, Loc(s));
    if (auto *s = ctx->rollback_stmt()) return std::make_unique<ast::TransactionStmt>(ast::StmtKind::Rollback, Loc(s));
    auto *s = ctx->call_stmt();
    auto node = std::make_unique<ast::CallStmt>(Loc(s));
    node->call = TransformNameRef(s->name_ref());
    node->text = TextBetween(s->name_ref()->getStart(), s->getStop());
    if (node->call->kind == ast::ExprKind::Attribute)
        throw SyntaxError("an attribute is not a statement", node->loc.line, node->loc.column);
    return node;
}

}  // namespace plpolar::parser
