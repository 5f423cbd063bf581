// Turns ANTLR's parse tree into plpolar's AST. One file per node family;
// this header is private to src/parser.
#pragma once

#include "PlPolarParser.h"
#include "plpolar/ast/stmt.hpp"
#include "plpolar/parser/parser.hpp"

namespace plpolar::parser {

class Transformer {
public:
    Transformer(antlr4::CharStream &input, InterruptCheck interrupted) : input_(input), interrupted_(interrupted) {}

    ast::FunctionBody TransformBody(PlPolarParser::BodyContext *ctx);
    ast::FunctionBody TransformPackage(PlPolarParser::Package_sourceContext *ctx);

    // transform_stmt.cpp
    std::unique_ptr<ast::BlockStmt> TransformBlock(PlPolarParser::BlockContext *ctx);
    // A block from its parts: a function body, a nested block, a subprogram's body.
    std::unique_ptr<ast::BlockStmt> MakeBlock(antlr4::ParserRuleContext *at,
                                              PlPolarParser::Declare_sectionContext *decls,
                                              PlPolarParser::Seq_of_statementsContext *stmts,
                                              PlPolarParser::Exception_sectionContext *handlers);
    ast::StmtList TransformStatements(PlPolarParser::Seq_of_statementsContext *ctx);
    ast::StmtPtr TransformStatement(PlPolarParser::StatementContext *ctx);
    std::vector<ast::ExceptionHandler> TransformHandlers(PlPolarParser::Exception_sectionContext *ctx);

    // transform_decl.cpp
    void TransformDeclarations(PlPolarParser::Declare_sectionContext *ctx, std::vector<ast::DeclPtr> &out);
    ast::TypeRef TransformTypeSpec(PlPolarParser::Type_specContext *ctx);
    ast::TypeRef TransformTypeName(PlPolarParser::Type_nameContext *ctx);

    // transform_expr.cpp
    ast::ExprPtr TransformExpr(PlPolarParser::ExprContext *ctx);
    ast::NameChain TransformNameChain(PlPolarParser::Name_chainContext *ctx);
    std::string TransformIdentifier(PlPolarParser::IdentifierContext *ctx);
    ast::ExprPtr TransformNameRef(PlPolarParser::Name_refContext *ctx);

    // transform_sql.cpp
    ast::StmtPtr TransformSql(PlPolarParser::Sql_stmtContext *ctx);
    std::string TransformQuery(PlPolarParser::Query_textContext *ctx);
    ast::StmtPtr TransformOpen(PlPolarParser::Open_stmtContext *ctx);
    ast::StmtPtr TransformFetch(PlPolarParser::Fetch_stmtContext *ctx);
    ast::StmtPtr TransformExecuteImmediate(PlPolarParser::Execute_immediate_stmtContext *ctx);
    ast::StmtPtr TransformCursorFor(PlPolarParser::Cursor_for_loop_stmtContext *ctx);
    std::vector<ast::CallArg> TransformCallArgs(PlPolarParser::Call_argsContext *ctx);
    // The same where key => value cannot be (cursor arguments, subscripts).
    std::vector<ast::CallArg> TransformPlainCallArgs(PlPolarParser::Call_argsContext *ctx);
    ast::BindArg TransformBindArg(PlPolarParser::Using_argContext *ctx);
    ast::Target TransformTarget(PlPolarParser::Name_chainContext *ctx);
    // INTO c(i) / c(i).f of FETCH and EXECUTE IMMEDIATE: the subscript as written.
    ast::Target TransformFetchTarget(PlPolarParser::Fetch_targetContext *ctx);

    static ast::SourceLoc Loc(antlr4::Token *token);
    static ast::SourceLoc Loc(antlr4::ParserRuleContext *ctx) { return Loc(ctx->getStart()); }
    // Source text between two tokens, inclusive, exactly as written.
    std::string TextBetween(antlr4::Token *first, antlr4::Token *last) const;

private:
    ast::ExprPtr TransformArith(PlPolarParser::Arith_exprContext *ctx);
    ast::ExprPtr TransformPrimary(PlPolarParser::PrimaryContext *ctx);
    ast::ExprPtr TransformLiteral(PlPolarParser::LiteralContext *ctx);

    void CheckEndLabel(const std::string &expected, PlPolarParser::IdentifierContext *end);

    // Expression depth so far: a left-deep chain of N operators nests N
    // deep, and every later phase recurses over the tree.
    class DepthScope {
    public:
        DepthScope(Transformer &t, size_t amount, antlr4::ParserRuleContext *at);
        ~DepthScope() { depth_ -= amount_; }
        DepthScope(const DepthScope &) = delete;
        DepthScope &operator=(const DepthScope &) = delete;

    private:
        int &depth_;
        int amount_;
    };

    // Throws Interrupted when PostgreSQL has an interrupt waiting.
    void PollInterrupts() const {
        if (interrupted_ != nullptr && interrupted_()) throw Interrupted();
    }

    antlr4::CharStream &input_;
    InterruptCheck interrupted_;
    int depth_ = 0;
};

// Deepest expression tree accepted.
constexpr int kMaxExprDepth = 3000;

// Unquotes a SQL string literal ('it''s' -> it's, N'x' -> x).
std::string UnquoteString(const std::string &literal);

}  // namespace plpolar::parser
