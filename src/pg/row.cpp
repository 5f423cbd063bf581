#include "plpolar/pg/row.hpp"

#include <memory>

#include "plpolar/pg/guard.hpp"

extern "C" {
#include "access/detoast.h"
#include "access/htup_details.h"
#include "catalog/pg_namespace.h"
#include "catalog/pg_type.h"
#include "funcapi.h"
#include "utils/regproc.h"
#include "utils/syscache.h"
#include "utils/typcache.h"
}

namespace plpolar::pg {

bool IsRowType(Oid type) {
    if (type == RECORDOID) return true;
    return Guarded([type] { return type_is_rowtype(type); });
}

std::vector<RowField> RowFields(Oid type, int32 typmod) {
    struct Raw {
        char name[NAMEDATALEN];
        Oid type;
        int32 typmod;
        int attnum;
    };
    int natts = 0;
    Raw *raw = Guarded([type, typmod, &natts] {
        TupleDesc desc = lookup_rowtype_tupdesc(type, typmod);
        Raw *r = (Raw *)palloc(sizeof(Raw) * (desc->natts + 1));
        int n = 0;
        for (int i = 0; i < desc->natts; i++) {
            Form_pg_attribute a = TupleDescAttr(desc, i);
            if (a->attisdropped) continue;
            strlcpy(r[n].name, NameStr(a->attname), NAMEDATALEN);
            r[n].type = a->atttypid;
            r[n].typmod = a->atttypmod;
            r[n].attnum = i + 1;
            n++;
        }
        natts = n;
        ReleaseTupleDesc(desc);
        return r;
    });
    std::vector<RowField> out;
    for (int i = 0; i < natts; ++i)
        out.push_back(RowField{raw[i].name, TypeFromOid(raw[i].type, raw[i].typmod), raw[i].attnum});
    pfree(raw);
    return out;
}

static Oid RelationOid(const std::vector<std::string> &name) {
    std::vector<const char *> parts;
    for (const auto &p : name) parts.push_back(p.c_str());
    const char *const *pp = parts.data();
    int n = static_cast<int>(parts.size());
    return Guarded([pp, n] {
        List *names = NIL;
        for (int i = 0; i < n; i++) names = lappend(names, makeString(pstrdup(pp[i])));
        return RangeVarGetRelid(makeRangeVarFromNameList(names), NoLock, false);
    });
}

TypeInfo RelationRowType(const std::vector<std::string> &name) {
    Oid relid = RelationOid(name);
    Oid type = Guarded([relid] {
        Oid t = get_rel_type_id(relid);
        if (!OidIsValid(t))
            ereport(ERROR, (errcode(ERRCODE_WRONG_OBJECT_TYPE),
                            errmsg("relation \"%s\" does not have a row type", get_rel_name(relid))));
        return t;
    });
    return TypeFromOid(type, -1);
}

std::vector<std::string> RelationColumns(const std::string &relation) {
    const char *text = relation.c_str();
    Oid type = Guarded([text] {
        List *names = stringToQualifiedNameList(text);
        Oid relid = RangeVarGetRelid(makeRangeVarFromNameList(names), NoLock, false);
        return get_rel_type_id(relid);
    });
    std::vector<std::string> out;
    for (auto &f : RowFields(type, -1)) out.push_back(f.name);
    return out;
}

int32 BlessRowType(const std::vector<std::pair<std::string, TypeInfo>> &fields) {
    std::vector<const char *> names;
    for (const auto &f : fields) names.push_back(f.first.c_str());
    const char *const *pn = names.data();
    const std::pair<std::string, TypeInfo> *pf = fields.data();
    int n = static_cast<int>(fields.size());
    return Guarded([pn, pf, n] {
        TupleDesc desc = CreateTemplateTupleDesc(n);
        for (int i = 0; i < n; i++)
            TupleDescInitEntry(desc, (AttrNumber)(i + 1), pn[i], pf[i].second.oid, pf[i].second.typmod, 0);
        desc = BlessTupleDesc(desc);
        return desc->tdtypmod;
    });
}

Datum FormRow(Oid type, int32 typmod, const Value *values, size_t n) {
    return Guarded([type, typmod, values, n] {
        TupleDesc desc = lookup_rowtype_tupdesc(type, typmod);
        Datum *d = (Datum *)palloc0(sizeof(Datum) * (desc->natts + 1));
        bool *nulls = (bool *)palloc(sizeof(bool) * (desc->natts + 1));
        size_t k = 0;
        for (int i = 0; i < desc->natts; i++) {
            nulls[i] = true;
            if (TupleDescAttr(desc, i)->attisdropped) continue;
            if (k < n) {
                d[i] = values[k].datum;
                nulls[i] = values[k].isnull;
            }
            k++;
        }
        HeapTuple tuple = heap_form_tuple(desc, d, nulls);
        Datum result = heap_copy_tuple_as_datum(tuple, desc);
        ReleaseTupleDesc(desc);
        return result;
    });
}

bool ReplaceRowField(Datum row, Oid type, int attnum, const char *name, const Value &value, FieldCache *cache,
                     Datum *out) {
    const Value *pv = &value;
    return Guarded([row, type, attnum, name, pv, cache, out] {
        // The descriptor from the type cache entry seen last time, while it
        // is still the table's: no reference count, so it is taken again
        // after anything that may process invalidations (detoasting).
        auto current = [type, cache]() {
            auto *entry = static_cast<TypeCacheEntry *>(cache->named_entry);
            if (cache->named_type == type && entry != nullptr && entry->tupDesc != nullptr &&
                entry->tupDesc_identifier == cache->named_desc_id)
                return entry->tupDesc;
            entry = lookup_type_cache(type, TYPECACHE_TUPDESC);
            if (entry->tupDesc == nullptr)
                ereport(ERROR, (errcode(ERRCODE_WRONG_OBJECT_TYPE), errmsg("type %u is not composite", type)));
            cache->named_type = type;
            cache->named_entry = entry;
            cache->named_desc_id = entry->tupDesc_identifier;
            return entry->tupDesc;
        };
        // The field as the caller found it: still this column, of the
        // value's type? (The table may have changed since.)
        // (NUMBER columns take numeric values: the same datum.)
        // (The NUMBER lookup only then: a catalog probe per row otherwise.)
        auto matches = [attnum, name, pv](TupleDesc d) {
            if (attnum < 1 || attnum > d->natts) return false;
            Form_pg_attribute a = TupleDescAttr(d, attnum - 1);
            if (a->attisdropped || strcmp(NameStr(a->attname), name) != 0) return false;
            if (pv->isnull || a->atttypid == pv->type) return true;
            if (pv->type != NUMERICOID || a->atttypid < FirstNormalObjectId) return false;
            Oid number = GetSysCacheOid2(TYPENAMENSP, Anum_pg_type_oid, CStringGetDatum("number"),
                                         ObjectIdGetDatum(PG_CATALOG_NAMESPACE));
            return number != InvalidOid && a->atttypid == number;
        };
        TupleDesc desc = current();
        if (!matches(desc)) return false;
        Datum v = pv->datum;
        bool detoasted = false;
        // A composite datum holds no pointer to toasted storage.
        if (!pv->isnull && TupleDescAttr(desc, attnum - 1)->attlen == -1 &&
            VARATT_IS_EXTERNAL_ONDISK(DatumGetPointer(v))) {
            v = PointerGetDatum(detoast_external_attr((struct varlena *)DatumGetPointer(v)));
            detoasted = true;
            desc = current();
            if (!matches(desc)) {
                pfree(DatumGetPointer(v));
                return false;
            }
        }
        HeapTupleHeader header = DatumGetHeapTupleHeader(row);
        HeapTupleData tuple;
        tuple.t_len = HeapTupleHeaderGetDatumLength(header);
        ItemPointerSetInvalid(&tuple.t_self);
        tuple.t_tableOid = InvalidOid;
        tuple.t_data = header;
        int natts = desc->natts;
        if (HeapTupleHeaderGetNatts(header) > natts) {
            if (detoasted) pfree(DatumGetPointer(v));
            return false;
        }
        Datum small_values[32];
        bool small_nulls[32];
        Datum *values = natts <= 32 ? small_values : (Datum *)palloc(sizeof(Datum) * natts);
        bool *nulls = natts <= 32 ? small_nulls : (bool *)palloc(sizeof(bool) * natts);
        heap_deform_tuple(&tuple, desc, values, nulls);
        values[attnum - 1] = v;
        nulls[attnum - 1] = pv->isnull;
        // heap_form_tuple's layout straight into a datum of its own. The
        // row type is the source row's: its header says type, typmod and
        // whatever else this build marks a datum with (some PostgreSQL
        // releases stamp a row-type version in the typmod and t_ctid and
        // flag datums in t_infomask), so those are copied from it.
        bool hasnull = false;
        for (int i = 0; i < natts && !hasnull; i++) hasnull = nulls[i];
        Size len = offsetof(HeapTupleHeaderData, t_bits);
        if (hasnull) len += BITMAPLEN(natts);
        len = MAXALIGN(len);
        const Size hoff = len;
        const Size data_len = heap_compute_data_size(desc, values, nulls);
        len += data_len;
        HeapTupleHeader td = (HeapTupleHeader)palloc0(len);
        td->t_choice = header->t_choice;
        td->t_ctid = header->t_ctid;
        td->t_infomask = header->t_infomask & (HEAP_XMAX_COMMITTED | HEAP_XMAX_INVALID);
        HeapTupleHeaderSetDatumLength(td, len);
        HeapTupleHeaderSetNatts(td, natts);
        td->t_hoff = hoff;
        heap_fill_tuple(desc, values, nulls, (char *)td + hoff, data_len, &td->t_infomask, hasnull ? td->t_bits : NULL);
        *out = PointerGetDatum(td);
        if (detoasted) pfree(DatumGetPointer(v));
        if (values != small_values) {
            pfree(values);
            pfree(nulls);
        }
        return true;
    });
}

void RowTypeOf(Datum row, Oid *type, int32 *typmod) {
    Guarded([row, type, typmod] {
        HeapTupleHeader h = DatumGetHeapTupleHeader(row);
        *type = HeapTupleHeaderGetTypeId(h);
        *typmod = HeapTupleHeaderGetTypMod(h);
    });
}

bool GetRowField(Datum row, const std::string &name, FieldCache *cache, Value *out) {
    return GetRowField(row, name.c_str(), cache, out);
}

bool GetRowField(Datum row, const char *name, FieldCache *cache, Value *out) {
    // Fast path: a row in memory of the anonymous type seen last time;
    // reading an attribute of an in-memory tuple cannot fail.
    const auto *p = reinterpret_cast<const varlena *>(DatumGetPointer(row));
    if ((cache->desc != nullptr || cache->named_type != InvalidOid) && !VARATT_IS_EXTENDED(p)) {
        auto h = reinterpret_cast<HeapTupleHeader>(DatumGetPointer(row));
        Oid type = HeapTupleHeaderGetTypeId(h);
        TupleDesc desc = nullptr;
        if (type == RECORDOID && HeapTupleHeaderGetTypMod(h) == cache->record_typmod) {
            desc = cache->desc;
        } else if (type == cache->named_type && type != InvalidOid) {
            auto *entry = static_cast<TypeCacheEntry *>(cache->named_entry);
            if (entry->tupDesc != nullptr && entry->tupDesc_identifier == cache->named_desc_id) desc = entry->tupDesc;
        }
        if (desc != nullptr) {
            HeapTupleData tuple;
            tuple.t_len = HeapTupleHeaderGetDatumLength(h);
            ItemPointerSetInvalid(&tuple.t_self);
            tuple.t_tableOid = InvalidOid;
            tuple.t_data = h;
            Form_pg_attribute a = TupleDescAttr(desc, cache->attnum - 1);
            out->datum = heap_getattr(&tuple, cache->attnum, desc, &out->isnull);
            out->type = a->atttypid;
            out->typmod = a->atttypmod;
            return true;
        }
    }
    const char *fname = name;
    return Guarded([row, fname, cache, out] {
        HeapTupleHeader h = DatumGetHeapTupleHeader(row);
        Oid type = HeapTupleHeaderGetTypeId(h);
        int32 typmod = HeapTupleHeaderGetTypMod(h);
        TupleDesc desc = lookup_rowtype_tupdesc(type, typmod);
        int attnum = cache->attnum;
        // The hint is checked by name: the row type may have changed.
        if (attnum < 1 || attnum > desc->natts || TupleDescAttr(desc, attnum - 1)->attisdropped ||
            strcmp(NameStr(TupleDescAttr(desc, attnum - 1)->attname), fname) != 0) {
            attnum = 0;
            for (int i = 0; i < desc->natts; i++) {
                Form_pg_attribute a = TupleDescAttr(desc, i);
                if (!a->attisdropped && strcmp(NameStr(a->attname), fname) == 0) {
                    attnum = i + 1;
                    break;
                }
            }
            cache->attnum = attnum;
        }
        cache->desc = NULL;
        cache->named_type = InvalidOid;
        if (attnum == 0) {
            ReleaseTupleDesc(desc);
            return false;
        }
        // Registered RECORD types are never freed: their descriptor may be
        // kept without a reference count.
        if (type == RECORDOID && typmod >= 0) {
            cache->desc = desc;
            cache->record_typmod = typmod;
        } else if (type != RECORDOID) {
            TypeCacheEntry *entry = lookup_type_cache(type, TYPECACHE_TUPDESC);
            cache->named_type = type;
            cache->named_entry = entry;
            cache->named_desc_id = entry->tupDesc_identifier;
        }
        HeapTupleData tuple;
        tuple.t_len = HeapTupleHeaderGetDatumLength(h);
        ItemPointerSetInvalid(&tuple.t_self);
        tuple.t_tableOid = InvalidOid;
        tuple.t_data = h;
        Form_pg_attribute a = TupleDescAttr(desc, attnum - 1);
        out->datum = heap_getattr(&tuple, attnum, desc, &out->isnull);
        out->type = a->atttypid;
        out->typmod = a->atttypmod;
        ReleaseTupleDesc(desc);
        return true;
    });
}

std::vector<Value> RowValues(Datum row) {
    int n = 0;
    Value *vals = Guarded([row, &n] {
        HeapTupleHeader h = DatumGetHeapTupleHeader(row);
        TupleDesc desc = lookup_rowtype_tupdesc(HeapTupleHeaderGetTypeId(h), HeapTupleHeaderGetTypMod(h));
        HeapTupleData tuple;
        tuple.t_len = HeapTupleHeaderGetDatumLength(h);
        ItemPointerSetInvalid(&tuple.t_self);
        tuple.t_tableOid = InvalidOid;
        tuple.t_data = h;
        Value *v = (Value *)palloc(sizeof(Value) * (desc->natts + 1));
        int k = 0;
        for (int i = 0; i < desc->natts; i++) {
            Form_pg_attribute a = TupleDescAttr(desc, i);
            if (a->attisdropped) continue;
            v[k].datum = heap_getattr(&tuple, i + 1, desc, &v[k].isnull);
            v[k].type = a->atttypid;
            v[k].typmod = a->atttypmod;
            k++;
        }
        n = k;
        ReleaseTupleDesc(desc);
        return v;
    });
    std::vector<Value> out(vals, vals + n);
    pfree(vals);
    return out;
}

Datum FormCallResult(FunctionCallInfo fcinfo, const std::vector<Value> &values) {
    size_t n = values.size();
    std::vector<Datum> datums(n);
    std::unique_ptr<bool[]> nulls(new bool[n]);
    for (size_t i = 0; i < n; ++i) {
        datums[i] = values[i].datum;
        nulls[i] = values[i].isnull;
    }
    Datum *d = datums.data();
    bool *isnull = nulls.get();
    int natts = static_cast<int>(n);
    return Guarded([fcinfo, d, isnull, natts] {
        TupleDesc desc;
        if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
            elog(ERROR, "function returning record called in context that cannot accept type record");
        if (desc->natts != natts) elog(ERROR, "wrong number of OUT parameters in the call's result type");
        desc = BlessTupleDesc(desc);
        return HeapTupleGetDatum(heap_form_tuple(desc, d, isnull));
    });
}

}  // namespace plpolar::pg
