#include "ops/send_wait.h"

#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <climits>
#include <cstdint>
#include <map>
#include <set>

#include "events/reader.h"
#include "events/types.h"
#include "ops/errors.h"
#include "util/fs.h"

namespace ta::ops {

namespace {

// What a deferral event says of the recipient; null for any other event.
const char* deferral_of(const std::string& type) {
  if (type == events::SendDeferredBusy::kType) return "is working";
  if (type == events::SendDeferredStarting::kType) return "is still starting";
  return nullptr;
}

}  // namespace

void wait_for_outcomes(const std::string& events_dir, std::vector<SendOutcome>& outcomes,
                       double timeout_s, const DeferralSink& on_deferred) {
  std::set<std::string> told;
  UniqueFd watch(::inotify_init1(IN_CLOEXEC | IN_NONBLOCK));
  // Armed before the first read, so an append between reading and sleeping still wakes us.
  if (watch.valid())
    ::inotify_add_watch(watch.get(), events_dir.c_str(),
                        IN_MODIFY | IN_CREATE | IN_MOVED_TO | IN_CLOSE_WRITE);
  std::map<std::string, SendOutcome*> pending;
  std::uint64_t first_seq = UINT64_MAX;
  for (auto& oc : outcomes) {
    pending[oc.message_id] = &oc;
    first_seq = std::min(first_seq, oc.seq);
  }
  events::LogReader reader(events_dir);
  reader.seek_after(first_seq - 1);
  const auto deadline = std::chrono::steady_clock::now() +
                        std::chrono::microseconds(static_cast<long long>(timeout_s * 1e6));
  for (;;) {
    events::Event e;
    for (auto r = reader.next(e); r != events::LogReader::Next::end; r = reader.next(e)) {
      if (r == events::LogReader::Next::corrupt) {
        reader.skip_corrupt();  // not ours to judge here; `replay` reports it
        continue;
      }
      auto it = pending.find(e.data.value("message_id", std::string()));
      if (it == pending.end()) continue;
      if (const char* why = deferral_of(e.type)) {
        if (on_deferred && told.insert(it->first).second) on_deferred({it->second, why});
        continue;
      }
      if (e.type != events::SendSubmitted::kType && e.type != events::SendFailed::kType) continue;
      it->second->state = e.type == events::SendSubmitted::kType ? "submitted" : "failed";
      it->second->reason = e.data.value("reason", std::string());
      if (auto stage = e.data.value("stage", std::string()); !stage.empty())
        it->second->reason += " (at " + stage + ")";
      pending.erase(it);
    }
    if (pending.empty()) return;
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) break;
    // Without inotify (watch limit reached) re-read four times a second instead.
    pollfd pfd{watch.get(), POLLIN, 0};
    int wait_ms = watch.valid() ? static_cast<int>(std::min<long long>(left.count(), INT32_MAX))
                                : static_cast<int>(std::min<long long>(left.count(), 250));
    if (::poll(&pfd, watch.valid() ? 1 : 0, wait_ms) > 0) {
      char buf[4096];
      while (::read(watch.get(), buf, sizeof buf) > 0) {
      }
    }
  }
  for (auto& [id, oc] : pending) oc->state = "timeout";
}

Status check_wait_timeout(double timeout_s) {
  if (!(timeout_s > 0) || timeout_s > 86400)
    return usage_error("--timeout must be a number of seconds above 0 (and at most 86400); "
                       "use --no-wait to skip waiting");
  return ok_status();
}

}  // namespace ta::ops
