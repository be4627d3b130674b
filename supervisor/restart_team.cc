#include "supervisor/restart_team.h"

#include <memory>
#include <cstdio>

#include "config/team_spec.h"
#include "events/reader.h"
#include "events/types.h"
#include "ops/errors.h"
#include "ops/shutdown.h"
#include "ops/status.h"
#include "store/agent_sessions.h"
#include "store/projector.h"
#include "store/queries.h"
#include "supervisor/background_run.h"
#include "supervisor/late_capture.h"
#include "supervisor/launch_decisions.h"
#include "util/fs.h"

namespace ta::supervisor {

namespace {

// Refuses, read-only, what the new run would refuse: before a running
// supervisor is stopped, so a refused restart changes nothing.
Status check_decisions(const config::Paths& paths, const config::TeamSpec& spec,
                       bool allow_fresh) {
  LaunchDecisions d;
  std::vector<events::Draft> found;  // sessions launched but never captured, found now
  {
    auto view = store::open_state_view(paths);
    if (!view) return view.error();
    auto history = store::load_session_history(view->db());
    if (!history) return history.error();
    auto stopped = store::stopped_agents(view->db());
    if (!stopped) return stopped.error();
    std::vector<std::string> members;  // a stopped member is not started, so not judged
    for (const auto& id : spec.member_ids())
      if (!stopped->count(id)) members.push_back(id);
    found = capture_late(*history, members, paths.workspace);
    d = decide_launches({members, *history, paths.workspace, allow_fresh});
  }  // the projector lock, if this took it, is released for the new run
  if (auto st = ops::append_to_log(paths)(std::move(found)); !st) return st;
  if (!d.refused) return ok_status();
  if (auto st = ops::append_to_log(paths)(std::move(d.events)); !st) return st;
  for (const auto& s : d.sentences) std::fprintf(stderr, "team-agent: %s\n", s.c_str());
  return make_error("restart refused: nothing was started or stopped", ops::kExitFailed);
}

std::vector<std::string> run_args(const RestartRequest& r) {
  std::vector<std::string> args = {"--restart", "-q"};
  if (r.allow_fresh) args.push_back("--allow-fresh");
  if (!r.fake_mode.empty()) args.insert(args.end(), {"--fake-mode", r.fake_mode});
  return args;
}

struct Watched {
  bool started = false;  // supervisor.started of the new run
  std::vector<RestartedMember> agents;
};

void take(const events::Event& e, pid_t pid, Watched& w) {
  if (e.type == events::SupervisorStarted::kType && e.data.value("pid", 0) == pid)
    w.started = true;
  if (e.type != events::SessionLaunched::kType) return;
  RestartedMember m{e.data.value("agent_id", ""), e.data.value("mode", ""),
                    e.data.value("session_id", "")};
  // A resumed start that fell back to a fresh one is launched twice.
  for (auto& known : w.agents)
    if (known.agent_id == m.agent_id) {
      known = m;
      return;
    }
  w.agents.push_back(std::move(m));
}

Status await_start(const config::Paths& paths, std::uint64_t after, pid_t pid,
                   const std::string& log_path, RestartOutcome& out) {
  Watched w;
  AwaitRun what{after, pid, log_path, "the restarted supervisor", std::nullopt, "its agents"};
  auto st = await_run(paths, what, [&](const events::Event& e) -> Result<Awaited> {
    take(e, pid, w);
    return w.started ? Awaited::done : Awaited::more;
  });
  if (!st) return st;
  out.agents = std::move(w.agents);
  return ok_status();
}

}  // namespace

Result<RestartOutcome> restart_team(const config::Paths& paths, const RestartRequest& r) {
  auto spec = config::load_team_spec(paths.team_json);
  if (!spec) return spec.error();
  if (auto st = check_decisions(paths, *spec, r.allow_fresh); !st) return st.error();
  RestartOutcome out;
  if (ops::live_supervisor(paths).running) {
    ops::ShutdownObserver quiet;
    auto stopped = ops::shutdown_team(paths, {false, r.timeout_s}, quiet);
    if (!stopped) return stopped.error();
    out.stopped_previous = stopped->supervisor_stopped;
  }
  auto last = events::read_last_seq(paths.events_dir);
  out.log_path = paths.team_dir + "/logs/supervisor.log";
  auto pid = start_background_run(paths, run_args(r), out.log_path);
  if (!pid) return pid.error();
  out.supervisor_pid = *pid;
  if (auto st = await_start(paths, last ? *last : 0, *pid, out.log_path, out); !st)
    return st.error();
  return out;
}

}  // namespace ta::supervisor
