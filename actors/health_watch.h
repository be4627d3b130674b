#pragma once
// The health_watch actor: on a slow tick (and never reading anything twice
// when it did not change) it has its I/O thread look at each agent's
// session-file tail (sessions/tail_reader.h), the pane's output count and
// whether the pane's process still runs, and folds that with the event bus
// into HealthBook (actors/health_book.h), whose decisions it appends.
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "actors/blocking_worker.h"
#include "actors/health_book.h"
#include "actors/interfaces.h"
#include "sessions/tail_reader.h"
#include "terminal/pane_changes.h"

namespace ta::actors {

struct HealthWatchConfig {
  std::string run_id;
  HealthTimings timings;
  std::vector<HealthMember> members;
  // Messages accepted before this run and still owed: (agent, message id).
  std::vector<std::pair<std::string, std::string>> owed;
  std::shared_ptr<terminal::PaneChanges> changes;  // may be null: no output counts
  // 0: a quarter of the shorter of the two thresholds, within 250 ms .. 2 s.
  std::chrono::milliseconds tick{0};
};

// Each agent's session-file reader and the verdict of its tail, kept until
// the file or the process's liveness changes (a tail is parsed once, not
// on every tick). Used on the I/O thread only.
struct AgentFileWatch {
  std::unique_ptr<sessions::TailReader> reader;
  sessions::Liveness liveness = sessions::Liveness::unverifiable;
  sessions::TurnVerdict verdict;
  bool classified = false;
};
struct HealthReaders {
  std::map<std::string, AgentFileWatch> by_agent;
};

// What the I/O thread read, waiting for the actor to take it.
struct ReadingBox {
  std::mutex mu;
  std::vector<HealthReading> readings;
};

struct HealthWatchState {
  HealthWatchConfig cfg;
  store_writer_actor writer;
  std::unique_ptr<HealthBook> book;
  std::unique_ptr<BlockingWorker> io;
  std::shared_ptr<HealthReaders> readers = std::make_shared<HealthReaders>();
  std::shared_ptr<ReadingBox> box = std::make_shared<ReadingBox>();
  std::chrono::milliseconds tick{2000};
  bool reading = false;  // a look is on the I/O thread
  bool stopping = false;
  static inline const char* name = "health_watch";
};

// Reads what the probes name (the I/O thread's job; blocking).
std::vector<HealthReading> read_probes(HealthReaders& readers, const std::vector<HealthProbe>& probes,
                                       const terminal::PaneChanges* changes);

// Subscribes itself to `writer`'s bus.
health_watch_actor::behavior_type health_watch(
  health_watch_actor::stateful_pointer<HealthWatchState> self, store_writer_actor writer,
  HealthWatchConfig cfg);

}  // namespace ta::actors
