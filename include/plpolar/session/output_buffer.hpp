// DBMS_OUTPUT's buffer, one per session as in Oracle: lines written with
// PUT / PUT_LINE / NEW_LINE wait here until GET_LINE(S) reads them, or go
// straight to the client when server output is on. It is session state like
// the function cache: it outlives calls and transactions (Oracle's buffer
// is not transactional) and is bounded by the ENABLE limit.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace plpolar::session {

// Oracle raises these as ORA-20000 with an ORU- text.
class OutputError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class OutputBuffer {
public:
    static constexpr int64_t kDefaultLimit = 20000;
    static constexpr int64_t kMinLimit = 2000;
    static constexpr int64_t kMaxLimit = 1000000;
    static constexpr size_t kMaxLine = 32767;

    // limit: bytes, clamped to Oracle's 2000..1000000; nullopt: no limit.
    // Enabling an enabled buffer only changes its limit.
    void Enable(std::optional<int64_t> limit);
    // Discards everything and ignores output until the next Enable.
    void Disable();
    bool enabled() const { return enabled_; }

    void Put(const std::string &text);
    // Ends the current line. With `deliver` (server output) the finished
    // line is handed back instead of kept.
    std::optional<std::string> NewLine(bool deliver);

    // The oldest finished line, or nullopt (status 1) when there is none.
    std::optional<std::string> GetLine();
    // Up to `max` finished lines.
    std::vector<std::string> GetLines(int64_t max);

    size_t buffered_bytes() const { return bytes_; }

private:
    void StartWriting();
    void Reserve(size_t more);

    bool enabled_ = false;
    std::optional<int64_t> limit_;
    std::vector<std::string> lines_;  // finished lines; the first `read_` were read
    size_t read_ = 0;
    std::string partial_;
    size_t bytes_ = 0;  // lines_ and partial_
    // Oracle: lines not read by GET_LINE(S) are dropped by the next write.
    bool reading_ = false;
};

// The session's buffer.
OutputBuffer &Output();

}  // namespace plpolar::session
