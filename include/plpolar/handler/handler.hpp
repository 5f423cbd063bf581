// Pieces of the handler shared between its files.
#pragma once

#include "plpolar/compile/function.hpp"
#include "plpolar/compile/package_unit.hpp"
#include "plpolar/exec/executor.hpp"
#include "plpolar/parser/trigger.hpp"

namespace plpolar::handler {

// plpolar.exec(script) (exec_script.cpp).
Datum ExecScript(FunctionCallInfo fcinfo);

// The PostgreSQL form of an Oracle query or DML statement, as plpolar.exec
// runs it (q'[...]', NVL, SYSDATE, FROM DUAL, ROWNUM, t('x') constructors);
// `line`: the statement's line in its script, for errors (exec_script.cpp).
std::string TranslateQuery(const std::string &text, int line);

// plpolar.translate_sql(text) and plpolar.oracle_message(...), for the
// plpolar client (client_support.cpp).
Datum TranslateSql(FunctionCallInfo fcinfo);
Datum OracleMessage(FunctionCallInfo fcinfo);

// An Oracle parameter or return type in PostgreSQL's terms (exec_script.cpp).
std::string MapHeaderType(const std::string &type);

// CREATE PACKAGE [BODY] through plpolar.exec (exec_package.cpp): the
// action for its result row. `script_line`: the statement's first line.
std::string CreatePackage(const std::string &text, int script_line, int *body_line);
// DROP PACKAGE, ALTER PACKAGE ... COMPILE, GRANT / REVOKE EXECUTE ON a
// package or a routine: false if `text` is none of these.
bool RunPackageCommand(const std::string &text, std::string *action);
// The package's public subprograms as routines of its schema, created or
// replaced; those no longer declared go (exec_package.cpp).
void SyncPackageRoutines(const std::shared_ptr<compile::PackageUnit> &unit, const pg::PackageSource &src);

// CREATE TYPE ... AS OBJECT through plpolar.exec (exec_object_type.cpp);
// the type body goes through CreatePackage. DROP TYPE of an object type:
// false if `text` is not that.
std::string CreateObjectType(const std::string &text, int script_line, int *body_line);
bool RunObjectTypeCommand(const std::string &text, std::string *action);
// Any of these and the package DDL, for EXECUTE IMMEDIATE
// (compile::SetUnitDdlRunner): false if `text` is none of them.
bool RunUnitDdl(const std::string &text, std::string *action);

// A package's public subprogram (compile::CompiledFunction::package_member)
// called through fmgr; the result in the current memory context.
pg::Value CallPackageMember(FunctionCallInfo fcinfo, compile::CompiledFunction &member, bool nonatomic);

// What the session gives a call: polar_login_user & co.
// (session_variables.cpp).
void BindSessionVariables(exec::Executor &executor, const compile::CompiledFunction &fn);

// DML triggers (dml_trigger.cpp): the firing into the trigger variables
// (raising Oracle's errors for what the trigger kind forbids), then the
// result for the trigger manager.
// `rows_context`: where :NEW and :OLD are made when they are adopted whole
// (null: the current memory context).
void BindDmlTrigger(exec::Executor &executor, const compile::CompiledFunction &fn, const pg::TriggerCall &call,
                    MemoryContext rows_context = nullptr);
// `returned`: what Run returned (RETURN NEW, RETURN NULL, when the body did).
Datum DmlTriggerResult(exec::Executor &executor, const compile::CompiledFunction &fn, const pg::TriggerCall &call,
                       const pg::Value &returned);

// A compound trigger's firing (compound_trigger.cpp): its section, with the
// state its triggering statement's firings share.
Datum CallCompoundTrigger(std::shared_ptr<compile::CompiledFunction> fn, const pg::TriggerCall &call);
void RegisterCompoundTriggerCleanup();

// Oracle's CREATE TRIGGER through plpolar.exec (exec_trigger.cpp): the
// trigger and its function as one object; the action for the result row.
std::string CreateOracleTrigger(const std::string &text, int script_line, int *body_line);
// The functions of Oracle-form triggers whose table is gone (DROP TABLE
// dropped the PostgreSQL triggers only): AttachedTriggerFunctions before
// the statement, DropOrphanTriggerFunctions with its answer after it drops
// those the statement left without a trigger, and no others.
std::string AttachedTriggerFunctions();
void DropOrphanTriggerFunctions(const std::string &attached_before);
// ALTER TRIGGER name ENABLE | DISABLE | COMPILE | RENAME TO, DROP TRIGGER
// name, as Oracle writes them (no table): false if `text` is none of these.
bool RunTriggerCommand(const std::string &text, std::string *action);
// Oracle's system triggers (exec_system_trigger.cpp): CREATE TRIGGER ...
// AFTER LOGON | BEFORE LOGOFF | {BEFORE | AFTER} <DDL events> ON DATABASE |
// SCHEMA | user.SCHEMA as event triggers and their function.
std::string CreateSystemTrigger(const parser::OracleTrigger &trg);
// DROP / ALTER TRIGGER name of a system trigger (`words` upper case, `raw`
// as written); false if no event trigger has that name.
bool RunSystemTriggerCommand(const std::vector<std::string> &words, const std::vector<std::string> &raw,
                             const std::string &schema, const std::string &name, std::string *action);

// Binds tg_event / tg_tag for an event trigger call (event_trigger.cpp).
void BindEventTrigger(exec::Executor &executor, const compile::CompiledFunction &fn, EventTriggerData *data);

}  // namespace plpolar::handler
