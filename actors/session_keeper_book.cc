#include "actors/session_keeper_book.h"

#include <algorithm>

namespace ta::actors {

namespace {

bool resumed(const KeptSession& s) {
  return s.launch.mode == "resumed" && !s.launch.session_id.empty();
}

}  // namespace

void SessionBook::launched(const events::SessionLaunched& l, std::uint64_t seq, std::int64_t ts_us,
                           std::int64_t now_ms) {
  auto existing = sessions_.find(l.agent_id);
  if (existing != sessions_.end() && existing->second.generation >= seq) return;  // seen
  held_.erase(l.agent_id);
  last_captured_.erase(l.agent_id);
  sessions::SessionFormat format;
  if (!sessions::session_format_of(l.format, format)) {
    sessions_.erase(l.agent_id);  // its CLI keeps no session we can find
    return;
  }
  KeptSession s;
  s.launch = l;
  s.generation = seq;
  s.spawned_us = ts_us;
  if (resumed(s)) held_[l.agent_id] = l.session_id;
  start_series(s, now_ms, t_.launch_window_ms, t_.launch_interval_ms);
  sessions_[l.agent_id] = std::move(s);
}

bool SessionBook::submitted(const std::string& agent_id, std::int64_t now_ms) {
  auto it = sessions_.find(agent_id);
  if (it == sessions_.end() || it->second.captured) return false;
  KeptSession& s = it->second;
  s.submitted = true;
  // The CLI writes its file right after the submission: look for longer,
  // and more often, than at launch.
  start_series(s, now_ms, t_.submit_window_ms, t_.submit_interval_ms);
  return !s.in_flight;
}

void SessionBook::captured_on_bus(const std::string& agent_id, const std::string& session_id,
                                  std::uint64_t seq) {
  held_[agent_id] = session_id;
  last_captured_[agent_id] = session_id;
  auto it = sessions_.find(agent_id);
  if (it == sessions_.end() || seq <= it->second.generation) return;
  it->second.captured = true;
  it->second.trying = false;
}

void SessionBook::discarded_on_bus(const std::string& agent_id) {
  held_.erase(agent_id);
  last_captured_.erase(agent_id);
}

void SessionBook::start_series(KeptSession& s, std::int64_t now_ms, std::int64_t window,
                               std::int64_t every) {
  s.deadline_ms = s.trying ? std::max(s.deadline_ms, now_ms + window) : now_ms + window;
  s.interval_ms = s.trying ? std::min(s.interval_ms, every) : every;
  s.trying = true;
}

bool SessionBook::fresh_codex(const KeptSession& s) const {
  return s.launch.format == "codex" && !resumed(s);
}

// Two fresh Codex agents of one directory and home may each find the
// other's rollout: neither is captured yet.
bool SessionBook::peers(const KeptSession& a, const KeptSession& b) const {
  return a.launch.agent_id != b.launch.agent_id && fresh_codex(a) && fresh_codex(b) &&
         !b.captured && a.launch.root == b.launch.root && a.launch.cwd == b.launch.cwd;
}

std::vector<KeptSession*> SessionBook::in_launch_order() {
  std::vector<KeptSession*> out;
  for (auto& [_, s] : sessions_) out.push_back(&s);
  std::sort(out.begin(), out.end(),
            [](const KeptSession* a, const KeptSession* b) { return a->generation < b->generation; });
  return out;
}

CaptureItem SessionBook::item_for(const KeptSession& s, bool may_claim) const {
  CaptureItem item;
  item.agent_id = s.launch.agent_id;
  item.generation = s.generation;
  item.root = s.launch.root;
  item.may_claim = may_claim;
  auto& r = item.request;
  r.agent_id = s.launch.agent_id;
  sessions::session_format_of(s.launch.format, r.format);
  r.cwd = s.launch.cwd;
  r.spawned_us = s.spawned_us;
  if (resumed(s))
    r.resumed_id = s.launch.session_id;
  else
    r.claude_session_id = s.launch.session_id;
  for (const auto& [agent, id] : held_)
    if (agent != s.launch.agent_id) r.held_ids.insert(id);
  return item;
}

// A fresh Codex agent's scan runs with its peers that were sent a message,
// earliest launch first, so each takes the earliest rollout left (which is
// its own); it waits while an earlier peer's try is out. Without a message
// of its own it may claim only a rollout no peer could own.
RoundPlan SessionBook::round_for(const std::string& agent_id) {
  RoundPlan plan;
  auto it = sessions_.find(agent_id);
  if (it == sessions_.end()) return plan;
  KeptSession& s = it->second;
  if (s.captured || !s.trying || s.in_flight) return plan;
  if (!fresh_codex(s)) {
    s.in_flight = true;
    plan.items.push_back(item_for(s, true));
    return plan;
  }
  bool alone = true;
  std::vector<KeptSession*> round;
  for (KeptSession* p : in_launch_order()) {
    if (p != &s && !peers(s, *p)) continue;
    if (p != &s) alone = false;
    if (p != &s && p->in_flight && p->generation < s.generation) {
      plan.again_in_ms = s.interval_ms;
      return plan;
    }
    if (p == &s || (p->submitted && !p->in_flight)) round.push_back(p);
  }
  for (KeptSession* p : round) {
    p->in_flight = true;
    plan.items.push_back(item_for(*p, p->submitted || alone));
  }
  return plan;
}

std::vector<CaptureItem> SessionBook::final_round() {
  std::vector<KeptSession*> order = in_launch_order();
  std::stable_partition(order.begin(), order.end(), [](const KeptSession* s) { return s->submitted; });
  std::vector<CaptureItem> items;
  for (KeptSession* s : order) {
    if (s->captured) continue;
    s->in_flight = true;
    items.push_back(item_for(*s, true));
  }
  return items;
}

KeeperStep SessionBook::outcome(const CaptureOutcome& o, std::int64_t now_ms, bool final) {
  KeeperStep step;
  auto it = sessions_.find(o.agent_id);
  if (it == sessions_.end() || it->second.generation != o.generation) return step;  // stale
  KeptSession& s = it->second;
  s.in_flight = false;
  if (s.captured) return step;
  sessions::CaptureResult r = o.result;
  for (const auto& [agent, id] : held_)
    if (r.captured && agent != o.agent_id && id == r.session_id) {
      r.captured = false;  // another agent claimed it first
      r.reason = "claimed_by_other";
    }
  if (r.captured) {
    s.captured = true;
    s.trying = false;
    held_[o.agent_id] = r.session_id;
    if (last_captured_[o.agent_id] == r.session_id) return step;
    last_captured_[o.agent_id] = r.session_id;
    step.drafts.push_back(events::to_draft(
      events::SessionCaptured{o.agent_id, s.launch.provider, s.launch.format, r.session_id, r.path,
                              r.via, r.confidence},
      // A keeper started again never records the same capture twice.
      "session.captured:" + std::to_string(s.generation) + ":" + o.agent_id + ":" + r.session_id));
    return step;
  }
  if (!final && s.trying && now_ms + s.interval_ms <= s.deadline_ms) {
    step.retry_in_ms = s.interval_ms;
    return step;
  }
  s.trying = false;
  if (r.reason == s.noted_missing) return step;
  s.noted_missing = r.reason;
  step.drafts.push_back(events::to_draft(
    events::SessionCaptureMissing{o.agent_id, s.launch.provider, s.launch.session_id, r.reason}));
  return step;
}

const KeptSession* SessionBook::find(const std::string& agent_id) const {
  auto it = sessions_.find(agent_id);
  return it == sessions_.end() ? nullptr : &it->second;
}

}  // namespace ta::actors
