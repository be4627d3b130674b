#include "actors/blocking_worker.h"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <vector>

using ta::actors::BlockingWorker;
using namespace std::chrono_literals;

TEST_CASE("blocking worker: jobs run in the order posted; stop drops what is queued") {
  std::vector<int> order;
  std::promise<void> gate;
  auto opened = gate.get_future().share();
  {
    BlockingWorker w("order");
    w.post([opened] { opened.wait(); });
    for (int i = 0; i < 5; ++i) w.post([&order, i] { order.push_back(i); });
    CHECK(w.backlog() == 6);
    gate.set_value();
    std::promise<void> done;
    w.post([&done] { done.set_value(); });
    REQUIRE(done.get_future().wait_for(10s) == std::future_status::ready);
  }
  CHECK(order == std::vector<int>{0, 1, 2, 3, 4});
}

TEST_CASE("blocking worker: destroyed by one of its own jobs, it ends without joining itself") {
  // An actor whose last strong handle a job held is destroyed on the
  // worker's thread, and its state (and worker) with it.
  auto owner = std::make_shared<std::unique_ptr<BlockingWorker>>(std::make_unique<BlockingWorker>("self"));
  std::promise<void> finished, gate;
  auto opened = gate.get_future().share();
  std::atomic<bool> dropped_ran{false};
  (*owner)->post([owner, opened, &finished] {
    opened.wait();
    owner->reset();  // ~BlockingWorker on its own thread
    finished.set_value();
  });
  (*owner)->post([&dropped_ran] { dropped_ran = true; });
  gate.set_value();
  REQUIRE(finished.get_future().wait_for(10s) == std::future_status::ready);
  CHECK_FALSE(dropped_ran);
}
