// CREATE TABLE as Oracle writes it: columns and constraints (columns.cpp),
// storage and segment clauses, range / list / hash partitions as
// PostgreSQL's declarative partitions, CREATE TABLE ... AS SELECT.
#include <cctype>
#include <string>

#include "ddl_internal.hpp"
#include "plpolar/parser/builtins.hpp"

namespace plpolar::parser::ddl {

namespace {

std::string Join(const std::vector<std::string> &parts, const std::string &separator) {
    std::string out;
    for (const std::string &p : parts) {
        if (p.empty()) continue;
        if (!out.empty()) out += separator;
        out += p;
    }
    return out;
}

// The last part of a dotted name, unquoted (folded to lower case if it was
// not quoted), and the schema prefix with its dot, as written.
void SplitName(const Tokens &t, size_t from, size_t to, std::string &prefix, std::string &base) {
    size_t last = to - 1;
    prefix = last > from ? t.Slice(from, last) : std::string();
    base = FoldedName(t[last].text);
}

struct Partitioning {
    std::string clause;                   // PARTITION BY RANGE (c)
    std::vector<std::string> partitions;  // CREATE TABLE ... PARTITION OF ...
};

// PARTITION BY RANGE | LIST | HASH (columns) (partitions) | PARTITIONS n.
size_t TranslatePartitioning(const Tokens &t, size_t i, const std::string &table, const std::string &prefix,
                             const std::string &base, Collected &out, Partitioning &p) {
    size_t start = i;
    i += 2;  // PARTITION BY
    std::string method = t[i].upper;
    if (method == "REFERENCE" || method == "SYSTEM")
        t.Refuse(i, "PARTITION BY " + method + ": PostgreSQL partitions by RANGE, LIST or HASH of columns");
    if (method != "RANGE" && method != "LIST" && method != "HASH") t.Fail(i, "RANGE, LIST or HASH expected");
    ++i;
    if (t[i].kind != Token::Kind::Open) t.Fail(i, "the partitioning columns expected");
    size_t close = t.Matching(i);
    size_t keys = t.Elements(i).size();
    p.clause = "PARTITION BY " + method + " " + t.Slice(i, close + 1);
    i = close + 1;
    if (t.Is(i, "INTERVAL"))
        t.Refuse(i,
                 "PARTITION BY RANGE ... INTERVAL: Oracle creates interval partitions as rows arrive; "
                 "PostgreSQL needs each partition created (write them as PARTITION ... VALUES LESS THAN)");
    if (t.Is(i, "AUTOMATIC")) t.Refuse(i, "PARTITION BY LIST ... AUTOMATIC: PostgreSQL needs each partition created");
    if (t.Is(i, "SUBPARTITION"))
        t.Refuse(i, "SUBPARTITION BY: write the partitions as PostgreSQL partitioned tables of their own");
    auto partition_name = [&](const std::string &part) { return prefix + QuoteName(base + "_" + part); };
    if (method == "HASH" && t.Is(i, "PARTITIONS")) {
        if (t[i + 1].kind != Token::Kind::Number) t.Fail(i + 1, "the number of partitions expected");
        int n = std::stoi(t[i + 1].text);
        i += 2;
        if (t.Is(i, "STORE") && t.Is(i + 1, "IN") && t[i + 2].kind == Token::Kind::Open) {
            out.no_effect.push_back(Describe(t, i, t.Matching(i + 2) + 1));
            i = t.Matching(i + 2) + 1;
        }
        for (int k = 0; k < n; ++k)
            p.partitions.push_back("CREATE TABLE " + partition_name("p" + std::to_string(k + 1)) + " PARTITION OF " +
                                   table + " FOR VALUES WITH (MODULUS " + std::to_string(n) + ", REMAINDER " +
                                   std::to_string(k) + ")");
        out.notes.push_back(Describe(t, start, i) + ": partitions " + partition_name("p1") + " ... " +
                            partition_name("p" + std::to_string(n)));
        return i;
    }
    // PostgreSQL's form: the partitions are created on their own.
    if (t[i].kind != Token::Kind::Open) return i;
    auto parts = t.Elements(i);
    size_t list_end = t.Matching(i) + 1;
    std::string lower;
    for (size_t k = 0; k < keys; ++k) lower += std::string(k > 0 ? ", " : "") + "MINVALUE";
    int number = 0;
    std::vector<std::string> names;
    for (auto [a, b] : parts) {
        ++number;
        if (!t.Is(a, "PARTITION")) t.Fail(a, "PARTITION expected");
        size_t j = a + 1;
        std::string part_name;
        if ((t[j].kind == Token::Kind::Word && !t.Is(j, "VALUES")) || t[j].kind == Token::Kind::Quoted) {
            part_name = FoldedName(t[j].text);
            ++j;
        } else {
            part_name = "p" + std::to_string(number);
        }
        std::string bound;
        if (method == "RANGE") {
            if (!(t.Is(j, "VALUES") && t.Is(j + 1, "LESS") && t.Is(j + 2, "THAN") &&
                  t[j + 3].kind == Token::Kind::Open))
                t.Fail(j, "VALUES LESS THAN (...) expected");
            size_t vclose = t.Matching(j + 3);
            std::string upper = QualifyBuiltins(t.Slice(j + 4, vclose));
            bound = " FOR VALUES FROM (" + lower + ") TO (" + upper + ")";
            lower = upper;
            j = vclose + 1;
        } else if (method == "LIST") {
            if (!t.Is(j, "VALUES") || t[j + 1].kind != Token::Kind::Open) t.Fail(j, "VALUES (...) expected");
            size_t vclose = t.Matching(j + 1);
            if (vclose == j + 3 && t.Is(j + 2, "DEFAULT"))
                bound = " DEFAULT";
            else
                bound = " FOR VALUES IN (" + QualifyBuiltins(t.Slice(j + 2, vclose)) + ")";
            j = vclose + 1;
        } else {
            bound = " FOR VALUES WITH (MODULUS " + std::to_string(parts.size()) + ", REMAINDER " +
                    std::to_string(number - 1) + ")";
        }
        int fillfactor = 0;
        while (j < b) {
            if (t.Is(j, "SUBPARTITIONS") || t.Is(j, "SUBPARTITION") ||
                (t[j].kind == Token::Kind::Open && t.Is(j + 1, "SUBPARTITION")))
                t.Refuse(j, "subpartitions: write them as PostgreSQL partitioned tables of their own");
            size_t k = PhysicalAttribute(t, j, out, &fillfactor);
            if (k == j) t.Fail(j, "unexpected " + t[j].text + " in partition " + part_name);
            j = k;
        }
        std::string with = fillfactor > 0 ? " WITH (fillfactor = " + std::to_string(fillfactor) + ")" : "";
        p.partitions.push_back("CREATE TABLE " + partition_name(part_name) + " PARTITION OF " + table + bound + with);
        names.push_back(partition_name(part_name));
    }
    out.notes.push_back("partitions " + Join(names, ", "));
    return list_end;
}

}  // namespace

bool TranslateCreateTable(const Tokens &t, size_t at, const DdlTypeMapper &map_type, Collected &out,
                          std::string &head) {
    size_t i = at + 1;  // past TABLE
    std::string if_not_exists;
    if (t.Is(i, "IF") && t.Is(i + 1, "NOT") && t.Is(i + 2, "EXISTS")) {
        if_not_exists = "IF NOT EXISTS ";
        i += 3;
    }
    size_t name_end = t.NameEnd(i);
    if (name_end == i) t.Fail(i, "a table name expected");
    // PostgreSQL's own forms.
    if (t.Is(name_end, "PARTITION") && t.Is(name_end + 1, "OF")) return false;
    if (t.Is(name_end, "OF")) {
        // An object table: PostgreSQL's typed table, whose columns are the
        // type's attributes (with their constraints in parentheses, as both
        // write them). Oracle's object identifiers have no counterpart.
        for (size_t k = name_end; k < t.size(); ++k)
            if ((t.Is(k, "OBJECT") && t.Is(k + 1, "IDENTIFIER")) || t.Is(k, "OIDINDEX") ||
                (t.Is(k, "SUBSTITUTABLE") || t.Is(k, "NESTED")))
                t.Refuse(k, "CREATE TABLE ... OF type: " + t[k].upper + (t.Is(k, "OBJECT") ? " IDENTIFIER" : "") +
                                " has no counterpart here (the table is PostgreSQL's typed table)");
        return false;
    }
    TableContext table;
    table.table = t.Slice(i, name_end);
    std::string prefix;
    SplitName(t, i, name_end, prefix, table.table_base);
    head = "CREATE TABLE " + table.table;
    i = name_end;
    std::vector<std::string> elements;
    bool has_elements = false;
    if (t[i].kind == Token::Kind::Open) {
        has_elements = true;
        for (auto [a, b] : t.Elements(i)) elements.push_back(TranslateElement(t, a, b, map_type, table, out));
        i = t.Matching(i) + 1;
    }
    Partitioning partitioning;
    int fillfactor = 0;
    std::string rest;
    std::string as_query;
    while (i < t.size()) {
        size_t k = PhysicalAttribute(t, i, out, &fillfactor);
        if (k != i) {
            i = k;
            continue;
        }
        if (t.Is(i, "PARTITION") && t.Is(i + 1, "BY")) {
            i = TranslatePartitioning(t, i, table.table, prefix, table.table_base, out, partitioning);
            continue;
        }
        if (t.Is(i, "AS")) {
            as_query = " AS " + QualifyBuiltins(t.Slice(i + 1, t.size()));
            break;
        }
        if ((t.Is(i, "NESTED") && t.Is(i + 1, "TABLE")) || t.Is(i, "VARRAY")) {
            // NESTED TABLE c STORE AS segment [(...)] [RETURN [AS] LOCATOR |
            // VALUE], VARRAY c STORE AS [SECUREFILE | BASICFILE] LOB [segment]
            // [(...)]: a collection column is an array stored in the row here.
            size_t j = i + (t.Is(i, "NESTED") ? 2 : 1);
            size_t column_end = t.NameEnd(j);
            if (column_end != j && t.Is(column_end, "STORE") && t.Is(column_end + 1, "AS")) {
                j = column_end + 2;
                if (t.Is(j, "SECUREFILE") || t.Is(j, "BASICFILE")) ++j;
                if (t.Is(j, "LOB")) ++j;
                if ((t[j].kind == Token::Kind::Word || t[j].kind == Token::Kind::Quoted) && !t.Is(j, "RETURN") &&
                    !t.Is(j, "NESTED") && !t.Is(j, "VARRAY") && !t.Is(j, "TABLESPACE") && !t.Is(j, "PARTITION"))
                    ++j;
                if (t[j].kind == Token::Kind::Open) j = t.Matching(j) + 1;
                if (t.Is(j, "RETURN")) {
                    ++j;
                    if (t.Is(j, "AS")) ++j;
                    if (t.Is(j, "LOCATOR") || t.Is(j, "VALUE")) ++j;
                }
                out.no_effect.push_back(Describe(t, i, j) + " (the collection is an array in the row)");
                i = j;
                continue;
            }
        }
        if (t.Is(i, "NESTED") || t.Is(i, "VARRAY") || t.Is(i, "XMLTYPE") ||
            (t.Is(i, "COLUMN") && !t.Is(i + 1, "STORE")))
            t.Refuse(i, t[i].upper + " ... STORE AS: storage of collection and object columns is not supported here");
        if (t.Is(i, "CLUSTER")) t.Refuse(i, "CLUSTER: Oracle's table clusters are not supported here");
        // PostgreSQL's own clauses (WITH (...), INHERITS, USING), as written.
        rest = " " + t.Slice(i, t.size());
        break;
    }
    if (!has_elements && as_query.empty() && rest.empty()) t.Fail(i, "the table's columns expected");
    // FOREIGN KEY (c) REFERENCES an identity: column c, defined above, takes its type.
    for (std::string &element : elements) {
        if (table.retype.empty()) break;
        size_t space = element.find(' ');
        if (space == std::string::npos) continue;
        std::string name = element.substr(0, space);
        auto type = table.column_types.find(FoldedName(name));
        if (type == table.column_types.end() || element.compare(space + 1, type->second.size(), type->second) != 0)
            continue;
        const std::string written_type = type->second;  // a copy: the map entry changes
        element = RetypeKeyColumn(element, name, written_type, table, out);
    }
    for (const std::string &c : table.extra_constraints) elements.push_back(c);
    std::string sql = "CREATE TABLE " + if_not_exists + table.table;
    if (has_elements) sql += " (" + Join(elements, ", ") + ")";
    if (!partitioning.clause.empty()) {
        sql += " " + partitioning.clause;
        if (fillfactor > 0) out.notes.push_back("fillfactor is set on each partition");
    } else if (fillfactor > 0) {
        sql += " WITH (fillfactor = " + std::to_string(fillfactor) + ")";
    }
    sql += rest + as_query;
    out.statements.push_back(sql);
    for (std::string part : partitioning.partitions) {
        if (fillfactor > 0 && part.find(" WITH (fillfactor") == std::string::npos)
            part += " WITH (fillfactor = " + std::to_string(fillfactor) + ")";
        out.statements.push_back(part);
    }
    for (const std::string &name : table.disabled)
        out.statements.push_back(DisableConstraintCall(table.table, name, false));
    return true;
}

}  // namespace plpolar::parser::ddl
