#pragma once
// The events a fold consumes, in seq order, from one LogReader. Parsing a
// line costs about as much as folding it, so once a backlog proves large the
// stream hands the reader to a thread of its own that parses ahead while the
// caller folds. Small catch-ups never start the thread.
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "events/reader.h"
#include "util/result.h"

namespace ta::store {

class EventStream {
 public:
  enum class Next { event, end, corrupt };

  // Streams the events after `after_seq`. Corrupt lines before that seq were
  // already passed by whoever folded up to it, and are stepped over quietly;
  // later ones stop the stream, or are stepped over and listed in skipped()
  // when `skip_corrupt`.
  EventStream(std::string events_dir, std::uint64_t after_seq, bool skip_corrupt);
  ~EventStream();
  EventStream(const EventStream&) = delete;
  EventStream& operator=(const EventStream&) = delete;

  Status open();
  Next next(events::Event& out);
  // The line that stopped the stream (after next() returned corrupt).
  const events::Corruption& corruption() const { return stopped_at_; }
  const std::vector<events::Corruption>& skipped() const { return skipped_; }

 private:
  // What the read-ahead thread hands over: events, then maybe how it ended.
  struct Chunk {
    std::vector<events::Event> events;
    std::vector<events::Corruption> skipped;
    std::optional<Next> last;  // end or corrupt, after the events
    events::Corruption corruption;
  };

  Next read_one(events::Event& out, std::vector<events::Corruption>& skipped,
                events::Corruption& stop);
  void start_read_ahead();
  void read_ahead();

  events::LogReader reader_;
  std::uint64_t after_seq_;
  bool skip_corrupt_;
  std::uint64_t delivered_ = 0;
  events::Corruption stopped_at_;
  std::vector<events::Corruption> skipped_;

  std::thread thread_;
  std::mutex mu_;
  std::condition_variable changed_;
  std::deque<Chunk> queue_;
  bool stop_ = false;
  Chunk current_;
  size_t current_pos_ = 0;
  bool current_valid_ = false;
};

}  // namespace ta::store
