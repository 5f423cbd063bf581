// Collections as expanded objects (plpolar/pg/collection.hpp).
#include "plpolar/pg/collection.hpp"

#include <cstring>
#include <new>
#include <string>
#include <unordered_map>
#include <vector>

#include "plpolar/pg/guard.hpp"
#include "plpolar/pg/memory.hpp"

extern "C" {
#include "utils/array.h"
#include "utils/expandeddatum.h"
#include "utils/lsyscache.h"
#include "utils/typcache.h"
}

namespace plpolar::pg {

namespace {

// Allocates in the collection's context; NO_OOM turns an exhausted memory
// into std::bad_alloc instead of a longjmp through the container's frames.
template <class T>
struct ContextAllocator {
    using value_type = T;
    MemoryContext context;
    explicit ContextAllocator(MemoryContext c) : context(c) {}
    template <class U>
    ContextAllocator(const ContextAllocator<U> &o) : context(o.context) {}
    T *allocate(size_t n) {
        void *p = MemoryContextAllocExtended(context, n * sizeof(T), MCXT_ALLOC_NO_OOM | MCXT_ALLOC_HUGE);
        if (p == nullptr) throw std::bad_alloc();
        return static_cast<T *>(p);
    }
    void deallocate(T *p, size_t) { pfree(p); }
    template <class U>
    bool operator==(const ContextAllocator<U> &o) const {
        return context == o.context;
    }
    template <class U>
    bool operator!=(const ContextAllocator<U> &o) const {
        return context != o.context;
    }
};

using Container = types::Collection<ContextAllocator<char>>;
using Element = types::CollectionElement;

// Elements of a type passed by reference are palloc'd copies.
void ReleaseByRef(Element &e) {
    if (!e.isnull && e.datum != 0) pfree(reinterpret_cast<void *>(e.datum));
    e.isnull = true;
    e.datum = 0;
}
void ReleaseByValue(Element &e) {
    e.isnull = true;
    e.datum = 0;
}
// Varlena elements: a palloc'd flat copy, or (a collection of collections)
// an expanded collection of its own, in a child context of its parent's.
bool IsExpanded(Datum d);
void ReleaseVarlena(Element &e) {
    if (!e.isnull && e.datum != 0) {
        auto d = static_cast<Datum>(e.datum);
        if (IsExpanded(d))
            MemoryContextDelete(DatumGetEOHP(d)->eoh_context);
        else
            pfree(reinterpret_cast<void *>(e.datum));
    }
    e.isnull = true;
    e.datum = 0;
}

constexpr uint32 kMagic = 0x706c6332;  // "plc2": with sql_type

// The flat form: this header, then per element its key (int32, or a length
// and the bytes), a null flag and the value's bytes (length first when not
// fixed). Read and written with memcpy: nothing in it is aligned.
struct FlatHeader {
    int32 vl_len_;
    uint32 magic;
    uint8 kind;
    uint8 string_keys;
    uint8 byval;
    char align;
    int16 typlen;
    int16 unused;
    Oid element_type;
    int32 element_typmod;
    Oid element_collation;
    int32 limit;
    int32 size;    // a nested table's internal size (deleted slots included)
    int32 count;   // elements that follow
    Oid sql_type;  // CollectionShape::sql_type
};

}  // namespace

struct Expanded {
    ExpandedObjectHeader hdr;
    CollectionShape shape;
    Container *items;
};

namespace {

Size ElementBytes(const Expanded &e, Datum d) {
    const TypeInfo &t = e.shape.element;
    if (t.byval) return sizeof(Datum);
    if (t.typlen > 0) return static_cast<Size>(t.typlen);
    if (t.typlen == -1 && IsExpanded(d)) return EOH_get_flat_size(DatumGetEOHP(d));
    if (t.typlen == -1) return VARSIZE(DatumGetPointer(d));
    return strlen(DatumGetCString(d)) + 1;
}

Size FlatSize(ExpandedObjectHeader *eohptr) {
    auto *e = reinterpret_cast<Expanded *>(eohptr);
    Size size = sizeof(FlatHeader);
    auto add = [&size, e](Size key, Element &el) {
        size += key + 1;
        if (el.isnull) return;
        size += (e->shape.element.byval || e->shape.element.typlen > 0 ? 0 : sizeof(uint32)) +
                ElementBytes(*e, static_cast<Datum>(el.datum));
    };
    if (e->items->string_keys())
        e->items->ForEachString([&add](std::string_view k, Element &el) { add(sizeof(uint32) + k.size(), el); });
    else
        e->items->ForEachInt([&add](int32, Element &el) { add(sizeof(int32), el); });
    return size;
}

void Put(char *&at, const void *p, Size n) {
    memcpy(at, p, n);
    at += n;
}

void FlattenInto(ExpandedObjectHeader *eohptr, void *result, Size allocated_size) {
    auto *e = reinterpret_cast<Expanded *>(eohptr);
    memset(result, 0, allocated_size);
    FlatHeader h{};
    h.magic = kMagic;
    h.kind = static_cast<uint8>(e->shape.kind);
    h.string_keys = e->shape.string_keys ? 1 : 0;
    h.byval = e->shape.element.byval ? 1 : 0;
    h.typlen = e->shape.element.typlen;
    h.element_type = e->shape.element.oid;
    h.element_typmod = e->shape.element.typmod;
    h.element_collation = e->shape.element.collation;
    h.limit = e->shape.limit;
    h.sql_type = e->shape.sql_type;
    h.size = e->items->Size();
    h.count = e->items->Count();
    char *at = static_cast<char *>(result) + sizeof(FlatHeader);
    auto value = [&at, e](Element &el) {
        uint8 isnull = el.isnull ? 1 : 0;
        Put(at, &isnull, 1);
        if (el.isnull) return;
        Datum d = static_cast<Datum>(el.datum);
        if (e->shape.element.byval) {
            Put(at, &d, sizeof(Datum));
            return;
        }
        auto n = static_cast<uint32>(ElementBytes(*e, d));
        if (e->shape.element.typlen <= 0) Put(at, &n, sizeof(n));
        if (e->shape.element.typlen == -1 && IsExpanded(d)) {
            // An element that is an expanded collection, flattened in place.
            EOH_flatten_into(DatumGetEOHP(d), at, n);
            at += n;
            return;
        }
        Put(at, DatumGetPointer(d), n);
    };
    if (e->items->string_keys()) {
        e->items->ForEachString([&at, &value](std::string_view k, Element &el) {
            auto n = static_cast<uint32>(k.size());
            Put(at, &n, sizeof(n));
            Put(at, k.data(), n);
            value(el);
        });
    } else {
        e->items->ForEachInt([&at, &value](int32 k, Element &el) {
            Put(at, &k, sizeof(k));
            value(el);
        });
    }
    memcpy(result, &h, sizeof(h));
    SET_VARSIZE(result, allocated_size);
}

const ExpandedObjectMethods kMethods = {FlatSize, FlattenInto};

// The container's destructor when the collection's context goes. Its
// elements go with the context (child contexts first): none is freed alone.
void DestroyItems(void *arg) {
    auto *c = static_cast<Container *>(arg);
    c->set_release(ReleaseByValue);
    c->~Container();
}

// A copy of `d` (of the element type) in the collection's memory; the
// caller frees nothing. Toasted and expanded values are flattened.
Expanded *Clone(Expanded *src, MemoryContext parent);
Datum DatumOf(Expanded *e);
bool IsOurs(Datum d);

Datum CopyIn(const Expanded &e, Datum d) {
    const TypeInfo &t = e.shape.element;
    if (t.byval) return d;
    MemoryContext cxt = e.hdr.eoh_context;
    // A collection element (a collection of collections): a deep copy of
    // its own, expanded, so that c(i)(j) reads and changes it in place.
    if (t.typlen == -1 && IsOurs(d)) return DatumOf(Clone(reinterpret_cast<Expanded *>(DatumGetEOHP(d)), cxt));
    int16 typlen = t.typlen;
    return Guarded([cxt, d, typlen] {
        MemoryContext old = MemoryContextSwitchTo(cxt);
        Datum copy = typlen == -1 ? PointerGetDatum(PG_DETOAST_DATUM_COPY(d)) : datumCopy(d, false, typlen);
        MemoryContextSwitchTo(old);
        return copy;
    });
}

Expanded *Make(const CollectionShape &shape, MemoryContext parent) {
    Expanded *e = Guarded([parent] {
        MemoryContext cxt = AllocSetContextCreate(parent, "plpolar collection", ALLOCSET_START_SMALL_SIZES);
        auto *x = static_cast<Expanded *>(MemoryContextAllocZero(cxt, sizeof(Expanded)));
        EOH_init_header(&x->hdr, &kMethods, cxt);
        return x;
    });
    MemoryContext cxt = e->hdr.eoh_context;
    e->shape = shape;
    void *storage = Guarded([cxt] { return MemoryContextAlloc(cxt, sizeof(Container)); });
    e->items = ::new (storage) Container(shape.kind, shape.string_keys, shape.limit,
                                         shape.element.byval          ? ReleaseByValue
                                         : shape.element.typlen == -1 ? ReleaseVarlena
                                                                      : ReleaseByRef,
                                         ContextAllocator<char>(cxt));
    auto *cb = static_cast<MemoryContextCallback *>(
        Guarded([cxt] { return MemoryContextAllocZero(cxt, sizeof(MemoryContextCallback)); }));
    cb->func = DestroyItems;
    cb->arg = e->items;
    Guarded([cxt, cb] { MemoryContextRegisterResetCallback(cxt, cb); });
    return e;
}

Datum DatumOf(Expanded *e) { return EOHPGetRWDatum(&e->hdr); }

bool IsExpanded(Datum d) { return VARATT_IS_EXTERNAL_EXPANDED(DatumGetPointer(d)); }

bool IsOurs(Datum d) { return IsExpanded(d) && DatumGetEOHP(d)->eoh_methods == &kMethods; }

Expanded *ExpandedOf(Datum d) {
    if (!IsExpanded(d)) Raise(ERRCODE_DATA_CORRUPTED, "a plpolar collection is not in its expanded form here");
    ExpandedObjectHeader *h = DatumGetEOHP(d);
    if (h->eoh_methods != &kMethods) Raise(ERRCODE_DATATYPE_MISMATCH, "not a plpolar collection");
    return reinterpret_cast<Expanded *>(h);
}

void Get(const char *&at, void *p, Size n) {
    memcpy(p, at, n);
    at += n;
}

// A new expanded collection from the flat form (which came from
// FlattenInto: only plpolar makes values of the type).
Expanded *Expand(const varlena *flat, MemoryContext parent) {
    FlatHeader h;
    memcpy(&h, flat, sizeof(h));
    if (h.magic != kMagic || VARSIZE(flat) < sizeof(FlatHeader))
        Raise(ERRCODE_DATA_CORRUPTED, "invalid plpolar collection value");
    CollectionShape shape;
    shape.kind = static_cast<types::CollectionKind>(h.kind);
    shape.string_keys = h.string_keys != 0;
    shape.limit = h.limit;
    shape.sql_type = h.sql_type;
    shape.element.oid = h.element_type;
    shape.element.typmod = h.element_typmod;
    shape.element.collation = h.element_collation;
    shape.element.byval = h.byval != 0;
    shape.element.typlen = h.typlen;
    Expanded *e = Make(shape, parent);
    const char *at = reinterpret_cast<const char *>(flat) + sizeof(FlatHeader);
    if (e->items->dense() && h.size > 0) {
        int32 first = 0;
        e->items->Extend(h.size, &first);
    }
    // Slots of a nested table absent from the flat form were deleted.
    int32 expected = 1;
    for (int32 i = 0; i < h.count; ++i) {
        Element *el = nullptr;
        if (shape.string_keys) {
            uint32 n = 0;
            Get(at, &n, sizeof(n));
            std::string_view key(at, n);
            at += n;
            e->items->Assign(key, &el);
        } else {
            int32 k = 0;
            Get(at, &k, sizeof(k));
            if (e->items->dense()) {
                for (; expected < k; ++expected) e->items->MarkDeleted(expected);
                expected = k + 1;
            }
            e->items->Assign(k, &el);
        }
        uint8 isnull = 1;
        Get(at, &isnull, 1);
        el->isnull = isnull != 0;
        if (el->isnull) continue;
        if (shape.element.byval) {
            Datum d = 0;
            Get(at, &d, sizeof(Datum));
            el->datum = static_cast<uintptr_t>(d);
            continue;
        }
        uint32 n = static_cast<uint32>(shape.element.typlen);
        if (shape.element.typlen <= 0) Get(at, &n, sizeof(n));
        MemoryContext cxt = e->hdr.eoh_context;
        void *p = Guarded([cxt, n] { return MemoryContextAlloc(cxt, n); });
        memcpy(p, at, n);
        at += n;
        el->datum = reinterpret_cast<uintptr_t>(p);
    }
    if (e->items->dense())
        for (; expected <= h.size; ++expected) e->items->MarkDeleted(expected);
    return e;
}

// A copy of one expanded collection into another.
Expanded *Clone(Expanded *src, MemoryContext parent) {
    Expanded *e = Make(src->shape, parent);
    if (src->items->dense() && src->items->Size() > 0) {
        int32 first = 0;
        e->items->Extend(src->items->Size(), &first);
        for (int32 k = 1; k <= src->items->Size(); ++k)
            if (!src->items->Exists(k)) e->items->MarkDeleted(k);
    }
    auto copy = [e](Element &from, Element *to) {
        to->isnull = from.isnull;
        if (!from.isnull) to->datum = static_cast<uintptr_t>(CopyIn(*e, static_cast<Datum>(from.datum)));
    };
    if (src->shape.string_keys) {
        src->items->ForEachString([e, &copy](std::string_view k, Element &el) {
            Element *to = nullptr;
            e->items->Assign(k, &to);
            copy(el, to);
        });
    } else {
        src->items->ForEachInt([e, &copy](int32 k, Element &el) {
            Element *to = nullptr;
            e->items->Assign(k, &to);
            copy(el, to);
        });
    }
    return e;
}

[[noreturn]] void RaiseError(types::CollectionError error) {
    switch (error) {
        case types::CollectionError::BeyondCount:
            Raise(ERRCODE_ARRAY_SUBSCRIPT_ERROR, "ORA-06533: Subscript beyond count");
        case types::CollectionError::OutsideLimit:
            Raise(kSubscriptOutsideLimit, "ORA-06532: Subscript outside of limit");
        case types::CollectionError::NoData: Raise(ERRCODE_NO_DATA_FOUND, "ORA-01403: no data found");
        case types::CollectionError::Storage:
            Raise(ERRCODE_PROGRAM_LIMIT_EXCEEDED, "ORA-06500: PL/SQL: storage error",
                  "A nested table or varray holds at most " + std::to_string(types::kMaxDense) + " slots.");
        case types::CollectionError::None: break;
    }
    Raise(ERRCODE_INTERNAL_ERROR, "collection error without a cause");
}

void Check(types::CollectionError error) {
    if (error != types::CollectionError::None) RaiseError(error);
}

Value KeyValue(std::optional<int32> k) {
    if (!k) return Value::Null(INT4OID);
    return Value::Of(Int32GetDatum(*k), INT4OID);
}

Value KeyValue(std::optional<std::string_view> k) {
    if (!k) return Value::Null(TEXTOID);
    return Value::Of(MakeText(k->data(), k->size()), TEXTOID);
}

}  // namespace

Oid CollectionTypeOid() {
    // Looked up each time, as VARCHAR2's: the extension may be re-created.
    return Guarded([] {
        Oid nsp = get_namespace_oid("plpolar", true);
        if (nsp == InvalidOid) return InvalidOid;
        return GetSysCacheOid2(TYPENAMENSP, Anum_pg_type_oid, CStringGetDatum("collection"), ObjectIdGetDatum(nsp));
    });
}

Datum NewCollection(const CollectionShape &shape, MemoryContext parent) { return DatumOf(Make(shape, parent)); }

Datum CopyCollection(Datum d, MemoryContext parent) {
    if (IsExpanded(d)) return DatumOf(Clone(ExpandedOf(d), parent));
    // A flat value may also be toasted (a record field read from a table).
    auto *flat = Guarded([d] { return PG_DETOAST_DATUM(d); });
    Expanded *e = Expand(flat, parent);
    if (reinterpret_cast<Pointer>(flat) != DatumGetPointer(d)) pfree(flat);
    return DatumOf(e);
}

std::string CollectionText(Datum d) {
    MemoryContext temp = CreateContext(CurrentMemoryContext, "plpolar collection output");
    std::string out = "{";
    try {
        Expanded *e = IsExpanded(d) ? ExpandedOf(d) : ExpandedOf(CopyCollection(d, temp));
        bool first = true;
        auto item = [&out, &first, e](const std::string &key, Element &el) {
            out += first ? "" : ", ";
            first = false;
            out += key + ": ";
            out += el.isnull ? "NULL" : OutputValue(static_cast<Datum>(el.datum), e->shape.element.oid);
        };
        if (e->shape.string_keys)
            e->items->ForEachString(
                [&item](std::string_view k, Element &el) { item("\"" + std::string(k) + "\"", el); });
        else
            e->items->ForEachInt([&item](int32 k, Element &el) { item(std::to_string(k), el); });
    } catch (...) {
        DeleteContext(temp);
        throw;
    }
    DeleteContext(temp);
    return out + "}";
}

namespace {

// The distinct elements of one or two multisets, with how often each
// occurs in either: hashed with the element type's hash function (all in
// one bucket without one), compared with its equality.
class MultisetKeys {
public:
    explicit MultisetKeys(const TypeInfo &type) {
        Oid oid = type.oid;
        TypeCacheEntry *tc =
            Guarded([oid] { return lookup_type_cache(oid, TYPECACHE_EQ_OPR_FINFO | TYPECACHE_HASH_PROC_FINFO); });
        if (!OidIsValid(tc->eq_opr_finfo.fn_oid))
            Raise(ERRCODE_UNDEFINED_FUNCTION,
                  "could not identify an equality operator for type " + FormatType(type.oid, type.typmod),
                  "Multiset operations compare the elements of nested tables.");
        eq_ = &tc->eq_opr_finfo;
        hash_ = OidIsValid(tc->hash_proc_finfo.fn_oid) ? &tc->hash_proc_finfo : nullptr;
        collation_ = OidIsValid(type.collation) ? type.collation : DEFAULT_COLLATION_OID;
    }

    // The key of `e`, made if new; counts[side] of it incremented.
    size_t Add(const Element &e, int side) {
        size_t k = Find(e, true);
        keys_[k].count[side]++;
        return k;
    }
    // The key of `e` if any has been added, else npos.
    size_t Lookup(const Element &e) { return Find(e, false); }
    int64 Count(size_t k, int side) const { return keys_[k].count[side]; }

private:
    struct Key {
        Element element;
        int64 count[2] = {0, 0};
    };
    uint32 Hash(const Element &e) {
        if (e.isnull || hash_ == nullptr) return 0;
        FmgrInfo *f = hash_;
        Oid coll = collation_;
        Datum d = static_cast<Datum>(e.datum);
        return Guarded([f, coll, d] { return DatumGetUInt32(FunctionCall1Coll(f, coll, d)); });
    }
    bool Equal(const Element &a, const Element &b) {
        if (a.isnull || b.isnull) return a.isnull && b.isnull;
        FmgrInfo *f = eq_;
        Oid coll = collation_;
        Datum x = static_cast<Datum>(a.datum), y = static_cast<Datum>(b.datum);
        return Guarded([f, coll, x, y] { return DatumGetBool(FunctionCall2Coll(f, coll, x, y)); });
    }
    size_t Find(const Element &e, bool add) {
        uint32 h = Hash(e);
        auto range = buckets_.equal_range(h);
        for (auto it = range.first; it != range.second; ++it)
            if (Equal(keys_[it->second].element, e)) return it->second;
        if (!add) return std::string::npos;
        keys_.push_back(Key{e});
        buckets_.emplace(h, keys_.size() - 1);
        return keys_.size() - 1;
    }

    FmgrInfo *eq_ = nullptr;
    FmgrInfo *hash_ = nullptr;
    Oid collation_ = InvalidOid;
    std::vector<Key> keys_;
    std::unordered_multimap<uint32, size_t> buckets_;
};

std::vector<Element> ElementsOf(Expanded *e) {
    std::vector<Element> out;
    e->items->ForEachInt([&out](int32, Element &el) { out.push_back(el); });
    return out;
}

void CheckNested(const Expanded *e) {
    if (e->shape.kind != types::CollectionKind::Nested)
        Raise(ERRCODE_DATATYPE_MISMATCH, "PLS-00306: multiset operations take nested tables",
              "Varrays and associative arrays are not multisets.");
}

// A new nested table of `like`'s shape holding `elements` (copied in).
Datum NestedOf(const Expanded *like, const std::vector<Element> &elements) {
    Datum d = NewCollection(like->shape, CurrentMemoryContext);
    CollectionRef c(d);
    c.Extend(static_cast<int64>(elements.size()));
    for (size_t i = 0; i < elements.size(); ++i) {
        const Element &el = elements[i];
        if (!el.isnull)
            c.Set(static_cast<int32>(i + 1), Value::Of(static_cast<Datum>(el.datum), like->shape.element.oid));
    }
    return d;
}

Expanded *ExpandedAny(Datum d) { return ExpandedOf(ExpandedCollection(d)); }

}  // namespace

void CollectionIsNull(const std::string &what) {
    Raise(kCollectionIsNull, "ORA-06531: Reference to uninitialized collection",
          what + " is atomically null: give it a value with its constructor first.");
}

Datum ExpandedCollection(Datum d) { return IsExpanded(d) ? d : CopyCollection(d, CurrentMemoryContext); }

Datum MultisetCombine(MultisetOp op, Datum ad, Datum bd) {
    Expanded *a = ExpandedAny(ad);
    Expanded *b = ExpandedAny(bd);
    CheckNested(a);
    CheckNested(b);
    std::vector<Element> xs = ElementsOf(a), ys = ElementsOf(b), out;
    MultisetKeys keys(a->shape.element);
    std::vector<size_t> kx, ky;
    for (const Element &e : xs) kx.push_back(keys.Add(e, 0));
    for (const Element &e : ys) ky.push_back(keys.Add(e, 1));
    std::vector<int64> used;
    auto seen = [&used](size_t k) {
        if (used.size() <= k) used.resize(k + 1, 0);
        return used[k]++;
    };
    switch (op) {
        case MultisetOp::Union:
            out = xs;
            out.insert(out.end(), ys.begin(), ys.end());
            break;
        case MultisetOp::UnionDistinct:
            for (size_t i = 0; i < xs.size(); ++i)
                if (seen(kx[i]) == 0) out.push_back(xs[i]);
            for (size_t i = 0; i < ys.size(); ++i)
                if (seen(ky[i]) == 0) out.push_back(ys[i]);
            break;
        case MultisetOp::Intersect:
            for (size_t i = 0; i < xs.size(); ++i)
                if (seen(kx[i]) < keys.Count(kx[i], 1)) out.push_back(xs[i]);
            break;
        case MultisetOp::IntersectDistinct:
            for (size_t i = 0; i < xs.size(); ++i)
                if (keys.Count(kx[i], 1) > 0 && seen(kx[i]) == 0) out.push_back(xs[i]);
            break;
        case MultisetOp::Except:
            for (size_t i = 0; i < xs.size(); ++i)
                if (seen(kx[i]) >= keys.Count(kx[i], 1)) out.push_back(xs[i]);
            break;
        case MultisetOp::ExceptDistinct:
            for (size_t i = 0; i < xs.size(); ++i)
                if (keys.Count(kx[i], 1) == 0 && seen(kx[i]) == 0) out.push_back(xs[i]);
            break;
    }
    return NestedOf(a, out);
}

Datum MultisetSet(Datum ad) {
    Expanded *a = ExpandedAny(ad);
    CheckNested(a);
    std::vector<Element> xs = ElementsOf(a), out;
    MultisetKeys keys(a->shape.element);
    for (const Element &e : xs)
        if (keys.Count(keys.Add(e, 0), 0) == 1) out.push_back(e);
    return NestedOf(a, out);
}

int MultisetEqual(Datum ad, Datum bd) {
    Expanded *a = ExpandedAny(ad);
    Expanded *b = ExpandedAny(bd);
    CheckNested(a);
    CheckNested(b);
    std::vector<Element> xs = ElementsOf(a), ys = ElementsOf(b);
    if (xs.size() != ys.size()) return 0;
    bool nulls = false;
    MultisetKeys keys(a->shape.element);
    std::vector<size_t> all;
    for (const Element &e : xs) {
        nulls = nulls || e.isnull;
        all.push_back(keys.Add(e, 0));
    }
    for (const Element &e : ys) {
        nulls = nulls || e.isnull;
        all.push_back(keys.Add(e, 1));
    }
    for (size_t k : all)
        if (keys.Count(k, 0) != keys.Count(k, 1)) return nulls ? -1 : 0;
    return nulls ? -1 : 1;
}

int MultisetMember(const Value &x, Datum cd) {
    Expanded *c = ExpandedAny(cd);
    if (x.isnull) return -1;
    std::vector<Element> ys = ElementsOf(c);
    MultisetKeys keys(c->shape.element);
    bool nulls = false;
    for (const Element &e : ys) {
        nulls = nulls || e.isnull;
        keys.Add(e, 0);
    }
    Element probe;
    probe.datum = static_cast<uintptr_t>(x.datum);
    probe.isnull = false;
    if (keys.Lookup(probe) != std::string::npos) return 1;
    return nulls ? -1 : 0;
}

int MultisetSubmultiset(Datum ad, Datum bd) {
    Expanded *a = ExpandedAny(ad);
    Expanded *b = ExpandedAny(bd);
    CheckNested(a);
    CheckNested(b);
    std::vector<Element> xs = ElementsOf(a), ys = ElementsOf(b);
    MultisetKeys keys(a->shape.element);
    std::vector<size_t> kx;
    bool nulls = false;
    for (const Element &e : xs) {
        nulls = nulls || e.isnull;
        kx.push_back(keys.Add(e, 0));
    }
    for (const Element &e : ys) {
        nulls = nulls || e.isnull;
        keys.Add(e, 1);
    }
    for (size_t k : kx)
        if (keys.Count(k, 0) > keys.Count(k, 1)) return nulls ? -1 : 0;
    return 1;
}

Oid ArrayTypeOf(Oid element) {
    return Guarded([element] { return get_array_type(element); });
}

Datum MakeArray(const std::vector<Value> &values, const TypeInfo &element) {
    const size_t n = values.size();
    // Plain arrays for the C call, in the current memory context.
    auto *datums =
        static_cast<Datum *>(Guarded([n] { return palloc_extended((n + 1) * sizeof(Datum), MCXT_ALLOC_HUGE); }));
    auto *nulls = static_cast<bool *>(Guarded([n] { return palloc_extended(n + 1, MCXT_ALLOC_HUGE); }));
    for (size_t i = 0; i < n; ++i) {
        datums[i] = values[i].isnull ? 0 : values[i].datum;
        nulls[i] = values[i].isnull;
    }
    const Oid oid = element.oid;
    const int16 typlen = element.typlen;
    const bool byval = element.byval;
    Datum array = Guarded([datums, nulls, n, oid, typlen, byval] {
        int16 len = 0;
        bool by = false;
        char align = 'i';
        get_typlenbyvalalign(oid, &len, &by, &align);
        int dims[1] = {static_cast<int>(n)};
        int lbs[1] = {1};
        ArrayType *a = n == 0 ? construct_empty_array(oid)
                              : construct_md_array(datums, nulls, 1, dims, lbs, oid, typlen, byval, align);
        pfree(datums);
        pfree(nulls);
        return PointerGetDatum(a);
    });
    return array;
}

MemoryContext CollectionContext(Datum d) { return ExpandedOf(d)->hdr.eoh_context; }

void MoveCollection(Datum d, MemoryContext parent) {
    MemoryContext cxt = ExpandedOf(d)->hdr.eoh_context;
    Guarded([cxt, parent] { MemoryContextSetParent(cxt, parent); });
}

void FreeCollectionNoThrow(Datum d) noexcept {
    try {
        FreeCollection(d);
    } catch (...) {
    }
}

bool CollectionIsExpanded(Datum d) { return IsOurs(d); }

void FreeCollection(Datum d) {
    if (IsExpanded(d)) {
        Expanded *e = ExpandedOf(d);
        if (VARATT_IS_EXTERNAL_EXPANDED_RW(DatumGetPointer(d))) DeleteContext(e->hdr.eoh_context);
        return;
    }
    pfree(DatumGetPointer(d));
}

CollectionRef::CollectionRef(Datum expanded) : e_(ExpandedOf(expanded)) {}

const CollectionShape &CollectionRef::shape() const { return e_->shape; }
int32 CollectionRef::Count() const { return e_->items->Count(); }

namespace {

// An element as a value: a collection element (kept expanded) read-only, so
// that nothing taking the value takes the element's memory with it.
Value ElementValueOf(const Expanded &e, const Element &el) {
    if (el.isnull) return Value::Null(e.shape.element.oid);
    auto d = static_cast<Datum>(el.datum);
    if (e.shape.element.typlen == -1 && IsExpanded(d)) d = EOHPGetRODatum(DatumGetEOHP(d));
    return Value::Of(d, e.shape.element.oid, e.shape.element.typmod);
}

// The element for c(i)(j) and c(i).EXTEND: a flat one (from a flat form of
// the collection) becomes an expanded collection in its parent's memory.
Datum ElementInPlace(Expanded &e, Element &el, bool *isnull) {
    *isnull = el.isnull;
    if (el.isnull) return 0;
    auto d = static_cast<Datum>(el.datum);
    if (!IsExpanded(d)) {
        Expanded *child = Expand(reinterpret_cast<const varlena *>(DatumGetPointer(d)), e.hdr.eoh_context);
        pfree(DatumGetPointer(d));
        d = DatumOf(child);
        el.datum = static_cast<uintptr_t>(d);
    }
    return d;
}

}  // namespace

Value CollectionRef::Get(int32 k) const {
    Element *el = nullptr;
    Check(e_->items->Find(k, &el));
    return ElementValueOf(*e_, *el);
}

Value CollectionRef::Get(std::string_view k) const {
    Element *el = nullptr;
    Check(e_->items->Find(k, &el));
    return ElementValueOf(*e_, *el);
}

Datum CollectionRef::ElementInPlace(int32 k, bool *isnull) {
    Element *el = nullptr;
    Check(e_->items->Find(k, &el));
    return pg::ElementInPlace(*e_, *el, isnull);
}

Datum CollectionRef::ElementInPlace(std::string_view k, bool *isnull) {
    Element *el = nullptr;
    Check(e_->items->Find(k, &el));
    return pg::ElementInPlace(*e_, *el, isnull);
}

namespace {

void Store(const Expanded &e, Element *el, const Value &v) {
    // Copy first: the new value may be the old one (c(1) := c(1)).
    Datum copy = v.isnull ? 0 : CopyIn(e, v.datum);
    if (e.shape.element.typlen == -1)
        ReleaseVarlena(*el);
    else if (!e.shape.element.byval)
        ReleaseByRef(*el);
    el->isnull = v.isnull;
    el->datum = static_cast<uintptr_t>(copy);
}

}  // namespace

void CollectionRef::Set(int32 k, const Value &v) {
    Element *el = nullptr;
    Check(e_->items->Assign(k, &el));
    Store(*e_, el, v);
}

void CollectionRef::Set(std::string_view k, const Value &v) {
    Element *el = nullptr;
    Check(e_->items->Assign(k, &el));
    Store(*e_, el, v);
}

bool CollectionRef::Exists(int32 k) const { return e_->items->Exists(k); }

bool CollectionRef::Peek(int32 k, Datum *out, bool *isnull) const {
    Element *el = nullptr;
    if (e_->items->Find(k, &el) != types::CollectionError::None) return false;
    Value v = ElementValueOf(*e_, *el);
    *out = v.datum;
    *isnull = v.isnull;
    return true;
}

bool CollectionRef::FillColumn(const SqlStatement::Result &result, int column, bool empty_is_null) {
    SPITupleTable *table = result.tuptable;
    const TypeInfo &t = e_->shape.element;
    if (table == nullptr || e_->shape.string_keys || e_->items->Count() != 0 || column >= table->tupdesc->natts ||
        t.byte_limit >= 0)
        return false;
    Form_pg_attribute att = TupleDescAttr(table->tupdesc, column);
    // NUMBER columns hold numeric's representation.
    bool same = att->atttypid == t.oid || (t.oid == NUMERICOID && att->atttypid == NumberTypeOid());
    if (!same || (t.typmod >= 0 && att->atttypmod != t.typmod)) return false;
    const uint64 n = result.processed;
    struct Cell {
        Datum d;
        bool isnull;
    };
    MemoryContext cxt = e_->hdr.eoh_context;
    const bool byval = t.byval;
    const int16 typlen = t.typlen;
    const bool strings = empty_is_null && typlen == -1 && (IsStringType(t.oid) || t.oid == BPCHAROID);
    // The values copied into the collection's memory in one guarded call
    // (C only), then put in place by the container (C++).
    Cell *cells = Guarded([table, column, n, cxt, byval, typlen, strings] {
        auto *out = static_cast<Cell *>(MemoryContextAllocExtended(cxt, (n + 1) * sizeof(Cell), MCXT_ALLOC_HUGE));
        MemoryContext old = MemoryContextSwitchTo(cxt);
        for (uint64 r = 0; r < n; ++r) {
            bool isnull = false;
            Datum d = SPI_getbinval(table->vals[r], table->tupdesc, column + 1, &isnull);
            if (!isnull && !byval) {
                d = typlen == -1 ? PointerGetDatum(PG_DETOAST_DATUM_COPY(d)) : datumCopy(d, false, typlen);
                if (strings && VARSIZE_ANY_EXHDR(DatumGetPointer(d)) == 0) {
                    pfree(DatumGetPointer(d));
                    isnull = true;
                    d = 0;
                }
            }
            out[r].d = isnull ? 0 : d;
            out[r].isnull = isnull;
        }
        MemoryContextSwitchTo(old);
        return out;
    });
    const auto rows = static_cast<int32>(n);
    if (e_->shape.kind != types::CollectionKind::Associative) {
        int32 first = 0;
        Check(e_->items->Extend(rows, &first));
    }
    for (int32 r = 0; r < rows; ++r) {
        Element *el = nullptr;
        Check(e_->items->Assign(r + 1, &el));
        el->datum = static_cast<uintptr_t>(cells[r].d);
        el->isnull = cells[r].isnull;
    }
    pfree(cells);
    return true;
}

void CollectionRef::Adopt(const Datum *values, const bool *nulls, int32 n) {
    if (e_->shape.kind != types::CollectionKind::Associative) {
        int32 first = 0;
        Check(e_->items->Extend(n, &first));
    }
    for (int32 r = 0; r < n; ++r) {
        Element *el = nullptr;
        Check(e_->items->Assign(r + 1, &el));
        el->datum = static_cast<uintptr_t>(nulls[r] ? 0 : values[r]);
        el->isnull = nulls[r];
    }
}

bool CollectionRef::Poke(int32 k, Datum d, bool isnull) {
    if (!e_->shape.element.byval) return false;
    Element *el = nullptr;
    if (e_->items->Assign(k, &el) != types::CollectionError::None) return false;
    el->datum = static_cast<uintptr_t>(d);
    el->isnull = isnull;
    return true;
}
bool CollectionRef::Exists(std::string_view k) const { return e_->items->Exists(k); }

Value CollectionRef::First() const {
    return e_->shape.string_keys ? KeyValue(e_->items->FirstKey()) : KeyValue(e_->items->First());
}
Value CollectionRef::Last() const {
    return e_->shape.string_keys ? KeyValue(e_->items->LastKey()) : KeyValue(e_->items->Last());
}
Value CollectionRef::Next(int32 k) const { return KeyValue(e_->items->Next(k)); }
Value CollectionRef::Next(std::string_view k) const { return KeyValue(e_->items->NextKey(k)); }
Value CollectionRef::Prior(int32 k) const { return KeyValue(e_->items->Prior(k)); }
Value CollectionRef::Prior(std::string_view k) const { return KeyValue(e_->items->PriorKey(k)); }

void CollectionRef::Extend(int64 n) {
    int32 first = 0;
    Check(e_->items->Extend(n, &first));
}

void CollectionRef::Extend(int64 n, int32 i) {
    Value v = Get(i);  // checked before anything is added
    int32 first = 0;
    Check(e_->items->Extend(n, &first));
    for (int64 k = first; k < first + n; ++k) Set(static_cast<int32>(k), v);
}

void CollectionRef::Trim(int64 n) { Check(e_->items->Trim(n)); }
void CollectionRef::DeleteAll() { e_->items->Clear(); }
void CollectionRef::Delete(int32 lo, int32 hi) { e_->items->Delete(lo, hi); }
void CollectionRef::Delete(std::string_view lo, std::string_view hi) { e_->items->Delete(lo, hi); }

}  // namespace plpolar::pg
