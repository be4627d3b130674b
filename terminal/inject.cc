#include "terminal/inject.h"

#include <algorithm>
#include <thread>

#include "terminal/composer.h"
#include "terminal/delivery_check.h"
#include "terminal/non_input.h"
#include "terminal/placeholder.h"
#include "terminal/screen.h"
#include "terminal/tmux_control.h"
#include "terminal/tmux_ops.h"
#include "util/redact.h"

namespace ta::terminal {

bool tmux_unreachable(TmuxRunner& tmux, const Error& e) {
  if (auto* control = dynamic_cast<TmuxControl*>(&tmux); control && !control->connected())
    return true;
  // What the tmux client says when it finds no server on the socket.
  for (const char* said : {"no server running", "error connecting to", "lost server",
                           "server exited", "Connection refused"})
    if (e.message.find(said) != std::string::npos) return true;
  return false;
}

namespace {

using Clock = std::chrono::steady_clock;

// What a failure records of the screen: redacted before normalising keeps
// only its last lines, so a key cut there cannot leave its tail behind.
std::string tail_of(std::string_view capture) {
  return normalise_capture(redact_secrets(capture)).text();
}

// One delivery attempt; the struct only carries what every step shares.
class Injection {
 public:
  Injection(TmuxRunner& tmux, const InjectRequest& req, const InjectOptions& opts)
      : tmux_(tmux), req_(req), opts_(opts) {
    result_.buffer = paste_buffer_name(req.message_id);
  }

  InjectResult run() {
    if (!req_.profile) return fail(InjectStage::gate, "no_profile", "");
    std::string baseline;
    if (!gate(baseline)) return result_;
    result_.stage = InjectStage::paste;
    if (!paste()) return result_;
    if (!verify(baseline)) return result_;
    if (!submit()) return result_;
    result_.stage = InjectStage::done;
    result_.submitted = true;
    return result_;
  }

 private:
  InjectResult& fail(InjectStage stage, std::string reason, std::string_view capture) {
    result_.stage = stage;
    result_.reason = std::move(reason);
    if (!capture.empty()) result_.capture_tail = tail_of(capture);
    return result_;
  }

  // The pane could not be looked at: the tmux server (or our connection to
  // it) is gone, which says nothing about the pane, or the pane is.
  InjectResult& fail_gone(InjectStage stage, const Error& e) {
    if (tmux_unreachable(tmux_, e)) {
      result_.notes.push_back("tmux: " + e.message);
      return fail(stage, "tmux_unavailable", "");
    }
    return fail(stage, "pane_missing", "");
  }

  // The screen now, or nothing when the pane is gone.
  std::optional<std::string> capture() {
    auto c = capture_pane(tmux_, req_.pane_id);
    if (!c) return std::nullopt;
    return *c;
  }

  // Waits for the pane to print something, or until `deadline`.
  void wait_for_change(Clock::time_point deadline) {
    if (opts_.changes) {
      seen_ = opts_.changes->wait(req_.pane_id, seen_, std::min(deadline, Clock::now() + opts_.poll_interval * 4));
    } else {
      std::this_thread::sleep_until(std::min(deadline, Clock::now() + opts_.poll_interval));
    }
  }

  // Step 1 (and 2): refuse panes that cannot take input; the capture that
  // passed the gate is the baseline the landing check compares with.
  bool gate(std::string& baseline) {
    auto info = pane_info(tmux_, req_.pane_id);
    if (!info) return fail_gone(InjectStage::gate, info.error()), false;
    if (info->dead) return fail(InjectStage::gate, "pane_dead", ""), false;
    if (info->in_mode) {
      result_.pane_mode = info->mode;
      // The mode's own exit: copy and view mode take `-X cancel`; other
      // modes (tree, client, buffer choosers) leave on `q`.
      if (info->mode == "copy-mode" || info->mode == "view-mode")
        (void)tmux_.run({"send-keys", "-X", "-t", req_.pane_id, "cancel"});
      else
        (void)send_keys(tmux_, req_.pane_id, {"q"});
      info = pane_info(tmux_, req_.pane_id);
      if (!info) return fail_gone(InjectStage::gate, info.error()), false;
      if (info->in_mode) return fail(InjectStage::gate, "pane_in_mode", ""), false;
      result_.notes.push_back("left " + result_.pane_mode + " before pasting");
    }
    if (opts_.changes) seen_ = opts_.changes->version(req_.pane_id);
    auto screen = capture();
    if (!screen) return fail(InjectStage::gate, "capture_failed", ""), false;
    auto verdict = classify_non_input(normalise_capture(*screen), *req_.profile);
    if (verdict.blocks_input()) {
      result_.detected = non_input_state_name(verdict.state);
      return fail(InjectStage::gate, "non_input_screen", *screen), false;
    }
    baseline = std::move(*screen);
    return true;
  }

  // Step 3: a buffer of its own, bracketed paste, buffer gone afterwards
  // whatever happened.
  bool paste() {
    // A successful paste deletes the buffer itself (-d); the guard covers
    // every way of getting here without one.
    struct BufferGuard {
      TmuxRunner& tmux;
      const std::string& name;
      bool deleted = false;
      ~BufferGuard() {
        if (!deleted) (void)delete_buffer(tmux, name);
      }
    } guard{tmux_, result_.buffer};
    if (auto st = load_buffer(tmux_, result_.buffer, req_.rendered); !st) {
      result_.notes.push_back(st.error().message);
      return fail(InjectStage::paste, "paste_failed", ""), false;
    }
    PasteOptions p;
    p.bracketed = true;
    p.delete_after = true;
    if (auto st = paste_buffer(tmux_, result_.buffer, req_.pane_id, p); !st) {
      result_.notes.push_back(st.error().message);
      return fail(InjectStage::paste, "paste_failed", ""), false;
    }
    guard.deleted = true;
    return true;
  }

  // Step 4: the token, a strong fragment or a new placeholder must show up.
  bool verify(const std::string& baseline) {
    result_.stage = InjectStage::verify;
    auto deadline = Clock::now() + landing_timeout(req_.rendered.size());
    std::string last;
    for (;;) {
      auto screen = capture();
      if (!screen) {
        // The pane went away with the paste in flight: nothing to retry.
        auto info = pane_info(tmux_, req_.pane_id);
        return fail(InjectStage::verify, info && info->dead ? "pane_dead" : "pane_missing", last),
               false;
      }
      last = std::move(*screen);
      auto landed = check_landed(baseline, last, req_.message_id, req_.rendered, *req_.profile);
      if (landed.landed && !in_composer(last, landed.evidence)) {
        landed.landed = false;  // a terminal echo outside the input box proves nothing
      }
      if (landed.landed) {
        result_.verified_by = landing_evidence_name(landed.evidence);
        return true;
      }
      // A dead pane still captures (remain-on-exit): say so instead of waiting it out.
      if (auto info = pane_info(tmux_, req_.pane_id); !info || info->dead)
        return fail(InjectStage::verify, info ? "pane_dead" : "pane_missing", last), false;
      if (Clock::now() >= deadline) return fail(InjectStage::verify, "not_landed", last), false;
      wait_for_change(deadline);
    }
  }

  bool knows_composer() const { return !req_.profile->screen.composer.start.empty(); }

  // Where the profile knows its CLI's input box, the paste must be seen in
  // it: the token inside it, or a new placeholder on its input line.
  bool in_composer(const std::string& screen, LandingEvidence evidence) {
    if (!knows_composer()) return true;
    if (composer_holds(screen, req_.message_id, *req_.profile)) return true;
    return evidence == LandingEvidence::new_placeholder && placeholder_in_input(screen);
  }

  bool placeholder_in_input(const std::string& screen) {
    auto p = find_placeholder(normalise_capture(screen), *req_.profile);
    return p && p->on_input_line;
  }

  // Whether the message still waits in the input line (the Enter did not
  // send it): its placeholder, or its token inside the composer.
  bool placeholder_pending(const std::string& screen) {
    if (placeholder_in_input(screen)) return true;
    return knows_composer() && composer_holds(screen, req_.message_id, *req_.profile);
  }

  // Step 5: settle, Enter on its own, and Enter again while a placeholder
  // still waits in the input line. Never a second paste.
  bool submit() {
    result_.stage = InjectStage::submit;
    if (req_.profile->settle_ms > 0)
      std::this_thread::sleep_for(std::chrono::milliseconds(req_.profile->settle_ms));
    const std::string key = req_.profile->submit_key.empty() ? "Enter" : req_.profile->submit_key;
    for (int presses = 0;; ++presses) {
      if (opts_.changes) seen_ = opts_.changes->version(req_.pane_id);
      if (auto st = send_keys(tmux_, req_.pane_id, {key}); !st) {
        result_.notes.push_back(st.error().message);
        return fail(InjectStage::submit, "submit_failed", ""), false;
      }
      ++result_.enter_presses;
      // Give the CLI a moment to react before judging the screen.
      auto deadline = Clock::now() + opts_.enter_reaction;
      std::optional<std::string> screen;
      for (;;) {
        screen = capture();
        if (!screen) return fail(InjectStage::submit, "pane_missing", ""), false;
        if (!placeholder_pending(*screen) || Clock::now() >= deadline) break;
        wait_for_change(deadline);
      }
      if (!placeholder_pending(*screen)) return true;
      if (presses >= opts_.max_extra_enters)
        return fail(InjectStage::submit,
                    placeholder_in_input(*screen) ? "placeholder_not_cleared" : "still_in_composer",
                    *screen),
               false;
      result_.notes.push_back("the message is still in the input line; pressing " + key + " again");
    }
  }

  TmuxRunner& tmux_;
  const InjectRequest& req_;
  const InjectOptions& opts_;
  InjectResult result_;
  std::uint64_t seen_ = 0;
};

}  // namespace

const char* inject_stage_name(InjectStage s) {
  switch (s) {
    case InjectStage::gate: return "gate";
    case InjectStage::paste: return "paste";
    case InjectStage::verify: return "verify";
    case InjectStage::submit: return "submit";
    case InjectStage::done: return "done";
  }
  return "unknown";
}

std::string paste_buffer_name(const std::string& message_id) {
  return "team-agent-send-" + message_id;
}

Result<int> delete_stale_paste_buffers(TmuxRunner& tmux) {
  auto names = tmux.run({"list-buffers", "-F", "#{buffer_name}"});
  if (!names) return names.error();
  const std::string prefix = paste_buffer_name("");
  int deleted = 0;
  for (const auto& name : *names)
    if (name.compare(0, prefix.size(), prefix) == 0 && delete_buffer(tmux, name)) ++deleted;
  return deleted;
}

std::chrono::milliseconds landing_timeout(std::size_t bytes) {
  double s = std::clamp(static_cast<double>(bytes) / 25000.0, 1.5, 30.0);
  return std::chrono::milliseconds(static_cast<long long>(s * 1000));
}

InjectResult inject(TmuxRunner& tmux, const InjectRequest& request, const InjectOptions& options) {
  return Injection(tmux, request, options).run();
}

}  // namespace ta::terminal
