#include "supervisor/restart_team.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <memory>
#include <cstdio>
#include <thread>

#include "config/team_spec.h"
#include "events/reader.h"
#include "events/types.h"
#include "ops/errors.h"
#include "ops/log_watcher.h"
#include "ops/shutdown.h"
#include "ops/status.h"
#include "store/agent_sessions.h"
#include "store/projector.h"
#include "store/queries.h"
#include "supervisor/late_capture.h"
#include "supervisor/launch_decisions.h"
#include "util/fs.h"
#include "util/process.h"
#include "util/read_bounded.h"

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

// Waits for a child on a thread of its own and says so on a pipe, so one
// poll() sees the log grow and the child end.
class ChildWatch {
 public:
  explicit ChildWatch(pid_t pid) : shared_(std::make_shared<Shared>()) {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) == 0) {
      shared_->read = UniqueFd(fds[0]);
      shared_->write = UniqueFd(fds[1]);
    }
    // Detached: the new supervisor outlives this command; the thread holds
    // what it writes to, so it never touches a ChildWatch that is gone.
    std::thread([shared = shared_, pid] {
      shared->code = wait_for_exit(pid);
      shared->exited = true;
      if (shared->write.valid()) (void)!::write(shared->write.get(), "x", 1);
    }).detach();
  }
  int fd() const { return shared_->read.get(); }
  bool exited() const { return shared_->exited; }
  int code() const { return shared_->code; }

 private:
  // Both ends stay open while the thread lives: a write to a pipe
  // without a reader would raise SIGPIPE.
  struct Shared {
    UniqueFd read, write;
    std::atomic<bool> exited{false};
    std::atomic<int> code{-1};
  };
  std::shared_ptr<Shared> shared_;
};

Result<pid_t> start_run(const config::Paths& paths, const RestartRequest& r,
                        const std::string& log_path) {
  ::mkdir((paths.team_dir + "/logs").c_str(), 0700);
  auto log = open_regular_no_follow(log_path, O_WRONLY | O_APPEND | O_CREAT);
  if (!log) return make_error("cannot open " + log_path + ": " + log.error().message);
  SpawnOptions o;
  o.program = "/proc/self/exe";
  o.argv = {"team-agent", "--workspace", paths.workspace, "run", "--restart", "-q"};
  if (r.allow_fresh) o.argv.push_back("--allow-fresh");
  if (!r.fake_mode.empty()) o.argv.insert(o.argv.end(), {"--fake-mode", r.fake_mode});
  o.env = current_environment();
  o.stdout_fd = log->get();
  o.stderr_fd = log->get();
  o.new_session = true;
  return spawn_program(o);
}

// The last lines the new run printed, for an error sentence.
std::string log_tail(const std::string& path) {
  auto text = read_own_file(path, {1 << 20, "the supervisor log", "remove it"});
  if (!text) return {};
  std::string t = *text;
  while (!t.empty() && t.back() == '\n') t.pop_back();
  auto cut = t.rfind('\n', t.size() > 600 ? t.size() - 600 : 0);
  return t.substr(cut == std::string::npos ? 0 : cut + 1);
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
  ChildWatch child(pid);
  auto watcher = ops::LogWatcher::create(paths, {[&] { return child.exited(); }, child.fd(), -1});
  if (!watcher) return watcher.error();
  events::LogReader reader(paths.events_dir);
  if (auto st = reader.seek_after(after); !st) return st;
  Watched w;
  for (;;) {
    events::Event e;
    auto next = reader.next(e);
    if (next == events::LogReader::Next::event) {
      take(e, pid, w);
      if (w.started) break;
      continue;
    }
    if (next == events::LogReader::Next::corrupt) {
      reader.skip_corrupt();
      continue;
    }
    if (child.exited()) {
      std::string tail = log_tail(log_path);
      return make_error("the restarted supervisor exited (code " + std::to_string(child.code()) +
                          ")" + (tail.empty() ? "" : ": " + tail),
                        ops::kExitFailed);
    }
    if (watcher->get()->wait() == ops::LogWatcher::Wake::failed)
      return make_error("cannot watch the event log: " + (*watcher)->error());
  }
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
  auto pid = start_run(paths, r, out.log_path);
  if (!pid) return pid.error();
  out.supervisor_pid = *pid;
  if (auto st = await_start(paths, last ? *last : 0, *pid, out.log_path, out); !st)
    return st.error();
  return out;
}

}  // namespace ta::supervisor
