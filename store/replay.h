#pragma once
// Replay: rebuilding projections from the log into a fresh database,
// comparing two databases row by row, and the timeline of one message or
// agent. This is what `team-agent replay` is made of.
#include <cstdint>
#include <string>
#include <vector>

#include "events/event.h"
#include "store/db.h"
#include "store/log_fold.h"
#include "util/result.h"

namespace ta::store {

// Creates the schema in `fresh` (which should be empty) and folds the log
// into it up to the limits. A corrupt line is an error unless skipped.
Result<FoldReport> rebuild_into(Database& fresh, const std::string& events_dir,
                                const FoldLimits& limits = {});

// Rebuilds into a new database file at `db_path` (replacing any file there),
// built without fsyncs: it is complete when this returns ok, and removed
// when it fails.
Result<FoldReport> rebuild(const std::string& events_dir, const std::string& db_path,
                           const FoldLimits& limits = {});

// Puts a database built by rebuild() in place of `live_path` atomically
// (rename), in WAL mode like every live database. The caller must hold the
// projector lock, so no other process writes the live database meanwhile.
Status install_database(const std::string& fresh_path, const std::string& live_path);

// The canonical dump of every projection table: a header line per table,
// then one line per row in primary key order, values tab-separated and
// rendered as null, numbers, or JSON-quoted text. Two rebuilds of the same
// log give identical bytes. Read in one read transaction.
Result<std::string> dump_tables(Database& db);

// projection_meta.last_seq (0 when the database has no projections).
Result<std::uint64_t> projected_seq(Database& db);

// Compares every projection table row by row, streaming both sides in
// primary key order. One line per differing column or missing row, e.g.
// `messages msg_abc: state: live "failed" vs replay "submitted"`.
// Call it inside a read transaction on `live` when a projector may be
// writing it, so the rows match the last_seq the replay was built to.
Result<std::vector<std::string>> diff(Database& live, Database& replay);

// A private database file in `dir` for a rebuild (".<what>-<pid>.db").
std::string scratch_db_path(const std::string& dir, const std::string& what);

// What a replay of the log up to `live`'s last_seq says about `live`: the
// differences diff() lists (none: they agree). The replay is built in a
// scratch file under `scratch_dir` and removed afterwards.
struct Verification {
  std::uint64_t last_seq = 0;
  std::vector<std::string> differences;
  FoldReport replay;
};
Result<Verification> verify_projections(Database& live, const std::string& events_dir,
                                        const std::string& scratch_dir, FoldLimits limits);

// The events that touch one message (its id in the data) or one agent
// (as sender, recipient, pane owner, worker, or via its messages), in seq order.
struct TimelineSubject {
  enum class Kind { message, agent };
  Kind kind = Kind::message;
  std::string id;
};
Result<std::vector<events::Event>> timeline(const std::string& events_dir,
                                            const TimelineSubject& subject,
                                            const FoldLimits& limits = {});
// "seq  ts  event  key=value …" for a timeline line, long text shortened.
std::string timeline_line(const events::Event& e);

}  // namespace ta::store
