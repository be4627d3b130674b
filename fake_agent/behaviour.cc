// Keys and screens of the fake agent; what happens to a submitted message is
// in fake_agent/turns.cc.
#include "fake_agent/behaviour.h"

#include <algorithm>

#include "fake_agent/text.h"

namespace ta::fake {

namespace {

constexpr auto kCtrlCWindow = std::chrono::milliseconds(2000);
constexpr std::size_t kBurstChars = 3;  // more typed at once than a human types

const char* phase_name(Phase p) {
  switch (p) {
    case Phase::splash:
      return "splash";
    case Phase::trust:
      return "trust";
    case Phase::login:
      return "login";
    case Phase::api_key:
      return "api_key";
    case Phase::menu:
      return "menu";
    case Phase::confirm:
      return "confirm";
    case Phase::ready:
      break;
  }
  return "ready";
}

const char* key_name(Key::Type t) {
  using T = Key::Type;
  switch (t) {
    case T::text:
      return "text";
    case T::paste:
      return "paste";
    case T::enter:
      return "enter";
    case T::ctrl_j:
      return "ctrl_j";
    case T::backspace:
      return "backspace";
    case T::esc:
      return "esc";
    case T::ctrl_c:
      return "ctrl_c";
    case T::ctrl_d:
      return "ctrl_d";
    case T::up:
      return "up";
    case T::down:
      return "down";
    case T::left:
      return "left";
    case T::right:
      return "right";
    case T::stray_paste_end:
      return "stray_paste_end";
    case T::other:
      break;
  }
  return "other";
}

}  // namespace

Behaviour::Behaviour(const Options& opts, Transcript& transcript, SessionFile& session)
    : opts_(opts),
      transcript_(transcript),
      session_(session),
      composer_(opts.mode, opts.placeholder_min_chars, opts.placeholder_min_lines) {
  if (opts.splash_ms > 0) {
    phases_.push_back(Phase::splash);
    splash_until_ = Clock::now() + std::chrono::milliseconds(opts.splash_ms);
  }
  if (opts.trust_prompt || opts.sticky_trust) {
    phases_.push_back(Phase::trust);
    selection_ = std::max(opts.trust_selected, 0);
  }
  if (opts.login) phases_.push_back(Phase::login);
  if (opts.api_key_screen) phases_.push_back(Phase::api_key);
  if (opts.menu) phases_.push_back(Phase::menu);
  if (opts.confirm) phases_.push_back(Phase::confirm);
  history_.push_back({Entry::Kind::verbatim, banner_text(opts)});
  if (!opts.startup_notice.empty()) history_.push_back({Entry::Kind::verbatim, opts.startup_notice});
  if (session.resumed()) history_.push_back({Entry::Kind::verbatim, resumed_notice(session)});
  arm_trust_redraw(Clock::now());
}

void Behaviour::print_output(TimePoint now) {
  const std::size_t bytes = static_cast<std::size_t>(std::max(opts_.output_rate / 10, 1));
  std::string line = "build step " + std::to_string(++output_lines_) + ": ";
  static const std::string kFill = "compiling module ok; ";
  while (line.size() < bytes) line += kFill;
  line.resize(bytes);
  add(Entry::Kind::tool, std::move(line));
  next_output_ = now + std::chrono::milliseconds(100);
}

void Behaviour::arm_trust_redraw(TimePoint now) {
  if (opts_.trust_redraw_ms > 0 && phase() == Phase::trust)
    trust_redraw_at_ = now + std::chrono::milliseconds(opts_.trust_redraw_ms);
}

// The prompt drawn from scratch: the selection goes back to the declining
// option (the first one, if none declines, as drawn at first).
void Behaviour::redraw_trust() {
  trust_redraw_at_.reset();
  if (phase() != Phase::trust) return;
  int declining = std::max(opts_.trust_selected, 0);
  for (std::size_t i = 0; i < opts_.trust_options.size(); ++i)
    if (trust_option_declines(opts_.trust_options[i])) {
      declining = static_cast<int>(i);
      break;
    }
  const auto& label = [&](int i) { return opts_.trust_options.at(static_cast<std::size_t>(i)); };
  transcript_.write("trust_redrawn", {{"option", label(declining)}, {"lost_option", label(selection_)}});
  selection_ = declining;
  changed_ = true;
}

void Behaviour::on_key(const Key& key, TimePoint now) {
  if (exit_) return;
  changed_ = true;
  if (phase() == Phase::ready)
    on_ready_key(key, now);
  else
    on_prompt_key(key, now);
}

void Behaviour::ignore(const Key& key, const char* screen) {
  nlohmann::json e{{"phase", screen ? screen : phase_name(phase())}, {"key", key_name(key.type)}};
  if (!key.text.empty()) {
    e["text"] = key.text.substr(0, 200);
    e["bytes"] = key.text.size();
  }
  transcript_.write("ignored_input", std::move(e));
}

void Behaviour::leave_phase(const std::string& kind, int choice) {
  nlohmann::json e{{"phase", phase_name(phase())}};
  if (choice > 0) e["choice"] = choice;
  if (phase() == Phase::trust) e["option"] = opts_.trust_options.at(static_cast<std::size_t>(selection_));
  transcript_.write(kind, std::move(e));
  // Codex draws inline, so an answered trust prompt stays above the prompt.
  if (phase() == Phase::trust && opts_.mode == Mode::codex) {
    std::string text;
    for (const auto& l : prompt_lines(opts_, Phase::trust, selection_, 100000))
      text += (text.empty() ? "" : "\n") + l;
    history_.push_front({Entry::Kind::verbatim, text});
  }
  phases_.pop_front();
  selection_ = 0;
}

void Behaviour::on_prompt_key(const Key& key, TimePoint now) {
  using T = Key::Type;
  Phase p = phase();
  if (key.type == T::ctrl_c)
    return request_exit(130, std::string("ctrl-c at the ") + phase_name(p) + " screen");
  if (p == Phase::splash) return ignore(key);  // nothing reads keys yet
  int choices = prompt_choices(opts_, p);
  bool arrow = key.type == T::up || key.type == T::down;
  if (arrow && p == Phase::trust && opts_.trust_arrows_ignored) return ignore(key);
  if (choices > 0 && arrow) return move_selection(key, choices);
  switch (p) {
    case Phase::trust: {
      // Only Enter answers; the supervisor must never answer with a digit.
      if (key.type != T::enter || opts_.sticky_trust) return ignore(key);
      if (trust_redraw_at_) {  // the first drawing answers nothing
        transcript_.write("ignored_input",
                          {{"phase", phase_name(p)}, {"key", key_name(key.type)}, {"before_redraw", true}});
        return;
      }
      const auto& label = opts_.trust_options.at(static_cast<std::size_t>(selection_));
      if (trust_option_declines(label)) return request_exit(1, "trust declined: " + label);
      return leave_phase("trust_answered", selection_ + 1);
    }
    case Phase::menu:
      if (key.type == T::enter) return leave_phase("menu_choice", selection_ + 1);
      if (key.type == T::text && (key.text == "1" || key.text == "2"))
        return leave_phase("menu_choice", key.text[0] - '0');
      return ignore(key);
    case Phase::confirm:
      if (key.type == T::text && key.text.size() == 1 &&
          std::string("yYnN").find(key.text) != std::string::npos) {
        bool yes = key.text == "y" || key.text == "Y";
        transcript_.write("confirm_answered", {{"answer", yes ? "y" : "n"}});
        phases_.pop_front();
        return;
      }
      return ignore(key);
    case Phase::splash:  // handled above: nothing reads keys yet
    case Phase::login:   // these never go away
    case Phase::api_key:
    case Phase::ready:
      break;
  }
  ignore(key);
}

// Up/Down move the highlighted choice (wrapping around), as both CLIs do;
// each move is recorded so tests see exactly which keys reached the prompt.
void Behaviour::move_selection(const Key& key, int choices) {
  selection_ = (selection_ + (key.type == Key::Type::down ? 1 : choices - 1)) % choices;
  nlohmann::json e{{"phase", phase_name(phase())},
                   {"key", key_name(key.type)},
                   {"choice", selection_ + 1}};
  if (phase() == Phase::trust) e["option"] = opts_.trust_options.at(static_cast<std::size_t>(selection_));
  transcript_.write("selection_moved", std::move(e));
}

void Behaviour::on_ready_key(const Key& key, TimePoint now) {
  using T = Key::Type;
  if (approval_) return on_approval_key(key, now);
  if (key.type != T::ctrl_c) ctrl_c_at_.reset();
  switch (key.type) {
    case T::text:
      composer_.insert_text(key.text);
      if (count_code_points(key.text) >= kBurstChars) last_burst_ = now;
      break;
    case T::paste:
      composer_.insert_paste(key.text);
      last_burst_ = now;
      break;
    case T::enter:
      on_enter(now);
      break;
    case T::ctrl_j:
      composer_.insert_text("\n");
      break;
    case T::backspace:
      composer_.backspace();
      break;
    case T::esc:
      if (turn_) interrupt_turn();
      break;
    case T::ctrl_c:
      on_ctrl_c(now);
      break;
    case T::ctrl_d:
      if (composer_.empty()) request_exit(0, "ctrl-d");
      break;
    default:
      break;  // arrows, stray paste ends and other sequences do nothing here
  }
}

void Behaviour::on_enter(TimePoint now) {
  // Codex cannot tell a pasted newline from a typed Enter, so right after a
  // fast burst it inserts a newline instead of submitting.
  if (guard_ms() > 0 && last_burst_ && !composer_.empty()) {
    auto since = std::chrono::duration_cast<std::chrono::milliseconds>(now - *last_burst_);
    if (since.count() < guard_ms()) {
      composer_.insert_text("\n");
      transcript_.write("enter_as_newline", {{"ms_after_burst", since.count()}});
      return;
    }
  }
  submit(now);
}

void Behaviour::on_ctrl_c(TimePoint now) {
  if (turn_) return interrupt_turn();
  if (!composer_.empty()) return composer_.clear();
  if (ctrl_c_at_ && now - *ctrl_c_at_ < kCtrlCWindow) return request_exit(0, "ctrl-c");
  ctrl_c_at_ = now;
  show_hint(opts_.mode == Mode::codex ? "ctrl + c again to quit" : "Press Ctrl-C again to exit",
            now + kCtrlCWindow);
}

void Behaviour::show_hint(std::string hint, TimePoint until) {
  hint_ = std::move(hint);
  hint_until_ = until;
  changed_ = true;
}

void Behaviour::request_exit(int code, std::string reason) {
  if (!exit_) exit_ = ExitRequest{code, std::move(reason)};
  changed_ = true;
}

void Behaviour::on_tick(TimePoint now) {
  if (exit_) return;
  if (hint_until_ && now >= *hint_until_) {
    hint_.clear();
    hint_until_.reset();
    changed_ = true;
  }
  if (splash_until_ && now >= *splash_until_) {
    splash_until_.reset();
    phases_.pop_front();
    transcript_.write("splash_done", nlohmann::json::object());
    arm_trust_redraw(now);
    changed_ = true;
  }
  if (trust_redraw_at_ && now >= *trust_redraw_at_) redraw_trust();
  for (;;) {
    if (!turn_ && !queued_.empty()) {  // a message submitted while working
      Turn next = std::move(queued_.front());
      queued_.pop_front();
      begin_turn(std::move(next), now);
    }
    if (!turn_ticking() || now < turn_->started + std::chrono::milliseconds(opts_.work_ms)) break;
    finish_turn(now);
    changed_ = true;
  }
  if (turn_ticking() && opts_.output_rate > 0 && now >= next_output_) print_output(now);
  if (turn_ticking()) {
    int seconds = static_cast<int>(
        std::chrono::duration_cast<std::chrono::seconds>(now - turn_->started).count());
    if (seconds != seconds_shown_) changed_ = true;
  }
}

std::optional<TimePoint> Behaviour::next_deadline(TimePoint now) const {
  std::optional<TimePoint> d = hint_until_;
  auto earliest = [&d](TimePoint t) { d = d ? std::min(*d, t) : t; };
  if (splash_until_) earliest(*splash_until_);
  if (trust_redraw_at_) earliest(*trust_redraw_at_);
  if (!turn_ && !queued_.empty()) earliest(now);
  if (turn_ticking()) {
    earliest(turn_->started + std::chrono::milliseconds(opts_.work_ms));
    if (opts_.output_rate > 0) earliest(next_output_);
    // Redraw the working line's seconds counter when it next changes.
    auto elapsed = std::chrono::duration_cast<std::chrono::seconds>(now - turn_->started);
    earliest(turn_->started + elapsed + std::chrono::seconds(1));
  }
  return d;
}

bool Behaviour::take_changed() {
  if (frozen()) return false;  // kept for the redraw after the interrupt
  bool c = changed_;
  changed_ = false;
  return c;
}

ScreenState Behaviour::screen(TimePoint now) const {
  ScreenState s;
  s.phase = phase();
  s.history = &history_;
  s.composer = composer_.display_text();
  s.selection = selection_;
  s.hint = hint_;
  if (approval_) {  // the prompt stands where the working line and the input were
    s.approval = *approval_;
  } else if (turn_) {
    s.working = true;
    s.working_seconds = static_cast<int>(
        std::chrono::duration_cast<std::chrono::seconds>(now - turn_->started).count());
    seconds_shown_ = s.working_seconds;
  }
  return s;
}

}  // namespace ta::fake
