#include "store/replay.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>

#include "store/fold.h"
#include "store/schema.h"
#include "util/fs.h"

namespace ta::store {

namespace {

std::string parent_dir(const std::string& path) {
  auto slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

Status fsync_file(const std::string& path) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
  if (!fd.valid()) return make_error("cannot open " + path + ": " + errno_text(errno));
  if (::fsync(fd.get()) != 0) return make_error("cannot sync " + path + ": " + errno_text(errno));
  return ok_status();
}

}  // namespace

Result<FoldReport> rebuild_into(Database& fresh, const std::string& events_dir,
                                const FoldLimits& limits) {
  if (auto st = create_schema(fresh); !st) return st.error();
  auto fold = Fold::prepare(fresh);
  if (!fold) return fold.error();
  auto report = fold_log(fresh, **fold, events_dir, limits);
  if (!report) return report.error();
  if (report->stopped_at) return corruption_error(*report->stopped_at);
  return report;
}

Result<FoldReport> rebuild(const std::string& events_dir, const std::string& db_path,
                           const FoldLimits& limits) {
  remove_database_files(db_path);
  Result<FoldReport> report = make_error("not built");
  {
    OpenOptions scratch;
    scratch.mode = OpenOptions::Mode::scratch;
    auto db = Database::open(db_path, scratch);
    if (!db) return db.error();
    FoldLimits big_batches = limits;
    // Nothing reads a scratch database while it is built, so larger
    // transactions only save commit work.
    if (big_batches.batch_events < 50000) big_batches.batch_events = 50000;
    report = rebuild_into(**db, events_dir, big_batches);
  }
  if (!report) remove_database_files(db_path);
  return report;
}

Status install_database(const std::string& fresh_path, const std::string& live_path) {
  {
    // Opening read-write converts the file to WAL, as live databases are.
    auto fresh = Database::open(fresh_path);
    if (!fresh) return fresh.error();
  }
  if (auto st = fsync_file(fresh_path); !st) return st;
  if (file_exists(live_path)) {
    // Leave the old database's WAL empty: the new file inherits the -wal and
    // -shm names, and an empty, fully checkpointed WAL is valid for any database.
    auto live = Database::open(live_path);
    bool emptied = live && (*live)->exec("PRAGMA wal_checkpoint(TRUNCATE)").ok();
    if (!emptied) {
      // Unreadable: nothing of it is worth keeping, least of all its WAL.
      ::unlink((live_path + "-wal").c_str());
      ::unlink((live_path + "-shm").c_str());
    }
  }
  if (std::rename(fresh_path.c_str(), live_path.c_str()) != 0)
    return make_error("cannot move the rebuilt database " + fresh_path + " to " + live_path +
                      ": " + errno_text(errno));
  return sync_dir(parent_dir(live_path));
}

std::string scratch_db_path(const std::string& dir, const std::string& what) {
  return dir + "/." + what + "-" + std::to_string(::getpid()) + ".db";
}

Result<Verification> verify_projections(Database& live, const std::string& events_dir,
                                        const std::string& scratch_dir, FoldLimits limits) {
  Verification v;
  auto live_seq = projected_seq(live);
  if (!live_seq) return live_seq.error();
  v.last_seq = *live_seq;
  limits.until_seq = *live_seq;
  std::string fresh_path = scratch_db_path(scratch_dir, "replay-verify");
  auto built = rebuild(events_dir, fresh_path, limits);
  if (!built) return built.error();
  v.replay = *built;
  Result<std::vector<std::string>> differences = make_error("not compared");
  {
    OpenOptions ro;
    ro.mode = OpenOptions::Mode::read_only;
    auto fresh = Database::open(fresh_path, ro);
    if (fresh) differences = diff(live, **fresh);
    else differences = fresh.error();
  }
  remove_database_files(fresh_path);
  if (!differences) return differences.error();
  v.differences = std::move(*differences);
  return v;
}

}  // namespace ta::store
