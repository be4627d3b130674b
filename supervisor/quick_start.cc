#include "supervisor/quick_start.h"

#include "config/supervisor_lock.h"
#include "config/team_spec.h"
#include "events/reader.h"
#include "events/types.h"
#include "ops/attach_target.h"
#include "ops/errors.h"
#include "ops/init_team.h"
#include "supervisor/background_run.h"
#include "util/fs.h"

namespace ta::supervisor {

namespace {

const std::string kLeader{config::kLeaderId};

// The folder's team: written now when there is none, else read and checked.
Result<config::TeamSpec> team_for(const config::Paths& paths, const QuickStartRequest& r,
                                  QuickStartOutcome& out) {
  out.team_json = paths.team_json;
  if (!file_exists(paths.team_json)) {
    ops::InitRequest init;
    init.kind = ops::TeamTemplate::shaped;
    init.shape = {ops::team_name_for_folder(paths.workspace), r.provider, r.args, {}};
    auto done = ops::init_team(paths, init);
    if (!done) return done.error();
    out.created_team = true;
    return std::move(done->spec);
  }
  auto spec = config::load_team_spec(paths.team_json);
  if (!spec) return spec.error();
  if (spec->leader.provider != r.provider)
    return ops::usage_error("the team in " + paths.team_json + " has a " +
                            spec->leader.provider + " leader, not " + r.provider +
                            "; open it with `team-agent " + spec->leader.provider +
                            "`, or change the leader's provider in that file");
  out.args_not_applied = !r.args.empty() && r.args != spec->leader.args;
  return spec;
}

// What the wait for the leader's pane reads in the log: the run's start
// (when `pid` is ours to wait for), then the leader's pane starting, or
// the run or the pane ending first.
class LeaderWatch {
 public:
  explicit LeaderWatch(int pid) : pid_(pid), started_(pid == 0) {}
  Result<Awaited> operator()(const events::Event& e) {
    if (e.type == events::SupervisorStarted::kType && e.data.value("pid", 0) == pid_)
      started_ = true;
    if (!started_) return Awaited::more;
    if (e.type == events::SupervisorStopped::kType)
      return make_error("the supervisor stopped (" + e.data.value("reason", "") +
                          ") before the leader's pane was up",
                        ops::kExitFailed);
    if (e.data.value("agent_id", "") != kLeader) return Awaited::more;
    if (e.type == events::PaneStarted::kType) return Awaited::done;
    if (e.type == events::PaneExited::kType) {
      std::string advice = e.data.value("advice", "");
      return make_error("the leader's CLI exited while starting (code " +
                          std::to_string(e.data.value("code", 0)) + ")" +
                          (advice.empty() ? "" : ": " + advice) +
                          "; `team-agent events --agent leader` shows what happened",
                        ops::kExitFailed);
    }
    return Awaited::more;
  }

 private:
  int pid_;
  bool started_;
};

std::uint64_t last_seq(const config::Paths& paths) {
  auto last = events::read_last_seq(paths.events_dir);
  return last ? *last : 0;
}

// The supervisor already runs: its leader's pane is there, or is awaited.
Status adopt(const config::Paths& paths, const QuickStartRequest& r, QuickStartOutcome& out) {
  auto status = config::probe_supervisor(paths);
  out.supervisor_pid = status.record ? status.record->pid : 0;
  const auto after = last_seq(paths);  // before looking, so no start slips between
  if (!ops::team_agent_pane(paths, kLeader).empty()) return ok_status();
  AwaitRun what{after, 0, "", "the running supervisor", r.timeout,
                "the leader's pane (a leader closed with `team-agent stop leader` stays "
                "closed until `team-agent start leader`)"};
  return await_run(paths, what, LeaderWatch(0));
}

Status start(const config::Paths& paths, const QuickStartRequest& r, QuickStartOutcome& out) {
  const auto after = last_seq(paths);
  out.run_log = paths.team_dir + "/logs/run.log";
  auto pid = start_background_run(paths, {"-q"}, out.run_log);
  if (!pid) return pid.error();
  out.started_supervisor = true;
  out.supervisor_pid = *pid;
  AwaitRun what{after, *pid, out.run_log, "the supervisor", r.timeout, "the leader's pane"};
  auto st = await_run(paths, what, LeaderWatch(*pid));
  if (st) return st;
  // Another supervisor took the lock first (two quick starts at once): that one is adopted.
  auto other = config::probe_supervisor(paths);
  if (other.state != config::SupervisorState::running || !other.record ||
      other.record->pid == *pid)
    return st;
  out.started_supervisor = false;
  return adopt(paths, r, out);
}

}  // namespace

Result<QuickStartOutcome> quick_start(const config::Paths& paths, const QuickStartRequest& r) {
  QuickStartOutcome out;
  auto spec = team_for(paths, r, out);
  if (!spec) return spec.error();
  out.team = spec->team;
  auto st = config::supervisor_running(paths) ? adopt(paths, r, out) : start(paths, r, out);
  if (!st) return st.error();
  return out;
}

}  // namespace ta::supervisor
