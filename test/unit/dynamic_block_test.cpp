// EXECUTE IMMEDIATE of PL/SQL blocks: which strings are blocks, and their
// placeholders bound by name.
#include <gtest/gtest.h>

#include "plpolar/parser/placeholders.hpp"

using plpolar::parser::ConvertBlockPlaceholders;
using plpolar::parser::IsDynamicBlock;

TEST(DynamicBlock, WhatIsABlock) {
    EXPECT_TRUE(IsDynamicBlock("BEGIN NULL; END;"));
    EXPECT_TRUE(IsDynamicBlock("  \n declare x int; begin null; end;"));
    EXPECT_TRUE(IsDynamicBlock("<<l>> BEGIN NULL; END l;"));
    EXPECT_TRUE(IsDynamicBlock("-- a comment\nBEGIN NULL; END;"));
    EXPECT_TRUE(IsDynamicBlock("/* c */ BEGIN NULL; END;"));
    EXPECT_FALSE(IsDynamicBlock("SELECT 1"));
    EXPECT_FALSE(IsDynamicBlock("BEGINNING"));
    EXPECT_FALSE(IsDynamicBlock("'BEGIN'"));
    EXPECT_FALSE(IsDynamicBlock(""));
}

TEST(DynamicBlock, PlaceholdersByName) {
    auto b = ConvertBlockPlaceholders("BEGIN :x := :x + :Y; :y := :\"q\"; END;", "b$");
    EXPECT_EQ(b.text, "BEGIN b$1 := b$1 + b$2; b$2 := b$3; END;");
    ASSERT_EQ(b.names.size(), 3u);
    EXPECT_EQ(b.names[0], "X");
    EXPECT_EQ(b.names[1], "Y");
    EXPECT_EQ(b.names[2], "q");
    // Numbers are names too: :1 twice is one bind.
    b = ConvertBlockPlaceholders("BEGIN INSERT INTO t VALUES (:1, :2, :1); END;", "b$");
    EXPECT_EQ(b.text, "BEGIN INSERT INTO t VALUES (b$1, b$2, b$1); END;");
    EXPECT_EQ(b.names.size(), 2u);
    // Not placeholders: :=, ::, quoted text, comments, q-quotes, a label's name.
    b = ConvertBlockPlaceholders("BEGIN v := ':a'; w := x::int; -- :b\n /* :c */ z := q'[:d]'; END;", "b$");
    EXPECT_EQ(b.text, "BEGIN v := ':a'; w := x::int; -- :b\n /* :c */ z := q'[:d]'; END;");
    EXPECT_TRUE(b.names.empty());
}

TEST(DynamicBlock, PostgresBeginIsNotABlock) {
    for (const char *sql : {"BEGIN", "begin;", "BEGIN WORK", "BEGIN TRANSACTION ISOLATION LEVEL SERIALIZABLE",
                            "BEGIN ISOLATION LEVEL READ COMMITTED", "BEGIN READ ONLY", "BEGIN NOT DEFERRABLE"})
        EXPECT_FALSE(IsDynamicBlock(sql)) << sql;
    EXPECT_TRUE(IsDynamicBlock("BEGIN read_data; END;"));
    EXPECT_TRUE(IsDynamicBlock("BEGIN NULL; END;"));
}
