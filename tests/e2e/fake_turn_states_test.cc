// The fake agent plays the turn states the supervisor reads from a CLI's
// own session file, in a real tmux pane: a message with the --hang-on text
// freezes it (the screen stays byte for byte the same, whatever the time or
// the keys) with its turn open in the session file, and Esc interrupts it
// as the CLI does, recorded so that sessions/ reads idle_interrupted. Its
// approval prompt is a blocking screen for the pane classifiers.
#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>

#include "config/provider_profile.h"
#include "fake_agent/session_layout.h"
#include "sessions/turn_state.h"
#include "terminal/activity.h"
#include "terminal/non_input.h"
#include "terminal/screen.h"
#include "tests/e2e/tmux_fixture.h"
#include "tests/support/temp_dir.h"
#include "util/fs.h"

using namespace ta;
using namespace ta::test;
using namespace std::chrono_literals;
using sessions::TurnState;

namespace {

const std::string kTurnClaudeId = "5d6e7f80-1a2b-4c3d-8e4f-a0b1c2d3e4f5";

// A fake agent of one mode in a private tmux server, keeping its session
// under a temporary directory (Claude's config dir, Codex's home).
struct ModeAgent {
  explicit ModeAgent(const std::string& mode, const std::vector<std::string>& extra) : mode(mode) {
    std::vector<std::string> argv{team_agent_bin(), "fake-agent", "--mode", mode,
                                  "--reply", "none", "--no-transcript",
                                  "--paste-enter-guard-ms", "0", "--work-ms", "200"};
    if (mode == "claude") argv.insert(argv.end(), {"--claude-style", "rule", "--session-id", kTurnClaudeId});
    argv.insert(argv.end(), extra.begin(), extra.end());
    pane = tmux.start(argv, 100, 30, dir.path(),
                      {{"CLAUDE_CONFIG_DIR", root()}, {"CODEX_HOME", root()}});
  }

  std::string root() const { return dir.path() + "/root"; }
  std::string screen() const { return tmux.capture(pane); }
  bool shows(const std::string& text) const {
    return wait_until([&] { return screen().find(text) != std::string::npos; }, 10s);
  }
  sessions::SessionFormat format() const {
    return mode == "claude" ? sessions::SessionFormat::claude : sessions::SessionFormat::codex;
  }
  // The session file the agent keeps, once it exists.
  std::string session_path() const {
    if (mode == "claude") return fake::claude_transcript_path(root(), dir.path(), kTurnClaudeId);
    std::error_code ec;
    for (std::filesystem::recursive_directory_iterator it(root() + "/sessions", ec), end;
         !ec && it != end; it.increment(ec))
      if (it->path().extension() == ".jsonl") return it->path().string();
    return {};
  }
  TurnState turn_state() const {
    std::string path = session_path();
    auto content = path.empty() ? Result<std::string>(make_error("none")) : read_file(path);
    if (!content) return TurnState::unknown;
    return sessions::classify_turn(format(), *content, sessions::Liveness::alive).state;
  }
  bool turn_state_becomes(TurnState want) const {
    return wait_until([&] { return turn_state() == want; }, 10s);
  }
  // Types `text` and submits it once the prompt shows it.
  bool submit(const std::string& text) {
    if (!shows(mode == "claude" ? "? for shortcuts" : "⏎ send")) return false;
    tmux.send_literal(pane, text);
    if (!shows(text)) return false;
    tmux.send_keys(pane, {"Enter"});
    return true;
  }
  void explain(const std::string& what) const {
    std::string path = session_path();
    auto content = path.empty() ? Result<std::string>(make_error("none")) : read_file(path);
    MESSAGE(what << "\n--- screen ---\n"
                 << screen() << "--- session ---\n"
                 << (content ? *content : std::string("(none)")));
  }

  std::string mode;
  TempDir dir;
  TmuxServer tmux;
  std::string pane;
};

const char* const kModes[] = {"claude", "codex"};

}  // namespace

TEST_CASE("fake agent --hang-on: the screen freezes with the turn open until Esc interrupts it") {
  for (const std::string mode : kModes) {
    CAPTURE(mode);
    ModeAgent a(mode, {"--hang-on", "HANG-HERE"});
    REQUIRE(a.submit("please HANG-HERE now"));
    // The hung turn's frame: the message and the working line at 0 s.
    REQUIRE(a.shows(mode == "claude" ? "(0s · esc to interrupt)" : "Working (0s"));
    REQUIRE(a.turn_state_becomes(TurnState::working));

    // Neither time nor typed keys change the screen while it hangs: a
    // running turn would show its seconds counter move within the window.
    const std::string frozen = a.screen();
    a.tmux.send_literal(a.pane, "typed meanwhile");
    bool changed = wait_until([&] { return a.screen() != frozen; }, 1500ms);
    if (changed) a.explain("the hung agent's screen changed");
    CHECK_FALSE(changed);
    CHECK(a.turn_state() == TurnState::working);

    a.tmux.send_keys(a.pane, {"Escape"});
    bool interrupted = a.turn_state_becomes(TurnState::idle_interrupted);
    if (!interrupted) a.explain("the session never said idle_interrupted");
    CHECK(interrupted);
    // The screen redraws again: the interrupt, and the keys typed meanwhile.
    CHECK(a.shows(mode == "claude" ? "Interrupted by user" : "Conversation interrupted"));
    CHECK(a.shows("typed meanwhile"));

    // The next message is worked on as usual.
    a.tmux.send_keys(a.pane, {"C-c"});  // clears the composer
    REQUIRE(a.submit("an ordinary message"));
    bool idle = a.turn_state_becomes(TurnState::idle);
    if (!idle) a.explain("the next turn did not end");
    CHECK(idle);
  }
}

TEST_CASE("fake agent --approval-on: a blocking prompt for the pane classifiers, then the turn ends") {
  for (const std::string mode : kModes) {
    CAPTURE(mode);
    ModeAgent a(mode, {"--approval-on", "ASK-FIRST"});
    REQUIRE(a.submit("ASK-FIRST please"));
    REQUIRE(a.shows(mode == "claude" ? "Do you want to proceed?"
                                     : "Would you like to run the following command?"));
    std::string capture = a.screen();
    auto profile = config::builtin_profile(mode);
    REQUIRE(profile.ok());
    auto screen = terminal::normalise_capture(capture);
    auto blocking = terminal::classify_non_input(screen, **profile);
    CHECK_MESSAGE(blocking.blocks_input(), capture);
    auto activity = terminal::classify_activity(screen, **profile);
    CHECK(activity.status != terminal::Activity::working);
    CHECK(a.turn_state_becomes(mode == "claude" ? TurnState::working
                                                : TurnState::blocked_on_human));

    a.tmux.send_keys(a.pane, {"1"});
    bool idle = a.turn_state_becomes(TurnState::idle);
    if (!idle) a.explain("the approved turn did not end");
    CHECK(idle);
  }
}
