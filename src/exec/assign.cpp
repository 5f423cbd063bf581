// Conversion of values to a target type and storage into variables.
#include <algorithm>
#include <cstring>
#include <new>

#include "plpolar/exec/executor.hpp"
#include "plpolar/exec/package_instance.hpp"
#include "plpolar/pg/collection.hpp"
#include "plpolar/pg/guard.hpp"
#include "plpolar/pg/memory.hpp"
#include "plpolar/pg/row.hpp"

namespace plpolar::exec {

namespace {

void CheckLength(const pg::Value &v, const pg::TypeInfo &target) {
    if (target.byte_limit >= 0) {
        // VARCHAR2(n BYTE): bytes in the database encoding, as Oracle
        // counts them in the database character set.
        int bytes = pg::TextOctetLength(v.datum);
        if (bytes > target.byte_limit)
            pg::Raise(ERRCODE_STRING_DATA_RIGHT_TRUNCATION, "numeric or value error: character string buffer too small",
                      "A value of " + std::to_string(bytes) + " bytes does not fit in VARCHAR2(" +
                          std::to_string(target.byte_limit) + " BYTE).");
    }
    if (target.char_limit < 0) return;
    // No more bytes than the limit: no more characters either.
    int bytes = pg::TextByteLength(v.datum);
    if (bytes >= 0 && bytes <= target.char_limit) return;
    int length = pg::TextCharLength(v.datum);
    if (length > target.char_limit)
        pg::Raise(ERRCODE_STRING_DATA_RIGHT_TRUNCATION, "numeric or value error: character string buffer too small",
                  "A value of " + std::to_string(length) + " characters does not fit in " +
                      pg::FormatType(target.oid, target.typmod) + ".");
}

}  // namespace

pg::Value Executor::Coerce(const pg::Value &v, compile::CastSite &cast) {
    const pg::TypeInfo &t = cast.target;
    if (unlikely(t.oid == fn_.collection_oid) && t.oid != InvalidOid) return CoerceCollection(v, t);
    if (unlikely(v.type == fn_.collection_oid) && v.type != InvalidOid && !v.isnull) {
        // A collection where SQL's type is wanted (a function's result or OUT
        // parameter of a schema-level type): the array of its elements,
        // which PostgreSQL's coercion then checks against the domain.
        if (pg::ArrayElementOf(t.oid) == InvalidOid)
            pg::Raise(ERRCODE_DATATYPE_MISMATCH,
                      "PLS-00382: expression is of wrong type: a collection is not of type " +
                          pg::FormatType(t.oid, t.typmod));
        Oid array_type = InvalidOid;
        Datum array = pg::CollectionToArray(v.datum, &array_type);
        return Coerce(pg::Value::Of(array, array_type), cast);
    }
    bool row_target = t.typtype == TYPTYPE_COMPOSITE || t.oid == RECORDOID;
    if (row_target && v.type != t.oid && v.type != RECORDOID && v.type != UNKNOWNOID && v.type != InvalidOid &&
        !pg::IsRowType(v.type))
        pg::Raise(ERRCODE_DATATYPE_MISMATCH,
                  "cannot assign a value of type " + pg::FormatType(v.type, v.typmod) + " to a record");
    if (v.isnull) return pg::Value{0, true, t.oid, t.typmod};
    if (row_target) {
        // A record without a declared shape (a cursor's row) takes any row.
        if (t.oid == RECORDOID && t.typmod < 0) return v;
        if (v.type == t.oid && (t.oid != RECORDOID || v.typmod == t.typmod)) return v;
        if (v.type == RECORDOID || pg::IsRowType(v.type)) return ConvertRow(v, cast);
    }
    // A value typed varchar2(n) may still have more than n bytes.
    if (v.type == t.oid && (t.typmod < 0 || v.typmod == t.typmod) && t.byte_limit < 0) return v;
    Native ks = Classify(v.type);
    Native kt = Classify(t.oid);
    if (kt == Native::Text && ks == Native::Text) {
        // text, varchar and varchar2 share one representation; only the
        // length limit differs. Oracle never truncates silently.
        if (t.char_limit >= 0 || t.byte_limit >= 0) CheckLength(v, t);
        return pg::Value::Of(v.datum, t.oid, t.typmod);
    }
    if (kt == Native::Text && (ks != Native::Other || v.type == TIMESTAMPOID)) {
        // Numbers and booleans as || shows them (NUMBER without trailing
        // zeros, as Oracle converts it).
        std::string s = ToText(v);
        pg::Value text = pg::Value::Of(pg::MakeText(s.data(), s.size()), t.oid, t.typmod);
        if (t.char_limit >= 0 || t.byte_limit >= 0) CheckLength(text, t);
        return text;
    }
    if (!cast.explicit_cast && t.typmod < 0) {
        switch (kt) {
            case Native::Int8:
                if (ks == Native::Int4) return pg::Value::Of(Int64GetDatum(DatumGetInt32(v.datum)), INT8OID);
                break;
            case Native::Int4:
                if (ks == Native::Int8) {
                    int64 x = DatumGetInt64(v.datum);
                    if (x < PG_INT32_MIN || x > PG_INT32_MAX)
                        pg::Raise(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "integer out of range");
                    return pg::Value::Of(Int32GetDatum(static_cast<int32>(x)), INT4OID);
                }
                // numeric_int4 rounds half away from zero, as Oracle does.
                if (ks == Native::Numeric) return pg::Value::Of(pg::Call1(numeric_int4, v.datum), INT4OID);
                break;
            case Native::Numeric:
                if (ks == Native::Int4) return pg::Value::Of(pg::Call1(int4_numeric, v.datum), NUMERICOID);
                if (ks == Native::Int8) return pg::Value::Of(pg::Call1(int8_numeric, v.datum), NUMERICOID);
                break;
            case Native::Float8:
                if (ks == Native::Int4) return pg::Value::Of(Float8GetDatum(DatumGetInt32(v.datum)), FLOAT8OID);
                if (ks == Native::Int8)
                    return pg::Value::Of(Float8GetDatum(static_cast<double>(DatumGetInt64(v.datum))), FLOAT8OID);
                if (ks == Native::Numeric) return pg::Value::Of(pg::Call1(numeric_float8, v.datum), FLOAT8OID);
                break;
            case Native::Bool:
            case Native::Text:
            case Native::Other: break;
        }
    }
    uint64 generation = compile::CatalogGeneration();
    if (!cast.expr || cast.source_type != v.type || cast.source_typmod != v.typmod || cast.generation != generation) {
        cast.expr.reset();
        cast.expr = Undoable(true, [&v, &t, &cast, this] {
            return pg::PgExpr::Coercion(v.type, v.typmod, t.oid, t.typmod, cast.explicit_cast, fn_.context);
        });
        cast.source_type = v.type;
        cast.source_typmod = v.typmod;
        cast.generation = generation;
    }
    pg::Value result;
    try {
        result = EvalPgExpr(*cast.expr, &v, 1);
    } catch (pg::PgError &e) {
        // Oracle calls a failed conversion in PL code VALUE_ERROR, in SQL
        // INVALID_NUMBER; both carry PostgreSQL's SQLSTATE 22P02.
        if (e.sqlerrcode() == ERRCODE_INVALID_TEXT_REPRESENTATION) e.origin().pl_conversion = true;
        throw;
    }
    result.typmod = t.typmod;
    // PostgreSQL's cast checked the characters, not the bytes.
    if (t.byte_limit >= 0 && !result.isnull) CheckLength(result, t);
    return result;
}

void Executor::Store(int slot, const pg::Value &value, compile::CastSite &cast) {
    StoreCoerced(slot, Coerce(value, cast));
}

void Executor::StoreOwned(int slot, const pg::Value &value) {
    if (unlikely(buffered_)) DropRowBuffer(slot);
    auto index = static_cast<size_t>(slot);
    ForgetAppend(index);
    FreeSlotValue(index);
    slots_[index] = value;
    owned_[index] = !value.isnull && !fn_.variables[index].type.byval;
}

void Executor::StoreBorrowed(int slot, const pg::Value &value) {
    StoreOwned(slot, value);
    owned_[static_cast<size_t>(slot)] = 0;
}

bool Executor::IsEmptyString(const pg::Value &v) const {
    if (v.isnull || !fn_.empty_string_is_null) return false;
    if (Classify(v.type) != Native::Text && v.type != BPCHAROID) return false;
    const auto *p = reinterpret_cast<const varlena *>(DatumGetPointer(v.datum));
    return !VARATT_IS_EXTERNAL(p) && !VARATT_IS_COMPRESSED(p) && VARSIZE_ANY_EXHDR(p) == 0;
}

// A SUBTYPE's RANGE: Oracle's VALUE_ERROR (ORA-06502) outside it.
void Executor::CheckRange(const compile::Variable &var, const pg::Value &value) const {
    int64 v = 0;
    switch (value.type) {
        case INT2OID: v = DatumGetInt16(value.datum); break;
        case INT4OID: v = DatumGetInt32(value.datum); break;
        case INT8OID: v = DatumGetInt64(value.datum); break;
        default: return;  // the compiler allows RANGE for integer bases only
    }
    if (v < var.range_low || v > var.range_high)
        pg::Raise(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "ORA-06502: PL/SQL: numeric or value error",
                  "The value " + std::to_string(v) + " is out of the range of subtype " + var.subtype + " (" +
                      std::to_string(var.range_low) + " .. " + std::to_string(var.range_high) + ") of variable \"" +
                      var.name + "\".");
}

void Executor::StoreCoerced(int slot, const pg::Value &given) {
    if (unlikely(buffered_)) DropRowBuffer(slot);
    auto index = static_cast<size_t>(slot);
    const compile::Variable &var = fn_.variables[index];
    // Oracle has no zero-length strings: storing one stores NULL.
    const pg::Value value = IsEmptyString(given) ? pg::Value::Null(given.type) : given;
    if (value.isnull && var.not_null)
        pg::Raise(ERRCODE_NULL_VALUE_NOT_ALLOWED,
                  "null value cannot be assigned to variable \"" + var.name + "\" declared NOT NULL");
    if (unlikely(var.has_range) && !value.isnull) CheckRange(var, value);
    pg::Value stored = value;
    if (!stored.isnull && var.IsCollection()) {
        // Oracle's value semantics: the variable gets a collection of its
        // own, in a context under the call's (freed with the variable).
        stored.datum = pg::CopyCollection(stored.datum, call_context_);
    } else if (!stored.isnull && !var.type.byval) {
        pg::MemoryContextScope in_call(call_context_);
        // Copy before freeing: the new value may be the old one (x := x).
        stored.datum = pg::CopyDatum(stored.datum, false, var.type.typlen);
    }
    ForgetAppend(index);
    FreeSlotValue(index);
    slots_[index] = stored;
    owned_[index] = !stored.isnull && !var.type.byval;
}

bool Executor::TryAppend(const ast::AssignStmt &s, compile::StoreSite &site) {
    auto slot = static_cast<size_t>(s.slot);
    const pg::Value cur = slots_[slot];
    if (cur.isnull || !owned_[slot]) return false;
    const auto *old = reinterpret_cast<const varlena *>(DatumGetPointer(cur.datum));
    if (VARATT_IS_EXTENDED(old)) return false;  // a short header or TOAST: the general way
    // ((s || x) || y): the parts hang off the left spine, last one on top.
    const ast::Expr *spine[compile::kMaxAppendParts];
    size_t nparts = 0;
    for (const ast::Expr *e = s.value.get(); e->kind == ast::ExprKind::Binary; nparts++) {
        const auto &b = ast::Cast<ast::BinaryExpr>(*e);
        spine[nparts] = b.right.get();
        e = b.left.get();
    }
    ResetTemp();
    pg::Value parts[compile::kMaxAppendParts];
    size_t alen = VARSIZE(old) - VARHDRSZ;
    size_t total = alen;
    bool in_place = true;
    for (size_t i = 0; i < nparts; ++i) {
        pg::Value &v = parts[i] = Eval(*spine[nparts - 1 - i]);
        int len = v.isnull ? 0 : Classify(v.type) == Native::Text ? pg::TextByteLength(v.datum) : -1;
        if (len < 0) in_place = false;
        total += static_cast<size_t>(std::max(len, 0));
    }
    // VARCHAR2(n) counts characters: cheap to know only when bytes fit.
    // (VARCHAR2(n BYTE) has the same n as its character limit.)
    int limit = fn_.variables[slot].type.char_limit;
    if (!in_place || (limit >= 0 && total > static_cast<size_t>(limit)) || total > MaxAllocSize / 4) {
        // The general path's steps with the operands already evaluated.
        pg::Value v = cur;
        for (size_t i = 0; i < nparts; ++i) v = EvalConcat(v, parts[i]);
        Store(s.slot, v, site.cast);
        return true;
    }
    size_t need = VARHDRSZ + total;
    if (append_.size() < slots_.size()) append_.resize(slots_.size());
    AppendBuffer &buf = append_[slot];
    char *data = nullptr;
    // The same address could be a new chunk: its size must match too.
    bool fits = buf.data == old && buf.capacity >= need && GetMemoryChunkSpace(const_cast<varlena *>(old)) == buf.space;
    if (fits) {
        data = reinterpret_cast<char *>(const_cast<varlena *>(old));
    } else {
        // Doubling: appends in a loop reallocate log(n) times. Below
        // MaxAllocSize, as need is at most a quarter of it.
        size_t capacity = 64;
        while (capacity < 2 * need) capacity <<= 1;
        // NO_OOM: returns NULL instead of raising, so no guard is needed.
        data = static_cast<char *>(MemoryContextAllocExtended(call_context_, capacity, MCXT_ALLOC_NO_OOM));
        if (data == nullptr) throw std::bad_alloc();
        memcpy(data, old, VARHDRSZ + alen);
        buf.capacity = capacity;
    }
    // A part may lie in the old buffer (s := s || s): still there until
    // StoreOwned below frees it.
    size_t at = VARHDRSZ + alen;
    for (size_t i = 0; i < nparts; ++i) {
        if (parts[i].isnull) continue;
        auto len = static_cast<size_t>(pg::TextByteLength(parts[i].datum));
        memcpy(data + at, VARDATA_ANY(DatumGetPointer(parts[i].datum)), len);
        at += len;
    }
    SET_VARSIZE(data, need);
    if (!fits) {
        size_t capacity = buf.capacity;
        StoreOwned(s.slot, pg::Value::Of(PointerGetDatum(data), cur.type));
        append_[slot] = AppendBuffer{data, GetMemoryChunkSpace(data), capacity};
    }
    return true;
}

void Executor::FreeSlotValue(size_t index) {
    if (!owned_[index] || slots_[index].isnull) return;
    if (fn_.variables[index].IsCollection())
        pg::FreeCollection(slots_[index].datum);
    else
        pfree(DatumGetPointer(slots_[index].datum));
}

// A soft error (see ExecStmt) leaves the variable as it was: Flow::Error.
Flow Executor::ExecAssign(const ast::AssignStmt &s) {
    if (unlikely(ast::Cast<compile::StoreSite>(*s.annotation).element != nullptr)) {
        auto &site = ast::Cast<compile::StoreSite>(*s.annotation);
        compile::CollectionSite &element = *site.element;
        // c(i) := n on integers, when nothing unusual happens: natively
        // (not for c(i)(j), an element of an element).
        const pg::Value &c = element.parent == nullptr && element.record_field.empty() ? CollectionSlot(element)
                                                                                       : pg::Value::Null(INT4OID);
        if (element.fast_key && s.value->fast && !c.isnull && site.cast.target.oid == INT4OID) {
            int32 k = 0, v = 0;
            if (EvalFast(*element.fast_key, &k) == FastResult::Value &&
                EvalFast(ast::Cast<compile::FastExpr>(*s.value->fast), &v) == FastResult::Value &&
                !ast::Cast<compile::FastExpr>(*s.value->fast).boolean &&
                pg::CollectionRef(c.datum).Poke(k, Int32GetDatum(v), false))
                return Flow::Normal;
            if (soft_error_ != nullptr) return Flow::Error;
        }
        ResetTemp();
        StoreElement(site, Eval(*s.value));
        return Flow::Normal;
    }
    if (unlikely(s.slot < 0)) {  // another package's variable
        auto &site = ast::Cast<compile::StoreSite>(*s.annotation);
        compile::PackageRefSite &target = *site.target.package;
        if (s.value->fast && target.field.empty()) {
            // An integer or boolean into a variable of that very type.
            const auto &fast = ast::Cast<compile::FastExpr>(*s.value->fast);
            Oid type = fast.boolean ? BOOLOID : INT4OID;
            int32 v = 0;
            if (target.type.oid == type && EvalFast(fast, &v) == FastResult::Value) {
                // In place, as for a local variable: a value passed by value
                // is never the slot's own memory.
                Executor &pkg = InstanceFor(target).executor();
                const auto pslot = static_cast<size_t>(target.slot);
                const compile::Variable &var = pkg.fn_.variables[pslot];
                pg::Value value = pg::Value::Of(fast.boolean ? BoolGetDatum(v != 0) : Int32GetDatum(v), type);
                if (unlikely(var.has_range)) pkg.CheckRange(var, value);
                pkg.slots_[pslot] = value;
                return Flow::Normal;
            }
        }
        StoreTarget(site.target, Eval(*s.value));
        return Flow::Normal;
    }
    if (!soft_) {
        auto &site = ast::Cast<compile::StoreSite>(*s.annotation);
        if (site.append && TryAppend(s, site)) return Flow::Normal;
    }
    if (s.value->fast && s.slot >= 0) {
        // An integer or boolean into a variable of that very type:
        // no conversion, no allocation.
        const auto &fast = ast::Cast<compile::FastExpr>(*s.value->fast);
        Oid type = fast.boolean ? BOOLOID : INT4OID;
        auto slot = static_cast<size_t>(s.slot);
        if (fn_.variables[slot].type.oid == type && ast::Cast<compile::StoreSite>(*s.annotation).target.field.empty()) {
            int32 v = 0;
            FastResult r = EvalFast(fast, &v);
            if (r == FastResult::Value) {
                if (unlikely(fn_.variables[slot].has_range))
                    CheckRange(fn_.variables[slot], pg::Value::Of(Int32GetDatum(v), type));
                slots_[slot] = pg::Value::Of(fast.boolean ? BoolGetDatum(v != 0) : Int32GetDatum(v), type);
                return Flow::Normal;
            }
            if (r == FastResult::Null) {
                if (soft_error_ != nullptr) return Flow::Error;
                StoreCoerced(s.slot, pg::Value::Null(type));  // NOT NULL raises here
                return Flow::Normal;
            }
        }
    }
    if (s.value->decimal && s.slot >= 0) {
        // NUMBER into an unconstrained NUMBER variable: built right
        // in the variable's memory, no copy.
        const auto &decimal = ast::Cast<compile::DecimalExpr>(*s.value->decimal);
        const pg::TypeInfo &type = fn_.variables[static_cast<size_t>(s.slot)].type;
        if (type.oid == NUMERICOID && type.typmod < 0 &&
            ast::Cast<compile::StoreSite>(*s.annotation).target.field.empty()) {
            types::Decimal d;
            FastResult r = EvalDecimal(decimal, &d);
            if (r == FastResult::Value) {
                pg::MemoryContextScope in_call(call_context_);
                StoreOwned(s.slot, pg::Value::Of(pg::DecimalToNumeric(d), NUMERICOID));
                return Flow::Normal;
            }
            if (r == FastResult::Null) {
                if (soft_error_ != nullptr) return Flow::Error;
                StoreCoerced(s.slot, pg::Value::Null(NUMERICOID));  // NOT NULL raises here
                return Flow::Normal;
            }
        }
    }
    ResetTemp();
    pg::Value v = Eval(*s.value);
    if (soft_error_ != nullptr) return Flow::Error;
    auto &site = ast::Cast<compile::StoreSite>(*s.annotation);
    if (site.target.field.empty())
        Store(s.slot, v, site.cast);
    else
        StoreTarget(site.target, v);
    return Flow::Normal;
}

}  // namespace plpolar::exec
