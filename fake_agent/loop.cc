// The fake agent's event loop: one poll() over the terminal, the signal pipe
// and the reply pipes; input is read in large chunks and the screen is
// redrawn only once input settles, so a 200 KiB paste costs one redraw.
#include "fake_agent/loop.h"

#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>

#include "fake_agent/behaviour.h"
#include "fake_agent/reply.h"
#include "fake_agent/terminal.h"

namespace ta::fake {

namespace {

using std::chrono::milliseconds;

constexpr milliseconds kInputSettle{8};       // redraw once input pauses this long
constexpr milliseconds kMaxRedrawDelay{100};  // …or at the latest after this
constexpr milliseconds kEscapeWait{30};       // a lone ESC is the Esc key after this
constexpr std::size_t kReadChunk = 1 << 16;
constexpr std::size_t kMaxReadPerWake = 1 << 20;  // keep timers responsive

std::string draw(const Frame& f, int rows) {
  std::string out = "\x1b[?25l";
  for (int r = 0; r < rows; ++r) {
    out += "\x1b[" + std::to_string(r + 1) + ";1H";
    if (r < static_cast<int>(f.lines.size())) out += f.lines[static_cast<std::size_t>(r)];
    out += "\x1b[K";
  }
  out += "\x1b[" + std::to_string(f.cursor_row + 1) + ";" + std::to_string(f.cursor_col + 1) +
         "H\x1b[?25h";
  return out;
}

int poll_timeout(TimePoint now, std::initializer_list<std::optional<TimePoint>> deadlines) {
  std::optional<TimePoint> first;
  for (const auto& d : deadlines)
    if (d) first = first ? std::min(*first, *d) : *d;
  if (!first) return -1;
  if (*first <= now) return 0;
  auto ms = std::chrono::duration_cast<milliseconds>(*first - now).count() + 1;
  return static_cast<int>(std::min<long long>(ms, 60000));
}

// Reads what the terminal has; false at end of input.
bool read_input(int fd, std::string& into) {
  char buf[kReadChunk];
  while (into.size() < kMaxReadPerWake) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    into.append(buf, static_cast<std::size_t>(n));
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 0) <= 0 || !(p.revents & POLLIN)) break;
  }
  return true;
}

// One fake agent in one terminal: the state the loop carries from one
// wake-up to the next.
class EventLoop {
 public:
  EventLoop(const Options& opts, Transcript& transcript, SessionFile& session, Terminal& term)
      : opts_(opts), transcript_(transcript), term_(term), agent_(opts, transcript, session),
        replies_(opts.id, opts.mcp_config) {}

  int run() {
    while (!agent_.exit_request()) {
      if (!input_open_ && !agent_.busy() && !replies_.busy()) {
        agent_.request_exit(0, "end of input");
        break;
      }
      std::vector<pollfd> fds;
      if (!wait(fds)) break;
      TimePoint now = Clock::now();
      take_signals(now);
      bool got_input = read_keys(fds, now);
      flush_lone_escape(now);
      for (auto& outcome : replies_.service(fds)) agent_.on_reply_done(outcome);
      agent_.on_tick(now);
      for (auto& r : agent_.take_reply_requests()) replies_.start(std::move(r));
      if (agent_.take_changed()) schedule_redraw(got_input, now);
      if (redraw_at_ && now >= *redraw_at_) {
        if (!agent_.frozen()) redraw(now);  // a hung agent draws nothing, not even a resize
        redraw_at_.reset();
        dirty_since_.reset();
      }
    }
    return finish();
  }

 private:
  // Polls the signal pipe, the terminal and the reply pipes until one is
  // ready or the next deadline; false when poll() itself failed.
  bool wait(std::vector<pollfd>& fds) {
    TimePoint now = Clock::now();
    fds = {{term_.signal_fd(), POLLIN, 0}};
    if (input_open_) fds.push_back({term_.input_fd(), POLLIN, 0});
    replies_.add_pollfds(fds);
    int timeout = poll_timeout(now, {agent_.next_deadline(now), redraw_at_, escape_at_});
    return !(::poll(fds.data(), fds.size(), timeout) < 0 && errno != EINTR);
  }

  // SIGWINCH redraws at the new size; any other signal ends the agent.
  void take_signals(TimePoint now) {
    for (int sig : term_.take_signals()) {
      if (sig == SIGWINCH) {
        term_.refresh_size();
        redraw_at_ = now;
      } else {
        agent_.request_exit(128 + sig, std::string("signal ") + std::to_string(sig));
      }
    }
  }

  // Hands the keys the terminal sent to the agent; whether any bytes came.
  bool read_keys(const std::vector<pollfd>& fds, TimePoint now) {
    if (!input_open_ || fds.size() < 2 || !(fds[1].revents & (POLLIN | POLLHUP | POLLERR)))
      return false;
    std::string bytes;
    input_open_ = read_input(term_.input_fd(), bytes);
    std::vector<Key> keys;
    parser_.feed(bytes, keys);
    if (!input_open_) parser_.flush_pending(keys);
    for (const auto& k : keys) agent_.on_key(k, now);
    return !bytes.empty();
  }

  // An ESC nothing followed for kEscapeWait is the Esc key.
  void flush_lone_escape(TimePoint now) {
    if (parser_.has_pending_escape()) {
      if (!escape_at_) escape_at_ = now + kEscapeWait;
      if (now >= *escape_at_) {
        std::vector<Key> keys;
        parser_.flush_pending(keys);
        for (const auto& k : keys) agent_.on_key(k, now);
      }
    }
    if (!parser_.has_pending_escape()) escape_at_.reset();
  }

  void schedule_redraw(bool got_input, TimePoint now) {
    if (!dirty_since_) dirty_since_ = now;
    // Input may keep coming (a paste in many chunks): wait for a pause.
    auto due = got_input ? now + kInputSettle : now;
    redraw_at_ = std::min(due, *dirty_since_ + kMaxRedrawDelay);
  }

  void redraw(TimePoint now) {
    term_.write(draw(render(opts_, agent_.screen(now), term_.columns(), term_.rows()), term_.rows()));
    agent_.on_drawn();
  }

  // Records why the agent exits, leaves its last screen and a closing line.
  int finish() {
    ExitRequest exit = agent_.exit_request().value_or(ExitRequest{1, "poll failed"});
    transcript_.write("exiting", {{"code", exit.code}, {"reason", exit.reason}});
    redraw(Clock::now());
    term_.write("\x1b[" + std::to_string(term_.rows()) + ";1H\r\n");
    term_.write("fake agent " + opts_.id + " exited (" + exit.reason + ", code " +
                std::to_string(exit.code) + ")\r\n");
    return exit.code;
  }

  const Options& opts_;
  Transcript& transcript_;
  Terminal& term_;
  Behaviour agent_;
  InputParser parser_;
  ReplyRunner replies_;
  bool input_open_ = true;
  std::optional<TimePoint> redraw_at_ = Clock::now(), dirty_since_, escape_at_;
};

}  // namespace

int run_event_loop(const Options& opts, Transcript& transcript, SessionFile& session) {
  auto opened = Terminal::open();
  if (!opened) {
    std::fprintf(stderr, "team-agent: %s\n", opened.error().message.c_str());
    return 1;
  }
  Terminal& term = **opened;
  term.write("\x1b[2J");
  EventLoop loop(opts, transcript, session, term);
  return loop.run();
}

}  // namespace ta::fake
