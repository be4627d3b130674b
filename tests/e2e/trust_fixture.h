#pragma once
// What the trust-prompt and leader-watch end-to-end tests share: a team of
// fake agents in a workspace of our choosing (deep paths included), whose
// private tmux server always dies with the test; `team-agent run` in the
// background with its live log awaited event by event; and what really
// reached a pane (the fake agent's transcript, the pane's capture).
#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "events/event.h"
#include "tests/e2e/support.h"

namespace ta::test::trust_e2e {

using Args = std::vector<std::string>;
using namespace std::chrono_literals;

// A fresh temporary directory holding the workspace at `subpath` (empty: the
// directory itself), with `.team/team.json` for team "t": a fake leader and
// fake workers, each given `--reply none` plus its own flags, in which
// "{ws}" stands for the workspace's path and "{root}" for the temp dir's.
class TeamDir {
 public:
  TeamDir(const Args& leader_args, const std::vector<std::pair<std::string, Args>>& workers,
          const std::string& subpath = "");
  ~TeamDir();  // kills the team's tmux server: panes outlive supervisors by design
  TeamDir(const TeamDir&) = delete;
  TeamDir& operator=(const TeamDir&) = delete;

  const std::string& path() const { return ws_; }
  const std::string& temp_root() const { return tmp_.path(); }
  std::string events_dir() const { return ws_ + "/.team/events"; }
  std::vector<std::string> agent_ids() const { return ids_; }

  // The agent's transcript entries, of one kind or (empty) all of them.
  std::vector<nlohmann::json> transcript(const std::string& agent,
                                         const std::string& kind = "") const;
  // What the agent's pane shows now (its id taken from pane.started).
  std::string capture(const std::string& agent) const;

 private:
  TempDir tmp_;
  std::string ws_;
  std::vector<std::string> ids_;
};

// One line of run's live log: `<ts> <seq> <type> k=v …`.
struct LiveEvent {
  std::uint64_t seq = 0;
  std::string type;
  std::map<std::string, std::string> fields;  // values as printed, unquoted
  std::string field(const std::string& key) const;
};

// The environment of a `run`: opted in or not, and an optional test-only
// retry schedule ("a,b,c" milliseconds); anything the caller's shell set for
// these is removed so that only the test decides.
Env run_env(bool opted_in, const std::string& backoff_ms = "");

// `team-agent --workspace WS run`, stdout and stderr merged.
class Supervisor {
 public:
  Supervisor(const TeamDir& team, const Env& env);
  Background& proc() { return *proc_; }

  // Reads the live log until an event of `type` whose printed fields include
  // `match`; nothing at the timeout or when run exits.
  std::optional<LiveEvent> await(const std::string& type,
                                 const std::map<std::string, std::string>& match = {},
                                 std::chrono::milliseconds timeout = 60s);
  // Until supervisor.started and every agent's first pane.state_changed:
  // each pane has been looked at once, whatever it shows.
  bool await_ready(std::chrono::milliseconds timeout = 60s);
  // Everything run printed so far, for failure messages.
  const std::string& output() const { return proc_->transcript(); }

 private:
  std::optional<LiveEvent> next(std::chrono::steady_clock::time_point deadline);
  std::vector<std::string> agents_;
  std::unique_ptr<Background> proc_;
  bool started_ = false;
  std::set<std::string> seen_;  // agents with a first state
};

// Events of the workspace's log of `type` (every type when empty).
std::vector<events::Event> events_of(const TeamDir& team, const std::string& type = "");
// The integer `key` of each event, in log order.
std::vector<int> ints(const std::vector<events::Event>& evs, const std::string& key);
// Seconds between two RFC 3339 timestamps (b − a).
double seconds_between(const std::string& a, const std::string& b);

}  // namespace ta::test::trust_e2e
