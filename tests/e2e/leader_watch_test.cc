// API errors on the leader pane (SPEC §4 "API errors", §5), end to end: a
// fake leader whose turn ends in an API error after a worker's message, a
// supervisor that re-reads the leader's screen on every output and on its
// 2 s safety poll, and the one leader.api_error that must come of it. Chat
// text that merely mentions an error code must raise nothing.
#include <doctest/doctest.h>

#include <thread>

#include "tests/e2e/run_fixture.h"

using namespace ta::test;
using namespace std::chrono_literals;

namespace {

using Args = std::vector<std::string>;

using Clock = std::chrono::steady_clock;

// Longer than two safety polls (2 s each) after the error was first seen,
// so that the unchanged error screen is classified again several times.
constexpr auto kQuietWindow = 5500ms;

// `team-agent send leader TEXT --from w1 …` as the worker's shell tool runs it.
RunResult send_from_w1(const TeamWorkspace& team, const std::string& text, const Args& extra = {}) {
  Args args{"send", "leader", text, "--from", "w1"};
  args.insert(args.end(), extra.begin(), extra.end());
  return team_agent(team.path(), args);
}

// Team "t" in its own temporary workspace.
TeamOptions watch_team() {
  TeamOptions o;
  o.team = "t";
  return o;
}

// One team whose leader fails its turns with one kind of API error.
struct ErrorTeam {
  std::string kind, mode, error_class;
  std::unique_ptr<TeamWorkspace> team;
  std::unique_ptr<RunningTeam> run;
  Clock::time_point first_seen{};
};

// The leader's turn is over (the agent recorded its end), so its screen
// will change no more: a file with nothing to wait on, looked at shortly.
bool await_turn_end(const TeamWorkspace& team, const std::string& kind) {
  auto deadline = Clock::now() + 15s;
  while (team.transcript("leader", kind).empty()) {
    if (Clock::now() > deadline) return false;
    std::this_thread::sleep_for(20ms);
  }
  return true;
}

}  // namespace

TEST_CASE("leader watch: an API error on the leader pane is reported once, with its class") {
  // Both screen shapes: Claude's "API Error: …" line and Codex's "stream
  // error: HTTPError …" line; each class as terminal/api_error.h names it.
  std::vector<ErrorTeam> teams;
  teams.push_back({"overloaded", "claude", "Overloaded", nullptr, nullptr, {}});
  teams.push_back({"rate_limit", "codex", "RateLimit", nullptr, nullptr, {}});
  teams.push_back({"timeout", "claude", "Timeout", nullptr, nullptr, {}});
  teams.push_back({"network", "codex", "NetworkError", nullptr, nullptr, {}});
  // Side by side: each needs a quiet window after its error, so the windows
  // overlap instead of adding up.
  for (auto& t : teams) {
    t.team = std::make_unique<TeamWorkspace>(
      std::vector<AgentDef>{{"w1", {}}},
      Args{"--mode", t.mode, "--api-error-after", "1", "--api-error-kind", t.kind}, watch_team());
    t.run = std::make_unique<RunningTeam>(*t.team, trust_env(false));
  }
  for (auto& t : teams) {
    CAPTURE(t.kind);
    REQUIRE_MESSAGE(t.run->await_panes_seen(), t.run->transcript());
    auto r = send_from_w1(*t.team, "Status from w1: the parser is done, tests are green.");
    CHECK_MESSAGE(r.exit_code == 0, r.out << r.err);
  }
  for (auto& t : teams) {
    CAPTURE(t.kind);
    auto e = t.run->await("leader.api_error", {}, 30s);
    REQUIRE_MESSAGE(e, t.run->transcript());
    t.first_seen = Clock::now();
    CHECK(e->field("error_class") == t.error_class);
  }
  // Nothing more from any of them while their screens are read again.
  auto quiet_until = teams.back().first_seen + kQuietWindow;
  for (auto& t : teams) {
    CAPTURE(t.kind);
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(quiet_until - Clock::now());
    if (left.count() > 0) CHECK_FALSE(t.run->await("leader.api_error", {}, left));
  }
  for (auto& t : teams) {
    CAPTURE(t.kind);
    auto errors = events_of(*t.team, "leader.api_error");
    REQUIRE(errors.size() == 1);
    const auto& d = errors[0].data;
    CHECK(d.value("error_class", "") == t.error_class);
    CHECK(d.value("provider", "") == "fake");
    CHECK(!d.value("matched_pattern_snippet", "").empty());
    // The last leader→worker dispatch: none in this run.
    CHECK(d.value("worker_dispatch_just_before", true) == false);
    CHECK(t.team->transcript("leader", "api_error").size() == 1);

    auto status = team_agent(t.team->path(), {"status"});
    CHECK(status.exit_code == 0);
    CHECK_MESSAGE(status.out.find("last API error: " + t.error_class) != std::string::npos,
                  status.out);
    auto json = team_agent(t.team->path(), {"status", "--json"});
    CHECK(json.exit_code == 0);
    auto j = nlohmann::json::parse(json.out, nullptr, false);
    REQUIRE_MESSAGE(j.is_object(), json.out);
    REQUIRE(j["last_api_error"].is_object());
    CHECK(j["last_api_error"].value("error_class", "") == t.error_class);
    CHECK(j["last_api_error"].value("seq", 0) == static_cast<int>(errors[0].seq));
  }
}

TEST_CASE("leader watch: a chat message mentioning HTTP 503 raises no API error") {
  TeamWorkspace team({{"w1", {}}}, {}, watch_team());
  RunningTeam run(team, trust_env(false));
  REQUIRE_MESSAGE(run.await_panes_seen(), run.transcript());
  auto r = send_from_w1(team, "HTTP 503 is what the old API returned, before the fix.");
  CHECK_MESSAGE(r.exit_code == 0, r.out << r.err);
  // The message sits on the leader's screen from the paste on, through its
  // turn and after it; the screen is read on each change and every 2 s.
  REQUIRE(await_turn_end(team, "turn_done"));
  CHECK_FALSE(run.await("leader.api_error", {}, kQuietWindow));
  CHECK(events_of(team, "leader.api_error").empty());
  CHECK(team.capture("leader").find("HTTP 503 is what the old API returned") != std::string::npos);
  auto j = nlohmann::json::parse(team_agent(team.path(), {"status", "--json"}).out, nullptr, false);
  REQUIRE(j.is_object());
  CHECK(j["last_api_error"].is_null());
}

TEST_CASE("leader watch: a startup notice is one leader.notice and never an API error") {
  // Claude Code 2.1.332 prints this offline a few seconds after it starts.
  const std::string notice =
    "⚠ Remote managed settings failed to load (network error) · no remote policy applied · "
    "/status for details";
  TeamWorkspace team({{"w1", {}}}, Args{"--mode", "claude", "--startup-notice", notice},
                     watch_team());
  RunningTeam run(team, trust_env(false));
  REQUIRE_MESSAGE(run.await_panes_seen(), run.transcript());
  // The notice can be recorded before both panes were seen: read the log.
  auto deadline = Clock::now() + 20s;
  while (events_of(team, "leader.notice").empty() && Clock::now() < deadline)
    std::this_thread::sleep_for(20ms);
  auto notices = events_of(team, "leader.notice");
  REQUIRE_MESSAGE(notices.size() == 1, run.transcript());
  CHECK(notices[0].data.value("text", "") == notice);
  CHECK(notices[0].data.value("provider", "") == "fake");
  // The leader's screen changes (a message, its turn) and is read again on
  // every change and every 2 s, with the notice still on it.
  auto r = send_from_w1(team, "Status from w1: the parser is done.");
  CHECK_MESSAGE(r.exit_code == 0, r.out << r.err);
  REQUIRE(await_turn_end(team, "turn_done"));
  CHECK_FALSE(run.await("leader.api_error", {}, kQuietWindow));
  CHECK(events_of(team, "leader.api_error").empty());
  CHECK(events_of(team, "leader.notice").size() == 1);
  CHECK(team.capture("leader").find("Remote managed settings") != std::string::npos);
}

// `send --json` keeps stdout machine-readable and tells failures on stderr;
// a delivered message has nothing to tell there.
TEST_CASE("leader watch: send --json of a delivered message prints nothing on stderr") {
  TeamWorkspace team({{"w1", {}}}, {}, watch_team());
  RunningTeam run(team, trust_env(false));
  REQUIRE_MESSAGE(run.await_panes_seen(), run.transcript());
  auto r = send_from_w1(team, "Status from w1: all done.", {"--json"});
  CHECK(r.exit_code == 0);
  auto j = nlohmann::json::parse(r.out, nullptr, false);
  REQUIRE_MESSAGE(j.is_object(), r.out);
  CHECK(j.value("state", "") == "submitted");
  CHECK_MESSAGE(r.err.empty(), r.err);
}
