#include "util/process.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <cerrno>

#include "util/fs.h"

extern char** environ;

namespace ta {

namespace {

std::vector<char*> c_strings(std::vector<std::string>& v) {
  std::vector<char*> out;
  out.reserve(v.size() + 1);
  for (auto& s : v) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

void wire(posix_spawn_file_actions_t& fa, int fd, int target, int null_flags) {
  if (fd >= 0)
    posix_spawn_file_actions_adddup2(&fa, fd, target);
  else
    posix_spawn_file_actions_addopen(&fa, target, "/dev/null", null_flags, 0);
}

}  // namespace

Result<pid_t> spawn_program(const SpawnOptions& o) {
  if (o.argv.empty()) return make_error("nothing to start: the command is empty");
  std::vector<std::string> argv = o.argv, env = o.env;
  auto cargv = c_strings(argv);
  auto cenv = c_strings(env);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  wire(fa, o.stdin_fd, 0, O_RDONLY);
  wire(fa, o.stdout_fd, 1, O_WRONLY);
  wire(fa, o.stderr_fd, 2, O_WRONLY);
  if (!o.cwd.empty()) posix_spawn_file_actions_addchdir_np(&fa, o.cwd.c_str());
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t none, all;
  sigemptyset(&none);
  sigfillset(&all);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setsigdefault(&attr, &all);
  short flags = POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF;
  if (o.new_session) {
    flags |= POSIX_SPAWN_SETSID;
  } else if (o.new_process_group) {
    posix_spawnattr_setpgroup(&attr, 0);
    flags |= POSIX_SPAWN_SETPGROUP;
  }
  posix_spawnattr_setflags(&attr, flags);
  const std::string& program = o.program.empty() ? o.argv[0] : o.program;
  pid_t pid = -1;
  int rc = ::posix_spawn(&pid, program.c_str(), &fa, &attr, cargv.data(), cenv.data());
  posix_spawn_file_actions_destroy(&fa);
  posix_spawnattr_destroy(&attr);
  if (rc != 0) return make_error("cannot start " + program + ": " + errno_text(rc));
  return pid;
}

std::vector<std::string> current_environment() {
  std::vector<std::string> env;
  for (char** e = environ; *e; ++e) env.emplace_back(*e);
  return env;
}

int exit_code_of(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

int wait_for_exit(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) return -1;
  return exit_code_of(status);
}

}  // namespace ta
