// The team's display, end to end with fake agents on a real tmux server: the
// workers tiled in overview windows, each pane's border saying `agent ·
// provider · state` and following the pane actor's events, agents added and
// removed without any other pane's program restarting, a person's terminal
// (an outer tmux standing in for it) landing on the first overview window,
// a resize, and --no-display keeping one window per agent.
#include <doctest/doctest.h>

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "terminal/tmux_server.h"
#include "tests/e2e/run_fixture.h"
#include "tests/e2e/support.h"
#include "tests/e2e/replay_check.h"

using namespace ta;
using namespace ta::test;
using Clock = std::chrono::steady_clock;

namespace {

terminal::TmuxServer server_of(const std::string& socket) {
  terminal::ServerOptions o;
  o.socket_name = socket;
  auto s = terminal::TmuxServer::locate(o);
  if (!s) FAIL("tmux: " << s.error().message);
  return std::move(*s);
}

terminal::TmuxServer team_server(const TeamWorkspace& ws) {
  return server_of(terminal::socket_name_for_workspace(ws.path()));
}

struct PaneRow {
  std::string window, pane, agent, state, border;
  int pid = 0;
};

// Every pane of the team's server as tmux itself lists it, in window order.
std::vector<PaneRow> pane_rows(const TeamWorkspace& ws) {
  auto out = team_server(ws).run_text(
    {"list-panes", "-a", "-F",
     "#{window_name}\t#{pane_id}\t#{pane_pid}\t#{@ta_agent}\t#{@ta_state}\t"
     "#{E:pane-border-format}"});
  if (!out) FAIL("list-panes: " << out.error().message);
  std::vector<PaneRow> rows;
  for (const auto& line : split_lines(*out)) {
    std::vector<std::string> f;
    std::size_t start = 0;
    for (int i = 0; i < 5; ++i) {
      auto tab = line.find('\t', start);
      f.push_back(line.substr(start, tab - start));
      start = tab == std::string::npos ? line.size() : tab + 1;
    }
    f.push_back(line.substr(start));
    rows.push_back({f[0], f[1], f[3], f[4], f[5], std::atoi(f[2].c_str())});
  }
  return rows;
}

// "leader[leader] team[w1 w2 w3] …": the windows in order with their agents.
std::string layout_of(const std::vector<PaneRow>& rows) {
  std::string out, window;
  for (const auto& r : rows) {
    if (r.window != window) {
      out += (out.empty() ? "" : "] ") + r.window + "[";
      window = r.window;
    } else {
      out += " ";
    }
    out += r.agent;
  }
  return out.empty() ? out : out + "]";
}

std::string state_of(const TeamWorkspace& ws, const std::string& agent) {
  for (const auto& r : pane_rows(ws))
    if (r.agent == agent) return r.state;
  return "";
}

// How long after now the agent's border shows `state` (checked every 10 ms,
// for at most `bound`); nothing when it never does.
std::optional<std::chrono::milliseconds> label_within(const TeamWorkspace& ws,
                                                      const std::string& agent,
                                                      const std::string& state,
                                                      std::chrono::milliseconds bound) {
  const auto start = Clock::now();
  for (;;) {
    if (state_of(ws, agent) == state)
      return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
    if (Clock::now() - start > bound) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

// Waits until the log holds a display.rebuilt with this reason after `after` of them.
bool await_rebuilt(const TeamWorkspace& ws, const std::string& reason, std::size_t after,
                   std::chrono::seconds bound = std::chrono::seconds(20)) {
  const auto deadline = Clock::now() + bound;
  while (Clock::now() < deadline) {
    auto all = events_of(ws, "display.rebuilt");
    for (std::size_t i = after; i < all.size(); ++i)
      if (all[i].data.value("reason", "") == reason) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

// Waits until the agents' layout is `expected`; returns the last one seen.
std::string await_layout(const TeamWorkspace& ws, const std::string& expected,
                         std::chrono::seconds bound = std::chrono::seconds(20)) {
  const auto deadline = Clock::now() + bound;
  std::string seen;
  while (Clock::now() < deadline) {
    seen = layout_of(pane_rows(ws));
    if (seen == expected) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return seen;
}

std::map<std::string, std::pair<std::string, int>> pane_and_pid(const TeamWorkspace& ws) {
  std::map<std::string, std::pair<std::string, int>> out;
  for (const auto& r : pane_rows(ws)) out[r.agent] = {r.pane, r.pid};
  return out;
}

// A person's terminal: a private outer tmux server whose one pane runs
// `team-agent attach …` at the given size. Killed when it goes.
class Terminal {
 public:
  Terminal(const TeamWorkspace& ws, const std::vector<std::string>& attach_args, int cols,
           int rows)
      : socket_("ta-display-test-" + std::to_string(::getpid()) + "-" +
                std::to_string(++count_)),
        server_(server_of(socket_)) {
    std::vector<std::string> words{"new-session", "-d", "-x", std::to_string(cols), "-y",
                                   std::to_string(rows), "--", team_agent_bin(), "-w",
                                   ws.path(), "attach"};
    words.insert(words.end(), attach_args.begin(), attach_args.end());
    auto r = server_.run_text(words);
    if (!r) FAIL("outer tmux: " << r.error().message);
  }
  ~Terminal() { (void)server_.kill(); }
  std::string screen(bool escapes = false) {
    std::vector<std::string> w{"capture-pane", "-p", "-t", "%0"};
    if (escapes) w.push_back("-e");
    auto r = server_.run_text(w);
    return r ? *r : "";
  }
  bool await_text(const std::string& text, std::chrono::seconds bound = std::chrono::seconds(20)) {
    const auto deadline = Clock::now() + bound;
    while (Clock::now() < deadline) {
      if (screen().find(text) != std::string::npos) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
  }
  void resize(int cols, int rows) {
    auto r = server_.run_text({"resize-window", "-t", "%0", "-x", std::to_string(cols), "-y",
                               std::to_string(rows)});
    if (!r) FAIL("resize-window: " << r.error().message);
  }

 private:
  static inline int count_ = 0;
  std::string socket_;
  terminal::TmuxServer server_;
};

// Where a test keeps what a person would look at (the build directory).
std::string artefact(const std::string& name) {
  std::filesystem::create_directories("artefacts");
  return (std::filesystem::current_path() / "artefacts" / name).string();
}

}  // namespace

TEST_CASE("eight workers: tiled overview windows whose borders follow each agent's state") {
  TeamOptions options;
  options.display = {{"per_window", 3}};
  TeamWorkspace ws({{"w1", {"--work-ms", "120000"}},
                    {"w2", {"--trust-prompt"}},
                    {"w3", {"--die-after", "1"}},
                    {"w4", {}},
                    {"w5", {}},
                    {"w6", {}},
                    {"w7", {}},
                    {"w8", {}}},
                   {}, options);
  RunningTeam run(ws, trust_env(false));
  REQUIRE_MESSAGE(run.await_panes_seen(), run.transcript());
  REQUIRE(await_layout(ws, "leader[leader] team[w1 w2 w3] team-2[w4 w5 w6] team-3[w7 w8]") ==
        "leader[leader] team[w1 w2 w3] team-2[w4 w5 w6] team-3[w7 w8]");
  auto rebuilt = events_of(ws, "display.rebuilt");
  REQUIRE(!rebuilt.empty());
  CHECK(rebuilt.front().data.value("reason", "") == "start");
  CHECK(rebuilt.front().data.value("windows", 0) == 4);
  CHECK(rebuilt.front().data.value("moved", 0) == 5);

  // Each border names its agent and provider; the prompt-blocked one says so.
  CHECK(label_within(ws, "w2", "awaiting trust", std::chrono::seconds(10)));
  for (const auto& agent : {"w4", "w5", "w6", "w7", "w8"})
    CHECK_MESSAGE(label_within(ws, agent, "ready", std::chrono::seconds(20)), agent);
  for (const auto& r : pane_rows(ws)) {
    CHECK_MESSAGE(r.border.find(" " + r.agent + " · fake · ") == 0, r.border);
    CHECK_MESSAGE(r.border.find(r.state) != std::string::npos, r.border);
  }

  // Working and exited reach the border within 500 ms of their event.
  REQUIRE(send_message(ws, "w1", "a long task", {"--from", "leader", "--no-wait"}).exit_code == 0);
  REQUIRE_MESSAGE(run.await("pane.state_changed", {{"agent_id", "w1"}, {"to", "busy"}}),
                  run.transcript());
  auto working = label_within(ws, "w1", "working", std::chrono::milliseconds(500));
  const auto w1_state = state_of(ws, "w1");
  CHECK_MESSAGE(working, "w1's border says " << w1_state);
  REQUIRE(send_message(ws, "w3", "the last one", {"--from", "leader", "--no-wait"}).exit_code == 0);
  REQUIRE_MESSAGE(run.await("pane.exited", {{"agent_id", "w3"}}), run.transcript());
  auto exited = label_within(ws, "w3", "exited", std::chrono::milliseconds(500));
  const auto w3_state = state_of(ws, "w3");
  CHECK_MESSAGE(exited, "w3's border says " << w3_state);
  MESSAGE("border latency after the event: working " << (working ? working->count() : -1)
          << " ms, exited " << (exited ? exited->count() : -1) << " ms");

  // A person's terminal lands on the first overview window: the team at a
  // glance, borders and window counts on screen.
  {
    Terminal term(ws, {"--read-only"}, 160, 48);
    const bool shown = term.await_text("w3 · fake · exited");
    const auto seen = term.screen();
    REQUIRE_MESSAGE(shown, seen);
    const auto shot = term.screen(true);
    write_text(artefact("display_overview.ansi"), shot);
    const auto screen = term.screen();
    CHECK_MESSAGE(screen.find("w1 · fake · working") != std::string::npos, screen);
    CHECK_MESSAGE(screen.find("w2 · fake · awaiting trust") != std::string::npos, screen);
    CHECK_MESSAGE(screen.find("leader · fake") == std::string::npos, screen);
    CHECK_MESSAGE(screen.find("team*[1 work · 1 wait]") != std::string::npos, screen);
    auto clients = team_server(ws).run_text({"list-clients", "-F", "#{client_readonly}"});
    REQUIRE(clients);
    CHECK(clients->find("1") != std::string::npos);
  }

  // Added and removed agents: panes move, no other program restarts.
  const auto before = pane_and_pid(ws);
  auto added = team_agent(ws.path(), {"add-agent", "w9", "--provider", "fake"});
  REQUIRE_MESSAGE(added.exit_code == 0, (added.out + added.err));
  CHECK(await_layout(ws, "leader[leader] team[w1 w2 w3] team-2[w4 w5 w6] team-3[w7 w8 w9]") ==
        "leader[leader] team[w1 w2 w3] team-2[w4 w5 w6] team-3[w7 w8 w9]");
  auto removed = team_agent(ws.path(), {"remove-agent", "w5"});
  REQUIRE_MESSAGE(removed.exit_code == 0, (removed.out + removed.err));
  CHECK(await_layout(ws, "leader[leader] team[w1 w2 w3] team-2[w4 w6 w7] team-3[w8 w9]") ==
        "leader[leader] team[w1 w2 w3] team-2[w4 w6 w7] team-3[w8 w9]");
  const auto after = pane_and_pid(ws);
  for (const auto& [agent, pane_pid] : before) {
    if (agent == "w5") continue;
    REQUIRE_MESSAGE(after.count(agent), agent);
    CHECK_MESSAGE(after.at(agent) == pane_pid, agent << " was restarted or replaced");
  }
  CHECK(events_of(ws, "display.rebuilt").size() >= 3);
  check_replay(ws);
}

TEST_CASE("attach AGENT zooms its pane; a smaller terminal gets fewer panes a window") {
  TeamOptions options;
  options.display = {{"per_window", 4}};
  TeamWorkspace ws({{"w1", {}}, {"w2", {}}, {"w3", {}}, {"w4", {}}}, {}, options);
  RunningTeam run(ws);
  REQUIRE_MESSAGE(run.await_ready(), run.transcript());
  REQUIRE(await_layout(ws, "leader[leader] team[w1 w2 w3 w4]") == "leader[leader] team[w1 w2 w3 w4]");

  {
    Terminal term(ws, {"w3"}, 200, 50);
    const bool shown = term.await_text("w3 · fake · ready");
    const auto seen = term.screen();
    REQUIRE_MESSAGE(shown, seen);
    auto zoom = team_server(ws).run_text(
      {"list-panes", "-a", "-F", "#{@ta_agent} #{window_zoomed_flag} #{pane_active}"});
    REQUIRE(zoom);
    CHECK_MESSAGE(zoom->find("w3 1 1") != std::string::npos, *zoom);
    CHECK(term.screen().find("w1 · fake") == std::string::npos);
  }

  // The terminal shrinks to 80x24: four panes no longer fit one window.
  const auto before = pane_and_pid(ws);
  const auto rebuilds = events_of(ws, "display.rebuilt").size();
  Terminal term(ws, {}, 200, 50);
  const bool shown = term.await_text("w1 · fake");
  const auto seen = term.screen();
  REQUIRE_MESSAGE(shown, seen);
  term.resize(80, 24);
  REQUIRE(await_rebuilt(ws, "resize", rebuilds));
  CHECK(await_layout(ws, "leader[leader] team[w1 w2] team-2[w3 w4]") == "leader[leader] team[w1 w2] team-2[w3 w4]");
  CHECK(events_of(ws, "display.rebuilt").back().data.value("per_window", 0) == 2);
  CHECK(pane_and_pid(ws) == before);
}

TEST_CASE("run --no-display keeps one window per agent and no border line") {
  TeamWorkspace ws(std::vector<AgentDef>{{"w1", {}}, {"w2", {}}});
  RunningTeam run(ws, {}, {"--no-display"});
  REQUIRE_MESSAGE(run.await_ready(), run.transcript());
  CHECK(await_layout(ws, "leader[leader] w1[w1] w2[w2]") == "leader[leader] w1[w1] w2[w2]");
  auto border = team_server(ws).run_text({"show-options", "-g", "-w", "-v", "pane-border-status"});
  REQUIRE(border);
  CHECK(*border == "off\n");
  auto rebuilt = events_of(ws, "display.rebuilt");
  REQUIRE(!rebuilt.empty());
  CHECK(rebuilt.front().data.value("mode", "") == "per_agent");
}
