#include "actors/scheduler.h"

#include <algorithm>
#include <chrono>

#include <caf/actor_cast.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <spdlog/spdlog.h>

#include "events/types.h"
#include "store/projector.h"
#include "util/clock.h"

namespace ta::actors {

namespace {

using Self = scheduler_actor::stateful_pointer<SchedulerState>;

// Failed appends of schedule.fired are retried after this long.
constexpr auto kRetryDelay = std::chrono::seconds(1);

void arm(Self self, PendingTimer timer) {
  auto due = parse_rfc3339(timer.due_at);
  if (!due) {
    spdlog::warn("scheduler: timer {} has an unreadable due_at '{}'", timer.schedule_id,
                 timer.due_at);
    return;
  }
  auto delay = std::max<std::int64_t>(0, *due - now_micros());
  auto id = timer.schedule_id;
  self->state.pending[id] = std::move(timer);
  // Delayed messages cannot be taken back: fire checks the timer is still pending.
  self->delayed_send(self, std::chrono::microseconds(delay), fire_atom::value, id);
}

void append_one(Self self, events::Draft draft) {
  self->request(self->state.writer, caf::infinite, append_atom::value,
                std::vector<events::Draft>{std::move(draft)})
    .then([](const std::vector<std::uint64_t>&) {},
          [](const caf::error& e) { spdlog::warn("scheduler: append failed: {}", to_string(e)); });
}

void fire(Self self, const std::string& id) {
  auto it = self->state.pending.find(id);
  if (it == self->state.pending.end() || self->state.firing.count(id)) return;
  auto due = parse_rfc3339(it->second.due_at);
  if (due && *due > now_micros()) {  // armed early, e.g. the clock moved back
    arm(self, it->second);
    return;
  }
  auto timer = it->second;
  self->state.firing.insert(id);
  events::ScheduleFired fired;
  fired.schedule_id = id;
  // The key makes a retried or repeated firing append nothing new.
  self
    ->request(self->state.writer, caf::infinite, append_atom::value,
              std::vector<events::Draft>{events::to_draft(fired, "schedule.fired:" + id)})
    .then(
      [self, timer](const std::vector<std::uint64_t>&) {
        self->state.firing.erase(timer.schedule_id);
        self->state.pending.erase(timer.schedule_id);
        self->send(self->state.owner, fired_atom::value, timer.schedule_id, timer.kind,
                   timer.owner, timer.payload);
      },
      [self, id](const caf::error& e) {
        spdlog::warn("scheduler: firing {} failed, retrying: {}", id, to_string(e));
        self->state.firing.erase(id);
        self->delayed_send(self, kRetryDelay, fire_atom::value, id);
      });
}

void on_event(Self self, const events::Event& e) {
  if (e.type == events::ScheduleCreated::kType) {
    auto created = events::decode<events::ScheduleCreated>(e);
    if (!created) {
      spdlog::warn("scheduler: {}", created.error().message);
      return;
    }
    arm(self, PendingTimer{created->schedule_id, created->kind, created->owner,
                           created->due_at, created->payload.dump()});
  } else if (e.type == events::ScheduleFired::kType) {
    if (auto f = events::decode<events::ScheduleFired>(e); f && !self->state.firing.count(f->schedule_id))
      self->state.pending.erase(f->schedule_id);
  } else if (e.type == events::ScheduleCancelled::kType) {
    if (auto c = events::decode<events::ScheduleCancelled>(e))
      self->state.pending.erase(c->schedule_id);
  }
}

}  // namespace

Result<std::vector<PendingTimer>> load_pending_timers(const config::Paths& paths) {
  auto view = store::open_state_view(paths);
  if (!view) return view.error();
  auto stmt = view->db().prepare(
    "SELECT schedule_id, kind, owner, due_at, payload FROM scheduled WHERE state = 'pending' "
    "ORDER BY due_at");
  if (!stmt) return stmt.error();
  std::vector<PendingTimer> out;
  for (;;) {
    auto row = stmt->step();
    if (!row) return row.error();
    if (!*row) break;
    out.push_back(PendingTimer{stmt->column_text(0), stmt->column_text(1), stmt->column_text(2),
                               stmt->column_text(3), stmt->column_text(4)});
  }
  return out;
}

scheduler_actor::behavior_type scheduler(Self self, store_writer_actor writer,
                                         timer_owner_actor owner,
                                         std::vector<PendingTimer> pending) {
  self->state.writer = std::move(writer);
  self->state.owner = std::move(owner);
  self->send(self->state.writer, subscribe_atom::value,
             caf::actor_cast<event_subscriber_actor>(self));
  for (auto& timer : pending) arm(self, std::move(timer));
  return {
    [self](schedule_atom, const std::string& id, const std::string& kind,
           const std::string& owner, const std::string& due_at,
           const std::string& payload) -> caf::result<std::uint64_t> {
      if (!parse_rfc3339(due_at))
        return caf::make_error(caf::sec::invalid_argument, "due_at is not RFC 3339: " + due_at);
      events::ScheduleCreated created;
      created.schedule_id = id;
      created.kind = kind;
      created.owner = owner;
      created.due_at = due_at;
      created.payload = events::Json::parse(payload, nullptr, false);
      if (created.payload.is_discarded())
        return caf::make_error(caf::sec::invalid_argument, "payload is not JSON");
      auto promise = self->make_response_promise<std::uint64_t>();
      // Arming happens when the event comes back on the bus.
      self
        ->request(self->state.writer, caf::infinite, append_atom::value,
                  std::vector<events::Draft>{
                    events::to_draft(created, "schedule.created:" + id)})
        .then([promise](const std::vector<std::uint64_t>& seqs) mutable {
                promise.deliver(seqs.at(0));
              },
              [promise](caf::error& e) mutable { promise.deliver(std::move(e)); });
      return promise;
    },
    [self](cancel_atom, const std::string& id, const std::string& reason) {
      if (!self->state.pending.count(id)) return;
      events::ScheduleCancelled cancelled;
      cancelled.schedule_id = id;
      cancelled.reason = reason;
      append_one(self, events::to_draft(cancelled, "schedule.cancelled:" + id));
    },
    [self](fire_atom, const std::string& id) { fire(self, id); },
    [self](event_atom, const std::vector<events::Event>& batch) {
      for (auto& e : batch) on_event(self, e);
    },
    [self](stop_atom) { self->quit(); },
  };
}

}  // namespace ta::actors
