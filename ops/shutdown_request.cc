#include "ops/shutdown_request.h"

#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>

#include "config/supervisor_lock.h"
#include "config/team_spec.h"
#include "events/reader.h"
#include "events/types.h"
#include "ops/team.h"
#include "util/fs.h"

namespace ta::ops {

namespace {

using Clock = std::chrono::steady_clock;

// Appends one request and returns its seq.
Result<std::uint64_t> append_request(const config::Paths& paths, bool kill_panes) {
  auto spec = config::load_team_spec(paths.team_json);
  if (!spec) return spec.error();
  auto log = open_team_log(paths, spec->team);
  if (!log) return log.error();
  events::SupervisorShutdownRequested request{config::new_run_id(), kill_panes,
                                              static_cast<std::int64_t>(::getpid())};
  auto appended = (*log)->append(events::to_draft(request));
  if (!appended) return appended.error();
  return appended->seq;
}

enum class Seen { nothing, stopping, started_after };

// Reads what the log gained since the last call, looking for the run
// `run_id` (any run when it is not known) stopping or starting.
Seen read_on(events::LogReader& reader, const std::string& run_id) {
  Seen seen = Seen::nothing;
  events::Event e;
  for (auto r = reader.next(e); r != events::LogReader::Next::end; r = reader.next(e)) {
    if (r == events::LogReader::Next::corrupt) {
      reader.skip_corrupt();  // not ours to judge here; `replay` reports it
      continue;
    }
    if (!e.data.is_object() || (!run_id.empty() && e.data.value("run_id", "") != run_id))
      continue;
    if (e.type == events::SupervisorStopping::kType || e.type == events::SupervisorStopped::kType)
      return Seen::stopping;
    if (e.type == events::SupervisorStarted::kType) seen = Seen::started_after;
  }
  return seen;
}

// Sleeps until the log may have grown, at most `limit`.
void await_log_change(const UniqueFd& watch, std::chrono::milliseconds limit) {
  pollfd p{watch.get(), POLLIN, 0};
  if (::poll(&p, watch.valid() ? 1 : 0, static_cast<int>(limit.count())) <= 0) return;
  char buf[4096];
  while (::read(watch.get(), buf, sizeof buf) > 0) {
  }
}

}  // namespace

Result<StopAnswer> ask_supervisor_to_stop(const config::Paths& paths, const StopAsk& ask) {
  auto seq = append_request(paths, ask.kill_panes);
  if (!seq) return seq.error();
  // Armed before the first read, so an append between reading and sleeping still wakes us.
  UniqueFd watch(::inotify_init1(IN_CLOEXEC | IN_NONBLOCK));
  if (watch.valid())
    ::inotify_add_watch(watch.get(), paths.events_dir.c_str(),
                        IN_MODIFY | IN_CREATE | IN_MOVED_TO | IN_CLOSE_WRITE);
  events::LogReader reader(paths.events_dir);
  if (auto s = reader.seek_after(*seq); !s) return s.error();
  auto deadline = Clock::now() + ask.grace;
  for (;;) {
    auto seen = read_on(reader, ask.run_id);
    if (seen == Seen::stopping) return StopAnswer::begun;
    if (seen == Seen::started_after) {
      // It was still starting: the request came before its start, which it
      // does not honour. Ask again, now that it runs.
      if (auto again = append_request(paths, ask.kill_panes); !again) return again.error();
      deadline = Clock::now() + ask.grace;
      continue;
    }
    if (!config::supervisor_running(paths)) return StopAnswer::gone;
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) return StopAnswer::no_answer;
    // The lock is looked at between reads too: a supervisor that dies
    // appends nothing.
    await_log_change(watch, std::min(left, std::chrono::milliseconds(100)));
  }
}

}  // namespace ta::ops
