#pragma once
// Group commit: many threads submit events; one committer thread appends
// everything pending as a single batch (one lock, one write, one fdatasync),
// so durability costs one sync per batch instead of one per event.
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

#include "events/log.h"

namespace ta::events {

class GroupCommitter {
 public:
  // `max_batch` bounds how many events one sync may cover.
  explicit GroupCommitter(EventLog& log, std::size_t max_batch = 8192);
  // Commits everything already submitted, then stops the committer thread.
  ~GroupCommitter();
  GroupCommitter(const GroupCommitter&) = delete;
  GroupCommitter& operator=(const GroupCommitter&) = delete;

  // The future is ready once the event is durable (or the append failed).
  std::future<Result<Appended>> submit(Draft draft);

  // Batches committed so far (for measurements and tests).
  std::size_t batches() const;

 private:
  struct Pending {
    Draft draft;
    std::promise<Result<Appended>> done;
  };
  void run();

  EventLog& log_;
  std::size_t max_batch_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Pending> queue_;
  bool stopping_ = false;
  std::size_t batches_ = 0;
  std::thread thread_;
};

}  // namespace ta::events
