#include "ops/replay.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>

#include "store/projector.h"
#include "util/fs.h"

namespace ta::ops {

namespace {

constexpr int kUsage = 2;  // the exit code of a usage error

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// --output may name a new file in an existing directory, never the live state.db.
Status check_output(const config::Paths& paths, const std::string& output) {
  std::error_code ec;
  auto out = std::filesystem::weakly_canonical(output, ec);
  if (!ec && out == std::filesystem::weakly_canonical(paths.state_db, ec))
    return make_error("--output must not be the live state.db; run `team-agent replay` "
                      "without --output to rebuild it",
                      kUsage);
  auto dir = out.parent_path();
  if (!dir.empty() && !std::filesystem::is_directory(dir, ec))
    return make_error("cannot write " + output + ": directory " + dir.string() +
                          " does not exist; create it or choose another --output",
                      kUsage);
  return ok_status();
}

Result<std::unique_ptr<store::Database>> open_read_only(const std::string& db_path) {
  store::OpenOptions ro;
  ro.mode = store::OpenOptions::Mode::read_only;
  return store::Database::open(db_path, ro);
}

}  // namespace

Status parse_until(const std::string& text, UnixMicros now, store::FoldLimits& limits) {
  if (text.empty()) return ok_status();
  if (text.find_first_not_of("0123456789") == std::string::npos && text.size() < 20) {
    limits.until_seq = std::stoull(text);
    return ok_status();
  }
  auto t = parse_time_point(text, now);
  if (!t)
    return make_error("--until \"" + text +
                          "\" is neither a seq nor a time; give a seq number, an RFC 3339 time "
                          "(2026-11-20T21:39:00Z) or a duration ago like 5m",
                      kUsage);
  limits.until_time = *t;
  return ok_status();
}

Status require_team_dir(const config::Paths& paths) {
  if (file_exists(paths.team_dir)) return ok_status();
  return make_error("no team workspace at " + paths.workspace +
                        " (it has no .team/ directory); run `team-agent init` there or pass "
                        "--workspace",
                    kUsage);
}

Result<PointInTime> state_at(const config::Paths& paths, const std::string& output,
                             const store::FoldLimits& limits, const SkippedSink& on_skipped) {
  auto start = std::chrono::steady_clock::now();
  bool keep = !output.empty();
  if (keep)
    if (auto st = check_output(paths, output); !st) return st.error();
  std::string target = keep ? output + ".tmp-" + std::to_string(::getpid())
                            : store::scratch_db_path(paths.team_dir, "replay-until");
  auto built = store::rebuild(paths.events_dir, target, limits);
  if (!built) return built.error();
  on_skipped(*built);
  Result<store::StatusData> status = make_error("not read");
  {
    auto db = open_read_only(target);
    if (!db) return db.error();
    status = store::query_status(**db);
  }  // closed before it is moved or removed
  if (keep) {
    if (std::rename(target.c_str(), output.c_str()) != 0) {
      store::remove_database_files(target);
      return make_error("cannot write " + output + ": " + errno_text(errno) +
                        "; check the directory exists and is writable");
    }
  } else {
    store::remove_database_files(target);
  }
  if (!status) return status.error();
  return PointInTime{std::move(*built), std::move(*status), output, seconds_since(start)};
}

Result<store::Verification> verify_live(const config::Paths& paths,
                                        const store::FoldLimits& limits) {
  store::ProjectorOptions popts;
  popts.skip_corrupt = limits.skip_corrupt;
  auto projector = store::Projector::try_open(paths, popts);
  if (!projector) return projector.error();
  std::unique_ptr<store::Database> read_only;
  store::Database* live = nullptr;
  if (*projector) {
    // We are the projector: bring the live state up to date, then hold the
    // lock so it cannot move while it is compared.
    auto caught = (*projector)->catch_up();
    if (!caught) return caught.error();
    live = &(*projector)->db();
  } else {
    if (!file_exists(paths.state_db))
      return make_error("there are no projections to verify yet (" + paths.state_db +
                        " does not exist); run `team-agent status` to build them");
    auto db = open_read_only(paths.state_db);
    if (!db) return db.error();
    read_only = std::move(*db);
    live = read_only.get();
    // The supervisor keeps writing: pin one snapshot for the whole comparison.
    if (auto st = live->exec("BEGIN"); !st) return st.error();
  }
  auto verified = store::verify_projections(*live, paths.events_dir, paths.team_dir, limits);
  if (read_only) (void)read_only->exec("COMMIT");
  return verified;
}

Result<Rebuilt> rebuild_live(const config::Paths& paths, const store::FoldLimits& limits,
                             const SkippedSink& on_skipped) {
  auto start = std::chrono::steady_clock::now();
  auto lock = FileLock::try_acquire(paths.state_lock);
  if (!lock) return lock.error();
  if (!lock->held())
    return make_error(
        "another team-agent process (a running supervisor) is updating state.db; stop it with "
        "`team-agent shutdown` first, or use `team-agent replay --verify`, which works while it "
        "runs");
  std::string fresh_path = store::scratch_db_path(paths.team_dir, "replay-rebuild");
  auto built = store::rebuild(paths.events_dir, fresh_path, limits);
  if (!built) return built.error();
  on_skipped(*built);
  if (auto st = store::install_database(fresh_path, paths.state_db); !st) {
    store::remove_database_files(fresh_path);
    return st.error();
  }
  return Rebuilt{std::move(*built), seconds_since(start)};
}

}  // namespace ta::ops
