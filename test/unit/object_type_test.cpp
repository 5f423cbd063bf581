// Oracle object types: the CREATE TYPE ... AS OBJECT statement, the type
// body, and both written as the package that holds the methods.
#include <gtest/gtest.h>

#include <algorithm>

#include "plpolar/ast/stmt.hpp"
#include "plpolar/parser/object_type.hpp"
#include "plpolar/parser/parser.hpp"
#include "plpolar/parser/script.hpp"

using namespace plpolar;
using namespace plpolar::parser;

namespace {

const char *kSpec =
    "CREATE OR REPLACE TYPE person_typ AUTHID CURRENT_USER AS OBJECT (\n"
    "  idno NUMBER,\n"
    "  name VARCHAR2(30),\n"
    "  MAP MEMBER FUNCTION get_idno RETURN NUMBER,\n"
    "  MEMBER PROCEDURE show(SELF IN OUT NOCOPY person_typ),\n"
    "  MEMBER FUNCTION greet(p_other person_typ, p_times NUMBER DEFAULT 1) RETURN VARCHAR2 DETERMINISTIC,\n"
    "  STATIC FUNCTION make(p_id NUMBER) RETURN person_typ,\n"
    "  CONSTRUCTOR FUNCTION person_typ(p_id NUMBER) RETURN SELF AS RESULT,\n"
    "  PRAGMA RESTRICT_REFERENCES(get_idno, WNDS)\n"
    ") NOT FINAL;";

}  // namespace

TEST(ObjectType, Recognised) {
    EXPECT_TRUE(LooksObjectType(kSpec));
    EXPECT_TRUE(LooksObjectType("create type s.t force as object (a number)"));
    EXPECT_TRUE(LooksObjectType("CREATE TYPE t UNDER s (b NUMBER)"));
    EXPECT_FALSE(LooksObjectType("CREATE TYPE t AS TABLE OF NUMBER"));
    EXPECT_FALSE(LooksObjectType("CREATE TYPE t AS (a int)"));
    EXPECT_FALSE(LooksObjectType("CREATE TYPE BODY t AS END;"));
    EXPECT_TRUE(LooksTypeBody("CREATE OR REPLACE TYPE BODY t AS END;"));
    EXPECT_FALSE(LooksTypeBody("CREATE TYPE t AS OBJECT (a NUMBER)"));
}

TEST(ObjectType, AttributesMethodsModifiers) {
    ObjectTypeSpec spec = ParseObjectType(kSpec);
    EXPECT_TRUE(spec.or_replace);
    EXPECT_EQ(spec.name, "person_typ");
    EXPECT_FALSE(spec.definer_rights);
    EXPECT_FALSE(spec.final);
    EXPECT_TRUE(spec.instantiable);
    ASSERT_EQ(spec.attributes.size(), 2u);
    EXPECT_EQ(spec.attributes[0].name, "idno");
    EXPECT_EQ(spec.attributes[1].type, "VARCHAR2(30)");
    ASSERT_EQ(spec.methods.size(), 5u);
    EXPECT_EQ(spec.methods[0].kind, ObjectMethod::Kind::Map);
    EXPECT_EQ(spec.methods[0].return_type, "NUMBER");
    EXPECT_FALSE(spec.methods[1].is_function);
    EXPECT_TRUE(spec.methods[1].explicit_self);
    EXPECT_EQ(spec.methods[2].params, "p_other person_typ, p_times NUMBER DEFAULT 1");
    EXPECT_EQ(spec.methods[2].return_type, "VARCHAR2");
    EXPECT_EQ(spec.methods[3].kind, ObjectMethod::Kind::Static);
    EXPECT_EQ(spec.methods[4].kind, ObjectMethod::Kind::Constructor);
    EXPECT_EQ(spec.methods[4].line, 8);
    EXPECT_EQ(spec.source_line, 1);
}

TEST(ObjectType, Errors) {
    EXPECT_THROW(ParseObjectType("CREATE TYPE t AS OBJECT (STATIC FUNCTION f(SELF t) RETURN NUMBER, a NUMBER)"),
                 SyntaxError);
    EXPECT_THROW(ParseObjectType("CREATE TYPE t AS OBJECT (a NUMBER, a DATE)"), SyntaxError);
    EXPECT_THROW(ParseObjectType("CREATE TYPE t AS OBJECT (a NUMBER, CONSTRUCTOR FUNCTION u RETURN SELF AS RESULT)"),
                 SyntaxError);
    EXPECT_THROW(ParseObjectType("CREATE TYPE t AS OBJECT (a NUMBER, MEMBER FUNCTION f)"), SyntaxError);
    EXPECT_THROW(ParseObjectType("CREATE TYPE t AS OBJECT (a NUMBER"), SyntaxError);
    try {
        ParseObjectType("CREATE TYPE t\nAS OBJECT (\na NUMBER,\nMEMBER FUNCTION f\n)");
        FAIL();
    } catch (const SyntaxError &e) {
        EXPECT_EQ(e.line(), 5);  // the statement's line
    }
}

TEST(ObjectType, SpecAsPackage) {
    ObjectTypeSpec spec = ParseObjectType(kSpec);
    std::string pkg = ObjectSpecAsPackage(spec, "public.person_typ");
    // Each method on its own line, SELF first for members.
    EXPECT_EQ(pkg,
              "AS\n\n\n"
              " FUNCTION get_idno(self IN public.person_typ) RETURN NUMBER;\n"
              " PROCEDURE show(SELF IN OUT NOCOPY public.person_typ);\n"
              " FUNCTION greet(self IN public.person_typ, p_other public.person_typ, p_times NUMBER DEFAULT 1) "
              "RETURN VARCHAR2;\n"
              " FUNCTION make(p_id NUMBER) RETURN public.person_typ;\n"
              " FUNCTION person_typ(p_id NUMBER) RETURN public.person_typ;\n"
              "END;");
    // The package grammar reads it.
    ast::FunctionBody parsed = ParsePackageSource(pkg);
    EXPECT_EQ(parsed.block->decls.size(), 5u);
}

TEST(ObjectType, BodyAsPackage) {
    ObjectTypeSpec spec = ParseObjectType(kSpec);
    std::string body =
        "AS\n"
        "  MAP MEMBER FUNCTION get_idno RETURN NUMBER IS BEGIN RETURN idno; END;\n"
        "  MEMBER PROCEDURE show(SELF IN OUT NOCOPY person_typ) IS BEGIN NULL; END;\n"
        "  MEMBER FUNCTION greet(p_other person_typ, p_times NUMBER DEFAULT 1) RETURN VARCHAR2 IS\n"
        "  BEGIN RETURN 'hi'; END;\n"
        "  STATIC FUNCTION make(p_id NUMBER) RETURN person_typ IS BEGIN RETURN person_typ(p_id); END;\n"
        "  CONSTRUCTOR FUNCTION person_typ(p_id NUMBER) RETURN SELF AS RESULT IS\n"
        "  BEGIN idno := p_id; IF p_id < 0 THEN RETURN; END IF; RETURN; END;\n"
        "END;";
    std::string pkg = TypeBodyAsPackage(body, spec, "public.person_typ");
    EXPECT_NE(pkg.find("FUNCTION get_idno(self IN public.person_typ) RETURN NUMBER IS"), std::string::npos) << pkg;
    EXPECT_NE(pkg.find("PROCEDURE show(SELF IN OUT NOCOPY public.person_typ) IS"), std::string::npos) << pkg;
    EXPECT_NE(pkg.find("greet(self IN public.person_typ, p_other public.person_typ,"), std::string::npos) << pkg;
    EXPECT_NE(pkg.find("FUNCTION make(p_id NUMBER) RETURN public.person_typ IS"), std::string::npos) << pkg;
    // The constructor: its SELF declared first.
    EXPECT_NE(pkg.find("FUNCTION person_typ(p_id NUMBER) RETURN public.person_typ IS self public.person_typ;"),
              std::string::npos)
        << pkg;
    // RETURN; stays (the compiler gives SELF back), also a nested procedure's.
    EXPECT_NE(pkg.find("THEN RETURN; END IF; RETURN; END;"), std::string::npos) << pkg;
    // A static function's RETURN; is left alone (and the body keeps its lines).
    EXPECT_EQ(std::count(pkg.begin(), pkg.end(), '\n'), std::count(body.begin(), body.end(), '\n'));
    ast::FunctionBody parsed = ParsePackageSource(pkg);
    EXPECT_EQ(parsed.block->decls.size(), 5u);
}

TEST(ObjectType, ScriptSplitsTypeAndBody) {
    auto stmts = SplitScript(
        "CREATE TYPE t AS OBJECT (a NUMBER, MEMBER FUNCTION f RETURN NUMBER);\n"
        "/\n"
        "CREATE TYPE BODY t AS\n"
        "  MEMBER FUNCTION f RETURN NUMBER IS\n"
        "  BEGIN\n"
        "    IF a > 0 THEN RETURN CASE WHEN a = 1 THEN 1 ELSE 2 END; END IF;\n"
        "    RETURN a;\n"
        "  END;\n"
        "  CONSTRUCTOR FUNCTION t(x NUMBER) RETURN SELF AS RESULT IS BEGIN a := x; RETURN; END;\n"
        "END;\n"
        "/\n"
        "SELECT 1;\n");
    ASSERT_EQ(stmts.size(), 3u);
    EXPECT_EQ(stmts[0].kind, ScriptStatementKind::Sql);
    EXPECT_EQ(stmts[1].kind, ScriptStatementKind::OraclePackage);
    EXPECT_EQ(stmts[1].text.substr(stmts[1].text.size() - 4), "END;");
    EXPECT_EQ(stmts[2].text, "SELECT 1");
}

TEST(ObjectType, AlterTypeStatements) {
    AlterObjectType a =
        ParseAlterObjectType("ALTER TYPE s.person_typ ADD ATTRIBUTE (birth DATE, nick VARCHAR2(10)) CASCADE;");
    EXPECT_EQ(a.kind, AlterObjectType::Kind::AddAttribute);
    EXPECT_EQ(a.schema, "s");
    EXPECT_EQ(a.name, "person_typ");
    EXPECT_EQ(a.elements, "birth DATE, nick VARCHAR2(10)");
    EXPECT_EQ(a.notes.size(), 1u);
    a = ParseAlterObjectType("alter type t drop attribute (a, b) invalidate");
    EXPECT_EQ(a.kind, AlterObjectType::Kind::DropAttribute);
    EXPECT_EQ(a.names, (std::vector<std::string>{"a", "b"}));
    a = ParseAlterObjectType("ALTER TYPE t MODIFY ATTRIBUTE name VARCHAR2(40) CASCADE");
    EXPECT_EQ(a.kind, AlterObjectType::Kind::ModifyAttribute);
    EXPECT_EQ(a.elements, "name VARCHAR2(40)");
    a = ParseAlterObjectType("ALTER TYPE t ADD MEMBER FUNCTION f(x NUMBER) RETURN NUMBER CASCADE");
    EXPECT_EQ(a.kind, AlterObjectType::Kind::AddMethod);
    EXPECT_EQ(a.elements, "MEMBER FUNCTION f(x NUMBER) RETURN NUMBER");
    // An attribute named as an option word is an attribute.
    a = ParseAlterObjectType("ALTER TYPE t DROP ATTRIBUTE data CASCADE NOT INCLUDING TABLE DATA");
    EXPECT_EQ(a.names, (std::vector<std::string>{"data"}));
    EXPECT_EQ(a.notes.size(), 1u);
    EXPECT_EQ(ParseAlterObjectType("ALTER TYPE t COMPILE BODY").kind, AlterObjectType::Kind::Compile);
    EXPECT_EQ(ParseAlterObjectType("ALTER TYPE t NOT FINAL").kind, AlterObjectType::Kind::Modifier);
    // PostgreSQL's own ALTER TYPE forms are not these.
    EXPECT_EQ(ParseAlterObjectType("ALTER TYPE mood ADD VALUE 'x'").kind, AlterObjectType::Kind::None);
    EXPECT_EQ(ParseAlterObjectType("ALTER TYPE t RENAME TO u").kind, AlterObjectType::Kind::None);
    EXPECT_EQ(ParseAlterObjectType("ALTER TABLE t ADD x int").kind, AlterObjectType::Kind::None);
}

TEST(ObjectType, AlterTypeSource) {
    ObjectTypeSpec spec;
    spec.name = "t";
    spec.source = "AS OBJECT (\n  a NUMBER,\n  b VARCHAR2(5),\n  MEMBER FUNCTION f RETURN NUMBER\n) NOT FINAL";
    ParseObjectTypeSource(spec.source, &spec);
    auto apply = [&spec](const char *sql) {
        ObjectTypeSpec out;
        out.name = "t";
        out.source = AlterObjectSource(spec, ParseAlterObjectType(sql));
        ParseObjectTypeSource(out.source, &out);
        return out;
    };
    ObjectTypeSpec added = apply("ALTER TYPE t ADD ATTRIBUTE c DATE");
    ASSERT_EQ(added.attributes.size(), 3u);
    EXPECT_EQ(added.attributes[2].name, "c");  // last, as Oracle and PostgreSQL append it
    EXPECT_FALSE(added.final);
    ObjectTypeSpec dropped = apply("ALTER TYPE t DROP ATTRIBUTE a");
    ASSERT_EQ(dropped.attributes.size(), 1u);
    EXPECT_EQ(dropped.attributes[0].name, "b");
    EXPECT_EQ(dropped.methods.size(), 1u);
    ObjectTypeSpec modified = apply("ALTER TYPE t MODIFY ATTRIBUTE b VARCHAR2(50)");
    EXPECT_EQ(modified.attributes[1].type, "VARCHAR2(50)");
    ObjectTypeSpec no_method = apply("ALTER TYPE t DROP MEMBER FUNCTION f RETURN NUMBER");
    EXPECT_TRUE(no_method.methods.empty());
    EXPECT_EQ(no_method.attributes.size(), 2u);
    ObjectTypeSpec method = apply("ALTER TYPE t ADD STATIC FUNCTION g RETURN t");
    ASSERT_EQ(method.methods.size(), 2u);
    EXPECT_EQ(method.methods[1].kind, ObjectMethod::Kind::Static);
    EXPECT_THROW(AlterObjectSource(spec, ParseAlterObjectType("ALTER TYPE t DROP ATTRIBUTE nosuch")), SyntaxError);
    // DROP of a method: the overload with those parameters, not another.
    ObjectTypeSpec two;
    two.name = "t";
    two.source = "AS OBJECT (a NUMBER, MEMBER FUNCTION f RETURN NUMBER, MEMBER FUNCTION f(n NUMBER) RETURN NUMBER)";
    ParseObjectTypeSource(two.source, &two);
    ObjectTypeSpec one;
    one.name = "t";
    one.source =
        AlterObjectSource(two, ParseAlterObjectType("ALTER TYPE t DROP MEMBER FUNCTION f(n  number) RETURN NUMBER"));
    ParseObjectTypeSource(one.source, &one);
    ASSERT_EQ(one.methods.size(), 1u);
    EXPECT_TRUE(one.methods[0].params.empty());
    EXPECT_THROW(AlterObjectSource(spec, ParseAlterObjectType("ALTER TYPE t DROP ATTRIBUTE a, b")), SyntaxError);
    EXPECT_THROW(AlterObjectSource(spec, ParseAlterObjectType("ALTER TYPE t DROP MEMBER FUNCTION g RETURN NUMBER")),
                 SyntaxError);
}

TEST(ObjectType, OtherStatementsNotRead) {
    // A dollar-quoted string holding a quote: not an ALTER TYPE, not read.
    EXPECT_EQ(ParseAlterObjectType("INSERT INTO t VALUES ($$c ' d$$)").kind, AlterObjectType::Kind::None);
    EXPECT_FALSE(LooksObjectType("INSERT INTO t VALUES ($$c ' d$$)"));
    EXPECT_FALSE(LooksTypeBody("INSERT INTO t VALUES ($$c ' d$$)"));
}
