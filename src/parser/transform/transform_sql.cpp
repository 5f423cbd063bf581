#include "transformer.hpp"

#include "plpolar/parser/parser.hpp"

namespace plpolar::parser {

using P = PlPolarParser;

namespace {

bool IsNameToken(antlr4::Token *t) {
    switch (t->getType()) {
        case P::IDENTIFIER:
        case P::QUOTED_IDENTIFIER:
        case P::K_FOUND:
        case P::K_NOTFOUND:
        case P::K_ROWCOUNT:
        case P::K_TYPE:
        case P::K_RECORD: return true;
        default: return false;
    }
}

}  // namespace

// SELECT ... INTO a, b FROM ...: the INTO list names PL targets and is cut
// out; PostgreSQL gets the remaining query, whose PL variable references
// are bound as parameters when it is prepared.
ast::StmtPtr Transformer::TransformSql(P::Sql_stmtContext *ctx) {
    auto node = std::make_unique<ast::SqlStmt>(Loc(ctx));
    std::vector<antlr4::Token *> tokens;
    for (auto *child : ctx->children)
        if (auto *term = dynamic_cast<antlr4::tree::TerminalNode *>(child)) tokens.push_back(term->getSymbol());

    switch (tokens.front()->getType()) {
        case P::K_SELECT: node->verb = ast::SqlVerb::Select; break;
        case P::K_INSERT: node->verb = ast::SqlVerb::Insert; break;
        case P::K_UPDATE: node->verb = ast::SqlVerb::Update; break;
        case P::K_DELETE: node->verb = ast::SqlVerb::Delete; break;
        case P::K_MERGE: node->verb = ast::SqlVerb::Merge; break;
        default: node->verb = ast::SqlVerb::With; break;
    }

    size_t into_at = 0;
    if (node->verb == ast::SqlVerb::Select || node->verb == ast::SqlVerb::With) {
        int depth = 0;
        for (size_t i = 1; i < tokens.size(); ++i) {
            int type = tokens[i]->getType();
            if (type == P::LPAREN) ++depth;
            if (type == P::RPAREN) --depth;
            if (type == P::K_INTO && depth == 0) {
                int prev = tokens[i - 1]->getType();
                if (prev == P::K_INSERT || prev == P::K_MERGE) break;  // WITH ... INSERT INTO t
                into_at = i;
                break;
            }
        }
    }
    if (into_at == 0) {
        node->text = TextBetween(tokens.front(), tokens.back());
        return node;
    }

    size_t i = into_at + 1;
    while (true) {
        if (i >= tokens.size() || !IsNameToken(tokens[i])) {
            ast::SourceLoc loc = Loc(i < tokens.size() ? tokens[i] : tokens[into_at]);
            throw SyntaxError("expected a variable name after INTO", loc.line, loc.column);
        }
        ast::NameChain target{FoldIdentifier(tokens[i]->getText())};
        node->into_locs.push_back(Loc(tokens[i]));
        ++i;
        while (i + 1 < tokens.size() && tokens[i]->getType() == P::DOT && IsNameToken(tokens[i + 1])) {
            target.push_back(FoldIdentifier(tokens[i + 1]->getText()));
            i += 2;
        }
        node->into.push_back(std::move(target));
        if (i < tokens.size() && tokens[i]->getType() == P::COMMA) {
            ++i;
            continue;
        }
        break;
    }
    std::string text = TextBetween(tokens.front(), tokens[into_at - 1]);
    if (i < tokens.size()) text += " " + TextBetween(tokens[i], tokens.back());
    node->text = std::move(text);
    return node;
}

}  // namespace plpolar::parser
