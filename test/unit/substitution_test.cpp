// SQL*Plus substitution variables, as plpolar.exec applies them.
#include <gtest/gtest.h>

#include "plpolar/parser/parser.hpp"
#include "plpolar/parser/substitution.hpp"

using plpolar::parser::ApplySubstitutionCommand;
using plpolar::parser::Substitute;
using plpolar::parser::SubstitutionState;
using plpolar::parser::SyntaxError;

TEST(Substitution, DefineAndReplace) {
    SubstitutionState s;
    std::string action;
    EXPECT_TRUE(ApplySubstitutionCommand("DEFINE owner = hr", s, &action));
    EXPECT_TRUE(ApplySubstitutionCommand("def TS = \"users data\"", s, &action));
    EXPECT_EQ(action, "DEFINE TS = \"users data\"");
    EXPECT_EQ(Substitute("GRANT SELECT ON t TO &owner;", s), "GRANT SELECT ON t TO hr;");
    // &&, the period that ends a name, names in any case, inside strings.
    EXPECT_EQ(Substitute("CREATE TABLE &&OWNER..t (c text DEFAULT '&Ts')", s),
              "CREATE TABLE hr.t (c text DEFAULT 'users data')");
    // PostgreSQL's & and && operators are not variables.
    EXPECT_EQ(Substitute("SELECT 5 & 3, a && b", s), "SELECT 5 & 3, a && b");
    EXPECT_THROW(Substitute("line 1\nTO &nobody", s), SyntaxError);
    try {
        Substitute("line 1\nTO &nobody", s);
    } catch (const SyntaxError &e) {
        EXPECT_EQ(e.line(), 2);
    }
    EXPECT_TRUE(ApplySubstitutionCommand("UNDEFINE owner", s, &action));
    EXPECT_THROW(Substitute("&owner", s), SyntaxError);
}

TEST(Substitution, SetDefine) {
    SubstitutionState s;
    std::string action;
    EXPECT_TRUE(ApplySubstitutionCommand("SET DEFINE OFF", s, &action));
    EXPECT_EQ(Substitute("'AT&T'", s), "'AT&T'");
    EXPECT_TRUE(ApplySubstitutionCommand("set define '^'", s, &action));
    EXPECT_TRUE(ApplySubstitutionCommand("DEFINE x = 1", s, &action));
    EXPECT_EQ(Substitute("'AT&T' ^x", s), "'AT&T' 1");
    EXPECT_TRUE(ApplySubstitutionCommand("SET DEFINE ON", s, &action));
    EXPECT_EQ(Substitute("&x", s), "1");
    EXPECT_THROW(ApplySubstitutionCommand("SET DEFINE maybe", s, &action), SyntaxError);
    EXPECT_FALSE(ApplySubstitutionCommand("SET SERVEROUTPUT ON", s, &action));
    EXPECT_FALSE(ApplySubstitutionCommand("SELECT 1", s, &action));
}

TEST(Substitution, Accept) {
    SubstitutionState s;
    std::string action;
    EXPECT_TRUE(ApplySubstitutionCommand("ACCEPT pass CHAR DEFAULT 'tiger' PROMPT 'Password: ' HIDE", s, &action));
    EXPECT_EQ(Substitute("&pass", s), "tiger");
    EXPECT_THROW(ApplySubstitutionCommand("ACCEPT other PROMPT 'x'", s, &action), SyntaxError);
    EXPECT_TRUE(ApplySubstitutionCommand("DEFINE other = given", s, &action));
    EXPECT_TRUE(ApplySubstitutionCommand("ACCEPT other PROMPT 'x'", s, &action));
    EXPECT_EQ(Substitute("&other", s), "given");
}
