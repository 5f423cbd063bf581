// The argument binder (compile/binder.hpp), which every call form uses.
#include <gtest/gtest.h>

#include "plpolar/compile/binder.hpp"

namespace {

using namespace plpolar;
using compile::BindFailure;
using compile::NamedPosition;

std::vector<ast::CallArg> Args(std::vector<std::string> names) {
    std::vector<ast::CallArg> out;
    for (auto &n : names) out.push_back(ast::CallArg{n, nullptr, nullptr});
    return out;
}

const std::vector<compile::BindParam> kParams = {{"a", false}, {"b", true}, {"c", true}};

TEST(Binder, PositionalAndNamed) {
    auto b = compile::BindArguments(Args({"", "c"}), kParams, NamedPosition::Counts);
    EXPECT_EQ(b.failure, BindFailure::None);
    EXPECT_EQ(b.arg_of_param, (std::vector<int>{0, -1, 1}));
    EXPECT_EQ(b.param_of_arg, (std::vector<int>{0, 2}));
}

TEST(Binder, Failures) {
    EXPECT_EQ(compile::BindArguments(Args({"x"}), kParams, NamedPosition::Counts).failure, BindFailure::UnknownName);
    EXPECT_EQ(compile::BindArguments(Args({"", "", "", ""}), kParams, NamedPosition::Counts).failure,
              BindFailure::TooMany);
    auto twice = compile::BindArguments(Args({"", "a"}), kParams, NamedPosition::Counts);
    EXPECT_EQ(twice.failure, BindFailure::Twice);
    EXPECT_EQ(twice.failed_param, 0u);
    EXPECT_EQ(twice.bound, 1u);
    auto missing = compile::BindArguments(Args({"b"}), kParams, NamedPosition::Counts);
    EXPECT_EQ(missing.failure, BindFailure::Missing);
    EXPECT_EQ(missing.failed_param, 0u);
}

TEST(Binder, NamedPositionDiffersByCallForm) {
    // c => x, y: y takes position 1 where a named argument counts (b),
    // position 0 where it does not (a).
    auto counts = compile::BindArguments(Args({"c", ""}), kParams, NamedPosition::Counts);
    EXPECT_EQ(counts.arg_of_param, (std::vector<int>{-1, 1, 0}));
    EXPECT_EQ(counts.failure, BindFailure::Missing);
    auto skipped = compile::BindArguments(Args({"c", ""}), kParams, NamedPosition::Skipped);
    EXPECT_EQ(skipped.arg_of_param, (std::vector<int>{1, -1, 0}));
    EXPECT_EQ(skipped.failure, BindFailure::None);
}

}  // namespace
