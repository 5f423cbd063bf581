// Schema-level collection types as PostgreSQL domains over arrays, and the
// conversions between their array values and plpolar's collections
// (plpolar/pg/collection.hpp).
#include <cstdlib>
#include <cstring>

#include "plpolar/pg/collection.hpp"
#include "plpolar/pg/guard.hpp"

extern "C" {
#include "access/genam.h"
#include "access/htup_details.h"
#include "access/table.h"
#include "catalog/namespace.h"
#include "catalog/pg_constraint.h"
#include "catalog/pg_type.h"
#include "miscadmin.h"
#include "nodes/makefuncs.h"
#include "parser/parse_type.h"
#include "utils/acl.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/fmgroids.h"
#include "utils/lsyscache.h"
#include "utils/syscache.h"
}

namespace plpolar::pg {

namespace {

// What the domain's constraints say, read in one catalog scan.
struct DomainMarks {
    bool nested = false;
    int32 varray = 0;  // VARRAY(n): n
    bool not_null = false;
};

void ReadMarks(Oid domain, DomainMarks *out) {
    Relation rel = table_open(ConstraintRelationId, AccessShareLock);
    ScanKeyData key;
    ScanKeyInit(&key, Anum_pg_constraint_contypid, BTEqualStrategyNumber, F_OIDEQ, ObjectIdGetDatum(domain));
    SysScanDesc scan = systable_beginscan(rel, ConstraintTypidIndexId, true, NULL, 1, &key);
    HeapTuple tup;
    while (HeapTupleIsValid(tup = systable_getnext(scan))) {
        const char *name = NameStr(((Form_pg_constraint)GETSTRUCT(tup))->conname);
        if (strcmp(name, "plpolar_nested_table") == 0) out->nested = true;
        if (strcmp(name, "plpolar_not_null") == 0) out->not_null = true;
        if (strncmp(name, "plpolar_varray_", 15) == 0) {
            long n = strtol(name + 15, NULL, 10);
            if (n > 0 && n <= PG_INT32_MAX) out->varray = (int32)n;
        }
    }
    systable_endscan(scan);
    table_close(rel, AccessShareLock);
}

}  // namespace

bool SchemaCollectionShape(Oid type, CollectionShape *shape, bool *element_not_null) {
    if (type == InvalidOid) return false;
    struct Found {
        bool domain;
        Oid element;
        int32 typmod;
        DomainMarks marks;
    } found{};
    Found *f = &found;
    Guarded([type, f] {
        HeapTuple tup = SearchSysCache1(TYPEOID, ObjectIdGetDatum(type));
        if (!HeapTupleIsValid(tup)) return;
        auto *t = (Form_pg_type)GETSTRUCT(tup);
        bool domain = t->typtype == TYPTYPE_DOMAIN;
        Oid base = t->typbasetype;
        f->typmod = t->typtypmod;
        ReleaseSysCache(tup);
        if (!domain) return;
        f->element = get_element_type(base);
        if (f->element == InvalidOid) return;
        f->domain = true;
        ReadMarks(type, &f->marks);
    });
    if (!found.domain || (!found.marks.nested && found.marks.varray == 0)) return false;
    shape->kind = found.marks.varray > 0 ? types::CollectionKind::Varray : types::CollectionKind::Nested;
    shape->string_keys = false;
    shape->limit = found.marks.varray;
    shape->element = TypeFromOid(found.element, found.typmod);
    shape->sql_type = type;
    *element_not_null = found.marks.not_null;
    return true;
}

std::string CreationSchema() {
    char *name = Guarded([] {
        RangeVar *rv = makeRangeVar(NULL, pstrdup("plpolar$type"), -1);
        return get_namespace_name(RangeVarGetCreationNamespace(rv));
    });
    std::string out(name);
    pfree(name);
    return out;
}

std::string QualifiedTypeName(Oid type, int32 typmod) {
    char *s = Guarded([type, typmod] {
        return format_type_extended(type, typmod, FORMAT_TYPE_FORCE_QUALIFY | FORMAT_TYPE_TYPEMOD_GIVEN);
    });
    std::string out(s);
    pfree(s);
    return out;
}

Oid DomainNamed(const std::vector<std::string> &name) {
    if (name.empty() || name.size() > 2) return InvalidOid;
    const char *schema = name.size() == 2 ? name[0].c_str() : nullptr;
    const char *type = name.back().c_str();
    return Guarded([schema, type] {
        Oid oid = InvalidOid;
        if (schema != NULL) {
            // A schema the user may not use names no type for them (as a
            // function of that name would then fail with its own error).
            Oid nsp = get_namespace_oid(schema, true);
            if (!OidIsValid(nsp) || pg_namespace_aclcheck(nsp, GetUserId(), ACL_USAGE) != ACLCHECK_OK)
                return InvalidOid;
            oid = GetSysCacheOid2(TYPENAMENSP, Anum_pg_type_oid, CStringGetDatum(type), ObjectIdGetDatum(nsp));
        } else {
            oid = TypenameGetTypid(type);
        }
        return OidIsValid(oid) && get_typtype(oid) == TYPTYPE_DOMAIN ? oid : InvalidOid;
    });
}

SetFunction SetReturningFunction(const std::vector<std::string> &name) {
    if (name.empty() || name.size() > 3) return SetFunction::None;
    std::vector<const char *> parts;
    for (const std::string &p : name) parts.push_back(p.c_str());
    const char *const *pp = parts.data();
    const int np = static_cast<int>(parts.size());
    int r = Guarded([pp, np] {
        List *names = NIL;
        for (int i = 0; i < np; i++) names = lappend(names, makeString(pstrdup(pp[i])));
        if (np > 1) {
            // As DomainNamed: a schema the user may not use has nothing here.
            Oid nsp = get_namespace_oid(pp[np - 2], true);
            if (!OidIsValid(nsp) || pg_namespace_aclcheck(nsp, GetUserId(), ACL_USAGE) != ACLCHECK_OK) return 0;
        }
        FuncCandidateList c = FuncnameGetCandidates(names, -1, NIL, false, false, false, true);
        int kind = 0;
        for (; c != NULL; c = c->next) {
            if (!get_func_retset(c->oid)) return 0;
            Oid rettype = get_func_rettype(c->oid);
            kind = rettype == RECORDOID || type_is_rowtype(rettype) ? 2 : 1;
        }
        return kind;
    });
    return r == 1 ? SetFunction::Scalar : r == 2 ? SetFunction::Composite : SetFunction::None;
}

Datum CollectionFromArray(Datum array, const CollectionShape &shape, MemoryContext parent, bool *has_null) {
    struct Parts {
        Datum *values;
        bool *nulls;
        int n;
        int ndims;
    } parts{};
    Parts *p = &parts;
    const TypeInfo element = shape.element;
    Guarded([array, p, element] {
        ArrayType *a = DatumGetArrayTypeP(array);
        p->ndims = ARR_NDIM(a);
        int16 len;
        bool byval;
        char align;
        get_typlenbyvalalign(ARR_ELEMTYPE(a), &len, &byval, &align);
        deconstruct_array(a, ARR_ELEMTYPE(a), len, byval, align, &p->values, &p->nulls, &p->n);
    });
    if (parts.ndims > 1)
        Raise(ERRCODE_DATATYPE_MISMATCH, "a multidimensional array is not a collection",
              "A collection is made of a one-dimensional array.");
    if (shape.kind == types::CollectionKind::Varray && parts.n > shape.limit)
        Raise(kSubscriptOutsideLimit, "ORA-06532: Subscript outside of limit",
              "The array has " + std::to_string(parts.n) + " elements, the varray holds at most " +
                  std::to_string(shape.limit) + ".");
    Datum d = NewCollection(shape, parent);
    MemoryContext cxt = CollectionContext(d);
    bool any_null = false;
    // The elements are copied into the collection's memory, each a chunk
    // of its own (an element store frees the one it replaces).
    Guarded([p, cxt, element, &any_null] {
        MemoryContext old = MemoryContextSwitchTo(cxt);
        for (int i = 0; i < p->n; i++) {
            if (p->nulls[i]) {
                any_null = true;
                continue;
            }
            if (!element.byval) p->values[i] = datumCopy(p->values[i], false, element.typlen);
        }
        MemoryContextSwitchTo(old);
    });
    CollectionRef(d).Adopt(parts.values, parts.nulls, parts.n);
    Guarded([p] {
        pfree(p->values);
        pfree(p->nulls);
    });
    *has_null = any_null;
    return d;
}

Oid ArrayElementOf(Oid type) {
    if (type == InvalidOid) return InvalidOid;
    return Guarded([type] { return get_element_type(getBaseType(type)); });
}

Datum CollectionToArray(Datum collection, Oid *array_type) {
    Datum d = ExpandedCollection(collection);
    CollectionRef c(d);
    std::vector<Value> values;
    values.reserve(static_cast<size_t>(c.Count()));
    if (c.shape().string_keys) {
        for (Value k = c.First(); !k.isnull;) {
            std::string key = TextToString(k.datum);
            values.push_back(c.Get(key));
            k = c.Next(key);
        }
    } else {
        for (Value k = c.First(); !k.isnull; k = c.Next(DatumGetInt32(k.datum)))
            values.push_back(c.Get(DatumGetInt32(k.datum)));
    }
    // A schema-level type's array has its domain's element type in its
    // header: NUMBER elements are numeric in PL code (the same bytes), and
    // PostgreSQL compares arrays only of one element type.
    TypeInfo element = c.shape().element;
    if (c.shape().sql_type != InvalidOid) {
        Oid sql_element = ArrayElementOf(c.shape().sql_type);
        if (sql_element != InvalidOid) element.oid = sql_element;
    }
    if (array_type != nullptr) *array_type = ArrayTypeOf(element.oid);
    return MakeArray(values, element);
}

}  // namespace plpolar::pg
