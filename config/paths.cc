#include "config/paths.h"

#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdlib>

#include "util/flock_probe.h"
#include "util/fs.h"

namespace ta::config {

std::string find_repository_root(const std::string& dir) {
  std::string d = dir;
  while (d.size() > 1 && d.back() == '/') d.pop_back();
  while (!d.empty() && d[0] == '/') {
    struct stat st {};
    if (::lstat((d + "/.git").c_str(), &st) == 0) return d;
    if (d == "/") break;
    auto slash = d.rfind('/');
    d = slash == 0 ? "/" : d.substr(0, slash);
  }
  return "";
}

Paths Paths::for_workspace(const std::string& ws) {
  Paths p;
  p.workspace = ws;
  p.team_dir = ws + "/.team";
  p.events_dir = p.team_dir + "/events";
  p.state_db = p.team_dir + "/state.db";
  p.state_lock = p.team_dir + "/state.lock";
  p.team_json = p.team_dir + "/team.json";
  p.supervisor_lock = p.team_dir + "/supervisor.lock";
  p.leader_inbox = p.team_dir + "/leader-inbox.log";
  return p;
}

static Result<std::string> canonical(const std::string& dir) {
  char buf[PATH_MAX];
  if (!::realpath(dir.c_str(), buf))
    return make_error("workspace " + dir + " does not exist; create it or pass another --workspace",
                      2);
  struct stat st {};
  if (::stat(buf, &st) != 0 || !S_ISDIR(st.st_mode))
    return make_error("workspace " + dir + " is not a directory", 2);
  return std::string(buf);
}

Result<Paths> resolve_workspace(const std::string& flag) {
  if (!flag.empty()) {
    auto c = canonical(flag);
    if (!c) return c.error();
    return Paths::for_workspace(*c);
  }
  if (const char* env = std::getenv("TEAM_AGENT_WORKSPACE"); env && *env) {
    auto c = canonical(env);
    if (!c) return c.error();
    return Paths::for_workspace(*c);
  }
  auto cwd = canonical(".");
  if (!cwd) return cwd.error();
  for (std::string dir = *cwd;;) {
    struct stat st {};
    if (::stat((dir + "/.team").c_str(), &st) == 0 && S_ISDIR(st.st_mode))
      return Paths::for_workspace(dir);
    if (dir == "/" || dir.empty()) break;
    auto slash = dir.rfind('/');
    dir = slash == 0 ? "/" : dir.substr(0, slash);
  }
  return Paths::for_workspace(*cwd);
}

Status ensure_team_dir(const Paths& p) {
  if (auto st = make_dirs(p.team_dir, 0700); !st) return st;
  if (auto st = make_dirs(p.events_dir, 0700); !st) return st;
  return secure_team_dir(p);
}

namespace {

// The team's own configuration, which team-agent reads but never writes: a
// user may keep it elsewhere and link it in.
bool read_only_config(const std::string& team_dir, const std::string& path) {
  return path == team_dir + "/team.json" || path == team_dir + "/providers";
}

// Checks `dir` (a real directory) and everything below it; depth-bounded so
// a deep tree planted there cannot make every command slow.
Status secure_tree(const std::string& team_dir, const std::string& dir, int depth) {
  if (auto st = make_private(dir); !st) return st;
  for (const auto& name : list_dir(dir)) {
    std::string path = dir + "/" + name;
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0) continue;  // gone meanwhile
    if (S_ISLNK(st.st_mode) && read_only_config(team_dir, path)) continue;
    // A link, FIFO or device is refused with the sentence that names it.
    if (!S_ISDIR(st.st_mode) && !S_ISREG(st.st_mode)) return check_regular_or_absent(path);
    if (S_ISDIR(st.st_mode)) {
      if (depth > 0)
        if (auto s = secure_tree(team_dir, path, depth - 1); !s) return s;
      continue;
    }
    if (auto s = make_private(path); !s) return s;
  }
  return ok_status();
}

}  // namespace

Status secure_team_dir(const Paths& p) {
  if (auto st = check_real_dir(p.team_dir, /*may_be_missing=*/true); !st) return st;
  if (!file_exists(p.team_dir)) return ok_status();
  return secure_tree(p.team_dir, p.team_dir, 3);
}

bool supervisor_running(const Paths& p) {
  if (!file_exists(p.supervisor_lock)) return false;
  // Asked of the kernel, never by taking the lock: a `run` starting at
  // that moment would find it taken and refuse.
  // A holder that is gone (its lock kept by a child it forked) is no
  // supervisor.
  if (auto holder = flock_holder(p.supervisor_lock))
    return *holder > 0 && (::kill(*holder, 0) == 0 || errno == EPERM);
  auto lock = FileLock::try_acquire(p.supervisor_lock);
  return lock.ok() && !lock->held();
}

}  // namespace ta::config
