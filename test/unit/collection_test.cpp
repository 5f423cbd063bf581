// types::Collection: Oracle's rules for associative arrays, nested tables
// and varrays, on plain integers as elements.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "plpolar/types/collection.hpp"

using plpolar::types::Collection;
using plpolar::types::CollectionElement;
using plpolar::types::CollectionError;
using plpolar::types::CollectionKind;

namespace {

int released = 0;
void Release(CollectionElement &) { ++released; }

void Put(Collection<> &c, int32_t k, uintptr_t v) {
    CollectionElement *e = nullptr;
    ASSERT_EQ(c.Assign(k, &e), CollectionError::None);
    e->datum = v;
    e->isnull = false;
}

std::vector<int32_t> Keys(Collection<> &c) {
    std::vector<int32_t> keys;
    c.ForEachInt([&keys](int32_t k, CollectionElement &) { keys.push_back(k); });
    return keys;
}

}  // namespace

TEST(Collection, AssociativeIntegerKeysInOrder) {
    released = 0;
    {
        Collection<> c(CollectionKind::Associative, false, 0, Release);
        Put(c, 10, 1);
        Put(c, -5, 2);
        Put(c, 3, 3);
        EXPECT_EQ(c.Count(), 3);
        EXPECT_EQ(*c.First(), -5);
        EXPECT_EQ(*c.Last(), 10);
        EXPECT_EQ(*c.Next(-5), 3);
        EXPECT_EQ(*c.Next(4), 10);  // 4 need not exist
        EXPECT_FALSE(c.Next(10).has_value());
        EXPECT_EQ(*c.Prior(3), -5);
        EXPECT_FALSE(c.Prior(-5).has_value());
        CollectionElement *e = nullptr;
        EXPECT_EQ(c.Find(7, &e), CollectionError::NoData);
        EXPECT_EQ(c.Find(3, &e), CollectionError::None);
        EXPECT_EQ(e->datum, 3u);
        // Overwriting keeps one element.
        Put(c, 3, 30);
        EXPECT_EQ(c.Count(), 3);
        c.Delete(-100, 5);
        EXPECT_EQ(Keys(c), std::vector<int32_t>({10}));
        EXPECT_EQ(released, 2);
    }
    EXPECT_EQ(released, 3);  // the rest go with the container
}

TEST(Collection, AssociativeStringKeysInByteOrder) {
    Collection<> c(CollectionKind::Associative, true, 0, Release);
    for (const char *k : {"pear", "Apple", "apple", "\xc3\xa9t\xc3\xa9", ""}) {
        CollectionElement *e = nullptr;
        ASSERT_EQ(c.Assign(std::string_view(k), &e), CollectionError::None);
        e->isnull = false;
    }
    EXPECT_EQ(c.Count(), 5);
    EXPECT_EQ(*c.FirstKey(), "");
    EXPECT_EQ(*c.NextKey(""), "Apple");
    EXPECT_EQ(*c.NextKey("Apple"), "apple");
    EXPECT_EQ(*c.NextKey("b"), "pear");
    EXPECT_EQ(*c.LastKey(), "\xc3\xa9t\xc3\xa9");  // multibyte sorts after ASCII
    EXPECT_EQ(*c.PriorKey("pear"), "apple");
    EXPECT_TRUE(c.Exists(std::string_view("apple")));
    EXPECT_FALSE(c.Exists(std::string_view("banana")));
    c.Delete(std::string_view("a"), std::string_view("z"));
    EXPECT_EQ(c.Count(), 3);
}

TEST(Collection, NestedTableHolesAndInternalSize) {
    Collection<> c(CollectionKind::Nested, false, 0, Release);
    int32_t first = 0;
    ASSERT_EQ(c.Extend(5, &first), CollectionError::None);
    EXPECT_EQ(first, 1);
    EXPECT_EQ(c.Count(), 5);
    CollectionElement *e = nullptr;
    EXPECT_EQ(c.Find(0, &e), CollectionError::OutsideLimit);
    EXPECT_EQ(c.Find(6, &e), CollectionError::BeyondCount);
    EXPECT_EQ(c.Assign(6, &e), CollectionError::BeyondCount);
    c.Delete(2, 3);
    EXPECT_EQ(c.Count(), 3);
    EXPECT_EQ(c.Size(), 5);
    EXPECT_EQ(c.Find(2, &e), CollectionError::NoData);
    EXPECT_EQ(*c.Next(1), 4);
    EXPECT_EQ(*c.Prior(4), 1);
    EXPECT_FALSE(c.Exists(2));
    // Deleting the last element keeps its slot: EXTEND appends after it.
    c.Delete(5, 5);
    EXPECT_EQ(*c.Last(), 4);
    ASSERT_EQ(c.Extend(1, &first), CollectionError::None);
    EXPECT_EQ(first, 6);
    // A deleted slot can be assigned again.
    EXPECT_EQ(c.Assign(2, &e), CollectionError::None);
    EXPECT_EQ(c.Count(), 4);
    // TRIM counts deleted slots too.
    ASSERT_EQ(c.Trim(3), CollectionError::None);
    EXPECT_EQ(c.Size(), 3);
    EXPECT_EQ(Keys(c), std::vector<int32_t>({1, 2}));
    EXPECT_EQ(c.Trim(4), CollectionError::BeyondCount);
    c.Clear();
    EXPECT_EQ(c.Size(), 0);
    EXPECT_FALSE(c.First().has_value());
}

TEST(Collection, VarrayLimit) {
    Collection<> c(CollectionKind::Varray, false, 3, Release);
    int32_t first = 0;
    ASSERT_EQ(c.Extend(2, &first), CollectionError::None);
    CollectionElement *e = nullptr;
    EXPECT_EQ(c.Find(3, &e), CollectionError::BeyondCount);
    EXPECT_EQ(c.Find(4, &e), CollectionError::OutsideLimit);  // the limit first
    EXPECT_EQ(c.Extend(2, &first), CollectionError::OutsideLimit);
    EXPECT_EQ(c.Size(), 2);
    ASSERT_EQ(c.Extend(1, &first), CollectionError::None);
    EXPECT_EQ(c.Count(), 3);
    EXPECT_EQ(c.limit(), 3);
}

TEST(Collection, ManyElements) {
    Collection<> c(CollectionKind::Associative, false, 0, Release);
    for (int32_t i = 0; i < 200000; ++i) Put(c, i * 7 % 200003, static_cast<uintptr_t>(i));
    EXPECT_EQ(c.Count(), 200000);
    int32_t previous = -1;
    bool ordered = true;
    c.ForEachInt([&](int32_t k, CollectionElement &) {
        ordered = ordered && k > previous;
        previous = k;
    });
    EXPECT_TRUE(ordered);
}

// Integer keys filled densely (upwards or downwards) stay in the window;
// far-apart keys or mostly deleted ones move to the map: the same answers
// either way.
TEST(Collection, AssociativeWindowAndMapAgree) {
    for (int mode = 0; mode < 3; ++mode) {
        released = 0;
        {
            Collection<> c(CollectionKind::Associative, false, 0, Release);
            const int n = 1000;
            for (int i = 0; i < n; ++i) Put(c, mode == 1 ? n - i : i + 1, static_cast<uintptr_t>(i));
            if (mode == 2) Put(c, 1000000000, 7);  // far away: the map from here on
            EXPECT_EQ(c.Count(), n + (mode == 2 ? 1 : 0));
            EXPECT_EQ(*c.First(), 1);
            EXPECT_EQ(*c.Last(), mode == 2 ? 1000000000 : n);
            EXPECT_EQ(*c.Next(0), 1);
            EXPECT_EQ(*c.Next(-100), 1);
            EXPECT_EQ(*c.Prior(5), 4);
            EXPECT_FALSE(c.Prior(1).has_value());
            EXPECT_TRUE(c.Exists(500));
            EXPECT_FALSE(c.Exists(0));
            EXPECT_FALSE(c.Exists(n + 1));
            CollectionElement *e = nullptr;
            EXPECT_EQ(c.Find(n + 1, &e), CollectionError::NoData);
            EXPECT_EQ(c.Find(-7, &e), CollectionError::NoData);
            c.Delete(2, 999);  // mostly holes: the map
            EXPECT_EQ(c.Count(), mode == 2 ? 3 : 2);
            EXPECT_EQ(*c.Next(1), 1000);
            EXPECT_EQ(*c.Prior(1000), 1);
            std::vector<int32_t> expect = {1, 1000};
            if (mode == 2) expect.push_back(1000000000);
            EXPECT_EQ(Keys(c), expect);
            Put(c, 500, 9);  // back in the middle
            EXPECT_EQ(*c.Next(1), 500);
            c.Clear();
            EXPECT_EQ(c.Count(), 0);
            EXPECT_FALSE(c.First().has_value());
            Put(c, -3, 1);  // a window again after DELETE
            Put(c, -4, 1);
            EXPECT_EQ(*c.First(), -4);
            EXPECT_EQ(c.Count(), 2);
        }
        // Every element released once: the 998 deleted, the rest by Clear
        // and the destructor.
        EXPECT_EQ(released, 1000 + (mode == 2 ? 1 : 0) + 1 + 2);
    }
}

TEST(Collection, AssociativeWindowAtTheIntegerLimits) {
    Collection<> c(CollectionKind::Associative, false, 0, Release);
    Put(c, INT32_MIN + 1, 1);
    Put(c, INT32_MIN, 2);  // prepending room is clamped at the limit
    Put(c, INT32_MAX, 3);  // far: the map
    EXPECT_EQ(*c.First(), INT32_MIN);
    EXPECT_EQ(*c.Last(), INT32_MAX);
    EXPECT_EQ(*c.Next(INT32_MIN), INT32_MIN + 1);
    EXPECT_EQ(c.Count(), 3);
}

TEST(Collection, DenseSizeIsBounded) {
    Collection<> c(CollectionKind::Nested, false, 0, Release);
    int32_t first = 0;
    EXPECT_EQ(c.Extend(plpolar::types::kMaxDense + 1, &first), CollectionError::Storage);
    EXPECT_EQ(c.Count(), 0);
    // An associative array past the bound keeps its elements in the map.
    Collection<> a(CollectionKind::Associative, false, 0, Release);
    Put(a, 1, 1);
    Put(a, static_cast<int32_t>(plpolar::types::kMaxDense / 2) + 10, 2);
    EXPECT_EQ(a.Count(), 2);
    EXPECT_EQ(*a.Last(), static_cast<int32_t>(plpolar::types::kMaxDense / 2) + 10);
}
