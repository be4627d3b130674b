#include "ops/peek.h"

#include <algorithm>
#include <thread>

#include "ops/errors.h"
#include "ops/pane_lines.h"
#include "ops/team.h"
#include "terminal/display_tmux.h"
#include "terminal/pane_changes.h"
#include "terminal/tmux_control.h"
#include "terminal/tmux_ops.h"
#include "util/strings.h"

namespace ta::ops {

namespace {

using Clock = std::chrono::steady_clock;

// How often a follower looks at the stop request while the pane is quiet,
// and at most how often it reads a pane that prints without pause.
constexpr auto kStopCheck = std::chrono::milliseconds(250);
constexpr auto kMinReadGap = std::chrono::milliseconds(100);
// How much of the pane a follower compares from read to read: the screen
// and this much history, so that a change anywhere on the screen is seen
// whatever -n asked for.
constexpr std::size_t kFollowWindow = 300;

Status check_member(const config::Paths& paths, const std::string& agent) {
  auto spec = load_team_if_present(paths.team_json);
  if (!spec) return spec.error();
  if (!*spec)
    return make_error("no team is set up in " + paths.workspace +
                      "; run 'team-agent init' and 'team-agent run' first");
  if ((*spec)->find(agent)) return ok_status();
  return usage_error("unknown agent \"" + agent + "\" (the team has: " +
                     join((*spec)->member_ids()) + ")");
}

// The agent's pane, wherever the display shows it.
Result<std::string> agent_pane(TeamTmux& team, const std::string& agent) {
  auto panes = terminal::agent_panes(team.server, team.session);
  if (!panes) return panes.error();
  if (auto it = panes->find(agent); it != panes->end()) return it->second;
  return make_error("agent " + agent + " has no pane in the team's tmux session (stopped, or not "
                    "started yet); 'team-agent status " + agent + "' says why");
}

// The visible screen and `lines` of history above it: enough for the last
// `lines` lines even when the screen's bottom rows are blank.
Result<std::vector<std::string>> read_lines(terminal::TmuxRunner& tmux, const std::string& agent,
                                            const std::string& pane, std::size_t lines) {
  terminal::CaptureOptions o;
  o.history_lines = static_cast<int>(std::min<std::size_t>(lines, 100000));
  auto text = terminal::capture_pane(tmux, pane, o);
  if (!text) return make_error("cannot read the pane of " + agent + ": " + text.error().message);
  return last_lines(*text, lines);
}

}  // namespace

Result<PaneView> peek_pane(const config::Paths& paths, const PeekRequest& request) {
  if (auto st = check_member(paths, request.agent); !st) return st.error();
  auto team = running_team_tmux(paths);
  if (!team) return team.error();
  auto pane = agent_pane(*team, request.agent);
  if (!pane) return pane.error();
  auto lines = read_lines(team->server, request.agent, *pane, request.lines);
  if (!lines) return lines.error();
  return PaneView{request.agent, *pane, std::move(*lines)};
}

struct PaneFollower::State {
  std::string agent, pane_id;
  std::size_t lines = 0;
  std::vector<std::string> shown;  // the lines as last read
  terminal::PaneChanges changes;
  std::unique_ptr<terminal::TmuxControl> control;
  std::uint64_t seen = 0;
  Clock::time_point last_read = Clock::now();
};

PaneFollower::PaneFollower(std::unique_ptr<State> state) : state_(std::move(state)) {}

PaneFollower::~PaneFollower() {
  if (state_ && state_->control) state_->control->close();
}

Result<std::unique_ptr<PaneFollower>> PaneFollower::open(const config::Paths& paths,
                                                         const PaneView& first,
                                                         std::size_t lines) {
  auto team = running_team_tmux(paths);
  if (!team) return team.error();
  auto state = std::make_unique<State>();
  state->agent = first.agent;
  state->pane_id = first.pane_id;
  state->lines = std::max(lines, kFollowWindow);
  terminal::ControlOptions options;
  options.session = team->session;
  auto control = terminal::TmuxControl::connect(std::move(team->server), options);
  if (!control) return make_error("cannot watch the pane of " + first.agent + ": " +
                                  control.error().message);
  state->control = std::move(*control);
  auto* changes = &state->changes;
  const std::string pane = first.pane_id;
  state->control->on_output([changes](const std::string& p) { changes->notify(p); });
  // A lost connection wakes the waiter too, so that it can say so.
  state->control->on_state([changes, pane](bool, const std::string&) { changes->notify(pane); });
  state->seen = state->changes.version(pane);
  // What the first peek printed is the start; the window to compare with is wider.
  auto shown = read_lines(*state->control, first.agent, pane, state->lines);
  if (!shown) return shown.error();
  state->shown = std::move(*shown);
  return std::unique_ptr<PaneFollower>(new PaneFollower(std::move(state)));
}

std::vector<std::string> PaneFollower::first_lines(std::size_t n) const {
  const auto& shown = state_->shown;
  auto from = shown.size() > n ? shown.end() - static_cast<std::ptrdiff_t>(n) : shown.begin();
  return {from, shown.end()};
}

Result<std::vector<std::string>> PaneFollower::next(const std::function<bool()>& stop) {
  auto& s = *state_;
  while (!stop()) {
    auto v = s.changes.wait(s.pane_id, s.seen, Clock::now() + kStopCheck);
    if (v == s.seen) continue;
    s.seen = v;
    // A pane that prints without pause is read at most every kMinReadGap;
    // what it printed meanwhile is in that read.
    auto since = Clock::now() - s.last_read;
    if (since < kMinReadGap) std::this_thread::sleep_for(kMinReadGap - since);
    s.seen = s.changes.version(s.pane_id);
    s.last_read = Clock::now();
    if (!s.control->connected())
      return make_error("the team's tmux server went away; 'team-agent status' says what happened");
    auto now = read_lines(*s.control, s.agent, s.pane_id, s.lines);
    if (!now) return now.error();
    auto fresh = new_lines(s.shown, *now);
    s.shown = std::move(*now);
    if (!fresh.empty()) return fresh;
  }
  return std::vector<std::string>{};
}

}  // namespace ta::ops
