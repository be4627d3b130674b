#include "events/segment_chain.h"

#include <fcntl.h>
#include <unistd.h>

#include <optional>

#include "events/codec.h"
#include "events/segment.h"
#include "util/fs.h"

namespace ta::events {

namespace {

// The seq of the complete line starting at `offset` of `path`, if any.
std::optional<std::uint64_t> seq_at(const std::string& path, std::uint64_t offset) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd.valid()) return std::nullopt;
  char buf[64];
  ssize_t n = ::pread(fd.get(), buf, sizeof buf, static_cast<off_t>(offset));
  if (n <= 0) return std::nullopt;
  return peek_seq(std::string_view(buf, static_cast<size_t>(n)));
}

struct Span {
  std::optional<std::uint64_t> first, last;
};

Span span_of(const std::string& path) {
  Span s;
  s.first = seq_at(path, 0);
  if (!s.first) return s;
  auto start = last_line_start(path, UINT64_MAX);
  s.last = start ? seq_at(path, *start) : std::nullopt;
  if (!s.last || *s.last < *s.first) s.last = s.first;
  return s;
}

std::string range(std::uint64_t a, std::uint64_t b) {
  return a == b ? std::to_string(a) : std::to_string(a) + ".." + std::to_string(b);
}

}  // namespace

LogLayout read_log_layout(const std::string& dir) {
  LogLayout out;
  for (const auto& name : list_dir(dir))
    if (!parse_segment_name(name) && name != "LOCK" && name != "quarantine")
      out.problems.push_back("unexpected file " + dir + "/" + name +
                             " is not a segment of the log and is ignored; move it elsewhere");
  auto segs = list_segments(dir);
  std::uint64_t last = 0;
  std::uint32_t last_seg = 0;
  for (std::size_t i = 0; i < segs.size(); ++i) {
    auto span = span_of(segment_path(dir, segs[i]));
    if (span.first && last_seg != 0 && *span.first <= last) {
      out.repeats = true;
      out.problems.push_back(
        "segment " + dir + "/" + segment_name(segs[i]) + " repeats seqs " +
        range(*span.first, std::min(*span.last, last)) + " already in " +
        segment_name(last_seg) +
        " (a copy or a restored backup?); it is not part of the log: move it out of " + dir);
      continue;
    }
    out.chain.push_back(segs[i]);
    if (span.last) {
      last = *span.last;
      last_seg = segs[i];
    }
  }
  return out;
}

}  // namespace ta::events
