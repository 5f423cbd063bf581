#include "plpolar/parser/rownum.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>
#include <vector>

#include "plpolar/parser/parser.hpp"
#include "plpolar/parser/sql_text.hpp"

namespace plpolar::parser {

namespace {

// The SQL text as tokens; comments are dropped (they separate tokens and are
// copied along with the text between edits), quoted text is one opaque token
// so that nothing inside it is ever looked at.
enum class Kind { Word, Number, Bind, Opaque, Op, LParen, RParen, Comma, Semicolon, Dot };

struct Token {
    Kind kind;
    size_t begin;
    size_t end;
    std::string text;  // words and operators, lower case
};

bool IsSpace(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }
bool IsDigit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }
// Bytes of multibyte UTF-8 characters are letters: an identifier such as
// "größe_rownum" is one word.
bool IsWordStart(char c) {
    return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || static_cast<unsigned char>(c) >= 0x80;
}
bool IsWordPart(char c) { return IsSqlWordChar(c) || static_cast<unsigned char>(c) >= 0x80; }

std::string Lower(const std::string &s) {
    std::string out = s;
    for (char &c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::vector<Token> Tokenize(const std::string &sql) {
    std::vector<Token> out;
    const size_t n = sql.size();
    size_t i = 0;
    while (i < n) {
        char c = sql[i];
        if (IsSpace(c)) {
            ++i;
            continue;
        }
        size_t skip = SkipOpaque(sql, i);
        if (skip != i) {
            bool comment = c == '-' || c == '/';
            if (!comment) out.push_back({Kind::Opaque, i, skip, ""});
            i = skip;
            continue;
        }
        size_t j = i + 1;
        Kind kind = Kind::Op;
        if (IsWordStart(c)) {
            while (j < n && IsWordPart(sql[j])) ++j;
            kind = Kind::Word;
        } else if (IsDigit(c) || (c == '.' && j < n && IsDigit(sql[j]))) {
            while (j < n && (IsDigit(sql[j]) || sql[j] == '.')) ++j;
            if (j < n && (sql[j] == 'e' || sql[j] == 'E')) {
                size_t k = j + 1;
                if (k < n && (sql[k] == '+' || sql[k] == '-')) ++k;
                if (k < n && IsDigit(sql[k])) {
                    j = k;
                    while (j < n && IsDigit(sql[j])) ++j;
                }
            }
            kind = Kind::Number;
        } else if (c == ':' && j < n && IsWordPart(sql[j]) && (i == 0 || sql[i - 1] != ':')) {
            while (j < n && IsWordPart(sql[j])) ++j;
            kind = Kind::Bind;
        } else if (c == '$' && j < n && IsDigit(sql[j])) {
            while (j < n && IsDigit(sql[j])) ++j;
            kind = Kind::Bind;
        } else if (c == '?') {
            kind = Kind::Bind;
        } else if (c == '(') {
            kind = Kind::LParen;
        } else if (c == ')') {
            kind = Kind::RParen;
        } else if (c == ',') {
            kind = Kind::Comma;
        } else if (c == ';') {
            kind = Kind::Semicolon;
        } else if (c == '.') {
            kind = Kind::Dot;
        } else if (j < n) {
            static const char *const kTwoChar[] = {"<=", ">=", "<>", "!=", "^=", "||", "::", "=>", ":="};
            for (const char *op : kTwoChar)
                if (c == op[0] && sql[j] == op[1]) ++j;
            if (j > i + 2) j = i + 2;
        }
        std::string text = kind == Kind::Word || kind == Kind::Op ? Lower(sql.substr(i, j - i)) : std::string();
        out.push_back({kind, i, j, std::move(text)});
        i = j;
    }
    return out;
}

// The clauses of one query level (or DML statement), as far as ROWNUM cares.
enum class Clause {
    Select,
    From,
    Where,
    GroupBy,
    Having,
    OrderBy,
    Hierarchy,  // CONNECT BY, START WITH
    Limit,      // LIMIT, OFFSET, FETCH
    Lock,       // FOR UPDATE / SHARE
    SetOp,
    Into,
    Returning,
    Set,
    Values,
    Using,
};

const char *ClauseName(Clause c) {
    switch (c) {
        case Clause::Select: return "the select list";
        case Clause::From: return "FROM";
        case Clause::Where: return "WHERE";
        case Clause::GroupBy: return "GROUP BY";
        case Clause::Having: return "HAVING";
        case Clause::OrderBy: return "ORDER BY";
        case Clause::Hierarchy: return "CONNECT BY";
        case Clause::Limit: return "LIMIT, OFFSET or FETCH";
        case Clause::Lock: return "FOR UPDATE";
        case Clause::SetOp: return "UNION";
        case Clause::Into: return "INTO";
        case Clause::Returning: return "RETURNING";
        case Clause::Set: return "SET";
        case Clause::Values: return "VALUES";
        case Clause::Using: return "USING";
    }
    return "this clause";
}

struct Marker {
    size_t tok;
    Clause clause;
};

struct Edit {
    size_t begin;
    size_t end;
    std::string text;
};

bool IsAggregateName(const std::string &w) {
    static const char *const kAggregates[] = {"count",
                                              "sum",
                                              "avg",
                                              "min",
                                              "max",
                                              "stddev",
                                              "stddev_pop",
                                              "stddev_samp",
                                              "variance",
                                              "var_pop",
                                              "var_samp",
                                              "median",
                                              "listagg",
                                              "string_agg",
                                              "array_agg",
                                              "json_agg",
                                              "jsonb_agg",
                                              "json_object_agg",
                                              "jsonb_object_agg",
                                              "xmlagg",
                                              "bool_and",
                                              "bool_or",
                                              "every",
                                              "bit_and",
                                              "bit_or",
                                              "bit_xor",
                                              "corr",
                                              "covar_pop",
                                              "covar_samp",
                                              "regr_avgx",
                                              "regr_avgy",
                                              "regr_count",
                                              "regr_intercept",
                                              "regr_r2",
                                              "regr_slope",
                                              "regr_sxx",
                                              "regr_sxy",
                                              "regr_syy",
                                              "percentile_cont",
                                              "percentile_disc",
                                              "mode",
                                              "collect",
                                              "range_agg",
                                              "range_intersect_agg",
                                              "wm_concat",
                                              "json_arrayagg",
                                              "json_objectagg"};
    for (const char *a : kAggregates)
        if (w == a) return true;
    return false;
}

const char kInstead[] =
    "write FETCH FIRST n ROWS ONLY (or LIMIT n) for the first n rows, or pg_catalog.row_number() OVER () to "
    "number them";

class Rewriter {
public:
    explicit Rewriter(const std::string &sql) : sql_(sql), toks_(Tokenize(sql)) {}

    std::string Run() {
        Structure();
        std::vector<std::vector<size_t>> by_level(levels_.size());
        for (size_t t = 0; t < toks_.size(); ++t)
            if (IsRownum(t)) by_level[owner_[t]].push_back(t);
        for (size_t l = 0; l < levels_.size(); ++l)
            if (!by_level[l].empty()) RewriteLevel(l, by_level[l]);
        return Apply();
    }

private:
    struct Level {
        size_t first;  // tokens [first, last) inside the parentheses, or the statement
        size_t last;
    };

    const std::string &sql_;
    std::vector<Token> toks_;
    std::vector<Level> levels_;
    std::vector<size_t> owner_;  // the level each token belongs to
    std::vector<bool> top_;      // the token is outside any parentheses within its level
    std::vector<Edit> edits_;

    enum class Outcome { Keep, Remove, False, Limit };

    bool IsWord(size_t t, const char *w) const {
        return t < toks_.size() && toks_[t].kind == Kind::Word && toks_[t].text == w;
    }
    bool Top(size_t t, size_t level) const { return owner_[t] == level && top_[t]; }
    std::string Text(size_t from, size_t to_inclusive) const {
        return sql_.substr(toks_[from].begin, toks_[to_inclusive].end - toks_[from].begin);
    }

    [[noreturn]] void Fail(size_t t, const std::string &message) const {
        int line = 1;
        int column = 1;
        for (size_t i = 0; i < toks_[t].begin; ++i) {
            if (sql_[i] == '\n') {
                ++line;
                column = 1;
            } else if ((static_cast<unsigned char>(sql_[i]) & 0xC0) != 0x80) {
                ++column;
            }
        }
        throw SyntaxError(message, line, column);
    }

    // The pseudocolumn: a whole word, not t.rownum, rownum.x, rownum(...) or
    // an alias (AS rownum); :rownum and "rownum" are other tokens anyway.
    bool IsRownum(size_t t) const {
        if (!IsWord(t, "rownum")) return false;
        if (t > 0 && (toks_[t - 1].kind == Kind::Dot || IsWord(t - 1, "as"))) return false;
        if (t + 1 < toks_.size() && (toks_[t + 1].kind == Kind::Dot || toks_[t + 1].kind == Kind::LParen)) return false;
        return true;
    }

    // Levels: the statement, and every parenthesised SELECT or WITH (a
    // subquery, a CTE body, a derived table). Other parentheses (calls, IN
    // lists, grouping) belong to the level around them.
    void Structure() {
        size_t end = toks_.size();
        while (end > 0 && toks_[end - 1].kind == Kind::Semicolon) --end;
        levels_.push_back({0, end});
        owner_.assign(toks_.size(), 0);
        top_.assign(toks_.size(), true);
        struct Open {
            size_t tok;
            long level;  // -1: not a query level
        };
        std::vector<Open> stack;
        auto place = [&](size_t t) {
            long level = 0;
            for (auto it = stack.rbegin(); it != stack.rend(); ++it)
                if (it->level >= 0) {
                    level = it->level;
                    break;
                }
            owner_[t] = static_cast<size_t>(level);
            top_[t] = stack.empty() || stack.back().level >= 0;
        };
        for (size_t t = 0; t < toks_.size(); ++t) {
            if (toks_[t].kind == Kind::RParen && !stack.empty()) {
                if (stack.back().level >= 0) levels_[stack.back().level].last = t;
                stack.pop_back();
            }
            place(t);
            if (toks_[t].kind == Kind::LParen) {
                long level = -1;
                if (IsWord(t + 1, "select") || IsWord(t + 1, "with")) {
                    level = static_cast<long>(levels_.size());
                    levels_.push_back({t + 1, toks_.size()});
                }
                stack.push_back({t, level});
            }
        }
    }

    std::vector<Marker> Markers(size_t level) const {
        std::vector<Marker> out;
        const Level &lv = levels_[level];
        for (size_t t = lv.first; t < lv.last; ++t) {
            if (!Top(t, level) || toks_[t].kind != Kind::Word) continue;
            const std::string &w = toks_[t].text;
            if (w == "select") {
                out.push_back({t, Clause::Select});
            } else if (w == "from") {
                // a IS DISTINCT FROM b is a comparison
                if (!IsWord(t - 1, "distinct")) out.push_back({t, Clause::From});
            } else if (w == "where") {
                out.push_back({t, Clause::Where});
            } else if (w == "group" && IsWord(t + 1, "by")) {
                out.push_back({t, Clause::GroupBy});
            } else if (w == "having") {
                out.push_back({t, Clause::Having});
            } else if (w == "order" && (IsWord(t + 1, "by") || IsWord(t + 1, "siblings"))) {
                out.push_back({t, Clause::OrderBy});
            } else if ((w == "connect" && IsWord(t + 1, "by")) || (w == "start" && IsWord(t + 1, "with"))) {
                out.push_back({t, Clause::Hierarchy});
            } else if (w == "limit" || w == "offset" || w == "fetch") {
                out.push_back({t, Clause::Limit});
            } else if (w == "for" && (IsWord(t + 1, "update") || IsWord(t + 1, "share") || IsWord(t + 1, "no") ||
                                      IsWord(t + 1, "key"))) {
                out.push_back({t, Clause::Lock});
            } else if (w == "union" || w == "intersect" || w == "except" || w == "minus") {
                out.push_back({t, Clause::SetOp});
            } else if (w == "into") {
                out.push_back({t, Clause::Into});
            } else if (w == "returning" || w == "return") {
                out.push_back({t, Clause::Returning});
            } else if (w == "set") {
                out.push_back({t, Clause::Set});
            } else if (w == "values") {
                out.push_back({t, Clause::Values});
            } else if (w == "using") {
                out.push_back({t, Clause::Using});
            }
        }
        return out;
    }

    static const Marker *ClauseOf(const std::vector<Marker> &markers, size_t t) {
        const Marker *found = nullptr;
        for (const Marker &m : markers)
            if (m.tok < t) found = &m;
        return found;
    }

    static bool Has(const std::vector<Marker> &markers, Clause c) {
        return std::any_of(markers.begin(), markers.end(), [c](const Marker &m) { return m.clause == c; });
    }

    // What makes LIMIT at the end of the level differ from Oracle's
    // numbering before the level's own processing; nullptr if nothing.
    const char *NumberedBefore(size_t level, const std::vector<Marker> &markers, size_t select) const {
        if (Has(markers, Clause::GroupBy)) return "GROUP BY (Oracle limits the rows before grouping them)";
        if (Has(markers, Clause::Having)) return "HAVING (Oracle limits the rows before grouping them)";
        if (IsWord(select + 1, "distinct") || IsWord(select + 1, "unique"))
            return "DISTINCT (Oracle limits the rows before removing duplicates)";
        const Level &lv = levels_[level];
        for (size_t t = lv.first; t < lv.last; ++t) {
            if (owner_[t] != level || toks_[t].kind != Kind::Word) continue;
            const std::string &w = toks_[t].text;
            if ((IsAggregateName(w) && t + 1 < toks_.size() && toks_[t + 1].kind == Kind::LParen) ||
                (w == "within" && IsWord(t + 1, "group")) || w == "keep")
                return "an aggregate function (Oracle limits the rows before aggregating them)";
        }
        return nullptr;
    }

    bool HasWindow(size_t level) const {
        const Level &lv = levels_[level];
        for (size_t t = lv.first; t < lv.last; ++t)
            if (owner_[t] == level && IsWord(t, "over")) return true;
        return false;
    }

    void RewriteLevel(size_t level, const std::vector<size_t> &rownums) {
        const Level &lv = levels_[level];
        std::vector<Marker> markers = Markers(level);
        bool dml = level == 0 && (IsWord(lv.first, "update") || IsWord(lv.first, "delete"));
        if (dml) {
            RewriteDml(level, markers, rownums);
            return;
        }
        const Marker *select = nullptr;
        for (const Marker &m : markers)
            if (m.clause == Clause::Select) {
                select = &m;
                break;
            }
        bool merge = level == 0 && IsWord(lv.first, "merge");
        for (size_t t : rownums)
            if (merge || select == nullptr || t < select->tok)
                Fail(t,
                     std::string("ROWNUM outside a query (in VALUES, SET, MERGE, ...) is not supported: ") + kInstead);
        if (Has(markers, Clause::SetOp))
            Fail(rownums.front(),
                 "ROWNUM in a query with UNION, INTERSECT, EXCEPT or MINUS is not supported: put each branch that "
                 "uses ROWNUM in a subquery, SELECT * FROM (SELECT ... WHERE ROWNUM <= n) AS s UNION ...");
        if (Has(markers, Clause::Hierarchy))
            Fail(rownums.front(), std::string("ROWNUM in a query with CONNECT BY is not supported: ") + kInstead);
        std::vector<size_t> in_where;
        for (size_t t : rownums) {
            const Marker *m = ClauseOf(markers, t);
            if (m->clause == Clause::Select) {
                // Window functions run after WHERE and before ORDER BY, as
                // Oracle's numbering does; not after grouping.
                if (const char *why = NumberedBefore(level, markers, select->tok))
                    Fail(t, std::string("ROWNUM in the select list of a query with ") + why +
                                " is not supported: number the rows with pg_catalog.row_number() OVER () in a "
                                "subquery and group or aggregate outside it");
                edits_.push_back({toks_[t].begin, toks_[t].end, "pg_catalog.row_number() OVER ()"});
            } else if (m->clause == Clause::Where) {
                in_where.push_back(t);
            } else {
                Fail(t, std::string("ROWNUM in ") + ClauseName(m->clause) + " is not supported: " + kInstead);
            }
        }
        if (in_where.empty()) return;
        std::string limit;
        const Marker *where = ClauseOf(markers, in_where.front());
        // Oracle picks the rows before sorting, grouping or aggregating
        // them. From one plain table, a subquery with LIMIT picks them the
        // same way, by their physical address: SELECT count(*) FROM t WHERE
        // c AND ROWNUM = 1 (the "is there one" idiom) and the like.
        bool picked_first =
            Has(markers, Clause::OrderBy) || NumberedBefore(level, markers, select->tok) != nullptr || HasWindow(level);
        std::string table = picked_first ? PlainTable(level, markers, *where) : std::string();
        if (!table.empty() && !Has(markers, Clause::Limit)) {
            std::vector<std::pair<size_t, size_t>> kept;
            size_t edits = edits_.size();
            RewriteWhere(level, markers, *where, &limit, &kept);
            if (limit.empty()) {
                // Only conditions that are always or never true: no rows
                // to pick, the WHERE is rewritten as a query's.
                edits_.resize(edits);
                RewriteWhere(level, markers, *where, &limit);
                return;
            }
            std::string pick = "(tableoid, ctid) IN (SELECT tableoid, ctid FROM " + table;
            if (kept.empty()) {
                size_t at = toks_[where->tok + 1].begin;
                edits_.push_back({at, at, pick + " LIMIT " + limit + ")"});
            } else {
                edits_.push_back({toks_[kept.front().first].begin, toks_[kept.front().first].begin, pick + " WHERE "});
                edits_.push_back(
                    {toks_[kept.back().second].end, toks_[kept.back().second].end, " LIMIT " + limit + ")"});
            }
            return;
        }
        RewriteWhere(level, markers, *where, &limit);
        if (limit.empty()) return;
        size_t at = in_where.front();
        if (Has(markers, Clause::OrderBy))
            Fail(at,
                 "ROWNUM <= n in a query with ORDER BY is not supported: Oracle takes n rows before sorting them. "
                 "For the first n rows in that order write ORDER BY ... FETCH FIRST n ROWS ONLY (or LIMIT n); to "
                 "sort n arbitrary rows, put the ROWNUM condition in a subquery");
        if (const char *why = NumberedBefore(level, markers, select->tok))
            Fail(at, std::string("ROWNUM <= n in a query with ") + why +
                         " is not supported: select the rows in a subquery with LIMIT n and group or aggregate "
                         "outside it");
        if (HasWindow(level))
            Fail(at,
                 "ROWNUM <= n in a query with a window function is not supported: Oracle limits the rows before "
                 "computing window functions; select the rows in a subquery with LIMIT n");
        if (Has(markers, Clause::Limit))
            Fail(at, "ROWNUM together with LIMIT, OFFSET or FETCH in one query is not supported: write one LIMIT");
        // LIMIT goes before FOR UPDATE and RETURNING (INSERT ... SELECT).
        size_t end = lv.last;
        for (const Marker &m : markers)
            if (m.tok > where->tok && (m.clause == Clause::Lock || m.clause == Clause::Returning)) {
                end = m.tok;
                break;
            }
        edits_.push_back({toks_[end - 1].end, toks_[end - 1].end, " LIMIT " + limit});
    }

    // The FROM clause of a query level if it is one plain table with an
    // optional alias ("t", "s.t x", "t AS x"), as written; empty otherwise.
    std::string PlainTable(size_t level, const std::vector<Marker> &markers, const Marker &where) const {
        const Marker *from = nullptr;
        for (const Marker &m : markers)
            if (m.clause == Clause::From && m.tok < where.tok) from = &m;
        if (from == nullptr || from->tok + 1 >= where.tok) return std::string();
        for (size_t t = from->tok + 1; t < where.tok; ++t) {
            if (toks_[t].kind == Kind::LParen || toks_[t].kind == Kind::Comma || owner_[t] != level)
                return std::string();
            if (IsWord(t, "join") || IsWord(t, "lateral") || IsWord(t, "only") || IsWord(t, "dual") ||
                IsWord(t, "tablesample"))
                return std::string();
        }
        return Text(from->tok + 1, where.tok - 1);
    }

    // UPDATE t SET ... WHERE c AND ROWNUM <= n: the rows are chosen by a
    // subquery with LIMIT, by their physical address (tableoid too: a
    // partitioned table's partitions have ctids in common).
    void RewriteDml(size_t level, const std::vector<Marker> &markers, const std::vector<size_t> &rownums) {
        const Level &lv = levels_[level];
        bool update = IsWord(lv.first, "update");
        const char *verb = update ? "UPDATE" : "DELETE";
        const Marker *where = nullptr;
        for (size_t t : rownums) {
            const Marker *m = ClauseOf(markers, t);
            if (m == nullptr || m->clause != Clause::Where)
                Fail(t, std::string("ROWNUM in ") + (m == nullptr ? verb : ClauseName(m->clause)) + " of " + verb +
                            " is not supported: " + kInstead);
            where = m;
        }
        // The table: between UPDATE and SET, or DELETE [FROM] and WHERE.
        size_t from = lv.first + 1;
        size_t to = where->tok;
        if (update) {
            to = from;
            while (to < where->tok && !(Top(to, level) && IsWord(to, "set"))) ++to;
        } else if (IsWord(from, "from")) {
            ++from;
        }
        bool simple = from < to;
        for (size_t t = from; t < to; ++t)
            if (toks_[t].kind == Kind::LParen || toks_[t].kind == Kind::Comma) simple = false;
        for (const Marker &m : markers)
            if (m.tok > lv.first && m.tok < where->tok &&
                (m.clause == Clause::Using || (update && m.clause == Clause::From)))
                simple = false;
        std::string limit;
        std::vector<std::pair<size_t, size_t>> kept;
        RewriteWhere(level, markers, *where, &limit, &kept);
        if (limit.empty()) return;
        if (!simple)
            Fail(rownums.front(), std::string("ROWNUM <= n in ") + verb +
                                      " of more than one plain table is not supported: choose the rows in a "
                                      "subquery with LIMIT n");
        std::string table = Text(from, to - 1);
        std::string pick = "(tableoid, ctid) IN (SELECT tableoid, ctid FROM " + table;
        if (kept.empty()) {
            // The whole WHERE was ROWNUM conditions, which RewriteWhere took
            // away: the subquery takes their place.
            size_t at = toks_[where->tok + 1].begin;
            edits_.push_back({at, at, pick + " LIMIT " + limit + ")"});
        } else {
            edits_.push_back({toks_[kept.front().first].begin, toks_[kept.front().first].begin, pick + " WHERE "});
            edits_.push_back({toks_[kept.back().second].end, toks_[kept.back().second].end, " LIMIT " + limit + ")"});
        }
    }

    // The conjuncts of the WHERE clause at `where`; the ROWNUM ones are
    // rewritten (removed, or made false) and a limit they impose goes to
    // *limit for the caller to place.
    void RewriteWhere(size_t level, const std::vector<Marker> &markers, const Marker &where, std::string *limit,
                      std::vector<std::pair<size_t, size_t>> *kept_out = nullptr) {
        // DML keeps its WHERE (kept_out given): the caller puts a condition
        // in the place of the removed ones.
        const Level &lv = levels_[level];
        size_t body_end = lv.last;
        for (const Marker &m : markers)
            if (m.tok > where.tok) {
                body_end = m.tok;
                break;
            }
        size_t body = where.tok + 1;
        // Split at AND, not the AND of BETWEEN, nor inside CASE; an OR at the
        // top makes the whole clause one condition.
        std::vector<std::pair<size_t, size_t>> conjuncts;  // first, last token (inclusive)
        bool any_or = false;
        {
            int case_depth = 0;
            for (size_t t = body; t < body_end; ++t) {
                if (!Top(t, level)) continue;
                if (IsWord(t, "case")) ++case_depth;
                if (IsWord(t, "end") && case_depth > 0) --case_depth;
                if (case_depth == 0 && IsWord(t, "or")) any_or = true;
            }
            size_t start = body;
            bool between = false;
            case_depth = 0;
            for (size_t t = body; t < body_end; ++t) {
                if (any_or || !Top(t, level)) continue;
                if (IsWord(t, "case")) ++case_depth;
                if (IsWord(t, "end") && case_depth > 0) --case_depth;
                if (case_depth != 0) continue;
                if (IsWord(t, "between")) between = true;
                if (IsWord(t, "and")) {
                    if (between) {
                        between = false;
                        continue;
                    }
                    if (t > start) conjuncts.push_back({start, t - 1});
                    start = t + 1;
                }
            }
            if (body_end > start) conjuncts.push_back({start, body_end - 1});
        }
        std::vector<Outcome> outcome(conjuncts.size(), Outcome::Keep);
        size_t limit_at = 0;
        int limits = 0;
        bool any_false = false;
        for (size_t c = 0; c < conjuncts.size(); ++c) {
            auto [a, b] = conjuncts[c];
            size_t first_rownum = toks_.size();
            for (size_t t = a; t <= b; ++t)
                if (owner_[t] == level && IsRownum(t)) {
                    first_rownum = t;
                    break;
                }
            if (first_rownum == toks_.size()) continue;
            std::string value;
            outcome[c] = Condition(a, b, first_rownum, any_or, &value);
            if (outcome[c] == Outcome::Limit) {
                if (++limits > 1)
                    Fail(first_rownum,
                         "more than one ROWNUM <= n condition in one WHERE clause is not supported: keep the one with "
                         "the "
                         "smallest limit, which becomes LIMIT n");
                *limit = value;
                limit_at = c;
            }
            if (outcome[c] == Outcome::False) any_false = true;
        }
        // No row passes: no limit needed, and none of the level's clauses
        // matters to that.
        if (any_false && limits > 0) {
            outcome[limit_at] = Outcome::Remove;
            limit->clear();
        }
        std::vector<size_t> kept;
        for (size_t c = 0; c < conjuncts.size(); ++c) {
            if (outcome[c] == Outcome::Limit) outcome[c] = Outcome::Remove;
            if (outcome[c] == Outcome::False)
                edits_.push_back({toks_[conjuncts[c].first].begin, toks_[conjuncts[c].second].end, "false"});
            if (outcome[c] != Outcome::Remove) kept.push_back(c);
        }
        if (kept_out != nullptr)
            for (size_t c : kept) kept_out->push_back(conjuncts[c]);
        if (kept.empty()) {
            // WHERE goes too (the text between the token before it and the
            // end of the last condition, comments after it stay).
            size_t from = where.tok > 0 ? toks_[where.tok - 1].end : toks_[where.tok].begin;
            if (kept_out != nullptr) from = toks_[conjuncts.front().first].begin;
            edits_.push_back({from, toks_[conjuncts.back().second].end, ""});
            return;
        }
        size_t first_kept = kept.front();
        for (size_t c = 0; c < conjuncts.size(); ++c) {
            if (outcome[c] != Outcome::Remove) continue;
            if (c < first_kept)  // "cond AND " up to the next condition
                edits_.push_back({toks_[conjuncts[c].first].begin, toks_[conjuncts[c + 1].first].begin, ""});
            else  // " AND cond" from the end of the previous one
                edits_.push_back({toks_[conjuncts[c - 1].second].end, toks_[conjuncts[c].second].end, ""});
        }
    }

    // One condition [a, b] with a ROWNUM at `r`: ROWNUM op x or x op ROWNUM,
    // x an unsigned integer, a parameter or a (dotted) name. Oracle gives a
    // row the next number only if it passes, so ROWNUM > 1 is never true and
    // ROWNUM <= n passes the first n rows.
    Outcome Condition(size_t a, size_t b, size_t r, bool any_or, std::string *value) const {
        auto refuse = [&](const char *what) {
            Fail(r, std::string(what) +
                        " is not supported; ROWNUM is rewritten in WHERE only as an AND-ed condition ROWNUM <= n, "
                        "ROWNUM < n or ROWNUM = 1 (n a number, a parameter or a variable): " +
                        kInstead);
        };
        if (any_or) refuse("ROWNUM in a WHERE clause with OR");
        std::string op;
        size_t x_first = 0;
        size_t x_last = 0;
        if (r == a && b >= a + 2 && toks_[a + 1].kind == Kind::Op) {
            op = toks_[a + 1].text;
            x_first = a + 2;
            x_last = b;
        } else if (r == b && b >= a + 2 && toks_[b - 1].kind == Kind::Op) {
            // x op ROWNUM: the same comparison the other way round
            const std::string &o = toks_[b - 1].text;
            op = o == "<" ? ">" : o == ">" ? "<" : o == "<=" ? ">=" : o == ">=" ? "<=" : o;
            x_first = a;
            x_last = b - 2;
        } else {
            refuse("this ROWNUM condition");
        }
        if (op != "=" && op != "<" && op != "<=" && op != ">" && op != ">=")
            refuse(("ROWNUM " + Upper(op) + " n").c_str());
        bool literal = false;
        bool operand = false;
        if (x_first == x_last) {
            const Token &x = toks_[x_first];
            literal = x.kind == Kind::Number &&
                      std::all_of(sql_.begin() + x.begin, sql_.begin() + x.end, [](char c) { return IsDigit(c); });
            operand = x.kind == Kind::Number || x.kind == Kind::Bind || (x.kind == Kind::Word && !IsRownum(x_first));
        } else {
            operand = (x_last - x_first) % 2 == 0;
            for (size_t t = x_first; t <= x_last && operand; ++t)
                operand = (t - x_first) % 2 == 0 ? toks_[t].kind == Kind::Word : toks_[t].kind == Kind::Dot;
        }
        if (!operand) refuse("ROWNUM compared with an expression");
        if (literal) {
            std::string digits = Text(x_first, x_last);
            digits.erase(0, std::min(digits.find_first_not_of('0'), digits.size()));
            // More rows than a bigint can count: a limit that never bites.
            bool huge = digits.size() > 18;
            long long k = huge ? 0 : (digits.empty() ? 0 : std::stoll(digits));
            if (op == "=") {
                if (k != 1 || huge) return Outcome::False;
                *value = "1";
                return Outcome::Limit;
            }
            if (op == ">") return k == 0 && !huge ? Outcome::Remove : Outcome::False;
            if (op == ">=") return k <= 1 && !huge ? Outcome::Remove : Outcome::False;
            if (huge) return Outcome::Remove;
            if (op == "<") --k;
            if (k <= 0) return Outcome::False;
            *value = std::to_string(k);
            return Outcome::Limit;
        }
        // A variable or parameter: NULL, zero or a fraction are Oracle's
        // ROWNUM <= 2.5 (two rows) or ROWNUM <= NULL (none), where LIMIT
        // NULL would be all rows and LIMIT 2.5 three.
        std::string x = Text(x_first, x_last);
        if (op == "=") {
            *value = "CASE WHEN " + x + " = 1 THEN 1 ELSE 0 END";
        } else if (op == "<=") {
            *value = "CASE WHEN " + x + " >= 1 THEN pg_catalog.floor(" + x + ") ELSE 0 END";
        } else if (op == "<") {
            *value = "CASE WHEN " + x + " > 1 THEN pg_catalog.ceil(" + x + ") - 1 ELSE 0 END";
        } else {
            refuse(("ROWNUM " + Upper(op) + " a variable").c_str());
        }
        return Outcome::Limit;
    }

    static std::string Upper(std::string s) {
        for (char &c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        return s;
    }

    std::string Apply() {
        std::stable_sort(edits_.begin(), edits_.end(), [](const Edit &x, const Edit &y) {
            return x.begin != y.begin ? x.begin < y.begin : x.end < y.end;
        });
        std::string out;
        out.reserve(sql_.size() + 64);
        size_t pos = 0;
        for (const Edit &e : edits_) {
            // Edits come from disjoint parts of the text by construction.
            if (e.begin < pos) throw std::logic_error("overlapping ROWNUM rewrites");
            out.append(sql_, pos, e.begin - pos);
            out += e.text;
            pos = e.end;
        }
        out.append(sql_, pos, std::string::npos);
        return out;
    }
};

}  // namespace

std::string RewriteRownum(const std::string &sql) {
    // Most statements have no ROWNUM at all: no tokenizing for them.
    if (Lower(sql).find("rownum") == std::string::npos) return sql;
    return Rewriter(sql).Run();
}

}  // namespace plpolar::parser
