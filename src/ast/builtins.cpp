// The built-in table (builtins.hpp).
#include "plpolar/ast/builtins.hpp"

#include <iterator>

namespace plpolar::ast {

namespace {

using Form = OracleCallForm;

// Kept equal to the functions sql/plpolar--<default version>.sql creates in
// schema plpolar: test/unit/builtins_test.cpp reads the script and checks.
const OracleFunction kOracleFunctions[] = {
    {"add_months", Form::Call, Builtin::None, 0, 0},
    {"decode", Form::Call, Builtin::Decode, 3, 10},
    {"greatest", Form::Call, Builtin::Greatest, 1, 10},
    {"instr", Form::Call, Builtin::Instr, 2, 2},
    {"last_day", Form::Call, Builtin::None, 0, 0},
    {"least", Form::Call, Builtin::Least, 1, 10},
    {"length", Form::Call, Builtin::Length, 1, 1},
    {"lpad", Form::Call, Builtin::Lpad, 2, 3},
    {"rpad", Form::Call, Builtin::Rpad, 2, 3},
    {"mod", Form::Call, Builtin::Mod, 2, 2},
    {"abs", Form::Native, Builtin::Abs, 1, 1},
    {"sign", Form::Native, Builtin::Sign, 1, 1},
    {"upper", Form::Native, Builtin::Upper, 1, 1},
    {"lower", Form::Native, Builtin::Lower, 1, 1},
    {"trim", Form::Native, Builtin::Btrim, 1, 1},  // pg_catalog.btrim: TRIM(s) is grammar in SQL
    {"ltrim", Form::Native, Builtin::Ltrim, 1, 1},
    {"rtrim", Form::Native, Builtin::Rtrim, 1, 1},
    {"months_between", Form::Call, Builtin::None, 0, 0},
    {"nvl", Form::Call, Builtin::Nvl, 2, 2},
    {"nvl2", Form::Call, Builtin::Nvl2, 3, 3},
    {"remainder", Form::Call, Builtin::None, 0, 0},
    {"replace", Form::Call, Builtin::Replace, 2, 3},
    {"round", Form::Call, Builtin::Round, 1, 2},
    {"substr", Form::Call, Builtin::Substr, 2, 3},
    {"sysdate", Form::CallOrValue, Builtin::None, 0, 0},
    {"systimestamp", Form::CallOrValue, Builtin::None, 0, 0},
    {"to_char", Form::Call, Builtin::ToChar, 1, 1},
    {"to_date", Form::Call, Builtin::None, 0, 0},
    {"to_timestamp", Form::Call, Builtin::None, 0, 0},
    {"to_timestamp_tz", Form::Call, Builtin::None, 0, 0},
    {"to_number", Form::Call, Builtin::ToNumber, 1, 1},
    {"trunc", Form::Call, Builtin::Trunc, 1, 2},
    // Session context and event attributes (session/context.c); Oracle
    // code writes the event attributes without parentheses.
    {"sys_context", Form::Call, Builtin::None, 0, 0},
    {"ora_sysevent", Form::CallOrValue, Builtin::None, 0, 0},
    {"ora_login_user", Form::CallOrValue, Builtin::None, 0, 0},
    {"ora_client_ip_address", Form::CallOrValue, Builtin::None, 0, 0},
    {"ora_database_name", Form::CallOrValue, Builtin::None, 0, 0},
    {"ora_instance_num", Form::CallOrValue, Builtin::None, 0, 0},
    {"ora_dict_obj_name", Form::CallOrValue, Builtin::None, 0, 0},
    {"ora_dict_obj_type", Form::CallOrValue, Builtin::None, 0, 0},
    {"ora_dict_obj_owner", Form::CallOrValue, Builtin::None, 0, 0},
    // Helpers of the script itself (plpolar.exec is called as such).
    {"date_format", Form::Internal, Builtin::None, 0, 0},
    {"date_unit", Form::Internal, Builtin::None, 0, 0},
    {"exec", Form::Internal, Builtin::None, 0, 0},
    {"translate_sql", Form::Internal, Builtin::None, 0, 0},
    {"oracle_message", Form::Internal, Builtin::None, 0, 0},
    {"disable_constraint", Form::Internal, Builtin::None, 0, 0},
    {"enable_constraint", Form::Internal, Builtin::None, 0, 0},
    {"nls_date_format", Form::Internal, Builtin::None, 0, 0},
    // CREATE / DROP CONTEXT, the SESSION_CONTEXT view's rows and ALTER
    // SESSION SET CURRENT_SCHEMA: what plpolar.exec's translations call.
    {"create_context", Form::Internal, Builtin::None, 0, 0},
    {"drop_context", Form::Internal, Builtin::None, 0, 0},
    {"session_context_values", Form::Internal, Builtin::None, 0, 0},
    {"set_current_schema", Form::Internal, Builtin::None, 0, 0},
    // DBMS_ASSERT.<member>, reached through the package name.
    {"dbms_assert_enquote_literal", Form::Internal, Builtin::None, 0, 0},
    {"dbms_assert_enquote_name", Form::Internal, Builtin::None, 0, 0},
    {"dbms_assert_invalid_object_name", Form::Internal, Builtin::None, 0, 0},
    {"dbms_assert_noop", Form::Internal, Builtin::None, 0, 0},
    {"dbms_assert_qualified_sql_name", Form::Internal, Builtin::None, 0, 0},
    {"dbms_assert_schema_name", Form::Internal, Builtin::None, 0, 0},
    {"dbms_assert_simple_sql_name", Form::Internal, Builtin::None, 0, 0},
    {"dbms_assert_sql_object_name", Form::Internal, Builtin::None, 0, 0},
};

}  // namespace

const OracleFunction *OracleFunctions(size_t *count) {
    *count = std::size(kOracleFunctions);
    return kOracleFunctions;
}

const OracleFunction *FindOracleFunction(const std::string &name) {
    for (const auto &f : kOracleFunctions)
        if (name == f.name) return &f;
    return nullptr;
}

}  // namespace plpolar::ast
