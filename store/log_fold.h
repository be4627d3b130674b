#pragma once
// Folding the event log into a database: read with one LogReader from
// projection_meta.last_seq, apply batches of events, and move last_seq in the
// same transaction as the rows those events produced, so a crash never
// leaves rows without their checkpoint or the reverse.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "events/reader.h"
#include "store/db.h"
#include "store/fold.h"
#include "util/clock.h"
#include "util/result.h"

namespace ta::store {

struct FoldLimits {
  std::optional<std::uint64_t> until_seq;  // fold nothing after this seq
  std::optional<UnixMicros> until_time;    // stop at the first event stamped later
  bool skip_corrupt = false;               // step over corrupt lines instead of stopping
  std::size_t batch_events = 10000;        // events per transaction
  // false: the caller holds one transaction around the whole fold.
  bool own_transactions = true;
};

struct FoldReport {
  std::uint64_t folded = 0;    // events applied in this call
  std::uint64_t last_seq = 0;  // projection_meta.last_seq afterwards
  std::string last_ts;
  std::string team;                          // team of the last event folded
  std::vector<events::Corruption> skipped;   // corrupt lines passed over
  std::optional<events::Corruption> stopped_at;  // the corrupt line the fold stopped before
  // Set when the projections are ahead of the log: it no longer holds the
  // event they last folded (its tail was lost or rewritten), so nothing was
  // folded; in words, for projection.rebuilt.
  std::string ahead_of_log;
  std::uint64_t seen_seq = 0;  // projection_meta.last_seq the fold found
};

// Folds the events after projection_meta.last_seq (the schema must exist).
// On a corrupt line it commits what came before and reports the line in
// `stopped_at` (unless skip_corrupt). An event the fold rejects rolls back
// its whole batch and is returned as the error.
Result<FoldReport> fold_log(Database& db, Fold& fold, const std::string& events_dir,
                            const FoldLimits& limits);

// One sentence for a corrupt line: where it is and what the user can do.
Error corruption_error(const events::Corruption& c);

}  // namespace ta::store
