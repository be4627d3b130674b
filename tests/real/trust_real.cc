#include "tests/real/trust_real.h"

#include <doctest/doctest.h>

namespace ta::test {

namespace {

using namespace std::chrono_literals;

// After the trust outcome, how long nothing bad may happen to the pane: a
// wrong answer (Claude's "No, exit") ends the process within a second.
constexpr auto kStillRunning = 5s;

std::string trust_events_dump(RealTeam& team) {
  std::string out;
  for (const auto& e : events_of(team.workspace()))
    if (e.type.rfind("leader_panes.trust_", 0) == 0 || e.type == "pane.exited" ||
        e.type == "send.failed")
      out += e.type + " " + e.data.dump() + "\n";
  return out.empty() ? "<no trust events>\n" : out;
}

}  // namespace

nlohmann::json worker_spec(const std::string& provider, const nlohmann::json& runtime) {
  nlohmann::json spec{
    {"team", "realtrust"},
    {"leader", {{"provider", "fake"}, {"args", {"--reply", "none"}}}},
    {"agents", nlohmann::json::array({{{"id", kWorker}, {"provider", provider}}})}};
  if (!runtime.is_null()) spec["runtime"] = runtime;
  return spec;
}

std::string queue_for_worker(RealTeam& team) {
  auto sent = send_message(team.workspace(), kWorker, "Say hello.");
  // 3: accepted and queued, with no supervisor running yet.
  REQUIRE_MESSAGE(sent.exit_code == 3, sent.out << sent.err);
  REQUIRE_FALSE(sent.message_id.empty());
  return sent.message_id;
}

events::Event await_trust_event(RealTeam& team, RunningTeam& run, const std::string& type,
                                std::chrono::seconds timeout) {
  auto line = run.await(type, {{"agent_id", kWorker}}, timeout);
  REQUIRE_MESSAGE(line, "no " << type << "; the log has:\n"
                              << trust_events_dump(team) << "run printed:\n"
                              << run.transcript() << "\nthe pane shows:\n"
                              << team.workspace().capture(kWorker));
  for (const auto& e : events_of(team.workspace(), type))
    if (e.data.value("agent_id", "") == kWorker) return e;
  FAIL("the live log showed " << type << " but the event log does not hold it");
  return {};
}

std::size_t worker_events(RealTeam& team, const std::string& type) {
  std::size_t n = 0;
  for (const auto& e : events_of(team.workspace(), type))
    if (e.data.value("agent_id", "") == kWorker) ++n;
  return n;
}

nlohmann::json check_still_running(RealTeam& team, RunningTeam& run, const std::string& provider,
                                   std::string& screen) {
  CHECK_FALSE_MESSAGE(run.await("pane.exited", {{"agent_id", kWorker}}, kStillRunning),
                      trust_events_dump(team) << team.workspace().capture(kWorker));
  CHECK(worker_events(team, "pane.exited") == 0);
  CHECK(team.pane_alive(kWorker));
  screen = team.workspace().capture(kWorker);
  return inspect_screen(team, provider, screen);
}

}  // namespace ta::test
