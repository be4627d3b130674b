#include "supervisor/run_log.h"

#include <unistd.h>

#include <deque>
#include <utility>

#include <caf/send.hpp>
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
  std::uint64_t drains = 0;  // drain requests numbered in arrival order
  std::deque<std::pair<std::uint64_t, caf::typed_response_promise<bool>>> draining;
  static inline const char* name = "live_log";
};

using live_log_ptr = actors::live_log_actor::stateful_pointer<LiveLogState>;

// The printing thread runs its jobs in order: when it reaches this one,
// every line posted before is written.
caf::result<bool> drain(live_log_ptr self) {
  auto& st = self->state;
  auto rp = self->make_response_promise<bool>();
  const auto n = ++st.drains;
  st.draining.emplace_back(n, rp);
  caf::weak_actor_ptr weak{self->ctrl()};
  st.out->post([weak, n] {
    if (auto strong = weak.lock())
      caf::anon_send(caf::actor_cast<actors::live_log_actor>(strong), actors::drained_atom::value, n);
  });
  return rp;
}

void drained(live_log_ptr self, std::uint64_t n) {
  auto& draining = self->state.draining;
  while (!draining.empty() && draining.front().first <= n) {
    draining.front().second.deliver(true);
    draining.pop_front();
  }
}

actors::live_log_actor::behavior_type live_log(live_log_ptr self, bool colour) {
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
    [self](actors::drain_atom) { return drain(self); },
    [self](actors::drained_atom, std::uint64_t n) { drained(self, n); },
  };
}

}  // namespace

actors::live_log_actor spawn_live_log(caf::actor_system& sys, bool colour) {
  return sys.spawn(live_log, colour);
}

}  // namespace ta::supervisor
