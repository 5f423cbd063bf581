// Errors of the parse turned into PostgreSQL errors: the position of a
// syntax error as a character offset into the body, so that CREATE FUNCTION
// can point at it in the statement (see the validator).
#include "compiler_impl.hpp"
#include "plpolar/pg/guard.hpp"

namespace plpolar::compile {

namespace {

std::string ParseContext(const CompiledFunction &fn, int line, int column) {
    const bool object = OidIsValid(fn.object_type);
    const char *kind = !fn.package       ? "function"
                       : fn.package_body ? (object ? "type body" : "package body")
                                         : (object ? "type" : "package");
    return std::string("compilation of PL/polar ") + kind + " \"" + fn.info.name + "\" near line " +
           std::to_string(line) + ", column " + std::to_string(column);
}

// 1-based character (not byte) offset of line:column in `src`.
int CharacterOffset(const std::string &src, int at_line, int at_column) {
    int line = 1;
    int column = 1;
    int offset = 1;
    for (size_t i = 0; i < src.size(); ++i) {
        if (line == at_line && column == at_column) break;
        unsigned char c = static_cast<unsigned char>(src[i]);
        if ((c & 0xC0) == 0x80) continue;  // UTF-8 continuation byte
        ++offset;
        if (c == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return offset;
}

}  // namespace

void RaiseTooLarge(const CompiledFunction &fn, const parser::TooLarge &e) {
    // No statement position: it would carry the whole body along.
    pg::ErrorSpec spec;
    spec.sqlstate = ERRCODE_PROGRAM_LIMIT_EXCEEDED;
    spec.message = e.what();
    spec.context = ParseContext(fn, e.line(), e.column());
    pg::Raise(spec);
}

void RaiseSyntaxError(const CompiledFunction &fn, const parser::SyntaxError &e) {
    pg::ErrorSpec spec;
    spec.sqlstate = ERRCODE_SYNTAX_ERROR;
    spec.message = e.what();
    spec.context = ParseContext(fn, e.line(), e.column());
    spec.internal_query = fn.info.source;
    spec.cursor_position = CharacterOffset(fn.info.source, e.line(), e.column());
    pg::Raise(spec);
}

}  // namespace plpolar::compile
