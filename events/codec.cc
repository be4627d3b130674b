#include "events/codec.h"

#include <cctype>

#include "util/hash.h"

namespace ta::events {

namespace {

std::string dump(const Json& j) {
  // Invalid UTF-8 is replaced rather than thrown: a stored line must always
  // be valid JSON. Producers validate text before it gets here.
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace

std::string encode_line(const Event& e) {
  std::string out;
  out.reserve(96 + e.type.size() + e.team.size());
  out += "{\"seq\":";
  out += std::to_string(e.seq);
  out += ",\"ts\":";
  out += dump(e.ts);
  out += ",\"event\":";
  out += dump(e.type);
  out += ",\"v\":";
  out += std::to_string(e.v);
  out += ",\"team\":";
  out += dump(e.team);
  out += ",\"data\":";
  out += dump(e.data.is_null() ? Json::object() : e.data);
  if (!e.key.empty()) {
    out += ",\"key\":";
    out += dump(e.key);
  }
  out += '}';
  return out;
}

Result<Event> decode_line(std::string_view line) {
  Json j = Json::parse(line.begin(), line.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return make_error("not valid JSON");
  if (!j.is_object()) return make_error("not a JSON object");
  Event e;
  auto seq = j.find("seq");
  if (seq == j.end() || !seq->is_number_unsigned() || seq->get<std::uint64_t>() == 0)
    return make_error("missing or invalid \"seq\"");
  e.seq = seq->get<std::uint64_t>();
  auto ts = j.find("ts");
  if (ts == j.end() || !ts->is_string()) return make_error("missing or invalid \"ts\"");
  e.ts = ts->get<std::string>();
  auto type = j.find("event");
  if (type == j.end() || !type->is_string() || type->get_ref<const std::string&>().empty())
    return make_error("missing or invalid \"event\"");
  e.type = type->get<std::string>();
  auto v = j.find("v");
  if (v == j.end() || !v->is_number_integer() || v->get<int>() < 1)
    return make_error("missing or invalid \"v\"");
  e.v = v->get<int>();
  auto team = j.find("team");
  if (team == j.end() || !team->is_string()) return make_error("missing or invalid \"team\"");
  e.team = team->get<std::string>();
  auto data = j.find("data");
  if (data == j.end() || !data->is_object()) return make_error("missing or invalid \"data\"");
  e.data = std::move(*data);
  auto key = j.find("key");
  if (key != j.end()) {
    if (!key->is_string()) return make_error("invalid \"key\"");
    e.key = key->get<std::string>();
  }
  return e;
}

std::optional<std::uint64_t> peek_seq(std::string_view line) {
  constexpr std::string_view prefix = "{\"seq\":";
  if (line.substr(0, prefix.size()) != prefix) return std::nullopt;
  std::uint64_t n = 0;
  size_t i = prefix.size();
  size_t start = i;
  for (; i < line.size() && std::isdigit(static_cast<unsigned char>(line[i])); ++i) {
    if (i - start >= 19) return std::nullopt;
    n = n * 10 + static_cast<std::uint64_t>(line[i] - '0');
  }
  if (i == start || i >= line.size() || line[i] != ',' || n == 0) return std::nullopt;
  return n;
}

std::string_view peek_key(std::string_view line) {
  // A keyed line ends with `,"key":"<key>"}`; the key's charset has no quote
  // or backslash, so the last `,"key":"` is the envelope's.
  if (line.size() < 12 || line.substr(line.size() - 2) != "\"}") return {};
  constexpr std::string_view marker = ",\"key\":\"";
  auto pos = line.rfind(marker);
  if (pos == std::string_view::npos) return {};
  auto start = pos + marker.size();
  auto key = line.substr(start, line.size() - 2 - start);
  return is_valid_key(key) ? key : std::string_view{};
}

bool is_valid_key(std::string_view key) {
  if (key.empty() || key.size() > 200) return false;
  for (char c : key) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == ':' ||
          c == '@' || c == '/' || c == '-'))
      return false;
  }
  return true;
}

std::string event_fingerprint(const Event& e) {
  std::uint64_t h = kFnv1aBasis;
  auto mix = [&h](std::string_view s) {
    h = fnv1a(s, h);
    h = fnv1a(std::string_view("\xff", 1), h);  // a separator no UTF-8 text holds
  };
  mix(e.ts);
  mix(e.type);
  mix(e.key);
  mix(e.data.dump(-1, ' ', false, Json::error_handler_t::replace));
  return hex16(h);
}

}  // namespace ta::events
