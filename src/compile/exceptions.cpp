// Exception handlers' choices and RAISE.
#include <cctype>

#include "compiler_impl.hpp"
#include "plpolar/pg/guard.hpp"

namespace plpolar::compile {

void Compiler::CompileRaise(ast::RaiseStmt &s, const Scope &scope) {
    if (s.exception.empty()) {
        if (in_handler_ == 0) Error(s.loc, "RAISE without an exception name is only allowed in an exception handler");
        return;
    }
    if (s.exception.size() >= 2) {
        Condition c;
        int code = 0;
        if (PackageException(s.exception, s.loc, &c, &s.message, &code)) {
            s.sqlstate = c.sqlstate;
            s.oracle_code = code;
            return;
        }
    }
    if (s.exception.size() == 1) {
        int index = FindException(scope, s.exception[0]);
        if (index >= 0) {
            const ExceptionInfo &info = fn_.exceptions[static_cast<size_t>(index)];
            s.user_exception = index;
            s.sqlstate = info.sqlstate != 0 ? info.sqlstate : ERRCODE_RAISE_EXCEPTION;
            s.message = info.oracle_code == 0 ? "unhandled user-defined exception \"" + info.name + "\""
                                              : SqlErrmForCode(info.oracle_code);
            // A package's own exception: raised by its qualified name, which
            // handlers in any unit match (also after a trip through SQL).
            if (info.oracle_code == 0 && InPackageScope(scope, s.exception[0]))
                s.message = PackageExceptionMessage(fn_.info.name, info.name);
            return;
        }
        std::vector<Condition> conditions;
        if (s.exception[0] != "others" && LookupConditionName(s.exception[0], &conditions)) {
            s.sqlstate = conditions.front().sqlstate;
            s.oracle_code = PredefinedCode(s.exception[0]);
            s.message = ConditionMessage(s.exception[0]);
            return;
        }
    }
    Error(s.loc, "unrecognized exception condition \"" + ast::JoinName(s.exception) + "\"", ERRCODE_UNDEFINED_OBJECT);
}

bool Compiler::InPackageScope(const Scope &scope, const std::string &name) const {
    for (const Scope *s = &scope; s != nullptr; s = s->parent)
        if (s->FindException(name) >= 0) return s == package_scope_;
    return false;
}

int Compiler::FindException(const Scope &scope, const std::string &name) {
    for (const Scope *s = &scope; s != nullptr; s = s->parent) {
        int i = s->FindException(name);
        if (i >= 0) return i;
    }
    return -1;
}

void Compiler::CompileChoice(const ast::ExceptionHandler::Choice &choice, const Scope &scope, const ast::SourceLoc &loc,
                             std::vector<Condition> *out) {
    using Form = ast::ExceptionHandler::Choice::Form;
    if (choice.form == Form::Others) {
        out->push_back(Condition{Condition::Kind::Others, 0, -1});
        return;
    }
    if (choice.form == Form::SqlState) {
        const std::string &st = choice.sqlstate;
        bool ok = st.size() == 5;
        for (char c : st)
            if (!(std::isdigit(static_cast<unsigned char>(c)) || std::isupper(static_cast<unsigned char>(c))))
                ok = false;
        if (!ok) Error(loc, "invalid SQLSTATE code \"" + st + "\"");
        out->push_back(Condition{Condition::Kind::SqlState, MAKE_SQLSTATE(st[0], st[1], st[2], st[3], st[4]), -1});
        return;
    }
    if (choice.name.size() >= 2) {
        Condition c;
        std::string message;
        int code = 0;
        if (PackageException(choice.name, loc, &c, &message, &code)) {
            out->push_back(std::move(c));
            return;
        }
    }
    if (choice.name.size() == 1) {
        int index = FindException(scope, choice.name[0]);
        if (index >= 0) {
            const ExceptionInfo &info = fn_.exceptions[static_cast<size_t>(index)];
            if (info.sqlstate != 0) {
                out->push_back(Condition{Condition::Kind::SqlState, info.sqlstate, -1});
            } else if (InPackageScope(scope, choice.name[0])) {
                Condition c{Condition::Kind::Message, ERRCODE_RAISE_EXCEPTION, -1};
                c.message = PackageExceptionMessage(fn_.info.name, info.name);
                out->push_back(std::move(c));
            } else {
                out->push_back(Condition{Condition::Kind::UserException, 0, index});
            }
            return;
        }
        if (LookupConditionName(choice.name[0], out)) return;
    }
    Error(loc, "unrecognized exception condition \"" + ast::JoinName(choice.name) + "\"", ERRCODE_UNDEFINED_OBJECT);
}

}  // namespace plpolar::compile
