// The plpolar client's server-free parts: logon strings, SQL*Plus command
// parsing, result layout, feedback and error reports; the splitter's '/'
// reruns it relies on.
#include <gtest/gtest.h>

#include <stdexcept>

#include "plpolar/cli/commands.hpp"
#include "plpolar/cli/connect.hpp"
#include "plpolar/cli/report.hpp"
#include "plpolar/parser/script.hpp"
#include "plpolar/parser/substitution.hpp"

using namespace plpolar::cli;
using plpolar::parser::ScriptStatementKind;

namespace {
std::string Param(const Logon &l, const std::string &key) {
    for (const auto &p : l.params)
        if (p.first == key) return p.second;
    return "<none>";
}
}  // namespace

TEST(CliLogon, EzConnectAndServiceNames) {
    Logon l = ParseLogon("SCOTT/tiger@//db.example.com:5433/sales");
    EXPECT_EQ(Param(l, "user"), "scott");
    EXPECT_EQ(Param(l, "password"), "tiger");
    EXPECT_EQ(Param(l, "host"), "db.example.com");
    EXPECT_EQ(Param(l, "port"), "5433");
    EXPECT_EQ(Param(l, "dbname"), "sales");
    l = ParseLogon("scott/tiger@dbhost/sales");
    EXPECT_EQ(Param(l, "host"), "dbhost");
    EXPECT_EQ(Param(l, "port"), "<none>");
    EXPECT_EQ(Param(l, "dbname"), "sales");
    l = ParseLogon("scott@sales");
    EXPECT_EQ(Param(l, "user"), "scott");
    EXPECT_EQ(Param(l, "password"), "<none>");
    EXPECT_EQ(Param(l, "host"), "<none>");
    EXPECT_EQ(Param(l, "dbname"), "sales");
    l = ParseLogon("scott/\"p@ss/word\"@//[::1]:5432/db");
    EXPECT_EQ(Param(l, "password"), "p@ss/word");
    EXPECT_EQ(Param(l, "host"), "::1");
    EXPECT_EQ(Param(l, "port"), "5432");
    l = ParseLogon("//host:1521/orcl:dedicated");
    EXPECT_EQ(Param(l, "dbname"), "<none>");  // no '@': a user name, odd but as SQL*Plus reads it
    l = ParseLogon("\"MixedCase\"/pw");
    EXPECT_EQ(Param(l, "user"), "MixedCase");
}

TEST(CliLogon, SpecialForms) {
    EXPECT_TRUE(ParseLogon("/nolog").nolog);
    EXPECT_TRUE(ParseLogon("/NOLOG").nolog);
    Logon os = ParseLogon("/");
    EXPECT_FALSE(os.nolog);
    EXPECT_TRUE(os.params.empty());
    Logon sys = ParseLogon("sys/pw@db AS SYSDBA");
    EXPECT_EQ(Param(sys, "user"), "sys");
    EXPECT_EQ(Param(sys, "dbname"), "db");
    EXPECT_NE(sys.note.find("SYSDBA"), std::string::npos);
    Logon conninfo = ParseLogon("host=/tmp dbname=x");
    EXPECT_EQ(Param(conninfo, "dbname"), "host=/tmp dbname=x");
    EXPECT_TRUE(conninfo.conninfo);
    // A password with '=' is no conninfo.
    Logon eq = ParseLogon("scott/pa=ss@db");
    EXPECT_FALSE(eq.conninfo);
    EXPECT_EQ(Param(eq, "password"), "pa=ss");
    EXPECT_EQ(Param(eq, "dbname"), "db");
    Logon uri = ParseLogon("postgresql://u@h/d");
    EXPECT_EQ(Param(uri, "dbname"), "postgresql://u@h/d");
    EXPECT_THROW(ParseLogon("scott/tiger@//:5432/db"), std::invalid_argument);
    EXPECT_THROW(ParseLogon("scott/tiger@//h:port/db"), std::invalid_argument);
    EXPECT_THROW(ParseLogon("scott/\"open@db"), std::invalid_argument);
}

TEST(CliCommands, WheneverAndExit) {
    Whenever w = ParseWhenever(Words("WHENEVER SQLERROR EXIT SQL.SQLCODE ROLLBACK"));
    EXPECT_FALSE(w.oserror);
    EXPECT_TRUE(w.exit);
    EXPECT_EQ(w.action.code, ExitAction::Code::SqlCode);
    EXPECT_EQ(w.action.transaction, ExitAction::Transaction::Rollback);
    w = ParseWhenever(Words("whenever sqlerror exit"));
    EXPECT_EQ(w.action.code, ExitAction::Code::Success);
    EXPECT_EQ(w.action.transaction, ExitAction::Transaction::Default);  // COMMIT, unless SET EXITCOMMIT OFF
    w = ParseWhenever(Words("whenever oserror exit 9"));
    EXPECT_TRUE(w.oserror);
    EXPECT_EQ(w.action.code, ExitAction::Code::Number);
    EXPECT_EQ(w.action.number, 9);
    w = ParseWhenever(Words("whenever sqlerror continue"));
    EXPECT_FALSE(w.exit);
    EXPECT_EQ(w.action.transaction, ExitAction::Transaction::None);
    w = ParseWhenever(Words("whenever sqlerror continue commit"));
    EXPECT_EQ(w.action.transaction, ExitAction::Transaction::Commit);
    w = ParseWhenever(Words("whenever sqlerror exit rc"));
    EXPECT_EQ(w.action.code, ExitAction::Code::Variable);
    EXPECT_EQ(w.action.variable, "RC");
    EXPECT_THROW(ParseWhenever(Words("whenever sqlerror stop")), std::invalid_argument);
    EXPECT_THROW(ParseWhenever(Words("whenever warning exit")), std::invalid_argument);
    EXPECT_THROW(ParseWhenever(Words("whenever sqlerror continue later")), std::invalid_argument);
    ExitAction e = ParseExit(Words("EXIT FAILURE"), 1);
    EXPECT_EQ(e.code, ExitAction::Code::Failure);
    e = ParseExit(Words("quit 3 rollback"), 1);
    EXPECT_EQ(e.number, 3);
    EXPECT_EQ(e.transaction, ExitAction::Transaction::Rollback);
    e = ParseExit(Words("exit rollback"), 1);
    EXPECT_EQ(e.code, ExitAction::Code::Success);
    EXPECT_EQ(e.transaction, ExitAction::Transaction::Rollback);
    EXPECT_THROW(ParseExit(Words("exit 1 2"), 1), std::invalid_argument);
    EXPECT_THROW(ParseExit(Words("exit :rc"), 1), std::invalid_argument);
}

TEST(CliCommands, SetOptionsAndAbbreviations) {
    Settings s;
    ApplySet(Words("SET FEED OFF"), s);
    EXPECT_EQ(s.feedback, 0);
    ApplySet(Words("set feedback on"), s);
    EXPECT_EQ(s.feedback, 1);
    ApplySet(Words("set feedback 3"), s);
    EXPECT_EQ(s.feedback, 3);
    EXPECT_TRUE(ApplySet(Words("set serveroutput on size unlimited format wrapped"), s).serveroutput_changed);
    EXPECT_TRUE(s.serveroutput);
    ApplySet(Words("SET PAGES 0"), s);
    EXPECT_EQ(s.pagesize, 0);
    ApplySet(Words("set pages 14 lines 132"), s);
    EXPECT_EQ(s.linesize, 132);
    EXPECT_EQ(*ApplySet(Words("set def off"), s).define, "off");
    ApplySet(Words("SET PAGESIZE 0 FEEDBACK OFF HEADING OFF TRIMSPOOL ON LINESIZE 200"), s);
    EXPECT_EQ(s.pagesize, 0);
    EXPECT_EQ(s.feedback, 0);
    EXPECT_FALSE(s.heading);
    EXPECT_EQ(s.linesize, 200);
    ApplySet(Words("set serveroutput on size 1000000 format wrapped echo on"), s);
    EXPECT_TRUE(s.echo);
    EXPECT_THROW(ApplySet(Words("set heading"), s), std::invalid_argument);
    ApplySet(Words("set colsep '|'"), s);
    EXPECT_EQ(s.colsep, "|");
    ApplySet(Words("set null '(null)'"), s);
    EXPECT_EQ(s.null_text, "(null)");
    ApplySet(Words("set trimspool on"), s);  // accepted, no effect
    EXPECT_THROW(ApplySet(Words("set frobnicate on"), s), std::invalid_argument);
    EXPECT_THROW(ApplySet(Words("set echo maybe"), s), std::invalid_argument);
    EXPECT_THROW(ApplySet(Words("set pagesize lots"), s), std::invalid_argument);
    EXPECT_THROW(ApplySet(Words("set linesize 0"), s), std::invalid_argument);
    EXPECT_EQ(*ShowSetting("serverout", s), "serveroutput ON SIZE UNLIMITED FORMAT WORD_WRAPPED");
    EXPECT_FALSE(ShowSetting("sga", s).has_value());
    ApplyColumn(Words("column ename format a5 heading 'Employee'"), s);
    EXPECT_EQ(s.columns["ENAME"].width, 5);
    EXPECT_EQ(s.columns["ENAME"].heading, "Employee");
    ApplyColumn(Words("col ename clear"), s);
    EXPECT_EQ(s.columns.count("ENAME"), 0u);
    ApplyColumn(Words("COLUMN property_value NEW_VALUE var_default_tablespace NOPRINT"), s);
    EXPECT_EQ(s.columns["PROPERTY_VALUE"].new_value, "VAR_DEFAULT_TABLESPACE");
    EXPECT_TRUE(s.columns["PROPERTY_VALUE"].noprint);
}

TEST(CliReport, TableLayout) {
    Settings s;
    ResultTable t;
    t.columns = {{"empno", true}, {"ename", false}, {"Mixed", false}};
    t.rows = {{std::string("7839"), std::string("KING"), std::nullopt},
              {std::string("12"), std::string("SMITH"), std::string("x")}};
    EXPECT_EQ(FormatTable(t, s),
              "\n"
              "     EMPNO ENAME Mixed\n"
              "---------- ----- -----\n"
              "      7839 KING\n"
              "        12 SMITH x\n"
              "\n");
    s.pagesize = 0;
    EXPECT_EQ(FormatTable(t, s), "      7839 KING\n        12 SMITH x\n");
    s.pagesize = 4;  // a blank line, two heading lines: one row a page
    std::string paged = FormatTable(t, s);
    EXPECT_EQ(paged.find("EMPNO", paged.find("7839")) != std::string::npos, true);
    s = Settings();
    s.linesize = 12;  // the second and third columns go on a line of their own
    std::string wrapped = FormatTable(t, s);
    EXPECT_NE(wrapped.find("     EMPNO\n"), std::string::npos);
    EXPECT_NE(wrapped.find("ENAME Mixed\n"), std::string::npos);
    s = Settings();
    s.columns["ENAME"].width = 3;  // FORMAT A3 wraps longer values
    std::string narrow = FormatTable(t, s);
    EXPECT_NE(narrow.find(" SMI "), std::string::npos);
    EXPECT_NE(narrow.find("\n           TH\n"), std::string::npos);
    s = Settings();
    EXPECT_EQ(QueryFeedback(0, s), "no rows selected");
    EXPECT_EQ(QueryFeedback(5, s), "");
    EXPECT_EQ(QueryFeedback(6, s), "6 rows selected.");
    s.feedback = 1;
    EXPECT_EQ(QueryFeedback(1, s), "1 row selected.");
    s.feedback = 0;
    EXPECT_EQ(QueryFeedback(0, s), "");
    ResultTable u;
    u.columns = {{"s", false}};
    u.rows = {{std::string("é€x")}};
    EXPECT_EQ(FormatTable(u, Settings()), "\nS\n---\né€x\n\n");  // width in characters
    EXPECT_EQ(DisplayWidth("日本語"), 6u);                       // wide: two columns each
    EXPECT_EQ(DisplayWidth("e\xcc\x81"), 1u);                    // e + combining acute
    EXPECT_EQ(DisplayWidth("a\tb"), 9u);
    Settings hidden;
    hidden.columns["ENAME"].noprint = true;
    EXPECT_EQ(FormatTable(t, hidden), "\n     EMPNO Mixed\n---------- -----\n      7839\n        12 x\n\n");
}

TEST(CliReport, Feedback) {
    using K = ScriptStatementKind;
    EXPECT_EQ(StatementFeedback(K::Sql, "create table t (a number)", 0), "Table created.");
    EXPECT_EQ(StatementFeedback(K::Sql, "CREATE OR REPLACE FORCE VIEW v AS SELECT 1", 0), "View created.");
    EXPECT_EQ(StatementFeedback(K::Sql, "create unique index i on t(a)", 0), "Index created.");
    EXPECT_EQ(StatementFeedback(K::Sql, "create global temporary table g (a int)", 0), "Table created.");
    EXPECT_EQ(StatementFeedback(K::Sql, "create public synonym s for t", 0), "Synonym created.");
    EXPECT_EQ(StatementFeedback(K::Sql, "drop materialized view m", 0), "Materialized view dropped.");
    EXPECT_EQ(StatementFeedback(K::Sql, "alter session set nls_date_format = 'YYYY'", 0), "Session altered.");
    EXPECT_EQ(StatementFeedback(K::Sql, "insert into t values (1)", 1), "1 row created.");
    EXPECT_EQ(StatementFeedback(K::Sql, "update t set a = 2", 0), "0 rows updated.");
    EXPECT_EQ(StatementFeedback(K::Sql, "delete from t", 3), "3 rows deleted.");
    EXPECT_EQ(StatementFeedback(K::Sql, "merge into t using s on (1=1) when matched then update set a = 1", 2),
              "2 rows merged.");
    EXPECT_EQ(StatementFeedback(K::Sql, "grant select on t to u", 0), "Grant succeeded.");
    EXPECT_EQ(StatementFeedback(K::Sql, "truncate table t", 0), "Table truncated.");
    EXPECT_EQ(StatementFeedback(K::OracleSubprogram, "create or replace procedure p is begin null; end;", 0),
              "Procedure created.");
    EXPECT_EQ(StatementFeedback(K::OraclePackage, "CREATE OR REPLACE PACKAGE BODY pk IS END;", 0),
              "Package body created.");
    EXPECT_EQ(StatementFeedback(K::OracleTrigger, "create trigger tr before insert on t begin null; end;", 0),
              "Trigger created.");
    EXPECT_EQ(StatementFeedback(K::AnonymousBlock, "begin null; end;", 0), "PL/SQL procedure successfully completed.");
    auto unit = UnitOfCreate("create or replace editionable package body \"Pk\" as end;");
    ASSERT_TRUE(unit.has_value());
    EXPECT_EQ(unit->type, "PACKAGE BODY");
    EXPECT_EQ(unit->name, "Pk");
    EXPECT_FALSE(UnitOfCreate("create table t (a int)").has_value());
}

TEST(CliReport, Errors) {
    using K = ScriptStatementKind;
    ServerError e;
    e.sqlstate = "42P01";
    e.message = "relation \"nosuch\" does not exist";
    e.oracle = "ORA-00942: table or view does not exist";
    e.query = "select *\n  from nosuch";
    e.position = 17;  // the n of nosuch
    ErrorReport r = DescribeError(e, K::Sql, e.query, 0);
    EXPECT_EQ(r.oracle_code, 942);
    EXPECT_EQ(r.line, 2);
    EXPECT_EQ(r.text,
              "  from nosuch\n"
              "       *\n"
              "ERROR at line 2:\n"
              "ORA-00942: table or view does not exist\n"
              "relation \"nosuch\" does not exist\n");
    // A block's runtime error: ORA-06512 lines, innermost first.
    ServerError b;
    b.sqlstate = "UD001";
    b.message = "ORA-20001: boom";
    b.oracle = "boom";
    b.context =
        "PL/polar function inner(integer) line 3 at RAISE\nSQL statement \"CALL inner(1)\"\n"
        "PL/polar function inline_code_block line 2 at procedure call\nplpolar.exec statement 2 (line 2 of the "
        "script; its body's line 1 is line 2)";
    r = DescribeError(b, K::AnonymousBlock, "begin\n  inner(1);\nend;", 1);
    EXPECT_EQ(r.oracle_code, 20001);
    EXPECT_FALSE(r.compilation);
    EXPECT_EQ(r.text, "ERROR at line 1:\nORA-20001: boom\nORA-06512: at \"INNER\", line 3\nORA-06512: at line 2\n");
    // A unit that does not compile: its line counted from the CREATE line.
    ServerError c;
    c.sqlstate = "42601";
    c.message = "syntax error at or near \";\"";
    c.context =
        "compilation of PL/polar function \"p\" near line 3, column 9\nplpolar.exec statement 2 (line 2 of the "
        "script; its body's line 1 is line 3)";
    r = DescribeError(c, K::OracleSubprogram, "create or replace\nprocedure p is\nbegin\n  x := ;\nend;", 1);
    EXPECT_TRUE(r.compilation);
    EXPECT_EQ(r.compile.line, 4);
    EXPECT_EQ(r.compile.column, 9);
    EXPECT_EQ(r.compile.text, "PLS-00103: syntax error at or near \";\"");
    // An undeclared identifier: the column found on its line.
    ServerError u;
    u.sqlstate = "42704";
    u.message = "identifier \"zz\" must be declared";
    u.context = "compilation of PL/polar function \"q\" near line 3";
    r = DescribeError(u, K::AnonymousBlock, "declare\n  y number;\nbegin y := ZZ; end;", 0);
    EXPECT_EQ(r.compile.column, 12);
    EXPECT_EQ(r.oracle_code, 6550);
    EXPECT_EQ(r.text,
              "ERROR at line 3:\nORA-06550: line 3, column 12:\nPLS-00201: identifier \"zz\" must be declared\n");
}

TEST(CliScript, SlashRunsTheBufferAgain) {
    using plpolar::parser::SplitScript;
    auto s =
        SplitScript("insert into t values (1);\n/\n/\nbegin null; end;\n/\nselect 1 from dual\n/\n/\nset echo on\n/\n");
    ASSERT_EQ(s.size(), 5u);
    EXPECT_EQ(s[0].reruns, 2);  // ';' ended it: each '/' runs it again
    EXPECT_EQ(s[1].reruns, 0);  // the '/' after END; is the block's end
    EXPECT_EQ(s[2].reruns, 1);  // the first '/' ended it, the second runs it again
    EXPECT_EQ(s[3].reruns, 0);
    // '/' after a SQL*Plus command: the buffer (the SELECT) again, after SET ECHO
    EXPECT_TRUE(s[4].rerun);
    EXPECT_EQ(s[4].text, "select 1 from dual");
    EXPECT_FALSE(s[3].rerun);
    auto p = SplitScript("create package k is procedure p; end;\n/\n/\n");
    ASSERT_EQ(p.size(), 1u);
    EXPECT_EQ(p[0].reruns, 1);
}

TEST(CliScript, CommandAbbreviationsAndContinuations) {
    using plpolar::parser::SplitScript;
    using plpolar::parser::SqlPlusCommandName;
    EXPECT_EQ(SqlPlusCommandName("pro"), "PROMPT");
    EXPECT_EQ(SqlPlusCommandName("SPO"), "SPOOL");
    EXPECT_EQ(SqlPlusCommandName("disc"), "DISCONNECT");
    EXPECT_EQ(SqlPlusCommandName("desc"), "DESCRIBE");
    EXPECT_EQ(SqlPlusCommandName("rema"), "REMARK");
    EXPECT_EQ(SqlPlusCommandName("exec"), "EXECUTE");
    EXPECT_EQ(SqlPlusCommandName("discard"), "");  // PostgreSQL's DISCARD
    EXPECT_EQ(SqlPlusCommandName("pr"), "");       // too short
    auto s =
        SplitScript("pro hello\nspo out.lst\nset linesize 100 -\n  pagesize 5\nprompt a -\nb\nselect 1 from dual;\n");
    ASSERT_EQ(s.size(), 5u);
    EXPECT_EQ(s[0].kind, ScriptStatementKind::SqlPlus);
    EXPECT_EQ(s[1].text, "spo out.lst");
    EXPECT_EQ(s[2].text, "set linesize 100 pagesize 5");
    EXPECT_EQ(s[3].text, "prompt a b");
    EXPECT_EQ(s[4].kind, ScriptStatementKind::Sql);
    // SET and SHOW: SQL*Plus's unless PostgreSQL's forms
    auto k = SplitScript(
        "set search_path = a;\nset plpolar.serveroutput to on;\nset time zone 'UTC';\n"
        "set underline =\nset frobnicate on\nshow search_path;\nshow define\n"
        "start transaction;\nset transaction read only;\n");
    ASSERT_EQ(k.size(), 9u);
    std::vector<ScriptStatementKind> kinds;
    for (const auto &x : k) kinds.push_back(x.kind);
    using K = ScriptStatementKind;
    EXPECT_EQ(kinds,
              (std::vector<K>{K::Sql, K::Sql, K::Sql, K::SqlPlus, K::SqlPlus, K::Sql, K::SqlPlus, K::Sql, K::Sql}));
    // CREATE TYPE ... ; then '/': the '/' ends it, it does not run it again
    auto t = SplitScript("create or replace type t as object (a number);\n/\ncreate type u as table of t;\n/\n/\n");
    ASSERT_EQ(t.size(), 2u);
    EXPECT_EQ(t[0].reruns, 0);
    EXPECT_EQ(t[1].reruns, 1);
}

TEST(CliScript, SubstitutionAsksForUndefinedVariables) {
    plpolar::parser::SubstitutionState state;
    std::vector<std::string> asked;
    auto ask = [&](const std::string &name, bool define) -> std::optional<std::string> {
        asked.push_back(name + (define ? "!" : ""));
        if (define) state.variables["B"] = "kept";  // stored upper case, as the client does
        return std::string("v");
    };
    EXPECT_EQ(plpolar::parser::Substitute("&a &&b &b", state, ask), "v v kept");
    EXPECT_EQ(asked, (std::vector<std::string>{"a", "b!"}));  // as written, for the prompt
    auto refuse = [](const std::string &, bool) -> std::optional<std::string> { return std::nullopt; };
    EXPECT_THROW(plpolar::parser::Substitute("&c", state, refuse), std::exception);
}
