#include "supervisor/workspace_watch.h"

#include <poll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

namespace ta::supervisor {

namespace {

constexpr std::uint32_t kGoneMask = IN_DELETE_SELF | IN_MOVE_SELF;

}  // namespace

WorkspaceWatch::WorkspaceWatch(std::string workspace,
                               std::function<void(const std::string&)> on_gone)
    : workspace_(std::move(workspace)),
      team_dir_(workspace_ + "/.team"),
      on_gone_(std::move(on_gone)),
      inotify_fd_(::inotify_init1(IN_CLOEXEC | IN_NONBLOCK)),
      wake_fd_(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {
  struct stat st {};
  if (::stat(team_dir_.c_str(), &st) == 0) {
    team_dev_ = st.st_dev;
    team_ino_ = st.st_ino;
  }
  // Without inotify (or its limits reached) the supervisor runs as before.
  if (!inotify_fd_.valid() || !wake_fd_.valid()) return;
  // The workspace's entries too, not only .team's own fate: .team's
  // IN_DELETE_SELF comes only once nothing holds it open, and the store
  // keeps descriptors in it, so its removal is seen as an entry of the
  // workspace going. Other entries wake the thread for one stat each.
  ::inotify_add_watch(inotify_fd_.get(), workspace_.c_str(), kGoneMask | IN_DELETE | IN_MOVED_FROM);
  ::inotify_add_watch(inotify_fd_.get(), team_dir_.c_str(), kGoneMask);
  thread_ = std::thread([this] { run(); });
}

WorkspaceWatch::~WorkspaceWatch() {
  if (thread_.joinable()) {
    std::uint64_t one = 1;
    (void)!::write(wake_fd_.get(), &one, sizeof one);
    thread_.join();
  }
}

// The workspace's .team is still the directory the supervisor started in.
bool WorkspaceWatch::still_there() const {
  struct stat st {};
  return ::stat(team_dir_.c_str(), &st) == 0 && st.st_dev == team_dev_ && st.st_ino == team_ino_;
}

void WorkspaceWatch::run() {
  char buf[4096];
  for (;;) {
    pollfd fds[2] = {{inotify_fd_.get(), POLLIN, 0}, {wake_fd_.get(), POLLIN, 0}};
    if (::poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      return;
    }
    if (fds[1].revents) return;
    while (::read(inotify_fd_.get(), buf, sizeof buf) > 0) {
    }
    if (!still_there()) {
      on_gone_("the workspace " + workspace_ + " was deleted or moved");
      return;
    }
  }
}

}  // namespace ta::supervisor
