// The parse phase: ANTLR lexer and parser, syntax errors, and the hand-off
// to the transformer. Nothing here may call PostgreSQL.
#include <algorithm>
#include <cctype>

#include "PlPolarLexer.h"
#include "PlPolarParser.h"
#include "antlr4-runtime.h"
#include "plpolar/parser/parser.hpp"
#include "transform/transformer.hpp"

namespace plpolar::parser {

namespace {

// Keeps the first error only: later ones are usually echoes of it.
class FirstErrorListener : public antlr4::BaseErrorListener {
public:
    void syntaxError(antlr4::Recognizer *, antlr4::Token *offending, size_t line, size_t column, const std::string &msg,
                     std::exception_ptr) override {
        if (has_error) return;
        has_error = true;
        this->line = static_cast<int>(line);
        this->column = static_cast<int>(column) + 1;
        if (offending == nullptr) {
            message = "syntax error: " + msg;
        } else if (offending->getType() == antlr4::Token::EOF) {
            message = "syntax error at end of input";
            detail = Readable(msg);
        } else {
            message = "syntax error at or near \"" + offending->getText() + "\"";
            detail = Readable(msg);
        }
    }
    // ANTLR names keyword tokens by their K_ symbols; users know keywords.
    static std::string Readable(const std::string &raw) {
        // A long list of expected tokens helps nobody: keep short ones only.
        std::string msg = raw;
        size_t set = msg.find(" expecting {");
        if (set != std::string::npos && std::count(msg.begin() + static_cast<long>(set), msg.end(), ',') > 5)
            msg = msg.substr(0, set);
        std::string out;
        for (size_t i = 0; i < msg.size(); ++i) {
            bool word_start = i == 0 || !(isalnum(static_cast<unsigned char>(msg[i - 1])) || msg[i - 1] == '_');
            if (word_start && msg.compare(i, 2, "K_") == 0) {
                ++i;
                continue;
            }
            out.push_back(msg[i]);
        }
        return out;
    }
    bool has_error = false;
    int line = 0;
    int column = 0;
    std::string message;
    std::string detail;
};

[[noreturn]] void Fail(const FirstErrorListener &listener) {
    std::string message = listener.message;
    if (!listener.detail.empty()) message += " (" + listener.detail + ")";
    throw SyntaxError(message, listener.line, listener.column);
}

bool IsOperator(size_t type) {
    switch (type) {
        case PlPolarLexer::PLUS:
        case PlPolarLexer::MINUS:
        case PlPolarLexer::STAR:
        case PlPolarLexer::SLASH:
        case PlPolarLexer::EXPON:
        case PlPolarLexer::CONCAT:
        case PlPolarLexer::EQ:
        case PlPolarLexer::NE:
        case PlPolarLexer::LT:
        case PlPolarLexer::LE:
        case PlPolarLexer::GT:
        case PlPolarLexer::GE:
        case PlPolarLexer::K_NOT: return true;
        default: return false;
    }
}

// The parser descends recursively, about a dozen C++ frames per nesting
// level; refuse absurd nesting before it starts. Besides brackets and
// blocks, the parser recurses for every right-nested operator: a sign or NOT
// right after another operator ("- - - x", "a = NOT b = NOT c") and "**",
// which groups to the right. Those count per statement, with the limit the
// transformer puts on expression depth.
void CheckNesting(antlr4::CommonTokenStream &tokens) {
    int depth = 0;
    int right_nested = 0;
    size_t prev = 0;
    for (antlr4::Token *t : tokens.getTokens()) {
        if (t->getChannel() != antlr4::Token::DEFAULT_CHANNEL) continue;
        size_t type = t->getType();
        switch (type) {
            case PlPolarLexer::LPAREN:
            case PlPolarLexer::K_BEGIN: ++depth; break;
            case PlPolarLexer::K_IF:
            case PlPolarLexer::K_LOOP:
            case PlPolarLexer::K_CASE:
                if (prev != PlPolarLexer::K_END) ++depth;
                break;
            case PlPolarLexer::RPAREN:
            case PlPolarLexer::K_END: depth = std::max(0, depth - 1); break;
            case PlPolarLexer::SEMI: right_nested = 0; break;
            case PlPolarLexer::EXPON: ++right_nested; break;
            case PlPolarLexer::PLUS:
            case PlPolarLexer::MINUS:
            case PlPolarLexer::K_NOT:
                if (IsOperator(prev)) ++right_nested;
                break;
            default: break;
        }
        if (depth > kMaxNesting)
            throw SyntaxError(
                "nesting is too deep (more than " + std::to_string(kMaxNesting) + " levels of parentheses and blocks)",
                static_cast<int>(t->getLine()), static_cast<int>(t->getCharPositionInLine()) + 1);
        if (right_nested > kMaxExprDepth)
            throw SyntaxError("expression is too deeply nested", static_cast<int>(t->getLine()),
                              static_cast<int>(t->getCharPositionInLine()) + 1);
        prev = type;
    }
}

}  // namespace

namespace {

// PostgreSQL keeps identifiers to NAMEDATALEN - 1 bytes, cut at a character
// boundary; names must match what its parser makes of the same text in
// embedded SQL.
constexpr size_t kMaxIdentifierBytes = 63;

std::string Truncate(std::string name) {
    if (name.size() <= kMaxIdentifierBytes) return name;
    size_t cut = kMaxIdentifierBytes;
    while (cut > 0 && (static_cast<unsigned char>(name[cut]) & 0xC0) == 0x80) --cut;
    name.resize(cut);
    return name;
}

}  // namespace

std::string FoldIdentifier(const std::string &text) {
    if (!text.empty() && text.front() == '"') {
        std::string out;
        for (size_t i = 1; i + 1 < text.size(); ++i) {
            out.push_back(text[i]);
            if (text[i] == '"') ++i;
        }
        return Truncate(std::move(out));
    }
    std::string out = text;
    // ASCII only, as PostgreSQL's downcase_identifier does for UTF-8.
    for (char &c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return Truncate(std::move(out));
}

ast::FunctionBody ParseBody(const std::string &source) {
    if (source.find('\0') != std::string::npos) throw SyntaxError("function body contains a NUL byte", 1, 1);
    std::unique_ptr<antlr4::ANTLRInputStream> input;
    try {
        input = std::make_unique<antlr4::ANTLRInputStream>(source);
    } catch (const std::range_error &) {
        throw SyntaxError("function body is not valid UTF-8", 1, 1);
    }
    FirstErrorListener listener;
    PlPolarLexer lexer(input.get());
    lexer.removeErrorListeners();
    lexer.addErrorListener(&listener);
    antlr4::CommonTokenStream tokens(&lexer);
    tokens.fill();
    if (listener.has_error) Fail(listener);
    CheckNesting(tokens);

    PlPolarParser parser(&tokens);
    parser.removeErrorListeners();
    // Two-stage parse: the fast SLL mode decides almost every body; only if
    // it gives up do we pay for full LL with error reporting.
    parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(antlr4::atn::PredictionMode::SLL);
    parser.setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
    PlPolarParser::BodyContext *tree = nullptr;
    try {
        tree = parser.body();
    } catch (const antlr4::ParseCancellationException &) {
        tokens.seek(0);
        parser.reset();
        parser.addErrorListener(&listener);
        parser.setErrorHandler(std::make_shared<antlr4::DefaultErrorStrategy>());
        parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(antlr4::atn::PredictionMode::LL);
        tree = parser.body();
    }
    if (listener.has_error) Fail(listener);

    Transformer transformer(*input);
    return transformer.TransformBody(tree);
}

}  // namespace plpolar::parser
