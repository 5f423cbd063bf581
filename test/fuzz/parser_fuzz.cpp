// libFuzzer target: arbitrary bytes through the parse phase (body parser,
// AST transformer, script splitter, Oracle-form translator). A SyntaxError
// is the expected answer to bad input; any other exception, crash, leak or
// sanitizer report is a finding.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "plpolar/parser/parser.hpp"
#include "plpolar/parser/script.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    std::string input(reinterpret_cast<const char *>(data), size);
    try {
        plpolar::parser::ParseBody(input);
    } catch (const plpolar::parser::SyntaxError &) {
    }
    std::vector<plpolar::parser::ScriptStatement> statements;
    try {
        statements = plpolar::parser::SplitScript(input);
    } catch (const plpolar::parser::SyntaxError &) {  // unterminated text
    }
    for (const auto &stmt : statements) {
        if (stmt.kind != plpolar::parser::ScriptStatementKind::OracleSubprogram) continue;
        try {
            auto sub = plpolar::parser::ParseOracleSubprogram(stmt.text, [](const std::string &t) { return t; });
            plpolar::parser::ToCreateStatement(sub, "pg_temp");
        } catch (const plpolar::parser::SyntaxError &) {
        }
    }
    return 0;
}
