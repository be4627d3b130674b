#include "store/pending_deliveries.h"

#include <doctest/doctest.h>

#include "events/types.h"
#include "store/fold.h"
#include "store/schema.h"
#include "tests/support/store_support.h"

using namespace ta;
using namespace ta::store;
using namespace ta::store::testing;

namespace {

struct Folded {
  std::unique_ptr<Database> db;
  std::unique_ptr<Fold> fold;
  std::uint64_t seq = 0;

  Folded() {
    auto d = Database::open(":memory:");
    REQUIRE(d.ok());
    db = std::move(*d);
    REQUIRE(create_schema(*db).ok());
    auto f = Fold::prepare(*db);
    REQUIRE(f.ok());
    fold = std::move(*f);
  }
  template <class T>
  void apply(const T& payload) {
    auto st = fold->apply(make_event(++seq, payload));
    REQUIRE_MESSAGE(st.ok(), (st.ok() ? "" : st.error().message));
  }
};

}  // namespace

TEST_CASE("what a starting supervisor owes: never attempted, interrupted, notified, stamped") {
  Folded f;
  f.apply(accepted("msg_000000000001", "leader", "w1", "delivered"));
  f.apply(events::SendDeliverAttempt{"msg_000000000001", "w1", 1});
  f.apply(events::SendSubmitted{"msg_000000000001", "w1", 1, "token", 1});
  f.apply(events::WorkerFirstInteraction{"w1", "2026-01-01T00:00:03Z", "msg_000000000001"});
  f.apply(accepted("msg_000000000002", "leader", "w1", "cut off mid-delivery"));
  f.apply(events::SendDeliverAttempt{"msg_000000000002", "w1", 1});
  f.apply(accepted("msg_000000000003", "w1", "w2", "never attempted"));
  f.apply(events::ResultReported{"res_00000000000a", "T1", "w1", "success", "done"});
  f.apply(events::ResultReported{"res_00000000000b", "T2", "w2", "success", "done"});
  auto note = accepted("msg_00000000000n", "w1", "leader", "Result res_00000000000a");
  note.result_id = "res_00000000000a";
  note.leader_session = "%0:100";
  f.apply(note);
  f.apply(events::ScheduleCreated{"trust_x_2", "trust_retry", "pane_actor:w2", "2026-01-01T00:01:00Z",
                                  events::Json{{"message_id", "msg_000000000003"}, {"attempt", 2}}});
  f.apply(events::ScheduleFired{"trust_x_2"});

  auto p = load_pending_deliveries(*f.db);
  REQUIRE(p.ok());
  REQUIRE(p->messages.size() == 3);
  CHECK(p->messages[0].message_id == "msg_000000000002");
  CHECK(p->messages[0].interrupted);
  CHECK(p->messages[1].message_id == "msg_000000000003");
  CHECK_FALSE(p->messages[1].interrupted);
  CHECK(p->messages[1].result_id.empty());
  // The notification keeps its result, found through the claim it made.
  CHECK(p->messages[2].message_id == "msg_00000000000n");
  CHECK(p->messages[2].result_id == "res_00000000000a");
  CHECK(p->first_interaction_done == std::set<std::string>{"w1"});
  CHECK(p->leader_message_ids == std::set<std::string>{"msg_00000000000n"});
  // res_…a is claimed by its notification; res_…b was never notified.
  REQUIRE(p->unnotified_results.size() == 1);
  CHECK(p->unnotified_results[0].result_id == "res_00000000000b");
  CHECK(p->trust_fired_attempt.at("msg_000000000003") == 2);
}
