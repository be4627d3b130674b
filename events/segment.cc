#include "events/segment.h"

#include <cctype>
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

}  // namespace ta::events
