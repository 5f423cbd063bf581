// Oracle's package DDL in plpolar.exec: CREATE PACKAGE [BODY], DROP
// PACKAGE [BODY], ALTER PACKAGE ... COMPILE, GRANT / REVOKE EXECUTE.
//
// A package is a schema of its name (EDB's and PolarDB's mapping): its
// public subprograms are routines there, so that SQL calls them as
// pkg.f(x), CALL pkg.p(), \df pkg.* lists them, GRANT works on them and
// pg_dump carries them; their prosrc is a marker, the code being the
// package's, whose sources are a row of plpolar.packages.
#include <cctype>
#include <set>

#include "plpolar/compile/oracle_sql.hpp"
#include "plpolar/compile/package_unit.hpp"
#include "plpolar/compile/quoting.hpp"
#include "plpolar/exec/package_instance.hpp"
#include "plpolar/handler/handler.hpp"
#include "plpolar/parser/object_type.hpp"
#include "plpolar/parser/package.hpp"
#include "plpolar/parser/parser.hpp"
#include "plpolar/parser/script.hpp"
#include "plpolar/pg/catalog.hpp"
#include "plpolar/pg/collection.hpp"
#include "plpolar/pg/guard.hpp"
#include "plpolar/pg/packages.hpp"
#include "plpolar/pg/row.hpp"
#include "plpolar/pg/script.hpp"
#include "plpolar/pg/types.hpp"

namespace plpolar::handler {

namespace {

std::string MemberBody(const std::string &package) {
    return std::string(pg::PackageMemberMarker()) + " " + package +
           "\n-- Its code is the package's: see plpolar.user_source.\nBEGIN NULL; END;";
}

std::string Lower(std::string s) {
    for (char &c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// A specification's TYPE t IS RECORD in a public signature: a composite
// type pkg.t of the same fields, so that SQL can pass and receive it.
std::string CompositeFor(const pg::PackageSource &src, const std::string &name, const pg::TypeInfo &type) {
    std::string qualified = compile::QuoteIdent(src.name) + "." + compile::QuoteIdent(name);
    if (pg::TypeExists(qualified)) return qualified;
    std::string sql = "CREATE TYPE " + qualified + " AS (";
    bool first = true;
    for (const pg::RowField &f : pg::RowFields(type.oid, type.typmod)) {
        sql += (first ? "" : ", ") + compile::QuoteIdent(f.name) + " " + pg::FormatType(f.type.oid, f.type.typmod);
        first = false;
    }
    pg::ExecuteScriptStatement(sql + ")");
    return qualified;
}

}  // namespace

// The public subprograms as routines of the package's schema, created or
// replaced; routines of subprograms no longer in the specification go.
void SyncPackageRoutines(const std::shared_ptr<compile::PackageUnit> &unit_ptr, const pg::PackageSource &src) {
    const compile::PackageUnit &unit = *unit_ptr;
    std::set<Oid> keep;
    // DEFAULT c_name, a constant of the specification: SQL cannot read it,
    // so the routine's default is its value (a spec-only instance gives it).
    std::shared_ptr<exec::PackageInstance> constants;
    auto constant_default = [&](std::string &param) {
        size_t at = param.rfind(" DEFAULT ");
        if (at == std::string::npos) return;
        std::string expr = Lower(param.substr(at + 9));
        while (!expr.empty() && std::isspace(static_cast<unsigned char>(expr.back()))) expr.pop_back();
        if (expr.compare(0, src.name.size() + 1, src.name + ".") == 0) expr = expr.substr(src.name.size() + 1);
        int slot = unit.scope->Find(expr);
        if (slot < 0) return;
        const compile::Variable &v = unit.fn->variables[static_cast<size_t>(slot)];
        if (!v.constant)
            pg::Raise(ERRCODE_FEATURE_NOT_SUPPORTED, "the default of parameter " + param.substr(0, at) +
                                                         " is the package variable " + expr +
                                                         ": a routine's default can only be a constant here");
        if (constants == nullptr) {
            constants = std::make_shared<exec::PackageInstance>(unit_ptr);
            constants->EnsureInitialized();
        }
        const pg::Value &value = constants->executor().PackageValue(slot);
        param = param.substr(0, at) + " DEFAULT " +
                (value.isnull ? std::string("NULL")
                              : compile::QuoteLiteral(pg::OutputValue(value.datum, value.type)) +
                                    "::" + pg::FormatType(v.type.oid, v.type.typmod));
    };
    // The package's own types in headers: REF CURSOR types are refcursor,
    // records composite types of the schema, subtypes their base type.
    auto map_type = [&unit, &src](const std::string &text) {
        std::string name = Lower(text);
        std::string own_prefix = src.name + ".";
        if (name.compare(0, own_prefix.size(), own_prefix) == 0) name = name.substr(own_prefix.size());
        auto it = unit.scope->types.find(name);
        if (it == unit.scope->types.end()) return MapHeaderType(text);
        const pg::TypeInfo &t = it->second;
        if (t.oid == REFCURSOROID) return std::string("refcursor");
        if (t.oid == RECORDOID) return CompositeFor(src, name, t);
        if (t.oid == unit.fn->collection_oid && t.oid != InvalidOid) {
            // A collection type of the package: plpolar.collection for SQL
            // (the typmod is the unit's own index), a schema-level type's
            // domain if it is one.
            if (t.typmod >= 0 && static_cast<size_t>(t.typmod) < unit.fn->collection_types.size() &&
                unit.fn->collection_types[static_cast<size_t>(t.typmod)]->shape.sql_type != InvalidOid)
                return pg::QualifiedTypeName(unit.fn->collection_types[static_cast<size_t>(t.typmod)]->shape.sql_type,
                                             -1);
            return std::string("plpolar.collection");
        }
        return pg::FormatType(t.oid, t.typmod);
    };
    // A PIPELINED function's rows: the element of its collection type, a
    // package record type's composite type, or a schema-level type's element.
    auto pipelined_row = [&unit, &src](const std::string &written, const std::string &mapped) {
        std::string name = Lower(written);
        std::string own_prefix = src.name + ".";
        if (name.compare(0, own_prefix.size(), own_prefix) == 0) name = name.substr(own_prefix.size());
        auto it = unit.scope->types.find(name);
        if (it == unit.scope->types.end()) return compile::PipelinedRowType(mapped);
        const pg::TypeInfo &t = it->second;
        if (t.oid != unit.fn->collection_oid || t.oid == InvalidOid || t.typmod < 0 ||
            static_cast<size_t>(t.typmod) >= unit.fn->collection_types.size())
            return compile::PipelinedRowType(mapped);
        const compile::CollectionType &ct = *unit.fn->collection_types[static_cast<size_t>(t.typmod)];
        if (ct.shape.sql_type != InvalidOid) return compile::PipelinedRowType(mapped);
        if (ct.shape.kind == types::CollectionKind::Associative)
            pg::Raise(ERRCODE_DATATYPE_MISMATCH,
                      "PLS-00630: pipelined functions must have a supported collection return type",
                      "The return type " + written + " is an associative array (INDEX BY): use a nested table type.");
        const pg::TypeInfo &e = ct.shape.element;
        if (e.oid == RECORDOID) {
            for (const auto &[record_name, record] : unit.scope->types)
                if (record.oid == RECORDOID && record.typmod == e.typmod) return CompositeFor(src, record_name, record);
            pg::Raise(ERRCODE_DATATYPE_MISMATCH,
                      "PLS-00630: pipelined functions must have a supported collection return type",
                      "The elements of " + written + " are records of no type of the package specification.");
        }
        return pg::FormatType(e.oid, -1);
    };
    for (const std::string &header : unit.public_headers) {
        parser::OracleSubprogram sub;
        try {
            sub = parser::ParseOracleSubprogram("CREATE OR REPLACE " + header + " IS", map_type);
        } catch (const parser::SyntaxError &e) {
            pg::Raise(ERRCODE_SYNTAX_ERROR, std::string(e.what()) + " (in the header " + header + ")");
        }
        if (sub.pipelined) sub.row_type = pipelined_row(sub.return_type_written, sub.return_type);
        for (std::string &param : sub.parameters) constant_default(param);
        sub.name = compile::QuoteIdent(src.name) + "." + sub.name;
        sub.definer_rights = src.definer;
        sub.body = MemberBody(src.name);
        std::string sql = parser::ToCreateStatement(sub, src.search_path);
        bool created = !OidIsValid(pg::RoutineOfCreateStatement(sql));
        pg::ExecuteScriptStatement(sql);
        Oid oid = pg::RoutineOfCreateStatement(sql);
        // As a standalone unit: executable by its owner (and those granted
        // EXECUTE on the package) only.
        if (created && OidIsValid(oid)) pg::RevokeExecuteFromPublic(oid);
        keep.insert(oid);
    }
    for (const pg::PackageRoutine &r : pg::PackageRoutines(pg::SchemaOid(src.name)))
        if (keep.count(r.oid) == 0) pg::ExecuteScriptStatement("DROP ROUTINE " + r.identity);
}

namespace {

[[noreturn]] void NoSuchPackage(const std::string &name) {
    pg::Raise(ERRCODE_UNDEFINED_OBJECT, "ORA-04043: package \"" + name + "\" does not exist");
}

}  // namespace

std::string CreatePackage(const std::string &text, int script_line, int *body_line) {
    parser::OraclePackage pkg;
    try {
        pkg = parser::ParseOraclePackage(text);
    } catch (const parser::SyntaxError &e) {
        pg::Raise(ERRCODE_SYNTAX_ERROR,
                  std::string(e.what()) + " (line " + std::to_string(script_line + e.line() - 1) + " of the script)");
    }
    *body_line = script_line + pkg.source_line - 1;
    pg::PackageSource src = pg::ReadPackageSource(pkg.name);
    std::string action = std::string("CREATE ") + (pkg.or_replace ? "OR REPLACE " : "") +
                         (pkg.is_body ? "PACKAGE BODY " : "PACKAGE ") + pkg.display;
    if (!pkg.schema.empty())
        action += "; package " + compile::QuoteIdent(pkg.name) + " (a schema of its own: \"" + pkg.schema +
                  ".\" names its owner in Oracle)";
    for (const std::string &note : pkg.notes) action += "; " + note;
    if (!pkg.is_body) {
        Oid nsp = pg::SchemaOid(pkg.name);
        if (src.exists && !src.object_type.empty())
            pg::Raise(ERRCODE_DUPLICATE_OBJECT,
                      "ORA-00955: name is already used by an existing object: type \"" + pkg.name + "\"");
        if (src.exists && !pkg.or_replace)
            pg::Raise(ERRCODE_DUPLICATE_SCHEMA,
                      "ORA-00955: name is already used by an existing object: package \"" + pkg.name + "\"",
                      "Use CREATE OR REPLACE PACKAGE to replace it.");
        if (OidIsValid(nsp) && !src.exists)
            pg::Raise(ERRCODE_DUPLICATE_SCHEMA, "schema \"" + pkg.name + "\" already exists and is not a package",
                      "A package is a schema of its name holding its public subprograms.");
        if (src.exists && !pg::OwnsSchema(nsp))
            pg::Raise(ERRCODE_INSUFFICIENT_PRIVILEGE, "must be owner of package " + pkg.name);
        pg::PackageSource next = src;
        next.exists = true;
        next.name = pkg.name;
        next.owner = src.exists ? src.owner : pg::CurrentUserName();
        next.definer = pkg.definer_rights;
        next.search_path = pkg.definer_rights ? pg::FrozenSearchPath() : std::string();
        next.spec = pkg.source;
        next.spec_line = *body_line;
        // The specification alone first: its errors are its own.
        std::shared_ptr<compile::PackageUnit> unit = compile::CompilePackage(next, true);
        if (!OidIsValid(nsp)) pg::ExecuteScriptStatement("CREATE SCHEMA " + compile::QuoteIdent(pkg.name));
        SyncPackageRoutines(unit, next);
        pg::WritePackageSource(next);
        exec::DiscardPackage(pkg.name);
        return action;
    }
    const bool type_body = parser::LooksTypeBody(text);
    if (type_body != !src.object_type.empty() && src.exists)
        pg::Raise(ERRCODE_WRONG_OBJECT_TYPE,
                  type_body ? "ORA-04043: \"" + pkg.name + "\" is a package, not an object type: CREATE PACKAGE BODY"
                            : "ORA-04043: \"" + pkg.name + "\" is an object type, not a package: CREATE TYPE BODY");
    if (type_body) action = std::string("CREATE ") + (pkg.or_replace ? "OR REPLACE " : "") + "TYPE BODY " + pkg.display;
    if (!src.exists)
        pg::Raise(ERRCODE_UNDEFINED_OBJECT, std::string("ORA-04043: ") + (type_body ? "type" : "package") + " \"" +
                                                pkg.name + "\" does not exist: create its specification first");
    if (!pg::OwnsSchema(pg::SchemaOid(pkg.name)))
        pg::Raise(ERRCODE_INSUFFICIENT_PRIVILEGE, "must be owner of package " + pkg.name);
    if (src.has_body && !pkg.or_replace)
        pg::Raise(ERRCODE_DUPLICATE_OBJECT,
                  "ORA-00955: name is already used by an existing object: package body \"" + pkg.name + "\"",
                  "Use CREATE OR REPLACE PACKAGE BODY to replace it.");
    pg::PackageSource next = src;
    next.has_body = true;
    next.body = pkg.source;
    next.body_line = *body_line;
    compile::CompilePackage(next, false);
    pg::WritePackageSource(next);
    exec::DiscardPackage(pkg.name);
    return action;
}

bool RunPackageCommand(const std::string &text, std::string *action) {
    parser::PackageCommand cmd = parser::ParsePackageCommand(text);
    using Kind = parser::PackageCommand::Kind;
    switch (cmd.kind) {
        case Kind::None: return false;
        case Kind::Drop:
        case Kind::DropBody: {
            pg::PackageSource src = pg::ReadPackageSource(cmd.name);
            if (!src.exists) NoSuchPackage(cmd.name);
            if (!src.object_type.empty())
                pg::Raise(
                    ERRCODE_WRONG_OBJECT_TYPE,
                    "ORA-04043: \"" + cmd.name + "\" is an object type, not a package: use DROP TYPE " + cmd.name);
            Oid nsp = pg::SchemaOid(cmd.name);
            if (!pg::OwnsSchema(nsp)) pg::Raise(ERRCODE_INSUFFICIENT_PRIVILEGE, "must be owner of package " + cmd.name);
            if (cmd.kind == Kind::DropBody) {
                if (!src.has_body)
                    pg::Raise(ERRCODE_UNDEFINED_OBJECT, "ORA-04043: package body \"" + cmd.name + "\" does not exist");
                src.has_body = false;
                src.body.clear();
                pg::WritePackageSource(src);
                *action = "DROP PACKAGE BODY " + cmd.name;
            } else {
                for (const pg::PackageRoutine &r : pg::PackageRoutines(nsp))
                    pg::ExecuteScriptStatement("DROP ROUTINE " + r.identity);
                pg::DeletePackageSource(cmd.name);
                // RESTRICT: what else the schema holds stays, and says so.
                pg::ExecuteScriptStatement("DROP SCHEMA " + compile::QuoteIdent(cmd.name));
                *action = "DROP PACKAGE " + cmd.name;
            }
            exec::DiscardPackage(cmd.name);
            return true;
        }
        case Kind::Compile: {
            pg::PackageSource src = pg::ReadPackageSource(cmd.name);
            if (!src.exists) NoSuchPackage(cmd.name);
            if (!pg::OwnsSchema(pg::SchemaOid(cmd.name)))
                pg::Raise(ERRCODE_INSUFFICIENT_PRIVILEGE, "must be owner of package " + cmd.name);
            if (cmd.body_only && !src.has_body)
                pg::Raise(ERRCODE_UNDEFINED_OBJECT, "ORA-04043: package body \"" + cmd.name + "\" does not exist");
            // As Oracle: compiled now, and the sessions' state discarded.
            std::shared_ptr<compile::PackageUnit> unit = compile::CompilePackage(src, cmd.spec_only);
            if (!cmd.body_only) SyncPackageRoutines(unit, src);
            pg::WritePackageSource(src);
            exec::DiscardPackage(cmd.name);
            *action = "ALTER PACKAGE " + cmd.name + " COMPILE" +
                      (cmd.body_only   ? " BODY"
                       : cmd.spec_only ? " SPECIFICATION"
                                       : "");
            return true;
        }
        case Kind::Grant:
        case Kind::Revoke: {
            bool grant = cmd.kind == Kind::Grant;
            std::string to =
                (grant ? " TO " : " FROM ") + cmd.grantees + (cmd.grant_option ? " WITH GRANT OPTION" : "");
            if (compile::IsPackage(cmd.name)) {
                std::string schema = compile::QuoteIdent(cmd.name);
                const char *verb = grant ? "GRANT " : "REVOKE ";
                pg::ExecuteScriptStatement(verb + std::string("USAGE ON SCHEMA ") + schema + to);
                pg::ExecuteScriptStatement(verb + std::string("EXECUTE ON ALL ROUTINES IN SCHEMA ") + schema + to);
                // Subprograms added to the specification later too.
                pg::ExecuteScriptStatement("ALTER DEFAULT PRIVILEGES IN SCHEMA " + schema + " " + verb +
                                           "EXECUTE ON ROUTINES" + to);
                const bool object = !pg::ReadPackageSource(cmd.name).object_type.empty();
                *action = verb + std::string("EXECUTE ON ") + (object ? "TYPE " : "PACKAGE ") + cmd.name + to;
            } else {
                std::string routine =
                    (cmd.schema.empty() ? "" : compile::QuoteIdent(cmd.schema) + ".") + compile::QuoteIdent(cmd.name);
                pg::ExecuteScriptStatement((grant ? "GRANT EXECUTE ON ROUTINE " : "REVOKE EXECUTE ON ROUTINE ") +
                                           routine + to);
                *action = (grant ? "GRANT EXECUTE ON ROUTINE " : "REVOKE EXECUTE ON ROUTINE ") + routine + to;
            }
            return true;
        }
    }
    return false;
}

}  // namespace plpolar::handler
