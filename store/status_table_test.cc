#include "store/status_table.h"

#include <doctest/doctest.h>

#include <sstream>

#include "store/status_report.h"
#include "util/columns.h"

using namespace ta;
using namespace ta::store;

namespace {

const char* const kNow = "2026-12-04T04:10:00.000000Z";

std::vector<std::string> table_lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

std::size_t widest(const std::string& text) {
  std::size_t w = 0;
  for (const auto& l : table_lines(text)) w = std::max(w, text_columns(l));
  return w;
}

AgentRow agent(const std::string& id) {
  AgentRow a;
  a.agent_id = id;
  a.provider = "codex";
  a.pane_state = "idle";
  a.pane_state_at = "2026-12-04T04:09:48.000000Z";
  return a;
}

StatusData long_team() {
  StatusData d;
  auto a = agent("integration-tester-with-a-very-long-name");
  a.first_send_at = "2026-12-04T04:07:00.000000Z";
  a.first_send_from = "human";
  a.last_outcome = "failed";
  a.last_outcome_message_id = "msg_0123456789ab";
  a.last_outcome_at = "2026-12-04T04:09:50.000000Z";
  a.last_failure_reason = "the pane showed a numbered menu that nothing could be typed into";
  d.agents.push_back(a);
  d.agents.push_back(agent("w1"));
  MessageRow m;
  m.message_id = "msg_0123456789ab";
  m.from = "a-leader-with-a-long-name";
  m.to = "integration-tester-with-a-very-long-name";
  m.task_id = "task-with-a-long-name-too";
  m.state = "failed";
  m.reason = "the pane showed a numbered menu that nothing could be typed into";
  m.stage = "gate";
  m.updated_at = a.last_outcome_at;
  d.failures.push_back(m);
  d.failed_total = 1;
  d.last_ts = a.last_outcome_at;
  return d;
}

}  // namespace

TEST_CASE("the status report of a team with long names and reasons fits 100 columns") {
  StatusPresentation p;
  p.now = *parse_rfc3339(kNow);
  LiveSupervisor live;
  live.stale_pid = 4242;
  live.stale_started_at = "2026-12-04T01:00:00.123456Z";
  p.supervisor = live;
  auto text = format_status_text(long_team(), p);
  INFO(text);
  CHECK(widest(text) <= 100);
  CHECK(text.find("…") != std::string::npos);          // cut, not overflowing
  CHECK(text.find(".123456") == std::string::npos);    // no microseconds anywhere
  CHECK(text.find("3 m ago by human") != std::string::npos);
  CHECK(text.find("the pane showed a numbered") != std::string::npos);
  CHECK(text.find("  10 s ago") != std::string::npos);  // the failure, how long ago
  CHECK(text.find("'team-agent doctor --fix'") != std::string::npos);  // whole on one line
  p.width = 60;
  CHECK(widest(format_status_text(long_team(), p)) <= 60);
}

TEST_CASE("the agent table: relative times when now is known, to the second when not") {
  auto d = long_team();
  d.agents[0].agent_id = "backend";
  d.agents[0].last_failure_reason = "copy mode";
  auto with_now = agent_table(d.agents, *parse_rfc3339(kNow), 100);
  CHECK(with_now.find("3 m ago by human") != std::string::npos);
  CHECK(with_now.find("failed msg_0123456789ab 10 s ago") != std::string::npos);
  CHECK(widest(with_now) <= 100);
  auto without = agent_table(d.agents, std::nullopt, 100);
  CHECK(without.find("2026-12-04 04:07:00 by human") != std::string::npos);
  CHECK(without.find(" ago") == std::string::npos);
}

TEST_CASE("render_table cuts the rightmost cuttable column first and keeps uncut ones whole") {
  std::vector<TableColumn> cols = {{"ID", false, 4}, {"N", true, 0}, {"TEXT", false, 6}};
  std::vector<std::vector<std::string>> rows = {{"abcdefgh", "7", "a long free text cell"}};
  auto t = render_table(cols, rows, 30);
  CHECK(widest(t) <= 30);
  auto ls = table_lines(t);
  REQUIRE(ls.size() == 2);
  CHECK(ls[1].find("abcdefgh") == 2);        // the id stayed whole
  CHECK(ls[1].find("…") != std::string::npos);
  // Narrower still: the id is cut too, down to its minimum.
  auto narrow = render_table(cols, rows, 17);
  CHECK(table_lines(narrow)[1].find("abc…") == 2);
  // Numbers line up on the right under their head.
  auto numbers = render_table({{"COUNT", true, 0}}, {{"7"}, {"12"}}, 80);
  CHECK(numbers == "  COUNT\n      7\n     12\n");
}

TEST_CASE("the summary: one line per agent, with provider, state, queue depth and activity") {
  auto d = long_team();
  auto text = format_status_summary(d, StatusPresentation{std::nullopt, *parse_rfc3339(kNow), 100});
  auto ls = table_lines(text);
  REQUIRE(ls.size() == 2);
  CHECK(ls[0].find("  integration-tester-with-a-very-long-name  codex  idle  queued 0  active "
                   "10 s ago") == 0);
  CHECK(ls[1].find("  w1") == 0);
  CHECK(ls[1].find("active 12 s ago") != std::string::npos);
  AgentRow quiet;
  quiet.agent_id = "new";
  CHECK(summary_lines({quiet}, std::nullopt, 100) == "  new  -  unknown  queued 0  no activity yet\n");
}
