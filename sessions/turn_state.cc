#include "sessions/turn_state.h"

#include <optional>

#include <nlohmann/json.hpp>

#include "sessions/fault_facts.h"

namespace ta::sessions {

namespace {

using Json = nlohmann::json;

// One lifecycle fact: what a record says about the turn.
struct Fact {
  TurnState state;
  std::string reason;
  std::string turn_id;
  std::vector<std::string> annotations;
};

std::optional<Fact> claude_fact(const Json& r) {
  std::string type = text_at(r, {"type"});
  if (auto fault = claude_fault(r)) return Fact{TurnState::abnormal, fault->signature, fault->turn_id, {}};
  if (type == "assistant") {
    const Json* m = object_at(r, "message");
    if (!m) return std::nullopt;
    std::string turn = text_at(r, {"requestId"});
    auto stop = m->find("stop_reason");
    if (stop != m->end() && stop->is_string()) {
      std::string s = stop->get<std::string>();
      if (s == "tool_use") return Fact{TurnState::working, "open_turn", turn, {}};
      return Fact{TurnState::idle, s, turn, {}};
    }
    // No stop reason yet: the reply is still being written.
    if (m->contains("content")) return Fact{TurnState::working, "open_turn", turn, {}};
    return std::nullopt;
  }
  if (type == "user") {
    if (claude_interrupted(r)) return Fact{TurnState::idle_interrupted, "user_interrupt", text_at(r, {"uuid"}), {"interrupted"}};
    // A tool's result came back: the model goes on with the turn.
    if (claude_has_tool_result(r)) return Fact{TurnState::working, "open_turn", text_at(r, {"parentUuid"}), {}};
  }
  return std::nullopt;
}

std::optional<Fact> codex_fact(const Json& r) {
  if (auto fault = codex_fault(r)) {
    if (fault->signature == "approval_required")
      return Fact{TurnState::blocked_on_human, "approval_required", fault->turn_id, {"awaiting_approval"}};
    return Fact{TurnState::abnormal, fault->signature, fault->turn_id, {}};
  }
  std::string method = text_at(r, {"method"});
  if (!method.empty()) {  // the app server's JSON-RPC notifications
    const Json* turn = object_at(r, "params", "turn");
    std::string id = turn ? text_at(*turn, {"id"}) : text_at(r, {"params", "turnId"});
    std::string status = turn ? text_at(*turn, {"status"}) : "";
    if (method == "turn/started" || status == "inProgress") return Fact{TurnState::working, "open_turn", id, {}};
    if (status == "completed") return Fact{TurnState::idle, "turn_completed", id, {}};
    if (status == "interrupted") return Fact{TurnState::idle_interrupted, "interrupted", id, {"interrupted"}};
    return std::nullopt;
  }
  // A tool call's output came back (after an approval, say): the turn goes on.
  if (text_at(r, {"type"}) == "response_item" && text_at(r, {"payload", "type"}) == "function_call_output")
    return Fact{TurnState::working, "open_turn", "", {}};
  if (text_at(r, {"type"}) != "event_msg") return std::nullopt;
  const Json* p = object_at(r, "payload");
  if (!p) return std::nullopt;
  std::string kind = text_at(*p, {"type"});
  std::string id = codex_turn_id(*p);
  if (kind == "task_started") return Fact{TurnState::working, "open_turn", id, {}};
  if (kind == "task_complete") return Fact{TurnState::idle, "task_complete", id, {}};
  if (kind == "turn_aborted") {
    std::string why = text_at(*p, {"reason"});
    return Fact{TurnState::idle_interrupted, why.empty() ? "interrupted" : why, id, {"interrupted"}};
  }
  return std::nullopt;
}

}  // namespace

bool session_format_of(std::string_view provider, SessionFormat& out) {
  if (provider == "claude" || provider == "claude_code") out = SessionFormat::claude;
  else if (provider == "codex") out = SessionFormat::codex;
  else return false;
  return true;
}

const char* turn_state_name(TurnState s) {
  switch (s) {
    case TurnState::working: return "working";
    case TurnState::idle: return "idle";
    case TurnState::idle_interrupted: return "idle_interrupted";
    case TurnState::blocked_on_human: return "blocked_on_human";
    case TurnState::abnormal: return "abnormal";
    case TurnState::unknown: return "unknown";
  }
  return "unknown";
}

Liveness liveness_of(const ProcessIdentity& recorded, const ProcessIdentity* current) {
  if (recorded.pid <= 0) return Liveness::unverifiable;
  if (current == nullptr || current->pid <= 0) return Liveness::dead;
  if (current->pid != recorded.pid) return Liveness::dead;
  if (recorded.start_ticks < 0 || current->start_ticks < 0) return Liveness::unverifiable;
  return current->start_ticks == recorded.start_ticks ? Liveness::alive : Liveness::dead;
}

TurnVerdict classify_turn(SessionFormat format, std::string_view tail, Liveness liveness) {
  TurnVerdict v;
  bool any_record = false;
  std::optional<Fact> last;
  for_each_record(tail, v.diagnostics, [&](const Json& r) {
    any_record = true;
    auto f = format == SessionFormat::claude ? claude_fact(r) : codex_fact(r);
    if (f) last = std::move(f);
  });
  if (!any_record) {
    v.reason = "unreadable_or_empty";
    return v;
  }
  if (!last) {
    v.reason = "no_turn_lifecycle_fact";
    return v;
  }
  v.state = last->state;
  v.reason = last->reason;
  v.turn_id = last->turn_id;
  v.annotations = last->annotations;
  if (v.state != TurnState::working) return v;
  // An open turn: only a live process is working on it.
  if (liveness == Liveness::dead) {
    v.state = TurnState::abnormal;
    v.reason = "crashed_mid_turn";
    v.source = "process_guard";
    v.annotations.push_back("crashed_mid_turn");
  } else if (liveness == Liveness::unverifiable) {
    v.state = TurnState::unknown;
    v.reason = "liveness_unverifiable";
    v.diagnostics.push_back("an open turn, but the pane's process could not be confirmed alive");
  }
  return v;
}

}  // namespace ta::sessions
