// Delivering messages into fake agents in a real (private) tmux server
// (SPEC §3 steps 1–5): large pastes, concurrent deliveries with their own
// buffers, copy mode, refused non-input screens, escape bytes, Enter retries
// behind a pasted-content placeholder, and panes that die. Every wait is on a
// condition (screen, transcript, pane state) with a deadline, never a sleep.
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

TEST_CASE("inject: a 200 KiB message lands whole and is submitted once") {
  for (std::string mode : {"codex", "claude"}) {
    CAPTURE(mode);
    InjectFixture f;
    auto agent = f.start_agent("big", {"--mode", mode, "--work-ms", "50"});
    REQUIRE(f.wait_until_ready(agent));
    const std::string id = message_id(1);
    const std::string text = render_message("leader", "task-200k", varied_text(200 * 1024), id);
    REQUIRE(text.size() > 200 * 1024);

    auto result = f.deliver(agent.pane, id, text, fake_profile());
    INFO(describe(result));
    REQUIRE(result.submitted);
    CHECK(result.stage == InjectStage::done);
    CHECK(result.reason.empty());
    CHECK(result.buffer == paste_buffer_name(id));
    CHECK(!result.verified_by.empty());
    CHECK(result.enter_presses >= 1);
    CHECK(f.send_buffers().empty());

    REQUIRE(f.wait_for_entries(agent, "submitted", 1));
    REQUIRE(f.wait_for_entries(agent, "turn_done", 1));
    auto submitted = f.entries(agent, "submitted");
    REQUIRE(submitted.size() == 1);
    auto newlines = f.entries(agent, "enter_as_newline").size();
    // Byte for byte; a mismatch prints where, not 200 KiB twice.
    CHECK(first_difference(submitted[0]["text"], expected_submitted_text(text, newlines)) == "");
    CHECK(submitted[0]["tokens"] == nlohmann::json::array({id}));
  }
}

TEST_CASE("inject: interleaved messages to three panes use a buffer each and leave none") {
  InjectFixture f;
  std::vector<AgentPane> agents{f.start_agent("codex-1", {"--mode", "codex", "--work-ms", "50"}),
                                f.start_agent("claude-1", {"--mode", "claude", "--work-ms", "50"}),
                                f.start_agent("plain-1", {"--mode", "plain", "--work-ms", "50"})};
  for (const auto& a : agents) REQUIRE(f.wait_until_ready(a));

  // Message i goes to agent i % 3: 0,1,2,0,1 — two panes get two each.
  struct Message {
    std::size_t agent;
    std::string id;
    std::string text;
  };
  std::vector<Message> messages;
  for (unsigned i = 0; i < 5; ++i) {
    std::string id = message_id(100 + i);
    std::string content = "Message " + std::to_string(i) + " for " + agents[i % 3].id +
                          ": please look at module_" + std::to_string(i) +
                          " and report back.\nSecond line of message " + std::to_string(i) +
                          ", long enough to be a landing fragment.";
    messages.push_back({i % 3, id, render_message("leader", "", content, id)});
  }

  // One thread per pane delivering its messages in order: one delivery at a
  // time per pane, panes in parallel (SPEC §3 queueing). All share the
  // connection, through a recorder that shows which buffers were pasted.
  RecordingRunner recorder(f.tmux());
  std::vector<InjectResult> results(messages.size());
  std::vector<std::thread> threads;
  for (std::size_t a = 0; a < agents.size(); ++a) {
    threads.emplace_back([&, a] {
      for (std::size_t m = 0; m < messages.size(); ++m)
        if (messages[m].agent == a)
          results[m] = f.deliver(recorder, agents[a].pane, messages[m].id, messages[m].text,
                                 fake_profile());
    });
  }
  for (auto& t : threads) t.join();

  std::set<std::string> want_buffers, pasted_buffers;
  for (std::size_t m = 0; m < messages.size(); ++m) {
    CAPTURE(m);
    INFO(describe(results[m]));
    CHECK(results[m].submitted);
    CHECK(results[m].buffer == paste_buffer_name(messages[m].id));
    want_buffers.insert(paste_buffer_name(messages[m].id));
  }
  auto pastes = recorder.commands_named("paste-buffer");
  CHECK(pastes.size() == messages.size());
  for (const auto& p : pastes) pasted_buffers.insert(word_after(p, "-b"));
  CHECK(pasted_buffers == want_buffers);  // five names, each pasted once
  CHECK(f.send_buffers().empty());

  for (std::size_t a = 0; a < agents.size(); ++a) {
    CAPTURE(agents[a].id);
    std::vector<std::string> want_tokens, want_texts;
    for (const auto& m : messages)
      if (m.agent == a) {
        want_tokens.push_back(m.id);
        want_texts.push_back(m.text);
      }
    REQUIRE(f.wait_for_entries(agents[a], "submitted", want_tokens.size()));
    REQUIRE(f.wait_for_entries(agents[a], "turn_done", want_tokens.size()));
    auto submitted = f.entries(agents[a], "submitted");
    CHECK(submitted_tokens(submitted) == want_tokens);
    REQUIRE(submitted.size() == want_texts.size());
    for (std::size_t i = 0; i < submitted.size(); ++i)
      CHECK(without_trailing_newlines(submitted[i]["text"].get<std::string>()) == want_texts[i]);
  }
}

TEST_CASE("inject: a pane in copy mode is taken out of it and the message delivered") {
  InjectFixture f;
  auto agent = f.start_agent("copier", {"--mode", "claude", "--work-ms", "50"});
  REQUIRE(f.wait_until_ready(agent));
  REQUIRE(f.tmux().run({"copy-mode", "-t", agent.pane}));
  auto before = pane_info(f.tmux(), agent.pane);
  REQUIRE(before);
  REQUIRE(before->in_mode);
  REQUIRE(before->mode == "copy-mode");

  const std::string id = message_id(200);
  const std::string text = render_message("leader", "", "copy mode must not eat this", id);
  auto result = f.deliver(agent.pane, id, text, fake_profile());
  INFO(describe(result));
  REQUIRE(result.submitted);
  bool noted = false;
  for (const auto& n : result.notes) noted = noted || n.find("copy") != std::string::npos;
  CHECK(noted);
  auto after = pane_info(f.tmux(), agent.pane);
  REQUIRE(after);
  CHECK(!after->in_mode);
  REQUIRE(f.wait_for_entries(agent, "submitted", 1));
  auto submitted = f.entries(agent, "submitted");
  REQUIRE(submitted.size() == 1);
  CHECK(submitted[0]["text"] == text);
  CHECK(submitted[0]["tokens"] == nlohmann::json::array({id}));
  CHECK(f.send_buffers().empty());
}

TEST_CASE("inject: a screen that cannot take input is refused and left untouched") {
  struct Case {
    std::vector<std::string> args;
    std::string shown;  // text that says the blocking screen is up
    std::string detected;
  };
  Case c;
  SUBCASE("codex trust prompt") {
    c = {{"--mode", "codex", "--trust-prompt"},
         "Do you trust the contents of this directory?",
         "trust_prompt"};
  }
  SUBCASE("claude trust prompt") {
    c = {{"--mode", "claude", "--trust-prompt"}, "Quick safety check", "trust_prompt"};
  }
  SUBCASE("numbered menu") {
    c = {{"--mode", "claude", "--menu"}, "2. Start a new conversation", "numbered_menu"};
  }
  SUBCASE("y/n confirm") { c = {{"--mode", "plain", "--confirm"}, "(y/n)", "y_n_confirm"}; }
  CAPTURE(c.detected);

  InjectFixture f;
  auto agent = f.start_agent("blocked", c.args);
  REQUIRE(f.wait_for_screen(agent.pane, c.shown));
  const std::string screen_before = f.capture(agent.pane);

  const std::string id = message_id(300);
  auto started = Clock::now();
  auto result = f.deliver(agent.pane, id, render_message("leader", "", "do not type me", id),
                          fake_profile());
  INFO(describe(result));
  CHECK(Clock::now() - started < 5s);
  CHECK_FALSE(result.submitted);
  CHECK(result.stage == InjectStage::gate);
  CHECK(result.reason == "non_input_screen");
  CHECK(result.detected == c.detected);
  CHECK(result.capture_tail.find(c.shown) != std::string::npos);
  CHECK(result.enter_presses == 0);
  CHECK(f.send_buffers().empty());

  // Proof that nothing was typed: a probe key the screen ignores (and
  // records) is the first input the agent ever saw. Anything inject sent
  // would have reached the agent before it, and been recorded first.
  REQUIRE(send_text(f.tmux(), agent.pane, "Z"));
  REQUIRE(f.wait_for_entries(agent, "ignored_input", 1));
  std::vector<nlohmann::json> inputs;
  for (const auto& e : f.entries(agent))
    if (is_input_entry(e)) inputs.push_back(e);
  REQUIRE(inputs.size() == 1);
  CHECK(inputs[0]["text"] == "Z");
  CHECK(f.capture(agent.pane) == screen_before);
}

TEST_CASE("inject: escape bytes arrive as visible text inside one paste") {
  for (std::string mode : {"plain", "codex", "claude"}) {
    CAPTURE(mode);
    InjectFixture f;
    auto agent = f.start_agent("escapes", {"--mode", mode, "--work-ms", "50"});
    REQUIRE(f.wait_until_ready(agent));
    // If the fake end marker ended the paste, what follows would arrive as
    // typed keys: its CR would submit "before" on its own, and the rest
    // (with the token) would be a second submission.
    const std::string content = std::string("before \x1b[201~ after the fake end marker\n") +
                                "bell \x07, csi \xc2\x9b" "31m, nul " + std::string(1, '\0') +
                                " and \x1b]0;title\x07 osc\n" +
                                "final line \x1b[200~ nested start";
    const std::string id = message_id(400);
    const std::string text = render_message("leader", "", content, id);
    // render_message already made every control byte visible.
    REQUIRE(text.find('\x1b') == std::string::npos);
    REQUIRE(text.find('\x07') == std::string::npos);
    REQUIRE(text.find('\0') == std::string::npos);
    REQUIRE(text.find("\xc2\x9b") == std::string::npos);
    REQUIRE(text.find("before ␛[201~ after the fake end marker") != std::string::npos);

    auto result = f.deliver(agent.pane, id, text, fake_profile());
    INFO(describe(result));
    REQUIRE(result.submitted);
    REQUIRE(f.wait_for_entries(agent, "submitted", 1));
    REQUIRE(f.wait_for_entries(agent, "turn_done", 1));
    auto submitted = f.entries(agent, "submitted");
    REQUIRE(submitted.size() == 1);
    auto newlines = f.entries(agent, "enter_as_newline").size();
    CHECK(submitted[0]["text"] == expected_submitted_text(text, newlines));
    CHECK(submitted[0]["tokens"] == nlohmann::json::array({id}));
    CHECK(f.send_buffers().empty());
  }
}

TEST_CASE("inject: a placeholder still showing after Enter gets Enter again") {
  InjectFixture f;
  // Like real Codex, but with an Enter guard far longer than the profile's
  // settle time (0 here): the first Enter becomes a newline, and only a
  // retry once the guard has passed submits.
  auto agent = f.start_agent("guarded", {"--mode", "codex", "--paste-enter-guard-ms", "1500",
                                         "--work-ms", "50"});
  REQUIRE(f.wait_until_ready(agent));
  config::ProviderProfile impatient = fake_profile();
  impatient.settle_ms = 0;

  const std::string id = message_id(500);
  std::string content;
  while (content.size() < 1500)
    content += "a long pasted paragraph that Codex folds into a placeholder; ";
  const std::string text = render_message("leader", "", content, id);
  auto result = f.deliver(agent.pane, id, text, impatient);
  INFO(describe(result));
  REQUIRE(result.submitted);
  CHECK(result.verified_by == "new_placeholder");
  CHECK(result.enter_presses >= 2);
  REQUIRE(f.wait_for_entries(agent, "submitted", 1));
  auto submitted = f.entries(agent, "submitted");
  REQUIRE(submitted.size() == 1);
  auto newlines = f.entries(agent, "enter_as_newline").size();
  CHECK(newlines >= 1);
  CHECK(newlines + 1 == static_cast<std::size_t>(result.enter_presses));
  CHECK(submitted[0]["text"] == expected_submitted_text(text, newlines));
  CHECK(submitted[0]["tokens"] == nlohmann::json::array({id}));
}

TEST_CASE("inject: a pane that is gone or dead fails at the gate, quickly") {
  InjectFixture f;
  auto refused_at_gate = [&f](const std::string& pane, const std::string& reason) {
    const std::string id = message_id(600);
    auto started = Clock::now();
    auto result = f.deliver(pane, id, render_message("leader", "", "nobody there", id),
                            fake_profile());
    INFO(describe(result));
    CHECK(Clock::now() - started < 3s);
    CHECK_FALSE(result.submitted);
    CHECK(result.stage == InjectStage::gate);
    CHECK(result.reason == reason);
    CHECK(f.send_buffers().empty());
  };
  SUBCASE("killed pane") {
    auto agent = f.start_agent("killed", {"--mode", "codex"});
    REQUIRE(f.wait_until_ready(agent));
    REQUIRE(kill_pane(f.tmux(), agent.pane));
    refused_at_gate(agent.pane, "pane_missing");
  }
  SUBCASE("pane whose program exited (kept by remain-on-exit)") {
    terminal::SpawnSpec spec;
    spec.argv = {"sh", "-c", "echo finished; exit 0"};
    auto pane = f.spawn(spec);
    REQUIRE(f.wait_for(pane, [&] {
      auto info = pane_info(f.tmux(), pane);
      return info.ok() && info->dead;
    }));
    refused_at_gate(pane, "pane_dead");
  }
}

TEST_CASE("inject: a program that dies when the paste arrives is a failure, not a hang") {
  InjectFixture f;
  // No echo, so nothing of the paste can show; it exits on the first pasted
  // line, leaving a dead pane (remain-on-exit) while inject verifies.
  terminal::SpawnSpec spec;
  spec.argv = {"sh", "-c", "stty -echo; echo waiting for one line; head -n 1 >/dev/null"};
  auto pane = f.spawn(spec);
  REQUIRE(f.wait_for_screen(pane, "waiting for one line"));

  const std::string id = message_id(700);
  const std::string text = render_message("leader", "", "this kills the reader", id);
  auto started = Clock::now();
  auto result = f.deliver(pane, id, text, fake_profile());
  INFO(describe(result));
  CHECK(Clock::now() - started < 10s);
  CHECK_FALSE(result.submitted);
  CHECK(!result.reason.empty());
  CHECK((result.stage == InjectStage::paste || result.stage == InjectStage::verify));
  CHECK((result.reason == "pane_dead" || result.reason == "not_landed"));
  CHECK(result.enter_presses == 0);  // never submit what was not seen to land
  CHECK(f.send_buffers().empty());
}
