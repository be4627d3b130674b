#pragma once
// Is the agent idle, working, stuck, or can we not tell (SPEC §4)? Decided by
// where the provider's markers sit on the screen: the CLI redraws its current
// state at the bottom, so the latest marker wins. "Unknown is never idle":
// without an idle marker the answer is working, stuck or uncertain.
#include <optional>
#include <string>

#include "config/provider_profile.h"
#include "terminal/screen.h"

namespace ta::terminal {

enum class Activity { idle, working, stuck, uncertain };

const char* activity_name(Activity a);

// What the caller knows besides the screen. Ages are given, never measured:
// the classifier reads no clock.
struct ActivityInput {
  bool pane_in_mode = false;                   // tmux copy/view mode hides the live screen
  std::optional<std::string> current_command;  // tmux pane_current_command
  std::optional<double> last_output_age_s;     // seconds since the pane last changed
  double stuck_after_s = 300;                  // no output for this long is "stuck"
  double recent_output_s = 120;                // output this recent without markers is work
};

struct ActivityVerdict {
  Activity status = Activity::uncertain;
  double confidence = 0.5;
  std::string evidence;
};

ActivityVerdict classify_activity(const Screen& screen, const config::ProviderProfile& profile,
                                  const ActivityInput& input = {});

}  // namespace ta::terminal
