#include "events/segment.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <vector>

#include "events/codec.h"
#include "util/fs.h"

namespace ta::events {

std::string segment_name(std::uint32_t number) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%08u.jsonl", number);
  return buf;
}

std::optional<std::uint32_t> parse_segment_name(const std::string& name) {
  if (name.size() != 14 || name.compare(8, 6, ".jsonl") != 0) return std::nullopt;
  std::uint32_t n = 0;
  for (int i = 0; i < 8; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(name[i]))) return std::nullopt;
    n = n * 10 + static_cast<std::uint32_t>(name[i] - '0');
  }
  if (n == 0) return std::nullopt;
  return n;
}

std::vector<std::uint32_t> list_segments(const std::string& dir) {
  std::vector<std::uint32_t> out;
  for (auto& name : list_dir(dir))
    if (auto n = parse_segment_name(name)) out.push_back(*n);
  return out;  // list_dir sorts names, and zero-padded names sort numerically
}

std::string segment_path(const std::string& dir, std::uint32_t number) {
  return dir + "/" + segment_name(number);
}

Result<std::uint64_t> last_line_start(const std::string& path, std::uint64_t end) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC));
  if (!fd.valid()) {
    if (errno == ENOENT) return std::uint64_t{0};
    if (auto st = check_regular_or_absent(path); !st) return st.error();
    return make_error("cannot read " + path + ": " + errno_text(errno));
  }
  long long size = file_size(path);
  if (size > 0 && end < static_cast<std::uint64_t>(size)) size = static_cast<long long>(end);
  for (long long window = 1 << 16; size > 0; window *= 4) {
    long long from = std::max(0LL, size - window);
    std::string buf(static_cast<size_t>(size - from), '\0');
    ssize_t n = ::pread(fd.get(), buf.data(), buf.size(), from);
    if (n < 0) return make_error("cannot read " + path + ": " + errno_text(errno));
    buf.resize(static_cast<size_t>(n));
    auto last_nl = buf.rfind('\n');
    if (last_nl == std::string::npos) {
      if (from == 0) return std::uint64_t{0};
      continue;
    }
    auto prev_nl = last_nl == 0 ? std::string::npos : buf.rfind('\n', last_nl - 1);
    if (prev_nl != std::string::npos) return static_cast<std::uint64_t>(from) + prev_nl + 1;
    if (from == 0) return std::uint64_t{0};
  }
  return std::uint64_t{0};
}

namespace {
constexpr size_t kReadChunk = 1 << 20;
}  // namespace

Result<std::uint64_t> for_each_line(const std::string& path, std::uint64_t start,
                                    std::uint64_t end,
                                    const std::function<void(std::string_view, std::uint64_t)>& fn) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC));
  if (!fd.valid()) {
    if (errno == ENOENT) return start;  // a segment not created yet is empty
    if (auto st = check_regular_or_absent(path); !st) return st.error();
    return make_error("cannot read " + path + ": " + errno_text(errno));
  }
  std::string buf;
  std::uint64_t buf_start = start;  // file offset of buf[0]
  std::uint64_t pos = start;
  std::vector<char> chunk(kReadChunk);
  while (pos < end) {
    size_t want = static_cast<size_t>(std::min<std::uint64_t>(chunk.size(), end - pos));
    ssize_t n = ::pread(fd.get(), chunk.data(), want, static_cast<off_t>(pos));
    if (n < 0) {
      if (errno == EINTR) continue;
      return make_error("cannot read " + path + ": " + errno_text(errno));
    }
    if (n == 0) break;
    buf.append(chunk.data(), static_cast<size_t>(n));
    pos += static_cast<std::uint64_t>(n);
    size_t line_start = 0;
    for (;;) {
      auto nl = buf.find('\n', line_start);
      if (nl == std::string::npos) break;
      fn(std::string_view(buf).substr(line_start, nl - line_start), buf_start + line_start);
      line_start = nl + 1;
    }
    buf.erase(0, line_start);
    buf_start += line_start;
  }
  return buf_start;
}

Result<bool> line_is_event(const std::string& path, std::uint64_t offset, bool last) {
  bool event = false, first = true;
  auto end = for_each_line(path, offset, UINT64_MAX, [&](std::string_view line, std::uint64_t) {
    if (!first) return;
    first = false;
    event = peek_seq(line).has_value() && (!last || decode_line(line).ok());
  });
  if (!end) return end.error();
  return event;
}

}  // namespace ta::events
