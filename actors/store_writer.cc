#include "actors/store_writer.h"

#include <poll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <algorithm>
#include <deque>
#include <mutex>
#include <thread>

#include <caf/actor_cast.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <caf/actor_system.hpp>
#include <caf/send.hpp>
#include <caf/sec.hpp>
#include <spdlog/spdlog.h>

#include "events/reader.h"
#include "store/projector.h"
#include "util/fs.h"

namespace ta::actors {

// Owns everything that blocks: the log, the projector (and its lock), the
// reader that follows the log, and the thread they run on. The actor talks
// to it through submit() and hears back through anon_send, so no CAF worker
// thread ever waits on the disk.
class StoreIo {
 public:
  StoreIo(std::unique_ptr<events::EventLog> log, std::unique_ptr<store::Projector> projector,
          std::string events_dir, std::size_t max_batch)
      : log_(std::move(log)),
        projector_(std::move(projector)),
        reader_(events_dir),
        events_dir_(std::move(events_dir)),
        max_batch_(max_batch) {}
  ~StoreIo() { stop(); }
  StoreIo(const StoreIo&) = delete;
  StoreIo& operator=(const StoreIo&) = delete;

  // Positions the follower after `seq` and sets up the wake-up sources.
  Status prepare(std::uint64_t seq) {
    if (auto s = reader_.seek_after(seq); !s) return s;
    inotify_ = UniqueFd(::inotify_init1(IN_NONBLOCK | IN_CLOEXEC));
    wake_ = UniqueFd(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC));
    if (!inotify_.valid() || !wake_.valid())
      return make_error("cannot watch " + events_dir_ + ": out of file descriptors");
    // Appends by other processes show up as modified or new segments.
    if (::inotify_add_watch(inotify_.get(), events_dir_.c_str(),
                            IN_MODIFY | IN_CREATE | IN_MOVED_TO | IN_CLOSE_WRITE) < 0)
      return make_error("cannot watch " + events_dir_ + " with inotify");
    return ok_status();
  }

  store::Database& database() { return projector_->db(); }

  // `owner` is weak so the thread never keeps the actor alive.
  void start(caf::weak_actor_ptr owner) {
    if (thread_.joinable()) return;
    owner_ = std::move(owner);
    thread_ = std::thread([this] { run(); });
  }

  void submit(std::uint64_t id, std::vector<events::Draft> drafts) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      queue_.push_back(Request{id, std::move(drafts)});
    }
    wake();
  }

  // Commits what is queued, then joins the thread. Idempotent.
  void stop() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stopping_ = true;
    }
    wake();
    if (thread_.joinable()) thread_.join();
  }

 private:
  struct Request {
    std::uint64_t id;
    std::vector<events::Draft> drafts;
  };

  void wake() {
    if (!wake_.valid()) return;
    std::uint64_t one = 1;
    [[maybe_unused]] auto n = ::write(wake_.get(), &one, sizeof one);
  }

  static void drain(int fd) {
    char buf[4096];
    while (::read(fd, buf, sizeof buf) > 0) {
    }
  }

  template <class... Ts>
  void tell(Ts&&... xs) {
    if (auto strong = owner_.lock())
      caf::anon_send(caf::actor_cast<store_writer_actor>(strong), std::forward<Ts>(xs)...);
  }

  void run() {
    for (;;) {
      pollfd fds[2] = {{inotify_.get(), POLLIN, 0}, {wake_.get(), POLLIN, 0}};
      // The timeout is a safety net for a missed inotify event, not a poll loop.
      ::poll(fds, 2, 2000);
      drain(inotify_.get());
      drain(wake_.get());
      bool stopping = false;
      do {
        std::vector<Request> round;
        {
          std::lock_guard<std::mutex> lock(mu_);
          std::size_t events = 0;
          // Whole requests only, so each stays one atomic append.
          while (!queue_.empty() &&
                 (round.empty() || events + queue_.front().drafts.size() <= max_batch_)) {
            events += queue_.front().drafts.size();
            round.push_back(std::move(queue_.front()));
            queue_.pop_front();
          }
          stopping = stopping_ && queue_.empty();
        }
        commit(std::move(round));
      } while (!stopping && has_queued());
      if (stopping) return;
    }
  }

  bool has_queued() {
    std::lock_guard<std::mutex> lock(mu_);
    return !queue_.empty();
  }

  // One group commit: every queued draft in one append, then follow the log
  // (which publishes them and anything other processes appended), then reply.
  void commit(std::vector<Request> round) {
    std::vector<events::Draft> batch;
    for (auto& r : round)
      for (auto& d : r.drafts) batch.push_back(std::move(d));
    std::optional<Result<std::vector<events::Appended>>> appended;
    if (!batch.empty()) appended = log_->append(std::move(batch));
    follow();
    std::size_t next = 0;
    for (auto& r : round) {
      std::vector<std::uint64_t> seqs;
      std::string error;
      if (appended && appended->ok()) {
        for (std::size_t i = 0; i < r.drafts.size(); ++i) seqs.push_back((**appended)[next++].seq);
      } else if (appended) {
        error = appended->error().message;
      }
      tell(committed_atom::value, r.id, std::move(seqs), std::move(error));
    }
  }

  void follow() {
    std::vector<events::Event> out;
    events::Event e;
    for (;;) {
      auto n = reader_.next(e);
      if (n == events::LogReader::Next::event) {
        out.push_back(std::move(e));
        e = events::Event{};
      } else if (n == events::LogReader::Next::end) {
        break;
      } else {
        spdlog::warn("store_writer: skipping {}", reader_.corruption().describe());
        reader_.skip_corrupt();
      }
    }
    if (out.empty()) return;
    // Fold before publishing so a subscriber that queries state.db sees them.
    if (auto r = projector_->catch_up(); !r)
      spdlog::warn("store_writer: fold stopped: {}", r.error().message);
    tell(followed_atom::value, std::move(out));
  }

  std::unique_ptr<events::EventLog> log_;
  std::unique_ptr<store::Projector> projector_;
  events::LogReader reader_;
  std::string events_dir_;
  std::size_t max_batch_;
  UniqueFd inotify_;
  UniqueFd wake_;
  std::mutex mu_;
  std::deque<Request> queue_;
  bool stopping_ = false;
  std::thread thread_;
  caf::weak_actor_ptr owner_;
};

StoreWriterState::~StoreWriterState() {
  if (io) io->stop();
}

Result<std::shared_ptr<StoreIo>> open_store_io(const config::Paths& paths,
                                               StoreWriterOptions opts) {
  events::LogOptions lo = opts.log;
  lo.seq_floor = store::projection_seq_floor(paths);
  auto log = events::EventLog::open(paths.events_dir, lo);
  if (!log) return log.error();
  events::EventLog* raw_log = log->get();
  store::ProjectorOptions popts;
  // A rebuild announces itself through this process's log handle.
  popts.append_event = [raw_log](events::Draft d) -> Status {
    auto r = raw_log->append(std::move(d));
    if (!r) return r.error();
    return ok_status();
  };
  auto projector = store::Projector::open(paths, std::move(popts));
  if (!projector) return projector.error();
  // Fold what earlier runs and other processes appended, so actors that read
  // the projection at start (the scheduler) see it; open() does not.
  if (auto r = (*projector)->catch_up(); !r)
    spdlog::warn("store_writer: fold stopped: {}", r.error().message);
  // Publish what comes after the fold; what the projection holds is history.
  // (Starting at the log's end instead would lose events another process
  // appended between the fold and that read: folded, but never published.)
  auto last = (*projector)->last_seq();
  auto io = std::make_shared<StoreIo>(std::move(*log), std::move(*projector), paths.events_dir,
                                      opts.max_batch);
  if (auto s = io->prepare(last); !s) return s.error();
  return io;
}

store::Database& projection(StoreIo& io) { return io.database(); }

store_writer_actor::behavior_type store_writer(
  store_writer_actor::stateful_pointer<StoreWriterState> self, std::shared_ptr<StoreIo> io,
  bool start_paused) {
  self->state.io = std::move(io);
  if (!start_paused) self->state.io->start(caf::weak_actor_ptr{self->ctrl()});
  self->set_down_handler([self](caf::down_msg& msg) {
    auto& subs = self->state.subscribers;
    subs.erase(std::remove_if(subs.begin(), subs.end(),
                              [&](const auto& s) { return s.address() == msg.source; }),
               subs.end());
  });
  return {
    [self](append_atom,
           const std::vector<events::Draft>& drafts) -> caf::result<std::vector<std::uint64_t>> {
      if (drafts.empty()) return std::vector<std::uint64_t>{};
      auto id = self->state.next_request++;
      auto promise = self->make_response_promise<std::vector<std::uint64_t>>();
      self->state.pending.emplace(id, promise);
      self->state.io->submit(id, drafts);
      return promise;
    },
    [self](subscribe_atom, const event_subscriber_actor& sub) {
      auto& subs = self->state.subscribers;
      // Subscribing twice (by a parent and by the actor itself) is one subscription.
      if (std::find(subs.begin(), subs.end(), sub) != subs.end()) return;
      self->monitor(sub);
      subs.push_back(sub);
    },
    [self](stop_atom) { self->quit(); },
    [self](start_atom) { self->state.io->start(caf::weak_actor_ptr{self->ctrl()}); },
    [self](followed_atom, const std::vector<events::Event>& events) {
      for (auto& sub : self->state.subscribers) self->send(sub, event_atom::value, events);
    },
    [self](committed_atom, std::uint64_t id, const std::vector<std::uint64_t>& seqs,
           const std::string& error) {
      auto it = self->state.pending.find(id);
      if (it == self->state.pending.end()) return;
      if (error.empty())
        it->second.deliver(seqs);
      else
        it->second.deliver(caf::make_error(caf::sec::runtime_error, error));
      self->state.pending.erase(it);
    },
  };
}

Result<store_writer_actor> spawn_store_writer(caf::actor_system& sys, const config::Paths& paths,
                                              StoreWriterOptions opts) {
  bool opts_paused = opts.start_paused;
  auto io = open_store_io(paths, std::move(opts));
  if (!io) return io.error();
  return sys.spawn(store_writer, std::move(*io), opts_paused);
}

}  // namespace ta::actors
