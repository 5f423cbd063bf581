// Oracle's type names in PostgreSQL terms. Pure C++ (no server), so that the
// script translator's unit tests use the real mapping.
#pragma once

#include <string>

namespace plpolar::compile {

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
