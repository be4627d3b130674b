#include "ops/event_filter.h"

#include <fnmatch.h>

#include <algorithm>
#include <cctype>

namespace ta::ops {

namespace {

// The data fields that name an agent, across the event catalogue.
constexpr const char* kAgentFields[] = {"agent_id", "to", "from", "worker_id", "owner"};

bool names(const events::Json& value, const std::string& id) {
  if (value.is_string()) return value.get_ref<const std::string&>() == id;
  // A fan-out may list several recipients.
  if (value.is_array())
    return std::any_of(value.begin(), value.end(), [&](const events::Json& v) { return names(v, id); });
  return false;
}

bool mentions_agent(const events::Json& data, const std::string& id) {
  if (!data.is_object()) return false;
  for (const char* field : kAgentFields) {
    auto it = data.find(field);
    if (it != data.end() && names(*it, id)) return true;
  }
  return false;
}

Result<UnixMicros> parse_time_option(std::string_view option, const std::string& text,
                                     UnixMicros now) {
  if (auto t = parse_time_point(text, now)) return *t;
  return make_error(std::string(option) + " needs an RFC 3339 time (e.g. 2026-11-20T21:39:00Z) "
                    "or a duration before now (e.g. 30s, 5m, 2h, 1d), got '" + text + "'",
                    2);
}

}  // namespace

bool EventFilter::matches(const events::Event& e) const {
  if (e.seq <= after) return false;
  if (!type_globs.empty() &&
      std::none_of(type_globs.begin(), type_globs.end(), [&](const std::string& glob) {
        return ::fnmatch(glob.c_str(), e.type.c_str(), 0) == 0;
      }))
    return false;
  if (!message.empty()) {
    auto it = e.data.is_object() ? e.data.find("message_id") : e.data.end();
    if (it == e.data.end() || !it->is_string() || it->get_ref<const std::string&>() != message)
      return false;
  }
  if (!agent.empty() && !mentions_agent(e.data, agent)) return false;
  if (since || until) {
    auto ts = parse_rfc3339(e.ts);
    if (!ts) return false;  // an event without a readable time cannot be placed in a range
    if (since && *ts < *since) return false;
    if (until && *ts > *until) return false;
  }
  return true;
}

Result<std::uint64_t> parse_count(std::string_view option, std::string_view text) {
  bool digits = !text.empty() && text.size() <= 19 &&
                std::all_of(text.begin(), text.end(),
                            [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
  if (!digits)
    return make_error(std::string(option) + " needs a whole number of 0 or more, got '" +
                          std::string(text) + "'",
                      2);
  std::uint64_t n = 0;
  for (char c : text) n = n * 10 + static_cast<std::uint64_t>(c - '0');
  return n;
}

Result<EventFilter> make_filter(const FilterArgs& args, UnixMicros now) {
  EventFilter f;
  for (const auto& glob : args.types) {
    if (glob.empty()) return make_error("--type needs an event name or glob, e.g. 'send.*'", 2);
    f.type_globs.push_back(glob);
  }
  f.agent = args.agent;
  f.message = args.message;
  if (!args.since.empty()) {
    auto t = parse_time_option("--since", args.since, now);
    if (!t) return t.error();
    f.since = *t;
  }
  if (!args.until.empty()) {
    auto t = parse_time_option("--until", args.until, now);
    if (!t) return t.error();
    f.until = *t;
  }
  if (f.since && f.until && *f.since > *f.until)
    return make_error("--since (" + args.since + ") is later than --until (" + args.until +
                          "), so no event could match; swap them",
                      2);
  if (!args.after.empty()) {
    auto seq = parse_count("--after", args.after);
    if (!seq) return seq.error();
    f.after = *seq;
  }
  return f;
}

}  // namespace ta::ops
