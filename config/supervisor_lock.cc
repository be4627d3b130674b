#include "config/supervisor_lock.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "util/clock.h"
#include "util/read_bounded.h"

namespace ta::config {

std::string supervisor_record_path(const Paths& p) { return p.team_dir + "/supervisor.json"; }

std::string new_run_id() {
  unsigned char bytes[16] = {};
  UniqueFd fd(::open("/dev/urandom", O_RDONLY | O_CLOEXEC));
  size_t got = 0;
  while (fd.valid() && got < sizeof bytes) {
    ssize_t n = ::read(fd.get(), bytes + got, sizeof bytes - got);
    if (n <= 0) break;
    got += static_cast<size_t>(n);
  }
  // /dev/urandom cannot really fail; if it does, pid and address still make
  // two runs on one machine differ.
  if (got < sizeof bytes) {
    unsigned long long mix = static_cast<unsigned long long>(::getpid()) * 0x9E3779B97F4A7C15ull ^
                             reinterpret_cast<unsigned long long>(&bytes);
    for (size_t i = 0; i < sizeof bytes; ++i) bytes[i] ^= static_cast<unsigned char>(mix >> (i % 8 * 8));
  }
  std::string hex;
  char buf[3];
  for (unsigned char b : bytes) {
    std::snprintf(buf, sizeof buf, "%02x", b);
    hex += buf;
  }
  return hex;
}

std::string supervisor_record_json(const SupervisorRecord& r) {
  nlohmann::json j{{"pid", r.pid},
                   {"started_at", r.started_at},
                   {"run_id", r.run_id},
                   {"tmux_socket", r.tmux_socket},
                   {"session", r.session}};
  return j.dump() + "\n";
}

Result<SupervisorRecord> parse_supervisor_record(const std::string& json_text) {
  auto j = nlohmann::json::parse(json_text, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("pid") || !j["pid"].is_number_integer())
    return make_error("the supervisor record is not valid JSON with a pid; remove it with "
                      "'team-agent doctor --fix'");
  SupervisorRecord r;
  r.pid = j["pid"].get<int>();
  auto text = [&](const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  r.started_at = text("started_at");
  r.run_id = text("run_id");
  r.tmux_socket = text("tmux_socket");
  r.session = text("session");
  return r;
}

Result<std::optional<SupervisorRecord>> read_supervisor_record(const Paths& p) {
  auto path = supervisor_record_path(p);
  if (!file_exists(path)) return std::optional<SupervisorRecord>();
  auto text = read_own_file(path, {64u << 10, "the supervisor record",
                                   "remove it with 'team-agent doctor --fix'"});
  if (!text) return text.error();
  auto r = parse_supervisor_record(*text);
  if (!r) return make_error(path + ": " + r.error().message);
  return std::optional<SupervisorRecord>(std::move(*r));
}

std::string describe_holder(const std::optional<SupervisorRecord>& r) {
  if (!r) return "pid unknown";
  std::string s = "pid " + std::to_string(r->pid);
  if (!r->started_at.empty()) s += ", started " + r->started_at;
  return s;
}

bool process_alive(int pid) {
  if (pid <= 0) return false;
  return ::kill(pid, 0) == 0 || errno == EPERM;
}

SupervisorLock::~SupervisorLock() { release(); }

Result<SupervisorLock> SupervisorLock::acquire(const Paths& p, SupervisorRecord record) {
  auto dir = ensure_team_dir(p);
  if (!dir) return dir.error();
  auto lock = FileLock::try_acquire(p.supervisor_lock);
  if (!lock) return lock.error();
  if (!lock->held()) {
    if (!supervisor_running(p))
      return make_error("the supervisor lock " + p.supervisor_lock +
                        " is held, but not by a supervisor: the one that took it is gone and a "
                        "process it started still has the lock open; find it with 'fuser " +
                        p.supervisor_lock + "', end it, and run again");
    auto holder = read_supervisor_record(p);
    std::optional<SupervisorRecord> who = holder ? *holder : std::nullopt;
    return make_error("a supervisor is already running (" + describe_holder(who) +
                      "); stop it with 'team-agent shutdown'");
  }
  if (record.pid == 0) record.pid = static_cast<int>(::getpid());
  if (record.started_at.empty()) record.started_at = now_rfc3339();
  SupervisorLock held;
  held.lock_ = std::move(*lock);
  held.record_path_ = supervisor_record_path(p);
  auto written = held.update(record);
  if (!written) return written.error();
  return held;
}

Status SupervisorLock::update(const SupervisorRecord& record) {
  if (!held()) return make_error("the supervisor lock is not held; cannot write its record");
  record_ = record;
  return write_file_atomic(record_path_, supervisor_record_json(record_));
}

void SupervisorLock::release() {
  if (!held()) return;
  // Record first: while the lock is still ours nobody can take it and write
  // a record of their own that we would then delete.
  ::unlink(record_path_.c_str());
  lock_.release();
}

SupervisorStatus probe_supervisor(const Paths& p) {
  SupervisorStatus s;
  auto record = read_supervisor_record(p);
  if (record) s.record = *record;
  bool record_file = file_exists(supervisor_record_path(p));
  if (s.record) s.holder_alive = process_alive(s.record->pid);
  if (supervisor_running(p))
    s.state = SupervisorState::running;
  else if (record_file)
    s.state = SupervisorState::stale;
  return s;
}

Status remove_stale_supervisor_record(const Paths& p) {
  auto path = supervisor_record_path(p);
  if (!file_exists(path)) return ok_status();
  auto lock = FileLock::try_acquire(p.supervisor_lock);
  if (!lock) return lock.error();
  if (!lock->held()) {
    auto holder = read_supervisor_record(p);
    return make_error("the supervisor record is not stale: a supervisor is running (" +
                      describe_holder(holder ? *holder : std::nullopt) +
                      "); stop it with 'team-agent shutdown'");
  }
  if (::unlink(path.c_str()) != 0 && errno != ENOENT)
    return make_error("cannot remove " + path + ": " + errno_text(errno) +
                      "; remove it by hand");
  return ok_status();
}

}  // namespace ta::config
