// CREATE INDEX, CREATE / ALTER SEQUENCE, CREATE VIEW and DROP TABLE as Oracle
// writes them.
#include <string>

#include "ddl_internal.hpp"
#include "plpolar/parser/builtins.hpp"
#include "plpolar/parser/sql_text.hpp"

namespace plpolar::parser::ddl {

size_t SignedNumber(const Tokens &t, size_t i, std::string &text) {
    text.clear();
    if (t[i].kind == Token::Kind::Other && (t[i].text == "-" || t[i].text == "+")) {
        if (t[i].text == "-") text = "-";
        ++i;
    }
    if (t[i].kind != Token::Kind::Number) return std::string::npos;
    text += t[i].text;
    return i + 1;
}

namespace {

// Within bigint? Oracle's sequences count to 28 digits, PostgreSQL's to 19.
bool FitsBigint(const std::string &number) {
    bool negative = !number.empty() && number[0] == '-';
    std::string digits = number.substr(negative ? 1 : 0);
    for (char c : digits)
        if (c < '0' || c > '9') return false;  // 1E28 and the like
    size_t first = digits.find_first_not_of('0');
    if (first == std::string::npos) return true;
    digits = digits.substr(first);
    const std::string limit = negative ? "9223372036854775808" : "9223372036854775807";
    return digits.size() < limit.size() || (digits.size() == limit.size() && digits <= limit);
}

}  // namespace

bool TranslateSequence(const Tokens &t, size_t at, Collected &out, std::string &head) {
    std::string verb = at > 0 ? t[at - 1].upper : "CREATE";
    size_t i = at + 1;
    std::string if_clause;
    if (t.Is(i, "IF") && t.Is(i + 1, "NOT") && t.Is(i + 2, "EXISTS")) {
        if_clause = "IF NOT EXISTS ";
        i += 3;
    } else if (t.Is(i, "IF") && t.Is(i + 1, "EXISTS")) {
        if_clause = "IF EXISTS ";
        i += 2;
    }
    size_t name_end = t.NameEnd(i);
    if (name_end == i) t.Fail(i, "a sequence name expected");
    std::string name = t.Slice(i, name_end);
    head = verb + " SEQUENCE " + name;
    std::string sql = verb + " SEQUENCE " + if_clause + name;
    i = name_end;
    while (i < t.size()) {
        std::string number;
        auto value = [&](size_t j, const char *what) {
            size_t e = SignedNumber(t, j, number);
            if (e == std::string::npos) t.Fail(j, std::string("a number expected after ") + what);
            return e;
        };
        if ((t.Is(i, "START") || t.Is(i, "INCREMENT")) && (t.Is(i + 1, "WITH") || t.Is(i + 1, "BY"))) {
            size_t e = value(i + 2, t.Is(i, "START") ? "START WITH" : "INCREMENT BY");
            if (!FitsBigint(number))
                t.Refuse(i + 2, t[i].upper + " " + number + ": beyond PostgreSQL's sequences (bigint)");
            sql += " " + t[i].upper + " " + t[i + 1].upper + " " + number;
            i = e;
        } else if (t.Is(i, "MAXVALUE") || t.Is(i, "MINVALUE")) {
            size_t e = value(i + 1, t[i].upper.c_str());
            if (FitsBigint(number)) {
                sql += " " + t[i].upper + " " + number;
            } else {
                // Oracle's 28-digit bounds are its way of saying "none".
                sql += std::string(" NO ") + t[i].upper;
                out.notes.push_back(t[i].upper + " " + number + " is bigint's " +
                                    (t.Is(i, "MAXVALUE") ? "maximum" : "minimum") + " here");
            }
            i = e;
        } else if (t.Is(i, "NOMAXVALUE") || t.Is(i, "NOMINVALUE") || t.Is(i, "NOCYCLE")) {
            sql += " NO " + t[i].upper.substr(2);
            ++i;
        } else if (t.Is(i, "CYCLE")) {
            sql += " CYCLE";
            ++i;
        } else if (t.Is(i, "CACHE")) {
            size_t e = value(i + 1, "CACHE");
            sql += " CACHE " + number;
            i = e;
        } else if (t.Is(i, "NOCACHE")) {
            sql += " CACHE 1";
            ++i;
        } else if (t.Is(i, "ORDER") || t.Is(i, "NOORDER") || t.Is(i, "KEEP") || t.Is(i, "NOKEEP") ||
                   t.Is(i, "NOSCALE") || t.Is(i, "NOEXTEND") || t.Is(i, "GLOBAL") || t.Is(i, "NOSHARD")) {
            out.no_effect.push_back(t[i].upper);
            ++i;
        } else if (t.Is(i, "SESSION")) {
            t.Refuse(i, "SESSION sequences (values private to each session) are not supported here");
        } else if (t.Is(i, "SCALE") || t.Is(i, "SHARD")) {
            t.Refuse(i, t[i].upper + " sequences are not supported here");
        } else if (t.Is(i, "RESTART") && verb == "ALTER") {
            if (t.Is(i + 1, "START") && t.Is(i + 2, "WITH")) {
                size_t e = value(i + 3, "RESTART START WITH");
                sql += " RESTART WITH " + number;
                i = e;
            } else {
                sql += " RESTART";
                ++i;
            }
        } else {
            sql += " " + t.Slice(i, t.size());  // PostgreSQL's own options
            break;
        }
    }
    out.statements.push_back(sql);
    return true;
}

bool TranslateCreateIndex(const Tokens &t, size_t at, Collected &out, std::string &head) {
    // at: INDEX; before it CREATE [UNIQUE | BITMAP]
    std::string unique = t.Is(at - 1, "UNIQUE") ? "UNIQUE " : "";
    if (t.Is(at - 1, "BITMAP")) out.notes.push_back("BITMAP: a btree index");
    size_t i = at + 1;
    if (t.Is(i, "CONCURRENTLY") || t.Is(i, "IF")) return false;  // PostgreSQL's
    size_t name_end = t.NameEnd(i);
    if (name_end == i || !t.Is(name_end, "ON")) return false;
    std::string name = t.Slice(i, name_end);
    head = "CREATE " + unique + "INDEX " + name;
    i = name_end + 1;
    if (t.Is(i, "CLUSTER")) t.Refuse(i, "ON CLUSTER: Oracle's table clusters are not supported here");
    if (t.Is(i, "ONLY")) return false;
    size_t table_end = t.NameEnd(i);
    if (table_end == i) t.Fail(i, "a table name expected");
    std::string table = t.Slice(i, table_end);
    i = table_end;
    // Oracle allows a table alias here (bitmap join indexes use it).
    if (t[i].kind == Token::Kind::Word && !t.Is(i, "USING") && t[i + 1].kind == Token::Kind::Open) ++i;
    if (t[i].kind != Token::Kind::Open) return false;  // USING method (...) and the like
    size_t close = t.Matching(i);
    std::vector<std::string> keys;
    for (auto [a, b] : t.Elements(i)) keys.push_back(QualifyBuiltins(t.Slice(a, b)));
    i = close + 1;
    int fillfactor = 0;
    std::string rest;
    while (i < t.size()) {
        size_t k = PhysicalAttribute(t, i, out, &fillfactor);
        if (k != i) {
            i = k;
            continue;
        }
        if (t.Is(i, "LOCAL")) {
            size_t j = i + 1;
            if (t[j].kind == Token::Kind::Open) j = t.Matching(j) + 1;
            out.notes.push_back(
                "LOCAL: one index on the partitioned table, which PostgreSQL creates on each "
                "partition");
            i = j;
        } else if (t.Is(i, "GLOBAL")) {
            if (t.Is(i + 1, "PARTITION"))
                t.Refuse(i, "GLOBAL PARTITION BY: PostgreSQL's indexes follow the table's partitions");
            out.no_effect.push_back("GLOBAL");
            ++i;
        } else if (t.Is(i, "INDEXTYPE")) {
            t.Refuse(i, "INDEXTYPE IS: Oracle's domain indexes (Oracle Text, Spatial) are not supported here");
        } else if (t.Is(i, "FROM")) {
            t.Refuse(i, "bitmap join indexes are not supported here");
        } else {
            rest = " " + t.Slice(i, t.size());  // PostgreSQL's INCLUDE, WHERE, ...
            break;
        }
    }
    std::string sql = "CREATE " + unique + "INDEX " + name + " ON " + table + " (";
    for (size_t k = 0; k < keys.size(); ++k) sql += (k > 0 ? ", " : "") + keys[k];
    sql += ")";
    if (fillfactor > 0) sql += " WITH (fillfactor = " + std::to_string(fillfactor) + ")";
    out.statements.push_back(sql + rest);
    return true;
}

bool TranslateCreateView(const Tokens &t, size_t at, Collected &out, std::string &head) {
    // at: VIEW; before it CREATE [OR REPLACE] [[NO] FORCE] [EDITIONABLE | ...]
    bool or_replace = false;
    for (size_t k = 1; k < at; ++k) {
        if (t.Is(k, "OR") && t.Is(k + 1, "REPLACE")) {
            or_replace = true;
            ++k;
        } else if (t.Is(k, "FORCE")) {
            out.notes.push_back("FORCE: the view's tables must exist here");
        } else if (t.Is(k, "NO") || t.Is(k, "NOFORCE")) {
            if (t.Is(k, "NO")) ++k;
        } else if (t.Is(k, "EDITIONABLE") || t.Is(k, "NONEDITIONABLE") || t.Is(k, "EDITIONING")) {
            out.no_effect.push_back(t[k].upper);
        } else {
            return false;  // TEMP, RECURSIVE: PostgreSQL's
        }
    }
    size_t i = at + 1;
    size_t name_end = t.NameEnd(i);
    if (name_end == i) t.Fail(i, "a view name expected");
    std::string name = t.Slice(i, name_end);
    head = std::string("CREATE ") + (or_replace ? "OR REPLACE " : "") + "VIEW " + name;
    i = name_end;
    std::string columns;
    if (t[i].kind == Token::Kind::Open) {
        std::vector<std::string> names;
        for (auto [a, b] : t.Elements(i)) {
            if (t.Is(a, "CONSTRAINT") || t.Is(a, "PRIMARY") || t.Is(a, "UNIQUE") || t.Is(a, "FOREIGN")) {
                out.no_effect.push_back(Describe(t, a, b) + " (a view constraint)");
                continue;
            }
            names.push_back(t.Slice(a, b < a + 1 ? b : a + 1));
            if (b > a + 1) out.no_effect.push_back(Describe(t, a + 1, b));
        }
        columns = " (";
        for (size_t k = 0; k < names.size(); ++k) columns += (k > 0 ? ", " : "") + names[k];
        columns += ")";
        i = t.Matching(i) + 1;
    }
    while (!t.Is(i, "AS")) {
        if (t.Is(i, "BEQUEATH") || (t.Is(i, "DEFAULT") && t.Is(i + 1, "COLLATION"))) {
            size_t j = t.Is(i, "BEQUEATH") ? i + 2 : i + 3;
            out.no_effect.push_back(Describe(t, i, j));
            i = j;
        } else if (t.Is(i, "SHARING")) {
            out.no_effect.push_back(Describe(t, i, i + 3));
            i += 3;
        } else {
            return false;  // WITH (options): PostgreSQL's
        }
    }
    // WITH READ ONLY / WITH CHECK OPTION [CONSTRAINT name] at the end.
    size_t query_end = t.size();
    std::string check;
    size_t n = t.size();
    if (n >= 3 && t.Is(n - 3, "WITH") && t.Is(n - 2, "READ") && t.Is(n - 1, "ONLY")) {
        out.notes.push_back("WITH READ ONLY: PostgreSQL's rules for updatable views apply (grant only SELECT)");
        query_end = n - 3;
    } else {
        for (size_t k = i; k + 2 < n; ++k)
            if (t.Is(k, "WITH") && t.Is(k + 1, "CHECK") && t.Is(k + 2, "OPTION") &&
                (k + 3 == n || (t.Is(k + 3, "CONSTRAINT") && k + 5 == n))) {
                check = " WITH CHECK OPTION";
                if (k + 3 < n) out.no_effect.push_back(Describe(t, k + 3, n));
                query_end = k;
            }
    }
    out.statements.push_back(std::string("CREATE ") + (or_replace ? "OR REPLACE " : "") + "VIEW " + name + columns +
                             " AS " + QualifyBuiltins(t.Slice(i + 1, query_end)) + check);
    return true;
}

bool TranslateDropTable(const Tokens &t, size_t at, Collected &out, std::string &head) {
    size_t i = at + 1;
    if (t.Is(i, "IF")) return false;
    size_t name_end = t.NameEnd(i);
    if (name_end == i) return false;
    bool cascade_constraints = t.Is(name_end, "CASCADE") && t.Is(name_end + 1, "CONSTRAINTS");
    size_t j = cascade_constraints ? name_end + 2 : name_end;
    bool purge = t.Is(j, "PURGE");
    if (purge) ++j;
    if (!cascade_constraints && !purge) return false;  // PostgreSQL's form
    if (j != t.size()) t.Fail(j, "unexpected " + t[j].text + " after DROP TABLE");
    std::string table = t.Slice(i, name_end);
    head = "DROP TABLE " + table;
    if (purge) out.no_effect.push_back("PURGE (no recycle bin here)");
    if (cascade_constraints) {
        // Oracle drops the foreign keys that refer to the table, and nothing
        // else; PostgreSQL's CASCADE would drop views too.
        out.notes.push_back("CASCADE CONSTRAINTS: foreign keys referring to it dropped first");
        out.statements.push_back(
            "DO LANGUAGE plpgsql $plpolar$ DECLARE r record; BEGIN FOR r IN SELECT c.conrelid::pg_catalog.regclass AS "
            "t, c.conname FROM pg_catalog.pg_constraint c WHERE c.confrelid OPERATOR(pg_catalog.=) " +
            StandardLiteral(table) +
            "::pg_catalog.regclass AND c.contype OPERATOR(pg_catalog.=) 'f' AND c.conrelid OPERATOR(pg_catalog.<>) "
            "c.confrelid LOOP EXECUTE pg_catalog.format('ALTER TABLE %s DROP CONSTRAINT %I', r.t, r.conname); END "
            "LOOP; END $plpolar$");
    }
    out.statements.push_back("DROP TABLE " + table);
    return true;
}

}  // namespace plpolar::parser::ddl

namespace plpolar::parser::ddl {

bool TranslateTruncate(const Tokens &t, size_t at, Collected &out, std::string &head) {
    // TRUNCATE TABLE t [PRESERVE | PURGE MATERIALIZED VIEW LOG]
    // [DROP [ALL] STORAGE | REUSE STORAGE] [CASCADE]
    size_t i = at + 1;
    size_t name_end = t.NameEnd(i);
    if (name_end == i || t[name_end].kind == Token::Kind::Comma) return false;  // PostgreSQL's lists
    std::string table = t.Slice(i, name_end);
    head = "TRUNCATE TABLE " + table;
    std::string cascade;
    size_t j = name_end;
    bool oracle = false;
    while (j < t.size()) {
        if ((t.Is(j, "PRESERVE") || t.Is(j, "PURGE")) && t.Is(j + 1, "MATERIALIZED") && t.Is(j + 2, "VIEW") &&
            t.Is(j + 3, "LOG")) {
            out.no_effect.push_back(Describe(t, j, j + 4));
            j += 4;
            oracle = true;
        } else if (t.Is(j, "DROP") && t.Is(j + 1, "ALL") && t.Is(j + 2, "STORAGE")) {
            out.no_effect.push_back("DROP ALL STORAGE");
            j += 3;
            oracle = true;
        } else if ((t.Is(j, "DROP") || t.Is(j, "REUSE")) && t.Is(j + 1, "STORAGE")) {
            out.no_effect.push_back(Describe(t, j, j + 2));
            j += 2;
            oracle = true;
        } else if (t.Is(j, "CASCADE")) {
            cascade = " CASCADE";
            ++j;
        } else {
            return false;  // PostgreSQL's RESTART IDENTITY and the like
        }
    }
    if (!oracle) return false;
    out.statements.push_back("TRUNCATE TABLE " + table + cascade);
    return true;
}

}  // namespace plpolar::parser::ddl
