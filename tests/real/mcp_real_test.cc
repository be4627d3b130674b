// Real Claude Code and Codex started by `team-agent run` connect to the
// team_agent MCP server their launch names (Claude: --mcp-config with
// .team/mcp/<id>.json; Codex: -c mcp_servers.team_agent.* overrides): their
// own /mcp screen lists it as connected with its tools, and no approval
// prompt is left on screen. Offline, so no tool is ever called here.
#include <doctest/doctest.h>

#include <thread>

#include "terminal/tmux_server.h"
#include "tests/real/trust_real.h"
#include "util/fs.h"

using namespace ta::test;
using namespace std::chrono_literals;

namespace {

std::string pane_of(RealTeam& team, const std::string& agent) {
  std::string pane;
  for (const auto& e : events_of(team.workspace(), "pane.started"))
    if (e.data.value("agent_id", "") == agent) pane = e.data.value("pane_id", "");
  REQUIRE_MESSAGE(!pane.empty(), "no pane.started for " << agent);
  return pane;
}

// Types `text` into the agent's pane and presses Enter, as a human would.
void type_line(RealTeam& team, const std::string& agent, const std::string& text) {
  ta::terminal::ServerOptions o;
  o.socket_name = ta::terminal::socket_name_for_workspace(team.workspace().path());
  auto server = ta::terminal::TmuxServer::locate(o);
  REQUIRE(server);
  const std::string pane = pane_of(team, agent);
  REQUIRE(server->run_text({"send-keys", "-t", pane, "-l", text}));
  std::this_thread::sleep_for(300ms);  // a CLI may read a fast Enter as part of the paste
  REQUIRE(server->run_text({"send-keys", "-t", pane, "Enter"}));
}

// The agent's screen once it holds every one of `wanted` (or the last one
// read when `patience` ran out).
std::string await_screen(RealTeam& team, const std::string& agent,
                         const std::vector<std::string>& wanted, std::chrono::seconds patience) {
  const auto deadline = std::chrono::steady_clock::now() + patience;
  std::string screen;
  for (;;) {
    screen = team.workspace().capture(agent);
    bool all = true;
    for (const auto& w : wanted) all = all && screen.find(w) != std::string::npos;
    if (all || std::chrono::steady_clock::now() >= deadline) return screen;
    // A TUI's redraw has no event to await from outside its pane.
    std::this_thread::sleep_for(250ms);
  }
}

// Approval prompts of either CLI, by meaning: a question to allow or approve.
bool shows_approval_prompt(const std::string& screen) {
  for (const char* words : {"Do you want to", "Allow the", "Approve", "approve this", "Always allow"})
    if (screen.find(words) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("real claude: started by run, its /mcp lists team_agent as connected") {
  auto clis = locate_real_clis();
  RealTeam team(clis, worker_spec("claude"));
  Env env = team.env();
  env["TEAM_AGENT_AUTO_TRUST_OWN_WORKSPACE"] = "1";  // past the trust prompt, to the composer
  queue_for_worker(team);
  RunningTeam run(team.workspace(), env);
  await_trust_event(team, run, "leader_panes.trust_auto_answered");
  auto config = ta::read_file(team.workspace().path() + "/.team/mcp/" + kWorker + ".json");
  REQUIRE(config);
  CHECK(config->find("\"team_agent\"") != std::string::npos);

  std::string main = await_screen(team, kWorker, {"Claude Code v2.1.332", "❯"}, 30s);
  type_line(team, kWorker, "/mcp");
  // "… team_agent" while it connects, "✔ team_agent" once it is connected.
  std::string list = await_screen(team, kWorker, {"MCP servers", "✔ team_agent"}, 60s);
  CHECK_MESSAGE(list.find("✔ team_agent") != std::string::npos, list);
  type_line(team, kWorker, "");  // Enter opens the server's own view
  std::string detail = await_screen(team, kWorker, {"Status:", "connected"}, 30s);
  CHECK_MESSAGE(detail.find("✔ connected") != std::string::npos, detail);
  CHECK_MESSAGE(detail.find("Dynamically configured") != std::string::npos, detail);
  CHECK_MESSAGE(!shows_approval_prompt(detail), detail);
}

TEST_CASE("real codex: started by run, its /mcp lists team_agent as connected with our tools") {
  auto clis = locate_real_clis();
  // The workspace outside any git repository: Codex asks no trust question.
  RealLayout layout;
  layout.git_root = "elsewhere";
  RealTeam team(clis, worker_spec("codex"), layout);
  RunningTeam run(team.workspace(), team.env());
  REQUIRE(run.await_panes_seen());
  std::string main = await_screen(team, kWorker, {"OpenAI Codex (v0.171.0)", "›"}, 60s);
  type_line(team, kWorker, "/mcp verbose");
  std::string list = await_screen(team, kWorker, {"team_agent: connected", "report_result"}, 60s);
  CHECK_MESSAGE(list.find("team_agent: connected") != std::string::npos, list);
  CHECK_MESSAGE(list.find("send_message") != std::string::npos, list);
  CHECK_MESSAGE(list.find("report_result") != std::string::npos, list);
  CHECK_MESSAGE(!shows_approval_prompt(list), list);
}
