#include "store/log_fold.h"

#include "events/codec.h"
#include "store/event_stream.h"
#include "store/schema.h"

namespace ta::store {

Error corruption_error(const events::Corruption& c) {
  return make_error(c.describe() +
                    "; repair or remove that line, or rebuild past it with `team-agent replay "
                    "--skip-corrupt`");
}

Result<FoldReport> fold_log(Database& db, Fold& fold, const std::string& events_dir,
                            const FoldLimits& limits) {
  auto meta = read_meta(db);
  if (!meta) return meta.error();
  if (!*meta)
    return make_error("the database " + db.path() + " has no projection_meta row to fold into");
  const std::uint64_t from = (*meta)->last_seq;

  FoldReport report;
  report.last_seq = from;
  report.last_ts = (*meta)->last_ts;

  report.seen_seq = from;
  std::string last_hash = (*meta)->last_hash;
  auto update_meta = db.prepare(
      "UPDATE projection_meta SET last_seq = ?1, fold_version = ?2, last_ts = ?3, last_hash = ?4 "
      "WHERE id = 1");
  if (!update_meta) return update_meta.error();

  std::optional<Transaction> txn;
  std::size_t in_batch = 0;
  std::uint64_t committed_seq = from;
  // Writes the checkpoint inside the batch's transaction, then commits both.
  auto finish_batch = [&]() -> Status {
    if (in_batch == 0) return ok_status();
    update_meta->bind_int(1, static_cast<std::int64_t>(report.last_seq)).bind_int(2, kFoldVersion);
    update_meta->bind_text_or_null(3, report.last_ts).bind_text_or_null(4, last_hash);
    if (auto st = update_meta->run(); !st) return st;
    in_batch = 0;
    if (!txn) return ok_status();
    auto st = txn->commit();
    txn.reset();
    if (st) committed_seq = report.last_seq;
    return st;
  };

  // The stream starts at the last folded event itself: the log must still
  // hold it, unchanged, or the projections describe events it lost.
  EventStream stream(events_dir, from > 0 ? from - 1 : 0, limits.skip_corrupt);
  if (auto st = stream.open(); !st) return st.error();
  events::Event e, last;  // `last`: the event folded last (swapped, not copied)
  bool anchored = from == 0;
  for (;;) {
    auto next = stream.next(e);
    if (next == EventStream::Next::end) break;
    if (next == EventStream::Next::corrupt) {
      report.stopped_at = stream.corruption();
      break;
    }
    if (!anchored) {
      anchored = true;
      if (e.seq != from) {
        report.ahead_of_log = "the log has no event " + std::to_string(from) +
                              ", the last one the projections folded";
        return report;
      }
      if (!last_hash.empty() && events::event_fingerprint(e) != last_hash) {
        report.ahead_of_log = "event " + std::to_string(from) +
                              " in the log is not the one the projections folded";
        return report;
      }
      continue;
    }
    if (e.seq <= report.last_seq) continue;
    if (limits.until_seq && e.seq > *limits.until_seq) break;
    if (limits.until_time) {
      auto t = parse_rfc3339(e.ts);
      if (t && *t > *limits.until_time) break;
    }
    if (limits.own_transactions && !txn) {
      auto t = Transaction::begin(db);
      if (!t) return t.error();
      txn.emplace(std::move(*t));
    }
    if (auto st = fold.apply(e); !st) {
      if (txn) txn->rollback();
      return make_error(st.error().message + "; projections stay at seq " +
                        std::to_string(committed_seq));
    }
    report.last_seq = e.seq;
    report.last_ts = e.ts;
    last_hash.clear();  // computed once per batch, for its last event
    if (report.team != e.team) report.team = e.team;  // compare first: no copy per event
    ++report.folded;
    std::swap(last, e);
    if (++in_batch >= limits.batch_events) {
      last_hash = events::event_fingerprint(last);
      if (auto st = finish_batch(); !st) return st.error();
    }
  }
  if (!anchored && !report.stopped_at) {
    report.ahead_of_log = "the log ends before event " + std::to_string(from) +
                          ", the last one the projections folded";
    return report;
  }
  if (in_batch > 0 && last_hash.empty()) last_hash = events::event_fingerprint(last);
  if (auto st = finish_batch(); !st) return st.error();
  report.skipped = stream.skipped();
  return report;
}

}  // namespace ta::store
