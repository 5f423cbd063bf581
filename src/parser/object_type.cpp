// Oracle's object types: the CREATE TYPE ... AS OBJECT statement and the
// type body, read and written as a package's (plpolar/parser/object_type.hpp).
#include "plpolar/parser/object_type.hpp"

#include <algorithm>

#include "plpolar/parser/parser.hpp"
#include "script_lexer.hpp"

namespace plpolar::parser {

using namespace script_lexer;

namespace {

bool IsPunctAt(const std::string &s, const Token &t, char c) { return t.kind == Token::Kind::Punct && s[t.begin] == c; }

std::string TextOf(const std::string &s, const Token &t) { return s.substr(t.begin, t.end - t.begin); }

bool IsName(const Token &t) { return t.kind == Token::Kind::Word || t.kind == Token::Kind::Quoted; }

[[noreturn]] void Fail(const std::string &what, const Token &at) { throw SyntaxError(what, at.line, 1); }

// Every token of `s` up to its end.
std::vector<Token> Tokens(const std::string &s) {
    Lexer lex(s);
    lex.SetDollarQuotes(false);
    std::vector<Token> out;
    for (Token t = lex.Next(); t.kind != Token::Kind::End; t = lex.Next()) out.push_back(t);
    Token end;
    end.kind = Token::Kind::End;
    end.begin = end.end = s.size();
    end.line = out.empty() ? 1 : out.back().line;
    out.push_back(end);
    return out;
}

// The token closing the parenthesis at `open`.
size_t Matching(const std::string &s, const std::vector<Token> &t, size_t open) {
    int depth = 0;
    for (size_t i = open; i < t.size(); ++i) {
        if (IsPunctAt(s, t[i], '(')) ++depth;
        if (IsPunctAt(s, t[i], ')') && --depth == 0) return i;
    }
    Fail("unterminated parenthesis", t[open]);
}

bool IsMethodPrefix(const std::string &w) {
    return w == "NOT" || w == "FINAL" || w == "INSTANTIABLE" || w == "OVERRIDING";
}

// A method's header starting at t[i]: [NOT] FINAL / INSTANTIABLE /
// OVERRIDING words, then MEMBER | STATIC | CONSTRUCTOR | MAP MEMBER | ORDER
// MEMBER, then FUNCTION | PROCEDURE. Sets *kind and returns the index of
// FUNCTION / PROCEDURE, or 0 when t[i] starts no method.
size_t MethodStart(const std::vector<Token> &t, size_t i, ObjectMethod::Kind *kind, bool *overriding) {
    size_t k = i;
    *overriding = false;
    while (t[k].kind == Token::Kind::Word && IsMethodPrefix(t[k].upper)) {
        if (t[k].upper == "OVERRIDING") *overriding = true;
        ++k;
    }
    if (t[k].kind != Token::Kind::Word) return 0;
    const std::string &w = t[k].upper;
    if (w == "MEMBER") {
        *kind = ObjectMethod::Kind::Member;
    } else if (w == "STATIC") {
        *kind = ObjectMethod::Kind::Static;
    } else if (w == "CONSTRUCTOR") {
        *kind = ObjectMethod::Kind::Constructor;
    } else if ((w == "MAP" || w == "ORDER") && t[k + 1].upper == "MEMBER") {
        *kind = w == "MAP" ? ObjectMethod::Kind::Map : ObjectMethod::Kind::Order;
        ++k;
    } else {
        return 0;
    }
    ++k;
    if (t[k].kind == Token::Kind::Word && (t[k].upper == "FUNCTION" || t[k].upper == "PROCEDURE")) return k;
    return 0;
}

// Words that may follow a function's return type in a header.
bool IsHeaderClause(const std::string &w) {
    return w == "DETERMINISTIC" || w == "PARALLEL_ENABLE" || w == "PIPELINED" || w == "RESULT_CACHE" ||
           w == "AGGREGATE" || w == "IS" || w == "AS";
}

std::string MethodWord(const ObjectMethod &m) { return m.is_function ? "FUNCTION" : "PROCEDURE"; }

// `text` with each unqualified word `name` (the type's own name) replaced by
// the qualified name.
std::string Qualify(const std::string &text, const std::string &name, const std::string &qualified) {
    std::string out;
    std::vector<Token> t = Tokens(text);
    size_t at = 0;
    for (size_t i = 0; i + 1 < t.size(); ++i) {
        if (t[i].kind != Token::Kind::Word || FoldIdentifier(TextOf(text, t[i])) != name) continue;
        if (i > 0 && IsPunctAt(text, t[i - 1], '.')) continue;
        if (IsPunctAt(text, t[i + 1], '.')) continue;
        out += text.substr(at, t[i].begin - at) + qualified;
        at = t[i].end;
    }
    return out + text.substr(at);
}

// `s` without the list element at [begin, end) and the comma that
// separated it from its neighbour.
std::string Remove(const std::string &s, size_t begin, size_t end) {
    size_t after = end;
    while (after < s.size() && std::isspace(static_cast<unsigned char>(s[after]))) ++after;
    if (after < s.size() && s[after] == ',') return s.substr(0, begin) + s.substr(after + 1);
    size_t before = begin;
    while (before > 0 && std::isspace(static_cast<unsigned char>(s[before - 1]))) --before;
    if (before > 0 && s[before - 1] == ',') return s.substr(0, before - 1) + s.substr(end);
    return s.substr(0, begin) + s.substr(end);
}

}  // namespace

bool LooksObjectType(const std::string &sql) {
    Lexer lex(sql);
    if (CreatedKind(lex).upper != "TYPE") return false;
    Token t = lex.Next();
    if (t.upper == "BODY" || !IsName(t)) return false;
    t = lex.Next();
    if (IsPunctAt(sql, t, '.')) {
        lex.Next();
        t = lex.Next();
    }
    while (t.kind == Token::Kind::Word && t.upper != "AS" && t.upper != "IS" && t.upper != "UNDER") {
        if (t.upper == "AUTHID" || t.upper == "FORCE" || t.upper == "OID" || t.upper == "SHARING" ||
            t.upper == "DEFAULT" || t.upper == "COLLATION" || t.upper == "CURRENT_USER" || t.upper == "DEFINER" ||
            t.upper == "USING_NLS_COMP" || t.upper == "METADATA" || t.upper == "NONE")
            t = lex.Next();
        else
            return false;
        while (t.kind == Token::Kind::String || IsPunctAt(sql, t, '=')) t = lex.Next();
    }
    if (t.upper == "UNDER") return true;
    if (t.upper != "AS" && t.upper != "IS") return false;
    return lex.Next().upper == "OBJECT";
}

bool LooksOraclePackage(const std::string &sql) {
    Lexer lex(sql);
    return CreatedKind(lex).upper == "PACKAGE";
}

bool LooksTypeBody(const std::string &sql) {
    Lexer lex(sql);
    if (CreatedKind(lex).upper != "TYPE") return false;
    return lex.Next().upper == "BODY";
}

ObjectTypeSpec ParseObjectType(const std::string &sql) {
    ObjectTypeSpec spec;
    std::vector<Token> t = Tokens(sql);
    size_t i = 1;  // after CREATE
    if (t[i].upper == "OR") {
        spec.or_replace = true;
        i += 2;
    }
    if (IsEditioning(t[i].upper)) {
        spec.notes.push_back(t[i].upper + ": no effect (no editions here)");
        ++i;
    }
    ++i;  // TYPE
    if (!IsName(t[i])) Fail("expected the type's name", t[i]);
    size_t name_begin = t[i].begin;
    std::string first = FoldIdentifier(TextOf(sql, t[i]));
    size_t last = i++;
    if (IsPunctAt(sql, t[i], '.')) {
        if (!IsName(t[i + 1])) Fail("expected the type's name after its schema", t[i + 1]);
        spec.schema = first;
        spec.name = FoldIdentifier(TextOf(sql, t[i + 1]));
        last = i + 1;
        i += 2;
    } else {
        spec.name = first;
    }
    spec.display = sql.substr(name_begin, t[last].end - name_begin);
    while (t[i].kind != Token::Kind::End && t[i].upper != "AS" && t[i].upper != "IS" && t[i].upper != "UNDER") {
        const std::string &w = t[i].upper;
        if (w == "AUTHID") {
            if (t[i + 1].upper == "CURRENT_USER")
                spec.definer_rights = false;
            else if (t[i + 1].upper != "DEFINER")
                Fail("expected CURRENT_USER or DEFINER after AUTHID", t[i + 1]);
            i += 2;
        } else if (w == "FORCE") {
            spec.notes.push_back("FORCE: no effect");
            ++i;
        } else if (w == "OID" && t[i + 1].kind == Token::Kind::String) {
            spec.notes.push_back("OID: no effect (PostgreSQL assigns type OIDs)");
            i += 2;
        } else if (w == "SHARING" && IsPunctAt(sql, t[i + 1], '=')) {
            spec.notes.push_back("SHARING: no effect (no application containers here)");
            i += 3;
        } else if (w == "DEFAULT" && t[i + 1].upper == "COLLATION") {
            spec.notes.push_back("DEFAULT COLLATION: no effect (the database's collation applies)");
            i += 3;
        } else {
            Fail("unexpected " + TextOf(sql, t[i]) + " in the type's header", t[i]);
        }
    }
    if (t[i].kind == Token::Kind::End) Fail("expected AS OBJECT or UNDER after the type's name", t[i]);
    spec.source = sql.substr(t[i].begin);
    // Without the statement's own ';' (and SQL*Plus's '/').
    while (!spec.source.empty() && (std::isspace(static_cast<unsigned char>(spec.source.back())) ||
                                    spec.source.back() == ';' || spec.source.back() == '/'))
        spec.source.pop_back();
    spec.source_line = t[i].line;
    try {
        ParseObjectTypeSource(spec.source, &spec);
    } catch (const SyntaxError &e) {
        throw SyntaxError(e.what(), e.line() + spec.source_line - 1, e.column());
    }
    return spec;
}

void ParseObjectTypeSource(const std::string &source, ObjectTypeSpec *spec) {
    const std::string &s = source;
    std::vector<Token> t = Tokens(s);
    spec->attributes.clear();
    spec->methods.clear();
    size_t i = 0;
    if (t[i].upper == "UNDER") {
        if (!IsName(t[i + 1])) Fail("expected the supertype's name after UNDER", t[i + 1]);
        i += 2;
        if (IsPunctAt(s, t[i], '.')) i += 2;
        spec->under = FoldIdentifier(TextOf(s, t[i - 1]));
    } else {
        if (t[i].upper != "AS" && t[i].upper != "IS") Fail("expected AS OBJECT", t[i]);
        if (t[i + 1].upper != "OBJECT") Fail("expected OBJECT after " + t[i].upper, t[i + 1]);
        i += 2;
    }
    if (!IsPunctAt(s, t[i], '(')) Fail("expected ( and the type's attributes", t[i]);
    size_t close = Matching(s, t, i);
    spec->list_close = t[close].begin;
    ++i;
    while (i < close) {
        // One element: up to the next ',' at this depth.
        size_t end = i;
        int depth = 0;
        while (end < close) {
            if (IsPunctAt(s, t[end], '(')) ++depth;
            if (IsPunctAt(s, t[end], ')')) --depth;
            if (depth == 0 && IsPunctAt(s, t[end], ',')) break;
            ++end;
        }
        if (end == i) Fail("expected an attribute or a method", t[i]);
        ObjectMethod m;
        bool overriding = false;
        size_t word = MethodStart(t, i, &m.kind, &overriding);
        if (t[i].upper == "PRAGMA") {
            // PRAGMA RESTRICT_REFERENCES (...): purity levels, no effect.
        } else if (word == 0) {
            if (!IsName(t[i]) || end == i + 1) Fail("expected an attribute's name and type", t[i]);
            ObjectAttribute a;
            a.name = FoldIdentifier(TextOf(s, t[i]));
            a.type = Trim(s.substr(t[i + 1].begin, t[end - 1].end - t[i + 1].begin));
            a.line = t[i].line;
            a.begin = t[i].begin;
            a.end = t[end - 1].end;
            a.type_begin = t[i + 1].begin;
            a.type_end = t[end - 1].end;
            for (const ObjectAttribute &other : spec->attributes)
                if (other.name == a.name) Fail("duplicate attribute \"" + a.name + "\"", t[i]);
            spec->attributes.push_back(std::move(a));
        } else {
            m.overriding = overriding;
            m.is_function = t[word].upper == "FUNCTION";
            m.line = t[i].line;
            m.begin = t[i].begin;
            m.end = t[end - 1].end;
            size_t k = word + 1;
            if (!IsName(t[k])) Fail("expected the method's name", t[k]);
            m.name = FoldIdentifier(TextOf(s, t[k]));
            ++k;
            if (k < end && IsPunctAt(s, t[k], '(')) {
                size_t pclose = Matching(s, t, k);
                m.params = Trim(s.substr(t[k].end, t[pclose].begin - t[k].end));
                m.explicit_self = t[k + 1].upper == "SELF";
                k = pclose + 1;
            }
            if (m.kind == ObjectMethod::Kind::Constructor) {
                if (!m.is_function) Fail("a constructor is a FUNCTION", t[word]);
                if (m.name != spec->name) Fail("a constructor has the type's name (" + spec->name + ")", t[word + 1]);
                if (!(t[k].upper == "RETURN" && t[k + 1].upper == "SELF" && t[k + 2].upper == "AS" &&
                      t[k + 3].upper == "RESULT"))
                    Fail("expected RETURN SELF AS RESULT after the constructor's parameters", t[k]);
                m.return_type = spec->name;
            } else if (m.is_function) {
                if (t[k].upper != "RETURN") Fail("expected RETURN and the function's type", t[k]);
                size_t rt = k + 1;
                size_t rend = rt;
                while (rend < end && !(t[rend].kind == Token::Kind::Word && IsHeaderClause(t[rend].upper))) ++rend;
                if (rend == rt) Fail("expected the function's return type", t[rt]);
                m.return_type = Trim(s.substr(t[rt].begin, t[rend - 1].end - t[rt].begin));
            }
            if (m.kind == ObjectMethod::Kind::Static && m.explicit_self)
                Fail("PLS-00587: a STATIC method cannot have SELF", t[word]);
            spec->methods.push_back(std::move(m));
        }
        i = end + 1;
    }
    // Modifiers: [NOT] FINAL, [NOT] INSTANTIABLE, [NOT] PERSISTABLE.
    for (size_t k = close + 1; t[k].kind != Token::Kind::End; ++k) {
        bool negated = t[k].upper == "NOT";
        if (negated) ++k;
        if (t[k].upper == "FINAL")
            spec->final = !negated;
        else if (t[k].upper == "INSTANTIABLE")
            spec->instantiable = !negated;
        else if (t[k].upper != "PERSISTABLE")
            Fail("unexpected " + TextOf(s, t[k]) + " after the type's attributes", t[k]);
    }
}

AlterObjectType ParseAlterObjectType(const std::string &sql) {
    AlterObjectType alter;
    {
        // Other statements are not read further (their text may hold what
        // this lexer does not take, dollar quotes).
        Lexer lex(sql);
        if (lex.Next().upper != "ALTER" || lex.Next().upper != "TYPE") return alter;
    }
    std::vector<Token> t = Tokens(sql);
    size_t n = t.size() - 1;  // the End token
    while (n > 0 && (IsPunctAt(sql, t[n - 1], ';') || IsPunctAt(sql, t[n - 1], '/'))) --n;
    if (t[0].upper != "ALTER" || t[1].upper != "TYPE" || t[2].upper == "BODY" || !IsName(t[2])) return alter;
    size_t i = 2;
    std::string first = FoldIdentifier(TextOf(sql, t[i]));
    ++i;
    if (IsPunctAt(sql, t[i], '.') && IsName(t[i + 1])) {
        alter.schema = first;
        alter.name = FoldIdentifier(TextOf(sql, t[i + 1]));
        i += 2;
    } else {
        alter.name = first;
    }
    // Trailing options, from CASCADE (its [NOT] INCLUDING TABLE DATA,
    // CONVERT TO SUBSTITUTABLE, FORCE) or INVALIDATE at the top level on.
    size_t end = n;
    int depth = 0;
    for (size_t k = i; k < n; ++k) {
        if (IsPunctAt(sql, t[k], '(')) ++depth;
        if (IsPunctAt(sql, t[k], ')')) --depth;
        if (depth == 0 && t[k].kind == Token::Kind::Word && (t[k].upper == "CASCADE" || t[k].upper == "INVALIDATE")) {
            end = k;
            break;
        }
    }
    if (end < n)
        alter.notes.push_back(Trim(sql.substr(t[end].begin, t[n - 1].end - t[end].begin)) +
                              ": dependent tables follow the type (PostgreSQL's CASCADE)");
    auto rest = [&](size_t from) {
        if (from >= end) Fail("expected what to change after ALTER TYPE " + alter.name, t[from]);
        return Trim(sql.substr(t[from].begin, t[end - 1].end - t[from].begin));
    };
    const std::string &verb = t[i].upper;
    if (verb == "COMPILE") {
        alter.kind = AlterObjectType::Kind::Compile;
        return alter;
    }
    if (verb == "FINAL" || verb == "INSTANTIABLE" ||
        (verb == "NOT" && (t[i + 1].upper == "FINAL" || t[i + 1].upper == "INSTANTIABLE"))) {
        alter.kind = AlterObjectType::Kind::Modifier;
        alter.elements = rest(i);
        return alter;
    }
    if (verb != "ADD" && verb != "DROP" && verb != "MODIFY") return alter;
    if (t[i + 1].upper == "ATTRIBUTE") {
        std::string list = rest(i + 2);
        if (verb == "ADD" || verb == "MODIFY") {
            if (!list.empty() && list.front() == '(' && list.back() == ')')
                list = Trim(list.substr(1, list.size() - 2));
            alter.kind = verb == "ADD" ? AlterObjectType::Kind::AddAttribute : AlterObjectType::Kind::ModifyAttribute;
            alter.elements = list;
            return alter;
        }
        alter.kind = AlterObjectType::Kind::DropAttribute;
        for (size_t k = i + 2; k < end; ++k)
            if (IsName(t[k])) alter.names.push_back(FoldIdentifier(TextOf(sql, t[k])));
        if (alter.names.empty()) Fail("expected the attributes to drop", t[i + 2]);
        return alter;
    }
    if (verb == "MODIFY") return alter;
    ObjectMethod::Kind kind;
    bool overriding = false;
    if (MethodStart(t, i + 1, &kind, &overriding) == 0) return alter;
    alter.kind = verb == "ADD" ? AlterObjectType::Kind::AddMethod : AlterObjectType::Kind::DropMethod;
    alter.elements = rest(i + 1);
    return alter;
}

std::string AlterObjectSource(const ObjectTypeSpec &spec, const AlterObjectType &alter) {
    const std::string &src = spec.source;
    Token none;
    auto find_attribute = [&](const std::string &name) -> const ObjectAttribute & {
        for (const ObjectAttribute &a : spec.attributes)
            if (a.name == name) return a;
        Fail("ORA-22324: attribute \"" + name + "\" of type " + spec.name + " does not exist", none);
    };
    switch (alter.kind) {
        case AlterObjectType::Kind::AddAttribute:
        case AlterObjectType::Kind::AddMethod: {
            size_t at = spec.list_close;
            while (at > 0 && std::isspace(static_cast<unsigned char>(src[at - 1]))) --at;
            return src.substr(0, at) + ",\n  " + alter.elements + src.substr(at);
        }
        case AlterObjectType::Kind::DropAttribute: {
            std::vector<const ObjectAttribute *> gone;
            for (const std::string &name : alter.names) gone.push_back(&find_attribute(name));
            if (gone.size() >= spec.attributes.size())
                Fail("ORA-22326: cannot drop all the attributes of type " + spec.name, none);
            // From the last, so that earlier offsets stay right.
            std::sort(gone.begin(), gone.end(),
                      [](const ObjectAttribute *a, const ObjectAttribute *b) { return a->begin > b->begin; });
            std::string out = src;
            for (const ObjectAttribute *a : gone) out = Remove(out, a->begin, a->end);
            return out;
        }
        case AlterObjectType::Kind::ModifyAttribute: {
            // name new_type [, name new_type ...]
            std::string out = src;
            std::vector<Token> t = Tokens(alter.elements);
            size_t i = 0;
            std::vector<std::pair<const ObjectAttribute *, std::string>> changes;
            while (t[i].kind != Token::Kind::End) {
                if (!IsName(t[i])) Fail("expected an attribute's name and its new type", t[i]);
                const ObjectAttribute &a = find_attribute(FoldIdentifier(TextOf(alter.elements, t[i])));
                size_t e = i + 1;
                int depth = 0;
                while (t[e].kind != Token::Kind::End && !(depth == 0 && IsPunctAt(alter.elements, t[e], ','))) {
                    if (IsPunctAt(alter.elements, t[e], '(')) ++depth;
                    if (IsPunctAt(alter.elements, t[e], ')')) --depth;
                    ++e;
                }
                if (e == i + 1) Fail("expected the new type of attribute " + a.name, t[i]);
                changes.emplace_back(&a, alter.elements.substr(t[i + 1].begin, t[e - 1].end - t[i + 1].begin));
                i = t[e].kind == Token::Kind::End ? e : e + 1;
            }
            std::sort(changes.begin(), changes.end(),
                      [](const auto &x, const auto &y) { return x.first->type_begin > y.first->type_begin; });
            for (const auto &[a, type] : changes) out = out.substr(0, a->type_begin) + type + out.substr(a->type_end);
            return out;
        }
        case AlterObjectType::Kind::DropMethod: {
            ObjectTypeSpec probe;
            probe.name = spec.name;
            ParseObjectTypeSource("AS OBJECT (x NUMBER, " + alter.elements + ")", &probe);
            if (probe.methods.size() != 1) Fail("expected one method specification to drop", none);
            const ObjectMethod &want = probe.methods[0];
            // The overload whose parameters and result read the same.
            auto normal = [](const std::string &text) {
                std::string out;
                for (char c : text) {
                    if (std::isspace(static_cast<unsigned char>(c))) {
                        if (!out.empty() && out.back() != ' ') out += ' ';
                        continue;
                    }
                    out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
                }
                while (!out.empty() && out.back() == ' ') out.pop_back();
                return out;
            };
            for (const ObjectMethod &m : spec.methods)
                if (m.name == want.name && m.is_function == want.is_function && m.kind == want.kind &&
                    normal(m.params) == normal(want.params) && normal(m.return_type) == normal(want.return_type))
                    return Remove(src, m.begin, m.end);
            Fail("PLS-00302: method " + want.name + " is not declared in type " + spec.name, none);
        }
        case AlterObjectType::Kind::None:
        case AlterObjectType::Kind::Compile:
        case AlterObjectType::Kind::Modifier: return src;
    }
    return src;
}

std::string ObjectSpecAsPackage(const ObjectTypeSpec &spec, const std::string &qualified) {
    std::string out = "AS";
    int line = 1;
    for (const ObjectMethod &m : spec.methods) {
        while (line < m.line) {
            out += "\n";
            ++line;
        }
        std::string params = Qualify(m.params, spec.name, qualified);
        bool member = m.kind != ObjectMethod::Kind::Static && m.kind != ObjectMethod::Kind::Constructor;
        if (member && !m.explicit_self)
            params = std::string("self ") + (m.is_function ? "IN " : "IN OUT ") + qualified +
                     (params.empty() ? "" : ", " + params);
        out += " " + MethodWord(m) + " " + m.name;
        if (!params.empty()) out += "(" + params + ")";
        if (m.kind == ObjectMethod::Kind::Constructor)
            out += " RETURN " + qualified;
        else if (m.is_function)
            out += " RETURN " + Qualify(m.return_type, spec.name, qualified);
        out += ";";
    }
    return out + "\nEND;";
}

std::string TypeBodyAsPackage(const std::string &body, const ObjectTypeSpec &spec, const std::string &qualified) {
    const std::string &s = body;
    std::vector<Token> t = Tokens(s);
    std::string out;
    size_t at = 0;  // copied up to here
    auto splice = [&](size_t from, size_t to, const std::string &with) {
        out += s.substr(at, from - at) + with;
        at = to;
    };
    for (size_t i = 0; i < t.size() && t[i].kind != Token::Kind::End; ++i) {
        ObjectMethod::Kind kind;
        bool overriding = false;
        size_t word = t[i].kind == Token::Kind::Word ? MethodStart(t, i, &kind, &overriding) : 0;
        if (word == 0) continue;
        bool is_function = t[word].upper == "FUNCTION";
        splice(t[i].begin, t[word].begin, "");
        size_t k = word + 1;
        if (!IsName(t[k])) Fail("expected the method's name", t[k]);
        std::string name = FoldIdentifier(TextOf(s, t[k]));
        bool member = kind != ObjectMethod::Kind::Static && kind != ObjectMethod::Kind::Constructor;
        std::string self = std::string("self ") + (is_function ? "IN " : "IN OUT ") + qualified;
        ++k;
        if (IsPunctAt(s, t[k], '(')) {
            size_t pclose = Matching(s, t, k);
            bool explicit_self = t[k + 1].upper == "SELF";
            std::string params = s.substr(t[k].end, t[pclose].begin - t[k].end);
            splice(t[k].end, t[pclose].begin,
                   (member && !explicit_self ? self + ", " : std::string()) + Qualify(params, spec.name, qualified));
            k = pclose + 1;
        } else if (member) {
            splice(t[k - 1].end, t[k - 1].end, "(" + self + ")");
        }
        if (kind == ObjectMethod::Kind::Constructor) {
            if (name != spec.name) Fail("a constructor has the type's name (" + spec.name + ")", t[word + 1]);
            if (!(t[k].upper == "RETURN" && t[k + 1].upper == "SELF" && t[k + 2].upper == "AS" &&
                  t[k + 3].upper == "RESULT"))
                Fail("expected RETURN SELF AS RESULT after the constructor's parameters", t[k]);
            splice(t[k].begin, t[k + 3].end, "RETURN " + qualified);
            k += 4;
        } else if (is_function && t[k].upper == "RETURN") {
            size_t rt = k + 1;
            size_t rend = rt;
            while (t[rend].kind != Token::Kind::End &&
                   !(t[rend].kind == Token::Kind::Word && IsHeaderClause(t[rend].upper)))
                ++rend;
            if (rend > rt)
                splice(t[rt].begin, t[rend - 1].end,
                       Qualify(s.substr(t[rt].begin, t[rend - 1].end - t[rt].begin), spec.name, qualified));
            k = rend;
        }
        while (t[k].kind == Token::Kind::Word && t[k].upper != "IS" && t[k].upper != "AS") ++k;
        if (t[k].kind == Token::Kind::Word && kind == ObjectMethod::Kind::Constructor)
            // SELF: the new object, its attributes NULL (not itself NULL);
            // the compiler makes the constructor's RETURN; return it.
            splice(t[k].end, t[k].end, " self " + qualified + ";");
        i = k;
    }
    out += s.substr(at);
    return out;
}

}  // namespace plpolar::parser
