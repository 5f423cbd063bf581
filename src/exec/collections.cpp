// Collections in the interpreter: elements, methods and constructors
// (compile::CollectionSite) and element stores, with Oracle's exceptions:
// COLLECTION_IS_NULL on an atomically null nested table or varray,
// SUBSCRIPT_BEYOND_COUNT / SUBSCRIPT_OUTSIDE_LIMIT, NO_DATA_FOUND for a
// missing element, VALUE_ERROR for a NULL or unconvertible subscript.
#include "plpolar/compile/oracle_sql.hpp"
#include "plpolar/exec/executor.hpp"
#include "plpolar/exec/package_instance.hpp"
#include "plpolar/pg/collection.hpp"
#include "plpolar/pg/guard.hpp"
#include "plpolar/pg/memory.hpp"
#include "plpolar/pg/row.hpp"

namespace plpolar::exec {

namespace {

using Op = compile::CollectionOp;

[[noreturn]] void CollectionIsNull(const std::string &name) { pg::CollectionIsNull("Collection \"" + name + "\""); }

[[noreturn]] void ElementsNotNull(const std::string &name) {
    pg::Raise(ERRCODE_NULL_VALUE_NOT_ALLOWED, "ORA-06502: PL/SQL: numeric or value error",
              "The elements of collection \"" + name + "\" are NOT NULL.");
}

const char *KindName(types::CollectionKind kind) {
    switch (kind) {
        case types::CollectionKind::Associative: return "associative array";
        case types::CollectionKind::Nested: return "nested table";
        case types::CollectionKind::Varray: return "varray";
    }
    return "collection";  // not reached: every kind has its case
}

bool SameShape(const pg::CollectionShape &a, const pg::CollectionShape &b) {
    return a.kind == b.kind && a.string_keys == b.string_keys && a.limit == b.limit && a.element.oid == b.element.oid &&
           (a.element.oid != RECORDOID || a.element.typmod == b.element.typmod);
}

}  // namespace

pg::Value Executor::ElementValue(pg::Value v, const compile::CollectionType &type, const std::string &name) const {
    // Oracle has no zero-length strings: '' is NULL, also for NOT NULL.
    if (IsEmptyString(v)) v = pg::Value::Null(v.type);
    if (v.isnull && type.element_not_null) ElementsNotNull(name);
    return v;
}

pg::Value Executor::CoerceCollection(const pg::Value &v, const pg::TypeInfo &t) {
    if (v.isnull) return pg::Value{0, true, t.oid, t.typmod};
    const compile::CollectionType &type = *fn_.collection_types[static_cast<size_t>(t.typmod)];
    if (v.type != t.oid) {
        // An array (a schema-level type's value as SQL has it, or any
        // array of the elements): its elements 1 .. n.
        Oid element = pg::ArrayElementOf(v.type);
        if (element == InvalidOid || type.shape.kind == types::CollectionKind::Associative)
            pg::Raise(ERRCODE_DATATYPE_MISMATCH, "PLS-00382: expression is of wrong type: a value of type " +
                                                     pg::FormatType(v.type, v.typmod) + " is not a collection");
        pg::Value array = v;
        // NUMBER is numeric in PL code: the same elements, no conversion.
        auto same = [this](Oid a, Oid b) {
            auto plain = [this](Oid x) { return x == fn_.number_oid && x != InvalidOid ? NUMERICOID : x; };
            return plain(a) == plain(b);
        };
        if (!same(element, type.shape.element.oid)) {
            // Another element type (int[] into a table of NUMBER): PostgreSQL's
            // array coercion, element by element.
            Oid target = pg::ArrayTypeOf(type.shape.element.oid);
            if (target == InvalidOid)
                pg::Raise(ERRCODE_DATATYPE_MISMATCH, "PLS-00382: expression is of wrong type: a value of type " +
                                                         pg::FormatType(v.type, v.typmod) + " is not of type " +
                                                         type.name);
            std::unique_ptr<pg::PgExpr> cast = Undoable(true, [&v, target, &type, this] {
                return pg::PgExpr::Coercion(v.type, v.typmod, target, type.shape.element.typmod, false, fn_.context);
            });
            array = EvalPgExpr(*cast, &v, 1);
        }
        bool has_null = false;
        Datum d = pg::CollectionFromArray(array.datum, type.shape, CurrentMemoryContext, &has_null);
        if (has_null && type.element_not_null) ElementsNotNull(type.name);
        return pg::Value::Of(d, t.oid, t.typmod);
    }
    // A flat value (a function's result, a record's field) is expanded
    // into statement memory to be looked at; StoreCoerced copies it anyway.
    Datum d = pg::ExpandedCollection(v.datum);
    pg::CollectionRef c(d);
    if (!SameShape(c.shape(), type.shape))
        pg::Raise(ERRCODE_DATATYPE_MISMATCH,
                  "PLS-00382: expression is of wrong type: the " + std::string(KindName(c.shape().kind)) + " of " +
                      pg::FormatType(c.shape().element.oid, c.shape().element.typmod) + " is not of type " + type.name);
    return pg::Value::Of(d, t.oid, t.typmod);
}

pg::Value Executor::OutputValue(int slot, const pg::TypeInfo &type) {
    const pg::Value &v = slots_[static_cast<size_t>(slot)];
    if (v.type != fn_.collection_oid || v.type == InvalidOid || type.oid == fn_.collection_oid) return v;
    if (v.isnull) return pg::Value::Null(type.oid);
    compile::CastSite cast;
    cast.target = type;
    return Coerce(v, cast);
}

std::string Executor::DynamicSqlText(const std::string &text) const {
    // Before QualifySql, which gives TABLE()'s subquery its alias.
    return compile::QualifySql(fn_.collection_oid == InvalidOid ? text
                                                                : compile::RewriteSchemaConstructors(text, true));
}

pg::Value Executor::SqlCollectionValue(const pg::Value &v) const {
    // A schema-level type's value is, for SQL, an array typed as its domain;
    // a NULL one is known by its variable's type.
    if (v.isnull) {
        if (v.typmod >= 0 && static_cast<size_t>(v.typmod) < fn_.collection_types.size()) {
            Oid sql_type = fn_.collection_types[static_cast<size_t>(v.typmod)]->shape.sql_type;
            if (sql_type != InvalidOid) return pg::Value::Null(sql_type);
        }
        return v;
    }
    Oid sql_type = pg::CollectionRef(pg::ExpandedCollection(v.datum)).shape().sql_type;
    if (sql_type == InvalidOid) return v;
    return pg::Value::Of(pg::CollectionToArray(v.datum), sql_type);
}

pg::Value Executor::CollectionKey(compile::CollectionSite &site, const ast::Expr &arg, bool *isnull) {
    pg::Value k = Coerce(Eval(arg), *site.key);
    if (k.isnull) {
        if (isnull != nullptr) {
            *isnull = true;
            return k;
        }
        pg::Raise(ERRCODE_NULL_VALUE_NOT_ALLOWED,
                  "ORA-06502: PL/SQL: numeric or value error: NULL index table key value",
                  "A subscript of collection \"" + site.name + "\" is NULL.");
    }
    if (isnull != nullptr) *isnull = false;
    return k;
}

pg::Value Executor::ConstructCollection(compile::CollectionSite &site) {
    const compile::CollectionType &type = *site.type;
    const size_t n = site.args.size();
    if (type.shape.kind == types::CollectionKind::Associative) {
        // t(k => v, ...): each key given its element (a key given twice: the
        // last one's, as assignments in that order would).
        Datum d = pg::NewCollection(type.shape, CurrentMemoryContext);
        pg::CollectionRef c(d);
        for (size_t i = 0; i < n; ++i) {
            pg::Value k = CollectionKey(site, *site.keys[i], nullptr);
            pg::Value v = ElementValue(Coerce(Eval(*site.args[i]), *site.element), type, type.name);
            if (type.shape.string_keys)
                c.Set(pg::TextToString(k.datum), v);
            else
                c.Set(DatumGetInt32(k.datum), v);
        }
        return pg::Value::Of(d, fn_.collection_oid, -1);
    }
    if (type.shape.kind == types::CollectionKind::Varray && n > static_cast<size_t>(type.shape.limit))
        pg::Raise(pg::kSubscriptOutsideLimit, "ORA-06532: Subscript outside of limit",
                  "Varray type " + type.name + " holds at most " + std::to_string(type.shape.limit) +
                      " elements, the constructor has " + std::to_string(n) + ".");
    // In statement memory: a variable it is stored into copies it.
    Datum d = pg::NewCollection(type.shape, CurrentMemoryContext);
    pg::CollectionRef c(d);
    c.Extend(static_cast<int64>(n));
    for (size_t i = 0; i < n; ++i) {
        pg::Value v = ElementValue(Coerce(Eval(*site.args[i]), *site.element), type, type.name);
        if (!v.isnull) c.Set(static_cast<int32>(i + 1), v);
    }
    return pg::Value::Of(d, fn_.collection_oid, -1);
}

pg::Value Executor::EvalMultiset(compile::CollectionSite &site) {
    auto truth = [](int r) { return r < 0 ? pg::Value::Null(BOOLOID) : pg::Value::Of(BoolGetDatum(r == 1), BOOLOID); };
    if (site.op == Op::MemberOf) {
        pg::Value x = Coerce(Eval(*site.args[0]), *site.element);
        pg::Value c = Eval(*site.args[1]);
        if (c.isnull) return pg::Value::Null(BOOLOID);
        return truth(pg::MultisetMember(x, c.datum));
    }
    pg::Value a = Eval(*site.args[0]);
    pg::Value b = site.args.size() > 1 ? Eval(*site.args[1]) : pg::Value::Null(fn_.collection_oid);
    switch (site.op) {
        case Op::Cardinality:
            if (a.isnull) return pg::Value::Null(INT4OID);
            return pg::Value::Of(Int32GetDatum(pg::CollectionRef(pg::ExpandedCollection(a.datum)).Count()), INT4OID);
        case Op::IsEmpty:
            if (a.isnull) return pg::Value::Null(BOOLOID);
            return pg::Value::Of(BoolGetDatum(pg::CollectionRef(pg::ExpandedCollection(a.datum)).Count() == 0),
                                 BOOLOID);
        case Op::SetOf:
            if (a.isnull) return pg::Value::Null(fn_.collection_oid);
            return pg::Value::Of(pg::MultisetSet(a.datum), fn_.collection_oid);
        case Op::AsArray: {
            // TABLE(c): the elements in index order; a NULL collection has none.
            const pg::TypeInfo &element = site.type->shape.element;
            std::vector<pg::Value> values;
            if (!a.isnull) {
                pg::CollectionRef c(pg::ExpandedCollection(a.datum));
                values.reserve(static_cast<size_t>(c.Count()));
                for (pg::Value k = c.First(); !k.isnull; k = c.Next(DatumGetInt32(k.datum)))
                    values.push_back(c.Get(DatumGetInt32(k.datum)));
            }
            return pg::Value::Of(pg::MakeArray(values, element), pg::ArrayTypeOf(element.oid));
        }
        case Op::Submultiset:
            if (a.isnull || b.isnull) return pg::Value::Null(BOOLOID);
            return truth(pg::MultisetSubmultiset(a.datum, b.datum));
        case Op::Multiset:
            // Oracle: a NULL operand makes the result NULL.
            if (a.isnull || b.isnull) return pg::Value::Null(fn_.collection_oid);
            return pg::Value::Of(pg::MultisetCombine(site.multiset, a.datum, b.datum), fn_.collection_oid);
        case Op::MemberOf:
        case Op::Element:
        case Op::Construct:
        case Op::Count:
        case Op::First:
        case Op::Last:
        case Op::Limit:
        case Op::Next:
        case Op::Prior:
        case Op::Exists:
        case Op::Extend:
        case Op::Trim:
        case Op::Delete: break;
    }
    return pg::Value::Null(VOIDOID);
}

const pg::Value &Executor::CollectionSlot(compile::CollectionSite &site) {
    if (site.package != nullptr) return InstanceFor(*site.package).executor().PackageValue(site.package->slot);
    return slots_[static_cast<size_t>(site.slot)];
}

pg::Value Executor::SiteCollection(compile::CollectionSite &site) {
    if (!site.record_field.empty()) {
        // r.f: a copy of the field's collection, expanded in statement
        // memory; a change is stored back into the record (StoreBack).
        const pg::Value &rec = slots_[static_cast<size_t>(site.slot)];
        pg::Value field = pg::Value::Null(fn_.collection_oid);
        if (!rec.isnull && !pg::GetRowField(rec.datum, site.record_field, &site.field_cache, &field))
            pg::Raise(ERRCODE_UNDEFINED_COLUMN, "record has no field \"" + site.record_field + "\"");
        // An associative array field starts empty, as a variable does; a
        // nested table or varray is atomically NULL until given a value.
        if (field.isnull && site.type->shape.kind == types::CollectionKind::Associative)
            return pg::Value::Of(pg::NewCollection(site.type->shape, CurrentMemoryContext), fn_.collection_oid);
        if (field.isnull) return pg::Value::Null(fn_.collection_oid);
        return pg::Value::Of(pg::ExpandedCollection(field.datum), fn_.collection_oid);
    }
    if (site.parent == nullptr) return CollectionSlot(site);
    // c(i)(j): the element c(i) of the collection its parent site works on,
    // itself kept as an expanded collection in c's memory, read and changed
    // in place; a missing c(i) is Oracle's error for it.
    compile::CollectionSite &p = *site.parent;
    const pg::Value outer = SiteCollection(p);
    if (outer.isnull) CollectionIsNull(p.name);
    pg::CollectionRef c(outer.datum);
    pg::Value k = CollectionKey(p, *p.args[0], nullptr);
    bool isnull = false;
    Datum d = c.shape().string_keys ? c.ElementInPlace(pg::TextToString(k.datum), &isnull)
                                    : c.ElementInPlace(DatumGetInt32(k.datum), &isnull);
    return isnull ? pg::Value::Null(fn_.collection_oid) : pg::Value::Of(d, fn_.collection_oid);
}

void Executor::StoreBack(compile::CollectionSite &site, const pg::Value &changed) {
    if (site.record_field.empty()) return;
    const compile::Variable &var = fn_.variables[static_cast<size_t>(site.slot)];
    StoreCoerced(site.slot, WithField(slots_[static_cast<size_t>(site.slot)], var.type, "record \"" + var.name + "\"",
                                      site.record_field, changed, site.field_store));
}

pg::Value Executor::EvalCollection(compile::CollectionSite &site) {
    if (site.op == Op::Construct) return ConstructCollection(site);
    if (site.slot < 0 && site.package == nullptr && site.parent == nullptr) return EvalMultiset(site);
    const pg::Value var = SiteCollection(site);
    if (var.isnull) {
        // EXISTS is the one method an atomically null collection answers.
        if (site.op == Op::Exists) return pg::Value::Of(BoolGetDatum(false), BOOLOID);
        CollectionIsNull(site.name);
    }
    pg::CollectionRef c(var.datum);
    const bool strings = c.shape().string_keys;
    auto key_of = [&](const ast::Expr &arg, bool *isnull) { return CollectionKey(site, arg, isnull); };
    switch (site.op) {
        case Op::Construct:
        case Op::Multiset:
        case Op::SetOf:
        case Op::Cardinality:
        case Op::IsEmpty:
        case Op::MemberOf:
        case Op::Submultiset:
        case Op::AsArray: break;  // above
        case Op::Element: {
            if (site.fast_key) {
                int32 k = 0;
                Datum d = 0;
                bool isnull = false;
                if (EvalFast(*site.fast_key, &k) == FastResult::Value && c.Peek(k, &d, &isnull))
                    return isnull ? pg::Value::Null(c.shape().element.oid)
                                  : pg::Value::Of(d, c.shape().element.oid, c.shape().element.typmod);
            }
            pg::Value k = key_of(*site.args[0], nullptr);
            return strings ? c.Get(pg::TextToString(k.datum)) : c.Get(DatumGetInt32(k.datum));
        }
        case Op::Count: return pg::Value::Of(Int32GetDatum(c.Count()), INT4OID);
        case Op::First: return c.First();
        case Op::Last: return c.Last();
        case Op::Limit:
            if (c.shape().kind != types::CollectionKind::Varray) return pg::Value::Null(INT4OID);
            return pg::Value::Of(Int32GetDatum(c.shape().limit), INT4OID);
        case Op::Next:
        case Op::Prior: {
            bool isnull = false;
            pg::Value k = key_of(*site.args[0], &isnull);
            if (isnull) return pg::Value::Null(strings ? TEXTOID : INT4OID);
            if (strings) {
                std::string s = pg::TextToString(k.datum);
                return site.op == Op::Next ? c.Next(s) : c.Prior(s);
            }
            int32 i = DatumGetInt32(k.datum);
            return site.op == Op::Next ? c.Next(i) : c.Prior(i);
        }
        case Op::Exists: {
            bool isnull = false;
            pg::Value k = key_of(*site.args[0], &isnull);
            if (isnull) return pg::Value::Of(BoolGetDatum(false), BOOLOID);
            bool exists = strings ? c.Exists(pg::TextToString(k.datum)) : c.Exists(DatumGetInt32(k.datum));
            return pg::Value::Of(BoolGetDatum(exists), BOOLOID);
        }
        case Op::Extend:
        case Op::Trim: {
            int64 n = 1;
            if (!site.args.empty()) {
                pg::Value count = Coerce(Eval(*site.args[0]), *site.count);
                if (count.isnull) return pg::Value::Null(VOIDOID);  // Oracle: no effect
                n = DatumGetInt64(count.datum);
            }
            if (n < 0)
                pg::Raise(ERRCODE_NULL_VALUE_NOT_ALLOWED, "ORA-06502: PL/SQL: numeric or value error",
                          "A negative count for " + std::string(site.op == Op::Extend ? "EXTEND" : "TRIM") +
                              " of collection \"" + site.name + "\".");
            if (site.op == Op::Trim) {
                c.Trim(n);
            } else if (site.args.size() == 2) {
                pg::Value k = key_of(*site.args[1], nullptr);
                c.Extend(n, DatumGetInt32(k.datum));
            } else {
                c.Extend(n);
            }
            StoreBack(site, var);
            return pg::Value::Null(VOIDOID);
        }
        case Op::Delete: {
            if (site.args.empty()) {
                c.DeleteAll();
                StoreBack(site, var);
                return pg::Value::Null(VOIDOID);
            }
            bool null_lo = false, null_hi = false;
            pg::Value lo = key_of(*site.args[0], &null_lo);
            pg::Value hi = site.args.size() == 2 ? key_of(*site.args[1], &null_hi) : lo;
            // Oracle: DELETE(NULL) and a range with a NULL end delete nothing.
            if (null_lo || null_hi) return pg::Value::Null(VOIDOID);
            if (strings)
                c.Delete(pg::TextToString(lo.datum), pg::TextToString(hi.datum));
            else
                c.Delete(DatumGetInt32(lo.datum), DatumGetInt32(hi.datum));
            StoreBack(site, var);
            return pg::Value::Null(VOIDOID);
        }
    }
    return pg::Value::Null(VOIDOID);
}

void Executor::BulkAssign(std::vector<compile::TargetSite> &targets, pg::SqlStatement::Result &result) {
    const uint64 nrows = result.processed;
    const int ncolumns = pg::SqlStatement::ColumnCount(result);
    const bool records = targets.size() == 1 && !targets[0].element->fields.empty();
    if (!records && result.tuptable != nullptr && ncolumns != static_cast<int>(targets.size()))
        pg::Raise(ERRCODE_DATATYPE_MISMATCH, "query returned " + std::to_string(ncolumns) + " column(s) for " +
                                                 std::to_string(targets.size()) + " BULK COLLECT INTO target(s)");
    if (nrows > static_cast<uint64>(PG_INT32_MAX))
        pg::Raise(ERRCODE_PROGRAM_LIMIT_EXCEEDED, "ORA-06500: PL/SQL: storage error",
                  "A collection holds at most 2147483647 elements.");
    const auto n = static_cast<int32>(nrows);
    std::vector<pg::Value> fields;
    for (size_t j = 0; j < targets.size(); ++j) {
        compile::TargetSite &t = targets[j];
        const compile::Variable &var = fn_.variables[static_cast<size_t>(t.slot)];
        const compile::CollectionType &type = *var.collection;
        if (type.shape.kind == types::CollectionKind::Varray && n > type.shape.limit)
            pg::Raise(pg::kSubscriptOutsideLimit, "ORA-06532: Subscript outside of limit",
                      "The query returned " + std::to_string(n) + " rows for varray \"" + var.name + "\" of at most " +
                          std::to_string(type.shape.limit) + ".");
        // Built in statement memory, then handed to the variable.
        Datum d = pg::NewCollection(type.shape, CurrentMemoryContext);
        pg::CollectionRef c(d);
        const pg::TypeInfo &element = type.shape.element;
        const bool filled =
            !records && !type.element_not_null && c.FillColumn(result, static_cast<int>(j), fn_.empty_string_is_null);
        if (!filled && type.shape.kind != types::CollectionKind::Associative) c.Extend(n);
        for (int32 r = filled ? n : 0; r < n; ++r) {
            pg::Value v;
            if (records && (ncolumns != 1 || t.element->fields.size() == 1)) {
                // The row's columns as the record's fields, by position.
                if (static_cast<size_t>(ncolumns) != t.element->fields.size())
                    pg::Raise(ERRCODE_DATATYPE_MISMATCH,
                              "ORA-06504: PL/SQL: Return types of Result Set variables or query do not match",
                              "The query returns " + std::to_string(ncolumns) + " columns, the elements of \"" +
                                  var.name + "\" have " + std::to_string(t.element->fields.size()) + " fields.");
                fields.resize(static_cast<size_t>(ncolumns));
                for (int k = 0; k < ncolumns; ++k)
                    fields[static_cast<size_t>(k)] = Coerce(pg::SqlStatement::Column(result, static_cast<uint64>(r), k),
                                                            *t.element->fields[static_cast<size_t>(k)]);
                v = pg::Value::Of(pg::FormRow(element.oid, element.typmod, fields.data(), fields.size()), element.oid,
                                  element.typmod);
            } else {
                v = Coerce(pg::SqlStatement::Column(result, static_cast<uint64>(r), records ? 0 : static_cast<int>(j)),
                           *t.element);
            }
            c.Set(r + 1, ElementValue(v, type, var.name));
        }
        pg::MoveCollection(d, call_context_);
        StoreOwned(t.slot, pg::Value::Of(d, var.type.oid, var.type.typmod));
    }
}

void Executor::StoreElement(compile::StoreSite &store, const pg::Value &value) {
    StoreElementAt(*store.element, store.cast, value);
}

void Executor::StoreElementAt(compile::CollectionSite &site, compile::CastSite &cast, const pg::Value &value) {
    const compile::CollectionType &type = *site.type;
    const pg::Value var = SiteCollection(site);
    if (var.isnull) CollectionIsNull(site.name);
    pg::CollectionRef c(var.datum);
    pg::Value k = CollectionKey(site, *site.args[0], nullptr);
    const bool strings = c.shape().string_keys;
    pg::Value v;
    if (site.fields.empty()) {
        v = Coerce(value, cast);
    } else {
        // c(i).f := x: the element's other fields stay; an associative
        // array gets the element if it had none (a row of NULLs first).
        bool exists = strings ? c.Exists(pg::TextToString(k.datum)) : c.Exists(DatumGetInt32(k.datum));
        pg::Value cur = pg::Value::Null(type.shape.element.oid);
        if (exists || type.shape.kind != types::CollectionKind::Associative)
            cur = strings ? c.Get(pg::TextToString(k.datum)) : c.Get(DatumGetInt32(k.datum));
        v = WithField(cur, type.shape.element, "element " + site.name + "(...)", site.fields[0], value,
                      site.field_cast);
    }
    v = ElementValue(v, type, site.name);
    if (strings)
        c.Set(pg::TextToString(k.datum), v);
    else
        c.Set(DatumGetInt32(k.datum), v);
    StoreBack(site, var);
}

}  // namespace plpolar::exec

namespace plpolar::exec {

void Executor::RunBulkCollect(compile::SqlSite &site) {
    std::vector<compile::TargetSite> &targets = site.targets;
    const bool records = targets.size() == 1 && !targets[0].element->fields.empty();
    // The new collections first: the rows' values go into their memory.
    std::vector<Datum> made(targets.size());
    std::vector<pg::SqlStatement::BulkColumn> columns(records ? targets[0].element->fields.size() : targets.size());
    for (size_t j = 0; j < targets.size(); ++j) {
        const compile::Variable &var = fn_.variables[static_cast<size_t>(targets[j].slot)];
        made[j] = pg::NewCollection(var.collection->shape, CurrentMemoryContext);
        if (records) continue;
        const pg::TypeInfo &element = var.collection->shape.element;
        pg::SqlStatement::BulkColumn &col = columns[j];
        col.type = element.oid;
        col.alias = element.oid == NUMERICOID ? fn_.number_oid : InvalidOid;
        col.typmod = element.typmod;
        // A VARCHAR2(n BYTE) element checks its bytes on the way in.
        col.direct = element.byte_limit < 0 ? pg::CollectionContext(made[j]) : nullptr;
    }
    const pg::TypeInfo *row =
        records ? &fn_.variables[static_cast<size_t>(targets[0].slot)].collection->shape.element : nullptr;
    pg::SqlStatement::BulkResult r = site.statement.ExecuteBulk(
        SqlSlots(), fn_.read_only(), &columns, row != nullptr ? row->oid : InvalidOid,
        row != nullptr ? row->typmod : -1, records ? pg::CollectionContext(made[0]) : nullptr, CurrentMemoryContext);
    sql_executed_ = true;
    sql_rowcount_ = r.processed;
    if (!records && r.ncolumns != static_cast<int>(targets.size()))
        pg::Raise(ERRCODE_DATATYPE_MISMATCH, "query returned " + std::to_string(r.ncolumns) + " column(s) for " +
                                                 std::to_string(targets.size()) + " BULK COLLECT INTO target(s)");
    if (r.rows > static_cast<uint64>(PG_INT32_MAX))
        pg::Raise(ERRCODE_PROGRAM_LIMIT_EXCEEDED, "ORA-06500: PL/SQL: storage error",
                  "A collection holds at most 2147483647 elements.");
    const auto n = static_cast<int32>(r.rows);
    std::vector<pg::Value> fields;
    for (size_t j = 0; j < targets.size(); ++j) {
        compile::TargetSite &t = targets[j];
        const compile::Variable &var = fn_.variables[static_cast<size_t>(t.slot)];
        const compile::CollectionType &type = *var.collection;
        const pg::TypeInfo &element = type.shape.element;
        if (type.shape.kind == types::CollectionKind::Varray && n > type.shape.limit)
            pg::Raise(pg::kSubscriptOutsideLimit, "ORA-06532: Subscript outside of limit",
                      "The query returned " + std::to_string(n) + " rows for varray \"" + var.name + "\" of at most " +
                          std::to_string(type.shape.limit) + ".");
        pg::CollectionRef c(made[j]);
        pg::SqlStatement::BulkColumn &col = columns[records ? 0 : j];
        if (r.as_rows || (!records && col.matched)) {
            // In the collection's memory already, of its element type.
            const bool strings = !r.as_rows && fn_.empty_string_is_null && element.typlen == -1 &&
                                 (pg::IsStringType(element.oid) || element.oid == BPCHAROID);
            for (int32 k = 0; k < n; ++k) {
                if (strings && !col.nulls[k] &&
                    VARSIZE_ANY_EXHDR(reinterpret_cast<const varlena *>(DatumGetPointer(col.values[k]))) == 0)
                    col.nulls[k] = true;  // '' is NULL
                if (col.nulls[k] && type.element_not_null) ElementsNotNull(var.name);
            }
            c.Adopt(col.values, col.nulls, n);
        } else {
            // Converted one by one, as an assignment converts.
            if (type.shape.kind != types::CollectionKind::Associative) c.Extend(n);
            const int ncol = r.ncolumns;
            for (int32 k = 0; k < n; ++k) {
                pg::Value v;
                if (records && (ncol != 1 || t.element->fields.size() == 1)) {
                    if (static_cast<size_t>(ncol) != t.element->fields.size())
                        pg::Raise(ERRCODE_DATATYPE_MISMATCH,
                                  "ORA-06504: PL/SQL: Return types of Result Set variables or query do not match",
                                  "The query returns " + std::to_string(ncol) + " columns, the elements of \"" +
                                      var.name + "\" have " + std::to_string(t.element->fields.size()) + " fields.");
                    fields.resize(static_cast<size_t>(ncol));
                    for (int f = 0; f < ncol; ++f) {
                        const pg::SqlStatement::BulkColumn &fc = columns[static_cast<size_t>(f)];
                        pg::Value in{fc.values[k], fc.nulls[k], fc.actual_type, fc.actual_typmod};
                        fields[static_cast<size_t>(f)] = Coerce(in, *t.element->fields[static_cast<size_t>(f)]);
                    }
                    v = pg::Value::Of(pg::FormRow(element.oid, element.typmod, fields.data(), fields.size()),
                                      element.oid, element.typmod);
                } else {
                    pg::Value in{col.values[k], col.nulls[k], col.actual_type, col.actual_typmod};
                    v = Coerce(in, *t.element);
                }
                c.Set(k + 1, ElementValue(v, type, var.name));
            }
        }
        pg::MoveCollection(made[j], call_context_);
        StoreOwned(t.slot, pg::Value::Of(made[j], var.type.oid, var.type.typmod));
        made[j] = 0;
    }
}

}  // namespace plpolar::exec
