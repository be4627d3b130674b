#pragma once
// What the `team-agent run` end-to-end tests share: a workspace with a team
// of fake agents (whose tmux server is always killed at the end), the
// supervisor in the background with its live log awaited event by event,
// `send` as a user runs it, and the fake agents' own transcripts and pane
// captures, which say what really reached each pane.
#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "events/event.h"
#include "tests/e2e/support.h"

namespace ta::test {

struct AgentDef {
  std::string id;
  // Extra fake-agent flags; `--reply none` is added so that agents do not
  // answer with traffic of their own.
  std::vector<std::string> args;
};

// What a TeamWorkspace's spec says beyond its agents, and where it lives.
// Not an aggregate, so that a braced list of workers such as
// `{{"w1", {}}, {"w2", {}}, {"w3", {}}}` can never also read as options.
struct TeamOptions {
  TeamOptions() {}
  std::string team = "t1";
  // Where the workspace sits inside the temporary directory (empty: the
  // directory itself); deep paths outgrow a pane's width.
  std::string subpath;
  // The spec's "runtime" object; left out when null.
  nlohmann::json runtime;
  // The spec's "display" object; left out when null.
  nlohmann::json display;
};

// A temporary workspace holding `.team/team.json`: a fake leader and the
// given fake workers. In their args "{ws}" stands for the workspace's path
// and "{root}" for the temporary directory's, which exist only now. Its
// private tmux server is killed when it goes, whatever the test did.
class TeamWorkspace {
 public:
  explicit TeamWorkspace(const std::vector<AgentDef>& workers,
                         const std::vector<std::string>& leader_args = {},
                         const TeamOptions& options = {});
  // A workspace whose .team/team.json is `spec` as given (any providers);
  // options.team and options.runtime are ignored: the spec says them.
  TeamWorkspace(const TeamOptions& options, const nlohmann::json& spec);
  ~TeamWorkspace();
  TeamWorkspace(const TeamWorkspace&) = delete;
  TeamWorkspace& operator=(const TeamWorkspace&) = delete;

  const std::string& path() const { return ws_; }
  const std::string& temp_root() const { return dir_.path(); }
  std::string events_dir() const { return path() + "/.team/events"; }
  // Every agent id, the leader first.
  const std::vector<std::string>& agent_ids() const { return ids_; }

  // Whether the team's tmux session still exists.
  bool session_alive() const;
  // Kills the team's private tmux server, as a crash or a reboot would.
  void kill_tmux_server() const;

  // The agent's transcript entries of one kind ("submitted", "started"…),
  // or all of them when `kind` is empty.
  std::vector<nlohmann::json> transcript(const std::string& agent,
                                         const std::string& kind = "") const;
  // What the agent's pane shows now (its id taken from pane.started).
  std::string capture(const std::string& agent) const;
  // The team-agent tokens (message ids) the agent received, in submit order.
  std::vector<std::string> submitted_tokens(const std::string& agent) const;
  // Waits until every id is in some agent's transcript. send.submitted is
  // recorded once Enter is sent; the agent writes its entry when it reads
  // that Enter, a moment later.
  bool await_tokens(const std::vector<std::string>& ids,
                    std::chrono::milliseconds timeout = std::chrono::seconds(30)) const;

 private:
  TempDir dir_;
  std::string ws_;
  std::string team_;
  std::vector<std::string> ids_;
};

// One line of run's live log: `<ts> <seq> <type> k=v …`.
struct LogLine {
  std::uint64_t seq = 0;
  std::string type;
  std::map<std::string, std::string> fields;  // values as printed (simple values only)
  std::string text;
  std::string field(const std::string& key) const;
};
std::optional<LogLine> parse_log_line(const std::string& line);
// A failed check shows the event as run printed it.
inline std::ostream& operator<<(std::ostream& os, const LogLine& l) { return os << l.text; }

// `team-agent run` in the background (stdout and stderr merged).
class RunningTeam {
 public:
  // The agents keep their CLI sessions under the workspace's temporary
  // directory (CLAUDE_CONFIG_DIR, CODEX_HOME) unless `env` says otherwise;
  // `run_args` go after `run` (e.g. --fake-mode claude, --allow-fresh).
  explicit RunningTeam(const TeamWorkspace& ws, const Env& env = {},
                       const std::vector<std::string>& run_args = {});
  // Stops run gracefully if it still runs (SIGKILL if that fails), so that
  // it closes its tmux control client rather than orphaning it.
  ~RunningTeam();
  RunningTeam(const RunningTeam&) = delete;
  RunningTeam& operator=(const RunningTeam&) = delete;
  Background& proc() { return *proc_; }
  int pid() const { return proc_->pid(); }

  // Reads the live log until an event of `type` whose fields include
  // `match`; nothing on timeout (or when run exits).
  std::optional<LogLine> await(const std::string& type,
                               const std::map<std::string, std::string>& match = {},
                               std::chrono::milliseconds timeout = std::chrono::seconds(60));
  // Until "supervisor.started" and every agent's pane seen idle.
  bool await_ready(std::chrono::milliseconds timeout = std::chrono::seconds(60));
  // Until "supervisor.started" and every agent's first pane.state_changed,
  // whatever it shows: a pane behind a trust prompt is never idle, yet it
  // has been looked at once.
  bool await_panes_seen(std::chrono::milliseconds timeout = std::chrono::seconds(60));
  // Until every id in `ids` has an outcome (send.submitted or send.failed)
  // in this run's live log; returns the ids still without one.
  std::vector<std::string> await_outcomes(const std::vector<std::string>& ids,
                                          std::chrono::milliseconds timeout);
  // Reads what run printed so far, so that the next await sees a fresh line.
  void drain();
  // Everything run printed so far, for failure messages.
  const std::string& transcript() const { return proc_->transcript(); }

 private:
  // The next event line, noting readiness on the way; nothing at the deadline.
  std::optional<LogLine> next(std::chrono::steady_clock::time_point deadline);
  // Reads on until supervisor.started and every agent is in `agents`.
  bool await_all(const std::set<std::string>& agents, std::chrono::milliseconds timeout);

  const TeamWorkspace& ws_;
  std::unique_ptr<Background> proc_;
  bool started_ = false;
  std::set<std::string> idle_;  // agents whose pane was seen idle
  std::set<std::string> seen_;  // agents with a first pane state
};

// The environment of a `run` about trust prompts: opted in to answering
// them or not, and an optional test-only retry schedule ("a,b,c"
// milliseconds); whatever the caller's shell set for these is removed so
// that only the test decides.
Env trust_env(bool opted_in, const std::string& backoff_ms = "");

// `team-agent send TARGET TEXT --json extra…`: the exit code and the
// accepted message's id (empty if none was printed).
struct Sent {
  int exit_code = -1;
  std::string message_id;
  std::string out, err;
};
Sent send_message(const TeamWorkspace& ws, const std::string& target, const std::string& text,
                  const std::vector<std::string>& extra = {});

// Events of the workspace's log of one type (all types when empty).
std::vector<events::Event> events_of(const TeamWorkspace& ws, const std::string& type = "");
// How many events of `type` name `message_id`.
std::size_t count_for(const std::vector<events::Event>& all, const std::string& type,
                      const std::string& message_id);
std::size_t count_of(const std::vector<std::string>& v, const std::string& x);
// The integer `key` of each event, in log order (-1 where missing).
std::vector<int> ints(const std::vector<events::Event>& evs, const std::string& key);
// Seconds between two RFC 3339 timestamps (b − a).
double seconds_between(const std::string& a, const std::string& b);

}  // namespace ta::test
