#pragma once
// What a starting supervisor owes from earlier runs, read from the
// projections: messages accepted but never delivered (in accepted order),
// the ones a crashed supervisor was in the middle of delivering, and the
// workers a leader message already reached, and the results the leader was
// never told about.
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "store/db.h"
#include "util/result.h"

namespace ta::store {

struct PendingMessage {
  std::uint64_t accepted_seq = 0;
  std::string message_id, from, to, task_id, content;
  bool now = false;
  std::string result_id;  // set for the leader's notification of a result
  // A delivery attempt was recorded without an outcome: its text may have
  // reached the pane, so it must never be pasted again.
  bool interrupted = false;
  int attempts = 0;
};

struct UnnotifiedResult {
  std::string result_id, task_id, agent_id, status, summary;
};

struct PendingDeliveries {
  std::vector<PendingMessage> messages;  // by accepted_seq
  std::set<std::string> first_interaction_done;  // workers with first_send_at
  std::set<std::string> leader_message_ids;      // every message addressed to the leader
  // Results no leader notification claimed yet (reported while no
  // supervisor ran), in reported order.
  std::vector<UnnotifiedResult> unnotified_results;
  // Message id -> the highest attempt of its trust_retry timers that fired.
  std::map<std::string, int> trust_fired_attempt;
};

Result<PendingDeliveries> load_pending_deliveries(Database& db);

}  // namespace ta::store
