// Session continuity with the real CLIs (issue: restart a team with its
// context). A real Claude and a real Codex are each sent one message by the
// leader (offline: the CLI records the message in its own session file, then
// shows a network error), their sessions are captured, the supervisor stops
// and the team's tmux server is killed. The next `run` resumes each with its
// session: `claude --resume ID` / `codex resume ID`, the CLI shows the earlier
// message, and a message sent after the resume lands in the same session file
// (no new file is created).
//
// What the pinned CLIs do (checked by hand, tests/fixtures/captures/README.md
// "Resume"): Claude writes <config>/projects/<enc(cwd)>/ID.jsonl once a
// message is submitted and `--resume ID` appends to it; Codex writes its
// rollout when the first message is submitted and `resume ID` appends to it.
// Codex runs embedded (the profile passes `-c developer_instructions=…`), so
// killing the tmux server leaves no app-server daemon holding the session.
#include <doctest/doctest.h>

#include <functional>
#include <map>
#include <thread>

#include "tests/real/real_delivery.h"
#include "tests/real/real_processes.h"

using namespace ta::test;
using namespace std::chrono_literals;

namespace {

constexpr auto kResumeReady = 60s;
constexpr auto kStep = 30s;

struct Worker {
  std::string id, provider, marker;
};
const Worker kClaude{"w1", "claude", "pelican-w1"};
const Worker kCodex{"w2", "codex", "heron-w2"};

nlohmann::json resume_spec(const RealClis& clis) {
  return {{"team", "realresume"},
          {"leader", {{"id", "leader"}, {"provider", "fake"}, {"args", {"--reply", "none"}}}},
          {"agents",
           {{{"id", kClaude.id}, {"provider", "claude"}},
            {{"id", kCodex.id}, {"provider", "codex"}}}},
          {"providers", {{"claude", {{"command", clis.claude}}}}}};
}

// Both CLIs trust the workspace; requests go to a port that refuses them,
// so a submitted message fails at once instead of after DNS time-outs.
Env prepare(RealTeam& team) {
  const std::string refused = "http://127.0.0.1:" + std::to_string(refused_port());
  pretrust_claude(team);
  pretrust_codex(team, "openai_base_url = \"" + refused + "/v1\"");
  Env env = team.env();
  env["ANTHROPIC_API_KEY"] = kFakeAnthropicKey;
  env["ANTHROPIC_BASE_URL"] = refused;
  env["CLAUDE_CODE_MAX_RETRIES"] = "0";
  return env;
}

// Polls the log (run's output drained meanwhile) until `found` holds.
bool poll_log(RunningTeam& run, const std::function<bool()>& found,
              std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    run.drain();
    if (found()) return true;
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(200ms);
  }
}

// The agent's latest event of `type`, or null.
nlohmann::json latest(const TeamWorkspace& ws, const std::string& type, const std::string& agent) {
  nlohmann::json out;
  for (const auto& e : events_of(ws, type))
    if (e.data.value("agent_id", "") == agent) out = e.data;
  return out;
}

// Every session file either CLI keeps under the sandbox's HOME.
std::vector<std::string> session_files(const RealTeam& team) {
  std::vector<std::string> out;
  for (const auto& f : jsonl_files(team.home() + "/projects", "")) out.push_back(f.string());
  for (const auto& f : jsonl_files(team.home() + "/.codex/sessions", "rollout-"))
    out.push_back(f.string());
  return out;
}

std::string send_from_leader(RealTeam& team, const Worker& w, const std::string& text) {
  auto s = send_message(team.workspace(), w.id, text, {"--no-wait", "--from", "leader"});
  REQUIRE_MESSAGE(s.exit_code == 0, s.out << s.err);
  REQUIRE(!s.message_id.empty());
  return s.message_id;
}

// What the supervisor's record says its tmux server is called.
std::string tmux_socket(const TeamWorkspace& ws) {
  const std::string text = read_text(ws.path() + "/.team/supervisor.json");
  auto record = nlohmann::json::parse(text, nullptr, false);
  return record.is_object() ? record.value("tmux_socket", "") : "";
}

// The command line of the program the agent's latest pane runs.
std::string pane_command(const TeamWorkspace& ws, const std::string& agent) {
  auto started = latest(ws, "pane.started", agent);
  if (started.is_null()) return "";
  auto cmd = read_text("/proc/" + std::to_string(started.value("pid", 0)) + "/cmdline");
  for (auto& c : cmd)
    if (c == '\0') c = ' ';
  return cmd;
}

bool screen_shows(const TeamWorkspace& ws, const std::string& agent, const std::string& text) {
  const auto deadline = std::chrono::steady_clock::now() + kStep;
  while (ws.capture(agent).find(text) == std::string::npos) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(300ms);
  }
  return true;
}

// First run: one message each, submitted and captured; returns the
// captured session of each worker (session.captured's data).
std::map<std::string, nlohmann::json> first_run(RealTeam& team, const Env& env,
                                                std::string& socket) {
  auto& ws = team.workspace();
  RunningTeam run(ws, env);
  REQUIRE_MESSAGE(run.await_ready(kResumeReady), run.transcript());
  socket = tmux_socket(ws);
  REQUIRE(!socket.empty());
  std::vector<std::string> ids;
  for (const auto* w : {&kClaude, &kCodex})
    ids.push_back(send_from_leader(team, *w, w->marker + ": remember this word."));
  auto missing = run.await_outcomes(ids, kStep);
  REQUIRE_MESSAGE(missing.empty(), run.transcript());
  std::map<std::string, nlohmann::json> captured;
  const bool both = poll_log(run, [&] {
    for (const auto* w : {&kClaude, &kCodex})
      captured[w->id] = latest(ws, "session.captured", w->id);
    return !captured[kClaude.id].is_null() && !captured[kCodex.id].is_null();
  }, kStep);
  const std::string screens = ws.capture(kClaude.id) + "\n" + ws.capture(kCodex.id);
  REQUIRE_MESSAGE(both, "no session.captured for each worker; the panes show:\n" << screens);
  return captured;  // run stops here (SIGTERM), leaving the panes
}

// The resumed agent: decided `resume` with its captured session, its CLI
// started with that session, and showing the message of the first run.
void check_resumed(const TeamWorkspace& ws, const Worker& w, const nlohmann::json& session) {
  const std::string id = session.value("session_id", "");
  auto decision = latest(ws, "restart.resume_decision", w.id);
  CHECK_MESSAGE(decision.value("decision", "") == "resume", w.id << ": " << decision.dump());
  CHECK(decision.value("session_id", "") == id);
  const std::string resume = w.provider == "claude" ? "--resume " + id : "resume " + id;
  const std::string command = pane_command(ws, w.id);
  CHECK_MESSAGE(command.find(resume) != std::string::npos, w.id << ": " << command);
  const bool shown = screen_shows(ws, w.id, w.marker);
  const std::string screen = ws.capture(w.id);
  CHECK_MESSAGE(shown, w.id << " does not show its earlier message:\n" << screen);
}

// A message sent after the resume lands in the session file captured in
// the first run: the CLI goes on with that file.
void check_next_message_same_file(RealTeam& team, RunningTeam& run,
                                  std::map<std::string, nlohmann::json>& captured) {
  std::vector<std::string> ids;
  for (const auto* w : {&kClaude, &kCodex})
    ids.push_back(send_from_leader(team, *w, "second-" + w->marker + ": and this one."));
  auto missing = run.await_outcomes(ids, kStep);
  CHECK_MESSAGE(missing.empty(), run.transcript());
  for (const auto* w : {&kClaude, &kCodex}) {
    const std::string path = captured[w->id].value("path", "");
    const bool written = poll_log(run, [&] {
      return read_text(path).find("second-" + w->marker) != std::string::npos;
    }, 20s);
    CHECK_MESSAGE(written, w->id << ": the second message is not in " << path);
  }
}

}  // namespace

TEST_CASE("real claude and codex: after their panes were killed, run resumes each in its session") {
  auto clis = locate_real_clis();
  RealTeam team(clis, resume_spec(clis));
  auto& ws = team.workspace();
  const Env env = prepare(team);
  std::string socket;
  auto captured = first_run(team, env, socket);
  // Claude's session is the one it was started with.
  const std::string claude_id = latest(ws, "session.launched", kClaude.id).value("session_id", "");
  CHECK(captured[kClaude.id].value("session_id", "") == claude_id);

  // The panes go the way a reboot takes them: the whole tmux server.
  auto killed = run({"/usr/bin/tmux", "-L", socket, "kill-server"}, "", env);
  REQUIRE_MESSAGE(killed.exit_code == 0, killed.err);
  auto left = await_none([&](const auto& all) { return carrying_workspace(all, ws.path()); }, 10s);
  CHECK_MESSAGE(left.empty(), "still running after kill-server:\n" << describe(left));
  const auto files_before = session_files(team);
  for (const auto* w : {&kClaude, &kCodex})
    CHECK(count_of(files_before, captured[w->id].value("path", "")) == 1);

  RunningTeam again(ws, env);
  REQUIRE_MESSAGE(again.await_ready(kResumeReady), again.transcript());
  for (const auto* w : {&kClaude, &kCodex}) check_resumed(ws, *w, captured[w->id]);
  auto complete = events_of(ws, "restart.complete");
  REQUIRE(complete.size() == 1);
  for (const auto& a : complete[0].data["agents"])
    if (a.value("agent_id", "") != "leader")
      CHECK_MESSAGE(a.value("mode", "") == "resumed", a.dump());

  check_next_message_same_file(team, again, captured);
  CHECK(session_files(team) == files_before);
}
