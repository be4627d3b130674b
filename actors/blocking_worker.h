#pragma once
// A thread an actor owns for work that blocks (tmux commands, disk, a pipe
// to a terminal), so that no CAF worker thread ever waits on it. Jobs run in
// the order posted; results go back to the actor as messages (anon_send
// through a weak handle, so the thread never keeps the actor alive).
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace ta::actors {

class BlockingWorker {
 public:
  explicit BlockingWorker(std::string name);
  // stop(): the running job finishes, queued ones are dropped.
  ~BlockingWorker();
  BlockingWorker(const BlockingWorker&) = delete;
  BlockingWorker& operator=(const BlockingWorker&) = delete;

  void post(std::function<void()> job);
  // Jobs posted but not finished, the running one included.
  std::size_t backlog() const;
  // Lets the running job finish, drops the rest and joins. Idempotent.
  void stop();

 private:
  void run();

  std::string name_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> jobs_;
  bool running_job_ = false;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace ta::actors
