#include "tests/real/real_start.h"

#include <doctest/doctest.h>

namespace ta::test {

namespace {

using namespace std::chrono_literals;

// Offline, both CLIs reach their trust prompt within seconds (Codex ~10 s
// under load); the bound is generous for a machine busy with other tests.
constexpr auto kToPrompt = 90s;
// After the prompt is seen, how long nothing may happen to the pane.
constexpr auto kStillThere = 5s;

std::string status_pane_state(RealTeam& team, const std::string& agent) {
  auto r = team_agent(team.workspace().path(), {"status", "--json"});
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  auto j = nlohmann::json::parse(r.out, nullptr, false);
  REQUIRE_MESSAGE(j.is_object(), r.out);
  for (const auto& a : j.value("agents", nlohmann::json::array()))
    if (a.value("agent_id", "") == agent && a["pane_state"].is_string())
      return a["pane_state"].get<std::string>();
  return "<none>";
}

}  // namespace

nlohmann::json inspect_screen(RealTeam& team, const std::string& provider,
                              const std::string& screen) {
  auto r = team_agent(team.workspace().path(), {"inspect", "-", "--provider", provider, "--json"},
                      screen);
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  auto j = nlohmann::json::parse(r.out, nullptr, false);
  REQUIRE_MESSAGE(j.is_object(), r.out);
  return j;
}

void check_waits_at_trust_prompt(RealTeam& team, const std::string& agent,
                                 const std::string& provider, const std::string& version) {
  auto& ws = team.workspace();
  RunningTeam run(ws, team.env());
  // The pane actor's state machine: blocked, by the screen it read.
  auto prompt = run.await("pane.state_changed",
                          {{"agent_id", agent}, {"to", "blocked"}, {"screen", "trust_prompt"}},
                          kToPrompt);
  REQUIRE_MESSAGE(prompt, "no trust prompt seen; run printed:\n"
                              << run.transcript() << "\nthe pane shows:\n"
                              << ws.capture(agent));

  std::string recorded = "<no pane.started>";
  for (const auto& e : events_of(ws, "pane.started"))
    if (e.data.value("agent_id", "") == agent) recorded = e.data.value("provider_version", "");
  CHECK(recorded == version);
  CHECK(status_pane_state(team, agent) == "blocked");

  const std::string screen = ws.capture(agent);
  auto seen = inspect_screen(team, provider, screen);
  CHECK_MESSAGE(seen["non_input"] == "trust_prompt", screen);
  // The prompt names the agent's own workspace (the git repository's root).
  REQUIRE_MESSAGE(seen["trust_prompt"].is_object(), screen);
  CHECK_MESSAGE(seen["trust_prompt"]["matches_workspace"] == true, seen.dump(2) << "\n" << screen);

  // Nothing queued and not opted in: nothing is pressed, the CLI waits.
  CHECK_FALSE_MESSAGE(run.await("pane.exited", {}, kStillThere), run.transcript());
  CHECK(team.pane_alive(agent));
  for (const auto& e : events_of(ws))
    CHECK_MESSAGE(e.type.rfind("leader_panes.trust_", 0) != 0, e.type);
  const std::string later = ws.capture(agent);
  CHECK_MESSAGE(inspect_screen(team, provider, later)["non_input"] == "trust_prompt", later);
}

}  // namespace ta::test
