// Where a running turn stops before its work is done: on a tool approval
// prompt (--approval-on) that a person answers, or in a hang (--hang-on)
// that only an interrupt ends. Both keep the model's tool call open in the
// session file, as the real CLIs do while they wait.
#include "fake_agent/behaviour.h"

namespace ta::fake {

namespace {

// What the model runs when it hangs, and what the command it asked for printed.
constexpr const char* kHangingCommand = "sleep infinity";
constexpr const char* kHangingDescription = "Wait for a result that never comes";
constexpr const char* kAskedOutput = "On branch main\nnothing to commit, working tree clean";

}  // namespace

void Behaviour::begin_turn(Turn turn, TimePoint now) {
  turn_ = std::move(turn);
  seconds_shown_ = -1;
  changed_ = true;
  if (!turn_->asks) return start_work(now);
  approval_ = 0;  // the first option, "Yes", is selected at first
  session_.tool_call(kAskedCommand, kAskedDescription, /*ask=*/true);
  transcript_.write("approval_requested", {{"seq", turn_->seq},
                                          {"command", kAskedCommand},
                                          {"server", opts_.approval_tool}});
}

// The turn's work time starts now, unless it hangs instead.
void Behaviour::start_work(TimePoint now) {
  turn_->started = now;
  next_output_ = now;
  if (!turn_->hangs) return;
  turn_->hung = true;
  session_.tool_call(kHangingCommand, kHangingDescription, /*ask=*/false);
  transcript_.write("hung", {{"seq", turn_->seq}});
}

// The keys of an approval prompt: Up/Down move the selection (wrapping), Enter
// chooses it, a digit chooses its option (and Codex's y and p theirs), Esc
// and Ctrl-C decline.
void Behaviour::on_approval_key(const Key& key, TimePoint now) {
  using T = Key::Type;
  const int choices = approval_choices(opts_);
  const std::string& t = key.text;
  switch (key.type) {
    case T::up:
    case T::down:
      approval_ = (*approval_ + (key.type == T::down ? 1 : choices - 1)) % choices;
      return;
    case T::enter:
      return answer_approval(*approval_, now);
    case T::esc:
    case T::ctrl_c:
      return answer_approval(choices - 1, now);
    case T::text:
      if (t.size() == 1 && t[0] >= '1' && t[0] < '1' + choices)
        return answer_approval(t[0] - '1', now);
      if (opts_.mode == Mode::codex && (t == "y" || t == "p"))
        return answer_approval(t == "y" ? 0 : 1, now);
      break;
    default:
      break;
  }
  ignore(key, "approval");
}

// 0-based `choice`: the last option declines, the others allow.
void Behaviour::answer_approval(int choice, TimePoint now) {
  bool allowed = choice < approval_choices(opts_) - 1;
  transcript_.write("approval_answered",
                    {{"seq", turn_->seq}, {"choice", choice + 1}, {"allowed", allowed}});
  approval_.reset();
  if (!allowed) return interrupt_turn();
  session_.tool_result(kAskedOutput);
  add(Entry::Kind::tool, opts_.approval_tool.empty()
                           ? std::string("Ran ") + kAskedCommand
                           : "Allowed " + opts_.approval_tool + " (option " +
                                 std::to_string(choice + 1) + ")");
  start_work(now);
}

}  // namespace ta::fake
