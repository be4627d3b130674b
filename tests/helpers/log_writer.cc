// Appends events to an event log from a separate process, for the concurrency
// and crash tests. After every append returns (durably), prints
// "appended <first-seq> <last-seq>" so a test knows what was acknowledged.
//
//   log_writer EVENTS_DIR PREFIX COUNT [BATCH] [RETRY_EVERY] [PAYLOAD_BYTES]
//
// Each event carries the idempotency key PREFIX-<i>. With RETRY_EVERY > 0,
// every RETRY_EVERY-th event is appended a second time with the same key, as
// a client retry would; the log must store it once. COUNT 0 means forever.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "events/log.h"

using namespace ta::events;

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: log_writer EVENTS_DIR PREFIX COUNT [BATCH] [RETRY_EVERY] [PAYLOAD]\n");
    return 2;
  }
  std::string dir = argv[1], prefix = argv[2];
  long count = std::atol(argv[3]);
  long batch = argc > 4 ? std::atol(argv[4]) : 1;
  long retry_every = argc > 5 ? std::atol(argv[5]) : 0;
  long payload = argc > 6 ? std::atol(argv[6]) : 16;
  LogOptions o;
  o.team = "demo";
  auto log = EventLog::open(dir, o);
  if (!log) {
    std::fprintf(stderr, "log_writer: %s\n", log.error().message.c_str());
    return 1;
  }
  std::string pad(static_cast<size_t>(payload), 'p');
  for (long i = 0; count == 0 || i < count;) {
    std::vector<Draft> drafts;
    for (long j = 0; j < batch && (count == 0 || i < count); ++j, ++i) {
      std::string key = prefix + "-" + std::to_string(i);
      drafts.push_back(Draft{"test.written", 1, Json{{"writer", prefix}, {"i", i}, {"pad", pad}}, key, ""});
    }
    auto r = (*log)->append(std::move(drafts));
    if (!r) {
      std::fprintf(stderr, "log_writer: %s\n", r.error().message.c_str());
      return 1;
    }
    std::printf("appended %llu %llu\n", static_cast<unsigned long long>(r->front().seq),
                static_cast<unsigned long long>(r->back().seq));
    std::fflush(stdout);
    if (retry_every > 0 && (i % retry_every) == 0) {
      std::string key = prefix + "-" + std::to_string(i - 1);
      auto again = (*log)->append(Draft{"test.written", 1, Json{{"writer", prefix}, {"i", i - 1}}, key, ""});
      if (!again || !again->duplicate) {
        std::fprintf(stderr, "log_writer: retry of %s was not deduplicated\n", key.c_str());
        return 1;
      }
    }
  }
  return 0;
}
