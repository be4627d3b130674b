#include "actors/health_book.h"

#include <doctest/doctest.h>

#include "events/types.h"
#include "util/hash.h"

namespace {

using namespace ta::actors;
using ta::events::Draft;
using ta::events::Event;
using ta::sessions::TurnState;

ta::events::PaneStarted pane_started(const std::string& agent, const std::string& pane,
                                     const std::string& provider) {
  ta::events::PaneStarted p;
  p.agent_id = agent;
  p.pane_id = pane;
  p.provider = provider;
  return p;
}

template <class T>
Event ev(const T& payload) {
  static std::uint64_t seq = 0;
  Event e;
  e.seq = ++seq;
  e.ts = "2026-12-03T20:00:00Z";
  e.type = std::string(T::kType);
  e.data = ta::events::Json(payload);
  return e;
}

int count(const std::vector<Draft>& ds, std::string_view type) {
  int n = 0;
  for (const auto& d : ds) n += d.type == type;
  return n;
}

const Draft* first(const std::vector<Draft>& ds, std::string_view type) {
  for (const auto& d : ds)
    if (d.type == type) return &d;
  return nullptr;
}

// A leader and two workers, their panes started and showing a ready composer.
struct Team {
  HealthTimings timings{60, 300, 600};
  HealthBook book{timings, "r-1", {{"leader", true, "", {}}, {"w1", false, "", {}}, {"w2", false, "", {}}}};
  double now = 1000;

  Team() {
    for (std::string id : {"leader", "w1", "w2"}) {
      book.on_event(ev(pane_started(id, "%" + id, "fake")), now);
      pane(id, "ready");
    }
  }
  void pane(const std::string& id, const std::string& to, const std::string& screen = "idle") {
    book.on_event(ev(ta::events::PaneStateChanged{id, "", to, screen}), now);
  }
  std::vector<Draft> tick(double dt = 1) {
    now += dt;
    return book.observe({}, now);
  }
  // A message delivered to a worker: its turn opens, then closes.
  void worker_turn(const std::string& id) {
    book.on_event(ev(ta::events::MessageAccepted{"m-" + std::to_string(now), "leader", id, "", "x"}), now);
    book.on_event(ev(ta::events::SendSubmitted{"m-" + std::to_string(now), id, 1, "token", 1}), now);
  }
  int reminders_over(double seconds) {
    int n = 0;
    for (double t = 0; t < seconds; t += 5) n += count(tick(5), "idle.reminder_sent");
    return n;
  }
};

}  // namespace

TEST_CASE("idle reminder: none before a worker turn, one per episode after the debounce") {
  Team t;
  auto first_tick = t.tick();
  CHECK(count(first_tick, "idle.episode_started") == 1);
  CHECK(t.reminders_over(300) == 0);  // no worker ever worked
  CHECK(t.book.idle_watch().armed == false);

  t.worker_turn("w1");
  CHECK(t.reminders_over(55) == 0);  // the debounce
  auto later = t.tick(10);
  REQUIRE(count(later, "idle.reminder_sent") == 1);
  const Draft* msg = first(later, "message.accepted");
  REQUIRE(msg != nullptr);
  CHECK(msg->data["to"] == "leader");
  CHECK(msg->data["from"] == "team-agent");
  CHECK(msg->data["content"].get<std::string>().rfind("All nodes idle: 3 team nodes", 0) == 0);
  CHECK(msg->key == msg->data["message_id"]);

  // The leader works on the reminder and goes idle again: no second one.
  t.pane("leader", "busy", "working");
  t.tick();
  t.pane("leader", "ready");
  CHECK(t.reminders_over(600) == 0);

  // A new worker turn arms it again.
  t.worker_turn("w2");
  CHECK(t.reminders_over(120) == 1);
}

TEST_CASE("acknowledge-idle suppresses until the next worker turn, or for a while") {
  Team t;
  t.worker_turn("w1");
  t.book.on_event(ev(ta::events::IdleAcknowledged{0, "human"}), t.now);
  CHECK(t.reminders_over(600) == 0);
  t.worker_turn("w1");
  CHECK(t.reminders_over(120) == 1);

  Team u;
  u.worker_turn("w1");
  u.book.on_event(ev(ta::events::IdleAcknowledged{1800, "human"}), u.now);
  CHECK(u.reminders_over(1700) == 0);
  u.worker_turn("w1");  // still within the 30 min
  CHECK(u.reminders_over(90) == 0);
  CHECK(u.reminders_over(120) == 1);
}

TEST_CASE("the reason the reminder is not sent is recorded when it changes") {
  Team t;
  t.pane("w1", "busy", "working");
  auto ds = t.tick();
  const Draft* w = first(ds, "idle.watch_changed");
  REQUIRE(w != nullptr);
  CHECK(w->data["reason"] == "node_working");
  CHECK(w->data["blocking"] == ta::events::Json::array({"w1:working"}));
  CHECK(count(t.tick(), "idle.watch_changed") == 0);  // unchanged: nothing new
  t.pane("w1", "ready");
  ds = t.tick();
  REQUIRE(first(ds, "idle.watch_changed") != nullptr);
  CHECK(first(ds, "idle.watch_changed")->data["reason"] == "debounce_active");
}

TEST_CASE("a worker with an open turn and no progress is stuck once, and the leader told once per window") {
  Team t;
  t.pane("w1", "busy", "working");
  auto ds = t.tick();
  CHECK(count(ds, "agent.turn_state_changed") == 3);  // the first look at each node
  CHECK(t.book.node("w1")->state == TurnState::working);
  CHECK(t.reminders_over(290) == 0);
  CHECK(t.book.node("w1")->stuck == false);
  ds = t.tick(15);
  REQUIRE(count(ds, "agent.stuck") == 1);
  CHECK(count(ds, "message.accepted") == 1);
  CHECK(first(ds, "agent.stuck")->data["message_id"] == first(ds, "message.accepted")->data["message_id"]);
  CHECK(count(t.tick(100), "agent.stuck") == 0);  // once per episode

  // Output moves it; stuck again within 10 min: recorded, the leader not told again.
  HealthReading moved;
  moved.agent_id = "w1";
  moved.output_version = 7;
  t.now += 1;
  ds = t.book.observe({moved}, t.now);
  CHECK(count(ds, "agent.unstuck") == 1);
  ds = t.tick(301);
  CHECK(count(ds, "agent.stuck") == 1);
  CHECK(count(ds, "message.accepted") == 0);
}

TEST_CASE("a pane gone with its tmux server is not stuck, whatever waits for it") {
  Team t;
  t.pane("w1", "busy", "working");
  t.book.on_event(ev(ta::events::MessageAccepted{"m-held", "leader", "w1", "", "x"}), t.now);
  t.pane("w1", "gone", "working");
  int stuck = 0;
  for (int i = 0; i < 12; ++i) stuck += count(t.tick(60), "agent.stuck");
  CHECK(stuck == 0);
  CHECK(t.book.node("w1")->stuck == false);
}

TEST_CASE("an idle agent with a message it never gets is a suspected deadlock, once") {
  Team t;
  t.book.on_event(ev(ta::events::MessageAccepted{"m-x", "leader", "w2", "", "x"}), t.now);
  t.tick();
  auto ds = t.tick(301);
  REQUIRE(count(ds, "team.deadlock_suspected") == 1);
  CHECK(first(ds, "team.deadlock_suspected")->data["oldest_message_id"] == "m-x");
  CHECK(count(ds, "agent.stuck") == 1);  // it has work and nothing moves
  CHECK(count(t.tick(400), "team.deadlock_suspected") == 0);
}

TEST_CASE("turn state: the pane first, then the session file, then the screen") {
  NodeHealth n;
  n.pane_state = "ready";
  CHECK(node_verdict(n).state == TurnState::idle);
  CHECK(node_verdict(n).source == "screen");
  ta::sessions::TurnVerdict file;
  file.state = TurnState::working;
  file.reason = "open_turn";
  n.file_verdict = file;
  CHECK(node_verdict(n).state == TurnState::working);
  CHECK(node_verdict(n).source == "session_file");
  n.pane_state = "blocked";
  n.screen = "numbered_menu";
  CHECK(node_verdict(n).state == TurnState::blocked_on_human);
  CHECK(node_verdict(n).reason == "numbered_menu");
  n.pane_state = "exited";
  CHECK(node_verdict(n).state == TurnState::abnormal);
  n.pane_state = "starting";
  n.file_verdict->reason = "no_turn_lifecycle_fact";
  CHECK(node_verdict(n).state == TurnState::unknown);
}

TEST_CASE("faults: reported once each, only the signatures the profile lists") {
  HealthBook book{{}, "r-1", {{"w1", false, "codex", {"api_error", "turn_failed"}}}};
  book.on_event(ev(pane_started("w1", "%1", "codex")), 1);
  ta::sessions::FaultFact api{"api_error", "t1", "", 529, "Overloaded", "", "", ""};
  ta::sessions::FaultFact tool{"tool_result_is_error", "t1", "", 0, "exit 1", "", "", ""};
  ta::sessions::FaultFact approval{"approval_required", "t2", "", 0, "", "", "", ""};
  HealthReading r;
  r.agent_id = "w1";
  r.file_read = r.file_changed = true;
  r.verdict.reason = "no_turn_lifecycle_fact";
  r.faults = {api, tool, approval};
  auto ds = book.observe({r}, 2);
  REQUIRE(count(ds, "agent.fault") == 1);
  CHECK(first(ds, "agent.fault")->data["signature"] == "api_error");
  CHECK(first(ds, "agent.fault")->key == "fault:w1:" + ta::hex16(ta::fnv1a(api.dedupe_key())));
  CHECK(count(book.observe({r}, 3), "agent.fault") == 0);
}

TEST_CASE("a screen waiting on a person is recorded once per wait") {
  Team t;
  t.pane("w1", "blocked", "y_n_confirm");
  auto ds = t.tick();
  REQUIRE(count(ds, "agent.blocked_on_human") == 1);
  CHECK(first(ds, "agent.blocked_on_human")->data["reason"] == "y_n_confirm");
  CHECK(count(t.tick(), "agent.blocked_on_human") == 0);
  t.pane("w1", "ready");
  t.tick();
  t.pane("w1", "blocked", "y_n_confirm");
  CHECK(count(t.tick(), "agent.blocked_on_human") == 1);
}
