#include "actors/leader_inbox.h"

#include <fcntl.h>
#include <unistd.h>

#include <spdlog/spdlog.h>

#include "events/types.h"
#include "terminal/message_text.h"
#include "util/clock.h"
#include "util/fs.h"

namespace ta::actors {

events::Draft leader_inbox_fallback(const std::string& inbox_path,
                                    const std::string& leader_session, const Delivery& message,
                                    const std::string& reason) {
  std::string entry = "--- " + now_rfc3339() + " " + message.message_id + " from " +
                      message.from + " (not typed into the leader pane: " + reason + ")\n" +
                      terminal::render_message(message.from, message.task_id, message.content,
                                               message.message_id) +
                      "\n\n";
  events::LeaderReceiverDeliveryFailed failed{message.message_id, message.result_id,
                                              leader_session, reason, inbox_path};
  // One write with O_APPEND keeps entries whole when several processes append.
  // Never through a link or into a FIFO planted in .team/: the entry would
  // land outside the workspace, or the actor would block.
  auto fd = open_regular_no_follow(inbox_path, O_WRONLY | O_CREAT | O_APPEND);
  if (!fd) {
    spdlog::error("cannot append to the leader inbox: {}", fd.error().message);
    failed.fallback_path.clear();
  } else if (auto st = write_all(fd->get(), entry); !st) {
    spdlog::error("cannot append to {}: {}", inbox_path, st.error().message);
    failed.fallback_path.clear();
  }
  return events::to_draft(failed);
}

}  // namespace ta::actors
