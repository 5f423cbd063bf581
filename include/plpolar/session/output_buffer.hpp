// DBMS_OUTPUT's buffer, one per session as in Oracle: lines written with
// PUT / PUT_LINE / NEW_LINE wait here until GET_LINE(S) reads them, or go
// straight to the client when server output is on. It is session state like
// the function cache: it outlives calls and transactions (Oracle's buffer
// is not transactional) and is bounded by the ENABLE limit.
//
// ENABLE(NULL) has no limit, so the finished lines live in memory the
// server accounts for: a memory context of their own (pg/output_memory),
// given back whole whenever the buffer holds no line. The line being
// written (at most kMaxLine bytes) stays on the C++ heap.
#pragma once

#include <cstddef>
#include <cstdint>
#include <new>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "plpolar/pg/output_memory.hpp"

namespace plpolar::session {

// Oracle raises these as ORA-20000 with an ORU- text.
class OutputError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The buffer's memory ran out; it has discarded its lines to give the
// memory back (what() says how many).
class OutputOutOfMemory : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Where finished lines live (plpolar/pg/output_memory.hpp).
using OutputMemory = pg::OutputMemory;

// The C++ heap, for tests without a server.
OutputMemory HeapOutputMemory();

template <typename T>
class OutputAllocator {
public:
    using value_type = T;
    explicit OutputAllocator(const OutputMemory *memory) : memory_(memory) {}
    template <typename U>
    OutputAllocator(const OutputAllocator<U> &other) : memory_(other.memory()) {}

    T *allocate(size_t n) {
        if (n > SIZE_MAX / sizeof(T)) throw std::bad_alloc();
        void *p = memory_->allocate(n * sizeof(T));
        if (p == nullptr) throw std::bad_alloc();
        return static_cast<T *>(p);
    }
    void deallocate(T *p, size_t) { memory_->release(p); }
    const OutputMemory *memory() const { return memory_; }

    template <typename U>
    bool operator==(const OutputAllocator<U> &other) const {
        return memory_ == other.memory();
    }
    template <typename U>
    bool operator!=(const OutputAllocator<U> &other) const {
        return memory_ != other.memory();
    }

private:
    const OutputMemory *memory_;
};

class OutputBuffer {
public:
    static constexpr int64_t kDefaultLimit = 20000;
    static constexpr int64_t kMinLimit = 2000;
    static constexpr int64_t kMaxLimit = 1000000;
    static constexpr size_t kMaxLine = 32767;

    explicit OutputBuffer(OutputMemory memory = HeapOutputMemory());
    OutputBuffer(const OutputBuffer &) = delete;
    OutputBuffer &operator=(const OutputBuffer &) = delete;

    // limit: bytes, clamped to Oracle's 2000..1000000; nullopt: no limit.
    // Enabling an enabled buffer only changes its limit.
    void Enable(std::optional<int64_t> limit);
    // Discards everything and ignores output until the next Enable.
    void Disable();
    bool enabled() const { return enabled_; }

    void Put(const std::string &text);
    // Ends the current line. With `deliver` (server output) the finished
    // line is handed back instead of kept. Throws OutputOutOfMemory (the
    // buffer then holds no line) when the line cannot be kept.
    std::optional<std::string> NewLine(bool deliver);
    // Keeps a finished line written elsewhere (a parallel worker), as
    // NewLine would; false if the buffer is disabled.
    bool AddLine(const std::string &line);

    // The oldest finished line, or nullopt (status 1) when there is none.
    std::optional<std::string> GetLine();
    // Up to `max` finished lines.
    std::vector<std::string> GetLines(int64_t max);

    size_t buffered_bytes() const { return bytes_; }
    size_t buffered_lines() const { return lines_.size() - read_; }

private:
    using Line = std::basic_string<char, std::char_traits<char>, OutputAllocator<char>>;
    using Lines = std::vector<Line, OutputAllocator<Line>>;

    void StartWriting();
    void Reserve(size_t more);
    void Keep(const char *text, size_t size);
    // Drops every finished line and gives their memory back.
    void DropLines();

    OutputMemory memory_;
    bool enabled_ = false;
    std::optional<int64_t> limit_;
    Lines lines_;  // finished lines; the first `read_` were read
    size_t read_ = 0;
    std::string partial_;
    size_t bytes_ = 0;  // lines_ and partial_
    // Oracle: lines not read by GET_LINE(S) are dropped by the next write.
    bool reading_ = false;
};

// The session's buffer; its memory is the server's once UseOutputMemory ran.
OutputBuffer &Output();
// Sets where the session buffer's lines live; before any line is written.
void UseOutputMemory(const OutputMemory &memory);

}  // namespace plpolar::session
