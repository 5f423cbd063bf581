// Oracle's CREATE TRIGGER for DML events, read without a server: what
// plpolar.exec needs to make the PostgreSQL trigger and its function.
#pragma once

#include <string>
#include <vector>

namespace plpolar::parser {

struct OracleTrigger {
    bool or_replace = false;
    std::string schema;  // as written (folded), empty if unqualified
    std::string name;    // folded
    enum class Timing { Before, After, InsteadOf, Compound };
    Timing timing = Timing::Before;
    bool on_insert = false;
    bool on_update = false;
    bool on_delete = false;
    std::vector<std::string> update_columns;  // UPDATE OF c1, c2 (folded)
    std::string table;                        // as written, qualified or not
    std::string old_name = "old";             // REFERENCING OLD AS o
    std::string new_name = "new";
    std::string parent_name;
    bool for_each_row = false;
    std::vector<std::string> follows;  // FOLLOWS a, b (folded, maybe schema.name)
    std::vector<std::string> precedes;
    bool enabled = true;
    std::string when;  // the WHEN condition, without its parentheses
    int when_line = 0;
    std::string body;   // DECLARE ... END [name]; (a compound trigger: see compound_sections)
    int body_line = 1;  // the body's first line within the statement
    std::vector<std::string> notes;
    // A compound trigger's timing points, in the order written; `body` is
    // then one PL block whose declarations are the shared ones and whose
    // sections became nested procedures, run by the value of the variable
    // plpolar$timing_point (CompoundTiming).
    std::vector<int> compound_sections;
    // A system trigger: {BEFORE | AFTER} {LOGON | LOGOFF | CREATE | ALTER |
    // DROP | TRUNCATE | RENAME | GRANT | REVOKE | COMMENT | DDL} [OR ...]
    // ON {DATABASE | SCHEMA | user.SCHEMA}. Its events in upper case, in
    // the order written; `table` is then empty.
    std::vector<std::string> system_events;
    enum class Scope { Table, Database, Schema };
    Scope scope = Scope::Table;
    std::string scope_user;  // ON user.SCHEMA (folded); empty: the creator's
    bool IsSystem() const { return scope != Scope::Table; }
};

// Whether `word` (upper case) is one of a system trigger's events.
bool IsSystemTriggerEvent(const std::string &word);

// The timing points of a compound trigger, as plpolar$timing_point holds them.
enum class CompoundTiming {
    BeforeStatement = 1,
    BeforeEachRow = 2,
    AfterEachRow = 3,
    AfterStatement = 4,
    InsteadOfEachRow = 5
};
const char *CompoundTimingName(CompoundTiming t);

// The compound trigger's text after COMPOUND TRIGGER (declarations,
// sections, END [name];) as a PL block, every line where it was written.
// Throws SyntaxError (lines relative to `body`).
// Each section's text (for the checks of what its timing point allows)
// goes to `texts` when given, parallel to `sections`, with its first line.
struct CompoundSection {
    int timing = 0;
    std::string text;
    int line = 1;
};
std::string CompoundTriggerBlock(const std::string &body, std::vector<int> *sections,
                                 std::vector<CompoundSection> *texts = nullptr);

// CREATE [OR REPLACE] [EDITIONABLE | NONEDITIONABLE] TRIGGER [schema.]name
// {BEFORE | AFTER | INSTEAD OF} {INSERT | UPDATE [OF c, ...] | DELETE}
// [OR ...] ON [schema.]table [REFERENCING ...] [FOR EACH ROW]
// [FOLLOWS | PRECEDES t, ...] [ENABLE | DISABLE] [WHEN (condition)] body,
// and FOR ... ON t COMPOUND TRIGGER; system triggers (see OracleTrigger's
// system_events). Throws SyntaxError (line relative to
// the statement).
OracleTrigger ParseOracleTrigger(const std::string &text);

// CREATE ... TRIGGER ... that is Oracle's (not PostgreSQL's, which ends in
// EXECUTE FUNCTION | PROCEDURE, and not CREATE EVENT TRIGGER).
bool LooksOracleTrigger(const std::string &s, size_t start, int line);

// The WHEN condition as PostgreSQL's trigger WHEN reads it: the REFERENCING
// names become NEW and OLD (quoted text left alone).
std::string TriggerWhenCondition(const OracleTrigger &t);

}  // namespace plpolar::parser
