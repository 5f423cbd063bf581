#include "plpolar/compile/packages.hpp"

namespace plpolar::compile {

namespace {

using ast::Builtin;
constexpr ParamMode In = ParamMode::In;
constexpr ParamMode Out = ParamMode::Out;
constexpr ParamMode InOut = ParamMode::InOut;

const PackageMember kMembers[] = {
    {"dbms_output", "enable", Builtin::OutputEnable, true, {"buffer_size"}, {In}, 0},
    {"dbms_output", "disable", Builtin::OutputDisable, true, {}, {}, 0},
    {"dbms_output", "put", Builtin::OutputPut, true, {"a"}, {In}, 1},
    {"dbms_output", "put_line", Builtin::OutputPutLine, true, {"a"}, {In}, 1},
    {"dbms_output", "new_line", Builtin::OutputNewLine, true, {}, {}, 0},
    {"dbms_output", "get_line", Builtin::OutputGetLine, true, {"line", "status"}, {Out, Out}, 2},
    {"dbms_output", "get_lines", Builtin::OutputGetLines, true, {"lines", "numlines"}, {Out, InOut}, 2},
    {"dbms_session", "reset_package", Builtin::ResetPackage, true, {}, {}, 0},
    {"dbms_session", "modify_package_state", Builtin::ModifyPackageState, true, {"action_flags"}, {In}, 1},
    // USERNAME and CLIENT_ID (globally accessed contexts) are accepted and
    // have no effect: every context here is local to the session.
    {"dbms_session",
     "set_context",
     Builtin::SetContext,
     true,
     {"namespace", "attribute", "value", "username", "client_id"},
     {In, In, In, In, In},
     3},
    {"dbms_session",
     "clear_context",
     Builtin::ClearContext,
     true,
     {"namespace", "client_id", "attribute"},
     {In, In, In},
     1},
    {"dbms_session", "clear_all_context", Builtin::ClearAllContext, true, {"namespace"}, {In}, 1},
    {"dbms_utility", "format_error_stack", Builtin::FormatErrorStack, false, {}, {}, 0},
    {"dbms_utility", "format_error_backtrace", Builtin::FormatErrorBacktrace, false, {}, {}, 0},
    {"dbms_utility", "format_call_stack", Builtin::FormatCallStack, false, {}, {}, 0},
};

}  // namespace

const PackageMember *FindPackageMember(const ast::NameChain &name) {
    // SYS.DBMS_OUTPUT.PUT_LINE: Oracle's supplied packages belong to SYS.
    size_t first = name.size() == 3 && name[0] == "sys" ? 1 : 0;
    if (name.size() - first != 2) return nullptr;
    for (const auto &m : kMembers)
        if (name[first] == m.package && name[first + 1] == m.name) return &m;
    return nullptr;
}

}  // namespace plpolar::compile
