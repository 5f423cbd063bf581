// Oracle's object types in plpolar.exec: CREATE [OR REPLACE] TYPE ... AS
// OBJECT, CREATE TYPE BODY (through CreatePackage) and DROP TYPE.
//
// An object type is two things PostgreSQL knows: a composite type of its
// attributes in the creation schema (columns, tables OF it, SQL functions,
// \dT and pg_dump see it as what it is), and a package of its name whose
// subprograms are the methods, a member taking SELF first (so SQL calls
// them as t.method(obj, ...), \df t.* lists them, GRANT EXECUTE ON t
// works). Its specification and body are a row of plpolar.packages that
// names the composite type; compile/package_unit.cpp reads them as the
// package's (parser/object_type.cpp). Constructors are functions of the
// type's name beside it: the attribute constructor t(a1, a2, ...) in SQL,
// and for each user-defined constructor one that calls the package's; one
// with the attribute constructor's parameter types replaces it, as in Oracle.
#include "plpolar/compile/oracle_types.hpp"
#include "plpolar/compile/package_unit.hpp"
#include "plpolar/compile/quoting.hpp"
#include "plpolar/exec/package_instance.hpp"
#include "plpolar/handler/handler.hpp"
#include "plpolar/parser/ddl.hpp"
#include "plpolar/parser/object_type.hpp"
#include "plpolar/parser/parser.hpp"
#include "plpolar/pg/catalog.hpp"
#include "plpolar/pg/collection.hpp"
#include "plpolar/pg/guard.hpp"
#include "plpolar/pg/packages.hpp"
#include "plpolar/pg/row.hpp"
#include "plpolar/pg/script.hpp"
#include "plpolar/pg/types.hpp"

namespace plpolar::handler {

namespace {

using compile::QuoteIdent;

// The attributes as PostgreSQL's column list, `name type, ...`.
std::vector<std::pair<std::string, std::string>> AttributeColumns(const parser::ObjectTypeSpec &spec) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const parser::ObjectAttribute &a : spec.attributes) {
        pg::TypeInfo t = pg::ParseTypeName(compile::MapOracleSqlTypeName(a.type));
        out.emplace_back(a.name, pg::FormatType(t.oid, t.typmod));
    }
    return out;
}

// The composite type's attributes as they are now.
std::vector<std::pair<std::string, std::string>> ExistingColumns(const std::string &qualified) {
    std::vector<std::pair<std::string, std::string>> out;
    pg::TypeInfo t = pg::ParseTypeName(qualified);
    for (const pg::RowField &f : pg::RowFields(t.oid, -1))
        out.emplace_back(f.name, pg::FormatType(f.type.oid, f.type.typmod));
    return out;
}

// The functions named as the type that return it: its constructors.
std::vector<std::string> Constructors(const std::string &schema, const std::string &name,
                                      const std::string &qualified) {
    std::vector<std::string> out;
    for (const auto &row :
         pg::QueryTextRows("SELECT p.oid::pg_catalog.regprocedure::pg_catalog.text FROM pg_catalog.pg_proc p "
                           "WHERE p.pronamespace OPERATOR(pg_catalog.=) $1::pg_catalog.regnamespace "
                           "AND p.proname OPERATOR(pg_catalog.=) $2::pg_catalog.name "
                           "AND p.prorettype OPERATOR(pg_catalog.=) $3::pg_catalog.regtype",
                           {QuoteIdent(schema), name, qualified}))
        out.push_back(row[0]);
    return out;
}

// The attribute constructor t(a1, a2, ...), then one t(...) per
// user-defined constructor, calling the package's (CREATE OR REPLACE: one
// with the attribute constructor's signature takes its place).
void CreateConstructors(const parser::ObjectTypeSpec &spec, const std::string &schema, const std::string &qualified) {
    for (const std::string &c : Constructors(schema, spec.name, qualified))
        pg::ExecuteScriptStatement("DROP FUNCTION " + c);
    std::string params, row;
    int n = 0;
    for (const auto &[name, type] : AttributeColumns(spec)) {
        params += (n > 0 ? ", " : "") + QuoteIdent(name) + " " + type;
        row += (n > 0 ? ", $" : "$") + std::to_string(n + 1);
        ++n;
    }
    // NULL attributes included (not STRICT): Oracle's t(NULL, NULL) is an
    // object whose attributes are NULL.
    pg::ExecuteScriptStatement("CREATE FUNCTION " + qualified + "(" + params + ") RETURNS " + qualified +
                               " LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $plpolar$SELECT ROW(" + row +
                               ")::" + qualified + "$plpolar$");
    for (const auto &r :
         pg::QueryTextRows("SELECT pg_catalog.pg_get_function_arguments(p.oid), p.pronargs::pg_catalog.text, "
                           "pg_catalog.oidvectortypes(p.proargtypes) FROM pg_catalog.pg_proc p "
                           "WHERE p.pronamespace OPERATOR(pg_catalog.=) $1::pg_catalog.regnamespace "
                           "AND p.proname OPERATOR(pg_catalog.=) $2::pg_catalog.name ORDER BY p.oid",
                           {QuoteIdent(spec.name), spec.name})) {
        int nargs = std::stoi(r[1]);
        std::string args;
        for (int i = 1; i <= nargs; ++i) args += (i > 1 ? ", $" : "$") + std::to_string(i);
        // One of the attribute constructor's types replaces it (its
        // parameter names may differ, which CREATE OR REPLACE refuses).
        if (!pg::QueryTextRows("SELECT 1 FROM pg_catalog.pg_proc p WHERE p.oid OPERATOR(pg_catalog.=) "
                               "pg_catalog.to_regprocedure($1)",
                               {qualified + "(" + r[2] + ")"})
                 .empty())
            pg::ExecuteScriptStatement("DROP FUNCTION " + qualified + "(" + r[2] + ")");
        pg::ExecuteScriptStatement("CREATE FUNCTION " + qualified + "(" + r[0] + ") RETURNS " + qualified +
                                   " LANGUAGE sql AS $plpolar$SELECT " + QuoteIdent(spec.name) + "." +
                                   QuoteIdent(spec.name) + "(" + args + ")$plpolar$");
    }
}

// The helper functions of a MAP or ORDER method's comparisons, by the
// operator each implements.
const std::pair<const char *, const char *> kComparisons[] = {
    {"=", "eq"}, {"<>", "ne"}, {"<", "lt"}, {"<=", "le"}, {">", "gt"}, {">=", "ge"},
};

std::string Helper(const std::string &schema, const std::string &name, const std::string &what) {
    return QuoteIdent(schema) + "." + QuoteIdent(name + "$" + what);
}

void DropComparisons(const std::string &schema, const std::string &name, const std::string &qualified) {
    // The operator class (its family, which holds it), the operators, then
    // their functions: each by name, so that nothing is dropped by cascade.
    for (const auto &row : pg::QueryTextRows(
             "SELECT pg_catalog.quote_ident(f.opfname) FROM pg_catalog.pg_opfamily f "
             "JOIN pg_catalog.pg_opclass c ON c.opcfamily OPERATOR(pg_catalog.=) f.oid "
             "WHERE f.opfnamespace OPERATOR(pg_catalog.=) $1::pg_catalog.regnamespace "
             "AND c.opcintype OPERATOR(pg_catalog.=) $2::pg_catalog.regtype AND f.opfname OPERATOR(pg_catalog.=) $3",
             {QuoteIdent(schema), qualified, name + "$ops"}))
        pg::ExecuteScriptStatement("DROP OPERATOR FAMILY " + QuoteIdent(schema) + "." + row[0] + " USING btree");
    for (const auto &row : pg::QueryTextRows(
             "SELECT o.oprname::pg_catalog.text FROM pg_catalog.pg_operator o "
             "JOIN pg_catalog.pg_proc p ON p.oid OPERATOR(pg_catalog.=) o.oprcode "
             "WHERE o.oprnamespace OPERATOR(pg_catalog.=) $1::pg_catalog.regnamespace "
             "AND o.oprleft OPERATOR(pg_catalog.=) $2::pg_catalog.regtype "
             "AND o.oprright OPERATOR(pg_catalog.=) $2::pg_catalog.regtype AND pg_catalog.starts_with(p.proname, $3)",
             {QuoteIdent(schema), qualified, name + "$"}))
        pg::ExecuteScriptStatement("DROP OPERATOR " + QuoteIdent(schema) + "." + row[0] + " (" + qualified + ", " +
                                   qualified + ")");
    for (const auto &row :
         pg::QueryTextRows("SELECT p.oid::pg_catalog.regprocedure::pg_catalog.text FROM pg_catalog.pg_proc p "
                           "WHERE p.pronamespace OPERATOR(pg_catalog.=) $1::pg_catalog.regnamespace "
                           "AND pg_catalog.starts_with(p.proname, $2) AND p.pronargs OPERATOR(pg_catalog.=) 2 "
                           "AND p.proargtypes[0] OPERATOR(pg_catalog.=) $3::pg_catalog.regtype",
                           {QuoteIdent(schema), name + "$", qualified}))
        pg::ExecuteScriptStatement("DROP FUNCTION " + row[0]);
}

// Everything of the type's own that uses its composite type: the method
// routines, the constructors and the comparisons.
void DropOwnObjects(const std::string &schema, const std::string &name, const std::string &qualified) {
    DropComparisons(schema, name, qualified);
    Oid nsp = pg::SchemaOid(name);
    if (OidIsValid(nsp))
        for (const pg::PackageRoutine &r : pg::PackageRoutines(nsp))
            pg::ExecuteScriptStatement("DROP ROUTINE " + r.identity);
    for (const std::string &c : Constructors(schema, name, qualified)) pg::ExecuteScriptStatement("DROP FUNCTION " + c);
}

// Oracle's ORA-02303 when tables, types or routines other than the type's
// own still use it (checked after those are gone).
void RefuseIfUsed(const std::string &name, const std::string &qualified, const std::string &what) {
    std::vector<std::vector<std::string>> users = pg::QueryTextRows(
        "SELECT pg_catalog.pg_describe_object(d.classid, d.objid, d.objsubid) FROM pg_catalog.pg_depend d "
        "JOIN pg_catalog.pg_type t ON t.oid OPERATOR(pg_catalog.=) $1::pg_catalog.regtype "
        "WHERE d.refclassid OPERATOR(pg_catalog.=) 'pg_catalog.pg_type'::pg_catalog.regclass "
        "AND d.refobjid IN (t.oid, t.typarray) AND d.deptype OPERATOR(pg_catalog.=) 'n' ORDER BY 1",
        {qualified});
    if (users.empty()) return;
    std::string detail;
    for (const auto &u : users) detail += (detail.empty() ? "Used by " : ", ") + u[0];
    pg::Raise(ERRCODE_DEPENDENT_OBJECTS_STILL_EXIST,
              "ORA-02303: cannot drop or replace a type with type or table dependents (" + what + " " + name + ")",
              detail + ". DROP TYPE " + name + " FORCE drops them too (a table loses its column of the type).");
}

// A MAP or ORDER method orders the type's objects, as Oracle's =, <, ...
// and ORDER BY do: operators of the type in its schema (an exact match, so
// they win over the record comparison PostgreSQL has for every composite
// type), and for a superuser (PostgreSQL's rule for operator classes) the
// type's default btree operator class, which ORDER BY, DISTINCT, GROUP BY
// and indexes use. Comparing with a NULL object is NULL (STRICT).
void CreateComparisons(const parser::ObjectTypeSpec &spec, const std::string &schema, const std::string &qualified) {
    DropComparisons(schema, spec.name, qualified);
    const parser::ObjectMethod *order = nullptr;
    for (const parser::ObjectMethod &m : spec.methods) {
        if (m.kind != parser::ObjectMethod::Kind::Map && m.kind != parser::ObjectMethod::Kind::Order) continue;
        if (order != nullptr)
            pg::Raise(ERRCODE_INVALID_OBJECT_DEFINITION,
                      "PLS-00154: an object type may have only 1 MAP or 1 ORDER method (type \"" + spec.name + "\")");
        if (!m.is_function) pg::Raise(ERRCODE_INVALID_OBJECT_DEFINITION, "a MAP or ORDER method is a FUNCTION");
        order = &m;
    }
    if (order == nullptr) return;
    const std::string method = QuoteIdent(spec.name) + "." + QuoteIdent(order->name);
    const bool map = order->kind == parser::ObjectMethod::Kind::Map;
    // a OP b: map(a) OP map(b), or order(a, b) OP 0.
    auto compare = [&](const std::string &op) {
        return map ? method + "($1) OPERATOR(pg_catalog." + op + ") " + method + "($2)"
                   : method + "($1, $2) OPERATOR(pg_catalog." + op + ") 0";
    };
    const std::string args = "(" + qualified + ", " + qualified + ")";
    for (const auto &[op, what] : kComparisons) {
        pg::ExecuteScriptStatement("CREATE FUNCTION " + Helper(schema, spec.name, what) + args +
                                   " RETURNS boolean LANGUAGE sql STRICT AS $plpolar$SELECT " + compare(op) +
                                   "$plpolar$");
        pg::ExecuteScriptStatement("CREATE OPERATOR " + QuoteIdent(schema) + "." + op +
                                   " (FUNCTION = " + Helper(schema, spec.name, what) + ", LEFTARG = " + qualified +
                                   ", RIGHTARG = " + qualified + ")");
    }
    bool superuser = pg::QueryTextRows(
                         "SELECT r.rolsuper::pg_catalog.text FROM pg_catalog.pg_roles r "
                         "WHERE r.rolname OPERATOR(pg_catalog.=) CURRENT_USER",
                         {})
                         .at(0)
                         .at(0) == "true";
    if (!superuser) return;
    pg::ExecuteScriptStatement("CREATE FUNCTION " + Helper(schema, spec.name, "cmp") + args +
                               " RETURNS integer LANGUAGE sql STRICT AS $plpolar$SELECT CASE WHEN " + compare("<") +
                               " THEN -1 WHEN " + compare(">") + " THEN 1 ELSE 0 END$plpolar$");
    const std::string ops = QuoteIdent(schema) + ".";
    pg::ExecuteScriptStatement("CREATE OPERATOR CLASS " + Helper(schema, spec.name, "ops") + " DEFAULT FOR TYPE " +
                               qualified + " USING btree AS OPERATOR 1 " + ops + "<, OPERATOR 2 " + ops +
                               "<=, OPERATOR 3 " + ops + "=, OPERATOR 4 " + ops + ">=, OPERATOR 5 " + ops +
                               ">, FUNCTION 1 " + Helper(schema, spec.name, "cmp") + args);
}

// The schema of the composite type `qualified`, unquoted.
std::string TypeSchema(const std::string &qualified) {
    return pg::QueryTextRows(
               "SELECT n.nspname::pg_catalog.text FROM pg_catalog.pg_type t JOIN "
               "pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) t.typnamespace "
               "WHERE t.oid OPERATOR(pg_catalog.=) $1::pg_catalog.regtype",
               {qualified})
        .at(0)
        .at(0);
}

[[noreturn]] void NameInUse(const std::string &what, const std::string &name) {
    pg::Raise(ERRCODE_DUPLICATE_OBJECT,
              "ORA-00955: name is already used by an existing object: " + what + " \"" + name + "\"");
}

}  // namespace

std::string CreateObjectType(const std::string &text, int script_line, int *body_line) {
    parser::ObjectTypeSpec spec;
    try {
        spec = parser::ParseObjectType(text);
    } catch (const parser::SyntaxError &e) {
        pg::Raise(ERRCODE_SYNTAX_ERROR,
                  std::string(e.what()) + " (line " + std::to_string(script_line + e.line() - 1) + " of the script)");
    }
    *body_line = script_line + spec.source_line - 1;
    if (!spec.under.empty())
        pg::Raise(ERRCODE_FEATURE_NOT_SUPPORTED,
                  "CREATE TYPE " + spec.name + " UNDER " + spec.under + ": subtypes are not supported yet",
                  "Declare the subtype's attributes and methods in a type of its own.");
    if (spec.attributes.empty())
        pg::Raise(ERRCODE_INVALID_OBJECT_DEFINITION,
                  "PLS-00589: no attributes found in object type \"" + spec.name + "\"");
    const std::string schema = spec.schema.empty() ? pg::CreationSchema() : spec.schema;
    const std::string qualified = QuoteIdent(schema) + "." + QuoteIdent(spec.name);
    std::string action = std::string("CREATE ") + (spec.or_replace ? "OR REPLACE " : "") + "TYPE " + spec.display +
                         " AS OBJECT: composite type " + qualified + ", methods in schema " + QuoteIdent(spec.name);
    for (const std::string &note : spec.notes) action += "; " + note;
    if (!spec.final) action += "; NOT FINAL: no effect (no subtypes yet)";
    if (!spec.instantiable) action += "; NOT INSTANTIABLE: no effect";

    pg::PackageSource src = pg::ReadPackageSource(spec.name);
    Oid nsp = pg::SchemaOid(spec.name);
    if (src.exists && src.object_type.empty()) NameInUse("package", spec.name);
    if (src.exists && src.object_type != qualified)
        pg::Raise(ERRCODE_DUPLICATE_OBJECT,
                  "ORA-00955: name is already used by an existing object: type " + src.object_type,
                  "A type's methods are a schema of its name: two types of one name cannot both have one.");
    if (src.exists && !spec.or_replace) NameInUse("type", spec.name);
    if (OidIsValid(nsp) && !src.exists)
        pg::Raise(ERRCODE_DUPLICATE_SCHEMA, "schema \"" + spec.name + "\" already exists and is not an object type",
                  "An object type's methods are a schema of its name.");
    if (src.exists && !pg::OwnsSchema(nsp))
        pg::Raise(ERRCODE_INSUFFICIENT_PRIVILEGE, "must be owner of type " + spec.name);
    if (!src.exists && pg::TypeExists(qualified)) NameInUse("type", qualified);

    // The composite type: kept when its attributes are unchanged, else
    // replaced (PostgreSQL refuses while tables or other types use it, as
    // Oracle's ORA-02303 does).
    auto columns = AttributeColumns(spec);
    if (pg::TypeExists(qualified) && ExistingColumns(qualified) != columns) {
        DropOwnObjects(schema, spec.name, qualified);
        RefuseIfUsed(spec.name, qualified, "CREATE OR REPLACE TYPE");
        pg::ExecuteScriptStatement("DROP TYPE " + qualified);
    }
    if (!pg::TypeExists(qualified)) {
        std::string sql = "CREATE TYPE " + qualified + " AS (";
        for (size_t i = 0; i < columns.size(); ++i)
            sql += (i > 0 ? ", " : "") + QuoteIdent(columns[i].first) + " " + columns[i].second;
        pg::ExecuteScriptStatement(sql + ")");
    }

    pg::PackageSource next = src;
    next.exists = true;
    next.name = spec.name;
    next.owner = src.exists ? src.owner : pg::CurrentUserName();
    next.definer = spec.definer_rights;
    next.search_path = spec.definer_rights ? pg::FrozenSearchPath() : std::string();
    next.spec = spec.source;
    next.spec_line = *body_line;
    next.object_type = qualified;
    // The body stays, as a package's: compiled against the new
    // specification when next used (ORA-04063 then if it no longer fits).
    std::shared_ptr<compile::PackageUnit> unit = compile::CompilePackage(next, true);
    if (!OidIsValid(nsp)) pg::ExecuteScriptStatement("CREATE SCHEMA " + QuoteIdent(spec.name));
    SyncPackageRoutines(unit, next);
    pg::WritePackageSource(next);
    CreateConstructors(spec, schema, qualified);
    CreateComparisons(spec, schema, qualified);
    // \dT says what it is and where its methods are.
    pg::ExecuteScriptStatement("COMMENT ON TYPE " + qualified + " IS " +
                               compile::QuoteLiteral("object type; methods in schema " + QuoteIdent(spec.name) +
                                                     ", source in plpolar.user_source"));
    exec::DiscardPackage(spec.name);
    return action;
}

namespace {

// ALTER TYPE of an object type: its specification changed as the statement
// says, the composite type altered to match (PostgreSQL's ALTER TYPE ...
// CASCADE: typed tables follow; a column of the type keeps its values, a
// new attribute NULL), the methods' routines and the constructors made
// again. False when `alter` names no object type (PostgreSQL's own ALTER
// TYPE then runs).
bool AlterObjectType(const parser::AlterObjectType &alter, std::string *action) {
    pg::PackageSource src = pg::ReadPackageSource(alter.name);
    if (!src.exists || src.object_type.empty()) return false;
    if (!pg::OwnsSchema(pg::SchemaOid(alter.name)))
        pg::Raise(ERRCODE_INSUFFICIENT_PRIVILEGE, "must be owner of type " + alter.name);
    std::string schema = TypeSchema(src.object_type);
    if (!alter.schema.empty() && alter.schema != schema) return false;
    const std::string &qualified = src.object_type;
    parser::ObjectTypeSpec spec;
    spec.name = alter.name;
    parser::ObjectTypeSpec next_spec;
    next_spec.name = alter.name;
    try {
        spec.source = src.spec;
        parser::ParseObjectTypeSource(src.spec, &spec);
        std::string source = parser::AlterObjectSource(spec, alter);
        parser::ParseObjectTypeSource(source, &next_spec);
        next_spec.source = source;
    } catch (const parser::SyntaxError &e) {
        pg::Raise(ERRCODE_SYNTAX_ERROR, std::string(e.what()) + " (ALTER TYPE " + alter.name + ")");
    }
    using Kind = parser::AlterObjectType::Kind;
    *action = "ALTER TYPE " + alter.name;
    std::string notes;
    for (const std::string &note : alter.notes) notes += "; " + note;
    switch (alter.kind) {
        case Kind::None: return false;
        case Kind::Modifier: *action += " " + alter.elements + ": no effect (no subtypes yet)" + notes; return true;
        case Kind::Compile: {
            std::shared_ptr<compile::PackageUnit> unit = compile::CompilePackage(src, false);
            SyncPackageRoutines(unit, src);
            pg::WritePackageSource(src);
            exec::DiscardPackage(alter.name);
            *action += " COMPILE" + notes;
            return true;
        }
        case Kind::AddAttribute:
        case Kind::DropAttribute:
        case Kind::ModifyAttribute:
        case Kind::AddMethod:
        case Kind::DropMethod: break;
    }
    if (next_spec.attributes.empty())
        pg::Raise(ERRCODE_INVALID_OBJECT_DEFINITION,
                  "PLS-00589: no attributes found in object type \"" + alter.name + "\"");
    // The constructors go first (their parameters are the attributes).
    for (const std::string &c : Constructors(schema, alter.name, qualified))
        pg::ExecuteScriptStatement("DROP FUNCTION " + c);
    auto before = AttributeColumns(spec);
    auto after = AttributeColumns(next_spec);
    auto find = [](const std::vector<std::pair<std::string, std::string>> &list, const std::string &name) {
        for (const auto &c : list)
            if (c.first == name) return &c;
        return static_cast<const std::pair<std::string, std::string> *>(nullptr);
    };
    for (const auto &c : before)
        if (find(after, c.first) == nullptr)
            pg::ExecuteScriptStatement("ALTER TYPE " + qualified + " DROP ATTRIBUTE " + QuoteIdent(c.first) +
                                       " CASCADE");
    for (const auto &c : after) {
        const auto *old = find(before, c.first);
        if (old == nullptr)
            pg::ExecuteScriptStatement("ALTER TYPE " + qualified + " ADD ATTRIBUTE " + QuoteIdent(c.first) + " " +
                                       c.second + " CASCADE");
        else if (old->second != c.second)
            pg::ExecuteScriptStatement("ALTER TYPE " + qualified + " ALTER ATTRIBUTE " + QuoteIdent(c.first) +
                                       " TYPE " + c.second + " CASCADE");
    }
    pg::PackageSource next = src;
    next.spec = next_spec.source;
    std::shared_ptr<compile::PackageUnit> unit = compile::CompilePackage(next, true);
    SyncPackageRoutines(unit, next);
    pg::WritePackageSource(next);
    CreateConstructors(next_spec, schema, qualified);
    CreateComparisons(next_spec, schema, qualified);
    exec::DiscardPackage(alter.name);
    switch (alter.kind) {
        case Kind::AddAttribute: *action += " ADD ATTRIBUTE " + alter.elements; break;
        case Kind::DropAttribute: *action += " DROP ATTRIBUTE"; break;
        case Kind::ModifyAttribute: *action += " MODIFY ATTRIBUTE " + alter.elements; break;
        case Kind::AddMethod:
            *action += " ADD " + alter.elements + " (give the body with CREATE OR REPLACE TYPE BODY)";
            break;
        case Kind::DropMethod: *action += " DROP " + alter.elements; break;
        case Kind::None:
        case Kind::Compile:
        case Kind::Modifier: break;
    }
    *action += notes;
    return true;
}

}  // namespace

bool RunObjectTypeCommand(const std::string &text, std::string *action) {
    {
        parser::AlterObjectType alter;
        try {
            alter = parser::ParseAlterObjectType(text);
        } catch (const parser::SyntaxError &e) {
            pg::Raise(ERRCODE_SYNTAX_ERROR, e.what());
        }
        if (alter.kind != parser::AlterObjectType::Kind::None) return AlterObjectType(alter, action);
    }
    parser::TypeCommand cmd;
    try {
        cmd = parser::ParseTypeCommand(text, compile::MapOracleSqlTypeName);
    } catch (const parser::DdlUnsupported &) {
        return false;  // not a DROP TYPE this reads: the collection types' code reports it
    } catch (const parser::SyntaxError &) {
        return false;
    }
    if (cmd.kind != parser::TypeCommand::Kind::Drop) return false;
    pg::PackageSource src = pg::ReadPackageSource(cmd.name);
    if (!src.exists || src.object_type.empty()) return false;
    std::string schema = TypeSchema(src.object_type);
    if (!cmd.schema.empty() && cmd.schema != schema) return false;
    Oid nsp = pg::SchemaOid(cmd.name);
    if (!pg::OwnsSchema(nsp)) pg::Raise(ERRCODE_INSUFFICIENT_PRIVILEGE, "must be owner of type " + cmd.name);
    DropOwnObjects(schema, cmd.name, src.object_type);
    // FORCE: what uses it goes too (PostgreSQL's CASCADE: a table loses its
    // column of the type), as Oracle invalidates it; without, a table, type
    // or routine using it refuses the drop.
    if (!cmd.force) RefuseIfUsed(cmd.name, src.object_type, "DROP TYPE");
    pg::DeletePackageSource(cmd.name);
    pg::ExecuteScriptStatement("DROP SCHEMA " + QuoteIdent(cmd.name));
    pg::ExecuteScriptStatement("DROP TYPE " + src.object_type + (cmd.force ? " CASCADE" : ""));
    exec::DiscardPackage(cmd.name);
    *action = "DROP TYPE " + cmd.name + (cmd.force ? " FORCE" : "");
    return true;
}

bool RunUnitDdl(const std::string &text, std::string *action) {
    int body_line = 0;
    if (parser::LooksObjectType(text)) {
        *action = CreateObjectType(text, 1, &body_line);
        return true;
    }
    if (parser::LooksTypeBody(text) || parser::LooksOraclePackage(text)) {
        *action = CreatePackage(text, 1, &body_line);
        return true;
    }
    return RunObjectTypeCommand(text, action) || RunPackageCommand(text, action);
}

}  // namespace plpolar::handler
