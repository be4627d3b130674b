#include "terminal/display_border.h"

#include <utility>

namespace ta::terminal {

BorderLabel border_label(const AgentView& v) {
  const auto& s = v.pane_state;
  if (s == "exited") return {"exited", "fg=red", LabelGroup::off};
  if (s == "gone") return {"gone", "fg=red", LabelGroup::off};
  if (v.stuck) return {"stuck", "fg=red bold", LabelGroup::stuck};
  if (s == "awaiting_trust" || (s == "blocked" && v.screen == "trust_prompt"))
    return {"awaiting trust", "fg=magenta bold", LabelGroup::wait};
  if (s == "blocked") {
    // A screen that takes no input waits for a person: say which one.
    std::string what = v.screen.empty() || v.screen == "blocked" ? "" : ": " + v.screen;
    for (auto& c : what)
      if (c == '_') c = ' ';
    return {"blocked" + what, "fg=yellow bold", LabelGroup::wait};
  }
  if (s == "busy" || s == "delivering") return {"working", "fg=cyan", LabelGroup::work};
  if (s == "ready") return {"ready", "fg=green", LabelGroup::idle};
  return {"starting", "fg=yellow", LabelGroup::idle};
}

std::string window_counts(const std::vector<BorderLabel>& labels) {
  int work = 0, wait = 0, stuck = 0;
  for (const auto& l : labels) {
    work += l.group == LabelGroup::work;
    wait += l.group == LabelGroup::wait;
    stuck += l.group == LabelGroup::stuck;
  }
  std::string out;
  for (auto [n, word] : {std::pair<int, const char*>{work, "work"}, {wait, "wait"}, {stuck, "stuck"}})
    if (n > 0) out += (out.empty() ? "" : " · ") + std::to_string(n) + " " + word;
  return out;
}

}  // namespace ta::terminal
