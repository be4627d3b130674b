#include "cli/fake_agent_reply.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

extern char** environ;

namespace ta::fake {

namespace {

constexpr std::size_t kOutputTail = 4000;

// Our environment with TEAM_AGENT_ID set to the agent's id, so the child
// reports as this agent even when --id differs from the pane's variable.
std::vector<std::string> child_env(const std::string& agent_id) {
  std::vector<std::string> env;
  for (char** e = environ; *e; ++e)
    if (std::strncmp(*e, "TEAM_AGENT_ID=", 14) != 0) env.emplace_back(*e);
  env.push_back("TEAM_AGENT_ID=" + agent_id);
  return env;
}

std::vector<char*> pointers(std::vector<std::string>& v) {
  std::vector<char*> out;
  for (auto& s : v) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

int decode_status(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

}  // namespace

ReplyRunner::~ReplyRunner() {
  for (auto& r : running_) ::close(r.out_fd);
}

void ReplyRunner::start(ReplyRequest request) {
  auto fail = [&](const std::string& why) { failed_.push_back({std::move(request), -1, why}); };
  int out[2];
  if (::pipe2(out, O_CLOEXEC) != 0)
    return fail("cannot create a pipe: " + std::string(std::strerror(errno)));
  std::vector<std::string> argv{"team-agent"};
  argv.insert(argv.end(), request.args.begin(), request.args.end());
  auto env = child_env(agent_id_);
  auto cargv = pointers(argv);
  auto cenv = pointers(env);

  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&fa, out[1], 1);
  posix_spawn_file_actions_adddup2(&fa, out[1], 2);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  // The child starts clean: default signal handling, nothing blocked, and
  // its own process group so a Ctrl-C meant for us does not reach it.
  sigset_t none, all;
  sigemptyset(&none);
  sigfillset(&all);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setsigdefault(&attr, &all);
  posix_spawnattr_setpgroup(&attr, 0);
  posix_spawnattr_setflags(&attr,
                           POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP);
  pid_t pid = -1;
  int rc = posix_spawn(&pid, "/proc/self/exe", &fa, &attr, cargv.data(), cenv.data());
  posix_spawn_file_actions_destroy(&fa);
  posix_spawnattr_destroy(&attr);
  ::close(out[1]);
  if (rc != 0) {
    ::close(out[0]);
    return fail("cannot start team-agent: " + std::string(std::strerror(rc)));
  }
  running_.push_back({std::move(request), pid, out[0], {}});
}

void ReplyRunner::add_pollfds(std::vector<pollfd>& fds) const {
  for (const auto& r : running_) fds.push_back({r.out_fd, POLLIN, 0});
}

std::vector<ReplyOutcome> ReplyRunner::service(const std::vector<pollfd>& fds) {
  std::vector<ReplyOutcome> done;
  done.swap(failed_);
  for (const auto& p : fds) {
    if (!(p.revents & (POLLIN | POLLHUP | POLLERR))) continue;
    for (auto it = running_.begin(); it != running_.end(); ++it) {
      if (it->out_fd != p.fd) continue;
      char buf[4096];
      ssize_t n = ::read(it->out_fd, buf, sizeof buf);
      if (n < 0 && errno == EINTR) break;
      if (n > 0) {
        it->output.append(buf, static_cast<std::size_t>(n));
        if (it->output.size() > 2 * kOutputTail)
          it->output.erase(0, it->output.size() - kOutputTail);
        break;
      }
      // End of output: the child has exited (or is about to).
      ::close(it->out_fd);
      int status = 0;
      while (::waitpid(it->pid, &status, 0) < 0 && errno == EINTR) {
      }
      if (it->output.size() > kOutputTail) it->output.erase(0, it->output.size() - kOutputTail);
      done.push_back({std::move(it->request), decode_status(status), std::move(it->output)});
      running_.erase(it);
      break;
    }
  }
  return done;
}

}  // namespace ta::fake
