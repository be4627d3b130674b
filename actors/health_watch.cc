#include "actors/health_watch.h"

#include <algorithm>

#include <caf/actor_cast.hpp>
#include <caf/send.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <spdlog/spdlog.h>

#include "util/processes.h"

namespace ta::actors {

namespace {

using self_ptr = health_watch_actor::stateful_pointer<HealthWatchState>;
using Clock = std::chrono::steady_clock;

double now_s() {
  return std::chrono::duration<double>(Clock::now().time_since_epoch()).count();
}

std::chrono::milliseconds tick_of(const HealthWatchConfig& cfg) {
  if (cfg.tick.count() > 0) return cfg.tick;
  double quarter = std::min(cfg.timings.idle_debounce_s, cfg.timings.stuck_after_s) / 4;
  auto ms = static_cast<long long>(quarter * 1000);
  return std::chrono::milliseconds(std::clamp<long long>(ms, 250, 5000));
}

sessions::Liveness liveness_now(const sessions::ProcessIdentity& recorded) {
  if (recorded.pid <= 0) return sessions::Liveness::unverifiable;
  auto ticks = process_start_ticks(static_cast<pid_t>(recorded.pid));
  if (ticks == 0) return sessions::Liveness::dead;
  sessions::ProcessIdentity current{recorded.pid, static_cast<long long>(ticks)};
  return sessions::liveness_of(recorded, &current);
}

void append(self_ptr self, std::vector<events::Draft> drafts) {
  if (drafts.empty()) return;
  self->request(self->state.writer, caf::infinite, append_atom::value, std::move(drafts))
    .then([](const std::vector<std::uint64_t>&) {},
          [self](const caf::error& e) {
            spdlog::error("health_watch: cannot record the team's health: {}",
                          self->system().render(e));
          });
}

void look(self_ptr self) {
  auto& st = self->state;
  if (st.stopping) return;
  self->delayed_send(self, st.tick, tick_atom::value);
  if (st.reading) return;  // the last look is still running: skip this one
  st.reading = true;
  caf::weak_actor_ptr weak{self->ctrl()};
  st.io->post([weak, readers = st.readers, box = st.box, probes = st.book->probes(),
               changes = st.cfg.changes] {
    std::vector<HealthReading> readings;
    try {
      readings = read_probes(*readers, probes, changes.get());
    } catch (const std::exception& e) {
      spdlog::error("health_watch: reading the agents' sessions failed: {}", e.what());
    }
    {
      std::lock_guard<std::mutex> lock(box->mu);
      box->readings = std::move(readings);
    }
    if (auto strong = weak.lock())
      caf::anon_send(caf::actor_cast<health_watch_actor>(strong), observed_atom::value);
  });
}

void take_readings(self_ptr self) {
  auto& st = self->state;
  st.reading = false;
  std::vector<HealthReading> readings;
  {
    std::lock_guard<std::mutex> lock(st.box->mu);
    readings.swap(st.box->readings);
  }
  if (st.stopping) return;
  append(self, st.book->observe(readings, now_s()));
}

}  // namespace

std::vector<HealthReading> read_probes(HealthReaders& readers, const std::vector<HealthProbe>& probes,
                                       const terminal::PaneChanges* changes) {
  std::vector<HealthReading> out;
  for (const auto& p : probes) {
    HealthReading r;
    r.agent_id = p.agent_id;
    if (changes && !p.pane_id.empty()) r.output_version = changes->version(p.pane_id);
    if (!p.session_path.empty()) {
      auto& w = readers.by_agent[p.agent_id];
      if (!w.reader || w.reader->path() != p.session_path)
      {
        w = AgentFileWatch{};
        w.reader = std::make_unique<sessions::TailReader>(p.session_path);
      }
      r.file_changed = w.reader->refresh();
      const auto liveness = liveness_now(p.process);
      if (r.file_changed || liveness != w.liveness || !w.classified) {
        w.verdict = sessions::classify_turn(p.format, w.reader->tail(), liveness);
        w.liveness = liveness;
        w.classified = true;
      }
      if (r.file_changed) r.faults = sessions::read_fault_facts(p.format, w.reader->tail()).facts;
      r.file_read = !w.reader->tail().empty();
      r.verdict = w.verdict;
    }
    out.push_back(std::move(r));
  }
  return out;
}

health_watch_actor::behavior_type health_watch(self_ptr self, store_writer_actor writer,
                                               HealthWatchConfig cfg) {
  auto& st = self->state;
  st.tick = tick_of(cfg);
  st.book = std::make_unique<HealthBook>(cfg.timings, cfg.run_id, cfg.members);
  const double now = now_s();
  for (const auto& [agent, id] : cfg.owed) st.book->owe(agent, id, now);
  st.cfg = std::move(cfg);
  st.writer = std::move(writer);
  st.io = std::make_unique<BlockingWorker>("health watch");
  self->send(st.writer, subscribe_atom::value, caf::actor_cast<event_subscriber_actor>(self));
  self->delayed_send(self, st.tick, tick_atom::value);
  return {
    [self](event_atom, const std::vector<events::Event>& batch) {
      const double t = now_s();
      for (const auto& e : batch) self->state.book->on_event(e, t);
    },
    [self](stop_atom) {
      self->state.stopping = true;
      self->state.io->stop();
      self->quit();
    },
    [self](tick_atom) { look(self); },
    [self](observed_atom) { take_readings(self); },
  };
}

}  // namespace ta::actors
