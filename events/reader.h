#pragma once
// Sequential reading of the event log across segments, without the lock:
// only complete lines count, so a reader never sees half an append. The same
// reader follows a live log: `next()` returns `end` at the current tail and
// picks up later appends (and new segments) when called again.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "events/event.h"
#include "util/fs.h"
#include "util/result.h"

namespace ta::events {

// A line in the log that is not a valid event, or breaks the seq order.
struct Corruption {
  std::string segment;          // file name, e.g. 00000002.jsonl
  std::uint64_t line = 0;       // 1-based line number within the segment
  std::uint64_t expected_seq = 0;
  std::string reason;
  // "corrupt event log: segment 00000002.jsonl line 17 (seq 4243): not valid JSON"
  std::string describe() const;
};

class LogReader {
 public:
  enum class Next { event, end, corrupt };

  explicit LogReader(std::string dir);

  // Positions the reader so the next event is the first with seq > `seq`.
  Status seek_after(std::uint64_t seq);

  // Reads the next complete event into `out` (upcast to this binary's
  // versions). `end`: nothing more is complete right now. `corrupt`: see
  // corruption(); call skip_corrupt() to step over the bad line.
  Next next(Event& out);
  const Corruption& corruption() const { return corruption_; }
  void skip_corrupt();

  // The raw stored line of the last event returned (no newline).
  const std::string& raw_line() const { return raw_; }
  std::uint64_t last_seq() const { return last_seq_; }
  const std::string& dir() const { return dir_; }
  // Segment currently read (0 before the first read).
  std::uint32_t segment() const { return seg_; }

 private:
  bool fill();          // reads more bytes of the current segment; false at its end
  bool advance_segment();  // moves to the next segment if one exists
  bool newer_segment_exists() const;
  // Records `reason` as the corruption at the current line; returns corrupt.
  Next flag_corruption(std::string reason);
  // The line just read (of `line_size` bytes) does not decode.
  Next undecodable(std::size_t line_size, std::string reason);
  // Hands out (or holds back behind a seq gap) the event `line` decoded to.
  Next deliver(Event& e, std::string_view line, Event& out);

  std::string dir_;
  std::uint32_t seg_ = 0;
  UniqueFd fd_;
  std::uint64_t file_pos_ = 0;  // next byte of the segment to read
  std::uint64_t line_no_ = 0;   // lines consumed in this segment
  std::string buf_;
  size_t buf_pos_ = 0;
  std::uint64_t last_seq_ = 0;  // seq of the last event returned or skipped
  std::uint64_t skip_until_ = 0;  // events with seq <= this are passed over
  std::string raw_;
  Corruption corruption_;
  bool have_pending_bad_ = false;
  std::optional<Event> pending_event_;  // valid event held back behind a seq gap
  bool resync_ = false;  // after a skipped bad line, accept the next seq as is
};

// Highest complete seq in the log, read from the tail of the newest segments.
Result<std::uint64_t> read_last_seq(const std::string& dir);

}  // namespace ta::events
