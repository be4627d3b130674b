#include "store/status_report.h"

#include <algorithm>

#include "store/status_report_sessions.h"
#include "store/status_report_team.h"
#include "store/status_table.h"
#include "store/report_values.h"
#include "util/columns.h"
#include "util/redact.h"
#include "util/when.h"

namespace ta::store {

namespace {

using Json = events::Json;


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
              {"first_send_from", or_null(a.first_send_from)},
              {"last_outcome", or_null(a.last_outcome)},
              {"last_outcome_message_id", or_null(a.last_outcome_message_id)},
              {"last_outcome_at", or_null(a.last_outcome_at)},
              {"last_failure_reason", or_null(a.last_failure_reason)},
              {"exit_cause", or_null(a.exit_cause)},
              {"exit_advice", or_null(a.exit_advice)},
              {"lifecycle", a.lifecycle.empty() ? "running" : a.lifecycle},
              {"queued", a.queued},
              {"delivered", a.delivered},
              {"failed", a.failed},
              {"session", a.session ? session_json(*a.session) : Json()}};
}

std::string route(const MessageRow& m) {
  std::string r = (m.from.empty() ? "?" : m.from) + " -> " + (m.to.empty() ? "?" : m.to);
  if (!m.task_id.empty()) r += " [" + m.task_id + "]";
  return r;
}

std::string failure_text(const MessageRow& m) {
  std::string t = m.reason.empty() ? "failed" : m.reason;
  if (!m.stage.empty()) t += " (stage " + m.stage + ")";
  if (!m.detected.empty()) t += ", pane showed " + m.detected;
  return t;
}

// "running (pid N, up 3m12s, run R)", or "not running" with the last run the
// log recorded, and a warning line for a record left by a dead supervisor.
std::string supervisor_text(const LiveSupervisor& live, const std::optional<SupervisorRow>& last,
                            std::optional<UnixMicros> now) {
  std::string out = "supervisor: ";
  if (live.running) {
    out += "running (";
    if (live.pid > 0) {
      out += "pid " + std::to_string(live.pid);
      if (live.uptime_s) out += ", up " + format_uptime(*live.uptime_s);
      if (!live.run_id.empty()) out += ", run " + live.run_id;
    } else {
      out += "pid not recorded yet";
    }
    out += ")\n";
    return out;
  }
  out += "not running";
  if (last) {
    out += " (last run " + last->run_id + ": " + last->state;
    if (!last->started_at.empty()) out += ", started " + second_text(last->started_at);
    if (!last->stopped_at.empty()) out += ", stopped " + at_text(last->stopped_at, now);
    if (!last->reason.empty()) out += ", " + last->reason;
    out += ")";
  }
  out += "\n";
  if (live.stale_pid) {
    out += "  stale supervisor record ";
    out += *live.stale_pid > 0 ? "of pid " + std::to_string(*live.stale_pid) : "(unreadable)";
    if (!live.stale_started_at.empty())
      out += " (started " + second_text(live.stale_started_at) + ")";
    out += " is left behind; 'team-agent doctor --fix' removes it\n";
  }
  return out;
}


// Liveness (when it applies) and the last run the log recorded.
Json supervisor_json(const std::optional<LiveSupervisor>& live,
                     const std::optional<SupervisorRow>& last) {
  Json supervisor = Json::object();
  if (live) {
    bool known = live->running && live->pid > 0;
    supervisor["running"] = live->running;
    supervisor["pid"] = known ? Json(live->pid) : Json();
    supervisor["started_at"] = known ? or_null(live->started_at) : Json();
    supervisor["uptime_s"] = known && live->uptime_s ? Json(*live->uptime_s) : Json();
    supervisor["run_id"] = known ? or_null(live->run_id) : Json();
    supervisor["stale_record"] =
        live->stale_pid ? Json{{"pid", *live->stale_pid > 0 ? Json(*live->stale_pid) : Json()},
                               {"started_at", or_null(live->stale_started_at)}}
                        : Json();
  }
  supervisor["last_run"] = nullptr;
  if (last)
    supervisor["last_run"] = Json{{"run_id", last->run_id},
                                  {"state", last->state},
                                  {"pid", last->pid},
                                  {"version", or_null(last->version)},
                                  {"started_at", or_null(last->started_at)},
                                  {"stopped_at", or_null(last->stopped_at)},
                                  {"reason", or_null(last->reason)},
                                  {"exit_code", last->exit_code ? Json(*last->exit_code) : Json()}};
  return supervisor;
}

Json api_error_json(const std::optional<ApiErrorRow>& e) {
  if (!e) return nullptr;
  return Json{{"seq", e->seq},
              {"ts", e->ts},
              {"error_class", or_null(e->error_class)},
              {"provider", or_null(e->provider)},
              {"snippet", or_null(e->snippet)}};
}

Json result_json(const std::optional<ResultRow>& r) {
  if (!r) return nullptr;
  return Json{{"result_id", r->result_id},     {"task_id", or_null(r->task_id)},
              {"agent_id", or_null(r->agent_id)}, {"status", or_null(r->status)},
              {"summary", r->summary},         {"reported_seq", r->reported_seq},
              {"reported_at", or_null(r->reported_at)}};
}

// "    … and N more" under a list cut at its limit.
std::string more_text(std::int64_t total, size_t shown) {
  if (total <= static_cast<std::int64_t>(shown)) return "";
  return "    … and " + std::to_string(total - static_cast<std::int64_t>(shown)) + " more\n";
}

// "12 s ago" for a recent time, "at 2026-12-04 04:10:00" for another.
std::string at_or_ago(const std::string& ts, std::optional<UnixMicros> now) {
  std::string when = when_text(ts, now);
  return when == second_text(ts) ? "at " + when : when;
}

// Each line of `table` two columns further in.
std::string indented(const std::string& table) {
  std::string out;
  size_t from = 0;
  for (size_t nl; (nl = table.find('\n', from)) != std::string::npos; from = nl + 1)
    out += "  " + table.substr(from, nl + 1 - from);
  return out;
}

// The waiting messages (oldest first) or the failed ones, one row each.
std::string message_rows(const std::vector<MessageRow>& rows, bool failed,
                         const StatusPresentation& p) {
  // The reason is cut first, but kept longer than the route.
  const std::vector<TableColumn> columns = {
      {"", false, 0}, {"", false, 16}, {"", false, failed ? 30u : 0u}, {"", false, 0}};
  std::vector<std::vector<std::string>> cells;
  for (const auto& m : rows) {
    if (failed) {
      cells.push_back({m.message_id, route(m), failure_text(m), at_or_ago(m.updated_at, p.now)});
      continue;
    }
    std::string state = m.state;
    if (m.state == "deferred" && !m.detected.empty()) state += " (recipient " + m.detected + ")";
    cells.push_back({m.message_id, route(m), state, "since " + when_text(m.accepted_at, p.now)});
  }
  return indented(render_table(columns, cells, p.width - 2));
}

// "messages: N (counts by state)", then the waiting and the failed ones.
std::string messages_text(const StatusData& d, const StatusPresentation& p) {
  std::int64_t total = 0;
  std::string counts;
  for (const auto& c : d.counts) {
    total += c.count;
    counts += (counts.empty() ? "" : ", ") + std::to_string(c.count) + " " + c.state;
  }
  std::string out = "messages: " + std::to_string(total) + " (" + counts + ")\n";
  if (!d.open.empty()) {
    out += "  waiting for delivery:\n" + message_rows(d.open, false, p);
    out += more_text(d.open_total, d.open.size());
  }
  if (!d.failures.empty()) {
    out += "  failed:\n" + message_rows(d.failures, true, p);
    out += more_text(d.failed_total, d.failures.size());
  }
  return out;
}

std::string api_error_timers_results_text(const StatusData& d, const StatusPresentation& p) {
  std::string out;
  if (const auto& e = d.last_api_error) {
    std::string line = "last API error: " + (e->error_class.empty() ? "Unknown" : e->error_class);
    if (!e->provider.empty()) line += " (" + e->provider + ")";
    line += " at " + at_text(e->ts, p.now) + " (seq " + std::to_string(e->seq) + ")";
    // The snippet is a taste of the screen: what fits on the line.
    if (!e->snippet.empty() && text_columns(line) + 12 < p.width)
      line += ": " + fit_columns(e->snippet, p.width - text_columns(line) - 2);
    out += line + "\n";
  }
  if (d.pending_timers > 0) out += "timers pending: " + std::to_string(d.pending_timers) + "\n";
  out += "results: " + std::to_string(d.results_total);
  if (const auto& r = d.last_result)
    out += " (last: " + r->result_id + " " + or_dash(r->task_id) + " " + or_dash(r->status) +
           " by " + or_dash(r->agent_id) + ")";
  return out + "\n";
}

}  // namespace

std::string exit_sentence(const std::string& cause, const std::string& advice) {
  std::string s = "its program exited while starting (" + cause + ")";
  if (!advice.empty()) s += ": " + advice;
  return s + ".";
}

std::string format_uptime(std::int64_t seconds) {
  if (seconds < 0) seconds = 0;
  auto two = [](std::int64_t v) { return (v < 10 ? "0" : "") + std::to_string(v); };
  if (seconds < 60) return std::to_string(seconds) + "s";
  if (seconds < 3600) return std::to_string(seconds / 60) + "m" + two(seconds % 60) + "s";
  if (seconds < 86400) return std::to_string(seconds / 3600) + "h" + two(seconds / 60 % 60) + "m";
  return std::to_string(seconds / 86400) + "d" + two(seconds / 3600 % 24) + "h";
}

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
  if (p.supervisor) out += supervisor_text(*p.supervisor, d.last_supervisor, p.now);
  out += team_incident_text(d.last_run_incident);
  out += "events folded: through seq " + std::to_string(d.last_seq);
  if (!d.last_ts.empty()) out += " (" + at_text(d.last_ts, p.now) + ")";
  out += "\n";
  out += messages_text(d, p);
  out += "agents:";
  if (d.agents.empty()) out += " none known yet";
  out += "\n";
  if (!d.agents.empty()) out += agent_table(d.agents, p.now, p.width);
  for (const auto& a : d.agents)
    if (a.pane_state == "exited" && !a.exit_cause.empty())
      out += "  " + a.agent_id + ": " + exit_sentence(a.exit_cause, a.exit_advice) + "\n";
  out += sessions_text(d.agents);
  out += health_text(d.health);
  out += human_requests_text(d.open_questions);
  out += api_error_timers_results_text(d, p);
  // Status shows screen text (the API error's snippet) and is often pasted
  // somewhere: whatever it prints passes the redactor, before lines are
  // wrapped so that no secret is split across two of them.
  return wrap_lines(redact_secrets(out), p.width);
}

std::string format_status_summary(const StatusData& d, const StatusPresentation& p) {
  return wrap_lines(redact_secrets(summary_lines(d.agents, p.now, p.width)), p.width);
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
  for (const auto& a : d.agents) {
    auto j = agent_json(a);
    auto h = d.health.agents.find(a.agent_id);
    j["health"] = h == d.health.agents.end() ? Json() : agent_health_json(h->second);
    agents.push_back(std::move(j));
  }
  Json status{{"last_seq", d.last_seq},
              {"as_of", or_null(d.last_ts)},
              {"supervisor", supervisor_json(p.supervisor, d.last_supervisor)},
              {"team", team_incident_json(d.last_run_incident)},
              {"messages",
               {{"counts", counts},
                {"total", total},
                {"open_total", d.open_total},
                {"open", open},
                {"failed_total", d.failed_total},
                {"failures", failures}}},
              {"agents", agents},
              {"last_api_error", api_error_json(d.last_api_error)},
              {"idle_reminder", idle_json(d.health.team)},
              {"pending_timers", d.pending_timers},
              {"open_questions", human_requests_json(d.open_questions)},
              {"results", {{"total", d.results_total}, {"last", result_json(d.last_result)}}}};
  redact_json_strings(status);  // as the text: see format_status_text
  return status;
}

}  // namespace ta::store
