#pragma once
// End-to-end delivery tests (terminal/inject.h): a private tmux server per
// test, one control-mode connection whose %output feeds a PaneChanges (so
// inject and the tests wait on tmux's own notifications), and fake agents in
// windows of the team session, each writing its JSONL transcript.
#include <doctest/doctest.h>

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "config/provider_profile.h"
#include "terminal/inject.h"
#include "terminal/pane_changes.h"
#include "terminal/tmux_control.h"
#include "terminal/tmux_ops.h"
#include "terminal/tmux_server.h"
#include "tests/e2e/tmux_control_fixture.h"
#include "tests/support/temp_dir.h"

namespace ta::test::inject {

using Words = std::vector<std::string>;

// Passes every command to the real connection and records it, so a test can
// check what inject sent (one paste, Enter as its own command) and make one
// command fail or be followed by something (a fault at an exact step).
class RecordingRunner : public terminal::TmuxRunner {
 public:
  explicit RecordingRunner(terminal::TmuxRunner& real) : real_(real) {}

  Result<std::vector<std::string>> run(const Words& words) override;
  // Recorded as {"load-buffer", NAME}.
  Status load_buffer(const std::string& name, std::string_view data) override;

  // Every command so far, in order.
  std::vector<Words> commands() const;
  // Those whose first word is `name`.
  std::vector<Words> commands_named(const std::string& name) const;

  // When set and it returns an error, the command is not run and fails so.
  std::function<std::optional<Error>(const Words&)> fail_instead;
  // When set, runs (on the real connection) after each command that ran.
  std::function<void(const Words&, terminal::TmuxRunner& real)> after;

 private:
  void record(Words words);
  terminal::TmuxRunner& real_;
  mutable std::mutex mu_;
  std::vector<Words> log_;
};

// A fake agent started by the fixture.
struct AgentPane {
  std::string id;          // its --id
  std::string pane;        // "%3"
  std::string transcript;  // its JSONL record
};

class InjectFixture {
 public:
  static constexpr int kWidth = 120;
  static constexpr int kHeight = 40;

  InjectFixture();

  // `team-agent fake-agent --id ID --transcript … --reply none ARGS…` in a new
  // window of the team session, run in the test's directory.
  AgentPane start_agent(const std::string& id, const std::vector<std::string>& args);
  // Any program in a new window (non-agent panes: dying programs, shells).
  std::string spawn(const terminal::SpawnSpec& spec);

  std::string capture(const std::string& pane);
  // Checks `ready` now and after every %output of `pane` (and at least every
  // 100 ms, for conditions with no output, such as a transcript line written
  // just before a redraw) until it holds or `timeout` passes.
  bool wait_for(const std::string& pane, const std::function<bool()>& ready,
                std::chrono::milliseconds timeout = std::chrono::seconds(15));
  bool wait_for_screen(const std::string& pane, const std::string& text,
                       std::chrono::milliseconds timeout = std::chrono::seconds(15));
  // Waits until the fake agent's input prompt (any mode) is drawn.
  bool wait_until_ready(const AgentPane& agent);
  // Waits until the transcript holds `count` entries of `kind`.
  bool wait_for_entries(const AgentPane& agent, const std::string& kind, std::size_t count,
                        std::chrono::milliseconds timeout = std::chrono::seconds(15));

  // Every transcript entry, in order; or those of one kind.
  std::vector<nlohmann::json> entries(const AgentPane& agent) const;
  std::vector<nlohmann::json> entries(const AgentPane& agent, const std::string& kind) const;

  // Names of the paste buffers inject uses (team-agent-send-*) that exist now.
  std::vector<std::string> send_buffers();

  // inject() with this fixture's PaneChanges, over its connection or `via`.
  terminal::InjectResult deliver(const std::string& pane, const std::string& message_id,
                                 const std::string& rendered,
                                 const config::ProviderProfile& profile,
                                 terminal::InjectOptions options = {});
  terminal::InjectResult deliver(terminal::TmuxRunner& via, const std::string& pane,
                                 const std::string& message_id, const std::string& rendered,
                                 const config::ProviderProfile& profile,
                                 terminal::InjectOptions options = {});

  // Prints the pane and the transcript to stderr, for a failing check.
  void explain(const AgentPane& agent, const std::string& what);

  terminal::TmuxControl& tmux() { return *ctl; }

  TempDir dir;
  std::optional<terminal::TmuxServer> server;
  std::unique_ptr<tmux_control::TmuxServerKiller> guard;  // destroyed after ctl
  terminal::PaneChanges changes;                           // outlives ctl's callback
  std::unique_ptr<terminal::TmuxControl> ctl;
};

// The built-in "fake" profile (it matches the fake agent's screens).
const config::ProviderProfile& fake_profile();
// "msg_" + 12 hex digits, distinct for distinct `n`.
std::string message_id(unsigned n);
// Everything an InjectResult says, for failure messages.
std::string describe(const terminal::InjectResult& r);
// `text` without trailing '\n's (see the comparison in inject_test.cc).
std::string without_trailing_newlines(std::string text);
// What the agent records for `rendered` when `enters_as_newline` Enters
// fell inside Codex's paste guard: one '\n' more for each.
std::string expected_submitted_text(const std::string& rendered, std::size_t enters_as_newline);
// Deterministic text of about `bytes` bytes: lines of varied length (blank,
// short, wider than the pane), UTF-8 of 2–4 bytes per character, tabs,
// quotes and shell metacharacters that must reach the agent as they are.
std::string varied_text(std::size_t bytes);
// "" when equal, else the first differing byte offset with some context.
std::string first_difference(const std::string& got, const std::string& want);
// The word after `flag` in a command ("" when absent).
std::string word_after(const Words& words, const std::string& flag);
// Whether a transcript entry means input reached the agent's screen.
bool is_input_entry(const nlohmann::json& entry);
// The "tokens" of every submitted entry, in order.
std::vector<std::string> submitted_tokens(const std::vector<nlohmann::json>& submitted);

}  // namespace ta::test::inject
