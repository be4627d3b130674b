#include "actors/blocking_worker.h"

#include <pthread.h>

#include <spdlog/spdlog.h>

namespace ta::actors {

BlockingWorker::BlockingWorker(std::string name) : name_(std::move(name)) {
  thread_ = std::thread([this] { run(); });
  // Thread names show in `top -H` and gdb; Linux allows 15 characters.
  ::pthread_setname_np(thread_.native_handle(), name_.substr(0, 15).c_str());
}

BlockingWorker::~BlockingWorker() { stop(); }

void BlockingWorker::post(std::function<void()> job) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_) return;
    jobs_.push_back(std::move(job));
  }
  cv_.notify_one();
}

std::size_t BlockingWorker::backlog() const {
  std::lock_guard<std::mutex> lock(mu_);
  return jobs_.size() + (running_job_ ? 1 : 0);
}

void BlockingWorker::stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
    jobs_.clear();
  }
  cv_.notify_one();
  if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id()) thread_.join();
}

void BlockingWorker::run() {
  for (;;) {
    std::function<void()> job;
    {
      std::unique_lock<std::mutex> lock(mu_);
      running_job_ = false;
      cv_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
      if (stopping_) return;
      job = std::move(jobs_.front());
      jobs_.pop_front();
      running_job_ = true;
    }
    try {
      job();
    } catch (const std::exception& e) {
      // A job's failure is reported by the job itself; this only keeps the
      // thread (and the actor's other jobs) alive after a bug.
      spdlog::error("{}: job failed: {}", name_, e.what());
    }
  }
}

}  // namespace ta::actors
