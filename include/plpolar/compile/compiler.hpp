// The compile phase: parse the body, declare variables, resolve names and
// attach the sites the executor needs. Errors are PostgreSQL errors with
// the line (and for syntax errors the column) of the body.
#pragma once

#include <memory>

#include "plpolar/compile/function.hpp"

namespace plpolar::compile {

std::unique_ptr<CompiledFunction> Compile(FunctionInfo info);

// Oracle type names mapped to PostgreSQL ones (VARCHAR2(n) -> varchar2(n),
// NUMBER(p,s) -> numeric(p,s), DATE -> timestamp(0), ...). Other names are
// returned unchanged for PostgreSQL to resolve.
std::string MapOracleTypeName(const std::string &text);
// The same for SQL objects (table columns, subprogram headers): Oracle's
// numeric names are its NUMBER there, as Oracle defines them: NUMBER(p,s)
// and NUMBER(*,s) -> pg_catalog.number(p,s); INTEGER, INT, SMALLINT ->
// number(38); DECIMAL, DEC, NUMERIC [(p[,s])] -> number(p,s), default (38);
// FLOAT [(n)], REAL, DOUBLE PRECISION -> number (Oracle's FLOAT is a
// NUMBER of n binary digits; no rounding to them here). PL variables keep
// MapOracleTypeName's numeric and int4, whose native arithmetic is fast.
std::string MapOracleSqlTypeName(const std::string &text);
// n of VARCHAR2(n BYTE) (also VARCHAR(n BYTE)), -1 for any other type:
// MapOracleTypeName drops the length semantics, which only PL code keeps.
int OracleByteLimit(const std::string &text);

}  // namespace plpolar::compile
