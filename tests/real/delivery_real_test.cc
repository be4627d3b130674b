// Delivery to a real Claude Code and a real Codex (SPEC §3-§5): five
// messages queued before `run` and five sent while the CLI starts are each
// submitted exactly once, none before the pane is `ready`, each lands as its
// own user turn in the CLI's own session file, and no text is left in the
// composer.
//
// Offline a submitted turn ends in a network error. To keep each test to
// about a minute the CLI's API address is a local port that refuses
// connections. Claude then fails a turn in under a second when told not to
// retry (CLAUDE_CODE_MAX_RETRIES=0) and returns to its idle composer, so
// every message waits its turn (send.deferred_busy). Codex never returns to
// idle offline ("Reconnecting... waiting for network" forever, even with
// request/stream retries at 0), so its messages are sent with --now, which
// lets them in while the pane is busy (never while it is starting).
#include <doctest/doctest.h>

#include <thread>

#include "tests/real/real_delivery.h"

using namespace ta::test;
using namespace std::chrono_literals;

namespace {

constexpr auto kOutcomes = 150s;
constexpr auto kComposerEmpty = 30s;

struct Case {
  std::string provider;
  nlohmann::json worker;  // the spec's agent entry
  Env env;
  std::vector<std::string> send_flags;
  std::vector<std::string> (*user_turns)(const RealTeam&);
};

std::string send_one(RealTeam& team, int i, const Case& c) {
  std::vector<std::string> flags{"--no-wait", "--from", "leader"};
  flags.insert(flags.end(), c.send_flags.begin(), c.send_flags.end());
  auto s = send_message(team.workspace(), "w1", "Reply with the word ok, message " + std::to_string(i),
                        flags);
  // 3: accepted while no supervisor runs (it delivers once `run` starts).
  REQUIRE_MESSAGE((s.exit_code == 0 || s.exit_code == 3), s.out << s.err);
  REQUIRE(!s.message_id.empty());
  return s.message_id;
}

// No delivery step for `ids` before the pane's first move to ready.
void check_nothing_before_ready(RealTeam& team, const std::vector<std::string>& ids) {
  bool ready = false;
  for (const auto& e : events_of(team.workspace())) {
    if (e.type == "pane.state_changed" && e.data.value("agent_id", "") == "w1" &&
        e.data.value("to", "") == "ready")
      ready = true;
    if ((e.type == "send.deliver_attempt" || e.type == "send.submitted") && !ready)
      CHECK_MESSAGE(count_of(ids, e.data.value("message_id", "")) == 0,
                    e.type << " before ready: " << e.data.dump());
  }
  CHECK(ready);
}

void check_delivery(RealTeam& team, const Case& c) {
  std::vector<std::string> ids;
  for (int i = 1; i <= 5; ++i) ids.push_back(send_one(team, i, c));
  RunningTeam run(team.workspace(), c.env);
  REQUIRE_MESSAGE(run.await("pane.started", {{"agent_id", "w1"}}, 60s), run.transcript());
  for (int i = 6; i <= 10; ++i) ids.push_back(send_one(team, i, c));  // during its start-up

  auto missing = run.await_outcomes(ids, kOutcomes);
  const std::string after = team.workspace().capture("w1");  // never inside an assert's message
  CHECK_MESSAGE(missing.empty(), missing.size() << " without an outcome; the pane shows:\n" << after);
  auto all = events_of(team.workspace());
  for (const auto& id : ids) {
    CHECK_MESSAGE(count_for(all, "send.submitted", id) == 1, id);
    CHECK_MESSAGE(count_for(all, "send.failed", id) == 0, id);
  }
  check_nothing_before_ready(team, ids);

  // Each message its own user turn in the CLI's session file. The CLI
  // writes it a moment after it takes the Enter.
  const auto deadline = std::chrono::steady_clock::now() + 20s;
  auto turns = c.user_turns(team);
  while (occurrences(turns, ids.back()).total == 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(200ms);
    turns = c.user_turns(team);
  }
  for (const auto& id : ids) {
    auto o = occurrences(turns, "[team-agent-token:" + id + "]");
    CHECK_MESSAGE(o.total == 1, id << " seen " << o.total << " times in " << turns.size() << " turns");
    CHECK_MESSAGE(o.entries == 1, id);
  }
  int with_token = 0;
  for (const auto& t : turns) with_token += occurrences({t}, "[team-agent-token:").total;
  for (const auto& t : turns)
    CHECK_MESSAGE(occurrences({t}, "[team-agent-token:").total <= 1, "merged turn: " << t);
  CHECK(with_token == 10);

  // Nothing left in the composer.
  std::optional<std::string> box;
  const auto until = std::chrono::steady_clock::now() + kComposerEmpty;
  while ((box = composer_text(team, "w1", c.provider), !box || !box->empty()) &&
         std::chrono::steady_clock::now() < until)
    std::this_thread::sleep_for(300ms);
  const std::string last = team.workspace().capture("w1");
  CHECK_MESSAGE((box && box->empty()), "composer: " << (box ? *box : "<none>") << "\n" << last);
}

nlohmann::json spec_with(const nlohmann::json& worker) {
  return {{"team", "realdeliver"},
          {"leader", {{"id", "leader"}, {"provider", "fake"}, {"args", {"--reply", "none"}}}},
          {"agents", {worker}}};
}

}  // namespace

TEST_CASE("real claude: ten messages queued before and during its start are each submitted once") {
  auto clis = locate_real_clis();
  nlohmann::json worker{{"id", "w1"}, {"provider", "claude"}};
  auto spec = spec_with(worker);
  spec["providers"] = {{"claude", {{"command", clis.claude}}}};
  RealTeam team(clis, spec);
  pretrust_claude(team);
  Case c{"claude", worker, team.env(), {}, claude_user_turns};
  c.env["ANTHROPIC_API_KEY"] = kFakeAnthropicKey;
  c.env["ANTHROPIC_BASE_URL"] = "http://127.0.0.1:" + std::to_string(refused_port());
  c.env["CLAUDE_CODE_MAX_RETRIES"] = "0";
  check_delivery(team, c);
}

TEST_CASE("real codex: ten messages queued before and during its start are each submitted once") {
  auto clis = locate_real_clis();
  nlohmann::json worker{{"id", "w1"}, {"provider", "codex"}};
  RealTeam team(clis, spec_with(worker));
  pretrust_codex(team, "openai_base_url = \"http://127.0.0.1:" + std::to_string(refused_port()) +
                           "/v1\"");
  Case c{"codex", worker, team.env(), {"--now"}, codex_user_turns};
  check_delivery(team, c);
}
