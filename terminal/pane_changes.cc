#include "terminal/pane_changes.h"

namespace ta::terminal {

void PaneChanges::notify(const std::string& pane_id) {
  {
    std::lock_guard<std::mutex> g(mu_);
    ++versions_[pane_id];
  }
  cv_.notify_all();
}

std::uint64_t PaneChanges::version(const std::string& pane_id) const {
  std::lock_guard<std::mutex> g(mu_);
  auto it = versions_.find(pane_id);
  return it == versions_.end() ? 0 : it->second;
}

std::uint64_t PaneChanges::wait(const std::string& pane_id, std::uint64_t seen,
                                Clock::time_point deadline) const {
  std::unique_lock<std::mutex> lk(mu_);
  auto current = [&] {
    auto it = versions_.find(pane_id);
    return it == versions_.end() ? std::uint64_t{0} : it->second;
  };
  cv_.wait_until(lk, deadline, [&] { return current() > seen; });
  return current();
}

}  // namespace ta::terminal
