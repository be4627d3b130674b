// The fake agent keeps its session in the real CLIs' layouts (Claude's
// transcript, Codex's rollout), and sessions/ - the code that captures and
// verifies the real CLIs' sessions - finds and accepts what it wrote. On
// resume the fake agent shows its earlier turns and appends to the same file.
#include <doctest/doctest.h>

#include <chrono>

#include "fake_agent/session_layout.h"
#include "sessions/capture.h"
#include "sessions/claude_transcript.h"
#include "sessions/codex_rollout.h"
#include "sessions/session_files.h"
#include "tests/support/temp_dir.h"
#include "tests/e2e/run_fixture.h"
#include "tests/e2e/tmux_fixture.h"
#include "util/clock.h"

using namespace ta;
using namespace ta::test;
using namespace std::chrono_literals;

namespace {

const std::string kSessionClaudeId = "3f2b8c1e-9a4d-4c6b-8e2f-1a2b3c4d5e6f";

// The files under `dir` whose names end with `suffix`.
std::vector<std::string> files_under(const std::string& dir, const std::string& suffix) {
  return split_lines(run({"/usr/bin/find", dir, "-type", "f", "-name", "*" + suffix}).out);
}

// Fake agents started one after the other in one directory, as a CLI is
// started again to resume its session.
struct Agents {
  TempDir dir;
  TmuxServer tmux;
  Env env;
  std::string cwd = sessions::resolved_path(dir.path());
  std::string transcript = dir.path() + "/fake.jsonl";
  std::string pane;

  void start(const std::vector<std::string>& args) {
    std::vector<std::string> argv{team_agent_bin(), "fake-agent", "--reply", "none",
                                  "--work-ms", "20", "--paste-enter-guard-ms", "0",
                                  "--transcript", transcript};
    argv.insert(argv.end(), args.begin(), args.end());
    pane = tmux.start(argv, 120, 40, cwd, env);
  }
  std::size_t entries(const std::string& kind) const {
    std::size_t n = 0;
    for (const auto& line : split_lines(read_text(transcript)))
      n += nlohmann::json::parse(line, nullptr, false).value("kind", "") == kind;
    return n;
  }
  bool shows(const std::string& text) const {
    return wait_until([&] { return tmux.capture(pane).find(text) != std::string::npos; }, 10s);
  }
  // Pastes `text`, submits it once it shows, and waits for the turn's end.
  bool submit(const std::string& text) {
    std::size_t before = entries("turn_done");
    if (!shows("fake-model")) return false;  // the prompt is drawn
    tmux.paste(pane, text);
    if (!shows(text)) return false;
    tmux.send_keys(pane, {"Enter"});
    return wait_until([&] { return entries("turn_done") == before + 1; }, 10s);
  }
  // Ends the agent the way a killed pane does. With its last pane gone the
  // tmux server exits: the next start waits until it is gone, or its
  // new-session may reach the exiting server ("server exited unexpectedly").
  void kill() {
    tmux.tmux({"kill-pane", "-t", pane});
    wait_until([&] {
      auto r = tmux.tmux({"list-sessions"});
      return r.err.find("no server running") != std::string::npos ||
             r.err.find("error connecting") != std::string::npos;
    });
  }
};

}  // namespace

TEST_CASE("fake agents in a team: sessions/ captures the sessions they wrote") {
  TeamWorkspace ws({{"w1", {"--mode", "claude", "--session-id", kSessionClaudeId, "--work-ms", "50"}},
                    {"w2", {"--mode", "codex", "--work-ms", "50"}}});
  const std::string claude_dir = ws.temp_root() + "/claude", codex_home = ws.temp_root() + "/codex";
  const auto spawned = now_micros();
  RunningTeam team(ws, {{"CLAUDE_CONFIG_DIR", claude_dir}, {"CODEX_HOME", codex_home}});
  REQUIRE_MESSAGE(team.await_ready(), team.transcript());

  const std::string cwd = sessions::resolved_path(ws.path());
  sessions::SessionCapturer capturer({claude_dir, codex_home});
  sessions::CaptureRequest claude{"w1", sessions::SessionFormat::claude, cwd, kSessionClaudeId, spawned,
                                  now_micros(), {}, ""};
  sessions::CaptureRequest codex{"w2", sessions::SessionFormat::codex, cwd, "", spawned,
                                 now_micros(), {}, ""};
  // As with the real CLIs, nothing is written before a message is submitted.
  CHECK(capturer.capture(claude).reason == "transcript_missing");
  CHECK(capturer.capture(codex).reason == "no_matching_rollout");

  for (const std::string w : {"w1", "w2"}) {
    auto sent =
        send_message(ws, w, "remember the blue door, " + w, {"--from", "leader", "--no-wait"});
    REQUIRE(sent.exit_code == 0);
  }
  REQUIRE(wait_until([&] {
    return ws.transcript("w1", "turn_done").size() == 1 &&
           ws.transcript("w2", "turn_done").size() == 1;
  }, 30s));

  auto claude_check = sessions::find_claude_transcript(claude_dir, cwd, kSessionClaudeId);
  CHECK(claude_check.ok());
  const std::string project = claude_dir + "/projects/" + sessions::claude_project_name(cwd);
  CHECK(claude_check.path == project + "/" + kSessionClaudeId + ".jsonl");
  claude.now_us = codex.now_us = now_micros();
  auto got_claude = capturer.capture(claude);
  CHECK(got_claude.captured);
  CHECK(got_claude.via == "session_id");

  sessions::RolloutIndex index(codex_home);
  index.refresh();
  auto rollouts = index.rollouts();
  REQUIRE(rollouts.size() == 1);  // the leader was sent nothing: only w2's
  CHECK(rollouts[0].cwd == cwd);
  CHECK(rollouts[0].originator == "codex-tui");
  auto got_codex = capturer.capture(codex);
  REQUIRE(got_codex.captured);
  CHECK(got_codex.confidence == "high");
  CHECK(got_codex.path == rollouts[0].path);

  // The fake agents' own transcripts name the same sessions.
  auto w1_started = ws.transcript("w1", "started");
  auto w2_started = ws.transcript("w2", "started");
  REQUIRE(w1_started.size() == 1);
  REQUIRE(w2_started.size() == 1);
  CHECK(w1_started[0]["session"]["session_id"] == kSessionClaudeId);
  CHECK(w1_started[0]["session"]["resumed"] == false);
  CHECK(w2_started[0]["session"]["session_id"] == got_codex.session_id);
}

TEST_CASE("claude mode: --resume shows the earlier turns and appends to the same transcript") {
  Agents a;
  a.env = {{"CLAUDE_CONFIG_DIR", a.dir.path() + "/claude"}};
  a.start({"--mode", "claude", "--session-id", kSessionClaudeId});
  REQUIRE(a.submit("remember the blue door"));
  REQUIRE(a.submit("and the red key"));
  a.kill();
  const std::string claude_dir = a.dir.path() + "/claude";
  auto before = sessions::find_claude_transcript(claude_dir, a.cwd, kSessionClaudeId);
  REQUIRE(before.ok());

  a.start({"--mode", "claude", "--resume", kSessionClaudeId});
  CHECK(a.shows("resumed session " + kSessionClaudeId + ": 2 earlier turns"));
  CHECK(a.shows("> remember the blue door"));
  CHECK(a.shows("> and the red key"));
  REQUIRE(a.submit("what did I ask?"));
  auto after = sessions::find_claude_transcript(claude_dir, a.cwd, kSessionClaudeId);
  CHECK(after.ok());
  CHECK(after.path == before.path);
  CHECK(files_under(claude_dir, ".jsonl").size() == 1);
  auto texts = fake::earlier_user_texts(fake::Mode::claude, read_text(after.path));
  CHECK(texts == std::vector<std::string>{"remember the blue door", "and the red key",
                                          "what did I ask?"});
}

TEST_CASE("codex mode: `resume ID` shows the earlier turns and appends to the same rollout") {
  Agents a;
  const std::string codex_home = a.dir.path() + "/codex";
  a.env = {{"CODEX_HOME", codex_home}};
  const auto spawned = now_micros();
  a.start({"--mode", "codex"});
  REQUIRE(a.submit("remember the blue door"));
  a.kill();
  sessions::RolloutIndex index(codex_home);
  index.refresh();
  auto rollouts = index.rollouts();
  REQUIRE(rollouts.size() == 1);
  auto match = sessions::match_rollout(rollouts, {a.cwd, spawned, now_micros(), {}});
  REQUIRE(match);
  const std::string id = match->meta.id;

  a.start({"--mode", "codex", "resume", id});
  CHECK(a.shows("resumed session " + id + ": 1 earlier turns"));
  CHECK(a.shows("> remember the blue door"));
  REQUIRE(a.submit("what did I ask?"));
  CHECK(files_under(codex_home, ".jsonl") == std::vector<std::string>{rollouts[0].path});
  auto texts = fake::earlier_user_texts(fake::Mode::codex, read_text(rollouts[0].path));
  CHECK(texts == std::vector<std::string>{"remember the blue door", "what did I ask?"});
  index.refresh();
  CHECK(index.rollouts().size() == 1);
}

TEST_CASE("resuming a session whose file is missing: the CLI's error, exit 1") {
  TempDir home;
  const Env env{{"CLAUDE_CONFIG_DIR", home.path() + "/claude"},
                {"CODEX_HOME", home.path() + "/codex"}};
  using Words = std::vector<std::string>;
  for (const Words& words : {Words{"--mode", "claude", "--resume", kSessionClaudeId},
                             Words{"--mode", "codex", "resume", kSessionClaudeId}}) {
    std::vector<std::string> argv{team_agent_bin(), "fake-agent", "--no-transcript"};
    argv.insert(argv.end(), words.begin(), words.end());
    auto r = run(argv, "", env);
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("No conversation found with session ID: " + kSessionClaudeId) != std::string::npos);
  }
  CHECK(files_under(home.path(), ".jsonl").empty());
}
