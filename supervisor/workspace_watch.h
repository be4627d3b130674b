#pragma once
// A running supervisor notices when its workspace is deleted or moved away
// under it (inotify on the workspace and its .team, no polling): its log,
// lock and projections are gone from where every command looks, so it can
// only stop. Without this it would live on as an orphan.
#include <functional>
#include <string>
#include <thread>

#include "util/fs.h"

namespace ta::supervisor {

class WorkspaceWatch {
 public:
  // `on_gone(why)` is called once, on the watch's own thread: post, never wait.
  WorkspaceWatch(std::string workspace, std::function<void(const std::string&)> on_gone);
  ~WorkspaceWatch();
  WorkspaceWatch(const WorkspaceWatch&) = delete;
  WorkspaceWatch& operator=(const WorkspaceWatch&) = delete;

 private:
  void run();
  bool still_there() const;

  std::string workspace_;
  std::string team_dir_;
  std::function<void(const std::string&)> on_gone_;
  unsigned long long team_dev_ = 0, team_ino_ = 0;
  UniqueFd inotify_fd_;
  UniqueFd wake_fd_;
  std::thread thread_;
};

}  // namespace ta::supervisor
