#include "supervisor/background_run.h"

#include <fcntl.h>
#include <sys/epoll.h>
#include <sys/stat.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include <atomic>
#include <memory>
#include <thread>

#include "events/reader.h"
#include "ops/errors.h"
#include "ops/log_watcher.h"
#include "util/fs.h"
#include "util/process.h"
#include "util/read_bounded.h"

namespace ta::supervisor {

namespace {

using Clock = std::chrono::steady_clock;

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

// One descriptor that becomes readable when the child exits or the
// deadline passes: the log watcher takes a single stop descriptor.
UniqueFd stop_fd_for(const ChildWatch* child) {
  UniqueFd ep(::epoll_create1(EPOLL_CLOEXEC));
  if (!ep.valid()) return ep;
  auto watch = [&](int fd) {
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.fd = fd;
    ::epoll_ctl(ep.get(), EPOLL_CTL_ADD, fd, &ev);
  };
  if (child && child->fd() >= 0) watch(child->fd());
  return ep;
}

struct Deadline {
  UniqueFd timer;
  std::optional<Clock::time_point> at;
  bool passed() const { return at && Clock::now() >= *at; }
  // A timerfd firing at `at`, added to `ep`.
  void arm(int ep) {
    if (!at) return;
    timer = UniqueFd(::timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK));
    if (!timer.valid()) return;
    auto left = std::chrono::duration_cast<std::chrono::nanoseconds>(*at - Clock::now());
    long long ns = std::max<long long>(left.count(), 1);
    itimerspec spec{};
    spec.it_value.tv_sec = static_cast<time_t>(ns / 1000000000);
    spec.it_value.tv_nsec = static_cast<long>(ns % 1000000000);
    ::timerfd_settime(timer.get(), 0, &spec, nullptr);
    epoll_event ev{};
    ev.events = EPOLLIN;
    ::epoll_ctl(ep, EPOLL_CTL_ADD, timer.get(), &ev);
  }
};

}  // namespace

Result<pid_t> start_background_run(const config::Paths& paths,
                                   const std::vector<std::string>& run_args,
                                   const std::string& log_path) {
  ::mkdir((paths.team_dir + "/logs").c_str(), 0700);
  auto log = open_regular_no_follow(log_path, O_WRONLY | O_APPEND | O_CREAT);
  if (!log) return make_error("cannot open " + log_path + ": " + log.error().message);
  ::fchmod(log->get(), 0600);
  SpawnOptions o;
  o.program = "/proc/self/exe";
  o.argv = {"team-agent", "--workspace", paths.workspace, "run"};
  o.argv.insert(o.argv.end(), run_args.begin(), run_args.end());
  o.env = current_environment();
  o.stdout_fd = log->get();
  o.stderr_fd = log->get();
  o.new_session = true;  // stdin stays /dev/null: no terminal reaches it
  return spawn_program(o);
}

std::string log_tail(const std::string& path) {
  auto text = read_own_file(path, {1 << 20, "the supervisor log", "remove it"});
  if (!text) return {};
  std::string t = *text;
  while (!t.empty() && t.back() == '\n') t.pop_back();
  auto cut = t.rfind('\n', t.size() > 600 ? t.size() - 600 : 0);
  return t.substr(cut == std::string::npos ? 0 : cut + 1);
}

Status await_run(const config::Paths& paths, const AwaitRun& what, const EventStep& step) {
  std::optional<ChildWatch> child;
  if (what.pid > 0) child.emplace(what.pid);
  UniqueFd stop = stop_fd_for(child ? &*child : nullptr);
  Deadline deadline;
  if (what.timeout) deadline.at = Clock::now() + *what.timeout;
  if (stop.valid()) deadline.arm(stop.get());
  auto stop_requested = [&] { return (child && child->exited()) || deadline.passed(); };
  auto watcher = ops::LogWatcher::create(paths, {stop_requested, stop.get(), -1});
  if (!watcher) return watcher.error();
  events::LogReader reader(paths.events_dir);
  if (auto st = reader.seek_after(what.after); !st) return st;
  for (;;) {
    events::Event e;
    auto next = reader.next(e);
    if (next == events::LogReader::Next::event) {
      auto r = step(e);
      if (!r) return r.error();
      if (*r == Awaited::done) return ok_status();
      continue;
    }
    if (next == events::LogReader::Next::corrupt) {
      reader.skip_corrupt();
      continue;
    }
    if (child && child->exited()) {
      std::string tail = log_tail(what.log_path);
      return make_error(what.who + " exited (code " + std::to_string(child->code()) + ")" +
                          (tail.empty() ? "" : ": " + tail),
                        ops::kExitFailed);
    }
    if (deadline.passed())
      return make_error(what.who + " did not start " + what.waiting_for + " within " +
                          std::to_string(what.timeout->count()) + " s" +
                          (what.log_path.empty() ? "" : "; see " + what.log_path),
                        ops::kExitFailed);
    if (watcher->get()->wait() == ops::LogWatcher::Wake::failed)
      return make_error("cannot watch the event log: " + (*watcher)->error());
  }
}

}  // namespace ta::supervisor
