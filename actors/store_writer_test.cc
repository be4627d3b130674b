#include "actors/store_writer.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <future>
#include <mutex>
#include <thread>

#include <caf/all.hpp>

#include "actors/system_config.h"
#include "store/projector.h"
#include "tests/support/store_support.h"

using namespace ta;
using namespace ta::actors;
using namespace std::chrono_literals;

namespace {

// What a subscriber saw, readable from the test thread.
struct Seen {
  std::mutex mu;
  std::condition_variable cv;
  std::vector<events::Event> events;

  bool wait_for_count(std::size_t n, std::chrono::milliseconds limit) {
    std::unique_lock<std::mutex> lock(mu);
    return cv.wait_for(lock, limit, [&] { return events.size() >= n; });
  }
};

event_subscriber_actor::behavior_type collector(event_subscriber_actor::pointer,
                                                std::shared_ptr<Seen> seen) {
  return {
    [seen](event_atom, const std::vector<events::Event>& batch) {
      std::lock_guard<std::mutex> lock(seen->mu);
      seen->events.insert(seen->events.end(), batch.begin(), batch.end());
      seen->cv.notify_all();
    },
  };
}

events::Draft accepted_draft(const std::string& tag, int n) {
  std::string id = "msg_" + tag + "_" + std::to_string(n);
  return events::to_draft(store::testing::accepted(id, "leader", "backend", "hello"), id);
}

// actor_system's destructor waits for every actor; a stuck actor must fail
// the suite instead of hanging it. The system is destroyed on this thread
// (destroying it from a std::async thread hung in CAF 0.17.6) while a
// watchdog thread ends the process past the deadline.
void shutdown_within(std::unique_ptr<caf::actor_system> sys, std::chrono::seconds limit) {
  std::promise<void> finished;
  std::thread watchdog([done = finished.get_future(), limit]() mutable {
    if (done.wait_for(limit) != std::future_status::ready) {
      std::fprintf(stderr, "actor system did not shut down within %llds\n",
                   static_cast<long long>(limit.count()));
      std::_Exit(3);
    }
  });
  sys.reset();
  finished.set_value();
  watchdog.join();
}

std::int64_t count_messages(const config::Paths& paths) {
  // The writer holds the projector lock, so this is a read-only view.
  auto view = store::open_state_view(paths);
  REQUIRE(view.ok());
  auto n = view->db().query_int("SELECT count(*) FROM messages");
  REQUIRE(n.ok());
  return *n;
}

struct WriterFixture {
  store::testing::ScratchDir dir;
  config::Paths paths;
  SystemConfig cfg;
  std::unique_ptr<caf::actor_system> sys;
  store_writer_actor writer;
  std::shared_ptr<Seen> seen = std::make_shared<Seen>();

  WriterFixture() {
    paths = config::Paths::for_workspace(dir.path());
    REQUIRE(config::ensure_team_dir(paths).ok());
    sys = std::make_unique<caf::actor_system>(cfg);
    StoreWriterOptions opts;
    opts.log.team = "demo";
    opts.log.sync = false;  // tests need ordering, not durability
    auto w = spawn_store_writer(*sys, paths, opts);
    REQUIRE_MESSAGE(w.ok(), (w.ok() ? "" : w.error().message));
    writer = *w;
    caf::anon_send(writer, subscribe_atom::value, sys->spawn(collector, seen));
  }

  // Also stops when a failed REQUIRE leaves the test early.
  ~WriterFixture() {
    if (sys) stop();
  }

  void stop() {
    caf::anon_send(writer, stop_atom::value);
    writer = nullptr;
    shutdown_within(std::move(sys), 10s);
  }
};

}  // namespace

TEST_CASE("store_writer: appends from several actors get gap-free seqs, published once in order") {
  WriterFixture f;
  constexpr int kActors = 4;
  constexpr int kPerActor = 5;
  std::mutex mu;
  std::vector<std::uint64_t> seqs;
  std::vector<std::string> errors;
  std::vector<std::thread> threads;
  for (int a = 0; a < kActors; ++a) {
    threads.emplace_back([&, a] {
      caf::scoped_actor self{*f.sys};
      for (int i = 0; i < kPerActor; ++i) {
        self->request(f.writer, caf::infinite, append_atom::value,
                      std::vector<events::Draft>{accepted_draft(std::to_string(a), i)})
          .receive(
            [&](const std::vector<std::uint64_t>& got) {
              std::lock_guard<std::mutex> lock(mu);
              seqs.insert(seqs.end(), got.begin(), got.end());
            },
            [&](caf::error& e) {
              std::lock_guard<std::mutex> lock(mu);
              errors.push_back(f.sys->render(e));
            });
      }
    });
  }
  for (auto& t : threads) t.join();
  REQUIRE(errors.empty());
  REQUIRE(seqs.size() == kActors * kPerActor);
  std::sort(seqs.begin(), seqs.end());
  for (std::size_t i = 1; i < seqs.size(); ++i) CHECK(seqs[i] == seqs[i - 1] + 1);

  REQUIRE(f.seen->wait_for_count(seqs.size(), 5s));
  {
    std::lock_guard<std::mutex> lock(f.seen->mu);
    REQUIRE(f.seen->events.size() == seqs.size());
    for (std::size_t i = 0; i < seqs.size(); ++i) CHECK(f.seen->events[i].seq == seqs[i]);
  }
  CHECK(count_messages(f.paths) == kActors * kPerActor);
  f.stop();
}

TEST_CASE("store_writer: an event appended by another process is published and folded") {
  WriterFixture f;
  {
    // Scoped so it is gone before the actor system is.
    caf::scoped_actor self{*f.sys};
    std::uint64_t own_seq = 0;
    self->request(f.writer, caf::infinite, append_atom::value,
                  std::vector<events::Draft>{accepted_draft("own", 1)})
      .receive([&](const std::vector<std::uint64_t>& got) { own_seq = got.at(0); },
               [&](caf::error& e) { FAIL(f.sys->render(e)); });

    // A second handle on the log appends as a CLI `send` in another process would.
    auto other = store::testing::open_test_log(f.paths.events_dir);
    store::testing::append_all(*other, {accepted_draft("cli", 1), accepted_draft("cli", 2)});

    REQUIRE(f.seen->wait_for_count(3, 5s));
    {
      std::lock_guard<std::mutex> lock(f.seen->mu);
      REQUIRE(f.seen->events.size() == 3);
      CHECK(f.seen->events[0].seq == own_seq);
      CHECK(f.seen->events[1].seq == own_seq + 1);
      CHECK(f.seen->events[2].seq == own_seq + 2);
      CHECK(f.seen->events[2].key == "msg_cli_2");
    }
    CHECK(count_messages(f.paths) == 3);

    // A duplicate key is answered with the original seq and not published again.
    std::uint64_t dup_seq = 0;
    self->request(f.writer, caf::infinite, append_atom::value,
                  std::vector<events::Draft>{accepted_draft("cli", 1)})
      .receive([&](const std::vector<std::uint64_t>& got) { dup_seq = got.at(0); },
               [&](caf::error& e) { FAIL(f.sys->render(e)); });
    CHECK(dup_seq == own_seq + 1);
    std::this_thread::sleep_for(200ms);
    {
      std::lock_guard<std::mutex> lock(f.seen->mu);
      CHECK(f.seen->events.size() == 3);
    }
  }
  f.stop();
}

TEST_CASE("store_writer: drafts and events survive CAF serialization (registered types)") {
  SystemConfig cfg;
  caf::actor_system sys{cfg};
  events::Event in;
  in.seq = 7;
  in.ts = "2026-01-01T00:00:00.000000Z";
  in.type = "message.accepted";
  in.team = "demo";
  in.data = events::Json{{"message_id", "msg_1"}, {"n", 3}};
  in.key = "msg_1";
  std::vector<char> buf;
  caf::binary_serializer sink{sys, buf};
  REQUIRE_FALSE(sink(in));
  events::Event out;
  caf::binary_deserializer source{sys, buf};
  REQUIRE_FALSE(source(out));
  CHECK(out.seq == 7);
  CHECK(out.type == in.type);
  CHECK(out.data == in.data);
  CHECK(out.key == "msg_1");

  auto draft = events::to_draft(store::testing::accepted("msg_2", "a", "b", "hi"), "msg_2");
  buf.clear();
  caf::binary_serializer draft_sink{sys, buf};
  REQUIRE_FALSE(draft_sink(draft));
  events::Draft draft_out;
  caf::binary_deserializer draft_source{sys, buf};
  REQUIRE_FALSE(draft_source(draft_out));
  CHECK(draft_out.data == draft.data);
  CHECK(draft_out.key == "msg_2");
}
