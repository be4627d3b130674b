#include "supervisor/run_log.h"

#include <unistd.h>

#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "actors/blocking_worker.h"
#include "ops/event_line.h"
#include "events/types.h"
#include "store/status_report.h"
#include "util/fs.h"

namespace ta::supervisor {

namespace {

// For an agent whose program exited while starting for a recognised cause,
// one sentence saying what to do, under the event's own line.
std::string advice_line(const events::Event& e) {
  if (e.type != events::PaneExited::kType) return "";
  auto cause = e.data.value("cause", "");
  if (cause.empty()) return "";
  return "  " + e.data.value("agent_id", "?") + ": " +
         store::exit_sentence(cause, e.data.value("advice", "")) + "\n";
}

struct LiveLogState {
  std::unique_ptr<actors::BlockingWorker> out;
  bool colour = false;
  static inline const char* name = "live_log";
};

actors::event_subscriber_actor::behavior_type live_log(
  actors::event_subscriber_actor::stateful_pointer<LiveLogState> self, bool colour) {
  self->state.colour = colour;
  self->state.out = std::make_unique<actors::BlockingWorker>("live log");
  return {
    [self](actors::event_atom, const std::vector<events::Event>& batch) {
      std::string text;
      for (auto& e : batch) {
        text += ops::format_short(e, self->state.colour) + "\n";
        text += advice_line(e);
      }
      self->state.out->post([text = std::move(text)] {
        // A closed stdout must not stop the supervisor: the log is the record.
        (void)write_all(STDOUT_FILENO, text);
      });
    },
  };
}

}  // namespace

actors::event_subscriber_actor spawn_live_log(caf::actor_system& sys, bool colour) {
  return sys.spawn(live_log, colour);
}

}  // namespace ta::supervisor
