#include "sessions/fault_facts.h"

#include <set>

namespace ta::sessions {

namespace {

// What a Codex rollout holds, besides the app server's JSON-RPC messages.
const std::set<std::string> kCodexRecordTypes = {"session_meta", "event_msg",  "response_item",
                                                  "turn_context", "compacted", "world_state",
                                                  "token_usage_record"};

const std::set<std::string> kCodexApprovalEvents = {
    "exec_approval_request", "apply_patch_approval_request", "request_permissions",
    "elicitation_request"};

int int_at(const RecordJson& r, const char* key) {
  auto it = r.find(key);
  return it != r.end() && it->is_number_integer() ? it->get<int>() : 0;
}

bool tool_result_failed(const RecordJson& r) {
  const RecordJson* m = object_at(r, "message");
  if (!m || !m->contains("content") || !(*m)["content"].is_array()) return false;
  for (const auto& part : (*m)["content"])
    if (part.is_object() && text_at(part, {"type"}) == "tool_result" &&
        part.value("is_error", false) == true)
      return true;
  return false;
}

FaultFact fact(std::string signature, std::string turn_id) {
  FaultFact f;
  f.signature = std::move(signature);
  f.turn_id = std::move(turn_id);
  return f;
}

template <class Visit>
void scan(SessionFormat format, std::string_view tail, std::vector<std::string>& diagnostics,
          Visit&& visit) {
  for_each_record(tail, diagnostics, [&](const RecordJson& r) {
    if (format == SessionFormat::codex && !r.contains("method")) {
      std::string type = text_at(r, {"type"});
      if (!kCodexRecordTypes.count(type) && diagnostics.size() < 5)
        diagnostics.push_back("unknown Codex record type \"" + type + "\"");
    }
    auto f = format == SessionFormat::claude ? claude_fault(r) : codex_fault(r);
    if (f) {
      f->record = r.dump();
      visit(std::move(*f));
    }
  });
}

}  // namespace

std::string FaultFact::dedupe_key() const {
  return signature + (turn_id.empty() ? "|record:" + record : "|turn:" + turn_id);
}

std::optional<FaultFact> claude_fault(const RecordJson& r) {
  std::string type = text_at(r, {"type"});
  if (type == "system" && text_at(r, {"subtype"}) == "api_error" && text_at(r, {"level"}) == "error") {
    std::string turn = text_at(r, {"sessionId"});
    return fact("api_error", turn.empty() ? text_at(r, {"uuid"}) : turn);
  }
  if (type == "assistant" && r.value("isApiErrorMessage", false) == true) {
    FaultFact f = fact("api_error", text_at(r, {"uuid"}));
    f.api_error_status = int_at(r, "apiErrorStatus");
    f.error = text_at(r, {"error"});
    f.request_id = text_at(r, {"requestId"});
    f.assistant_uuid = f.turn_id;
    return f;
  }
  // A tool call the user declined or interrupted is not the agent's fault.
  if (type == "user" && tool_result_failed(r) && text_at(r, {"toolDenialKind"}).empty())
    return fact("tool_result_is_error", text_at(r, {"parentUuid"}));
  return std::nullopt;
}

std::optional<FaultFact> codex_fault(const RecordJson& r) {
  std::string method = text_at(r, {"method"});
  if (!method.empty()) {
    if (method.find("requestApproval") != std::string::npos) {
      std::string turn = text_at(r, {"params", "turnId"});
      return fact("approval_required", turn.empty() ? text_at(r, {"params", "turn_id"}) : turn);
    }
    const RecordJson* turn = object_at(r, "params", "turn");
    if (method == "turn/completed" && turn && text_at(*turn, {"status"}) == "failed") {
      FaultFact f = fact("turn_failed", text_at(*turn, {"id"}));
      f.kind = "failed";
      f.error = text_at(*turn, {"error", "message"});
      return f;
    }
    return std::nullopt;
  }
  const RecordJson* p = object_at(r, "payload");
  if (text_at(r, {"type"}) != "event_msg" || !p) return std::nullopt;
  std::string kind = text_at(*p, {"type"});
  if (kCodexApprovalEvents.count(kind)) return fact("approval_required", codex_turn_id(*p));
  if (kind == "error") {
    FaultFact f = fact("error_event", codex_turn_id(*p));
    f.error = text_at(*p, {"message"});
    return f;
  }
  // Codex 0.171 records a failed turn only here: task_complete with an error.
  if (const RecordJson* err = object_at(*p, "error"); kind == "task_complete" && err) {
    FaultFact f = fact("turn_failed", codex_turn_id(*p));
    f.kind = "failed";
    f.error = text_at(*err, {"message"});
    return f;
  }
  return std::nullopt;
}

FaultScan read_fault_facts(SessionFormat format, std::string_view tail) {
  FaultScan out;
  std::set<std::string> seen;
  scan(format, tail, out.diagnostics, [&](FaultFact f) {
    if (!seen.insert(f.dedupe_key()).second) return;
    out.discovered.push_back(f.signature + (f.turn_id.empty() ? "" : " in turn " + f.turn_id) +
                             (f.error.empty() ? "" : ": " + f.error));
    out.facts.push_back(std::move(f));
  });
  return out;
}

std::optional<FaultFact> latest_fault(SessionFormat format, std::string_view tail) {
  std::vector<std::string> ignored;
  std::optional<FaultFact> last;
  scan(format, tail, ignored, [&](FaultFact f) { last = std::move(f); });
  return last;
}

}  // namespace ta::sessions
