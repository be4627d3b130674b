#include "actors/scheduler.h"

#include <doctest/doctest.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <future>
#include <mutex>
#include <thread>

#include <caf/all.hpp>

#include "actors/store_writer.h"
#include "actors/system_config.h"
#include "events/types.h"
#include "store/projector.h"
#include "tests/support/store_support.h"
#include "util/clock.h"

using namespace ta;
using namespace ta::actors;
using namespace std::chrono_literals;

namespace {

// Fired timers as the owner saw them, readable from the test thread.
struct Fired {
  std::mutex mu;
  std::condition_variable cv;
  std::vector<std::string> ids;
  std::vector<std::string> payloads;

  bool wait_for_count(std::size_t n, std::chrono::milliseconds limit) {
    std::unique_lock<std::mutex> lock(mu);
    return cv.wait_for(lock, limit, [&] { return ids.size() >= n; });
  }
};

timer_owner_actor::behavior_type owner(timer_owner_actor::pointer, std::shared_ptr<Fired> fired) {
  return {
    [fired](fired_atom, const std::string& id, const std::string&, const std::string&,
            const std::string& payload) {
      std::lock_guard<std::mutex> lock(fired->mu);
      fired->ids.push_back(id);
      fired->payloads.push_back(payload);
      fired->cv.notify_all();
    },
  };
}

std::string in(std::chrono::milliseconds d) {
  return format_rfc3339_micros(now_micros() +
                               std::chrono::duration_cast<std::chrono::microseconds>(d).count());
}

std::string timer_state(const config::Paths& paths, const std::string& id) {
  auto view = store::open_state_view(paths);
  REQUIRE(view.ok());
  auto stmt = view->db().prepare("SELECT state FROM scheduled WHERE schedule_id = ?1");
  REQUIRE(stmt.ok());
  stmt->bind_text(1, id);
  auto row = stmt->step();
  REQUIRE(row.ok());
  return *row ? stmt->column_text(0) : std::string("missing");
}

// A store_writer and a scheduler on a real actor system, destroyed on this
// thread under a watchdog deadline.
struct SchedulerFixture {
  store::testing::ScratchDir dir;
  config::Paths paths;
  SystemConfig cfg;
  std::unique_ptr<caf::actor_system> sys;
  store_writer_actor writer;
  scheduler_actor timers;
  std::shared_ptr<Fired> fired = std::make_shared<Fired>();

  SchedulerFixture() {
    paths = config::Paths::for_workspace(dir.path());
    REQUIRE(config::ensure_team_dir(paths).ok());
  }

  // Spawns the actors; events appended before this are an earlier run's.
  void start() {
    sys = std::make_unique<caf::actor_system>(cfg);
    StoreWriterOptions opts;
    opts.log.team = "demo";
    opts.log.sync = false;
    auto w = spawn_store_writer(*sys, paths, opts);
    REQUIRE_MESSAGE(w.ok(), (w.ok() ? "" : w.error().message));
    writer = *w;
    auto pending = load_pending_timers(paths);
    REQUIRE_MESSAGE(pending.ok(), (pending.ok() ? "" : pending.error().message));
    timers = sys->spawn(scheduler, writer, sys->spawn(owner, fired), std::move(*pending));
  }

  ~SchedulerFixture() {
    if (!sys) return;
    caf::anon_send(timers, stop_atom::value);
    caf::anon_send(writer, stop_atom::value);
    timers = nullptr;
    writer = nullptr;
    std::promise<void> finished;
    std::thread watchdog([done = finished.get_future()]() mutable {
      if (done.wait_for(10s) != std::future_status::ready) {
        std::fprintf(stderr, "actor system did not shut down within 10s\n");
        std::_Exit(3);
      }
    });
    sys.reset();
    finished.set_value();
    watchdog.join();
  }
};

}  // namespace

TEST_CASE("scheduler: a timer fires once, after schedule.fired is in the log") {
  SchedulerFixture f;
  f.start();
  {
    caf::scoped_actor self{*f.sys};
    std::uint64_t seq = 0;
    self->request(f.timers, caf::infinite, schedule_atom::value, std::string("t1"),
                  std::string("retry"), std::string("backend"), in(200ms),
                  std::string(R"({"n":1})"))
      .receive([&](std::uint64_t s) { seq = s; },
               [&](caf::error& e) { FAIL(f.sys->render(e)); });
    CHECK(seq > 0);
  }
  REQUIRE(f.fired->wait_for_count(1, 5s));
  std::this_thread::sleep_for(300ms);
  {
    std::lock_guard<std::mutex> lock(f.fired->mu);
    CHECK(f.fired->ids == std::vector<std::string>{"t1"});
    CHECK(f.fired->payloads.at(0) == R"({"n":1})");
  }
  CHECK(timer_state(f.paths, "t1") == "fired");
}

TEST_CASE("scheduler: pending timers are re-armed from the projection at start") {
  SchedulerFixture f;
  {
    // Created by an earlier run that stopped before they were due.
    auto log = store::testing::open_test_log(f.paths.events_dir);
    events::ScheduleCreated due_soon;
    due_soon.schedule_id = "old";
    due_soon.kind = "retry";
    due_soon.owner = "backend";
    due_soon.due_at = in(100ms);
    events::ScheduleCreated cancelled = due_soon;
    cancelled.schedule_id = "gone";
    events::ScheduleCancelled cancel;
    cancel.schedule_id = "gone";
    cancel.reason = "test";
    store::testing::append_all(*log, {events::to_draft(due_soon), events::to_draft(cancelled),
                                      events::to_draft(cancel)});
  }
  f.start();
  REQUIRE(f.fired->wait_for_count(1, 5s));
  std::this_thread::sleep_for(300ms);
  {
    std::lock_guard<std::mutex> lock(f.fired->mu);
    CHECK(f.fired->ids == std::vector<std::string>{"old"});
  }
  CHECK(timer_state(f.paths, "old") == "fired");
  CHECK(timer_state(f.paths, "gone") == "cancelled");
}

TEST_CASE("scheduler: a cancelled timer does not fire") {
  SchedulerFixture f;
  f.start();
  {
    caf::scoped_actor self{*f.sys};
    self->request(f.timers, caf::infinite, schedule_atom::value, std::string("t2"),
                  std::string("retry"), std::string("backend"), in(400ms), std::string("{}"))
      .receive([&](std::uint64_t) {}, [&](caf::error& e) { FAIL(f.sys->render(e)); });
  }
  // The timer is armed when schedule.created comes back on the bus.
  std::this_thread::sleep_for(100ms);
  caf::anon_send(f.timers, cancel_atom::value, std::string("t2"), std::string("test"));
  CHECK_FALSE(f.fired->wait_for_count(1, 800ms));
  CHECK(timer_state(f.paths, "t2") == "cancelled");
}
