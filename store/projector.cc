#include "store/projector.h"

#include "events/log.h"
#include "events/types.h"
#include "store/schema.h"

namespace ta::store {

namespace {

bool unreadable_database(const Error& e) {
  return e.message.find("file is not a database") != std::string::npos ||
         e.message.find("malformed") != std::string::npos;
}

}  // namespace

Result<std::unique_ptr<Projector>> Projector::open(const config::Paths& paths,
                                                   ProjectorOptions opts) {
  auto lock = FileLock::acquire(paths.state_lock);
  if (!lock) return lock.error();
  return start(paths, std::move(opts), std::move(*lock));
}

Result<std::unique_ptr<Projector>> Projector::try_open(const config::Paths& paths,
                                                       ProjectorOptions opts) {
  auto lock = FileLock::try_acquire(paths.state_lock);
  if (!lock) return lock.error();
  if (!lock->held()) return std::unique_ptr<Projector>();
  return start(paths, std::move(opts), std::move(*lock));
}

Result<std::unique_ptr<Projector>> Projector::start(const config::Paths& paths,
                                                    ProjectorOptions opts, FileLock lock) {
  std::unique_ptr<Projector> p(new Projector(paths, std::move(opts), std::move(lock)));
  if (auto st = p->open_database(); !st) return st.error();
  return p;
}

Status Projector::open_database() {
  std::optional<ProjectionMeta> meta;
  std::string unreadable;
  {
    auto db = Database::open(paths_.state_db);
    if (db) {
      db_ = std::move(*db);
      auto m = read_meta(*db_);
      if (m)
        meta = *m;
      else if (unreadable_database(m.error()))
        unreadable = m.error().message;
      else
        return m.error();
    } else if (unreadable_database(db.error())) {
      unreadable = db.error().message;
    } else {
      return db.error();
    }
  }
  if (!unreadable.empty()) {
    // Projections are derived data: an unreadable file is replaced from the log.
    db_.reset();
    remove_database_files(paths_.state_db);
    auto db = Database::open(paths_.state_db);
    if (!db) return db.error();
    db_ = std::move(*db);
  }

  if (!unreadable.empty()) return rebuild("state.db could not be read (" + unreadable + ")", 0);
  if (meta && meta->fold_version != kFoldVersion)
    return rebuild("fold version " + std::to_string(meta->fold_version) +
                       " differs from this binary's " + std::to_string(kFoldVersion),
                   meta->fold_version);
  if (!meta) {
    auto tables = db_->query_int(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
    if (!tables) return tables.error();
    if (*tables > 0) return rebuild("state.db has tables but no projection_meta", 0);
    if (auto st = create_schema(*db_); !st) return st;
  }
  auto fold = Fold::prepare(*db_);
  if (!fold) return fold.error();
  fold_ = std::move(*fold);
  last_seq_ = meta ? meta->last_seq : 0;
  return ok_status();
}

Status Projector::rebuild(const std::string& reason, int from_version) {
  // One transaction: readers see the old projections until the new ones are whole.
  auto txn = Transaction::begin(*db_);
  if (!txn) return txn.error();
  if (auto st = drop_all_tables(*db_); !st) return st;
  if (auto st = create_schema(*db_); !st) return st;
  auto fold = Fold::prepare(*db_);
  if (!fold) return fold.error();
  FoldLimits limits;
  limits.skip_corrupt = opts_.skip_corrupt;
  limits.own_transactions = false;
  auto report = fold_log(*db_, **fold, paths_.events_dir, limits);
  if (!report) return report.error();
  if (auto st = txn->commit(); !st) return st;
  fold_ = std::move(*fold);
  last_seq_ = report->last_seq;
  rebuild_reason_ = reason;
  return announce_rebuild(reason, from_version, *report);
}

Status Projector::announce_rebuild(const std::string& reason, int from_version,
                                   const FoldReport& r) {
  // An empty log has no history to annotate.
  if (r.last_seq == 0) return ok_status();
  events::ProjectionRebuilt payload{reason, from_version, kFoldVersion, r.last_seq};
  auto draft = events::to_draft(payload);
  if (opts_.append_event) return opts_.append_event(std::move(draft));
  events::LogOptions lo{r.team};
  lo.seq_floor = lost_floor_;
  auto log = events::EventLog::open(paths_.events_dir, lo);
  if (!log) return log.error();
  auto appended = (*log)->append(std::move(draft));
  if (!appended) return appended.error();
  return ok_status();
}

Result<FoldReport> Projector::catch_up() {
  FoldLimits limits;
  limits.skip_corrupt = opts_.skip_corrupt;
  limits.batch_events = opts_.batch_events;
  auto report = fold_log(*db_, *fold_, paths_.events_dir, limits);
  if (!report) return report.error();
  if (!report->ahead_of_log.empty()) {
    // Folding on would skip events numbered like ones the log lost, and
    // keep rows of events it no longer holds: start again from the log.
    lost_floor_ = report->seen_seq;
    if (auto st = rebuild("ahead_of_log: " + report->ahead_of_log, kFoldVersion); !st)
      return st.error();
    report = fold_log(*db_, *fold_, paths_.events_dir, limits);
    if (!report) return report.error();
    if (!report->ahead_of_log.empty())
      return make_error("the projections are still ahead of the log after a rebuild (" +
                        report->ahead_of_log + "); is another program rewriting " +
                        paths_.events_dir + "?");
  }
  last_seq_ = report->last_seq;
  if (report->stopped_at) return corruption_error(*report->stopped_at);
  return report;
}

std::uint64_t projection_seq_floor(const config::Paths& paths) {
  if (!file_exists(paths.state_db)) return 0;
  OpenOptions ro;
  ro.mode = OpenOptions::Mode::read_only;
  auto db = Database::open(paths.state_db, ro);
  if (!db) return 0;
  auto meta = read_meta(**db);
  return meta && *meta ? (**meta).last_seq : 0;
}

Result<StateView> open_state_view(const config::Paths& paths, ProjectorOptions opts) {
  if (!file_exists(paths.team_dir))
    return make_error("no team workspace at " + paths.workspace +
                          " (it has no .team/ directory); run `team-agent init` there or pass "
                          "--workspace",
                      2);
  StateView view;
  auto projector = Projector::try_open(paths, std::move(opts));
  if (!projector) return projector.error();
  if (*projector) {
    view.projector_ = std::move(*projector);
    auto report = view.projector_->catch_up();
    if (report)
      view.caught_up_ = true;
    else
      view.warning_ = report.error();
    return view;
  }
  // Another process is the projector: read its database as it stands.
  if (file_exists(paths.state_db)) {
    OpenOptions ro;
    ro.mode = OpenOptions::Mode::read_only;
    auto db = Database::open(paths.state_db, ro);
    if (!db) return db.error();
    auto meta = read_meta(**db);
    if (!meta) return meta.error();
    if (*meta) {
      view.db_ = std::move(*db);
      return view;
    }
  }
  // Not created yet: an empty schema answers every query with nothing.
  auto db = Database::open(":memory:");
  if (!db) return db.error();
  if (auto st = create_schema(**db); !st) return st.error();
  view.db_ = std::move(*db);
  return view;
}

}  // namespace ta::store
