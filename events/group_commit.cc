#include "events/group_commit.h"

namespace ta::events {

GroupCommitter::GroupCommitter(EventLog& log, std::size_t max_batch)
    : log_(log), max_batch_(max_batch == 0 ? 1 : max_batch), thread_([this] { run(); }) {}

GroupCommitter::~GroupCommitter() {
  {
    std::lock_guard<std::mutex> g(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

std::future<Result<Appended>> GroupCommitter::submit(Draft draft) {
  Pending p{std::move(draft), {}};
  auto fut = p.done.get_future();
  {
    std::lock_guard<std::mutex> g(mu_);
    queue_.push_back(std::move(p));
  }
  cv_.notify_one();
  return fut;
}

std::size_t GroupCommitter::batches() const {
  std::lock_guard<std::mutex> g(mu_);
  return batches_;
}

void GroupCommitter::run() {
  std::vector<Pending> batch;
  std::vector<Draft> drafts;
  for (;;) {
    {
      std::unique_lock<std::mutex> lk(mu_);
      cv_.wait(lk, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and everything is committed
      // Whatever piled up while the previous batch was syncing goes together.
      while (!queue_.empty() && batch.size() < max_batch_) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    drafts.clear();
    drafts.reserve(batch.size());
    for (auto& p : batch) drafts.push_back(std::move(p.draft));
    auto r = log_.append(std::move(drafts));
    for (size_t i = 0; i < batch.size(); ++i) {
      if (r) batch[i].done.set_value((*r)[i]);
      else batch[i].done.set_value(r.error());
    }
    batch.clear();
    std::lock_guard<std::mutex> g(mu_);
    ++batches_;
  }
}

}  // namespace ta::events
