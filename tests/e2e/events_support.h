#pragma once
// Shared set-up for the `team-agent events` end-to-end tests.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "events/codec.h"
#include "events/log.h"
#include "events/segment.h"
#include "tests/e2e/support.h"
#include "util/clock.h"
#include "util/fs.h"

using namespace ta;
using namespace ta::test;
using namespace std::chrono_literals;
using events::Json;


namespace ta::test::events_e2e {


inline std::string events_dir(const std::string& ws) { return ws + "/.team/events"; }

// Appends `count` events from this process (set-up); returns the last seq.
// With `id_prefix`, data.message_id is id_prefix + i (1-based); `ts` empty
// lets the log stamp the time.
inline std::uint64_t append(const std::string& ws, const std::string& type, int count,
                     const std::string& id_prefix = "", const Json& data = Json::object(),
                     const std::string& ts = "") {
  events::LogOptions o;
  o.team = "test";
  o.sync = false;
  auto log = events::EventLog::open(events_dir(ws), o);
  if (!log) FAIL(log.error().message);  // (a message argument would be built on success too)
  std::vector<events::Draft> drafts;
  for (int i = 1; i <= count; ++i) {
    events::Draft d{type, 1, data, "", ts};
    if (!id_prefix.empty()) d.data["message_id"] = id_prefix + std::to_string(i);
    drafts.push_back(d);
  }
  auto r = (*log)->append(std::move(drafts));
  if (!r) FAIL(r.error().message);
  return (*log)->last_seq();
}

// Appends from another process, one append (and one write) per event.
inline void append_by_process(const std::string& ws, const std::string& type, int count,
                       const std::vector<std::string>& extra = {}) {
  std::vector<std::string> argv{helper_bin("append_events"), ws, type, std::to_string(count)};
  argv.insert(argv.end(), extra.begin(), extra.end());
  auto r = run(argv);
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
}

inline std::vector<std::string> lines_of(const RunResult& r) { return split_lines(r.out); }

// The seq (second field) of a short line.
inline std::uint64_t seq_of(const std::string& short_line) {
  auto a = short_line.find(' ');
  return std::stoull(short_line.substr(a + 1, short_line.find(' ', a + 1) - a - 1));
}

inline std::vector<std::uint64_t> seqs_of(const RunResult& r) {
  std::vector<std::uint64_t> out;
  for (auto& l : lines_of(r)) out.push_back(seq_of(l));
  return out;
}

inline std::vector<std::uint64_t> range(std::uint64_t from, std::uint64_t to) {
  std::vector<std::uint64_t> out;
  for (auto s = from; s <= to; ++s) out.push_back(s);
  return out;
}

inline std::vector<std::string> stored_lines(const std::string& ws) {
  std::vector<std::string> out;
  for (auto seg : events::list_segments(events_dir(ws)))
    for (auto& l : split_lines(read_text(events::segment_path(events_dir(ws), seg))))
      out.push_back(l);
  return out;
}

// Everything the process printed, once it has exited: wait() may return
// before the last lines were read from the pipe.
inline std::string all_output(Background& b) {
  while (b.read_line(10s)) {
  }
  return b.transcript();
}

inline std::vector<std::string> follow_args(const std::string& ws, std::vector<std::string> args) {
  std::vector<std::string> argv{team_agent_bin(), "--workspace", ws, "events", "-f"};
  argv.insert(argv.end(), args.begin(), args.end());
  return argv;
}


}  // namespace ta::test::events_e2e
