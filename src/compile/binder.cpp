// The one argument binder (binder.hpp).
#include "plpolar/compile/binder.hpp"

namespace plpolar::compile {

Binding BindArguments(const std::vector<ast::CallArg> &args, const std::vector<BindParam> &params,
                      NamedPosition named_position) {
    const size_t n = params.size();
    Binding b;
    b.arg_of_param.assign(n, -1);
    size_t position = 0;
    for (size_t a = 0; a < args.size(); ++a) {
        size_t p = position;
        if (args[a].name.empty() || named_position == NamedPosition::Counts) ++position;
        if (!args[a].name.empty()) {
            p = n;
            for (size_t i = 0; i < n; ++i)
                if (params[i].name == args[a].name) p = i;  // the last of equal names, as before
            if (p == n) {
                b.failure = BindFailure::UnknownName;
                return b;
            }
        }
        if (p >= n) {
            b.failure = BindFailure::TooMany;
            return b;
        }
        if (b.arg_of_param[p] >= 0) {
            b.failure = BindFailure::Twice;
            b.failed_param = p;
            return b;
        }
        b.arg_of_param[p] = static_cast<int>(a);
        b.param_of_arg.push_back(static_cast<int>(p));
        b.bound = a + 1;
    }
    for (size_t i = 0; i < n; ++i) {
        if (b.arg_of_param[i] < 0 && !params[i].optional) {
            b.failure = BindFailure::Missing;
            b.failed_param = i;
            return b;
        }
    }
    return b;
}

}  // namespace plpolar::compile
