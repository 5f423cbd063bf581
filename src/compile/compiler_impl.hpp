// The compiler's own state and steps, private to src/compile: one class
// whose member functions are spread over the files of this folder by what
// they compile (statements by family, declarations, expressions, types,
// calls, the optimising rewrites). compile::Compile (compiler.cpp) is the
// only entry point.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "plpolar/ast/stmt.hpp"
#include "plpolar/compile/conditions.hpp"
#include "plpolar/compile/function.hpp"
#include "plpolar/compile/sites.hpp"
#include "plpolar/parser/parser.hpp"

namespace plpolar::compile {

struct PackageUnit;

// Parse errors as PostgreSQL errors (syntax_errors.cpp).
[[noreturn]] void RaiseTooLarge(const CompiledFunction &fn, const parser::TooLarge &e);
[[noreturn]] void RaiseSyntaxError(const CompiledFunction &fn, const parser::SyntaxError &e);

// Embedded SQL text: past a string literal, quoted name or comment that
// starts at sql[i], else i itself (collections.cpp).
size_t SkipLexical(const std::string &sql, size_t i);

struct LoopContext {
    const std::vector<std::string> *labels;
};

class Compiler {
public:
    explicit Compiler(CompiledFunction &fn) : fn_(fn) {}

    // The line being compiled, read by the error context line (0: none yet).
    const int *line_ptr() const { return &line_; }

    void Run();
    // A package's unit (package_unit.cpp); `from_spec` per declaration of
    // the merged block.
    void CompilePackage(PackageUnit &unit, const std::vector<bool> &from_spec, bool has_body);

    // Another package's items (package_refs.cpp).
    struct PackageItem {
        std::shared_ptr<PackageUnit> unit;
        std::string package;
        std::string item;
        std::vector<std::string> rest;  // a record's field
    };
    bool FindPackageItem(const ast::NameChain &name, PackageItem *out);
    std::unique_ptr<PackageRefSite> PackageVariable(const PackageItem &item, const ast::SourceLoc &loc, bool for_store);
    bool CompilePackageName(ast::NameExpr &name, const Scope &scope);
    // Hidden slots for the package variables an embedded SQL statement
    // names; call before the statement's SqlSite is made (its slot count).
    std::vector<SqlSite::Mirror> PackageMirrors(const std::string &sql, const Scope &scope);
    std::unique_ptr<SqlSite> MakeSqlSite(const Scope &scope, const std::string &sql);
    // pkg.c, a cursor of another unit's package, when `name` is no local
    // name; `decl`: its declaration in the specification (its parameters).
    std::unique_ptr<PackageRefSite> PackageCursor(const ast::NameChain &name, const ast::SourceLoc &loc,
                                                  const Scope &scope, const ast::CursorDecl **decl);
    bool PackageTarget(const ast::NameChain &name, const ast::SourceLoc &loc, TargetSite *out);
    bool PackageType(const std::string &text, pg::TypeInfo *out);
    bool PackageVariableType(const ast::NameChain &name, pg::TypeInfo *out);
    bool PackageException(const ast::NameChain &name, const ast::SourceLoc &loc, Condition *out, std::string *message,
                          int *oracle_code);
    static std::string PackageExceptionMessage(const std::string &package, const std::string &name);
    bool InPackageScope(const Scope &scope, const std::string &name) const;
    // The package's own scope while compiling a package (its exceptions
    // are raised and matched by name, across units).
    const Scope *package_scope_ = nullptr;
    // The unit's parameters' scope: its outermost block's parent.
    const Scope *unit_scope_ = nullptr;
    ast::SourceLoc current_loc_;

private:
    [[noreturn]] void Error(const ast::SourceLoc &loc, const std::string &message, int sqlstate = ERRCODE_SYNTAX_ERROR);

    static Variable SessionVariable(const char *name, Oid type);
    // PolarDB's session variables, SQLCODE and SQLERRM: the outermost scope.
    Scope &SessionScope();
    // A DML trigger's NEW, OLD, INSERTING ... and TG_* (triggers.cpp).
    void DeclareTriggerVariables(Scope &fscope);
    // UPDATING('c'): true when it was one.
    bool CompileTriggerPredicate(ast::CallExpr &call, const Scope &scope);

    Scope &NewScope(const Scope *parent);

    int AddVariable(Variable v);
    // A FOR / FORALL index: a read-only PLS_INTEGER of `scope`.
    int AddLoopIndex(Scope &scope, const std::string &name, const ast::SourceLoc &loc);

    // A %ROWTYPE or %TYPE may also name a cursor: its row type is only
    // known once its query is prepared, at run time.
    pg::TypeInfo ResolveType(const ast::TypeRef &ref, const Scope &scope,
                             const ast::CursorDecl **row_of_cursor = nullptr,
                             std::unique_ptr<PackageRefSite> *row_of_package_cursor = nullptr);

    std::unique_ptr<CastSite> MakeCast(const pg::TypeInfo &target);
    // A PL variable's type for a SQL type: NUMBER(p,s) (an argument, a
    // column's %TYPE) is numeric(p,s), whose typmod encodes the same
    // precision and scale, so that the decimal fast paths apply; a PL
    // variable's overflow is ORA-06502 in Oracle too.
    // The type a PL variable of SQL type `type` has: NUMBER is numeric, a
    // schema-level collection type (a domain) its collection.
    pg::TypeInfo PlType(const pg::TypeInfo &type);
    pg::TypeInfo SchemaCollectionType(const pg::TypeInfo &type);

    // PROCEDURE / FUNCTION in a declaration section: registered before its
    // body is compiled, so that it can call itself; a forward declaration
    // lets earlier subprograms call it too.
    void DeclareSubprogram(ast::SubprogramDecl &sd, Scope &scope);

    void CompileSubprogramBody(ast::SubprogramDecl &sd, SubprogramSite &site, const Scope &scope);

    // The overloads of a nested subprogram `name` visible here, or null.
    const std::vector<SubprogramSite *> *FindSubprograms(const ast::NameChain &name, const Scope &scope);

    // What a literal or a variable is known to be before running: 0 if not.
    char StaticCategory(const ast::Expr &e, const Scope &scope);

    // Picks the overload a call means (Oracle: by number, names and types
    // of the arguments) and compiles its arguments.
    std::unique_ptr<SubprogramCallSite> CompileSubprogramCall(const std::vector<SubprogramSite *> &overloads,
                                                              const ast::NameChain &name,
                                                              std::vector<ast::CallArg> &args, bool want_function,
                                                              const ast::SourceLoc &loc, const Scope &scope);

    void CheckUnique(const Scope &scope, const std::string &name, const ast::SourceLoc &loc);

    // PRAGMA EXCEPTION_INIT(e, -n) in the same declaration section as e.
    void CompileAutonomousPragma(ast::PragmaDecl &pd, const Scope &scope);
    void CompilePragma(ast::PragmaDecl &pd, const Scope &scope);

    int FindException(const Scope &scope, const std::string &name);

    void CompileChoice(const ast::ExceptionHandler::Choice &choice, const Scope &scope, const ast::SourceLoc &loc,
                       std::vector<Condition> *out);

    void NoteSessionVariables(const std::string &sql);

    void CompileStmts(ast::StmtList &list, const Scope &scope);

    void CheckLoopControl(ast::LoopControlStmt &stmt, const char *what);

    void CompileLoopBody(ast::Stmt &loop, ast::StmtList &body, const Scope &scope);

    // An expression of the statement itself (not of a nested body). Calls
    // in it that may run user code get their own subtransaction at run time
    // inside a block with handlers (Executor::EvalPgExpr); only statements
    // that run SQL themselves are marked touches_database.
    void CompileOwn(ast::Expr &e, const Scope &scope, ast::Stmt &);

    // s := s || x [|| y ...]: x, y cannot change s while they are evaluated
    // (no user code), so appending them where s lies gives what
    // concatenating would.
    bool IsSelfAppend(const ast::AssignStmt &s, const StoreSite &site) const;

    // Literals, variables and operators only: no call, no SQL that could run
    // user code, so evaluation may stop at an error without unwinding.
    static bool RunsNoUserCode(const ast::Expr &e);

public:
    // A trigger body that needs no SPI connection of its own
    // (spi_free.cpp; CompiledFunction::runs_without_spi).
    bool RunsWithoutSpi(const ast::Stmt &s) const;

private:
    bool RunsWithoutSpi(const ast::StmtList &list) const;
    bool RunsWithoutSpi(const ast::Expr &e) const;

    // The DecimalExpr for `e`, or null. *numeric tells whether a NUMBER
    // operand is involved: without one the result is not numeric at all.
    std::unique_ptr<DecimalExpr> MakeDecimal(const ast::Expr &e, bool *numeric);

    // The FastExpr for `e`, or null when an operand's type is not fixed.
    std::unique_ptr<FastExpr> MakeFast(const ast::Expr &e);
    std::unique_ptr<FastExpr> MakeFastBuiltin(const ast::CallExpr &call);

    TargetSite MakeTarget(const ast::NameChain &name, const ast::SourceLoc &loc, const Scope &scope);

    std::vector<TargetSite> MakeTargets(const std::vector<ast::Target> &targets, const Scope &scope);

    // The cursor or cursor variable an OPEN / FETCH / CLOSE / FOR names.
    int CursorSlot(const ast::NameChain &name, const ast::SourceLoc &loc, const Scope &scope);

    // Maps a cursor's actual arguments (positional or name => value) to its
    // parameters; omitted ones need a default.
    void CompileCursorArgs(std::vector<ast::CallArg> &args, const ast::CursorDecl &cd, CursorUseSite &site,
                           const Scope &scope, ast::Stmt &stmt);

    void CompileBindArgs(std::vector<ast::BindArg> &args, DynamicSite *dyn, const Scope &scope, ast::Stmt &stmt);

    // One statement: dispatched on its kind to the Compile<Kind> below.
    void CompileStmt(ast::Stmt &stmt, const Scope &scope);

    // ---- statements, one function per kind (stmt_kinds.hpp) ------------------
#define PLPOLAR_DECLARE_COMPILE(kind, node) void Compile##kind(ast::node &s, const Scope &scope);
    PLPOLAR_STMT_KINDS(PLPOLAR_DECLARE_COMPILE)
#undef PLPOLAR_DECLARE_COMPILE

    // ---- declarations, one function per DeclKind (declarations.cpp) ----------
    void CompileDecl(ast::Decl &decl, Scope &scope, BlockSite &block);
    void CompileVariableDecl(ast::VariableDecl &vd, Scope &scope, BlockSite &block);
    void CompileExceptionDecl(ast::ExceptionDecl &ed, Scope &scope);
    void CompileCursorDecl(ast::CursorDecl &cd, Scope &scope, BlockSite &block);
    void CompileRecordTypeDecl(ast::RecordTypeDecl &rd, Scope &scope);
    void CompileRefCursorTypeDecl(ast::RefCursorTypeDecl &rd, Scope &scope);
    void CompileSubtypeDecl(ast::SubtypeDecl &sd, Scope &scope);
    void CompileCollectionTypeDecl(ast::CollectionTypeDecl &cd, Scope &scope);

    // ---- collections (collections.cpp) ---------------------------------------
    // A collection type of another unit (a package's), described again in
    // this unit's table; other types unchanged.
    pg::TypeInfo ImportCollectionType(const CompiledFunction &from, const pg::TypeInfo &type);
    // The collection type `name` names here (t, pkg.t), or null.
    const CollectionType *FindCollectionType(const ast::NameChain &name, const Scope &scope);
    // Multi-level collections: the collection type of `type`'s elements (or
    // null), c(i)(j) on the element `parent` reads, and a whole use of the
    // form c(i)(j)..., c(i).method(args) (false: not that form).
    const CollectionType *ElementCollection(const CollectionType &type) const;
    std::unique_ptr<CollectionSite> NestedElement(std::unique_ptr<CollectionSite> parent, ast::Expr &key,
                                                  const ast::SourceLoc &loc, const Scope &scope);
    bool CompileNestedCollectionUse(ast::CallExpr &call, const Scope &scope, bool statement);
    // r.f as a collection: the collection type of record variable r's field f.
    const CollectionType *RecordFieldCollection(const ast::NameChain &name, const Scope &scope, int *slot,
                                                std::string *field) const;
    const CollectionType *FieldCollection(int slot, const std::string &field) const;
    std::unique_ptr<CollectionSite> RecordFieldSite(const CollectionType &type, int slot, const std::string &field,
                                                    const std::string &shown);
    // A method's checks (its name, arguments, the kinds it applies to).
    CollectionOp CheckMethod(const CollectionType &type, const std::string &collection, const std::string &name,
                             const std::vector<ast::CallArg> &list, bool statement, const ast::SourceLoc &loc);
    // A site on collection variable `slot` with its key, element and count casts.
    std::unique_ptr<CollectionSite> CollectionKeySite(int slot, const std::string &name);
    std::unique_ptr<CollectionSite> CollectionKeySite(const CollectionType &type, int slot, const std::string &name);
    // c(i), c.method[(args)] or t(args) when `name` means one: the site in
    // *out. `statement`: a call statement (EXTEND, TRIM, DELETE).
    bool CompileCollectionUse(const ast::NameChain &name, std::vector<ast::CallArg> *args, bool has_parens,
                              const ast::SourceLoc &loc, const Scope &scope, bool statement,
                              std::unique_ptr<ast::Annotation> *out);
    // The collection type an expression is known to have: a collection
    // variable, a constructor, a multiset operation; null otherwise.
    const CollectionType *StaticCollectionType(const ast::Expr &e) const;
    // a MULTISET UNION b, SET(a), CARDINALITY(a), a IS EMPTY, x MEMBER OF a,
    // a SUBMULTISET OF b (the parser's plpolar$ names, or the functions
    // when their argument is a collection): the site in *out.
    bool CompileMultiset(ast::CallExpr &call, const Scope &scope, std::unique_ptr<ast::Annotation> *out);
    // BULK COLLECT INTO targets: whole collection variables of this unit,
    // integer-keyed (Oracle's PLS-00657 for VARCHAR2 keys).
    void MakeBulkTargets(std::vector<TargetSite> &targets, const std::vector<ast::Target> &names);
    // c(i), c(i).f and c.method in embedded SQL text: each replaced by the
    // name of a hidden variable the statement reads, evaluated before it
    // runs (SqlSite::elements); other text unchanged.
    std::string BindCollectionElements(const std::string &sql, const Scope &scope, std::vector<SqlSite::Element> *out);
    // FORALL's INSERT ... VALUES as one INSERT ... SELECT over arrays, when
    // its values allow (ForAllSite::setwise); false: one per index.
    bool CompileSetWiseInsert(ast::ForAllStmt &s, const Scope &index_scope, ForAllSite &site);
    // INTO c(i) / c(i).f (SELECT, FETCH): a target storing an element.
    TargetSite MakeElementTarget(const ast::Target &t, const Scope &scope);
    // TABLE(inner) in embedded SQL, `inner` a collection expression: its
    // replacement text (a subquery over unnest of a hidden array) in *text.
    bool BindTableOf(const std::string &inner, const Scope &scope, std::string *text,
                     std::vector<SqlSite::Element> *out);
    // Whether `variable` (pkg.c, schema.pkg.c) is a public collection
    // variable of another package.
    bool IsPackageCollection(const ast::NameChain &variable) const;
    // pkg.c(i) (has_parens, an element) or pkg.c.method: another package's
    // public collection variable; null if `name` is none. The arguments are
    // checked, not compiled.
    // `element_store`: pkg.c(i) := x (a CONSTANT refuses it).
    std::unique_ptr<CollectionSite> PackageCollection(const ast::NameChain &name, bool has_parens,
                                                      const ast::SourceLoc &loc, bool statement,
                                                      const std::vector<ast::CallArg> *args,
                                                      bool element_store = false);
    // c(i) := x / c(i).f := x: the element into store.element.
    bool CompileElementTarget(ast::AssignStmt &s, const Scope &scope, StoreSite &store);
    // The SUBTYPE constraint a declared type carries (none for other types).
    SubtypeConstraint ConstraintOf(const ast::TypeRef &ref, const Scope &scope) const;

    // INSERT INTO t VALUES rec / UPDATE t SET ROW = rec, rewritten into
    // PostgreSQL's words (set_row.cpp).
    void RewriteRowStatement(ast::SqlStmt &s, const Scope &scope);

    // ---- expressions -----------------------------------------------------

    void CompileLiteral(ast::LiteralExpr &lit);

    // An operand of a call: literals are written into the SQL so that
    // PostgreSQL resolves them as it would in SQL; anything else is $n.
    std::string OperandSql(const ast::Expr &e, SqlExprSite &site);

    // A package member (DBMS_OUTPUT.PUT_LINE) unless the first name is a
    // variable (a record's field).
    const PackageMember *PackageMemberOf(const ast::NameChain &name, const Scope &scope);

    static std::string Upper(const ast::NameChain &name);

    // DBMS_OUTPUT.x(...) as a statement.
    bool CompilePackageCall(ast::CallStmt &s, const Scope &scope);

    // DBMS_UTILITY.x in an expression; false if `name` is no package member.
    bool CompilePackageFunction(const ast::NameChain &name, size_t nargs, ast::Builtin &builtin,
                                const ast::SourceLoc &loc, const Scope &scope);

    // The built-ins with a native fast path, for the argument counts it
    // handles (positional arguments only).
    static ast::Builtin NativeBuiltin(const ast::CallExpr &call);

    void CompileCallExpr(ast::CallExpr &call, const Scope &scope);
    bool CompilePackageProcedure(ast::CallStmt &s, const Scope &scope);
    // Object types' method calls (compile/methods.cpp): v.m(args) and
    // SELF.m(args) become the type package's m(v, args); inside a member
    // method, m(args) is m(SELF, args). True if the call was rewritten.
    bool RewriteMethodCall(ast::CallExpr &call, const Scope &scope);
    // v.p as a statement: a member procedure without parentheses.
    bool RewriteMethodStatement(ast::ExprPtr &call, const Scope &scope);
    // Embedded SQL's obj.m(...) as the type package's m(obj, ...).
    std::string RewriteSqlMethodCalls(const std::string &sql, const Scope &scope);
    // obj.method / method (in a member) without parentheses in an expression.
    bool CompileMethodName(ast::NameExpr &name, const Reference &ref, const Scope &scope);

    void CompileName(ast::NameExpr &name, const Scope &scope);
    void CompileInquiryDirective(ast::NameExpr &name);

    std::unique_ptr<SqlExprSite> Fallback(std::string sql);

    std::unique_ptr<CaseSite> MakeCaseSite(size_t nwhen);

    void CompileExpr(ast::Expr &e, const Scope &scope);

    CompiledFunction &fn_;
    std::vector<LoopContext> loops_;
    int line_ = 0;
    int in_handler_ = 0;                     // compiling an exception handler's statements
    SubprogramSite *current_sub_ = nullptr;  // the nested subprogram being compiled
    // Labels of the statement lists being compiled, outermost first. A
    // handler's list is not inside its block's list, so a GOTO cannot jump
    // from a handler back into the block, as in Oracle.
    std::vector<const std::vector<std::string> *> goto_targets_;
};

}  // namespace plpolar::compile
