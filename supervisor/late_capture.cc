#include "supervisor/late_capture.h"

#include <map>
#include <memory>
#include <set>

#include "events/types.h"
#include "sessions/capture.h"
#include "util/clock.h"

namespace ta::supervisor {

namespace {

bool uncaptured(const store::AgentSessionRow& r) {
  return (r.state == "launched" || r.state == "missing") && !r.launch_root.empty() &&
         (r.format == "claude" || r.format == "codex");
}

std::set<std::string> held_by_others(const store::SessionHistory& h, const std::string& agent) {
  std::set<std::string> held;
  for (const auto& [id, records] : h.records)
    if (id != agent)
      for (const auto& r : records) held.insert(r.session_id);
  return held;
}

sessions::CaptureRequest request_for(const store::AgentSessionRow& r, const std::string& cwd,
                                     std::set<std::string> held) {
  sessions::CaptureRequest q;
  q.agent_id = r.agent_id;
  q.format = r.format == "claude" ? sessions::SessionFormat::claude : sessions::SessionFormat::codex;
  q.cwd = sessions::resolved_path(cwd);
  q.claude_session_id = r.format == "claude" ? r.session_id : "";
  q.spawned_us = parse_rfc3339(r.launched_at).value_or(0);
  q.now_us = now_micros();
  q.held_ids = std::move(held);
  if (r.launch_mode == "resumed") q.resumed_id = r.session_id;
  return q;
}

}  // namespace

std::vector<events::Draft> capture_late(store::SessionHistory& history,
                                        const std::vector<std::string>& members,
                                        const std::string& cwd) {
  std::vector<events::Draft> out;
  std::map<std::string, std::unique_ptr<sessions::SessionCapturer>> by_root;
  for (const auto& agent : members) {
    auto it = history.current.find(agent);
    if (it == history.current.end() || !uncaptured(it->second)) continue;
    const auto& row = it->second;
    auto& capturer = by_root[row.format + ":" + row.launch_root];
    if (!capturer) {
      sessions::SessionRoots roots;
      (row.format == "claude" ? roots.claude_config_dir : roots.codex_home) = row.launch_root;
      capturer = std::make_unique<sessions::SessionCapturer>(roots);
    }
    auto got = capturer->capture(request_for(row, cwd, held_by_others(history, agent)));
    if (!got.captured) continue;
    events::SessionCaptured c{agent, row.provider, row.format, got.session_id, got.path, got.via,
                              got.confidence};
    store::SessionRecordRow rec;
    rec.agent_id = agent;
    rec.kind = "captured";
    rec.provider = row.provider;
    rec.format = row.format;
    rec.session_id = got.session_id;
    rec.path = got.path;
    history.records[agent].push_back(rec);
    out.push_back(events::to_draft(c));
  }
  return out;
}

}  // namespace ta::supervisor
