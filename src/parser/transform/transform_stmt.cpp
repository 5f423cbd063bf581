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

ast::FunctionBody Transformer::TransformPackage(P::Package_sourceContext *ctx) {
    auto block = std::make_unique<ast::BlockStmt>(Loc(ctx));
    TransformDeclarations(ctx->declare_section(), block->decls);
    if (ctx->seq_of_statements() != nullptr) block->body = TransformStatements(ctx->seq_of_statements());
    if (ctx->exception_section() != nullptr) {
        block->has_exception_section = true;
        block->handlers = TransformHandlers(ctx->exception_section());
    }
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
            case ast::StmtKind::Assign:
            case ast::StmtKind::If:
            case ast::StmtKind::ForAll:
            case ast::StmtKind::Exit:
            case ast::StmtKind::Continue:
            case ast::StmtKind::Null:
            case ast::StmtKind::Return:
            case ast::StmtKind::Raise:
            case ast::StmtKind::Sql:
            case ast::StmtKind::Call:
            case ast::StmtKind::Open:
            case ast::StmtKind::Fetch:
            case ast::StmtKind::Close:
            case ast::StmtKind::ExecuteImmediate:
            case ast::StmtKind::Goto:
            case ast::StmtKind::PipeRow:
            case ast::StmtKind::Commit:
            case ast::StmtKind::Rollback: break;
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
    PollInterrupts();
    // A statement has exactly one child, the statement's own rule: its rule
    // index picks the case without a dynamic_cast per alternative.
    auto *child = static_cast<antlr4::ParserRuleContext *>(ctx->children[0]);
    switch (child->getRuleIndex()) {
        case P::RuleBlock: return TransformBlock(static_cast<P::BlockContext *>(child));
        case P::RuleAssignment_stmt: {
            auto *a = static_cast<P::Assignment_stmtContext *>(child);
            auto node = std::make_unique<ast::AssignStmt>(Loc(a));
            auto *target = a->assign_target();
            node->target = TransformNameChain(target->name_chain());
            if (!target->expr().empty()) {
                node->subscript = TransformExpr(target->expr(0));
                for (size_t k = 1; k < target->expr().size(); ++k)
                    node->more_subscripts.push_back(TransformExpr(target->expr(k)));
                for (auto *field : target->identifier()) node->element_fields.push_back(TransformIdentifier(field));
            }
            node->value = TransformExpr(a->expr());
            return node;
        }
        case P::RuleIf_stmt: {
            auto *s = static_cast<P::If_stmtContext *>(child);
            auto node = std::make_unique<ast::IfStmt>(Loc(s));
            node->branches.push_back({TransformExpr(s->expr()), TransformStatements(s->seq_of_statements())});
            for (auto *elsif : s->elsif_part())
                node->branches.push_back(
                    {TransformExpr(elsif->expr()), TransformStatements(elsif->seq_of_statements())});
            if (auto *e = s->else_part()) {
                node->has_else = true;
                node->else_body = TransformStatements(e->seq_of_statements());
            }
            return node;
        }
        case P::RuleBasic_loop_stmt: {
            auto *s = static_cast<P::Basic_loop_stmtContext *>(child);
            auto node = std::make_unique<ast::LoopStmt>(Loc(s));
            node->body = TransformStatements(s->seq_of_statements());
            if (s->identifier()) node->end_label = TransformIdentifier(s->identifier());
            return node;
        }
        case P::RuleWhile_loop_stmt: {
            auto *s = static_cast<P::While_loop_stmtContext *>(child);
            auto node = std::make_unique<ast::WhileStmt>(Loc(s));
            node->condition = TransformExpr(s->expr());
            node->body = TransformStatements(s->seq_of_statements());
            if (s->identifier()) node->end_label = TransformIdentifier(s->identifier());
            return node;
        }
        case P::RuleFor_loop_stmt: {
            auto *s = static_cast<P::For_loop_stmtContext *>(child);
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
        case P::RuleFor_iteration_stmt: {
            auto *s = static_cast<P::For_iteration_stmtContext *>(child);
            auto node = std::make_unique<ast::ForRangeStmt>(Loc(s));
            auto ids = s->identifier();
            node->variable = TransformIdentifier(ids[0]);
            node->reverse = s->K_REVERSE() != nullptr;
            node->iteration = s->K_INDICES() != nullptr  ? ast::ForRangeStmt::Iteration::Indices
                              : s->K_VALUES() != nullptr ? ast::ForRangeStmt::Iteration::Values
                                                         : ast::ForRangeStmt::Iteration::Pairs;
            size_t labels_from = 1;
            if (s->COMMA() != nullptr) {
                node->value_variable = TransformIdentifier(ids[1]);
                labels_from = 2;
            }
            if (s->COMMA() != nullptr && node->iteration != ast::ForRangeStmt::Iteration::Pairs)
                throw SyntaxError("two iterands need PAIRS OF", node->loc.line, node->loc.column);
            if (s->COMMA() == nullptr && node->iteration == ast::ForRangeStmt::Iteration::Pairs)
                throw SyntaxError("PAIRS OF needs two iterands (FOR i, v IN PAIRS OF c)", node->loc.line,
                                  node->loc.column);
            node->collection = TransformExpr(s->expr());
            node->body = TransformStatements(s->seq_of_statements());
            if (ids.size() > labels_from) node->end_label = TransformIdentifier(ids[labels_from]);
            return node;
        }
        case P::RuleForall_stmt: {
            auto *s = static_cast<P::Forall_stmtContext *>(child);
            auto node = std::make_unique<ast::ForAllStmt>(Loc(s));
            node->variable = TransformIdentifier(s->identifier());
            node->save_exceptions = s->K_SAVE() != nullptr;
            if (auto *range = dynamic_cast<P::ForallRangeContext *>(s->forall_bounds())) {
                node->bounds = ast::ForAllStmt::Bounds::Range;
                node->low = TransformExpr(range->expr(0));
                node->high = TransformExpr(range->expr(1));
            } else if (auto *indices = dynamic_cast<P::ForallIndicesContext *>(s->forall_bounds())) {
                node->bounds = ast::ForAllStmt::Bounds::Indices;
                node->collection = TransformNameChain(indices->name_chain());
                if (indices->K_BETWEEN() != nullptr) {
                    node->low = TransformArith(indices->arith_expr(0));
                    node->high = TransformArith(indices->arith_expr(1));
                }
            } else {
                auto *values = static_cast<P::ForallValuesContext *>(s->forall_bounds());
                node->bounds = ast::ForAllStmt::Bounds::Values;
                node->collection = TransformNameChain(values->name_chain());
            }
            if (s->sql_stmt() != nullptr) {
                node->body = TransformSql(s->sql_stmt());
                auto &sql = ast::Cast<ast::SqlStmt>(*node->body);
                if (sql.verb == ast::SqlVerb::Select || sql.verb == ast::SqlVerb::With)
                    throw SyntaxError("FORALL runs INSERT, UPDATE, DELETE or MERGE (or EXECUTE IMMEDIATE), not a query",
                                      node->loc.line, node->loc.column);
            } else {
                node->body = TransformExecuteImmediate(s->execute_immediate_stmt());
            }
            return node;
        }
        case P::RuleExit_stmt: {
            auto *s = static_cast<P::Exit_stmtContext *>(child);
            return LoopControl<ast::ExitStmt>(*this, s);
        }
        case P::RuleContinue_stmt: {
            auto *s = static_cast<P::Continue_stmtContext *>(child);
            return LoopControl<ast::ContinueStmt>(*this, s);
        }
        case P::RuleNull_stmt: {
            auto *s = static_cast<P::Null_stmtContext *>(child);
            return std::make_unique<ast::NullStmt>(Loc(s));
        }
        case P::RuleReturn_stmt: {
            auto *s = static_cast<P::Return_stmtContext *>(child);
            auto node = std::make_unique<ast::ReturnStmt>(Loc(s));
            if (s->expr()) node->value = TransformExpr(s->expr());
            return node;
        }
        case P::RuleRaise_stmt: {
            auto *s = static_cast<P::Raise_stmtContext *>(child);
            auto node = std::make_unique<ast::RaiseStmt>(Loc(s));
            if (s->name_chain()) node->exception = TransformNameChain(s->name_chain());
            return node;
        }
        case P::RuleCursor_for_loop_stmt: {
            auto *s = static_cast<P::Cursor_for_loop_stmtContext *>(child);
            return TransformCursorFor(s);
        }
        case P::RulePipe_row_stmt: {
            auto *s = static_cast<P::Pipe_row_stmtContext *>(child);
            auto node = std::make_unique<ast::PipeRowStmt>(Loc(s));
            node->value = TransformExpr(s->expr());
            return node;
        }
        case P::RuleGoto_stmt: {
            auto *s = static_cast<P::Goto_stmtContext *>(child);
            auto node = std::make_unique<ast::GotoStmt>(Loc(s));
            node->label = TransformIdentifier(s->identifier());
            return node;
        }
        case P::RuleCase_stmt: {
            auto *s = static_cast<P::Case_stmtContext *>(child);
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
        case P::RuleOpen_stmt: {
            auto *s = static_cast<P::Open_stmtContext *>(child);
            return TransformOpen(s);
        }
        case P::RuleFetch_stmt: {
            auto *s = static_cast<P::Fetch_stmtContext *>(child);
            return TransformFetch(s);
        }
        case P::RuleClose_stmt: {
            auto *s = static_cast<P::Close_stmtContext *>(child);
            auto node = std::make_unique<ast::CloseStmt>(Loc(s));
            node->cursor = TransformNameChain(s->name_chain());
            return node;
        }
        case P::RuleExecute_immediate_stmt: {
            auto *s = static_cast<P::Execute_immediate_stmtContext *>(child);
            return TransformExecuteImmediate(s);
        }
        case P::RuleSql_stmt: {
            auto *s = static_cast<P::Sql_stmtContext *>(child);
            return TransformSql(s);
        }
        case P::RuleCommit_stmt: {
            auto *s = static_cast<P::Commit_stmtContext *>(child);
            return std::make_unique<ast::TransactionStmt>(ast::StmtKind::Commit, Loc(s));
        }
        case P::RuleRollback_stmt: {
            auto *s = static_cast<P::Rollback_stmtContext *>(child);
            return std::make_unique<ast::TransactionStmt>(ast::StmtKind::Rollback, Loc(s));
        }
        case P::RuleCall_stmt: {
            auto *s = static_cast<P::Call_stmtContext *>(child);
            auto node = std::make_unique<ast::CallStmt>(Loc(s));
            node->call = TransformNameRef(s->name_ref());
            node->text = TextBetween(s->name_ref()->getStart(), s->getStop());
            if (node->call->kind == ast::ExprKind::Attribute)
                throw SyntaxError("an attribute is not a statement", node->loc.line, node->loc.column);
            // c(i).EXTEND is a statement, f(x).a is not: the compiler knows which.
            return node;
        }
        default: break;
    }
    // Only a grammar change without a case here gets this far.
    throw SyntaxError("statement not supported", Loc(ctx).line, Loc(ctx).column);
}

}  // namespace plpolar::parser
