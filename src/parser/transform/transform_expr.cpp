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
    // q'[...]': the text between the delimiters, quotes as they are.
    if (begin > 0 && (literal[begin - 1] == 'q' || literal[begin - 1] == 'Q'))
        return literal.substr(begin + 2, literal.size() - begin - 4);
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

// identifier, name_part and literal are one token each: the token's text,
// not RuleContext::getText, which builds it through a stringstream.
std::string Transformer::TransformIdentifier(P::IdentifierContext *ctx) {
    return FoldIdentifier(ctx->getStart()->getText());
}

ast::NameChain Transformer::TransformNameChain(P::Name_chainContext *ctx) {
    ast::NameChain name;
    // name_part (DOT (name_part | DELETE))*: the parts are the even
    // children; DELETE (a collection method) is a bare token.
    for (size_t i = 0; i < ctx->children.size(); i += 2) {
        if (dynamic_cast<antlr4::tree::TerminalNode *>(ctx->children[i]) != nullptr) {
            name.push_back("delete");
            continue;
        }
        auto *part = static_cast<P::Name_partContext *>(ctx->children[i]);
        if (part->getStart()->getType() == P::POSITIONAL_PARAM)
            name.push_back(part->getStart()->getText());
        else
            name.push_back(TransformIdentifier(part->identifier()));
    }
    return name;
}

namespace {

antlr4::Token *OperatorAt(antlr4::ParserRuleContext *ctx, size_t i) {
    return static_cast<antlr4::tree::TerminalNode *>(ctx->children[i])->getSymbol();
}

bool IsUnsignedNumber(const ast::Expr &expr) {
    if (expr.kind != ast::ExprKind::Literal) return false;
    const auto &lit = ast::Cast<ast::LiteralExpr>(expr);
    return (lit.type == ast::LiteralExpr::Type::Integer || lit.type == ast::LiteralExpr::Type::Decimal) &&
           !lit.text.empty() && lit.text[0] != '-';
}

}  // namespace

// The expr alternatives differ in shape, which the grammar fixes: one child
// is an arith_expr, two are NOT and its operand, and every other one starts
// with an expr followed by its operator token. Like arith_expr, the left
// spine of a chain is walked in a loop.
ast::ExprPtr Transformer::TransformExpr(P::ExprContext *ctx) {
    PollInterrupts();
    std::vector<P::ExprContext *> spine;
    P::ExprContext *bottom = ctx;
    while (bottom->children.size() >= 3) {
        spine.push_back(bottom);
        bottom = static_cast<P::ExprContext *>(bottom->children[0]);
    }
    DepthScope scope(*this, spine.size() + 1, ctx);
    ast::ExprPtr result;
    if (bottom->children.size() == 1)
        result = TransformArith(static_cast<P::Arith_exprContext *>(bottom->children[0]));
    else
        result = std::make_unique<ast::NotExpr>(Loc(bottom),
                                                TransformExpr(static_cast<P::ExprContext *>(bottom->children[1])));
    for (auto it = spine.rbegin(); it != spine.rend(); ++it) {
        P::ExprContext *node = *it;
        auto arith = [node](size_t i) { return static_cast<P::Arith_exprContext *>(node->children[i]); };
        size_t i = 1;
        antlr4::Token *op = OperatorAt(node, i);
        bool negated = false;
        if (op->getType() == P::K_NOT) {
            negated = true;
            op = OperatorAt(node, ++i);
        }
        switch (op->getType()) {
            case P::K_LIKE: {
                auto like = std::make_unique<ast::LikeExpr>(Loc(op));
                like->operand = std::move(result);
                like->pattern = TransformArith(arith(i + 1));
                if (node->children.size() > i + 2) like->escape = TransformArith(arith(i + 3));
                like->negated = negated;
                result = std::move(like);
                break;
            }
            case P::K_BETWEEN: {
                auto between = std::make_unique<ast::BetweenExpr>(Loc(op));
                between->operand = std::move(result);
                between->low = TransformArith(arith(i + 1));
                between->high = TransformArith(arith(i + 3));
                between->negated = negated;
                result = std::move(between);
                break;
            }
            case P::K_IN: {
                auto in = std::make_unique<ast::InExpr>(Loc(op));
                in->operand = std::move(result);
                // ( expr , expr ... ): the list items sit at every other child.
                for (size_t j = i + 2; j + 1 < node->children.size(); j += 2)
                    in->list.push_back(TransformExpr(static_cast<P::ExprContext *>(node->children[j])));
                in->negated = negated;
                result = std::move(in);
                break;
            }
            case P::K_IS: {
                const bool negated_is = node->children.size() == 4;
                if (OperatorAt(node, node->children.size() - 1)->getType() == P::K_EMPTY) {
                    // c IS [NOT] EMPTY: plpolar$is_empty(c), negated by NOT.
                    auto call = std::make_unique<ast::CallExpr>(Loc(op), ast::NameChain{"plpolar$is_empty"});
                    call->has_parens = true;
                    call->args.push_back(ast::CallArg{std::string(), std::move(result), nullptr});
                    result = std::move(call);
                    if (negated_is) result = std::make_unique<ast::NotExpr>(Loc(op), std::move(result));
                    break;
                }
                result = std::make_unique<ast::IsNullExpr>(Loc(op), std::move(result), negated_is);
                break;
            }
            case P::K_MEMBER:
            case P::K_SUBMULTISET: {
                // x [NOT] MEMBER [OF] c, a [NOT] SUBMULTISET [OF] b
                auto call = std::make_unique<ast::CallExpr>(
                    Loc(op),
                    ast::NameChain{op->getType() == P::K_MEMBER ? "plpolar$member_of" : "plpolar$submultiset"});
                call->has_parens = true;
                call->args.push_back(ast::CallArg{std::string(), std::move(result), nullptr});
                call->args.push_back(
                    ast::CallArg{std::string(), TransformArith(arith(node->children.size() - 1)), nullptr});
                result = std::move(call);
                if (negated) result = std::make_unique<ast::NotExpr>(Loc(op), std::move(result));
                break;
            }
            default: {
                ast::BinaryOp bop = ast::BinaryOp::Or;
                switch (op->getType()) {
                    case P::EQ: bop = ast::BinaryOp::Eq; break;
                    case P::NE: bop = ast::BinaryOp::Ne; break;
                    case P::LT: bop = ast::BinaryOp::Lt; break;
                    case P::LE: bop = ast::BinaryOp::Le; break;
                    case P::GT: bop = ast::BinaryOp::Gt; break;
                    case P::GE: bop = ast::BinaryOp::Ge; break;
                    case P::K_AND: bop = ast::BinaryOp::And; break;
                    default: break;
                }
                result = std::make_unique<ast::BinaryExpr>(
                    Loc(op), bop, std::move(result), TransformExpr(static_cast<P::ExprContext *>(node->children[2])));
            }
        }
    }
    return result;
}

// The arith_expr alternatives differ in shape, which the grammar fixes: one
// child is a primary, two are a sign and its operand, three have the operator
// (or ::) in the middle. A chain "a + b + c ..." is a left-deep tree as long
// as the chain, so its left spine is walked in a loop, not by recursion.
ast::ExprPtr Transformer::TransformArith(P::Arith_exprContext *ctx) {
    std::vector<P::Arith_exprContext *> spine;
    P::Arith_exprContext *bottom = ctx;
    auto multiset = [](P::Arith_exprContext *c) {
        return c->children.size() >= 4 && dynamic_cast<antlr4::tree::TerminalNode *>(c->children[1]) != nullptr &&
               OperatorAt(c, 1)->getType() == P::K_MULTISET;
    };
    while (bottom->children.size() == 3 || multiset(bottom)) {
        spine.push_back(bottom);
        bottom = static_cast<P::Arith_exprContext *>(bottom->children[0]);
    }
    DepthScope scope(*this, spine.size() + 1, ctx);
    ast::ExprPtr result;
    if (bottom->children.size() == 1) {
        result = TransformPrimary(static_cast<P::PrimaryContext *>(bottom->children[0]));
    } else {
        antlr4::Token *sign = OperatorAt(bottom, 0);
        ast::ExprPtr operand = TransformArith(static_cast<P::Arith_exprContext *>(bottom->children[1]));
        if (sign->getType() == P::PLUS) {
            result = std::make_unique<ast::UnaryExpr>(Loc(sign), ast::UnaryOp::Plus, std::move(operand));
        } else if (IsUnsignedNumber(*operand)) {
            // Fold "-literal" so that -2147483648 is one integer literal;
            // "- -1" stays a negation of -1.
            auto &lit = ast::Cast<ast::LiteralExpr>(*operand);
            lit.text = "-" + lit.text;
            lit.loc = Loc(sign);
            result = std::move(operand);
        } else {
            result = std::make_unique<ast::UnaryExpr>(Loc(sign), ast::UnaryOp::Minus, std::move(operand));
        }
    }
    for (auto it = spine.rbegin(); it != spine.rend(); ++it) {
        P::Arith_exprContext *node = *it;
        antlr4::Token *op = OperatorAt(node, 1);
        if (op->getType() == P::K_MULTISET) {
            // a MULTISET UNION | INTERSECT | EXCEPT [ALL | DISTINCT] b
            std::string name = "plpolar$multiset_";
            switch (OperatorAt(node, 2)->getType()) {
                case P::K_UNION: name += "union"; break;
                case P::K_INTERSECT: name += "intersect"; break;
                default: name += "except"; break;
            }
            if (node->children.size() == 5 && OperatorAt(node, 3)->getType() == P::K_DISTINCT) name += "_distinct";
            auto call = std::make_unique<ast::CallExpr>(Loc(op), ast::NameChain{name});
            call->has_parens = true;
            call->args.push_back(ast::CallArg{std::string(), std::move(result), nullptr});
            call->args.push_back(ast::CallArg{
                std::string(),
                TransformArith(static_cast<P::Arith_exprContext *>(node->children[node->children.size() - 1])),
                nullptr});
            result = std::move(call);
            continue;
        }
        if (op->getType() == P::TYPECAST) {
            result = std::make_unique<ast::CastExpr>(
                Loc(op), std::move(result), TransformTypeName(static_cast<P::Type_nameContext *>(node->children[2])));
            continue;
        }
        ast::BinaryOp bop = ast::BinaryOp::Add;
        switch (op->getType()) {
            case P::EXPON: bop = ast::BinaryOp::Pow; break;
            case P::STAR: bop = ast::BinaryOp::Mul; break;
            case P::SLASH: bop = ast::BinaryOp::Div; break;
            case P::MINUS: bop = ast::BinaryOp::Sub; break;
            case P::CONCAT: bop = ast::BinaryOp::Concat; break;
            default: break;
        }
        result = std::make_unique<ast::BinaryExpr>(
            Loc(op), bop, std::move(result), TransformArith(static_cast<P::Arith_exprContext *>(node->children[2])));
    }
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
    // Names and literals first: each failed dynamic_cast costs.
    if (auto *name = dynamic_cast<P::NamePrimaryContext *>(ctx)) return TransformNameRef(name->name_ref());
    if (auto *lit = dynamic_cast<P::LiteralPrimaryContext *>(ctx)) return TransformLiteral(lit->literal());
    if (auto *paren = dynamic_cast<P::ParenPrimaryContext *>(ctx)) return TransformExpr(paren->expr());
    if (auto *cast = dynamic_cast<P::CastPrimaryContext *>(ctx))
        return std::make_unique<ast::CastExpr>(Loc(ctx), TransformExpr(cast->expr()),
                                               TransformTypeName(cast->type_name()));
    if (auto *x = dynamic_cast<P::ExtractPrimaryContext *>(ctx)) {
        // EXTRACT(field FROM expr): PostgreSQL's extract(field, expr), by
        // its qualified name (EXTRACT is grammar in SQL, a function there).
        std::string field = FoldIdentifier(x->identifier()->getText());
        static const char *const kFields[] = {"year",   "month",  "day",           "hour",
                                              "minute", "second", "timezone_hour", "timezone_minute"};
        bool known = false;
        for (const char *f : kFields) known = known || field == f;
        if (!known)
            throw SyntaxError("EXTRACT takes YEAR, MONTH, DAY, HOUR, MINUTE, SECOND, TIMEZONE_HOUR or TIMEZONE_MINUTE",
                              static_cast<int>(x->getStart()->getLine()),
                              static_cast<int>(x->getStart()->getCharPositionInLine()) + 1);
        auto call = std::make_unique<ast::CallExpr>(Loc(ctx), ast::NameChain{"pg_catalog", "extract"});
        call->has_parens = true;
        ast::CallArg what;
        what.value = std::make_unique<ast::LiteralExpr>(Loc(ctx), ast::LiteralExpr::Type::String, field);
        call->args.push_back(std::move(what));
        ast::CallArg from;
        from.value = TransformExpr(x->expr());
        call->args.push_back(std::move(from));
        return call;
    }
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
    // SQL%BULK_ROWCOUNT(i), SQL%BULK_EXCEPTIONS(j).ERROR_INDEX: a call of
    // "sql%bulk_..."; SQL%BULK_EXCEPTIONS.COUNT a name.
    if (auto *bulk = dynamic_cast<P::SqlBulkPrimaryContext *>(ctx)) {
        auto ids = bulk->identifier();
        auto call = std::make_unique<ast::CallExpr>(Loc(ctx), ast::NameChain{"sql%" + TransformIdentifier(ids[0])});
        call->has_parens = true;
        ast::CallArg arg;
        arg.value = TransformExpr(bulk->expr());
        call->args.push_back(std::move(arg));
        if (ids.size() > 1) call->fields.push_back(TransformIdentifier(ids[1]));
        return call;
    }
    if (auto *count = dynamic_cast<P::SqlBulkCountPrimaryContext *>(ctx)) {
        auto ids = count->identifier();
        return std::make_unique<ast::NameExpr>(
            Loc(ctx), ast::NameChain{"sql%" + TransformIdentifier(ids[0]), TransformIdentifier(ids[1])});
    }
    if (auto *attr = dynamic_cast<P::SqlAttributePrimaryContext *>(ctx))
        return std::make_unique<ast::AttributeExpr>(Loc(ctx), ast::NameChain{}, AttributeOf(attr->attribute_name()));
    // The one alternative left.
    auto *typed = static_cast<P::TypedLiteralPrimaryContext *>(ctx);
    auto lit = std::make_unique<ast::LiteralExpr>(Loc(ctx), ast::LiteralExpr::Type::Typed,
                                                  UnquoteString(typed->STRING_LITERAL()->getText()));
    lit->type_name = TransformIdentifier(typed->identifier());
    return lit;
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
    for (auto *s : ctx->subscript()) call->subscripts.push_back(TransformPlainCallArgs(s->call_args()));
    for (auto *field : ctx->field_name())
        call->fields.push_back(field->identifier() != nullptr ? TransformIdentifier(field->identifier())
                                                              : std::string("delete"));
    if (auto *m = ctx->method_args()) {
        call->method_parens = true;
        call->method_args = TransformPlainCallArgs(m->call_args());
    }
    return call;
}

std::vector<ast::CallArg> Transformer::TransformPlainCallArgs(P::Call_argsContext *ctx) {
    std::vector<ast::CallArg> args = TransformCallArgs(ctx);
    for (const ast::CallArg &a : args)
        if (a.key)
            throw SyntaxError(
                "key => value is an associative array's constructor only (a parameter is named by its name)",
                a.key->loc.line, a.key->loc.column);
    return args;
}

std::vector<ast::CallArg> Transformer::TransformCallArgs(P::Call_argsContext *ctx) {
    std::vector<ast::CallArg> args;
    if (ctx == nullptr) return args;
    for (auto *arg : ctx->call_arg()) {
        ast::CallArg out;
        if (arg->identifier()) {
            out.name = TransformIdentifier(arg->identifier());
            out.value = TransformExpr(arg->expr(0));
        } else if (arg->expr().size() == 2) {
            out.key = TransformExpr(arg->expr(0));
            out.value = TransformExpr(arg->expr(1));
        } else {
            out.value = TransformExpr(arg->expr(0));
        }
        args.push_back(std::move(out));
    }
    return args;
}

ast::ExprPtr Transformer::TransformLiteral(P::LiteralContext *ctx) {
    using T = ast::LiteralExpr::Type;
    ast::SourceLoc loc = Loc(ctx);
    antlr4::Token *token = ctx->getStart();
    switch (token->getType()) {
        case P::INTEGER_LITERAL: return std::make_unique<ast::LiteralExpr>(loc, T::Integer, token->getText());
        case P::DECIMAL_LITERAL: return std::make_unique<ast::LiteralExpr>(loc, T::Decimal, token->getText());
        case P::STRING_LITERAL:
            return std::make_unique<ast::LiteralExpr>(loc, T::String, UnquoteString(token->getText()));
        case P::K_TRUE: return std::make_unique<ast::LiteralExpr>(loc, T::Boolean, "true");
        case P::K_FALSE: return std::make_unique<ast::LiteralExpr>(loc, T::Boolean, "false");
        default: break;
    }
    return std::make_unique<ast::LiteralExpr>(loc, T::Null, "");
}

}  // namespace plpolar::parser
