#include "events/segment.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>

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

}  // namespace ta::events
