#pragma once
// Writing lines to stdout on write(2), so a closed pipe, a full disk or
// Ctrl-C (util/interrupts) during a blocked write each come back as an
// outcome the caller can act on (`team-agent events`).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ta {

class StdoutWriter {
 public:
  enum class Outcome { ok, closed, interrupted, failed };

  // Queues one output line (without its newline) that shows event `seq`.
  void add(std::string_view line, std::uint64_t seq);
  // Queues a line that belongs to no event (e.g. the cursor).
  void add_note(std::string_view line);
  bool has_pending() const { return !buf_.empty(); }
  size_t pending_bytes() const { return buf_.size(); }

  // Writes everything queued. `closed`: the reader went away (EPIPE), which
  // is a normal end. `interrupted`: after Ctrl-C, the reader would not take
  // the rest without blocking, so it was dropped. `failed`: see error().
  Outcome flush();

  // Seq of the last event whose line was written out in full, or 0.
  std::uint64_t flushed_seq() const { return flushed_seq_; }
  const std::string& error() const { return error_; }

 private:
  std::string buf_;
  std::vector<std::pair<size_t, std::uint64_t>> line_ends_;  // (end offset in buf_, seq)
  std::uint64_t flushed_seq_ = 0;
  std::string error_;
};

}  // namespace ta
