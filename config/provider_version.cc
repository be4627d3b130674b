#include "config/provider_version.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>

#include "util/fs.h"
#include "util/process.h"

namespace ta::config {

namespace {

using Clock = std::chrono::steady_clock;

std::vector<std::string> environment_with(const EnvPairs& env) {
  auto out = current_environment();
  for (const auto& [k, v] : env) {
    const std::string prefix = k + "=";
    bool replaced = false;
    for (auto& kv : out)
      if (kv.rfind(prefix, 0) == 0) kv = prefix + v, replaced = true;
    if (!replaced) out.push_back(prefix + v);
  }
  return out;
}

// Reaps the probe, killing its whole process group once the deadline has
// passed; then kills anything it left behind in that group.
void reap(pid_t pid, Clock::time_point deadline) {
  for (;;) {
    int status = 0;
    pid_t r = ::waitpid(pid, &status, WNOHANG);
    if (r == pid || (r < 0 && errno != EINTR)) break;
    if (Clock::now() >= deadline) {
      ::kill(-pid, SIGKILL);
      while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
      }
      break;
    }
    ::usleep(2000);  // it closed its stdout: its exit is a moment away
  }
  ::kill(-pid, SIGKILL);
}

std::string first_line(const std::string& out) {
  std::size_t start = 0;
  while (start < out.size()) {
    auto end = out.find('\n', start);
    std::string line = out.substr(start, end == std::string::npos ? end : end - start);
    while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back()))) line.pop_back();
    std::size_t lead = line.find_first_not_of(" \t");
    if (lead != std::string::npos) return line.substr(lead);
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return "";
}

}  // namespace

Result<std::string> probe_version(const std::string& program, const EnvPairs& env,
                                  std::chrono::milliseconds timeout) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return make_error("cannot create a pipe: " + errno_text(errno));
  UniqueFd ours(fds[0]), theirs(fds[1]);
  SpawnOptions so;
  so.argv = {program, "--version"};
  so.env = environment_with(env);
  so.stdout_fd = theirs.get();
  so.new_process_group = true;  // so that an overrun kills its children too
  auto pid = spawn_program(so);
  if (!pid) return make_error("cannot run " + program + " --version: " + pid.error().message);
  theirs.reset();

  const auto deadline = Clock::now() + timeout;
  std::string out;
  char buf[4096];
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    pollfd p{ours.get(), POLLIN, 0};
    int rc = left.count() <= 0 ? 0 : ::poll(&p, 1, static_cast<int>(left.count()));
    if (rc < 0 && errno == EINTR) continue;
    if (rc <= 0) {
      reap(*pid, deadline);
      return make_error(program + " --version did not finish within " +
                        std::to_string(timeout.count()) + " ms");
    }
    ssize_t k = ::read(ours.get(), buf, sizeof buf);
    if (k > 0 && out.size() < 65536) out.append(buf, static_cast<std::size_t>(k));
    if (k == 0 || (k < 0 && errno != EINTR && errno != EAGAIN)) break;
  }
  // Its stdout is closed: it has exited or is about to.
  reap(*pid, deadline);
  auto line = first_line(out);
  if (line.empty()) return make_error(program + " --version printed nothing");
  return line;
}

std::string version_number(std::string_view line) {
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(line[i]))) continue;
    auto word_char = [&](std::size_t k) {
      return std::isalnum(static_cast<unsigned char>(line[k])) || line[k] == '.';
    };
    // Inside a word ("x86") or a number already passed over; "v20.1" is a version.
    bool v_prefix = i > 0 && (line[i - 1] == 'v' || line[i - 1] == 'V') && (i < 2 || !word_char(i - 2));
    if (i > 0 && word_char(i - 1) && !v_prefix) continue;
    std::size_t j = i, dots = 0;
    while (j < line.size() &&
           (std::isdigit(static_cast<unsigned char>(line[j])) ||
            (line[j] == '.' && j + 1 < line.size() &&
             std::isdigit(static_cast<unsigned char>(line[j + 1])))))
      dots += line[j++] == '.';
    // A pre-release suffix belongs to the version: "1.2.3-beta.1".
    if (dots > 0) {
      while (j < line.size() && (std::isalnum(static_cast<unsigned char>(line[j])) ||
                                 line[j] == '-' || line[j] == '.' || line[j] == '+'))
        ++j;
      return std::string(line.substr(i, j - i));
    }
  }
  while (!line.empty() && std::isspace(static_cast<unsigned char>(line.front()))) line.remove_prefix(1);
  std::string s(line.substr(0, 80));
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  return s;
}

}  // namespace ta::config
