#pragma once
// The tables of `status` for people, within a terminal's width: the agent
// table of the full report, and the one-line-per-agent summary
// (`status --summary`). Cells that do not fit are cut with an ellipsis,
// the rightmost first; times are relative where they are recent.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "store/queries.h"
#include "util/clock.h"

namespace ta::store {

struct TableColumn {
  std::string head;    // empty for every column: no header line
  bool right = false;  // numbers line up on the right
  // Narrowest this column may be cut to; 0: never cut.
  std::size_t min = 0;
};

// One line per row (the header first, when the columns have heads), two
// spaces before each cell; within `width` columns unless the uncut columns
// and the minimums alone are wider. The rightmost columns are cut first.
std::string render_table(const std::vector<TableColumn>& columns,
                         const std::vector<std::vector<std::string>>& rows, std::size_t width);

// AGENT PANE QUEUED DELIVERED FAILED FIRST SEND LAST OUTCOME, one row per agent.
std::string agent_table(const std::vector<AgentRow>& agents, std::optional<UnixMicros> now,
                        std::size_t width);

// The latest of an agent's recorded times: its pane's last state change,
// its last delivery outcome, its first send. "" when none is known.
std::string last_activity_at(const AgentRow& a);
// One line per agent: name, provider, state, queue depth, last activity.
std::string summary_lines(const std::vector<AgentRow>& agents, std::optional<UnixMicros> now,
                          std::size_t width);

// What the PANE column shows: the pane's state, unless the agent was
// stopped or removed on purpose (then no pane runs for it).
std::string pane_column(const AgentRow& a);

}  // namespace ta::store
