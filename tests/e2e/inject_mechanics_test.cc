// Delivery mechanics seen from tmux: one bracketed paste per message from its
// own buffer, Enter sent separately, buffers deleted after failures, panes
// killed mid-delivery, and %output waking the landing check.
//
// How transcript texts are compared: tmux pastes each LF as CR, and the fake
// agent (like the real CLIs) turns pasted CR and CR LF back into LF; the
// rendered text has LF only (render_message turns CR into LF), so the text
// arrives byte for byte. The one legitimate difference: an Enter that lands
// inside Codex's paste-burst guard becomes a newline (the fake agent records
// an "enter_as_newline" entry for each), so the submitted text is the
// rendered text followed by one '\n' per such Enter.
#include <doctest/doctest.h>

#include <set>
#include <thread>

#include "tests/e2e/inject_fixture.h"
#include "terminal/message_text.h"

using namespace ta;
using namespace ta::terminal;
using namespace ta::test::inject;
using namespace std::chrono_literals;

using Clock = std::chrono::steady_clock;

TEST_CASE("inject: one bracketed paste from the message's own buffer, then Enter on its own") {
  InjectFixture f;
  auto agent = f.start_agent("watched", {"--mode", "claude", "--work-ms", "50"});
  REQUIRE(f.wait_until_ready(agent));
  RecordingRunner recorder(f.tmux());
  const std::string id = message_id(800);
  const std::string text = render_message("leader", "task-9", "check the wire protocol", id);
  auto result = f.deliver(recorder, agent.pane, id, text, fake_profile());
  INFO(describe(result));
  REQUIRE(result.submitted);

  const std::string buffer = paste_buffer_name(id);
  auto commands = recorder.commands();
  std::size_t loaded = commands.size(), pasted = commands.size();
  for (std::size_t i = 0; i < commands.size(); ++i) {
    if (commands[i] == Words{"load-buffer", buffer} && loaded == commands.size()) loaded = i;
    if (commands[i][0] == "paste-buffer" && pasted == commands.size()) pasted = i;
  }
  REQUIRE(loaded < pasted);
  REQUIRE(pasted < commands.size());
  CHECK(recorder.commands_named("paste-buffer") ==
        std::vector<Words>{{"paste-buffer", "-p", "-d", "-b", buffer, "-t", agent.pane}});
  // Enter goes as its own command, after the paste; the text is never typed.
  int enters = 0;
  for (std::size_t i = 0; i < commands.size(); ++i) {
    if (commands[i][0] != "send-keys") continue;
    CHECK(i > pasted);
    CHECK(commands[i] == Words{"send-keys", "-t", agent.pane, "--", "Enter"});
    ++enters;
  }
  CHECK(enters == result.enter_presses);
  CHECK(f.send_buffers().empty());
}

TEST_CASE("inject: a failed paste deletes its buffer and never presses Enter") {
  InjectFixture f;
  auto agent = f.start_agent("unpasted", {"--mode", "codex"});
  REQUIRE(f.wait_until_ready(agent));
  RecordingRunner recorder(f.tmux());
  recorder.fail_instead = [](const Words& w) -> std::optional<Error> {
    if (w[0] == "paste-buffer") return make_error("paste-buffer: injected failure");
    return std::nullopt;
  };
  const std::string id = message_id(900);
  auto result =
      f.deliver(recorder, agent.pane, id, render_message("leader", "", "never arrives", id),
                fake_profile());
  INFO(describe(result));
  CHECK_FALSE(result.submitted);
  CHECK(result.stage == InjectStage::paste);
  CHECK(result.reason == "paste_failed");
  CHECK(result.enter_presses == 0);
  CHECK(recorder.commands_named("send-keys").empty());
  // The buffer was loaded, the paste failed: it must not linger.
  CHECK(recorder.commands_named("load-buffer").size() == 1);
  CHECK(f.send_buffers().empty());
}

TEST_CASE("inject: a pane killed right after the paste fails in verify, without Enter") {
  InjectFixture f;
  auto agent = f.start_agent("victim", {"--mode", "claude"});
  REQUIRE(f.wait_until_ready(agent));
  RecordingRunner recorder(f.tmux());
  // Deterministic "dies while its paste is being verified".
  recorder.after = [&](const Words& w, TmuxRunner& real) {
    if (w[0] == "paste-buffer") (void)kill_pane(real, agent.pane);
  };
  const std::string id = message_id(1000);
  auto started = Clock::now();
  auto result =
      f.deliver(recorder, agent.pane, id, render_message("leader", "", "into the void", id),
                fake_profile());
  INFO(describe(result));
  CHECK(Clock::now() - started < 3s);
  CHECK_FALSE(result.submitted);
  CHECK(result.stage == InjectStage::verify);
  CHECK(result.reason == "pane_missing");
  CHECK(result.enter_presses == 0);
  CHECK(recorder.commands_named("send-keys").empty());
  CHECK(f.send_buffers().empty());
}

TEST_CASE("inject: %output wakes the landing check instead of its poll interval") {
  InjectFixture f;
  auto agent = f.start_agent("prompt", {"--mode", "plain", "--work-ms", "50"});
  REQUIRE(f.wait_until_ready(agent));
  // With a poll interval longer than the landing timeout (1.5 s for a short
  // message), only a %output signal can end the wait before that timeout.
  InjectOptions slow_polling;
  slow_polling.poll_interval = 10s;
  const std::string id = message_id(1100);
  const std::string text = render_message("leader", "", "signalled, not polled", id);
  auto started = Clock::now();
  auto result = f.deliver(agent.pane, id, text, fake_profile(), slow_polling);
  auto took = Clock::now() - started;
  INFO(describe(result));
  REQUIRE(result.submitted);
  CHECK(result.verified_by == "token");
  CHECK(took < landing_timeout(text.size()) - 200ms);
  REQUIRE(f.wait_for_entries(agent, "submitted", 1));
  CHECK(f.entries(agent, "submitted")[0]["text"] == text);
}
