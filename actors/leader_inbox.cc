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
  UniqueFd fd(::open(inbox_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600));
  if (!fd.valid() || !write_all(fd.get(), entry)) {
    spdlog::error("cannot append to {}: {}", inbox_path, errno_text(errno));
    failed.fallback_path.clear();
  }
  return events::to_draft(failed);
}

}  // namespace ta::actors
