#include "actors/idle_watch.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "tests/support/vectors_support.h"

using namespace ta::actors;
using ta::sessions::TurnState;

namespace {

std::vector<IdleNode> team(TurnState leader, TurnState w1, TurnState w2 = TurnState::idle) {
  return {{"leader", true, leader}, {"w1", false, w1}, {"w2", false, w2}};
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

TurnState state_named(const std::string& s) {
  for (auto t : {TurnState::working, TurnState::idle, TurnState::idle_interrupted,
                 TurnState::blocked_on_human, TurnState::abnormal, TurnState::unknown})
    if (s == ta::sessions::turn_state_name(t)) return t;
  FAIL("unknown state " << s);
  return TurnState::unknown;
}

}  // namespace

TEST_CASE("one reminder per idle episode, only after workers worked, after the debounce") {
  IdleWatch w;
  auto idle_team = team(TurnState::idle, TurnState::idle);
  observe_nodes(w, idle_team, 0);
  CHECK(evaluate_idle_reminder(idle_team, w, 500, 60).reason == "not_armed_no_worker_turn");
  auto busy = team(TurnState::idle, TurnState::working);
  observe_nodes(w, busy, 600);
  CHECK(evaluate_idle_reminder(busy, w, 600, 60).reason == "node_working");
  auto interrupted = team(TurnState::idle, TurnState::idle_interrupted);
  observe_nodes(w, interrupted, 700);
  CHECK(evaluate_idle_reminder(interrupted, w, 759, 60).reason == "debounce_active");
  auto d = evaluate_idle_reminder(interrupted, w, 760, 60);
  REQUIRE(d.ping);
  CHECK(d.message.find("All nodes idle: 3 team nodes") == 0);
  CHECK(d.message.find("about 1 min") != std::string::npos);
  CHECK(d.message.find("Interrupted: w1.") != std::string::npos);
  mark_pinged(w);
  observe_nodes(w, interrupted, 900);
  CHECK(evaluate_idle_reminder(interrupted, w, 900, 60).reason == "already_pinged_this_episode");
  // A new worker turn ends the episode and re-arms: the next one reminds again.
  observe_nodes(w, busy, 1000);
  observe_nodes(w, idle_team, 1100);
  CHECK(evaluate_idle_reminder(idle_team, w, 1200, 60).ping);
}

TEST_CASE("acknowledge-idle suppresses until the next worker turn, or for a time") {
  IdleWatch w;
  observe_nodes(w, team(TurnState::idle, TurnState::working), 0);
  auto idle_team = team(TurnState::idle, TurnState::idle);
  observe_nodes(w, idle_team, 10);
  acknowledge_idle(w, 20, std::nullopt);
  CHECK(evaluate_idle_reminder(idle_team, w, 5000, 60).reason == "acknowledged");
  observe_nodes(w, team(TurnState::idle, TurnState::working), 6000);
  observe_nodes(w, idle_team, 6010);
  CHECK(evaluate_idle_reminder(idle_team, w, 6100, 60).ping);

  acknowledge_idle(w, 6100, 1800.0);
  observe_nodes(w, team(TurnState::idle, TurnState::working), 6200);  // work within the 30 min
  observe_nodes(w, idle_team, 6300);
  CHECK(evaluate_idle_reminder(idle_team, w, 7000, 60).reason == "acknowledged");
  CHECK(evaluate_idle_reminder(idle_team, w, 8000, 60).ping);
}

TEST_CASE("a leader's own turn neither arms the watch nor counts as worker work") {
  IdleWatch w;
  observe_nodes(w, team(TurnState::working, TurnState::idle), 0);
  CHECK_FALSE(w.armed);
  auto blocked = team(TurnState::idle, TurnState::blocked_on_human);
  CHECK(evaluate_idle_reminder(blocked, w, 100, 60).reason == "node_blocked_on_human");
}

TEST_CASE("vectors: idle take-over reminder") {
  int passed = 0;
  for (const auto& v : ta::vectors::load_category("idle_takeover_reminder")) {
    CAPTURE(v.id);
    std::vector<IdleNode> nodes;
    for (const auto& n : v.input["nodes"])
      nodes.push_back({n.value("node_id", ""), n.value("role", "") == "leader", state_named(n.value("state", ""))});
    IdleWatch w;
    const auto& m = v.input["monitor_state"];
    if (m.is_object()) {
      w.armed = m.value("opened_worker_turn_since_ack", false);
      w.suppressed_until_next_turn = m.value("suppressed", false);
      if (m.contains("all_idle_since") && m["all_idle_since"].is_number())
        w.all_idle_since = m["all_idle_since"].get<double>();
      if (m.contains("pinged_for_episode") && m["pinged_for_episode"].is_number())
        w.pinged_for_episode = m["pinged_for_episode"].get<double>();
    }
    auto d = evaluate_idle_reminder(nodes, w, v.params.value("now_monotonic", 0.0),
                                    v.params.value("debounce_seconds", 60.0));
    ta::vectors::Expectations e(v.expected);
    e.equal("should_ping", d.ping);
    e.equal("reason", d.reason);
    e.equal("message_present", !d.message.empty());
    // The reference compared lowercased text; our sentence starts with a capital.
    auto found = [&](const char* key, bool want) {
      ta::vectors::Json got = ta::vectors::Json::array();
      for (const auto& s : v.expected.value(key, ta::vectors::Json::array()))
        if ((lower(d.message).find(lower(s.get<std::string>())) != std::string::npos) == want)
          got.push_back(s);
      e.equal(key, got);
    };
    found("message_contains", true);
    found("message_must_not_contain", false);
    auto out = e.finish();
    CHECK_MESSAGE(out.passed(), v.id << ": " << out.str());
    passed += out.passed();
  }
  std::printf("vectors %-22s passed %2d, not followed 0\n", "idle_takeover_reminder", passed);
}
