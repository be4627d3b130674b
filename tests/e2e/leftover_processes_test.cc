// Processes a team's panes leave behind (SPEC §4): a fake agent started with
// --spawn-detached leaves a daemon as Codex leaves its app server (its own
// session, re-parented to init, the pane's environment, SIGTERM ignored).
// `doctor` lists it, `shutdown --kill-panes` ends it and records it, and
// nothing without the team's marker is ever signalled.
#include <doctest/doctest.h>

#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>
#include <thread>

#include "terminal/pane_processes.h"
#include "terminal/tmux_server.h"
#include "tests/e2e/run_fixture.h"
#include "util/processes.h"

using namespace ta::test;
using namespace std::chrono_literals;

namespace {

TeamOptions team_t() {
  TeamOptions o;
  o.team = "t";
  return o;
}

std::optional<ta::ProcessInfo> find_process(pid_t pid) {
  for (auto& p : ta::list_processes({}))
    if (p.pid == pid) return p;
  return std::nullopt;
}

// Whether the process listed as `p` still runs (same start time, no zombie).
bool still_runs(const ta::ProcessInfo& p) {
  auto now = find_process(p.pid);
  return now && now->start_ticks == p.start_ticks;
}

// Waits for the daemon `agent`'s fake agent left behind, found as shutdown
// finds it: by the team's marker.
std::optional<ta::ProcessInfo> await_daemon(const TeamWorkspace& ws, const std::string& agent) {
  auto socket = ta::terminal::socket_name_for_workspace(ws.path());
  auto deadline = std::chrono::steady_clock::now() + 30s;
  while (std::chrono::steady_clock::now() < deadline) {
    for (auto& p : ta::list_processes(ta::terminal::marker_variables()))
      if (p.command.find("fake-agent-daemon") != std::string::npos &&
          ta::terminal::carries_marker(p, ws.path(), socket) && p.env["TEAM_AGENT_ID"] == agent)
        return p;
    std::this_thread::sleep_for(20ms);
  }
  return std::nullopt;
}

std::int64_t pane_pid(const TeamWorkspace& ws, const std::string& agent) {
  for (const auto& e : events_of(ws, "pane.started"))
    if (e.data.value("agent_id", "") == agent) return e.data.value("pid", std::int64_t{0});
  return 0;
}

// `sleep` with the given environment: processes that look like the team's
// to a careless eye and must never be signalled.
std::unique_ptr<Background> decoy(const Env& env) {
  Env e = env;
  if (!e.count("TMUX")) e["TMUX"] = "\x01unset";
  return std::make_unique<Background>(std::vector<std::string>{"/bin/sleep", "600"}, e);
}

// The doctor lines about leftover processes.
std::vector<std::string> doctor_leftover_lines(const TeamWorkspace& ws) {
  auto r = team_agent(ws.path(), {"doctor"});
  std::vector<std::string> out;
  for (auto& line : split_lines(r.out))
    if (line.find("leftovers") != std::string::npos) out.push_back(line);
  return out;
}

bool mentions_pid(const std::vector<std::string>& lines, std::int64_t pid) {
  for (const auto& l : lines)
    if (l.find("pid " + std::to_string(pid) + " ") != std::string::npos) return true;
  return false;
}

int connect_to(const std::string& path) {
  auto deadline = std::chrono::steady_clock::now() + 30s;
  while (std::chrono::steady_clock::now() < deadline) {
    int s = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_un a{};
    a.sun_family = AF_UNIX;
    std::strncpy(a.sun_path, path.c_str(), sizeof a.sun_path - 1);
    if (::connect(s, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0) return s;
    ::close(s);
    std::this_thread::sleep_for(20ms);
  }
  return -1;
}

}  // namespace

TEST_CASE("shutdown --kill-panes ends what a pane left behind and never signals a stranger") {
  TeamWorkspace ws({{"w1", {"--spawn-detached"}}}, {}, team_t());
  TempDir other;
  auto other_socket = ta::terminal::socket_name_for_workspace(other.path());
  // A user's shell that exported the workspace (and an id) itself; the same
  // inside the user's own tmux; a process of another workspace's team.
  auto exported = decoy({{"TEAM_AGENT_WORKSPACE", ws.path()}, {"TEAM_AGENT_ID", "w1"}});
  auto own_tmux = decoy({{"TEAM_AGENT_WORKSPACE", ws.path()},
                         {"TEAM_AGENT_ID", "w1"},
                         {"TMUX", "/tmp/tmux-0/default,4242,0"}});
  auto other_team = decoy({{"TEAM_AGENT_WORKSPACE", other.path()},
                           {"TEAM_AGENT_ID", "w1"},
                           {"TMUX", "/tmp/tmux-0/" + other_socket + ",4242,0"}});

  RunningTeam run(ws);
  REQUIRE_MESSAGE(run.await_ready(), run.transcript());
  auto daemon = await_daemon(ws, "w1");
  REQUIRE(daemon.has_value());
  CHECK(daemon->sid == daemon->pid);  // a session of its own, like Codex's
  CHECK_FALSE(ta::descends_from(ta::list_processes({}), daemon->pid, pane_pid(ws, "w1")));

  // With the supervisor running, doctor names the daemon and nothing in a live pane.
  auto lines = doctor_leftover_lines(ws);
  CHECK_MESSAGE(mentions_pid(lines, daemon->pid), lines.size());
  CHECK(lines.size() == 1);
  for (const auto& l : lines) {
    CHECK(l.rfind("warn", 0) == 0);
    CHECK(l.find("team-agent shutdown --kill-panes") != std::string::npos);
    CHECK(l.find("agent w1") != std::string::npos);
  }

  auto r = team_agent(ws.path(), {"shutdown", "--kill-panes", "--timeout", "30"});
  INFO(r.out, r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("ended pid " + std::to_string(daemon->pid)) != std::string::npos);
  CHECK(r.out.find("with SIGKILL") != std::string::npos);
  CHECK_FALSE(still_runs(*daemon));

  auto escaped = events_of(ws, "pane.process_escaped");
  REQUIRE(escaped.size() == 1);
  CHECK(escaped[0].data.value("pid", 0) == daemon->pid);
  CHECK(escaped[0].data.value("agent_id", "") == "w1");
  CHECK(escaped[0].data.value("found_at", "") == "shutdown");
  CHECK(escaped[0].data.value("command", "").find("fake-agent-daemon") != std::string::npos);
  auto ended = events_of(ws, "shutdown.process_ended");
  REQUIRE(ended.size() == 1);
  CHECK(ended[0].data.value("pid", 0) == daemon->pid);
  CHECK(ended[0].data.value("signal", "") == "SIGKILL");
  CHECK(ended[0].data.value("reason", "") == "shutdown");
  CHECK(events_of(ws, "shutdown.process_kept").empty());

  for (auto* d : {exported.get(), own_tmux.get(), other_team.get()}) {
    auto p = find_process(d->pid());
    CHECK_MESSAGE(p.has_value(), "decoy " << d->pid() << " was ended");
  }
  auto verify = team_agent(ws.path(), {"replay", "--verify"});
  CHECK_MESSAGE(verify.exit_code == 0, verify.out << verify.err);
  auto after = doctor_leftover_lines(ws);
  REQUIRE(after.size() == 1);
  CHECK(after[0].rfind("ok", 0) == 0);
}

TEST_CASE("shutdown without --kill-panes leaves the panes' processes; doctor still lists what escaped") {
  TeamWorkspace ws({{"w1", {"--spawn-detached"}}}, {}, team_t());
  RunningTeam run(ws);
  REQUIRE_MESSAGE(run.await_ready(), run.transcript());
  auto daemon = await_daemon(ws, "w1");
  REQUIRE(daemon.has_value());
  auto stopped = team_agent(ws.path(), {"shutdown", "--timeout", "30"});
  REQUIRE_MESSAGE(stopped.exit_code == 0, stopped.out << stopped.err);
  CHECK(ws.session_alive());
  CHECK(still_runs(*daemon));
  CHECK(events_of(ws, "shutdown.process_ended").empty());

  // No supervisor: the panes still live, so only the daemon is listed.
  auto lines = doctor_leftover_lines(ws);
  CHECK(lines.size() == 1);
  CHECK(mentions_pid(lines, daemon->pid));
  CHECK_FALSE(mentions_pid(lines, pane_pid(ws, "w1")));
  CHECK_FALSE(mentions_pid(lines, pane_pid(ws, "leader")));

  auto r = team_agent(ws.path(), {"shutdown", "--kill-panes"});
  INFO(r.out, r.err);
  CHECK(r.exit_code == 0);
  CHECK_FALSE(still_runs(*daemon));
  // Only the daemon was left behind: the fake agents went with their panes.
  CHECK(events_of(ws, "pane.process_escaped").size() == 1);
}

TEST_CASE("a leftover that serves a process outside the team is kept and named") {
  TeamWorkspace ws({{"w1", {"--spawn-detached", "--detached-listen", "{root}/daemon.sock"}}}, {},
                   team_t());
  RunningTeam run(ws);
  REQUIRE_MESSAGE(run.await_ready(), run.transcript());
  auto daemon = await_daemon(ws, "w1");
  REQUIRE(daemon.has_value());
  // This test is the outsider: a client of the daemon without the marker.
  int client = connect_to(ws.temp_root() + "/daemon.sock");
  REQUIRE(client >= 0);

  auto r = team_agent(ws.path(), {"shutdown", "--kill-panes"});
  INFO(r.out, r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("left pid " + std::to_string(daemon->pid)) != std::string::npos);
  CHECK(r.out.find("outside the team (pid " + std::to_string(::getpid()) + ")") !=
        std::string::npos);
  CHECK(still_runs(*daemon));
  auto kept = events_of(ws, "shutdown.process_kept");
  REQUIRE(kept.size() == 1);
  CHECK(kept[0].data.value("pid", 0) == daemon->pid);
  CHECK(kept[0].data.value("reason", "") == "serves_outsiders");
  CHECK(kept[0].data["outsiders"] == nlohmann::json::array({::getpid()}));
  CHECK(events_of(ws, "shutdown.process_ended").empty());

  // Once the outsider is done, the same command ends it, as the sentence says.
  ::close(client);
  auto again = team_agent(ws.path(), {"shutdown", "--kill-panes"});
  INFO(again.out, again.err);
  CHECK(again.exit_code == 0);
  CHECK(again.out.find("ended pid " + std::to_string(daemon->pid)) != std::string::npos);
  CHECK_FALSE(still_runs(*daemon));
  auto verify = team_agent(ws.path(), {"replay", "--verify"});
  CHECK_MESSAGE(verify.exit_code == 0, verify.out << verify.err);
}
