// Secrets never leave a pane (util/redact.h), end to end: fake agents show
// fake API keys the way the real CLIs do (Codex's pre-filled key box, wrapped
// at its border; Claude Code's ellipsised "sk-ant-...TAIL"; OpenAI's 401 that
// quotes the key), the supervisor records those screens (a send the gate
// refuses, the leader watcher's API error), and no piece of either key may be
// found in any file under .team/ or in what status, events and inspect print.
#include <doctest/doctest.h>

#include <signal.h>

#include <filesystem>

#include "tests/e2e/run_fixture.h"

using namespace ta::test;
using namespace std::chrono_literals;

namespace {

using Args = std::vector<std::string>;

// Fake keys shaped like real ones (never a real credential). The OpenAI one is
// as long as a project key, so a pane or box of any usual width wraps it.
const std::string kOpenAiKey =
  "sk-proj-Fk3Qz9Lm2Rt7Wx4Vb8Nc1Hj6Ps5Dg0YaEu2Ki7Ol4Mn9Bv3Cx8Za1Sd6Fg5Hj0Kl2Qw7Er4Ty9Ui3Op"
  "8As1Df6Gh5Jk0Lz2Xc7Vb4Nm9Qa3Ws8Ed1Rf6Tg5Yh0Uj2Ik7Ol4Pz9Xs3Dc8Fv1Gb6Hn5Jm0Ku2Li7Op4Yt";
const std::string kAnthropicKey =
  "sk-ant-api03-Qm4Wn8Er2Ty6Ui0Op3As7Df1Gh5Jk9Lz2Xc6Vb0Nm4Qw8Er3Ty7Ui1Op5As9Df2Gh6Jk0Lz4-AbCd3EfGh";

// Every 12-character piece of `key`: what a wrapped or cut key leaves behind.
std::vector<std::string> pieces(const std::string& key) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i + 12 <= key.size(); ++i) out.push_back(key.substr(i, 12));
  return out;
}

// The first piece of either key found in `text`, or "".
std::string leaked_piece(const std::string& text) {
  for (const auto& key : {kOpenAiKey, kAnthropicKey})
    for (const auto& p : pieces(key))
      if (text.find(p) != std::string::npos) return p;
  return "";
}

Env key_env() {
  Env env = trust_env(false);
  env["OPENAI_API_KEY"] = kOpenAiKey;
  env["ANTHROPIC_API_KEY"] = kAnthropicKey;
  return env;
}

// A failed send's screen, from the log.
std::string capture_tail_of(const TeamWorkspace& team, const std::string& message_id) {
  for (const auto& e : events_of(team, "send.failed"))
    if (e.data.value("message_id", "") == message_id) return e.data.value("pane_capture_tail", "");
  return "";
}

}  // namespace

TEST_CASE("redaction: a fake key on screen reaches no file under .team/ and no output") {
  // The leader's turns end in a 401 that quotes its key; its own transcript
  // (the CLI's files) lives outside .team/, as a real CLI's would.
  TeamWorkspace team({{"w1", {"--mode", "codex", "--api-key-screen"}},
                      {"w2", {"--mode", "claude", "--claude-style", "rule", "--api-key-screen"}}},
                     Args{"--mode", "claude", "--api-error-after", "1", "--api-error-kind", "auth",
                          "--transcript", "{root}/leader-transcript.jsonl"});
  RunningTeam run(team, key_env());
  REQUIRE_MESSAGE(run.await_panes_seen(), run.transcript());
  // The keys are on the screens, whole or in part.
  auto w1_screen = team.capture("w1"), w2_screen = team.capture("w2");
  REQUIRE_MESSAGE(w1_screen.find(kOpenAiKey.substr(0, 40)) != std::string::npos, w1_screen);
  REQUIRE_MESSAGE(w2_screen.find(kAnthropicKey.substr(kAnthropicKey.size() - 20)) != std::string::npos,
                  w2_screen);

  // Sends the gate refuses: the key screens are recorded as their capture tails.
  auto to_w1 = send_message(team, "w1", "Please rebase onto main.");
  auto to_w2 = send_message(team, "w2", "Please run the tests.");
  REQUIRE_MESSAGE(!to_w1.message_id.empty(), to_w1.out << to_w1.err);
  REQUIRE_MESSAGE(!to_w2.message_id.empty(), to_w2.out << to_w2.err);
  CHECK(run.await_outcomes({to_w1.message_id, to_w2.message_id}, 60s).empty());
  for (const auto& id : {to_w1.message_id, to_w2.message_id}) {
    auto tail = capture_tail_of(team, id);
    CHECK_MESSAGE(tail.find("[REDACTED:provider_key]") != std::string::npos, tail);
  }
  // The leader watcher reads the 401 and records it.
  auto to_leader = team_agent(team.path(), {"send", "leader", "Status: w1 is blocked.", "--from", "w1"});
  REQUIRE_MESSAGE(to_leader.exit_code == 0, to_leader.err);
  auto api_error = run.await("leader.api_error", {}, 60s);
  REQUIRE_MESSAGE(api_error, run.transcript());
  auto snippet = events_of(team, "leader.api_error").at(0).data.value("matched_pattern_snippet", "");
  CHECK_MESSAGE(snippet.find("[REDACTED:provider_key]") != std::string::npos, snippet);

  // What a user would run and paste into an issue.
  std::map<std::string, std::string> outputs;
  for (const Args& args : {Args{"status"}, Args{"status", "--json"}, Args{"events"},
                           Args{"events", "-o", "json"}, Args{"replay", "--message", to_w1.message_id}}) {
    auto r = team_agent(team.path(), args);
    CHECK(r.exit_code == 0);
    outputs[args[0] + (args.size() > 1 ? " " + args[1] : "")] = r.out + r.err;
  }
  // The screen text is there, redacted: these outputs did see the keys.
  CHECK(outputs["status"].find("last API error") != std::string::npos);
  CHECK(outputs["status --json"].find("[REDACTED:provider_key]") != std::string::npos);
  for (const std::string agent : {"w1", "w2", "leader"}) {
    std::string file = team.temp_root() + "/" + agent + ".capture";
    write_text(file, team.capture(agent));
    for (const Args& args : {Args{"inspect", file, "--json"}, Args{"inspect", file}}) {
      auto r = team_agent(team.path(), args);
      CHECK(r.exit_code == 0);
      outputs[agent + " " + args.back()] = r.out + r.err;
    }
  }
  CHECK(outputs["leader --json"].find("[REDACTED:provider_key]") != std::string::npos);
  outputs["run"] = run.transcript();
  for (const auto& [what, text] : outputs) {
    CAPTURE(what);
    CHECK_MESSAGE(leaked_piece(text).empty(), text);
  }

  // Stopped, so that everything it writes is written.
  run.proc().signal(SIGTERM);
  int code = run.proc().wait(20s);
  CHECK((code == 0 || code == 143));  // a requested stop
  std::size_t files = 0;
  for (const auto& f : std::filesystem::recursive_directory_iterator(team.path() + "/.team")) {
    if (!f.is_regular_file()) continue;
    ++files;
    CAPTURE(f.path().string());
    CHECK(leaked_piece(read_text(f.path().string())).empty());
  }
  CHECK(files >= 3);  // team.json, the log, state.db at least
}
