// Per-node state the compiler attaches to the AST (as ast::Annotation) and
// the executor uses. Everything PostgreSQL builds for a node (plans,
// expression states, casts) hangs here and dies with the compiled function.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "plpolar/compile/function.hpp"
#include "plpolar/pg/expr.hpp"
#include "plpolar/pg/spi.hpp"

namespace plpolar::compile {

// A literal converted once to its Datum.
struct LiteralSite : ast::Annotation {
    pg::Value value;
};

// An expression PostgreSQL evaluates: a function call, an operator with no
// native code, an SQL value keyword. `sql` uses $1..$n for the runtime
// operands, which are evaluated by the interpreter first.
struct SqlExprSite : ast::Annotation {
    std::string sql;
    std::vector<const ast::Expr *> operands;  // evaluated into $1..$n
    // Built on first use for the operands' runtime types; rebuilt when those
    // change or the catalogs it depends on were invalidated.
    std::unique_ptr<pg::PgExpr> expr;
    uint64 generation = 0;
};

// Operator nodes keep a fallback for operand types the interpreter has no
// native code for; built lazily.
struct OperatorSite : ast::Annotation {
    std::unique_ptr<SqlExprSite> fallback;
};

// A cast to a fixed type (CAST, ::, assignment to a variable, RETURN).
struct CastSite : ast::Annotation {
    pg::TypeInfo target;
    bool explicit_cast = false;
    std::unique_ptr<pg::PgExpr> expr;
    Oid source_type = InvalidOid;
    int32 source_typmod = -1;
    uint64 generation = 0;
};

struct SqlSite : ast::Annotation {
    SqlSite(const CompiledFunction &fn, const Scope &scope, std::string text)
        : resolver(fn, scope), statement(std::move(text), &resolver, fn.nslots()) {}
    ScopeResolver resolver;
    pg::SqlStatement statement;
    std::vector<std::unique_ptr<CastSite>> into_casts;  // one per INTO target
};

// Assignment targets and RETURN carry a cast to the target type.
struct StoreSite : ast::Annotation {
    CastSite cast;
};

// FOR loop bounds are converted to integers.
struct ForSite : ast::Annotation {
    CastSite low_cast;
    CastSite high_cast;
};

// Blocks: how to initialise each declared variable.
struct BlockSite : ast::Annotation {
    struct Init {
        int slot;
        const ast::Expr *value;  // may be null
        std::unique_ptr<CastSite> cast;
    };
    std::vector<Init> inits;
};

// Bumped whenever pg_proc, pg_type, pg_operator or pg_cast change, so that
// expressions PostgreSQL built for us are rebuilt (a function may have been
// replaced or dropped).
uint64 CatalogGeneration();
void RegisterCatalogInvalidation();

}  // namespace plpolar::compile
