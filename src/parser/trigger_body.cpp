#include "plpolar/parser/trigger_body.hpp"

#include <algorithm>
#include <cctype>

#include "plpolar/parser/sql_text.hpp"

namespace plpolar::parser {

namespace {

const char kMarker[] = "/*plpolar:referencing";

std::string Lower(std::string s) {
    for (char &c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// "old=o new=n" inside the marker.
void ReadMarker(const std::string &text, TriggerBody *out) {
    size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
        size_t eq = text.find('=', i);
        if (eq == std::string::npos) return;
        std::string key = Lower(text.substr(i, eq - i));
        size_t end = eq + 1;
        while (end < text.size() && !std::isspace(static_cast<unsigned char>(text[end]))) ++end;
        std::string value = text.substr(eq + 1, end - eq - 1);
        if (key == "old") out->old_name = value;
        if (key == "new") out->new_name = value;
        i = end;
    }
}

}  // namespace

std::string ReferencingMarker(const std::string &old_name, const std::string &new_name) {
    return std::string(kMarker) + " old=" + old_name + " new=" + new_name + "*/";
}

TriggerBody PrepareTriggerBody(const std::string &source) {
    TriggerBody out;
    out.new_name = "new";
    out.old_name = "old";
    out.source = source;
    size_t start = 0;
    while (start < source.size() && std::isspace(static_cast<unsigned char>(source[start]))) ++start;
    if (source.compare(start, sizeof(kMarker) - 1, kMarker) == 0) {
        size_t close = source.find("*/", start);
        if (close != std::string::npos)
            ReadMarker(source.substr(start + sizeof(kMarker) - 1, close - start - (sizeof(kMarker) - 1)), &out);
    }
    std::string &s = out.source;
    const size_t n = s.size();
    size_t i = 0;
    while (i < n) {
        size_t skip = SkipOpaque(s, i);
        if (skip == i) skip = OracleQuoteEnd(s, i);
        if (skip != i) {
            i = skip;
            continue;
        }
        char c = s[i];
        bool word_start =
            (std::isalpha(static_cast<unsigned char>(c)) || c == '_') && (i == 0 || !IsSqlWordChar(s[i - 1]));
        if (!word_start) {
            ++i;
            continue;
        }
        size_t end = i;
        while (end < n && IsSqlWordChar(s[end])) ++end;
        std::string word = Lower(s.substr(i, end - i));
        bool is_new = word == out.new_name;
        bool is_old = word == out.old_name;
        // :name, but not x::name (a cast) and not a := b.
        bool colon = i > 0 && s[i - 1] == ':' && (i < 2 || s[i - 2] != ':');
        if (is_new || is_old) {
            if (colon) {
                s[i - 1] = ' ';
                if (is_new) out.colon_new = true;
                if (is_old) out.colon_old = true;
            }
            if (is_new) out.mentions_new = true;
            if (is_old) out.mentions_old = true;
        }
        if (word == "inserting" || word == "updating" || word == "deleting") out.mentions_predicates = true;
        if (word.compare(0, 3, "tg_") == 0) {
            if (std::find(out.tg_names.begin(), out.tg_names.end(), word) == out.tg_names.end())
                out.tg_names.push_back(word);
        }
        if (word == "plpolar$timing_point") out.compound = true;
        i = end;
    }
    return out;
}

}  // namespace plpolar::parser
