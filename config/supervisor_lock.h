#pragma once
// The single-supervisor lock. A running `team-agent run` holds flock on
// .team/supervisor.lock for its whole lifetime and describes itself in
// .team/supervisor.json (0600): pid, start time, run id, tmux socket and
// session. The kernel drops the flock when the process dies, so "is a
// supervisor running" is always answered by the lock, never by the record;
// the record only says who holds it. A record left behind by a crash (lock
// free) is stale: `doctor --fix` removes it.
#include <optional>
#include <string>

#include "config/paths.h"
#include "util/fs.h"
#include "util/result.h"

namespace ta::config {

struct SupervisorRecord {
  int pid = 0;
  std::string started_at;   // ISO-8601 UTC, for people reading it
  std::string run_id;       // 32 hex digits, random per run
  std::string tmux_socket;  // tmux -L name; empty when not known yet
  std::string session;      // tmux session of the team; empty when not known yet
};

// .team/supervisor.json
std::string supervisor_record_path(const Paths& p);

// 32 random hex digits from the kernel's random source.
std::string new_run_id();

// The record as JSON text, and back. Unknown keys are ignored.
std::string supervisor_record_json(const SupervisorRecord& r);
Result<SupervisorRecord> parse_supervisor_record(const std::string& json_text);

// The record on disk; nullopt when there is none.
Result<std::optional<SupervisorRecord>> read_supervisor_record(const Paths& p);

// "pid 1234, started 2026-11-20T23:00:00Z" (or "pid unknown" without a record).
std::string describe_holder(const std::optional<SupervisorRecord>& r);

// Holds the supervisor lock; releasing it (or destruction) removes the record.
class SupervisorLock {
 public:
  SupervisorLock() = default;
  SupervisorLock(SupervisorLock&&) = default;
  SupervisorLock& operator=(SupervisorLock&&) = default;
  SupervisorLock(const SupervisorLock&) = delete;
  SupervisorLock& operator=(const SupervisorLock&) = delete;
  ~SupervisorLock();

  // Takes the lock without waiting and writes `record` (pid and started_at
  // are filled in when empty). When another process holds it the error
  // (exit code 1) names that holder: "a supervisor is already running (pid
  // 1234, started …); stop it with 'team-agent shutdown'".
  static Result<SupervisorLock> acquire(const Paths& p, SupervisorRecord record);

  bool held() const { return lock_.held(); }
  const SupervisorRecord& record() const { return record_; }
  // Rewrites the record, e.g. once the tmux session is known.
  Status update(const SupervisorRecord& record);
  void release();

 private:
  FileLock lock_;
  std::string record_path_;
  SupervisorRecord record_;
};

enum class SupervisorState {
  not_running,  // lock free, no record
  running,      // lock held by some process
  stale,        // lock free but a record is left (the holder died)
};

struct SupervisorStatus {
  SupervisorState state = SupervisorState::not_running;
  std::optional<SupervisorRecord> record;  // as read from disk, when present and valid
  bool holder_alive = false;               // the record's pid exists (stale: pid reused?)
};

SupervisorStatus probe_supervisor(const Paths& p);

// Removes a stale record. Takes the lock while doing so, so a supervisor
// starting at the same moment is never robbed of its record; an error when
// a supervisor is running.
Status remove_stale_supervisor_record(const Paths& p);

// Whether a process with this pid exists (kill(pid, 0); EPERM counts as alive).
bool process_alive(int pid);

}  // namespace ta::config
