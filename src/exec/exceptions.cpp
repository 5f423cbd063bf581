// Exception handlers, RAISE, RAISE_APPLICATION_ERROR, SQLCODE and SQLERRM.
//
// Oracle undoes only the failing statement when an exception is handled;
// the statements before it in the block keep their work. Inside a block
// with handlers every statement that can change the database runs in its
// own subtransaction (Executor::Atomic; calls of user code: EvalPgExpr). plpolar.exception_rollback =
// block gives PL/pgSQL's behaviour instead: one subtransaction per block.
//
// An error inside such a block reaches the block as Flow::Error. Most are
// C++ exceptions caught at the statement (ExecStmt); an assignment of a
// pure expression (operators on variables and literals) gets its
// operators' errors back by return value instead ("soft" errors), because
// unwinding costs more than everything else a handled error does.
#include "plpolar/compile/conditions.hpp"
#include "plpolar/exec/executor.hpp"
#include "plpolar/pg/guard.hpp"
#include "plpolar/pg/memory.hpp"
#include "plpolar/settings/settings.hpp"

namespace plpolar::exec {

namespace {

// Session state: the errors the exception handlers running in this backend
// are handling, innermost last, over every plpolar call on the C stack. A
// function or procedure called from a handler (directly, or through SQL)
// sees that error in SQLCODE, SQLERRM and DBMS_UTILITY.FORMAT_ERROR_*, as in
// Oracle, until the handler exits. ExecHandled pushes and pops its entry;
// C++ frames always unwind before an error leaves plpolar, so the stack is
// empty between top-level calls.
std::vector<pg::PgError> &HandledErrors() {
    static std::vector<pg::PgError> stack;
    return stack;
}

}  // namespace

const pg::PgError *Executor::HandledError() {
    const std::vector<pg::PgError> &stack = HandledErrors();
    return stack.empty() ? nullptr : &stack.back();
}

bool Executor::Matches(const std::vector<compile::Condition> &conditions, const pg::PgError &error) const {
    using Kind = compile::Condition::Kind;
    int code = error.sqlerrcode();
    const auto &origin = error.origin();
    for (const auto &c : conditions) {
        switch (c.kind) {
            case Kind::Others:
                if (compile::OthersCatches(code)) return true;
                break;
            case Kind::SqlState:
                // INVALID_NUMBER is SQL's; PL conversions raise VALUE_ERROR.
                if (origin.pl_conversion && code == ERRCODE_INVALID_TEXT_REPRESENTATION &&
                    c.sqlstate == ERRCODE_INVALID_TEXT_REPRESENTATION)
                    break;
                if (ERRCODE_IS_CATEGORY(c.sqlstate) ? ERRCODE_TO_CATEGORY(code) == c.sqlstate : code == c.sqlstate)
                    return true;
                break;
            case Kind::ValueError:
                if (compile::IsValueError(error.data(), origin.pl_conversion, origin.embedded_sql)) return true;
                break;
            case Kind::UserException:
                if (origin.function == &fn_ && origin.user_exception == c.exception) return true;
                break;
            case Kind::Message:
                // Raised by a package, perhaps through SQL (which keeps only
                // the error's code and text).
                if (code == c.sqlstate && error.data()->message != nullptr && c.message == error.data()->message)
                    return true;
                break;
        }
    }
    return false;
}

void Executor::SoftRaise(int sqlstate, const char *message) {
    if (!soft_) pg::Raise(sqlstate, message);
    if (soft_error_ == nullptr) soft_error_ = pg::CaptureRaise(sqlstate, message);
}

bool Executor::SoftCall2(PGFunction fn, Datum a, Datum b, Datum *out) {
    if (!soft_) {
        *out = pg::Call2(fn, a, b);
        return true;
    }
    if (soft_error_ != nullptr) return false;
    soft_error_ = pg::TryCall2(fn, a, b, out);
    return soft_error_ == nullptr;
}

pg::Value Executor::IntegerOverflow(Oid type) {
    SoftRaise(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "integer out of range");
    return pg::Value::Null(type);
}

Flow Executor::ExecHandled(const ast::BlockStmt &block, compile::BlockSite &site) {
    bool whole_block = settings::ExceptionRollbackMode() == settings::ExceptionRollback::Block;
    size_t handler = 0;
    pg::PgError caught(nullptr);
    {
        std::unique_ptr<pg::SubTransaction> sub;
        if (whole_block) sub = std::make_unique<pg::SubTransaction>();
        struct Depth {
            int &depth;
            bool on;
            Depth(int &d, bool o) : depth(d), on(o) { depth += on ? 1 : 0; }
            ~Depth() { depth -= on ? 1 : 0; }
        } depth{protected_depth_, !whole_block};
        try {
            Flow flow = ExecStmts(block.body);
            if (flow != Flow::Error) {
                if (sub) sub->Commit();
                return flow;
            }
            caught = pending_error_;
        } catch (pg::PgError &e) {
            caught = e;
        }
        if (sub) sub->Rollback();
    }
    for (handler = 0; handler < site.handlers.size(); ++handler)
        if (Matches(site.handlers[handler], caught)) break;
    if (handler == site.handlers.size()) {
        // Not ours: on to the enclosing handler block, by return code when
        // there is one in this call.
        if (protected_depth_ > 0) {
            pending_error_ = caught;
            return Flow::Error;
        }
        throw caught;
    }
    // The handler runs outside the block's protection: what it raises goes
    // to the enclosing block.
    current_ = &block;
    pg::ErrorMemoryPin pin;
    handling_.push_back(caught);
    struct Pop {
        Executor &e;
        bool in_session = false;
        ~Pop() {
            e.handling_.pop_back();
            if (in_session) HandledErrors().pop_back();
            try {
                e.SetErrorInfo();
            } catch (...) {
            }
        }
    } pop{*this};
    HandledErrors().push_back(caught);
    pop.in_session = true;
    SetErrorInfo();
    Flow flow = ExecStmts(block.handlers[handler].body);
    // Handled for good: its data need not wait for the end of the
    // transaction (a loop may handle millions). A RAISE; inside the handler
    // handled further in shares it with an outer handler, which frees it.
    ErrorData *edata = caught.data();
    int users = 0;
    for (const auto &h : handling_) users += h.data() == edata ? 1 : 0;
    // A RAISE; that leaves the handler carries the same data on.
    bool passed_on = flow == Flow::Error && pending_error_.data() == edata;
    if (users == 1 && !passed_on) pg::FreeError(edata);
    return flow;
}

Flow Executor::ExecRaise(const ast::RaiseStmt &stmt) {
    if (stmt.exception.empty()) {
        if (handling_.empty())
            pg::Raise(ERRCODE_SYNTAX_ERROR, "RAISE without parameters cannot be used outside an exception handler");
        throw pg::PgError(handling_.back());
    }
    try {
        pg::Raise(stmt.sqlstate, stmt.message);
    } catch (pg::PgError &e) {
        if (stmt.user_exception >= 0) {
            const compile::ExceptionInfo &info = fn_.exceptions[static_cast<size_t>(stmt.user_exception)];
            e.origin().function = &fn_;
            e.origin().user_exception = stmt.user_exception;
            e.origin().oracle_code = info.oracle_code != 0 ? info.oracle_code : 1;
        } else if (stmt.oracle_code != 0) {
            e.origin().oracle_code = stmt.oracle_code;
        }
        throw;
    }
}

void Executor::RaiseApplicationError(const ast::CallExpr &call) {
    ResetTemp();
    compile::CastSite to_int;
    to_int.target = pg::TypeFromOid(INT4OID, -1);
    pg::Value code = Coerce(Eval(*call.args[0].value), to_int);
    pg::Value message = Eval(*call.args[1].value);
    bool keep = false;
    if (call.args.size() > 2) {
        bool isnull = false;
        keep = EvalCondition(*call.args[2].value, &isnull) && !isnull;
    }
    int number = code.isnull ? 0 : DatumGetInt32(code.datum);
    if (!compile::IsApplicationErrorCode(number))
        pg::Raise(ERRCODE_INVALID_PARAMETER_VALUE, "ORA-21000: error number argument to raise_application_error of " +
                                                       std::to_string(number) + " is out of range");
    std::string detail;
    if (const pg::PgError *prev = HandledError(); keep && prev != nullptr)
        detail = compile::SqlErrm(prev->data(), prev->origin().oracle_code, prev->origin().pl_conversion,
                                  prev->origin().embedded_sql);
    ThrowApplicationError(number, message.isnull ? std::string() : ToText(message), detail);
}

void Executor::ThrowApplicationError(int number, const std::string &message, const std::string &detail) {
    pg::ErrorSpec spec;
    spec.sqlstate = compile::ApplicationErrorSqlState(number);
    // The client sees Oracle's "ORA-20nnn: message" (applications moved from
    // Oracle look for it) and SQLSTATE UDnnn; SQLERRM gives the message alone.
    char prefix[16];
    snprintf(prefix, sizeof(prefix), "ORA-%05d: ", -number);
    spec.message = prefix + message;
    spec.detail = detail;
    try {
        pg::Raise(spec);
    } catch (pg::PgError &e) {
        e.origin().oracle_code = number;
        throw;
    }
}

void Executor::SetErrorInfo() {
    if (!fn_.uses_error_info) return;
    StoreCoerced(fn_.sqlcode_slot, EvalSqlCode());
    StoreCoerced(fn_.sqlerrm_slot, EvalSqlErrm(nullptr));
}

pg::Value Executor::EvalSqlCode() {
    const pg::PgError *e = HandledError();
    if (e == nullptr) return pg::Value::Of(Int32GetDatum(0), INT4OID);
    return pg::Value::Of(Int32GetDatum(compile::SqlCode(e->data(), e->origin().oracle_code, e->origin().pl_conversion,
                                                        e->origin().embedded_sql)),
                         INT4OID);
}

pg::Value Executor::EvalSqlErrm(const ast::Expr *code) {
    std::string text;
    if (code != nullptr) {
        compile::CastSite to_int;
        to_int.target = pg::TypeFromOid(INT4OID, -1);
        pg::Value v = Coerce(Eval(*code), to_int);
        if (v.isnull) return pg::Value::Null(TEXTOID);
        text = compile::SqlErrmForCode(DatumGetInt32(v.datum));
    } else if (const pg::PgError *e = HandledError()) {
        text =
            compile::SqlErrm(e->data(), e->origin().oracle_code, e->origin().pl_conversion, e->origin().embedded_sql);
    } else {
        text = compile::SqlErrmForCode(0);
    }
    return pg::TextValue(text.c_str());
}

}  // namespace plpolar::exec
