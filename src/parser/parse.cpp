// The parse phase: ANTLR lexer and parser, syntax errors, and the hand-off
// to the transformer. Nothing here may call PostgreSQL.
#include <malloc.h>

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

namespace {

// ANTLR's own UTF-8 conversion (std::wstring_convert) leaves its UTF-32
// copy with about five times the room it needs: 20 bytes per byte of body.
// Decoded here into a buffer of the exact size: 4 bytes per character.
class BodyInput : public antlr4::ANTLRInputStream {
public:
    explicit BodyInput(const std::string &utf8) {
        size_t chars = 0;
        for (unsigned char c : utf8) chars += (c & 0xC0) != 0x80;
        _data.reserve(chars);
        size_t i = 0;
        while (i < utf8.size()) {
            char32_t c = Decode(utf8, &i);
            if (c == kInvalid) throw SyntaxError("function body is not valid UTF-8", 1, 1);
            _data.push_back(c);
        }
    }

private:
    static constexpr char32_t kInvalid = 0xFFFFFFFF;

    // The code point at *i, advancing *i; kInvalid for what PostgreSQL's
    // UTF-8 check refuses too (overlong forms, surrogates, beyond U+10FFFF).
    static char32_t Decode(const std::string &s, size_t *i) {
        auto byte = [&s](size_t k) { return static_cast<unsigned char>(s[k]); };
        unsigned char lead = byte(*i);
        int more = 0;
        char32_t c = 0;
        char32_t min = 0;
        if (lead < 0x80) {
            ++*i;
            return lead;
        } else if ((lead & 0xE0) == 0xC0) {
            more = 1, c = lead & 0x1F, min = 0x80;
        } else if ((lead & 0xF0) == 0xE0) {
            more = 2, c = lead & 0x0F, min = 0x800;
        } else if ((lead & 0xF8) == 0xF0) {
            more = 3, c = lead & 0x07, min = 0x10000;
        } else {
            return kInvalid;
        }
        if (*i + static_cast<size_t>(more) >= s.size()) return kInvalid;
        for (int k = 1; k <= more; ++k) {
            unsigned char b = byte(*i + static_cast<size_t>(k));
            if ((b & 0xC0) != 0x80) return kInvalid;
            c = (c << 6) | (b & 0x3F);
        }
        if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return kInvalid;
        *i += static_cast<size_t>(more) + 1;
        return c;
    }
};

// The lexer with the body's limits and the interrupt check: every token
// passes here, so the whole lexing phase can be stopped and is bounded.
class BodyLexer : public PlPolarLexer {
public:
    BodyLexer(antlr4::CharStream *input, InterruptCheck interrupted) : PlPolarLexer(input), interrupted_(interrupted) {}

    std::unique_ptr<antlr4::Token> nextToken() override {
        if (interrupted_ != nullptr && interrupted_()) throw Interrupted();
        if (++count_ > kMaxBodyTokens)
            throw TooLarge("function body is too large (more than " + std::to_string(kMaxBodyTokens) + " tokens)",
                           static_cast<int>(getLine()), static_cast<int>(getCharPositionInLine()) + 1);
        return PlPolarLexer::nextToken();
    }
    size_t count() const { return count_; }

private:
    InterruptCheck interrupted_;
    size_t count_ = 0;
};

// The parser advances, and its prediction looks ahead, only through
// consume(): the check here reaches both. It runs outside ANTLR's locked
// sections (those only touch its DFA), so unwinding from it leaves the
// locks free.
class BodyTokens : public antlr4::CommonTokenStream {
public:
    BodyTokens(antlr4::TokenSource *source, InterruptCheck interrupted)
        : CommonTokenStream(source), interrupted_(interrupted) {}

    void consume() override {
        if (interrupted_ != nullptr && interrupted_()) throw Interrupted();
        CommonTokenStream::consume();
    }

private:
    InterruptCheck interrupted_;
};

// Bodies this large leave hundreds of megabytes of freed ANTLR objects in
// malloc's heap, which glibc keeps for the process; hand them back.
constexpr size_t kTrimAfterTokens = 50000;

class TrimAfterLargeParse {
public:
    explicit TrimAfterLargeParse(const size_t &tokens) : tokens_(tokens) {}
    ~TrimAfterLargeParse() {
        if (tokens_ > kTrimAfterTokens) malloc_trim(0);
    }
    TrimAfterLargeParse(const TrimAfterLargeParse &) = delete;
    TrimAfterLargeParse &operator=(const TrimAfterLargeParse &) = delete;

private:
    const size_t &tokens_;
};

ast::FunctionBody Parse(const std::string &source, InterruptCheck interrupted, size_t *token_count, bool package) {
    BodyInput input(source);
    FirstErrorListener listener;
    BodyLexer lexer(&input, interrupted);
    lexer.removeErrorListeners();
    lexer.addErrorListener(&listener);
    BodyTokens tokens(&lexer, interrupted);
    try {
        tokens.fill();
    } catch (...) {
        *token_count = lexer.count();
        throw;
    }
    *token_count = lexer.count();
    if (listener.has_error) Fail(listener);
    CheckNesting(tokens);

    PlPolarParser parser(&tokens);
    parser.removeErrorListeners();
    // Two-stage parse: the fast SLL mode decides almost every body; only if
    // it gives up do we pay for full LL with error reporting.
    parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(antlr4::atn::PredictionMode::SLL);
    parser.setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
    PlPolarParser::BodyContext *tree = nullptr;
    PlPolarParser::Package_sourceContext *package_tree = nullptr;
    auto run = [&] {
        if (package)
            package_tree = parser.package_source();
        else
            tree = parser.body();
    };
    try {
        run();
    } catch (const antlr4::ParseCancellationException &) {
        tokens.seek(0);
        parser.reset();
        parser.addErrorListener(&listener);
        parser.setErrorHandler(std::make_shared<antlr4::DefaultErrorStrategy>());
        parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(antlr4::atn::PredictionMode::LL);
        run();
    }
    if (listener.has_error) Fail(listener);

    Transformer transformer(input, interrupted);
    return package ? transformer.TransformPackage(package_tree) : transformer.TransformBody(tree);
}

}  // namespace

namespace {

ast::FunctionBody ParseChecked(const std::string &source, InterruptCheck interrupted, bool package) {
    if (source.find('\0') != std::string::npos) throw SyntaxError("function body contains a NUL byte", 1, 1);
    if (source.size() > kMaxBodyBytes)
        throw TooLarge("function body is too large (more than " + std::to_string(kMaxBodyBytes) + " bytes)", 1, 1);
    size_t tokens = 0;
    // Destroyed last, after every ANTLR object of the parse.
    TrimAfterLargeParse trim(tokens);
    return Parse(source, interrupted, &tokens, package);
}

}  // namespace

ast::FunctionBody ParseBody(const std::string &source, InterruptCheck interrupted) {
    return ParseChecked(source, interrupted, false);
}

ast::FunctionBody ParsePackageSource(const std::string &source, InterruptCheck interrupted) {
    return ParseChecked(source, interrupted, true);
}

}  // namespace plpolar::parser
