#pragma once
// The session_keeper actor: records which CLI session holds each agent's
// context, so that a restart can resume it. It follows the event bus: on
// session.launched it looks for the agent's session briefly (a CLI writes
// its file only when the first message is submitted, so "missing" right
// after a start is normal and recorded once); after each message submitted
// to an agent whose session is not captured yet it looks again, for longer;
// at the supervisor's graceful stop it looks one last time, bounded, before
// quitting. Files are read on its own I/O thread; what it finds becomes
// session.captured or session.capture_missing (SessionBook decides).
#include <chrono>
#include <memory>
#include <mutex>
#include <vector>

#include "actors/blocking_worker.h"
#include "actors/interfaces.h"
#include "actors/session_keeper_book.h"
#include "actors/session_keeper_round.h"

namespace ta::actors {

struct SessionKeeperConfig {
  KeeperTimings timings;
  // How long the last look at a graceful stop may take.
  std::chrono::milliseconds stop_bound{1000};
};

// What the I/O thread found, waiting for the actor to take it.
struct OutcomeBox {
  std::mutex mu;
  std::vector<CaptureOutcome> outcomes;
  std::vector<CaptureOutcome> final_outcomes;  // of the last look
  bool final_done = false;
};

struct SessionKeeperState {
  SessionKeeperConfig cfg;
  store_writer_actor writer;
  SessionBook book;
  std::shared_ptr<CapturerCache> capturers = std::make_shared<CapturerCache>();
  std::shared_ptr<OutcomeBox> box = std::make_shared<OutcomeBox>();
  std::unique_ptr<BlockingWorker> io;
  bool stopping = false;
  static inline const char* name = "session_keeper";
};

// Subscribes itself to `writer`'s bus; a parent that starts the bus paused
// subscribes it too, before the start, so no launch is missed.
session_keeper_actor::behavior_type session_keeper(
  session_keeper_actor::stateful_pointer<SessionKeeperState> self, store_writer_actor writer,
  SessionKeeperConfig cfg);

}  // namespace ta::actors
