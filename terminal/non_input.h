#pragma once
// Screens that cannot take a pasted message (SPEC §4): pasting into a trust
// prompt, a login screen or a menu types the message into a dialog instead
// of the agent's input, so delivery is gated on this verdict.
#include <string>

#include "config/provider_profile.h"
#include "terminal/screen.h"

namespace ta::terminal {

enum class NonInputState {
  none,  // nothing blocks input
  trust_prompt,
  first_run_auth,
  compaction_warning,
  press_enter,
  y_n_confirm,
  numbered_menu,
  shell_prompt_cli_dead,
};

// "trust_prompt", …; "none" for NonInputState::none.
const char* non_input_state_name(NonInputState s);

struct NonInputVerdict {
  NonInputState state = NonInputState::none;
  std::string evidence;  // which line said so, or why nothing blocks
  bool blocks_input() const { return state != NonInputState::none; }
};

// Looks only below the latest input-ready line (a prompt above a live input
// line was answered already), checks the profile's blocking patterns in a
// fixed order (a trust prompt also says "press enter to continue"), then
// numbered menus, then a shell prompt on the last line.
NonInputVerdict classify_non_input(const Screen& screen, const config::ProviderProfile& profile);

}  // namespace ta::terminal
