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
    r["message"] = Json{{"role", "assistant"},
                        {"type", "message"},
                        {"model", "fake-model"},
                        {"content", Json::array({Json{{"type", "text"}, {"text", answer}}})},
                        {"stop_reason", "end_turn"}};
    return r;
  }
  return codex_line("event_msg",
                    Json{{"type", "task_complete"},
                         {"turn_id", record_id},
                         {"last_agent_message", answer}},
                    now);
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
