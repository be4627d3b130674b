// agents.lifecycle, folded from the outcomes of the per-agent verbs, and
// the stopped members a run leaves alone.
#include <doctest/doctest.h>

#include "store/fold.h"
#include "store/queries.h"
#include "store/schema.h"
#include "tests/support/store_support.h"

using namespace ta;
using namespace ta::store;
using namespace ta::store::testing;

namespace {

events::AgentRequestCompleted done(const std::string& verb, const std::string& agent, bool ok) {
  return events::AgentRequestCompleted{"req_" + verb, verb, agent, ok, ok ? "done" : "refused",
                                       "", "", ""};
}

}  // namespace

TEST_CASE("stop marks an agent stopped until a start of any kind; a refusal changes nothing") {
  auto db = Database::open(":memory:");
  REQUIRE(db.ok());
  REQUIRE(create_schema(**db).ok());
  auto fold = Fold::prepare(**db);
  REQUIRE(fold.ok());
  std::uint64_t seq = 0;
  auto apply = [&](const events::AgentRequestCompleted& c) {
    auto st = (*fold)->apply(make_event(++seq, c));
    REQUIRE_MESSAGE(st.ok(), (st.ok() ? "" : st.error().message));
  };
  auto stopped = [&] {
    auto s = stopped_agents(**db);
    REQUIRE(s.ok());
    return *s;
  };

  CHECK(stopped().empty());
  apply(done("stop", "w1", true));
  apply(done("stop", "w2", true));
  CHECK(stopped() == std::set<std::string>{"w1", "w2"});
  apply(done("start", "w1", false));  // refused: still stopped
  CHECK(stopped() == std::set<std::string>{"w1", "w2"});
  apply(done("restart", "w1", true));
  apply(done("remove", "w2", true));
  CHECK(stopped().empty());
  apply(done("stop", "w3", true));
  apply(done("reset", "w3", true));
  apply(done("add", "w4", true));
  CHECK(stopped().empty());
}
