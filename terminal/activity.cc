#include "terminal/activity.h"

#include <algorithm>
#include <cmath>

#include "terminal/screen_markers.h"

namespace ta::terminal {

const char* activity_name(Activity a) {
  switch (a) {
    case Activity::idle:
      return "idle";
    case Activity::working:
      return "working";
    case Activity::stuck:
      return "stuck";
    case Activity::uncertain:
      return "uncertain";
  }
  return "uncertain";
}

namespace {

std::string seconds(double s) {
  return std::to_string(static_cast<long long>(std::floor(s))) + "s";
}

std::string basename(const std::string& command) {
  auto slash = command.rfind('/');
  return slash == std::string::npos ? command : command.substr(slash + 1);
}

// A live status line within its window from the bottom, with no turn-end
// line ("Worked for 2m") below it.
std::optional<MarkerHit> live_status(const Screen& screen, const config::ScreenPatterns& s) {
  const std::size_t n = screen.lines.size();
  std::optional<MarkerHit> best;
  for (const auto& live : s.live_status) {
    std::size_t window = static_cast<std::size_t>(std::max(live.within_last_lines, 0));
    std::size_t first = n > window ? n - window : 0;
    for (std::size_t i = n; i > first; --i) {
      auto m = live.pattern.find(screen.lines[i - 1]);
      if (!m) continue;
      if (latest_match(screen, s.turn_end, i)) break;
      if (!best || i - 1 > best->line) best = MarkerHit{i - 1, std::string(m->text)};
      break;
    }
  }
  return best;
}

}  // namespace

ActivityVerdict classify_activity(const Screen& screen, const config::ProviderProfile& profile,
                                  const ActivityInput& in) {
  if (in.pane_in_mode)
    return {Activity::uncertain, 0.9, "pane_in_mode: a tmux copy/view mode hides the live screen"};
  if (in.current_command && !in.current_command->empty() && !profile.process_names.empty()) {
    std::string cmd = basename(*in.current_command);
    const auto& names = profile.process_names;
    if (std::find(names.begin(), names.end(), cmd) == names.end())
      return {Activity::uncertain, 0.75,
              "the pane runs " + cmd + ", not the " + profile.name + " CLI"};
  }
  const auto& s = profile.screen;
  bool stale = in.last_output_age_s && *in.last_output_age_s >= in.stuck_after_s;
  if (auto live = live_status(screen, s)) {
    // A live status line redraws its timer every second: frozen, it is stuck.
    if (stale)
      return {Activity::stuck, 0.85,
              "live status line " + quote(screen.lines[live->line]) + " but nothing changed for " +
                  seconds(*in.last_output_age_s)};
    return {Activity::working, 0.9,
            "live status line " + quote(screen.lines[live->line]) + " sits above the input line"};
  }

  auto idle = latest_match(screen, s.idle);
  auto busy = latest_match(screen, s.working);
  // A shell prompt below the CLI's last input line: the CLI has exited.
  if (!screen.empty() && s.shell_prompt.matches(screen.lines.back()) &&
      (!idle || idle->line + 1 < screen.lines.size()))
    return {Activity::uncertain, 0.75,
            "the last line " + quote(screen.lines.back()) +
                " is a shell prompt: the CLI is not running"};
  if (busy && (!idle || busy->line > idle->line)) {
    if (stale)
      return {Activity::stuck, 0.85,
              "working line " + quote(screen.lines[busy->line]) +
                  " is the latest signal but nothing changed for " +
                  seconds(*in.last_output_age_s)};
    return {Activity::working, 0.9,
            "working line " + quote(screen.lines[busy->line]) + " is the latest signal"};
  }
  if (idle)
    return {Activity::idle, 0.9,
            "idle prompt " + quote(screen.lines[idle->line]) + " is the latest signal"};
  if (stale)
    return {
        Activity::stuck, 0.85,
        "no idle prompt or working marker, and no output for " + seconds(*in.last_output_age_s)};
  if (in.last_output_age_s && *in.last_output_age_s <= in.recent_output_s)
    return {Activity::working, 0.7,
            "no idle prompt, and the pane changed " + seconds(*in.last_output_age_s) + " ago"};
  return {Activity::uncertain, 0.5, "no idle prompt or working marker on screen"};
}

}  // namespace ta::terminal
