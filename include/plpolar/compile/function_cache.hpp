// Compiled functions per backend, keyed by pg_proc OID. An entry is stale
// once the pg_proc row's xmin/tid changed (CREATE OR REPLACE), as in
// PL/pgSQL. Entries are shared with running calls, so a function replaced
// while it runs (recursively, say) stays alive until those calls finish.
#pragma once

#include <memory>
#include <string>

#include "plpolar/compile/function.hpp"

namespace plpolar::compile {

// A trigger function is compiled once per table it fires on (its NEW and
// OLD are that table's rows): `trigger_relid` is the table, else InvalidOid.
std::shared_ptr<CompiledFunction> LookupOrCompile(Oid fn_oid, Oid trigger_relid = InvalidOid);
// The same when the cache holds a current compilation, else null: never
// compiles (which may need SPI).
std::shared_ptr<CompiledFunction> FindCompiled(Oid fn_oid, Oid trigger_relid);

// A schema-level collection type's definition as a string (empty: it is
// none, or no more): what a unit compiled against it compares
// (CompiledFunction::schema_type_deps; compile/types.cpp).
std::string SchemaCollectionSignature(Oid type);

}  // namespace plpolar::compile
