#include "ops/event_line.h"

#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "events/pane_text.h"
#include "util/fs.h"

namespace ta::ops {

namespace {

constexpr size_t kMaxValueBytes = 60;

// Fields that identify what an event is about; shown first, in this order.
constexpr const char* kLeadingFields[] = {"message_id", "agent_id", "worker_id", "from",
                                          "to",         "task_id",  "result_id", "schedule_id"};

bool is_leading(const std::string& key) {
  for (const char* f : kLeadingFields)
    if (key == f) return true;
  return false;
}

// Cuts `s` to at most kMaxValueBytes without splitting a UTF-8 character.
std::string shorten(std::string_view s) {
  if (s.size() <= kMaxValueBytes) return std::string(s);
  size_t cut = kMaxValueBytes - 3;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return std::string(s.substr(0, cut)) + "\xE2\x80\xA6";  // "…"
}

// C0 controls, DEL, and the C1 controls (U+0080–U+009F, which some
// terminals obey like ESC sequences) must never reach the terminal raw.
bool is_control_at(std::string_view s, size_t i) {
  auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x20 || c == 0x7F) return true;
  return c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
         static_cast<unsigned char>(s[i + 1]) <= 0x9F;
}

// A string value as `k=v` shows it: bare when unambiguous, else quoted with
// JSON-style escapes.
std::string show_string(std::string_view s) {
  bool bare = !s.empty();
  for (size_t i = 0; bare && i < s.size(); ++i)
    bare = !(s[i] == ' ' || s[i] == '"' || s[i] == '\\' || s[i] == '=' || is_control_at(s, i));
  if (bare) return std::string(s);
  std::string out = "\"";
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else if (is_control_at(s, i)) {
      unsigned code = static_cast<unsigned char>(c);
      if (code == 0xC2) code = static_cast<unsigned char>(s[++i]);  // a C1 control
      char esc[8];
      std::snprintf(esc, sizeof esc, "\\u%04x", code);
      out += esc;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

// Empty strings, false flags and empty containers mean "not set" in the
// event payloads, so they are left out of the compact line.
bool is_unset(const events::Json& v) {
  return v.is_null() || (v.is_string() && v.get_ref<const std::string&>().empty()) ||
         (v.is_boolean() && !v.get<bool>()) || ((v.is_object() || v.is_array()) && v.empty());
}

std::string show_value(const events::Json& v) {
  if (v.is_string()) return show_string(shorten(v.get_ref<const std::string&>()));
  auto text = v.dump(-1, ' ', false, events::Json::error_handler_t::replace);
  return show_string(shorten(text));
}

const char* event_colour(const std::string& type) {
  auto has = [&](const char* part) { return type.find(part) != std::string::npos; };
  if (has("fail") || has("error") || has("gave_up") || has("exhausted") || has("refused"))
    return "\x1b[1;31m";  // red: something went wrong
  if (has("deferred") || has("retry") || has("skip") || has("stopping") || has("recovered") ||
      has("restarted") || has("exited"))
    return "\x1b[1;33m";  // yellow: worth a look
  if (has("submitted") || has("acknowledged") || has("reported") || has("started"))
    return "\x1b[1;32m";  // green: progress
  return "\x1b[1;36m";
}

}  // namespace

std::string format_short(const events::Event& e, bool colour) {
  // A log written before redaction may still hold a secret in screen text.
  auto redacted = events::redacted_pane_text(e.data);
  const events::Json& data = redacted ? *redacted : e.data;
  // The stored time has microseconds; milliseconds are plenty to read.
  std::string ts = e.ts.size() == 27 && e.ts[19] == '.' ? e.ts.substr(0, 23) + "Z" : e.ts;
  std::string out;
  if (colour) out += "\x1b[2m";
  out += ts;
  out += ' ';
  out += std::to_string(e.seq);
  if (colour) out += "\x1b[0m";
  out += ' ';
  if (colour) out += event_colour(e.type);
  out += show_string(e.type);
  if (colour) out += "\x1b[0m";
  if (!data.is_object()) return out;
  auto add_field = [&](const std::string& key, const events::Json& value) {
    if (is_unset(value)) return;
    out += ' ';
    out += show_string(key);
    out += '=';
    out += show_value(value);
  };
  for (const char* key : kLeadingFields) {
    auto it = data.find(key);
    if (it != data.end()) add_field(key, *it);
  }
  for (auto it = data.begin(); it != data.end(); ++it)
    if (!is_leading(it.key())) add_field(it.key(), it.value());
  return out;
}

bool stdout_wants_colour() {
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color && *no_color) return false;
  const char* term = std::getenv("TERM");
  if (term && std::strcmp(term, "dumb") == 0) return false;
  return ::isatty(STDOUT_FILENO) == 1;
}

}  // namespace ta::ops
