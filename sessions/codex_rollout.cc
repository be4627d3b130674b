#include "sessions/codex_rollout.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "util/clock.h"
#include "util/fs.h"

namespace ta::sessions {

namespace {

using Json = nlohmann::json;

constexpr std::int64_t kStartedBeforeSpawnUs = 2'000'000;
constexpr std::int64_t kStartedAfterNowUs = 5'000'000;
// The first line carries Codex's base instructions: several KiB.
constexpr std::size_t kFirstLineBytes = 1u << 20;

std::string text_of(const Json& o, const char* key) {
  auto it = o.find(key);
  return it != o.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool is_rollout_name(const std::string& name) {
  return name.rfind("rollout-", 0) == 0 && name.size() > 14 &&
         name.compare(name.size() - 6, 6, ".jsonl") == 0;
}

}  // namespace

std::optional<RolloutMeta> parse_session_meta(std::string_view first_line) {
  Json line = Json::parse(first_line, nullptr, false);
  if (!line.is_object()) return std::nullopt;
  const Json* payload = nullptr;
  if (text_of(line, "type") == "session_meta" && line.contains("payload"))
    payload = &line["payload"];
  else if (line.contains("session_meta") && line["session_meta"].is_object() &&
           line["session_meta"].contains("payload"))
    payload = &line["session_meta"]["payload"];
  if (payload == nullptr || !payload->is_object()) return std::nullopt;
  RolloutMeta m;
  m.id = text_of(*payload, "id");
  if (m.id.empty()) m.id = text_of(*payload, "session_id");
  m.cwd = text_of(*payload, "cwd");
  m.timestamp = text_of(*payload, "timestamp");
  if (m.timestamp.empty()) m.timestamp = text_of(line, "timestamp");
  m.originator = text_of(*payload, "originator");
  auto start = parse_rfc3339(m.timestamp);
  if (m.id.empty() || m.cwd.empty() || !start) return std::nullopt;
  m.start_us = *start;
  return m;
}

std::optional<RolloutMatch> match_rollout(const std::vector<RolloutMeta>& rollouts,
                                          const RolloutQuery& q) {
  const std::string want = resolved_path(q.resolved_cwd);
  const RolloutMeta* best = nullptr;
  for (const auto& r : rollouts) {
    if (r.start_us < q.spawned_us - kStartedBeforeSpawnUs) continue;
    if (r.start_us > q.now_us + kStartedAfterNowUs) continue;
    if (q.held_ids.count(r.id)) continue;
    if (r.cwd != want && resolved_path(r.cwd) != want) continue;
    if (!best || r.start_us < best->start_us) best = &r;
  }
  if (!best) return std::nullopt;
  return RolloutMatch{*best, rollout_confidence(*best)};
}

const char* rollout_confidence(const RolloutMeta& meta) {
  bool own_front_end = meta.originator == "codex-tui" || meta.originator == "codex_exec";
  return own_front_end ? "high" : "medium";
}

void RolloutIndex::refresh() {
  // sessions/YYYY/MM/DD: each directory is stat'ed, and listed again only
  // when its stamp changed, which is when an entry was added or removed.
  std::vector<std::string> level{sessions_dir_};
  for (int depth = 0; depth < 3; ++depth) level = subdirectories(level);
  for (const auto& day : level)
    if (restamp(day)) scan_day(day);
  retry_pending();
  while (by_name_.size() > limit_) by_name_.erase(std::prev(by_name_.end()));
}

bool RolloutIndex::restamp(const std::string& dir) {
  FileStamp now = stamp_of(dir);
  FileStamp& seen = dir_stamps_[dir];
  bool changed = now != seen;
  seen = now;
  return changed && now.is_dir;
}

std::vector<std::string> RolloutIndex::subdirectories(const std::vector<std::string>& parents) {
  std::vector<std::string> out;
  for (const auto& parent : parents) {
    if (restamp(parent)) {
      ++listings_;
      children_[parent] = list_dir(parent);
    }
    if (!dir_stamps_[parent].is_dir) continue;
    for (const auto& name : children_[parent]) out.push_back(parent + "/" + name);
  }
  return out;
}

void RolloutIndex::scan_day(const std::string& dir) {
  ++listings_;
  for (const auto& name : list_dir(dir)) {
    if (!is_rollout_name(name) || by_name_.count(name) || ignored_.count(name)) continue;
    // Past the window: older than every rollout kept.
    if (by_name_.size() >= limit_ && name < std::prev(by_name_.end())->first) continue;
    read_first_line(dir + "/" + name);
  }
}

void RolloutIndex::read_first_line(const std::string& path) {
  const std::string name = path.substr(path.rfind('/') + 1);
  auto lines = read_head_lines(path, 1, kFirstLineBytes);
  ++parses_;
  if (lines.empty()) {
    // Codex is still writing the first line (or the file went away).
    FileStamp st = stamp_of(path);
    pending_.erase(path);
    if (st.exists && st.size < static_cast<std::int64_t>(kFirstLineBytes))
      pending_.insert(path);
    else if (st.exists)
      ignored_.insert(name);  // a first line too long to be session metadata
    return;
  }
  pending_.erase(path);
  auto meta = parse_session_meta(lines[0]);
  if (!meta) {
    ignored_.insert(name);  // not a rollout Codex can resume
    return;
  }
  meta->path = path;
  by_name_[name] = *meta;
}

void RolloutIndex::retry_pending() {
  auto again = pending_;
  for (const auto& path : again) read_first_line(path);
}

std::optional<RolloutMeta> RolloutIndex::find_by_id(const std::string& id) {
  if (id.empty()) return std::nullopt;
  refresh();
  for (const auto& [name, meta] : by_name_)
    if (meta.id == id) return meta;
  return search_by_name(id);
}

// Rollout files end in `-<id>.jsonl`; only such names are opened, and the
// id their first line names must be the one asked for.
std::optional<RolloutMeta> RolloutIndex::search_by_name(const std::string& id) {
  const std::string suffix = "-" + id + ".jsonl";
  std::vector<std::string> level{sessions_dir_};
  for (int depth = 0; depth < 3; ++depth) {
    std::vector<std::string> next;
    for (const auto& dir : level)
      for (const auto& name : list_dir(dir)) next.push_back(dir + "/" + name);
    level = std::move(next);
  }
  for (const auto& day : level)
    for (const auto& name : list_dir(day)) {
      if (!is_rollout_name(name) || name.size() <= suffix.size() ||
          name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0)
        continue;
      auto lines = read_head_lines(day + "/" + name, 1, kFirstLineBytes);
      auto meta = lines.empty() ? std::nullopt : parse_session_meta(lines[0]);
      if (!meta || meta->id != id) continue;
      meta->path = day + "/" + name;
      return meta;
    }
  return std::nullopt;
}

std::vector<RolloutMeta> RolloutIndex::rollouts() const {
  std::vector<RolloutMeta> out;
  out.reserve(by_name_.size());
  for (const auto& [name, meta] : by_name_) out.push_back(meta);
  return out;
}

}  // namespace ta::sessions
