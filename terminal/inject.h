#pragma once
// Delivering one message into one agent pane (SPEC §3 steps 1–5): gate,
// baseline, paste through a buffer of its own, verify it landed, submit.
// Blocking: it runs on a thread the caller owns, never a CAF worker.
#include <chrono>
#include <string>
#include <vector>

#include "config/provider_profile.h"
#include "terminal/pane_changes.h"
#include "terminal/tmux_runner.h"

namespace ta::terminal {

// Whether `e` (from asking tmux about a pane) means tmux itself cannot be
// reached: its server is gone or our control connection to it is down.
bool tmux_unreachable(TmuxRunner& tmux, const Error& e);

struct InjectRequest {
  std::string pane_id;     // "%3"
  std::string message_id;  // msg_…; names the paste buffer
  std::string rendered;    // render_message(...): already neutralised
  const config::ProviderProfile* profile = nullptr;
};

struct InjectOptions {
  // Where %output arrives; without it the screen is re-read every poll_interval.
  const PaneChanges* changes = nullptr;
  std::chrono::milliseconds poll_interval{50};
  // How long to wait for the screen to react to an Enter before looking again.
  std::chrono::milliseconds enter_reaction{1000};
  int max_extra_enters = 3;
};

enum class InjectStage { gate, paste, verify, submit, done };
const char* inject_stage_name(InjectStage s);

struct InjectResult {
  bool submitted = false;
  InjectStage stage = InjectStage::gate;  // where it ended
  // Why it failed: pane_missing, pane_dead, pane_in_mode, non_input_screen,
  // capture_failed, paste_failed, not_landed, placeholder_not_cleared, still_in_composer,
  // submit_failed. Empty on success.
  std::string reason;
  std::string detected;      // the non-input state that refused the paste
  std::string pane_mode;     // tmux mode the pane was in, if any
  std::string capture_tail;  // the normalised screen when it failed
  std::string verified_by;   // token | fragment | new_placeholder
  std::string buffer;        // the paste buffer used (deleted afterwards)
  int enter_presses = 0;
  std::vector<std::string> notes;  // what happened on the way, in order
};

// Never pastes twice: after a paste whose outcome is uncertain it reports a
// failure rather than risk a duplicated message.
InjectResult inject(TmuxRunner& tmux, const InjectRequest& request,
                    const InjectOptions& options = {});

// The paste buffer a message uses: unique per message, never shared.
std::string paste_buffer_name(const std::string& message_id);

// Deletes every paste buffer of ours still on the server (a run that died
// between loading and pasting one): a stale buffer must never be pasted
// into a pane started afterwards. Returns how many were deleted.
Result<int> delete_stale_paste_buffers(TmuxRunner& tmux);

// How long to wait for a paste of `bytes` to show: clamp(bytes/25000, 1.5, 30) s.
std::chrono::milliseconds landing_timeout(std::size_t bytes);

}  // namespace ta::terminal
