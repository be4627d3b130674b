#include "sessions/session_records.h"

namespace ta::sessions {

namespace {

constexpr std::size_t kMaxDiagnostics = 5;

}  // namespace

std::vector<std::string> claude_user_texts(const RecordJson& r) {
  std::vector<std::string> out;
  const RecordJson* m = object_at(r, "message");
  if (!m) return out;
  auto c = m->find("content");
  if (c == m->end()) return out;
  if (c->is_string()) out.push_back(c->get<std::string>());
  if (c->is_array())
    for (const auto& part : *c)
      if (part.is_object() && text_at(part, {"type"}) == "text") out.push_back(text_at(part, {"text"}));
  return out;
}

void for_each_record(std::string_view text, std::vector<std::string>& diagnostics,
                     const std::function<void(const RecordJson&)>& fn) {
  std::size_t line_no = 0;
  while (!text.empty()) {
    std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    RecordJson r = RecordJson::parse(line, nullptr, false);
    if (r.is_object()) {
      fn(r);
    } else if (diagnostics.size() < kMaxDiagnostics) {
      diagnostics.push_back("line " + std::to_string(line_no) + " is not a JSON object");
    }
  }
}

std::string text_at(const RecordJson& j, std::initializer_list<const char*> path) {
  const RecordJson* at = &j;
  for (const char* key : path) {
    if (!at->is_object()) return {};
    auto it = at->find(key);
    if (it == at->end()) return {};
    at = &*it;
  }
  return at->is_string() ? at->get<std::string>() : std::string();
}

const RecordJson* object_at(const RecordJson& j, const char* key, const char* key2) {
  if (!j.is_object()) return nullptr;
  auto it = j.find(key);
  if (it == j.end() || !it->is_object()) return nullptr;
  return key2 ? object_at(*it, key2) : &*it;
}

bool claude_interrupted(const RecordJson& r) {
  if (text_at(r, {"type"}) != "user") return false;
  for (const auto& t : claude_user_texts(r))
    if (t.rfind("[Request interrupted by user", 0) == 0) return true;
  return false;
}

bool claude_has_tool_result(const RecordJson& r) {
  const RecordJson* m = object_at(r, "message");
  if (!m) return false;
  auto c = m->find("content");
  if (c == m->end() || !c->is_array()) return false;
  for (const auto& part : *c)
    if (part.is_object() && text_at(part, {"type"}) == "tool_result") return true;
  return false;
}

std::string codex_turn_id(const RecordJson& payload) {
  std::string id = text_at(payload, {"turn_id"});
  if (id.empty()) id = text_at(payload, {"turn_attribution", "turn_id"});
  if (id.empty()) id = text_at(payload, {"turnId"});
  return id;
}

}  // namespace ta::sessions
