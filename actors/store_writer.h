#pragma once
// The store_writer actor (SPEC §1.3): the supervisor's sole writer of the
// event log and of the projections. Appends are group-committed: everything
// pending becomes one EventLog::append. The blocking part (append, fold,
// reading the log) runs on a thread the actor owns (StoreIo), which messages
// the actor back. Publishing goes through one LogReader that follows the
// log (inotify), so each event reaches subscribers exactly once, in seq
// order, whether this process or another one appended it.
#include <cstdint>
#include <map>
#include <memory>
#include <vector>

#include <caf/typed_response_promise.hpp>

#include "actors/interfaces.h"
#include "config/paths.h"
#include "store/db.h"
#include "events/log.h"
#include "util/result.h"

namespace ta::actors {

class StoreIo;  // the owned I/O thread, see store_writer.cc

struct StoreWriterOptions {
  events::LogOptions log;
  // Events at most this many per append round (bounds one fdatasync).
  std::size_t max_batch = 8192;
  // Wait for start_atom before committing or publishing, so subscribers
  // added first miss nothing after the projection's snapshot.
  bool start_paused = false;
};

struct StoreWriterState {
  // Joins the I/O thread after it commits what was already queued.
  ~StoreWriterState();

  std::shared_ptr<StoreIo> io;
  std::vector<event_subscriber_actor> subscribers;
  std::uint64_t next_request = 1;
  std::map<std::uint64_t, caf::typed_response_promise<std::vector<std::uint64_t>>> pending;
  static inline const char* name = "store_writer";
};

// Opens the log and takes the projector lock (held until the actor quits),
// and folds what the log holds. Publishing starts after the folded seq, so
// the projection read before the actor starts (projection()) plus the event
// bus cover every event exactly once. Hand the result to store_writer().
Result<std::shared_ptr<StoreIo>> open_store_io(const config::Paths& paths,
                                               StoreWriterOptions opts);

// The projections as of the snapshot; only valid before the actor starts
// (afterwards the I/O thread owns the database).
store::Database& projection(StoreIo& io);

store_writer_actor::behavior_type store_writer(
  store_writer_actor::stateful_pointer<StoreWriterState> self, std::shared_ptr<StoreIo> io,
  bool start_paused = false);

// open_store_io() + spawn; the actor is not detached.
Result<store_writer_actor> spawn_store_writer(caf::actor_system& sys,
                                              const config::Paths& paths,
                                              StoreWriterOptions opts);

}  // namespace ta::actors
