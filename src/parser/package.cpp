// Headers of Oracle's package DDL (plpolar/parser/package.hpp).
#include "plpolar/parser/package.hpp"

#include "plpolar/parser/parser.hpp"
#include "script_lexer.hpp"

namespace plpolar::parser {

using namespace script_lexer;

namespace {

bool IsPunctAt(const std::string &s, const Token &t, char c) { return t.kind == Token::Kind::Punct && s[t.begin] == c; }

std::string NameText(const std::string &s, const Token &t) { return s.substr(t.begin, t.end - t.begin); }

// [schema.]name from `t` on; `t` ends on the token after the name.
bool ReadName(const std::string &s, Lexer &lex, Token &t, std::string *schema, std::string *name,
              std::string *display) {
    if (t.kind != Token::Kind::Word && t.kind != Token::Kind::Quoted) return false;
    size_t begin = t.begin;
    std::string first = FoldIdentifier(NameText(s, t));
    Token last = t;
    t = lex.Next();
    if (IsPunctAt(s, t, '.')) {
        Token second = lex.Next();
        if (second.kind != Token::Kind::Word && second.kind != Token::Kind::Quoted) return false;
        *schema = first;
        *name = FoldIdentifier(NameText(s, second));
        last = second;
        t = lex.Next();
    } else {
        schema->clear();
        *name = first;
    }
    if (display != nullptr) *display = s.substr(begin, last.end - begin);
    return true;
}

}  // namespace

OraclePackage ParseOraclePackage(const std::string &text) {
    OraclePackage pkg;
    Lexer lex(text);
    auto fail = [](const std::string &what, const Token &at) { throw SyntaxError(what, at.line, 1); };
    lex.Next();  // CREATE
    Token t = lex.Next();
    if (t.upper == "OR") {
        lex.Next();  // REPLACE
        pkg.or_replace = true;
        t = lex.Next();
    }
    if (IsEditioning(t.upper)) {
        pkg.notes.push_back(t.upper + ": no effect (no editions here)");
        t = lex.Next();
    }
    t = lex.Next();  // after PACKAGE
    if (t.upper == "BODY") {
        pkg.is_body = true;
        t = lex.Next();
    }
    if (!ReadName(text, lex, t, &pkg.schema, &pkg.name, &pkg.display)) fail("expected the package's name", t);
    auto skip_parens = [&](Token &at) {
        if (!IsPunctAt(text, at, '(')) return;
        int depth = 1;
        while (depth > 0) {
            Token p = lex.Next();
            if (p.kind == Token::Kind::End) fail("unterminated parenthesis in the package header", at);
            if (IsPunctAt(text, p, '(')) ++depth;
            if (IsPunctAt(text, p, ')')) --depth;
        }
        at = lex.Next();
    };
    while (t.kind != Token::Kind::End && t.upper != "IS" && t.upper != "AS") {
        if (t.upper == "AUTHID" && !pkg.is_body) {
            Token who = lex.Next();
            if (who.upper == "CURRENT_USER")
                pkg.definer_rights = false;
            else if (who.upper != "DEFINER")
                fail("expected CURRENT_USER or DEFINER after AUTHID", who);
            t = lex.Next();
        } else if (t.upper == "SHARING") {
            lex.Next();  // =
            lex.Next();  // METADATA | NONE
            t = lex.Next();
            pkg.notes.push_back("SHARING: no effect (no application containers here)");
        } else if (t.upper == "ACCESSIBLE") {
            if (lex.Next().upper != "BY") fail("expected BY after ACCESSIBLE", t);
            t = lex.Next();
            skip_parens(t);
            pkg.notes.push_back("ACCESSIBLE BY: not enforced (use GRANT EXECUTE)");
        } else if (t.upper == "DEFAULT") {
            if (lex.Next().upper != "COLLATION") fail("expected COLLATION after DEFAULT", t);
            lex.Next();
            t = lex.Next();
            pkg.notes.push_back("DEFAULT COLLATION: no effect (the database's collation applies)");
        } else if (t.upper == "WRAPPED") {
            fail("wrapped (obfuscated) PL/SQL cannot be compiled here: install the package from its source", t);
        } else {
            fail("unexpected " + NameText(text, t) + " in the package header", t);
        }
    }
    if (t.upper != "IS" && t.upper != "AS") fail("expected IS or AS after the package's name", t);
    pkg.source = text.substr(t.begin);
    pkg.source_line = t.line;
    return pkg;
}

PackageCommand ParsePackageCommand(const std::string &sql) {
    PackageCommand cmd;
    Lexer lex(sql);
    Token t = lex.Next();
    PackageCommand none;
    if (t.upper == "DROP") {
        if (lex.Next().upper != "PACKAGE") return none;
        t = lex.Next();
        cmd.kind = PackageCommand::Kind::Drop;
        if (t.upper == "BODY") {
            cmd.kind = PackageCommand::Kind::DropBody;
            t = lex.Next();
        }
        if (!ReadName(sql, lex, t, &cmd.schema, &cmd.name, nullptr) || t.kind != Token::Kind::End) return none;
        return cmd;
    }
    if (t.upper == "ALTER") {
        if (lex.Next().upper != "PACKAGE") return none;
        t = lex.Next();
        if (!ReadName(sql, lex, t, &cmd.schema, &cmd.name, nullptr) || t.upper != "COMPILE") return none;
        cmd.kind = PackageCommand::Kind::Compile;
        for (t = lex.Next(); t.kind != Token::Kind::End; t = lex.Next()) {
            if (t.upper == "BODY") cmd.body_only = true;
            if (t.upper == "SPECIFICATION") cmd.spec_only = true;
            // PACKAGE, DEBUG, REUSE SETTINGS, PLSQL_... = value: no effect
        }
        return cmd;
    }
    bool grant = t.upper == "GRANT";
    if (!grant && t.upper != "REVOKE") return none;
    if (lex.Next().upper != "EXECUTE") return none;
    if (lex.Next().upper != "ON") return none;
    t = lex.Next();
    if (!ReadName(sql, lex, t, &cmd.schema, &cmd.name, nullptr)) return none;
    if (t.upper != (grant ? "TO" : "FROM")) return none;
    Token first = lex.Next();
    if (first.kind == Token::Kind::End) return none;
    size_t end = sql.size();
    for (Token g = first; g.kind != Token::Kind::End; g = lex.Next()) {
        if (grant && g.upper == "WITH") {
            Token n = lex.Next();
            if (n.upper != "GRANT" || lex.Next().upper != "OPTION" || lex.Next().kind != Token::Kind::End)
                return none;
            cmd.grant_option = true;
            end = g.begin;
            break;
        }
    }
    cmd.grantees = Trim(sql.substr(first.begin, end - first.begin));
    cmd.kind = grant ? PackageCommand::Kind::Grant : PackageCommand::Kind::Revoke;
    return cmd;
}

}  // namespace plpolar::parser
