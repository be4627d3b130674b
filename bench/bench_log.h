#pragma once
// Reading a benchmark workspace's event log: every event so far, waiting
// for a condition on it (set-up, never what is measured), ready panes, and
// the latencies of the leader's messages by the log's own timestamps.
#include <chrono>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "bench/bench_workspace.h"
#include "events/reader.h"
#include "util/clock.h"

namespace ta::bench {

// Every event of the workspace's log so far.
inline std::vector<events::Event> log_of(const std::string& ws) {
  std::vector<events::Event> out;
  events::LogReader reader(ws + "/.team/events");
  events::Event e;
  for (auto n = reader.next(e); n != events::LogReader::Next::end; n = reader.next(e)) {
    if (n == events::LogReader::Next::corrupt) reader.skip_corrupt();
    else out.push_back(e);
  }
  return out;
}

// Polls the log (set-up, not what is measured) until `done` says so.
template <class Done>
inline void await_log(const std::string& ws, int timeout_s, const std::string& what, Done done) {
  const auto deadline = Clock::now() + std::chrono::seconds(timeout_s);
  while (!done(log_of(ws))) {
    if (Clock::now() > deadline) die("no " + what + " within " + std::to_string(timeout_s) + " s");
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

inline std::size_t ready_agents(const std::vector<events::Event>& log) {
  std::set<std::string> ready;
  for (const auto& e : log)
    if (e.type == "pane.state_changed" && e.data.value("to", "") == "ready")
      ready.insert(e.data.value("agent_id", ""));
  return ready.size();
}

// Of each message sent from the leader after seq `after`, by the log's
// timestamps: accepted → submitted (queueing included), and the delivery
// itself, deliver_attempt → submitted; how many failed.
struct Latencies {
  std::vector<double> ms;
  std::vector<double> delivery_ms;
  int failed = 0;
  std::size_t outcomes = 0;
};

// `to`: only messages to these agents (all when empty).
inline Latencies latencies(const std::vector<events::Event>& log, std::uint64_t after,
                           const std::set<std::string>& to = {}) {
  Latencies l;
  std::map<std::string, UnixMicros> accepted, attempt;
  for (const auto& e : log) {
    if (e.seq <= after) continue;
    auto ts = parse_rfc3339(e.ts);
    auto id = e.data.value("message_id", "");
    if (!ts || id.empty()) continue;
    if (e.type == "message.accepted" && e.data.value("from", "") == "leader" &&
        (to.empty() || to.count(e.data.value("to", ""))))
      accepted[id] = *ts;
    if (e.type == "send.deliver_attempt") attempt[id] = *ts;
    if ((e.type == "send.submitted" || e.type == "send.failed") && accepted.count(id)) {
      ++l.outcomes;
      if (e.type == "send.failed") {
        ++l.failed;
        continue;
      }
      l.ms.push_back((*ts - accepted[id]) / 1000.0);
      if (attempt.count(id)) l.delivery_ms.push_back((*ts - attempt[id]) / 1000.0);
    }
  }
  return l;
}

inline std::uint64_t last_seq(const std::string& ws) {
  auto log = log_of(ws);
  return log.empty() ? 0 : log.back().seq;
}

// `count` leader messages `prefix N` round robin to workers w1..wN, from 4
// concurrent `team-agent send` processes each waiting for its message's
// outcome before the next (as `send` does).
inline void send_concurrently(const std::string& bin, const std::string& ws, int workers,
                              int count, const std::string& prefix) {
  std::vector<std::thread> senders;
  for (int s = 0; s < 4; ++s)
    senders.emplace_back([&, s] {
      for (int i = s; i < count; i += 4)
        run_cli(bin, {"--workspace", ws, "send", "w" + std::to_string(i % workers + 1),
                      prefix + " " + std::to_string(i), "--from", "leader"},
                ws + "/send.out");
    });
  for (auto& t : senders) t.join();
}

}  // namespace ta::bench
