#include "ops/agent_request.h"

#include <sys/timerfd.h>
#include <unistd.h>

#include "events/reader.h"
#include "ops/errors.h"
#include "ops/log_watcher.h"
#include "ops/shutdown.h"
#include "ops/status.h"
#include "util/fs.h"
#include "util/ids.h"

namespace ta::ops {

namespace {

// A descriptor that becomes readable once `bound` has passed: the log
// watcher's stop_fd, so the wait ends on time without a polling loop.
Result<UniqueFd> deadline_fd(std::chrono::milliseconds bound) {
  UniqueFd fd(::timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK));
  if (!fd.valid()) return make_error("cannot create a timer for the wait");
  itimerspec spec{};
  spec.it_value.tv_sec = bound.count() / 1000;
  spec.it_value.tv_nsec = (bound.count() % 1000) * 1000000 + 1;
  if (::timerfd_settime(fd.get(), 0, &spec, nullptr) != 0)
    return make_error("cannot arm a timer for the wait");
  return fd;
}

enum class Seen { nothing, answered, supervisor_started, supervisor_stopped };

Seen look_at(const events::Event& e, const std::string& request_id,
             events::AgentRequestCompleted& out) {
  if (e.type == events::SupervisorStopped::kType) return Seen::supervisor_stopped;
  if (e.type == events::SupervisorStarted::kType) return Seen::supervisor_started;
  if (e.type != events::AgentRequestCompleted::kType ||
      e.data.value("request_id", "") != request_id)
    return Seen::nothing;
  auto done = events::decode<events::AgentRequestCompleted>(e);
  if (!done) return Seen::nothing;
  out = *done;
  return Seen::answered;
}

}  // namespace

std::string new_request_id() { return "req_" + random_hex12(); }

Result<events::AgentRequestCompleted> request_agent_change(const config::Paths& paths,
                                                           events::Draft request,
                                                           const std::string& request_id,
                                                           const AgentRequestOptions& options) {
  if (!live_supervisor(paths).running)
    return make_error("no supervisor is running for this workspace, so nothing was asked; start "
                      "the team with 'team-agent run' and try again",
                      kExitNoSupervisor);
  auto deadline = deadline_fd(options.bound);
  if (!deadline) return deadline.error();
  const int timer = deadline->get();
  auto expired = [timer] {
    std::uint64_t ticks = 0;
    return ::read(timer, &ticks, sizeof ticks) == sizeof ticks;
  };
  bool timed_out = false;
  auto watcher = LogWatcher::create(
    paths, {[&] { return timed_out || (timed_out = expired()); }, timer, -1});
  if (!watcher) return watcher.error();
  auto last = events::read_last_seq(paths.events_dir);
  auto record = append_to_log(paths);
  if (auto st = record({request}); !st) return st.error();
  bool asked_again = false;
  events::LogReader reader(paths.events_dir);
  if (auto st = reader.seek_after(last ? *last : 0); !st) return st.error();
  events::AgentRequestCompleted out;
  for (;;) {
    events::Event e;
    auto next = reader.next(e);
    if (next == events::LogReader::Next::corrupt) {
      reader.skip_corrupt();
      continue;
    }
    if (next == events::LogReader::Next::event) {
      auto seen = look_at(e, request_id, out);
      if (seen == Seen::answered) return out;
      // The supervisor was still starting: it honours only requests made
      // after its supervisor.started, so ask once more.
      if (seen == Seen::supervisor_started && !asked_again) {
        asked_again = true;
        if (auto st = record({request}); !st) return st.error();
      }
      if (seen == Seen::supervisor_stopped)
        return make_error("the supervisor stopped before it answered request " + request_id,
                          kExitFailed);
      continue;
    }
    auto wake = (*watcher)->wait();
    if (wake == LogWatcher::Wake::interrupted)
      return make_error("the supervisor did not answer request " + request_id + " within " +
                          std::to_string(options.bound.count() / 1000) +
                          " s; see 'team-agent events --type agent.*'",
                        kExitFailed);
    if (wake == LogWatcher::Wake::failed)
      return make_error("cannot watch the event log: " + (*watcher)->error());
  }
}

}  // namespace ta::ops
