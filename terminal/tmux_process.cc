#include "terminal/tmux_process.h"

#include "util/process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace ta::terminal {

namespace {

using Clock = std::chrono::steady_clock;

int millis_until(Clock::time_point deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  if (left.count() <= 0) return 0;
  return static_cast<int>(std::min<long long>(left.count(), 60000));
}

}  // namespace

Result<ChildProcess> spawn_process(const std::vector<std::string>& argv_in,
                                   const std::vector<std::string>& env_in) {
  int in[2], out[2], err[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, in) != 0)
    return make_error("cannot create a socket pair for tmux: " + errno_text(errno));
  UniqueFd in_ours(in[0]), in_theirs(in[1]);
  if (::pipe2(out, O_CLOEXEC) != 0)
    return make_error("cannot create a pipe for tmux: " + errno_text(errno));
  UniqueFd out_ours(out[0]), out_theirs(out[1]);
  if (::pipe2(err, O_CLOEXEC) != 0)
    return make_error("cannot create a pipe for tmux: " + errno_text(errno));
  UniqueFd err_ours(err[0]), err_theirs(err[1]);
  // The child only reads its stdin; shutting our read side keeps it simple.
  ::shutdown(in_ours.get(), SHUT_RD);

  SpawnOptions so;
  so.argv = argv_in;
  so.env = env_in;
  so.stdin_fd = in_theirs.get();
  so.stdout_fd = out_theirs.get();
  so.stderr_fd = err_theirs.get();
  so.new_process_group = true;
  auto pid = spawn_program(so);
  if (!pid) return make_error(pid.error().message + "; check that tmux is installed");
  ChildProcess child;
  child.pid = *pid;
  child.in = std::move(in_ours);
  child.out = std::move(out_ours);
  child.err = std::move(err_ours);
  return child;
}

int wait_process(pid_t pid) { return wait_for_exit(pid); }

Status send_all(int fd, std::string_view data, Clock::time_point deadline) {
  size_t done = 0;
  while (done < data.size()) {
    ssize_t k = ::send(fd, data.data() + done, data.size() - done, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (k > 0) {
      done += static_cast<size_t>(k);
      continue;
    }
    if (k < 0 && errno == EINTR) continue;
    if (k < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      int left = millis_until(deadline);
      if (left == 0) return make_error("tmux did not read its input in time");
      pollfd p{fd, POLLOUT, 0};
      ::poll(&p, 1, left);
      continue;
    }
    return make_error("tmux stopped reading its input: " + errno_text(errno));
  }
  return ok_status();
}

Result<ProcessOutput> run_process(const std::vector<std::string>& argv,
                                  const std::vector<std::string>& env, std::string_view input,
                                  std::chrono::milliseconds timeout) {
  auto deadline = Clock::now() + timeout;
  auto child = spawn_process(argv, env);
  if (!child) return child.error();
  ChildProcess& c = *child;
  if (input.empty()) c.in.reset();
  ProcessOutput po;
  size_t written = 0;
  bool out_open = true, err_open = true;
  char buf[65536];
  while (out_open || err_open) {
    pollfd fds[3];
    int n = 0, out_i = -1, err_i = -1, in_i = -1;
    if (out_open) { fds[n] = {c.out.get(), POLLIN, 0}; out_i = n++; }
    if (err_open) { fds[n] = {c.err.get(), POLLIN, 0}; err_i = n++; }
    if (c.in.valid()) { fds[n] = {c.in.get(), POLLOUT, 0}; in_i = n++; }
    int left = millis_until(deadline);
    int rc = left == 0 ? 0 : ::poll(fds, static_cast<nfds_t>(n), left);
    if (rc < 0 && errno == EINTR) continue;
    if (rc <= 0) {
      ::kill(c.pid, SIGKILL);
      wait_process(c.pid);
      return make_error(argv[0] + " did not finish within " + std::to_string(timeout.count()) +
                        " ms; check that the tmux server is responsive");
    }
    auto drain = [&](int idx, int fd, bool& open, std::string& dst) {
      if (idx < 0 || !(fds[idx].revents & (POLLIN | POLLHUP | POLLERR))) return;
      ssize_t k = ::read(fd, buf, sizeof buf);
      if (k > 0) dst.append(buf, static_cast<size_t>(k));
      else if (k == 0 || errno != EINTR) open = false;
    };
    drain(out_i, c.out.get(), out_open, po.out);
    drain(err_i, c.err.get(), err_open, po.err);
    if (in_i >= 0 && (fds[in_i].revents & (POLLOUT | POLLERR | POLLHUP))) {
      ssize_t k = ::send(c.in.get(), input.data() + written, input.size() - written,
                         MSG_NOSIGNAL | MSG_DONTWAIT);
      if (k > 0) written += static_cast<size_t>(k);
      if ((k < 0 && errno != EAGAIN && errno != EINTR) || written == input.size()) c.in.reset();
    }
  }
  c.in.reset();
  po.exit_code = wait_process(c.pid);
  return po;
}

}  // namespace ta::terminal
