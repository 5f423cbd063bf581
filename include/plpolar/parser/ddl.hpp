// Oracle table DDL in PostgreSQL terms: CREATE TABLE (Oracle types, storage
// and segment clauses, constraint states, partitions), ALTER TABLE ADD /
// MODIFY / DROP, CREATE INDEX, CREATE / ALTER SEQUENCE, CREATE VIEW and
// DROP TABLE as Oracle scripts write them; ALTER SESSION SET as SET. Pure
// C++: no server needed.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "plpolar/parser/parser.hpp"

namespace plpolar::parser {

struct DdlTranslation {
    // The PostgreSQL statements, run in order (a partitioned table is its
    // parent and one statement per partition).
    std::vector<std::string> statements;
    // A statement with a second form, run instead when `table` has a unique
    // index named `index` not yet a constraint's (ADD CONSTRAINT pk PRIMARY
    // KEY (c) after CREATE UNIQUE INDEX pk ON t (c), as Oracle scripts do).
    struct IndexReuse {
        size_t statement;
        std::string table;
        std::string index;  // as written (quoted or not)
        std::string sql;
    };
    std::vector<IndexReuse> reuse;
    // What the result row says: "CREATE TABLE emp", then every clause that
    // has a different or no effect here.
    std::string action;
};

// An Oracle clause that cannot be honoured here (PostgreSQL's
// feature_not_supported), where other bad input is a plain SyntaxError;
// the position is within the statement. Catch it before SyntaxError.
class DdlUnsupported : public SyntaxError {
public:
    using SyntaxError::SyntaxError;
};

// Type names of columns, Oracle -> PostgreSQL (compile::MapOracleSqlTypeName).
using DdlTypeMapper = std::function<std::string(const std::string &)>;

// What the translation asks the catalog (the server's, when the statement
// is about to run): an Oracle NUMBER key column that references an identity
// column (which is bigint here) takes the identity's integer type, as a
// foreign key needs comparable types.
struct DdlCatalog {
    // "bigint", "integer" or "smallint" when `column` of `table` (as
    // written; an empty column: the table's one-column primary key) is an
    // identity column of that type; empty otherwise.
    std::function<std::string(const std::string &table, const std::string &column)> identity_type;
    // The PostgreSQL type of an existing column (format_type), or empty.
    std::function<std::string(const std::string &table, const std::string &column)> column_type;
};

// The translation of one statement (without its ';'), or nullopt if it is
// not DDL this translates (it then goes to PostgreSQL as written). Clauses it
// does not know are kept as written, so PostgreSQL's own forms still work.
// Throws SyntaxError (line and column within the statement) for malformed
// input and DdlUnsupported for Oracle clauses that cannot be honoured here,
// naming them.
std::optional<DdlTranslation> TranslateOracleDdl(const std::string &sql, const DdlTypeMapper &map_type,
                                                 const DdlCatalog *catalog = nullptr);

// CREATE [OR REPLACE] TYPE name AS | IS TABLE OF t [NOT NULL] | VARRAY (n)
// OF t [NOT NULL] and DROP TYPE name [FORCE | VALIDATE]: Oracle's
// schema-level collection types, which plpolar.exec makes domains over
// arrays (handler/exec_type.cpp). Other CREATE TYPE forms (objects, to come)
// and other statements are Kind::None.
struct TypeCommand {
    enum class Kind { None, CreateCollection, Drop };
    Kind kind = Kind::None;
    bool or_replace = false;
    std::string schema;  // folded; empty if unqualified
    std::string name;    // folded
    bool varray = false;
    int64_t limit = 0;            // VARRAY(n)
    std::string element;          // PostgreSQL's type name (map_type's)
    std::string element_written;  // as written, for messages
    bool element_not_null = false;
    bool force = false;                  // DROP TYPE ... FORCE
    std::vector<std::string> no_effect;  // clauses accepted without effect
};
TypeCommand ParseTypeCommand(const std::string &sql, const DdlTypeMapper &map_type);

}  // namespace plpolar::parser
