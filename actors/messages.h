#pragma once
// Types sent between actors, with the inspect overloads CAF 0.17 needs to
// register them (actor_system_config::add_message_type). JSON payloads are
// carried as their serialized text so the inspectors see plain strings.
#include <caf/error.hpp>
#include <caf/meta/load_callback.hpp>
#include <caf/meta/type_name.hpp>
#include <caf/none.hpp>

#include "events/event.h"

namespace ta::events {

// A JSON payload crosses the inspector as its text: dumped before a save,
// parsed back into `json` once a load has filled `text`.
template <class Inspector>
std::string json_text(const Json& json) {
  return Inspector::reads_state ? json.dump() : std::string{};
}

inline auto parse_after_load(const std::string& text, Json& json) {
  return caf::meta::load_callback([t = &text, j = &json]() -> caf::error {
    *j = Json::parse(*t, nullptr, false);
    return caf::none;
  });
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, Draft& x) {
  std::string data = json_text<Inspector>(x.data);
  return f(caf::meta::type_name("ta.draft"), x.type, x.v, data, x.key, x.ts,
           parse_after_load(data, x.data));
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, Event& x) {
  std::string data = json_text<Inspector>(x.data);
  return f(caf::meta::type_name("ta.event"), x.seq, x.ts, x.type, x.v, x.team, data, x.key,
           parse_after_load(data, x.data));
}

}  // namespace ta::events

namespace ta::actors {

// One accepted message on its way to a pane: what message.accepted said,
// carried to the recipient's pane_actor so it never reads the database.
struct Delivery {
  std::uint64_t accepted_seq = 0;
  std::string message_id;
  std::string from;
  std::string to;
  std::string task_id;
  std::string content;
  bool now = false;  // deliver even when the agent is busy
  std::string result_id;  // the leader's notification of this result
  // A trust_retry timer is pending for this message (after a restart): it
  // waits for that timer, whose attempt number this is, instead of starting over.
  int trust_attempt_pending = 0;
  // A trust_retry timer of an earlier run fired but its attempt never ended
  // (the supervisor died): continue with this attempt at once. Attempts are
  // never repeated, so at most 4 answers are ever typed.
  int trust_resume_attempt = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, Delivery& x) {
  return f(caf::meta::type_name("ta.delivery"), x.accepted_seq, x.message_id, x.from, x.to,
           x.task_id, x.content, x.now, x.result_id, x.trust_attempt_pending,
           x.trust_resume_attempt);
}

}  // namespace ta::actors
