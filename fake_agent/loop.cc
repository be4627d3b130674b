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

}  // namespace

int run_event_loop(const Options& opts, Transcript& transcript) {
  auto opened = Terminal::open();
  if (!opened) {
    std::fprintf(stderr, "team-agent: %s\n", opened.error().message.c_str());
    return 1;
  }
  Terminal& term = **opened;
  term.write("\x1b[2J");
  Behaviour agent(opts, transcript);
  InputParser parser;
  ReplyRunner replies(opts.id);
  bool input_open = true;
  std::optional<TimePoint> redraw_at = Clock::now(), dirty_since, escape_at;
  std::vector<Key> keys;

  while (!agent.exit_request()) {
    TimePoint now = Clock::now();
    if (!input_open && !agent.busy() && !replies.busy()) {
      agent.request_exit(0, "end of input");
      break;
    }
    std::vector<pollfd> fds{{term.signal_fd(), POLLIN, 0}};
    if (input_open) fds.push_back({term.input_fd(), POLLIN, 0});
    replies.add_pollfds(fds);
    int timeout = poll_timeout(now, {agent.next_deadline(now), redraw_at, escape_at});
    if (::poll(fds.data(), fds.size(), timeout) < 0 && errno != EINTR) break;
    now = Clock::now();

    for (int sig : term.take_signals()) {
      if (sig == SIGWINCH) {
        term.refresh_size();
        redraw_at = now;
      } else {
        agent.request_exit(128 + sig, std::string("signal ") + std::to_string(sig));
      }
    }
    bool got_input = false;
    if (input_open && fds.size() > 1 && (fds[1].revents & (POLLIN | POLLHUP | POLLERR))) {
      std::string bytes;
      input_open = read_input(term.input_fd(), bytes);
      got_input = !bytes.empty();
      keys.clear();
      parser.feed(bytes, keys);
      if (!input_open) parser.flush_pending(keys);
      for (const auto& k : keys) agent.on_key(k, now);
    }
    if (parser.has_pending_escape()) {
      if (!escape_at) escape_at = now + kEscapeWait;
      if (now >= *escape_at) {
        keys.clear();
        parser.flush_pending(keys);
        for (const auto& k : keys) agent.on_key(k, now);
      }
    }
    if (!parser.has_pending_escape()) escape_at.reset();

    for (auto& outcome : replies.service(fds)) agent.on_reply_done(outcome);
    agent.on_tick(now);
    for (auto& r : agent.take_reply_requests()) replies.start(std::move(r));

    if (agent.take_changed()) {
      if (!dirty_since) dirty_since = now;
      // Input may keep coming (a paste in many chunks): wait for a pause.
      auto due = got_input ? now + kInputSettle : now;
      redraw_at = std::min(due, *dirty_since + kMaxRedrawDelay);
    }
    if (redraw_at && now >= *redraw_at) {
      term.write(draw(render(opts, agent.screen(now), term.columns(), term.rows()), term.rows()));
      redraw_at.reset();
      dirty_since.reset();
    }
  }

  ExitRequest exit = agent.exit_request().value_or(ExitRequest{1, "poll failed"});
  transcript.write("exiting", {{"code", exit.code}, {"reason", exit.reason}});
  term.write(
      draw(render(opts, agent.screen(Clock::now()), term.columns(), term.rows()), term.rows()));
  term.write("\x1b[" + std::to_string(term.rows()) + ";1H\r\n");
  term.write("fake agent " + opts.id + " exited (" + exit.reason + ", code " +
             std::to_string(exit.code) + ")\r\n");
  return exit.code;
}

}  // namespace ta::fake
