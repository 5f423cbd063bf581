#include "plpolar/session/output_buffer.hpp"

#include <algorithm>
#include <cstdlib>
#include <memory>

namespace plpolar::session {

namespace {

void *HeapAllocate(size_t size) { return std::malloc(size); }
void HeapRelease(void *p) { std::free(p); }
void HeapReset() {}

std::unique_ptr<OutputBuffer> &SessionBuffer() {
    static std::unique_ptr<OutputBuffer> buffer;
    return buffer;
}

}  // namespace

OutputMemory HeapOutputMemory() { return OutputMemory{HeapAllocate, HeapRelease, HeapReset}; }

OutputBuffer &Output() {
    std::unique_ptr<OutputBuffer> &buffer = SessionBuffer();
    if (!buffer) buffer = std::make_unique<OutputBuffer>();
    return *buffer;
}

void UseOutputMemory(const OutputMemory &memory) { SessionBuffer() = std::make_unique<OutputBuffer>(memory); }

// lines_ holds a pointer to memory_: the allocator must see this object's
// copy, which never moves (the buffer is neither copied nor moved).
OutputBuffer::OutputBuffer(OutputMemory memory) : memory_(memory), lines_(OutputAllocator<Line>(&memory_)) {}

void OutputBuffer::Enable(std::optional<int64_t> limit) {
    if (limit) limit = std::clamp(*limit, kMinLimit, kMaxLimit);
    limit_ = limit;
    enabled_ = true;
}

void OutputBuffer::Disable() {
    enabled_ = false;
    DropLines();
    partial_.clear();
    partial_.shrink_to_fit();
    bytes_ = 0;
    reading_ = false;
}

void OutputBuffer::DropLines() {
    for (size_t i = read_; i < lines_.size(); ++i) bytes_ -= lines_[i].size();
    // Swapped out rather than cleared: an empty vector holds no memory, so
    // the whole context can be given back.
    Lines(OutputAllocator<Line>(&memory_)).swap(lines_);
    read_ = 0;
    memory_.reset();
}

void OutputBuffer::StartWriting() {
    if (!reading_) return;
    reading_ = false;
    DropLines();
}

void OutputBuffer::Reserve(size_t more) {
    if (limit_ && static_cast<int64_t>(bytes_ + more) > *limit_)
        throw OutputError("ORU-10027: buffer overflow, limit of " + std::to_string(*limit_) + " bytes");
}

void OutputBuffer::Put(const std::string &text) {
    if (!enabled_) return;
    StartWriting();
    if (partial_.size() + text.size() > kMaxLine)
        throw OutputError("ORU-10028: line length overflow, limit of " + std::to_string(kMaxLine) + " bytes per line");
    Reserve(text.size());
    partial_ += text;
    bytes_ += text.size();
}

void OutputBuffer::Keep(const char *text, size_t size) {
    try {
        lines_.emplace_back(text, size, OutputAllocator<char>(&memory_));
    } catch (const std::bad_alloc &) {
        // What is kept cannot grow: give it all back rather than hold on to
        // memory the session may need to go on.
        size_t lines = buffered_lines();
        DropLines();
        throw OutputOutOfMemory("out of memory in the DBMS_OUTPUT buffer: its " + std::to_string(lines) +
                                " lines were discarded");
    }
}

std::optional<std::string> OutputBuffer::NewLine(bool deliver) {
    if (!enabled_) return std::nullopt;
    StartWriting();
    std::string line;
    line.swap(partial_);
    if (deliver) {
        bytes_ -= line.size();
        return line;
    }
    try {
        Keep(line.data(), line.size());  // its bytes stay counted
    } catch (const OutputOutOfMemory &) {
        bytes_ -= line.size();
        throw;
    }
    return std::nullopt;
}

bool OutputBuffer::AddLine(const std::string &line) {
    if (!enabled_) return false;
    StartWriting();
    Reserve(line.size());
    Keep(line.data(), line.size());
    bytes_ += line.size();
    return true;
}

std::optional<std::string> OutputBuffer::GetLine() {
    reading_ = true;
    if (read_ == lines_.size()) return std::nullopt;
    Line &kept = lines_[read_++];
    std::string line(kept.data(), kept.size());
    bytes_ -= line.size();
    kept = Line(OutputAllocator<char>(&memory_));
    if (read_ == lines_.size()) DropLines();
    return line;
}

std::vector<std::string> OutputBuffer::GetLines(int64_t max) {
    std::vector<std::string> out;
    while (static_cast<int64_t>(out.size()) < max) {
        auto line = GetLine();
        if (!line) break;
        out.push_back(std::move(*line));
    }
    reading_ = true;
    return out;
}

}  // namespace plpolar::session
