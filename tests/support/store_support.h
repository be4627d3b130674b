#pragma once
// Helpers for the store's unit tests: a private scratch directory and
// shorthand for building events and appending them to a real log.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "events/log.h"
#include "events/types.h"
#include "tests/support/temp_dir.h"
#include "util/fs.h"

namespace ta::store::testing {

using ScratchDir = ta::test::TempDir;

// An event as the log would store it, for folding without a log.
template <class T>
events::Event make_event(std::uint64_t seq, const T& payload, std::string ts = {}) {
  events::Event e;
  e.seq = seq;
  e.ts = ts.empty() ? "2026-01-01T00:00:" + std::string(seq % 60 < 10 ? "0" : "") +
                          std::to_string(seq % 60) + ".000000Z"
                    : ts;
  e.type = std::string(T::kType);
  e.v = T::kVersion;
  e.team = "demo";
  e.data = events::Json(payload);
  return e;
}

inline std::unique_ptr<events::EventLog> open_test_log(const std::string& events_dir) {
  events::LogOptions opts;
  opts.team = "demo";
  opts.sync = false;  // tests need ordering, not durability
  auto log = events::EventLog::open(events_dir, opts);
  if (!log) throw std::runtime_error(log.error().message);
  return std::move(*log);
}

inline void append_all(events::EventLog& log, std::vector<events::Draft> drafts) {
  auto r = log.append(std::move(drafts));
  if (!r) throw std::runtime_error(r.error().message);
}

inline events::MessageAccepted accepted(std::string id, std::string from, std::string to,
                                        std::string content) {
  events::MessageAccepted m;
  m.message_id = std::move(id);
  m.from = std::move(from);
  m.to = std::move(to);
  m.content = std::move(content);
  return m;
}

// Puts `garbage` on its own line after line `after` of the first segment,
// as a disk error or a careless edit would.
inline void insert_line(const std::string& events_dir, int after, const std::string& garbage) {
  std::string path = events_dir + "/00000001.jsonl";
  auto text = read_file(path);
  if (!text) throw std::runtime_error(text.error().message);
  size_t pos = 0;
  for (int i = 0; i < after; ++i) pos = text->find('\n', pos) + 1;
  text->insert(pos, garbage + "\n");
  if (auto st = write_file_atomic(path, *text); !st) throw std::runtime_error(st.error().message);
}

}  // namespace ta::store::testing
