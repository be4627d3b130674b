#pragma once
// The team spec (.team/team.json): who is on the team and how to start them.
// It is validated completely before anything starts, and every problem is
// reported at once as `<JSON pointer>: <message>`, so a user fixes the whole
// file in one pass instead of one error per run.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/read_bounded.h"
#include "util/result.h"

namespace ta::config {

// The leader's id is fixed; workers may not take it.
inline constexpr std::string_view kLeaderId = "leader";
// Who a message is from when a person types `team-agent send` outside any
// pane; reserved so it can never be confused with an agent.
inline constexpr std::string_view kHumanId = "human";

// What the supervisor does when an agent's CLI exits.
enum class RestartPolicy { never, on_failure };

struct AgentSpec {
  std::string id;
  std::string provider;              // one of known_providers()
  std::string role;                  // empty: no role given
  std::optional<std::string> model;  // absent or null: the provider's default
  RestartPolicy restart = RestartPolicy::never;
  std::vector<std::string> args;     // extra arguments appended to the launch command
  std::map<std::string, std::string> env;  // extra environment for the pane
  // The pane host the agent runs on (docs/scale-out.md): a `team-agent
  // pane-host NAME` process holds its pane; empty: the supervisor's own
  // tmux server. Workers only.
  std::string host;
};

// What an auto-answered trust prompt may trust (SPEC §5): only the agent's
// own workspace, or also the git repository root holding it (a CLI started
// in a git subdirectory asks to trust the whole repository).
enum class TrustScope { workspace, repository };

const char* trust_scope_name(TrustScope s);

// What a team changes about one provider ("providers": {"claude": {...}}).
struct ProviderSettings {
  // The program that replaces the profile's launch program (argv[0]): an
  // absolute path, or a name looked up on the pane's PATH. Empty: the profile's.
  std::string command;
};

struct RuntimeSpec {
  bool auto_trust_own_workspace = false;
  TrustScope auto_trust_scope = TrustScope::workspace;
  // How long every node must have been idle, after workers worked, before
  // the leader is reminded that the team sits idle.
  double idle_reminder_after_s = 60;
  // How long an agent with work may show no output and no turn progress
  // before it counts as stuck.
  double stuck_after_s = 300;
  // What the supervisor does when the team's tmux server dies under it:
  // on_failure restarts the team with its sessions resumed.
  RestartPolicy restart = RestartPolicy::never;
};

// Where the leader's pane is shown: a window of its own, or first in the
// first overview window among the workers.
enum class LeaderPlacement { own_window, shared };

// How the team is shown in its tmux session ("display": {...}): workers in
// overview windows of up to `per_window` tiled panes (terminal/display_layout.h).
struct DisplaySpec {
  int per_window = 4;
  LeaderPlacement leader = LeaderPlacement::own_window;
};
inline constexpr int kMaxPerWindow = 9;

struct TeamSpec {
  std::string team;
  AgentSpec leader;               // leader.id == kLeaderId
  std::vector<AgentSpec> agents;  // the workers, in file order
  RuntimeSpec runtime;
  DisplaySpec display;
  std::map<std::string, ProviderSettings> providers;  // by provider name

  // The leader or a worker with this id; nullptr when there is none.
  const AgentSpec* find(std::string_view id) const;
  // "leader" first, then the workers in file order.
  std::vector<std::string> member_ids() const;
  // The members placed on pane host `host` (empty: the supervisor's own).
  std::vector<std::string> members_on(std::string_view host) const;
  // Whether any member runs on a pane host.
  bool has_pane_hosts() const;
};

// One problem in a spec. `path` is a JSON pointer ("/agents/1/provider"),
// "/" for the document itself, or "line L, column C" for malformed JSON.
struct SpecError {
  std::string path;
  std::string message;
  std::string str() const { return path + ": " + message; }
};

// Either a valid spec or every problem found in it (never both).
struct ParsedTeamSpec {
  std::optional<TeamSpec> spec;
  std::vector<SpecError> errors;
  bool ok() const { return spec.has_value(); }
};

// Parses and validates the text of a team spec.
ParsedTeamSpec parse_team_spec(std::string_view json_text);

// Reads and validates the spec at `path`. On failure the error (code 2)
// names the file and lists every problem, one `path: message` per line.
// How much of a team spec file is read at most: a real one is a few KiB.
ReadLimit team_spec_limit();
// The text of a team spec file, refused above team_spec_limit().
Result<std::string> read_team_spec_text(const std::string& path);
Result<TeamSpec> load_team_spec(const std::string& path);

// Team names and agent ids: 1-32 characters from [a-z0-9_-].
bool is_safe_name(std::string_view s);

}  // namespace ta::config
