// A compiled plpolar function: its pg_proc facts, its AST with the sites the
// compiler attached, and its variables. Lives as long as its cache entry.
#pragma once

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "plpolar/ast/stmt.hpp"
#include "plpolar/pg/collection.hpp"
#include "plpolar/pg/function_info.hpp"
#include "plpolar/pg/spi.hpp"
#include "plpolar/pg/types.hpp"

namespace plpolar::compile {

enum class VariableKind {
    Local,
    Argument,
    LoopIndex,  // read-only, as Oracle's FOR index
    Session,    // polar_login_user & co., read-only
    Trigger,    // tg_event, tg_tag, read-only
    Cursor,     // an explicit cursor: holds its portal's name while open
    ErrorInfo,  // SQLCODE and SQLERRM, read-only
};

// TYPE t IS TABLE OF ... / VARRAY(n) OF ...: a variable of it has type
// plpolar.collection with the index of its CollectionType as typmod
// (CompiledFunction::collection_types); the value carries its shape.
struct CollectionType {
    std::string name;  // as written; a schema-level type's as format_type shows it
    pg::CollectionShape shape;
    bool element_not_null = false;
    int key_limit = -1;  // INDEX BY VARCHAR2(n): n
};

struct Variable {
    std::string name;
    pg::TypeInfo type;
    VariableKind kind = VariableKind::Local;
    bool constant = false;
    bool not_null = false;
    // A SUBTYPE's RANGE low .. high (PLS_INTEGER family), checked on every
    // assignment; `subtype` names it in the error.
    bool has_range = false;
    int64 range_low = 0;
    int64 range_high = 0;
    std::string subtype;
    ast::SourceLoc loc;
    const ast::CursorDecl *cursor = nullptr;  // Cursor: its declaration
    // A DML trigger's :NEW (assignable in BEFORE ROW triggers) or :OLD
    // (never assignable, ORA-04085).
    enum class TriggerRow { None, New, Old };
    TriggerRow trigger_row = TriggerRow::None;
    // Of an object type: atomically NULL until constructed, and an
    // attribute assigned then is ORA-06530 (ACCESS_INTO_NULL).
    bool object = false;

    bool IsRecord() const { return type.typtype == TYPTYPE_COMPOSITE || type.oid == RECORDOID; }
    // A collection variable: its declared type (set by Compiler::AddVariable).
    const CollectionType *collection = nullptr;
    bool IsCollection() const { return collection != nullptr; }
    bool ReadOnly() const { return constant || (kind != VariableKind::Local && kind != VariableKind::Argument); }
};

struct SubprogramSite;
struct CastSite;

// What a SUBTYPE adds to its base type (its type is in Scope::types).
struct SubtypeConstraint {
    bool not_null = false;
    bool has_range = false;
    int64 low = 0;
    int64 high = 0;
};

// A block, loop or the function itself: names declared there.
struct Scope {
    const Scope *parent = nullptr;
    std::vector<std::string> labels;
    std::unordered_map<std::string, int> names;           // name -> slot
    std::unordered_map<std::string, int> exceptions;      // name -> CompiledFunction::exceptions index
    std::unordered_map<std::string, pg::TypeInfo> types;  // TYPE t IS RECORD / REF CURSOR, SUBTYPE
    std::unordered_map<std::string, SubtypeConstraint> subtypes;
    // Nested PROCEDUREs and FUNCTIONs, overloads under one name.
    std::unordered_map<std::string, std::vector<SubprogramSite *>> subprograms;
    // An object type's method: the slot of SELF, whose attributes are
    // names here too (Compiler::AddVariable sets it).
    int self_slot = -1;

    int FindException(const std::string &name) const {
        auto it = exceptions.find(name);
        return it == exceptions.end() ? -1 : it->second;
    }

    int Find(const std::string &name) const {
        auto it = names.find(name);
        return it == names.end() ? -1 : it->second;
    }
};

// pg_proc's facts about the function (plpolar/pg/function_info.hpp).
using FunctionInfo = pg::FunctionInfo;

// A declared exception; PRAGMA EXCEPTION_INIT binds it to an Oracle number.
struct ExceptionInfo {
    std::string name;
    int oracle_code = 0;  // 0: none (SQLCODE is 1)
    int sqlstate = 0;     // what RAISE raises and handlers match; 0: by identity
};

// The package instance a call or reference site used last, and under what:
// it is still the one to use while the registry's epoch, the package
// generation and the outer user are all unchanged (exec/package_instance.cpp).
struct InstanceCache {
    void *instance = nullptr;
    uint64 epoch = 0;
    uint64 generation = 0;
    Oid user = InvalidOid;
};

class CompiledFunction {
public:
    explicit CompiledFunction(FunctionInfo info);
    ~CompiledFunction();
    CompiledFunction(const CompiledFunction &) = delete;
    CompiledFunction &operator=(const CompiledFunction &) = delete;

    FunctionInfo info;
    ast::FunctionBody body;
    std::vector<Variable> variables;
    std::vector<std::unique_ptr<Scope>> scopes;
    std::vector<ExceptionInfo> exceptions;
    // TYPE t IS RECORD declarations by the typmod of their row type, for
    // field defaults and NOT NULL fields.
    std::unordered_map<int32, const ast::RecordTypeDecl *> record_types;
    // Collection types declared in this unit, by typmod (see CollectionType).
    std::vector<std::unique_ptr<CollectionType>> collection_types;
    MemoryContext context = nullptr;  // PostgreSQL objects built for this function
    Oid varchar2_oid = InvalidOid;
    // NUMBER values (columns, arguments) compute as numeric: same datum.
    Oid number_oid = InvalidOid;
    // plpolar.collection (extension 1.4), InvalidOid before.
    Oid collection_oid = InvalidOid;
    // Set when the body mentions a session variable: only then does a call
    // pay for looking up user, database and client address.
    bool uses_session_variables = false;
    // A DML trigger whose body runs no SQL of its own (compile/spi_free.cpp):
    // the handler calls it without connecting to SPI, and the executor
    // connects only if an expression falls back to SQL (Executor::EvalSqlSite).
    bool runs_without_spi = false;
    int first_argument_slot = 0;  // arguments occupy consecutive slots
    // SQLCODE / SQLERRM are variables (so that embedded SQL can use them
    // too), set when a handler starts; kept only when the body names them.
    bool uses_error_info = false;
    int sqlcode_slot = -1;
    int sqlerrm_slot = -1;

    // What the last call left for the next one (not for recursive calls,
    // which make their own): its variable array and its statement context,
    // reset. Saves the allocations a small function would otherwise pay
    // on every call.
    struct SpareFrame {
        std::vector<pg::Value> slots;
        std::vector<char> owned;
        MemoryContext temp = nullptr;  // child of `context`
    };
    SpareFrame spare;
    // Every variable's starting value (NULL of its type), in slot order:
    // a call's frame starts as a copy (made on the first call, when the
    // variables are all known).
    std::vector<pg::Value> null_slots;

    // A user package's unit (compile/package_unit.hpp): its outermost
    // block holds the package's state; `package_body` when it has a body.
    bool package = false;
    bool package_body = false;
    // PRAGMA SERIALLY_REUSABLE: the state lasts one transaction
    // (exec/package_instance.cpp).
    bool serially_reusable = false;
    // An object type's unit (handler/exec_object_type.cpp): its composite
    // type. A method's SELF (a member's first parameter, a constructor's
    // first variable) puts the attributes in scope unqualified.
    Oid object_type = InvalidOid;
    std::vector<std::string> object_attributes;
    // PRAGMA AUTONOMOUS_TRANSACTION in the unit's own declarations: each
    // call runs in a transaction of its own, in this session's worker
    // (src/autonomous).
    bool autonomous = false;
    // A public subprogram's SQL routine: its body is only a marker, its
    // code the package's (handler/package_call.cpp), found once per
    // package version.
    bool package_member = false;
    std::string member_package;
    uint64 member_unit = 0;  // PackageUnit::serial of the unit member_site belongs to
    SubprogramSite *member_site = nullptr;
    std::unique_ptr<CastSite> member_result_cast;  // record result -> the routine's composite type
    InstanceCache member_instance;                 // for direct calls (exec/direct_call.cpp)
    // Packages whose items this unit names, with the version it was
    // compiled against: a new version recompiles it.
    std::vector<std::pair<std::string, int64>> package_deps;
    // Schema-level collection types this unit uses (their domains), with
    // what their definition was: a replaced type recompiles it; and the
    // index each has in collection_types.
    std::vector<std::pair<Oid, std::string>> schema_type_deps;
    std::unordered_map<Oid, int32> schema_collection_types;
    // Another package's variables named in this unit's embedded SQL, as
    // written (pkg.v, schema.pkg.v): each has a hidden slot of its own that
    // the statement reads as a parameter, refreshed from the package before
    // the statement runs (SqlSite::mirrors).
    std::unordered_map<std::string, int> package_mirrors;
    // A collection's element or method named in embedded SQL (c(i),
    // c(i).f, c.COUNT): a hidden variable of its own, by the name that
    // replaced it in the statement's text (SqlSite::elements).
    std::unordered_map<std::string, int> hidden_names;

    // A DML trigger function (RETURNS trigger), compiled for the table in
    // info.trigger_relid: the slots the firing fills, and what the body
    // uses of them (only that is built per row).
    struct TriggerState {
        int new_row = -1;
        int old_row = -1;
        int inserting = -1;
        int updating = -1;
        int deleting = -1;
        // TG_NAME & co. the body names, by name: only those are filled.
        std::vector<std::pair<std::string, int>> tg;
        // UPDATING('c'): the column's attnum and the hidden variable.
        std::vector<std::pair<int, int>> updating_columns;
        std::string new_alias = "new";  // REFERENCING NEW AS n
        std::string old_alias = "old";
        bool colon_new = false;  // :NEW / :OLD written (ORA-04082 in a statement trigger)
        bool colon_old = false;
        bool mentions_new = false;  // NEW / OLD named at all
        bool mentions_old = false;
        bool mentions_predicates = false;
        std::vector<std::string> tg_named;  // the TG_* words in the body (parser::TriggerBody)
        // A compound trigger (exec_trigger.cpp): its outermost block's
        // variables last for one triggering statement, and
        // plpolar$timing_point says which section a firing runs.
        bool compound = false;
        int timing_point = -1;
        bool assigns_new = false;        // :NEW changed (ORA-04084 but BEFORE ROW)
        std::string relation_signature;  // pg::RelationSignature when compiled
        // Learnt while running: a call read the row whole (SQL naming
        // :NEW.c, RETURN NEW). Forming it from the deformed buffer costs
        // more than the buffer saves, so later calls take the row whole.
        bool new_read_whole = false;
        bool old_read_whole = false;
    };
    TriggerState trigger;

    // plpolar.empty_string_is_null when compiled; a change recompiles.
    bool empty_string_is_null = true;
    // CatalogGeneration() when the pg_proc row was last found unchanged:
    // until the next invalidation, there is no need to look again.
    uint64 checked_generation = 0;

    bool read_only() const { return info.volatility != PROVOLATILE_VOLATILE; }
    int nslots() const { return static_cast<int>(variables.size()); }
};

// What an embedded SQL statement may see: the variables in scope at the
// statement, for the parser hooks.
class ScopeResolver : public pg::NameResolver {
public:
    ScopeResolver(const CompiledFunction &fn, const Scope &scope) : fn_(fn), scope_(scope) {}
    bool ResolveColumnRef(const char *const *parts, int nparts, int *slot, const char **field,
                          int *path_from) const noexcept override;
    bool ResolvePositional(int number, int *slot) const noexcept override;
    bool SlotType(int slot, Oid *type, int32 *typmod, Oid *collation) const noexcept override;
    Oid SqlCollectionType(int slot) const noexcept override;

private:
    const CompiledFunction &fn_;
    const Scope &scope_;
};

// Name lookup shared by the compiler and the parser hooks: a plain name
// through the scope chain, or label.name / function_name.argument.
int LookupName(const CompiledFunction &fn, const Scope &scope, const ast::NameChain &name);

// A variable or a field of a record variable (rec.f, label.rec.f).
struct Reference {
    int slot = -1;
    std::string field;  // empty: the whole variable
    // r.a.b.c: the fields after `field` (a record's record, an object's
    // object attribute), outermost first.
    std::vector<std::string> path;
};
// `paths`: a record's field's fields too (r.a.b; Reference::path), for the
// callers that follow them (expressions, assignment targets, embedded SQL).
Reference LookupReference(const CompiledFunction &fn, const Scope &scope, const ast::NameChain &name,
                          bool paths = false);

}  // namespace plpolar::compile
