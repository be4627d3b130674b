#pragma once
// What the real-CLI trust tests share: a team whose one worker is a real
// CLI (the leader a quiet fake agent), a message queued for that worker
// before `run` (trust prompts are handled only in front of a waiting
// message), and the checks on what the supervisor did about the prompt.
#include <chrono>
#include <string>

#include "events/event.h"
#include "tests/real/real_start.h"

namespace ta::test {

// The worker every trust test queues its message for.
inline constexpr const char* kWorker = "w1";

// A spec with a fake leader and worker kWorker running `provider`; its
// "runtime" object is left out when `runtime` is null.
nlohmann::json worker_spec(const std::string& provider, const nlohmann::json& runtime = nullptr);

// Queues one message for kWorker (run is not started yet); its id.
std::string queue_for_worker(RealTeam& team);

// Awaits `type` for kWorker in run's live log and returns that event as
// the log recorded it; fails the test (with every trust event, run's output
// and the pane) when it does not come in time.
events::Event await_trust_event(RealTeam& team, RunningTeam& run, const std::string& type,
                                std::chrono::seconds timeout = std::chrono::seconds(90));

// How many events of `type` the log holds for kWorker.
std::size_t worker_events(RealTeam& team, const std::string& type);

// Watches kWorker for a short while: its process does not exit and its pane
// stays alive; returns what the supervisor reads on its screen afterwards
// (inspect --json), the screen itself in `screen`.
nlohmann::json check_still_running(RealTeam& team, RunningTeam& run, const std::string& provider,
                                   std::string& screen);

}  // namespace ta::test
