// The leader watcher on real CLIs (SPEC §4): one failed request is one
// `leader.api_error`, however many retry frames the CLI draws for it, and
// Claude's offline startup notice about remote managed settings is none.
//
// The CLI's API address is a local port that refuses connections, so the
// request fails at once and the retries come every few seconds: the
// observation window covers several of them (Claude: "retrying in Ns ·
// attempt k/10"; Codex: "Reconnecting... k/5", then "waiting for network").
#include <doctest/doctest.h>

#include <thread>

#include "tests/real/real_delivery.h"

using namespace ta::test;
using namespace std::chrono_literals;

namespace {

constexpr auto kLeaderReady = 90s;
constexpr auto kWindow = 25s;

nlohmann::json leader_spec(const std::string& provider, const RealClis& clis) {
  nlohmann::json spec{{"team", "realleader"},
                      {"leader", {{"provider", provider}}},
                      {"agents", nlohmann::json::array()}};
  if (provider == "claude") spec["providers"] = {{"claude", {{"command", clis.claude}}}};
  return spec;
}

// Sends the leader one message and watches the window that follows.
void check_one_error_per_request(RealTeam& team, const Env& env, const std::string& retrying) {
  auto& ws = team.workspace();
  RunningTeam run(ws, env);
  // Screens for failure messages are read before an assert, never inside one.
  auto ready = run.await("pane.state_changed", {{"agent_id", "leader"}, {"to", "ready"}}, kLeaderReady);
  std::string screen = ws.capture("leader");
  REQUIRE_MESSAGE(ready, run.transcript() << "\n" << screen);
  auto sent = send_message(ws, "leader", "Reply with the word ok", {"--no-wait"});
  REQUIRE_MESSAGE(!sent.message_id.empty(), sent.out << sent.err);
  auto submitted = run.await("send.submitted", {{"message_id", sent.message_id}}, 30s);
  screen = ws.capture("leader");
  REQUIRE_MESSAGE(submitted, run.transcript() << "\n" << screen);

  const auto end = std::chrono::steady_clock::now() + kWindow;
  auto first = run.await("leader.api_error", {}, kWindow);
  screen = ws.capture("leader");
  CHECK_MESSAGE(first, "no leader.api_error; the pane shows:\n" << screen);
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(end - std::chrono::steady_clock::now());
  auto second = left > 0ms ? run.await("leader.api_error", {}, left) : std::nullopt;
  screen = ws.capture("leader");
  CHECK_FALSE_MESSAGE(second, screen);
  CHECK(events_of(ws, "leader.api_error").size() == 1);
  // The window did cover the CLI's retries.
  CHECK_MESSAGE(screen.find(retrying) != std::string::npos, screen);
}

}  // namespace

TEST_CASE("real claude leader: one refused request, retried, is one leader.api_error") {
  auto clis = locate_real_clis();
  RealTeam team(clis, leader_spec("claude", clis));
  pretrust_claude(team);
  Env env = team.env();
  env["ANTHROPIC_API_KEY"] = kFakeAnthropicKey;
  env["ANTHROPIC_BASE_URL"] = "http://127.0.0.1:" + std::to_string(refused_port());
  check_one_error_per_request(team, env, "attempt");
}

TEST_CASE("real codex leader: one refused request, reconnecting, is one leader.api_error") {
  auto clis = locate_real_clis();
  RealTeam team(clis, leader_spec("codex", clis));
  pretrust_codex(team, "openai_base_url = \"http://127.0.0.1:" + std::to_string(refused_port()) +
                           "/v1\"");
  check_one_error_per_request(team, team.env(), "Reconnecting");
}

TEST_CASE("real claude leader: the offline remote-settings notice is no leader.api_error") {
  auto clis = locate_real_clis();
  RealTeam team(clis, leader_spec("claude", clis));
  pretrust_claude(team);  // trusted, so the start reaches the notice
  Env env = team.env();
  env["ANTHROPIC_API_KEY"] = kFakeAnthropicKey;
  auto& ws = team.workspace();
  RunningTeam run(ws, env);
  REQUIRE_MESSAGE(run.await("pane.started", {{"agent_id", "leader"}}, kLeaderReady), run.transcript());
  std::string screen;
  const auto until = std::chrono::steady_clock::now() + 60s;
  while ((screen = ws.capture("leader")).find("Remote managed settings") == std::string::npos &&
         std::chrono::steady_clock::now() < until)
    std::this_thread::sleep_for(300ms);
  REQUIRE_MESSAGE(screen.find("failed to load") != std::string::npos, screen);
  // Several screen reads with the notice on it.
  CHECK_FALSE_MESSAGE(run.await("leader.api_error", {}, 8s), screen);
  CHECK(events_of(ws, "leader.api_error").empty());
}
