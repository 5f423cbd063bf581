// DBMS_OUTPUT and DBMS_UTILITY, run by the interpreter.
#include <cstdio>
#include <cstring>
#include <sstream>

#include "plpolar/compile/conditions.hpp"
#include "plpolar/exec/executor.hpp"
#include "plpolar/exec/package_instance.hpp"
#include "plpolar/pg/client.hpp"
#include "plpolar/pg/session.hpp"
#include "plpolar/session/output_buffer.hpp"
#include "plpolar/settings/settings.hpp"

namespace plpolar::exec {

namespace {

// "PL/polar function f(integer) line 3 at CALL" -> name and line; false for
// other context lines (SQL statements, other languages).
bool ParseFrame(const std::string &line, std::string *name, int *lineno) {
    static const std::string kPrefix = "PL/polar function ";
    if (line.compare(0, kPrefix.size(), kPrefix) != 0) return false;
    size_t at = line.rfind(" line ");
    if (at == std::string::npos || at < kPrefix.size()) {
        *name = line.substr(kPrefix.size());
        *lineno = 0;
        return true;
    }
    *name = line.substr(kPrefix.size(), at - kPrefix.size());
    *lineno = std::atoi(line.c_str() + at + 6);
    return true;
}

std::vector<std::string> Lines(const std::string &text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

}  // namespace

Flow Executor::ExecPackageCall(compile::PackageCallSite &site) {
    session::OutputBuffer &out = session::Output();
    auto text_arg = [&](size_t i) {
        pg::Value v = site.args[i] != nullptr ? Eval(*site.args[i]) : pg::Value::Null(TEXTOID);
        return v.isnull ? std::string() : ToText(v);
    };
    auto int_arg = [&](size_t i) -> std::optional<int64_t> {
        compile::CastSite to_int;
        to_int.target = pg::TypeFromOid(INT8OID, -1);
        pg::Value v = Coerce(Eval(*site.args[i]), to_int);
        if (v.isnull) return std::nullopt;
        return DatumGetInt64(v.datum);
    };
    auto deliver = [](const std::optional<std::string> &line) {
        if (line) pg::SendLineToClient(*line);
    };
    bool serveroutput = settings::ServerOutput();
    // A parallel worker's writes belong to the session's buffer, which is
    // the leader's: they are sent there (see pg::SendOutputToLeader).
    // ENABLE, DISABLE and GET_LINE(S) act on the worker's own, empty buffer.
    bool relay = pg::InParallelWorker();
    try {
        switch (site.member->builtin) {
            case ast::Builtin::OutputEnable:
                out.Enable(site.args[0] != nullptr ? int_arg(0) : session::OutputBuffer::kDefaultLimit);
                break;
            case ast::Builtin::OutputDisable: out.Disable(); break;
            case ast::Builtin::OutputPut:
                if (relay)
                    pg::SendOutputToLeader(pg::OutputOp::Put, text_arg(0));
                else
                    out.Put(text_arg(0));
                break;
            case ast::Builtin::OutputPutLine:
                if (relay) {
                    pg::SendOutputToLeader(pg::OutputOp::PutLine, text_arg(0));
                    break;
                }
                out.Put(text_arg(0));
                deliver(out.NewLine(serveroutput));
                break;
            case ast::Builtin::OutputNewLine:
                if (relay)
                    pg::SendOutputToLeader(pg::OutputOp::NewLine, std::string());
                else
                    deliver(out.NewLine(serveroutput));
                break;
            case ast::Builtin::OutputGetLine: {
                std::optional<std::string> line = out.GetLine();
                StoreTarget(site.targets[0], line ? pg::TextValue(line->c_str()) : pg::Value::Null(TEXTOID));
                StoreTarget(site.targets[1], pg::Value::Of(Int32GetDatum(line ? 0 : 1), INT4OID));
                break;
            }
            case ast::Builtin::OutputGetLines: {
                std::optional<int64_t> wanted = int_arg(1);
                std::vector<std::string> lines = out.GetLines(wanted ? *wanted : 0);
                StoreTarget(site.targets[0], pg::TextArray(lines));
                StoreTarget(site.targets[1], pg::Value::Of(Int32GetDatum(static_cast<int32>(lines.size())), INT4OID));
                break;
            }
            case ast::Builtin::ResetPackage:
                // Every package instance of the session goes; the next use
                // of a package compiles and initialises it again. Calls
                // running now keep theirs until they return.
                DiscardAllPackages();
                break;
            case ast::Builtin::ModifyPackageState: {
                // DBMS_SESSION.FREE_ALL_RESOURCES (1) and REINITIALIZE (2)
                // both start the packages afresh here.
                std::optional<int64_t> flags = int_arg(0);
                if (!flags || (*flags != 1 && *flags != 2))
                    pg::Raise(ERRCODE_INVALID_PARAMETER_VALUE,
                              "ORA-06502: MODIFY_PACKAGE_STATE expects DBMS_SESSION.FREE_ALL_RESOURCES (1) or "
                              "DBMS_SESSION.REINITIALIZE (2)");
                DiscardAllPackages();
                break;
            }
            case ast::Builtin::SetContext:
            case ast::Builtin::ClearContext:
            case ast::Builtin::ClearAllContext: {
                // Only the unit CREATE CONTEXT named may: a package body
                // (package members only delegate to it, handler.cpp) or a
                // standalone routine; an anonymous block is no unit.
                auto value_arg = [&](size_t i) -> std::optional<std::string> {
                    if (site.args[i] == nullptr) return std::nullopt;
                    pg::Value v = Eval(*site.args[i]);
                    if (v.isnull) return std::nullopt;
                    return ToText(v);
                };
                pg::ContextCaller caller;
                if (fn_.package) {
                    // A package's body: its name is its schema's.
                    caller.unit = fn_.info.name;
                    caller.package = true;
                    caller.known = true;
                } else if (fn_.info.oid != InvalidOid) {
                    caller.unit = fn_.info.name;
                    caller.schema = fn_.info.schema;
                    caller.known = true;
                }
                const ast::Builtin b = site.member->builtin;
                std::optional<std::string> ns = value_arg(0);
                std::optional<std::string> attribute;
                std::optional<std::string> value;
                if (b == ast::Builtin::SetContext) {
                    attribute = value_arg(1);
                    value = value_arg(2);
                } else if (b == ast::Builtin::ClearContext) {
                    attribute = value_arg(2);
                }
                pg::ChangeApplicationContext(caller, ns, attribute, value, b != ast::Builtin::SetContext);
                break;
            }
            case ast::Builtin::None:
            case ast::Builtin::SqlErrm:
            case ast::Builtin::RaiseApplicationError:
            case ast::Builtin::FormatErrorStack:
            case ast::Builtin::FormatErrorBacktrace:
            case ast::Builtin::FormatCallStack:
            case ast::Builtin::Subprogram:
            case ast::Builtin::Collection:
            case ast::Builtin::BulkRowcount:
            case ast::Builtin::BulkException:
            case ast::Builtin::BulkExceptionCount:
            case ast::Builtin::TriggerColumn:
            case ast::Builtin::Length:
            case ast::Builtin::Substr:
            case ast::Builtin::Nvl:
            case ast::Builtin::Mod:
            case ast::Builtin::Nvl2:
            case ast::Builtin::Greatest:
            case ast::Builtin::Least:
            case ast::Builtin::Decode:
            case ast::Builtin::ToChar:
            case ast::Builtin::ToNumber:
            case ast::Builtin::Round:
            case ast::Builtin::Trunc:
            case ast::Builtin::Abs:
            case ast::Builtin::Sign:
            case ast::Builtin::Upper:
            case ast::Builtin::Lower:
            case ast::Builtin::Btrim:
            case ast::Builtin::Ltrim:
            case ast::Builtin::Rtrim:
            case ast::Builtin::Lpad:
            case ast::Builtin::Rpad:
            case ast::Builtin::Replace:
            case ast::Builtin::Instr: break;
        }
    } catch (const session::OutputError &e) {
        // Oracle raises these as ORA-20000 (SQLCODE -20000).
        ThrowApplicationError(-20000, e.what(), std::string());
    } catch (const session::OutputOutOfMemory &e) {
        pg::Raise(ERRCODE_OUT_OF_MEMORY, "out of memory", e.what());
    }
    return Flow::Normal;
}

bool ApplyRelayedOutput(pg::OutputOp op, const char *text, char **line) noexcept {
    try {
        session::OutputBuffer &out = session::Output();
        bool serveroutput = settings::ServerOutput();
        std::optional<std::string> finished;
        switch (op) {
            case pg::OutputOp::Put: out.Put(text); break;
            case pg::OutputOp::PutLine:
                out.Put(text);
                finished = out.NewLine(serveroutput);
                break;
            case pg::OutputOp::NewLine: finished = out.NewLine(serveroutput); break;
        }
        if (finished) {
            *line = pg::CopyNoThrow(finished->data(), finished->size());
            return *line != nullptr;
        }
        return true;
    } catch (...) {
        // ORU-10027/10028 or out of memory: the caller shows the text.
        return false;
    }
}

pg::Value Executor::EvalPackageFunction(ast::Builtin builtin) {
    std::string text;
    switch (builtin) {
        case ast::Builtin::FormatErrorStack: {
            const pg::PgError *e = HandledError();
            if (e == nullptr) return pg::Value::Null(TEXTOID);
            // Oracle's stack shows "ORA-20001: msg" where SQLERRM gives the
            // bare message of an application error.
            const char *message = e->data()->message;
            text = message != nullptr && strncmp(message, "ORA-", 4) == 0
                       ? std::string(message)
                       : compile::SqlErrm(e->data(), e->origin().oracle_code, e->origin().pl_conversion,
                                          e->origin().embedded_sql);
            text += "\n";
            break;
        }
        case ast::Builtin::FormatErrorBacktrace: {
            const pg::PgError *e = HandledError();
            if (e == nullptr) return pg::Value::Null(TEXTOID);
            const char *context = e->data()->context;
            std::string name;
            int line = 0;
            for (const auto &frame : Lines(context != nullptr ? context : ""))
                if (ParseFrame(frame, &name, &line))
                    text += "ORA-06512: at \"" + name + "\", line " + std::to_string(line) + "\n";
            break;
        }
        case ast::Builtin::FormatCallStack: {
            text = "----- PL/SQL Call Stack -----\n  object      line  object\n  handle    number  name\n";
            std::string name;
            int line = 0;
            for (const auto &frame : Lines(pg::ErrorContextStack())) {
                if (!ParseFrame(frame, &name, &line)) continue;
                char row[32];
                snprintf(row, sizeof(row), "%18d  ", line);
                text += row + std::string("function ") + name + "\n";
            }
            break;
        }
        case ast::Builtin::None:
        case ast::Builtin::SqlErrm:
        case ast::Builtin::RaiseApplicationError:
        case ast::Builtin::OutputEnable:
        case ast::Builtin::OutputDisable:
        case ast::Builtin::OutputPut:
        case ast::Builtin::OutputPutLine:
        case ast::Builtin::OutputNewLine:
        case ast::Builtin::OutputGetLine:
        case ast::Builtin::OutputGetLines:
        case ast::Builtin::ResetPackage:
        case ast::Builtin::ModifyPackageState:
        case ast::Builtin::Subprogram:
        case ast::Builtin::Collection:
        case ast::Builtin::BulkRowcount:
        case ast::Builtin::BulkException:
        case ast::Builtin::BulkExceptionCount:
        case ast::Builtin::TriggerColumn:
        case ast::Builtin::SetContext:
        case ast::Builtin::ClearContext:
        case ast::Builtin::ClearAllContext:
        case ast::Builtin::Length:
        case ast::Builtin::Substr:
        case ast::Builtin::Nvl:
        case ast::Builtin::Mod:
        case ast::Builtin::Nvl2:
        case ast::Builtin::Greatest:
        case ast::Builtin::Least:
        case ast::Builtin::Decode:
        case ast::Builtin::ToChar:
        case ast::Builtin::ToNumber:
        case ast::Builtin::Round:
        case ast::Builtin::Trunc:
        case ast::Builtin::Abs:
        case ast::Builtin::Sign:
        case ast::Builtin::Upper:
        case ast::Builtin::Lower:
        case ast::Builtin::Btrim:
        case ast::Builtin::Ltrim:
        case ast::Builtin::Rtrim:
        case ast::Builtin::Lpad:
        case ast::Builtin::Rpad:
        case ast::Builtin::Replace:
        case ast::Builtin::Instr: return pg::Value::Null(TEXTOID);
    }
    return pg::TextValue(text.c_str());
}

}  // namespace plpolar::exec
