// The container behind PL/SQL collections, with Oracle's rules: associative
// arrays (INDEX BY an integer or a string, iterated in key order), nested
// tables and varrays (dense 1 .. size, where a nested table may have holes
// after DELETE(i) and EXTEND / TRIM work on the internal size, deleted
// slots included). Elements are opaque words the caller owns (PostgreSQL
// Datums in plpolar: src/pg/collection.cpp); `release` is called for each
// element the container drops. Needs no server: unit-tested alone, with
// std::allocator; plpolar uses an allocator over the variable's memory
// context, so that the whole collection goes with it.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace plpolar::types {

enum class CollectionKind : uint8_t { Associative, Nested, Varray };

// What went wrong, for the caller to raise Oracle's exception.
enum class CollectionError : uint8_t {
    None,
    BeyondCount,   // SUBSCRIPT_BEYOND_COUNT, ORA-06533
    OutsideLimit,  // SUBSCRIPT_OUTSIDE_LIMIT, ORA-06532
    NoData,        // NO_DATA_FOUND: a deleted or missing element
    Storage,       // STORAGE_ERROR, ORA-06500: more slots than kMaxDense at once
};

// The most slots a nested table, varray or dense associative array holds
// in its vector (16 bytes each: 1 GiB): one EXTEND(n) cannot ask the
// allocator for more, which the kernel might grant lazily and then
// reclaim by killing the server. Sparse associative arrays are not bound
// by it (a node per element, each allocation checked).
constexpr int64_t kMaxDense = int64_t{1} << 26;

struct CollectionElement {
    uintptr_t datum = 0;
    bool isnull = true;
    // The container's own: whether a vector slot holds an element. It sits
    // in the struct's padding, so that a slot of a dense table is 16 bytes
    // (500k elements: 8 MB, not 12); element code never writes it.
    bool present = false;
};

template <class Alloc = std::allocator<char>>
class Collection {
public:
    using Element = CollectionElement;
    template <class T>
    using A = typename std::allocator_traits<Alloc>::template rebind_alloc<T>;
    using String = std::basic_string<char, std::char_traits<char>, A<char>>;
    using Release = void (*)(Element &);

    // `limit`: a varray's maximum size (unused otherwise).
    Collection(CollectionKind kind, bool string_keys, int32_t limit, Release release, const Alloc &alloc = Alloc())
        : kind_(kind),
          string_keys_(kind == CollectionKind::Associative && string_keys),
          limit_(limit),
          release_(release),
          alloc_(alloc),
          dense_(A<Slot>(alloc)),
          window_(A<Slot>(alloc)),
          ints_(std::less<int32_t>(), A<std::pair<const int32_t, Element>>(alloc)),
          strings_(StringLess(), A<std::pair<const String, Element>>(alloc)) {}
    ~Collection() { Clear(); }
    // What frees an element from now on (its memory's owner may free all
    // at once instead).
    void set_release(Release release) { release_ = release; }
    Collection(const Collection &) = delete;
    Collection &operator=(const Collection &) = delete;

    CollectionKind kind() const { return kind_; }
    bool string_keys() const { return string_keys_; }
    int32_t limit() const { return limit_; }
    bool dense() const { return kind_ != CollectionKind::Associative; }

    int32_t Count() const {
        if (dense() || windowed()) return count_;
        return static_cast<int32_t>(string_keys_ ? strings_.size() : ints_.size());
    }
    // A nested table's or varray's internal size: its last slot, deleted
    // or not (what EXTEND appends after and TRIM removes from).
    int32_t Size() const { return static_cast<int32_t>(dense_.size()); }

    // ---- integer keys (nested tables, varrays, INDEX BY PLS_INTEGER) ----

    // The element at `k`, or why there is none (a read: c(k)).
    CollectionError Find(int32_t k, Element **out) {
        if (dense()) {
            if (CollectionError e = CheckDense(k); e != CollectionError::None) return e;
            Slot &s = dense_[static_cast<size_t>(k - 1)];
            if (!s.element.present) return CollectionError::NoData;
            *out = &s.element;
            return CollectionError::None;
        }
        if (windowed()) {
            Slot *s = WindowSlot(k);
            if (s == nullptr || !s->element.present) return CollectionError::NoData;
            *out = &s->element;
            return CollectionError::None;
        }
        auto it = ints_.find(k);
        if (it == ints_.end()) return CollectionError::NoData;
        *out = &it->second;
        return CollectionError::None;
    }

    // The element to assign at `k` (c(k) := x): an associative array
    // makes it; a nested table revives a deleted slot; beyond the size it
    // is an error, as in Oracle (EXTEND first). A new element is null.
    CollectionError Assign(int32_t k, Element **out) {
        if (dense()) {
            if (CollectionError e = CheckDense(k); e != CollectionError::None) return e;
            Slot &s = dense_[static_cast<size_t>(k - 1)];
            if (!s.element.present) {
                s.element = Element();
                s.element.present = true;
                ++count_;
            }
            *out = &s.element;
            return CollectionError::None;
        }
        if (windowed()) {
            if (Slot *s = WindowAssign(k)) {
                *out = &s->element;
                return CollectionError::None;
            }
        }
        *out = &ints_[k];
        return CollectionError::None;
    }

    bool Exists(int32_t k) const {
        if (dense()) return k >= 1 && k <= Size() && dense_[static_cast<size_t>(k - 1)].element.present;
        if (windowed()) {
            const Slot *s = const_cast<Collection *>(this)->WindowSlot(k);
            return s != nullptr && s->element.present;
        }
        return ints_.count(k) != 0;
    }

    std::optional<int32_t> First() const {
        if (dense()) return NextDense(0);
        if (windowed()) return WindowNext(static_cast<int64_t>(base_) - 1);
        if (ints_.empty()) return std::nullopt;
        return ints_.begin()->first;
    }
    std::optional<int32_t> Last() const {
        if (dense()) return PriorDense(static_cast<int64_t>(Size()) + 1);
        if (windowed()) return WindowPrior(base_ + static_cast<int64_t>(window_.size()));
        if (ints_.empty()) return std::nullopt;
        return ints_.rbegin()->first;
    }
    // The next / previous existing index; `k` itself need not exist.
    std::optional<int32_t> Next(int32_t k) const {
        if (dense()) return NextDense(k);
        if (windowed()) return WindowNext(k);
        auto it = ints_.upper_bound(k);
        if (it == ints_.end()) return std::nullopt;
        return it->first;
    }
    std::optional<int32_t> Prior(int32_t k) const {
        if (dense()) return PriorDense(k);
        if (windowed()) return WindowPrior(k);
        auto it = ints_.lower_bound(k);
        if (it == ints_.begin()) return std::nullopt;
        return std::prev(it)->first;
    }

    // ---- string keys (INDEX BY VARCHAR2) ----

    CollectionError Find(std::string_view k, Element **out) {
        auto it = strings_.find(k);
        if (it == strings_.end()) return CollectionError::NoData;
        *out = &it->second;
        return CollectionError::None;
    }
    CollectionError Assign(std::string_view k, Element **out) {
        auto it = strings_.find(k);
        if (it == strings_.end()) it = strings_.emplace(String(k.data(), k.size(), A<char>(alloc_)), Element()).first;
        *out = &it->second;
        return CollectionError::None;
    }
    bool Exists(std::string_view k) const { return strings_.find(k) != strings_.end(); }
    std::optional<std::string_view> FirstKey() const {
        if (strings_.empty()) return std::nullopt;
        return std::string_view(strings_.begin()->first);
    }
    std::optional<std::string_view> LastKey() const {
        if (strings_.empty()) return std::nullopt;
        return std::string_view(strings_.rbegin()->first);
    }
    std::optional<std::string_view> NextKey(std::string_view k) const {
        auto it = strings_.upper_bound(k);
        if (it == strings_.end()) return std::nullopt;
        return std::string_view(it->first);
    }
    std::optional<std::string_view> PriorKey(std::string_view k) const {
        auto it = strings_.lower_bound(k);
        if (it == strings_.begin()) return std::nullopt;
        return std::string_view(std::prev(it)->first);
    }

    // ---- methods that change the shape ----

    // DELETE: everything (a nested table's size too).
    void Clear() {
        for (Slot &s : dense_)
            if (s.element.present) release_(s.element);
        dense_.clear();
        for (Slot &s : window_)
            if (s.element.present) release_(s.element);
        window_.clear();
        sparse_ = false;
        count_ = 0;
        for (auto &e : ints_) release_(e.second);
        ints_.clear();
        for (auto &e : strings_) release_(e.second);
        strings_.clear();
    }
    // DELETE(lo, hi) (DELETE(i): lo = hi): nothing when lo > hi; a nested
    // table keeps the slots (its size does not change). Not for varrays.
    void Delete(int32_t lo, int32_t hi) {
        if (lo > hi) return;
        if (dense()) {
            int64_t from = std::max<int64_t>(lo, 1);
            int64_t to = std::min<int64_t>(hi, Size());
            for (int64_t k = from; k <= to; ++k) {
                Slot &s = dense_[static_cast<size_t>(k - 1)];
                if (!s.element.present) continue;
                release_(s.element);
                s.element.present = false;
                --count_;
            }
            return;
        }
        if (windowed()) {
            int64_t from = std::max<int64_t>(lo, base_);
            int64_t to = std::min<int64_t>(hi, base_ + static_cast<int64_t>(window_.size()) - 1);
            for (int64_t k = from; k <= to; ++k) {
                Slot &s = window_[static_cast<size_t>(k - base_)];
                if (!s.element.present) continue;
                release_(s.element);
                s.element.present = false;
                --count_;
            }
            // Mostly holes now: the map, so that NEXT / FIRST stay cheap.
            if (window_.size() > kWindowSlack && static_cast<size_t>(count_) * 4 < window_.size()) ToMap();
            return;
        }
        auto it = ints_.lower_bound(lo);
        while (it != ints_.end() && it->first <= hi) {
            release_(it->second);
            it = ints_.erase(it);
        }
    }
    void Delete(std::string_view lo, std::string_view hi) {
        if (lo > hi) return;
        auto it = strings_.lower_bound(lo);
        while (it != strings_.end() && std::string_view(it->first) <= hi) {
            release_(it->second);
            it = strings_.erase(it);
        }
    }
    // EXTEND(n): n null elements after the size; a varray not beyond its
    // limit. The new elements are returned through `first` (index of the
    // first new one) for the caller to fill (EXTEND(n, i)).
    CollectionError Extend(int64_t n, int32_t *first) {
        if (n < 0) return CollectionError::OutsideLimit;
        int64_t size = Size();
        if (kind_ == CollectionKind::Varray && size + n > limit_) return CollectionError::OutsideLimit;
        if (size + n > INT32_MAX) return CollectionError::OutsideLimit;
        if (size + n > kMaxDense) return CollectionError::Storage;
        *first = static_cast<int32_t>(size + 1);
        Slot added;
        added.element.present = true;
        dense_.resize(static_cast<size_t>(size + n), added);
        count_ += static_cast<int32_t>(n);
        return CollectionError::None;
    }
    // TRIM(n): removes the last n slots, deleted ones included.
    CollectionError Trim(int64_t n) {
        if (n < 0 || n > Size()) return CollectionError::BeyondCount;
        for (int64_t i = 0; i < n; ++i) {
            Slot &s = dense_.back();
            if (s.element.present) {
                release_(s.element);
                --count_;
            }
            dense_.pop_back();
        }
        return CollectionError::None;
    }

    // Every element in index order (f(int32_t key, Element &) for integer
    // keys, f(std::string_view key, Element &) for strings); a nested
    // table's deleted slots are skipped.
    template <class F>
    void ForEachInt(F &&f) {
        if (dense()) {
            for (size_t i = 0; i < dense_.size(); ++i)
                if (dense_[i].element.present) f(static_cast<int32_t>(i + 1), dense_[i].element);
            return;
        }
        if (windowed()) {
            for (size_t i = 0; i < window_.size(); ++i)
                if (window_[i].element.present) f(static_cast<int32_t>(base_ + static_cast<int64_t>(i)), window_[i].element);
            return;
        }
        for (auto &e : ints_) f(e.first, e.second);
    }
    template <class F>
    void ForEachString(F &&f) {
        for (auto &e : strings_) f(std::string_view(e.first), e.second);
    }
    // Marks slot k (1 .. Size()) of a nested table deleted without an
    // element, as a copy of one with holes needs.
    void MarkDeleted(int32_t k) {
        Slot &s = dense_[static_cast<size_t>(k - 1)];
        if (!s.element.present) return;
        release_(s.element);
        s.element.present = false;
        --count_;
    }

private:
    struct Slot {
        Element element;  // element.present: the slot holds one
    };
    static_assert(sizeof(Slot) == 2 * sizeof(uintptr_t), "a slot is a datum and its flags");
    struct StringLess {
        using is_transparent = void;
        bool operator()(std::string_view a, std::string_view b) const { return a < b; }
    };

    // An associative array with integer keys keeps its elements in a
    // window (a vector from key base_) while its keys are dense enough, as
    // the loops that fill 1 .. n make them: no tree node per element. Keys
    // too far apart (or mostly deleted) move everything into the map, for
    // good until the next DELETE of everything.
    static constexpr size_t kWindowSlack = 64;
    bool windowed() const { return kind_ == CollectionKind::Associative && !string_keys_ && !sparse_; }

    Slot *WindowSlot(int32_t k) {
        int64_t off = static_cast<int64_t>(k) - base_;
        if (off < 0 || off >= static_cast<int64_t>(window_.size())) return nullptr;
        return &window_[static_cast<size_t>(off)];
    }

    // The slot for key k, made if needed; null when the map takes over.
    Slot *WindowAssign(int32_t k) {
        if (window_.empty()) base_ = k;
        int64_t size = static_cast<int64_t>(window_.size());
        int64_t off = static_cast<int64_t>(k) - base_;
        if (off < 0 || off >= size) {
            int64_t need = off < 0 ? size - off : off + 1;
            if (need > 4 * (static_cast<int64_t>(count_) + 1) + static_cast<int64_t>(kWindowSlack) ||
                2 * need > kMaxDense) {
                ToMap();
                return nullptr;
            }
            if (off < 0) {
                // Room in front for more, as push_back has behind: a loop
                // filling downwards stays linear.
                int64_t room = std::min<int64_t>(size, static_cast<int64_t>(k) - INT32_MIN);
                int64_t grow = -off + room;
                window_.insert(window_.begin(), static_cast<size_t>(grow), Slot{});
                base_ -= grow;
                off = static_cast<int64_t>(k) - base_;
            } else {
                window_.resize(static_cast<size_t>(off + 1));
            }
        }
        Slot &s = window_[static_cast<size_t>(off)];
        if (!s.element.present) {
            s.element = Element();
            s.element.present = true;
            ++count_;
        }
        return &s;
    }

    std::optional<int32_t> WindowNext(int64_t k) const {
        int64_t from = std::max<int64_t>(k + 1 - base_, 0);
        for (int64_t i = from; i < static_cast<int64_t>(window_.size()); ++i)
            if (window_[static_cast<size_t>(i)].element.present) return static_cast<int32_t>(base_ + i);
        return std::nullopt;
    }
    std::optional<int32_t> WindowPrior(int64_t k) const {
        int64_t from = std::min<int64_t>(k - 1 - base_, static_cast<int64_t>(window_.size()) - 1);
        for (int64_t i = from; i >= 0; --i)
            if (window_[static_cast<size_t>(i)].element.present) return static_cast<int32_t>(base_ + i);
        return std::nullopt;
    }

    // The window's elements into the map (their words move: nothing is
    // released or copied).
    void ToMap() {
        for (size_t i = 0; i < window_.size(); ++i)
            if (window_[i].element.present)
                ints_.emplace(static_cast<int32_t>(base_ + static_cast<int64_t>(i)), window_[i].element);
        window_.clear();
        window_.shrink_to_fit();
        count_ = 0;
        sparse_ = true;
    }

    CollectionError CheckDense(int32_t k) const {
        if (k < 1 || (kind_ == CollectionKind::Varray && k > limit_)) return CollectionError::OutsideLimit;
        if (k > Size()) return CollectionError::BeyondCount;
        return CollectionError::None;
    }
    std::optional<int32_t> NextDense(int64_t k) const {
        for (int64_t i = std::max<int64_t>(k, 0); i < Size(); ++i)
            if (dense_[static_cast<size_t>(i)].element.present) return static_cast<int32_t>(i + 1);
        return std::nullopt;
    }
    std::optional<int32_t> PriorDense(int64_t k) const {
        for (int64_t i = std::min<int64_t>(k - 1, Size()); i >= 1; --i)
            if (dense_[static_cast<size_t>(i - 1)].element.present) return static_cast<int32_t>(i);
        return std::nullopt;
    }

    CollectionKind kind_;
    bool string_keys_;
    int32_t limit_;
    Release release_;
    Alloc alloc_;
    int32_t count_ = 0;  // existing slots of dense_ (or window_)
    std::vector<Slot, A<Slot>> dense_;
    std::vector<Slot, A<Slot>> window_;
    int64_t base_ = 0;     // the key of window_[0]
    bool sparse_ = false;  // integer keys in ints_, not in window_
    std::map<int32_t, Element, std::less<int32_t>, A<std::pair<const int32_t, Element>>> ints_;
    std::map<String, Element, StringLess, A<std::pair<const String, Element>>> strings_;
};

}  // namespace plpolar::types
