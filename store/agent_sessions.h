#pragma once
// What the projections know about each agent's sessions: the session it has
// now (agent_sessions), every capture and tombstone in log order
// (session_records), and when the leader first reached it, which together
// decide whether a restart may start it fresh.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "store/db.h"
#include "util/result.h"

namespace ta::store {

struct AgentSessionRow {
  std::string agent_id, provider, format, session_id, path;
  std::string state;  // launched | captured | missing | discarded
  std::string launch_mode, via, confidence, missing_reason, launched_at, captured_at;
  std::string launch_root;  // where the launched CLI keeps its sessions
};

struct SessionRecordRow {
  std::uint64_t seq = 0;
  std::string agent_id;
  std::string kind;  // captured | discarded
  std::string provider, format, session_id, path, ts;
};

struct SessionHistory {
  std::map<std::string, AgentSessionRow> current;            // by agent id
  std::map<std::string, std::vector<SessionRecordRow>> records;  // by agent id, oldest first
  // Workers the leader reached: agent id -> worker.first_interaction's time,
  // as recorded (validated by the caller).
  std::map<std::string, std::string> first_send_at;
};

Result<SessionHistory> load_session_history(Database& db);

}  // namespace ta::store
