#include "plpolar/pg/types.hpp"

#include <cstring>
#include <new>

#include "plpolar/pg/guard.hpp"
#include "plpolar/types/datetime.h"

extern "C" {
#include "access/detoast.h"
#include "catalog/pg_namespace.h"
#include "parser/parse_coerce.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
}

namespace plpolar::pg {

Oid Varchar2TypeOid() {
    // Looked up each time: the extension can be dropped and re-created in a
    // session, which gives the type a new OID.
    return Guarded([] {
        return GetSysCacheOid2(TYPENAMENSP, Anum_pg_type_oid, CStringGetDatum("varchar2"),
                               ObjectIdGetDatum(PG_CATALOG_NAMESPACE));
    });
}

Oid NumberTypeOid() {
    // Looked up each time, as VARCHAR2's.
    return Guarded([] {
        return GetSysCacheOid2(TYPENAMENSP, Anum_pg_type_oid, CStringGetDatum("number"),
                               ObjectIdGetDatum(PG_CATALOG_NAMESPACE));
    });
}

bool IsStringType(Oid oid) {
    return oid == TEXTOID || oid == VARCHAROID || oid == BPCHAROID ||
           (oid >= FirstNormalObjectId && oid == Varchar2TypeOid());
}

TypeInfo TypeFromOid(Oid oid, int32 typmod) {
    TypeInfo info;
    info.oid = oid;
    info.typmod = typmod;
    TypeInfo *out = &info;
    Guarded([out] {
        get_typlenbyval(out->oid, &out->typlen, &out->byval);
        out->typtype = get_typtype(out->oid);
        out->collation = get_typcollation(out->oid);
    });
    if (typmod >= static_cast<int32>(VARHDRSZ) && (oid == VARCHAROID || oid == BPCHAROID || oid == Varchar2TypeOid()))
        info.char_limit = typmod - static_cast<int32>(VARHDRSZ);
    return info;
}

TypeInfo ParseTypeName(const std::string &text) {
    Oid oid = InvalidOid;
    int32 typmod = -1;
    const char *str = text.c_str();
    Oid *poid = &oid;
    int32 *ptypmod = &typmod;
    Guarded([str, poid, ptypmod] { parseTypeString(str, poid, ptypmod, false); });
    return TypeFromOid(oid, typmod);
}

bool TypeExists(const std::string &text) {
    const char *str = text.c_str();
    return Guarded([str] {
        Oid oid = InvalidOid;
        int32 typmod = -1;
        // missing_ok: no error for an unknown name (a syntax error still is one).
        parseTypeString(str, &oid, &typmod, true);
        return OidIsValid(oid);
    });
}

TypeInfo ColumnType(const std::vector<std::string> &name) {
    // Resolved by hand rather than through TypeName.pct_type, which keeps
    // only the type (not its length) and prints a NOTICE.
    std::vector<const char *> parts;
    for (const auto &p : name) parts.push_back(p.c_str());
    const char *const *pp = parts.data();
    int n = static_cast<int>(parts.size());
    struct Out {
        Oid type;
        int32 typmod;
    };
    Out out = Guarded([pp, n] {
        List *names = NIL;
        for (int i = 0; i < n - 1; i++) names = lappend(names, makeString(pstrdup(pp[i])));
        RangeVar *rv = makeRangeVarFromNameList(names);
        Oid relid = RangeVarGetRelid(rv, NoLock, false);
        AttrNumber attnum = get_attnum(relid, pp[n - 1]);
        if (attnum == InvalidAttrNumber)
            ereport(ERROR, (errcode(ERRCODE_UNDEFINED_COLUMN),
                            errmsg("column \"%s\" of relation \"%s\" does not exist", pp[n - 1], get_rel_name(relid))));
        Out r;
        Oid collation;
        get_atttypetypmodcoll(relid, attnum, &r.type, &r.typmod, &collation);
        return r;
    });
    return TypeFromOid(out.type, out.typmod);
}

std::string FormatType(Oid oid, int32 typmod) {
    char *s = Guarded([oid, typmod] { return format_type_with_typemod(oid, typmod); });
    std::string out(s);
    pfree(s);
    return out;
}

Datum InputValue(const std::string &text, const TypeInfo &type) {
    const char *str = text.c_str();
    const TypeInfo *t = &type;
    return Guarded([str, t] {
        Oid input;
        Oid ioparam;
        getTypeInputInfo(t->oid, &input, &ioparam);
        return OidInputFunctionCall(input, const_cast<char *>(str), ioparam, t->typmod);
    });
}

std::string OutputValue(Datum datum, Oid type) {
    char *s = Guarded([datum, type] {
        Oid output;
        bool varlena;
        getTypeOutputInfo(type, &output, &varlena);
        return OidOutputFunctionCall(output, datum);
    });
    std::string out(s);
    pfree(s);
    return out;
}

Datum CopyDatum(Datum datum, bool byval, int16 typlen) {
    if (byval) return datum;
    return Guarded([datum, byval, typlen] {
        // A variable must not keep a TOAST pointer into a row that may go
        // away, nor a compressed value it would inflate on every use.
        if (typlen == -1) return PointerGetDatum(pg_detoast_datum_copy((struct varlena *)DatumGetPointer(datum)));
        return datumCopy(datum, byval, typlen);
    });
}

Datum MakeText(const char *data, size_t len) {
    return Guarded([data, len] { return PointerGetDatum(cstring_to_text_with_len(data, static_cast<int>(len))); });
}

Value TextValue(const char *s) { return Value::Of(MakeText(s, strlen(s)), TEXTOID); }

namespace {

// Characters in valid UTF-8 (PostgreSQL validates all text input): every
// byte that does not continue a character starts one.
int Utf8Length(const char *data, int len) {
    // Eight bytes at a time: a continuation byte has its top bits 10.
    int continuation = 0;
    int i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64 x;
        memcpy(&x, data + i, sizeof(x));
        uint64 high = x & UINT64CONST(0x8080808080808080);
        if (high == 0) continue;  // all ASCII
        continuation += __builtin_popcountll(high & ~(x << 1));
    }
    for (; i < len; ++i) continuation += (static_cast<unsigned char>(data[i]) & 0xC0) == 0x80;
    return len - continuation;
}

}  // namespace

int TextCharLength(Datum value) {
    const auto *p = reinterpret_cast<const varlena *>(DatumGetPointer(value));
    if (!VARATT_IS_EXTERNAL(p) && !VARATT_IS_COMPRESSED(p)) {
        // In memory already: nothing here can raise.
        const char *data = VARDATA_ANY(p);
        int len = static_cast<int>(VARSIZE_ANY_EXHDR(p));
        if (GetDatabaseEncoding() == PG_UTF8) return Utf8Length(data, len);
        if (pg_database_encoding_max_length() == 1) return len;
    }
    return Guarded([value] {
        text *t = DatumGetTextPP(value);
        return pg_mbstrlen_with_len(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t));
    });
}

Datum TextConcat(Datum a, Datum b) {
    const auto *pa = reinterpret_cast<const varlena *>(DatumGetPointer(a));
    const auto *pb = reinterpret_cast<const varlena *>(DatumGetPointer(b));
    size_t la = VARSIZE_ANY_EXHDR(pa);
    size_t lb = VARSIZE_ANY_EXHDR(pb);
    size_t size = VARHDRSZ + la + lb;
    if (!AllocSizeIsValid(size)) Raise(ERRCODE_PROGRAM_LIMIT_EXCEEDED, "string too long");
    // NO_OOM: palloc returns NULL instead of raising, so no guard is needed.
    auto *t = static_cast<text *>(palloc_extended(size, MCXT_ALLOC_NO_OOM));
    if (t == nullptr) throw std::bad_alloc();
    SET_VARSIZE(t, size);
    memcpy(VARDATA(t), VARDATA_ANY(pa), la);
    memcpy(VARDATA(t) + la, VARDATA_ANY(pb), lb);
    return PointerGetDatum(t);
}

Datum TextConcatChars(Datum t, const char *chars, size_t n, bool chars_first) {
    const auto *pt = reinterpret_cast<const varlena *>(DatumGetPointer(t));
    size_t lt = VARSIZE_ANY_EXHDR(pt);
    size_t size = VARHDRSZ + lt + n;
    if (!AllocSizeIsValid(size)) Raise(ERRCODE_PROGRAM_LIMIT_EXCEEDED, "string too long");
    auto *out = static_cast<text *>(palloc_extended(size, MCXT_ALLOC_NO_OOM));
    if (out == nullptr) throw std::bad_alloc();
    SET_VARSIZE(out, size);
    if (chars_first) {
        memcpy(VARDATA(out), chars, n);
        memcpy(VARDATA(out) + n, VARDATA_ANY(pt), lt);
    } else {
        memcpy(VARDATA(out), VARDATA_ANY(pt), lt);
        memcpy(VARDATA(out) + lt, chars, n);
    }
    return PointerGetDatum(out);
}

bool NumericToDecimal(Datum numeric, types::Decimal *out) {
    const auto *p = reinterpret_cast<const varlena *>(DatumGetPointer(numeric));
    // Short headers are fine (values from tuples); toasted ones are rare
    // for numbers and go the general way.
    if (VARATT_IS_EXTENDED(p) && !VARATT_IS_SHORT(p)) return false;
    return types::DecodeNumeric(reinterpret_cast<const uint8_t *>(VARDATA_ANY(p)), VARSIZE_ANY_EXHDR(p), out);
}

Datum DecimalToNumeric(const types::Decimal &d) {
    // NO_OOM: palloc returns NULL instead of raising, so no guard is needed.
    auto *n = static_cast<varlena *>(palloc_extended(VARHDRSZ + types::kMaxNumericPayload, MCXT_ALLOC_NO_OOM));
    if (n == nullptr) throw std::bad_alloc();
    size_t len = types::EncodeNumeric(d, reinterpret_cast<uint8_t *>(VARDATA(n)));
    SET_VARSIZE(n, VARHDRSZ + len);
    return PointerGetDatum(n);
}

int TextByteLength(Datum value) {
    const auto *p = reinterpret_cast<const varlena *>(DatumGetPointer(value));
    if (!VARATT_IS_EXTERNAL(p) && !VARATT_IS_COMPRESSED(p)) return static_cast<int>(VARSIZE_ANY_EXHDR(p));
    return -1;
}

int TextOctetLength(Datum value) {
    int bytes = TextByteLength(value);
    if (bytes >= 0) return bytes;
    return Guarded([value] { return static_cast<int>(toast_raw_datum_size(value) - VARHDRSZ); });
}

std::string TextToString(Datum value) {
    struct Span {
        const char *data;
        size_t len;
    };
    Span span = Guarded([value] {
        text *t = DatumGetTextPP(value);
        return Span{VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t)};
    });
    return std::string(span.data, span.len);
}

Datum NumericFromString(const std::string &text) {
    const char *s = text.c_str();
    return Guarded([s] {
        return DirectFunctionCall3(numeric_in, CStringGetDatum(s), ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1));
    });
}

Datum Call1(PGFunction fn, Datum a) {
    return Guarded([fn, a] { return DirectFunctionCall1(fn, a); });
}

Datum Call2(PGFunction fn, Datum a, Datum b) {
    return Guarded([fn, a, b] { return DirectFunctionCall2(fn, a, b); });
}

ErrorData *TryCall2(PGFunction fn, Datum a, Datum b, Datum *out) {
    return TryGuarded([fn, a, b] { return DirectFunctionCall2(fn, a, b); }, out);
}

Datum Call2Coll(PGFunction fn, Oid collation, Datum a, Datum b) {
    return Guarded([fn, collation, a, b] { return DirectFunctionCall2Coll(fn, collation, a, b); });
}

Datum Call1Coll(PGFunction fn, Oid collation, Datum a) {
    return Guarded([fn, collation, a] { return DirectFunctionCall1Coll(fn, collation, a); });
}

Datum Call3(PGFunction fn, Datum a, Datum b, Datum c) {
    return Guarded([fn, a, b, c] { return DirectFunctionCall3(fn, a, b, c); });
}

Datum Call3Coll(PGFunction fn, Oid collation, Datum a, Datum b, Datum c) {
    return Guarded([fn, collation, a, b, c] { return DirectFunctionCall3Coll(fn, collation, a, b, c); });
}

}  // namespace plpolar::pg

#include "plpolar/pg/memory.hpp"

namespace plpolar::pg {

MemoryContext CreateContext(MemoryContext parent, const char *name) {
    return Guarded([parent, name] { return AllocSetContextCreateInternal(parent, name, ALLOCSET_DEFAULT_SIZES); });
}

void DeleteContext(MemoryContext context) {
    if (context != nullptr) Guarded([context] { MemoryContextDelete(context); });
}

char TypeCategory(Oid oid) {
    return Guarded([oid] {
        char category;
        bool preferred;
        get_type_category_preferred(oid, &category, &preferred);
        return category;
    });
}

std::string DatetimeText(Datum value, Oid type, int32 typmod) {
    char *out =
        Guarded([value, type, typmod] { return text_to_cstring(plpolar_datetime_to_text(value, type, typmod)); });
    std::string result = out;
    pfree(out);
    return result;
}

Datum TextSubstring(Datum value, int32 start, int32 count) {
    return Guarded([value, start, count] {
        return DirectFunctionCall3(text_substr, value, Int32GetDatum(start), Int32GetDatum(count));
    });
}

bool BinaryCoercible(Oid from, Oid to) {
    if (from == to) return true;
    return Guarded([from, to] { return IsBinaryCoercible(from, to); });
}

}  // namespace plpolar::pg
