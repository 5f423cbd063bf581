// Records: field reads and writes, row-to-row conversion by position, and
// the INTO targets of SELECT, FETCH and EXECUTE IMMEDIATE.
#include "plpolar/exec/executor.hpp"
#include "plpolar/pg/collection.hpp"
#include "plpolar/pg/guard.hpp"
#include "plpolar/pg/memory.hpp"
#include "plpolar/pg/packages.hpp"
#include "plpolar/pg/row.hpp"

namespace plpolar::exec {

namespace {

[[noreturn]] void NotAssigned(const std::string &name) {
    pg::Raise(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE, "record \"" + name + "\" is not assigned yet",
              "The shape of a cursor's row is known only after a row was fetched into it.");
}

// A field of a TYPE ... IS RECORD as declared: its row descriptor keeps
// only the SQL type, without the byte limit of a VARCHAR2(n BYTE) field.
pg::TypeInfo DeclaredField(const compile::CompiledFunction &fn, Oid type, int32 typmod, size_t index,
                           const pg::TypeInfo &stored) {
    pg::TypeInfo out = stored;
    auto it = type == RECORDOID ? fn.record_types.find(typmod) : fn.record_types.end();
    if (it == fn.record_types.end()) return out;
    const auto &site = ast::Cast<compile::RecordTypeSite>(*it->second->annotation);
    if (index < site.field_types.size()) out.byte_limit = site.field_types[index].byte_limit;
    return out;
}

bool SameTarget(const pg::TypeInfo &a, const pg::TypeInfo &b) {
    return a.oid == b.oid && a.typmod == b.typmod && a.byte_limit == b.byte_limit;
}

}  // namespace

pg::Value Executor::NullRow(const pg::TypeInfo &type) {
    std::vector<pg::RowField> fields = pg::RowFields(type.oid, type.typmod);
    std::vector<pg::Value> values(fields.size());
    for (size_t i = 0; i < fields.size(); ++i) values[i] = pg::Value::Null(fields[i].type.oid);
    // TYPE t IS RECORD fields may have defaults.
    auto it = type.oid == RECORDOID ? fn_.record_types.find(type.typmod) : fn_.record_types.end();
    if (it != fn_.record_types.end()) {
        const ast::RecordTypeDecl &decl = *it->second;
        auto &site = ast::Cast<compile::RecordTypeSite>(*decl.annotation);
        for (size_t i = 0; i < decl.fields.size() && i < values.size(); ++i)
            if (decl.fields[i].default_value) values[i] = Coerce(Eval(*decl.fields[i].default_value), *site.casts[i]);
    }
    Datum row = pg::FormRow(type.oid, type.typmod, values.data(), values.size());
    return pg::Value::Of(row, type.oid, type.typmod);
}

pg::Value Executor::ConvertRow(const pg::Value &value, compile::CastSite &cast) {
    const pg::TypeInfo &t = cast.target;
    std::vector<pg::Value> values = pg::RowValues(value.datum);
    std::vector<pg::RowField> fields = pg::RowFields(t.oid, t.typmod);
    if (values.size() != fields.size())
        pg::Raise(ERRCODE_DATATYPE_MISMATCH,
                  "ORA-06504: PL/SQL: Return types of Result Set variables or query do not match",
                  "The row has " + std::to_string(values.size()) + " fields, the record " +
                      std::to_string(fields.size()) + ".");
    if (cast.fields.size() != fields.size()) {
        cast.fields.clear();
        for (const auto &f : fields) {
            cast.fields.push_back(std::make_unique<compile::CastSite>());
            cast.fields.back()->target = f.type;
        }
    }
    for (size_t i = 0; i < fields.size(); ++i) {
        pg::TypeInfo field = DeclaredField(fn_, t.oid, t.typmod, i, fields[i].type);
        if (!SameTarget(cast.fields[i]->target, field)) {
            cast.fields[i] = std::make_unique<compile::CastSite>();
            cast.fields[i]->target = field;
        }
        values[i] = Coerce(values[i], *cast.fields[i]);
    }
    return pg::Value::Of(pg::FormRow(t.oid, t.typmod, values.data(), values.size()), t.oid, t.typmod);
}

pg::Value Executor::EvalField(const ast::NameExpr &expr) {
    auto &site = ast::Cast<compile::FieldSite>(*expr.annotation);
    if (unlikely(buffered_)) {
        if (RowBuffer *b = BufferFor(expr.slot)) {
            int attnum = pg::TriggerRowColumn(b->row, site.field.c_str(), site.buffer_attnum, &site.buffer_desc);
            if (attnum == 0)
                pg::Raise(ERRCODE_UNDEFINED_COLUMN, "record \"" + fn_.variables[static_cast<size_t>(expr.slot)].name +
                                                        "\" has no field \"" + site.field + "\"");
            site.buffer_attnum = attnum;
            return pg::TriggerRowValue(b->row, attnum);
        }
    }
    const pg::Value &rec = slots_[static_cast<size_t>(expr.slot)];
    const compile::Variable &var = fn_.variables[static_cast<size_t>(expr.slot)];
    if (rec.isnull) {
        if (var.type.oid == RECORDOID && var.type.typmod < 0) NotAssigned(var.name);
        return pg::Value::Null(UNKNOWNOID);
    }
    pg::Value out;
    if (!pg::GetRowField(rec.datum, site.field, &site.cache, &out))
        pg::Raise(ERRCODE_UNDEFINED_COLUMN, "record \"" + var.name + "\" has no field \"" + site.field + "\"");
    for (size_t i = 0; i < site.path.size(); ++i) {
        // An attribute of a NULL object is NULL, as in Oracle.
        if (out.isnull) return pg::Value::Null(site.path_type);
        pg::Value inner;
        if (!pg::GetRowField(out.datum, site.path[i], &site.path_cache[i], &inner))
            pg::Raise(ERRCODE_UNDEFINED_COLUMN,
                      "field \"" + site.path[i] + "\" is missing in record \"" + var.name + "\"");
        out = inner;
    }
    return out;
}

void Executor::StoreField(int slot, const std::string &field, const pg::Value &value, compile::TargetSite &target) {
    const compile::Variable &var = fn_.variables[static_cast<size_t>(slot)];
    if (unlikely(buffered_)) {
        if (RowBuffer *b = BufferFor(slot)) {
            // A trigger's row kept deformed: the one column replaced.
            const void *seen = target.buffer_desc;
            int attnum = pg::TriggerRowColumn(b->row, field.c_str(), target.buffer_attnum, &target.buffer_desc);
            if (attnum == 0)
                pg::Raise(ERRCODE_UNDEFINED_COLUMN, "record \"" + var.name + "\" has no field \"" + field + "\"");
            if (attnum != target.buffer_attnum || seen != target.buffer_desc) {
                target.buffer_field = pg::TriggerRowColumnType(b->row, attnum);
                target.buffer_attnum = attnum;
            }
            if (!SameTarget(target.cast->target, target.buffer_field)) {
                target.cast = std::make_unique<compile::CastSite>();
                target.cast->target = target.buffer_field;
            }
            pg::Value v = Coerce(value, *target.cast);
            if (IsEmptyString(v)) v = pg::Value::Null(v.type);
            pg::MemoryContextScope in_call(call_context_);
            pg::SetTriggerRowValue(b->row, attnum, v);
            b->stale = true;
            b->modified = true;
            return;
        }
    }
    pg::Value rec = slots_[static_cast<size_t>(slot)];
    if (rec.isnull && var.type.oid == RECORDOID && var.type.typmod < 0) NotAssigned(var.name);
    if (rec.isnull && var.object)
        pg::Raise(pg::kAccessIntoNull, "ORA-06530: Reference to uninitialized composite",
                  "Object \"" + var.name + "\" is atomically NULL: give it a value with its constructor first.");
    if (!rec.isnull && rec.type != RECORDOID && rec.type == var.type.oid) {
        // A table's row (a trigger's :NEW, a %ROWTYPE): replace the one
        // field in place of the general path's lookups.
        if (target.row_type != rec.type) {
            std::vector<pg::RowField> fields = pg::RowFields(rec.type, -1);
            target.row_attnum = 0;
            for (const auto &f : fields)
                if (f.name == field) {
                    target.row_attnum = f.attnum;
                    target.row_field = f.type;
                }
            if (target.row_attnum == 0)
                pg::Raise(ERRCODE_UNDEFINED_COLUMN, "record \"" + var.name + "\" has no field \"" + field + "\"");
            target.row_type = rec.type;
        }
        if (!SameTarget(target.cast->target, target.row_field)) {
            target.cast = std::make_unique<compile::CastSite>();
            target.cast->target = target.row_field;
        }
        pg::Value v = Coerce(value, *target.cast);
        if (IsEmptyString(v)) v = pg::Value::Null(v.type);
        pg::MemoryContextScope in_call(call_context_);
        Datum row = 0;
        if (pg::ReplaceRowField(rec.datum, rec.type, target.row_attnum, field.c_str(), v, &target.row_cache, &row)) {
            StoreOwned(slot, pg::Value::Of(row, rec.type, rec.typmod));
            return;
        }
        // The table changed since: found again next time, the general way now.
        target.row_type = InvalidOid;
        target.cast = std::make_unique<compile::CastSite>();
    }
    StoreCoerced(slot, WithField(rec, var.type, "record \"" + var.name + "\"", field, value, target.cast));
}

pg::Value Executor::WithField(pg::Value rec, const pg::TypeInfo &rec_type, const std::string &owner,
                              const std::string &field, const pg::Value &value,
                              std::unique_ptr<compile::CastSite> &cast) {
    if (rec.isnull) rec = NullRow(rec_type);
    Oid type;
    int32 typmod;
    pg::RowTypeOf(rec.datum, &type, &typmod);
    std::vector<pg::RowField> fields = pg::RowFields(type, typmod);
    std::vector<pg::Value> values = pg::RowValues(rec.datum);
    size_t index = fields.size();
    for (size_t i = 0; i < fields.size(); ++i)
        if (fields[i].name == field) index = i;
    if (index == fields.size()) pg::Raise(ERRCODE_UNDEFINED_COLUMN, owner + " has no field \"" + field + "\"");
    pg::TypeInfo declared = DeclaredField(fn_, type, typmod, index, fields[index].type);
    if (!SameTarget(cast->target, declared)) {
        cast = std::make_unique<compile::CastSite>();
        cast->target = declared;
    }
    pg::Value v = Coerce(value, *cast);
    if (v.isnull && type == RECORDOID) {
        auto it = fn_.record_types.find(typmod);
        if (it != fn_.record_types.end() && index < it->second->fields.size() && it->second->fields[index].not_null)
            pg::Raise(ERRCODE_NULL_VALUE_NOT_ALLOWED,
                      "null value cannot be assigned to field \"" + field + "\" declared NOT NULL");
    }
    values[index] = v;
    return pg::Value::Of(pg::FormRow(type, typmod, values.data(), values.size()), type, typmod);
}

void Executor::StoreTarget(compile::TargetSite &target, const pg::Value &value) {
    if (unlikely(target.collection != nullptr)) {
        StoreElementAt(*target.collection, *target.cast, value);
        return;
    }
    if (target.package != nullptr) {
        WritePackageVariable(*target.package, target.field.empty() ? Coerce(value, *target.cast) : value);
        return;
    }
    if (target.field.empty())
        Store(target.slot, value, *target.cast);
    else if (!target.path.empty())
        StoreFieldPath(target, value);
    else
        StoreField(target.slot, target.field, value, target);
}

// r.a.b := v: each level's record read, the innermost given the value,
// and each rebuilt around the new one outwards; the variable gets the new
// row. A NULL object on the way is ORA-06530, as in Oracle.
void Executor::StoreFieldPath(compile::TargetSite &target, const pg::Value &value) {
    if (unlikely(buffered_)) SyncRowBuffers();
    const auto slot = static_cast<size_t>(target.slot);
    const compile::Variable &var = fn_.variables[slot];
    std::vector<std::string> names{target.field};
    names.insert(names.end(), target.path.begin(), target.path.end());
    std::vector<pg::Value> rows{slots_[slot]};
    std::vector<pg::TypeInfo> types{var.type};
    std::string owner = var.name;
    auto object_null = [&](size_t i) {
        if (!rows[i].isnull) return;
        if (var.object || !pg::ObjectTypePackage(types[i].oid).empty())
            pg::Raise(pg::kAccessIntoNull, "ORA-06530: Reference to uninitialized composite",
                      "Object \"" + owner + "\" is atomically NULL: give it a value with its constructor first.");
        rows[i] = NullRow(types[i]);
    };
    for (size_t i = 0; i + 1 < names.size(); ++i) {
        if (i == 0 && rows[0].isnull && var.type.oid == RECORDOID && var.type.typmod < 0) NotAssigned(var.name);
        if (i > 0 || var.object) object_null(i);
        if (rows[i].isnull) rows[i] = NullRow(types[i]);
        pg::TypeInfo field_type;
        for (const pg::RowField &f : pg::RowFields(types[i].oid, types[i].typmod))
            if (f.name == names[i]) field_type = f.type;
        if (field_type.typtype != TYPTYPE_COMPOSITE && !(field_type.oid == RECORDOID && field_type.typmod >= 0))
            pg::Raise(ERRCODE_UNDEFINED_COLUMN, "\"" + owner + "." + names[i] + "\" is not a record");
        std::vector<pg::Value> values = pg::RowValues(rows[i].datum);
        std::vector<pg::RowField> fields = pg::RowFields(types[i].oid, types[i].typmod);
        pg::Value inner = pg::Value::Null(field_type.oid);
        for (size_t k = 0; k < fields.size() && k < values.size(); ++k)
            if (fields[k].name == names[i]) inner = values[k];
        owner += "." + names[i];
        rows.push_back(inner);
        types.push_back(field_type);
    }
    object_null(rows.size() - 1);
    pg::Value v = value;
    for (size_t i = names.size(); i-- > 0;)
        v = WithField(rows[i], types[i], "record \"" + var.name + "\"", names[i], v, target.path_casts[i]);
    StoreCoerced(target.slot, v);
}

void Executor::AssignRow(std::vector<compile::TargetSite> &targets, pg::SqlStatement::Result &result, uint64 row) {
    int ncolumns = pg::SqlStatement::ColumnCount(result);
    if (targets.size() == 1 && targets[0].record) {
        pg::Value v;
        if (ncolumns == 1) {
            v = pg::SqlStatement::Column(result, row, 0);
            if (v.type != RECORDOID && !pg::IsRowType(v.type)) v = pg::SqlStatement::RowAsRecord(result, row);
        } else {
            v = pg::SqlStatement::RowAsRecord(result, row);
        }
        StoreTarget(targets[0], v);
        return;
    }
    if (ncolumns != static_cast<int>(targets.size()))
        pg::Raise(ERRCODE_DATATYPE_MISMATCH, "query returned " + std::to_string(ncolumns) + " column(s) for " +
                                                 std::to_string(targets.size()) + " INTO target(s)");
    for (size_t i = 0; i < targets.size(); ++i)
        StoreTarget(targets[i], pg::SqlStatement::Column(result, row, static_cast<int>(i)));
}

}  // namespace plpolar::exec
