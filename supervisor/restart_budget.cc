#include "supervisor/restart_budget.h"

namespace ta::supervisor {

void RestartBudget::forget_before(Clock::time_point now) {
  while (!taken_.empty() && now - taken_.front() >= window_) taken_.pop_front();
}

bool RestartBudget::take(Clock::time_point now) {
  forget_before(now);
  if (static_cast<int>(taken_.size()) >= max_) return false;
  taken_.push_back(now);
  return true;
}

int RestartBudget::used(Clock::time_point now) {
  forget_before(now);
  return static_cast<int>(taken_.size());
}

}  // namespace ta::supervisor
