// Blocks: their declarations (declarations.cpp), statements and exception
// handlers.
#include "compiler_impl.hpp"
#include "plpolar/pg/guard.hpp"

namespace plpolar::compile {

void Compiler::CompileBlock(ast::BlockStmt &block, const Scope &parent) {
    Scope &scope = NewScope(&parent);
    scope.labels = block.labels;
    auto site = std::make_unique<BlockSite>();
    auto *block_site = site.get();
    block.annotation = std::move(site);
    for (auto &decl : block.decls) CompileDecl(*decl, scope, *block_site);
    for (const auto &entry : scope.subprograms)
        for (const SubprogramSite *site : entry.second)
            if (site->definition == nullptr)
                Error(site->loc, "subprogram \"" + site->name + "\" is declared but never defined");
    CompileStmts(block.body, scope);
    for (auto &handler : block.handlers) {
        std::vector<Condition> conditions;
        for (const auto &choice : handler.choices) {
            line_ = handler.loc.line;
            CompileChoice(choice, scope, handler.loc, &conditions);
        }
        block_site->handlers.push_back(std::move(conditions));
        ++in_handler_;
        CompileStmts(handler.body, scope);
        --in_handler_;
    }
}

}  // namespace plpolar::compile
