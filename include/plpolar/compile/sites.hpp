// Per-node state the compiler attaches to the AST (as ast::Annotation) and
// the executor uses. Everything PostgreSQL builds for a node (plans,
// expression states, casts) hangs here and dies with the compiled function.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "plpolar/compile/conditions.hpp"
#include "plpolar/compile/function.hpp"
#include "plpolar/compile/oracle_sql.hpp"
#include "plpolar/compile/packages.hpp"
#include "plpolar/parser/builtins.hpp"
#include "plpolar/pg/expr.hpp"
#include "plpolar/pg/row.hpp"
#include "plpolar/pg/spi.hpp"
#include "plpolar/types/decimal.hpp"

namespace plpolar::compile {

// A literal converted once to its Datum.
struct LiteralSite : ast::Annotation {
    static constexpr ast::AnnotationKind kKind = ast::AnnotationKind::Literal;
    LiteralSite() : ast::Annotation(kKind) {}
    pg::Value value;
};

// An expression PostgreSQL evaluates: a function call, an operator with no
// native code, an SQL value keyword. `sql` uses $1..$n for the runtime
// operands, which are evaluated by the interpreter first.
struct SqlExprSite : ast::Annotation {
    static constexpr ast::AnnotationKind kKind = ast::AnnotationKind::SqlExpr;
    SqlExprSite() : ast::Annotation(kKind) {}
    std::string sql;
    std::vector<const ast::Expr *> operands;  // evaluated into $1..$n
    // Built on first use for the operands' runtime types; rebuilt when those
    // change or the catalogs it depends on were invalidated.
    std::unique_ptr<pg::PgExpr> expr;
    uint64 generation = 0;
};

// A cast to a fixed type (CAST, ::, assignment to a variable, RETURN).
struct CastSite : ast::Annotation {
    static constexpr ast::AnnotationKind kKind = ast::AnnotationKind::Cast;
    CastSite() : ast::Annotation(kKind) {}
    pg::TypeInfo target;
    bool explicit_cast = false;
    std::unique_ptr<pg::PgExpr> expr;
    Oid source_type = InvalidOid;
    int32 source_typmod = -1;
    uint64 generation = 0;
    // Row to row conversion: one cast per field of the target.
    std::vector<std::unique_ptr<CastSite>> fields;
};

// Operator nodes keep a fallback for operand types the interpreter has no
// native code for; built lazily.
struct OperatorSite : ast::Annotation {
    static constexpr ast::AnnotationKind kKind = ast::AnnotationKind::Operator;
    OperatorSite() : ast::Annotation(kKind) {}
    std::unique_ptr<SqlExprSite> fallback;
    // Built on first use: Oracle's implicit conversion of a string operand,
    // and DATE arithmetic in days.
    std::unique_ptr<CastSite> convert;
    std::unique_ptr<SqlExprSite> date_days;  // DATE +/- n
    std::unique_ptr<SqlExprSite> date_diff;  // DATE - DATE
};

// An integer or boolean expression whose operand types are fixed when the
// function is compiled (PLS_INTEGER / INTEGER / BOOLEAN variables, FOR
// indexes, integer and boolean literals). The interpreter evaluates it on
// plain integers, with the general path's overflow errors and NULL rules,
// and falls back to the general path if a variable holds another type.
struct PackageRefSite;

struct FastExpr : ast::Annotation {
    static constexpr ast::AnnotationKind kKind = ast::AnnotationKind::FastExpr;
    FastExpr() : ast::Annotation(kKind) {}
    enum class Op : uint8_t {
        Slot,
        PackageSlot,  // another package's variable (`package`)
        Const,
        Null,  // a NULL literal among integers (CASE ... THEN NULL, NVL(NULL, x))
        Neg,
        Add,
        Sub,
        Mul,
        Eq,
        Ne,
        Lt,
        Le,
        Gt,
        Ge,
        And,
        Or,
        Not,
        IsNull,
        IsNotNull,
        Case,     // left: the operand of a simple CASE (or null); whens / thens; right: ELSE (or null)
        Element,  // c(left) of collection variable `slot` with integer keys and elements
        // Oracle's built-ins of integers (exec/builtins.cpp has their
        // general form, the same results): MOD(left, right), NVL(left,
        // right), NVL2 / GREATEST / LEAST of `whens`, DECODE(left, whens[i]
        // => thens[i], ..., right: the default or null).
        Mod,
        Nvl,
        Nvl2,
        Greatest,
        Least,
        Decode,
        Abs,   // ABS(left): PostgreSQL's int4abs, overflow included
        Sign,  // SIGN(left): -1, 0 or 1 (Oracle's SIGNTYPE, an integer)
    };
    Op op = Op::Const;
    bool boolean = false;  // the result is BOOLEAN, else integer
    int slot = -1;
    PackageRefSite *package = nullptr;  // PackageSlot: owned by the name's annotation
    int32 value = 0;
    std::unique_ptr<FastExpr> left;
    std::unique_ptr<FastExpr> right;
    std::vector<std::unique_ptr<FastExpr>> whens;
    std::vector<std::unique_ptr<FastExpr>> thens;
};

// A NUMBER expression of +, -, * and signs over NUMBER variables, numeric
// literals and integer subexpressions (FastExpr, so that integer overflow
// stays an error there). The interpreter computes it on types::Decimal and
// falls back to the general path when a value does not fit (or a variable
// holds another type): the results are PostgreSQL's numeric results.
struct DecimalExpr : ast::Annotation {
    static constexpr ast::AnnotationKind kKind = ast::AnnotationKind::DecimalExpr;
    DecimalExpr() : ast::Annotation(kKind) {}
    // Round / Trunc: ROUND(left [, right]) with right an Integer node (or
    // null: 0 digits); Mod: MOD(left, right); Abs, Sign: ABS(left),
    // SIGN(left) (numeric's: the scale kept, and 0 for SIGN).
    enum class Op : uint8_t { Slot, Const, Integer, Neg, Add, Sub, Mul, Round, Trunc, Mod, Abs, Sign };
    Op op = Op::Const;
    int slot = -1;
    types::Decimal value;               // Const
    std::unique_ptr<FastExpr> integer;  // Integer
    std::unique_ptr<DecimalExpr> left;
    std::unique_ptr<DecimalExpr> right;
};

// Where one fetched value goes: a variable, a record field or a record.
// A user package's variable or constant named from another unit
// (pkg.v, pkg.rec.f): a slot of the package's instance in this session
// (exec/package_instance.cpp). The unit was compiled against `version` of
// the specification; a new version recompiles it.
struct PackageRefSite : ast::Annotation {
    static constexpr ast::AnnotationKind kKind = ast::AnnotationKind::PackageRef;
    PackageRefSite() : ast::Annotation(kKind) {}
    std::string package;
    int64 version = 0;
    std::string item;   // the variable's name
    int slot = -1;      // in the package's unit
    std::string field;  // a record variable's field; empty: the variable
    pg::TypeInfo type;  // the variable's
    pg::FieldCache cache;
    InstanceCache last;  // the instance last used
};

struct CollectionSite;

struct TargetSite {
    int slot = -1;
    // A package variable of another unit (slot is -1 then).
    std::unique_ptr<PackageRefSite> package;
    std::string field;  // a record's field; empty: the variable itself
    // r.a.b := v: the fields of the field (Executor::StoreFieldPath), with
    // a cast for each level's new value.
    std::vector<std::string> path;
    std::vector<std::unique_ptr<CastSite>> path_casts;
    // rec.f := v into a row of a named composite type (a table's, as a
    // trigger's :NEW is): the field as found for `row_type` last time.
    Oid row_type = InvalidOid;
    int row_attnum = 0;
    pg::TypeInfo row_field;
    pg::FieldCache row_cache;
    // The same into a buffered trigger row (Executor::BufferTriggerRow).
    int buffer_attnum = 0;
    const void *buffer_desc = nullptr;
    pg::TypeInfo buffer_field;
    std::unique_ptr<CastSite> cast;
    bool record = false;  // the whole variable is a record
    // BULK COLLECT INTO: the collection's element type (a record's fields
    // in its `fields`).
    std::unique_ptr<CastSite> element;
    // INTO c(i) / c(i).f: the element to store (its subscript owned here).
    std::unique_ptr<CollectionSite> collection;
    ast::ExprPtr subscript;
};

struct SqlSite : ast::Annotation {
    static constexpr ast::AnnotationKind kKind = ast::AnnotationKind::Sql;
    // A ProcedureCallSite is an SqlSite too.
    static constexpr bool Accepts(ast::AnnotationKind k) {
        return k == kKind || k == ast::AnnotationKind::ProcedureCall;
    }
    // `nslots` may exceed the function's when the statement is compiled
    // before all variables are known; unused slots are never bound.
    SqlSite(const CompiledFunction &fn, const Scope &scope, std::string text, int nslots)
        : SqlSite(kKind, fn, scope, std::move(text), nslots) {}
    ScopeResolver resolver;
    pg::SqlStatement statement;
    std::vector<TargetSite> targets;  // INTO targets
    // Package variables the statement reads (CompiledFunction::package_mirrors).
    struct Mirror {
        int slot;
        std::unique_ptr<PackageRefSite> ref;
    };
    std::vector<Mirror> mirrors;
    // Collection elements and methods the statement reads (c(i), c(i).f,
    // c.COUNT): evaluated into their hidden slots before it runs
    // (CompiledFunction::hidden_names).
    struct Element {
        int slot;
        ast::ExprPtr expr;
        std::unique_ptr<CastSite> cast;
    };
    std::vector<Element> elements;

protected:
    SqlSite(ast::AnnotationKind kind, const CompiledFunction &fn, const Scope &scope, std::string text, int nslots)
        : ast::Annotation(kind), resolver(fn, scope), statement(QualifySql(text), &resolver, nslots) {}
};

// Assignment targets and RETURN carry a cast to the target type.
// What a use of a collection does (c(i), c.COUNT, c.EXTEND(n), t(a, b)).
enum class CollectionOp {
    Element,
    Construct,
    Count,
    First,
    Last,
    Limit,
    Next,
    Prior,
    Exists,
    Extend,
    Trim,
    Delete,
    // Nested tables as multisets: args are the operands (slot is -1).
    Multiset,     // a MULTISET UNION | INTERSECT | EXCEPT [ALL | DISTINCT] b (`multiset`)
    SetOf,        // SET(a)
    Cardinality,  // CARDINALITY(a)
    IsEmpty,      // a IS EMPTY
    MemberOf,     // x MEMBER OF a
    Submultiset,  // a SUBMULTISET OF b
    AsArray,      // the elements as a PostgreSQL array (TABLE(c) in embedded SQL)
};

// A collection's element, method or constructor, in an expression, a call
// statement or an assignment's target.
struct CollectionSite : ast::Annotation {
    static constexpr ast::AnnotationKind kKind = ast::AnnotationKind::Collection;
    CollectionSite() : ast::Annotation(kKind) {}
    CollectionOp op = CollectionOp::Element;
    int slot = -1;                         // the variable (all but Construct)
    const CollectionType *type = nullptr;  // its declared type
    std::string name;                      // as written, for errors
    std::vector<const ast::Expr *> args;   // subscripts or method arguments
    std::vector<const ast::Expr *> keys;   // t(k => v): an associative array's constructor
    std::unique_ptr<CastSite> key;         // a subscript to the key type
    std::unique_ptr<CastSite> element;     // a value to the element type
    std::unique_ptr<CastSite> count;       // EXTEND(n) / TRIM(n): n as a bigint
    // An integer subscript computed natively (FastExpr), when it can be.
    std::unique_ptr<FastExpr> fast_key;
    std::vector<std::string> fields;       // c(i).f.g
    std::unique_ptr<CastSite> field_cast;  // c(i).f := x
    pg::MultisetOp multiset = pg::MultisetOp::Union;
    // Another unit's package collection (pkg.c(i), pkg.c.COUNT): read and
    // changed in place in the package's state (slot is -1 then).
    std::unique_ptr<PackageRefSite> package;
    // c(i)(j), c(i).COUNT: the site works on the element `parent` reads
    // (a collection of collections), changed in place.
    std::unique_ptr<CollectionSite> parent;
    // r.f(i), r.f.COUNT, r.f.EXTEND: the collection is field `record_field`
    // of record variable `slot`; a change is stored back into the record.
    std::string record_field;
    pg::FieldCache field_cache;
    std::unique_ptr<CastSite> field_store;
};

// FORALL: its bounds and, for INDICES OF / VALUES OF, the collection.
struct ForAllSite : ast::Annotation {
    static constexpr ast::AnnotationKind kKind = ast::AnnotationKind::ForAll;
    ForAllSite() : ast::Annotation(kKind) {}
    CastSite low_cast;
    CastSite high_cast;
    int collection = -1;  // INDICES OF / VALUES OF: the variable
    // INSERT ... VALUES (...) whose values read c(i), c(i).f and i only
    // (besides variables that stay the same): the same rows as one
    // INSERT ... SELECT ... FROM unnest(arrays), one array per column,
    // instead of one execution per index (Executor::ExecForAll).
    struct Column {
        int slot = -1;        // the hidden array variable
        int collection = -1;  // -1: the index itself
        std::string field;    // a record element's field
        pg::TypeInfo element;
        pg::FieldCache cache;
    };
    std::unique_ptr<SqlSite> setwise;
    std::vector<Column> columns;
};

struct StoreSite : ast::Annotation {
    static constexpr ast::AnnotationKind kKind = ast::AnnotationKind::Store;
    StoreSite() : ast::Annotation(kKind) {}
    CastSite cast;
    TargetSite target;  // assignment: where the value goes
    // The value only reads variables and applies operators: inside a block
    // with handlers its errors may come back by return value (soft errors).
    bool soft_errors = false;
    // s := s || x [|| y ...] on a text or VARCHAR2 variable, the parts
    // without user code: the interpreter may append to s in place
    // (Executor::TryAppend).
    bool append = false;
    // c(i) := x / c(i).f := x: the element to store.
    std::unique_ptr<CollectionSite> element;
};
constexpr size_t kMaxAppendParts = 8;

// obj.method (or, in a member method, method) without parentheses: the
// call it is, made and compiled by Compiler::CompileName.
struct MethodCallSite : ast::Annotation {
    static constexpr ast::AnnotationKind kKind = ast::AnnotationKind::MethodCall;
    MethodCallSite() : ast::Annotation(kKind) {}
    ast::ExprPtr call;
};

// rec.field read in an expression.
struct FieldSite : ast::Annotation {
    static constexpr ast::AnnotationKind kKind = ast::AnnotationKind::Field;
    FieldSite() : ast::Annotation(kKind) {}
    std::string field;
    pg::FieldCache cache;
    // r.a.b: the fields of the field, and the type the last one has.
    std::vector<std::string> path;
    std::vector<pg::FieldCache> path_cache;
    Oid path_type = InvalidOid;
    // The column in a buffered trigger row, as found last, and where.
    int buffer_attnum = 0;
    const void *buffer_desc = nullptr;
};

// A call of a built-in package procedure (DBMS_OUTPUT.GET_LINE, ...): the
// arguments by parameter (null: omitted) and where OUT arguments go.
struct PackageCallSite : ast::Annotation {
    static constexpr ast::AnnotationKind kKind = ast::AnnotationKind::PackageCall;
    PackageCallSite() : ast::Annotation(kKind) {}
    const PackageMember *member = nullptr;
    std::vector<const ast::Expr *> args;
    std::vector<TargetSite> targets;  // slot -1 for IN parameters
};

// CALL of a SQL procedure. Its OUT targets are known once PostgreSQL has
// resolved the call (first execution).
struct ProcedureCallSite : SqlSite {
    static constexpr ast::AnnotationKind kKind = ast::AnnotationKind::ProcedureCall;
    ProcedureCallSite(const CompiledFunction &fn, const Scope &scope, std::string text, int nslots)
        : SqlSite(kKind, fn, scope, std::move(text), nslots) {}
    bool resolved = false;
    std::vector<TargetSite> out_targets;  // one per OUT / IN OUT parameter
};

// A call statement compiled as a function call: its scope, in case a
// procedure of that name appears later in the session. The statement then
// runs as a CALL through `procedure`, built here on first need: the AST,
// shared by every call of the function, is never changed at run time.
struct FunctionCallSite : ast::Annotation {
    static constexpr ast::AnnotationKind kKind = ast::AnnotationKind::FunctionCall;
    explicit FunctionCallSite(const Scope &s) : ast::Annotation(kKind), scope(s) {}
    const Scope &scope;
    uint64 generation = 0;  // catalog generation of the last lookup
    std::unique_ptr<ProcedureCallSite> procedure;
};

// A nested PROCEDURE or FUNCTION, owned by its first declaration (a
// forward declaration, or the definition). Its parameters, locals and
// nested subprograms occupy the slots [first_slot, end_slot): a call saves
// them and restores them on return, which is all recursion needs.
struct SubprogramSite : ast::Annotation {
    static constexpr ast::AnnotationKind kKind = ast::AnnotationKind::Subprogram;
    SubprogramSite() : ast::Annotation(kKind) {}
    std::string name;
    ast::SourceLoc loc;
    bool is_function = false;
    const ast::SubprogramDecl *definition = nullptr;  // the declaration with the body
    std::vector<std::string> param_names;
    std::vector<ast::ParamMode> modes;
    std::vector<pg::TypeInfo> param_types;
    std::vector<const ast::Expr *> defaults;  // null: none
    std::vector<std::unique_ptr<CastSite>> param_casts;
    std::vector<int> param_slots;
    pg::TypeInfo return_type;
    bool pipelined = false;    // a package's PIPELINED function: PIPE ROW, RETURN without a value
    bool member = false;       // an object type's member method: SELF first, never NULL (SELF_IS_NULL)
    bool constructor = false;  // an object type's constructor: RETURN; returns SELF
    // PRAGMA AUTONOMOUS_TRANSACTION (a package's public subprogram): called
    // through its routine, it runs in the session's worker.
    bool autonomous = false;
    Oid routine = InvalidOid;  // that routine, once looked up
    int first_slot = 0;
    int end_slot = 0;
};

// A call of a nested subprogram: the argument for each parameter (null:
// its default) and where OUT / IN OUT values go back.
struct SubprogramCallSite : ast::Annotation {
    static constexpr ast::AnnotationKind kKind = ast::AnnotationKind::SubprogramCall;
    SubprogramCallSite() : ast::Annotation(kKind) {}
    SubprogramSite *target = nullptr;
    std::vector<const ast::Expr *> args;
    std::vector<TargetSite> targets;  // slot -1 for IN parameters
};

// pkg.p(args) of another unit's package (an object's member procedure too):
// run by the package's instance in this backend without the CALL through
// SQL (as a package function's direct call, exec/direct_call.cpp). `call`
// binds the arguments against the specification's subprogram; the
// instance's own site is found by name and overload. `fallback`, the CALL,
// runs what a direct call does not (an autonomous subprogram, a package
// using session variables).
struct PackageProcedureSite : ast::Annotation {
    static constexpr ast::AnnotationKind kKind = ast::AnnotationKind::PackageProcedure;
    PackageProcedureSite() : ast::Annotation(kKind) {}
    std::string package;
    std::string name;
    size_t overload = 0;
    // The caller's arguments and OUT targets (call->target is cleared: the
    // specification's unit is not kept), and the modes they were bound to.
    std::unique_ptr<SubprogramCallSite> call;
    std::vector<ast::ParamMode> modes;
    Oid routine = InvalidOid;  // its routine, whose EXECUTE privilege is checked
    InstanceCache instance;
    std::unique_ptr<ProcedureCallSite> fallback;
};

// Simple CASE: the operand is compared with each WHEN value, natively or
// through PostgreSQL's = for other types.
struct CaseSite : ast::Annotation {
    static constexpr ast::AnnotationKind kKind = ast::AnnotationKind::Case;
    CaseSite() : ast::Annotation(kKind) {}
    std::vector<std::unique_ptr<SqlExprSite>> equals;  // one per WHEN
    std::vector<const ast::Expr *> conditions;         // the WHEN expressions
};

// TYPE t IS RECORD: the fields' types and casts for their defaults.
struct RecordTypeSite : ast::Annotation {
    static constexpr ast::AnnotationKind kKind = ast::AnnotationKind::RecordType;
    RecordTypeSite() : ast::Annotation(kKind) {}
    std::vector<pg::TypeInfo> field_types;
    std::vector<std::unique_ptr<CastSite>> casts;
};

// CURSOR c(params) IS query
struct CursorSite : ast::Annotation {
    static constexpr ast::AnnotationKind kKind = ast::AnnotationKind::Cursor;
    CursorSite() : ast::Annotation(kKind) {}
    std::unique_ptr<SqlSite> query;
    int slot = -1;  // the cursor's own variable
    std::vector<std::string> param_names;
    std::vector<int> param_slots;
    std::vector<const ast::Expr *> param_defaults;  // may be null
    std::vector<std::unique_ptr<CastSite>> param_casts;
};

// OPEN, FETCH, CLOSE and cursor FOR loops.
struct CursorUseSite : ast::Annotation {
    static constexpr ast::AnnotationKind kKind = ast::AnnotationKind::CursorUse;
    CursorUseSite() : ast::Annotation(kKind) {}
    int slot = -1;                            // cursor or cursor variable
    const ast::CursorDecl *cursor = nullptr;  // explicit cursor, else null
    std::vector<int> arg_param;               // argument i -> cursor parameter index
    std::unique_ptr<SqlSite> query;           // OPEN rc FOR query, FOR r IN (query)
    std::vector<TargetSite> targets;          // FETCH ... INTO
    std::unique_ptr<CastSite> limit;          // FETCH ... BULK COLLECT INTO ... LIMIT n: n as a bigint
    int record_slot = -1;                     // FOR loop record
    // A cursor of another unit's package (slot is -1 then): the package's
    // instance opens it and keeps its state (exec/cursors.cpp).
    std::unique_ptr<PackageRefSite> package;
};

// EXECUTE IMMEDIATE
struct DynamicSite : ast::Annotation {
    static constexpr ast::AnnotationKind kKind = ast::AnnotationKind::Dynamic;
    DynamicSite() : ast::Annotation(kKind) {}
    std::vector<TargetSite> into;
    std::vector<TargetSite> out_args;  // USING OUT / IN OUT, in USING order (slot -1 for IN)
    std::vector<TargetSite> returning;
};

// FOR loop bounds are converted to integers.
struct ForSite : ast::Annotation {
    static constexpr ast::AnnotationKind kKind = ast::AnnotationKind::For;
    ForSite() : ast::Annotation(kKind) {}
    CastSite low_cast;
    CastSite high_cast;
};

// Blocks: how to initialise each declared variable.
struct BlockSite : ast::Annotation {
    static constexpr ast::AnnotationKind kKind = ast::AnnotationKind::Block;
    BlockSite() : ast::Annotation(kKind) {}
    struct Init {
        int slot;
        const ast::Expr *value;  // may be null
        std::unique_ptr<CastSite> cast;
        // Records start as a row of NULLs; a cursor's %ROWTYPE takes the
        // shape of the cursor's query.
        bool null_row = false;
        // An associative array starts empty (others atomically NULL).
        const CollectionType *empty_collection = nullptr;
        const ast::CursorDecl *row_of_cursor = nullptr;
        std::unique_ptr<PackageRefSite> row_of_package_cursor;  // pkg.c%ROWTYPE
    };
    std::vector<Init> inits;
    std::vector<std::vector<Condition>> handlers;  // parallel to BlockStmt::handlers
    std::vector<int> cursors;                      // explicit cursors declared here: closed on exit
};

// Bumped whenever pg_proc, pg_type, pg_operator or pg_cast change, so that
// expressions PostgreSQL built for us are rebuilt (a function may have been
// replaced or dropped).
uint64 CatalogGeneration();
void RegisterCatalogInvalidation();

}  // namespace plpolar::compile
