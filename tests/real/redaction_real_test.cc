// A real Claude Code shows the API key it found in its environment ("Detected a
// custom API key … sk-ant-...<tail>"). That screen is what a refused delivery
// records, so it is where a key would leak: nothing under .team/ and no output
// of status, events or inspect may carry any piece of it.
#include <doctest/doctest.h>

#include <signal.h>

#include <filesystem>

#include "tests/real/real_support.h"

using namespace ta::test;
using namespace std::chrono_literals;

namespace {

constexpr const char* kRedactedKey =
  "sk-ant-api03-FAKEteamAgentRealTier7Qx9Zp3Lm8Kd2Wv6Rt4Yh1Bn5Cg0Jf";

// Every 12-character piece of the key's secret part: a window, a tail or a
// wrapped half of it would show as one of these.
std::vector<std::string> key_pieces() {
  std::string secret = std::string(kRedactedKey).substr(13);
  std::vector<std::string> out;
  for (std::size_t i = 0; i + 12 <= secret.size(); ++i) out.push_back(secret.substr(i, 12));
  return out;
}

void check_no_key(const std::string& where, const std::string& text) {
  for (const auto& p : key_pieces())
    CHECK_MESSAGE(text.find(p) == std::string::npos, where << " holds '" << p << "'");
}

}  // namespace

TEST_CASE("real claude: the API key it shows reaches no file under .team/ and no output") {
  auto clis = locate_real_clis();
  nlohmann::json spec{{"team", "realkey"},
                      {"leader", {{"provider", "fake"}}},
                      {"agents", {{{"id", "w1"}, {"provider", "claude"}}}},
                      {"providers", {{"claude", {{"command", clis.claude}}}}}};
  RealTeam team(clis, spec);
  auto& ws = team.workspace();
  // The folder is trusted already, so Claude goes straight to the key question.
  write_text(team.home() + "/.claude.json",
             nlohmann::json{{"hasCompletedOnboarding", true},
                            {"theme", "dark"},
                            {"lastOnboardingVersion", "2.1.332"},
                            {"projects", {{ws.path(), {{"hasTrustDialogAccepted", true}}}}}}
               .dump());
  Env env = team.env();
  env["ANTHROPIC_API_KEY"] = kRedactedKey;

  RunningTeam run(ws, env);
  auto blocked = run.await("pane.state_changed", {{"agent_id", "w1"}, {"to", "blocked"}}, 90s);
  REQUIRE_MESSAGE(blocked, run.transcript() << "\nthe pane shows:\n" << ws.capture("w1"));
  const std::string screen = ws.capture("w1");
  // The key's tail is on the real screen: the test means something.
  const std::string key = kRedactedKey;
  REQUIRE_MESSAGE(screen.find(key.substr(key.size() - 12)) != std::string::npos, screen);

  // A refused delivery records the screen (send.failed pane_capture_tail).
  auto sent = send_message(ws, "w1", "please look at the key screen");
  CHECK_MESSAGE(sent.exit_code == 1, sent.out << sent.err);
  auto failed = events_of(ws, "send.failed");
  REQUIRE(failed.size() == 1);
  CHECK(failed[0].data.value("pane_capture_tail", "").find("[REDACTED:") != std::string::npos);

  for (auto args : std::vector<std::vector<std::string>>{
         {"status"}, {"status", "--json"}, {"events", "-n", "1000"},
         {"events", "-n", "1000", "-o", "json"}, {"replay", "--agent", "w1"}}) {
    auto r = team_agent(ws.path(), args);
    CHECK_MESSAGE(r.exit_code == 0, args[0] << ": " << r.err);
    check_no_key(args[0] + " output", r.out + r.err);
  }
  for (auto args : std::vector<std::vector<std::string>>{
         {"inspect", "-", "--provider", "claude"},
         {"inspect", "-", "--provider", "claude", "--json"}}) {
    auto r = team_agent(ws.path(), args, screen);
    CHECK_MESSAGE(r.exit_code == 0, r.err);
    check_no_key("inspect output", r.out + r.err);
  }
  check_no_key("run's live log", run.transcript());
  run.proc().signal(SIGINT);
  CHECK(run.proc().wait(30s) == 130);
  for (const auto& f : std::filesystem::recursive_directory_iterator(ws.path() + "/.team")) {
    if (!f.is_regular_file()) continue;
    check_no_key(f.path().string(), read_text(f.path().string()));
  }
}
