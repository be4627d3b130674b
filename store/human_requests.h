#pragma once
// Read-only queries over human_requests (store/fold_human.cc): the
// questions agents asked a person (request_human) and their answers.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "events/event.h"
#include "store/db.h"
#include "util/result.h"

namespace ta::store {

struct HumanRequestRow {
  std::string request_id, agent_id, question, asked_at;
  std::vector<std::string> options;
  std::uint64_t asked_seq = 0;
  // Empty while open.
  std::string answered_at, answer, message_id;

  bool open() const { return answered_at.empty(); }
};

// The open questions, oldest first; `agent` non-empty: only that agent's.
// Nothing when the projections predate the table.
Result<std::vector<HumanRequestRow>> open_human_requests(Database& db,
                                                         const std::string& agent = "");

// One question, open or answered.
Result<std::optional<HumanRequestRow>> find_human_request(Database& db,
                                                          const std::string& request_id);

// "questions:" and one line per open question, with how to answer it;
// empty when there is none.
std::string human_requests_text(const std::vector<HumanRequestRow>& open);
events::Json human_requests_json(const std::vector<HumanRequestRow>& open);

}  // namespace ta::store
