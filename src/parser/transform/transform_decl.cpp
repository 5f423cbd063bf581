#include <cctype>

#include "transformer.hpp"

#include "plpolar/parser/parser.hpp"

namespace plpolar::parser {

using P = PlPolarParser;

namespace {

// FUNCTION f RETURN t DETERMINISTIC | RESULT_CACHE | PARALLEL_ENABLE: the
// type rule takes trailing words as part of the type name; they are
// Oracle's header clauses (the SQL routine of a package's function gets
// them from its header text, parser/script.cpp).
bool StripHeaderClauses(ast::TypeRef &type) {
    bool pipelined = false;
    if (type.form != ast::TypeRef::Form::Named) return false;
    for (;;) {
        size_t end = type.text.find_last_not_of(" \t\r\n");
        if (end == std::string::npos) return pipelined;
        size_t start = type.text.find_last_of(" \t\r\n", end);
        if (start == std::string::npos) return pipelined;  // the type itself
        std::string word = type.text.substr(start + 1, end - start);
        for (char &c : word) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        if (word == "PIPELINED") pipelined = true;
        if (word != "DETERMINISTIC" && word != "RESULT_CACHE" && word != "PARALLEL_ENABLE" && word != "PIPELINED")
            return pipelined;
        type.text = type.text.substr(0, start);
    }
}

}  // namespace

void Transformer::TransformDeclarations(P::Declare_sectionContext *ctx, std::vector<ast::DeclPtr> &out) {
    if (ctx == nullptr) return;
    for (auto *item : ctx->declare_item()) {
        if (auto *sp = item->subprogram_decl()) {
            auto decl = std::make_unique<ast::SubprogramDecl>(Loc(sp));
            decl->is_function = sp->K_FUNCTION() != nullptr;
            decl->name = TransformIdentifier(sp->identifier(0));
            if (auto *ps = sp->params()) {
                for (auto *p : ps->param_decl()) {
                    ast::SubprogramParam param;
                    param.name = TransformIdentifier(p->identifier());
                    param.mode = p->K_OUT() == nullptr  ? ast::ParamMode::In
                                 : p->K_IN() != nullptr ? ast::ParamMode::InOut
                                                        : ast::ParamMode::Out;
                    param.type = TransformTypeSpec(p->type_spec());
                    if (p->expr()) param.default_value = TransformExpr(p->expr());
                    param.loc = Loc(p);
                    decl->params.push_back(std::move(param));
                }
            }
            if (decl->is_function) {
                decl->return_type = TransformTypeSpec(sp->type_spec());
                decl->pipelined = StripHeaderClauses(decl->return_type);
                for (auto *clause : sp->header_clause()) {
                    std::string word = TransformIdentifier(clause->identifier());
                    for (char &c : word) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
                    if (word == "PIPELINED") {
                        decl->pipelined = true;
                        continue;
                    }
                    if (word != "DETERMINISTIC" && word != "RESULT_CACHE" && word != "PARALLEL_ENABLE")
                        throw SyntaxError("syntax error at or near \"" + clause->getText() + "\"", Loc(clause).line,
                                          Loc(clause).column);
                }
            }
            antlr4::Token *header_end = !sp->header_clause().empty() ? sp->header_clause().back()->getStop()
                                        : decl->is_function          ? sp->type_spec()->getStop()
                                        : sp->params()               ? sp->params()->getStop()
                                                                     : sp->identifier(0)->getStop();
            decl->header_text = TextBetween(sp->getStart(), header_end);
            if (sp->K_BEGIN()) {
                auto block = MakeBlock(sp, sp->declare_section(), sp->seq_of_statements(), sp->exception_section());
                if (sp->identifier().size() > 1) {
                    block->end_label = TransformIdentifier(sp->identifier(1));
                    if (block->end_label != decl->name)
                        throw SyntaxError("END " + block->end_label + " does not match " + decl->name,
                                          Loc(sp->identifier(1)).line, Loc(sp->identifier(1)).column);
                }
                decl->body = std::move(block);
            }
            out.push_back(std::move(decl));
        } else if (auto *var = item->variable_decl()) {
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
        } else if (auto *cur = item->cursor_decl()) {
            auto decl = std::make_unique<ast::CursorDecl>(Loc(cur));
            decl->name = TransformIdentifier(cur->identifier());
            for (auto *p : cur->cursor_param()) {
                ast::CursorParam param;
                param.name = TransformIdentifier(p->identifier());
                param.type = TransformTypeSpec(p->type_spec());
                if (p->expr()) param.default_value = TransformExpr(p->expr());
                param.loc = Loc(p);
                decl->params.push_back(std::move(param));
            }
            if (cur->type_spec()) {
                decl->has_return_type = true;
                decl->return_type = TransformTypeSpec(cur->type_spec());
            }
            // Without a query only in a package specification (CURSOR c
            // RETURN t;): the body gives the query (compile/packages checks).
            if (cur->query_text() != nullptr) {
                decl->query = TransformQuery(cur->query_text());
                decl->query_loc = Loc(cur->query_text());
            }
            out.push_back(std::move(decl));
        } else if (auto *rec = dynamic_cast<P::RecordTypeDeclContext *>(item->type_decl())) {
            auto decl = std::make_unique<ast::RecordTypeDecl>(Loc(rec));
            decl->name = TransformIdentifier(rec->identifier());
            for (auto *f : rec->record_field()) {
                ast::RecordTypeDecl::Field field;
                field.name = TransformIdentifier(f->identifier());
                field.type = TransformTypeSpec(f->type_spec());
                field.not_null = f->K_NOT() != nullptr;
                if (f->expr()) field.default_value = TransformExpr(f->expr());
                field.loc = Loc(f);
                decl->fields.push_back(std::move(field));
            }
            out.push_back(std::move(decl));
        } else if (auto *ref = dynamic_cast<P::RefCursorTypeDeclContext *>(item->type_decl())) {
            auto decl = std::make_unique<ast::RefCursorTypeDecl>(Loc(ref));
            decl->name = TransformIdentifier(ref->identifier());
            out.push_back(std::move(decl));
        } else if (auto *tab = dynamic_cast<P::TableTypeDeclContext *>(item->type_decl())) {
            auto decl = std::make_unique<ast::CollectionTypeDecl>(Loc(tab));
            decl->name = TransformIdentifier(tab->identifier());
            decl->element = TransformTypeSpec(tab->type_spec(0));
            decl->element_not_null = tab->K_NOT() != nullptr;
            if (tab->K_INDEX() != nullptr) {
                decl->form = ast::CollectionTypeDecl::Form::Associative;
                decl->index = TransformTypeSpec(tab->type_spec(1));
            }
            out.push_back(std::move(decl));
        } else if (auto *va = dynamic_cast<P::VarrayTypeDeclContext *>(item->type_decl())) {
            auto decl = std::make_unique<ast::CollectionTypeDecl>(Loc(va));
            decl->name = TransformIdentifier(va->identifier());
            decl->form = ast::CollectionTypeDecl::Form::Varray;
            decl->element = TransformTypeSpec(va->type_spec());
            decl->element_not_null = va->K_NOT() != nullptr;
            const std::string digits = va->INTEGER_LITERAL()->getText();
            // Oracle's limit is 2147483647; more digits than that is no limit.
            decl->limit = digits.size() > 10 ? INT64_MAX : std::stoll(digits);
            out.push_back(std::move(decl));
        } else if (auto *sub = item->subtype_decl()) {
            auto decl = std::make_unique<ast::SubtypeDecl>(Loc(sub));
            decl->name = TransformIdentifier(sub->identifier());
            decl->base = TransformTypeSpec(sub->type_spec());
            decl->not_null = sub->K_NOT() != nullptr;
            if (sub->K_RANGE()) {
                decl->range_low = TransformExpr(sub->expr(0));
                decl->range_high = TransformExpr(sub->expr(1));
            }
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
