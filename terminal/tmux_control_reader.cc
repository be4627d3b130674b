// The reader thread of TmuxControl: attaches the control client, reads its
// lines, completes replies, turns %output into signals, and re-attaches
// after the server went away.
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

#include "terminal/tmux_control.h"

namespace ta::terminal {

namespace {

using Clock = std::chrono::steady_clock;
constexpr std::chrono::milliseconds kMinBackoff{25};
// How long a detaching client may take to exit before it is killed.
constexpr std::chrono::milliseconds kDetachGrace{1000};
constexpr std::size_t kMaxStderr = 4096;

std::string join_lines(const std::vector<std::string>& lines) {
  std::string s;
  for (auto& l : lines) {
    if (!s.empty()) s += "; ";
    s += l;
  }
  return s;
}

std::string first_line(const std::string& s) {
  auto nl = s.find('\n');
  return nl == std::string::npos ? s : s.substr(0, nl);
}

}  // namespace

void TmuxControl::reader_loop() {
  auto backoff = kMinBackoff;
  for (;;) {
    {
      std::lock_guard<std::mutex> g(mu_);
      if (closing_) break;
    }
    if (attach_once()) {
      for (;;) {
        {
          std::lock_guard<std::mutex> g(mu_);
          if (closing_) break;
        }
        if (!child_.out.valid()) break;
        pump(-1);
      }
      if (child_.out.valid()) {  // closing while attached
        detach();
        break;
      }
      backoff = attached_ ? kMinBackoff : std::min(backoff * 2, options_.reconnect_max_backoff);
    } else {
      backoff = std::min(backoff * 2, options_.reconnect_max_backoff);
    }
    wait_wake(backoff);
  }
  lose_connection("the tmux control connection was closed");
}

bool TmuxControl::attach_once() {
  // `attach-session` would start a server of its own when none runs; that
  // server would find no session and exit, so only knock when one answers.
  if (!server_.running()) {
    lose_connection("tmux server " + server_.socket_name() + " is not running");
    return false;
  }
  auto argv = server_.base_argv();
  argv.insert(argv.end(),
              {"-C", "attach-session", "-t", "=" + options_.session, "-f",
               "ignore-size,pause-after=" + std::to_string(options_.pause_after_seconds)});
  auto c = spawn_process(argv, server_.child_env());
  if (!c) {
    lose_connection(c.error().message);
    return false;
  }
  child_ = std::move(*c);
  parser_ = ControlParser();
  read_buf_.clear();
  err_text_.clear();
  exit_reason_.clear();
  attach_error_.clear();
  attached_ = false;
  std::lock_guard<std::mutex> w(write_mu_);
  std::lock_guard<std::mutex> g(mu_);
  in_fd_ = child_.in.get();
  child_pid_ = child_.pid;
  return true;
}

void TmuxControl::pump(int timeout_ms) {
  pollfd fds[3];
  nfds_t n = 0;
  int out_i = -1, err_i = -1, wake_i = -1;
  fds[n] = {child_.out.get(), POLLIN, 0};
  out_i = static_cast<int>(n++);
  if (child_.err.valid()) {
    fds[n] = {child_.err.get(), POLLIN, 0};
    err_i = static_cast<int>(n++);
  }
  fds[n] = {wake_fd_.get(), POLLIN, 0};
  wake_i = static_cast<int>(n++);
  if (::poll(fds, n, timeout_ms) <= 0) return;
  if (fds[wake_i].revents & POLLIN) {
    std::uint64_t v;
    (void)!::read(wake_fd_.get(), &v, sizeof v);
  }
  char buf[65536];
  if (err_i >= 0 && (fds[err_i].revents & (POLLIN | POLLHUP | POLLERR))) {
    ssize_t k = ::read(child_.err.get(), buf, sizeof buf);
    if (k > 0 && err_text_.size() < kMaxStderr) err_text_.append(buf, static_cast<size_t>(k));
    else if (k == 0 || (k < 0 && errno != EINTR && errno != EAGAIN)) child_.err.reset();
  }
  if (fds[out_i].revents & (POLLIN | POLLHUP | POLLERR)) {
    ssize_t k = ::read(child_.out.get(), buf, sizeof buf);
    if (k > 0) {
      read_buf_.append(buf, static_cast<size_t>(k));
      size_t start = 0;
      for (;;) {
        auto nl = read_buf_.find('\n', start);
        if (nl == std::string::npos) break;
        handle_line(std::string_view(read_buf_.data() + start, nl - start));
        start = nl + 1;
      }
      read_buf_.erase(0, start);
    } else if (k == 0 || (errno != EINTR && errno != EAGAIN)) {
      client_exited();
    }
  }
}

void TmuxControl::client_exited() {
  const std::string& server = server_.socket_name();
  std::string why;
  if (!attach_error_.empty())
    why = "cannot attach to tmux session \"" + options_.session + "\" on server " + server +
          " (" + attach_error_ + ")";
  else if (attached_)
    why = "tmux server " + server + " closed the control connection" +
          (exit_reason_.empty() ? "" : " (" + exit_reason_ + ")");
  else
    why = "the tmux control client for server " + server + " exited before attaching" +
          (err_text_.empty() ? "" : " (" + first_line(err_text_) + ")");
  lose_connection(why);
  wait_process(child_.pid);
  child_ = ChildProcess{};
}

void TmuxControl::detach() {
  lose_connection("the tmux control connection was closed");
  // End of input makes the client detach and exit cleanly.
  ::shutdown(child_.in.get(), SHUT_WR);
  auto deadline = Clock::now() + kDetachGrace;
  while (child_.out.valid()) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) break;
    pump(static_cast<int>(left.count()));
  }
  if (child_.out.valid()) {
    ::kill(child_.pid, SIGKILL);
    wait_process(child_.pid);
    child_ = ChildProcess{};
  }
}

void TmuxControl::handle_line(std::string_view line) {
  auto ev = parser_.feed(line);
  if (ev.reply) handle_reply(std::move(*ev.reply));
  if (ev.notification) handle_notification(*ev.notification);
}

void TmuxControl::handle_reply(ControlReply reply) {
  if (!reply.from_control_input()) {
    // The client's own attach-session: its end is the moment we are attached.
    if (attached_) return;
    if (!reply.ok) {
      attach_error_ = join_lines(reply.lines);
      return;
    }
    attached_ = true;
    set_state(true, "");
    return;
  }
  Pending p;
  {
    std::lock_guard<std::mutex> g(mu_);
    if (pending_.empty()) return;  // nobody is waiting for it (cannot happen in order)
    p = std::move(pending_.front());
    pending_.pop_front();
  }
  if (reply.ok)
    p.promise->set_value(std::move(reply.lines));
  else
    p.promise->set_value(
        make_error("tmux " + p.command_name + " failed: " + join_lines(reply.lines)));
}

void TmuxControl::handle_notification(const ControlNotification& n) {
  switch (n.kind) {
    case NotificationKind::output:
    case NotificationKind::pause: {
      if (n.kind == NotificationKind::pause) ++pauses_;
      std::shared_ptr<const std::vector<OutputCallback>> cbs;
      {
        std::lock_guard<std::mutex> g(cb_mu_);
        cbs = output_cbs_;
      }
      for (auto& cb : *cbs) cb(n.pane);
      // We fell behind on this pane: the backlog tmux dropped is not needed
      // (the signal above says "look again"), so resume it at once.
      if (n.kind == NotificationKind::pause) {
        write_or_fail("refresh-client -A " + quote_word(n.pane + ":continue"),
                      std::make_shared<Promise>());
      }
      break;
    }
    case NotificationKind::exit:
      exit_reason_ = n.value;
      break;
    default:
      if (n.name == "layout-change") {
        std::shared_ptr<const std::vector<LayoutCallback>> cbs;
        {
          std::lock_guard<std::mutex> g(cb_mu_);
          cbs = layout_cbs_;
        }
        const auto window = n.args.substr(0, n.args.find(' '));
        for (auto& cb : *cbs) cb(window);
      }
      break;
  }
}

void TmuxControl::set_state(bool up, const std::string& why) {
  bool changed;
  {
    std::lock_guard<std::mutex> g(mu_);
    changed = connected_ != up;
    connected_ = up;
    if (up) {
      ++generation_;
      last_error_.clear();
    } else {
      last_error_ = why;
    }
    first_attempt_done_ = true;
  }
  if (changed) {
    std::shared_ptr<const std::vector<StateCallback>> cbs;
    {
      std::lock_guard<std::mutex> g(cb_mu_);
      cbs = state_cbs_;
    }
    for (auto& cb : *cbs) cb(up, why);
  }
  // Waiters wake only now: whoever waited for the connection finds every
  // state observer already told.
  {
    std::lock_guard<std::mutex> g(mu_);
    if (connected_ == up) announced_ = up;
  }
  state_cv_.notify_all();
}

void TmuxControl::lose_connection(const std::string& why) {
  std::deque<Pending> failed;
  {
    // write_mu_ first: no writer is mid-line on the old client afterwards.
    std::lock_guard<std::mutex> w(write_mu_);
    std::lock_guard<std::mutex> g(mu_);
    in_fd_ = -1;
    child_pid_ = -1;
    failed.swap(pending_);
  }
  set_state(false, why);
  for (auto& p : failed) p.promise->set_value(make_error(why));
}

bool TmuxControl::wait_wake(std::chrono::milliseconds timeout) {
  pollfd p{wake_fd_.get(), POLLIN, 0};
  if (::poll(&p, 1, static_cast<int>(timeout.count())) <= 0) return false;
  std::uint64_t v;
  (void)!::read(wake_fd_.get(), &v, sizeof v);
  return true;
}

}  // namespace ta::terminal
