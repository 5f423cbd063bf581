// DML trigger functions: the variables a firing fills (NEW, OLD and their
// REFERENCING names, INSERTING / UPDATING / DELETING, UPDATING('c'), TG_*),
// declared in the function's outermost scope, compiled for the table the
// trigger fires on so that NEW.col has the column's type.
#include <algorithm>

#include "compiler_impl.hpp"
#include "plpolar/pg/trigger.hpp"

namespace plpolar::compile {

namespace {

struct TgVariable {
    const char *name;
    Oid type;
};

// PL/pgSQL's names, for PostgreSQL users.
constexpr TgVariable kTgVariables[] = {
    {"tg_name", TEXTOID},  {"tg_when", TEXTOID},      {"tg_level", TEXTOID},      {"tg_op", TEXTOID},
    {"tg_relid", OIDOID},  {"tg_relname", TEXTOID},   {"tg_table_name", TEXTOID}, {"tg_table_schema", TEXTOID},
    {"tg_nargs", INT4OID}, {"tg_argv", TEXTARRAYOID},
};

}  // namespace

void Compiler::DeclareTriggerVariables(Scope &fscope) {
    CompiledFunction::TriggerState &t = fn_.trigger;
    Oid relid = fn_.info.trigger_relid;
    // Without a table (the validator), rows of any shape.
    pg::TypeInfo row = pg::TypeFromOid(RECORDOID, -1);
    if (relid != InvalidOid) {
        row = pg::TypeFromOid(pg::RelationRowTypeOid(relid), -1);
        t.relation_signature = pg::RelationSignature(relid);
    }
    auto declare_row = [&](const char *name, const std::string &alias, Variable::TriggerRow which) {
        Variable v;
        v.name = name;
        v.type = row;
        v.trigger_row = which;
        int slot = AddVariable(std::move(v));
        fscope.names[name] = slot;
        if (alias != name) fscope.names[alias] = slot;
        return slot;
    };
    t.new_row = declare_row("new", t.new_alias, Variable::TriggerRow::New);
    t.old_row = declare_row("old", t.old_alias, Variable::TriggerRow::Old);
    auto declare = [&](const char *name, Oid type) {
        Variable v;
        v.name = name;
        v.type = pg::TypeFromOid(type, -1);
        v.kind = VariableKind::Trigger;
        int slot = AddVariable(std::move(v));
        fscope.names[name] = slot;
        return slot;
    };
    t.inserting = declare("inserting", BOOLOID);
    t.updating = declare("updating", BOOLOID);
    t.deleting = declare("deleting", BOOLOID);
    // All are declared (their names resolve the same whatever the body
    // says); a firing fills only those the body's words name, as no other
    // can be read.
    for (const TgVariable &tg : kTgVariables) {
        int slot = declare(tg.name, tg.type);
        if (std::find(t.tg_named.begin(), t.tg_named.end(), tg.name) != t.tg_named.end())
            t.tg.emplace_back(tg.name, slot);
    }
    t.timing_point = declare("plpolar$timing_point", INT4OID);
}

bool Compiler::CompileTriggerPredicate(ast::CallExpr &call, const Scope &scope) {
    if (call.name.size() != 1 || call.name[0] != "updating" || !call.has_parens) return false;
    if (LookupName(fn_, scope, call.name) != fn_.trigger.updating) return false;  // shadowed
    if (call.args.size() != 1 || !call.args[0].name.empty() || call.args[0].value->kind != ast::ExprKind::Literal ||
        ast::Cast<ast::LiteralExpr>(*call.args[0].value).type != ast::LiteralExpr::Type::String)
        Error(call.loc, "UPDATING takes one column name as a string literal: UPDATING('column')", ERRCODE_SYNTAX_ERROR);
    std::string column = ast::Cast<ast::LiteralExpr>(*call.args[0].value).text;
    int attnum = 0;
    if (fn_.info.trigger_relid != InvalidOid) {
        // Oracle's column names are upper case: 'SAL' is PostgreSQL's sal.
        attnum = pg::RelationColumnNumber(fn_.info.trigger_relid, column);
        if (attnum == 0) {
            std::string lower = column;
            for (char &c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            attnum = pg::RelationColumnNumber(fn_.info.trigger_relid, lower);
        }
        if (attnum == 0)
            Error(call.loc, "UPDATING('" + column + "'): the table has no column \"" + column + "\"",
                  ERRCODE_UNDEFINED_COLUMN);
    }
    int slot = -1;
    for (const auto &[att, s] : fn_.trigger.updating_columns)
        if (att == attnum && attnum != 0) slot = s;
    if (slot < 0) {
        Variable v;
        v.name = "updating('" + column + "')";
        v.type = pg::TypeFromOid(BOOLOID, -1);
        v.kind = VariableKind::Trigger;
        slot = AddVariable(std::move(v));
        fn_.trigger.updating_columns.emplace_back(attnum, slot);
    }
    call.builtin = ast::Builtin::TriggerColumn;
    call.slot = slot;
    return true;
}

}  // namespace plpolar::compile
