#include "ops/doctor.h"

#include <sys/stat.h>

#include <caf/config.hpp>
#include <cstdio>

#include "config/supervisor_lock.h"
#include "config/team_spec.h"
#include "events/reader.h"
#include "events/segment.h"
#include "events/segment_chain.h"
#include "ops/doctor_leftovers.h"
#include "ops/doctor_providers.h"
#include "store/db.h"
#include "store/replay.h"
#include "store/schema.h"
#include "util/fs.h"

namespace ta::ops {

namespace {

class Doctor {
 public:
  Doctor(config::Paths paths, bool fix) : paths_(std::move(paths)), fix_(fix) {}

  std::vector<DoctorCheck> run() {
    versions();
    workspace();
    if (file_exists(paths_.team_dir)) {
      team_spec();
      auto last = event_log();
      projections(last);
      supervisor();
      for (auto& c : leftover_checks(paths_)) checks_.push_back(std::move(c));
    }
    return std::move(checks_);
  }

 private:
  void add(std::string level, std::string what, std::string detail) {
    checks_.push_back({std::move(level), std::move(what), std::move(detail)});
  }

  void versions() {
    add("ok", "team-agent", TEAM_AGENT_VERSION);
    std::string tmux;
    if (FILE* p = ::popen("tmux -V 2>/dev/null", "r")) {
      char buf[128];
      if (std::fgets(buf, sizeof buf, p)) tmux = buf;
      ::pclose(p);
    }
    while (!tmux.empty() && (tmux.back() == '\n' || tmux.back() == '\r')) tmux.pop_back();
    if (tmux.empty())
      add("fail", "tmux", "not found on PATH; install it (apt-get install tmux)");
    else
      add("ok", "tmux", tmux);
    add("ok", "sqlite", store::sqlite_library_version());
    add("ok", "caf", std::to_string(CAF_VERSION / 10000) + "." +
                         std::to_string(CAF_VERSION / 100 % 100) + "." +
                         std::to_string(CAF_VERSION % 100));
  }

  void workspace() {
    if (!file_exists(paths_.team_dir)) {
      add("warn", "workspace", paths_.workspace + " has no .team/; run 'team-agent init'");
      return;
    }
    add("ok", "workspace", paths_.workspace);
    // Messages and results are private to the user: .team/ must stay 0700.
    struct stat st {};
    if (::stat(paths_.team_dir.c_str(), &st) == 0 && (st.st_mode & 077))
      add("warn", "permissions", paths_.team_dir + " is readable by others; run 'chmod 700 " +
                                     paths_.team_dir + "'");
  }

  void team_spec() {
    if (!file_exists(paths_.team_json)) {
      add("warn", "team spec", paths_.team_json + " is missing; run 'team-agent init'");
      return;
    }
    auto spec = config::load_team_spec(paths_.team_json);
    if (!spec) {
      add("fail", "team spec", spec.error().message);
      return;
    }
    add("ok", "team spec", "team \"" + spec->team + "\", " + std::to_string(spec->agents.size()) +
                               " agents besides the leader");
    for (auto& c : provider_checks(paths_, *spec)) checks_.push_back(std::move(c));
  }

  // What a bad line means and what to do about it, naming it.
  std::string corrupt_line_advice(const events::Corruption& c) const {
    const std::string path = paths_.events_dir + "/" + c.segment;
    const std::string line = std::to_string(c.line);
    return c.describe() + ". The projections and 'team-agent replay' stop before this line: " +
           "nothing after it is folded. Look at it with \"sed -n " + line + "p " + path +
           "\", then repair it or delete it (keep a copy), or rebuild past it with " +
           "'team-agent replay --skip-corrupt', which leaves its event out";
  }

  // Reads every line of every segment; returns the last seq seen.
  std::uint64_t event_log() {
    auto layout = events::read_log_layout(paths_.events_dir);
    for (const auto& p : layout.problems)
      add(p.rfind("segment ", 0) == 0 ? "fail" : "warn", "event log", p);
    const auto& segs = layout.chain;
    if (segs.empty()) {
      add("ok", "event log", "empty (no events yet)");
      return 0;
    }
    events::LogReader reader(paths_.events_dir);
    events::Event e;
    std::uint64_t count = 0;
    int corrupt = 0;
    for (;;) {
      auto n = reader.next(e);
      if (n == events::LogReader::Next::end) break;
      if (n == events::LogReader::Next::corrupt) {
        if (++corrupt <= 20) add("fail", "event log", corrupt_line_advice(reader.corruption()));
        reader.skip_corrupt();
        continue;
      }
      ++count;
    }
    if (corrupt > 20) add("fail", "event log", std::to_string(corrupt - 20) + " more corrupt lines");
    if (!corrupt)
      add("ok", "event log", std::to_string(count) + " events in " + std::to_string(segs.size()) +
                                 " segment" + (segs.size() == 1 ? "" : "s") + ", seq 1.." +
                                 std::to_string(reader.last_seq()) + ", no gaps");
    auto quarantined = list_dir(paths_.events_dir + "/quarantine");
    if (!quarantined.empty())
      add("warn", "event log", std::to_string(quarantined.size()) +
                                   " torn tail(s) were cut after crashes; the bytes are kept in " +
                                   paths_.events_dir + "/quarantine/");
    return reader.last_seq();
  }

  void projections(std::uint64_t log_seq) {
    if (!file_exists(paths_.state_db)) {
      add("ok", "projections", "not built yet; any 'status' builds them");
      return;
    }
    store::OpenOptions ro;
    ro.mode = store::OpenOptions::Mode::read_only;
    auto db = store::Database::open(paths_.state_db, ro);
    if (!db) {
      add("fail", "projections", db.error().message + "; run 'team-agent replay' to rebuild them");
      return;
    }
    auto meta = store::read_meta(**db);
    if (!meta || !*meta) {
      add("fail", "projections", "state.db has no projection_meta; run 'team-agent replay'");
      return;
    }
    auto& m = **meta;
    if (m.fold_version != store::kFoldVersion) {
      add("warn", "projections", "built by fold version " + std::to_string(m.fold_version) +
                                     ", this binary has " + std::to_string(store::kFoldVersion) +
                                     "; they are rebuilt on the next 'status' or 'run'");
    } else if (m.last_seq < log_seq) {
      add("warn", "projections", "at seq " + std::to_string(m.last_seq) + " of " +
                                     std::to_string(log_seq) + " (" +
                                     std::to_string(log_seq - m.last_seq) +
                                     " behind); 'team-agent status' catches them up");
    } else if (m.last_seq > log_seq) {
      // The log lost events the projections had folded (a torn tail cut, a
      // segment removed): they describe things the log no longer proves.
      add("warn", "projections", "at seq " + std::to_string(m.last_seq) + " but the log ends at " +
                                     std::to_string(log_seq) +
                                     "; 'team-agent replay' rebuilds them from the log");
    } else if (replay_agrees(**db)) {
      add("ok", "projections", "up to date at seq " + std::to_string(m.last_seq) +
                                   ", and a replay of the log agrees");
    }
  }

  // The projections against a replay of the log to their seq: an event the
  // log holds differently (a flipped byte that still parses) shows here.
  bool replay_agrees(store::Database& live) {
    store::FoldLimits limits;
    limits.skip_corrupt = true;
    // A running supervisor keeps writing: compare one snapshot.
    (void)live.exec("BEGIN");
    auto v = store::verify_projections(live, paths_.events_dir, paths_.team_dir, limits);
    (void)live.exec("COMMIT");
    if (!v) {
      add("fail", "projections", "cannot replay the log to compare: " + v.error().message);
      return false;
    }
    if (v->differences.empty()) return true;
    add("fail", "projections",
        "state.db differs from a replay of the log through seq " + std::to_string(v->last_seq) +
          " in " + std::to_string(v->differences.size()) + " places (first: " +
          v->differences.front() + "): the log changed under them; 'team-agent replay' "
          "rebuilds them from the log as it is");
    return false;
  }

  // A supervisor that died (crash, kill -9) frees its flock but leaves its
  // record; `run` ignores such a record, but `shutdown` and people reading
  // .team/ would be misled by it, so it is reported and --fix removes it.
  void supervisor() {
    auto s = config::probe_supervisor(paths_);
    auto holder = config::describe_holder(s.record);
    if (s.state == config::SupervisorState::running) {
      add("ok", "supervisor", "running (" + holder + ")");
      return;
    }
    if (s.state == config::SupervisorState::not_running) {
      add("ok", "supervisor", "not running");
      return;
    }
    std::string why = s.holder_alive ? " is now another process" : " is dead";
    std::string what = "stale record " + config::supervisor_record_path(paths_) + " (" + holder +
                       "): its process" + why + " and the lock is free";
    if (!fix_) {
      add("fail", "supervisor", what + "; 'team-agent doctor --fix' removes it");
      return;
    }
    auto removed = config::remove_stale_supervisor_record(paths_);
    if (removed)
      add("ok", "supervisor", "removed the stale record of a supervisor that died (" + holder + ")");
    else
      add("fail", "supervisor", removed.error().message);
  }

  config::Paths paths_;
  bool fix_ = false;  // repair what can be repaired safely (the stale supervisor record)
  std::vector<DoctorCheck> checks_;
};

}  // namespace

std::vector<DoctorCheck> run_doctor(const config::Paths& paths, const DoctorOptions& o) {
  return Doctor(paths, o.fix).run();
}

int count_failures(const std::vector<DoctorCheck>& checks) {
  int failures = 0;
  for (const auto& c : checks) failures += c.level == "fail";
  return failures;
}

}  // namespace ta::ops
