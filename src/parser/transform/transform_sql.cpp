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
        case P::K_RECORD:
        case P::K_BULK:
        case P::K_COLLECT:
        case P::K_LIMIT: return true;
        default: return false;
    }
}

}  // namespace

// Reads "name[.name]..., name" starting at tokens[i]; returns the index after.
static size_t ReadTargets(const Transformer &self, const std::vector<antlr4::Token *> &tokens, size_t i,
                          antlr4::Token *anchor, std::vector<ast::Target> &out) {
    while (true) {
        if (i >= tokens.size() || !IsNameToken(tokens[i])) {
            ast::SourceLoc loc = Transformer::Loc(i < tokens.size() ? tokens[i] : anchor);
            throw SyntaxError("expected a variable name after INTO", loc.line, loc.column);
        }
        ast::Target target;
        target.name.push_back(FoldIdentifier(tokens[i]->getText()));
        target.loc = Transformer::Loc(tokens[i]);
        ++i;
        while (i + 1 < tokens.size() && tokens[i]->getType() == P::DOT && IsNameToken(tokens[i + 1])) {
            target.name.push_back(FoldIdentifier(tokens[i + 1]->getText()));
            i += 2;
        }
        // c(i) / c(i).f: a collection's element (the compiler checks).
        if (i < tokens.size() && tokens[i]->getType() == P::LPAREN) {
            size_t open = i;
            int depth = 0;
            for (; i < tokens.size(); ++i) {
                if (tokens[i]->getType() == P::LPAREN) ++depth;
                if (tokens[i]->getType() == P::RPAREN && --depth == 0) break;
            }
            if (i >= tokens.size() || i == open + 1) {
                ast::SourceLoc loc = Transformer::Loc(tokens[open]);
                throw SyntaxError("expected a subscript after \"(\" in an INTO target", loc.line, loc.column);
            }
            target.subscript = self.TextBetween(tokens[open + 1], tokens[i - 1]);
            ++i;
            while (i + 1 < tokens.size() && tokens[i]->getType() == P::DOT && IsNameToken(tokens[i + 1])) {
                target.fields.push_back(FoldIdentifier(tokens[i + 1]->getText()));
                i += 2;
            }
        }
        out.push_back(std::move(target));
        if (i < tokens.size() && tokens[i]->getType() == P::COMMA) {
            ++i;
            continue;
        }
        return i;
    }
}

// SELECT ... INTO a, b FROM ... and DML ... RETURNING x INTO a: the INTO
// list names PL targets and is cut out; PostgreSQL gets the remaining
// query, whose PL variable references are bound as parameters when it is
// prepared. INSERT INTO t VALUES rec and UPDATE t SET ROW = rec are
// recorded for the compiler, which knows t's columns.
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
    bool query = node->verb == ast::SqlVerb::Select || node->verb == ast::SqlVerb::With;
    int depth = 0;
    bool after_returning = false;
    for (size_t i = 1; i < tokens.size(); ++i) {
        int type = tokens[i]->getType();
        if (type == P::LPAREN) ++depth;
        if (type == P::RPAREN) --depth;
        if (depth != 0) continue;
        if (type == P::K_RETURNING) after_returning = true;
        if (type == P::K_INTO && (query || after_returning)) {
            int prev = tokens[i - 1]->getType();
            if (prev == P::K_INSERT || prev == P::K_MERGE) break;  // WITH ... INSERT INTO t
            into_at = i;
            node->returning_into = after_returning;
            // BULK COLLECT INTO: cut from BULK.
            node->bulk = i >= 3 && prev == P::K_COLLECT && tokens[i - 2]->getType() == P::K_BULK;
            break;
        }
    }

    // INSERT INTO t VALUES rec / UPDATE t SET ROW = rec
    auto find = [&tokens](int type, size_t from) {
        for (size_t i = from; i < tokens.size(); ++i)
            if (static_cast<int>(tokens[i]->getType()) == type) return i;
        return tokens.size();
    };
    size_t end = into_at == 0 ? tokens.size() : node->bulk ? into_at - 2 : into_at;
    if (node->verb == ast::SqlVerb::Insert && tokens.size() > 4 && tokens[1]->getType() == P::K_INTO) {
        size_t values = find(P::K_VALUES, 2);
        if (values + 1 < end && IsNameToken(tokens[values + 1]) &&
            (values + 2 == end || tokens[values + 2]->getType() == P::K_RETURNING)) {
            node->row_table = TextBetween(tokens[2], tokens[values - 1]);
            node->row_record = TextBetween(tokens[values + 1], tokens[values + 1]);
            node->text = values + 2 < end ? TextBetween(tokens[values + 2], tokens[end - 1]) : "";
        }
    }
    if (node->row_record.empty() && node->verb == ast::SqlVerb::Update) {
        for (size_t i = 2; i + 3 < end; ++i) {
            if (FoldIdentifier(tokens[i]->getText()) == "set" && FoldIdentifier(tokens[i + 1]->getText()) == "row" &&
                tokens[i + 2]->getType() == P::EQ && IsNameToken(tokens[i + 3])) {
                node->row_table = TextBetween(tokens[1], tokens[i - 1]);
                node->row_record = TextBetween(tokens[i + 3], tokens[i + 3]);
                node->text = i + 4 < end ? TextBetween(tokens[i + 4], tokens[end - 1]) : "";
                break;
            }
        }
    }

    if (into_at == 0) {
        if (node->row_record.empty()) node->text = TextBetween(tokens.front(), tokens.back());
        return node;
    }
    size_t i = ReadTargets(*this, tokens, into_at + 1, tokens[into_at], node->into);
    const size_t cut = node->bulk ? into_at - 2 : into_at;
    if (node->row_record.empty()) {
        std::string text = TextBetween(tokens.front(), tokens[cut - 1]);
        if (i < tokens.size()) text += " " + TextBetween(tokens[i], tokens.back());
        node->text = std::move(text);
    } else if (i < tokens.size()) {
        node->text += " " + TextBetween(tokens[i], tokens.back());
    }
    return node;
}

std::string Transformer::TransformQuery(P::Query_textContext *ctx) {
    // Parenthesised queries keep their parentheses: PostgreSQL accepts them.
    return TextBetween(ctx->getStart(), ctx->getStop());
}

ast::Target Transformer::TransformFetchTarget(P::Fetch_targetContext *ctx) {
    ast::Target target = TransformTarget(ctx->name_chain());
    if (ctx->expr() != nullptr) {
        target.subscript = TextBetween(ctx->expr()->getStart(), ctx->expr()->getStop());
        for (auto *f : ctx->identifier()) target.fields.push_back(TransformIdentifier(f));
    }
    return target;
}

ast::Target Transformer::TransformTarget(P::Name_chainContext *ctx) {
    ast::Target t;
    t.name = TransformNameChain(ctx);
    t.loc = Loc(ctx);
    return t;
}

ast::BindArg Transformer::TransformBindArg(P::Using_argContext *ctx) {
    ast::BindArg arg;
    if (ctx->K_OUT() && ctx->K_IN())
        arg.mode = ast::BindArg::Mode::InOut;
    else if (ctx->K_OUT())
        arg.mode = ast::BindArg::Mode::Out;
    arg.value = TransformExpr(ctx->expr());
    return arg;
}

ast::StmtPtr Transformer::TransformOpen(P::Open_stmtContext *ctx) {
    auto node = std::make_unique<ast::OpenStmt>(Loc(ctx));
    node->cursor = TransformNameChain(ctx->name_chain());
    node->args = TransformPlainCallArgs(ctx->call_args());
    if (ctx->query_text()) node->query = TransformQuery(ctx->query_text());
    if (ctx->expr()) node->dynamic = TransformExpr(ctx->expr());
    for (auto *u : ctx->using_arg()) {
        node->using_args.push_back(TransformBindArg(u));
        if (node->using_args.back().mode != ast::BindArg::Mode::In)
            throw SyntaxError("OPEN ... USING takes IN values only", Loc(u).line, Loc(u).column);
    }
    return node;
}

ast::StmtPtr Transformer::TransformFetch(P::Fetch_stmtContext *ctx) {
    auto node = std::make_unique<ast::FetchStmt>(Loc(ctx));
    node->cursor = TransformNameChain(ctx->name_chain());
    for (auto *t : ctx->fetch_target()) node->into.push_back(TransformFetchTarget(t));
    node->bulk = ctx->K_BULK() != nullptr;
    if (ctx->K_LIMIT() != nullptr) node->limit = TransformExpr(ctx->expr());
    return node;
}

ast::StmtPtr Transformer::TransformExecuteImmediate(P::Execute_immediate_stmtContext *ctx) {
    auto node = std::make_unique<ast::ExecuteImmediateStmt>(Loc(ctx));
    node->sql = TransformExpr(ctx->expr());
    // INTO targets come before USING, RETURNING INTO targets after it.
    bool returning = false;
    for (auto *child : ctx->children) {
        if (auto *term = dynamic_cast<antlr4::tree::TerminalNode *>(child)) {
            int type = term->getSymbol()->getType();
            if (type == P::K_RETURNING || type == P::K_RETURN) returning = true;
            if (type == P::K_BULK) node->bulk = true;
        } else if (auto *t = dynamic_cast<P::Fetch_targetContext *>(child)) {
            (returning ? node->returning_into : node->into).push_back(TransformFetchTarget(t));
        } else if (auto *u = dynamic_cast<P::Using_argContext *>(child)) {
            node->using_args.push_back(TransformBindArg(u));
        }
    }
    if (!node->into.empty() && !node->returning_into.empty())
        throw SyntaxError("EXECUTE IMMEDIATE cannot have both INTO and RETURNING INTO", node->loc.line,
                          node->loc.column);
    return node;
}

ast::StmtPtr Transformer::TransformCursorFor(P::Cursor_for_loop_stmtContext *ctx) {
    auto node = std::make_unique<ast::ForCursorStmt>(Loc(ctx));
    auto ids = ctx->identifier();
    node->variable = TransformIdentifier(ids[0]);
    if (ctx->query_text()) {
        node->query = TransformQuery(ctx->query_text());
    } else {
        node->cursor = TransformNameChain(ctx->name_chain());
        node->args = TransformPlainCallArgs(ctx->call_args());
    }
    node->body = TransformStatements(ctx->seq_of_statements());
    if (ids.size() > 1) node->end_label = TransformIdentifier(ids[1]);
    return node;
}

}  // namespace plpolar::parser
