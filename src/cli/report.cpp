#include "plpolar/cli/report.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <regex>

namespace plpolar::cli {

namespace {

// Columns a code point takes on a terminal: 2 for East Asian wide and
// full-width characters, 0 for combining marks, 1 otherwise.
int CodePointWidth(unsigned cp) {
    if ((cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x1AB0 && cp <= 0x1AFF) || (cp >= 0x1DC0 && cp <= 0x1DFF) ||
        (cp >= 0x20D0 && cp <= 0x20FF) || (cp >= 0xFE20 && cp <= 0xFE2F) || cp == 0x200B || cp == 0x200D)
        return 0;
    if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) || (cp >= 0x3041 && cp <= 0x33FF) ||
        (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
        (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
        (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F) ||
        (cp >= 0x1F900 && cp <= 0x1F9FF) || (cp >= 0x20000 && cp <= 0x3FFFD))
        return 2;
    return 1;
}

}  // namespace

size_t DisplayWidth(const std::string &s) {
    size_t width = 0;
    for (size_t i = 0; i < s.size();) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        unsigned cp = c;
        size_t len = 1;
        if (c >= 0xF0 && i + 3 < s.size()) {
            cp = ((c & 0x07u) << 18) | ((static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 12) |
                 ((static_cast<unsigned char>(s[i + 2]) & 0x3Fu) << 6) | (static_cast<unsigned char>(s[i + 3]) & 0x3Fu);
            len = 4;
        } else if (c >= 0xE0 && i + 2 < s.size()) {
            cp = ((c & 0x0Fu) << 12) | ((static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 6) |
                 (static_cast<unsigned char>(s[i + 2]) & 0x3Fu);
            len = 3;
        } else if (c >= 0xC0 && i + 1 < s.size()) {
            cp = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3Fu);
            len = 2;
        } else if (c == '\t') {
            width += 8 - width % 8;
            ++i;
            continue;
        }
        width += static_cast<size_t>(CodePointWidth(cp));
        i += len;
    }
    return width;
}

namespace {

std::string RightTrim(std::string s) {
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.pop_back();
    return s;
}

// The first `width` characters of `s` (UTF-8 aware) and the rest.
std::pair<std::string, std::string> CutAt(const std::string &s, size_t width) {
    size_t chars = 0;
    for (size_t i = 0; i < s.size(); ++i) {
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
            if (chars == width) return {s.substr(0, i), s.substr(i)};
            ++chars;
        }
    }
    return {s, std::string()};
}

std::string Pad(const std::string &s, size_t width, bool right) {
    size_t w = DisplayWidth(s);
    if (w >= width) return s;
    std::string fill(width - w, ' ');
    return right ? fill + s : s + fill;
}

// A cell's lines: its own line breaks, and at `wrap` characters when the
// column has a FORMAT width.
std::vector<std::string> CellLines(const std::string &value, size_t wrap) {
    std::vector<std::string> out;
    size_t start = 0;
    while (true) {
        size_t nl = value.find('\n', start);
        std::string line = value.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
        if (wrap > 0) {
            while (DisplayWidth(line) > wrap) {
                auto [head, tail] = CutAt(line, wrap);
                out.push_back(head);
                line = tail;
            }
        }
        out.push_back(line);
        if (nl == std::string::npos) break;
        start = nl + 1;
    }
    return out;
}

bool HasUpper(const std::string &s) {
    return std::any_of(s.begin(), s.end(), [](char c) { return std::isupper(static_cast<unsigned char>(c)); });
}

std::string Plural(long long n, const char *verb) {
    return std::to_string(n) + (n == 1 ? " row " : " rows ") + verb + ".";
}

std::vector<std::string> LeadingWords(const std::string &text, size_t n) {
    std::vector<std::string> out;
    size_t i = 0;
    while (out.size() < n && i < text.size()) {
        while (i < text.size() && !std::isalnum(static_cast<unsigned char>(text[i])) && text[i] != '_' &&
               text[i] != '"' && text[i] != '$')
            ++i;
        size_t b = i;
        if (i < text.size() && text[i] == '"') {
            size_t e = text.find('"', i + 1);
            i = e == std::string::npos ? text.size() : e + 1;
        } else {
            while (i < text.size() && (std::isalnum(static_cast<unsigned char>(text[i])) || text[i] == '_' ||
                                       text[i] == '$' || text[i] == '.' || text[i] == '#'))
                ++i;
        }
        if (i > b) out.push_back(text.substr(b, i - b));
    }
    return out;
}

// CREATE / DROP / ALTER's object words after the modifiers: "TABLE",
// "PACKAGE BODY", "MATERIALIZED VIEW", "PUBLIC SYNONYM" -> "Synonym".
std::string ObjectWords(const std::vector<std::string> &w, size_t from) {
    size_t i = from;
    auto at = [&](size_t k) { return k < w.size() ? Upper(w[k]) : std::string(); };
    while (i < w.size()) {
        std::string x = at(i);
        if (x == "OR" && at(i + 1) == "REPLACE") {
            i += 2;
            continue;
        }
        if (x == "EDITIONABLE" || x == "NONEDITIONABLE" || x == "EDITIONING" || x == "FORCE" || x == "NOFORCE" ||
            x == "UNIQUE" || x == "BITMAP" || x == "GLOBAL" || x == "PRIVATE" || x == "TEMPORARY" || x == "TEMP" ||
            x == "PUBLIC" || x == "UNLOGGED" || x == "NO" || x == "IF") {
            ++i;
            continue;
        }
        break;
    }
    std::string kind = at(i);
    std::string next = at(i + 1);
    if ((kind == "PACKAGE" || kind == "TYPE") && next == "BODY") return Capitalised(kind) + " body";
    if (kind == "MATERIALIZED" && next == "VIEW") return "Materialized view";
    if (kind == "DATABASE" && next == "LINK") return "Database link";
    if (kind.empty()) return std::string();
    return Capitalised(kind);
}

// Where on `line` of `text` the first "quoted" name of `message` stands
// (1-based; 1 when it cannot be found): the column of an undeclared
// identifier, which the compiler reports by line only.
int ColumnOfName(const std::string &text, int line, const std::string &message) {
    size_t q = message.find('"');
    size_t q2 = q == std::string::npos ? q : message.find('"', q + 1);
    if (q2 == std::string::npos) return 1;
    std::string name = Upper(message.substr(q + 1, q2 - q - 1));
    size_t start = 0;
    for (int n = 1; n < line && start != std::string::npos; ++n) {
        start = text.find('\n', start);
        if (start != std::string::npos) ++start;
    }
    if (start == std::string::npos) return 1;
    size_t end = text.find('\n', start);
    std::string l = Upper(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
    size_t at = l.find(name);
    return at == std::string::npos ? 1 : static_cast<int>(DisplayWidth(l.substr(0, at))) + 1;
}

}  // namespace

std::string FormatTable(const ResultTable &table, const Settings &s) {
    const size_t ncols = table.columns.size();
    std::vector<std::string> headings(ncols);
    std::vector<size_t> width(ncols, 0);
    std::vector<size_t> wrap(ncols, 0);
    for (size_t c = 0; c < ncols; ++c) {
        const ResultColumn &col = table.columns[c];
        std::string key = Upper(col.name);
        headings[c] = HasUpper(col.name) ? col.name : key;
        auto format = s.columns.find(key);
        if (format != s.columns.end()) {
            if (!format->second.heading.empty()) headings[c] = format->second.heading;
            wrap[c] = static_cast<size_t>(std::max(0, format->second.width));
        }
        if (wrap[c] > 0) {
            width[c] = wrap[c];
            if (!col.numeric)
                headings[c] = CutAt(headings[c], wrap[c]).first;
            else
                width[c] = std::max(width[c], DisplayWidth(headings[c]));
            continue;
        }
        // NUMWIDTH 10, SQL*Plus's default for numbers.
        width[c] = std::max<size_t>(DisplayWidth(headings[c]), col.numeric ? 10 : 0);
        for (const auto &row : table.rows) {
            const std::string &v = row[c] ? *row[c] : s.null_text;
            for (const std::string &line : CellLines(v, 0)) width[c] = std::max(width[c], DisplayWidth(line));
        }
    }
    // Columns that do not fit in LINESIZE go on further lines of the record.
    std::vector<std::vector<size_t>> groups;
    size_t used = 0;
    for (size_t c = 0; c < ncols; ++c) {
        auto format = s.columns.find(Upper(table.columns[c].name));
        if (format != s.columns.end() && format->second.noprint) continue;
        size_t need = width[c] + (groups.empty() || groups.back().empty() ? 0 : DisplayWidth(s.colsep));
        if (groups.empty() || (used + need > static_cast<size_t>(s.linesize) && !groups.back().empty())) {
            groups.emplace_back();
            used = 0;
            need = width[c];
        }
        groups.back().push_back(c);
        used += need;
    }
    auto join = [&](const std::vector<size_t> &group, const std::vector<std::string> &cells) {
        std::string line;
        for (size_t k = 0; k < group.size(); ++k) {
            size_t c = group[k];
            if (k > 0) line += s.colsep;
            line += Pad(cells[c], width[c], table.columns[c].numeric);
        }
        return RightTrim(line) + "\n";
    };
    std::string heading_block;
    if (s.heading && s.pagesize > 0) {
        for (const auto &group : groups) {
            heading_block += join(group, headings);
            if (s.underline != '\0') {
                std::vector<std::string> rules(ncols);
                for (size_t c = 0; c < ncols; ++c) rules[c] = std::string(width[c], s.underline);
                heading_block += join(group, rules);
            }
        }
    }
    const int heading_lines = static_cast<int>(std::count(heading_block.begin(), heading_block.end(), '\n'));
    std::string out;
    int line_on_page = 0;
    bool page_open = false;
    auto open_page = [&]() {
        out += "\n" + heading_block;
        line_on_page = 1 + heading_lines;
        page_open = true;
    };
    for (const auto &row : table.rows) {
        // The record's lines, group by group.
        std::vector<std::string> lines;
        for (const auto &group : groups) {
            std::vector<std::vector<std::string>> cells(ncols);
            size_t height = 1;
            for (size_t c : group) {
                cells[c] = CellLines(row[c] ? *row[c] : s.null_text, wrap[c]);
                height = std::max(height, cells[c].size());
            }
            for (size_t h = 0; h < height; ++h) {
                std::vector<std::string> one(ncols);
                for (size_t c : group) one[c] = h < cells[c].size() ? cells[c][h] : std::string();
                lines.push_back(join(group, one));
            }
        }
        if (s.pagesize > 0 && (!page_open || line_on_page + static_cast<int>(lines.size()) > s.pagesize)) open_page();
        for (const std::string &l : lines) out += l;
        line_on_page += static_cast<int>(lines.size());
    }
    if (s.pagesize > 0 && !table.rows.empty()) out += "\n";
    return out;
}

std::string QueryFeedback(size_t rows, const Settings &s) {
    if (s.feedback == 0) return std::string();
    if (rows == 0) return "no rows selected";
    if (rows < static_cast<size_t>(s.feedback)) return std::string();
    return std::to_string(rows) + (rows == 1 ? " row selected." : " rows selected.");
}

std::optional<UnitName> UnitOfCreate(const std::string &text) {
    std::vector<std::string> w = LeadingWords(text, 8);
    if (w.empty() || Upper(w[0]) != "CREATE") return std::nullopt;
    size_t i = 1;
    while (i < w.size()) {
        std::string x = Upper(w[i]);
        if (x == "OR" || x == "REPLACE" || x == "EDITIONABLE" || x == "NONEDITIONABLE" || x == "EDITIONING") {
            ++i;
            continue;
        }
        break;
    }
    if (i >= w.size()) return std::nullopt;
    UnitName unit;
    std::string kind = Upper(w[i]);
    if (kind != "PROCEDURE" && kind != "FUNCTION" && kind != "PACKAGE" && kind != "TRIGGER" && kind != "TYPE")
        return std::nullopt;
    unit.type = kind;
    ++i;
    if ((kind == "PACKAGE" || kind == "TYPE") && i < w.size() && Upper(w[i]) == "BODY") {
        unit.type += " BODY";
        ++i;
    }
    if (i >= w.size()) return std::nullopt;
    std::string name = w[i];
    unit.name = name.size() > 1 && name[0] == '"' ? name.substr(1, name.size() - 2) : Upper(name);
    return unit;
}

std::string StatementFeedback(parser::ScriptStatementKind kind, const std::string &text, long long rows) {
    switch (kind) {
        case parser::ScriptStatementKind::AnonymousBlock:
        case parser::ScriptStatementKind::SqlPlus: return "PL/SQL procedure successfully completed.";
        case parser::ScriptStatementKind::OracleSubprogram:
        case parser::ScriptStatementKind::OraclePackage:
        case parser::ScriptStatementKind::OracleTrigger: {
            std::optional<UnitName> unit = UnitOfCreate(text);
            return unit ? Capitalised(unit->type) + " created." : std::string("Created.");
        }
        case parser::ScriptStatementKind::Sql: break;
    }
    std::vector<std::string> w = LeadingWords(text, 8);
    if (w.empty()) return std::string();
    std::string first = Upper(w[0]);
    std::string second = w.size() > 1 ? Upper(w[1]) : std::string();
    if (first == "INSERT") return Plural(rows, "created");
    if (first == "UPDATE") return Plural(rows, "updated");
    if (first == "DELETE") return Plural(rows, "deleted");
    if (first == "MERGE") return Plural(rows, "merged");
    if (first == "CREATE") {
        std::string what = ObjectWords(w, 1);
        return what.empty() ? std::string() : what + " created.";
    }
    if (first == "DROP") {
        std::string what = ObjectWords(w, 1);
        return what.empty() ? std::string() : what + " dropped.";
    }
    if (first == "ALTER") {
        std::string what = ObjectWords(w, 1);
        return what.empty() ? std::string() : what + " altered.";
    }
    if (first == "TRUNCATE") return "Table truncated.";
    if (first == "GRANT") return "Grant succeeded.";
    if (first == "REVOKE") return "Revoke succeeded.";
    if (first == "COMMENT") return "Comment created.";
    if (first == "RENAME") return "Table renamed.";
    if (first == "ANALYZE") return "Table analyzed.";
    if (first == "LOCK") return "Table(s) Locked.";
    if (first == "CALL") return "Call completed.";
    if (first == "SET" && second == "TRANSACTION") return "Transaction set.";
    if (first == "COMMIT" || first == "END") return "Commit complete.";
    if (first == "ROLLBACK") return "Rollback complete.";
    if (first == "SAVEPOINT") return "Savepoint created.";
    return std::string();
}

ErrorReport DescribeError(const ServerError &e, parser::ScriptStatementKind kind, const std::string &statement,
                          int prefix_lines) {
    ErrorReport r;
    std::smatch m;
    static const std::regex ora_code("^ORA-([0-9]{5}):");
    // Errors raised with their Oracle number (RAISE_APPLICATION_ERROR's
    // ORA-20nnn among them) show it in the message as the client gets it.
    std::string oracle = e.oracle.empty() || std::regex_search(e.message, ora_code) ? e.message : e.oracle;
    if (std::regex_search(oracle, m, ora_code)) r.oracle_code = std::atoi(m[1].str().c_str());

    // The statement line a body's line 1 is (its IS / AS line, a block's first).
    int body_line = 1;
    static const std::regex body("its body's line 1 is line ([0-9]+)");
    if (std::regex_search(e.context, m, body)) body_line = std::atoi(m[1].str().c_str()) - prefix_lines;
    static const std::regex compiling("compilation of PL/polar [^\n]* near line ([0-9]+)(, column ([0-9]+))?");
    const bool unit = kind == parser::ScriptStatementKind::OracleSubprogram ||
                      kind == parser::ScriptStatementKind::OraclePackage ||
                      kind == parser::ScriptStatementKind::OracleTrigger;
    const bool block = kind == parser::ScriptStatementKind::AnonymousBlock;
    std::string extra;
    if (!e.detail.empty()) extra += "DETAIL: " + e.detail + "\n";
    if (!e.hint.empty()) extra += "HINT: " + e.hint + "\n";

    if (std::regex_search(e.context, m, compiling) || (unit && e.sqlstate == "42601")) {
        r.compilation = true;
        int line = m.size() > 1 && m[1].matched ? std::atoi(m[1].str().c_str()) : 1;
        r.compile.line = m.size() > 1 && m[1].matched ? body_line + line - 1 : 1;
        r.compile.column = m.size() > 3 && m[3].matched ? std::atoi(m[3].str().c_str()) : 0;
        const bool undeclared = e.message.find("must be declared") != std::string::npos ||
                                e.message.find("is not a known variable") != std::string::npos;
        if (undeclared)
            r.compile.text = "PLS-00201: " + e.message;
        else if (e.sqlstate == "42601")
            r.compile.text = "PLS-00103: " + e.message;
        else
            r.compile.text = oracle;
        r.line = r.compile.line;
        if (r.compile.column == 0) r.compile.column = ColumnOfName(statement, r.line, e.message);
        if (unit) return r;  // the caller says it did not compile; SHOW ERRORS shows it
        // A block (or EXEC): Oracle's ORA-06550 with the line and column.
        r.oracle_code = 6550;
        r.text = "ERROR at line " + std::to_string(r.line) + ":\nORA-06550: line " + std::to_string(r.line) +
                 ", column " + std::to_string(std::max(1, r.compile.column)) + ":\n" + r.compile.text + "\n" + extra;
        return r;
    }

    // PL code on the stack: Oracle's ORA-06512 lines, innermost first.
    std::string backtrace;
    static const std::regex frame("PL/polar function (.+) line ([0-9]+) at");
    size_t start = 0;
    while (start < e.context.size()) {
        size_t nl = e.context.find('\n', start);
        std::string line = e.context.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
        start = nl == std::string::npos ? e.context.size() : nl + 1;
        if (!std::regex_search(line, m, frame)) continue;
        std::string name = m[1].str();
        int n = std::atoi(m[2].str().c_str());
        if (name == "inline_code_block") {
            backtrace += "ORA-06512: at line " + std::to_string(n) + "\n";
            continue;
        }
        size_t paren = name.find('(');
        if (paren != std::string::npos) name = name.substr(0, paren);
        if (name.size() > 1 && name.front() == '"' && name.back() == '"')
            name = name.substr(1, name.size() - 2);
        else
            name = Upper(name);
        backtrace += "ORA-06512: at \"" + name + "\", line " + std::to_string(n) + "\n";
    }

    std::string marker;
    if (e.position > 0 && !e.query.empty()) {
        // The position counts characters of `query`.
        size_t chars = 0;
        size_t byte = e.query.size();
        for (size_t i = 0; i < e.query.size(); ++i) {
            if ((static_cast<unsigned char>(e.query[i]) & 0xC0) != 0x80) {
                if (++chars == static_cast<size_t>(e.position)) {
                    byte = i;
                    break;
                }
            }
        }
        int line = 1 + static_cast<int>(std::count(e.query.begin(), e.query.begin() + static_cast<long>(byte), '\n'));
        size_t line_start = e.query.rfind('\n', byte == 0 ? 0 : byte - 1);
        line_start = line_start == std::string::npos || byte == 0 ? 0 : line_start + 1;
        if (byte < line_start) line_start = byte;
        size_t line_end = e.query.find('\n', line_start);
        std::string text =
            e.query.substr(line_start, line_end == std::string::npos ? std::string::npos : line_end - line_start);
        size_t column = DisplayWidth(e.query.substr(line_start, byte - line_start));
        marker = RightTrim(text) + "\n" + std::string(column, ' ') + "*\n";
        r.line = line;
    } else if (block) {
        r.line = 1;
    }
    // Oracle's text for PostgreSQL's error ("ORA-00942: table or view does
    // not exist") loses the name PostgreSQL's message has: both.
    std::string original;
    if (oracle != e.message && oracle.find(e.message) == std::string::npos && !e.message.empty())
        original = e.message + "\n";
    r.text = marker + "ERROR at line " + std::to_string(r.line) + ":\n" + oracle + "\n" + original + backtrace + extra;
    return r;
}

}  // namespace plpolar::cli
