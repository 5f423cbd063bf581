// Statement and declaration nodes.
#pragma once

#include "plpolar/ast/expr.hpp"
#include "plpolar/ast/stmt_kinds.hpp"

namespace plpolar::ast {

// ---- declarations --------------------------------------------------------

enum class DeclKind {
    Variable,
    Exception,
    Pragma,
    Cursor,
    RecordType,
    RefCursorType,
    CollectionType,
    Subtype,
    Subprogram
};

struct Decl {
    Decl(DeclKind k, SourceLoc l) : kind(k), loc(l) {}
    virtual ~Decl() = default;
    Decl(const Decl &) = delete;
    Decl &operator=(const Decl &) = delete;
    const DeclKind kind;
    SourceLoc loc;
    std::unique_ptr<Annotation> annotation;
};
using DeclPtr = std::unique_ptr<Decl>;

struct VariableDecl : Decl {
    static constexpr DeclKind kKind = DeclKind::Variable;
    explicit VariableDecl(SourceLoc l) : Decl(kKind, l) {}
    std::string name;
    TypeRef type;
    bool constant = false;
    bool not_null = false;
    ExprPtr default_value;  // may be null
    int slot = -1;          // set by the compiler
};

struct ExceptionDecl : Decl {
    static constexpr DeclKind kKind = DeclKind::Exception;
    explicit ExceptionDecl(SourceLoc l) : Decl(kKind, l) {}
    std::string name;
};

struct PragmaDecl : Decl {
    static constexpr DeclKind kKind = DeclKind::Pragma;
    explicit PragmaDecl(SourceLoc l) : Decl(kKind, l) {}
    std::string name;
    std::vector<ExprPtr> args;
};

struct CursorParam {
    std::string name;
    TypeRef type;
    ExprPtr default_value;  // may be null
    SourceLoc loc;
};

// CURSOR c [(params)] [RETURN type] IS query
struct CursorDecl : Decl {
    static constexpr DeclKind kKind = DeclKind::Cursor;
    explicit CursorDecl(SourceLoc l) : Decl(kKind, l) {}
    std::string name;
    std::vector<CursorParam> params;
    bool has_return_type = false;
    TypeRef return_type;
    std::string query;
    SourceLoc query_loc;
};

// TYPE t IS RECORD (f type [NOT NULL] [:= default], ...)
struct RecordTypeDecl : Decl {
    static constexpr DeclKind kKind = DeclKind::RecordType;
    explicit RecordTypeDecl(SourceLoc l) : Decl(kKind, l) {}
    struct Field {
        std::string name;
        TypeRef type;
        bool not_null = false;
        ExprPtr default_value;
        SourceLoc loc;
    };
    std::string name;
    std::vector<Field> fields;
};

// TYPE t IS REF CURSOR [RETURN type]
struct RefCursorTypeDecl : Decl {
    static constexpr DeclKind kKind = DeclKind::RefCursorType;
    explicit RefCursorTypeDecl(SourceLoc l) : Decl(kKind, l) {}
    std::string name;
};

// TYPE t IS TABLE OF e [NOT NULL] [INDEX BY k] | VARRAY(n) OF e [NOT NULL]
struct CollectionTypeDecl : Decl {
    static constexpr DeclKind kKind = DeclKind::CollectionType;
    explicit CollectionTypeDecl(SourceLoc l) : Decl(kKind, l) {}
    enum class Form { Associative, Nested, Varray };
    std::string name;
    Form form = Form::Nested;
    TypeRef element;
    bool element_not_null = false;
    TypeRef index;      // Associative: the key type
    int64_t limit = 0;  // Varray: its maximum size
};

// SUBTYPE name IS base [NOT NULL] [RANGE low .. high]
struct SubtypeDecl : Decl {
    static constexpr DeclKind kKind = DeclKind::Subtype;
    explicit SubtypeDecl(SourceLoc l) : Decl(kKind, l) {}
    std::string name;
    TypeRef base;
    bool not_null = false;
    ExprPtr range_low;  // both or neither
    ExprPtr range_high;
};

// ---- statements ----------------------------------------------------------

// Declared by the list in stmt_kinds.hpp, in its order.
enum class StmtKind {
#define PLPOLAR_STMT_KIND_ENUM(kind, node) kind,
    PLPOLAR_STMT_KINDS(PLPOLAR_STMT_KIND_ENUM)
#undef PLPOLAR_STMT_KIND_ENUM
};

const char *ToString(StmtKind kind);

struct Stmt {
    Stmt(StmtKind k, SourceLoc l) : kind(k), loc(l) {}
    virtual ~Stmt() = default;
    Stmt(const Stmt &) = delete;
    Stmt &operator=(const Stmt &) = delete;
    const StmtKind kind;
    SourceLoc loc;
    std::vector<std::string> labels;  // <<label>> written before the statement
    std::unique_ptr<Annotation> annotation;
    // Set by the compiler: running it may change the database (SQL, or a
    // call of a SQL function), so inside a block with handlers it gets its
    // own subtransaction.
    bool touches_database = false;
};
using StmtPtr = std::unique_ptr<Stmt>;
using StmtList = std::vector<StmtPtr>;

struct ExceptionHandler {
    SourceLoc loc;
    // Each choice is OTHERS, a condition name, or SQLSTATE 'xxxxx'.
    struct Choice {
        enum class Form { Others, Name, SqlState };
        Form form = Form::Name;
        NameChain name;
        std::string sqlstate;
    };
    std::vector<Choice> choices;
    StmtList body;
};

struct BlockStmt : Stmt {
    static constexpr StmtKind kKind = StmtKind::Block;
    explicit BlockStmt(SourceLoc l) : Stmt(kKind, l) {}
    std::vector<DeclPtr> decls;
    StmtList body;
    std::vector<ExceptionHandler> handlers;
    bool has_exception_section = false;
    std::string end_label;
};

struct AssignStmt : Stmt {
    static constexpr StmtKind kKind = StmtKind::Assign;
    explicit AssignStmt(SourceLoc l) : Stmt(kKind, l) {}
    NameChain target;
    // c(i) := x, c(i).f := x: an element of the collection `target`.
    ExprPtr subscript;                     // may be null
    std::vector<ExprPtr> more_subscripts;  // c(i)(j) := x: j, ...
    std::vector<std::string> element_fields;
    ExprPtr value;
    int slot = -1;
};

struct IfStmt : Stmt {
    static constexpr StmtKind kKind = StmtKind::If;
    explicit IfStmt(SourceLoc l) : Stmt(kKind, l) {}
    struct Branch {
        ExprPtr condition;
        StmtList body;
    };
    std::vector<Branch> branches;  // IF and each ELSIF
    StmtList else_body;
    bool has_else = false;
};

struct LoopStmt : Stmt {
    static constexpr StmtKind kKind = StmtKind::Loop;
    explicit LoopStmt(SourceLoc l) : Stmt(kKind, l) {}
    StmtList body;
    std::string end_label;
};

struct WhileStmt : Stmt {
    static constexpr StmtKind kKind = StmtKind::While;
    explicit WhileStmt(SourceLoc l) : Stmt(kKind, l) {}
    ExprPtr condition;
    StmtList body;
    std::string end_label;
};

struct ForRangeStmt : Stmt {
    static constexpr StmtKind kKind = StmtKind::ForRange;
    explicit ForRangeStmt(SourceLoc l) : Stmt(kKind, l) {}
    std::string variable;
    bool reverse = false;
    ExprPtr low;
    ExprPtr high;
    StmtList body;
    std::string end_label;
    int slot = -1;
    // FOR i IN INDICES OF c / FOR v IN VALUES OF c / FOR i, v IN PAIRS OF c
    // (Oracle 21c): the collection's keys, elements or both, in key order.
    enum class Iteration { Range, Indices, Values, Pairs };
    Iteration iteration = Iteration::Range;
    ExprPtr collection;
    std::string value_variable;  // PAIRS: the element's
    int value_slot = -1;
};

// FORALL i IN lo .. hi | INDICES OF c [BETWEEN a AND b] | VALUES OF c
// [SAVE EXCEPTIONS] dml
struct ForAllStmt : Stmt {
    static constexpr StmtKind kKind = StmtKind::ForAll;
    explicit ForAllStmt(SourceLoc l) : Stmt(kKind, l) {}
    enum class Bounds { Range, Indices, Values };
    std::string variable;
    Bounds bounds = Bounds::Range;
    ExprPtr low;  // Range, or INDICES OF ... BETWEEN low AND high
    ExprPtr high;
    NameChain collection;  // Indices, Values
    bool save_exceptions = false;
    StmtPtr body;  // an SqlStmt (INSERT, UPDATE, DELETE, MERGE) or ExecuteImmediateStmt
    int slot = -1;
};

// EXIT and CONTINUE share one shape.
struct LoopControlStmt : Stmt {
    LoopControlStmt(StmtKind k, SourceLoc l) : Stmt(k, l) {}
    std::string label;
    ExprPtr condition;  // WHEN ..., may be null
};

struct ExitStmt : LoopControlStmt {
    static constexpr StmtKind kKind = StmtKind::Exit;
    explicit ExitStmt(SourceLoc l) : LoopControlStmt(kKind, l) {}
};

struct ContinueStmt : LoopControlStmt {
    static constexpr StmtKind kKind = StmtKind::Continue;
    explicit ContinueStmt(SourceLoc l) : LoopControlStmt(kKind, l) {}
};

struct NullStmt : Stmt {
    static constexpr StmtKind kKind = StmtKind::Null;
    explicit NullStmt(SourceLoc l) : Stmt(kKind, l) {}
};

struct ReturnStmt : Stmt {
    static constexpr StmtKind kKind = StmtKind::Return;
    explicit ReturnStmt(SourceLoc l) : Stmt(kKind, l) {}
    ExprPtr value;  // may be null
};

// PIPE ROW (value) in a PIPELINED function: one row of its result.
struct PipeRowStmt : Stmt {
    static constexpr StmtKind kKind = StmtKind::PipeRow;
    explicit PipeRowStmt(SourceLoc l) : Stmt(kKind, l) {}
    ExprPtr value;
};

struct RaiseStmt : Stmt {
    static constexpr StmtKind kKind = StmtKind::Raise;
    explicit RaiseStmt(SourceLoc l) : Stmt(kKind, l) {}
    NameChain exception;  // empty: re-raise inside a handler
    // Set by the compiler.
    int user_exception = -1;  // index in CompiledFunction::exceptions
    int sqlstate = 0;
    int oracle_code = 0;  // RAISE of an Oracle predefined exception: its SQLCODE
    std::string message;
};

enum class SqlVerb { Select, Insert, Update, Delete, Merge, With };

// Where a value fetched or returned by SQL goes: a variable, a record
// field, or a whole record.
struct Target {
    NameChain name;
    SourceLoc loc;
    // INTO c(i) / c(i).f: the subscript as written (PL), then the fields.
    std::string subscript;
    std::vector<std::string> fields;
};

struct SqlStmt : Stmt {
    static constexpr StmtKind kKind = StmtKind::Sql;
    explicit SqlStmt(SourceLoc l) : Stmt(kKind, l) {}
    SqlVerb verb = SqlVerb::Select;
    std::string text;          // the SQL PostgreSQL sees (INTO removed)
    std::vector<Target> into;  // SELECT ... INTO / RETURNING ... INTO
    bool returning_into = false;
    bool bulk = false;  // BULK COLLECT INTO: every row, into collections
    // INSERT INTO t VALUES rec / UPDATE t SET ROW = rec, rewritten by the
    // compiler once it knows t's columns.
    std::string row_record;
    std::string row_table;
};

// A cursor's actual arguments, or a dynamic statement's bind values.
struct BindArg {
    enum class Mode { In, Out, InOut };
    Mode mode = Mode::In;
    ExprPtr value;
};

// FOR r IN c[(args)] LOOP / FOR r IN (query) LOOP
struct ForCursorStmt : Stmt {
    static constexpr StmtKind kKind = StmtKind::ForCursor;
    explicit ForCursorStmt(SourceLoc l) : Stmt(kKind, l) {}
    std::string variable;
    NameChain cursor;  // empty for an inline query
    std::vector<CallArg> args;
    std::string query;  // inline query
    StmtList body;
    std::string end_label;
};

// OPEN c[(args)] / OPEN rc FOR query / OPEN rc FOR expr [USING ...]
struct OpenStmt : Stmt {
    static constexpr StmtKind kKind = StmtKind::Open;
    explicit OpenStmt(SourceLoc l) : Stmt(kKind, l) {}
    NameChain cursor;
    std::vector<CallArg> args;
    std::string query;  // OPEN rc FOR SELECT ...
    ExprPtr dynamic;    // OPEN rc FOR 'text'
    std::vector<BindArg> using_args;
};

struct FetchStmt : Stmt {
    static constexpr StmtKind kKind = StmtKind::Fetch;
    explicit FetchStmt(SourceLoc l) : Stmt(kKind, l) {}
    NameChain cursor;
    std::vector<Target> into;
    bool bulk = false;  // FETCH c BULK COLLECT INTO ... [LIMIT n]
    ExprPtr limit;      // may be null
};

struct CloseStmt : Stmt {
    static constexpr StmtKind kKind = StmtKind::Close;
    explicit CloseStmt(SourceLoc l) : Stmt(kKind, l) {}
    NameChain cursor;
};

// EXECUTE IMMEDIATE str [INTO ...] [USING ...] [RETURNING INTO ...]
struct ExecuteImmediateStmt : Stmt {
    static constexpr StmtKind kKind = StmtKind::ExecuteImmediate;
    explicit ExecuteImmediateStmt(SourceLoc l) : Stmt(kKind, l) {}
    ExprPtr sql;
    std::vector<Target> into;
    std::vector<BindArg> using_args;
    std::vector<Target> returning_into;
    bool bulk = false;  // BULK COLLECT INTO (of the INTO or the RETURNING list)
};

// What a call statement calls; the compiler decides.
enum class CallTarget { Function, Package, Procedure, Subprogram, Collection, PackageProcedure };

struct CallStmt : Stmt {
    static constexpr StmtKind kKind = StmtKind::Call;
    explicit CallStmt(SourceLoc l) : Stmt(kKind, l) {}
    ExprPtr call;      // a CallExpr, or a NameExpr for a call without parentheses
    std::string text;  // as written: a procedure call runs as CALL <text>
    CallTarget target = CallTarget::Function;
};

// CASE [operand] WHEN ... THEN stmts ... [ELSE stmts] END CASE; without
// ELSE, no match raises CASE_NOT_FOUND.
struct CaseStmt : Stmt {
    static constexpr StmtKind kKind = StmtKind::Case;
    explicit CaseStmt(SourceLoc l) : Stmt(kKind, l) {}
    ExprPtr operand;
    struct When {
        ExprPtr condition;
        StmtList body;
    };
    std::vector<When> whens;
    StmtList else_body;
    bool has_else = false;
    std::string end_label;
};

// GOTO label: to a labelled statement of the same statement list or of an
// enclosing one (never into a block, loop, IF or handler).
struct GotoStmt : Stmt {
    static constexpr StmtKind kKind = StmtKind::Goto;
    explicit GotoStmt(SourceLoc l) : Stmt(kKind, l) {}
    std::string label;
};

// COMMIT [WORK] / ROLLBACK [WORK]
struct TransactionStmt : Stmt {
    TransactionStmt(StmtKind k, SourceLoc l) : Stmt(k, l) {}
};

enum class ParamMode { In, Out, InOut };

struct SubprogramParam {
    std::string name;
    ParamMode mode = ParamMode::In;
    TypeRef type;
    ExprPtr default_value;  // may be null
    SourceLoc loc;
};

// PROCEDURE p(...) IS ... / FUNCTION f(...) RETURN t IS ... in a
// declaration section; without a body, a forward declaration.
struct SubprogramDecl : Decl {
    static constexpr DeclKind kKind = DeclKind::Subprogram;
    explicit SubprogramDecl(SourceLoc l) : Decl(kKind, l) {}
    std::string name;
    bool is_function = false;
    std::vector<SubprogramParam> params;
    TypeRef return_type;              // functions
    std::unique_ptr<BlockStmt> body;  // null: forward declaration
    // "FUNCTION f (...) RETURN t" as written: a package specification's
    // public subprograms become SQL functions with this signature.
    std::string header_text;
    bool pipelined = false;  // FUNCTION ... RETURN t PIPELINED (package functions)
};

// A whole function body: the outermost block.
struct FunctionBody {
    std::unique_ptr<BlockStmt> block;
};

}  // namespace plpolar::ast
