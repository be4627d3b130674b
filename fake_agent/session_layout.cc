#include "fake_agent/session_layout.h"

#include <ctime>

#include "sessions/claude_transcript.h"
#include "util/ids.h"

namespace ta::fake {

namespace {

using Json = nlohmann::ordered_json;

std::string two_digits(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }

Json claude_base(const std::string& type, const std::string& id, const std::string& cwd,
                 const std::string& uuid, const std::string& parent, UnixMicros now) {
  Json r{{"parentUuid", parent.empty() ? Json(nullptr) : Json(parent)},
         {"isSidechain", false},
         {"type", type},
         {"uuid", uuid},
         {"timestamp", format_rfc3339_micros(now)},
         {"cwd", cwd},
         {"sessionId", id},
         {"version", "fake"}};
  return r;
}

Json text_content(const std::string& text) {
  return Json::array({Json{{"type", "text"}, {"text", text}}});
}

Json assistant_message(const std::string& model, Json content, const std::string& stop_reason) {
  return Json{{"role", "assistant"},
              {"type", "message"},
              {"model", model},
              {"content", std::move(content)},
              {"stop_reason", stop_reason}};
}

Json codex_line(const std::string& type, Json payload, UnixMicros now) {
  return Json{
      {"timestamp", format_rfc3339_micros(now)}, {"type", type}, {"payload", std::move(payload)}};
}

}  // namespace

std::string new_uuid4() {
  std::string hex = random_hex12() + random_hex12() + random_hex12();
  hex[12] = '4';                                             // version 4
  hex[16] = "89ab"[std::stoi(hex.substr(16, 1), nullptr, 16) & 3];  // RFC 4122 variant
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
         hex.substr(16, 4) + "-" + hex.substr(20, 12);
}

std::string claude_transcript_path(const std::string& config_dir, const std::string& cwd,
                                   const std::string& id) {
  return sessions::claude_transcript_candidates(config_dir, cwd, id).front();
}

std::string codex_rollout_path(const std::string& codex_home, UnixMicros start,
                               const std::string& id) {
  std::time_t secs = static_cast<std::time_t>(start / 1000000);
  std::tm t{};
  localtime_r(&secs, &t);
  std::string day = std::to_string(t.tm_year + 1900) + "/" + two_digits(t.tm_mon + 1) + "/" +
                    two_digits(t.tm_mday);
  std::string stamp = std::to_string(t.tm_year + 1900) + "-" + two_digits(t.tm_mon + 1) + "-" +
                      two_digits(t.tm_mday) + "T" + two_digits(t.tm_hour) + "-" +
                      two_digits(t.tm_min) + "-" + two_digits(t.tm_sec);
  return codex_home + "/sessions/" + day + "/rollout-" + stamp + "-" + id + ".jsonl";
}

std::vector<Json> SessionRecords::opening(UnixMicros start, UnixMicros now) const {
  if (mode == Mode::claude)
    return {Json{{"type", "mode"}, {"mode", "normal"}, {"sessionId", id}},
            Json{{"type", "permission-mode"}, {"permissionMode", "default"}, {"sessionId", id}}};
  Json meta{{"id", id},
            {"session_id", id},
            {"timestamp", format_rfc3339_micros(start)},
            {"cwd", cwd},
            {"originator", "codex-tui"},
            {"cli_version", "fake"}};
  return {codex_line("session_meta", std::move(meta), now)};
}

std::vector<Json> SessionRecords::user(const std::string& text, const std::string& record_id,
                                       const std::string& parent_id, UnixMicros now) const {
  if (mode == Mode::claude) {
    Json r = claude_base("user", id, cwd, record_id, parent_id, now);
    r["message"] = Json{{"role", "user"}, {"content", text}};
    r["promptSource"] = "typed";
    return {r};
  }
  Json content = Json::array({Json{{"type", "input_text"}, {"text", text}}});
  return {codex_line("event_msg", Json{{"type", "task_started"}, {"turn_id", record_id}}, now),
          codex_line("response_item",
                     Json{{"type", "message"}, {"role", "user"}, {"content", std::move(content)}},
                     now)};
}

Json SessionRecords::turn_end(const std::string& answer, const std::string& record_id,
                              const std::string& parent_id, UnixMicros now) const {
  if (mode == Mode::claude) {
    Json r = claude_base("assistant", id, cwd, record_id, parent_id, now);
    r["message"] = assistant_message("fake-model", text_content(answer), "end_turn");
    return r;
  }
  return codex_line("event_msg",
                    Json{{"type", "task_complete"},
                         {"turn_id", record_id},
                         {"last_agent_message", answer}},
                    now);
}

ApiFailure api_failure(ApiErrorKind kind, std::string text) {
  switch (kind) {
    case ApiErrorKind::overloaded:
      return {std::move(text), 529, "server_error"};
    case ApiErrorKind::rate_limit:
      return {std::move(text), 429, "rate_limit"};
    case ApiErrorKind::auth:
      return {std::move(text), 401, "authentication_failed"};
    case ApiErrorKind::network:  // no answer came: no status
    case ApiErrorKind::timeout:
      break;
  }
  return {std::move(text), 0, "unknown"};
}

Json SessionRecords::tool_call(const ToolCall& call, const std::string& record_id,
                               const std::string& parent_id, UnixMicros now) const {
  if (mode == Mode::claude) {
    Json use{{"type", "tool_use"},
             {"id", call.id},
             {"name", "Bash"},
             {"input", Json{{"command", call.command}, {"description", call.description}}}};
    Json r = claude_base("assistant", id, cwd, record_id, parent_id, now);
    r["message"] = assistant_message("fake-model", Json::array({std::move(use)}), "tool_use");
    r["requestId"] = "req_" + call.id;  // one request per tool call here
    return r;
  }
  Json args{{"cmd", call.command}, {"workdir", cwd}};
  return codex_line("response_item",
                    Json{{"type", "function_call"},
                         {"name", "exec_command"},
                         {"arguments", args.dump()},
                         {"call_id", call.id}},
                    now);
}

Json SessionRecords::approval_request(const ToolCall& call, const std::string& turn_id,
                                      UnixMicros now) const {
  return codex_line("event_msg",
                    Json{{"type", "exec_approval_request"},
                         {"call_id", call.id},
                         {"turn_id", turn_id},
                         {"command", Json::array({"bash", "-lc", call.command})},
                         {"cwd", cwd},
                         {"reason", call.description}},
                    now);
}

Json SessionRecords::tool_result(const ToolCall& call, const std::string& output,
                                 const std::string& record_id, const std::string& parent_id,
                                 UnixMicros now) const {
  if (mode == Mode::claude) {
    Json r = claude_base("user", id, cwd, record_id, parent_id, now);
    r["message"] = Json{{"role", "user"},
                        {"content", Json::array({Json{{"tool_use_id", call.id},
                                                      {"type", "tool_result"},
                                                      {"content", output},
                                                      {"is_error", false}}})}};
    r["toolUseResult"] = Json{{"stdout", output}, {"stderr", ""}, {"interrupted", false}};
    return r;
  }
  return codex_line("response_item",
                    Json{{"type", "function_call_output"}, {"call_id", call.id}, {"output", output}},
                    now);
}

Json SessionRecords::tool_rejected(const ToolCall& call, const std::string& record_id,
                                   const std::string& parent_id, UnixMicros now) const {
  if (mode == Mode::claude) {
    Json r = claude_base("user", id, cwd, record_id, parent_id, now);
    r["message"] = Json{
        {"role", "user"},
        {"content",
         Json::array({Json{{"type", "tool_result"},
                           {"content",
                            "The user doesn't want to proceed with this tool use. The tool use was "
                            "rejected (eg. if it was a file edit, the new_string was NOT written to "
                            "the file). STOP what you are doing and wait for the user to tell you "
                            "how to proceed."},
                           {"is_error", true},
                           {"tool_use_id", call.id}}})}};
    r["toolUseResult"] = "User rejected tool use";
    r["toolDenialKind"] = "user-rejected";
    return r;
  }
  return codex_line(
      "response_item",
      Json{{"type", "function_call_output"}, {"call_id", call.id}, {"output", "aborted by user"}},
      now);
}

Json SessionRecords::interrupted(bool during_tool_call, const std::string& record_id,
                                 const std::string& parent_id, UnixMicros now) const {
  if (mode == Mode::claude) {
    Json r = claude_base("user", id, cwd, record_id, parent_id, now);
    std::string text = during_tool_call ? "[Request interrupted by user for tool use]"
                                        : "[Request interrupted by user]";
    r["message"] = Json{{"role", "user"}, {"content", text_content(text)}};
    return r;
  }
  return codex_line(
      "event_msg",
      Json{{"type", "turn_aborted"}, {"turn_id", record_id}, {"reason", "interrupted"}}, now);
}

std::vector<Json> SessionRecords::api_error(const ApiFailure& failure,
                                            const std::string& record_id,
                                            const std::string& parent_id, UnixMicros now) const {
  if (mode == Mode::claude) {
    Json r = claude_base("assistant", id, cwd, record_id, parent_id, now);
    Json message = assistant_message("<synthetic>", text_content(failure.text), "stop_sequence");
    message["stop_sequence"] = "";
    r["message"] = std::move(message);
    r["error"] = failure.code;
    r["isApiErrorMessage"] = true;
    if (failure.status > 0) r["apiErrorStatus"] = failure.status;
    return {r};
  }
  // Codex 0.171 writes a failed turn's error only into its task_complete
  // (no separate `error` event).
  Json error{{"message", failure.text}, {"codex_error_info", "other"}};
  return {codex_line("event_msg",
                     Json{{"type", "task_complete"},
                          {"turn_id", record_id},
                          {"last_agent_message", nullptr},
                          {"error", std::move(error)}},
                     now)};
}

std::vector<std::string> earlier_user_texts(Mode mode, const std::string& file_content) {
  std::vector<std::string> out;
  std::size_t from = 0;
  while (from < file_content.size()) {
    std::size_t nl = file_content.find('\n', from);
    std::string line = file_content.substr(from, nl == std::string::npos ? nl : nl - from);
    from = nl == std::string::npos ? file_content.size() : nl + 1;
    Json r = Json::parse(line, nullptr, false);
    if (!r.is_object()) continue;
    if (mode == Mode::claude && r.value("type", "") == "user" && r.contains("message") &&
        r["message"].is_object() && r["message"].contains("content") &&
        r["message"]["content"].is_string()) {
      out.push_back(r["message"]["content"].get<std::string>());
    } else if (mode == Mode::codex && r.value("type", "") == "response_item" &&
               r.contains("payload") && r["payload"].is_object() &&
               r["payload"].value("role", "") == "user" && r["payload"].contains("content") &&
               r["payload"]["content"].is_array()) {
      for (const auto& part : r["payload"]["content"]) {
        if (!part.is_object() || part.value("type", "") != "input_text") continue;
        std::string text = part.value("text", "");
        if (text.rfind("<environment_context>", 0) != 0) out.push_back(text);
      }
    }
  }
  return out;
}

}  // namespace ta::fake
