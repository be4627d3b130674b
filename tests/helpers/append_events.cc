// append_events WS TYPE COUNT [options]: appends COUNT events of type TYPE to
// the event log of workspace WS with EventLog, as another process would, and
// prints the last seq appended. For tests of readers such as `events -f`.
//
//   --segment-bytes N  roll segments past N bytes (tiny values force rolls)
//   --data JSON        data object of every event (default {})
//   --id-prefix P      add "message_id": P<i> (i = 1..COUNT) to each event's data
//   --ts T             stamp the events with T (RFC 3339, or a duration ago: 2h)
//   --batch            append all events in one batch (default: one append each)
//   --sync             fdatasync every batch (default off: tests need no durability)
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "events/log.h"
#include "util/clock.h"

namespace {

int usage(const char* why) {
  std::fprintf(stderr, "append_events: %s\nusage: append_events WS TYPE COUNT [--segment-bytes N] "
               "[--data JSON] [--id-prefix P] [--ts T] [--batch] [--sync]\n", why);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace ta;
  if (argc < 4) return usage("missing arguments");
  std::string ws = argv[1];
  std::string type = argv[2];
  long count = std::strtol(argv[3], nullptr, 10);
  if (count < 0) return usage("COUNT must be 0 or more");
  events::LogOptions opts;
  opts.team = "test";
  opts.sync = false;
  events::Json data = events::Json::object();
  std::string id_prefix, ts;
  bool batch = false;
  for (int i = 4; i < argc; ++i) {
    std::string a = argv[i];
    bool has_value = i + 1 < argc;
    if (a == "--segment-bytes" && has_value) {
      opts.segment_bytes = std::strtoull(argv[++i], nullptr, 10);
    } else if (a == "--data" && has_value) {
      data = events::Json::parse(argv[++i], nullptr, false);
      if (!data.is_object()) return usage("--data needs a JSON object");
    } else if (a == "--id-prefix" && has_value) {
      id_prefix = argv[++i];
    } else if (a == "--ts" && has_value) {
      auto t = parse_time_point(argv[++i], now_micros());
      if (!t) return usage("--ts needs an RFC 3339 time or a duration");
      ts = format_rfc3339_micros(*t);
    } else if (a == "--batch") {
      batch = true;
    } else if (a == "--sync") {
      opts.sync = true;
    } else {
      return usage(("unknown argument " + a).c_str());
    }
  }
  auto log = events::EventLog::open(ws + "/.team/events", opts);
  if (!log) {
    std::fprintf(stderr, "append_events: %s\n", log.error().message.c_str());
    return 1;
  }
  std::vector<events::Draft> drafts;
  for (long i = 1; i <= count; ++i) {
    events::Draft d;
    d.type = type;
    d.data = data;
    if (!id_prefix.empty()) d.data["message_id"] = id_prefix + std::to_string(i);
    d.ts = ts;
    drafts.push_back(std::move(d));
  }
  std::uint64_t last = (*log)->last_seq();
  auto append = [&](std::vector<events::Draft> b) {
    auto r = (*log)->append(std::move(b));
    if (!r) {
      std::fprintf(stderr, "append_events: %s\n", r.error().message.c_str());
      std::exit(1);
    }
    if (!r->empty()) last = r->back().seq;
  };
  if (batch) {
    append(std::move(drafts));
  } else {
    for (auto& d : drafts) append({std::move(d)});
  }
  std::printf("%llu\n", static_cast<unsigned long long>(last));
  return 0;
}
