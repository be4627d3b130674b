#pragma once
// A thread an actor owns for work that blocks (tmux commands, disk, a pipe
// to a terminal), so that no CAF worker thread ever waits on it. Jobs run in
// the order posted; results go back to the actor as messages (anon_send
// through a weak handle, so the thread never keeps the actor alive for
// long). The actor may still be destroyed on this thread, when the job's
// brief strong handle was the last one: the queue lives in a shared block
// the thread keeps, so stopping from inside a job detaches instead of
// joining itself, and the thread ends cleanly after that job.
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
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
  // Lets the running job finish, drops the rest and joins (detaches when
  // called from a job of this worker). Idempotent.
  void stop();

 private:
  struct Queue {
    std::string name;
    std::mutex mu;
    std::condition_variable cv;
    std::deque<std::function<void()>> jobs;
    bool running_job = false;
    bool stopping = false;
  };
  static void run(const std::shared_ptr<Queue>& q);

  std::shared_ptr<Queue> q_;
  std::thread thread_;
};

}  // namespace ta::actors
