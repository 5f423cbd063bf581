// libFuzzer target: arbitrary bytes through the parse phase (body and package parser,
// AST transformer, script splitter, Oracle-form translator, Oracle table
// DDL, the SQL text rewrites: ROWNUM, aliases, names with #, continued lines;
// Oracle-form triggers, compound ones included, and trigger bodies).
// A SyntaxError (or DdlUnsupported) is the expected answer to bad input; any
// other exception, crash, leak or sanitizer report is a finding.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "plpolar/compile/oracle_types.hpp"
#include "plpolar/parser/builtins.hpp"
#include "plpolar/parser/ddl.hpp"
#include "plpolar/parser/package.hpp"
#include "plpolar/parser/parser.hpp"
#include "plpolar/parser/placeholders.hpp"
#include "plpolar/parser/script.hpp"
#include "plpolar/parser/sql_text.hpp"
#include "plpolar/parser/trigger.hpp"
#include "plpolar/parser/trigger_body.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    std::string input(reinterpret_cast<const char *>(data), size);
    try {
        plpolar::parser::ParseBody(input);
    } catch (const plpolar::parser::SyntaxError &) {
    }
    try {
        plpolar::parser::ParsePackageSource(input);
    } catch (const plpolar::parser::SyntaxError &) {
    }
    std::vector<plpolar::parser::ScriptStatement> statements;
    try {
        statements = plpolar::parser::SplitScript(input);
    } catch (const plpolar::parser::SyntaxError &) {  // unterminated text
    }
    for (const auto &stmt : statements) {
        if (stmt.kind == plpolar::parser::ScriptStatementKind::Sql) {
            plpolar::parser::ParsePackageCommand(stmt.text);
            try {
                std::string text = plpolar::parser::JoinContinuedLines(stmt.text);
                plpolar::parser::TranslateOracleDdl(text, plpolar::compile::MapOracleSqlTypeName);
                plpolar::parser::QualifyBuiltins(text);
            } catch (const plpolar::parser::SyntaxError &) {  // DdlUnsupported too
            }
            continue;
        }
        if (stmt.kind == plpolar::parser::ScriptStatementKind::OraclePackage) {
            try {
                auto pkg = plpolar::parser::ParseOraclePackage(stmt.text);
                plpolar::parser::ParsePackageSource(pkg.source);
            } catch (const plpolar::parser::SyntaxError &) {
            }
            continue;
        }
        if (stmt.kind == plpolar::parser::ScriptStatementKind::OracleTrigger) {
            try {
                auto trg = plpolar::parser::ParseOracleTrigger(stmt.text);
                plpolar::parser::TriggerWhenCondition(trg);
                auto body = plpolar::parser::PrepareTriggerBody(
                    plpolar::parser::ReferencingMarker(trg.old_name, trg.new_name) + trg.body);
                plpolar::parser::ParseBody(body.source);
            } catch (const plpolar::parser::SyntaxError &) {
            }
            continue;
        }
        if (stmt.kind != plpolar::parser::ScriptStatementKind::OracleSubprogram) continue;
        try {
            auto sub = plpolar::parser::ParseOracleSubprogram(stmt.text, [](const std::string &t) { return t; });
            plpolar::parser::ToCreateStatement(sub, "pg_temp");
        } catch (const plpolar::parser::SyntaxError &) {
        }
    }
    // A trigger function's body as PostgreSQL hands it over.
    try {
        plpolar::parser::ParseBody(plpolar::parser::PrepareTriggerBody(input).source);
    } catch (const plpolar::parser::SyntaxError &) {
    }
    // Dynamic SQL strings: a PL/SQL block's placeholders.
    if (plpolar::parser::IsDynamicBlock(input)) plpolar::parser::ConvertBlockPlaceholders(input, "b$");
    return 0;
}
