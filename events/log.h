#pragma once
// The append side of the event log (.team/events/). Any process may append:
// each batch is written under flock on LOCK with one write() and one
// fdatasync(), so concurrent appenders get distinct, gap-free seqs.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "events/event.h"
#include "util/fs.h"
#include "util/result.h"

namespace ta::events {

struct LogOptions {
  std::string team;                          // written into every envelope
  std::uint64_t segment_bytes = 64ull << 20; // roll to a new segment past this size
  bool sync = true;                          // fdatasync every batch (off only in benchmarks)
  // The highest seq something outside the log saw written (the projections'
  // last folded seq). A log whose tail ends below it lost events (a lost
  // write cache, a restored backup): their seqs are not reused; the next
  // append is log.recovered naming the lost range, numbered after it.
  std::uint64_t seq_floor = 0;
};

struct Appended {
  std::uint64_t seq = 0;
  bool duplicate = false;  // the key already existed; seq is the original event's
};

// What open() found and repaired, for callers that want to say so.
struct Recovery {
  std::string segment;
  std::uint64_t offset = 0;
  std::uint64_t bytes = 0;
  std::string quarantine;
  std::uint64_t recovered_seq = 0;  // seq of the log.recovered event
  std::uint64_t lost_from = 0, lost_to = 0;  // seqs lost with the tail; 0: none
};

// The event recorded under an idempotency key, if any.
using KeyLookup = std::function<std::optional<Event>(const std::string& key)>;
// Judges a batch against what is already recorded before anything of it is
// written; an error refuses the whole batch.
using AppendGuard = std::function<Status(const KeyLookup& recorded)>;

class EventLog {
 public:
  // Opens (creating it 0700 when missing) the log in `dir`, cutting a torn
  // tail back to the last complete event and quarantining the cut bytes.
  static Result<std::unique_ptr<EventLog>> open(const std::string& dir, LogOptions opts);
  ~EventLog();

  // Appends a batch atomically with respect to other appenders: one lock,
  // one write, one sync. Events whose key already exists are not written
  // again; their result carries the original seq.
  Result<std::vector<Appended>> append(std::vector<Draft> batch);
  Result<Appended> append(Draft draft);
  // append() that first asks `guard`, in the same lock hold, so no other
  // appender can record a key between the check and the write.
  Result<std::vector<Appended>> append(std::vector<Draft> batch, const AppendGuard& guard);

  // Highest seq known to this process (as of its last lock).
  std::uint64_t last_seq() const { return last_seq_; }
  const std::string& dir() const { return dir_; }
  const std::optional<Recovery>& recovery() const { return recovery_; }

 private:
  EventLog(std::string dir, LogOptions opts);
  // append() without taking the lock: the caller holds it.
  Result<std::vector<Appended>> append_locked(std::vector<Draft> batch,
                                              const AppendGuard* guard = nullptr);
  std::optional<Event> recorded_under(const std::string& key) const;
  Status catch_up();
  Status read_forward(bool collect_keys);
  Status load_keys();
  Status recover_tail(std::uint32_t seg, std::uint64_t good_size, std::uint64_t file_size);
  Status write_lines(const std::string& buf);
  Status open_segment_for_append(std::uint32_t seg);
  Status find_last_seq();
  // Notes the seqs below opts_.seq_floor the log no longer holds.
  void note_lost_seqs();

  std::string dir_;
  LogOptions opts_;
  std::optional<Recovery> recovery_;
  bool pending_recovery_ = false;  // log.recovered still to be appended
  // How far this process has read: complete events up to (seg_, offset_).
  std::uint32_t seg_ = 0;
  std::uint64_t offset_ = 0;
  std::uint64_t last_seq_ = 0;
  UniqueFd seg_fd_;
  std::uint32_t seg_fd_number_ = 0;
  bool keys_loaded_ = false;
  std::unordered_map<std::string, std::uint64_t> keys_;
};

}  // namespace ta::events
