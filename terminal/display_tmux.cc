#include "terminal/display_tmux.h"

#include <cstdlib>

#include "util/strings.h"

namespace ta::terminal {

namespace {

// The first window index a reorder parks windows at before renumbering:
// above any index a session of ours reaches.
constexpr int kParkedIndex = 1000;

Status run_all(TmuxRunner& tmux, const std::vector<std::vector<std::string>>& commands) {
  for (const auto& words : commands)
    if (auto r = tmux.run(words); !r) return r.error();
  return ok_status();
}

int to_int(const std::string& s) { return static_cast<int>(std::strtol(s.c_str(), nullptr, 10)); }

std::vector<std::string> name_window(const std::string& pane, const std::string& name) {
  return {"set-option", "-w", "-t", pane, kWindowOption, name};
}

Status apply_step(TmuxRunner& tmux, const std::string& session, const DisplayStep& s) {
  switch (s.kind) {
    case DisplayStepKind::break_out:
      return run_all(tmux, {{"break-pane", "-d", "-s", s.pane, "-n", s.name},
                            name_window(s.pane, s.name)});
    case DisplayStepKind::join:
      // Tiled again at once, so that the next pane joining splits a pane
      // of an even share of the window, never an ever smaller one.
      return run_all(tmux, {{"join-pane", "-d", "-s", s.pane, "-t", s.target},
                            {"select-layout", "-t", s.target, "tiled"}});
    case DisplayStepKind::swap:
      return run_all(tmux, {{"swap-pane", "-d", "-s", s.pane, "-t", s.target}});
    case DisplayStepKind::name_window:
      return run_all(tmux, {{"rename-window", "-t", s.pane, s.name}, name_window(s.pane, s.name)});
    case DisplayStepKind::retile:
      return retile(tmux, {s.pane});
    case DisplayStepKind::reorder: {
      std::vector<std::vector<std::string>> commands;
      for (std::size_t i = 0; i < s.panes.size(); ++i)
        commands.push_back({"move-window", "-d", "-s", s.panes[i], "-t",
                            "=" + session + ":" + std::to_string(kParkedIndex + i)});
      commands.push_back({"move-window", "-r", "-t", "=" + session});
      return run_all(tmux, commands);
    }
  }
  return ok_status();
}

}  // namespace

Status tag_agent_pane(TmuxRunner& tmux, const std::string& pane_id, const std::string& agent,
                      const std::string& provider) {
  return run_all(tmux, {{"set-option", "-p", "-t", pane_id, kAgentOption, agent},
                        {"set-option", "-p", "-t", pane_id, kProviderOption, provider}});
}

Result<std::vector<PlacedPane>> list_placed_panes(TmuxRunner& tmux, const std::string& session) {
  auto lines = tmux.run({"list-panes", "-s", "-t", "=" + session, "-F",
                         std::string("#{pane_id}\t#{window_id}\t#{window_index}\t#{") +
                           kWindowOption + "}\t#{" + kAgentOption + "}\t#{window_name}"});
  if (!lines) return lines.error();
  std::vector<PlacedPane> out;
  for (const auto& line : *lines) {
    auto f = split_fields(line, '\t', 6);
    if (f.size() < 6) continue;
    out.push_back({f[0], f[1], to_int(f[2]), f[3], f[5], f[4]});
  }
  return out;
}

Result<std::map<std::string, std::string>> agent_panes(TmuxRunner& tmux,
                                                       const std::string& session) {
  auto panes = list_placed_panes(tmux, session);
  if (!panes) return panes.error();
  std::map<std::string, std::string> out;
  for (const auto& p : *panes)
    if (!p.agent.empty()) out.emplace(p.agent, p.pane_id);
  for (const auto& p : *panes)
    if (p.agent.empty() && !p.window_name.empty()) out.emplace(p.window_name, p.pane_id);
  return out;
}

Result<TerminalSize> session_window_size(TmuxRunner& tmux, const std::string& session) {
  auto r = tmux.run({"display-message", "-p", "-t", "=" + session + ":",
                     "#{window_width}\t#{window_height}"});
  if (!r) return r.error();
  if (r->empty()) return make_error("tmux display-message printed no window size");
  auto f = split_fields(r->front(), '\t', 2);
  if (f.size() < 2) return make_error("tmux printed no window size: " + r->front());
  return TerminalSize{to_int(f[0]), to_int(f[1])};
}

Status apply_display_plan(TmuxRunner& tmux, const std::string& session,
                          const DisplayPlan& plan) {
  for (const auto& s : plan.steps)
    if (auto st = apply_step(tmux, session, s); !st) return st;
  return ok_status();
}

Status retile(TmuxRunner& tmux, const std::vector<std::string>& window_panes,
              bool unless_zoomed) {
  for (const auto& p : window_panes) {
    auto r = unless_zoomed ? tmux.run({"if-shell", "-F", "-t", p, "#{window_zoomed_flag}", "",
                                       "select-layout -t " + p + " tiled"})
                           : tmux.run({"select-layout", "-t", p, "tiled"});
    if (!r) return r.error();
  }
  return ok_status();
}

Status set_display_formats(TmuxRunner& tmux, DisplayMode mode) {
  const std::string agent = std::string("#{") + kAgentOption + "}";
  const std::string border =
    " #{?" + agent + "," + agent + " · #{" + kProviderOption +
    "} · #[#{@ta_style}]#{@ta_state}#[default],#{pane_current_command}} ";
  const std::string status =
    "#I:#W#{?window_flags,#{window_flags}, }#{?#{@ta_counts},[#{@ta_counts}],}";
  return run_all(
    tmux, {{"set-option", "-g", "-w", "pane-border-status",
            mode == DisplayMode::overview ? "top" : "off"},
           {"set-option", "-g", "-w", "pane-border-format", border},
           {"set-option", "-g", "-w", "window-status-format", status},
           {"set-option", "-g", "-w", "window-status-current-format", status},
           // The windows' counts need the room more than a clock does.
           {"set-option", "-g", "status-right", ""},
           // Windows a rebuild empties leave no gaps in the numbering.
           {"set-option", "-g", "renumber-windows", "on"}});
}

Status set_pane_label(TmuxRunner& tmux, const std::string& pane_id, const BorderLabel& label) {
  return run_all(tmux, {{"set-option", "-p", "-t", pane_id, "@ta_style", label.style},
                        {"set-option", "-p", "-t", pane_id, "@ta_state", label.state}});
}

Status set_window_counts(TmuxRunner& tmux, const std::string& pane_id, const std::string& counts) {
  auto r = tmux.run({"set-option", "-w", "-t", pane_id, "@ta_counts", counts});
  if (!r) return r.error();
  return ok_status();
}

}  // namespace ta::terminal
