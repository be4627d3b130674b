#include "ops/log_watcher.h"

#include <poll.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "util/fs.h"
#include "util/interrupts.h"

namespace ta::ops {

WatchOptions stdout_follower_options() {
  WatchOptions wake;
  wake.stop_requested = [] { return interrupts::last_signal() != 0; };
  wake.stop_fd = interrupts::wake_fd();
  wake.output_fd = STDOUT_FILENO;
  return wake;
}

namespace {

// Only a pipe or a socket tells poll() that its reader went away; for a
// terminal that is SIGHUP, and a file never goes away.
bool can_close(int fd) {
  struct stat st {};
  return fd >= 0 && ::fstat(fd, &st) == 0 && (S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode));
}

}  // namespace

Result<std::unique_ptr<LogWatcher>> LogWatcher::create(const config::Paths& paths,
                                                       WatchOptions options) {
  std::unique_ptr<LogWatcher> w(new LogWatcher());
  w->chain_[0] = paths.workspace;
  w->chain_[1] = paths.team_dir;
  w->chain_[2] = paths.events_dir;
  w->inotify_.reset(::inotify_init1(IN_NONBLOCK | IN_CLOEXEC));
  if (!w->inotify_.valid())
    return make_error("cannot watch the event log (inotify): " + errno_text(errno));
  w->output_fd_ = can_close(options.output_fd) ? options.output_fd : -1;
  w->options_ = std::move(options);
  if (auto st = w->arm(); !st) return st.error();
  return w;
}

Status LogWatcher::arm() {
  for (int& wd : wd_) {
    if (wd >= 0) ::inotify_rm_watch(inotify_.get(), wd);
    wd = -1;
  }
  log_dev_ = 0;
  log_ino_ = 0;
  // Top down: once a level is watched, a child created after our look at it
  // is reported by that watch, so nothing can appear unseen.
  for (int level = 0; level < kLevels; ++level) {
    struct stat st {};
    if (::stat(chain_[level].c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) break;
    // A parent is watched for its one child coming and going: the child's own
    // IN_DELETE_SELF comes late while an open segment still pins its dentry.
    std::uint32_t mask = IN_CREATE | IN_MOVED_TO | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR;
    mask |= level == kLog ? IN_MODIFY : IN_DELETE | IN_MOVED_FROM;
    int wd = ::inotify_add_watch(inotify_.get(), chain_[level].c_str(), mask);
    if (wd < 0) {
      if (errno == ENOENT || errno == ENOTDIR) break;  // removed since we looked
      std::string hint = errno == ENOSPC ? " (raise the sysctl fs.inotify.max_user_watches)" : "";
      return make_error("cannot watch " + chain_[level] + " for new events: " +
                        errno_text(errno) + hint);
    }
    wd_[level] = wd;
    if (level == kLog) {
      log_dev_ = st.st_dev;
      log_ino_ = st.st_ino;
    }
  }
  if (wd_[0] < 0)
    return make_error("the workspace " + chain_[0] + " no longer exists, so no events can come");
  return ok_status();
}

bool LogWatcher::drain_inotify(Wake& wake) {
  bool changed = false;
  bool restructure = false;  // a level of the chain came or went: watch anew
  bool lost_log = false;     // the events directory (or a parent) went away
  alignas(inotify_event) char buf[16384];
  for (;;) {
    ssize_t n = ::read(inotify_.get(), buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
    if (n <= 0) {
      error_ = "cannot read inotify events: " + errno_text(n < 0 ? errno : EIO);
      wake = Wake::failed;
      return true;
    }
    for (char* p = buf; p < buf + n;) {
      auto* ev = reinterpret_cast<inotify_event*>(p);
      p += sizeof(inotify_event) + ev->len;
      if (ev->mask & IN_Q_OVERFLOW) {
        // Events were dropped: look at everything again.
        changed = restructure = true;
        continue;
      }
      int level = 0;
      while (level < kLevels && wd_[level] != ev->wd) ++level;
      if (level == kLevels) continue;  // a watch we already replaced
      if (ev->mask & (IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED | IN_UNMOUNT)) {
        restructure = true;
        lost_log = true;
      } else if (level == kLog) {
        changed = true;
      } else if (ev->len > 0 && base_name(chain_[level + 1]) == ev->name) {
        restructure = true;
        if (ev->mask & (IN_DELETE | IN_MOVED_FROM)) lost_log = true;
      }
    }
  }
  if (!restructure) {
    if (changed) wake = Wake::log_changed;
    return changed;
  }
  bool had_log = wd_[kLog] >= 0;
  dev_t old_dev = log_dev_;
  ino_t old_ino = log_ino_;
  if (auto st = arm(); !st) {
    error_ = st.error().message;
    wake = Wake::failed;
    return true;
  }
  bool has_log = wd_[kLog] >= 0;
  if (had_log && (lost_log || !has_log || log_dev_ != old_dev || log_ino_ != old_ino)) {
    wake = Wake::log_replaced;
    return true;
  }
  if (has_log) {
    wake = Wake::log_changed;
    return true;
  }
  return false;
}

bool LogWatcher::stop_requested() const {
  return options_.stop_requested && options_.stop_requested();
}

LogWatcher::Wake LogWatcher::wait() {
  for (;;) {
    if (stop_requested()) return Wake::interrupted;
    pollfd fds[3] = {{inotify_.get(), POLLIN, 0},
                     {options_.stop_fd, POLLIN, 0},  // ignored by poll() when -1
                     {output_fd_, 0, 0}};
    if (::poll(fds, 3, -1) < 0) {
      if (errno == EINTR) continue;
      error_ = "cannot wait for new events: " + errno_text(errno);
      return Wake::failed;
    }
    if (stop_requested()) return Wake::interrupted;
    if (fds[2].revents & (POLLERR | POLLHUP)) return Wake::output_closed;
    Wake wake;
    if ((fds[0].revents & POLLIN) && drain_inotify(wake)) return wake;
  }
}

}  // namespace ta::ops
