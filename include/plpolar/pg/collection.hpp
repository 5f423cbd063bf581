// PL/SQL collections as PostgreSQL values: an expanded object (as PL/pgSQL
// keeps arrays and records) holding a types::Collection in a memory context
// of its own, so that the collection is freed with its variable and
// element writes happen in place. Copies (assignment, IN arguments) are deep
// copies, as Oracle's value semantics ask; when PostgreSQL needs the value
// as bytes (a record field, an SQL parameter) it is flattened, and expanded
// again on its way back into a variable. The SQL type is plpolar.collection
// (sql/plpolar--1.4.sql): a value of it is only ever made here.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "plpolar/pg/spi.hpp"
#include "plpolar/pg/types.hpp"
#include "plpolar/types/collection.hpp"

namespace plpolar::pg {

struct CollectionShape {
    types::CollectionKind kind = types::CollectionKind::Nested;
    bool string_keys = false;  // INDEX BY VARCHAR2
    int32 limit = 0;           // VARRAY(n)
    TypeInfo element;
    // A schema-level type's (CREATE TYPE t AS TABLE OF / VARRAY): its
    // domain, which SQL sees the value as (an array of the elements).
    Oid sql_type = InvalidOid;
};

// Schema-level collection types (CREATE TYPE t AS TABLE OF e | VARRAY(n) OF
// e, through plpolar.exec) are domains over e[] that SQL, pg_dump and psql
// know as such; their constraints' names say what plpolar sees in them:
// plpolar_nested_table or plpolar_varray_<n>, and plpolar_not_null for
// NOT NULL elements. Whether `type` is one: its shape and element NOT NULL.
bool SchemaCollectionShape(Oid type, CollectionShape *shape, bool *element_not_null);
// The schema CREATE makes an unqualified object in (the first of the
// search_path that exists), as PostgreSQL chooses it.
std::string CreationSchema();
// A type's name qualified with its schema, with its typmod (SQL text).
std::string QualifiedTypeName(Oid type, int32 typmod);
// The domain `name` (t or schema.t) names, through the search_path;
// InvalidOid if it names none.
Oid DomainNamed(const std::vector<std::string> &name);
// What TABLE(f(...)) reads: whether every function named `name` returns a
// set (a PIPELINED function), and whether its rows are composite.
enum class SetFunction { None, Scalar, Composite };
SetFunction SetReturningFunction(const std::vector<std::string> &name);
// Elements 1 .. n of an array (of the shape's element type) as a new
// expanded collection under `parent`; *has_null says whether one was NULL.
// A varray's limit is ORA-06532.
Datum CollectionFromArray(Datum array, const CollectionShape &shape, MemoryContext parent, bool *has_null);
// The elements of a collection in key order as an array of its element
// type, in the current memory context (what SQL sees of a schema type).
// *array_type, if given: the array's type (the element's array type).
Datum CollectionToArray(Datum collection, Oid *array_type = nullptr);
// The element type of an array type or of a domain over one; InvalidOid
// for other types.
Oid ArrayElementOf(Oid type);

// plpolar.collection; InvalidOid without the extension's version 1.4.
Oid CollectionTypeOid();

// Oracle's collection exceptions (SQLSTATEs of their own, so that handlers
// tell them apart; compile/conditions.cpp names them).
constexpr int kCollectionIsNull = MAKE_SQLSTATE('6', '5', '5', '3', '1');
constexpr int kSubscriptOutsideLimit = MAKE_SQLSTATE('6', '5', '5', '3', '2');
// Object types' ACCESS_INTO_NULL (ORA-06530: an attribute of an atomically
// NULL object assigned) and SELF_IS_NULL (ORA-30625: a member method called
// on one).
constexpr int kAccessIntoNull = MAKE_SQLSTATE('6', '5', '5', '3', '0');
constexpr int kSelfIsNull = MAKE_SQLSTATE('6', '5', '6', '2', '5');
// FORALL ... SAVE EXCEPTIONS that saved some: ORA-24381.
constexpr int kBulkErrors = MAKE_SQLSTATE('6', '5', '3', '8', '1');

// COLLECTION_IS_NULL (ORA-06531) for `what` ("Collection \"c\"").
[[noreturn]] void CollectionIsNull(const std::string &what);
// `d` itself when expanded, else an expanded copy of it in the current
// memory context (a flat value from SQL, to be looked at).
Datum ExpandedCollection(Datum d);

// A new empty collection in a context of its own under `parent`: a
// read-write expanded datum.
Datum NewCollection(const CollectionShape &shape, MemoryContext parent);
// A deep copy of `d` (flat or expanded) as a new expanded object.
Datum CopyCollection(Datum d, MemoryContext parent);
// The value as text: {key: element, ...} in key order, elements as their
// type's output shows them (plpolar.collection's output function).
std::string CollectionText(Datum d);
// Moves an expanded collection's memory under `parent` (a collection built
// in statement memory becomes a variable's without a copy).
void MoveCollection(Datum d, MemoryContext parent);
// Nested tables as multisets (Oracle's MULTISET operators, SET, =, MEMBER
// OF, SUBMULTISET OF): elements compared with their type's equality (and
// hashed with its hash function when it has one); NULL elements are equal
// to each other here. New collections in the current memory context.
enum class MultisetOp { Union, UnionDistinct, Intersect, IntersectDistinct, Except, ExceptDistinct };
Datum MultisetCombine(MultisetOp op, Datum a, Datum b);
Datum MultisetSet(Datum a);  // SET(a): its distinct elements
// Three-valued results: 1 true, 0 false, -1 NULL (a NULL element decides).
int MultisetEqual(Datum a, Datum b);
int MultisetMember(const Value &x, Datum c);
int MultisetSubmultiset(Datum a, Datum b);

// The array type of `element` (InvalidOid: it has none).
Oid ArrayTypeOf(Oid element);
// A one-dimensional array of `values` (of type `element`, NULLs allowed),
// in the current memory context: what a set-wise FORALL passes as one
// parameter per column.
Datum MakeArray(const std::vector<Value> &values, const TypeInfo &element);
// The memory context a collection's elements live in.
MemoryContext CollectionContext(Datum d);
// Frees what NewCollection / CopyCollection made (or a flat copy).
void FreeCollection(Datum d);
// The same from a destructor: never throws (a failure is left to the
// memory context's own reset).
void FreeCollectionNoThrow(Datum d) noexcept;
// Whether `d` is an expanded collection (a variable's value) rather than a
// flat one.
bool CollectionIsExpanded(Datum d);

// Operations on an expanded collection (a variable's own value). Errors
// are Oracle's exceptions, raised as PgError.
class CollectionRef {
public:
    explicit CollectionRef(Datum expanded);

    const CollectionShape &shape() const;
    int32 Count() const;

    // Keys: an integer (nested tables, varrays, INDEX BY PLS_INTEGER) or
    // text (INDEX BY VARCHAR2), as the shape says.
    Value Get(int32 k) const;
    Value Get(std::string_view k) const;
    // `v` already has the element type; it is copied in.
    void Set(int32 k, const Value &v);
    void Set(std::string_view k, const Value &v);
    bool Exists(int32 k) const;
    // A collection of collections: element k, itself an expanded collection
    // that lives in this one's memory and is changed in place (c(i)(j) :=
    // x, c(i).EXTEND); the errors are Get's. *isnull: the element is NULL.
    Datum ElementInPlace(int32 k, bool *isnull);
    Datum ElementInPlace(std::string_view k, bool *isnull);
    // The interpreter's fast paths (no PostgreSQL call, no error): c(k) of
    // an integer-keyed collection if it exists, and c(k) := d of one whose
    // elements are passed by value if k can be assigned. False: use Get /
    // Set, which raise the error.
    bool Peek(int32 k, Datum *out, bool *isnull) const;
    // BULK COLLECT of one column into this empty, integer-keyed collection
    // (elements 1 .. rows), when the column already has the element type:
    // no conversion, one trip into PostgreSQL for all rows. '' becomes NULL
    // when `empty_is_null`. False (nothing done): convert row by row.
    bool FillColumn(const SqlStatement::Result &result, int column, bool empty_is_null);
    // Elements 1 .. n of this empty, integer-keyed collection from values
    // already in its memory (CollectionContext): taken over, not copied.
    void Adopt(const Datum *values, const bool *nulls, int32 n);
    bool Poke(int32 k, Datum d, bool isnull);
    bool Exists(std::string_view k) const;

    // FIRST, LAST, NEXT(k), PRIOR(k): the key as an int4 or text Value
    // (NULL when there is none), text in the current memory context.
    Value First() const;
    Value Last() const;
    Value Next(int32 k) const;
    Value Next(std::string_view k) const;
    Value Prior(int32 k) const;
    Value Prior(std::string_view k) const;

    // EXTEND(n) with NULLs, EXTEND(n, i) with copies of element i.
    void Extend(int64 n);
    void Extend(int64 n, int32 i);
    void Trim(int64 n);
    void DeleteAll();
    void Delete(int32 lo, int32 hi);
    void Delete(std::string_view lo, std::string_view hi);

private:
    struct Expanded *e_;
};

}  // namespace plpolar::pg
