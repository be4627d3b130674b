#pragma once
// Codex's session rollouts: `<CODEX_HOME>/sessions/YYYY/MM/DD/
// rollout-<start>-<id>.jsonl`, whose first line is the session's metadata.
// Codex takes no session id from us, so a session is recognised by its cwd
// and its start time, and claimed by one agent only.
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "sessions/session_files.h"

namespace ta::sessions {

struct RolloutMeta {
  std::string path;
  std::string id;
  std::string cwd;
  std::string timestamp;        // the session's start, RFC 3339
  std::int64_t start_us = 0;    // the same, in microseconds since the epoch
  std::string originator;       // "codex-tui", "codex_exec", ...
};

// The metadata of a rollout's first line, in either layout Codex has used:
// {"type":"session_meta","payload":{...}} or {"session_meta":{"payload":{...}}}.
// nullopt for anything else, or when the id, cwd or a valid timestamp is missing.
std::optional<RolloutMeta> parse_session_meta(std::string_view first_line);

// What an agent's launch looked like, to find its rollout.
struct RolloutQuery {
  std::string resolved_cwd;
  std::int64_t spawned_us = 0;      // when the pane's process was started
  std::int64_t now_us = 0;
  std::set<std::string> held_ids;   // sessions other agents already hold
};

struct RolloutMatch {
  RolloutMeta meta;
  std::string confidence;  // "high" when Codex's own front ends wrote it, else "medium"
};

// "high" when Codex's own front ends (codex-tui, codex_exec) wrote the
// rollout, else "medium".
const char* rollout_confidence(const RolloutMeta& meta);

// The rollout started by the agent: same resolved cwd, started within
// [spawned − 2 s, now + 5 s], not held by another agent; the earliest wins,
// so two agents started one after the other in one directory each get their
// own.
std::optional<RolloutMatch> match_rollout(const std::vector<RolloutMeta>& rollouts,
                                          const RolloutQuery& q);

// The newest rollouts under a Codex home, kept up to date incrementally: a
// refresh lists only the day directories whose stamp changed (plus the
// newest day), reads the first line only of files it has not parsed yet,
// and never holds more than `limit` rollouts (the newest by name, which
// starts with the start time).
class RolloutIndex {
 public:
  explicit RolloutIndex(std::string codex_home, std::size_t limit = 1500)
      : sessions_dir_(std::move(codex_home) + "/sessions"), limit_(limit) {}

  void refresh();
  // Newest first.
  std::vector<RolloutMeta> rollouts() const;
  // The rollout of session `id`: from the index (after a refresh), else
  // found by its file name under the sessions directory (a resumed session
  // may be older than the newest `limit`). nullopt when there is none or
  // its first line names another session.
  std::optional<RolloutMeta> find_by_id(const std::string& id);
  // Directory listings and first-line reads done so far (for tests: a
  // refresh with nothing new does neither).
  std::size_t listings() const { return listings_; }
  std::size_t parses() const { return parses_; }

 private:
  bool restamp(const std::string& dir);
  std::vector<std::string> subdirectories(const std::vector<std::string>& parents);
  void scan_day(const std::string& dir);
  void read_first_line(const std::string& path);
  void retry_pending();
  std::optional<RolloutMeta> search_by_name(const std::string& id);

  std::string sessions_dir_;
  std::size_t limit_;
  std::map<std::string, FileStamp> dir_stamps_;
  std::map<std::string, RolloutMeta, std::greater<>> by_name_;  // file name -> meta
  std::map<std::string, std::vector<std::string>> children_;  // dir -> entry names
  std::set<std::string> pending_;  // paths whose first line is not complete yet
  std::set<std::string> ignored_;  // names whose first line is no session_meta
  std::size_t listings_ = 0, parses_ = 0;
};

}  // namespace ta::sessions
