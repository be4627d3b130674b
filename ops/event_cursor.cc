#include "ops/event_cursor.h"

#include "ops/event_filter.h"
#include "util/fs.h"
#include "util/read_bounded.h"

namespace ta::ops {

namespace {

std::string trimmed(std::string s) {
  s.erase(0, s.find_first_not_of(" \t\r\n"));
  s.erase(s.find_last_not_of(" \t\r\n") + 1);
  return s;
}

}  // namespace

Result<std::uint64_t> read_cursor_file(const std::string& path) {
  // Refused up front, before any event is printed: the cursor is written
  // only to a regular file or a new path, never through a link, over a
  // device or into a FIFO (which would also block the read).
  if (auto st = check_regular_or_absent(path); !st)
    return make_error("--cursor-file: " + st.error().message, 2);
  if (!file_exists(path)) return std::uint64_t{0};
  auto text = read_own_file(path, {4096, "the cursor file", "give a file that holds one event seq"});
  if (!text) return make_error("--cursor-file: " + text.error().message, 2);
  std::string s = trimmed(*text);
  if (s.empty()) return std::uint64_t{0};
  auto seq = parse_count("--cursor-file", s);
  if (!seq)
    return make_error("cursor file " + path + " does not hold an event seq (it has '" +
                          s.substr(0, 40) + "'); delete it to start from the beginning",
                      2);
  return *seq;
}

Status save_cursor_file(const std::string& path, std::uint64_t seq) {
  return write_file_atomic(path, std::to_string(seq) + "\n");
}

}  // namespace ta::ops
