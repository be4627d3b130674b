#include "config/spec_json.h"

#include <set>
#include <string>

#include "util/ids.h"

namespace ta::config {

namespace {

using Json = nlohmann::ordered_json;

// Finds keys that appear twice in one object: the parser would silently keep
// the last, hiding an edit the user thinks took effect.
class DuplicateKeyFinder {
 public:
  std::vector<SpecError> errors;

  bool on_event(Json::parse_event_t ev, const Json& parsed) {
    switch (ev) {
      case Json::parse_event_t::object_start:
      case Json::parse_event_t::array_start:
        count_element();
        frames_.push_back({ev == Json::parse_event_t::object_start, {}, {}, -1});
        break;
      case Json::parse_event_t::object_end:
      case Json::parse_event_t::array_end:
        if (!frames_.empty()) frames_.pop_back();
        break;
      case Json::parse_event_t::key: {
        auto& top = frames_.back();
        top.key = parsed.get<std::string>();
        if (!top.seen.insert(top.key).second)
          errors.push_back({pointer(), "duplicate key; JSON objects must not repeat a key "
                                       "(only the last value would count)"});
        break;
      }
      case Json::parse_event_t::value:
        count_element();
        break;
    }
    return true;
  }

 private:
  struct Frame {
    bool is_object;
    std::set<std::string> seen;
    std::string key;
    long index;
  };
  void count_element() {
    if (!frames_.empty() && !frames_.back().is_object) ++frames_.back().index;
  }
  std::string pointer() const {
    std::string p;
    for (const auto& f : frames_)
      p += "/" + (f.is_object ? json_pointer_segment(f.key) : std::to_string(f.index));
    return p;
  }
  std::vector<Frame> frames_;
};

// "[json.exception.parse_error.101] parse error at line 2, column 10: syntax error ..."
SpecError parse_error_to_spec_error(const Json::parse_error& e, std::string_view text) {
  std::string what = e.what();
  auto at = what.find("at line ");
  auto colon = at == std::string::npos ? std::string::npos : what.find(": ", at);
  if (colon != std::string::npos)
    return {what.substr(at + 3, colon - at - 3), "invalid JSON: " + what.substr(colon + 2)};
  // Older messages carry only a byte offset: derive line and column from it.
  size_t line = 1, col = 1;
  for (size_t i = 0; i + 1 < e.byte && i < text.size(); ++i) {
    if (text[i] == '\n') ++line, col = 1;
    else ++col;
  }
  return {"line " + std::to_string(line) + ", column " + std::to_string(col),
          "invalid JSON: " + what};
}

}  // namespace

StrictJson parse_strict_json(std::string_view text) {
  StrictJson out;
  DuplicateKeyFinder dups;
  try {
    out.doc = Json::parse(text.begin(), text.end(),
                          [&dups](int, Json::parse_event_t ev, Json& parsed) {
                            return dups.on_event(ev, parsed);
                          });
  } catch (const Json::parse_error& e) {
    out.errors.push_back(parse_error_to_spec_error(e, text));
    return out;
  }
  out.parsed = true;
  out.errors = std::move(dups.errors);
  return out;
}

}  // namespace ta::config
