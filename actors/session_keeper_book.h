#pragma once
// What the session_keeper decides, without actors or files: which agent's
// session to look for and when, who may claim a Codex rollout, and which
// outcome is worth an event. A CLI writes its session file only when the
// first message is submitted, so a capture is tried briefly at launch and
// again, for longer, after each submission while the session is not
// captured; a failed series records one session.capture_missing, and only
// when its reason is news for that launch.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "events/types.h"
#include "sessions/capture.h"

namespace ta::actors {

struct KeeperTimings {
  std::int64_t launch_window_ms = 1500;  // tries right after a launch
  std::int64_t launch_interval_ms = 300;
  std::int64_t submit_window_ms = 10000;  // tries after a submission
  std::int64_t submit_interval_ms = 200;
};

// One agent's current session, as its last session.launched said.
struct KeptSession {
  events::SessionLaunched launch;
  std::uint64_t generation = 0;  // the seq of that session.launched
  std::int64_t spawned_us = 0;   // its timestamp
  bool captured = false;
  bool submitted = false;       // a message was submitted to it since the launch
  std::string noted_missing;    // reason of the last capture_missing of this launch
  bool trying = false;          // a series of tries runs
  std::int64_t deadline_ms = 0;  // until then, one try every interval_ms
  std::int64_t interval_ms = 0;
  bool in_flight = false;  // a try is on the I/O thread
};

// One capture for the I/O thread. Items of a round run in order, and what
// one claims is held for the next.
struct CaptureItem {
  std::string agent_id;
  std::uint64_t generation = 0;
  std::string root;  // the CLI's session root (Claude's config dir or Codex's home)
  sessions::CaptureRequest request;
  // A Codex scan's match may be taken: false while other uncaptured Codex
  // agents of the same directory could own it and this one had no message.
  bool may_claim = true;
};

struct CaptureOutcome {
  std::string agent_id;
  std::uint64_t generation = 0;
  sessions::CaptureResult result;
};

struct RoundPlan {
  std::vector<CaptureItem> items;
  // Nothing to run now, but the agent's series goes on: ask again after this long.
  std::optional<std::int64_t> again_in_ms;
};

// What to do after an outcome: events to append, and when to try again.
struct KeeperStep {
  std::vector<events::Draft> drafts;
  std::optional<std::int64_t> retry_in_ms;
};

class SessionBook {
 public:
  explicit SessionBook(KeeperTimings t = {}) : t_(t) {}

  // From the bus. launched() starts a short series of tries; submitted()
  // starts (or lengthens) a longer one and says whether to try now.
  void launched(const events::SessionLaunched& l, std::uint64_t seq, std::int64_t ts_us,
                std::int64_t now_ms);
  bool submitted(const std::string& agent_id, std::int64_t now_ms);
  void captured_on_bus(const std::string& agent_id, const std::string& session_id,
                       std::uint64_t seq);
  void discarded_on_bus(const std::string& agent_id);

  // The tries to run for `agent_id` now (marked in flight).
  RoundPlan round_for(const std::string& agent_id);
  // Every session not captured yet, for the last look at a graceful stop:
  // agents that were sent a message first, then in launch order.
  std::vector<CaptureItem> final_round();
  // An outcome from the I/O thread; `final` for the last round (no retry).
  KeeperStep outcome(const CaptureOutcome& o, std::int64_t now_ms, bool final = false);

  const KeptSession* find(const std::string& agent_id) const;

 private:
  CaptureItem item_for(const KeptSession& s, bool may_claim) const;
  bool fresh_codex(const KeptSession& s) const;
  bool peers(const KeptSession& a, const KeptSession& b) const;
  void start_series(KeptSession& s, std::int64_t now_ms, std::int64_t window, std::int64_t every);
  std::vector<KeptSession*> in_launch_order();

  KeeperTimings t_;
  std::map<std::string, KeptSession> sessions_;
  // Session each agent holds now (captured, or resumed at launch): no
  // other agent may claim it. And the last session.captured per agent.
  std::map<std::string, std::string> held_;
  std::map<std::string, std::string> last_captured_;
};

}  // namespace ta::actors
