#include "actors/pane_failures.h"

#include "actors/leader_inbox.h"
#include "events/types.h"

namespace ta::actors {

std::vector<events::Draft> failed_messages(const std::vector<Delivery>& messages,
                                           const std::string& reason, const LeaderWatch* leader) {
  std::vector<events::Draft> drafts;
  for (const auto& m : messages) drafts.push_back(failed_without_inject(m, reason, "gate"));
  if (leader)
    for (const auto& m : messages)
      drafts.push_back(leader_inbox_fallback(leader->inbox_path, leader->session, m, reason));
  return drafts;
}

std::vector<events::Draft> cancelled_timers(const std::vector<std::string>& schedule_ids,
                                            const std::string& reason) {
  std::vector<events::Draft> drafts;
  for (const auto& id : schedule_ids)
    drafts.push_back(events::to_draft(events::ScheduleCancelled{id, reason}));
  return drafts;
}

}  // namespace ta::actors
