// The history of one message or one agent, read straight from the log
// (declared in store/replay.h).
#include <unordered_set>

#include "events/pane_text.h"
#include "events/reader.h"
#include "store/replay.h"

namespace ta::store {

namespace {

bool field_is(const events::Json& data, const char* key, const std::string& value) {
  auto it = data.find(key);
  return it != data.end() && it->is_string() && it->get_ref<const std::string&>() == value;
}

const std::string* string_field(const events::Json& data, const char* key) {
  auto it = data.find(key);
  return it != data.end() && it->is_string() ? &it->get_ref<const std::string&>() : nullptr;
}

bool touches_message(const events::Event& e, const std::string& id) {
  if (field_is(e.data, "message_id", id)) return true;
  // A timer parked for a message (e.g. a trust-prompt retry) names it in its payload.
  auto payload = e.data.find("payload");
  return payload != e.data.end() && payload->is_object() && field_is(*payload, "message_id", id);
}

// Follows the agent's messages too, so deliveries and acknowledgements that
// do not repeat the agent's id still show up.
class AgentMatcher {
 public:
  explicit AgentMatcher(std::string id) : id_(std::move(id)) {}
  bool operator()(const events::Event& e) {
    bool named = false;
    for (const char* key : {"agent_id", "worker_id", "to", "from", "owner"})
      if (field_is(e.data, key, id_)) named = true;
    const std::string* message_id = string_field(e.data, "message_id");
    if (named && message_id && e.type == "message.accepted") messages_.insert(*message_id);
    return named || (message_id && messages_.count(*message_id));
  }

 private:
  std::string id_;
  std::unordered_set<std::string> messages_;
};

std::string shorten(const std::string& s, size_t max) {
  if (s.size() <= max) return s;
  size_t cut = max - 3;
  // Do not split a UTF-8 sequence.
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return s.substr(0, cut) + "...";
}

}  // namespace

Result<std::vector<events::Event>> timeline(const std::string& events_dir,
                                            const TimelineSubject& subject,
                                            const FoldLimits& limits) {
  std::vector<events::Event> out;
  AgentMatcher agent(subject.id);
  events::LogReader reader(events_dir);
  events::Event e;
  for (;;) {
    auto next = reader.next(e);
    if (next == events::LogReader::Next::end) break;
    if (next == events::LogReader::Next::corrupt) {
      if (!limits.skip_corrupt) return corruption_error(reader.corruption());
      reader.skip_corrupt();
      continue;
    }
    if (limits.until_seq && e.seq > *limits.until_seq) break;
    if (limits.until_time) {
      auto t = parse_rfc3339(e.ts);
      if (t && *t > *limits.until_time) break;
    }
    bool match = subject.kind == TimelineSubject::Kind::message ? touches_message(e, subject.id)
                                                                : agent(e);
    if (!match) continue;
    events::redact_pane_text(e.data);  // a log written before redaction may hold a secret
    out.push_back(e);
  }
  return out;
}

std::string timeline_line(const events::Event& e) {
  std::string line = std::to_string(e.seq) + "  " + e.ts + "  " + e.type;
  for (const auto& [key, value] : e.data.items()) {
    std::string text;
    if (value.is_string()) {
      const auto& s = value.get_ref<const std::string&>();
      if (s.empty()) continue;  // "not set"
      text = shorten(s, 60);
      bool plain = text.find_first_of(" \t\n\"=") == std::string::npos;
      if (!plain) text = events::Json(text).dump(-1, ' ', false, events::Json::error_handler_t::replace);
    } else if ((value.is_object() && value.empty()) || (value.is_boolean() && !value.get<bool>())) {
      continue;  // nothing set, or a flag that is off
    } else {
      text = shorten(value.dump(-1, ' ', false, events::Json::error_handler_t::replace), 80);
    }
    line += "  " + key + "=" + text;
  }
  return line;
}

}  // namespace ta::store
