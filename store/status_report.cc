#include "store/status_report.h"

#include <algorithm>

namespace ta::store {

namespace {

using Json = events::Json;

Json or_null(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }

Json message_json(const MessageRow& m) {
  return Json{{"message_id", m.message_id}, {"from", or_null(m.from)},
              {"to", or_null(m.to)},        {"task_id", or_null(m.task_id)},
              {"state", m.state},           {"reason", or_null(m.reason)},
              {"stage", or_null(m.stage)},  {"detected", or_null(m.detected)},
              {"attempts", m.attempts},     {"accepted_seq", m.accepted_seq},
              {"accepted_at", or_null(m.accepted_at)},
              {"updated_at", or_null(m.updated_at)}};
}

Json agent_json(const AgentRow& a) {
  return Json{{"agent_id", a.agent_id},
              {"pane_id", or_null(a.pane_id)},
              {"provider", or_null(a.provider)},
              {"pane_state", or_null(a.pane_state)},
              {"pane_state_at", or_null(a.pane_state_at)},
              {"first_send_at", or_null(a.first_send_at)},
              {"last_outcome", or_null(a.last_outcome)},
              {"last_outcome_message_id", or_null(a.last_outcome_message_id)},
              {"last_outcome_at", or_null(a.last_outcome_at)},
              {"last_failure_reason", or_null(a.last_failure_reason)},
              {"queued", a.queued},
              {"delivered", a.delivered},
              {"failed", a.failed}};
}

std::string route(const MessageRow& m) {
  std::string r = (m.from.empty() ? "?" : m.from) + " -> " + (m.to.empty() ? "?" : m.to);
  if (!m.task_id.empty()) r += " [" + m.task_id + "]";
  return r;
}

// `s` padded with spaces to `width` columns (byte count; ids and states are ASCII).
std::string pad(const std::string& s, size_t width) {
  return s.size() >= width ? s : s + std::string(width - s.size(), ' ');
}

size_t route_width(const std::vector<MessageRow>& rows) {
  size_t w = 0;
  for (const auto& m : rows) w = std::max(w, route(m).size());
  return w;
}

std::string failure_text(const MessageRow& m) {
  std::string t = m.reason.empty() ? "failed" : m.reason;
  if (!m.stage.empty()) t += " (stage " + m.stage + ")";
  if (!m.detected.empty()) t += ", pane showed " + m.detected;
  return t;
}

}  // namespace

void add_known_agents(StatusData& d, const std::vector<std::string>& agent_ids) {
  for (const auto& id : agent_ids) {
    auto it = std::lower_bound(d.agents.begin(), d.agents.end(), id,
                               [](const AgentRow& a, const std::string& k) { return a.agent_id < k; });
    if (it != d.agents.end() && it->agent_id == id) continue;
    AgentRow row;
    row.agent_id = id;
    d.agents.insert(it, std::move(row));
  }
}

std::string format_status_text(const StatusData& d, const StatusPresentation& p) {
  std::string out;
  if (p.supervisor_running) {
    out += "supervisor: ";
    out += *p.supervisor_running ? "running" : "not running";
    if (const auto& s = d.last_supervisor) {
      out += " (last run " + s->run_id + ": " + s->state;
      if (!s->started_at.empty()) out += ", started " + s->started_at;
      if (!s->stopped_at.empty()) out += ", stopped " + s->stopped_at;
      if (!s->reason.empty()) out += ", " + s->reason;
      out += ")";
    }
    out += "\n";
  }
  out += "events folded: through seq " + std::to_string(d.last_seq);
  if (!d.last_ts.empty()) out += " (" + d.last_ts + ")";
  out += "\n";

  std::int64_t total = 0;
  std::string counts;
  for (const auto& c : d.counts) {
    total += c.count;
    counts += (counts.empty() ? "" : ", ") + std::to_string(c.count) + " " + c.state;
  }
  out += "messages: " + std::to_string(total) + " (" + counts + ")\n";
  if (!d.open.empty()) {
    out += "  waiting for delivery:\n";
    size_t w = route_width(d.open);
    for (const auto& m : d.open) {
      out += "    " + m.message_id + "  " + pad(route(m), w) + "  " + pad(m.state, 8);
      if (m.state == "deferred" && !m.detected.empty()) out += " (recipient " + m.detected + ")";
      out += "  since " + m.accepted_at + "\n";
    }
    if (d.open_total > static_cast<std::int64_t>(d.open.size()))
      out += "    … and " + std::to_string(d.open_total - static_cast<std::int64_t>(d.open.size())) +
             " more\n";
  }
  if (!d.failures.empty()) {
    out += "  failed:\n";
    size_t w = route_width(d.failures);
    for (const auto& m : d.failures)
      out += "    " + m.message_id + "  " + pad(route(m), w) + "  " + failure_text(m) + "  at " +
             m.updated_at + "\n";
    if (d.failed_total > static_cast<std::int64_t>(d.failures.size()))
      out += "    … and " +
             std::to_string(d.failed_total - static_cast<std::int64_t>(d.failures.size())) +
             " more\n";
  }

  out += "agents:";
  if (d.agents.empty()) out += " none known yet";
  out += "\n";
  size_t id_width = 0, pane_width = 7;
  for (const auto& a : d.agents) {
    id_width = std::max(id_width, a.agent_id.size());
    pane_width = std::max(pane_width, a.pane_state.size());
  }
  for (const auto& a : d.agents) {
    out += "  " + pad(a.agent_id, id_width) + "  pane " +
           pad(a.pane_state.empty() ? "unknown" : a.pane_state, pane_width);
    out += "  queued " + std::to_string(a.queued) + "  delivered " + std::to_string(a.delivered) +
           "  failed " + std::to_string(a.failed);
    if (!a.last_outcome.empty())
      out += "  last " + a.last_outcome + " " + a.last_outcome_message_id + " at " +
             a.last_outcome_at;
    out += "\n";
  }
  if (const auto& e = d.last_api_error) {
    out += "last API error: " + (e->error_class.empty() ? "Unknown" : e->error_class);
    if (!e->provider.empty()) out += " (" + e->provider + ")";
    out += " at " + e->ts + " (seq " + std::to_string(e->seq) + ")";
    if (!e->snippet.empty()) out += ": " + e->snippet.substr(0, 120);
    out += "\n";
  }
  if (d.pending_timers > 0) out += "timers pending: " + std::to_string(d.pending_timers) + "\n";
  return out;
}

Json status_json(const StatusData& d, const StatusPresentation& p) {
  Json counts = Json::object();
  std::int64_t total = 0;
  for (const auto& c : d.counts) {
    counts[c.state] = c.count;
    total += c.count;
  }
  Json open = Json::array(), failures = Json::array(), agents = Json::array();
  for (const auto& m : d.open) open.push_back(message_json(m));
  for (const auto& m : d.failures) failures.push_back(message_json(m));
  for (const auto& a : d.agents) agents.push_back(agent_json(a));

  Json supervisor = Json::object();
  if (p.supervisor_running) supervisor["running"] = *p.supervisor_running;
  supervisor["last_run"] = nullptr;
  if (const auto& s = d.last_supervisor) {
    supervisor["last_run"] = Json{{"run_id", s->run_id},
                                  {"state", s->state},
                                  {"pid", s->pid},
                                  {"version", or_null(s->version)},
                                  {"started_at", or_null(s->started_at)},
                                  {"stopped_at", or_null(s->stopped_at)},
                                  {"reason", or_null(s->reason)},
                                  {"exit_code", s->exit_code ? Json(*s->exit_code) : Json()}};
  }
  Json api_error = nullptr;
  if (const auto& e = d.last_api_error)
    api_error = Json{{"seq", e->seq},
                     {"ts", e->ts},
                     {"error_class", or_null(e->error_class)},
                     {"provider", or_null(e->provider)},
                     {"snippet", or_null(e->snippet)}};
  return Json{{"last_seq", d.last_seq},
              {"as_of", or_null(d.last_ts)},
              {"supervisor", supervisor},
              {"messages",
               {{"counts", counts},
                {"total", total},
                {"open_total", d.open_total},
                {"open", open},
                {"failed_total", d.failed_total},
                {"failures", failures}}},
              {"agents", agents},
              {"last_api_error", api_error},
              {"pending_timers", d.pending_timers}};
}

}  // namespace ta::store
