#include "plpolar/session/output_buffer.hpp"

#include <algorithm>

namespace plpolar::session {

OutputBuffer &Output() {
    static OutputBuffer buffer;
    return buffer;
}

void OutputBuffer::Enable(std::optional<int64_t> limit) {
    if (limit) limit = std::clamp(*limit, kMinLimit, kMaxLimit);
    limit_ = limit;
    enabled_ = true;
}

void OutputBuffer::Disable() {
    enabled_ = false;
    lines_.clear();
    read_ = 0;
    partial_.clear();
    bytes_ = 0;
    reading_ = false;
}

void OutputBuffer::StartWriting() {
    if (!reading_) return;
    reading_ = false;
    lines_.clear();
    read_ = 0;
    bytes_ = partial_.size();
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

std::optional<std::string> OutputBuffer::NewLine(bool deliver) {
    if (!enabled_) return std::nullopt;
    StartWriting();
    std::string line;
    line.swap(partial_);
    if (deliver) {
        bytes_ -= line.size();
        return line;
    }
    lines_.push_back(std::move(line));  // its bytes stay counted
    return std::nullopt;
}

std::optional<std::string> OutputBuffer::GetLine() {
    reading_ = true;
    if (read_ == lines_.size()) return std::nullopt;
    std::string line = std::move(lines_[read_++]);
    bytes_ -= line.size();
    if (read_ == lines_.size()) {
        lines_.clear();
        read_ = 0;
    }
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
