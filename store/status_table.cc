#include "store/status_table.h"
#include "store/report_values.h"

#include <algorithm>

#include "util/columns.h"
#include "util/when.h"

namespace ta::store {

namespace {


// The natural width of each column: its widest cell or head.
std::vector<std::size_t> natural_widths(const std::vector<TableColumn>& columns,
                                        const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> w(columns.size(), 0);
  for (std::size_t i = 0; i < columns.size(); ++i) w[i] = text_columns(columns[i].head);
  for (const auto& r : rows)
    for (std::size_t i = 0; i < r.size() && i < w.size(); ++i)
      w[i] = std::max(w[i], text_columns(r[i]));
  return w;
}

// Cuts columns, the rightmost that may still be cut first (free text sits
// right; ids sit left and are cut last), until the line fits or nothing
// more may be cut.
void shrink_to(std::vector<std::size_t>& w, const std::vector<TableColumn>& columns,
               std::size_t width) {
  std::size_t total = 0;
  for (auto x : w) total += 2 + x;
  for (std::size_t i = w.size(); i-- > 0 && total > width;) {
    if (columns[i].min == 0 || w[i] <= columns[i].min) continue;
    std::size_t cut = std::min(w[i] - columns[i].min, total - width);
    w[i] -= cut;
    total -= cut;
  }
}

std::string cell_text(const std::string& s, std::size_t width, bool right, bool last) {
  std::string c = fit_columns(s, width);
  std::size_t pad = width - text_columns(c);
  if (right) return std::string(pad, ' ') + c;
  return last ? c : c + std::string(pad, ' ');
}

std::string first_send_cell(const AgentRow& a, std::optional<UnixMicros> now) {
  if (a.first_send_at.empty()) return "-";
  std::string t = when_text(a.first_send_at, now);
  if (!a.first_send_from.empty()) t += " by " + a.first_send_from;
  return t;
}

std::string outcome_cell(const AgentRow& a, std::optional<UnixMicros> now) {
  if (a.last_outcome.empty()) return "-";
  std::string t = a.last_outcome + " " + a.last_outcome_message_id + " " +
                  when_text(a.last_outcome_at, now);
  if (a.last_outcome == "failed" && !a.last_failure_reason.empty())
    t += " (" + a.last_failure_reason + ")";
  return t;
}

}  // namespace

std::string render_table(const std::vector<TableColumn>& columns,
                         const std::vector<std::vector<std::string>>& rows, std::size_t width) {
  bool header = false;
  for (const auto& c : columns) header = header || !c.head.empty();
  auto w = natural_widths(columns, rows);
  shrink_to(w, columns, width);
  std::string out;
  auto line = [&](const std::vector<std::string>& cells) {
    std::string l;
    for (std::size_t i = 0; i < columns.size(); ++i)
      l += "  " + cell_text(i < cells.size() ? cells[i] : "", w[i], columns[i].right,
                            i + 1 == columns.size());
    while (!l.empty() && l.back() == ' ') l.pop_back();
    out += l + "\n";
  };
  if (header) {
    std::vector<std::string> heads;
    for (const auto& c : columns) heads.push_back(c.head);
    line(heads);
  }
  for (const auto& r : rows) line(r);
  return out;
}

std::string pane_column(const AgentRow& a) {
  if (!a.lifecycle.empty() && a.lifecycle != "running") return a.lifecycle;
  return a.pane_state.empty() ? "unknown" : a.pane_state;
}

std::string agent_table(const std::vector<AgentRow>& agents, std::optional<UnixMicros> now,
                        std::size_t width) {
  const std::vector<TableColumn> columns = {
      {"AGENT", false, 12},  {"PANE", false, 8},        {"QUEUED", true, 0},
      {"DELIVERED", true, 0}, {"FAILED", true, 0},      {"FIRST SEND", false, 17},
      {"LAST OUTCOME", false, 20}};
  std::vector<std::vector<std::string>> rows;
  for (const auto& a : agents)
    rows.push_back({a.agent_id, pane_column(a), std::to_string(a.queued),
                    std::to_string(a.delivered), std::to_string(a.failed),
                    first_send_cell(a, now), outcome_cell(a, now)});
  return render_table(columns, rows, width);
}

std::string last_activity_at(const AgentRow& a) {
  std::string latest;
  // RFC 3339 UTC times of the log, all written alike, order as strings.
  for (const auto* t : {&a.pane_state_at, &a.last_outcome_at, &a.first_send_at})
    if (*t > latest) latest = *t;
  return latest;
}

std::string summary_lines(const std::vector<AgentRow>& agents, std::optional<UnixMicros> now,
                          std::size_t width) {
  const std::vector<TableColumn> columns = {{"", false, 12}, {"", false, 6}, {"", false, 8},
                                            {"", false, 0},  {"", false, 12}};
  std::vector<std::vector<std::string>> rows;
  for (const auto& a : agents) {
    auto at = last_activity_at(a);
    rows.push_back({a.agent_id, or_dash(a.provider), pane_column(a),
                    "queued " + std::to_string(a.queued),
                    at.empty() ? "no activity yet" : "active " + when_text(at, now)});
  }
  return render_table(columns, rows, width);
}

}  // namespace ta::store
