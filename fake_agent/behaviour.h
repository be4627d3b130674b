#pragma once
// What the fake agent does, as a state machine driven by keys and time:
// blocking screens first (trust prompt, login, menu, y/n), then a prompt that
// takes text and pastes, "works" on each submitted message for --work-ms and
// answers rendered team-agent messages. It does no terminal or process I/O
// itself: it records to the transcript, and hands reply commands and its
// exit to the event loop (fake_agent/loop.cc).
#include <chrono>
#include <deque>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "fake_agent/composer.h"
#include "fake_agent/input.h"
#include "fake_agent/message.h"
#include "fake_agent/options.h"
#include "fake_agent/screen.h"
#include "fake_agent/session.h"
#include "fake_agent/transcript.h"

namespace ta::fake {

using Clock = std::chrono::steady_clock;
using TimePoint = Clock::time_point;

// How the agent answers a message: a call of a team_agent MCP tool (when it
// was started with an MCP configuration, as `run` starts it), else a
// `team-agent …` command.
struct ReplyRequest {
  std::string message_id;
  std::vector<std::string> args;  // the command, after the program name
  std::string tool;               // the MCP tool; empty: the command
  nlohmann::json arguments;       // the tool's arguments
};

struct ReplyOutcome {
  ReplyRequest request;
  int exit_code = -1;  // 128+N when killed by signal N; -1 when it never ran
  std::string output;  // the tail of its stdout and stderr; a tool's text
  bool tool_ok = false;  // a tool call: it answered without isError
};

struct ExitRequest {
  int code = 0;
  std::string reason;
};

class Behaviour {
 public:
  // `session`: the CLI-layout session kept per turn (may keep nothing).
  Behaviour(const Options& opts, Transcript& transcript, SessionFile& session);

  void on_key(const Key& key, TimePoint now);
  // Ends turns whose work time is over and expires transient hints.
  void on_tick(TimePoint now);
  void on_reply_done(const ReplyOutcome& outcome);
  void request_exit(int code, std::string reason);

  // When on_tick() next has something to do.
  std::optional<TimePoint> next_deadline(TimePoint now) const;
  std::vector<ReplyRequest> take_reply_requests();
  // A turn is running or queued.
  bool busy() const { return turn_.has_value() || !queued_.empty(); }
  const std::optional<ExitRequest>& exit_request() const { return exit_; }
  // True once after anything visible changed (never while frozen()).
  bool take_changed();
  ScreenState screen(TimePoint now) const;
  // --hang-on: a frame showing the hung turn is on screen, so nothing may be
  // drawn until the turn is interrupted (the rule in options.h).
  bool frozen() const { return hang_drawn_ && turn_ && turn_->hung; }
  // The loop drew screen(): a hung turn now freezes the agent.
  void on_drawn() { hang_drawn_ = turn_ && turn_->hung; }

 private:
  struct Turn {
    std::string text;
    int seq = 0;
    TimePoint started;  // when its work time began
    bool hangs = false;  // --hang-on: it will hang once it works
    bool faults = false;  // --fault-on or --api-error-after: it ends in an API error
    bool asks = false;   // --approval-on: it waits on an approval before working
    bool hung = false;   // it hangs now
  };

  Phase phase() const { return phases_.empty() ? Phase::ready : phases_.front(); }
  void on_prompt_key(const Key& key, TimePoint now);
  void on_ready_key(const Key& key, TimePoint now);
  void on_enter(TimePoint now);
  void on_ctrl_c(TimePoint now);
  void leave_phase(const std::string& kind, int choice);
  // Starts the clock of --trust-redraw-ms when the trust prompt shows.
  void arm_trust_redraw(TimePoint now);
  // --output-rate: one line of tool output, the next one due 100 ms later.
  void print_output(TimePoint now);
  void redraw_trust();
  void move_selection(const Key& key, int choices);
  // Logs a key nothing took (at the phase's screen, or at `screen` when given).
  void ignore(const Key& key, const char* screen = nullptr);
  void submit(TimePoint now);
  // `turn` becomes the running one: it works, or stops on an approval or a hang.
  void begin_turn(Turn turn, TimePoint now);
  void start_work(TimePoint now);
  void on_approval_key(const Key& key, TimePoint now);
  void answer_approval(int choice, TimePoint now);
  // The running turn's work time goes by (it neither hangs nor waits).
  bool turn_ticking() const { return turn_ && !turn_->hung && !approval_; }
  void finish_turn(TimePoint now);
  ReplyRequest reply_to(const RenderedMessage& m, const std::string& summary) const;
  void on_tool_done(const ReplyOutcome& outcome);
  void fail_turn(const Turn& turn);
  void interrupt_turn();
  void show_hint(std::string hint, TimePoint until);
  void add(Entry::Kind kind, std::string text);
  int guard_ms() const { return opts_.paste_enter_guard_ms; }

  const Options& opts_;
  Transcript& transcript_;
  SessionFile& session_;
  std::deque<Phase> phases_;
  int selection_ = 0;
  Composer composer_;
  std::deque<Entry> history_;
  std::optional<Turn> turn_;
  std::deque<Turn> queued_;
  int submitted_ = 0;
  std::optional<TimePoint> last_burst_;  // end of the last paste or fast typing burst
  std::optional<TimePoint> ctrl_c_at_;   // first Ctrl-C on an empty composer
  std::string hint_;
  std::optional<TimePoint> hint_until_;
  std::optional<TimePoint> splash_until_;  // the startup screen goes then
  std::optional<TimePoint> trust_redraw_at_;  // the trust prompt is drawn again then
  TimePoint next_output_;  // --output-rate: when the next line of tool output is printed
  long output_lines_ = 0;
  mutable int seconds_shown_ = -1;  // the working seconds screen() last showed
  std::optional<int> approval_;     // the approval prompt's selection while it shows
  bool hang_drawn_ = false;         // a frame of the hung turn was drawn
  std::vector<ReplyRequest> replies_;
  std::optional<ExitRequest> exit_;
  bool changed_ = true;
};

}  // namespace ta::fake
