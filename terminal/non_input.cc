#include "terminal/non_input.h"

#include "terminal/screen_markers.h"

namespace ta::terminal {

const char* non_input_state_name(NonInputState s) {
  switch (s) {
    case NonInputState::none:
      return "none";
    case NonInputState::trust_prompt:
      return "trust_prompt";
    case NonInputState::first_run_auth:
      return "first_run_auth";
    case NonInputState::compaction_warning:
      return "compaction_warning";
    case NonInputState::press_enter:
      return "press_enter";
    case NonInputState::y_n_confirm:
      return "y_n_confirm";
    case NonInputState::numbered_menu:
      return "numbered_menu";
    case NonInputState::shell_prompt_cli_dead:
      return "shell_prompt_cli_dead";
  }
  return "none";
}

namespace {

// A line drawn only with box characters: the frame of a dialog, not content.
bool is_border(std::string_view line) {
  static const Regex border = *Regex::compile("^[\\s\\x{2500}-\\x{257F}\\x{2580}-\\x{259F}]*$");
  return border.search(line);
}

// The patterns run over the live lines joined with '\n', so "\s+" in a
// pattern also spans a line the pane wrapped.
std::optional<NonInputVerdict> match_text(const Screen& screen, std::size_t from,
                                          const config::PatternList& patterns,
                                          NonInputState state) {
  std::string text;
  std::vector<std::size_t> starts;
  for (std::size_t i = from; i < screen.lines.size(); ++i) {
    starts.push_back(text.size());
    text += screen.lines[i];
    text.push_back('\n');
  }
  for (const auto& p : patterns.patterns) {
    auto m = p.find(text);
    if (!m) continue;
    std::size_t line = from;
    for (std::size_t k = 0; k < starts.size(); ++k)
      if (starts[k] <= m->begin) line = from + k;
    return NonInputVerdict{state, std::string(non_input_state_name(state)) + ": line " +
                                      std::to_string(line + 1) + " " + quote(screen.lines[line]) +
                                      " matches " + quote(p.pattern(), 60)};
  }
  return std::nullopt;
}

// Consecutive "1." and "2." items form a menu only when an item shows the
// selection marker or nothing but more items, hints and borders follows:
// a numbered list in an agent's prose is followed by more prose.
std::optional<NonInputVerdict> match_menu(const Screen& screen, std::size_t from,
                                          const config::MenuPatterns& menu) {
  if (!menu.first_item.valid()) return std::nullopt;
  const auto& lines = screen.lines;
  for (std::size_t i = from; i + 1 < lines.size(); ++i) {
    if (!menu.first_item.search(lines[i]) || !menu.second_item.search(lines[i + 1])) continue;
    std::size_t last = i + 1;
    while (last + 1 < lines.size() && menu.any_item.search(lines[last + 1])) ++last;
    bool selected = false;
    for (std::size_t k = i; k <= last; ++k) selected = selected || menu.selected.matches(lines[k]);
    bool at_bottom = true;
    for (std::size_t k = last + 1; k < lines.size(); ++k)
      at_bottom = at_bottom && (menu.hints.matches(lines[k]) || is_border(lines[k]));
    if (!selected && !at_bottom) continue;
    std::string why = selected ? "an item is selected" : "only hints follow it";
    return NonInputVerdict{NonInputState::numbered_menu,
                           "numbered_menu: items on lines " + std::to_string(i + 1) + "-" +
                               std::to_string(last + 1) + " " + quote(lines[i]) + ", " + why};
  }
  return std::nullopt;
}

}  // namespace

NonInputVerdict classify_non_input(const Screen& screen, const config::ProviderProfile& profile) {
  if (screen.empty()) return {NonInputState::none, "the screen is empty"};
  const auto& s = profile.screen;
  std::size_t from = live_region_start(screen, profile);
  const std::pair<const config::PatternList*, NonInputState> ordered[] = {
      {&s.non_input.trust_prompt, NonInputState::trust_prompt},
      {&s.non_input.first_run_auth, NonInputState::first_run_auth},
      {&s.non_input.compaction_warning, NonInputState::compaction_warning},
      {&s.non_input.press_enter, NonInputState::press_enter},
      {&s.non_input.y_n_confirm, NonInputState::y_n_confirm},
  };
  for (const auto& [patterns, state] : ordered)
    if (auto v = match_text(screen, from, *patterns, state)) return *v;
  if (auto v = match_menu(screen, from, s.menu)) return *v;
  // The CLI's own input line may end in "%" or "$" as typed text; a shell
  // prompt is a last line that is not the CLI's input line.
  const std::string& last = screen.lines.back();
  bool last_is_input = s.idle.matches(last);
  if (!last_is_input && s.shell_prompt.matches(last))
    return {NonInputState::shell_prompt_cli_dead,
            "shell_prompt_cli_dead: the last line " + quote(last) + " is a shell prompt"};
  bool has_input_line = from > 0 || s.idle.matches(screen.lines.front());
  std::string where = !has_input_line ? "on screen"
                                      : "from the input line " + std::to_string(from + 1) + " " +
                                            quote(screen.lines[from]) + " down";
  return {NonInputState::none, "no blocking prompt " + where};
}

}  // namespace ta::terminal
