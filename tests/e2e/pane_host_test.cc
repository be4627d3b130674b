// Pane hosts on loopback (docs/scale-out.md): `team-agent pane-host h2`, a
// second process with its own tmux server, runs the panes of the agents the
// spec places on h2 and connects to the run over CAF's network layer. The
// same delivery checks as an all-local run hold through it: every message
// submitted exactly once and in order per pane, the fake agents' own
// transcripts as witnesses, and a log that replays clean.
#include <doctest/doctest.h>

#include <signal.h>

#include <chrono>
#include <filesystem>
#include <mutex>
#include <thread>

#include "terminal/tmux_server.h"
#include "tests/e2e/run_fixture.h"

using namespace ta::test;
using namespace std::chrono_literals;

namespace {

// The pane host's private tmux server (supervisor/pane_host.h), killed when
// the test ends like the team's own.
struct HostServer {
  explicit HostServer(const TeamWorkspace& ws) {
    ta::terminal::ServerOptions o;
    o.socket_name = ta::terminal::socket_name_for_workspace(ws.path()) + "-h2";
    auto s = ta::terminal::TmuxServer::locate(o);
    REQUIRE(s);
    server.emplace(std::move(*s));
  }
  ~HostServer() { (void)server->kill(); }
  // The agents whose panes are on this server (their @ta_agent tags).
  std::vector<std::string> agents() {
    auto r = server->run({"list-panes", "-a", "-F", "#{@ta_agent}"});
    return r ? *r : std::vector<std::string>{};
  }
  std::optional<ta::terminal::TmuxServer> server;
};

// Places `agents` on pane host h2 in the workspace's team.json.
void place_on_h2(const TeamWorkspace& ws, const std::set<std::string>& agents) {
  const auto file = ws.path() + "/.team/team.json";
  auto spec = nlohmann::json::parse(read_text(file));
  for (auto& a : spec["agents"])
    if (agents.count(a.value("id", ""))) a["host"] = "h2";
  write_text(file, spec.dump(2) + "\n");
}

std::unique_ptr<Background> start_host(const TeamWorkspace& ws) {
  return std::make_unique<Background>(
    std::vector<std::string>{team_agent_bin(), "-w", ws.path(), "pane-host", "h2"});
}

}  // namespace

TEST_CASE("a pane host on loopback runs 8 of 16 workers; each message is delivered once") {
  std::vector<AgentDef> workers;
  std::set<std::string> remote;
  for (int i = 1; i <= 16; ++i) {
    workers.push_back({"w" + std::to_string(i), {"--work-ms", "30"}});
    if (i > 8) remote.insert("w" + std::to_string(i));
  }
  TeamWorkspace ws(workers);
  place_on_h2(ws, remote);
  HostServer host_server(ws);
  RunningTeam run(ws);
  REQUIRE_MESSAGE(run.await("supervisor.started"), run.transcript());
  auto host = start_host(ws);
  auto connected = run.await("pane_host.connected", {{"host", "h2"}});
  REQUIRE_MESSAGE(connected, (run.transcript() + host->transcript()));
  REQUIRE_MESSAGE(run.await_ready(90s), (run.transcript() + host->transcript()));

  // The remote agents' panes are on the host's server, not the team's.
  auto on_host = host_server.agents();
  CHECK(std::set<std::string>(on_host.begin(), on_host.end()) == remote);
  for (const auto& e : events_of(ws, "pane.started"))
    CHECK(e.data.value("host", "") == (remote.count(e.data.value("agent_id", "")) ? "h2" : ""));

  // Four senders at once, three messages per worker, local and remote mixed.
  const int per_worker = 3;
  std::map<std::string, std::vector<std::string>> ids;
  std::mutex mu;
  std::vector<std::thread> senders;
  for (int s = 0; s < 4; ++s)
    senders.emplace_back([&, s] {
      for (int i = 0; i < per_worker; ++i)
        for (int w = 1 + s; w <= 16; w += 4) {
          const auto to = "w" + std::to_string(w);
          auto sent = send_message(ws, to, "task " + std::to_string(i) + " for " + to,
                                   {"--from", "leader", "--no-wait"});
          std::lock_guard<std::mutex> l(mu);
          ids[to].push_back(sent.message_id);
        }
    });
  for (auto& t : senders) t.join();
  std::vector<std::string> every_id;
  for (const auto& [_, v] : ids)
    for (const auto& id : v) {
      REQUIRE_FALSE(id.empty());
      every_id.push_back(id);
    }
  auto missing = run.await_outcomes(every_id, 90s);
  REQUIRE_MESSAGE(missing.empty(), (run.transcript() + host->transcript()));
  CHECK(ws.await_tokens(every_id));

  auto all = events_of(ws);
  for (const auto& e : all) CHECK_MESSAGE(e.type != "send.failed", e.data.dump());
  for (const auto& [w, v] : ids) {
    CAPTURE(w);
    for (const auto& id : v) CHECK(count_for(all, "send.submitted", id) == 1);
    CHECK(ws.submitted_tokens(w) == v);  // once each, in send order
  }

  auto stop = team_agent(ws.path(), {"shutdown"});
  CHECK_MESSAGE(stop.exit_code == 0, (stop.out + stop.err));
  CHECK(run.proc().wait(30s) == 0);
  // The run's end ends the pane host; its agents keep running.
  CHECK(host->wait(30s) == 0);
  CHECK(host_server.agents().size() == remote.size());
  // With no run serving pane hosts, a pane host says so and starts nothing.
  CHECK_FALSE(std::filesystem::exists(ws.path() + "/.team/pane-hosts.json"));
  auto alone = team_agent(ws.path(), {"pane-host", "h2"});
  CHECK(alone.exit_code == 3);
  CHECK_MESSAGE(alone.err.find("no run of this team serves pane hosts") != std::string::npos,
                alone.err);
  auto verify = team_agent(ws.path(), {"replay", "--verify"});
  CHECK_MESSAGE(verify.exit_code == 0, (verify.out + verify.err));
}

TEST_CASE("a pane host that dies: its agents' messages wait and the next one delivers them once") {
  TeamWorkspace ws(std::vector<AgentDef>{{"w1", {}}, {"w2", {}}, {"w3", {}}});
  place_on_h2(ws, {"w2", "w3"});
  HostServer host_server(ws);
  RunningTeam run(ws);
  REQUIRE_MESSAGE(run.await("supervisor.started"), run.transcript());
  auto host = start_host(ws);
  REQUIRE_MESSAGE(run.await_ready(60s), (run.transcript() + host->transcript()));

  host->signal(SIGKILL);
  auto lost = run.await("pane_host.lost", {{"host", "h2"}});
  REQUIRE_MESSAGE(lost, run.transcript());
  auto lost_events = events_of(ws, "pane_host.lost");
  REQUIRE(lost_events.size() == 1);
  CHECK(lost_events[0].data["agents"] == nlohmann::json::array({"w2", "w3"}));

  // Accepted while no pane host holds w2: it waits, it does not fail.
  auto sent = send_message(ws, "w2", "while the host is down", {"--from", "leader", "--no-wait"});
  REQUIRE(sent.exit_code == 0);
  // The per-agent verbs name the pane host instead of touching its pane.
  auto stop = team_agent(ws.path(), {"stop", "w2"});
  CHECK(stop.exit_code != 0);
  CHECK_MESSAGE(stop.err.find("pane host h2") != std::string::npos, (stop.out + stop.err));

  auto again = start_host(ws);
  auto adopted = run.await("pane.started", {{"agent_id", "w2"}});
  REQUIRE_MESSAGE(adopted, (run.transcript() + again->transcript()));
  CHECK(adopted->field("adopted") == "true");
  REQUIRE_MESSAGE(run.await("send.submitted", {{"message_id", sent.message_id}}),
                  (run.transcript() + again->transcript()));
  CHECK(ws.await_tokens({sent.message_id}));
  CHECK(ws.submitted_tokens("w2") == std::vector<std::string>{sent.message_id});
  auto all = events_of(ws);
  CHECK(count_for(all, "send.submitted", sent.message_id) == 1);
  CHECK(count_for(all, "send.failed", sent.message_id) == 0);

  // A name the spec gives no agent is refused in one sentence.
  auto bad = team_agent(ws.path(), {"pane-host", "h9"});
  CHECK(bad.exit_code == 2);
  CHECK_MESSAGE(bad.err.find("no agent on pane host \"h9\"") != std::string::npos, bad.err);
}
