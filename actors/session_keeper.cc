#include "actors/session_keeper.h"

#include <set>

#include <caf/actor_cast.hpp>
#include <caf/send.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <spdlog/spdlog.h>

#include "config/team_spec.h"
#include "events/types.h"
#include "util/clock.h"

namespace ta::actors {

namespace {

using self_ptr = session_keeper_actor::stateful_pointer<SessionKeeperState>;
using Clock = std::chrono::steady_clock;

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now().time_since_epoch())
    .count();
}

void append(self_ptr self, std::vector<events::Draft> drafts) {
  if (drafts.empty()) return;
  self->request(self->state.writer, caf::infinite, append_atom::value, std::move(drafts))
    .then([](const std::vector<std::uint64_t>&) {},
          [self](const caf::error& e) {
            spdlog::error("session_keeper: cannot record sessions: {}", self->system().render(e));
          });
}

// Runs a round on the I/O thread; the actor is told when its outcomes are
// in the box. A failure is an outcome too, so no try stays in flight.
void post(self_ptr self, std::vector<CaptureItem> items, bool final, Clock::time_point deadline) {
  caf::weak_actor_ptr weak{self->ctrl()};
  self->state.io->post([weak, capturers = self->state.capturers, box = self->state.box,
                        items = std::move(items), final, deadline] {
    std::vector<CaptureOutcome> outs;
    try {
      outs = run_round(*capturers, items, deadline);
    } catch (const std::exception& e) {
      spdlog::error("session_keeper: looking for sessions failed: {}", e.what());
      for (const auto& item : items) outs.push_back({item.agent_id, item.generation, {}});
      for (auto& o : outs) o.result.reason = "capture_failed";
    }
    {
      std::lock_guard<std::mutex> lock(box->mu);
      auto& into = final ? box->final_outcomes : box->outcomes;
      into.insert(into.end(), outs.begin(), outs.end());
      if (final) box->final_done = true;
    }
    if (auto strong = weak.lock())
      caf::anon_send(caf::actor_cast<session_keeper_actor>(strong), captured_atom::value);
  });
}

void try_now(self_ptr self, const std::string& agent) {
  if (self->state.stopping) return;
  auto plan = self->state.book.round_for(agent);
  if (plan.items.empty()) {
    if (plan.again_in_ms)
      self->delayed_send(self, std::chrono::milliseconds(*plan.again_in_ms), capture_atom::value,
                         agent);
    return;
  }
  post(self, std::move(plan.items), false, Clock::time_point::max());
}

void on_events(self_ptr self, const std::vector<events::Event>& batch) {
  auto& book = self->state.book;
  std::vector<std::string> due;
  for (const auto& e : batch) {
    if (e.type == events::SessionLaunched::kType) {
      auto l = events::decode<events::SessionLaunched>(e);
      if (!l || l->agent_id.empty()) continue;
      book.launched(*l, e.seq, parse_rfc3339(e.ts).value_or(now_micros()), now_ms());
      due.push_back(l->agent_id);
    } else if (e.type == events::SendSubmitted::kType) {
      auto to = e.data.value("to", "");
      if (book.submitted(to, now_ms())) due.push_back(to);
    } else if (e.type == events::LeaderReceiverSubmitted::kType) {
      const std::string leader(config::kLeaderId);
      if (book.submitted(leader, now_ms())) due.push_back(leader);
    } else if (e.type == events::SessionCaptured::kType) {
      book.captured_on_bus(e.data.value("agent_id", ""), e.data.value("session_id", ""), e.seq);
    } else if (e.type == events::SessionDiscarded::kType) {
      book.discarded_on_bus(e.data.value("agent_id", ""));
    }
  }
  // After the whole batch: the launches of one start arrive together, and
  // a Codex agent's scan must know its peers.
  std::set<std::string> tried;
  for (const auto& agent : due)
    if (tried.insert(agent).second) try_now(self, agent);
}

void finish(self_ptr self, std::vector<events::Draft> drafts) {
  if (drafts.empty()) return self->quit();
  self->request(self->state.writer, self->state.cfg.stop_bound, append_atom::value,
                std::move(drafts))
    .then([self](const std::vector<std::uint64_t>&) { self->quit(); },
          [self](const caf::error& e) {
            spdlog::error("session_keeper: cannot record sessions at stop: {}",
                          self->system().render(e));
            self->quit();
          });
}

void take_outcomes(self_ptr self) {
  auto& st = self->state;
  std::vector<CaptureOutcome> outcomes, finals;
  bool final_done = false;
  {
    std::lock_guard<std::mutex> lock(st.box->mu);
    outcomes.swap(st.box->outcomes);
    finals.swap(st.box->final_outcomes);
    final_done = st.box->final_done;
  }
  std::vector<events::Draft> drafts;
  for (const auto& o : outcomes) {
    auto step = st.book.outcome(o, now_ms());
    drafts.insert(drafts.end(), step.drafts.begin(), step.drafts.end());
    if (step.retry_in_ms && !st.stopping)
      self->delayed_send(self, std::chrono::milliseconds(*step.retry_in_ms), capture_atom::value,
                         o.agent_id);
  }
  append(self, std::move(drafts));
  if (!final_done) return;
  std::vector<events::Draft> last;
  for (const auto& o : finals) {
    auto step = st.book.outcome(o, now_ms(), true);
    last.insert(last.end(), step.drafts.begin(), step.drafts.end());
  }
  finish(self, std::move(last));
}

// The supervisor stops: one last look for every session not captured yet,
// bounded, so that the stop records each agent's session.
void on_stop(self_ptr self) {
  auto& st = self->state;
  if (st.stopping) return;
  st.stopping = true;
  auto items = st.book.final_round();
  if (items.empty()) return self->quit();
  post(self, std::move(items), true, Clock::now() + st.cfg.stop_bound);
  self->delayed_send(self, st.cfg.stop_bound + std::chrono::milliseconds(500),
                     deadline_atom::value);
}

}  // namespace

session_keeper_actor::behavior_type session_keeper(self_ptr self, store_writer_actor writer,
                                                   SessionKeeperConfig cfg) {
  auto& st = self->state;
  st.cfg = cfg;
  st.book = SessionBook(cfg.timings);
  st.writer = std::move(writer);
  st.io = std::make_unique<BlockingWorker>("session keeper");
  self->send(st.writer, subscribe_atom::value, caf::actor_cast<event_subscriber_actor>(self));
  return {
    [self](event_atom, const std::vector<events::Event>& batch) { on_events(self, batch); },
    [self](stop_atom) { on_stop(self); },
    [self](capture_atom, const std::string& agent) { try_now(self, agent); },
    [self](captured_atom) { take_outcomes(self); },
    [self](deadline_atom) {
      spdlog::warn("session_keeper: the last look for sessions ran out of time");
      self->quit();
    },
  };
}

}  // namespace ta::actors
