#include "actors/blocking_worker.h"

#include <pthread.h>

#include <spdlog/spdlog.h>

namespace ta::actors {

BlockingWorker::BlockingWorker(std::string name) : q_(std::make_shared<Queue>()) {
  q_->name = std::move(name);
  thread_ = std::thread([q = q_] { run(q); });
  // Thread names show in `top -H` and gdb; Linux allows 15 characters.
  ::pthread_setname_np(thread_.native_handle(), q_->name.substr(0, 15).c_str());
}

BlockingWorker::~BlockingWorker() { stop(); }

void BlockingWorker::post(std::function<void()> job) {
  {
    std::lock_guard<std::mutex> lock(q_->mu);
    if (q_->stopping) return;
    q_->jobs.push_back(std::move(job));
  }
  q_->cv.notify_one();
}

std::size_t BlockingWorker::backlog() const {
  std::lock_guard<std::mutex> lock(q_->mu);
  return q_->jobs.size() + (q_->running_job ? 1 : 0);
}

void BlockingWorker::stop() {
  {
    std::lock_guard<std::mutex> lock(q_->mu);
    q_->stopping = true;
    q_->jobs.clear();
  }
  q_->cv.notify_one();
  if (!thread_.joinable()) return;
  if (thread_.get_id() == std::this_thread::get_id())
    thread_.detach();  // inside a job: the thread ends after it, holding the queue
  else
    thread_.join();
}

void BlockingWorker::run(const std::shared_ptr<Queue>& q) {
  for (;;) {
    std::function<void()> job;
    {
      std::unique_lock<std::mutex> lock(q->mu);
      q->running_job = false;
      q->cv.wait(lock, [&] { return q->stopping || !q->jobs.empty(); });
      if (q->stopping) return;
      job = std::move(q->jobs.front());
      q->jobs.pop_front();
      q->running_job = true;
    }
    try {
      job();
    } catch (const std::exception& e) {
      // A job's failure is reported by the job itself; this only keeps the
      // thread (and the actor's other jobs) alive after a bug.
      spdlog::error("{}: job failed: {}", q->name, e.what());
    }
  }
}

}  // namespace ta::actors
