// The turn states the fake agent plays (--hang-on, --fault-on,
// --approval-on, interrupts) end up in its session file in shapes that the
// supervisor's readers (sessions/turn_state.h, sessions/fault_facts.h)
// classify as the state played.
#include <doctest/doctest.h>

#include <memory>

#include "fake_agent/behaviour.h"
#include "sessions/fault_facts.h"
#include "sessions/turn_state.h"
#include "tests/support/temp_dir.h"
#include "util/fs.h"

using namespace ta;
using namespace ta::fake;
using sessions::TurnState;
using std::chrono::milliseconds;

namespace {

constexpr int kWorkMs = 100;

// A fake agent driven by keys and a clock of the test's own, keeping its
// session under a temporary directory.
struct Agent {
  explicit Agent(Mode mode) {
    opts.mode = mode;
    opts.cwd = dir.path();
    opts.session_root = mode == Mode::plain ? "" : dir.path() + "/root";
    opts.work_ms = kWorkMs;
    opts.placeholder_min_chars = 800;
    opts.placeholder_min_lines = 0;
    opts.paste_enter_guard_ms = 0;
    opts.hang_on = "HANG";
    opts.fault_on = "FAULT";
    opts.approval_on = "ASK";
    auto prepared = SessionFile::prepare(opts);
    REQUIRE(prepared.ok());
    session = std::move(*prepared);
    agent = std::make_unique<Behaviour>(opts, transcript, session);
  }

  void key(Key::Type type, std::string text = {}) {
    agent->on_key(Key{type, std::move(text)}, now);
    agent->on_tick(now);
  }
  void submit(const std::string& text) {
    key(Key::Type::text, text);
    key(Key::Type::enter);
  }
  // The clock moves on by `ms`, and the agent sees it.
  void pass(int ms) {
    now += milliseconds(ms);
    agent->on_tick(now);
  }
  // What the loop does when it draws a frame.
  void draw() {
    (void)agent->take_changed();
    (void)agent->screen(now);
    agent->on_drawn();
  }
  sessions::SessionFormat format() const {
    return opts.mode == Mode::claude ? sessions::SessionFormat::claude
                                     : sessions::SessionFormat::codex;
  }
  std::string file() const {
    auto content = read_file(session.path());
    return content ? *content : std::string();
  }
  sessions::TurnVerdict verdict() const {
    return sessions::classify_turn(format(), file(), sessions::Liveness::alive);
  }
  sessions::FaultScan faults() const { return sessions::read_fault_facts(format(), file()); }

  test::TempDir dir;
  Options opts;
  Transcript transcript;
  SessionFile session;
  std::unique_ptr<Behaviour> agent;
  TimePoint now = Clock::now();
};

const Mode kSessionModes[] = {Mode::claude, Mode::codex};

}  // namespace

TEST_CASE("turn states: a turn that ends normally leaves the session idle") {
  for (Mode mode : kSessionModes) {
    CAPTURE(std::string(mode_name(mode)));
    Agent a(mode);
    a.submit("hello");
    // Codex's task_started opens the turn (Claude's user record says nothing of it).
    if (mode == Mode::codex) CHECK(a.verdict().state == TurnState::working);
    a.pass(kWorkMs);
    auto v = a.verdict();
    CHECK(v.state == TurnState::idle);
    CHECK(v.reason == (mode == Mode::claude ? "end_turn" : "task_complete"));
    CHECK(a.faults().facts.empty());
  }
}

TEST_CASE("turn states: Esc or Ctrl-C during a turn writes the CLI's interrupt record") {
  for (Mode mode : kSessionModes) {
    for (Key::Type interrupt : {Key::Type::esc, Key::Type::ctrl_c}) {
      CAPTURE(std::string(mode_name(mode)));
      Agent a(mode);
      a.submit("hello");
      a.pass(kWorkMs / 2);
      a.key(interrupt);
      CHECK_FALSE(a.agent->busy());
      auto v = a.verdict();
      CHECK(v.state == TurnState::idle_interrupted);
      CHECK(v.idle_for_takeover());
      if (mode == Mode::claude) {
        CHECK(v.reason == "user_interrupt");
        CHECK(a.file().find("\"[Request interrupted by user]\"") != std::string::npos);
      } else {
        CHECK(v.reason == "interrupted");
        CHECK(a.file().find("\"turn_aborted\"") != std::string::npos);
      }
      CHECK(a.faults().facts.empty());
      // Long after, nothing more is written: the turn is over.
      std::string before = a.file();
      a.pass(10 * kWorkMs);
      CHECK(a.file() == before);
    }
  }
}

TEST_CASE("turn states: --hang-on keeps the turn open and freezes the screen until interrupted") {
  for (Mode mode : kSessionModes) {
    CAPTURE(std::string(mode_name(mode)));
    Agent a(mode);
    a.submit("please HANG here");
    REQUIRE(a.agent->take_changed());  // the hung turn's first frame is drawn
    CHECK_FALSE(a.agent->frozen());
    a.draw();
    CHECK(a.agent->frozen());
    a.pass(60 * 1000);
    CHECK(a.agent->busy());
    auto v = a.verdict();
    CHECK(v.state == TurnState::working);
    CHECK(v.reason == "open_turn");
    if (mode == Mode::claude)
      CHECK(a.file().find("\"stop_reason\":\"tool_use\"") != std::string::npos);
    // Nothing asks for a redraw while hung: not time, not typed keys.
    CHECK_FALSE(a.agent->next_deadline(a.now).has_value());
    a.key(Key::Type::text, "typed meanwhile");
    CHECK_FALSE(a.agent->take_changed());
    CHECK(a.agent->screen(a.now).composer == "typed meanwhile");

    a.key(Key::Type::esc);
    CHECK_FALSE(a.agent->frozen());
    CHECK(a.agent->take_changed());
    CHECK(a.verdict().state == TurnState::idle_interrupted);
    // As the CLIs record a tool call cut short: its rejection, then the interrupt.
    if (mode == Mode::claude) {
      CHECK(a.file().find("\"toolDenialKind\":\"user-rejected\"") != std::string::npos);
      CHECK(a.file().find("\"[Request interrupted by user for tool use]\"") != std::string::npos);
    } else {
      CHECK(a.file().find("\"output\":\"aborted by user\"") != std::string::npos);
    }

    // The next message works as usual.
    a.key(Key::Type::ctrl_c);  // clears the composer
    a.submit("and now an ordinary one");
    a.draw();
    CHECK_FALSE(a.agent->frozen());
    a.pass(kWorkMs);
    CHECK_FALSE(a.agent->busy());
    CHECK(a.verdict().state == TurnState::idle);
  }
}

TEST_CASE("turn states: --fault-on ends each such turn in one API error fault") {
  SUBCASE("claude: the synthetic assistant record of an API error") {
    Agent a(Mode::claude);
    for (int i = 0; i < 2; ++i) {
      a.submit("FAULT number " + std::to_string(i));
      a.pass(kWorkMs);
    }
    auto v = a.verdict();
    CHECK(v.state == TurnState::abnormal);
    CHECK(v.reason == "api_error");
    auto scan = a.faults();
    REQUIRE(scan.facts.size() == 2);
    CHECK(scan.facts[0].signature == "api_error");
    CHECK(scan.facts[0].api_error_status == 529);  // overloaded, claude mode's default kind
    CHECK(scan.facts[0].error == "server_error");
    CHECK(scan.facts[0].turn_id != scan.facts[1].turn_id);
    auto latest = sessions::latest_fault(a.format(), a.file());
    REQUIRE(latest);
    CHECK(latest->turn_id == scan.facts[1].turn_id);
  }
  SUBCASE("codex: the turn's task_complete carries the error") {
    Agent a(Mode::codex);
    for (int i = 0; i < 2; ++i) {
      a.submit("FAULT number " + std::to_string(i));
      a.pass(kWorkMs);
    }
    auto scan = a.faults();
    REQUIRE(scan.facts.size() == 2);
    CHECK(scan.facts[0].signature == "turn_failed");
    CHECK_FALSE(scan.facts[0].turn_id.empty());
    CHECK(scan.facts[0].turn_id != scan.facts[1].turn_id);
    CHECK(scan.facts[0].error.find("stream error") != std::string::npos);
    CHECK(scan.diagnostics.empty());
    // The last lifecycle fact is the failed turn.
    auto v = a.verdict();
    CHECK(v.state == TurnState::abnormal);
    CHECK(v.reason == "turn_failed");
    CHECK(v.turn_id == scan.facts[1].turn_id);
  }
  SUBCASE("a turn without the text is not a fault") {
    Agent a(Mode::claude);
    a.submit("fine");
    a.pass(kWorkMs);
    CHECK(a.faults().facts.empty());
  }
}

TEST_CASE("turn states: --api-error-after records its errors as --fault-on does") {
  for (Mode mode : kSessionModes) {
    CAPTURE(std::string(mode_name(mode)));
    Agent a(mode);
    a.opts.api_error_after = 2;
    a.submit("first");
    a.pass(kWorkMs);
    CHECK(a.faults().facts.empty());
    a.submit("second");
    a.pass(kWorkMs);
    CHECK(a.faults().facts.size() == 1);
  }
}

namespace {

// Claude's transcript only shows the tool call still open while it asks;
// Codex's rollout says the turn waits for an approval.
TurnState waiting_state(Mode mode) {
  return mode == Mode::claude ? TurnState::working : TurnState::blocked_on_human;
}

}  // namespace

TEST_CASE("turn states: --approval-on waits on a person; an allowing choice lets the turn end") {
  const std::vector<std::vector<Key>> allowing{{{Key::Type::enter, ""}},
                                               {{Key::Type::text, "2"}},
                                               {{Key::Type::down, ""}, {Key::Type::enter, ""}}};
  for (Mode mode : kSessionModes) {
    for (const auto& choose : allowing) {
      CAPTURE(std::string(mode_name(mode)));
      Agent a(mode);
      a.submit("ASK first");
      CHECK(a.agent->screen(a.now).approval == 0);
      CHECK_FALSE(a.agent->screen(a.now).working);
      a.pass(10 * kWorkMs);  // the prompt waits as long as it takes
      CHECK(a.agent->busy());
      CHECK(a.verdict().state == waiting_state(mode));
      for (const auto& k : choose) a.key(k.type, k.text);
      CHECK(a.agent->screen(a.now).approval == -1);
      // Claude's tool result reopens the turn's work. (Codex writes the
      // command's output, which no lifecycle fact follows until the turn ends.)
      if (mode == Mode::claude) CHECK(a.verdict().state == TurnState::working);
      a.pass(kWorkMs);
      CHECK_FALSE(a.agent->busy());
      CHECK(a.verdict().state == TurnState::idle);
    }
  }
}

TEST_CASE("turn states: declining an approval (its last option, or Esc) interrupts the turn") {
  for (Mode mode : kSessionModes) {
    for (bool by_digit : {true, false}) {
      CAPTURE(std::string(mode_name(mode)));
      Agent a(mode);
      a.submit("ASK first");
      REQUIRE(a.verdict().state == waiting_state(mode));
      if (by_digit)
        a.key(Key::Type::text, std::to_string(approval_choices(a.opts)));
      else
        a.key(Key::Type::esc);
      CHECK_FALSE(a.agent->busy());
      CHECK(a.verdict().state == TurnState::idle_interrupted);
    }
  }
}

TEST_CASE("turn states: other keys do not answer an approval prompt") {
  for (Mode mode : kSessionModes) {
    CAPTURE(std::string(mode_name(mode)));
    Agent a(mode);
    a.submit("ASK first");
    a.key(Key::Type::text, "hello");
    a.key(Key::Type::text, "9");
    a.key(Key::Type::up);  // wraps around to the declining option
    CHECK(a.agent->screen(a.now).approval == approval_choices(a.opts) - 1);
    CHECK(a.verdict().state == waiting_state(mode));
  }
}

TEST_CASE("turn states: codex's approval request names the turn it blocks") {
  Agent a(Mode::codex);
  a.submit("ASK first");
  auto v = a.verdict();
  CHECK(v.reason == "approval_required");
  auto scan = a.faults();
  REQUIRE(scan.facts.size() == 1);
  CHECK(scan.facts[0].signature == "approval_required");
  a.key(Key::Type::text, "1");
  a.pass(kWorkMs);
  CHECK(a.verdict().turn_id == scan.facts[0].turn_id);  // the same turn completes
}

TEST_CASE("turn states: plain mode keeps no session but shows the same screens") {
  Agent a(Mode::plain);
  a.submit("ASK first");
  CHECK(a.agent->screen(a.now).approval == 0);
  a.key(Key::Type::text, "1");
  a.pass(kWorkMs);
  a.submit("HANG");
  a.draw();
  CHECK(a.agent->frozen());
  a.key(Key::Type::esc);
  CHECK_FALSE(a.agent->frozen());
  CHECK_FALSE(a.session.enabled());
}

TEST_CASE("--output-rate prints that many bytes of tool output per second, only while working") {
  Agent a(Mode::plain);
  a.opts.work_ms = 1000;
  a.opts.output_rate = 10240;
  a.agent = std::make_unique<Behaviour>(a.opts, a.transcript, a.session);
  auto printed = [&a] {
    std::size_t bytes = 0;
    for (const auto& e : *a.agent->screen(a.now).history)
      if (e.kind == Entry::Kind::tool && e.text.rfind("build step ", 0) == 0) bytes += e.text.size();
    return bytes;
  };
  a.pass(500);
  CHECK(printed() == 0);  // idle: nothing
  a.submit("work");
  for (int i = 0; i < 10; ++i) a.pass(100);
  // One line of 1,024 bytes every 100 ms through the second of work.
  CHECK(printed() >= 10 * 1024);
  CHECK(printed() <= 11 * 1024);
  CHECK_FALSE(a.agent->screen(a.now).working);
  const auto after_turn = printed();
  a.pass(1000);
  CHECK(printed() == after_turn);
}
