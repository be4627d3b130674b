// The fold of the questions agents put to a person (human.requested) and
// their answers (human.answered) into human_requests, so `status` lists
// the open ones and `answer` finds who asked.
#include "events/types.h"
#include "store/fold.h"
#include "store/fold_helpers.h"

namespace ta::store {

using events::Event;
using namespace fold_helpers;

namespace {

// ?1 request_id ?2 agent ?3 question ?4 options ?5 seq ?6 ts. A repeat keeps the first.
constexpr const char* kAsked = R"sql(
INSERT INTO human_requests(request_id, agent_id, question, options, asked_seq, asked_at,
                           updated_seq)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?5) ON CONFLICT(request_id) DO NOTHING)sql";

// ?1 request_id ?2 seq ?3 ts ?4 answer ?5 message_id. The first answer stands.
constexpr const char* kAnswered = R"sql(
UPDATE human_requests SET answered_seq = ?2, answered_at = ?3, answer = ?4, message_id = ?5,
                          updated_seq = ?2
WHERE request_id = ?1 AND answered_seq IS NULL)sql";

}  // namespace

Status Fold::prepare_human() {
  return prepare_each(db_, {{&human_asked_, kAsked}, {&human_answered_, kAnswered}});
}

Status Fold::on_human_requested(const Event& e) {
  auto r = events::decode<events::HumanRequested>(e);
  if (!r) return r.error();
  if (r->request_id.empty()) return ok_status();
  const std::string options = events::Json(r->options).dump();
  auto& st = human_asked_;
  st.bind_text(1, r->request_id).bind_text(2, r->agent_id).bind_text(3, r->question);
  st.bind_text(4, options).bind_int(5, seq_of(e)).bind_text(6, e.ts);
  return st.run();
}

Status Fold::on_human_answered(const Event& e) {
  auto a = events::decode<events::HumanAnswered>(e);
  if (!a) return a.error();
  auto& st = human_answered_;
  st.bind_text(1, a->request_id).bind_int(2, seq_of(e)).bind_text(3, e.ts);
  st.bind_text(4, a->answer).bind_text_or_null(5, a->message_id);
  return st.run();
}

}  // namespace ta::store
