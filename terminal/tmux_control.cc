#include "terminal/tmux_control.h"

#include <poll.h>
#include <signal.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

namespace ta::terminal {

namespace {

using Clock = std::chrono::steady_clock;
constexpr std::chrono::microseconds kSpinBeforeSleep{200};

std::string excerpt(const std::string& line) {
  return line.size() <= 60 ? line : line.substr(0, 57) + "...";
}

}  // namespace

TmuxControl::TmuxControl(TmuxServer server, ControlOptions options)
    : server_(std::move(server)),
      options_(std::move(options)),
      output_cbs_(std::make_shared<std::vector<OutputCallback>>()),
      state_cbs_(std::make_shared<std::vector<StateCallback>>()),
      layout_cbs_(std::make_shared<std::vector<LayoutCallback>>()) {}

Result<std::unique_ptr<TmuxControl>> TmuxControl::connect(TmuxServer server,
                                                          ControlOptions options) {
  auto name_ok = check_session_name(options.session);
  if (!name_ok) return name_ok.error();
  std::unique_ptr<TmuxControl> c(new TmuxControl(std::move(server), std::move(options)));
  int efd = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (efd < 0) return make_error("cannot create an eventfd: " + errno_text(errno));
  c->wake_fd_.reset(efd);
  c->reader_ = std::thread([p = c.get()] { p->reader_loop(); });
  c->reader_id_ = c->reader_.get_id();  // only read by callers, who get `c` after this
  bool up;
  std::string why;
  {
    std::unique_lock<std::mutex> lk(c->mu_);
    c->state_cv_.wait_for(lk, c->options_.connect_timeout,
                          [&] { return c->first_attempt_done_; });
    up = c->connected_;
    why = c->first_attempt_done_ ? c->last_error_
                                 : "tmux did not answer within " +
                                       std::to_string(c->options_.connect_timeout.count()) +
                                       " ms";
  }
  if (!up) {
    c->close();
    return make_error(why + "; start the team's tmux session first");
  }
  return c;
}

TmuxControl::~TmuxControl() { close(); }

void TmuxControl::close() {
  {
    std::lock_guard<std::mutex> g(mu_);
    closing_ = true;
  }
  if (wake_fd_.valid()) {
    std::uint64_t one = 1;
    (void)!::write(wake_fd_.get(), &one, sizeof one);
  }
  // A callback closing its own connection cannot join the thread it runs on.
  if (reader_.joinable() && std::this_thread::get_id() != reader_.get_id()) reader_.join();
}

// --- Commands ---------------------------------------------------------------

TmuxControl::Reply TmuxControl::command(const std::string& line) {
  return command(line, options_.command_timeout);
}

TmuxControl::Reply TmuxControl::command(const std::string& line,
                                        std::chrono::milliseconds timeout) {
  if (std::this_thread::get_id() == reader_id_)
    return make_error("a tmux output callback cannot wait for a command's reply (the reader "
                      "thread delivers replies); post a message and run the command elsewhere");
  auto fut = command_async(line);
  // A reply usually arrives within tens of microseconds; yielding briefly
  // before sleeping on the future saves a futex sleep and wake-up, which
  // costs as much again as the round trip (measured ~70 -> ~35 us per
  // capture). Bounded, so a slow command burns at most kSpinBeforeSleep;
  // one spinner at a time, as several would take the CPU from tmux itself.
  if (spinners_.fetch_add(1) == 0) {
    auto spin_until = Clock::now() + kSpinBeforeSleep;
    while (fut.wait_for(std::chrono::seconds(0)) != std::future_status::ready &&
           Clock::now() < spin_until)
      std::this_thread::yield();
  }
  spinners_.fetch_sub(1);
  if (fut.wait_for(timeout) != std::future_status::ready)
    return make_error("tmux did not answer \"" + excerpt(line) + "\" within " +
                      std::to_string(timeout.count()) + " ms; the server may be overloaded");
  return fut.get();
}

std::future<TmuxControl::Reply> TmuxControl::command_async(const std::string& line) {
  auto promise = std::make_shared<Promise>();
  auto fut = promise->get_future();
  auto ok = check_single_command(line);
  if (!ok) promise->set_value(ok.error());
  else write_or_fail(line, std::move(promise));
  return fut;
}

void TmuxControl::write_or_fail(const std::string& line, std::shared_ptr<Promise> promise) {
  std::lock_guard<std::mutex> w(write_mu_);
  int fd;
  {
    std::lock_guard<std::mutex> g(mu_);
    if (!connected_) {
      promise->set_value(make_error("not connected to tmux server " + server_.socket_name() +
                                    (last_error_.empty() ? "" : " (" + last_error_ + ")") +
                                    "; retry once it is back"));
      return;
    }
    pending_.push_back(Pending{std::move(promise), line.substr(0, line.find(' '))});
    fd = in_fd_;
  }
  std::string wire = line;
  wire.push_back('\n');
  auto sent = send_all(fd, wire, Clock::now() + options_.command_timeout);
  if (!sent) {
    // Part of the line may be on the wire: nothing after it could be
    // matched reliably, so drop this client; the reader fails every pending
    // command and reconnects.
    std::lock_guard<std::mutex> g(mu_);
    if (in_fd_ == fd && child_pid_ > 0) ::kill(child_pid_, SIGKILL);
  }
}

TmuxControl::Reply TmuxControl::run(const std::vector<std::string>& words) {
  auto line = command_line(words);
  if (!line) return line.error();
  return command(*line);
}

Status TmuxControl::load_buffer(const std::string& name, std::string_view data) {
  if (auto st = refuse_empty_buffer(data); !st) return st;
  if (data.find('\0') == std::string_view::npos) {
    std::string quoted = quote_word(data);
    if (quoted.size() <= options_.max_set_buffer_bytes) {
      auto r = command("set-buffer -b " + quote_word(name) + " -- " + quoted);
      if (!r) return r.error();
      return ok_status();
    }
  }
  return server_.load_buffer(name, data);
}

// --- Observers --------------------------------------------------------------

void TmuxControl::on_output(OutputCallback cb) {
  std::lock_guard<std::mutex> g(cb_mu_);
  auto next = std::make_shared<std::vector<OutputCallback>>(*output_cbs_);
  next->push_back(std::move(cb));
  output_cbs_ = std::move(next);
}

void TmuxControl::on_layout(LayoutCallback cb) {
  std::lock_guard<std::mutex> g(cb_mu_);
  auto next = std::make_shared<std::vector<LayoutCallback>>(*layout_cbs_);
  next->push_back(std::move(cb));
  layout_cbs_ = std::move(next);
}

void TmuxControl::on_state(StateCallback cb) {
  std::lock_guard<std::mutex> g(cb_mu_);
  auto next = std::make_shared<std::vector<StateCallback>>(*state_cbs_);
  next->push_back(std::move(cb));
  state_cbs_ = std::move(next);
}

bool TmuxControl::connected() const {
  std::lock_guard<std::mutex> g(mu_);
  return connected_;
}

std::uint64_t TmuxControl::generation() const {
  std::lock_guard<std::mutex> g(mu_);
  return generation_;
}

std::string TmuxControl::last_error() const {
  std::lock_guard<std::mutex> g(mu_);
  return last_error_;
}

bool TmuxControl::wait_connected(std::chrono::milliseconds timeout) const {
  std::unique_lock<std::mutex> lk(mu_);
  return state_cv_.wait_for(lk, timeout, [&] { return announced_ || closing_; }) && announced_;
}

bool TmuxControl::wait_disconnected(std::chrono::milliseconds timeout) const {
  std::unique_lock<std::mutex> lk(mu_);
  return state_cv_.wait_for(lk, timeout, [&] { return !announced_; });
}

}  // namespace ta::terminal
