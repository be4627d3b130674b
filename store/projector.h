#pragma once
// The one process that writes .team/state.db at a time: it holds flock on
// .team/state.lock for its lifetime, keeps the projections at the binary's
// fold version (rebuilding from the log when they are not), and folds new
// events on catch_up(). Everyone else opens the database read-only.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "config/paths.h"
#include "events/event.h"
#include "store/db.h"
#include "store/fold.h"
#include "store/log_fold.h"
#include "util/fs.h"
#include "util/result.h"

namespace ta::store {

struct ProjectorOptions {
  bool skip_corrupt = false;
  std::size_t batch_events = 10000;
  // How `projection.rebuilt` reaches the log after a rebuild. The supervisor
  // passes its store_writer's append; by default the projector opens the
  // log itself (the team name comes from the events it folded).
  std::function<Status(events::Draft)> append_event;
};

class Projector {
 public:
  // Waits for state.lock, then opens (creating or rebuilding) the projections.
  static Result<std::unique_ptr<Projector>> open(const config::Paths& paths,
                                                 ProjectorOptions opts = {});
  // Like open(), but returns nullptr at once when another process holds the lock.
  static Result<std::unique_ptr<Projector>> try_open(const config::Paths& paths,
                                                     ProjectorOptions opts = {});

  // Folds every event appended since the last call, in batches. A corrupt
  // line stops the fold there (events before it are kept) and is returned
  // as the error, unless the options say to skip corrupt lines.
  Result<FoldReport> catch_up();

  Database& db() { return *db_; }
  std::uint64_t last_seq() const { return last_seq_; }
  // Why open() rebuilt the projections from the log; empty when it did not.
  const std::string& rebuild_reason() const { return rebuild_reason_; }

 private:
  Projector(config::Paths paths, ProjectorOptions opts, FileLock lock)
      : paths_(std::move(paths)), opts_(std::move(opts)), lock_(std::move(lock)) {}
  static Result<std::unique_ptr<Projector>> start(const config::Paths& paths,
                                                  ProjectorOptions opts, FileLock lock);
  Status open_database();
  Status rebuild(const std::string& reason, int from_version);
  Status announce_rebuild(const std::string& reason, int from_version, const FoldReport& r);

  config::Paths paths_;
  ProjectorOptions opts_;
  FileLock lock_;
  std::unique_ptr<Database> db_;
  std::unique_ptr<Fold> fold_;
  std::uint64_t last_seq_ = 0;
  std::string rebuild_reason_;
  std::uint64_t lost_floor_ = 0;  // seqs the projections saw that the log lost
};

// The highest seq the projections in state.db have folded (0 when there are
// none): the floor below which an appender must not number new events
// (events::LogOptions::seq_floor). Read-only, never blocks on the projector.
std::uint64_t projection_seq_floor(const config::Paths& paths);

// The projections as a command that only reads them should see them: when
// no other process is the projector, this one takes the lock and catches up
// first; when one is (the supervisor), it reads what is there, read-only.
class StateView {
 public:
  Database& db() { return projector_ ? projector_->db() : *db_; }
  // Whether this process caught the projections up to the end of the log.
  bool caught_up() const { return caught_up_; }
  // A problem met while catching up (e.g. a corrupt log line). The state is
  // still readable, as of the last event folded before the problem.
  const std::optional<Error>& warning() const { return warning_; }

 private:
  friend Result<StateView> open_state_view(const config::Paths&, ProjectorOptions);
  std::unique_ptr<Projector> projector_;
  std::unique_ptr<Database> db_;
  bool caught_up_ = false;
  std::optional<Error> warning_;
};

// Fails only when the workspace has no .team/ or the database cannot be
// opened; with no projections yet it reads an empty in-memory database.
Result<StateView> open_state_view(const config::Paths& paths, ProjectorOptions opts = {});

}  // namespace ta::store
