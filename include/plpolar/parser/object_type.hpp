// Oracle's object types as plpolar.exec meets them: CREATE TYPE ... AS
// OBJECT (attributes, method specifications) and CREATE TYPE BODY. Pure
// C++: no server needed.
//
// An object type is a composite type with a package of its name beside it
// (handler/exec_object_type.cpp): the methods are that package's
// subprograms, a member method taking SELF as its first parameter. The
// functions here say what the type declares and write its specification and
// body as that package's, line for line (errors keep the type's lines).
#pragma once

#include <string>
#include <vector>

namespace plpolar::parser {

struct ObjectMethod {
    enum class Kind { Member, Static, Constructor, Map, Order };
    Kind kind = Kind::Member;
    bool is_function = true;
    std::string name;            // folded
    std::string params;          // inside the parentheses, as written (empty: none)
    bool explicit_self = false;  // SELF written as the first parameter
    std::string return_type;     // as written; a constructor's is the type
    bool overriding = false;
    int line = 1;               // within the source
    size_t begin = 0, end = 0;  // the element's text in the source
};

struct ObjectAttribute {
    std::string name;  // folded
    std::string type;  // as written
    int line = 1;
    size_t begin = 0, end = 0;            // the element's text in the source
    size_t type_begin = 0, type_end = 0;  // its type's
};

struct ObjectTypeSpec {
    bool or_replace = false;
    std::string schema;  // Oracle's owner as written, folded; empty if none
    std::string name;    // folded
    std::string display;
    bool definer_rights = true;  // AUTHID DEFINER, Oracle's default
    std::string under;           // a subtype's supertype, folded (not supported yet)
    bool final = true;
    bool instantiable = true;
    std::vector<ObjectAttribute> attributes;
    std::vector<ObjectMethod> methods;
    size_t list_close = 0;  // the ')' closing the element list, in the source
    std::vector<std::string> notes;
    // From AS / IS (UNDER) to the end, as written: what plpolar.packages
    // keeps, and ParseObjectTypeSource's input.
    std::string source;
    int source_line = 1;  // line of AS / IS within the statement
};

// CREATE [OR REPLACE] [EDITIONABLE | NONEDITIONABLE] TYPE [schema.]name
// [FORCE] [AUTHID ...] AS | IS OBJECT (...) ... or ... UNDER super (...).
bool LooksObjectType(const std::string &sql);
// CREATE [OR REPLACE] ... TYPE BODY name.
bool LooksTypeBody(const std::string &sql);
// CREATE [OR REPLACE] ... PACKAGE [BODY] name.
bool LooksOraclePackage(const std::string &sql);

// The whole CREATE TYPE statement. Throws SyntaxError (lines of the statement).
ObjectTypeSpec ParseObjectType(const std::string &sql);
// What `source` (ObjectTypeSpec::source) declares: attributes, methods,
// modifiers. Throws SyntaxError (lines of the source).
void ParseObjectTypeSource(const std::string &source, ObjectTypeSpec *spec);

// ALTER TYPE name ADD | DROP | MODIFY ATTRIBUTE ..., ADD | DROP method
// specification, COMPILE, [NOT] FINAL | INSTANTIABLE [CASCADE | INVALIDATE].
struct AlterObjectType {
    enum class Kind { None, AddAttribute, DropAttribute, ModifyAttribute, AddMethod, DropMethod, Compile, Modifier };
    Kind kind = Kind::None;
    std::string schema, name;        // folded
    std::string elements;            // ADD / MODIFY: the attribute(s) or method specification as written
    std::vector<std::string> names;  // DROP ATTRIBUTE: the attributes, folded
    std::vector<std::string> notes;  // CASCADE, INVALIDATE, ...: what they do here
};
// Kind::None when `sql` is no ALTER TYPE of these forms. Throws SyntaxError.
AlterObjectType ParseAlterObjectType(const std::string &sql);
// `spec`'s source with the change made (ADD, DROP, MODIFY); throws
// SyntaxError naming what it cannot find.
std::string AlterObjectSource(const ObjectTypeSpec &spec, const AlterObjectType &alter);

// The specification as a package's, from AS: one subprogram per method,
// members with SELF first (IN for functions, IN OUT for procedures, as
// Oracle's defaults), the type itself named `qualified`.
std::string ObjectSpecAsPackage(const ObjectTypeSpec &spec, const std::string &qualified);

// A type body's source (from AS / IS to END;) as the package body's: the
// method keywords gone, SELF added to members, a constructor's RETURN SELF
// AS RESULT returning the type, with SELF declared first and RETURN; giving
// it back. Throws SyntaxError.
std::string TypeBodyAsPackage(const std::string &body, const ObjectTypeSpec &spec, const std::string &qualified);

}  // namespace plpolar::parser
