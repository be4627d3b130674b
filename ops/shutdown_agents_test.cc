#include "ops/shutdown_agents.h"

#include <doctest/doctest.h>

#include "events/types.h"

using namespace ta;

namespace {

store::AgentRow agent(const std::string& id, const std::string& pane_state) {
  store::AgentRow a;
  a.agent_id = id;
  a.pane_state = pane_state;
  return a;
}

}  // namespace

TEST_CASE("each agent whose pane lived is recorded as stopped, from its last known state") {
  auto drafts = ops::stopped_pane_events({agent("leader", "ready"), agent("w1", "busy"),
                                          agent("w2", "started")});
  REQUIRE(drafts.size() == 3);
  for (const auto& d : drafts) CHECK(d.type == events::PaneStateChanged::kType);
  CHECK(drafts[0].data.value("agent_id", "") == "leader");
  CHECK(drafts[0].data.value("from", "") == "ready");
  CHECK(drafts[1].data.value("from", "") == "busy");
  CHECK(drafts[2].data.value("agent_id", "") == "w2");
  CHECK(drafts[2].data.value("from", "") == "started");
  for (const auto& d : drafts) CHECK(d.data.value("to", "") == "stopped");
}

TEST_CASE("agents without a live pane are left alone") {
  // Never started, exited on its own, already stopped.
  auto drafts = ops::stopped_pane_events(
      {agent("w1", ""), agent("w2", "exited"), agent("w3", "stopped"), agent("w4", "blocked")});
  REQUIRE(drafts.size() == 1);
  CHECK(drafts[0].data.value("agent_id", "") == "w4");
  CHECK(drafts[0].data.value("from", "") == "blocked");
}
