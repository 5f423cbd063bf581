// Oracle SQL text made PostgreSQL's (parser::QualifyBuiltins) on its way to
// PostgreSQL, from compiled statements and dynamic SQL alike.
#pragma once

#include <optional>
#include <string>

#include "plpolar/compile/oracle_types.hpp"
#include "plpolar/parser/builtins.hpp"
#include "plpolar/parser/ddl.hpp"
#include "plpolar/parser/parser.hpp"
#include "plpolar/pg/guard.hpp"

namespace plpolar::compile {

// A form plpolar refuses to rewrite (ROWNUM other than as a limit, ...) is
// a PostgreSQL error: PL exception handlers and the caller see it as any
// other, where the C++ exception would cross the entry point as an
// "internal error". At compile time the compiler's context names the line.
inline std::string QualifySql(const std::string &sql) {
    try {
        return parser::QualifyBuiltins(sql);
    } catch (const parser::SyntaxError &e) {
        pg::Raise(ERRCODE_FEATURE_NOT_SUPPORTED, e.what());
    }
}

// Oracle unit DDL that handler/ runs (object types, packages: CREATE TYPE
// ... AS OBJECT, CREATE TYPE BODY, CREATE PACKAGE [BODY], ALTER / DROP
// TYPE, DROP PACKAGE, ...) for EXECUTE IMMEDIATE: the handler registers its
// runner once at load, so that exec/ reaches it without depending on it.
// RunDynamicUnitDdl is false when `text` is none of these (or nothing is
// registered); `read_only`: a non-volatile function's dynamic SQL, where it
// is an error.
using UnitDdlRunner = bool (*)(const std::string &text, std::string *action);
void SetUnitDdlRunner(UnitDdlRunner runner);
bool RunDynamicUnitDdl(const std::string &text, std::string *action, bool read_only);

// CREATE [OR REPLACE] TYPE ... AS TABLE OF / VARRAY and DROP TYPE of such a
// type, run (schema_types.cpp): false if `text` is no such statement.
// `read_only`: a non-volatile function's dynamic SQL, where it is an error.
bool RunSchemaTypeCommand(const std::string &text, std::string *action, bool read_only = false);
// The SQL row type of a PIPELINED function returning `type` (SQL text of a
// schema-level collection type): its element's; PLS-00630 for other types.
std::string PipelinedRowType(const std::string &type);

// t(x), the constructor of a schema-level collection type with one
// argument, as t(VARIADIC ARRAY[x]::e[]): PostgreSQL would read t('x') as a
// cast of the literal (compile/collections.cpp); with `tables`, also
// TABLE(expr) as TableOfSql has it. Other text as it is.
std::string RewriteSchemaConstructors(const std::string &sql, bool tables);
// alias.col.m(args), Oracle's call of an object column's method (a table
// alias is required there), as the type package's m(alias.col, args):
// aliases from the statement's FROM and JOIN items, the column's type from
// the catalog (compile/methods.cpp). Other text as it is.
std::string RewriteColumnMethodCalls(const std::string &sql);
// TABLE(inner) in SQL, `inner` an SQL expression: a LATERAL subquery over
// a set-returning function's rows or an array's elements (COLUMN_VALUE).
std::string TableOfSql(const std::string &inner);

// Oracle table DDL and ALTER SESSION in dynamic SQL (EXECUTE IMMEDIATE
// 'CREATE TABLE ... TABLESPACE users'), as plpolar.exec translates them;
// nullopt for other statements. What has no effect here is not reported:
// a PL statement has no result row to say it in.
inline std::optional<parser::DdlTranslation> TranslateDynamicDdl(const std::string &sql) {
    try {
        return parser::TranslateOracleDdl(sql, MapOracleSqlTypeName);
    } catch (const parser::DdlUnsupported &e) {
        pg::Raise(ERRCODE_FEATURE_NOT_SUPPORTED, e.what());
    } catch (const parser::SyntaxError &e) {
        pg::Raise(ERRCODE_SYNTAX_ERROR, e.what());
    }
}

}  // namespace plpolar::compile
