// A CLI that exits while starting: pane.exited says why (a recognised cause,
// one sentence of advice and its last lines, redacted), and `run` and
// `status` print that sentence. When the cause is one a stale process of
// this workspace explains (a daemon left by an earlier run, as Codex's app
// server is), run ends the team's leftovers and starts the pane once more;
// a process without the team's marker is never signalled.
//
// The CLI here is a shell script standing in for the fake agent
// (providers.fake.command): for w1 it keeps a background daemon of its own
// and refuses to start while an earlier one lives, as Codex 0.171 does with
// "app server did not become ready".
#include <doctest/doctest.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "terminal/tmux_server.h"
#include "util/processes.h"
#include "tests/e2e/run_fixture.h"

using namespace ta::test;
using namespace std::chrono_literals;

namespace {

void write_program(const std::string& path, const std::string& text) {
  write_text(path, text);
  ::chmod(path.c_str(), 0755);
}

// The stand-in CLI: every agent but w1 is the plain fake agent; w1 runs
// `w1_body` first (in sh, with $state naming a directory of its own). A body
// that fails lingers a moment after its last words, as a real CLI does: tmux
// 3.3a loses the output of a program that exits within milliseconds of
// printing it when the machine is loaded (the pane is marked dead before its
// terminal was read), and the screen tail is what these tests are about.
std::string stand_in(const std::string& root, const std::string& w1_body) {
  std::string bin = team_agent_bin();
  return "#!/bin/sh\n"
         "[ \"$1\" = --version ] && exec " + bin + " --version\n"
         "state=" + root + "/state\n"
         "if [ \"$TEAM_AGENT_ID\" = w1 ]; then\n" + w1_body + "fi\n"
         "exec " + bin + " \"$@\"\n";
}

// Alive and not a zombie: a killed process of ours may linger unreaped.
bool running(int pid) {
  std::string stat = ta::read_proc_file("/proc/" + std::to_string(pid) + "/stat");
  auto close = stat.rfind(')');
  return close != std::string::npos && close + 2 < stat.size() && stat[close + 2] != 'Z';
}

// Starts `sleep` detached (re-parented to init, as a daemon is) with `env`;
// its pid.
int detached_sleep(const Env& env) {
  auto r = run({"/bin/sh", "-c", "setsid sleep 1000 </dev/null >/dev/null 2>&1 & echo $!"}, "", env);
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  return std::stoi(r.out);
}

// The marker a process started in w1's pane carries (terminal/pane_processes.h).
Env team_marker(const TeamWorkspace& ws) {
  std::string socket = ta::terminal::socket_name_for_workspace(ws.path());
  return {{"TEAM_AGENT_WORKSPACE", ws.path()},
          {"TEAM_AGENT_ID", "w1"},
          {"TMUX", "/tmp/tmux-" + std::to_string(::getuid()) + "/" + socket + ",1,0"}};
}

nlohmann::json spec_with(const std::string& program) {
  return {{"team", "startfail"},
          {"leader", {{"provider", "fake"}, {"args", {"--reply", "none"}}}},
          {"agents", {{{"id", "w1"}, {"provider", "fake"}, {"args", {"--reply", "none"}}}}},
          {"providers", {{"fake", {{"command", program}}}}}};
}

ta::events::Event only_event(const TeamWorkspace& ws, const std::string& type) {
  auto all = events_of(ws, type);
  REQUIRE_MESSAGE(all.size() == 1, type << " recorded " << all.size() << " times");
  return all.front();
}

struct Killer {
  std::vector<int> pids;
  ~Killer() {
    for (int p : pids) ::kill(p, SIGKILL);
  }
};

}  // namespace

TEST_CASE("a CLI that exits while starting: pane.exited names the cause; run and status say what to do") {
  TempDir root;
  const std::string program = root.path() + "/cli";
  write_program(program, stand_in(root.path(),
                                  "  echo 'Starting…'\n"
                                  "  echo 'key sk-proj-FAKEstartFailure000000000000000000'\n"
                                  "  echo 'Error: the app-server did not become ready in time'\n"
                                  "  sleep 0.5; exit 1\n"));
  TeamWorkspace ws(TeamOptions{}, spec_with(program));
  RunningTeam run(ws);
  auto exited = run.await("pane.exited", {{"agent_id", "w1"}}, 30s);
  REQUIRE_MESSAGE(exited, run.transcript());
  // The advice follows the event's line in run's output.
  auto advice = run.proc().wait_for("w1: its program exited while starting", 10s);
  CHECK_MESSAGE(advice, run.transcript());

  auto e = only_event(ws, "pane.exited");
  CHECK(e.data.value("during_start", false));
  // 1, or -1 when tmux 3.3a missed the status (it does for a few percent of exits).
  const int code = e.data.value("code", 0);
  CHECK((code == 1 || code == -1));
  CHECK(e.data.value("cause", "") == "app_server_unavailable");
  CHECK(e.data.value("advice", "").find("shutdown --kill-panes") != std::string::npos);
  std::string tail = e.data.value("screen_tail", "");
  CHECK_MESSAGE(tail.find("did not become ready") != std::string::npos, tail);
  CHECK_MESSAGE(tail.find("sk-proj-FAKE") == std::string::npos, tail);
  // Nothing of ours was left to blame: no retry.
  CHECK(events_of(ws, "pane.start_retried").empty());
  CHECK(events_of(ws, "pane.started").size() == 2);  // the leader and w1, once each

  auto status = team_agent(ws.path(), {"status"});
  CHECK_MESSAGE(status.out.find("w1: its program exited while starting (app_server_unavailable)") !=
                  std::string::npos,
                status.out);
  auto js = nlohmann::json::parse(team_agent(ws.path(), {"status", "--json"}).out, nullptr, false);
  bool found = false;
  for (const auto& a : js["agents"])
    if (a.value("agent_id", "") == "w1") {
      found = true;
      CHECK(a.value("exit_cause", "") == "app_server_unavailable");
    }
  CHECK(found);
}

TEST_CASE("a start blocked by a stale daemon of this workspace: run ends it and starts the pane once more") {
  TempDir root;
  const std::string program = root.path() + "/cli";
  // w1 refuses to start while the daemon named in $state/daemon.pid runs,
  // else starts a daemon of its own (from its pane: it carries the marker).
  write_program(program, stand_in(root.path(),
                                  "  pid=$(cat \"$state/daemon.pid\" 2>/dev/null)\n"
                                  "  if [ -n \"$pid\" ] && [ -r /proc/$pid/stat ] &&\n"
                                  "     ! sed 's/.*) //' /proc/$pid/stat | grep -q '^Z'; then\n"
                                  "    echo 'Error: app server did not become ready'; sleep 0.5; exit 1\n"
                                  "  fi\n"
                                  "  setsid sleep 1000 </dev/null >/dev/null 2>&1 &\n"
                                  "  echo $! > \"$state/daemon.pid\"\n"));
  std::filesystem::create_directories(root.path() + "/state");
  TeamWorkspace ws(TeamOptions{}, spec_with(program));
  Killer cleanup;
  // Left by an earlier run of this team: it carries the team's marker.
  const int stale = detached_sleep(team_marker(ws));
  cleanup.pids.push_back(stale);
  write_text(root.path() + "/state/daemon.pid", std::to_string(stale) + "\n");
  // The user's own: TEAM_AGENT_WORKSPACE exported in their shell, no pane.
  Env users = team_marker(ws);
  users["TMUX"] = "\x01unset";
  const int decoy = detached_sleep(users);
  cleanup.pids.push_back(decoy);

  RunningTeam run(ws);
  REQUIRE_MESSAGE(run.await("pane.start_retried", {{"agent_id", "w1"}}, 30s), run.transcript());
  auto ready = run.await("pane.state_changed", {{"agent_id", "w1"}, {"to", "ready"}}, 30s);
  const std::string pane = ready ? "" : ws.capture("w1");
  REQUIRE_MESSAGE(ready, run.transcript() << "\nw1 shows:\n" << pane);
  std::ifstream pidfile(root.path() + "/state/daemon.pid");
  int fresh = 0;
  pidfile >> fresh;
  cleanup.pids.push_back(fresh);

  auto exited = only_event(ws, "pane.exited");
  CHECK(exited.data.value("cause", "") == "app_server_unavailable");
  auto ended = only_event(ws, "shutdown.process_ended");
  CHECK(ended.data.value("pid", 0) == stale);
  CHECK(ended.data.value("reason", "") == "stale_at_start");
  CHECK(ended.data.value("signal", "") == "SIGTERM");
  CHECK(ended.data.value("agent_id", "") == "w1");
  auto retried = only_event(ws, "pane.start_retried");
  CHECK(retried.data.value("cause", "") == "app_server_unavailable");
  CHECK(retried.data["ended"] == nlohmann::json::array({stale}));
  CHECK(ended.seq < retried.seq);

  CHECK_FALSE(running(stale));
  CHECK(running(decoy));  // no marker of the team's pane: never signalled
  CHECK(fresh != stale);
  CHECK(running(fresh));  // the new daemon serves the running pane
  CHECK(events_of(ws, "pane.started").size() == 3);  // the leader, w1, w1 again

  auto verify = team_agent(ws.path(), {"replay", "--verify"});
  CHECK_MESSAGE(verify.exit_code == 0, verify.out << verify.err);
}
