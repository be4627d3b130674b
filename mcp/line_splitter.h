#pragma once
// Cuts a byte stream into newline-delimited lines, holding at most `limit`
// bytes of an unfinished one: a longer line is dropped as it streams in
// (never buffered for ever) and comes out as an oversized line, so its
// sender is told instead of the server growing without bound.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ta::mcp {

// 4 MiB: far above any real request (a message is at most 1 MiB of text,
// which JSON escaping may grow a few times over).
inline constexpr size_t kMaxLineBytes = 4u << 20;

struct Line {
  std::string text;      // without its newline; empty when oversized
  size_t oversized = 0;  // the dropped line's size when it was over the limit
};

class LineSplitter {
 public:
  explicit LineSplitter(size_t limit = kMaxLineBytes) : limit_(limit) {}

  // The lines `data` completes, in order.
  std::vector<Line> feed(std::string_view data);
  // At end of input: the last line when it had no newline.
  std::vector<Line> finish();

 private:
  size_t limit_;
  std::string partial_;
  size_t dropping_ = 0;  // bytes of an oversized line dropped so far; 0: not dropping
};

}  // namespace ta::mcp
