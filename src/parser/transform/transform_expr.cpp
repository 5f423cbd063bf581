#include "transformer.hpp"

#include "plpolar/parser/parser.hpp"

namespace plpolar::parser {

using P = PlPolarParser;

ast::SourceLoc Transformer::Loc(antlr4::Token *token) {
    // ANTLR columns are 0-based; people count from 1.
    return ast::SourceLoc{static_cast<int>(token->getLine()), static_cast<int>(token->getCharPositionInLine()) + 1};
}

std::string UnquoteString(const std::string &literal) {
    size_t begin = literal.find('\'');
    std::string out;
    out.reserve(literal.size());
    for (size_t i = begin + 1; i + 1 < literal.size(); ++i) {
        out.push_back(literal[i]);
        if (literal[i] == '\'') ++i;  // '' stands for one quote
    }
    return out;
}

Transformer::DepthScope::DepthScope(Transformer &t, size_t amount, antlr4::ParserRuleContext *at)
    : depth_(t.depth_), amount_(static_cast<int>(amount)) {
    depth_ += amount_;
    if (depth_ > kMaxExprDepth) {
        ast::SourceLoc loc = Loc(at);
        depth_ -= amount_;
        throw SyntaxError("expression is too deeply nested", loc.line, loc.column);
    }
}

std::string Transformer::TransformIdentifier(P::IdentifierContext *ctx) { return FoldIdentifier(ctx->getText()); }

ast::NameChain Transformer::TransformNameChain(P::Name_chainContext *ctx) {
    ast::NameChain name;
    for (auto *part : ctx->name_part()) {
        if (part->POSITIONAL_PARAM())
            name.push_back(part->getText());
        else
            name.push_back(TransformIdentifier(part->identifier()));
    }
    return name;
}

ast::ExprPtr Transformer::TransformExpr(P::ExprContext *ctx) {
    auto operands = ctx->and_expr();
    DepthScope scope(*this, operands.size(), ctx);
    ast::ExprPtr result = TransformAnd(operands[0]);
    for (size_t i = 1; i < operands.size(); ++i)
        result = std::make_unique<ast::BinaryExpr>(Loc(ctx->K_OR(i - 1)->getSymbol()), ast::BinaryOp::Or,
                                                   std::move(result), TransformAnd(operands[i]));
    return result;
}

ast::ExprPtr Transformer::TransformAnd(P::And_exprContext *ctx) {
    auto operands = ctx->not_expr();
    DepthScope scope(*this, operands.size(), ctx);
    ast::ExprPtr result = TransformNot(operands[0]);
    for (size_t i = 1; i < operands.size(); ++i)
        result = std::make_unique<ast::BinaryExpr>(Loc(ctx->K_AND(i - 1)->getSymbol()), ast::BinaryOp::And,
                                                   std::move(result), TransformNot(operands[i]));
    return result;
}

ast::ExprPtr Transformer::TransformNot(P::Not_exprContext *ctx) {
    if (ctx->K_NOT()) {
        DepthScope scope(*this, 1, ctx);
        return std::make_unique<ast::NotExpr>(Loc(ctx), TransformNot(ctx->not_expr()));
    }
    return TransformRel(ctx->rel_expr());
}

ast::ExprPtr Transformer::TransformRel(P::Rel_exprContext *ctx) {
    auto operands = ctx->add_expr();
    ast::ExprPtr left = TransformAdd(operands[0]);
    if (auto *op = ctx->comparison_op()) {
        ast::BinaryOp bop = ast::BinaryOp::Eq;
        if (op->NE())
            bop = ast::BinaryOp::Ne;
        else if (op->LT())
            bop = ast::BinaryOp::Lt;
        else if (op->LE())
            bop = ast::BinaryOp::Le;
        else if (op->GT())
            bop = ast::BinaryOp::Gt;
        else if (op->GE())
            bop = ast::BinaryOp::Ge;
        return std::make_unique<ast::BinaryExpr>(Loc(op), bop, std::move(left), TransformAdd(operands[1]));
    }
    bool negated = ctx->K_NOT() != nullptr;
    if (ctx->K_IS()) return std::make_unique<ast::IsNullExpr>(Loc(ctx->K_IS()->getSymbol()), std::move(left), negated);
    if (ctx->K_LIKE()) {
        auto like = std::make_unique<ast::LikeExpr>(Loc(ctx->K_LIKE()->getSymbol()));
        like->operand = std::move(left);
        like->pattern = TransformAdd(operands[1]);
        if (ctx->K_ESCAPE()) like->escape = TransformAdd(operands[2]);
        like->negated = negated;
        return like;
    }
    if (ctx->K_BETWEEN()) {
        auto between = std::make_unique<ast::BetweenExpr>(Loc(ctx->K_BETWEEN()->getSymbol()));
        between->operand = std::move(left);
        between->low = TransformAdd(operands[1]);
        between->high = TransformAdd(operands[2]);
        between->negated = negated;
        return between;
    }
    if (ctx->K_IN()) {
        auto in = std::make_unique<ast::InExpr>(Loc(ctx->K_IN()->getSymbol()));
        in->operand = std::move(left);
        for (auto *e : ctx->expr()) in->list.push_back(TransformExpr(e));
        in->negated = negated;
        return in;
    }
    return left;
}

ast::ExprPtr Transformer::TransformAdd(P::Add_exprContext *ctx) {
    auto operands = ctx->mul_expr();
    auto ops = ctx->add_op();
    DepthScope scope(*this, operands.size(), ctx);
    ast::ExprPtr result = TransformMul(operands[0]);
    for (size_t i = 1; i < operands.size(); ++i) {
        auto *op = ops[i - 1];
        ast::BinaryOp bop = op->PLUS() ? ast::BinaryOp::Add : op->MINUS() ? ast::BinaryOp::Sub : ast::BinaryOp::Concat;
        result = std::make_unique<ast::BinaryExpr>(Loc(op), bop, std::move(result), TransformMul(operands[i]));
    }
    return result;
}

ast::ExprPtr Transformer::TransformMul(P::Mul_exprContext *ctx) {
    auto operands = ctx->unary_expr();
    auto ops = ctx->mul_op();
    DepthScope scope(*this, operands.size(), ctx);
    ast::ExprPtr result = TransformUnary(operands[0]);
    for (size_t i = 1; i < operands.size(); ++i) {
        auto *op = ops[i - 1];
        ast::BinaryOp bop = op->STAR() ? ast::BinaryOp::Mul : ast::BinaryOp::Div;
        result = std::make_unique<ast::BinaryExpr>(Loc(op), bop, std::move(result), TransformUnary(operands[i]));
    }
    return result;
}

ast::ExprPtr Transformer::TransformUnary(P::Unary_exprContext *ctx) {
    if (ctx->pow_expr()) return TransformPow(ctx->pow_expr());
    DepthScope scope(*this, 1, ctx);
    ast::ExprPtr operand = TransformUnary(ctx->unary_expr());
    if (ctx->PLUS()) return std::make_unique<ast::UnaryExpr>(Loc(ctx), ast::UnaryOp::Plus, std::move(operand));
    // Fold "-literal" so that -2147483648 is one integer literal.
    if (operand->kind == ast::ExprKind::Literal) {
        auto &lit = ast::Cast<ast::LiteralExpr>(*operand);
        if (lit.type == ast::LiteralExpr::Type::Integer || lit.type == ast::LiteralExpr::Type::Decimal) {
            lit.text = "-" + lit.text;
            lit.loc = Loc(ctx);
            return operand;
        }
    }
    return std::make_unique<ast::UnaryExpr>(Loc(ctx), ast::UnaryOp::Minus, std::move(operand));
}

ast::ExprPtr Transformer::TransformPow(P::Pow_exprContext *ctx) {
    ast::ExprPtr base = TransformPostfix(ctx->postfix_expr());
    if (!ctx->EXPON()) return base;
    return std::make_unique<ast::BinaryExpr>(Loc(ctx->EXPON()->getSymbol()), ast::BinaryOp::Pow, std::move(base),
                                             TransformUnary(ctx->unary_expr()));
}

ast::ExprPtr Transformer::TransformPostfix(P::Postfix_exprContext *ctx) {
    ast::ExprPtr result = TransformPrimary(ctx->primary());
    for (auto *type : ctx->type_name())
        result = std::make_unique<ast::CastExpr>(Loc(type), std::move(result), TransformTypeName(type));
    return result;
}

static ast::AttributeKind AttributeOf(PlPolarParser::Attribute_nameContext *ctx) {
    if (ctx->K_FOUND()) return ast::AttributeKind::Found;
    if (ctx->K_NOTFOUND()) return ast::AttributeKind::NotFound;
    if (ctx->K_ISOPEN()) return ast::AttributeKind::IsOpen;
    if (ctx->K_ROWCOUNT()) return ast::AttributeKind::RowCount;
    throw SyntaxError("unknown attribute %" + ctx->getText(), static_cast<int>(ctx->getStart()->getLine()),
                      static_cast<int>(ctx->getStart()->getCharPositionInLine()) + 1);
}

ast::ExprPtr Transformer::TransformPrimary(P::PrimaryContext *ctx) {
    if (auto *lit = dynamic_cast<P::LiteralPrimaryContext *>(ctx)) return TransformLiteral(lit->literal());
    if (auto *paren = dynamic_cast<P::ParenPrimaryContext *>(ctx)) return TransformExpr(paren->expr());
    if (auto *cast = dynamic_cast<P::CastPrimaryContext *>(ctx))
        return std::make_unique<ast::CastExpr>(Loc(ctx), TransformExpr(cast->expr()),
                                               TransformTypeName(cast->type_name()));
    if (auto *c = dynamic_cast<P::CasePrimaryContext *>(ctx)) {
        auto node = std::make_unique<ast::CaseExpr>(Loc(ctx));
        auto exprs = c->expr();
        size_t i = 0;
        // Operand, then WHEN/THEN pairs, then ELSE: count by the WHENs.
        size_t nwhen = c->K_WHEN().size();
        bool has_else = c->K_ELSE() != nullptr;
        if (exprs.size() == 2 * nwhen + (has_else ? 1 : 0) + 1) node->operand = TransformExpr(exprs[i++]);
        for (size_t w = 0; w < nwhen; ++w) {
            ast::CaseExpr::When when;
            when.condition = TransformExpr(exprs[i++]);
            when.result = TransformExpr(exprs[i++]);
            node->whens.push_back(std::move(when));
        }
        if (has_else) node->else_value = TransformExpr(exprs[i++]);
        return node;
    }
    if (auto *attr = dynamic_cast<P::SqlAttributePrimaryContext *>(ctx))
        return std::make_unique<ast::AttributeExpr>(Loc(ctx), ast::NameChain{}, AttributeOf(attr->attribute_name()));
    if (auto *typed = dynamic_cast<P::TypedLiteralPrimaryContext *>(ctx)) {
        auto lit = std::make_unique<ast::LiteralExpr>(Loc(ctx), ast::LiteralExpr::Type::Typed,
                                                      UnquoteString(typed->STRING_LITERAL()->getText()));
        lit->type_name = TransformIdentifier(typed->identifier());
        return lit;
    }
    auto *name = dynamic_cast<P::NamePrimaryContext *>(ctx);
    return TransformNameRef(name->name_ref());
}

ast::ExprPtr Transformer::TransformNameRef(P::Name_refContext *ctx) {
    ast::NameChain name = TransformNameChain(ctx->name_chain());
    if (ctx->attribute_name()) {
        if (ctx->LPAREN())
            throw SyntaxError("an attribute cannot follow a call", static_cast<int>(ctx->getStart()->getLine()),
                              static_cast<int>(ctx->getStart()->getCharPositionInLine()) + 1);
        return std::make_unique<ast::AttributeExpr>(Loc(ctx), std::move(name), AttributeOf(ctx->attribute_name()));
    }
    if (!ctx->LPAREN()) return std::make_unique<ast::NameExpr>(Loc(ctx), std::move(name));
    auto call = std::make_unique<ast::CallExpr>(Loc(ctx), std::move(name));
    call->has_parens = true;
    call->args = TransformCallArgs(ctx->call_args());
    return call;
}

std::vector<ast::CallArg> Transformer::TransformCallArgs(P::Call_argsContext *ctx) {
    std::vector<ast::CallArg> args;
    if (ctx == nullptr) return args;
    for (auto *arg : ctx->call_arg()) {
        ast::CallArg out;
        if (arg->identifier()) out.name = TransformIdentifier(arg->identifier());
        out.value = TransformExpr(arg->expr());
        args.push_back(std::move(out));
    }
    return args;
}

ast::ExprPtr Transformer::TransformLiteral(P::LiteralContext *ctx) {
    using T = ast::LiteralExpr::Type;
    ast::SourceLoc loc = Loc(ctx);
    if (ctx->INTEGER_LITERAL()) return std::make_unique<ast::LiteralExpr>(loc, T::Integer, ctx->getText());
    if (ctx->DECIMAL_LITERAL()) return std::make_unique<ast::LiteralExpr>(loc, T::Decimal, ctx->getText());
    if (ctx->STRING_LITERAL()) return std::make_unique<ast::LiteralExpr>(loc, T::String, UnquoteString(ctx->getText()));
    if (ctx->K_TRUE()) return std::make_unique<ast::LiteralExpr>(loc, T::Boolean, "true");
    if (ctx->K_FALSE()) return std::make_unique<ast::LiteralExpr>(loc, T::Boolean, "false");
    return std::make_unique<ast::LiteralExpr>(loc, T::Null, "");
}

}  // namespace plpolar::parser
