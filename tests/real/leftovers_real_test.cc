// What a real Codex leaves behind (SPEC §4, processes of the team). Codex
// 0.171.0 starts two app-server daemons for its CODEX_HOME (`codex
// app-server --listen unix:// … --managed-daemon` and `codex app-server
// daemon pid-update-loop`), each in a session of its own, re-parented to
// pid 1 when Codex exits; their environment keeps the pane's
// TEAM_AGENT_WORKSPACE, TEAM_AGENT_ID and TMUX. `shutdown --kill-panes`
// must end them (shutdown.process_ended) so that nothing of the workspace
// is left and the next `run` starts a working Codex. A Codex the user
// started by hand with the same CODEX_HOME is not the team's: it, and the
// daemon it started (which the team's Codex then connects to, through
// $CODEX_HOME/app-server-control/app-server-control.sock), keep running.
//
// Codex starts the daemons only when it may use the shared server: given
// any command-line override it runs embedded ("Running without the shared
// background server: command-line configuration overrides (-c, --enable,
// --disable, or --search) requires embedded mode"), and the built-in codex
// profile passes the system prompt as `-c developer_instructions=…`. So the
// team here launches plain `codex`, through a workspace profile
// (.team/providers/codex.json) that is the built-in one without that
// argument, as a user's own profile may be.
//
// Processes are read from /proc here, not through team-agent's own code.
#include <doctest/doctest.h>

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>

#include "tests/real/real_delivery.h"
#include "tests/real/real_processes.h"
#include "tests/real/trust_real.h"

using namespace ta::test;
using namespace std::chrono_literals;

namespace {

constexpr auto kLeftoversReady = 90s;
constexpr auto kDaemons = 30s;
constexpr auto kCliEnds = 5s;

// Codex's two daemons for the CODEX_HOME under `home`, marked with
// `workspace` (empty: unmarked, started outside any team).
std::vector<SeenProcess> daemons_of(const std::vector<SeenProcess>& all, const std::string& home,
                                    const std::string& workspace) {
  std::vector<SeenProcess> out;
  for (auto& p : app_servers(all))
    if (p.command.find(home) != std::string::npos && p.workspace == workspace) out.push_back(p);
  return out;
}

// What a daemon serves, from its command line: the app server or its
// updater loop.
std::string daemon_kind(const std::string& command) {
  return command.find("pid-update-loop") != std::string::npos ? "updater" : "app-server";
}

// The last lines Codex's daemons wrote to stderr, for a failure message.
std::string daemon_log_tail(const std::string& home) {
  std::string out;
  for (const char* name : {"daemon.stderr.log", "daemon-updater.stderr.log"}) {
    const std::string text = read_text(home + "/.codex/app-server-daemon/" + name);
    out += std::string("-- ") + name + "\n" + text.substr(text.size() > 2000 ? text.size() - 2000 : 0);
  }
  return out;
}

// .team/providers/codex.json: the built-in codex profile without the
// system prompt and MCP server arguments, so Codex starts with no -c and
// uses its daemons.
void launch_plain_codex(RealTeam& team) {
  auto profile = nlohmann::json::parse(read_text(TEAM_AGENT_SOURCE_DIR "/config/providers/codex.json"));
  auto& optional = profile["launch"]["optional"];
  const auto before = optional.size();
  for (auto it = optional.begin(); it != optional.end();)
    it = it->value("when", "") == "system_prompt" || it->value("when", "") == "mcp_config"
             ? optional.erase(it)
             : it + 1;
  REQUIRE(optional.size() + 2 == before);  // no -c override is left
  std::filesystem::create_directories(team.workspace().path() + "/.team/providers");
  write_text(team.workspace().path() + "/.team/providers/codex.json", profile.dump(2) + "\n");
}

void await_worker_ready(RealTeam& team, RunningTeam& run) {
  auto ready = run.await("pane.state_changed", {{"agent_id", kWorker}, {"to", "ready"}}, kLeftoversReady);
  const std::string screen = team.workspace().capture(kWorker);
  REQUIRE_MESSAGE(ready, "w1 never ready; run printed:\n" << run.transcript() << "\nw1 shows:\n"
                                                          << screen);
}

void shutdown_kill_panes(RealTeam& team, RunningTeam& run) {
  auto r = team_agent(team.workspace().path(), {"shutdown", "--kill-panes"}, "", team.env());
  REQUIRE_MESSAGE(r.exit_code == 0, r.out << r.err);
  CHECK_MESSAGE(run.proc().wait(10s) >= 0, "run still runs after shutdown");
}

// After a shutdown: not one process carries the workspace's marker. A
// pane's CLI ends on its own once its terminal is gone, within moments; the
// daemons never do (they ignore SIGHUP and SIGTERM).
void check_nothing_of_the_workspace_left(RealTeam& team) {
  const std::string ws = team.workspace().path();
  const auto left =
    await_none([&](const auto& all) { return carrying_workspace(all, ws); }, kCliEnds);
  CHECK_MESSAGE(left.empty(), "left running with this workspace's TEAM_AGENT_WORKSPACE:\n"
                                  << describe(left));
}

// A Codex the user started in a terminal of their own: a private tmux
// server, the team's HOME and CODEX_HOME, none of the TEAM_AGENT_*
// variables, in a folder outside the workspace. Its tmux server goes with it.
class HandCodex {
 public:
  HandCodex(RealTeam& team, const RealClis& clis)
      : socket_("ta-real-hand-" + std::to_string(::getpid()) + "-" + std::to_string(next_++)),
        dir_(team.workspace().temp_root() + "/hand") {
    std::filesystem::create_directories(dir_);
    const std::string& home = team.home();
    auto r = run({"/usr/bin/env", "-i", "PATH=" + clis.bin_dir + ":/usr/local/bin:/usr/bin:/bin",
                  "HOME=" + home, "CODEX_HOME=" + home + "/.codex",
                  "XDG_CONFIG_HOME=" + home + "/.config", "XDG_CACHE_HOME=" + home + "/.cache",
                  "TERM=tmux-256color", "LANG=C.UTF-8", "tmux", "-L", socket_, "-f", "/dev/null",
                  "new-session", "-d", "-s", "hand", "-x", "200", "-y", "50", "-c", dir_,
                  clis.codex});
    REQUIRE_MESSAGE(r.exit_code == 0, "tmux: " << r.err);
    auto pid = tmux({"display-message", "-p", "-t", "hand", "#{pane_pid}"});
    for (auto& p : live_processes())
      if (std::to_string(p.pid) == pid) codex_ = p;
    REQUIRE_MESSAGE(codex_.pid > 0, "no process for the hand pane's pid '" << pid << "'");
  }
  ~HandCodex() {
    (void)tmux({"kill-server"});
    // tmux 3.3 leaves its socket file behind; its server ran with no TMUX_TMPDIR.
    ::unlink(("/tmp/tmux-" + std::to_string(::getuid()) + "/" + socket_).c_str());
  }
  HandCodex(const HandCodex&) = delete;
  HandCodex& operator=(const HandCodex&) = delete;

  const SeenProcess& codex() const { return codex_; }
  std::string capture() { return tmux({"capture-pane", "-p", "-t", "hand"}); }

 private:
  std::string tmux(std::vector<std::string> args) {
    args.insert(args.begin(), {"/usr/bin/tmux", "-L", socket_});
    auto r = run(args);
    std::string out = r.out;
    while (!out.empty() && out.back() == '\n') out.pop_back();
    return out;
  }

  static inline std::atomic<int> next_{0};
  std::string socket_;
  std::string dir_;
  SeenProcess codex_;
};

}  // namespace

TEST_CASE("real codex worker: shutdown --kill-panes ends its app server, and the next run starts Codex again") {
  auto clis = locate_real_clis();
  RealTeam team(clis, worker_spec("codex"));
  pretrust_codex(team);
  launch_plain_codex(team);
  const std::string& ws = team.workspace().path();

  std::vector<SeenProcess> daemons;
  {
    RunningTeam run(team.workspace(), team.env());
    await_worker_ready(team, run);
    // Codex reaches its composer through the daemons it started: they carry
    // the pane's marker.
    daemons = await_processes([&](const auto& all) { return daemons_of(all, team.home(), ws); },
                              2, kDaemons);
    const auto all = live_processes();
    REQUIRE_MESSAGE(daemons.size() == 2, "the worker's app-server daemons:\n"
                                             << describe(daemons) << "every app server:\n"
                                             << describe(app_servers(all)) << "the workspace's:\n"
                                             << describe(carrying_workspace(all, ws)));
    shutdown_kill_panes(team, run);
  }

  check_nothing_of_the_workspace_left(team);
  auto ended = events_of(team.workspace(), "shutdown.process_ended");
  for (const auto& d : daemons) {
    std::vector<std::string> signals;
    for (const auto& e : ended)
      if (e.data.value("pid", 0) == d.pid) signals.push_back(e.data.value("signal", ""));
    CHECK_MESSAGE(signals.size() == 1, "shutdown.process_ended for " << d.pid << " " << d.command);
    // It never ends by itself: a signal ended it.
    for (const auto& s : signals)
      CHECK_MESSAGE((s == "SIGTERM" || s == "SIGKILL"), d.pid << ": " << s);
  }

  // The next run: a new Codex starts, with nothing stale in its way.
  RunningTeam again(team.workspace(), team.env());
  await_worker_ready(team, again);
  CHECK(team.pane_alive(kWorker));
}

TEST_CASE("real codex started by hand before the team: shutdown --kill-panes leaves it and its app server running") {
  auto clis = locate_real_clis();
  RealTeam team(clis, worker_spec("codex"));
  pretrust_codex(team);
  launch_plain_codex(team);
  const std::string& ws = team.workspace().path();

  HandCodex hand(team, clis);
  // The daemons of the hand's Codex, unmarked: the team's Codex, started
  // after them with the same CODEX_HOME, is served by them.
  auto theirs = await_processes([&](const auto& all) { return daemons_of(all, team.home(), ""); },
                                2, kDaemons);
  const std::string hand_screen = hand.capture();
  REQUIRE_MESSAGE(theirs.size() == 2, "the hand Codex's daemons:\n"
                                          << describe(theirs) << "it shows:\n"
                                          << hand_screen);
  {
    RunningTeam run(team.workspace(), team.env());
    await_worker_ready(team, run);
    const auto ours = daemons_of(live_processes(), team.home(), ws);
    CHECK_MESSAGE(ours.empty(), "the team's Codex started daemons of its own:\n" << describe(ours));
    shutdown_kill_panes(team, run);
  }

  check_nothing_of_the_workspace_left(team);
  const std::string after = hand.capture();
  CHECK_MESSAGE(still_running(hand.codex()), "the hand Codex is gone; its pane shows:\n" << after);
  // Codex may replace its own daemon (its updater restarts it when it
  // thinks it stale, more often on a loaded machine); what must hold is
  // that the hand's Codex is still served by an unmarked daemon of the
  // same kind, and (below) that team-agent signalled none of them.
  const auto now = live_processes();
  for (const auto& d : theirs) {
    if (still_running(d)) continue;
    const auto successors = daemons_of(now, team.home(), "");
    const bool replaced = std::any_of(successors.begin(), successors.end(), [&](const auto& s) {
      return daemon_kind(s.command) == daemon_kind(d.command);
    });
    CHECK_MESSAGE(replaced, "ended, with no successor: " << d.command << "\nrunning now:\n"
                                                         << describe(app_servers(now)) << "its log ends:\n"
                                                         << daemon_log_tail(team.home()));
  }
  for (const auto& e : events_of(team.workspace())) {
    if (e.type.rfind("shutdown.process_", 0) != 0) continue;
    const int pid = e.data.value("pid", 0);
    CHECK_MESSAGE(pid != hand.codex().pid, e.type << " " << e.data.dump());
    for (const auto& d : theirs) CHECK_MESSAGE(pid != d.pid, e.type << " " << e.data.dump());
  }
}
