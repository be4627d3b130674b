#include "supervisor/run_launch.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <memory>

#include "config/provider_profile.h"
#include "events/log.h"
#include "events/types.h"
#include "sessions/session_files.h"
#include "supervisor/late_capture.h"
#include "supervisor/launch_decisions.h"
#include "terminal/inject.h"
#include "terminal/readiness.h"
#include "terminal/tmux_ops.h"

namespace ta::supervisor {

namespace {

constexpr int kExitRefused = 1;

// Appends to the log now, before the panes' programs start; the store
// writer opened by the run folds and publishes these like any other.
class LaunchLog {
 public:
  LaunchLog(const config::Paths& paths, std::string team) : paths_(paths), team_(std::move(team)) {}
  Status append(std::vector<events::Draft> drafts) {
    if (drafts.empty()) return ok_status();
    if (!log_) {
      auto opened = events::EventLog::open(paths_.events_dir, events::LogOptions{team_});
      if (!opened) return opened.error();
      log_ = std::move(*opened);
    }
    auto appended = log_->append(std::move(drafts));
    if (!appended) return appended.error();
    return ok_status();
  }

 private:
  const config::Paths& paths_;
  std::string team_;
  std::unique_ptr<events::EventLog> log_;
};

// Where the pane's CLI keeps its sessions: its own environment first (a
// member may set CLAUDE_CONFIG_DIR), else the supervisor's.
std::string session_root(const config::PanePlan& p) {
  auto lookup = [&p](const char* name) -> const char* {
    for (const auto& kv : p.env)
      if (kv.first == name) return kv.second.c_str();
    return std::getenv(name);
  };
  auto roots = sessions::SessionRoots::from(lookup);
  if (p.session_format == "claude") return roots.claude_config_dir;
  if (p.session_format == "codex") return roots.codex_home;
  return {};
}

events::Draft launched(const config::PanePlan& p, const std::string& run_id) {
  return events::to_draft(events::SessionLaunched{
    p.agent_id, p.provider, p.session_format, p.session_id, p.session_resumed ? "resumed" : "fresh",
    run_id, sessions::resolved_path(p.cwd), session_root(p)});
}

std::string test_fail_agent() {
  const char* hooks = std::getenv("TEAM_AGENT_TEST_HOOKS");
  const char* agent = std::getenv("TEAM_AGENT_TEST_FAIL_START");
  return hooks && std::string(hooks) == "1" && agent ? agent : "";
}

Error refused(const LaunchDecisions& d) {
  for (const auto& s : d.sentences) std::fprintf(stderr, "team-agent: %s\n", s.c_str());
  return make_error("nothing was started: " + std::to_string(d.sentences.size()) +
                      " agent(s) would lose their context (see above)",
                    kExitRefused);
}

class Launcher {
 public:
  Launcher(terminal::TmuxServer& server, const TeamLaunchRequest& r)
      : server_(server), r_(r), log_(r.paths, r.spec.team) {}

  Result<TeamLaunch> run() {
    auto first = config::plan_launch(r_.spec, r_.plan_inputs);
    if (!first) return first.error();
    auto live = live_members(server_, *first);
    if (!live) return live.error();
    std::vector<std::string> to_launch;
    for (const auto& p : first->panes)
      if (!r_.skip.count(p.agent_id) && (r_.restart || !live->count(p.agent_id)))
        to_launch.push_back(p.agent_id);

    auto history = r_.history;
    auto found = capture_late(history, to_launch, r_.plan_inputs.workspace);
    if (auto st = log_.append(std::move(found)); !st) return st.error();
    auto decisions = decide_launches({to_launch, history, r_.plan_inputs.workspace,
                                      r_.allow_fresh});
    restarting_ = !decisions.events.empty();
    if (decisions.refused) {
      if (auto st = log_.append(std::move(decisions.events)); !st) return st.error();
      if (r_.refusal) *r_.refusal = decisions.sentences;
      return refused(decisions);
    }
    auto in = r_.plan_inputs;
    in.sessions = decisions.choices;
    auto plan = config::plan_launch(r_.spec, in);
    if (!plan) return plan.error();
    auto& panes = plan->panes;
    panes.erase(std::remove_if(panes.begin(), panes.end(),
                               [this](const auto& p) { return r_.skip.count(p.agent_id) > 0; }),
                panes.end());
    auto drafts = std::move(decisions.events);
    for (const auto& p : plan->panes)
      if (contains(to_launch, p.agent_id)) drafts.push_back(launched(p, plan->run_id));
    if (auto st = log_.append(std::move(drafts)); !st) return st.error();
    if (server_.running()) (void)terminal::delete_stale_paste_buffers(server_);
    return start(std::move(*plan));
  }

 private:
  static bool contains(const std::vector<std::string>& v, const std::string& x) {
    for (const auto& e : v)
      if (e == x) return true;
    return false;
  }

  Result<TeamLaunch> start(config::LaunchPlan plan) {
    PaneStartOptions options{r_.restart, test_fail_agent()};
    auto started = ensure_panes(server_, plan, options);
    if (!started) return started.error();
    if (started->failure) return rolled_back(*started->failure);
    TeamLaunch out{std::move(plan), std::move(started->panes)};
    if (auto st = check_resumed(out); !st) return st.error();
    if (restarting_) {
      events::RestartComplete done;
      for (const auto& p : out.plan.panes)
        if (!adopted(out, p.agent_id))
          done.agents.push_back({p.agent_id, p.session_resumed ? "resumed" : "fresh", p.session_id});
      if (auto st = log_.append({events::to_draft(done)}); !st) return st.error();
    }
    return out;
  }

  static bool adopted(const TeamLaunch& t, const std::string& agent) {
    for (const auto& p : t.panes)
      if (p.agent_id == agent) return p.adopted;
    return false;
  }

  Error rolled_back(const PaneStartFailure& f) {
    (void)log_.append({events::to_draft(
      events::RestartRollback{r_.plan_inputs.run_id, f.agent_id, f.reason, f.panes_removed})});
    return make_error(f.reason + "; every pane this start created was removed again",
                      kExitRefused);
  }

  // A resumed CLI that cannot find its session exits at once: fail the
  // start, or with --allow-fresh start that agent fresh instead.
  Status check_resumed(TeamLaunch& t) {
    std::vector<RunPane> resumed;
    for (const auto& p : t.panes)
      for (const auto& planned : t.plan.panes)
        if (!p.adopted && planned.agent_id == p.agent_id && planned.session_resumed)
          resumed.push_back(p);
    if (resumed.empty()) return ok_status();
    auto exited = exited_while_starting(server_, resumed, drawn_by(t.plan),
                                        std::chrono::seconds(5));
    for (const auto& agent : exited)
      if (auto st = fall_back_fresh(t, agent); !st) return st;
    return ok_status();
  }

  // Each profile read once, not on every look at a screen.
  PaneStarted drawn_by(const config::LaunchPlan& plan) {
    std::map<std::string, std::shared_ptr<const config::ProviderProfile>> profiles;
    for (const auto& p : plan.panes)
      if (auto profile = config::load_provider_profile(p.provider, r_.plan_inputs.workspace))
        profiles[p.agent_id] = *profile;
    return [profiles](const std::string& agent, const std::string& screen) {
      auto it = profiles.find(agent);
      return it != profiles.end() &&
             terminal::classify_readiness(screen, *it->second).state !=
               terminal::Readiness::starting;
    };
  }

  Status fall_back_fresh(TeamLaunch& t, const std::string& agent) {
    config::PanePlan* planned = nullptr;
    for (auto& p : t.plan.panes)
      if (p.agent_id == agent) planned = &p;
    RunPane* pane = nullptr;
    for (auto& p : t.panes)
      if (p.agent_id == agent) pane = &p;
    std::string reason = "its CLI exited at once when asked to resume session " +
                         planned->session_id;
    if (!r_.allow_fresh) {
      std::vector<RunPane> created;
      for (const auto& p : t.panes)
        if (!p.adopted) created.push_back(p);
      auto removed = remove_panes(server_, created);
      return rolled_back({agent, "agent " + agent + ": " + reason +
                                   "; use --allow-fresh only if losing its context is acceptable",
                          removed});
    }
    auto in = r_.plan_inputs;
    in.sessions[agent] = config::SessionChoice{false, ""};
    auto fresh = config::plan_launch(r_.spec, in);
    if (!fresh) return fresh.error();
    for (const auto& p : fresh->panes)
      if (p.agent_id == agent) {
        std::string old = planned->session_id;
        *planned = p;
        if (auto st = log_.append({events::to_draft(events::RestartFellBackFresh{agent, old, reason}),
                                   launched(p, t.plan.run_id)});
            !st)
          return st;
      }
    if (auto st = respawn_planned(server_, pane->pane_id, *planned); !st) return st;
    if (auto info = terminal::pane_info(server_, pane->pane_id)) pane->pid = info->pid;
    return ok_status();
  }

  terminal::TmuxServer& server_;
  const TeamLaunchRequest& r_;
  LaunchLog log_;
  bool restarting_ = false;
};

}  // namespace

Result<TeamLaunch> launch_team(terminal::TmuxServer& server, const TeamLaunchRequest& request) {
  return Launcher(server, request).run();
}

}  // namespace ta::supervisor
