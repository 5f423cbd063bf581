// Oracle's DML triggers without a server: the body's :NEW / :OLD, the
// CREATE TRIGGER header, the WHEN condition, and how scripts split them.
#include <gtest/gtest.h>

#include <algorithm>

#include "plpolar/parser/parser.hpp"
#include "plpolar/parser/script.hpp"
#include "plpolar/parser/trigger.hpp"
#include "plpolar/parser/trigger_body.hpp"

using namespace plpolar::parser;

TEST(TriggerBody, ColonsBecomeSpacesAtTheSamePlace) {
    TriggerBody b = PrepareTriggerBody("BEGIN\n  :NEW.x := :old.y || ':new.z' || x::text; -- :new\nEND;");
    EXPECT_EQ(b.source, "BEGIN\n   NEW.x :=  old.y || ':new.z' || x::text; -- :new\nEND;");
    EXPECT_TRUE(b.colon_new);
    EXPECT_TRUE(b.colon_old);
    EXPECT_TRUE(b.mentions_new);
    EXPECT_FALSE(b.mentions_predicates);
    EXPECT_TRUE(b.tg_names.empty());
}

TEST(TriggerBody, NoColonsMeansNoColonForms) {
    TriggerBody b = PrepareTriggerBody("BEGIN IF INSERTING THEN x := tg_op; END IF; y := a:=b; END;");
    EXPECT_FALSE(b.colon_new);
    EXPECT_FALSE(b.mentions_new);
    EXPECT_TRUE(b.mentions_predicates);
    EXPECT_EQ(b.tg_names, std::vector<std::string>{"tg_op"});
}

TEST(TriggerBody, TgNamesAreTheWordsOnceEachNotInStrings) {
    TriggerBody b = PrepareTriggerBody("BEGIN x := TG_OP || tg_op || 'tg_name' || TG_TABLE_NAME; -- tg_when\nEND;");
    EXPECT_EQ(b.tg_names, (std::vector<std::string>{"tg_op", "tg_table_name"}));
}

TEST(TriggerBody, ReferencingMarkerRenamesRows) {
    std::string marker = ReferencingMarker("o", "n");
    TriggerBody b = PrepareTriggerBody(marker + "BEGIN :n.a := :o.a; new := 1; END;");
    EXPECT_EQ(b.new_name, "n");
    EXPECT_EQ(b.old_name, "o");
    EXPECT_TRUE(b.colon_new);
    EXPECT_TRUE(b.colon_old);
    EXPECT_NE(b.source.find(" n.a :=  o.a"), std::string::npos);
    // The default names are ordinary words then.
    EXPECT_NE(b.source.find("new := 1"), std::string::npos);
}

TEST(TriggerHeader, HrUpdateJobHistory) {
    OracleTrigger t = ParseOracleTrigger(
        "CREATE OR REPLACE TRIGGER hr.update_job_history\n"
        "  AFTER UPDATE OF job_id, department_id ON employees\n"
        "  FOR EACH ROW\n"
        "BEGIN\n  add_job_history(:old.employee_id, :old.hire_date, sysdate, :old.job_id, :old.department_id);\nEND;");
    EXPECT_TRUE(t.or_replace);
    EXPECT_EQ(t.schema, "hr");
    EXPECT_EQ(t.name, "update_job_history");
    EXPECT_EQ(t.timing, OracleTrigger::Timing::After);
    EXPECT_TRUE(t.on_update);
    EXPECT_FALSE(t.on_insert);
    ASSERT_EQ(t.update_columns.size(), 2u);
    EXPECT_EQ(t.update_columns[1], "department_id");
    EXPECT_EQ(t.table, "employees");
    EXPECT_TRUE(t.for_each_row);
    EXPECT_EQ(t.body_line, 4);
    EXPECT_EQ(t.body.substr(0, 5), "BEGIN");
}

TEST(TriggerHeader, EveryClause) {
    OracleTrigger t = ParseOracleTrigger(
        "CREATE EDITIONABLE TRIGGER t1 BEFORE INSERT OR DELETE OR UPDATE ON s.tab "
        "REFERENCING OLD AS o NEW AS n FOR EACH ROW FOLLOWS s.t0, t00 DISABLE WHEN (n.a > (o.a + 1)) "
        "DECLARE v int; BEGIN NULL; END t1;");
    EXPECT_FALSE(t.or_replace);
    EXPECT_TRUE(t.on_insert && t.on_update && t.on_delete);
    EXPECT_EQ(t.table, "s.tab");
    EXPECT_EQ(t.old_name, "o");
    EXPECT_EQ(t.new_name, "n");
    ASSERT_EQ(t.follows.size(), 2u);
    EXPECT_EQ(t.follows[0], "t0");
    EXPECT_FALSE(t.enabled);
    EXPECT_EQ(t.when, "n.a > (o.a + 1)");
    EXPECT_EQ(TriggerWhenCondition(t), "NEW.a > (OLD.a + 1)");
    EXPECT_EQ(t.body.substr(0, 7), "DECLARE");
    EXPECT_EQ(t.notes.size(), 1u);
}

TEST(TriggerHeader, InsteadOfIsARowTrigger) {
    OracleTrigger t = ParseOracleTrigger("CREATE TRIGGER v_io INSTEAD OF INSERT ON v BEGIN NULL; END;");
    EXPECT_EQ(t.timing, OracleTrigger::Timing::InsteadOf);
    EXPECT_TRUE(t.for_each_row);
}

TEST(TriggerHeader, SystemTriggers) {
    OracleTrigger t = ParseOracleTrigger(
        "CREATE OR REPLACE TRIGGER sys.audit_logon AFTER LOGON ON DATABASE\nDECLARE n int;\nBEGIN NULL; END;");
    EXPECT_TRUE(t.IsSystem());
    EXPECT_EQ(t.scope, OracleTrigger::Scope::Database);
    EXPECT_EQ(t.schema, "sys");
    EXPECT_EQ(t.name, "audit_logon");
    ASSERT_EQ(t.system_events.size(), 1u);
    EXPECT_EQ(t.system_events[0], "LOGON");
    EXPECT_EQ(t.body_line, 2);
    EXPECT_TRUE(t.table.empty());

    t = ParseOracleTrigger("CREATE TRIGGER l BEFORE LOGOFF ON hr.SCHEMA DISABLE BEGIN NULL; END;");
    EXPECT_EQ(t.scope, OracleTrigger::Scope::Schema);
    EXPECT_EQ(t.scope_user, "hr");
    EXPECT_FALSE(t.enabled);
    EXPECT_EQ(t.timing, OracleTrigger::Timing::Before);

    t = ParseOracleTrigger("CREATE TRIGGER d AFTER CREATE OR DROP OR ddl ON SCHEMA CALL p(1)");
    EXPECT_EQ(t.scope, OracleTrigger::Scope::Schema);
    EXPECT_TRUE(t.scope_user.empty());
    EXPECT_EQ(t.system_events, (std::vector<std::string>{"CREATE", "DROP", "DDL"}));
    EXPECT_EQ(t.body, "BEGIN p(1); END;");
    EXPECT_TRUE(IsSystemTriggerEvent("RENAME"));
    EXPECT_FALSE(IsSystemTriggerEvent("INSERT"));
}

TEST(TriggerHeader, OracleErrors) {
    EXPECT_THROW(ParseOracleTrigger("CREATE TRIGGER t BEFORE UPDATE ON x WHEN (new.a > 0) BEGIN NULL; END;"),
                 SyntaxError);
    EXPECT_THROW(ParseOracleTrigger("CREATE TRIGGER t BEFORE SELECT ON x BEGIN NULL; END;"), SyntaxError);
    EXPECT_THROW(ParseOracleTrigger("CREATE TRIGGER t AFTER STARTUP ON DATABASE BEGIN NULL; END;"), SyntaxError);
    EXPECT_THROW(ParseOracleTrigger("CREATE TRIGGER t AFTER LOGON ON t BEGIN NULL; END;"), SyntaxError);
    EXPECT_THROW(ParseOracleTrigger("CREATE TRIGGER t AFTER LOGON OR INSERT ON DATABASE BEGIN NULL; END;"),
                 SyntaxError);
    EXPECT_THROW(ParseOracleTrigger("CREATE TRIGGER t AFTER LOGON ON DATABASE FOR EACH ROW BEGIN NULL; END;"),
                 SyntaxError);
    EXPECT_THROW(ParseOracleTrigger("CREATE TRIGGER t INSTEAD OF LOGON ON DATABASE BEGIN NULL; END;"), SyntaxError);
    EXPECT_THROW(ParseOracleTrigger("CREATE TRIGGER t INSTEAD OF INSERT ON v FOR EACH ROW WHEN (new.a > 0) BEGIN "
                                    "NULL; END;"),
                 SyntaxError);
}

TEST(TriggerScript, OracleAndPostgresForms) {
    auto stmts = SplitScript(
        "CREATE OR REPLACE TRIGGER a BEFORE INSERT ON t FOR EACH ROW\n"
        "DECLARE x int;\nBEGIN\n  IF INSERTING THEN x := 1; END IF;\nEND a;\n/\n"
        "CREATE TRIGGER b BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION f();\n"
        "CREATE EVENT TRIGGER e ON after_user_logon EXECUTE FUNCTION g();\n"
        "CREATE TRIGGER c AFTER DELETE ON t BEGIN NULL; END;\n");
    ASSERT_EQ(stmts.size(), 4u);
    EXPECT_EQ(stmts[0].kind, ScriptStatementKind::OracleTrigger);
    EXPECT_EQ(stmts[0].text.substr(stmts[0].text.size() - 6), "END a;");
    EXPECT_EQ(stmts[1].kind, ScriptStatementKind::Sql);
    EXPECT_EQ(stmts[2].kind, ScriptStatementKind::Sql);
    EXPECT_EQ(stmts[3].kind, ScriptStatementKind::OracleTrigger);
    EXPECT_EQ(stmts[3].line, 9);
}

TEST(TriggerCompound, SectionsBecomeProceduresOnTheirLines) {
    std::string body =
        "\n  n PLS_INTEGER := 0;\n"
        "  BEFORE STATEMENT IS\n  BEGIN\n    n := 0;\n  END BEFORE STATEMENT;\n"
        "  AFTER EACH ROW IS\n  BEGIN\n    IF n > 0 THEN n := n + 1; END IF;\n    CASE WHEN n > 1 THEN NULL; END "
        "CASE;\n"
        "  END AFTER EACH ROW;\n"
        "END t;";
    std::vector<int> sections;
    std::vector<CompoundSection> texts;
    std::string block = CompoundTriggerBlock(body, &sections, &texts);
    ASSERT_EQ(sections.size(), 2u);
    EXPECT_EQ(sections[0], static_cast<int>(CompoundTiming::BeforeStatement));
    EXPECT_EQ(sections[1], static_cast<int>(CompoundTiming::AfterEachRow));
    ASSERT_EQ(texts.size(), 2u);
    EXPECT_NE(texts[1].text.find("n := n + 1"), std::string::npos);
    EXPECT_EQ(block.substr(0, 8), "DECLARE ");
    EXPECT_NE(block.find("PROCEDURE plpolar$before_statement IS"), std::string::npos);
    EXPECT_NE(block.find("PROCEDURE plpolar$after_each_row IS"), std::string::npos);
    EXPECT_NE(block.find("WHEN 3 THEN plpolar$after_each_row;"), std::string::npos);
    EXPECT_EQ(block.find("END BEFORE STATEMENT"), std::string::npos);
    // Lines stay where they were.
    auto lines = [](const std::string &s) { return std::count(s.begin(), s.end(), '\n'); };
    EXPECT_EQ(lines(block), lines(body));
}

TEST(TriggerCompound, Errors) {
    std::vector<int> s;
    EXPECT_THROW(CompoundTriggerBlock("BEFORE STATEMENT IS BEGIN NULL; END AFTER STATEMENT; END;", &s), SyntaxError);
    s.clear();
    EXPECT_THROW(CompoundTriggerBlock("x int; END;", &s), SyntaxError);
    s.clear();
    EXPECT_THROW(CompoundTriggerBlock("BEFORE STATEMENT IS BEGIN NULL; END BEFORE STATEMENT;", &s), SyntaxError);
    // Oracle's checks of what a timing point allows.
    EXPECT_THROW(ParseOracleTrigger("CREATE TRIGGER c FOR INSERT ON t COMPOUND TRIGGER AFTER STATEMENT IS BEGIN "
                                    "x := :new.a; END AFTER STATEMENT; END c;"),
                 SyntaxError);
    EXPECT_THROW(ParseOracleTrigger("CREATE TRIGGER c FOR INSERT ON t REFERENCING NEW AS n COMPOUND TRIGGER AFTER "
                                    "EACH ROW IS BEGIN :n.a := 1; END AFTER EACH ROW; END c;"),
                 SyntaxError);
    OracleTrigger ok = ParseOracleTrigger(
        "CREATE TRIGGER c FOR INSERT ON t COMPOUND TRIGGER BEFORE EACH ROW IS BEGIN :new.a := 1; END BEFORE EACH "
        "ROW; END c;");
    EXPECT_EQ(ok.timing, OracleTrigger::Timing::Compound);
}

TEST(TriggerCompound, ScriptSplitsAtTheFinalEnd) {
    auto stmts = SplitScript(
        "CREATE TRIGGER c FOR UPDATE ON t COMPOUND TRIGGER\n"
        "  BEFORE STATEMENT IS BEGIN NULL; END BEFORE STATEMENT;\n"
        "  AFTER STATEMENT IS BEGIN NULL; END AFTER STATEMENT;\n"
        "END c;\n"
        "SELECT 1;\n");
    ASSERT_EQ(stmts.size(), 2u);
    EXPECT_EQ(stmts[0].kind, ScriptStatementKind::OracleTrigger);
    EXPECT_EQ(stmts[0].text.substr(stmts[0].text.size() - 6), "END c;");
}
