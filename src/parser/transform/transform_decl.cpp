#include "transformer.hpp"

#include "plpolar/parser/parser.hpp"

namespace plpolar::parser {

using P = PlPolarParser;

void Transformer::TransformDeclarations(P::Declare_sectionContext *ctx, std::vector<ast::DeclPtr> &out) {
    if (ctx == nullptr) return;
    for (auto *item : ctx->declare_item()) {
        if (auto *var = item->variable_decl()) {
            auto decl = std::make_unique<ast::VariableDecl>(Loc(var));
            decl->name = TransformIdentifier(var->identifier());
            decl->constant = var->K_CONSTANT() != nullptr;
            decl->type = TransformTypeSpec(var->type_spec());
            decl->not_null = var->K_NOT() != nullptr;
            if (var->expr()) decl->default_value = TransformExpr(var->expr());
            if (decl->constant && !decl->default_value)
                throw SyntaxError("constant \"" + decl->name + "\" must be initialized", decl->loc.line,
                                  decl->loc.column);
            out.push_back(std::move(decl));
        } else if (auto *exc = item->exception_decl()) {
            auto decl = std::make_unique<ast::ExceptionDecl>(Loc(exc));
            decl->name = TransformIdentifier(exc->identifier());
            out.push_back(std::move(decl));
        } else if (auto *pragma = item->pragma_decl()) {
            auto decl = std::make_unique<ast::PragmaDecl>(Loc(pragma));
            decl->name = TransformIdentifier(pragma->identifier());
            for (auto *e : pragma->expr()) decl->args.push_back(TransformExpr(e));
            out.push_back(std::move(decl));
        }
    }
}

ast::TypeRef Transformer::TransformTypeSpec(P::Type_specContext *ctx) {
    if (auto *of = dynamic_cast<P::TypeOfNameContext *>(ctx)) {
        ast::TypeRef ref;
        ref.form = ast::TypeRef::Form::PercentType;
        ref.name = TransformNameChain(of->name_chain());
        ref.text = TextBetween(ctx->getStart(), ctx->getStop());
        ref.loc = Loc(ctx);
        return ref;
    }
    if (auto *row = dynamic_cast<P::RowtypeOfNameContext *>(ctx)) {
        ast::TypeRef ref;
        ref.form = ast::TypeRef::Form::PercentRowtype;
        ref.name = TransformNameChain(row->name_chain());
        ref.text = TextBetween(ctx->getStart(), ctx->getStop());
        ref.loc = Loc(ctx);
        return ref;
    }
    return TransformTypeName(dynamic_cast<P::NamedTypeContext *>(ctx)->type_name());
}

ast::TypeRef Transformer::TransformTypeName(P::Type_nameContext *ctx) {
    ast::TypeRef ref;
    ref.form = ast::TypeRef::Form::Named;
    ref.text = TextBetween(ctx->getStart(), ctx->getStop());
    ref.loc = Loc(ctx);
    return ref;
}

}  // namespace plpolar::parser
