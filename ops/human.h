#pragma once
// Questions an agent puts to a person (the request_human tool) and their
// answers (`team-agent answer REQUEST_ID TEXT`): the question is recorded
// (human.requested) and listed by `status` until answered; the answer is
// recorded (human.answered) and delivered to the agent that asked as a
// message from `human`, through the same send path as `team-agent send`.
#include <cstdint>
#include <string>
#include <vector>

#include "config/paths.h"
#include "util/result.h"

namespace ta::ops {

inline constexpr size_t kMaxQuestionBytes = 64u << 10;
inline constexpr size_t kMaxQuestionOptions = 20;

struct HumanQuestion {
  std::string request_id;  // hq_ + 12 hex
  std::uint64_t seq = 0;
};

// Records `agent`'s question. Errors (exit 2): an agent the team does not
// have, an empty or oversized question, too many options, bad UTF-8.
Result<HumanQuestion> ask_human(const config::Paths& paths, const std::string& agent,
                                const std::string& question,
                                const std::vector<std::string>& options);

struct HumanAnswer {
  std::string request_id, agent_id, message_id;
  std::uint64_t message_seq = 0;
  bool duplicate = false;  // this same answer was already recorded
};

// Answers the open question `request_id` with `text`: sends it to the agent
// that asked (message id derived from the request, so a retry sends it
// once) and records human.answered. Errors (exit 2): no such question, one
// already answered otherwise, a text send refuses.
Result<HumanAnswer> answer_human(const config::Paths& paths, const std::string& request_id,
                                 const std::string& text);

}  // namespace ta::ops
