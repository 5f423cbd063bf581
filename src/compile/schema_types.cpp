// Oracle's schema-level collection types in plpolar.exec and in dynamic SQL
// (EXECUTE IMMEDIATE 'CREATE TYPE ...', 'DROP TYPE ...'): CREATE [OR
// REPLACE] TYPE t AS TABLE OF e | VARRAY(n) OF e, and DROP TYPE t.
//
// Such a type is a domain over e[] (pg/collection.hpp says how its
// constraints mark it), with constructor functions t() and t(VARIADIC e[])
// beside it: SQL, psql's \dD, pg_dump and other tools know it as what it is,
// columns and SQL functions can have it, and PL/polar code sees its values as
// collections. Replacing a type with the same element type changes its
// constraints in place (Oracle's ALTER TYPE ... MODIFY LIMIT), so that the
// tables and routines using it stay; a new element type needs the type to be
// unused, as Oracle's ORA-02303 says.
#include "plpolar/compile/oracle_sql.hpp"
#include "plpolar/compile/oracle_types.hpp"
#include "plpolar/compile/quoting.hpp"
#include "plpolar/parser/ddl.hpp"
#include "plpolar/parser/object_type.hpp"
#include "plpolar/pg/collection.hpp"
#include "plpolar/pg/guard.hpp"
#include "plpolar/pg/script.hpp"
#include "plpolar/pg/types.hpp"

namespace plpolar::compile {

namespace {

// The constraints that make the domain a collection type of this shape.
std::string Constraints(bool varray, int64_t limit, bool not_null) {
    std::string kind = varray ? "plpolar_varray_" + std::to_string(limit) : std::string("plpolar_nested_table");
    std::string check = "pg_catalog.array_ndims(VALUE) OPERATOR(pg_catalog.=) 1";
    if (varray) check += " AND pg_catalog.cardinality(VALUE) OPERATOR(pg_catalog.<=) " + std::to_string(limit);
    std::string out = " CONSTRAINT " + kind + " CHECK (" + check + ")";
    if (not_null) out += " CONSTRAINT plpolar_not_null CHECK (pg_catalog.array_position(VALUE, NULL) IS NULL)";
    return out;
}

std::string Describe(const parser::TypeCommand &cmd) {
    return std::string(cmd.varray ? "VARRAY(" + std::to_string(cmd.limit) + ") OF " : "TABLE OF ") +
           cmd.element_written + (cmd.element_not_null ? " NOT NULL" : "");
}

void CreateConstructors(const std::string &domain, const std::string &element) {
    // Oracle's constructor t(a, b, ...) and t(): SQL functions, inlined by
    // the planner; the result's coercion to the domain checks the limit,
    // NOT NULL and the element typmod. Names are qualified (search_path
    // plays no part in what they do).
    pg::ExecuteScriptStatement("CREATE FUNCTION " + domain + "() RETURNS " + domain +
                               " LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $plpolar$SELECT '{}'::" + domain +
                               "$plpolar$");
    pg::ExecuteScriptStatement("CREATE FUNCTION " + domain + "(VARIADIC elements " + element + "[]) RETURNS " + domain +
                               " LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $plpolar$SELECT elements$plpolar$");
}

void DropConstructors(const std::string &domain, const std::string &element) {
    pg::ExecuteScriptStatement("DROP FUNCTION IF EXISTS " + domain + "()");
    pg::ExecuteScriptStatement("DROP FUNCTION IF EXISTS " + domain + "(VARIADIC " + element + "[])");
}

std::string CreateType(const parser::TypeCommand &cmd) {
    const std::string schema = cmd.schema.empty() ? pg::CreationSchema() : cmd.schema;
    const std::string domain = QuoteIdent(schema) + "." + QuoteIdent(cmd.name);
    const std::string head = std::string("CREATE ") + (cmd.or_replace ? "OR REPLACE " : "") + "TYPE " + cmd.name;
    pg::TypeInfo element = pg::ParseTypeName(cmd.element);
    pg::CollectionShape inner;
    bool inner_not_null = false;
    if (pg::SchemaCollectionShape(element.oid, &inner, &inner_not_null) ||
        pg::ArrayElementOf(element.oid) != InvalidOid)
        pg::Raise(ERRCODE_FEATURE_NOT_SUPPORTED, "a schema-level collection of collections (type " + cmd.name + " of " +
                                                     cmd.element_written + ") is not supported yet");
    if (element.typtype == TYPTYPE_PSEUDO || pg::ArrayTypeOf(element.oid) == InvalidOid)
        pg::Raise(ERRCODE_DATATYPE_MISMATCH, "type " + cmd.element_written + " cannot be a collection's element");
    const std::string element_sql = pg::QualifiedTypeName(element.oid, element.typmod);
    const std::string element_base = pg::QualifiedTypeName(element.oid, -1);
    std::string action = head + " AS " + Describe(cmd);
    for (const std::string &c : cmd.no_effect) action += "; " + c + ": no effect here";

    if (pg::TypeExists(domain)) {
        pg::TypeInfo existing = pg::ParseTypeName(domain);
        pg::CollectionShape old;
        bool old_not_null = false;
        if (!pg::SchemaCollectionShape(existing.oid, &old, &old_not_null) || !cmd.or_replace)
            pg::Raise(ERRCODE_DUPLICATE_OBJECT, "ORA-00955: name is already used by an existing object",
                      "Type " + domain + " exists" + (cmd.or_replace ? " and is not a collection type." : "."));
        if (old.element.oid == element.oid && old.element.typmod == element.typmod) {
            // Same elements: the constraints are replaced, the values that
            // columns hold checked against the new ones.
            const bool was_varray = old.kind == types::CollectionKind::Varray;
            pg::ExecuteScriptStatement(
                "ALTER DOMAIN " + domain + " DROP CONSTRAINT " +
                (was_varray ? "plpolar_varray_" + std::to_string(old.limit) : std::string("plpolar_nested_table")));
            if (old_not_null)
                pg::ExecuteScriptStatement("ALTER DOMAIN " + domain + " DROP CONSTRAINT plpolar_not_null");
            std::string cons = Constraints(cmd.varray, cmd.limit, cmd.element_not_null);
            // One ADD per constraint (ALTER DOMAIN takes one at a time).
            for (size_t at = cons.find(" CONSTRAINT "); at != std::string::npos;) {
                size_t next = cons.find(" CONSTRAINT ", at + 1);
                pg::ExecuteScriptStatement("ALTER DOMAIN " + domain + " ADD" +
                                           cons.substr(at, next == std::string::npos ? next : next - at));
                at = next;
            }
            // Touches the type's row: units compiled against it are
            // compiled again (their cache checks the type's definition).
            pg::ExecuteScriptStatement("ALTER DOMAIN " + domain + " DROP DEFAULT");
            pg::ExecuteScriptStatement("COMMENT ON DOMAIN " + domain + " IS " +
                                       QuoteLiteral("Oracle type: " + Describe(cmd)));
            return action;
        }
        // Other elements: a new type, if nothing uses the old one (DROP
        // DOMAIN says what does).
        DropConstructors(domain, pg::QualifiedTypeName(old.element.oid, -1));
        pg::ExecuteScriptStatement("DROP DOMAIN " + domain);
    }
    pg::ExecuteScriptStatement("CREATE DOMAIN " + domain + " AS " + element_sql + "[]" +
                               Constraints(cmd.varray, cmd.limit, cmd.element_not_null));
    pg::ExecuteScriptStatement("COMMENT ON DOMAIN " + domain + " IS " + QuoteLiteral("Oracle type: " + Describe(cmd)));
    CreateConstructors(domain, element_base);
    return action;
}

std::string DropType(const parser::TypeCommand &cmd) {
    const std::string domain =
        cmd.schema.empty() ? QuoteIdent(cmd.name) : QuoteIdent(cmd.schema) + "." + QuoteIdent(cmd.name);
    if (!pg::TypeExists(domain))
        pg::Raise(ERRCODE_UNDEFINED_OBJECT, "ORA-04043: object " + cmd.name + " does not exist");
    pg::TypeInfo type = pg::ParseTypeName(domain);
    pg::CollectionShape shape;
    bool not_null = false;
    if (!pg::SchemaCollectionShape(type.oid, &shape, &not_null)) return std::string();
    const std::string qualified = pg::QualifiedTypeName(type.oid, -1);
    DropConstructors(qualified, pg::QualifiedTypeName(shape.element.oid, -1));
    // FORCE: what uses the type goes with it (columns, routines), as
    // Oracle's FORCE leaves them unusable; without it, a type in use stays.
    pg::ExecuteScriptStatement("DROP DOMAIN " + qualified + (cmd.force ? " CASCADE" : ""));
    std::string action = "DROP TYPE " + cmd.name + (cmd.force ? " FORCE" : "");
    for (const std::string &c : cmd.no_effect) action += "; " + c + ": no effect here";
    return action;
}

}  // namespace

std::string PipelinedRowType(const std::string &type) {
    pg::CollectionShape shape;
    bool not_null = false;
    if (!pg::TypeExists(type) || !pg::SchemaCollectionShape(pg::ParseTypeName(type).oid, &shape, &not_null))
        pg::Raise(ERRCODE_DATATYPE_MISMATCH,
                  "PLS-00630: pipelined functions must have a supported collection return type",
                  "The return type " + type + " is not a nested table or varray type (CREATE TYPE ... AS TABLE OF).");
    return pg::QualifiedTypeName(shape.element.oid, -1);
}

namespace {

UnitDdlRunner &Runner() {
    static UnitDdlRunner runner = nullptr;  // set once, at load
    return runner;
}

}  // namespace

void SetUnitDdlRunner(UnitDdlRunner runner) { Runner() = runner; }

bool RunDynamicUnitDdl(const std::string &text, std::string *action, bool read_only) {
    if (Runner() == nullptr) return false;
    if (!read_only) return Runner()(text, action);
    // Refused in a non-volatile function, as other DDL is: only decided
    // after knowing it is such a statement, so run nothing.
    if (parser::LooksObjectType(text) || parser::LooksTypeBody(text))
        pg::Raise(ERRCODE_FEATURE_NOT_SUPPORTED, "CREATE TYPE is not allowed in a non-volatile function");
    return false;
}

bool RunSchemaTypeCommand(const std::string &text, std::string *action, bool read_only) {
    parser::TypeCommand cmd;
    try {
        cmd = parser::ParseTypeCommand(text, MapOracleSqlTypeName);
    } catch (const parser::DdlUnsupported &e) {
        pg::Raise(ERRCODE_FEATURE_NOT_SUPPORTED, e.what());
    } catch (const parser::SyntaxError &e) {
        pg::Raise(ERRCODE_SYNTAX_ERROR, e.what());
    }
    if (cmd.kind != parser::TypeCommand::Kind::None && read_only)
        pg::Raise(ERRCODE_FEATURE_NOT_SUPPORTED,
                  std::string(cmd.kind == parser::TypeCommand::Kind::Drop ? "DROP" : "CREATE") +
                      " TYPE is not allowed in a non-volatile function");
    switch (cmd.kind) {
        case parser::TypeCommand::Kind::None: return false;
        case parser::TypeCommand::Kind::CreateCollection: *action = CreateType(cmd); return true;
        case parser::TypeCommand::Kind::Drop: {
            // Not a collection type: DROP TYPE as PostgreSQL has it.
            std::string done = DropType(cmd);
            if (done.empty()) return false;
            *action = done;
            return true;
        }
    }
    return false;
}

}  // namespace plpolar::compile
