// Shared by the DDL translators: the statement as tokens (each with its place
// in the text, so that expressions are copied as written) and what a
// translation collects.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "plpolar/parser/ddl.hpp"

namespace plpolar::parser::ddl {

struct Token {
    enum class Kind { Word, Quoted, String, Number, Open, Close, Comma, Dot, Other, End };
    Kind kind = Kind::End;
    std::string text;   // as written
    std::string upper;  // a word in upper case; otherwise the text
    size_t begin = 0;   // offsets in the statement
    size_t end = 0;
    int line = 1;
    int column = 1;
};

class Tokens {
public:
    explicit Tokens(const std::string &sql);

    const std::string &sql() const { return sql_; }
    size_t size() const { return tokens_.size(); }
    // Past the last token: an End token at the end of the text.
    const Token &operator[](size_t i) const { return i < tokens_.size() ? tokens_[i] : end_; }
    bool Is(size_t i, const char *word) const;
    // The text of tokens [from, to) as written (comments inside included).
    std::string Slice(size_t from, size_t to) const;
    // The index of the ')' closing the '(' at `open`.
    size_t Matching(size_t open) const;
    // Past a name: word or "quoted", dotted parts.
    size_t NameEnd(size_t i) const;
    // The elements of a parenthesised list: [begin, end) of each, split at
    // commas outside nested parentheses.
    std::vector<std::pair<size_t, size_t>> Elements(size_t open) const;
    [[noreturn]] void Fail(size_t i, const std::string &message) const;
    [[noreturn]] void Refuse(size_t i, const std::string &message) const;

private:
    std::string sql_;
    std::vector<Token> tokens_;
    Token end_;
};

// A name as PostgreSQL stores it: a quoted one unquoted, an unquoted one in
// lower case; and back to SQL text, quoted only when it must be.
std::string FoldedName(const std::string &written);
// ASCII upper case (Oracle's names, keywords).
std::string Upper(const std::string &s);
std::string QuoteName(const std::string &name);

// A translation under way: the statements, and the notes for the result row.
struct Collected {
    const DdlCatalog *catalog = nullptr;  // null: no catalog (unit tests, the fuzzer)
    std::vector<std::string> statements;
    std::vector<std::string> notes;      // different effect here, with why
    std::vector<std::string> no_effect;  // accepted without an effect here
    std::vector<DdlTranslation::IndexReuse> reuse;
    std::string Action(const std::string &head) const;
};

// Clauses of storage and segments (tables, partitions, indexes, USING
// INDEX): if one starts at `i`, the index past it, the clause in
// `no_effect`, and PCTFREE as `fillfactor` (0 if none); otherwise `i`.
size_t PhysicalAttribute(const Tokens &t, size_t i, Collected &out, int *fillfactor);

// Oracle's compact form of a clause for the result row: words as written,
// a parenthesised part as "(...)".
std::string Describe(const Tokens &t, size_t from, size_t to);

// Column and constraint translation, shared by CREATE and ALTER TABLE.
struct TableContext {
    std::string table;                           // as written
    std::string table_base;                      // last part, unquoted, for constraint names
    bool altering = false;                       // ALTER TABLE: NOVALIDATE can be NOT VALID
    std::vector<std::string> extra_constraints;  // byte limits, as table constraints
    // Named constraints written DISABLE: created, then disabled (their
    // definitions kept by plpolar.disable_constraint) after the statement.
    std::vector<std::string> disabled;
    // Key columns that reference an identity column: the identity's integer
    // type for them (folded names), and the types columns of this statement
    // were given.
    std::map<std::string, std::string> retype;
    std::map<std::string, std::string> column_types;
    // Statements to run after this one (ALTER TABLE: MODIFY c ... IDENTITY
    // (START WITH LIMIT VALUE) restarts the identity after the loaded rows).
    std::vector<std::string> after;
    // ALTER TABLE ADD CONSTRAINT name PRIMARY KEY | UNIQUE (...): if a
    // unique index of that name exists when the statement runs, Oracle
    // makes it the constraint's index; this is the action that does so.
    std::string reuse_index;
    std::string reuse_text;
};
// Oracle's disabled constraints: PostgreSQL has none, so DISABLE drops the
// constraint and keeps its definition (plpolar.disabled_constraints) for
// ENABLE to add it back. The statements that do so; `name` folded, empty
// for the table's primary key.
std::string DisableConstraintCall(const std::string &table, const std::string &name, bool cascade);
// A signed integer literal at `i` (a sign token, then a number): its text
// and the index past it; npos if there is none.
size_t SignedNumber(const Tokens &t, size_t i, std::string &text);
// 'text' as a SQL string literal.
std::string SqlLiteral(const std::string &text);
std::string EnableConstraintCall(const std::string &table, const std::string &name, bool validate);

// An Oracle NUMBER type without scale (pg_catalog.number, number(p), number(p,0)).
bool IsIntegralNumber(const std::string &type);
// `text`, column `column`'s definition with type `type`, with the integer
// type of the identity column it references when `table.retype` has one.
std::string RetypeKeyColumn(const std::string &text, const std::string &column, const std::string &type,
                            TableContext &table, Collected &out);

// One element of a column list: a column or a table constraint; the
// PostgreSQL text, or empty when it is not created (a DISABLE'd constraint).
std::string TranslateElement(const Tokens &t, size_t from, size_t to, const DdlTypeMapper &map_type,
                             TableContext &table, Collected &out);
// A column definition `name type ...` (also MODIFY's).
std::string TranslateColumn(const Tokens &t, size_t from, size_t to, const DdlTypeMapper &map_type, TableContext &table,
                            Collected &out);
// MODIFY's `column [type] [DEFAULT e] [NOT NULL | NULL] [constraint]` as
// ALTER TABLE actions.
std::vector<std::string> TranslateModify(const Tokens &t, size_t from, size_t to, const DdlTypeMapper &map_type,
                                         TableContext &table, Collected &out);
// The type of a column at [from, to): mapped, and a byte limit if any.
std::string TranslateType(const Tokens &t, size_t from, size_t to, const DdlTypeMapper &map_type,
                          const std::string &column, TableContext &table);

bool TranslateCreateTable(const Tokens &t, size_t at, const DdlTypeMapper &map_type, Collected &out, std::string &head);
bool TranslateAlterTable(const Tokens &t, size_t at, const DdlTypeMapper &map_type, Collected &out, std::string &head);
bool TranslateCreateIndex(const Tokens &t, size_t at, Collected &out, std::string &head);
bool TranslateSequence(const Tokens &t, size_t at, Collected &out, std::string &head);
bool TranslateCreateView(const Tokens &t, size_t at, Collected &out, std::string &head);
bool TranslateAlterSession(const Tokens &t, size_t at, Collected &out, std::string &head);
// SET ROLE r [IDENTIFIED BY pw] | ALL | NONE (at: ROLE).
bool TranslateSetRole(const Tokens &t, size_t at, Collected &out, std::string &head);
bool TranslateSynonym(const Tokens &t, size_t at, bool drop, Collected &out, std::string &head);
bool TranslateContext(const Tokens &t, size_t at, bool drop, Collected &out, std::string &head);
bool TranslateTruncate(const Tokens &t, size_t at, Collected &out, std::string &head);
bool TranslateDropTable(const Tokens &t, size_t at, Collected &out, std::string &head);

}  // namespace plpolar::parser::ddl
