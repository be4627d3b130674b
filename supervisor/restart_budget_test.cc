#include "supervisor/restart_budget.h"

#include <doctest/doctest.h>

using ta::supervisor::RestartBudget;
using namespace std::chrono_literals;

TEST_CASE("restart budget: three restarts within ten minutes, then none until one ages out") {
  RestartBudget b(3, 600s);
  const auto t0 = RestartBudget::Clock::time_point{} + 1000s;
  CHECK(b.take(t0));
  CHECK(b.take(t0 + 60s));
  CHECK(b.take(t0 + 120s));
  CHECK(b.used(t0 + 130s) == 3);
  CHECK_FALSE(b.take(t0 + 130s));  // the fourth within the window
  CHECK(b.used(t0 + 130s) == 3);   // a refusal takes nothing
  CHECK_FALSE(b.take(t0 + 599s));
  // The first restart leaves the window exactly ten minutes after it.
  CHECK(b.take(t0 + 600s));
  CHECK(b.used(t0 + 600s) == 3);
}

TEST_CASE("restart budget: restarts spread out never run out") {
  RestartBudget b(3, 600s);
  auto t = RestartBudget::Clock::time_point{} + 1000s;
  for (int i = 0; i < 20; ++i, t += 301s) CHECK(b.take(t));
}
